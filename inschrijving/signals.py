"""Domain signals of the inschrijving app (ADR 0009 §3): a lower app tells a higher one that something happened,
without importing it. Sent after commit only, so a receiver never sees a rolled-back change.

``herstel_afgerond``: a herstelverzoek was answered, or its deadline passed without an answer. ``toetsing``
connects a receiver in ``ToetsingConfig.ready()`` that resumes the assessment (``herstel_hervatten``); its
catch-up task ``toetsing.tasks.herstel_hervatten_inhalen`` resumes any assessment whose signal was lost.

Keyword arguments: inschrijving_id (int), herstelverzoek_id (int), status (the herstelverzoek's new status:
"beantwoord" or "verlopen").
"""

from django.dispatch import Signal

herstel_afgerond = Signal()
