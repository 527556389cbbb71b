"""The MLO perceel "Verblijf met behandeling +" (002 PB §6.2, r.1036-1046) with admission per product: its seven
product codes from ``bronnen.mlo.PRODUCTEN`` and the dependency of 002 r.1033 ("Een Aanbieder die het product
behandelgroep zwaar wil leveren moet tevens het product behandelgroep midden leveren": 43A56 and 45A58 need
43A52, ``bronnen.mlo.PRODUCT_AFHANKELIJKHEDEN``). Shared by the inschrijving, toetsing, overeenkomst and cms tests
of issue 19."""

from aanbesteding.models import Perceel, Product, Productafhankelijkheid
from bronnen import mlo

CODES = ("43A51", "43A54", "43A52", "43A56", "45A58", "54010", "54012")
TOELICHTING = ("Een Aanbieder die het product behandelgroep zwaar wil leveren moet tevens het product "
               "behandelgroep midden leveren")


def vmb_plus(aanbesteding, *, code="6", volgorde=60) -> tuple[Perceel, dict[str, Product]]:
    perceel = Perceel.objects.create(aanbesteding=aanbesteding, code=code, naam="Verblijf met behandeling +",
                                     volgorde=volgorde, productkeuze=True)
    producten = {}
    for i, p in enumerate(q for q in mlo.PRODUCTEN if q["perceel"] == "vmb_plus" and q["code"] in CODES):
        producten[p["code"]] = Product.objects.create(
            perceel=perceel, categorie=p["categorie"], code=p["code"], naam=p["naam"], eenheid=p["eenheid"],
            frequentie="week", volgorde=i,
        )
    assert tuple(producten) == CODES  # the seven codes of the source, in its order
    for regel in mlo.PRODUCT_AFHANKELIJKHEDEN:
        afh = Productafhankelijkheid.objects.create(aanbesteding=aanbesteding, toelichting=TOELICHTING, bron=regel["bron"])
        afh.producten.set([producten[c] for c in regel["als_een_van"]])
        afh.vereist.set([producten[c] for c in regel["vereist"]])
    return perceel, producten


def keuzes(producten, *codes, **beperkingen):
    """Product choices as ``services.producten_kiezen`` takes them; ``beperkingen`` per code: a dict of fields."""
    return [{"product": producten[c], **beperkingen.get(c, {})} for c in codes]
