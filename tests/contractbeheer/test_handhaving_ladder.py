"""The enforcement ladder of 003 §7.11 (r.2872-2883): the order of the steps (a skip needs a recorded reason, a
repeat does not), the zienswijze period counted in Dutch working days, the besluit not before the period ended
unless the zienswijze came in, and the links to the cliëntenstop and the termination of the overeenkomst app."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer.models import Maatregel, Onderzoek, Signaal, Signaalstap, Trede
from contractbeheer.services import handhaving as services
from core.kalender import TZ
from core.models import AuditRegel
from overeenkomst.models import Clientenstop, Deelname, Uittreding

from ._handhaving import DONDERDAG, NA_TERMIJN, ZIENSWIJZE_UITERLIJK, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db
S = Maatregel.Status


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _audit(actie, obj) -> bool:
    return AuditRegel.objects.filter(actie=actie, object_id=str(obj.pk)).exists()


# --- the order of the ladder ----------------------------------------------------------------------------------


def test_eerste_maatregel_is_een_waarschuwing_zonder_reden(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, Trede.WAARSCHUWING)
    assert (m.trede, m.status, m.sprong_reden, m.grondslag) == (1, S.VOORNEMEN, "", "003 §7.11 lid 1")
    assert m.voornemen_op == DONDERDAG and m.opgesteld_door == contractmanager_a
    assert _audit("contractbeheer.maatregel_voornemen", m)
    assert services.huidige_trede(w.ovk) is None  # an intention is not a step yet


def test_overslaan_zonder_reden_geweigerd(w, contractmanager_a):
    with pytest.raises(ValidationError) as fout:
        voornemen(w.ovk, contractmanager_a, Trede.STOP_NIEUWE_CLIENTEN)
    tekst = fout.value.message_dict["sprong_reden"][0]
    assert "slaat een trede over" in tekst and "nog geen maatregel" in tekst and "“waarschuwing”" in tekst
    assert not Maatregel.objects.exists()


def test_overslaan_met_reden_toegestaan(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, Trede.BOETE, sprong_reden="Ernstige en herhaalde klachten (IGJ).")
    assert m.sprong_reden == "Ernstige en herhaalde klachten (IGJ)."
    assert AuditRegel.objects.get(actie="contractbeheer.maatregel_voornemen").toelichting == m.sprong_reden


def test_ladder_volgt_de_zwaarste_opgelegde_trede(w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    assert services.huidige_trede(w.ovk) == 1
    # Step 2 follows step 1 without a reason; step 3 would skip nothing after 2 but skips after 1.
    with pytest.raises(ValidationError, match="de huidige trede is waarschuwing"):
        voornemen(w.ovk, contractmanager_a, Trede.STOP_HERBEOORDELING)
    stop = opleggen(w.ovk, contractmanager_a, 2)
    assert stop.status == S.OPGELEGD and services.huidige_trede(w.ovk) == 2
    # A repeat or a lighter step is never a skip.
    for trede in (1, 2, 3):
        assert voornemen(w.ovk, contractmanager_a, trede).sprong_reden == ""


def test_reden_bij_een_gewone_stap_wordt_niet_bewaard(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1, sprong_reden="Geen sprong.")
    assert m.sprong_reden == ""


def test_ingetrokken_en_afgezien_tellen_niet_mee(w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    twee = opleggen(w.ovk, contractmanager_a, 2)
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.intrekken(maatregel=twee, reden="Bij nader inzien onterecht.", door=contractmanager_a)
    assert services.huidige_trede(w.ovk) == 1
    drie = voornemen(w.ovk, contractmanager_a, 2)
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.besluiten(maatregel=drie, opleggen=False, motivering="De aanbieder heeft hersteld.",
                           door=contractmanager_a)
    assert services.opgelegde_treden(w.ovk) == [1]
    # Another provider's ladder is its own.
    assert services.huidige_trede(w.andere_ovk) is None


# --- the zienswijze period ------------------------------------------------------------------------------------


def test_zienswijzetermijn_over_feestdagen(w, contractmanager_a):
    # Thursday 23-04-2026 + 10 werkdagen, Koningsdag (27-04) and Bevrijdingsdag (05-05) skipped: 11-05-2026.
    assert voornemen(w.ovk, contractmanager_a, 1).zienswijze_uiterlijk == ZIENSWIJZE_UITERLIJK == date(2026, 5, 11)
    # Friday 18-12-2026: the Christmas days and Nieuwjaarsdag 2027 skipped: Tuesday 05-01-2027.
    m = voornemen(w.ovk, contractmanager_a, 1, op=datetime(2026, 12, 18, 15, 0, tzinfo=TZ))
    assert m.zienswijze_uiterlijk == date(2027, 1, 5)


def test_termijn_volgt_de_beheerregels(w, contractmanager_a):
    services.beheerregels_van(w.gooi).__class__.objects.filter(aanbesteding=w.gooi).update(zienswijze_werkdagen=5)
    assert voornemen(w.ovk, contractmanager_a, 1).zienswijze_uiterlijk == date(2026, 5, 1)


def test_zienswijze_op_de_laatste_dag_en_daarna_geweigerd(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with (time_machine.travel(datetime(2026, 5, 12, 0, 5, tzinfo=TZ), tick=False),
          pytest.raises(ValidationError, match="liep tot en met 11-05-2026")):
        services.zienswijze_indienen(maatregel=m, tekst="Wij zijn het er niet mee eens.", door=w.lid)
    with time_machine.travel(datetime(2026, 5, 11, 23, 50, tzinfo=TZ), tick=False):
        m = services.zienswijze_indienen(maatregel=m, tekst="Wij zijn het er niet mee eens.", door=w.lid)
    assert (m.status, m.zienswijze_kanaal) == (S.ZIENSWIJZE, "portaal")
    assert _audit("contractbeheer.maatregel_zienswijze", m)
    with pytest.raises(ValidationError, match="geen zienswijze open"):
        services.zienswijze_indienen(maatregel=m, tekst="Nog iets.", door=w.lid)


def test_zienswijze_alleen_door_de_eigen_aanbieder(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    for wie in (w.andere_lid, contractmanager_a):
        with pytest.raises(PermissionDenied):
            services.zienswijze_indienen(maatregel=m, tekst="Niet van ons.", door=wie)


def test_zienswijze_per_post_vastgelegd(w, contractmanager_a, inkoper_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(datetime(2026, 5, 13, 9, 0, tzinfo=TZ), tick=False):
        with pytest.raises(ValidationError, match="liep tot en met 11-05-2026"):
            services.zienswijze_vastleggen(maatregel=m, tekst="Per brief.", ontvangen_op=date(2026, 5, 12),
                                           door=contractmanager_a)
        with pytest.raises(ValidationError):
            services.zienswijze_vastleggen(maatregel=m, tekst="Per brief.", ontvangen_op=date(2026, 5, 14),
                                           door=contractmanager_a)
        with pytest.raises(PermissionDenied):
            services.zienswijze_vastleggen(maatregel=m, tekst="Per brief.", ontvangen_op=date(2026, 5, 8),
                                           door=inkoper_a)
        m = services.zienswijze_vastleggen(maatregel=m, tekst="Per brief.", ontvangen_op=date(2026, 5, 8),
                                           door=contractmanager_a)
    assert (m.status, m.zienswijze_kanaal, m.zienswijze_vastgelegd_door) == (S.ZIENSWIJZE, "post", contractmanager_a)
    assert m.zienswijze_op.astimezone(TZ).date() == date(2026, 5, 8)
    assert _audit("contractbeheer.maatregel_zienswijze_vastgelegd", m)


# --- the besluit ----------------------------------------------------------------------------------------------


def test_besluit_niet_voor_het_einde_van_de_termijn(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(datetime(2026, 5, 11, 16, 0, tzinfo=TZ), tick=False):
        with pytest.raises(ValidationError, match="loopt tot en met 11-05-2026. U kunt besluiten na die datum"):
            services.besluiten(maatregel=m, opleggen=True, motivering="Vast.", door=contractmanager_a)
        # A received zienswijze opens the decision early.
        services.zienswijze_indienen(maatregel=m, tekst="Wij verbeteren de bejegening.", door=w.lid)
        m = services.besluiten(maatregel=m, opleggen=True, motivering="Zienswijze gewogen.", door=contractmanager_a)
    assert (m.status, m.besloten_door, m.ingangsdatum) == (S.OPGELEGD, contractmanager_a, date(2026, 5, 11))
    assert _audit("contractbeheer.maatregel_besluit", m)
    with pytest.raises(ValidationError, match="al besloten"):
        services.besluiten(maatregel=m, opleggen=False, motivering="Nog eens.", door=contractmanager_a)


def test_besluit_vraagt_motivering_en_de_contractmanager(w, contractmanager_a, inkoper_a, contractmanager_b):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(NA_TERMIJN, tick=False):
        with pytest.raises(ValidationError, match="Motiveer"):
            services.besluiten(maatregel=m, opleggen=True, motivering="  ", door=contractmanager_a)
        for wie in (inkoper_a, contractmanager_b, w.lid):
            with pytest.raises(PermissionDenied):
                services.besluiten(maatregel=m, opleggen=True, motivering="Vast.", door=wie)


def test_voornemen_alleen_door_de_contractmanager_van_de_regio(w, inkoper_a, contractmanager_b, beoordelaar_a):
    for wie in (inkoper_a, contractmanager_b, beoordelaar_a, w.lid):
        with pytest.raises(PermissionDenied):
            voornemen(w.ovk, wie, 1)
    assert not Maatregel.objects.exists()


def test_stop_op_nieuwe_clienten_wordt_een_clientenstop(w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 2, einddatum=date(2026, 8, 31))
    stop = m.clientenstops.get()
    assert (stop.deelname.overeenkomst, stop.van, stop.tot) == (w.ovk, date(2026, 5, 12), date(2026, 8, 31))
    assert stop.reden.startswith("Maatregel 003 §7.11 lid 2: stop op verwijzing van nieuwe cliënten.")
    assert Deelname.objects.get(pk=stop.deelname_id).status == Deelname.Status.CLIENTENSTOP


def test_stop_bij_herbeoordeling_is_een_clientenstop_met_die_reden(w, contractmanager_a):
    m = opleggen(w.ovk, contractmanager_a, 3, sprong_reden="Veiligheid van cliënten in het geding.")
    stop = m.clientenstops.get()
    assert "stop op verwijzing van bestaande cliënten bij herbeoordeling" in stop.reden
    assert "ook nieuwe cliënten" in stop.reden


def test_clientenstop_vraagt_percelen_van_deze_overeenkomst(w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = voornemen(w.ovk, contractmanager_a, 2)
    with time_machine.travel(NA_TERMIJN, tick=False):
        for deelnames, fout in (([], "Kies de percelen"), (list(services.lopende_deelnames(w.andere_ovk)),
                                                            "alleen percelen van deze overeenkomst")):
            with pytest.raises(ValidationError, match=fout):
                services.besluiten(maatregel=m, opleggen=True, motivering="Vast.", door=contractmanager_a,
                                   ingangsdatum=date(2026, 5, 12), deelnames=deelnames)
        with pytest.raises(ValidationError, match="ingangsdatum"):
            services.besluiten(maatregel=m, opleggen=True, motivering="Vast.", door=contractmanager_a,
                               deelnames=list(services.lopende_deelnames(w.ovk)))
    assert not Clientenstop.objects.exists()


def test_opzegging_beeindigt_de_overeenkomst(w, contractmanager_a):
    m = opleggen(w.ovk, contractmanager_a, 8, sprong_reden="Fraude vastgesteld door de accountant.")
    u = m.uittreding
    assert (u.overeenkomst, u.grond, u.vroegste_einddatum) == (w.ovk, Uittreding.Grond.WANPRESTATIE, date(2026, 5, 12))
    assert u.aanleiding == Uittreding.Aanleiding.BEEINDIGING_OPDRACHTGEVER
    assert "Maatregel 003 §7.11 lid 8" in u.toelichting


def test_intrekken_heft_de_clientenstop_niet_op(w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 2)
    with time_machine.travel(NA_TERMIJN, tick=False):
        with pytest.raises(ValidationError, match="reden"):
            services.intrekken(maatregel=m, reden="", door=contractmanager_a)
        m = services.intrekken(maatregel=m, reden="De klachten bleken ongegrond.", door=contractmanager_a)
    assert (m.status, m.intrekking_reden, m.ingetrokken_door) == (S.INGETROKKEN, "De klachten bleken ongegrond.",
                                                                   contractmanager_a)
    assert m.clientenstops.get().opgeheven_op is None
    assert AuditRegel.objects.get(actie="contractbeheer.maatregel_ingetrokken").toelichting == m.intrekking_reden
    with pytest.raises(ValidationError):
        services.intrekken(maatregel=m, reden="Nog eens.", door=contractmanager_a)


def test_afgezien_kan_niet_worden_ingetrokken(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(NA_TERMIJN, tick=False):
        m = services.besluiten(maatregel=m, opleggen=False, motivering="Hersteld.", door=contractmanager_a)
        assert m.status == S.AFGEZIEN and m.ingangsdatum is None
        with pytest.raises(ValidationError):
            services.intrekken(maatregel=m, reden="x", door=contractmanager_a)


# --- grounds, basis, links --------------------------------------------------------------------------------------


def test_grondslag_per_procedure(w):
    assert [services.grondslag_voorstel(w.gooi, t) for t in (1, 4, 5, 8)] == [
        "003 §7.11 lid 1", "003 §7.11 lid 4", "003 §7.11 lid 5", "003 §7.11 lid 8"]
    assert services.is_gooi(w.gooi) and not services.is_gooi(w.mlo)
    assert [services.grondslag_voorstel(w.mlo, t) for t in (1, 2, 8)] == ["", "002 B1 18.2", "002 art. 8.3"]


def test_gronden_en_grondslag_verplicht_en_zonder_clientgegevens(w, contractmanager_a):
    for velden, veld in (({"gronden": " "}, "gronden"), ({"grondslag": ""}, "grondslag"),
                         ({"gronden": "Klacht van mevrouw Jansen, BSN 111222333."}, "gronden")):
        with pytest.raises(ValidationError) as fout:
            voornemen(w.ovk, contractmanager_a, 1, **velden)
        assert veld in fout.value.message_dict
    with pytest.raises(ValidationError):
        voornemen(w.ovk, contractmanager_a, 9)


def test_beeindigde_overeenkomst_geen_maatregel(w, contractmanager_a):
    w.ovk.__class__.objects.filter(pk=w.ovk.pk).update(status="beeindigd")
    with pytest.raises(ValidationError, match="beëindigd"):
        voornemen(w.ovk, contractmanager_a, 1)


def test_signaal_gaat_naar_maatregel(w, contractmanager_a, regio_a):
    signaal = Signaal.objects.create(
        regio=regio_a, organisatie=w.ovk.organisatie, overeenkomst=w.ovk, bron=Signaal.Bron.GEMEENTE,
        onderwerp="Bejegening", omschrijving="Herhaalde klachten van ouders.", status=Signaal.Status.IN_BEHANDELING,
        ontvangen_op=DONDERDAG)
    onderzoek = Onderzoek.objects.create(overeenkomst=w.ovk, signaal="Continuïteit", signaal_gemeld_op=date(2026, 3, 2),
                                         reactie_uiterlijk=date(2026, 3, 16))
    m = voornemen(w.ovk, contractmanager_a, 1, signaal=signaal, onderzoek=onderzoek)
    signaal.refresh_from_db()
    assert (m.signaal, m.onderzoek, signaal.status) == (signaal, onderzoek, Signaal.Status.MAATREGEL)
    assert Signaalstap.objects.filter(signaal=signaal, soort=Signaalstap.Soort.MAATREGEL).exists()
    assert AuditRegel.objects.filter(actie="contractbeheer.signaal_maatregel", object_id=str(signaal.pk)).exists()
    # A second measure on the same signal leaves it as it is (signalen.signaal_koppelen_aan_maatregel).
    from contractbeheer.services.signalen import signaal_koppelen_aan_maatregel

    twee = voornemen(w.ovk, contractmanager_a, 1)
    assert signaal_koppelen_aan_maatregel(signaal=signaal, maatregel=twee, door=contractmanager_a).status \
        == Signaal.Status.MAATREGEL
    assert Signaalstap.objects.filter(signaal=signaal, soort=Signaalstap.Soort.MAATREGEL).count() == 1
    # A signal or onderzoek about another provider is refused.
    with pytest.raises(ValidationError) as fout:
        voornemen(w.andere_ovk, contractmanager_a, 1, signaal=signaal)
    assert "signaal" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        voornemen(w.andere_ovk, contractmanager_a, 1, onderzoek=onderzoek)
    assert "onderzoek" in fout.value.message_dict


def test_wie_mag_handelen(w, contractmanager_a, inkoper_a, contractmanager_b):
    assert services.is_contractmanager_van(contractmanager_a, w.ovk)
    for wie in (inkoper_a, contractmanager_b, w.lid):
        assert not services.is_contractmanager_van(wie, w.ovk)
        with pytest.raises(PermissionDenied, match="Alleen een contractmanager van de regio"):
            services.vereis_contractmanager(wie, w.ovk)
    services.vereis_contractmanager(contractmanager_a, w.ovk)


def test_besluit_mogelijk_na_de_termijn_of_na_de_zienswijze(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    assert not services.besluit_mogelijk(m, ZIENSWIJZE_UITERLIJK)
    assert services.besluit_mogelijk(m, date(2026, 5, 12))
    m.status = S.ZIENSWIJZE
    assert services.besluit_mogelijk(m, date(2026, 4, 24))
    m.status = S.OPGELEGD
    assert not services.besluit_mogelijk(m, date(2026, 6, 1))
