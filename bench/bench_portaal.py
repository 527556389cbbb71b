"""The provider portal at scale (issue 15): an evidence wallet of 200 documents and a draft inschrijving on a
procedure with 100 eisen over five percelen, most of them answered, the document eisen with linked evidence.

Measures the wallet, the eisen pages (whole inschrijving and one perceel), the eigen verklaring, the overview
and two single eis pages (a document eis with a full wallet to offer, and a ja/nee eis) against the trivial view:
server time p50/p95 and queries per page. Data is built with bulk_create; the files themselves are not needed
(no measured page opens one), so the rows carry a storage name and the text a scan would have extracted.
"""

from datetime import date, timedelta
from itertools import cycle

from django.test import Client
from django.utils import timezone

from aanbesteding.models import Aanbesteding, Documentsoort, Eis, Perceel, Toetredingsmoment
from bench.meten import druk_af, meet, meet_basis
from inschrijving.models import Antwoord, Bewijsstuk, Inschrijving, InschrijvingPerceel, Lid
from organisaties.models import Lidmaatschap, Organisatie, Regio, User

EISEN = 100
PERCELEN = 5
BEWIJSSTUKKEN = 200
# The text extracted from a PDF of a few pages (the scan task keeps up to 500,000 characters, tasks.MAX_TEKST).
TEKST = "Uittreksel uit het Handelsregister van de Kamer van Koophandel. " * 300
# Other regions' open procedures asking for the same kinds: the wallet shows per document how long it serves each.
ANDERE_REGIOS = 3
# The kinds the document eisen ask for, with this procedure's maximum age (003b §5; None = no maximum age).
SOORTEN = [
    (Documentsoort.KVK_UITTREKSEL, 3), (Documentsoort.GEDRAGSVERKLARING, 24), (Documentsoort.VOG, 3),
    (Documentsoort.REGISTRATIE, None), (Documentsoort.KEURMERK, None), (Documentsoort.VERZEKERING, 12),
]


def _eis(a, percelen, n):
    """Eis ``n``: every 10th general and an uitsluitingsgrond, every 5th general, the rest over the percelen;
    answer types in turn, every 4th a document eis, every 7th asked per member too."""
    soort = Eis.Soort.UITSLUITINGSGROND if n % 10 == 0 else Eis.Soort.GESCHIKTHEIDSEIS if n % 2 else Eis.Soort.UITVOERINGSEIS
    perceel = None if n % 5 == 0 else percelen[n % PERCELEN]
    typen = [Eis.Antwoordtype.DOCUMENT, Eis.Antwoordtype.JA_NEE, Eis.Antwoordtype.TEKST, Eis.Antwoordtype.GETAL]
    antwoordtype = typen[n % 4]
    documentsoort, maanden = SOORTEN[n % len(SOORTEN)] if antwoordtype == Eis.Antwoordtype.DOCUMENT else ("", None)
    return Eis(
        aanbesteding=a, perceel=perceel, code=f"E{n:03d}", soort=soort, antwoordtype=antwoordtype,
        tekst=f"Eis {n}: de aanbieder beschikt over wat de regio vraagt. " * 6, toelichting="Zie het bestek.",
        documentsoort=documentsoort, max_leeftijd_maanden=maanden, max_woorden=500 if antwoordtype == Eis.Antwoordtype.TEKST else None,
        per_lid=n % 7 == 0, volgorde=n,
    )


def _data():
    regio = Regio.objects.create(naam="Gooi en Vechtstreek (bench)", slug="gooi-portaal-bench")
    og = Organisatie.objects.create(soort="opdrachtgever", naam="Regio Gooi en Vechtstreek", regio=regio, kvk_nummer="90000002")
    a = Aanbesteding.objects.create(
        titel="Jeugdhulp Voorzieningen", slug="portaal-bench", regio=regio, opdrachtgever=og, status="open",
        looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31),
    )
    nu = timezone.now()
    moment = Toetredingsmoment.objects.create(aanbesteding=a, naam="Ronde (bench)", opent_op=nu - timedelta(days=10),
                                              sluit_op=nu + timedelta(days=20))
    for r in range(ANDERE_REGIOS):
        ander = Regio.objects.create(naam=f"Regio {r} (bench)", slug=f"regio-{r}-portaal-bench")
        og_ander = Organisatie.objects.create(soort="opdrachtgever", naam=f"Regio {r}", regio=ander, kvk_nummer=f"9100000{r}")
        procedure = Aanbesteding.objects.create(
            titel=f"Jeugdhulp regio {r}", slug=f"portaal-bench-{r}", regio=ander, opdrachtgever=og_ander, status="open",
            looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31),
        )
        Eis.objects.bulk_create([
            Eis(aanbesteding=procedure, code=f"D{k}", soort=Eis.Soort.GESCHIKTHEIDSEIS, antwoordtype=Eis.Antwoordtype.DOCUMENT,
                tekst="Document.", documentsoort=soort, max_leeftijd_maanden=(maanden + 3 * r) if maanden else None, volgorde=k)
            for k, (soort, maanden) in enumerate(SOORTEN)
        ])
    percelen = Perceel.objects.bulk_create([
        Perceel(aanbesteding=a, code=f"5.{i + 1}", naam=f"Perceel 5.{i + 1}", volgorde=i) for i in range(PERCELEN)
    ])
    eisen = Eis.objects.bulk_create([_eis(a, percelen, n) for n in range(EISEN)])
    org = Organisatie.objects.create(naam="Zorgkracht Gooi B.V.", kvk_nummer="30000001", plaats="Hilversum")
    user = User.objects.create_user("aanbieder@bench.example", "wachtwoord-lang-genoeg")
    Lidmaatschap.objects.create(user=user, organisatie=org, rol="beheerder")
    insch = Inschrijving.objects.create(aanbesteding=a, organisatie=org, toetredingsmoment=moment,
                                        vorm=Inschrijving.Vorm.COMBINATIE, aangemaakt_door=user)
    InschrijvingPerceel.objects.bulk_create([InschrijvingPerceel(inschrijving=insch, perceel=p) for p in percelen])
    lid = Lid.objects.create(inschrijving=insch, rol=Lid.Rol.COMBINANT, naam="De Brug Jeugdhulp", kvk_nummer="99990022")

    # 200 wallet documents: mostly the organisation's own, every 10th the combinant's; ages spread so some are
    # too old for this procedure, a few refused or still being checked.
    soorten = cycle([s for s, _ in SOORTEN] + [Documentsoort.JAARVERSLAG, Documentsoort.OVERIG])
    controles = cycle([Bewijsstuk.Controle.IN_ORDE] * 8 + [Bewijsstuk.Controle.BEZIG, Bewijsstuk.Controle.GEWEIGERD])
    vandaag = timezone.localdate()
    stukken = Bewijsstuk.objects.bulk_create([
        Bewijsstuk(
            organisatie=org, documentsoort=next(soorten), titel=f"Document {i}" if i % 3 == 0 else "",
            bestand=f"bench/{i:04d}.pdf", originele_naam=f"document-{i:04d}.pdf", grootte=12_345, sha256="0" * 64,
            mime_type="application/pdf", paginas=2, afgiftedatum=vandaag - timedelta(days=7 * i),
            geldig_tot=vandaag + timedelta(days=365 - 5 * i) if i % 4 == 0 else None, controle=next(controles),
            controle_melding="Versleuteld bestand." if i % 10 == 9 else "",
            tekst=TEKST,
            van_kvk_nummer=lid.kvk_nummer if i % 10 == 5 else "", van_naam=lid.naam if i % 10 == 5 else "",
        )
        for i in range(BEWIJSSTUKKEN)
    ])

    # Answers to 4 of every 5 eisen (the penvoerder's, and the member's where asked per member).
    antwoorden = []
    for n, eis in enumerate(eisen):
        if n % 5 == 4:
            continue
        for wie in ([None, lid] if eis.per_lid else [None]):
            antwoorden.append(Antwoord(
                inschrijving=insch, eis=eis, lid=wie, ja_nee=True if eis.antwoordtype == Eis.Antwoordtype.JA_NEE else None,
                tekst="Onze werkwijze in het kort. " * 20 if eis.antwoordtype == Eis.Antwoordtype.TEKST else "",
                getal=12 if eis.antwoordtype == Eis.Antwoordtype.GETAL else None, bijgewerkt_door=user,
            ))
    antwoorden = Antwoord.objects.bulk_create(antwoorden)
    # Each document answer gets up to four documents of its kind and owner from the wallet.
    per_soort = {}
    for b in stukken:
        per_soort.setdefault((b.documentsoort, b.van_kvk_nummer), []).append(b)
    koppelingen = []
    for i, antw in enumerate(antwoorden):
        if antw.eis.antwoordtype != Eis.Antwoordtype.DOCUMENT:
            continue
        kandidaten = per_soort.get((antw.eis.documentsoort, lid.kvk_nummer if antw.lid else ""), [])
        for b in kandidaten[i % 3: i % 3 + 4]:
            koppelingen.append(Antwoord.bewijsstukken.through(antwoord_id=antw.pk, bewijsstuk_id=b.pk))
    Antwoord.bewijsstukken.through.objects.bulk_create(koppelingen)
    document_eis = next(e for e in eisen if e.antwoordtype == Eis.Antwoordtype.DOCUMENT and e.perceel_id is None)
    ja_nee_eis = next(e for e in eisen if e.antwoordtype == Eis.Antwoordtype.JA_NEE)
    return user, insch, percelen, document_eis, ja_nee_eis, len(antwoorden), len(koppelingen)


def main():
    user, insch, percelen, document_eis, ja_nee_eis, aantal_antwoorden, aantal_koppelingen = _data()
    print(f"{EISEN} eisen over {PERCELEN} percelen, {aantal_antwoorden} antwoorden, {BEWIJSSTUKKEN} bewijsstukken, "
          f"{aantal_koppelingen} koppelingen")
    client = Client()
    client.force_login(user)
    basis = meet_basis(client)
    pad = f"/mijn/inschrijvingen/{insch.pk}"
    resultaten = [
        meet(client, "/mijn/inschrijvingen/bewijsstukken/", naam="bewijskluis (200 documenten)"),
        meet(client, f"{pad}/eisen/", naam="eisen, hele inschrijving"),
        meet(client, f"{pad}/eisen/perceel/{percelen[1].pk}/", naam="eisen, één perceel"),
        meet(client, f"{pad}/verklaring/", naam="eigen verklaring"),
        meet(client, f"{pad}/overzicht/", naam="overzicht (hele checklist)"),
        meet(client, f"{pad}/eis/{document_eis.pk}/", naam="één documenteis"),
        meet(client, f"{pad}/eis/{ja_nee_eis.pk}/", naam="één ja/nee-eis"),
    ]
    druk_af([basis, *resultaten], basis=basis)
