"""The audit trail: append-only, JSON-safe snapshots, visibility rules per model (ARCHITECTURE rule 4)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from core import audit as auditmodule
from core.audit import audit, momentopname, registreer_zichtbaarheid, zichtbare_regels
from core.kalender import TZ
from core.models import AuditRegel
from organisaties.models import Organisatie, Regio
from tests.factories import OrganisatieFactory, RegioFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel():
    return audit("organisatie.bijgewerkt", OrganisatieFactory(), door=UserFactory(), oud={"a": 1}, nieuw={"a": 2})


def test_bulk_update_via_filter_geweigerd(regel):
    with pytest.raises(PermissionError, match="onveranderlijk"):
        AuditRegel.objects.filter(pk=regel.pk).update(actie="vervalst")
    regel.refresh_from_db()
    assert regel.actie == "organisatie.bijgewerkt"


def test_bulk_delete_via_filter_geweigerd(regel):
    with pytest.raises(PermissionError, match="nooit verwijderd"):
        AuditRegel.objects.filter(actie="organisatie.bijgewerkt").delete()
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


def test_opnieuw_opslaan_zonder_wijziging_ook_geweigerd(regel):
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.save(update_fields=["toelichting"])


def test_object_verwijderen_laat_de_trail_staan():
    org = OrganisatieFactory()
    audit("organisatie.geregistreerd", org)
    pk = org.pk
    org.delete()
    regel = AuditRegel.objects.get(object_id=str(pk))
    assert regel.object_weergave == org.naam
    assert regel.content_type.model == "organisatie"


def test_bulk_update_en_update_or_create_geweigerd(regel):
    regel.actie = "vervalst"
    with pytest.raises(PermissionError), transaction.atomic():
        AuditRegel.objects.bulk_update([regel], ["actie"])
    with pytest.raises(PermissionError), transaction.atomic():
        AuditRegel.objects.update_or_create(pk=regel.pk, defaults={"actie": "vervalst"})
    assert AuditRegel.objects.get(pk=regel.pk).actie == "organisatie.bijgewerkt"


def test_momentopname_maakt_waarden_json_veilig():
    regio = RegioFactory(naam="Gooi")

    class Ding:
        bedrag = Decimal("71.38")
        dag = date(2026, 3, 2)
        moment = datetime(2026, 3, 2, 9, 30, tzinfo=TZ)
        lijst = (Decimal("1.5"), date(2026, 1, 1))
        model = regio
        niets = None
        tekst = "Hilversum"

    snap = momentopname(Ding(), ["bedrag", "dag", "moment", "lijst", "model", "niets", "tekst"])
    assert snap == {
        "bedrag": "71.38", "dag": "2026-03-02", "moment": "2026-03-02T09:30:00+01:00",
        "lijst": ["1.5", "2026-01-01"], "model": "Gooi", "niets": None, "tekst": "Hilversum",
    }


def test_momentopname_van_bestand_is_de_opslagnaam(settings, tmp_path):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    class Veld:
        storage = FileSystemStorage(location=str(tmp_path))

    leeg = FieldFile(None, Veld(), None)
    assert auditmodule._waarde(leeg) == ""
    naam = Veld.storage.save("bewijs.pdf", ContentFile(b"%PDF"))
    vol = FieldFile(None, Veld(), naam)
    assert auditmodule._waarde(vol) == naam


def test_alleen_oud_of_alleen_nieuw_blijft_volledig():
    org = OrganisatieFactory()
    r1 = audit("lid.verwijderd", org, oud={"lid": "a@b.example", "rol": "medewerker"})
    r2 = audit("lid.uitgenodigd", org, nieuw={"email": "a@b.example", "rol": "medewerker"})
    assert r1.oude_waarden == {"lid": "a@b.example", "rol": "medewerker"} and r1.nieuwe_waarden == {}
    assert r2.nieuwe_waarden == {"email": "a@b.example", "rol": "medewerker"} and r2.oude_waarden == {}


def test_verschil_neemt_velden_mee_die_aan_een_kant_ontbreken():
    r = audit("x", OrganisatieFactory(), oud={"a": 1, "b": 2}, nieuw={"a": 1, "c": 3})
    assert r.oude_waarden == {"b": 2}
    assert r.nieuwe_waarden == {"c": 3}
    assert r.wijzigingen() == [("b", 2, None), ("c", None, 3)]


def test_anonieme_gebruiker_wordt_geen_actor():
    r = audit("poging", OrganisatieFactory(), door=AnonymousUser())
    assert r.actor is None
    assert r.actor_weergave == "AnonymousUser"


def test_audit_zonder_object():
    r = audit("systeem.opgestart")
    assert r.content_type is None and r.object_id == "" and r.object_weergave == ""


def test_lange_objectnaam_wordt_afgekapt():
    org = OrganisatieFactory(naam="Z" * 200)
    org.naam = "Z" * 300  # str() of the object longer than the column
    r = audit("x", org)
    assert len(r.object_weergave) == 255


def test_weergave_met_tijdstip_actor_actie_en_object():
    user = UserFactory(email="a@zorg.example", first_name="", last_name="")
    org = OrganisatieFactory(naam="Zorg B.V.")
    r = audit("lid.verwijderd", org, door=user)
    assert str(r).endswith(" a@zorg.example: lid.verwijderd Zorg B.V.")
    assert str(r)[2] == "-" and str(r)[5] == "-"


def test_nieuwste_eerst():
    org = OrganisatieFactory()
    eerste = audit("een", org)
    tweede = audit("twee", org)
    assert list(AuditRegel.objects.voor_object(org)) == [tweede, eerste]


# --- visibility ------------------------------------------------------------------------------------------

@pytest.fixture
def schone_regels(monkeypatch):
    monkeypatch.setattr(auditmodule, "_ZICHTBAARHEID", {})


def test_zichtbaarheid_filtert_per_model_met_een_aanroep(schone_regels):
    zichtbaar = OrganisatieFactory()
    verborgen = OrganisatieFactory()
    regio = RegioFactory()
    aanroepen = []

    def regel(user, ids):
        aanroepen.append(set(ids))
        return {str(zichtbaar.pk)}

    registreer_zichtbaarheid(Organisatie, regel)
    regels = [audit("a", zichtbaar), audit("b", verborgen), audit("c", zichtbaar), audit("d", regio), audit("e")]
    uitkomst = zichtbare_regels(UserFactory(), regels)
    assert [r.actie for r in uitkomst] == ["a", "c", "d", "e"]
    assert aanroepen == [{str(zichtbaar.pk), str(verborgen.pk)}]


def test_zonder_regels_is_alles_zichtbaar(schone_regels):
    regels = [audit("a", OrganisatieFactory()), audit("b", RegioFactory())]
    assert zichtbare_regels(UserFactory(), regels) == regels


def test_regel_krijgt_de_gebruiker(schone_regels):
    gezien = []
    registreer_zichtbaarheid(Regio, lambda user, ids: gezien.append(user) or set())
    user = UserFactory()
    assert zichtbare_regels(user, [audit("a", RegioFactory())]) == []
    assert gezien == [user]


def test_auditoverzicht_filtert_op_begin_van_actie(client, inkoper):
    org = OrganisatieFactory()
    audit("lid.uitgenodigd", org)
    audit("lid.verwijderd", org)
    audit("organisatie.bijgewerkt", org)
    client.force_login(inkoper)
    antwoord = client.get(reverse("core_audit"), {"actie": " lid. "})
    acties = [r.actie for r in antwoord.context["regels"]]
    assert sorted(acties) == ["lid.uitgenodigd", "lid.verwijderd"]
    assert antwoord.context["actie"] == "lid."


def test_audit_van_onbekend_model_404(client, inkoper):
    client.force_login(inkoper)
    assert client.get(reverse("core_audit_object", args=["bestaat", "niet", "1"])).status_code == 404


def test_audit_van_object_toont_alleen_dat_object(client, inkoper):
    a, b = OrganisatieFactory(), OrganisatieFactory()
    audit("organisatie.bijgewerkt", a)
    audit("organisatie.geregistreerd", b)
    client.force_login(inkoper)
    antwoord = client.get(reverse("core_audit_object", args=["organisaties", "organisatie", a.pk]))
    assert [r.actie for r in antwoord.context["regels"]] == ["organisatie.bijgewerkt"]
