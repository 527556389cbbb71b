"""The enforcement ladder and the fines (issue 14, ADR 0020; 003 §7.11 r.2862-2885, 003 §2.5.6 r.5176-5183,
001 r.352-361).

A measure (``Maatregel``) is a decision in two steps, each with a sealed letter:

1. **Voornemen**: the Contractmanager of the region chooses the agreement, the step of the ladder (``Trede``), the
   grounds and the legal basis. The ladder's current step is the heaviest measure imposed and not withdrawn; a
   measure heavier than the next step needs a recorded reason (``regels.sprong_zonder_reden``; 003 §7.11 r.2871
   "afhankelijk van de ernst en zwaarte ... één of meer van de volgende maatregelen"). The provider gets
   ``Beheerregels.zienswijze_werkdagen`` Dutch working days for its zienswijze (a reading: the source names no
   period, ADR 0020).
2. **Besluit**: imposed (opgelegd) or not (afgezien), with a motivation, not before the zienswijze period ended
   unless the zienswijze came in. An imposed step 2 or 3 becomes a cliëntenstop (overeenkomst services), step 8
   the termination of the agreement; steps 4 and 5 are followed by fines from the procedure's schedule
   (``Boetesoort``), each computed by ``regels.boete_bedrag`` and frozen with its calculation in words.

An imposed measure can be withdrawn with a reason; that does not lift a cliëntenstop (the bureau lifts it on its
own screen, with its own reason). Fines move opgelegd → betaald or kwijtgescholden (``Boete.OVERGANGEN``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit, momentopname
from core.geld import formatteer_euro
from core.taken import na_commit
from organisaties.regios import bereik, in_bereik
from organisaties.rollen import CONTRACTMANAGER, heeft_staffgroep
from overeenkomst.models import Deelname, Overeenkomst, Uittreding

from .. import regels
from ..clientgegevens import valideer_velden
from ..models import Boete, Boetesoort, Maatregel, Trede, Verantwoording
from ._gemeen import vereis_aanbieder
from .regels import beheerregels_van

S = Maatregel.Status

#: The fine per day for a late financial verantwoording (003 §7.11 lid 5 r.2880): the only kind of step 5.
PER_DAG_VERANTWOORDING = "verantwoording-te-laat"
#: Steps followed by fines, steps that become a cliëntenstop.
BOETETREDEN = (Trede.BOETE, Trede.BOETE_PER_DAG)
STOPTREDEN = (Trede.STOP_NIEUWE_CLIENTEN, Trede.STOP_HERBEOORDELING)
#: The measures that count on the ladder: imposed and not withdrawn.
TELT_MEE = (S.OPGELEGD,)

# The legal basis offered per step. Gooi (003 §7.11 r.2872-2883: the numbered list, "lid N" by its number); MLO
# (002) has no ladder: only the cliëntenstop (B1 18.2 r.392) and the termination (art. 8.3 r.105) have a basis
# of their own, the rest the user writes.
_GRONDSLAG_GOOI = {t: f"003 §7.11 lid {t}" for t in Trede.values}
_GRONDSLAG_MLO = {Trede.STOP_NIEUWE_CLIENTEN: "002 B1 18.2", Trede.STOP_HERBEOORDELING: "002 B1 18.2",
                  Trede.OPZEGGING: "002 art. 8.3"}

# Plural of the schedule's units for the calculation in words ("3 medewerkers × 2 weken × € 250,00").
_MEERVOUD = {"klacht": "klachten", "medewerker": "medewerkers", "uur": "uur", "dag": "dagen", "geval": "gevallen",
             "week": "weken", "maand": "maanden", "periode": "perioden"}

HERBEOORDELING_REDEN = (
    "Maatregel {grondslag}: stop op verwijzing van bestaande cliënten bij herbeoordeling. Het portaal legt dit "
    "vast als cliëntenstop: ook nieuwe cliënten worden niet verwezen (een zwaardere trede dan de stop op nieuwe "
    "cliënten). {gronden}"
)


def _taken():
    from ..tasks import handhaving

    return handhaving


# --- who ------------------------------------------------------------------------------------------------------


def is_contractmanager_van(user, obj) -> bool:
    """Only the Contractmanager of the region acts on the ladder and the fines; the Inkoper reads (issue 14)."""
    return heeft_staffgroep(user, CONTRACTMANAGER) and in_bereik(obj, bereik(user, CONTRACTMANAGER))


def vereis_contractmanager(door, obj) -> None:
    if not is_contractmanager_van(door, obj):
        raise PermissionDenied("Alleen een contractmanager van de regio neemt of wijzigt een maatregel of boete.")


# --- the ladder -----------------------------------------------------------------------------------------------


def opgelegde_treden(overeenkomst) -> list[int]:
    """The steps imposed on ``overeenkomst`` and not withdrawn."""
    return list(Maatregel.objects.filter(overeenkomst=overeenkomst, status__in=TELT_MEE)
                .values_list("trede", flat=True))


def huidige_trede(overeenkomst) -> int | None:
    """The agreement's step on the ladder: the heaviest measure imposed and not withdrawn (None: none)."""
    return max(opgelegde_treden(overeenkomst), default=None)


def is_gooi(aanbesteding) -> bool:
    """A procedure under 003 (the ladder of §7.11): its rules were loaded from 003 (Beheerregels.bron)."""
    return beheerregels_van(aanbesteding).bron.startswith("003")


def grondslag_voorstel(aanbesteding, trede: int) -> str:
    """The legal basis offered for a step: "003 §7.11 lid N" for a Gooi procedure, the article of 002 where MLO has
    one, else empty (the user writes it)."""
    tabel = _GRONDSLAG_GOOI if is_gooi(aanbesteding) else _GRONDSLAG_MLO
    return tabel.get(trede, "")


def _tekst(waarde: str, veld: str, bericht: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError({veld: bericht})
    valideer_velden(**{veld: waarde})
    return waarde


@transaction.atomic
def voornemen(*, overeenkomst, trede, gronden, grondslag, sprong_reden="", signaal=None, onderzoek=None,
              door) -> Maatregel:
    """The Contractmanager announces an intended measure. The zienswijze period runs from today; the letter is made
    and sealed after commit (tasks.handhaving) and the provider is told a letter is ready (not its content)."""
    vereis_contractmanager(door, overeenkomst)
    ovk = Overeenkomst.objects.select_for_update().select_related("aanbesteding").get(pk=overeenkomst.pk)
    if ovk.status == Overeenkomst.Status.BEEINDIGD:
        raise ValidationError("Deze overeenkomst is beëindigd; er valt geen maatregel meer te nemen.")
    try:
        trede = Trede(int(trede))
    except (TypeError, ValueError) as fout:
        raise ValidationError({"trede": "Kies een maatregel van de ladder."}) from fout
    gronden = _tekst(gronden, "gronden", "Beschrijf de feiten en overwegingen (de gronden).")
    grondslag = _tekst(grondslag, "grondslag", "Vul de grondslag in, bijvoorbeeld 003 §7.11 lid 2.")
    sprong_reden = (sprong_reden or "").strip()
    opgelegd = opgelegde_treden(ovk)
    volgende = regels.volgende_trede(opgelegd)
    if regels.sprong_zonder_reden(opgelegd, trede, sprong_reden):
        huidig = Trede(max(opgelegd)).label.lower() if opgelegd else "nog geen maatregel"
        raise ValidationError({"sprong_reden": (
            f"Deze maatregel slaat een trede over: de huidige trede is {huidig}, de volgende is "
            f"“{Trede(volgende).label.lower()}”. Leg vast waarom u een trede overslaat (003 §7.11: naar ernst en "
            f"zwaarte van de feiten)."
        )})
    if sprong_reden and trede <= volgende:
        sprong_reden = ""  # no skip: a reason would suggest one
    if sprong_reden:
        valideer_velden(sprong_reden=sprong_reden)
    if signaal is not None and signaal.organisatie_id != ovk.organisatie_id:
        raise ValidationError({"signaal": "Dit signaal gaat over een andere aanbieder."})
    if onderzoek is not None and onderzoek.overeenkomst_id != ovk.pk:
        raise ValidationError({"onderzoek": "Dit onderzoek gaat over een andere overeenkomst."})
    nu = kalender.nu()
    werkdagen = beheerregels_van(ovk.aanbesteding).zienswijze_werkdagen
    maatregel = Maatregel.objects.create(
        overeenkomst=ovk, trede=trede, gronden=gronden, grondslag=grondslag, sprong_reden=sprong_reden,
        signaal=signaal, onderzoek=onderzoek, voornemen_op=nu,
        zienswijze_uiterlijk=regels.zienswijze_uiterlijk(kalender.vandaag(), werkdagen), opgesteld_door=door,
    )
    if signaal is not None:
        from .signalen import signaal_koppelen_aan_maatregel

        signaal_koppelen_aan_maatregel(signaal=signaal, maatregel=maatregel, door=door)
    audit("contractbeheer.maatregel_voornemen", maatregel, door=door,
          nieuw=momentopname(maatregel, ["trede", "grondslag", "zienswijze_uiterlijk", "signaal", "onderzoek"]),
          toelichting=sprong_reden)
    na_commit(_taken().brief_voornemen_maken, maatregel.pk)
    return maatregel


def _zienswijze_open(maatregel: Maatregel, op: date) -> None:
    if maatregel.status != S.VOORNEMEN:
        raise ValidationError("Bij deze maatregel staat geen zienswijze open.")
    if op > maatregel.zienswijze_uiterlijk:
        raise ValidationError(
            f"De termijn voor een zienswijze liep tot en met {maatregel.zienswijze_uiterlijk:%d-%m-%Y}; "
            f"een zienswijze kan niet meer worden ingediend."
        )


@transaction.atomic
def zienswijze_indienen(*, maatregel, tekst, door) -> Maatregel:
    """A member of the provider gives its zienswijze on the intended measure, on or before the last day."""
    vereis_aanbieder(door, maatregel.overeenkomst)
    m = Maatregel.objects.select_for_update().get(pk=maatregel.pk)
    tekst = _tekst(tekst, "tekst", "Schrijf uw zienswijze.")
    _zienswijze_open(m, kalender.vandaag())
    Maatregel.OVERGANGEN.zet(m, S.ZIENSWIJZE)
    m.zienswijze, m.zienswijze_op, m.zienswijze_kanaal = tekst, kalender.nu(), "portaal"
    m.save(update_fields=["status", "zienswijze", "zienswijze_op", "zienswijze_kanaal"])
    audit("contractbeheer.maatregel_zienswijze", m, door=door, nieuw={"kanaal": "portaal"})
    na_commit(_taken().zienswijze_ontvangen_versturen, m.pk)
    return m


@transaction.atomic
def zienswijze_vastleggen(*, maatregel, tekst, ontvangen_op: date, kanaal="post", door) -> Maatregel:
    """Staff record a zienswijze that reached the bureau by post or e-mail, on the day it was received."""
    vereis_contractmanager(door, maatregel)
    if kanaal not in ("post", "email"):
        raise ValidationError({"kanaal": "Kies post of e-mail."})
    if ontvangen_op is None or ontvangen_op > kalender.vandaag():
        raise ValidationError({"ontvangen_op": "Geef de dag van ontvangst (niet in de toekomst)."})
    m = Maatregel.objects.select_for_update().get(pk=maatregel.pk)
    tekst = _tekst(tekst, "tekst", "Neem de zienswijze (of de kern ervan) over.")
    _zienswijze_open(m, ontvangen_op)
    Maatregel.OVERGANGEN.zet(m, S.ZIENSWIJZE)
    m.zienswijze, m.zienswijze_kanaal, m.zienswijze_vastgelegd_door = tekst, kanaal, door
    m.zienswijze_op = kalender.deadline_op(ontvangen_op, 12, 0)
    m.save(update_fields=["status", "zienswijze", "zienswijze_op", "zienswijze_kanaal",
                          "zienswijze_vastgelegd_door"])
    audit("contractbeheer.maatregel_zienswijze_vastgelegd", m, door=door,
          nieuw={"kanaal": kanaal, "ontvangen_op": ontvangen_op})
    return m


def besluit_mogelijk(maatregel: Maatregel, vandaag: date | None = None) -> bool:
    """A decision may be taken once the zienswijze came in, or once its period has passed."""
    vandaag = vandaag or kalender.vandaag()
    return maatregel.status == S.ZIENSWIJZE or (
        maatregel.status == S.VOORNEMEN and vandaag > maatregel.zienswijze_uiterlijk)


@transaction.atomic
def besluiten(*, maatregel, opleggen: bool, motivering, door, ingangsdatum=None, einddatum=None, deelnames=(),
              uittreding_grond=Uittreding.Grond.WANPRESTATIE) -> Maatregel:
    """Staff decide: impose the measure or refrain from it, with a motivation. Imposing step 2 or 3 makes a
    cliëntenstop on the chosen deelnames from ``ingangsdatum``; step 8 ends the agreement on ``ingangsdatum``."""
    vereis_contractmanager(door, maatregel)
    m = Maatregel.objects.select_for_update().select_related("overeenkomst__aanbesteding").get(pk=maatregel.pk)
    motivering = _tekst(motivering, "motivering", "Motiveer het besluit.")
    if m.status not in (S.VOORNEMEN, S.ZIENSWIJZE):
        raise ValidationError("Over deze maatregel is al besloten.")
    if not besluit_mogelijk(m):
        raise ValidationError(
            f"De zienswijzetermijn loopt tot en met {m.zienswijze_uiterlijk:%d-%m-%Y}. U kunt besluiten na die "
            f"datum, of eerder zodra de zienswijze van de aanbieder is ontvangen."
        )
    nieuw = S.OPGELEGD if opleggen else S.AFGEZIEN
    if opleggen:
        if m.trede in (*STOPTREDEN, Trede.OPZEGGING) and ingangsdatum is None:
            raise ValidationError({"ingangsdatum": "Geef de ingangsdatum van de maatregel."})
        if einddatum is not None and ingangsdatum is not None and einddatum < ingangsdatum:
            raise ValidationError({"einddatum": "De einddatum ligt vóór de ingangsdatum."})
    Maatregel.OVERGANGEN.zet(m, nieuw)
    m.besluit_op, m.besluit_toelichting, m.besloten_door = kalender.nu(), motivering, door
    if opleggen:
        m.ingangsdatum, m.einddatum = ingangsdatum or kalender.vandaag(), einddatum
    m.save(update_fields=["status", "besluit_op", "besluit_toelichting", "besloten_door", "ingangsdatum",
                          "einddatum"])
    if opleggen and m.trede in STOPTREDEN:
        _clientenstop(m, deelnames, door)
    if opleggen and m.trede == Trede.OPZEGGING:
        _opzeggen(m, uittreding_grond, door)
    audit("contractbeheer.maatregel_besluit", m, door=door,
          nieuw=momentopname(m, ["status", "ingangsdatum", "einddatum"]), toelichting=motivering)
    na_commit(_taken().besluitbrief_maken, m.pk)
    return m


def _clientenstop(m: Maatregel, deelnames, door) -> None:
    from overeenkomst.services.clientenstop import clientenstop_opleggen

    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError({"deelnames": "Kies de percelen waarvoor de cliëntenstop geldt."})
    if any(d.overeenkomst_id != m.overeenkomst_id for d in deelnames):
        raise ValidationError({"deelnames": "Kies alleen percelen van deze overeenkomst."})
    if m.trede == Trede.STOP_HERBEOORDELING:
        # overeenkomst.Clientenstop knows only "no new clients"; the stop on existing clients at re-assessment is
        # recorded as a cliëntenstop whose reason says what it is (a reading, ADR 0020).
        reden = HERBEOORDELING_REDEN.format(grondslag=m.grondslag, gronden=m.besluit_toelichting)
    else:
        reden = f"Maatregel {m.grondslag}: stop op verwijzing van nieuwe cliënten. {m.besluit_toelichting}"
    stops = clientenstop_opleggen(deelnames=deelnames, van=m.ingangsdatum, tot=m.einddatum, reden=reden, door=door)
    m.clientenstops.add(*stops)


def _opzeggen(m: Maatregel, grond, door) -> None:
    from overeenkomst.services.uittreding import overeenkomst_beeindigen

    m.uittreding = overeenkomst_beeindigen(
        overeenkomst=m.overeenkomst, grond=grond, einddatum=m.ingangsdatum,
        toelichting=f"Maatregel {m.grondslag}: {m.besluit_toelichting}", door=door,
    )
    m.save(update_fields=["uittreding"])


@transaction.atomic
def intrekken(*, maatregel, reden, door) -> Maatregel:
    """Withdraw an intended or imposed measure with a reason. A cliëntenstop or termination it caused stays: the
    bureau lifts a stop on its own screen (overeenkomst), with its own reason."""
    vereis_contractmanager(door, maatregel)
    m = Maatregel.objects.select_for_update().get(pk=maatregel.pk)
    reden = _tekst(reden, "reden", "Geef de reden van de intrekking.")
    oud = Maatregel.OVERGANGEN.zet(m, S.INGETROKKEN)
    m.ingetrokken_op, m.ingetrokken_door, m.intrekking_reden = kalender.nu(), door, reden
    m.save(update_fields=["status", "ingetrokken_op", "ingetrokken_door", "intrekking_reden"])
    audit("contractbeheer.maatregel_ingetrokken", m, door=door, oud={"status": oud},
          nieuw={"status": m.status}, toelichting=reden)
    return m


# --- fines ----------------------------------------------------------------------------------------------------


def _getal(d: Decimal) -> str:
    """2 → "2", 1.50 → "1,5" (Dutch decimal comma)."""
    d = Decimal(d)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f").replace(".", ",")


def _eenheid(naam: str, aantal) -> str:
    return naam if Decimal(aantal) == 1 else _MEERVOUD.get(naam, naam)


def berekening(soort: Boetesoort, *, aantal: Decimal, perioden: int | None = None, grondslag: Decimal | None = None,
               toelichting: str = "") -> str:
    """The calculation in words, frozen with the fine: "3 medewerkers × 2 weken × € 250,00"."""
    if soort.percentage is not None:
        return f"{_getal(soort.percentage)} % van {formatteer_euro(grondslag)}"
    delen = [f"{_getal(aantal)} {_eenheid(soort.eenheid, aantal)}{toelichting}"]
    if soort.per_periode:
        delen.append(f"{perioden} {_eenheid(soort.per_periode, perioden)}")
    delen.append(formatteer_euro(soort.bedrag))
    return " × ".join(delen)


def tarief_tekst(soort: Boetesoort) -> str:
    """The schedule's rate in words: "€ 250,00 per medewerker per week", "75 % van de grondslag"."""
    if soort.percentage is not None:
        return f"{_getal(soort.percentage)} % van de grondslag"
    return f"{formatteer_euro(soort.bedrag)} per {soort.eenheid}" + (f" per {soort.per_periode}"
                                                                    if soort.per_periode else "")


def _decimaal(waarde, veld: str) -> Decimal | None:
    if waarde in (None, ""):
        return None
    try:
        return Decimal(str(waarde))
    except InvalidOperation as fout:
        raise ValidationError({veld: "Vul een getal in."}) from fout


def ingediend_op(verantwoording: Verantwoording) -> date | None:
    """The day the first submission of a duty came in (Amsterdam date), None while nothing came in. A rejected
    first submission still ends the lateness: what follows is a repair with its own deadline (ADR 0020)."""
    eerste = verantwoording.inzendingen.order_by("ingediend_op").values_list("ingediend_op", flat=True).first()
    return eerste.astimezone(kalender.TZ).date() if eerste else None


@transaction.atomic
def boete_opleggen(*, maatregel, soort, door, aantal=None, perioden=None, grondslag=None,
                   verantwoording=None) -> Boete:
    """Add a fine of the schedule to an imposed step 4 or 5 and freeze its amount and calculation. For the fine per
    day (003 §7.11 lid 5) the days are counted from the verantwoording's deadline to its first submission (or to
    today while none came in)."""
    vereis_contractmanager(door, maatregel)
    m = Maatregel.objects.select_for_update().select_related("overeenkomst").get(pk=maatregel.pk)
    if m.status != S.OPGELEGD or m.trede not in BOETETREDEN:
        raise ValidationError("Een boete hoort bij een opgelegde maatregel “boete” of “boete per dag”.")
    if soort.aanbesteding_id != m.overeenkomst.aanbesteding_id:
        raise ValidationError({"soort": "Kies een boete uit het boeteschema van deze procedure."})
    per_dag = soort.code == PER_DAG_VERANTWOORDING
    if per_dag != (m.trede == Trede.BOETE_PER_DAG):
        raise ValidationError({"soort": "De boete per dag voor een te late verantwoording hoort bij trede 5 "
                                        "(003 §7.11 lid 5); de andere boetes bij trede 4."})
    aantal, grondslag = _decimaal(aantal, "aantal"), _decimaal(grondslag, "grondslag")
    toelichting = ""
    if per_dag:
        if verantwoording is None or verantwoording.overeenkomst_id != m.overeenkomst_id:
            raise ValidationError({"verantwoording": "Kies de te late verantwoording van deze overeenkomst."})
        ingediend = ingediend_op(verantwoording)
        dagen = regels.dagen_te_laat(verantwoording.uiterlijk, ingediend, kalender.vandaag())
        if dagen == 0:
            raise ValidationError({"verantwoording": (
                f"Deze verantwoording is niet te laat: uiterlijk {verantwoording.uiterlijk:%d-%m-%Y}"
                + (f", ingediend {ingediend:%d-%m-%Y}." if ingediend else ".")
            )})
        aantal = Decimal(dagen)
        toelichting = (f" te laat (uiterlijk {verantwoording.uiterlijk:%d-%m-%Y}, "
                       + (f"ingediend {ingediend:%d-%m-%Y})" if ingediend else
                          f"nog niet ingediend op {kalender.vandaag():%d-%m-%Y})"))
    elif soort.percentage is not None:
        if grondslag is None or grondslag <= 0:
            raise ValidationError({"grondslag": "Vul de grondslag in (het bedrag waarover het percentage gaat)."})
        aantal = Decimal(1)
    else:
        verantwoording = None
        if aantal is None or aantal <= 0:
            raise ValidationError({"aantal": f"Vul het aantal in ({_MEERVOUD.get(soort.eenheid, soort.eenheid)})."})
    if soort.per_periode:
        try:
            perioden = int(perioden)
        except (TypeError, ValueError):
            perioden = 0
        if perioden <= 0:
            raise ValidationError({"perioden": f"Vul het aantal {_MEERVOUD.get(soort.per_periode, 'perioden')} in."})
    else:
        perioden = None
    bedrag = regels.boete_bedrag(bedrag=soort.bedrag, percentage=soort.percentage, aantal=aantal, perioden=perioden,
                                 grondslag=grondslag)
    boete = Boete.objects.create(
        overeenkomst=m.overeenkomst, maatregel=m, soort=soort, verantwoording=verantwoording, aantal=aantal,
        perioden=perioden, grondslag=grondslag if soort.percentage is not None else None, bedrag=bedrag,
        berekening=berekening(soort, aantal=aantal, perioden=perioden, grondslag=grondslag,
                              toelichting=toelichting)[:255],
        opgelegd_op=kalender.vandaag(), gewijzigd_door=door,
    )
    audit("contractbeheer.boete_opgelegd", boete, door=door,
          nieuw={"soort": soort.code, "bedrag": bedrag, "berekening": boete.berekening})
    na_commit(_taken().boete_opgelegd_versturen, boete.pk)
    return boete


@transaction.atomic
def boete_betaald(*, boete, betaald_op: date, door) -> Boete:
    """The fine was paid or set off against a declaration (003 §7.11 lid 4: "direct opeisbaar en verrekenbaar")."""
    vereis_contractmanager(door, boete)
    b = Boete.objects.select_for_update().get(pk=boete.pk)
    if betaald_op is None or betaald_op > kalender.vandaag():
        raise ValidationError({"betaald_op": "Geef de dag van betaling of verrekening (niet in de toekomst)."})
    if betaald_op < b.opgelegd_op:
        raise ValidationError({"betaald_op": f"De boete is opgelegd op {b.opgelegd_op:%d-%m-%Y}; betaald kan niet "
                                             f"eerder zijn."})
    oud = Boete.OVERGANGEN.zet(b, Boete.Status.BETAALD)
    b.betaald_op, b.gewijzigd_door = betaald_op, door
    b.save(update_fields=["status", "betaald_op", "gewijzigd_door"])
    audit("contractbeheer.boete_betaald", b, door=door, oud={"status": oud},
          nieuw={"status": b.status, "betaald_op": betaald_op})
    return b


@transaction.atomic
def boete_kwijtschelden(*, boete, reden, door) -> Boete:
    vereis_contractmanager(door, boete)
    b = Boete.objects.select_for_update().get(pk=boete.pk)
    reden = _tekst(reden, "reden", "Geef de reden van de kwijtschelding.")
    oud = Boete.OVERGANGEN.zet(b, Boete.Status.KWIJTGESCHOLDEN)
    b.kwijtschelding_reden, b.gewijzigd_door = reden, door
    b.save(update_fields=["status", "kwijtschelding_reden", "gewijzigd_door"])
    audit("contractbeheer.boete_kwijtgescholden", b, door=door, oud={"status": oud}, nieuw={"status": b.status},
          toelichting=reden)
    return b


def lopende_deelnames(overeenkomst):
    return Deelname.objects.filter(overeenkomst=overeenkomst,
                                   status__in=(Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP))
