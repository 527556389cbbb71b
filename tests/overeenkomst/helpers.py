from datetime import date

from overeenkomst import services
from overeenkomst.models import Addendum


def gepubliceerd_addendum(ab, opsteller, goedkeurder, *, ingangsdatum: date, percelen=(), soort=Addendum.Soort.NIET_WEZENLIJK, onderdelen=()):
    """Draft (opsteller) → ter goedkeuring → published by a second person (goedkeurder)."""
    addendum = services.addendum_opstellen(
        aanbesteding=ab, titel="Wijziging artikel 8", tekst="Artikel 8.1 luidt voortaan: ...", ingangsdatum=ingangsdatum,
        soort=soort, percelen=percelen, onderdelen=onderdelen, door=opsteller,
    )
    services.addendum_ter_goedkeuring(addendum=addendum, door=opsteller)
    return services.addendum_publiceren(addendum=addendum, door=goedkeurder)
