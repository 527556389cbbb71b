"""Every write of the inschrijving app: permission check -> lock -> change -> audit -> task after commit.

Sources: DOMAIN.md life cycle steps 2-4; 003a §3.2-3.3 (inschrijving, kluis, herstel), 003b §5 (evidence and
its maximum ages), 002 §5 (perceel entry requirements).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from aanbesteding import services as aanbesteding_services
from aanbesteding.models import Aanbesteding, Eis, Perceel, Product
from core import kalender
from core.audit import audit
from core.kalender import TZ, deadline_op, is_voor_deadline, nu
from core.taken import na_commit
from core.uploads import valideer_of_opschonen
from organisaties.permissions import is_lid

from . import permissions, regels, selectors
from .models import (
    Antwoord,
    Bewijsstuk,
    Herstelverzoek,
    Inschrijving,
    InschrijvingPerceel,
    InschrijvingProduct,
    Lid,
)
from .signals import herstel_afgerond


def _tijd(moment) -> str:
    return f"{moment.astimezone(TZ):%d-%m-%Y} om {moment.astimezone(TZ):%H:%M}"


def _vergrendel(inschrijving: Inschrijving) -> Inschrijving:
    return Inschrijving.objects.select_for_update(of=("self",)).select_related("aanbesteding", "toetredingsmoment", "organisatie").get(
        pk=inschrijving.pk
    )


def _eis_concept(inschrijving: Inschrijving, door, eis: Eis | None = None) -> Inschrijving:
    """Lock the draft for an edit by a member; a submitted inschrijving is frozen, except for the answer to an
    eis that a rectificatie added and that the provider may still complete (ADR 0014, ``selectors.aanvulling``)."""
    if not is_lid(door, inschrijving.organisatie):
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    insch = _vergrendel(inschrijving)
    if insch.status != Inschrijving.Status.CONCEPT and eis is not None:
        open_aanvulling = selectors.aanvulling(insch)
        if open_aanvulling is not None and eis.pk in {e.pk for e in open_aanvulling.eisen}:
            if not open_aanvulling.open:
                raise ValidationError(
                    f"De termijn om uw inschrijving aan te vullen is verstreken op {_tijd(open_aanvulling.deadline)}.",
                    code="aanvullen_te_laat",
                )
            return insch
    if insch.status != Inschrijving.Status.CONCEPT:
        raise ValidationError(
            "Deze inschrijving is al ingediend en kan niet meer worden gewijzigd. Trek haar in om een nieuwe te maken "
            "(alleen vóór de sluitingstermijn)."
        )
    return insch


# --- start ---------------------------------------------------------------------------------------------


def inschrijving_starten(*, aanbesteding: Aanbesteding, organisatie, door) -> Inschrijving:
    """Start a draft for ``organisatie`` in the toetredingsmoment open now.

    Refused while an earlier rejection's exclusion runs (DOMAIN.md step 5: ≥ 6 months), or when the
    provider already has an active inschrijving (one per procedure, database constraint).
    """
    if not is_lid(door, organisatie):
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    vandaag = nu().date()
    uitsluiting = (
        Inschrijving.objects.filter(aanbesteding=aanbesteding, organisatie=organisatie, uitgesloten_tot__gt=vandaag)
        .order_by("-uitgesloten_tot")
        .first()
    )
    if uitsluiting is not None:
        raise ValidationError(
            f"Na de afwijzing van uw eerdere inschrijving kunt u zich voor deze aanbesteding pas weer inschrijven "
            f"vanaf {uitsluiting.uitgesloten_tot:%d-%m-%Y}."
        )
    moment = selectors.open_toetredingsmoment(aanbesteding)
    if moment is None:
        raise ValidationError(f"Voor “{aanbesteding.titel}” is nu geen toetredingsmoment open.")
    bestaand = Inschrijving.objects.actief().filter(aanbesteding=aanbesteding, organisatie=organisatie).first()
    if bestaand is not None:
        raise ValidationError("U hebt voor deze aanbesteding al een inschrijving; ga daarmee verder.")
    try:
        with transaction.atomic():
            insch = Inschrijving.objects.create(
                aanbesteding=aanbesteding, organisatie=organisatie, toetredingsmoment=moment, aangemaakt_door=door
            )
            audit("inschrijving.gestart", insch, door=door, nieuw={"toetredingsmoment": moment})
    except IntegrityError as fout:  # two tabs starting at once: the unique constraint decides
        raise ValidationError("U hebt voor deze aanbesteding al een inschrijving; ga daarmee verder.") from fout
    return insch


# --- percelen ------------------------------------------------------------------------------------------


_toegelaten_percelen = regels.toegelaten_percelen


def controleer_percelen(inschrijving: Inschrijving, percelen: list[Perceel]) -> tuple[list[str], list[str], set[int]]:
    """Check a choice of percelen: (errors, notes, pks that go on the waiting list).

    Each error names what is missing: "5.7 Pleegzorg vereist ook 5.8 Pleegzorg Aanvullend" (003 r. 524),
    a sub-perceel needs its main perceel (003 r. 4634), a full quota (003 r. 514: at most 4; r. 522: MST 1),
    and the Perceelregels (issue 19: "één van" r. 512, "minimaal N" r. 514-520, "locatie" r. 514 / r. 4632), met
    by the same choices and running admissions.
    """
    fouten: list[str] = []
    meldingen: list[str] = []
    wachtlijst: set[int] = set()
    gekozen = {p.pk for p in percelen}
    toegelaten = _toegelaten_percelen(inschrijving.organisatie, inschrijving.aanbesteding)
    beschikbaar = gekozen | toegelaten
    kiesbaar = {p.pk for p in selectors.kiesbare_percelen(inschrijving)}
    for p in percelen:
        if p.aanbesteding_id != inschrijving.aanbesteding_id:
            fouten.append(f"Perceel {p} hoort niet bij deze aanbesteding.")
            continue
        if p.pk not in kiesbaar:
            fouten.append(f"Perceel {p} is in dit toetredingsmoment niet open voor inschrijving.")
            continue
        vereist = [(a.vereist, a.toelichting) for a in p.afhankelijkheden.all()]
        if p.hoofdperceel_id and p.hoofdperceel_id not in {v.pk for v, _ in vereist}:
            vereist.append((p.hoofdperceel, "een subperceel vereist zijn hoofdperceel"))
        for v, toelichting in vereist:
            if v.pk not in beschikbaar:
                reden = f" ({toelichting})" if toelichting else ""
                fouten.append(
                    f"Perceel {p} vereist ook perceel {v}{reden}. Kies {v.code} ook, of kies {p.code} niet; "
                    f"een eerdere toelating voor {v.code} telt ook."
                )
        gesloten = p.toetreding == Perceel.Toetreding.GESLOTEN
        bezet = 0
        if p.quotum:
            bezet = (
                InschrijvingPerceel.objects.filter(perceel=p, toegelaten=True)
                .exclude(inschrijving__organisatie=inschrijving.organisatie)
                .values("inschrijving__organisatie")
                .distinct()
                .count()
            )
        vol = bool(p.quotum) and bezet >= p.quotum
        if gesloten or vol:
            reden = (
                "is gesloten voor toetreding" if gesloten
                else f"is vol: het maximum is {p.quotum} aanbieder{'s' if p.quotum != 1 else ''} en {bezet} "
                f"{'is' if bezet == 1 else 'zijn'} al toegelaten"
            )
            if p.wachtlijst:
                wachtlijst.add(p.pk)
                meldingen.append(f"Perceel {p} {reden}; u komt voor dit perceel op de wachtlijst.")
            else:
                fouten.append(f"Perceel {p} {reden}; inschrijven is niet mogelijk.")
        elif p.quotum:
            meldingen.append(
                f"Perceel {p} heeft een maximum van {p.quotum} aanbieder{'s' if p.quotum != 1 else ''}; "
                f"bij meer geschikte inschrijvers wordt geloot."
            )
    fouten += regels.perceelregel_fouten(inschrijving, [p for p in percelen if p.pk in kiesbaar], beschikbaar)
    return fouten, meldingen, wachtlijst


def percelen_kiezen(*, inschrijving: Inschrijving, percelen, door) -> list[str]:
    """Replace the chosen percelen; returns notes (waiting list, quota). Answers of dropped percelen stay
    in the draft (so picking a perceel again restores them) but no longer count."""
    percelen = list(Perceel.objects.filter(pk__in=[p.pk for p in percelen]).select_related("hoofdperceel").prefetch_related("afhankelijkheden__vereist", "regels__percelen"))
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        fouten, meldingen, wachtlijst = controleer_percelen(insch, percelen)
        if fouten:
            raise ValidationError(fouten)
        oud = sorted(insch.inschrijving_percelen.values_list("perceel__code", flat=True))
        insch.inschrijving_percelen.exclude(perceel__in=percelen).delete()
        for p in percelen:
            InschrijvingPerceel.objects.update_or_create(
                inschrijving=insch, perceel=p, defaults={"op_wachtlijst": p.pk in wachtlijst}
            )
        insch.save(update_fields=["gewijzigd_op"])
        audit("inschrijving.percelen", insch, door=door, oud={"percelen": oud}, nieuw={"percelen": sorted(p.code for p in percelen)})
    return meldingen


# --- products within a perceel (issue 19) -----------------------------------------------------------------

#: The fields of a product choice besides the product itself (000 §5.1: restriction note, age group, and for a
#: residential product its location and group size).
PRODUCTVELDEN = ("beperking", "leeftijd_van", "leeftijd_tot", "locatie", "groepsomvang")
MAX_LEEFTIJD = 120


def is_verblijfsproduct(product: Product) -> bool:
    """A residential (per etmaal) product: its admission names a location and group size (000 r.29-31)."""
    return product.is_verblijf


def _productkeuze_fouten(product: Product, velden: dict) -> list[str]:
    fouten = []
    van, tot = velden.get("leeftijd_van"), velden.get("leeftijd_tot")
    for naam, waarde in (("vanaf", van), ("tot en met", tot)):
        if waarde is not None and not 0 <= waarde <= MAX_LEEFTIJD:
            fouten.append(f"Product {product.code}: de leeftijd {naam} ({waarde}) ligt niet tussen 0 en {MAX_LEEFTIJD}.")
    if van is not None and tot is not None and tot < van:
        fouten.append(f"Product {product.code}: de leeftijd tot en met ({tot}) ligt onder de leeftijd vanaf ({van}).")
    if velden.get("groepsomvang") is not None and velden["groepsomvang"] < 1:
        fouten.append(f"Product {product.code}: een groepsomvang is ten minste 1.")
    if (velden.get("locatie") or velden.get("groepsomvang")) and not is_verblijfsproduct(product):
        fouten.append(f"Product {product.code}: locatie en groepsomvang horen alleen bij een verblijfsproduct (per etmaal).")
    return fouten


def producten_kiezen(*, inschrijving: Inschrijving, keuzes: list[dict], door) -> list[InschrijvingProduct]:
    """Replace the chosen products of the percelen with product choice (000 Part A). ``keuzes``: one dict per
    product with ``product`` (a Product) and optionally the restrictions of PRODUCTVELDEN. Choices in a perceel
    that is not chosen (any more) are left as they are (like answers: picking the perceel again restores them).

    Refused, with what is missing in Dutch: a product outside a chosen perceel with product choice, a product
    dependency not met (002 r.1033: 43A56 needs 43A52), or a restriction that does not fit."""
    producten = {p.pk: p for p in Product.objects.filter(pk__in=[k["product"].pk for k in keuzes]).select_related("perceel")}
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        percelen = selectors.gekozen_percelen(insch)
        fouten: list[str] = []
        velden_per_product: dict[int, dict] = {}
        for keuze in keuzes:
            product = producten[keuze["product"].pk]
            velden = {v: keuze.get(v) for v in PRODUCTVELDEN}
            velden["beperking"] = (velden["beperking"] or "").strip()
            velden["locatie"] = (velden["locatie"] or "").strip()
            fouten += _productkeuze_fouten(product, velden)
            velden_per_product[product.pk] = velden
        fouten += selectors.productfouten(insch, list(producten.values()), percelen)
        if fouten:
            raise ValidationError(fouten)
        met_keuze = [p.pk for p in percelen if p.productkeuze]
        bestaand = {k.product_id: k for k in insch.inschrijving_producten.filter(product__perceel_id__in=met_keuze)}
        oud = {bestaand[pk].product.code: bestaand[pk].beperking_tekst for pk in bestaand}
        InschrijvingProduct.objects.filter(pk__in=[k.pk for pid, k in bestaand.items() if pid not in producten]).delete()
        for pk, velden in velden_per_product.items():
            InschrijvingProduct.objects.update_or_create(inschrijving=insch, product_id=pk, defaults=velden)
        insch.save(update_fields=["gewijzigd_op"])
        gekozen = selectors.gekozen_producten(insch, percelen)
        audit("inschrijving.producten", insch, door=door, oud={"producten": oud},
              nieuw={"producten": {k.product.code: k.beperking_tekst for k in gekozen}})
    return gekozen


# --- vorm and leden ------------------------------------------------------------------------------------


def vorm_wijzigen(*, inschrijving: Inschrijving, vorm: str, door) -> Inschrijving:
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        oud = insch.vorm
        insch.vorm = Inschrijving.Vorm(vorm)
        insch.save(update_fields=["vorm", "gewijzigd_op"])
        audit("inschrijving.vorm", insch, door=door, oud={"vorm": oud}, nieuw={"vorm": insch.vorm})
    return insch


def lid_toevoegen(*, inschrijving: Inschrijving, rol: str, naam: str, kvk_nummer: str, plaats: str = "", percelen=(), door) -> Lid:
    """Add a combinant or onderaannemer; a combinant makes the inschrijving a combinatie (penvoerder = the
    organisation itself)."""
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        if kvk_nummer == insch.organisatie.kvk_nummer:
            raise ValidationError("Uw eigen organisatie is de penvoerder en hoeft niet als lid te worden toegevoegd.")
        if insch.leden.filter(kvk_nummer=kvk_nummer).exists():
            raise ValidationError(f"KvK-nummer {kvk_nummer} staat al in deze inschrijving.")
        lid = Lid(inschrijving=insch, rol=rol, naam=naam, kvk_nummer=kvk_nummer, plaats=plaats)
        lid.full_clean()
        lid.save()
        gekozen_percelen = selectors.gekozen_percelen(insch)
        gekozen = {p.pk for p in gekozen_percelen}
        lid.percelen.set([p for p in percelen if p.pk in gekozen])
        # Subcontracting caps (003 r.671, r.687): refused when this member breaks one that held before.
        andere = list(insch.leden.exclude(pk=lid.pk).prefetch_related("percelen"))
        eerder = set(regels.leden_fouten(insch.aanbesteding, andere, gekozen_percelen))
        nieuw = [f for f in regels.leden_fouten(insch.aanbesteding, [*andere, lid], gekozen_percelen) if f not in eerder]
        if nieuw:
            raise ValidationError(nieuw, code="onderaanneming")
        if rol == Lid.Rol.COMBINANT and insch.vorm != Inschrijving.Vorm.COMBINATIE:
            insch.vorm = Inschrijving.Vorm.COMBINATIE
            insch.save(update_fields=["vorm", "gewijzigd_op"])
        audit("inschrijving.lid_toegevoegd", insch, door=door, nieuw={"lid": str(lid), "kvk": kvk_nummer})
    return lid


OPGAVE_VELDEN = ("fte_uitvoerend", "fte_zzp", "onderaanneming_pct")


def opgave_vastleggen(*, inschrijving: Inschrijving, fte_uitvoerend: Decimal | None, fte_zzp: Decimal | None,
                      onderaanneming_pct: Decimal | None, door) -> Inschrijving:
    """Record the declared figures the caps are judged on (003 r.689: the opgave bij inschrijving is the basis):
    executing FTE, FTE of zzp'ers, and the share of production by subcontractors. Figures over a cap of the
    procedure are refused with the numbers (zzp ≤ 10 % of the executing FTE, r.689; onderaanneming ≤ 20 %, r.691)."""
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        fouten = regels.opgave_fouten(insch.aanbesteding, fte_uitvoerend=fte_uitvoerend, fte_zzp=fte_zzp,
                                      onderaanneming_pct=onderaanneming_pct)
        if fouten:
            raise ValidationError(fouten, code="opgave")
        oud = {veld: getattr(insch, veld) for veld in OPGAVE_VELDEN}
        insch.fte_uitvoerend, insch.fte_zzp, insch.onderaanneming_pct = fte_uitvoerend, fte_zzp, onderaanneming_pct
        insch.save(update_fields=[*OPGAVE_VELDEN, "gewijzigd_op"])
        audit("inschrijving.opgave", insch, door=door, oud=oud, nieuw={veld: getattr(insch, veld) for veld in OPGAVE_VELDEN})
    return insch


def vestiging_vastleggen(*, inschrijving: Inschrijving, gemeente, adres: str = "", door) -> Inschrijving:
    """Record where the provider is established, a municipality of the procedure's region (a Perceelregel
    "locatie" checks it: 5.3 "standplaats binnen de regiogemeenten", 003 r.514; 5.10.1, r.4632). ``gemeente``
    None clears it. Saving is allowed whatever the percelen; the rule is judged when choosing and submitting."""
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        if gemeente is not None and gemeente.regio_id != insch.aanbesteding.regio_id:
            raise ValidationError(
                f"{gemeente.naam} hoort niet bij de regio {insch.aanbesteding.regio}; kies een gemeente van deze regio.",
                code="gemeente_buiten_regio",
            )
        oud = {"gemeente": str(insch.vestiging_gemeente or ""), "adres": insch.vestiging_adres}
        nieuw = {"gemeente": str(gemeente or ""), "adres": adres.strip()}
        if oud == nieuw:
            return insch
        insch.vestiging_gemeente, insch.vestiging_adres = gemeente, adres.strip()
        insch.save(update_fields=["vestiging_gemeente", "vestiging_adres", "gewijzigd_op"])
        audit("inschrijving.vestiging", insch, door=door, oud=oud, nieuw=nieuw)
    return insch


def lid_verwijderen(*, lid: Lid, door) -> None:
    with transaction.atomic():
        insch = _eis_concept(lid.inschrijving, door)
        audit("inschrijving.lid_verwijderd", insch, door=door, oud={"lid": str(lid), "kvk": lid.kvk_nummer})
        lid.delete()


# --- answers -------------------------------------------------------------------------------------------


def _controleer_eis(insch: Inschrijving, eis: Eis, lid: Lid | None) -> None:
    if eis.aanbesteding_id != insch.aanbesteding_id:
        raise ValidationError("Deze eis hoort niet bij deze aanbesteding.")
    # Only an eis of the version this inschrijving answers (ADR 0014): not one withdrawn by a rectificatie, nor
    # one of a concept rectificatie. A new eis of an open aanvulling is of the current version.
    versie = insch.aanbesteding.eisenversie
    if not Eis.objects.in_versie(versie).filter(pk=eis.pk).exists():
        raise ValidationError(f"De eis “{eis.weergavetitel}” geldt niet (meer) in deze procedure; zie de rectificaties.")
    if lid is not None:
        if lid.inschrijving_id != insch.pk:
            raise ValidationError("Dit lid hoort niet bij deze inschrijving.")
        if not eis.per_lid:
            raise ValidationError(f"Voor “{eis.weergavetitel}” levert alleen de penvoerder bewijs.")


def antwoord_opslaan(*, inschrijving: Inschrijving, eis: Eis, lid: Lid | None = None, ja_nee=None, tekst: str = "",
                     getal: Decimal | None = None, door) -> Antwoord:
    """Save the answer to one eis (ja/nee, text with its word limit, or number). Saving is always allowed in
    a draft, even after the deadline: bad input never loses work; only submitting is bound to the deadline."""
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door, eis)
        _controleer_eis(insch, eis, lid)
        t = Eis.Antwoordtype
        if eis.antwoordtype in (t.TEKST, t.PLAN) and eis.max_woorden and len(tekst.split()) > eis.max_woorden:
            raise ValidationError(
                f"Uw tekst bij “{eis.weergavetitel}” telt {len(tekst.split())} woorden; het maximum is {eis.max_woorden}.",
                code="te_veel_woorden",
            )
        antwoord, _ = Antwoord.objects.get_or_create(inschrijving=insch, eis=eis, lid=lid)
        oud = {"ja_nee": antwoord.ja_nee, "tekst": antwoord.tekst, "getal": antwoord.getal}
        antwoord.ja_nee = ja_nee if eis.antwoordtype == t.JA_NEE else None
        # For a declaration, a number or a document the text is the provider's explanation (toelichting, issue 12):
        # kept for every answer type, so a "cannot declare this, because ..." reaches the panel.
        antwoord.tekst = tekst
        antwoord.getal = getal if eis.antwoordtype == t.GETAL else None
        antwoord.bijgewerkt_door = door
        antwoord.save()
        insch.save(update_fields=["gewijzigd_op"])
        audit("inschrijving.antwoord", insch, door=door, oud=oud,
              nieuw={"eis": eis.code, "lid": str(lid or ""), "ja_nee": antwoord.ja_nee, "tekst": antwoord.tekst,
                     "getal": antwoord.getal})
    return antwoord


# --- evidence ------------------------------------------------------------------------------------------


# How long the same file from the same person counts as a retry of one upload rather than a new document.
HERHAALDE_UPLOAD = timedelta(minutes=10)


def bewijsstuk_uploaden(*, organisatie, bestand, documentsoort: str, afgiftedatum: date, geldig_tot: date | None = None,
                        titel: str = "", van_kvk_nummer: str = "", van_naam: str = "", toegestaan=("pdf",),
                        door) -> Bewijsstuk:
    """Put a document in the organisation's wallet. The file is checked by core.uploads first (size, type by
    content, broken/encrypted PDF); a refused file raises ValidationError and nothing is stored. Text
    extraction and the optional virus scan run after commit (status "wordt gecontroleerd")."""
    if not is_lid(door, organisatie):
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    if afgiftedatum > nu().date():
        raise ValidationError("De datum van afgifte ligt in de toekomst.")
    if geldig_tot is not None and geldig_tot < afgiftedatum:
        raise ValidationError("‘Geldig tot’ ligt vóór de datum van afgifte.")
    uitkomst = valideer_of_opschonen(bestand, toegestaan=toegestaan)
    info, schoon = uitkomst.info, uitkomst.opgeschoond
    with transaction.atomic():
        # A retried upload (the answer got lost, a double click) is the same upload: same person, organisation,
        # kind, dates, file name and sha256 within a few minutes → the stored document, not a second copy (issue
        # 18). The organisation row is locked so two simultaneous posts of the same file cannot both store it.
        type(organisatie).objects.select_for_update().filter(pk=organisatie.pk).first()
        eerder = Bewijsstuk.objects.filter(
            organisatie=organisatie, geupload_door=door, sha256=info.sha256, originele_naam=info.originele_naam,
            documentsoort=documentsoort, afgiftedatum=afgiftedatum, geldig_tot=geldig_tot, titel=titel,
            van_kvk_nummer=van_kvk_nummer, geupload_op__gte=nu() - HERHAALDE_UPLOAD,
        ).order_by("-pk").first()
        if eerder is not None:
            return eerder
        stuk = Bewijsstuk(
            organisatie=organisatie, documentsoort=documentsoort, titel=titel, originele_naam=info.originele_naam,
            grootte=info.grootte, sha256=info.sha256, mime_type=info.mime_type, paginas=info.paginas,
            afgiftedatum=afgiftedatum, geldig_tot=geldig_tot, van_kvk_nummer=van_kvk_nummer, van_naam=van_naam,
            geupload_door=door,
        )
        if schoon is None:
            stuk.bestand.save(info.originele_naam, bestand, save=False)
        else:
            # Strip mode (ADR 0012): assessors get the clean copy; the upload as received stays in private
            # storage for the record, with its own sha256, and no view serves it.
            stuk.bestand.save(info.originele_naam, ContentFile(schoon.inhoud), save=False)
            stuk.origineel.save(info.originele_naam, bestand, save=False)
            stuk.origineel_sha256 = schoon.origineel_sha256
            stuk.opgeschoond = ", ".join(schoon.verwijderd)
        stuk.save()
        nieuw = {"naam": info.originele_naam, "sha256": info.sha256, "grootte": info.grootte,
                 "documentsoort": documentsoort, "afgiftedatum": afgiftedatum}
        if schoon is not None:
            nieuw |= {"opgeschoond": list(schoon.verwijderd), "origineel_sha256": schoon.origineel_sha256,
                      "origineel_grootte": schoon.origineel_grootte}
        audit("bewijsstuk.geupload", stuk, door=door, nieuw=nieuw)
        from .tasks import bewijsstuk_controleren

        na_commit(bewijsstuk_controleren, stuk.pk)
    return stuk


def bewijsstuk_koppelen(*, inschrijving: Inschrijving, eis: Eis, bewijsstuk: Bewijsstuk, lid: Lid | None = None, door) -> Antwoord:
    """Link a wallet document to the answer of ``eis``; refused when it is of the wrong kind or owner, or
    too old at the peildatum (the eis's max_leeftijd_maanden)."""
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door, eis)
        _controleer_eis(insch, eis, lid)
        if bewijsstuk.organisatie_id != insch.organisatie_id:
            raise PermissionDenied("Dit bewijsstuk hoort niet bij uw organisatie.")
        probleem = selectors.document_probleem(bewijsstuk, eis, selectors.peildatum(insch), lid)
        if probleem:
            raise ValidationError(probleem)
        antwoord, _ = Antwoord.objects.get_or_create(inschrijving=insch, eis=eis, lid=lid)
        antwoord.bewijsstukken.add(bewijsstuk)
        antwoord.bijgewerkt_door = door
        antwoord.save()
        audit("inschrijving.bewijs_gekoppeld", insch, door=door,
              nieuw={"eis": eis.code, "lid": str(lid or ""), "bestand": bewijsstuk.originele_naam, "sha256": bewijsstuk.sha256})
    return antwoord


def bewijs_uploaden_voor_eis(*, inschrijving: Inschrijving, eis: Eis, bestand, afgiftedatum: date,
                             geldig_tot: date | None = None, lid: Lid | None = None, door) -> Bewijsstuk:
    """Upload a file for one eis: checks the age first (before storing anything), then wallet + link in one
    transaction, so a refused file leaves the draft exactly as it was."""
    if not eis.documentsoort:
        raise ValidationError(f"Bij “{eis.weergavetitel}” hoort geen document.")
    peil = selectors.peildatum(inschrijving)
    grens = selectors.oudste_afgiftedatum(eis, peil)
    if grens is not None and afgiftedatum < grens:
        raise ValidationError(
            f"Een document ({eis.get_documentsoort_display()}) van {afgiftedatum:%d-%m-%Y} is op {peil:%d-%m-%Y} ouder dan "
            f"de toegestane {eis.max_leeftijd_maanden} maanden; gebruik een document dat op of na {grens:%d-%m-%Y} "
            f"is afgegeven."
        )
    with transaction.atomic():
        stuk = bewijsstuk_uploaden(
            organisatie=inschrijving.organisatie, bestand=bestand, documentsoort=eis.documentsoort,
            afgiftedatum=afgiftedatum, geldig_tot=geldig_tot, van_kvk_nummer=lid.kvk_nummer if lid else "",
            van_naam=lid.naam if lid else "", toegestaan=eis.bestandssoorten or ("pdf",), door=door,
        )
        bewijsstuk_koppelen(inschrijving=inschrijving, eis=eis, bewijsstuk=stuk, lid=lid, door=door)
    return stuk


@dataclass
class Beantwoording:
    """What ``eis_beantwoorden`` did: the saved answer, the documents it linked, and why a file or a chosen wallet
    document was refused (empty when nothing was refused)."""

    antwoord: Antwoord
    gekoppeld: list[Bewijsstuk] = field(default_factory=list)
    bewijsfouten: list[str] = field(default_factory=list)


def eis_beantwoorden(*, inschrijving: Inschrijving, eis: Eis, lid: Lid | None = None, ja_nee=None, tekst: str = "",
                     getal: Decimal | None = None, bestand=None, afgiftedatum: date | None = None,
                     geldig_tot: date | None = None, bewijsstukken=(), door) -> Beantwoording:
    """Save everything the provider filled in for one eis in one go (issue 12): the answer with its explanation, and
    the evidence: a new file and/or documents from the organisation's wallet.

    The answer is saved first and stays saved when the evidence is refused (wrong type, too old, too large, a virus):
    what the provider typed is never lost because of a file. The file and the link are one transaction of their own
    (``bewijs_uploaden_voor_eis``), so a refused file leaves no half-stored document. The reasons of a refusal come
    back in ``bewijsfouten``; an answer that cannot be saved (too many words, a closed draft) raises as before and
    then nothing is saved.
    """
    antwoord = antwoord_opslaan(inschrijving=inschrijving, eis=eis, lid=lid, ja_nee=ja_nee, tekst=tekst, getal=getal,
                                door=door)
    uitkomst = Beantwoording(antwoord=antwoord)
    for stuk in bewijsstukken:
        try:
            bewijsstuk_koppelen(inschrijving=inschrijving, eis=eis, bewijsstuk=stuk, lid=lid, door=door)
        except ValidationError as fout:
            uitkomst.bewijsfouten.extend(fout.messages)
        else:
            uitkomst.gekoppeld.append(stuk)
    if bestand is not None:
        try:
            if afgiftedatum is None:
                raise ValidationError(f"Vul de datum van afgifte van “{bestand.name}” in; het bestand is niet opgeslagen.",
                                      code="afgiftedatum_ontbreekt")
            uitkomst.gekoppeld.append(bewijs_uploaden_voor_eis(
                inschrijving=inschrijving, eis=eis, bestand=bestand, afgiftedatum=afgiftedatum, geldig_tot=geldig_tot,
                lid=lid, door=door))
        except ValidationError as fout:
            uitkomst.bewijsfouten.extend(fout.messages)
    return uitkomst


def stap_opslaan(*, inschrijving: Inschrijving, antwoorden: list[tuple[Eis, dict]], door) -> int:
    """Save the short answers of one step (declarations and numbers) posted together on the step page (issue 12).

    ``antwoorden`` pairs each eis with the fields for ``antwoord_opslaan`` (``ja_nee``, ``getal``). One transaction:
    either the whole page is saved or, when one answer is refused, none of it. An answer that did not change is not
    written again, so saving a page twice leaves one audit entry per real change. Returns the number changed."""
    bestaand = {a.eis_id: a for a in Antwoord.objects.filter(inschrijving=inschrijving, lid__isnull=True,
                                                              eis__in=[e.pk for e, _ in antwoorden])}
    gewijzigd = 0
    with transaction.atomic():
        for eis, velden in antwoorden:
            oud = bestaand.get(eis.pk)
            ja_nee, getal = velden.get("ja_nee"), velden.get("getal")
            if oud is None and ja_nee is None and getal is None:
                continue
            if oud is not None and oud.ja_nee == ja_nee and oud.getal == getal:
                continue
            antwoord_opslaan(inschrijving=inschrijving, eis=eis, ja_nee=ja_nee, getal=getal,
                             tekst=oud.tekst if oud is not None else "", door=door)
            gewijzigd += 1
    return gewijzigd


def bewijsstuk_ontkoppelen(*, inschrijving: Inschrijving, eis: Eis, bewijsstuk: Bewijsstuk, lid: Lid | None = None, door) -> None:
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door, eis)
        antwoord = Antwoord.objects.filter(inschrijving=insch, eis=eis, lid=lid).first()
        if antwoord is not None:
            antwoord.bewijsstukken.remove(bewijsstuk)
            audit("inschrijving.bewijs_ontkoppeld", insch, door=door, oud={"eis": eis.code, "bestand": bewijsstuk.originele_naam})


# --- submit, freeze, withdraw --------------------------------------------------------------------------


def _bevroren_antwoorden(insch: Inschrijving, eisen) -> list[dict]:
    antwoorden = (
        insch.antwoorden.filter(eis__in=eisen).select_related("eis__perceel", "lid").prefetch_related("bewijsstukken")
        .order_by("eis__perceel__volgorde", "eis__volgorde", "eis__code", "lid__naam")
    )
    regels = []
    for a in antwoorden:
        regels.append({
            "eis_id": a.eis_id, "eis": a.eis.code, "eis_tekst": a.eis.tekst, "soort": a.eis.soort,
            "antwoordtype": a.eis.antwoordtype,
            # What the provider read and declared (issue 12): the title it saw instead of the code, and for a
            # declaration the sentence it ticked and whether it made it (ja/nee alone reads either way).
            "titel": a.eis.weergavetitel,
            **({"verklaring": a.eis.verklaringstekst, "verklaard": a.ja_nee == a.eis.verwacht_antwoord_ja}
               if a.eis.antwoordtype == Eis.Antwoordtype.JA_NEE and a.ja_nee is not None else {}),
            "perceel": a.eis.perceel.code if a.eis.perceel else None,
            "lid": {"naam": a.lid.naam, "kvk": a.lid.kvk_nummer} if a.lid else None,
            "ja_nee": a.ja_nee, "tekst": a.tekst, "getal": str(a.getal) if a.getal is not None else None,
            "bestanden": [
                {"id": b.pk, "naam": b.originele_naam, "sha256": b.sha256, "grootte": b.grootte,
                 "documentsoort": b.documentsoort, "afgiftedatum": b.afgiftedatum.isoformat(), "paginas": b.paginas,
                 # A cleaned copy (ADR 0012): the record names the original that was handed in as well.
                 **({"origineel_sha256": b.origineel_sha256, "opgeschoond": b.opgeschoond} if b.origineel_sha256 else {})}
                for b in a.bewijsstukken.all()
            ],
        })
    return regels


def bevroren_inhoud(insch: Inschrijving, ingediend_op, eisenversie: int = 0) -> dict:
    """The frozen record of what was handed in: every answer to an eis of its version (the eisen it was
    submitted under, ADR 0014) and every file with its sha256."""
    eisen = selectors.toepasselijke_eisen(insch, versie=eisenversie)
    regels = _bevroren_antwoorden(insch, eisen)
    return {
        "ingediend_op": ingediend_op.astimezone(TZ).isoformat(),
        "eisenversie": eisenversie,
        "aanbesteding": {"id": insch.aanbesteding_id, "titel": insch.aanbesteding.titel,
                         "dossiernummer": insch.aanbesteding.dossiernummer},
        "toetredingsmoment": str(insch.toetredingsmoment) if insch.toetredingsmoment else None,
        "organisatie": {"naam": insch.organisatie.naam, "kvk": insch.organisatie.kvk_nummer},
        "vorm": insch.vorm,
        "percelen": [
            {"code": ip.perceel.code, "naam": ip.perceel.naam, "op_wachtlijst": ip.op_wachtlijst}
            for ip in insch.inschrijving_percelen.select_related("perceel").order_by("perceel__volgorde", "perceel__code")
        ],
        "leden": [{"rol": lid.rol, "naam": lid.naam, "kvk": lid.kvk_nummer, "plaats": lid.plaats} for lid in insch.leden.order_by("naam")],
        "vestiging": {"gemeente": insch.vestiging_gemeente.naam if insch.vestiging_gemeente else None,
                      "adres": insch.vestiging_adres},
        "opgave": {veld: str(getattr(insch, veld)) if getattr(insch, veld) is not None else None
                   for veld in OPGAVE_VELDEN},
        # The products chosen within percelen with product choice, with their restrictions (issue 19).
        "producten": [
            {"perceel": k.product.perceel.code, "code": k.product.code, "naam": k.product.naam,
             **{v: getattr(k, v) for v in PRODUCTVELDEN}}
            for k in selectors.gekozen_producten(insch)
        ],
        "antwoorden": regels,
        # An inschrijving of the kind "innovatievoorstel" (ADR 0022): its figures are frozen with the texts.
        **({"innovatievoorstel": innovatievoorstel_inhoud(v)} if (v := selectors.innovatievoorstel_van(insch)) else {}),
    }


def inschrijving_indienen(*, inschrijving: Inschrijving, door) -> Inschrijving:
    """Submit: only by a beheerder, only complete, only before the closing time (to the minute, Europe/
    Amsterdam; 10:00 means 09:59:59 is on time and 10:00:00 is not, 003 r. 4806). A second click finds the
    row locked and already submitted and gets a clear message; it never submits twice."""
    if not permissions.mag_indienen(door, inschrijving):
        raise PermissionDenied("Alleen een beheerder van de organisatie kan de inschrijving indienen.")
    moment = nu()
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        if insch.status != Inschrijving.Status.CONCEPT:
            raise ValidationError("Deze inschrijving is al ingediend.", code="al_ingediend")
        tm = insch.toetredingsmoment
        if tm is None or not tm.is_open(moment):
            # The draft's round is not open (a rectified notice replaced it, 003 r. 4806-4820, or the draft waited
            # for the next round): it joins the moment open now, if one covers its percelen.
            nieuw = selectors.open_toetredingsmoment(insch.aanbesteding, moment)
            if nieuw is not None and nieuw != tm and _dekt_percelen(nieuw, insch):
                audit("inschrijving.ander_moment", insch, door=door, oud={"toetredingsmoment": tm}, nieuw={"toetredingsmoment": nieuw})
                insch.toetredingsmoment = tm = nieuw
                insch.save(update_fields=["toetredingsmoment", "gewijzigd_op"])
        sluit = selectors.deadline(insch)
        if tm is None or moment < tm.opent_op:
            raise ValidationError("Het toetredingsmoment is nog niet open.")
        te_laat = sluit is not None and not is_voor_deadline(moment, sluit)
        if te_laat:
            # Committed before refusing: late attempts are listed as irregularities in the proces-verbaal.
            # The round is recorded too: the PV of *that* round lists the attempt (issue 18), even if the draft
            # later joins another round.
            audit("inschrijving.te_laat", insch, door=door, toelichting=f"Indienpoging op {_tijd(moment)}",
                  nieuw={"poging_op": moment, "sluit_op": sluit, "toetredingsmoment": tm.pk})
        else:
            _indienen_binnen_termijn(insch, moment, door)
    if te_laat:
        raise ValidationError(
            f"De termijn voor inschrijven is verstreken op {_tijd(sluit)}. Uw concept blijft bewaard.", code="te_laat"
        )
    return insch


def _dekt_percelen(moment, insch: Inschrijving) -> bool:
    toegestaan = set(moment.percelen.values_list("pk", flat=True))
    return not toegestaan or set(insch.inschrijving_percelen.values_list("perceel_id", flat=True)) <= toegestaan


def _indienen_binnen_termijn(insch: Inschrijving, moment, door) -> None:
    if insch.aanbesteding.status not in selectors.OPEN_STATUSSEN:
        raise ValidationError("Deze aanbesteding is niet open voor inschrijving. Uw concept blijft bewaard.")
    # Freeze the eisen first (issue 18): the lock on the procedure keeps any change of the eisen out until this
    # submission commits, so the checklist below and the frozen record answer exactly this version.
    versie = aanbesteding_services.eisen_bevriezen(aanbesteding=insch.aanbesteding, door=door, moment=moment)
    insch.aanbesteding.eisenversie = versie
    lijst = selectors.checklist(insch)
    # Lot rules and subcontracting caps are judged again on what is handed in (issue 19).
    regelfouten = regels.regelfouten(insch)
    if not lijst.compleet or regelfouten:
        ontbrekend = lijst.algemeen + regelfouten + [r.melding for g in lijst.groepen for r in g.ontbrekend]
        berichten = (
            ["De inschrijving is nog niet compleet:"] + ontbrekend[:20]
            + ([f"… en nog {len(ontbrekend) - 20} punten."] if len(ontbrekend) > 20 else [])
        )
        # Django keeps a code only on single-message errors; ValidationError([...], code=...) drops it. So every
        # line carries the code, and so does the list error itself, letting callers tell "onvolledig" apart.
        fout = ValidationError([ValidationError(bericht, code="onvolledig") for bericht in berichten])
        fout.code = "onvolledig"
        raise fout
    insch.bevroren_inhoud = bevroren_inhoud(insch, moment, versie)
    Inschrijving.OVERGANGEN.zet(insch, Inschrijving.Status.INGEDIEND)
    insch.ingediend_op = moment
    insch.ingediend_door = door
    insch.eisenversie = versie
    insch.save(update_fields=["bevroren_inhoud", "status", "ingediend_op", "ingediend_door", "eisenversie", "gewijzigd_op"])
    # Files in a submitted inschrijving are a legal record: archived, never deleted (ARCHITECTURE rule 4).
    Bewijsstuk.objects.filter(antwoorden__inschrijving=insch).update(gearchiveerd=True)
    audit("inschrijving.ingediend", insch, door=door, oud={"status": "concept"},
          nieuw={"status": insch.status, "ingediend_op": moment,
                 "bestanden": sorted({b["sha256"] for a in insch.bevroren_inhoud["antwoorden"] for b in a["bestanden"]})})
    from .tasks import ontvangstbewijs_versturen

    na_commit(ontvangstbewijs_versturen, insch.pk)


def kan_intrekken(insch: Inschrijving, moment=None) -> bool:
    """Until the closing time of a window; for continuous joining until assessment starts (003a §3.2)."""
    moment = moment or nu()
    if insch.status == Inschrijving.Status.CONCEPT:
        return True
    if insch.status != Inschrijving.Status.INGEDIEND:
        return False
    sluit = selectors.deadline(insch)
    return sluit is None or is_voor_deadline(moment, sluit)


def inschrijving_intrekken(*, inschrijving: Inschrijving, door, toelichting: str = "") -> Inschrijving:
    if not permissions.mag_intrekken(door, inschrijving):
        raise PermissionDenied("Alleen een beheerder van de organisatie kan de inschrijving intrekken.")
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        if not kan_intrekken(insch):
            sluit = selectors.deadline(insch)
            if insch.status == Inschrijving.Status.INGEDIEND and sluit is not None:
                raise ValidationError(f"Intrekken kon tot {_tijd(sluit)}; die termijn is verstreken.")
            raise ValidationError("Deze inschrijving kan niet meer worden ingetrokken: de beoordeling is begonnen.")
        oud = Inschrijving.OVERGANGEN.zet(insch, Inschrijving.Status.INGETROKKEN)
        insch.ingetrokken_op = nu()
        insch.save(update_fields=["status", "ingetrokken_op", "gewijzigd_op"])
        audit("inschrijving.ingetrokken", insch, door=door, oud={"status": oud}, nieuw={"status": insch.status},
              toelichting=toelichting)
    return insch


def proces_verbaal_opvragen(*, inschrijving: Inschrijving, door) -> Inschrijving:
    """A submitter asks for the proces-verbaal van opening (shown "op verzoek", issue 4)."""
    if not is_lid(door, inschrijving.organisatie):
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    if inschrijving.ingediend_op is None:
        raise ValidationError("Alleen wie heeft ingediend kan het proces-verbaal opvragen.")
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        if insch.pv_opgevraagd_op is None:
            insch.pv_opgevraagd_op = nu()
            insch.save(update_fields=["pv_opgevraagd_op"])
            audit("inschrijving.pv_opgevraagd", insch, door=door)
    return insch


# --- herstel -------------------------------------------------------------------------------------------


def herstel_deadline(aanbesteding: Aanbesteding, verstuurd_op=None):
    """The deadline of a herstelverzoek: the procedure's hersteltermijn (003: 5 werkdagen; VNG: 14
    kalenderdagen) counted from the day it is sent, ending at 23:59 Europe/Amsterdam on the last day."""
    verstuurd_op = verstuurd_op or nu()
    laatste_dag = aanbesteding.hersteltermijn.bereken(verstuurd_op.astimezone(TZ).date())
    return deadline_op(laatste_dag, 23, 59)


def herstelverzoek_versturen(*, inschrijving: Inschrijving, vraag: str, eisen=(), door) -> Herstelverzoek:
    """Ask the provider to repair the inschrijving (called by toetsing). The provider sees it in the portal
    and gets an e-mail after commit."""
    if not vraag.strip():
        raise ValidationError("Beschrijf wat de aanbieder moet herstellen.")
    with transaction.atomic():
        insch = _vergrendel(inschrijving)  # judged on the locked, current row (the caller's copy may be stale)
        if not permissions.staff_mag_inhoud_zien(door, insch):
            raise PermissionDenied("U mag deze inschrijving (nog) niet inzien.")
        if insch.status not in Inschrijving.INGEDIENDE_STATUSSEN:
            raise ValidationError("Herstel kan alleen worden gevraagd bij een ingediende inschrijving in beoordeling.")
        verzoek = Herstelverzoek.objects.create(
            inschrijving=insch, vraag=vraag, deadline=herstel_deadline(insch.aanbesteding), verstuurd_door=door
        )
        verzoek.eisen.set([e for e in eisen if e.aanbesteding_id == insch.aanbesteding_id])
        audit("herstelverzoek.verstuurd", verzoek, door=door, nieuw={"vraag": vraag, "deadline": verzoek.deadline})
        if insch.status != Inschrijving.Status.HERSTEL:  # a second request while one is open changes no status
            oud = Inschrijving.OVERGANGEN.zet(insch, Inschrijving.Status.HERSTEL)
            insch.save(update_fields=["status", "gewijzigd_op"])
            audit("inschrijving.herstel", insch, door=door, oud={"status": oud}, nieuw={"status": insch.status})
        from .tasks import herstelverzoek_mailen

        na_commit(herstelverzoek_mailen, verzoek.pk)
    return verzoek


def herstelverzoek_beantwoorden(*, herstelverzoek: Herstelverzoek, antwoord: str, bewijsstukken=(), door) -> Herstelverzoek:
    """Answer within the deadline; a late answer is refused (and the request is marked verlopen)."""
    insch = herstelverzoek.inschrijving
    if not is_lid(door, insch.organisatie):
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    moment = nu()
    te_laat = None
    with transaction.atomic():
        verzoek = Herstelverzoek.objects.select_for_update().get(pk=herstelverzoek.pk)
        if verzoek.status == Herstelverzoek.Status.BEANTWOORD:
            raise ValidationError("Dit herstelverzoek is al beantwoord.")
        if not is_voor_deadline(moment, verzoek.deadline):
            # Recorded (committed) before refusing, so the trail shows the late attempt.
            te_laat = verzoek.deadline
            if verzoek.status == Herstelverzoek.Status.OPEN:
                Herstelverzoek.OVERGANGEN.zet(verzoek, Herstelverzoek.Status.VERLOPEN)
                verzoek.save(update_fields=["status"])
                _herstel_afgerond_melden(verzoek)
            audit("herstelverzoek.te_laat", verzoek, door=door, toelichting=f"Antwoordpoging op {_tijd(moment)}")
    if te_laat is not None:
        raise ValidationError(
            f"De termijn voor herstel is verstreken op {_tijd(te_laat)}; uw antwoord kan niet meer worden aangenomen."
        )
    with transaction.atomic():
        verzoek = Herstelverzoek.objects.select_for_update().get(pk=herstelverzoek.pk)
        if verzoek.status != Herstelverzoek.Status.OPEN:
            raise ValidationError("Dit herstelverzoek staat niet meer open.")
        stukken = [b for b in bewijsstukken if b.organisatie_id == insch.organisatie_id]
        if not antwoord.strip() and not stukken:
            raise ValidationError("Geef een antwoord of voeg een bestand toe.")
        verzoek.antwoord = antwoord
        verzoek.beantwoord_op = moment
        verzoek.beantwoord_door = door
        Herstelverzoek.OVERGANGEN.zet(verzoek, Herstelverzoek.Status.BEANTWOORD)
        verzoek.save()
        verzoek.bijlagen.add(*stukken)
        Bewijsstuk.objects.filter(pk__in=[b.pk for b in stukken]).update(gearchiveerd=True)
        audit("herstelverzoek.beantwoord", verzoek, door=door,
              nieuw={"antwoord": antwoord, "bestanden": [f"{b.originele_naam} {b.sha256}" for b in stukken]})
        i = Inschrijving.objects.select_for_update().get(pk=insch.pk)
        if i.status == Inschrijving.Status.HERSTEL and not i.herstelverzoeken.filter(status=Herstelverzoek.Status.OPEN).exists():
            Inschrijving.OVERGANGEN.zet(i, Inschrijving.Status.IN_BEOORDELING)
            i.save(update_fields=["status", "gewijzigd_op"])
            audit("inschrijving.herstel_beantwoord", i, door=door, oud={"status": "herstel"}, nieuw={"status": i.status})
        _herstel_afgerond_melden(verzoek)
    return verzoek


def _herstel_afgerond_melden(verzoek: Herstelverzoek) -> None:
    """Tell the assessment after commit (domain signal, ADR 0009); its catch-up task covers a lost signal.

    Robust: the answer is committed and the provider was told so; a failing receiver is logged, not raised
    (ARCHITECTURE.md rule 14), and toetsing.tasks.herstel_hervatten_inhalen resumes the assessment later."""
    kwargs = {"inschrijving_id": verzoek.inschrijving_id, "herstelverzoek_id": verzoek.pk, "status": verzoek.status}
    transaction.on_commit(lambda: herstel_afgerond.send(sender=Herstelverzoek, **kwargs), robust=True)


def herstelverzoeken_laten_verlopen(moment=None) -> int:
    """Mark open requests past their deadline as verlopen (scheduled; catches up by state)."""
    moment = moment or kalender.nu()
    aantal = 0
    for verzoek in Herstelverzoek.objects.filter(status=Herstelverzoek.Status.OPEN, deadline__lte=moment):
        with transaction.atomic():
            v = Herstelverzoek.objects.select_for_update().get(pk=verzoek.pk)
            if v.status == Herstelverzoek.Status.OPEN and v.deadline <= moment:
                Herstelverzoek.OVERGANGEN.zet(v, Herstelverzoek.Status.VERLOPEN)
                v.save(update_fields=["status"])
                audit("herstelverzoek.verlopen", v, door=None)
                _herstel_afgerond_melden(v)
                aantal += 1
    return aantal



# --- following the assessment (called by toetsing: one owner per table, ADR 0009) ------------------------


def _eis_toetsing_toegang(insch: Inschrijving, door) -> None:
    """``door`` None is a system action (a scheduled task); a person must be staff with access to it."""
    if door is not None and not permissions.staff_mag_toegang(door, insch):
        raise PermissionDenied("U mag deze inschrijving niet behandelen.")


def _eis_besloten(insch: Inschrijving) -> None:
    if insch.status != Inschrijving.Status.BESLOTEN:
        raise ValidationError(
            f"Dit kan alleen bij een inschrijving waarover is besloten; deze staat op '{insch.get_status_display()}'.",
            code="niet_besloten",
        )


#: The states the assessment may move an inschrijving to; herstel goes through herstelverzoek_versturen.
STATUS_UIT_TOETSING = (Inschrijving.Status.IN_BEOORDELING, Inschrijving.Status.BESLOTEN)


def status_volgen_uit_toetsing(*, inschrijving: Inschrijving, status: str, door=None) -> Inschrijving:
    """The inschrijving's status follows the assessment: assigned (in beoordeling), herstel resumed (in
    beoordeling), decided (besloten). Idempotent: already there changes nothing; an illegal move is refused."""
    if status not in STATUS_UIT_TOETSING:
        raise ValidationError(f"De toetsing kan een inschrijving niet op '{status}' zetten.", code="geen_toetsingsstatus")
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        _eis_toetsing_toegang(insch, door)
        if insch.status == status:
            return insch
        oud = Inschrijving.OVERGANGEN.zet(insch, status)
        insch.save(update_fields=["status", "gewijzigd_op"])
        audit("inschrijving.status", insch, door=door, oud={"status": oud}, nieuw={"status": status},
              toelichting="Door de toetsing")
    return insch


def toelating_per_perceel_vastleggen(*, inschrijving: Inschrijving, toegelaten, wachtlijst=(), door) -> Inschrijving:
    """Record the decision per chosen perceel: ``toegelaten`` and ``wachtlijst`` are perceel ids; every other
    chosen perceel is not admitted. Quotas and "requires perceel Y" count these (controleer_percelen)."""
    toegelaten, wachtlijst = set(toegelaten), set(wachtlijst)
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        _eis_toetsing_toegang(insch, door)
        _eis_besloten(insch)
        keuzes = list(insch.inschrijving_percelen.select_related("perceel").select_for_update(of=("self",)))
        for keuze in keuzes:
            keuze.toegelaten = keuze.perceel_id in toegelaten
            keuze.op_wachtlijst = keuze.perceel_id in wachtlijst
        InschrijvingPerceel.objects.bulk_update(keuzes, ["toegelaten", "op_wachtlijst"])
        audit("inschrijving.toelating", insch, door=door,
              nieuw={k.perceel.code: "toegelaten" if k.toegelaten else "wachtlijst" if k.op_wachtlijst else "niet toegelaten"
                     for k in keuzes})
    return insch


def toelating_per_product_vastleggen(*, inschrijving: Inschrijving, toegelaten, door) -> Inschrijving:
    """Record the decision per chosen product (issue 19): ``toegelaten`` are product ids; every other product
    chosen in a perceel with product choice is not admitted. Dependencies count these (selectors.productfouten)."""
    toegelaten = set(toegelaten)
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        _eis_toetsing_toegang(insch, door)
        _eis_besloten(insch)
        keuzes = selectors.gekozen_producten(insch)
        for keuze in keuzes:
            keuze.toegelaten = keuze.product_id in toegelaten
        InschrijvingProduct.objects.bulk_update(keuzes, ["toegelaten"])
        audit("inschrijving.toelating_producten", insch, door=door,
              nieuw={k.product.code: "toegelaten" if k.toegelaten else "niet toegelaten" for k in keuzes})
    return insch


def uitsluiting_vastleggen(*, inschrijving: Inschrijving, tot: date, door) -> Inschrijving:
    """After a full rejection: no new inschrijving for this procedure before ``tot`` (003a §3.3: at least 6
    months; inschrijving_starten enforces it)."""
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        _eis_toetsing_toegang(insch, door)
        _eis_besloten(insch)
        oud = insch.uitgesloten_tot
        insch.uitgesloten_tot = tot
        insch.save(update_fields=["uitgesloten_tot", "gewijzigd_op"])
        audit("inschrijving.uitgesloten", insch, door=door, oud={"uitgesloten_tot": oud}, nieuw={"uitgesloten_tot": tot})
    return insch


def besluit_intrekking_verwerken(*, inschrijving: Inschrijving, door) -> Inschrijving:
    """The decision was withdrawn (kort geding or bezwaar): admissions and exclusion lapse and the inschrijving
    goes back to the assessment, which decides anew (a redo is a new, recorded decision)."""
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        _eis_toetsing_toegang(insch, door)
        _eis_besloten(insch)
        oud = {"status": insch.status, "uitgesloten_tot": insch.uitgesloten_tot}
        Inschrijving.OVERGANGEN.zet(insch, Inschrijving.Status.IN_BEOORDELING)
        insch.uitgesloten_tot = None
        insch.save(update_fields=["status", "uitgesloten_tot", "gewijzigd_op"])
        insch.inschrijving_percelen.update(toegelaten=None)
        insch.inschrijving_producten.update(toegelaten=None)
        audit("inschrijving.besluit_ingetrokken", insch, door=door, oud=oud,
              nieuw={"status": insch.status, "uitgesloten_tot": None}, toelichting="Besluit ingetrokken")
    return insch


# --- aanvullen after a rectificatie (issue 18, ADR 0014) -----------------------------------------------------


def inschrijving_aanvullen(*, inschrijving: Inschrijving, door) -> Inschrijving:
    """Confirm the answers to the eisen a rectificatie added: the inschrijving moves to the current version of the
    eisen. Only by a beheerder, only complete, only before the aanvultermijn ends (to the minute, Europe/
    Amsterdam). The answers are added to the frozen record beside what was submitted, which stays as it was."""
    if not is_lid(door, inschrijving.organisatie) or not permissions.mag_aanvullen(door, inschrijving):
        raise PermissionDenied("Alleen een beheerder van de organisatie kan de aanvulling bevestigen.")
    moment = nu()
    with transaction.atomic():
        insch = _vergrendel(inschrijving)
        # The procedure row lock keeps a next rectificatie out until this confirmation commits.
        insch.aanbesteding = Aanbesteding.objects.select_for_update().get(pk=insch.aanbesteding_id)
        open_aanvulling = selectors.aanvulling(insch)
        if open_aanvulling is None:
            raise ValidationError("Uw inschrijving hoeft niet te worden aangevuld.", code="niets_aan_te_vullen")
        if not is_voor_deadline(moment, open_aanvulling.deadline):
            raise ValidationError(
                f"De termijn om uw inschrijving aan te vullen is verstreken op {_tijd(open_aanvulling.deadline)}.",
                code="aanvullen_te_laat",
            )
        ontbrekend = [r.melding for r in selectors.aanvulling_checklist(insch, open_aanvulling.eisen) if not r.ok]
        if ontbrekend:
            raise ValidationError(["De aanvulling is nog niet compleet:", *ontbrekend], code="onvolledig")
        van = insch.eisenversie
        regels = _bevroren_antwoorden(insch, open_aanvulling.eisen)
        inhoud = dict(insch.bevroren_inhoud)
        inhoud["aanvullingen"] = [*inhoud.get("aanvullingen", []), {
            "aangevuld_op": moment.astimezone(TZ).isoformat(), "van_versie": van,
            "naar_versie": open_aanvulling.naar_versie, "antwoorden": regels,
        }]
        insch.bevroren_inhoud = inhoud
        insch.eisenversie = open_aanvulling.naar_versie
        insch.save(update_fields=["bevroren_inhoud", "eisenversie", "gewijzigd_op"])
        Bewijsstuk.objects.filter(antwoorden__inschrijving=insch, antwoorden__eis__in=open_aanvulling.eisen).update(
            gearchiveerd=True)
        audit("inschrijving.aangevuld", insch, door=door, oud={"eisenversie": van},
              nieuw={"eisenversie": insch.eisenversie, "eisen": [e.code for e in open_aanvulling.eisen],
                     "bestanden": sorted({b["sha256"] for a in regels for b in a["bestanden"]})})
    return insch


# --- innovatievoorstel (002 PB 1.2, r. 569-616; ADR 0022) --------------------------------------------------------

INNOVATIE_VELDEN = ("productnaam", "ambulant_alternatief", "duur_weken", "max_afwijking_duur_pct", "min_deelnemers",
                    "max_deelnemers", "tarief", "tarief_per")


def innovatievoorstel_opslaan(*, inschrijving: Inschrijving, perceel: Perceel, door, **velden):
    """Create or change the figures of the proposal in a draft (the twelve texts are the perceel's eisen, answered
    with ``antwoord_opslaan``). Only on a chosen perceel with the innovation route; what breaks a rule of the source
    (25 % deviation, min <= max) is refused with the reason."""
    from .models import Innovatievoorstel

    onbekend = set(velden) - set(INNOVATIE_VELDEN)
    if onbekend:
        raise ValueError(f"Onbekende velden: {sorted(onbekend)}")
    with transaction.atomic():
        insch = _eis_concept(inschrijving, door)
        if not perceel.innovatieroute or perceel.aanbesteding_id != insch.aanbesteding_id:
            raise ValidationError(f"Perceel {perceel} kent geen innovatieroute; een innovatievoorstel is daar niet mogelijk.")
        if not insch.inschrijving_percelen.filter(perceel=perceel).exists():
            raise ValidationError(f"Kies eerst perceel {perceel} bij de percelen van uw inschrijving.")
        voorstel = Innovatievoorstel.objects.filter(inschrijving=insch).first()
        oud = {v: getattr(voorstel, v) for v in INNOVATIE_VELDEN} if voorstel else {}
        voorstel = voorstel or Innovatievoorstel(inschrijving=insch)
        voorstel.perceel = perceel
        for veld, waarde in velden.items():
            setattr(voorstel, veld, waarde)
        voorstel.bijgewerkt_door = door
        fouten = selectors.innovatie_fouten(voorstel, volledig=False)
        if fouten:
            raise ValidationError(fouten)
        voorstel.full_clean(exclude=["inschrijving", "perceel", "bijgewerkt_door"])
        voorstel.save()
        audit("inschrijving.innovatievoorstel", insch, door=door, oud=oud,
              nieuw={v: getattr(voorstel, v) for v in INNOVATIE_VELDEN} | {"perceel": perceel.code})
    return voorstel


def innovatievoorstel_inhoud(voorstel) -> dict | None:
    """The figures of the proposal for the frozen record (what the committee assesses, ADR 0022)."""
    if voorstel is None:
        return None
    return {
        "perceel": voorstel.perceel.code, "productnaam": voorstel.productnaam,
        "ambulant_alternatief": voorstel.ambulant_alternatief, "duur_weken": voorstel.duur_weken,
        "max_afwijking_duur_pct": None if voorstel.max_afwijking_duur_pct is None else str(voorstel.max_afwijking_duur_pct),
        "min_deelnemers": voorstel.min_deelnemers, "max_deelnemers": voorstel.max_deelnemers,
        "tarief": None if voorstel.tarief is None else str(voorstel.tarief), "tarief_per": voorstel.tarief_per,
    }
