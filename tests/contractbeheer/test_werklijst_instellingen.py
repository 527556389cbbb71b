"""The rules per procedure as snippets (Contractbeheer-instellingen): a contract manager edits those of its own
regions, with an audit entry; another region's are not listed and not found; other roles get nothing."""

import pytest
from django.urls import reverse

from contractbeheer.models import Beheerregels, Meldingsoort, Verantwoordingseis
from contractbeheer.wagtail_hooks import (
    BeheerregelsViewSet,
    ContractbeheerInstellingenGroep,
    MeldingsoortViewSet,
    VerantwoordingseisViewSet,
)
from core.audit_schermen import AuditViewSetMixin
from core.models import AuditRegel

from . import factories as f

pytestmark = pytest.mark.django_db

MODELLEN = [Beheerregels, Verantwoordingseis, Meldingsoort]


def _url(model, actie, *args):
    return reverse(f"wagtailsnippets_contractbeheer_{model._meta.model_name}:{actie}", args=args)


def test_groep_en_audit():
    assert ContractbeheerInstellingenGroep.menu_label == "Verplichtingen-instellingen"
    # Issue 14's streams add their snippets after these three (wagtail_hooks.py marker blocks).
    assert [v.model for v in ContractbeheerInstellingenGroep.items][:len(MODELLEN)] == MODELLEN
    for viewset in (BeheerregelsViewSet, VerantwoordingseisViewSet, MeldingsoortViewSet):
        assert issubclass(viewset, AuditViewSetMixin)


@pytest.fixture
def twee(regio_a, regio_b):
    eigen, _, _ = f.mlo(regio_a)
    vreemd, _, _ = f.gooi(regio_b)
    return eigen, vreemd


@pytest.mark.parametrize("model", MODELLEN)
def test_lijst_alleen_eigen_regio(twee, staff_client, contractmanager_a, model):
    eigen, vreemd = twee
    client = staff_client(contractmanager_a)
    antwoord = client.get(_url(model, "list"))
    assert antwoord.status_code == 200
    zichtbaar = {obj.pk for obj in antwoord.context["object_list"]}
    assert zichtbaar == set(model.objects.filter(aanbesteding=eigen).values_list("pk", flat=True))
    assert zichtbaar
    buiten = model.objects.filter(aanbesteding=vreemd).first()
    assert client.get(_url(model, "edit", buiten.pk)).status_code == 404


def test_termijn_wijzigen_met_audit(twee, staff_client, contractmanager_a):
    eigen, _ = twee
    soort = Meldingsoort.objects.get(aanbesteding=eigen, code="calamiteit")
    client = staff_client(contractmanager_a)
    data = {
        "aanbesteding": eigen.pk, "code": soort.code, "naam": soort.naam, "termijn_aantal": 3,
        "termijn_eenheid": "werkdagen", "ook_melden_aan": soort.ook_melden_aan, "toelichting": soort.toelichting,
        "bron": soort.bron, "volgorde": soort.volgorde, "actief": "on",
    }
    antwoord = client.post(_url(Meldingsoort, "edit", soort.pk), data)
    assert antwoord.status_code == 302, antwoord.context["form"].errors if antwoord.context else antwoord
    soort.refresh_from_db()
    assert soort.termijn_aantal == 3
    regel = AuditRegel.objects.voor_object(soort).latest("id")
    assert regel.actor == contractmanager_a
    assert regel.oude_waarden["termijn_aantal"] == 2 and regel.nieuwe_waarden["termijn_aantal"] == 3


@pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
@pytest.mark.parametrize("model", MODELLEN)
def test_andere_rollen_geen_toegang(twee, staff_client, request, persona, model):
    client = staff_client(request.getfixturevalue(persona))
    assert client.get(_url(model, "list")).status_code in (302, 403)


def test_inkoper_mag_alleen_inzien(twee, staff_client, inkoper_a):
    eigen, _ = twee
    client = staff_client(inkoper_a)
    assert client.get(_url(Verantwoordingseis, "list")).status_code == 200
    eis = Verantwoordingseis.objects.filter(aanbesteding=eigen).first()
    assert client.get(_url(Verantwoordingseis, "edit", eis.pk)).status_code in (302, 403)
