"""The ontvangstbevestiging of a digital registered letter (issue 18, ADR 0017): who sent what, when it was
received and through which channel, for which agreement and provider, and the sha256 of the scanned letter. The
task seals it with the bureau's key (core.zegel), so either party can prove the moment of receipt later."""

from __future__ import annotations

from core.kalender import TZ
from core.pdf import PortaalPdf, pdf_tekst


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
