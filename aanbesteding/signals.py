"""Domain signals of aanbesteding (ADR 0009 §3, ADR 0014): a lower app tells a higher one that something happened,
without importing it. Sent after commit only, so a receiver never sees a rolled-back change.

``rectificatie_gepubliceerd``: a rectificatie of the eisen was published. ``inschrijving`` connects a receiver in
``InschrijvingConfig.ready()`` that mails every provider with a draft or a submitted inschrijving
(``inschrijving.tasks.rectificatie_melden``); the task is idempotent per inschrijving (``rectificatie_gemeld``).

Keyword arguments: rectificatie_id (int), aanbesteding_id (int).
"""

from django.dispatch import Signal

rectificatie_gepubliceerd = Signal()
