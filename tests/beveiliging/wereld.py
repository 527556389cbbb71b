"""One provider world with an object of every kind a provider or staff URL can address, built per region.

``bouw_wereld`` is the builder behind the ``wereld`` fixture (one region, provider A and B: the IDOR tests) and
behind ``twee_werelden`` (issue 17: one complete world in region A and one in region B, each with its own
provider, staff and objects, for the cross-region matrix in test_regios.py). ``merk`` prefixes every name a
screen can show (organisations, procedure, perceel, questions, ...), so a page or export that leaks region B's
content is recognised by its marker alone.

Built with plain ORM calls, the apps' own factories and a few services, without freezing time: the window of
the inschrijving closed in 2023, so nothing here is sealed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from aanbesteding.models import (
    DeelnemendeGemeente,
    NotaVanInlichtingen,
    Omrekentabel,
    Perceel,
    Perceelregel,
    ProcedureWijziging,
    Productafhankelijkheid,
    Productintensiteit,
    Samenloopregel,
)
from bronnen import contractbeheer as contractbeheer_bron
from contractbeheer import regels as contractbeheer_regels
from contractbeheer import services as contractbeheer_services
from contractbeheer.models import (
    Informatieverzoek,
    Melding,
    Meldingsoort,
    Onderzoek,
    Verantwoording,
    Verantwoordingseis,
    Verantwoordingsinzending,
    Verzoekontvanger,
)
from core.kalender import TZ
from inschrijving.models import (
    Antwoord,
    Herstelverzoek,
    Inschrijving,
    InschrijvingPerceel,
    Lid,
    ProcesVerbaalOpening,
)
from organisaties import services as organisaties_services
from organisaties.models import Regiorol, Rol, Uitnodiging
from overeenkomst.models import (
    Addendum,
    AddendumReactie,
    Brief,
    Contractregels,
    Deelname,
    Indexatieronde,
    Mededeling,
    Overeenkomst,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)
from sroi import services as sroi_services
from sroi.models import Doelgroep, SroiPlan, SroiRegime, Waarderingsregel, Waarderingstabel
from tests.aanbesteding.factories import ProcedureDocumentFactory, VraagFactory, gepubliceerde_versie
from tests.core.slechte_bestanden import geldige_pdf
from tests.factories import GemeenteFactory, LidmaatschapFactory, ProductFactory, TariefFactory
from tests.inschrijving.factories import (
    AanbestedingFactory,
    BewijsstukFactory,
    EisFactory,
    PerceelFactory,
    ToetredingsmomentFactory,
)
from tests.sroi.factories import met_regime, pdf_upload
from toetsing import services as toetsing_services
from toetsing.models import Besluit, Loting, LotingHerziening, ProcesVerbaalBeoordeling, Rechtsmiddel

PDF = geldige_pdf(1)


def _pdf(naam="bestand.pdf"):
    return ContentFile(PDF, name=naam)


def _procedure(regio, **velden):
    if regio is not None:
        velden["regio"] = regio
        velden["opdrachtgever__regio"] = regio
    return AanbestedingFactory(**velden)


def bouw_wereld(*, org, beheerder, contractmanager, regio=None, merk="", andere_org=None, andere_beheerder=None,
                inkoper=None, beoordelaar=None):
    """A provider world in ``regio`` (None: the factories' default region).

    With ``inkoper`` and ``beoordelaar`` (staff of that region) the staff side is added as well: commission,
    assignment with a declaration, lottery, legal remedy, participation, change request, withdrawal,
    announcement, renewal round, products and tariffs, documents with a published version, question and NvI.
    """
    w = SimpleNamespace(org=org, beheerder=beheerder, andere_org=andere_org, andere_beheerder=andere_beheerder,
                        regio=regio, merk=merk)

    # --- procedure, round (closed 30-06-2023), perceel, eis ---
    opdrachtgever = {"opdrachtgever__naam": f"{merk}Bureau"} if merk else {}
    ab = _procedure(regio, titel=f"{merk}Jeugdhulp Gooi (beveiliging)", looptijd_start=date(2023, 1, 1),
                    looptijd_einde=date(2028, 12, 31), **opdrachtgever)
    tm = ToetredingsmomentFactory(aanbesteding=ab, naam=f"{merk}Tussenvoorziening")
    perceel = PerceelFactory(aanbesteding=ab, code="5.1", naam=f"{merk}Ambulante Jeugd GGZ", volgorde=1)
    eis = EisFactory(aanbesteding=ab, code="TD 2.7", antwoordtype="document", documentsoort="kvk_uittreksel")
    w.aanbesteding, w.moment, w.perceel, w.eis = ab, tm, perceel, eis

    # --- submitted inschrijving with evidence, member, herstel, receipt, proces-verbaal ---
    insch = Inschrijving.objects.create(
        aanbesteding=ab, organisatie=org, toetredingsmoment=tm, status=Inschrijving.Status.INGEDIEND,
        ingediend_op=datetime(2023, 6, 29, 9, 0, tzinfo=TZ), ingediend_door=beheerder,
        pv_opgevraagd_op=datetime(2023, 7, 3, 9, 0, tzinfo=TZ),
    )
    insch.ontvangstbewijs.save("ontvangst.pdf", _pdf(), save=True)
    InschrijvingPerceel.objects.create(inschrijving=insch, perceel=perceel)
    stuk = BewijsstukFactory(organisatie=org, originele_naam=f"{merk}kvk.pdf")
    antwoord = Antwoord.objects.create(inschrijving=insch, eis=eis)
    antwoord.bewijsstukken.add(stuk)
    lid = Lid.objects.create(inschrijving=insch, rol="onderaannemer", naam=f"{merk}Kompaan", kvk_nummer="12345678")
    herstel = Herstelverzoek.objects.create(inschrijving=insch, vraag=f"{merk}Stuur het KvK-uittreksel opnieuw.",
                                            deadline=timezone.now() + timedelta(days=5))
    pv = ProcesVerbaalOpening(toetredingsmoment=tm, sha256="0" * 64)
    pv.bestand.save("pv.pdf", _pdf(), save=False)
    pv.save()
    w.inschrijving, w.bewijsstuk, w.lid, w.herstel, w.pv = insch, stuk, lid, herstel, pv

    # --- a draft (for the edit steps) ---
    w.concept = Inschrijving.objects.create(
        aanbesteding=_procedure(regio, titel=f"{merk}Wmo Begeleiding"), organisatie=org,
    )

    # --- decision, sent, with letter ---
    besluit = Besluit(inschrijving=insch, aanbesteding=ab, genomen_op=timezone.now(), status=Besluit.Status.VERZONDEN,
                      verzonden_op=timezone.now(), brief_sha256="0" * 64)
    besluit.brief.save("besluit.pdf", _pdf(), save=False)
    besluit.save()
    w.besluit = besluit

    # --- agreement with an addendum to answer, under an SROI regime (MLO, 002 art. 17) ---
    met_regime(ab, "mlo")
    ovk = Overeenkomst.objects.create(aanbesteding=ab, organisatie=org, startdatum=date(2023, 1, 1))
    addendum = Addendum.objects.create(aanbesteding=ab, titel=f"{merk}Wijziging artikel 8", tekst="Artikel 8.1 luidt ...",
                                       ingangsdatum=date(2027, 1, 1), status=Addendum.Status.GEPUBLICEERD, nummer=1,
                                       opgesteld_door=contractmanager, goedgekeurd_door=contractmanager,
                                       gepubliceerd_op=timezone.now())
    w.reactie = AddendumReactie.objects.create(addendum=addendum, overeenkomst=ovk)
    w.addendum = addendum
    w.overeenkomst = ovk

    # --- a registered letter received by post, with its scan and sealed receipt (issue 18) ---
    brief = Brief(overeenkomst=ovk, soort=Brief.Soort.WIJZIGINGSVERZOEK, kanaal="post", sleutel=f"beveiliging:{ovk.pk}",
                  ontvangen_op=datetime(2024, 1, 3, 9, 0, tzinfo=TZ), vastgelegd_door=contractmanager,
                  samenvatting=f"{merk}Verhuisd", scan_naam=f"{merk}brief.pdf", scan_sha256="0" * 64,
                  scan_mime_type="application/pdf", bevestiging_sha256="0" * 64)
    brief.scan.save("brief.pdf", _pdf(), save=False)
    brief.bevestiging.save("ontvangstbevestiging.pdf", _pdf(), save=False)
    brief.save()
    w.brief = brief

    # --- SROI: plan, activity with evidence, report ---
    plan = SroiPlan(overeenkomst=ovk, originele_naam=f"{merk}plan.pdf", grootte=len(PDF), sha256="0" * 64)
    plan.bestand.save("plan.pdf", _pdf(), save=False)
    plan.save()
    regel = Waarderingsregel.objects.filter(tabel__aanbesteding=ab, code="b1").first()
    act = sroi_services.activiteit_registreren(
        overeenkomst=ovk, regel=regel, door=beheerder, omschrijving=f"{merk}Snuffelstage",
        startdatum=date(2024, 3, 1), aantal=1, persoon_referentie="K-2024-001",
    )
    sroi_services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "contract.pdf"), soort="contract",
                                   door=beheerder)
    sroi_services.rapportages_bijwerken(ovk)
    w.plan, w.activiteit, w.sroi_bewijs = plan, act, act.bewijsstukken.get()
    w.rapportage = ovk.sroi_rapportages.order_by("pk").first()

    _contractbeheer(w, merk=merk, contractmanager=contractmanager)
    _innovatie(w, merk=merk)
    _woo(w, merk=merk)

    # --- members and invitations of the provider ---
    w.lidmaatschap = LidmaatschapFactory(organisatie=org, rol=Rol.MEDEWERKER)
    w.uitnodiging = Uitnodiging.objects.create(organisatie=org, email=f"nieuw-{org.pk}@zorgkracht.example",
                                               verloopt_op=timezone.now() + timedelta(days=7))
    # --- a message in the organisation's inbox (ADR 0028), recorded as every provider mail is ---
    organisaties_services.bericht_versturen(
        org, sleutel=f"wereld:{org.pk}", soort="Herstelverzoek", onderwerp=f"Bericht {merk}", tekst="Tekst.",
        ontvangers=[], regio_id=w.aanbesteding.regio_id)
    w.bericht = org.berichten.get(sleutel=f"wereld:{org.pk}")
    if inkoper is not None:
        _staf_kant(w, merk=merk, inkoper=inkoper, beoordelaar=beoordelaar, contractmanager=contractmanager)
        # The inkoper's role in this region: what the platform administrator's revoke URL addresses.
        w.regiorol = Regiorol.objects.filter(user=inkoper).order_by("-regio_id").first()
    return w


def _woo(w, *, merk):
    """Issue 16: a Woo request about the procedure with its notice selected (the admin screens' objects)."""
    from woo.models import Verzoekstuk, Wooverzoek

    # Decided, with its export and sealed list stored: the download screens have something to refuse or serve.
    w.wooverzoek = Wooverzoek(aanbesteding=w.aanbesteding, kenmerk=f"{merk}WOO-1", ontvangen_op=date(2026, 3, 2),
                              onderwerp=f"{merk}Woo-onderwerp", verzoeker=f"{merk}Verzoeker", status="besloten",
                              besluitdatum=date(2026, 4, 16), export_sha256="0" * 64)
    w.wooverzoek.export.save("woo.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
    w.wooverzoek.inventarislijst_pdf.save("lijst.pdf", ContentFile(_pdf().read()), save=False)
    w.wooverzoek.save()
    w.verzoekstuk = Verzoekstuk.objects.create(verzoek=w.wooverzoek, sleutel=f"aankondiging:{w.aanbesteding.pk}",
                                               volgnummer=1, titel=f"{merk}Aankondiging", soort="aankondiging",
                                               datum=date(2023, 1, 1))


def _bijlage(obj, naam: str) -> None:
    """A PDF on a contractbeheer upload (the fields of contractbeheer.models.Bijlage)."""
    obj.bestand.save("bijlage.pdf", _pdf(), save=False)
    obj.originele_naam, obj.grootte, obj.sha256 = naam, len(PDF), "0" * 64


def _contractbeheer(w, *, merk, contractmanager):
    """Issue 13 (ADR 0019): the rules of 002 (MLO) loaded for the procedure with one municipality taking part,
    the duties over 2025, a submission with its file, a melding, an informatieverzoek with this provider's answer
    and an onderzoek. Every text a screen can show carries the marker."""
    ab, ovk = w.aanbesteding, w.overeenkomst
    w.gemeente = DeelnemendeGemeente.objects.create(
        aanbesteding=ab, gemeente=GemeenteFactory(naam=f"{merk}Gemeente", regio=ab.regio),
        domein=DeelnemendeGemeente._meta.get_field("domein").choices[0][0],
    )
    w.beheerregels = contractbeheer_services.regels_laden(aanbesteding=ab, bron=contractbeheer_bron.MLO)
    contractbeheer_services.verantwoordingen_aanmaken(2025, aanbesteding=ab)
    w.verantwoordingseis = Verantwoordingseis.objects.get(aanbesteding=ab, soort="productverantwoording")
    w.meldingsoort = Meldingsoort.objects.get(aanbesteding=ab, code="calamiteit")

    # --- a duty (the productverantwoording for the municipality), submitted ---
    w.verantwoording = Verantwoording.objects.get(overeenkomst=ovk, eis=w.verantwoordingseis, jaar=2025)
    Verantwoording.OVERGANGEN.zet(w.verantwoording, Verantwoording.Status.INGEDIEND)
    w.verantwoording.save(update_fields=["status"])
    w.inzending = Verantwoordingsinzending(
        verantwoording=w.verantwoording, omzet=Decimal("1234.56"), toelichting=f"{merk}Omzet 2025",
        ingediend_door=w.beheerder, ingediend_op=datetime(2026, 2, 2, 9, 0, tzinfo=TZ),
    )
    _bijlage(w.inzending, f"{merk}verantwoording.pdf")
    w.inzending.save()

    # --- a melding (002 B1 30.2: 2 werkdagen) ---
    gebeurd = datetime(2026, 3, 6, 10, 0, tzinfo=TZ)
    w.melding = Melding.objects.create(
        overeenkomst=ovk, soort=w.meldingsoort, gebeurd_op=gebeurd, ontvangen_op=gebeurd + timedelta(hours=3),
        uiterlijk=contractbeheer_regels.melding_uiterlijk(gebeurd, 2, "werkdagen"),
        samenvatting=f"{merk}Calamiteit op de groep", omschrijving=f"{merk}Een incident, zonder cliëntgegevens.",
        gemeld_door=w.beheerder,
    )

    # --- an informatieverzoek to the perceel, answered by this provider (002 UOK 5.1) ---
    w.informatieverzoek = Informatieverzoek(
        aanbesteding=ab, perceel=w.perceel, onderwerp=f"{merk}Wachttijden", vraag=f"{merk}Wat zijn uw wachttijden?",
        status=Informatieverzoek.Status.VERZONDEN, opgesteld_door=contractmanager,
        verzonden_op=datetime(2026, 3, 2, 9, 0, tzinfo=TZ), uiterlijk=date(2026, 3, 16),
    )
    _bijlage(w.informatieverzoek, f"{merk}vraag.pdf")
    w.informatieverzoek.save()
    w.verzoekontvanger = Verzoekontvanger(
        verzoek=w.informatieverzoek, overeenkomst=ovk, uiterlijk=date(2026, 3, 16),
        status=Verzoekontvanger.Status.BEANTWOORD, antwoord=f"{merk}Zes weken.",
        beantwoord_op=datetime(2026, 3, 10, 9, 0, tzinfo=TZ), beantwoord_door=w.beheerder,
    )
    _bijlage(w.verzoekontvanger, f"{merk}antwoord.pdf")
    w.verzoekontvanger.save()

    # --- an onderzoek, the provider's 14 days running (002 B1 33.2) ---
    w.onderzoek = Onderzoek.objects.create(
        overeenkomst=ovk, signaal=f"{merk}Signaal over de continuïteit", signaal_gemeld_op=date(2026, 3, 2),
        reactie_uiterlijk=contractbeheer_regels.onderzoek_reactie_uiterlijk(date(2026, 3, 2), 14),
        gestart_door=contractmanager,
    )

    # Issue 14: one object of every kind per stream (each stream fills its own block).
    # Issue 14: monitoring
    from contractbeheer.models import Kpi, Kpiwaarde, Wachttijd, Wachttijdnorm

    w.kpi = Kpi.objects.create(aanbesteding=ab, code="merk-kpi", naam=f"{merk}Wachtlijstduur", eenheid="dagen",
                               periode="kwartaal", richting="lager", norm=Decimal("28"), drempel_oranje=Decimal("35"),
                               toelichting=f"{merk}Toelichting KPI", bron=f"{merk}bron")
    w.kpiwaarde = Kpiwaarde.objects.create(
        overeenkomst=ovk, kpi=w.kpi, periode_start=date(2025, 10, 1), waarde=Decimal("30"),
        toelichting=f"{merk}Cijfer K4", vastgelegd_op=datetime(2026, 1, 10, 9, 0, tzinfo=TZ), vastgelegd_door=w.beheerder,
    )
    w.wachttijdnorm = Wachttijdnorm.objects.create(aanbesteding=ab, perceel=w.perceel, naam=f"{merk}Treeknorm",
                                                   max_dagen=28, bron=f"{merk}bron")
    w.wachttijd = Wachttijd.objects.create(
        overeenkomst=ovk, perceel=w.perceel, maand=date(2026, 2, 1), wachttijd_dagen=30, wachtenden=4,
        toelichting=f"{merk}Wachtlijst februari", vastgelegd_op=datetime(2026, 3, 2, 9, 0, tzinfo=TZ),
        vastgelegd_door=w.beheerder,
    )
    # Issue 14: gesprekken
    from contractbeheer.models import Contractgesprek, Gespreksactie

    # --- a held contract talk with an open action of the provider (002 UOK 13.1) ---
    w.contractgesprek = Contractgesprek.objects.create(
        overeenkomst=ovk, gepland_op=datetime(2026, 3, 3, 10, 0, tzinfo=TZ), locatie=f"{merk}Kantoor",
        onderwerpen=f"{merk}[ ] Vervoer", status=Contractgesprek.Status.GEHOUDEN,
        gehouden_op=datetime(2026, 3, 3, 10, 0, tzinfo=TZ), verslag=f"{merk}Verslag van het gesprek",
        deelnemers=f"{merk}Bureau en aanbieder", gepland_door=contractmanager, verslag_door=contractmanager,
    )
    w.gespreksactie = Gespreksactie.objects.create(
        gesprek=w.contractgesprek, omschrijving=f"{merk}Wachtlijst aanleveren",
        eigenaar=Gespreksactie.Eigenaar.AANBIEDER, uiterlijk=date(2026, 4, 1),
    )
    # Issue 14: signalen
    from contractbeheer.models import Signaal, Signaalstap

    # --- a signal about this provider from the municipality, with an internal note (000 r.737-749) ---
    w.signaal = Signaal.objects.create(
        regio=ab.regio, organisatie=ovk.organisatie, overeenkomst=ovk, gemeente=w.gemeente.gemeente,
        bron=Signaal.Bron.GEMEENTE, trap=Signaal.Trap.CONTRACTMANAGEMENT, onderwerp=f"{merk}Signaal over de zorg",
        omschrijving=f"{merk}Afspraken niet nagekomen.", kenmerk_melder=f"{merk}K-1",
        ontvangen_op=datetime(2026, 3, 4, 9, 0, tzinfo=TZ), gemeld_door=contractmanager,
    )
    Signaalstap.objects.create(signaal=w.signaal, soort=Signaalstap.Soort.NOTITIE, intern=True,
                               tekst=f"{merk}Interne notitie", door=contractmanager,
                               op=datetime(2026, 3, 4, 10, 0, tzinfo=TZ))
    # Issue 14: handhaving
    # The enforcement ladder (003 §7.11): a fine of the schedule, an imposed step 4 with both sealed letters
    # (plain PDFs here: the seal is tested in tests/contractbeheer/test_handhaving_brieven.py) and its fine.
    from contractbeheer.models import Boete, Boetesoort, Maatregel

    w.boetesoort = Boetesoort.objects.create(aanbesteding=ab, code="klacht-gegrond", bedrag=Decimal("25.00"),
                                             omschrijving=f"{merk}Gegronde klacht", eenheid="klacht", bron="003 r. 2876")
    w.maatregel = Maatregel(
        overeenkomst=ovk, trede=4, status=Maatregel.Status.OPGELEGD, gronden=f"{merk}Drie gegronde klachten",
        grondslag=f"{merk}003 §7.11 lid 4", sprong_reden=f"{merk}Ernst", voornemen_op=datetime(2026, 3, 2, 9, 0, tzinfo=TZ),
        zienswijze_uiterlijk=date(2026, 3, 16), besluit_op=datetime(2026, 3, 17, 9, 0, tzinfo=TZ),
        besluit_toelichting=f"{merk}Opgelegd", opgesteld_door=contractmanager, besloten_door=contractmanager,
    )
    w.maatregel.brief_voornemen.save("voornemen.pdf", _pdf(), save=False)
    w.maatregel.brief_besluit.save("besluit.pdf", _pdf(), save=False)
    w.maatregel.save()
    w.boete = Boete.objects.create(overeenkomst=ovk, maatregel=w.maatregel, soort=w.boetesoort, aantal=2,
                                   bedrag=Decimal("50.00"), berekening=f"{merk}2 klachten × € 25,00",
                                   opgelegd_op=date(2026, 3, 17))
    # Issue 14: leegstand
    # A leegstandsregeling on the world's perceel with its key, a submitted bed overview of this provider, and a
    # ceiling for this provider (003 r.4140-4207; 004 §3.1).
    from contractbeheer.models import Beddenoverzicht, Budgetplafond, Leegstandsregeling, Leegstandsverdeling

    w.leegstandsregeling = Leegstandsregeling.objects.create(
        aanbesteding=ab, perceel=w.perceel, product=ProductFactory(perceel=w.perceel, naam=f"{merk}Tussenvoorziening"),
        max_per_aanbieder_per_jaar=Decimal("175000"), max_totaal_per_jaar=Decimal("350000"), bron=f"{merk}003 r.4144")
    w.leegstandsverdeling = Leegstandsverdeling.objects.create(
        regeling=w.leegstandsregeling, gemeente=w.gemeente.gemeente, percentage=Decimal("100"),
        max_bijdrage=Decimal("350000"))
    w.beddenoverzicht = Beddenoverzicht.objects.create(
        regeling=w.leegstandsregeling, overeenkomst=ovk, maand=date(2026, 1, 1), bedden=2, etmalen_capaciteit=62,
        etmalen_bezet=21, intensiteit="extra_zwaar", tarief=Decimal("440.76"), bedrag_berekend=Decimal("18071.16"),
        toelichting=f"{merk}Bedplanning januari", ingediend_op=datetime(2026, 2, 2, 9, 0, tzinfo=TZ),
        ingediend_door=w.beheerder)
    w.budgetplafond = Budgetplafond.objects.create(
        aanbesteding=ab, perceel=w.perceel, overeenkomst=ovk, code=f"{merk}plafond", naam=f"{merk}Plafond aanbieder",
        soort=Budgetplafond.Soort.PER_AANBIEDER, bedrag=Decimal("100000"), bron=f"{merk}004 r.185")


def _innovatie(w, *, merk):
    """Issue 19 (ADR 0022): the innovation route "Overige Jeugdhulp" (002 PB 1.2, r. 569-616) in the procedure: a
    decided inschrijving of this provider in the same round (sealed with it), admitted on the route perceel, its
    innovatievoorstel and the evaluation planned on the admission (002 r. 573: "binnen een jaar een evaluatie")."""
    from contractbeheer.models import InnovatieEvaluatie
    from contractbeheer.services.innovatie import uiterlijk_voor
    from inschrijving.models import Innovatievoorstel

    ab = w.aanbesteding
    route = PerceelFactory(aanbesteding=ab, code="1.2", naam=f"{merk}Overige Jeugdhulp", volgorde=9)
    Perceel.objects.filter(pk=route.pk).update(innovatieroute=True)
    route.refresh_from_db()
    insch = Inschrijving.objects.create(
        aanbesteding=ab, organisatie=w.org, toetredingsmoment=w.moment, status=Inschrijving.Status.BESLOTEN,
        ingediend_op=datetime(2023, 6, 28, 9, 0, tzinfo=TZ), ingediend_door=w.beheerder,
    )
    InschrijvingPerceel.objects.create(inschrijving=insch, perceel=route, toegelaten=True)
    w.innovatievoorstel = Innovatievoorstel.objects.create(
        inschrijving=insch, perceel=route, productnaam=f"{merk}Thuis Sterk", ambulant_alternatief=True, duur_weken=12,
        max_afwijking_duur_pct=Decimal("25"), tarief=Decimal("7800"), tarief_per="traject",
    )
    w.innovatie_perceel, w.innovatie_inschrijving = route, insch
    w.innovatie_evaluatie = InnovatieEvaluatie.objects.create(
        overeenkomst=w.overeenkomst, voorstel=w.innovatievoorstel, toegelaten_op=date(2026, 3, 10),
        uiterlijk=uiterlijk_voor(date(2026, 3, 10)),
    )


def _productregels(w, *, merk):
    """Issue 19: the product book's rules as snippets (intensities, concurrence, dependencies, conversion table, lot
    rule), each with a marked text a list can show."""
    ab = w.aanbesteding
    tweede = ProductFactory(perceel=w.perceel, naam=f"{merk}Product midden")
    w.productintensiteit = Productintensiteit.objects.create(product=w.product, code="zwaar", naam=f"{merk}Zwaar",
                                                             omvang_min=Decimal("2"), omvang_max=Decimal("4"),
                                                             omvang_eenheid="uur per week")
    w.samenloopregel = Samenloopregel.objects.create(aanbesteding=ab, soort=Samenloopregel.Soort.NIET,
                                                     toelichting=f"{merk}Niet samen", bron="000 r.356")
    w.samenloopregel.producten.set([w.product, tweede])
    w.productafhankelijkheid = Productafhankelijkheid.objects.create(aanbesteding=ab, toelichting=f"{merk}Zwaar vereist midden",
                                                                     bron="002 r.1033")
    w.productafhankelijkheid.producten.set([w.product])
    w.productafhankelijkheid.vereist.set([tweede])
    w.omrekentabel = Omrekentabel.objects.create(aanbesteding=ab, naam=f"{merk}Logeren", bron="002 r.1143",
                                                 rijen=[{"tot_en_met_uur": 26, "etmalen": 1, "dagdelen": 0}])
    w.omrekentabel.producten.set([w.product])
    w.perceelregel = Perceelregel.objects.create(perceel=w.perceel, soort=Perceelregel.Soort.EEN_VAN,
                                                 toelichting=f"{merk}Vereist één van", bron="003 r.512")
    w.perceelregel.percelen.set([w.innovatie_perceel])


def _staf_kant(w, *, merk, inkoper, beoordelaar, contractmanager):
    ab, perceel, insch, ovk = w.aanbesteding, w.perceel, w.inschrijving, w.overeenkomst

    # --- assessment: commission, assignment with a declaration (so the assessor sees content), lottery ---
    toetsing_services.commissie_opslaan(aanbesteding=ab, naam=f"{merk}Commissie", voorzitter=inkoper,
                                        leden=[beoordelaar], door=inkoper)
    w.commissie = toetsing_services.commissie_voor(insch)
    (w.toewijzing,) = toetsing_services.toewijzen(inschrijvingen=[insch], beoordelaars=[beoordelaar], door=inkoper)
    toetsing_services.belang_verklaren(inschrijving=insch, geen_conflict=True, door=beoordelaar)
    w.loting = Loting.objects.create(aanbesteding=ab, perceel=perceel, seed="0" * 64, plaatsen=1,
                                     deelnemers=[{"inschrijving": insch.pk, "kvk": w.org.kvk_nummer, "naam": w.org.naam}],
                                     winnaars=[insch.pk], uitgevoerd_door=inkoper)
    # Issue 18: a requested redraw and a sealed round PV (stand-in bytes; the screens only stream them).
    w.lotingherziening = LotingHerziening.objects.create(loting=w.loting, reden=f"{merk}Herziening",
                                                         aangevraagd_door=inkoper, aangevraagd_op=timezone.now())
    w.pv_beoordeling = ProcesVerbaalBeoordeling(toetredingsmoment=w.moment, sha256="0" * 64, opgemaakt_op=timezone.now())
    w.pv_beoordeling.bestand.save("pv-beoordeling.pdf", ContentFile(f"%PDF-1.7 {merk}PV".encode()), save=True)
    w.rechtsmiddel = Rechtsmiddel.objects.create(besluit=w.besluit, soort=Rechtsmiddel.Soort.BEZWAAR,
                                                 ingediend_op=date(2023, 8, 1))

    # --- contract management ---
    w.contractregels = Contractregels.objects.get_or_create(aanbesteding=ab)[0]
    w.deelname = Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2023, 1, 1))
    w.wijzigingsverzoek = Wijzigingsverzoek.objects.create(
        overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2024, 1, 1),
        toelichting=f"{merk}Verhuisd",
    )
    w.uittreding = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.OPZEGGING_AANBIEDER, optie=Uittreding.Optie.MLO,
        ontvangen_op=date(2026, 1, 5), vroegste_einddatum=date(2026, 7, 1), toelichting=f"{merk}Stopt",
    )
    w.uittreding.deelnames.add(w.deelname)
    w.mededeling = Mededeling.objects.create(
        aanbesteding=ab, soort=Mededeling.Soort.TOETREDING, titel=f"{merk}Nieuwe aanbieder", overeenkomst=ovk,
        gepubliceerd_op=timezone.now(), sleutel=f"beveiliging:{ab.pk}",
    )
    w.verlengingsronde = Verlengingsronde.objects.create(
        aanbesteding=ab, oude_einddatum=date(2028, 12, 31), nieuwe_einddatum=date(2030, 12, 31),
        aangekondigd_op=date(2028, 1, 2), bezwaar_tot=date(2028, 3, 1),
    )
    w.indexatieronde = Indexatieronde.objects.create(aanbesteding=ab, jaar=2027, percentage=3,
                                                     toelichting=f"{merk}Index 2027", aangemaakt_door=contractmanager)

    # --- procedure content: products and tariffs, documents, questions, NvI (municipalities: _contractbeheer) ---
    w.product = ProductFactory(perceel=perceel, naam=f"{merk}Product")
    w.tarief = TariefFactory(product=w.product)
    _productregels(w, merk=merk)
    w.document = ProcedureDocumentFactory(aanbesteding=ab, titel=f"{merk}Toelatingsdocument")
    w.versie = gepubliceerde_versie(w.document, reden=f"{merk}Eerste versie", user=inkoper)
    w.revisie = w.versie.latest_revision
    w.wijziging = ProcedureWijziging.objects.create(aanbesteding=ab, omschrijving=f"{merk}Termijn verlengd", door=inkoper)
    w.vraag = VraagFactory(aanbesteding=ab, organisatie=w.org, gesteld_door=w.beheerder, tekst=f"{merk}Mag dit?")
    w.nvi = NotaVanInlichtingen.objects.create(aanbesteding=ab, nummer=1, inleiding=f"{merk}Inleiding",
                                               gepubliceerd_door=inkoper)

    # --- SROI source tables (loaded by met_regime) ---
    w.regime = SroiRegime.objects.filter(aanbesteding=ab).first()
    w.waarderingstabel = Waarderingstabel.objects.filter(aanbesteding=ab).first()
    w.waarderingsregel = Waarderingsregel.objects.filter(tabel__aanbesteding=ab).first()
    w.doelgroep = Doelgroep.objects.filter(aanbesteding=ab).first()
