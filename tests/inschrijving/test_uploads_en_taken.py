"""Uploads through the view (bad-file corpus, draft intact, progress-bar JSON), the after-commit check (text,
clamd INSTREAM), the proces-verbaal van opening task, and page rendering with query counts."""

import os
import socket
import struct
import tempfile
import threading
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader

from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving, ProcesVerbaalOpening
from tests.core import slechte_bestanden as sb

from .conftest import maak_compleet, pdf_upload
from .factories import InschrijvingFactory


def _upload_url(insch, eis):
    """The eis page: answer and evidence are posted together (issue 12); there is no separate upload endpoint."""
    return f"/mijn/inschrijvingen/{insch.pk}/eis/{eis.pk}/"


def _toestand(insch):
    return (
        sorted(insch.antwoorden.values_list("eis__code", "ja_nee", "tekst")),
        sorted(Bewijsstuk.objects.filter(organisatie=insch.organisatie).values_list("sha256", flat=True)),
        sorted(insch.inschrijving_percelen.values_list("perceel__code", flat=True)),
    )


CORPUS = [b for b in sb.SLECHTE_BESTANDEN if b.toegestaan == ("pdf",)] + [
    sb.SlechtBestand("../../etc/passwd.pdf", sb.afgekapte_pdf, ("pdf",), "pdf_kapot"),
    sb.SlechtBestand("Verklaring_Zorg_ë.pdf", sb.versleutelde_pdf, ("pdf",), "pdf_versleuteld"),
]
VERWACHT = {
    "leeg": "is leeg",
    "pdf_kapot": "kan niet worden geopend; het is beschadigd of onvolledig",
    "pdf_versleuteld": "is beveiligd met een wachtwoord of versleuteld",
    "pdf_leeg": "bevat geen pagina’s",
    "type_niet_toegestaan": "niet toegestaan",
    "pdf_actieve_inhoud": "bevat actieve inhoud (",
    "pdf_aanhangsel": "bevat naast de PDF nog een ander bestand",
}


@pytest.mark.parametrize("slecht", CORPUS, ids=lambda b: b.naam)
def test_slecht_bestand_via_de_view_geweigerd_en_concept_intact(client, procedure, compleet, aanbieder_beheerder, slecht):
    client.force_login(aanbieder_beheerder)
    voor = _toestand(compleet)
    antwoord = client.post(_upload_url(compleet, procedure.kvk), {
        "bewijs-bestand": SimpleUploadedFile(slecht.naam, slecht.maak(), content_type="application/pdf"),
        "bewijs-afgiftedatum": "2023-06-01",
    })
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    veilige_naam = slecht.naam.rsplit("/", 1)[-1]
    assert f"“{veilige_naam}”" in tekst
    assert VERWACHT[slecht.code] in tekst
    assert _toestand(compleet) == voor


def test_te_groot_bestand_via_de_view(client, procedure, compleet, aanbieder_beheerder, settings):
    settings.UPLOAD_MAX_BYTES = 100_000
    client.force_login(aanbieder_beheerder)
    voor = _toestand(compleet)
    antwoord = client.post(_upload_url(compleet, procedure.kvk), {
        "bewijs-bestand": SimpleUploadedFile("groot.pdf", sb.grote_pdf(200_000)), "bewijs-afgiftedatum": "2023-06-01",
    })
    assert antwoord.status_code == 400
    assert "“groot.pdf” is te groot" in antwoord.content.decode()
    assert _toestand(compleet) == voor


def test_goede_upload_koppelt_en_wordt_gecontroleerd(client, procedure, concept, aanbieder_medewerker,
                                                    django_capture_on_commit_callbacks):
    client.force_login(aanbieder_medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_upload_url(concept, procedure.kvk), {
            "bewijs-bestand": pdf_upload("KvK uittreksel – Zorgkracht ë.pdf", 3), "bewijs-afgiftedatum": "2023-06-01",
        })
    assert antwoord.status_code == 302, antwoord.content
    stuk = concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()
    assert stuk.originele_naam == "KvK uittreksel – Zorgkracht ë.pdf"
    assert stuk.paginas == 3
    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE  # eager task ran after commit
    assert "pagina 3" in stuk.tekst  # text of the last page was extracted


def test_goede_upload_zonder_javascript_stuurt_door(client, procedure, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(_upload_url(concept, procedure.kvk), {"bewijs-bestand": pdf_upload(), "bewijs-afgiftedatum": "2023-06-01"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/mijn/inschrijvingen/{concept.pk}/eis/{procedure.kvk.pk}/"


class _NepClamd(threading.Thread):
    """A unix-socket server speaking clamd's INSTREAM reply, recording the bytes it received."""

    def __init__(self, pad, antwoord):
        super().__init__(daemon=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(pad)
        self.server.listen(1)
        self.antwoord = antwoord
        self.ontvangen = b""

    def run(self):
        verbinding, _ = self.server.accept()
        with verbinding:
            buffer = b""
            while not buffer.startswith(b"zINSTREAM\0"):
                buffer += verbinding.recv(10)
            buffer = buffer[len(b"zINSTREAM\0"):]
            while True:
                while len(buffer) < 4:
                    buffer += verbinding.recv(65536)
                (lengte,) = struct.unpack("!L", buffer[:4])
                buffer = buffer[4:]
                if lengte == 0:
                    break
                while len(buffer) < lengte:
                    buffer += verbinding.recv(65536)
                self.ontvangen += buffer[:lengte]
                buffer = buffer[lengte:]
            verbinding.sendall(self.antwoord)
        self.server.close()


@pytest.mark.parametrize(("antwoord", "controle"), [
    (b"stream: OK\0", Bewijsstuk.Controle.IN_ORDE),
    (b"stream: Eicar-Test-Signature FOUND\0", Bewijsstuk.Controle.GEWEIGERD),
])
def test_virusscan_via_clamd_instream(procedure, concept, aanbieder_beheerder, antwoord, controle,
                                      django_capture_on_commit_callbacks):
    pad = os.path.join(tempfile.mkdtemp(), "clamd.sock")
    server = _NepClamd(pad, antwoord)
    server.start()
    with override_settings(CLAMD_SOCKET=pad), django_capture_on_commit_callbacks(execute=True):
        stuk = services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=pdf_upload(),
                                                 afgiftedatum=date(2023, 6, 1), door=aanbieder_beheerder)
    server.join(5)
    stuk.refresh_from_db()
    assert stuk.controle == controle
    with stuk.bestand.open("rb") as f:
        assert server.ontvangen == f.read()
    if controle == Bewijsstuk.Controle.GEWEIGERD:
        assert "Eicar-Test-Signature" in stuk.controle_melding
        regel = AuditRegel.objects.voor_object(stuk).get(actie="bewijsstuk.geweigerd")
        assert "Eicar-Test-Signature" in regel.nieuwe_waarden["virus"]


def test_clamd_onbereikbaar_laat_status_op_wordt_gecontroleerd(procedure, concept, aanbieder_beheerder,
                                                               django_capture_on_commit_callbacks):
    with override_settings(CLAMD_SOCKET="/nergens/clamd.sock"), django_capture_on_commit_callbacks(execute=True):
        stuk = services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=pdf_upload(),
                                                 afgiftedatum=date(2023, 6, 1), door=aanbieder_beheerder)
    stuk.refresh_from_db()
    assert stuk.controle == Bewijsstuk.Controle.BEZIG
    assert "opnieuw geprobeerd" in stuk.controle_melding


def test_proces_verbaal_van_opening_na_sluiting_eenmalig(procedure, compleet, aanbieder_beheerder, andere_aanbieder,
                                                         andere_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tweede = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder, door=andere_beheerder)
    services.percelen_kiezen(inschrijving=tweede, percelen=[procedure.p5_1], door=andere_beheerder)
    maak_compleet(procedure, tweede, andere_beheerder)
    tijd(datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    assert tasks.processen_verbaal_opening_maken() == 0
    tijd(datetime(2023, 6, 30, 10, 0, 0, tzinfo=TZ))
    with pytest.raises(Exception, match="verstreken"):
        services.inschrijving_indienen(inschrijving=tweede, door=andere_beheerder)
    tijd(datetime(2023, 6, 30, 13, 0, tzinfo=TZ))  # the worker was down for three hours: it catches up
    assert tasks.processen_verbaal_opening_maken() == 1
    assert tasks.processen_verbaal_opening_maken() == 0
    pv = ProcesVerbaalOpening.objects.get()
    assert pv.aantal_inschrijvingen == 1
    tekst = "".join(p.extract_text() for p in PdfReader(pv.bestand.open("rb")).pages)
    assert "Zorgkracht Gooi B.V." in tekst and "20-06-2023 14:00:00" in tekst
    assert "Te late indienpoging door Jeugdpunt Midden-Limburg" in tekst


def test_proces_verbaal_op_verzoek_voor_de_inschrijver(client, procedure, compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 30, 10, 5, tzinfo=TZ))
    tasks.processen_verbaal_opening_maken()
    client.force_login(aanbieder_beheerder)
    url = f"/mijn/inschrijvingen/{compleet.pk}/proces-verbaal/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 302
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


def test_alle_stappen_renderen(client, procedure, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    basis = f"/mijn/inschrijvingen/{compleet.pk}/"
    for pad in ["percelen/", "verklaring/", "eisen/", f"eisen/perceel/{procedure.p5_1.pk}/", "leden/", "overzicht/",
                "controleren/",
                f"eis/{procedure.kvk.pk}/", f"eis/{procedure.formulier_e.pk}/"]:
        assert client.get(basis + pad).status_code == 200, pad
    assert client.get("/mijn/inschrijvingen/bewijsstukken/").status_code == 200
    assert "Inschrijving definitief indienen" in client.get(basis + "controleren/").content.decode()


def test_antwoord_via_formulier(client, procedure, concept, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(f"/mijn/inschrijvingen/{concept.pk}/eis/{procedure.formulier_e.pk}/", {"antwoord-verklaard": "on"})
    assert antwoord.status_code == 302
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is True


def test_starten_via_de_lijst(client, procedure, aanbieder, aanbieder_beheerder, tijd):
    client.force_login(aanbieder_beheerder)
    assert "Jeugdhulp Voorzieningen" in client.get("/mijn/inschrijvingen/").content.decode()
    antwoord = client.post(f"/mijn/inschrijvingen/starten/{procedure.aanbesteding.pk}/")
    insch = Inschrijving.objects.get(organisatie=aanbieder)
    assert antwoord["Location"] == f"/mijn/inschrijvingen/{insch.pk}/percelen/"


@pytest.mark.parametrize("aantal", [1, 25])
def test_lijstpagina_queries_groeien_niet(client, procedure, aanbieder, aanbieder_beheerder, django_assert_max_num_queries, aantal):
    for _i in range(aantal):
        insch = InschrijvingFactory(organisatie=aanbieder, status=Inschrijving.Status.INGETROKKEN,
                                    aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment)
        insch.inschrijving_percelen.create(perceel=procedure.p5_1)
    client.force_login(aanbieder_beheerder)
    client.get("/mijn/inschrijvingen/")
    with django_assert_max_num_queries(12):
        assert client.get("/mijn/inschrijvingen/").status_code == 200


@pytest.mark.parametrize("aantal", [1, 25])
def test_bewijsstukkenpagina_queries_groeien_niet(client, aanbieder, aanbieder_beheerder, django_assert_max_num_queries, aantal):
    from .factories import BewijsstukFactory

    BewijsstukFactory.create_batch(aantal, organisatie=aanbieder)
    client.force_login(aanbieder_beheerder)
    client.get("/mijn/inschrijvingen/bewijsstukken/")
    with django_assert_max_num_queries(10):
        assert client.get("/mijn/inschrijvingen/bewijsstukken/").status_code == 200


def test_staff_ziet_proces_verbaal_in_de_backoffice(client, procedure, compleet, aanbieder_beheerder, inkoper, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    client.force_login(inkoper)
    assert "Verzegeld tot de sluiting" in client.get("/admin/inschrijvingen/processen-verbaal/").content.decode()
    tijd(datetime(2023, 6, 30, 10, 1, tzinfo=TZ))
    tasks.processen_verbaal_opening_maken()
    pv = ProcesVerbaalOpening.objects.get()
    assert f"/admin/inschrijvingen/processen-verbaal/{pv.pk}/" in client.get("/admin/inschrijvingen/processen-verbaal/").content.decode()
    assert client.get(f"/admin/inschrijvingen/processen-verbaal/{pv.pk}/").status_code == 200


def test_aanbieder_komt_niet_bij_de_processen_verbaal_in_de_backoffice(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get("/admin/inschrijvingen/processen-verbaal/").status_code in (302, 403)


def test_eisen_beheren_in_de_backoffice(client, procedure, inkoper):
    client.force_login(inkoper)
    antwoord = client.get("/admin/snippets/aanbesteding/eis/")
    assert antwoord.status_code == 200
    assert "TD 2.7" in antwoord.content.decode()


def test_eis_per_lid_en_herstelpagina_renderen_en_werken(client, procedure, compleet, aanbieder_beheerder, inkoper, tijd,
                                                         django_capture_on_commit_callbacks):
    lid = services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    pagina = client.get(f"/mijn/inschrijvingen/{compleet.pk}/eis/{procedure.gedragsverklaring.pk}/?lid={lid.pk}")
    assert pagina.status_code == 200
    assert "U levert hier het bewijs van <strong>De Brug Jeugdhulp</strong>" in pagina.content.decode()
    services.bewijs_uploaden_voor_eis(inschrijving=compleet, eis=procedure.gedragsverklaring, lid=lid, bestand=pdf_upload("brug.pdf"),
                                      afgiftedatum=date(2023, 1, 5), door=aanbieder_beheerder)
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    verzoek = services.herstelverzoek_versturen(inschrijving=compleet, vraag="Stuur het inspectierapport.", door=inkoper)
    url = f"/mijn/inschrijvingen/{compleet.pk}/herstel/{verzoek.pk}/"
    assert "Stuur het inspectierapport." in client.get(url).content.decode()
    assert "Stuur het inspectierapport." in client.get("/mijn/inschrijvingen/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"antwoord": "Bijgevoegd.", "bestand": pdf_upload("inspectie.pdf"),
                                     "documentsoort": "inspectierapport", "afgiftedatum": "2023-05-01"})
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "beantwoord"
    assert [b.originele_naam for b in verzoek.bijlagen.all()] == ["inspectie.pdf"]


@pytest.mark.parametrize("aantal", [2, 30])
@pytest.mark.parametrize("pad", ["eisen/", "overzicht/", "verklaring/"])
def test_eisenpagina_queries_groeien_niet(client, procedure, compleet, aanbieder_beheerder, django_assert_max_num_queries,
                                          aantal, pad):
    from aanbesteding.models import Eis

    from .factories import EisFactory

    lid = services.lid_toevoegen(inschrijving=compleet, rol="combinant", naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    for n in range(aantal):
        eis = EisFactory(aanbesteding=procedure.aanbesteding, antwoordtype=Eis.Antwoordtype.JA_NEE, per_lid=n % 2 == 0,
                         soort=Eis.Soort.UITSLUITINGSGROND if n % 3 == 0 else Eis.Soort.UITVOERINGSEIS)
        services.antwoord_opslaan(inschrijving=compleet, eis=eis, ja_nee=True, door=aanbieder_beheerder)
        if eis.per_lid:
            services.antwoord_opslaan(inschrijving=compleet, eis=eis, lid=lid, ja_nee=True, door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    url = f"/mijn/inschrijvingen/{compleet.pk}/{pad}"
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
