"""Who at a provider gets the mails of contract management: every active member (they share the duties), in one
query for any number of organisations."""

from __future__ import annotations

from organisaties.models import Lidmaatschap


def leden_per_organisatie(organisatie_ids) -> dict[int, list[str]]:
    """The active members' addresses per organisation id, sorted, in one query."""
    uit: dict[int, list[str]] = {}
    for org_id, email in (Lidmaatschap.objects.filter(organisatie_id__in=organisatie_ids, user__is_active=True)
                          .order_by("organisatie_id", "user__email").values_list("organisatie_id", "user__email")):
        if email:
            uit.setdefault(org_id, []).append(email)
    return uit


def met_contactadres(organisatie, leden: dict[int, list[str]]) -> list[str]:
    """The members of ``organisatie`` (from ``leden_per_organisatie``) and its contact address, each once."""
    return [a for a in dict.fromkeys([*leden.get(organisatie.pk, []), organisatie.contact_email]) if a]
