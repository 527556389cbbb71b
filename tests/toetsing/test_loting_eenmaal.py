"""Issue 18, finding 2: "the lottery can be redrawn". A lottery is drawn once per perceel per round
(toetredingsmoment); a second draw is refused, also when two run at once (the database constraint decides the
race); a redraw is a recorded four-eyes decision with a reason, and the earlier draw stays on record (ADR 0016)."""

import threading
from datetime import datetime

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from core.models import AuditRegel
from organisaties.rollen import INKOPER
from tests.conftest import _staff
from tests.factories import OrganisatieFactory
from tests.inschrijving.factories import ToetredingsmomentFactory
from toetsing import loting as lot
from toetsing import services
from toetsing.models import Besluit, BesluitPerceel, Loting, LotingHerziening, Rechtsmiddel

from ._hulp import een_regel, regels
from .factories import TZ


@pytest.fixture
def tweede_inkoper(staffgroepen):
    return _staff(INKOPER)


@pytest.fixture
def drie(maak_inschrijving, volledig_beoordeeld):
    return [volledig_beoordeeld(maak_inschrijving(organisatie=OrganisatieFactory(kvk_nummer=kvk), percelen=("mst",)))
            for kvk in ("19000001", "29000002", "39000003")]


@pytest.fixture
def getrokken(drie, procedure, inkoper):
    return services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="eerste-trekking")


# --- once per perceel per round ------------------------------------------------------------------------------


def test_een_tweede_loting_wordt_geweigerd(getrokken, procedure, inkoper):
    with pytest.raises(ValidationError) as fout:
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="tweede-trekking")
    assert fout.value.code == "al_geloot"
    assert "al geloot" in fout.value.messages[0] and "eerste-trekking" in fout.value.messages[0]
    assert "tweede inkoper" in fout.value.messages[0]
    assert list(Loting.objects.values_list("seed", flat=True)) == ["eerste-trekking"]
    assert len(regels(getrokken, "toetsing.loting")) == 1


def test_de_databank_beslist_de_race_met_een_nette_melding(getrokken, procedure, inkoper, monkeypatch):
    """The check before the insert is bypassed (as in a race between two transactions): the unique constraint
    refuses the second geldige loting and the service turns the IntegrityError into the same Dutch message."""
    monkeypatch.setattr(services, "_geldige_loting", lambda perceel, ronde: None)
    with pytest.raises(ValidationError) as fout:
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="racer")
    assert fout.value.code == "al_geloot"
    assert Loting.objects.count() == 1


def test_de_constraint_zelf_staat_geen_tweede_geldige_loting_toe(getrokken):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loting.objects.create(aanbesteding_id=getrokken.aanbesteding_id, perceel=getrokken.perceel, seed="x",
                              plaatsen=1, deelnemers=getrokken.deelnemers, winnaars=[])


def test_per_ronde_een_eigen_loting(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    juni = ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Ronde juni 2023")
    december = ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Ronde december 2023",
                                        opent_op=datetime(2023, 12, 1, 9, 0, tzinfo=TZ),
                                        sluit_op=datetime(2023, 12, 15, 10, 0, tzinfo=TZ))
    ronde1 = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",), toetredingsmoment=juni)) for _ in range(2)]
    ronde2 = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",), toetredingsmoment=december)) for _ in range(2)]
    # Candidates of two rounds: which round is drawn must be said.
    with pytest.raises(ValidationError, match="meer dan één ronde"):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    eerste = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, toetredingsmoment=juni)
    assert eerste.toetredingsmoment == juni
    assert sorted(eerste.deelnemer_ids) == sorted(i.pk for i in ronde1)
    assert een_regel(eerste, "toetsing.loting").nieuwe_waarden["toetredingsmoment"] == juni.pk
    with pytest.raises(ValidationError, match="Ronde juni 2023"):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, toetredingsmoment=juni)
    tweede = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, toetredingsmoment=december)
    assert sorted(tweede.deelnemer_ids) == sorted(i.pk for i in ronde2)


def test_een_moment_van_een_andere_aanbesteding_wordt_geweigerd(drie, procedure, inkoper):
    vreemd = ToetredingsmomentFactory()
    with pytest.raises(ValidationError, match="hoort niet bij deze aanbesteding"):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, toetredingsmoment=vreemd)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_lotingen_op_postgresql_een_wint(drie, procedure, inkoper):
    """Finding 2 as it happened: two draws started at the same moment. On PostgreSQL, with real concurrent
    transactions, exactly one draw is stored and the other caller gets the Dutch refusal."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdige transacties vragen PostgreSQL (make test draait op SQLite)")
    start = threading.Barrier(2)
    uitkomsten: list = []

    def trek(seed):
        try:
            start.wait(5)
            uitkomsten.append(services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed=seed).seed)
        except ValidationError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    draden = [threading.Thread(target=trek, args=(f"draad-{n}",)) for n in (1, 2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(30)
    assert len(uitkomsten) == 2 and "al_geloot" in uitkomsten
    assert len([u for u in uitkomsten if u.startswith("draad-")]) == 1
    assert Loting.objects.filter(status=Loting.Status.GELDIG).count() == 1


# --- redraw only as a four-eyes decision ----------------------------------------------------------------------


def test_herziening_vraagt_een_reden(getrokken, inkoper):
    with pytest.raises(ValidationError, match="reden"):
        services.loting_herziening_aanvragen(loting=getrokken, reden="  ", door=inkoper)
    assert not LotingHerziening.objects.exists()


def test_herziening_is_voor_een_inkoper(getrokken, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.loting_herziening_aanvragen(loting=getrokken, reden="Fout", door=beoordelaar)


def test_inkoper_van_een_andere_regio_mag_niet_goedkeuren(getrokken, inkoper, inkoper_b):
    herziening = services.loting_herziening_aanvragen(loting=getrokken, reden="Deelnemer ten onrechte", door=inkoper)
    with pytest.raises(PermissionDenied):
        services.loting_herziening_goedkeuren(herziening=herziening, door=inkoper_b)
    assert Loting.objects.get(pk=getrokken.pk).is_geldig


def test_wie_aanvraagt_keurt_niet_zelf_goed(getrokken, inkoper):
    herziening = services.loting_herziening_aanvragen(loting=getrokken, reden="Deelnemer ten onrechte", door=inkoper)
    with pytest.raises(PermissionDenied, match="tweede inkoper"):
        services.loting_herziening_goedkeuren(herziening=herziening, door=inkoper)
    with pytest.raises(PermissionDenied):
        services.loting_herziening_afwijzen(herziening=herziening, door=inkoper, toelichting="Nee")
    assert Loting.objects.filter(status=Loting.Status.GELDIG).count() == 1


def test_vier_ogen_ook_in_de_databank(getrokken, inkoper):
    herziening = services.loting_herziening_aanvragen(loting=getrokken, reden="Fout", door=inkoper)
    with pytest.raises(IntegrityError), transaction.atomic():
        LotingHerziening.objects.filter(pk=herziening.pk).update(beoordeeld_door=inkoper)


def test_een_open_herziening_per_loting(getrokken, inkoper, tweede_inkoper):
    services.loting_herziening_aanvragen(loting=getrokken, reden="Fout", door=inkoper)
    with pytest.raises(ValidationError, match="al een herziening"):
        services.loting_herziening_aanvragen(loting=getrokken, reden="Nog een", door=tweede_inkoper)


def test_goedgekeurde_herziening_laat_de_oude_loting_zichtbaar_en_trekt_opnieuw(getrokken, drie, inkoper, tweede_inkoper):
    oude_winnaars = list(getrokken.winnaars)
    herziening = services.loting_herziening_aanvragen(
        loting=getrokken, reden="Kort geding: de voorzieningenrechter beveelt een nieuwe loting.", door=inkoper)
    assert Loting.objects.get(pk=getrokken.pk).is_geldig  # nothing changes before the second inkoper decides
    herziening = services.loting_herziening_goedkeuren(herziening=herziening, door=tweede_inkoper, toelichting="Akkoord")

    oud = Loting.objects.get(pk=getrokken.pk)
    assert oud.status == Loting.Status.VERVALLEN
    assert (oud.seed, oud.winnaars) == ("eerste-trekking", oude_winnaars)  # kept as drawn
    assert oud.vervallen_reden.startswith("Kort geding") and oud.vervallen_op is not None
    nieuw = herziening.nieuwe_loting
    assert nieuw.is_geldig and nieuw.seed != oud.seed and len(nieuw.seed) == 32
    assert sorted(nieuw.deelnemer_ids) == sorted(i.pk for i in drie) and lot.controleer(nieuw)
    assert (herziening.status, herziening.beoordeeld_door, herziening.toelichting) == (
        LotingHerziening.Status.GOEDGEKEURD, tweede_inkoper, "Akkoord")

    assert een_regel(oud, "toetsing.loting_herziening_aangevraagd").actor == inkoper
    goed = een_regel(oud, "toetsing.loting_herziening_goedgekeurd")
    assert goed.actor == tweede_inkoper and goed.nieuwe_waarden["nieuwe_loting"] == nieuw.pk
    assert een_regel(oud, "toetsing.loting_vervallen").nieuwe_waarden["status"] == "vervallen"
    assert een_regel(nieuw, "toetsing.loting").nieuwe_waarden["herziening_van"] == oud.pk

    # Decisions follow the new draw only.
    for kandidaat in drie:
        [bp] = services.besluit_nemen(inschrijving=kandidaat, door=inkoper).percelen.all()
        assert bp.loting == nieuw
        assert (bp.uitkomst == BesluitPerceel.Uitkomst.VOORLOPIG) == (kandidaat.pk in nieuw.winnaars)
    # A vervallen draw cannot be reviewed again.
    with pytest.raises(ValidationError, match="vervallen"):
        services.loting_herziening_aanvragen(loting=oud, reden="Nog eens", door=inkoper)


def test_geen_herziening_zolang_er_besluiten_op_de_loting_berusten(getrokken, drie, inkoper, tweede_inkoper):
    winnaar = next(i for i in drie if i.pk in getrokken.winnaars)
    besluit = services.besluit_nemen(inschrijving=winnaar, door=inkoper)
    herziening = services.loting_herziening_aanvragen(loting=getrokken, reden="Fout in de deelnemers", door=inkoper)
    with pytest.raises(ValidationError, match="Trek die eerst in"):
        services.loting_herziening_goedkeuren(herziening=herziening, door=tweede_inkoper)
    assert Loting.objects.get(pk=getrokken.pk).is_geldig
    # After a kort geding withdraws the decision, the redraw can be approved.
    services.besluit_verzenden(besluit=besluit, door=inkoper)
    rm = services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                           ingediend_op=datetime(2026, 2, 1).date(), door=inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    assert Besluit.objects.get(pk=besluit.pk).status == Besluit.Status.INGETROKKEN
    herziening = services.loting_herziening_goedkeuren(herziening=herziening, door=tweede_inkoper)
    assert herziening.nieuwe_loting is not None


def test_afgewezen_herziening_laat_de_loting_staan(getrokken, inkoper, tweede_inkoper):
    herziening = services.loting_herziening_aanvragen(loting=getrokken, reden="Twijfel", door=inkoper)
    with pytest.raises(ValidationError, match="Licht toe"):
        services.loting_herziening_afwijzen(herziening=herziening, door=tweede_inkoper, toelichting="")
    herziening = services.loting_herziening_afwijzen(herziening=herziening, door=tweede_inkoper,
                                                      toelichting="Geen grond: de deelnemers kloppen.")
    assert herziening.status == LotingHerziening.Status.AFGEWEZEN
    assert Loting.objects.get(pk=getrokken.pk).is_geldig
    assert een_regel(getrokken, "toetsing.loting_herziening_afgewezen").toelichting.startswith("Geen grond")
    with pytest.raises(ValidationError, match="al beslist"):
        services.loting_herziening_goedkeuren(herziening=herziening, door=tweede_inkoper)


# --- the backfill of migration 0003 ----------------------------------------------------------------------------


def test_backfill_geeft_de_ronde_en_laat_bij_dubbele_trekkingen_een_geldig(drie, procedure, inkoper):
    """Rows from before issue 18 have no round; two draws of one perceel in one round (the race) leave one geldig:
    the one a decision refers to."""
    from importlib import import_module

    backfill = import_module("toetsing.migrations.0003_loting_ronde")._ronde_en_dubbele_trekkingen
    juni = ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Ronde juni 2023")
    from inschrijving.models import Inschrijving

    Inschrijving.objects.filter(pk__in=[i.pk for i in drie]).update(toetredingsmoment=juni)
    deelnemers = lot.vaste_volgorde([{"inschrijving": i.pk, "kvk": i.organisatie.kvk_nummer} for i in drie])
    # As the old code stored them: no round. One with moment already set stands in for the first of the race.
    eerste = Loting.objects.create(aanbesteding=procedure["aanbesteding"], perceel=procedure["mst"], seed="a",
                                   plaatsen=1, deelnemers=deelnemers, winnaars=lot.trek("a", deelnemers, 1),
                                   toetredingsmoment=juni)
    tweede = Loting.objects.create(aanbesteding=procedure["aanbesteding"], perceel=procedure["mst"], seed="b",
                                   plaatsen=1, deelnemers=deelnemers, winnaars=lot.trek("b", deelnemers, 1))
    backfill(apps, None)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert tweede.toetredingsmoment == juni and tweede.is_geldig  # the latest, used by _uitkomst_perceel
    assert eerste.status == Loting.Status.VERVALLEN and f"nr. {tweede.pk}" in eerste.vervallen_reden
    assert eerste.vervallen_op == tweede.uitgevoerd_op
    assert not AuditRegel.objects.filter(actie="toetsing.loting_vervallen").exists()
