"""The assessment: assignment, conflict of interest, three steps, independence, plan scores."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inschrijving.models import Inschrijving
from toetsing import permissions, selectors, services
from toetsing.models import Oordeel, Toetsing, Toewijzing

from .helpers import beoordeel


@pytest.fixture
def inschrijving(maak_inschrijving):
    return maak_inschrijving()


def test_toewijzen_in_bulk_aan_twee_beoordelaars(commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    a, b = maak_inschrijving(), maak_inschrijving()
    nieuw = services.toewijzen(inschrijvingen=[a, b], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    assert len(nieuw) == 4
    a.refresh_from_db()
    assert a.toetsing.status == Toetsing.Status.IN_BEOORDELING
    assert a.status == Inschrijving.Status.IN_BEOORDELING


def test_toewijzen_is_voorbehouden_aan_inkoper(commissie, inschrijving, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=beoordelaar)


def test_beoordelaar_buiten_commissie_wordt_geweigerd(commissie, inschrijving, inkoper, staff_client):
    from organisaties.rollen import BEOORDELAAR
    from tests.factories import UserFactory

    buitenstaander = UserFactory(groepen=[BEOORDELAAR])
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[buitenstaander], door=inkoper)


def test_geen_inhoud_voor_de_belangenverklaring(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    assert not permissions.mag_inhoud_zien(beoordelaar, inschrijving)
    eis = selectors.eisen_voor(inschrijving)[0]
    with pytest.raises(PermissionDenied):
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=eis, oordeel=Oordeel.VOLDOET, motivering="x",
                                    door=beoordelaar)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    assert permissions.mag_inhoud_zien(beoordelaar, inschrijving)


def test_belangenconflict_trekt_de_toewijzing_in(commissie, inschrijving, inkoper, beoordelaar, beoordelaar2):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=False, toelichting="Oud-bestuurder", door=beoordelaar)
    assert not Toewijzing.objects.filter(beoordelaar=beoordelaar, status__in=Toewijzing.ACTIEF).exists()
    assert not permissions.mag_inhoud_zien(beoordelaar, inschrijving)
    # And the recused assessor cannot be assigned to this provider again.
    with pytest.raises(ValidationError, match="belangenconflict"):
        services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)


def test_belangenconflict_vraagt_toelichting(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    with pytest.raises(ValidationError):
        services.belang_verklaren(inschrijving=inschrijving, geen_conflict=False, door=beoordelaar)


def test_niet_toegewezen_beoordelaar_ziet_niets(commissie, inschrijving, inkoper, beoordelaar, beoordelaar2):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    with pytest.raises(PermissionDenied):
        services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar2)
    assert not permissions.mag_inhoud_zien(beoordelaar2, inschrijving)


def test_drie_stappen_in_volgorde(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    eisen = {e.code: e for e in selectors.eisen_voor(inschrijving)}
    with pytest.raises(ValidationError, match="uitsluitingsgronden"):
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=eisen["X1"], oordeel=Oordeel.VOLDOET,
                                    motivering="Akkoord", door=beoordelaar)
    services.oordeel_vastleggen(inschrijving=inschrijving, eis=eisen["U1"], oordeel=Oordeel.VOLDOET,
                                motivering="Eigen Verklaring zonder uitsluitingsgronden", door=beoordelaar)
    services.oordeel_vastleggen(inschrijving=inschrijving, eis=eisen["G1"], oordeel=Oordeel.VOLDOET,
                                motivering="KvK-uittreksel van 2 maanden oud", door=beoordelaar)


def test_plan_onder_minimum_voldoet_niet(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(inschrijving, beoordelaar, afronden=False, eisen=selectors.eisen_voor(inschrijving)[:2])
    g2 = selectors.eisen_voor(inschrijving)[2]
    assert g2.code == "G2"
    with pytest.raises(ValidationError, match="onder het minimum"):
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=g2, oordeel=Oordeel.VOLDOET, score="5,5",
                                    motivering="Plan te algemeen", door=beoordelaar)
    with pytest.raises(ValidationError, match="tussen"):
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=g2, oordeel=Oordeel.VOLDOET, score="11",
                                    motivering="Uitstekend", door=beoordelaar)
    b = services.oordeel_vastleggen(inschrijving=inschrijving, eis=g2, oordeel=Oordeel.VOLDOET_NIET, score="5,5",
                                    motivering="Plan te algemeen", door=beoordelaar)
    b.refresh_from_db()
    assert b.score == Decimal("5.5")


@pytest.mark.parametrize("oordeel", [Oordeel.VOLDOET_NIET, Oordeel.HERSTEL])
def test_motivering_is_verplicht_bij_voldoet_niet_en_herstel(commissie, inschrijving, inkoper, beoordelaar, oordeel):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    u1 = selectors.eisen_voor(inschrijving)[0]
    with pytest.raises(ValidationError, match="Motiveer"):
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=u1, oordeel=oordeel, motivering=" ",
                                    door=beoordelaar)


def test_voldoet_zonder_motivering_krijgt_de_standaardtekst(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    u1 = selectors.eisen_voor(inschrijving)[0]
    b = services.oordeel_vastleggen(inschrijving=inschrijving, eis=u1, oordeel=Oordeel.VOLDOET, motivering=" ",
                                    door=beoordelaar)
    assert b.motivering == services.STANDAARD_MOTIVERING == "Voldoet aan de eis."


def test_wijziging_van_oordeel_wordt_geaudit_met_oud_en_nieuw(commissie, inschrijving, inkoper, beoordelaar):
    from core.models import AuditRegel

    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    u1 = selectors.eisen_voor(inschrijving)[0]
    services.oordeel_vastleggen(inschrijving=inschrijving, eis=u1, oordeel=Oordeel.HERSTEL, motivering="Formulier E ontbreekt",
                                door=beoordelaar)
    services.oordeel_vastleggen(inschrijving=inschrijving, eis=u1, oordeel=Oordeel.VOLDOET, motivering="Formulier E nagezonden",
                                door=beoordelaar)
    laatste = AuditRegel.objects.voor_object(inschrijving).filter(actie="toetsing.oordeel").first()
    assert laatste.oude_waarden["oordeel"] == Oordeel.HERSTEL
    assert laatste.nieuwe_waarden["oordeel"] == Oordeel.VOLDOET


def test_onafhankelijk_geen_oordelen_van_anderen_voor_afronden(commissie, inschrijving, inkoper, beoordelaar, beoordelaar2):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(inschrijving, beoordelaar, {"U1": Oordeel.VOLDOET_NIET})
    beoordeel(inschrijving, beoordelaar2, afronden=False)
    stap = "uitsluitingsgrond"  # the page of step 1 (issue 12), where U1 is
    scherm_b = selectors.stapscherm(inschrijving, beoordelaar2, stap)
    assert not scherm_b["mag_anderen_zien"]
    assert all(not r.anderen for r in scherm_b["regels"])
    scherm_a = selectors.stapscherm(inschrijving, beoordelaar, stap)
    assert scherm_a["mag_anderen_zien"]
    services.beoordeling_afronden(inschrijving=inschrijving, door=beoordelaar2)
    scherm_b = selectors.stapscherm(inschrijving, beoordelaar2, stap)
    u1 = scherm_b["regels"][0]
    assert [b.oordeel for b in u1.anderen] == [Oordeel.VOLDOET_NIET]


def test_afronden_vraagt_alle_eisen(commissie, inschrijving, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(inschrijving, beoordelaar, afronden=False, eisen=selectors.eisen_voor(inschrijving)[:1])
    with pytest.raises(ValidationError, match="Nog niet beoordeeld: G1, G2, X1"):
        services.beoordeling_afronden(inschrijving=inschrijving, door=beoordelaar)


def test_verzegeld_moment_geen_inhoud_voor_opening(commissie, maak_inschrijving, procedure, inkoper, beoordelaar):
    from datetime import timedelta

    from django.utils import timezone

    from aanbesteding.models import Toetredingsmoment

    moment = Toetredingsmoment.objects.create(
        aanbesteding=procedure["aanbesteding"], naam="Toetredingsronde", opent_op=timezone.now() - timedelta(days=10),
        sluit_op=timezone.now() + timedelta(days=2),
    )
    inschrijving = maak_inschrijving(toetredingsmoment=moment)
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=beoordelaar)
    assert not permissions.mag_inhoud_zien(beoordelaar, inschrijving)


def test_beoordelaar_krijgt_bericht_zonder_naam_van_aanbieder(commissie, inschrijving, inkoper, beoordelaar,
                                                              django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar], door=inkoper)
    assert [m.to for m in mailoutbox] == [[beoordelaar.email]]
    assert inschrijving.organisatie.naam not in mailoutbox[0].body
    assert f"/admin/toetsing/inschrijving/{inschrijving.pk}/" in mailoutbox[0].body
    # Idempotent: a re-run of the task does not mail again.
    from toetsing.tasks import toewijzing_aankondigen

    assert toewijzing_aankondigen(Toewijzing.objects.get(beoordelaar=beoordelaar).pk) is False
