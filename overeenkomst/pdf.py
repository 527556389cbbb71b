"""The ontvangstbevestiging of a digital registered letter (issue 18, ADR 0017): who sent what, when it was
received and through which channel, for which agreement and provider, and the sha256 of the scanned letter. The
task seals it with the bureau's key (core.zegel), so either party can prove the moment of receipt later."""

from __future__ import annotations

from core.geld import formatteer_euro
from core.kalender import TZ
from core.pdf import PortaalPdf, eenvoudige_pdf, pdf_tekst


def _bureau(aanbesteding) -> str:
    return aanbesteding.regio.weergavenaam_bureau


def _persoon(user) -> str:
    if user is None:
        return ""
    naam = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{naam} ({user.email})" if naam else user.email


def ontvangstbevestiging(brief) -> bytes:
    """The receipt as PDF bytes (unsealed). ``brief`` with its overeenkomst, aanbesteding, regio and organisatie."""
    ovk = brief.overeenkomst
    org, ab = ovk.organisatie, ovk.aanbesteding
    bureau = _bureau(ab)
    aanbieder = f"{org.naam} (KvK {org.kvk_nummer})"
    van, aan = (aanbieder, bureau) if brief.van_aanbieder else (bureau, aanbieder)
    moment = brief.ontvangen_op.astimezone(TZ)
    regels = [
        ("Soort", brief.get_soort_display()),
        ("Van", van),
        ("Aan", aan),
        ("Moment van ontvangst", f"{moment:%d-%m-%Y om %H:%M:%S} (Europe/Amsterdam)"),
        ("Kanaal", brief.get_kanaal_display()),
        ("Overeenkomst", f"nr. {ovk.pk}, {ab.titel}, ingangsdatum {ovk.startdatum:%d-%m-%Y}"),
        ("Aanbieder", aanbieder),
    ]
    if brief.door_id:
        regels.append(("Ingediend door" if brief.van_aanbieder else "Besloten door", _persoon(brief.door)))
    if brief.vastgelegd_door_id:
        regels.append(("Vastgelegd door", f"{_persoon(brief.vastgelegd_door)} op "
                                          f"{brief.vastgelegd_op.astimezone(TZ):%d-%m-%Y om %H:%M}"))
    if brief.samenvatting:
        regels.append(("Inhoud", brief.samenvatting))
    if brief.scan_sha256:
        regels.append(("Scan van de brief", f"{brief.scan_naam}, sha256 {brief.scan_sha256}"))
    regels.append(("Kenmerk", brief.sleutel))

    pdf = PortaalPdf()
    pdf.set_creation_date(brief.ontvangen_op)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, pdf_tekst(f"Ontvangstbevestiging – {brief.get_soort_display()}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, pdf_tekst(bureau), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for label, waarde in regels:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(48, 6, pdf_tekst(label))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 6, pdf_tekst(waarde), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, pdf_tekst(
        "Deze ontvangstbevestiging geldt als bewijs van ontvangst van een aangetekende brief. Termijnen tellen vanaf "
        "het moment van ontvangst hierboven. Het document is verzegeld met het zegel van het bureau; controleer de "
        "echtheid op /verifieren/ van het portaal."
    ), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- the dossier documents the portal keeps as data only (issue 16, Woo) --------------------------------------
# Rendered on demand with the plain house layout (core.pdf.eenvoudige_pdf: fixed creation date, so the same record
# gives the same bytes in every Woo export). Each shows what the portal shows the parties (overeenkomst/templates).


def _bedrag(waarde) -> str:
    """A stored amount in Dutch notation; anything that is no amount as it was recorded."""
    try:
        return formatteer_euro(waarde)
    except (ArithmeticError, TypeError, ValueError):
        return str(waarde if waarde is not None else "-")


def _datum(d) -> str:
    return f"{d:%d-%m-%Y}" if d else "-"


def _periode(van, tot) -> str:
    return f"vanaf {_datum(van)}" + (f" tot en met {_datum(tot)}" if tot else "")


def overeenkomst_pdf(ovk, deelnames) -> bytes:
    """The agreement as the provider's agreement page shows it (overeenkomst/detail.html): the parties with the
    provider's contact person, the term and status, and per perceel the period and the products admitted.
    ``deelnames``: [(Deelname, [selectors.Productregel])]."""
    ab, org = ovk.aanbesteding, ovk.organisatie
    regels = [
        f"Aanbesteding: {ab.titel}" + (f" (dossier {ab.dossiernummer})" if ab.dossiernummer else ""),
        f"Opdrachtgever: {ab.opdrachtgever.naam}",
        f"Aanbieder: {org.naam} (KvK {org.kvk_nummer}), {org.plaats}",
        f"Contactpersoon aanbieder: {org.contactpersoon}, {org.contact_email}"
        + (f", {org.contact_telefoon}" if org.contact_telefoon else ""),
        f"Looptijd: {_periode(ovk.startdatum, ovk.einddatum)}; status: {ovk.get_status_display().lower()}",
    ]
    if ovk.bron:
        regels.append(f"Grondslag: {ovk.bron}")
    for deelname, producten in deelnames:
        regels += ["", f"Perceel {deelname.perceel.code} {deelname.perceel.naam}: {deelname.get_status_display().lower()}, "
                       f"{_periode(deelname.startdatum, deelname.einddatum)}"]
        regels += [f"- {r.product.code} {r.product.naam}" + (f" ({r.beperking})" if r.beperking else "")
                   for r in producten]
    return eenvoudige_pdf(f"Overeenkomst {ovk.pk}: {ab.titel}", regels)


def addendum_pdf(addendum, percelen, onderdelen) -> bytes:
    """A published addendum as the provider reads it (overeenkomst/addendum.html): its text and each change."""
    regels = [
        f"Aanbesteding: {addendum.aanbesteding.titel}",
        f"{addendum.get_soort_display()}; gaat in op {_datum(addendum.ingangsdatum)}",
        "Betreft percelen: " + (", ".join(f"{p.code} {p.naam}" for p in percelen) or "alle percelen"),
        "",
        addendum.tekst,
    ]
    if onderdelen:
        regels += ["", "Wijzigingen:"]
    for o in onderdelen:
        wat = f": {o.product}" if o.product_id else (f": {o.gegevens.get('code')} {o.gegevens.get('naam', '')}"
                                                     if isinstance(o.gegevens, dict) and o.gegevens.get("code") else "")
        regels.append(f"- {o.get_soort_display()}{wat}" + (f" ({o.bepaling})" if o.bepaling else ""))
        if o.tekst:
            regels.append(f"  {o.tekst}")
        if o.soort == "tarieven" and isinstance(o.gegevens, dict):
            regels += [f"  {t.get('code', '')} {t.get('intensiteit') or ''}: {_bedrag(t.get('oud'))} -> {_bedrag(t.get('bedrag'))}"
                       for t in o.gegevens.get("tarieven", [])]
    return eenvoudige_pdf(str(addendum), regels)


def indexatie_pdf(ronde) -> bytes:
    """A published indexation round (003a §3.9, 003 §6.22): method, percentages or weighted components."""
    regels = [f"Aanbesteding: {ronde.aanbesteding.titel}", f"Methode: {ronde.get_methode_display()}"]
    if ronde.percentage is not None:
        regels.append(f"Indexpercentage: {ronde.percentage} %")
    if ronde.ova_voorlopig is not None:
        regels.append(f"Voorlopige OVA: {ronde.ova_voorlopig} %, toegepast voor {ronde.aandeel_voorlopig} %")
    for kop, componenten in (("Componenten", ronde.componenten), ("Definitieve index", ronde.definitief_componenten)):
        if componenten:
            regels.append(f"{kop}:")
            regels += ["- " + ", ".join(f"{k} {v}" for k, v in c.items()) for c in componenten if isinstance(c, dict)]
    if ronde.toelichting:
        regels += ["", ronde.toelichting]
    if ronde.addendum_id:
        regels.append(f"Gepubliceerd als {ronde.addendum}")
    return eenvoudige_pdf(f"Indexatie van de tarieven {ronde.jaar}", regels)


def uittreding_pdf(uittreding, percelen) -> bytes:
    """The record of an exit (002 art. 8, 003a §3.5): occasion, option or ground, dates, fee and status."""
    ovk = uittreding.overeenkomst
    org = ovk.organisatie
    regels = [
        f"Aanbesteding: {ovk.aanbesteding.titel}",
        f"Overeenkomst nr. {ovk.pk} met {org.naam} (KvK {org.kvk_nummer})",
        f"Aanleiding: {uittreding.get_aanleiding_display()}",
    ]
    if uittreding.optie:
        regels.append(f"Optie: {uittreding.get_optie_display()}")
    if uittreding.grond:
        regels.append(f"Grond: {uittreding.get_grond_display()}")
    regels += [
        "Betreft percelen: " + (", ".join(f"{p.code} {p.naam}" for p in percelen) or "-"),
        f"Ontvangen op {_datum(uittreding.ontvangen_op)} ({uittreding.get_kanaal_display().lower()})",
        f"Vroegst mogelijke einddatum: {_datum(uittreding.vroegste_einddatum)}",
        f"Einddatum: {_datum(uittreding.einddatum)}; status: {uittreding.get_status_display().lower()}",
    ]
    if uittreding.vergoeding is not None:
        regels.append(f"Vergoeding: {_bedrag(uittreding.vergoeding)}")
    for tekst in (uittreding.continuiteit_toelichting, uittreding.toelichting):
        if tekst:
            regels += ["", tekst]
    return eenvoudige_pdf(f"Uittreding {uittreding.pk}: {uittreding.get_aanleiding_display()}", regels)
