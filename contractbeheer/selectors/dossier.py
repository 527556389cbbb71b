"""The enforcement letters of a procedure as documents of its dossier (issue 16, Woo; core.dossier)."""

from __future__ import annotations

from core.dossier import Dossierstuk, dag, uit_opslag
from organisaties.selectors import persoonsgegevens_van

from ..models import Maatregel
from ..tasks.handhaving import besluit_pdf, voornemen_pdf


def dossierstukken(aanbesteding) -> list[Dossierstuk]:
    """The documents of the procedure's dossier that contractbeheer owns, by date: per measure of the enforcement
    ladder (003 §7.11) the letter of intention and, once decided, the decision letter, each the sealed PDF as
    stored; a letter the task has not made yet is rendered from the record with the same layout (unsealed). One
    query, whatever the number of measures.

    ``persoonsgegevens`` (Woo art. 5.1.2.e): the letters are addressed to the provider's contact person ("t.a.v.");
    with it its e-mail and phone, and the staff who drew up (voornemen) and took (besluit) the decision. Not
    public: a letter is addressed to one provider."""
    maatregelen = (
        Maatregel.objects.filter(overeenkomst__aanbesteding=aanbesteding)
        .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding__regio", "opgesteld_door",
                        "besloten_door")
        .order_by("voornemen_op", "pk")
    )
    stukken = []
    for m in maatregelen:
        org = m.overeenkomst.organisatie
        maatregel = m.get_trede_display().lower()
        stukken.append(Dossierstuk(
            sleutel=f"handhaving_voornemen:{m.pk}", soort="handhaving_voornemen",
            titel=f"Voornemen maatregel {m.pk}: {maatregel}", datum=dag(m.voornemen_op),
            aanbesteding_id=aanbesteding.pk, regio_id=aanbesteding.regio_id,
            pdf=uit_opslag(m.brief_voornemen) if m.brief_voornemen else (lambda m=m: voornemen_pdf(m)),
            persoonsgegevens=persoonsgegevens_van(organisaties=[org], gebruikers=[m.opgesteld_door]),
        ))
        # A decision exists once taken (besluit_op, constraint maatregel_besluit_met_datum); a withdrawn intention
        # has none.
        if m.besluit_op is not None:
            stukken.append(Dossierstuk(
                sleutel=f"handhaving_besluit:{m.pk}", soort="handhaving_besluit",
                titel=f"Besluit maatregel {m.pk}: {maatregel}", datum=dag(m.besluit_op),
                aanbesteding_id=aanbesteding.pk, regio_id=aanbesteding.regio_id,
                pdf=uit_opslag(m.brief_besluit) if m.brief_besluit else (lambda m=m: besluit_pdf(m)),
                persoonsgegevens=persoonsgegevens_van(organisaties=[org], gebruikers=[m.besloten_door, m.opgesteld_door]),
            ))
    return sorted(stukken, key=lambda s: s.datum)
