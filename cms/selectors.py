"""Reads of the public site that span apps (procedure pages, the register, regions). Each owns its joins."""

from organisaties.models import Domein, Regio

from .models import ProcedurePage


def openbare_procedurepaginas(regio=None):
    """Live procedure pages of procedures that are public, newest term first (one query); of one region when
    ``regio`` is given (issue 17: the portal hosts many)."""
    qs = (
        ProcedurePage.objects.live().public()
        .exclude(aanbesteding__status="in_voorbereiding")
        .select_related("aanbesteding", "aanbesteding__regio")
        .order_by("-aanbesteding__looptijd_start", "title")
    )
    if regio is not None:
        qs = qs.filter(aanbesteding__regio=regio)
    return list(qs)


def regios():
    """Every region of the portal, by name (the filter on the procedure list)."""
    return list(Regio.objects.order_by("naam").only("naam", "slug"))


def regio(slug: str) -> Regio | None:
    """One region with its logo (the landing page /regio/<slug>/), or None."""
    return Regio.objects.select_related("logo").filter(slug=slug).first()


def gemeenten_per_domein(regio: Regio) -> dict[str, list[str]]:
    """The municipalities of ``regio`` per domain they buy in (Eemnes buys Wmo, not Jeugd), one query."""
    uitkomst = {Domein.JEUGD.label: [], Domein.WMO.label: []}
    for g in regio.gemeenten.order_by("naam"):
        if g.doet_mee_jeugd:
            uitkomst[Domein.JEUGD.label].append(g.naam)
        if g.doet_mee_wmo:
            uitkomst[Domein.WMO.label].append(g.naam)
    return {domein: namen for domein, namen in uitkomst.items() if namen}
