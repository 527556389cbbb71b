"""The portal's procedures as OCDS 1.1 releases, records and packages: the first open-house profile (issue 16).

One release per public event of a procedure (docs/ocds-profiel.md has the whole mapping and the reasons):

| event (model)                                   | release id             | tag                        |
|-------------------------------------------------|------------------------|----------------------------|
| publication (Aanbesteding, page first published) | ``<ocid>-publicatie-<pk>``  | tender                |
| rectificatie of the eisen (Rectificatie)         | ``<ocid>-rectificatie-<pk>`` | tenderAmendment      |
| other public change (ProcedureWijziging)         | ``<ocid>-wijziging-<pk>``  | tenderAmendment          |
| Nota van Inlichtingen                            | ``<ocid>-nvi-<pk>``        | tenderUpdate             |
| toetredingsmoment opened (Toetredingsmoment)     | ``<ocid>-toetredingsmoment-<pk>`` | tenderUpdate      |
| admission (Overeenkomst with its Deelnames)      | ``<ocid>-toelating-<pk>``  | award, contract          |
| uittreding (Uittreding)                          | ``<ocid>-uittreding-<pk>`` | contractTermination / contractUpdate |
| addendum (Addendum)                              | ``<ocid>-addendum-<pk>``   | tenderAmendment          |
| indexation (Indexatieronde)                      | ``<ocid>-indexatie-<pk>``  | tenderUpdate             |

An open house is a framework agreement without reopening of competition that stays open for admission: one
contracting process (one ocid) per procedure; each admitted provider gets an award and a contract (the
framework way of OCDS 1.1: the first stage's awards and contracts are the agreements with each supplier).
What OCDS has no field for (the admission windows, the admission mode) is in the local extension
``cms/ocds_extension/``, served at /api/v1/ocds/extension/.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from aanbesteding.models import EENHEID_CODES, Aanbesteding, Toetredingsmoment
from core import kalender
from organisaties.models import Domein
from overeenkomst.models import Overeenkomst, Uittreding

EXTENSIE_MAP = Path(__file__).resolve().parent / "ocds_extension"
# The official extensions whose fields the profile uses (their extension.json, as the registry lists them);
# the local extension is added with the portal's own address (extensies()).
OFFICIELE_EXTENSIES = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting/ocds_requirements_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/v1.1.5/extension.json",
]
DOCUMENTATIE_PAD = "/api/v1/ocds/profiel"
SCHEMA_VAN_CLASSIFICATIE = {Domein.JEUGD: "iJw", Domein.WMO: "iWmo"}
STATUS_TENDER = {
    Aanbesteding.Status.GEPUBLICEERD: "active", Aanbesteding.Status.OPEN: "active",
    # Closed for admission, the framework still runs: the tender stage is over.
    Aanbesteding.Status.GESLOTEN: "complete", Aanbesteding.Status.BEEINDIGD: "complete",
}
TOETREDING = {  # the local extension's admissionMode codes
    Aanbesteding.Toetreding.CONTINU: "continuous", Aanbesteding.Toetreding.VENSTERS: "windows",
    Aanbesteding.Toetreding.GESLOTEN: "closed",
}


def ocid(aanbesteding: Aanbesteding) -> str:
    """``<OCDS_OCID_PREFIX>-<slug>``: stable, because a procedure's slug is its public address and never reused."""
    return f"{settings.OCDS_OCID_PREFIX}-{aanbesteding.slug}"


def extensies(basis_url: str) -> list[str]:
    return [*OFFICIELE_EXTENSIES, f"{basis_url}/api/v1/ocds/extension/extension.json"]


def extensiebestand(naam: str, basis_url: str = "") -> dict | None:
    """extension.json or release-schema.json of the local extension, or None. extension.json names the profile's
    documentation as the portal serves it (``basis_url``)."""
    if naam not in ("extension.json", "release-schema.json"):
        return None
    inhoud = json.loads((EXTENSIE_MAP / naam).read_text(encoding="utf-8"))
    if naam == "extension.json" and basis_url:
        inhoud["documentationUrl"] = {"en": f"{basis_url}{DOCUMENTATIE_PAD}", "nl": f"{basis_url}{DOCUMENTATIE_PAD}"}
    return inhoud


def documentatie() -> str:
    """docs/ocds-profiel.md: the profile, the mapping and the publication policy (served as text)."""
    return (Path(settings.BASE_DIR) / "docs" / "ocds-profiel.md").read_text(encoding="utf-8")


# --- small value helpers ------------------------------------------------------------------------------------

def _tijd(moment: datetime) -> str:
    return timezone.localtime(moment, kalender.TZ).isoformat(timespec="seconds")


def _dag(dag: date) -> str:
    """A date as the start of that day in Europe/Amsterdam (OCDS dates are date-times)."""
    return datetime.combine(dag, time(0, 0), tzinfo=kalender.TZ).isoformat(timespec="seconds")


def _dag_einde(dag: date) -> str:
    return datetime.combine(dag, time(23, 59, 59), tzinfo=kalender.TZ).isoformat(timespec="seconds")


def _bedrag(bedrag: Decimal) -> dict:
    # OCDS amounts are JSON numbers; the tariffs have two decimals, which a float holds exactly enough to print.
    return {"amount": float(bedrag), "currency": "EUR"}


def _zonder_leeg(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


# --- parties ------------------------------------------------------------------------------------------------

def _kvk_id(kvk: str) -> str:
    return f"NL-KVK-{kvk}"


def _opdrachtgever(a: Aanbesteding) -> dict:
    """The buyer and procuring entity: the opdrachtgever (the bureau's legal entity) with the bureau's public contact
    details; never the opdrachtgever's contact person (a person's name and e-mail are not open data)."""
    o, r = a.opdrachtgever, a.regio
    return _zonder_leeg({
        "id": _kvk_id(o.kvk_nummer), "name": o.naam,
        "identifier": {"scheme": "NL-KVK", "id": o.kvk_nummer, "legalName": o.naam},
        "address": _zonder_leeg({"streetAddress": o.straat, "postalCode": o.postcode, "locality": o.plaats,
                                 "countryName": "Nederland"}),
        "contactPoint": _zonder_leeg({"name": r.bureau_naam or r.naam, "email": r.contact_email,
                                      "telephone": r.contact_telefoon, "url": r.website}),
        "roles": ["buyer", "procuringEntity"],
    })


def _gemeente(gemeente, domeinen: list[str]) -> dict:
    return {
        "id": f"{settings.OCDS_OCID_PREFIX}-gemeente-{gemeente.pk}", "name": f"Gemeente {gemeente.naam}",
        "address": {"locality": gemeente.naam, "countryName": "Nederland"},
        # The municipalities buy the care and pay the providers (DOMAIN.md, actors): payer. The domains (Jeugd, Wmo)
        # they take part in are in details.domains (local extension).
        "roles": ["payer"], "details": {"domains": domeinen},
    }


def _aanbieder(o) -> dict:
    """An admitted provider: KvK number (org-id.guide scheme NL-KVK), name and place of business. No street
    address (a sole trader's is a home address) and no contact person."""
    return {
        "id": _kvk_id(o.kvk_nummer), "name": o.naam,
        "identifier": {"scheme": "NL-KVK", "id": o.kvk_nummer, "legalName": o.naam},
        "address": _zonder_leeg({"locality": o.plaats, "countryName": "Nederland"}),
        "roles": ["tenderer", "supplier"],
    }


def _verwijzing(partij: dict) -> dict:
    return {"id": partij["id"], "name": partij["name"]}


# --- the tender ---------------------------------------------------------------------------------------------

def _item_id(product, intensiteit: str = "") -> str:
    """``<perceel>-<productcode>[-<intensiteit>]``: a product code recurs in several percelen (the demo's 44A03)."""
    return "-".join(filter(None, [product.perceel.code, product.code, intensiteit]))


def _items(a, g, op: date) -> list[dict]:
    """One item per product and intensity with the general tariff in force on ``op`` as ``unit.value``; the
    product code of the iJw/iWmo product catalogue as classification (scheme iJw or iWmo), the iStandaarden unit
    code (WJ756/WMO756) as ``unit.id``. Products not (or no longer) valid on ``op`` are left out."""
    tarieven: dict[int, list] = {}
    for t in g.get(("tarieven", a.pk), []):
        if t.geldig_van <= op and (t.geldig_tot is None or op <= t.geldig_tot):
            tarieven.setdefault(t.product_id, []).append(t)
    items = []
    for p in g.get(("producten", a.pk), []):
        if (p.geldig_vanaf and op < p.geldig_vanaf) or (p.geldig_tot and p.geldig_tot < op):
            continue
        schema = SCHEMA_VAN_CLASSIFICATIE.get(p.perceel.domein, "iJw")
        eenheid = {"scheme": f"{schema} {'WJ756' if schema == 'iJw' else 'WMO756'}", "id": EENHEID_CODES.get(p.eenheid, ""),
                   "name": p.get_eenheid_display()}
        # One tariff per intensity: the newest start wins should two periods overlap (tarieven are by geldig_van).
        regels = list({t.intensiteit: t for t in tarieven.get(p.pk, [])}.values()) or [None]
        for t in sorted(regels, key=lambda t: t.intensiteit if t else ""):
            intensiteit = t.intensiteit if t else ""
            items.append(_zonder_leeg({
                "id": _item_id(p, intensiteit),
                "description": f"{p.naam} ({intensiteit})" if intensiteit else p.naam,
                "classification": {"scheme": schema, "id": p.code, "description": p.naam},
                "additionalClassifications": [{"scheme": f"{schema} productcategorie", "id": p.categorie}],
                "unit": _zonder_leeg(eenheid | {"value": _bedrag(t.bedrag) if t else None}),
                "relatedLot": p.perceel.code,
            }))
    return items


def _eisen_in_versie(eisen, nummer: int) -> list:
    """The eisen of version ``nummer`` (as EisQuerySet.in_versie, on rows already read)."""
    def telt(e):
        erin = e.in_rectificatie is None or (e.in_rectificatie.nummer <= nummer and e.in_rectificatie.gepubliceerd_op)
        eruit = e.ingetrokken_in is not None and e.ingetrokken_in.nummer <= nummer and e.ingetrokken_in.gepubliceerd_op
        return erin and not eruit
    return [e for e in eisen if telt(e)]


def _criteria(eisen) -> list[dict]:
    """Each eis a criterion (requirements extension): one group with one pass/fail requirement, because every eis
    must be met (an eis is assessed voldoet / voldoet niet, DOMAIN.md step 4). Its kind (uitsluitingsgrond,
    geschiktheidseis, uitvoeringseis) is the title; ``relatedLots`` when it holds for one perceel."""
    uit = []
    for e in eisen:
        # The id is the eis' own (eis-<pk>): codes recur (per perceel, "Eis 79" twice in the demo); a changed eis
        # is a new eis (ADR 0014), so a new criterion.
        uit.append(_zonder_leeg({
            "id": f"eis-{e.pk}", "title": f"{e.get_soort_display()} {e.code}", "description": e.tekst,
            "source": "tenderer", "relatesTo": "tenderer",
            "relatedLots": [e.perceel.code] if e.perceel_id else None,
            "requirementGroups": [{"id": f"eis-{e.pk}", "requirements": [_zonder_leeg({
                "id": f"eis-{e.pk}", "title": e.tekst[:200], "description": e.toelichting,
                "dataType": "boolean", "expectedValue": True,
            })]}],
        }))
    return uit


def _vensters(momenten) -> list[dict]:
    """Local extension: every admission window (toetredingsmoment), past and announced."""
    return [_zonder_leeg({
        "id": str(m.pk), "title": m.naam,
        "type": "continuous" if m.soort == Toetredingsmoment.Soort.CONTINU else "window",
        "period": _zonder_leeg({"startDate": _tijd(m.opent_op), "endDate": _tijd(m.sluit_op) if m.sluit_op else None}),
        "relatedLots": [p.code for p in m.percelen.all()] or None,
    }) for m in momenten]


def _contractperiode(a) -> dict:
    maximaal = a.looptijd_einde
    if a.verlenging_jaren and a.verlenging_max_keren:
        try:
            maximaal = a.looptijd_einde.replace(year=a.looptijd_einde.year + a.verlenging_jaren * a.verlenging_max_keren)
        except ValueError:  # 29 February
            maximaal = a.looptijd_einde + timedelta(days=365 * a.verlenging_jaren * a.verlenging_max_keren)
    return {"startDate": _dag(a.looptijd_start), "endDate": _dag_einde(a.looptijd_einde),
            "maxExtentDate": _dag_einde(maximaal)}


def _tender_volledig(a, g, op: date, basis_url: str, publiek_url: str) -> dict:
    """The tender as published: lots, items with the tariffs of ``op``, criteria (eisen, first version),
    framework agreement, periods and admission windows."""
    percelen = g.get(("percelen", a.pk), [])
    momenten = g.get(("momenten", a.pk), [])
    koper = _opdrachtgever(a)
    return _zonder_leeg({
        "id": a.slug, "title": a.titel, "description": a.samenvatting,
        "status": STATUS_TENDER.get(a.status, "active"),
        "procuringEntity": _verwijzing(koper),
        "procurementMethod": "open",
        "procurementMethodDetails": "Open House (toelatingsprocedure): elke aanbieder die aan de eisen voldoet wordt "
                                    "toegelaten, zonder gunningscriteria en zonder maximum aantal aanbieders.",
        "mainProcurementCategory": "services",
        "awardCriteria": "qualityOnly", "awardCriteriaDetails": "Geen rangorde: toelating op eisen (voldoet / voldoet niet).",
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": publiek_url,
        "enquiryPeriod": {"endDate": _tijd(a.vragen_tot)} if a.vragen_tot else None,
        "hasEnquiries": bool(g.get(("nvi", a.pk))),
        "contractPeriod": _contractperiode(a),
        "lots": [_zonder_leeg({
            "id": p.code, "title": p.naam,
            "description": " ".join(filter(None, [
                f"Subperceel van perceel {p.hoofdperceel.code}." if p.hoofdperceel_id else "", p.omschrijving])),
            "status": STATUS_TENDER.get(a.status, "active"),
        }) for p in percelen],
        "items": _items(a, g, op),
        "criteria": _criteria(_eisen_in_versie(g.get(("eisen", a.pk), []), 0)),
        "techniques": {"hasFrameworkAgreement": True, "frameworkAgreement": {
            "method": "withoutReopeningCompetition",
            "period": _contractperiode(a),
            "description": "Raamovereenkomst met elke toegelaten aanbieder; de cliënt of gemeente kiest de aanbieder, "
                           "er is geen nadere mededinging.",
        }},
        "admissionMode": TOETREDING.get(a.toetreding),
        "admissionWindows": _vensters(momenten),
        "documents": [{"id": "procedurepagina", "documentType": "tenderNotice", "title": a.titel, "url": publiek_url,
                       "format": "text/html", "language": "nl"}],
    })


# --- releases -----------------------------------------------------------------------------------------------

def _release(a, soort: str, pk: int, moment: datetime, tags: list[str], **inhoud) -> dict:
    oc = ocid(a)
    return {"ocid": oc, "id": f"{oc}-{soort}-{pk}", "date": _tijd(moment), "tag": tags, "initiationType": "tender",
            "language": "nl", **inhoud}


def _publicatiemoment(a, g) -> datetime:
    """When the procedure became public: its page's first publication (without a page, its creation), but no later
    than the first public trace of it: a window that opened, a published change, NvI or rectificatie, or the start
    of its term. A procedure entered in the portal after the fact (the demo, a migrated one) so keeps its history
    in order: the tender release comes before the releases that amend it."""
    per = g["per"]
    sporen = [g["gepubliceerd_op"].get(a.pk) or a.aangemaakt_op,
              datetime.combine(a.looptijd_start, time(0, 0), tzinfo=kalender.TZ)]
    sporen += [m.opent_op for m in per.get(("momenten", a.pk), [])]
    sporen += [w.datum for w in per.get(("wijzigingen", a.pk), [])]
    sporen += [n.gepubliceerd_op for n in per.get(("nvi", a.pk), [])]
    sporen += [r.gepubliceerd_op for r in per.get(("rectificaties", a.pk), [])]
    return min(sporen)


def _gemeente_partijen(a, g) -> list[dict]:
    domeinen: dict = {}
    for dg in g["per"].get(("gemeenten", a.pk), []):
        domeinen.setdefault(dg.gemeente, []).append(Domein(dg.domein).label)
    return [_gemeente(gemeente, d) for gemeente, d in domeinen.items()]


def _vroegste(moment: datetime, dag: date, *, einde=False) -> datetime:
    """The earlier of when the portal recorded an event and the day it took effect: data entered afterwards (the
    demo, a migration of an older procedure) keeps the date of the event itself, not of its entry."""
    op = datetime.combine(dag, time(23, 59, 59) if einde else time(0, 0), tzinfo=kalender.TZ)
    return min(moment, op)


def _toelatingsmoment(o) -> datetime:
    return _vroegste(o.aangemaakt_op, o.startdatum)


def _award_en_contract(a, o, g, einde: dict | None = None) -> tuple[dict, dict]:
    """The admission of one provider: an award (the decision to admit, for the percelen and products of its
    deelnames) and a contract (the agreement); ``einde`` is the contract's status and end when it ends."""
    deelnames = g.get(("deelnames", o.pk), [])
    producten = g.get(("deelnameproducten", o.pk), [])
    aanbieder = _verwijzing(_aanbieder(o.organisatie))
    # Admitted for exactly these products (toelating per product, issue 19); without rows: every product of the
    # percelen (procedures without product choice), which award.relatedLots already says.
    items = [{"id": _item_id(dp.product), "description": dp.product.naam,
              "classification": {"scheme": SCHEMA_VAN_CLASSIFICATIE.get(dp.deelname.perceel.domein, "iJw"),
                                 "id": dp.product.code, "description": dp.product.naam},
              "relatedLot": dp.deelname.perceel.code}
             for dp in producten]
    percelen = sorted({d.perceel.code for d in deelnames})
    periode = _zonder_leeg({"startDate": _dag(o.startdatum),
                            "endDate": _dag_einde(o.einddatum) if o.einddatum else _dag_einde(a.looptijd_einde)})
    award = _zonder_leeg({
        "id": f"toelating-{o.pk}", "title": f"Toelating {o.organisatie.naam}",
        "status": "active", "date": _tijd(_toelatingsmoment(o)), "suppliers": [aanbieder],
        "relatedLots": percelen, "items": [_zonder_leeg(i) for i in items], "contractPeriod": periode,
    })
    contract = _zonder_leeg({
        "id": f"overeenkomst-{o.pk}", "awardID": award["id"], "title": f"Overeenkomst {o.organisatie.naam}",
        "status": "active", "period": periode,
        "items": [_zonder_leeg(i) for i in items],
    } | (einde or {}))
    return award, contract


def releases_van(a, g, basis_url: str, publiek_url: str) -> list[dict]:
    """All releases of one public procedure, oldest first (``g`` from cms.selectors.ocds_gegevens)."""
    per = g["per"]
    nu = kalender.nu()
    koper = _opdrachtgever(a)
    publicatie = _publicatiemoment(a, g)
    uit = [_release(
        a, "publicatie", a.pk, publicatie, ["tender"],
        parties=[koper, *_gemeente_partijen(a, g)], buyer=_verwijzing(koper),
        tender=_tender_volledig(a, per, max(a.looptijd_start, timezone.localtime(publicatie, kalender.TZ).date()),
                                basis_url, publiek_url),
    )]
    eisen = per.get(("eisen", a.pk), [])
    for r in per.get(("rectificaties", a.pk), []):
        uit.append(_release(a, "rectificatie", r.pk, r.gepubliceerd_op, ["tenderAmendment"], tender={
            "id": a.slug, "criteria": _criteria(_eisen_in_versie(eisen, r.nummer)),
            "amendments": [{"id": f"rectificatie-{r.nummer}", "date": _tijd(r.gepubliceerd_op),
                            "rationale": r.reden, "description": f"Rectificatie {r.nummer} van de eisen"}],
        }))
    for w in per.get(("wijzigingen", a.pk), []):
        uit.append(_release(a, "wijziging", w.pk, w.datum, ["tenderAmendment"], tender={
            "id": a.slug, "amendments": [{"id": f"wijziging-{w.pk}", "date": _tijd(w.datum),
                                          "description": w.omschrijving, "rationale": w.get_soort_display()}],
        }))
    for n in per.get(("nvi", a.pk), []):
        vragen = per.get(("vragen", n.pk), [])
        uit.append(_release(a, "nvi", n.pk, n.gepubliceerd_op, ["tenderUpdate"], tender={
            "id": a.slug, "hasEnquiries": True,
            "enquiries": [_zonder_leeg({
                "id": f"nvi-{n.nummer}-{v.volgnummer or v.pk}", "date": _tijd(n.gepubliceerd_op),
                "description": v.vraag_publiek, "answer": v.antwoord,
                "dateAnswered": _tijd(v.beantwoord_op or n.gepubliceerd_op),
            }) for v in vragen],
            "documents": [{"id": f"nvi-{n.nummer}", "documentType": "clarifications",
                           "title": f"Nota van Inlichtingen {n.nummer}", "url": f"{publiek_url}nvi/{n.nummer}/",
                           "datePublished": _tijd(n.gepubliceerd_op), "language": "nl"}],
        }))
    for m in per.get(("momenten", a.pk), []):
        if m.opent_op > nu:
            continue  # announced in admissionWindows; its own release comes when it opens
        uit.append(_release(a, "toetredingsmoment", m.pk, m.opent_op, ["tenderUpdate"], tender={
            "id": a.slug, "status": "active" if m.is_open(nu) else STATUS_TENDER.get(a.status, "active"),
            "tenderPeriod": _zonder_leeg({"startDate": _tijd(m.opent_op), "endDate": _tijd(m.sluit_op) if m.sluit_op else None}),
        }))
    overeenkomsten = {o.pk: o for o in per.get(("overeenkomsten", a.pk), [])}
    for o in overeenkomsten.values():
        award, contract = _award_en_contract(a, o, per)
        uit.append(_release(a, "toelating", o.pk, _toelatingsmoment(o), ["award", "contract"],
                            parties=[_aanbieder(o.organisatie)], awards=[award], contracts=[contract]))
    for u in per.get(("uittredingen", a.pk), []):
        o = u.overeenkomst
        beeindigd = u.status == Uittreding.Status.AFGEROND and o.status == Overeenkomst.Status.BEEINDIGD
        einddatum = u.einddatum or o.einddatum
        einde = {"status": "terminated" if beeindigd else "active"}
        if einddatum:
            einde["period"] = {"startDate": _dag(o.startdatum), "endDate": _dag_einde(einddatum)}
        wanneer = _vroegste(u.aangemaakt_op, einddatum, einde=True) if beeindigd and einddatum else u.aangemaakt_op
        uit.append(_release(a, "uittreding", u.pk, wanneer, ["contractTermination" if beeindigd else "contractUpdate"],
                            contracts=[{"id": f"overeenkomst-{o.pk}", "awardID": f"toelating-{o.pk}", **einde,
                                        "statusDetails": u.get_aanleiding_display()}]))
    for ad in per.get(("addenda", a.pk), []):
        op = max(ad.ingangsdatum, a.looptijd_start)
        uit.append(_release(a, "addendum", ad.pk, ad.gepubliceerd_op, ["tenderAmendment"], tender={
            "id": a.slug, "items": _items(a, per, op),
            "amendments": [_zonder_leeg({
                "id": f"addendum-{ad.nummer or ad.pk}", "date": _tijd(ad.gepubliceerd_op),
                "description": ad.titel, "rationale": ad.get_soort_display(),
                "relatedLots": [p.code for p in ad.percelen.all()] or None,
            })],
        }))
    for ronde in per.get(("indexaties", a.pk), []):
        # Published with its addendum when it has one; otherwise recorded, at the latest on 1 January of its year.
        moment = (ronde.addendum.gepubliceerd_op if ronde.addendum and ronde.addendum.gepubliceerd_op
                  else _vroegste(ronde.aangemaakt_op, date(ronde.jaar, 1, 1)))
        uit.append(_release(a, "indexatie", ronde.pk, moment, ["tenderUpdate"], tender={
            "id": a.slug, "items": _items(a, per, max(date(ronde.jaar, 1, 1), a.looptijd_start)),
        }))
    uit.sort(key=lambda r: (r["date"], r["id"]))
    return uit


# --- packages -----------------------------------------------------------------------------------------------

def uitgever() -> dict:
    return _zonder_leeg({"name": settings.OCDS_UITGEVER_NAAM, "scheme": settings.OCDS_UITGEVER_SCHEMA,
                         "uid": settings.OCDS_UITGEVER_UID, "uri": settings.OCDS_UITGEVER_URI})


def _pakket_meta(uri: str, basis_url: str, releases: list[dict]) -> dict:
    # publishedDate is the newest release's date, not the clock: the same data gives the same package (and ETag).
    return _zonder_leeg({
        "uri": uri, "version": "1.1", "extensions": extensies(basis_url),
        "publisher": uitgever(), "license": settings.OCDS_LICENTIE,
        "publicationPolicy": settings.OCDS_PUBLICATIEBELEID or f"{basis_url}{DOCUMENTATIE_PAD}#publicatiebeleid",
        "publishedDate": max((r["date"] for r in releases), default=_tijd(kalender.nu())),
    })


def alle_releases(aanbestedingen, g, basis_url: str, publieke_url) -> list[dict]:
    """The releases of every procedure in ``aanbestedingen``, by date."""
    uit = []
    for a in aanbestedingen:
        uit.extend(releases_van(a, g, basis_url, f"{basis_url}{publieke_url(a)}"))
    uit.sort(key=lambda r: (r["date"], r["id"]))
    return uit


def releasepakket(uri: str, basis_url: str, releases: list[dict]) -> dict:
    return _pakket_meta(uri, basis_url, releases) | {"releases": releases}


def samensteller():
    """An ocdsmerge Merger with the profile's merge rules, from a schema given explicitly: ocdsmerge would otherwise
    download the release schema of the newest OCDS version (ocdsmerge.rules.get_merge_rules), and the portal
    never fetches anything at runtime. The schema is the local extension's release-schema.json (which sets
    wholeListMerge on tender.items and tender.criteria) completed with the arrays of strings the profile publishes
    (merged as a whole list in OCDS, never by position) and ``tag`` (omitWhenMerged)."""
    import ocdsmerge

    patch = extensiebestand("release-schema.json")["definitions"]["Tender"]["properties"]
    tekst = {"type": "array", "items": {"type": "string"}}

    def per_id(**velden):  # an array of objects merged by their id, with the given fields' rules
        return {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, **velden}}}

    # wholeListMerge of the local extension (a JSON Merge Patch on arrays the standard already types as arrays).
    geheel = {naam: {"type": "array", **regel} for naam, regel in patch.items() if regel.get("wholeListMerge")}
    schema = {"properties": {
        "tag": {"type": "array", "items": {"type": "string"}, "omitWhenMerged": True},
        "parties": per_id(roles=tekst, details={"type": "object", "properties": {"domains": tekst}}),
        "tender": {"type": "object", "properties": {
            **geheel, "submissionMethod": tekst, "amendments": per_id(relatedLots=tekst),
            "admissionWindows": per_id(relatedLots=tekst), "lots": per_id(), "enquiries": per_id(),
            "documents": per_id(),
        }},
        "awards": per_id(relatedLots=tekst, suppliers=per_id(), items=per_id()),
        "contracts": per_id(items=per_id()),
    }}
    return ocdsmerge.Merger(schema=schema)


def record(releases: list[dict], merger=None) -> dict:
    """The record of one ocid: its releases and the compiled release (ocdsmerge)."""
    merger = merger or samensteller()
    return {"ocid": releases[0]["ocid"], "releases": releases, "compiledRelease": merger.create_compiled_release(releases)}


def recordpakket(uri: str, basis_url: str, releases: list[dict]) -> dict:
    return _pakket_meta(uri, basis_url, releases) | {"records": [record(releases)]}
