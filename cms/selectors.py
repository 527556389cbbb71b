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


def ocds_gegevens(aanbestedingen) -> dict:
    """Everything the OCDS feed publishes about ``aanbestedingen`` (public procedures only), read in a fixed number
    of queries whatever their number (issue 16): one query per kind of event, filtered on the whole set. Only
    published events: rectificaties with a publication moment, addenda published or in force, indexation rounds
    published; never concepts, evidence or who did what."""
    from aanbesteding.models import (
        DeelnemendeGemeente,
        Eis,
        NotaVanInlichtingen,
        Perceel,
        ProcedureWijziging,
        Product,
        Rectificatie,
        Tarief,
        Toetredingsmoment,
        Vraag,
    )
    from overeenkomst.models import (
        Addendum,
        Deelname,
        DeelnameProduct,
        Indexatieronde,
        Overeenkomst,
        Uittreding,
    )

    ids = [a.pk for a in aanbestedingen]
    per = {}

    def groepeer(naam, rijen, sleutel):
        for rij in rijen:
            per.setdefault((naam, sleutel(rij)), []).append(rij)

    groepeer("gemeenten", DeelnemendeGemeente.objects.filter(aanbesteding_id__in=ids).select_related("gemeente")
             .order_by("gemeente__naam", "domein"), lambda r: r.aanbesteding_id)
    groepeer("percelen", Perceel.objects.filter(aanbesteding_id__in=ids).select_related("hoofdperceel")
             .order_by("volgorde", "code"), lambda r: r.aanbesteding_id)
    groepeer("producten", Product.objects.filter(perceel__aanbesteding_id__in=ids).select_related("perceel")
             .order_by("perceel__volgorde", "volgorde", "code"), lambda r: r.perceel.aanbesteding_id)
    # General tariffs only: a tariff agreed with one provider is not the framework's unit price.
    groepeer("tarieven", Tarief.objects.filter(product__perceel__aanbesteding_id__in=ids, organisatie__isnull=True)
             .select_related("product__perceel").order_by("geldig_van"), lambda r: r.product.perceel.aanbesteding_id)
    groepeer("eisen", Eis.objects.filter(aanbesteding_id__in=ids).select_related("perceel", "in_rectificatie", "ingetrokken_in")
             .order_by("volgorde", "code"), lambda r: r.aanbesteding_id)
    groepeer("rectificaties", Rectificatie.objects.filter(aanbesteding_id__in=ids, gepubliceerd_op__isnull=False)
             .order_by("nummer"), lambda r: r.aanbesteding_id)
    groepeer("wijzigingen", ProcedureWijziging.objects.filter(aanbesteding_id__in=ids).exclude(
        soort__in=[ProcedureWijziging.Soort.NVI, ProcedureWijziging.Soort.RECTIFICATIE]).order_by("datum", "id"),
        lambda r: r.aanbesteding_id)
    groepeer("nvi", NotaVanInlichtingen.objects.filter(aanbesteding_id__in=ids).order_by("nummer"), lambda r: r.aanbesteding_id)
    # The public wording of a question only (vraag_publiek): never who asked it.
    groepeer("vragen", Vraag.objects.filter(aanbesteding_id__in=ids, status=Vraag.Status.GEPUBLICEERD, nota__isnull=False)
             .only("id", "aanbesteding_id", "nota_id", "vraag_publiek", "antwoord", "beantwoord_op", "volgnummer")
             .order_by("volgnummer", "id"), lambda r: r.nota_id)
    groepeer("momenten", Toetredingsmoment.objects.filter(aanbesteding_id__in=ids).prefetch_related("percelen")
             .order_by("opent_op"), lambda r: r.aanbesteding_id)
    groepeer("overeenkomsten", Overeenkomst.objects.filter(aanbesteding_id__in=ids).select_related("organisatie")
             .order_by("aangemaakt_op", "id"), lambda r: r.aanbesteding_id)
    groepeer("deelnames", Deelname.objects.filter(overeenkomst__aanbesteding_id__in=ids).select_related("perceel")
             .order_by("perceel__volgorde", "perceel__code"), lambda r: r.overeenkomst_id)
    groepeer("deelnameproducten", DeelnameProduct.objects.filter(deelname__overeenkomst__aanbesteding_id__in=ids)
             .select_related("product__perceel", "deelname__perceel").order_by("product__code"), lambda r: r.deelname.overeenkomst_id)
    groepeer("uittredingen", Uittreding.objects.filter(
        overeenkomst__aanbesteding_id__in=ids, status__in=[Uittreding.Status.LOPEND, Uittreding.Status.AFGEROND])
        .select_related("overeenkomst").order_by("aangemaakt_op", "id"), lambda r: r.overeenkomst.aanbesteding_id)
    groepeer("addenda", Addendum.objects.filter(
        aanbesteding_id__in=ids, status__in=[Addendum.Status.GEPUBLICEERD, Addendum.Status.VERWERKT],
        gepubliceerd_op__isnull=False).prefetch_related("percelen").order_by("gepubliceerd_op", "id"),
        lambda r: r.aanbesteding_id)
    groepeer("indexaties", Indexatieronde.objects.filter(
        aanbesteding_id__in=ids, status=Indexatieronde.Status.GEPUBLICEERD).select_related("addendum")
        .order_by("jaar", "id"), lambda r: r.aanbesteding_id)
    pagina_datum = dict(
        ProcedurePage.objects.filter(aanbesteding_id__in=ids, first_published_at__isnull=False)
        .values_list("aanbesteding_id", "first_published_at")
    )
    return {"per": per, "gepubliceerd_op": pagina_datum}
