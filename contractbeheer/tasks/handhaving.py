"""After-commit work of the enforcement ladder (issue 14, ADR 0020): the letters of a measure (the intention with
the zienswijze period, the decision), made once, sealed with the bureau's key (organisaties.regios.verzegeld_document,
ADR 0015) and stored privately on the measure; then the provider is mailed that a letter is ready, without its
content (the letter is read in the portal). The bureau hears of a zienswijze and the provider of a fine."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url
from core.audit import audit
from core.mail import eenmalig_versturen
from core.pdf import PortaalPdf, echtheidsregel, pdf_tekst
from organisaties.models import Lidmaatschap, Rol, User
from organisaties.regios import verzegeld_document
from organisaties.rollen import CONTRACTMANAGER
from organisaties.services import bericht_versturen

from ..models import Boete, Maatregel

log = logging.getLogger(__name__)

_VELDEN = ("overeenkomst__organisatie", "overeenkomst__aanbesteding__regio", "opgesteld_door", "besloten_door")


def _aanbieder(org) -> list[str]:
    adressen = {org.contact_email} if org.contact_email else set()
    adressen |= set(Lidmaatschap.objects.filter(organisatie=org, rol=Rol.BEHEERDER).values_list("user__email", flat=True))
    return sorted(a for a in adressen if a)


def _bureau(regio) -> list[str]:
    if regio.contact_email:
        return [regio.contact_email]
    rol = Q(regiorollen__rol=CONTRACTMANAGER) & (Q(regiorollen__regio=regio) | Q(regiorollen__regio__isnull=True))
    return sorted(set(User.objects.filter(rol, groups__name=CONTRACTMANAGER, is_active=True)
                      .values_list("email", flat=True)) - {""})


def _ondertekening(regio) -> str:
    contact = " · ".join(x for x in (regio.contact_email, regio.contact_telefoon) if x)
    return "\n\n" + "\n".join(x for x in (regio.weergavenaam_bureau, contact) if x)


# --- the letters ----------------------------------------------------------------------------------------------


def _brief(m: Maatregel, titel: str, regels: list[tuple[str, str]], alineas: list[str], moment) -> bytes:
    """A letter as PDF bytes (unsealed): the bureau, the addressee, a table of facts and the paragraphs."""
    ovk = m.overeenkomst
    org, ab = ovk.organisatie, ovk.aanbesteding
    pdf = PortaalPdf()
    pdf.set_creation_date(moment)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, pdf_tekst(ab.regio.weergavenaam_bureau), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, pdf_tekst(f"Aan: {org.naam} (KvK {org.kvk_nummer})"
                                   + (f", t.a.v. {org.contactpersoon}" if org.contactpersoon else "")),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, pdf_tekst(f"Datum: {moment.astimezone(kalender.TZ):%d-%m-%Y}"), new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, pdf_tekst(titel), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, waarde in regels:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(48, 6, pdf_tekst(label))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 6, pdf_tekst(waarde), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10)
    for alinea in alineas:
        pdf.multi_cell(0, 5.5, pdf_tekst(alinea), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, pdf_tekst(f"Kenmerk: maatregel {m.pk}. Deze brief is verzegeld met het zegel van het "
                                   f"bureau. {echtheidsregel()}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _feiten(m: Maatregel) -> list[tuple[str, str]]:
    ovk = m.overeenkomst
    regels = [
        ("Overeenkomst", f"nr. {ovk.pk}, {ovk.aanbesteding.titel}"),
        ("Maatregel", f"{m.get_trede_display()} (trede {m.trede} van 8)"),
        ("Grondslag", m.grondslag),
    ]
    if m.sprong_reden:
        regels.append(("Reden overslaan trede", m.sprong_reden))
    return regels


def voornemen_pdf(m: Maatregel) -> bytes:
    alineas = [
        "Het bureau is voornemens u de hierboven genoemde maatregel op te leggen op de volgende gronden:",
        m.gronden,
        f"U kunt tot en met {m.zienswijze_uiterlijk:%d-%m-%Y} uw zienswijze op dit voornemen geven, in het portaal "
        f"bij deze maatregel of schriftelijk. Het bureau neemt daarna een besluit en betrekt uw zienswijze daarbij.",
    ]
    regels = [*_feiten(m), ("Zienswijze uiterlijk", f"{m.zienswijze_uiterlijk:%d-%m-%Y}")]
    return _brief(m, f"Voornemen tot het opleggen van een maatregel: {m.get_trede_display().lower()}", regels,
                  alineas, m.voornemen_op)


def besluit_pdf(m: Maatregel) -> bytes:
    opgelegd = m.status in (Maatregel.Status.OPGELEGD, Maatregel.Status.INGETROKKEN)
    regels = [*_feiten(m), ("Voornemen verzonden", f"{m.voornemen_op.astimezone(kalender.TZ):%d-%m-%Y}")]
    if m.zienswijze_op:
        regels.append(("Zienswijze ontvangen", f"{m.zienswijze_op.astimezone(kalender.TZ):%d-%m-%Y}"))
    else:
        regels.append(("Zienswijze", f"niet ontvangen (termijn tot en met {m.zienswijze_uiterlijk:%d-%m-%Y})"))
    regels.append(("Besluit", "De maatregel wordt opgelegd." if opgelegd else "Het bureau ziet af van de maatregel."))
    if opgelegd and m.ingangsdatum:
        regels.append(("Ingangsdatum", f"{m.ingangsdatum:%d-%m-%Y}"
                                       + (f" tot en met {m.einddatum:%d-%m-%Y}" if m.einddatum else "")))
    alineas = ["Motivering:", m.besluit_toelichting]
    if opgelegd and m.trede in (4, 5):
        alineas.append("De boete is direct opeisbaar en verrekenbaar (003 §7.11 lid 4 en 5). Het bedrag en de "
                       "berekening staan bij de maatregel in het portaal.")
    return _brief(m, f"Besluit: {m.get_trede_display().lower()}", regels, alineas, m.besluit_op)


def _maken(maatregel_id: int, *, veld: str, soort: str, titel: str, maker, mailsleutel: str, onderwerp: str) -> bool:
    """Make, seal and store one letter of a measure once (row lock + stored file), then mail the provider once.
    A failed seal raises: the file stays unmade and the mail unsent until the next run."""
    with transaction.atomic():
        m = Maatregel.objects.select_for_update(of=("self",)).select_related(*_VELDEN).filter(pk=maatregel_id).first()
        if m is None:
            return False
        bestand = getattr(m, veld)
        if not bestand:
            org = m.overeenkomst.organisatie
            inhoud = verzegeld_document(m.overeenkomst.aanbesteding.regio, maker(m), soort=soort,
                                        titel=f"{titel} maatregel {m.pk} ({m.get_trede_display().lower()})",
                                        uitgegeven_aan=f"{org.naam} (KvK {org.kvk_nummer})")
            bestand.save(f"{soort}-{m.pk}.pdf", ContentFile(inhoud), save=False)
            sha = hashlib.sha256(inhoud).hexdigest()
            setattr(m, f"{veld}_sha256", sha)
            m.save(update_fields=[veld, f"{veld}_sha256"])
            audit("contractbeheer.maatregel_brief", m, nieuw={"brief": soort, "sha256": sha})
    org, regio = m.overeenkomst.organisatie, m.overeenkomst.aanbesteding.regio
    tekst = (
        f"Beste {org.contactpersoon or org.naam},\n\n{onderwerp} staat voor u klaar in het portaal "
        f"(een verzegelde PDF). Lees de brief in het portaal:\n{absolute_url('contractbeheer:maatregel', m.pk)}"
        f"{_ondertekening(regio)}"
    )
    bericht_versturen(org, sleutel=mailsleutel.format(pk=m.pk), soort="Maatregel",
                      onderwerp=f"{onderwerp} – {m.overeenkomst.aanbesteding.titel}", tekst=tekst,
                      ontvangers=_aanbieder(org), regio_id=regio.pk, pad=reverse("contractbeheer:maatregel", args=[m.pk]))
    return True


@shared_task
def brief_voornemen_maken(maatregel_id: int) -> bool:
    return _maken(maatregel_id, veld="brief_voornemen", soort="voornemen-maatregel", titel="Voornemen",
                  maker=voornemen_pdf, mailsleutel="maatregel:{pk}:voornemen",
                  onderwerp="Een brief van het bureau over een voorgenomen maatregel")


@shared_task
def besluitbrief_maken(maatregel_id: int) -> bool:
    return _maken(maatregel_id, veld="brief_besluit", soort="besluit-maatregel", titel="Besluit",
                  maker=besluit_pdf, mailsleutel="maatregel:{pk}:besluit",
                  onderwerp="Een besluitbrief van het bureau over een maatregel")


@shared_task
def zienswijze_ontvangen_versturen(maatregel_id: int) -> bool:
    """The provider gave its zienswijze in the portal: the bureau is told (the text is read in the admin)."""
    m = Maatregel.objects.filter(pk=maatregel_id).select_related(*_VELDEN).first()
    if m is None or not m.zienswijze_op:
        return False
    org = m.overeenkomst.organisatie
    tekst = (f"{org.naam} heeft een zienswijze gegeven op het voornemen “{m.get_trede_display()}”.\n\n"
             f"{absolute_url('contractbeheer_admin_maatregel', m.pk)}")
    return eenmalig_versturen(f"maatregel:{m.pk}:zienswijze", f"Zienswijze ontvangen – {org.naam}", tekst,
                              _bureau(m.overeenkomst.aanbesteding.regio))


@shared_task
def boete_opgelegd_versturen(boete_id: int) -> bool:
    b = Boete.objects.filter(pk=boete_id).select_related(
        "soort", "overeenkomst__organisatie", "overeenkomst__aanbesteding__regio").first()
    if b is None:
        return False
    org, regio = b.overeenkomst.organisatie, b.overeenkomst.aanbesteding.regio
    # Like the letters: the mail names the kind, the amount and its calculation are read in the portal.
    tekst = (f"Beste {org.contactpersoon or org.naam},\n\nHet bureau heeft een boete geboekt: {b.soort.omschrijving}. "
             f"Het bedrag en de berekening staan in het portaal; de boete is direct opeisbaar en verrekenbaar.\n\n"
             f"Uw boetes:\n{absolute_url('contractbeheer:boetes')}{_ondertekening(regio)}")
    return bericht_versturen(org, sleutel=f"boete:{b.pk}:opgelegd", soort="Boete", onderwerp=f"Boete: {b.soort.omschrijving}",
                             tekst=tekst, ontvangers=_aanbieder(org), regio_id=regio.pk,
                             pad=reverse("contractbeheer:boetes"))
