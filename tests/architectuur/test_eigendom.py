"""The one-owner-per-table guard itself: it must catch a foreign write and let the owner's service through."""

import pytest

from tests import eigendom
from tests.factories import OrganisatieFactory


def _vreemd_schrijven(organisatie):
    # Pretend to be app code of 'sroi' writing organisaties' table: run it as if defined in sroi.services.
    code = compile("Organisatie.objects.filter(pk=pk).update(naam='X')", "sroi/services.py", "exec")
    from organisaties.models import Organisatie

    exec(code, {"__name__": "sroi.services", "Organisatie": Organisatie, "pk": organisatie.pk})  # noqa: S102


def _eigen_schrijven(organisatie):
    code = compile("o.naam = 'Y'; o.save()", "organisaties/services.py", "exec")
    exec(code, {"__name__": "organisaties.services", "o": organisatie})  # noqa: S102


@pytest.mark.django_db
def test_vreemde_update_wordt_gevonden():
    organisatie = OrganisatieFactory()
    with eigendom.bewaakt() as gevonden:
        _vreemd_schrijven(organisatie)
    assert [(g.schrijver, g.model, g.actie) for g in gevonden] == [("sroi.services", "organisaties.Organisatie", "update")]


@pytest.mark.django_db
def test_vreemde_save_en_delete_worden_gevonden():
    organisatie = OrganisatieFactory()
    code = compile("o.naam = 'Z'; o.save()\no.delete()", "toetsing/services.py", "exec")
    with eigendom.bewaakt() as gevonden:
        exec(code, {"__name__": "toetsing.services", "o": organisatie})  # noqa: S102
    acties = {(g.schrijver, g.actie) for g in gevonden}
    assert ("toetsing.services", "save") in acties
    assert ("toetsing.services", "delete") in acties


@pytest.mark.django_db
def test_schrijven_door_de_eigenaar_mag():
    organisatie = OrganisatieFactory()
    with eigendom.bewaakt() as gevonden:
        _eigen_schrijven(organisatie)
    assert gevonden == []
    organisatie.refresh_from_db()
    assert organisatie.naam == "Y"


@pytest.mark.django_db
def test_schrijven_vanuit_een_test_telt_niet():
    with eigendom.bewaakt() as gevonden:
        OrganisatieFactory(naam="Uit een factory")
    assert gevonden == []


@pytest.mark.django_db
def test_audit_via_core_is_van_core():
    from core.audit import audit

    organisatie = OrganisatieFactory()
    code = compile("audit('test.actie', o, door=None)", "inschrijving/services.py", "exec")
    with eigendom.bewaakt() as gevonden:
        exec(code, {"__name__": "inschrijving.services", "audit": audit, "o": organisatie})  # noqa: S102
    assert gevonden == []
