"""The platform administrator configures regions and bureau accounts in the admin, and sees no content (issue 17)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditRegel
from organisaties.models import Gemeente, Regio, Regiorol, StaffRol, User
from organisaties.rollen import INKOPER
from organisaties.services import medewerker_toevoegen, regio_opslaan
from organisaties.tasks import verstuur_accountuitnodiging
from tests.factories import GemeenteFactory, UserFactory
from tests.organisaties._hulp import enige_auditregel, geen_audit

pytestmark = pytest.mark.django_db

LIJST = "wagtailsnippets_organisaties_regio:list"
NIEUW = "wagtailsnippets_organisaties_regio:add"
BEWERK = "wagtailsnippets_organisaties_regio:edit"
MEDEWERKERS = "organisaties_regio_medewerkers"
INTREKKEN = "organisaties_regiorol_intrekken"


def _regiodata(regio=None, gemeenten=(), **wijzig):
    """POST data of the region form, with its municipalities as the inline formset Wagtail renders."""
    data = {
        "naam": regio.naam if regio else "Rijk van Nijmegen", "slug": regio.slug if regio else "nijmegen",
        "bureau_naam": "", "contact_email": "", "contact_telefoon": "", "website": "", "postadres": "", "intro": "",
        "logo": "", "kleur_primair": "#1F4E79", "kleur_accent": "#E5A000", "ondertekening": "", "rechtsmiddelen": "",
        "klachten": "",
    }
    data.update(wijzig)
    bestaand = list(regio.gemeenten.all()) if regio else []
    data.update({"gemeenten-TOTAL_FORMS": str(len(bestaand) + len(gemeenten)),
                 "gemeenten-INITIAL_FORMS": str(len(bestaand)), "gemeenten-MIN_NUM_FORMS": "0",
                 "gemeenten-MAX_NUM_FORMS": "1000"})
    for i, g in enumerate(bestaand):
        data.update({f"gemeenten-{i}-id": str(g.pk), f"gemeenten-{i}-naam": g.naam})
        if g.doet_mee_jeugd:
            data[f"gemeenten-{i}-doet_mee_jeugd"] = "on"
        if g.doet_mee_wmo:
            data[f"gemeenten-{i}-doet_mee_wmo"] = "on"
    for j, (naam, domeinen) in enumerate(gemeenten, start=len(bestaand)):
        data.update({f"gemeenten-{j}-id": "", f"gemeenten-{j}-naam": naam})
        for domein in domeinen:
            data[f"gemeenten-{j}-doet_mee_{domein}"] = "on"
    return data


# --- Regions in the admin -----------------------------------------------------------------------------------


def test_platformbeheerder_maakt_regio_aan_met_gemeenten_per_domein(staff_client, platformbeheerder):
    client = staff_client(platformbeheerder)
    antwoord = client.post(reverse(NIEUW), _regiodata(
        gemeenten=[("Nijmegen", ["jeugd", "wmo"]), ("Heumen", ["wmo"])],
        bureau_naam="MGR Rijk van Nijmegen", postadres="Postbus 1, 6500 AA Nijmegen",
        contact_email="inkoop@rvn.example", ondertekening="Namens het college",
    ))
    assert antwoord.status_code == 302, antwoord.context["form"].errors if antwoord.context else antwoord
    regio = Regio.objects.get(slug="nijmegen")
    assert regio.bureau_naam == "MGR Rijk van Nijmegen"
    heumen = Gemeente.objects.get(naam="Heumen")
    assert heumen.regio == regio and heumen.doet_mee_wmo and not heumen.doet_mee_jeugd
    regel = enige_auditregel(regio, "regio.aangemaakt")
    assert regel.actor == platformbeheerder
    assert regel.oude_waarden == {}
    assert regel.nieuwe_waarden["gemeenten"] == ["Heumen (wmo)", "Nijmegen (jeugd, wmo)"]
    assert regel.nieuwe_waarden["ondertekening"] == "Namens het college"


def test_wijziging_van_regio_wordt_geaudit_met_oude_en_nieuwe_waarden(staff_client, platformbeheerder, regio_a):
    GemeenteFactory(regio=regio_a, naam="Eemnes", doet_mee_jeugd=False)
    client = staff_client(platformbeheerder)
    antwoord = client.post(reverse(BEWERK, args=[regio_a.pk]), _regiodata(
        regio_a, gemeenten=[("Blaricum", ["jeugd", "wmo"])], rechtsmiddelen="Bezwaar bij het Dagelijks Bestuur.",
    ))
    assert antwoord.status_code == 302
    regio_a.refresh_from_db()
    assert regio_a.rechtsmiddelen == "Bezwaar bij het Dagelijks Bestuur."
    regel = enige_auditregel(regio_a, "regio.gewijzigd")
    # Only what changed is kept: the legal text and the list of municipalities, not the unchanged name.
    assert regel.oude_waarden == {"rechtsmiddelen": "", "gemeenten": ["Eemnes (wmo)"]}
    assert regel.nieuwe_waarden == {"rechtsmiddelen": "Bezwaar bij het Dagelijks Bestuur.",
                                    "gemeenten": ["Blaricum (jeugd, wmo)", "Eemnes (wmo)"]}


def test_te_lichte_hoofdkleur_geeft_nederlandse_formulierfout(staff_client, platformbeheerder, regio_a):
    client = staff_client(platformbeheerder)
    voor = geen_audit()
    antwoord = client.post(reverse(BEWERK, args=[regio_a.pk]), _regiodata(regio_a, kleur_primair="#FFD700"))
    assert antwoord.status_code == 200
    fout = antwoord.context["form"].errors["kleur_primair"][0]
    assert "contrast" in fout and "minstens 4,5:1" in fout and "Kies een donkerder kleur" in fout
    assert "Kies een donkerder kleur" in antwoord.content.decode()
    regio_a.refresh_from_db()
    assert regio_a.kleur_primair != "#FFD700"
    assert geen_audit() == voor


def test_donkere_hoofdkleur_is_goed(staff_client, platformbeheerder, regio_a):
    antwoord = staff_client(platformbeheerder).post(reverse(BEWERK, args=[regio_a.pk]),
                                                    _regiodata(regio_a, kleur_primair="#003366"))
    assert antwoord.status_code == 302
    regio_a.refresh_from_db()
    assert regio_a.kleur_primair == "#003366"


def test_regiobeheer_toont_de_regios_aan_de_platformbeheerder(staff_client, platformbeheerder, regio_a, regio_b):
    client = staff_client(platformbeheerder)
    lijst = client.get(reverse(LIJST))
    assert lijst.status_code == 200
    assert "Gooi en Vechtstreek" in lijst.content.decode() and "Midden-Limburg Oost" in lijst.content.decode()
    bewerk = client.get(reverse(BEWERK, args=[regio_a.pk]))
    assert bewerk.status_code == 200
    for tekst in ("Gemeenten en hun domeinen", "Teksten in brieven", "Huisstijl", "Inkoopbureau"):
        assert tekst in bewerk.content.decode()


@pytest.mark.parametrize("persona", ["inkoper", "inkoper_a", "contractmanager", "redacteur", "sroi_adviseur",
                                     "beoordelaar"])
def test_ander_personeel_komt_niet_bij_regiobeheer(request, staff_client, persona, regio_a):
    user = request.getfixturevalue(persona)
    client = staff_client(user)
    for url in (reverse(LIJST), reverse(NIEUW), reverse(BEWERK, args=[regio_a.pk])):
        antwoord = client.get(url)
        assert antwoord.status_code in (302, 403), (persona, url, antwoord.status_code)
    voor = Regio.objects.get(pk=regio_a.pk).rechtsmiddelen
    client.post(reverse(BEWERK, args=[regio_a.pk]), _regiodata(regio_a, rechtsmiddelen="gekaapt"))
    assert Regio.objects.get(pk=regio_a.pk).rechtsmiddelen == voor


def test_regio_opslaan_weigert_wie_geen_platformbeheerder_is(inkoper, regio_a):
    from wagtail.admin.forms.models import WagtailAdminModelForm  # noqa: F401  (the real form is a ClusterForm)

    from organisaties.wagtail_hooks import RegioViewSet

    formklasse = RegioViewSet().get_form_class(for_update=True)
    formulier = formklasse(_regiodata(regio_a, rechtsmiddelen="x"), instance=regio_a)
    assert formulier.is_valid(), formulier.errors
    voor = geen_audit()
    with pytest.raises(PermissionDenied, match="Alleen de platformbeheerder richt regio's in"):
        regio_opslaan(formulier=formulier, door=inkoper)
    regio_a.refresh_from_db()
    assert regio_a.rechtsmiddelen == "" and geen_audit() == voor


# --- Medewerkers per regio -----------------------------------------------------------------------------------


def test_overzicht_groepeert_rollen_per_regio_met_vaste_queries(staff_client, platformbeheerder, regio_a, regio_b,
                                                               django_assert_max_num_queries):
    for i in range(6):
        UserFactory(email=f"a{i}@gooi.example", groepen=[INKOPER], groepen__regios=[regio_a])
        UserFactory(email=f"b{i}@mlo.example", groepen=[INKOPER], groepen__regios=[regio_b])
    UserFactory(email="overal@regio.example", groepen=[INKOPER])
    client = staff_client(platformbeheerder)
    client.get(reverse(MEDEWERKERS))  # warm caches (menu, site)
    with django_assert_max_num_queries(25):
        antwoord = client.get(reverse(MEDEWERKERS))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert html.index("Alle regio") < html.index("Gooi en Vechtstreek") < html.index("Midden-Limburg Oost")
    assert html.index("a5@gooi.example") < html.index("Midden-Limburg Oost") < html.index("b0@mlo.example")
    # Twice as many roles, the same number of queries.
    for i in range(6, 12):
        UserFactory(email=f"a{i}@gooi.example", groepen=[INKOPER], groepen__regios=[regio_a])
    with django_assert_max_num_queries(25):
        assert "a11@gooi.example" in client.get(reverse(MEDEWERKERS)).content.decode()


def test_rol_toekennen_aan_bestaand_account(staff_client, platformbeheerder, regio_a):
    collega = UserFactory(email="collega@gooi.example")
    antwoord = staff_client(platformbeheerder).post(reverse(MEDEWERKERS), {
        "email": "Collega@Gooi.example", "regio": regio_a.pk, "rol": StaffRol.CONTRACTMANAGER,
    })
    assert antwoord.status_code == 302
    assert Regiorol.objects.filter(user=collega, regio=regio_a, rol=StaffRol.CONTRACTMANAGER).exists()
    assert collega.groups.filter(name="Contractmanager").exists()
    assert User.objects.filter(email="collega@gooi.example").count() == 1
    assert mail.outbox == []


def test_rol_voor_alle_regios(staff_client, platformbeheerder, regio_a):
    collega = UserFactory(email="overal@regio.example")
    staff_client(platformbeheerder).post(reverse(MEDEWERKERS), {
        "email": collega.email, "regio": "", "rol": StaffRol.SROI_ADVISEUR,
    })
    assert Regiorol.objects.get(user=collega).regio is None


def test_nieuw_account_krijgt_link_om_wachtwoord_in_te_stellen(staff_client, platformbeheerder, regio_b,
                                                               django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = staff_client(platformbeheerder).post(reverse(MEDEWERKERS), {
            "email": "nieuw@mlo.example", "voornaam": "Noor", "achternaam": "Nieuw", "regio": regio_b.pk,
            "rol": StaffRol.INKOPER,
        })
    assert antwoord.status_code == 302
    nieuw = User.objects.get(email="nieuw@mlo.example")
    assert not nieuw.has_usable_password() and nieuw.get_full_name() == "Noor Nieuw"
    assert nieuw.emailaddress_set.get().verified
    assert Regiorol.objects.filter(user=nieuw, regio=regio_b, rol=StaffRol.INKOPER).exists()
    regel = enige_auditregel(nieuw, "medewerker.aangemaakt")
    assert regel.actor == platformbeheerder
    assert regel.nieuwe_waarden == {"email": "nieuw@mlo.example", "naam": "Noor Nieuw"}
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nieuw@mlo.example"]
    assert "wachtwoord" in bericht.body and "tweestapsverificatie" in bericht.body
    link = next(r for r in bericht.body.splitlines() if "/accounts/password/reset/key/" in r)
    # The link works: it opens the form to set the password.
    client.logout()
    pad = link.split("://", 1)[1].split("/", 1)[1]
    antwoord = client.get("/" + pad, follow=True)
    assert antwoord.status_code == 200
    assert "password1" in antwoord.content.decode()


def test_accountuitnodiging_niet_opnieuw_na_ingesteld_wachtwoord(db):
    user = UserFactory(email="klaar@gooi.example")  # the factory sets a password
    assert verstuur_accountuitnodiging(user.pk) is False
    assert verstuur_accountuitnodiging(999999) is False
    assert mail.outbox == []


def test_aanbiederaccount_kan_geen_medewerker_worden(staff_client, platformbeheerder, regio_a, aanbieder_beheerder):
    voor = geen_audit()
    antwoord = staff_client(platformbeheerder).post(reverse(MEDEWERKERS), {
        "email": aanbieder_beheerder.email, "regio": regio_a.pk, "rol": StaffRol.INKOPER,
    })
    assert antwoord.status_code == 200
    assert "lid van een zorgaanbieder" in str(antwoord.context["form"].non_field_errors())
    assert not Regiorol.objects.filter(user=aanbieder_beheerder).exists()
    assert geen_audit() == voor


def test_medewerker_toevoegen_weigert_ander_personeel(inkoper, regio_a):
    with pytest.raises(PermissionDenied):
        medewerker_toevoegen(email="x@gooi.example", rol=StaffRol.INKOPER, regio=regio_a, door=inkoper)
    assert not User.objects.filter(email="x@gooi.example").exists()


def test_intrekken_via_knop(staff_client, platformbeheerder, inkoper_a, regio_a):
    rol = Regiorol.objects.get(user=inkoper_a)
    client = staff_client(platformbeheerder)
    assert client.get(reverse(INTREKKEN, args=[rol.pk])).status_code == 405
    antwoord = client.post(reverse(INTREKKEN, args=[rol.pk]))
    assert antwoord.status_code == 302
    assert not Regiorol.objects.filter(pk=rol.pk).exists()
    assert not inkoper_a.groups.filter(name=INKOPER).exists()
    regel = AuditRegel.objects.get(actie="regiorol.ingetrokken")
    assert regel.actor == platformbeheerder
    # A role that is gone: a message, nothing else.
    antwoord = client.post(reverse(INTREKKEN, args=[rol.pk]), follow=True)
    assert "bestaat niet" in antwoord.content.decode()


def test_intrekken_vraagt_csrf(platformbeheerder, inkoper_a):
    from django.test import Client

    from tests.conftest import log_in_met_mfa

    client = log_in_met_mfa(Client(enforce_csrf_checks=True), platformbeheerder)
    rol = Regiorol.objects.get(user=inkoper_a)
    assert client.post(reverse(INTREKKEN, args=[rol.pk])).status_code == 403
    assert Regiorol.objects.filter(pk=rol.pk).exists()


@pytest.mark.parametrize("persona", ["inkoper", "inkoper_a", "contractmanager", "redacteur"])
def test_ander_personeel_komt_niet_bij_medewerkers_per_regio(request, staff_client, persona, inkoper_b):
    client = staff_client(request.getfixturevalue(persona))
    # Wagtail turns PermissionDenied in an admin view into a redirect to the dashboard with a message.
    antwoord = client.get(reverse(MEDEWERKERS))
    assert antwoord.status_code in (302, 403) and "inkoper_b" not in antwoord.content.decode()
    rol = Regiorol.objects.get(user=inkoper_b)
    assert client.post(reverse(INTREKKEN, args=[rol.pk])).status_code in (302, 403)
    assert client.post(reverse(MEDEWERKERS), {"email": "x@y.example", "regio": "", "rol": INKOPER}).status_code in (302, 403)
    assert Regiorol.objects.filter(pk=rol.pk).exists() and not User.objects.filter(email="x@y.example").exists()


def test_menu_toont_beheer_alleen_aan_platformbeheerder(staff_client, platformbeheerder, inkoper):
    from django.test import Client

    from tests.conftest import log_in_met_mfa

    html = staff_client(platformbeheerder).get("/admin/").content.decode()
    assert "Medewerkers per regio" in html and "Regio&#x27;s" in html or "Regio's" in html
    html_inkoper = log_in_met_mfa(Client(), inkoper).get("/admin/").content.decode()
    assert "Medewerkers per regio" not in html_inkoper


# --- The platform administrator sees no content -----------------------------------------------------------------


def test_platformbeheerder_ziet_geen_procedures_inschrijvingen_of_audit(platformbeheerder, inkoper_a, regio_a):
    from aanbesteding.models import Aanbesteding
    from core.audit import audit
    from inschrijving.models import Inschrijving
    from organisaties.regios import bereik, bereik_met_recht, binnen
    from tests.inschrijving.factories import AanbestedingFactory, InschrijvingFactory

    procedure = AanbestedingFactory(regio=regio_a)
    inschrijving = InschrijvingFactory(aanbesteding=procedure)
    audit("test.inhoud", procedure)
    for qs, perm in ((Aanbesteding.objects.all(), "aanbesteding.view_aanbesteding"),
                     (Inschrijving.objects.all(), "inschrijving.view_inschrijving")):
        assert not binnen(qs, bereik_met_recht(platformbeheerder, perm)).exists(), perm
        assert not binnen(qs, bereik(platformbeheerder)).exists(), perm
        # Control: the region's own inkoper does reach it.
        assert binnen(qs, bereik_met_recht(inkoper_a, perm)).exists(), perm
    assert list(binnen(Inschrijving.objects.all(), bereik(inkoper_a))) == [inschrijving]
    # The audit trail asks through core (core imports no domain app): nothing for the platform administrator.
    from core.regio import bereik as auditbereik

    assert auditbereik(platformbeheerder, "core.view_auditregel") == (False, frozenset())
    assert auditbereik(inkoper_a, "core.view_auditregel") == (False, frozenset({regio_a.pk}))
    assert AuditRegel.objects.filter(regio_id=regio_a.pk, actie="test.inhoud").exists()


def test_platformbeheerder_komt_niet_in_inhoudsschermen(staff_client, platformbeheerder, regio_a):
    from tests.inschrijving.factories import AanbestedingFactory

    procedure = AanbestedingFactory(regio=regio_a, titel="Geheime procedure")
    client = staff_client(platformbeheerder)
    for url in (reverse("wagtailsnippets_aanbesteding_aanbesteding:list"),
                reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[procedure.pk]),
                reverse("core_audit"), reverse("toetsing_overzicht")):
        antwoord = client.get(url)
        assert antwoord.status_code in (302, 403, 404), url
        assert "Geheime procedure" not in antwoord.content.decode()


def test_gemeente_van_een_procedure_verwijderen_geeft_formulierfout(staff_client, platformbeheerder, regio_a):
    from aanbesteding.models import DeelnemendeGemeente
    from tests.inschrijving.factories import AanbestedingFactory

    gemeente = GemeenteFactory(regio=regio_a, naam="Huizen")
    DeelnemendeGemeente.objects.create(aanbesteding=AanbestedingFactory(regio=regio_a), gemeente=gemeente,
                                       domein="jeugd")
    data = _regiodata(regio_a, rechtsmiddelen="nieuw")
    data["gemeenten-0-DELETE"] = "on"
    voor = geen_audit()
    antwoord = staff_client(platformbeheerder).post(reverse(BEWERK, args=[regio_a.pk]), data)
    assert antwoord.status_code == 200
    assert "kan niet worden verwijderd: Huizen" in str(antwoord.context["form"].non_field_errors())
    assert Gemeente.objects.filter(pk=gemeente.pk).exists()
    regio_a.refresh_from_db()
    assert regio_a.rechtsmiddelen == "" and geen_audit() == voor


def test_regiolijst_met_vaste_queries(staff_client, platformbeheerder, django_assert_max_num_queries):
    from tests.factories import RegioFactory

    for i in range(5):
        GemeenteFactory(regio=RegioFactory(naam=f"Regio {i}", slug=f"r{i}"))
    client = staff_client(platformbeheerder)
    client.get(reverse(LIJST))
    with django_assert_max_num_queries(20) as eerst:
        client.get(reverse(LIJST))
    for i in range(5, 15):
        GemeenteFactory(regio=RegioFactory(naam=f"Regio {i}", slug=f"r{i}"))
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        assert "Regio 14" in client.get(reverse(LIJST)).content.decode()
