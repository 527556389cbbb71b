"""Two bureaus in one portal (issue 17): the assessment of region A is invisible and untouchable for staff of
region B. Every screen and action has its control (the own region's Inkoper DOES reach it) next to the refusal
(the other region's object is a 404, indistinguishable from a missing id; a service refuses with
PermissionDenied), and the letters and mails carry their own region's texts, never another's."""

from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteding.models import Eis
from core.models import AuditRegel
from inschrijving.models import Herstelverzoek
from organisaties.models import Bericht, Regio, Regiorol, User
from organisaties.rollen import BEOORDELAAR, INKOPER
from tests.conftest import TOTP_GEHEIM
from tests.factories import UserFactory
from tests.inschrijving.factories import BewijsstukFactory
from toetsing import services, tasks
from toetsing.forms import CommissieForm
from toetsing.models import STANDAARD_RECHTSMIDDEL, Beoordelingscommissie, Besluit, Rechtsmiddel, Toewijzing
from toetsing.pdf import besluitbrief_pdf, proces_verbaal_pdf

from ._hulp import pdf_tekst
from .factories import AanbestedingFactory, AntwoordFactory, EisFactory, InschrijvingFactory, PerceelFactory
from .helpers import beoordeel, consensus


def _staf(groep, regio):
    user = UserFactory(groepen=[groep], groepen__regios=[regio])
    TOTP.activate(user, TOTP_GEHEIM)
    return user


def _dossier(regio, inkoper, beoordelaar, titel):
    """A procedure of ``regio`` with a commissie and an inschrijving in every stage the screens act on."""
    aanbesteding = AanbestedingFactory(regio=regio, titel=titel)
    ambulant = PerceelFactory(aanbesteding=aanbesteding, code="5.1", volgorde=1)
    mst = PerceelFactory(aanbesteding=aanbesteding, code="5.6", naam="Multi Systeem Therapie", volgorde=6, quotum=1)
    eisen = [EisFactory(aanbesteding=aanbesteding, code="U1", soort=Eis.Soort.UITSLUITINGSGROND, volgorde=1),
             EisFactory(aanbesteding=aanbesteding, code="X1", soort=Eis.Soort.UITVOERINGSEIS, volgorde=2)]
    services.instelling_opslaan(aanbesteding=aanbesteding, door=inkoper, min_beoordelaars=1)
    commissie = services.commissie_opslaan(aanbesteding=aanbesteding, naam=f"Commissie {regio.slug}",
                                           voorzitter=inkoper, leden=[beoordelaar], door=inkoper)

    def inschrijving(naam):
        i = InschrijvingFactory(aanbesteding=aanbesteding, percelen=[ambulant], organisatie__naam=naam)
        for eis in eisen:
            AntwoordFactory(inschrijving=i, eis=eis, tekst=f"Antwoord {eis.code}")
        return i

    def vastgesteld(naam):
        i = inschrijving(naam)
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
        beoordeel(i, beoordelaar)
        consensus(i, inkoper)
        i.refresh_from_db()
        return i

    besloten = vastgesteld(f"Besloten {regio.slug}")
    genomen = services.besluit_nemen(inschrijving=besloten, door=inkoper)
    verzonden_insch = vastgesteld(f"Verzonden {regio.slug}")
    verzonden = services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=verzonden_insch, door=inkoper),
                                           door=inkoper)
    rechtsmiddel = services.rechtsmiddel_registreren(besluit=verzonden, soort="kort_geding",
                                                     ingediend_op=date(2026, 3, 12), door=inkoper)
    klaar = vastgesteld(f"Klaar {regio.slug}")
    toegewezen = inschrijving(f"Toegewezen {regio.slug}")
    [toewijzing] = services.toewijzen(inschrijvingen=[toegewezen], beoordelaars=[beoordelaar], door=inkoper)
    nieuw = inschrijving(f"Nieuw {regio.slug}")
    stuk = BewijsstukFactory(organisatie=besloten.organisatie)
    besloten.antwoorden.first().bewijsstukken.add(stuk)
    return {"aanbesteding": aanbesteding, "mst": mst, "commissie": commissie, "besloten": besloten,
            "genomen": genomen, "verzonden": verzonden, "rechtsmiddel": rechtsmiddel, "klaar": klaar,
            "toegewezen": toegewezen, "toewijzing": toewijzing, "nieuw": nieuw, "stuk": stuk,
            "inkoper": inkoper, "beoordelaar": beoordelaar}


@pytest.fixture
def beoordelaar_b(staffgroepen, regio_b):
    return _staf(BEOORDELAAR, regio_b)


@pytest.fixture
def a(regio_a, inkoper_a, beoordelaar_a):
    return _dossier(regio_a, inkoper_a, beoordelaar_a, "Jeugdhulp Gooi")


@pytest.fixture
def b(regio_b, inkoper_b, beoordelaar_b):
    return _dossier(regio_b, inkoper_b, beoordelaar_b, "Jeugdhulp Midden-Limburg")


# --- screens -------------------------------------------------------------------------------------------------

SCHERMEN = {
    "toetsing_dashboard": lambda d: [d["aanbesteding"].pk],
    "toetsing_wachtrij": lambda d: [d["aanbesteding"].pk],
    "toetsing_instelling": lambda d: [d["aanbesteding"].pk],
    "toetsing_commissie_nieuw": lambda d: [d["aanbesteding"].pk],
    "toetsing_commissie": lambda d: [d["aanbesteding"].pk, d["commissie"].pk],
    "toetsing_inschrijving": lambda d: [d["besloten"].pk],
    "toetsing_consensus": lambda d: [d["klaar"].pk],
    "toetsing_tijdlijn": lambda d: [d["besloten"].pk],
    "toetsing_proces_verbaal": lambda d: [d["besloten"].pk],
    "toetsing_bewijsstuk": lambda d: [d["besloten"].pk, d["stuk"].pk],
    # Issue 12: a step of the assessment (the chair declared), the confirmation before sending and the preview.
    "toetsing_stap": lambda d: [d["besloten"].pk, Eis.Soort.UITSLUITINGSGROND],
    "toetsing_besluit_verzenden": lambda d: [d["genomen"].pk],
    "toetsing_besluit_voorbeeld": lambda d: [d["genomen"].pk],
}


def test_elk_scherm_eigen_regio_wel_andere_regio_404(client, a, b, inkoper_a, inkoper_b):
    # One dossier per region for all screens (building one is the slow part of these tests).
    for naam, args in sorted(SCHERMEN.items()):
        for inkoper, eigen, ander in ((inkoper_a, a, b), (inkoper_b, b, a)):
            client.force_login(inkoper)
            assert client.get(reverse(naam, args=args(eigen))).status_code == 200, naam
            assert client.get(reverse(naam, args=args(ander))).status_code == 404, naam


@pytest.mark.parametrize("naam", ["toetsing_inschrijving", "toetsing_wachtrij", "toetsing_dashboard"])
def test_andere_regio_is_als_een_onbekend_id(client, a, b, inkoper_a, naam):
    """Region B's id and an id that does not exist answer the same: nothing to probe."""
    client.force_login(inkoper_a)
    sleutel = "besloten" if naam == "toetsing_inschrijving" else "aanbesteding"
    andere = client.get(reverse(naam, args=[b[sleutel].pk]))
    onbekend = client.get(reverse(naam, args=[10**6]))
    assert (andere.status_code, onbekend.status_code) == (404, 404)
    assert andere.content == onbekend.content


def test_overzicht_toont_alleen_eigen_regio(client, a, b, inkoper_a, inkoper_b):
    client.force_login(inkoper_a)
    inhoud = client.get(reverse("toetsing_overzicht")).content.decode()
    assert "Jeugdhulp Gooi" in inhoud and "Jeugdhulp Midden-Limburg" not in inhoud
    client.force_login(inkoper_b)
    inhoud = client.get(reverse("toetsing_overzicht")).content.decode()
    assert "Jeugdhulp Midden-Limburg" in inhoud and "Jeugdhulp Gooi" not in inhoud


def test_wachtrij_en_dashboard_tellen_alleen_eigen_regio(client, a, b, inkoper_a):
    client.force_login(inkoper_a)
    wachtrij = client.get(reverse("toetsing_wachtrij", args=[a["aanbesteding"].pk])).content.decode()
    assert "Toegewezen gooi" in wachtrij and "Toegewezen mlo" not in wachtrij
    r = client.get(reverse("toetsing_dashboard", args=[a["aanbesteding"].pk]))
    assert r.context["d"].totaal == 5  # besloten, verzonden, klaar, toegewezen, nieuw: none of region B


def test_beoordelaar_ziet_alleen_toegewezen_in_eigen_regio(client, a, b, beoordelaar_a):
    client.force_login(beoordelaar_a)
    inhoud = client.get(reverse("toetsing_overzicht")).content.decode()
    assert "Jeugdhulp Gooi" in inhoud and "Jeugdhulp Midden-Limburg" not in inhoud
    assert client.get(reverse("toetsing_inschrijving", args=[a["toegewezen"].pk])).status_code == 200
    assert client.get(reverse("toetsing_inschrijving", args=[a["nieuw"].pk])).status_code == 404  # not assigned
    assert client.get(reverse("toetsing_inschrijving", args=[b["toegewezen"].pk])).status_code == 404
    assert client.get(reverse("toetsing_wachtrij", args=[b["aanbesteding"].pk])).status_code == 404
    wachtrij = client.get(reverse("toetsing_wachtrij", args=[a["aanbesteding"].pk])).content.decode()
    assert "Toegewezen gooi" in wachtrij and "Nieuw gooi" not in wachtrij


def test_beoordelaar_verliest_toegang_als_de_rol_in_de_regio_eindigt(client, a, beoordelaar_a):
    client.force_login(beoordelaar_a)
    url = reverse("toetsing_inschrijving", args=[a["toegewezen"].pk])
    assert client.get(url).status_code == 200
    Regiorol.objects.filter(user=beoordelaar_a).update(regio=Regio.objects.create(naam="Rijk van Nijmegen", slug="nijmegen"))
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied, match="regio"):
        services.belang_verklaren(inschrijving=a["toegewezen"], geen_conflict=True, door=User.objects.get(pk=beoordelaar_a.pk))


def test_overzicht_constant_aantal_queries(client, a, b, inkoper_a, regio_a, django_assert_max_num_queries):
    client.force_login(inkoper_a)
    url = reverse("toetsing_overzicht")
    client.get(url)
    with CaptureQueriesContext(connection) as voor:
        client.get(url)
    for n in range(5):
        AanbestedingFactory(regio=regio_a, titel=f"Extra {n}")
    with django_assert_max_num_queries(len(voor.captured_queries)):
        inhoud = client.get(url).content.decode()
    assert "Extra 4" in inhoud


def test_wachtrij_constant_aantal_queries(client, a, b, inkoper_a, django_assert_max_num_queries):
    client.force_login(inkoper_a)
    url = reverse("toetsing_wachtrij", args=[a["aanbesteding"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as voor:
        client.get(url)
    for n in range(5):
        InschrijvingFactory(aanbesteding=a["aanbesteding"], percelen=[a["mst"]], organisatie__naam=f"Extra {n}")
    with django_assert_max_num_queries(len(voor.captured_queries)):
        inhoud = client.get(url).content.decode()
    assert "Extra 4" in inhoud


# --- actions: the own region's Inkoper acts; on region B's object the same request is a 404 and changes nothing


def _staat():
    return (AuditRegel.objects.count(), Besluit.objects.count(), Rechtsmiddel.objects.count(),
            Rechtsmiddel.objects.filter(afgehandeld_op=None).count(), Beoordelingscommissie.objects.count(),
            Herstelverzoek.objects.count(), list(Toewijzing.objects.order_by("pk").values_list("status", flat=True)),
            list(Besluit.objects.order_by("pk").values_list("status", flat=True)))


def _instelling(d):
    return {"min_beoordelaars": 2, "score_min": 0, "score_max": 10, "minimale_score": 6, "standstill_dagen": 20,
            "uitsluiting_maanden": 6, "behandeltermijn_dagen": 90, "rechtsmiddel_tekst": "Eigen tekst",
            "briefhoofd": "", "ondertekening": "Inkoper"}


ACTIES = {
    "toetsing_toewijzen": (lambda d: [d["aanbesteding"].pk],
                           lambda d: {"inschrijvingen": [d["nieuw"].pk], "beoordelaars": [d["beoordelaar"].pk]}),
    "toetsing_instelling": (lambda d: [d["aanbesteding"].pk], _instelling),
    "toetsing_commissie": (lambda d: [d["aanbesteding"].pk, d["commissie"].pk],
                           lambda d: {"naam": "Hernoemd", "voorzitter": d["inkoper"].pk, "leden": [d["beoordelaar"].pk]}),
    "toetsing_besluit_nemen": (lambda d: [d["klaar"].pk], lambda d: {}),
    "toetsing_besluit_verzenden": (lambda d: [d["genomen"].pk], lambda d: {}),
    "toetsing_rechtsmiddel": (lambda d: [d["verzonden"].pk], lambda d: {"soort": "bezwaar", "ingediend_op": "2026-03-13"}),
    "toetsing_rechtsmiddel_afhandelen": (lambda d: [d["rechtsmiddel"].pk], lambda d: {"afloop": "besluit_blijft"}),
    "toetsing_toewijzing_intrekken": (lambda d: [d["toewijzing"].pk], lambda d: {}),
    "toetsing_herstel": (lambda d: [d["toegewezen"].pk], lambda d: {"vraag": "Stuur de VOG."}),
}


def test_elke_actie_eigen_regio_wel_andere_regio_404(client, a, b, inkoper_a):
    client.force_login(inkoper_a)
    for naam, (args, data) in ACTIES.items():  # in this order: each control leaves the next one's object ready
        voor = _staat()
        assert client.post(reverse(naam, args=args(b)), data(b)).status_code == 404, naam
        assert _staat() == voor, naam
        r = client.post(reverse(naam, args=args(a)), data(a))
        assert r.status_code == 302 and r.url != "/admin/", naam
        assert _staat() != voor, naam  # the control: in the own region the action took effect


def test_loting_eigen_regio_wel_andere_regio_404(client, a, b, inkoper_a):
    client.force_login(inkoper_a)
    assert client.post(reverse("toetsing_loting", args=[b["mst"].pk])).status_code == 404
    r = client.post(reverse("toetsing_loting", args=[a["mst"].pk]), follow=True)
    assert r.status_code == 200 and "Geen loting nodig" in r.content.decode()  # reached the service


def test_beoordelaar_acties_in_andere_regio_404_in_eigen_regio_wel(client, a, b, beoordelaar_a):
    client.force_login(beoordelaar_a)
    voor = _staat()
    for naam, sleutel, data in [("toetsing_verklaren", "toegewezen", {"geen_conflict": "ja"}),
                                ("toetsing_afronden", "toegewezen", {}),
                                ("toetsing_oordeel", "toegewezen", {"oordeel": "voldoet", "motivering": "x"}),
                                ("toetsing_consensus_vaststellen", "klaar", {}),
                                ("toetsing_stap", "toegewezen", {"alles_voldoet": "1"})]:
        args = [b[sleutel].pk] + ([b[sleutel].aanbesteding.eisen.first().pk] if naam == "toetsing_oordeel" else [])
        args += [Eis.Soort.UITSLUITINGSGROND] if naam == "toetsing_stap" else []
        assert client.post(reverse(naam, args=args), data).status_code == 404, naam
    assert _staat() == voor
    r = client.post(reverse("toetsing_verklaren", args=[a["toegewezen"].pk]), {"geen_conflict": "ja"})
    assert r.status_code == 302 and _staat() != voor


# --- services refuse another region's object -------------------------------------------------------------


def _weigeringen(d):
    return {
        "instelling_opslaan": lambda door: services.instelling_opslaan(aanbesteding=d["aanbesteding"], door=door,
                                                                       min_beoordelaars=2),
        "commissie_opslaan": lambda door: services.commissie_opslaan(
            aanbesteding=d["aanbesteding"], naam="X", voorzitter=door, leden=[], door=door),
        "toewijzen": lambda door: services.toewijzen(inschrijvingen=[d["nieuw"]], beoordelaars=[d["beoordelaar"]], door=door),
        "toewijzing_intrekken": lambda door: services.toewijzing_intrekken(toewijzing=d["toewijzing"], door=door),
        "loting_uitvoeren": lambda door: services.loting_uitvoeren(perceel=d["mst"], door=door),
        "besluit_nemen": lambda door: services.besluit_nemen(inschrijving=d["klaar"], door=door),
        "besluit_verzenden": lambda door: services.besluit_verzenden(besluit=d["genomen"], door=door),
        "rechtsmiddel_registreren": lambda door: services.rechtsmiddel_registreren(
            besluit=d["verzonden"], soort="bezwaar", ingediend_op=date(2026, 3, 13), door=door),
        "rechtsmiddel_afhandelen": lambda door: services.rechtsmiddel_afhandelen(
            rechtsmiddel=d["rechtsmiddel"], afloop="besluit_blijft", door=door),
    }


def test_elke_service_weigert_inkoper_van_andere_regio(a, b, inkoper_a, inkoper_b):
    voor = _staat()
    for service in _weigeringen(a):
        with pytest.raises(PermissionDenied, match="geen inkoper in de regio van deze aanbesteding"):
            _weigeringen(a)[service](inkoper_b)
        with pytest.raises(PermissionDenied, match="geen inkoper in de regio van deze aanbesteding"):
            _weigeringen(b)[service](inkoper_a)
    assert _staat() == voor


def test_services_werken_voor_inkoper_van_eigen_regio(a, inkoper_a):
    """The control of the refusals above (the fixture itself also ran every service as inkoper_a)."""
    with pytest.raises(ValidationError, match="Geen loting nodig"):
        services.loting_uitvoeren(perceel=a["mst"], door=inkoper_a)  # past the region gate
    assert services.toewijzen(inschrijvingen=[a["nieuw"]], beoordelaars=[a["beoordelaar"]], door=inkoper_a)
    assert services.besluit_verzenden(besluit=a["genomen"], door=inkoper_a).status == Besluit.Status.VERZONDEN
    assert services.herstel_vragen(inschrijving=a["toegewezen"], vraag="VOG", eisen=[], door=inkoper_a)


def test_herstel_en_beoordeling_door_staf_van_andere_regio_geweigerd(a, b, inkoper_b, beoordelaar_b):
    with pytest.raises(PermissionDenied):
        services.herstel_vragen(inschrijving=a["toegewezen"], vraag="VOG", eisen=[], door=inkoper_b)
    with pytest.raises(PermissionDenied, match="regio"):
        services.belang_verklaren(inschrijving=a["toegewezen"], geen_conflict=True, door=beoordelaar_b)
    with pytest.raises(PermissionDenied, match="regio"):
        services.beoordeling_afronden(inschrijving=a["toegewezen"], door=beoordelaar_b)
    with pytest.raises(PermissionDenied):
        services.consensus_vaststellen(inschrijving=a["klaar"], door=inkoper_b)


def test_commissie_alleen_met_staf_van_de_regio(a, b, inkoper_a, beoordelaar_a, beoordelaar_b, inkoper_b):
    with pytest.raises(ValidationError, match="Geen beoordelaar of inkoper in de regio"):
        services.commissie_opslaan(aanbesteding=a["aanbesteding"], naam="Gemengd", voorzitter=inkoper_a,
                                   leden=[beoordelaar_a, beoordelaar_b], door=inkoper_a)
    with pytest.raises(ValidationError, match="Geen beoordelaar of inkoper in de regio"):
        services.commissie_opslaan(aanbesteding=a["aanbesteding"], naam="MLO-voorzitter", voorzitter=inkoper_b,
                                   leden=[inkoper_b], door=inkoper_a)
    commissie = services.commissie_opslaan(aanbesteding=a["aanbesteding"], naam="Gooi", voorzitter=inkoper_a,
                                            leden=[beoordelaar_a], door=inkoper_a, commissie=a["commissie"])
    assert list(commissie.leden.all()) == [beoordelaar_a]
    with pytest.raises(ValidationError, match="hoort niet bij deze aanbesteding"):
        services.commissie_opslaan(aanbesteding=a["aanbesteding"], naam="Kaping", voorzitter=inkoper_a,
                                   leden=[beoordelaar_a], door=inkoper_a, commissie=b["commissie"])


def test_keuzelijsten_bieden_alleen_staf_van_de_regio(a, inkoper_a, beoordelaar_a, beoordelaar_b, inkoper_b):
    alle_regios = _staf(BEOORDELAAR, None)
    form = CommissieForm(aanbesteding=a["aanbesteding"])
    for veld in ("voorzitter", "leden"):
        keuzes = set(form.fields[veld].queryset)
        assert {inkoper_a, beoordelaar_a, alle_regios} <= keuzes
        assert not {inkoper_b, beoordelaar_b} & keuzes


def test_toewijzen_weigert_lid_zonder_rol_meer_in_de_regio(a, inkoper_a, regio_b):
    lid = a["beoordelaar"]
    Regiorol.objects.filter(user=lid).update(regio=regio_b)
    with pytest.raises(ValidationError, match="geen rol in de regio"):
        services.toewijzen(inschrijvingen=[a["nieuw"]], beoordelaars=[User.objects.get(pk=lid.pk)], door=inkoper_a)


def test_toewijzen_in_wachtrij_biedt_geen_staf_van_andere_regio(client, a, inkoper_a, beoordelaar_b):
    client.force_login(inkoper_a)
    r = client.get(reverse("toetsing_wachtrij", args=[a["aanbesteding"].pk]))
    assert list(r.context["beoordelaars"]) == [a["beoordelaar"]]
    voor = _staat()
    r = client.post(reverse("toetsing_toewijzen", args=[a["aanbesteding"].pk]),
                    {"inschrijvingen": [a["nieuw"].pk], "beoordelaars": [beoordelaar_b.pk]})
    assert r.status_code == 302 and _staat() == voor


# --- letters and mails carry the procedure's region -----------------------------------------------------


@pytest.fixture
def regioteksten(regio_a, regio_b):
    regio_a.bureau_naam = "Inkoopbureau Gooi en Vechtstreek"
    regio_a.postadres = "Postbus 251, 1400 AG Bussum"
    regio_a.contact_email = "inkoop@gooi.example"
    regio_a.contact_telefoon = "035 692 6500"
    regio_a.ondertekening = "Namens het Dagelijks Bestuur van de Regio Gooi en Vechtstreek"
    regio_a.rechtsmiddelen = "Een kort geding dient u in bij de rechtbank Midden-Nederland binnen 20 kalenderdagen."
    regio_a.save()
    regio_b.bureau_naam = "Inkoopbureau Midden-Limburg Oost"
    regio_b.postadres = "Postbus 900, 6040 AX Roermond"
    regio_b.contact_email = "inkoop@mlo.example"
    regio_b.contact_telefoon = "0475 359 999"
    regio_b.ondertekening = "Namens het college van de gemeente Roermond"
    regio_b.rechtsmiddelen = "Een kort geding dient u in bij de rechtbank Limburg binnen 20 kalenderdagen."
    regio_b.save()


GOOI = ["Inkoopbureau Gooi en Vechtstreek", "Postbus 251, 1400 AG Bussum", "inkoop@gooi.example", "035 692 6500",
        "Namens het Dagelijks Bestuur van de Regio Gooi en Vechtstreek", "rechtbank Midden-Nederland"]
MLO = ["Inkoopbureau Midden-Limburg Oost", "Postbus 900, 6040 AX Roermond", "inkoop@mlo.example", "0475 359 999",
       "Namens het college van de gemeente Roermond", "rechtbank Limburg"]


def test_besluitbrief_draagt_de_teksten_van_de_eigen_regio(a, b, regioteksten):
    brief_a = pdf_tekst(besluitbrief_pdf(a["verzonden"]))
    brief_b = pdf_tekst(besluitbrief_pdf(b["verzonden"]))
    for tekst in GOOI:
        assert tekst in brief_a and tekst not in brief_b
    for tekst in MLO:
        assert tekst in brief_b and tekst not in brief_a
    assert STANDAARD_RECHTSMIDDEL[:60] not in brief_a


def test_besluitbrief_lege_regiovelden_geven_de_standaardtekst(a):
    brief = pdf_tekst(besluitbrief_pdf(a["verzonden"]))
    assert "rechtbank Midden-Nederland" in brief and "vragen; de opdrachtgever kan dit weigeren" in brief
    assert a["aanbesteding"].opdrachtgever.naam in brief and "Inkoper Sociaal Domein" in brief
    assert "Postbus" not in brief and "e-mail" not in brief


def test_eigen_tekst_van_de_procedure_gaat_voor_de_regio(a, inkoper_a, regioteksten):
    services.instelling_opslaan(aanbesteding=a["aanbesteding"], door=inkoper_a,
                                rechtsmiddel_tekst="Bezwaar per procedure bij de rechtbank Amsterdam.",
                                ondertekening="Afdeling Inkoop Jeugd")
    brief = pdf_tekst(besluitbrief_pdf(a["verzonden"]))
    assert "rechtbank Amsterdam" in brief and "Afdeling Inkoop Jeugd" in brief
    assert "rechtbank Midden-Nederland" not in brief and "Dagelijks Bestuur" not in brief
    assert "Postbus 251, 1400 AG Bussum" in brief  # the region still heads the letter


def test_proces_verbaal_draagt_het_briefhoofd_van_de_eigen_regio(a, b, regioteksten):
    pv_a = pdf_tekst(proces_verbaal_pdf(a["besloten"].toetsing))
    pv_b = pdf_tekst(proces_verbaal_pdf(b["besloten"].toetsing))
    assert "Postbus 251, 1400 AG Bussum" in pv_a and "Postbus 900" not in pv_a
    assert "Postbus 900, 6040 AX Roermond" in pv_b and "Postbus 251" not in pv_b


def test_besluitmail_en_toewijzingsmail_ondertekend_door_de_eigen_regio(a, b, regioteksten, mailoutbox):
    assert tasks.besluitbrief_maken_en_aankondigen(a["verzonden"].pk)
    assert tasks.besluitbrief_maken_en_aankondigen(b["verzonden"].pk)
    mail_a, mail_b = mailoutbox[-2:]
    assert "Inkoopbureau Gooi en Vechtstreek" in mail_a.body and "inkoop@gooi.example" in mail_a.body
    assert "Midden-Limburg" not in mail_a.body
    assert "Inkoopbureau Midden-Limburg Oost" in mail_b.body and "Gooi" not in mail_b.body
    # Each decision is in the provider's inbox under the region that took it (ADR 0028).
    assert [Bericht.objects.get(sleutel=f"besluit:{x['verzonden'].pk}").regio_id for x in (a, b)] == [
        a["verzonden"].aanbesteding.regio_id, b["verzonden"].aanbesteding.regio_id]
    Toewijzing.objects.filter(pk=a["toewijzing"].pk).update(gemaild_op=None)
    assert tasks.toewijzing_aankondigen(a["toewijzing"].pk)
    assert mailoutbox[-1].body.rstrip().endswith("Inkoopbureau Gooi en Vechtstreek")


def test_toewijzingsmail_zonder_bureaunaam_standaard(a, mailoutbox):
    Toewijzing.objects.filter(pk=a["toewijzing"].pk).update(gemaild_op=None)
    assert tasks.toewijzing_aankondigen(a["toewijzing"].pk)
    assert mailoutbox[-1].body.rstrip().endswith("Het inkoopbureau")


def test_menu_en_ingang_alleen_met_een_rol_in_een_regio(client, platformbeheerder, staffgroepen):
    zonder_regio = UserFactory(groepen=[INKOPER])
    Regiorol.objects.filter(user=zonder_regio).delete()
    TOTP.activate(zonder_regio, TOTP_GEHEIM)
    for user in (platformbeheerder, User.objects.get(pk=zonder_regio.pk)):
        client.force_login(user)
        r = client.get(reverse("toetsing_overzicht"))
        assert (r.status_code, r.url) == (302, "/admin/")
