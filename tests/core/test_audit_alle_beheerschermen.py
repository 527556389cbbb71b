"""Issue 18, as a rule over the whole admin: every registered Wagtail model viewset whose model belongs to a region
(``REGIO_PAD``) or is declared contract-relevant below is audited, and an edit through it as a permitted persona
writes exactly one audit entry with old and new values. A new viewset without the audit fails here.

The walk uses the world of the security tests (tests/beveiliging/wereld.py: an object of every kind) and, per
viewset, the first persona whose role may change the object; a model nobody may change (the legal history:
``AlleenInzienBeleid``) is checked to refuse every change instead. A new model needs an object in that world.
"""

import pytest
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as register
from wagtail.admin.viewsets.model import ModelViewSet

from bronnen import contractbeheer as contractbeheer_bronnen
from contractbeheer import services as contractbeheer_services
from core.audit import laatste_regel_id
from core.audit_schermen import AuditViewSetMixin
from core.models import AuditRegel
from core.regio import regio_pad
from organisaties.models import Regio
from tests.beveiliging.wereld import bouw_wereld
from tests.factories import AanbestedingFactory
from tests.inschrijving.factories import EisFactory

from .beheerscherm import formulier, formulierdata, wijzig_een_veld

pytestmark = pytest.mark.django_db

# Not region-bound, yet a procedure or an agreement depends on it: the bureau's name, address and letter texts
# are printed in every decision letter and receipt.
CONTRACTRELEVANT = {Regio}


def _audit_plichtige_viewsets():
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # loads the admin URLs, which registers every viewset (wagtail_hooks)
    return [
        v for v in register.viewsets
        if isinstance(v, ModelViewSet) and (regio_pad(v.model) or v.model in CONTRACTRELEVANT)
    ]


def test_elke_regiogebonden_viewset_wordt_geaudit():
    viewsets = _audit_plichtige_viewsets()
    modellen = {v.model for v in viewsets}
    # The procedure's records, the agreement's rules and the SROI source tables are all among them.
    assert {"Aanbesteding", "Perceel", "Product", "Tarief", "Eis", "Contractregels", "SroiRegime", "Regio"} <= {
        m.__name__ for m in modellen}
    zonder = sorted(type(v).__name__ for v in viewsets if not isinstance(v, AuditViewSetMixin))
    assert zonder == [], f"Viewsets zonder audit (mix AuditViewSetMixin of RegioViewSetMixin in): {zonder}"


@pytest.fixture
def wereld(aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager, inkoper, beoordelaar):
    w = bouw_wereld(org=aanbieder, beheerder=aanbieder_beheerder, andere_org=andere_aanbieder,
                    andere_beheerder=andere_beheerder, contractmanager=contractmanager, inkoper=inkoper,
                    beoordelaar=beoordelaar)
    # An eis of a procedure without submissions (the newest, so the walk picks it): eisen of a procedure under
    # assessment are frozen (issue 18), which is not what this walk tests.
    EisFactory(aanbesteding=AanbestedingFactory(regio=w.aanbesteding.regio, titel="Nog zonder inschrijvingen"))
    # Issue 13: the contract-management rules of the procedure (snippets under Contractbeheer-instellingen).
    contractbeheer_services.regels_laden(aanbesteding=w.aanbesteding, bron=contractbeheer_bronnen.MLO)
    return w


def _bevoegde(viewset, obj, personas):
    for persona in personas:
        if viewset.permission_policy.user_has_permission_for_instance(persona, "change", obj):
            return persona
    return None


def test_bewerken_via_elk_beheerscherm_geeft_een_auditregel_met_oud_en_nieuw(
    wereld, staff_client, inkoper, contractmanager, sroi_adviseur, platformbeheerder, client,
):
    personas = [inkoper, contractmanager, sroi_adviseur, platformbeheerder]
    fouten, gedekt = [], []
    for viewset in _audit_plichtige_viewsets():
        model = viewset.model
        obj = model._default_manager.order_by("-pk").first()
        if obj is None:
            fouten.append(f"{model.__name__}: geen object in de wereld (tests/beveiliging/wereld.py)")
            continue
        persona = _bevoegde(viewset, obj, personas)
        if persona is None:
            # Legal history (AlleenInzienBeleid): nobody changes it, so there is nothing to audit.
            assert all(not viewset.permission_policy.user_has_permission(p, "change") for p in personas), model
            continue
        client.logout()
        staff_client(persona)
        form = formulier(obj, persona)
        data = formulierdata(form)
        if model.__name__ == "Vraag":
            data.update(vraag_publiek="Mag dit?", antwoord="Ja.", afhandeling="beantwoorden")
            veld = "antwoord"
        else:
            veld = wijzig_een_veld(form, data)
        sinds = laatste_regel_id()
        antwoord = client.post(reverse(viewset.get_url_name("edit"), args=[obj.pk]), data)
        if antwoord.status_code != 302:
            formulier_fout = getattr((antwoord.context or {}).get("form"), "errors", antwoord.status_code)
            fouten.append(f"{model.__name__}: opslaan als {persona.email} mislukt: {formulier_fout}")
            continue
        nieuw = list(AuditRegel.objects.voor_object(obj).filter(id__gt=sinds))
        if len(nieuw) != 1:
            fouten.append(f"{model.__name__}: {len(nieuw)} auditregels na het wijzigen van {veld}, verwacht 1")
            continue
        (regel,) = nieuw
        if not (regel.oude_waarden and regel.nieuwe_waarden and regel.actor == persona):
            fouten.append(f"{model.__name__}: auditregel {regel.actie} zonder oud/nieuw of actor ({regel.oude_waarden}, "
                          f"{regel.nieuwe_waarden}, {regel.actor})")
            continue
        gedekt.append(model.__name__)
    assert fouten == []
    assert {"Aanbesteding", "Perceel", "Product", "Tarief", "Eis", "Toetredingsmoment", "Contractregels"} <= set(gedekt)
    assert {"Beheerregels", "Verantwoordingseis", "Meldingsoort"} <= set(gedekt)

