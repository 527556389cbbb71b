"""Hand-over upward without importing the higher app (ARCHITECTURE.md: dependencies point one way).

``definitief_toegelaten`` is sent after commit when a voorlopige toelating becomes definitief (after the
standstill, DOMAIN.md step 5 → 6). The agreement app (overeenkomst) connects a receiver that creates the
participation per perceel; it can also catch up from ``toetsing.selectors.definitieve_toelatingen()``.

Keyword arguments: besluit (toetsing.models.Besluit), organisatie, aanbesteding, percelen (list of Perceel),
startdatum (date: the day after the standstill, not before the contract term starts), producten (issue 19: a
list of dicts with product and its restrictions beperking, leeftijd_van, leeftijd_tot, locatie, groepsomvang,
for the products admitted in percelen with product choice; ``selectors.toegelaten_producten``).
"""

from django.dispatch import Signal

definitief_toegelaten = Signal()
