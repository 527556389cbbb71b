"""A value of the request being handled that travels with the Celery tasks it publishes.

The request id (``core.logboek``) and the portal's address (``core.adressen``) both live in a context variable while a
request is handled, go into the message headers of every task published meanwhile, and are current again in the
worker while that task runs. ``Meegegeven`` is that mechanism once; each module keeps its own header, its own
sanitising of what a message carries, and what a task without one gets.

Imports nothing of Django or Celery at import time: ``core.logboek`` is used by gunicorn's config before Django is set
up.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar


class Meegegeven:
    def __init__(self, naam: str, koptekst: str, opschonen: Callable[[str | None], str | None],
                 zonder: Callable[[], str] | None = None):
        """``koptekst``: the message header; ``opschonen``: what of a header value may be trusted (a false value for
        nothing); ``zonder``: the value of a task whose message carries none and that runs outside a request."""
        self.naam, self.koptekst, self._opschonen, self._zonder = naam, koptekst, opschonen, zonder
        self._var: ContextVar[str] = ContextVar(naam, default="")
        self._tokens: dict[str, object] = {}

    def huidig(self) -> str:
        """The value of the request or task being handled; empty outside one."""
        return self._var.get()

    def zetten(self, waarde: str):
        """Make ``waarde`` current; returns the token for ``terugzetten``."""
        return self._var.set(waarde)

    def terugzetten(self, token) -> None:
        try:
            self._var.reset(token)
        except ValueError:  # the token belongs to another context (a signal pair split over threads): just clear
            self._var.set("")

    # --- Celery --------------------------------------------------------------------------------------------------

    def bij_publiceren(self, sender=None, headers=None, **kwargs) -> None:
        """``before_task_publish``: a task published while a value is current carries it in its headers. A value
        the caller already put there (the outbox re-publishing a row, ``core.taken``) wins."""
        if headers is not None and self.huidig():
            headers.setdefault(self.koptekst, self.huidig())

    def uit_bericht(self, task) -> str | None:
        """The trusted value of the running task's message (an attribute of its request, or a header), or None."""
        verzoek = getattr(task, "request", None)
        waarde = getattr(verzoek, self.koptekst, None) or (getattr(verzoek, "headers", None) or {}).get(self.koptekst)
        return self._opschonen(waarde) or None

    def voor_taak(self, sender=None, task_id=None, task=None, **kwargs) -> None:
        """``task_prerun``: the value from the message; else the current one (an eager task inside a request already
        has it); else ``zonder()``."""
        waarde = self.uit_bericht(task) or self.huidig() or (self._zonder() if self._zonder else "")
        self._tokens[task_id] = self.zetten(waarde)

    def na_taak(self, sender=None, task_id=None, **kwargs) -> None:
        """``task_postrun``: restore what was current before the task (nothing, in a worker)."""
        token = self._tokens.pop(task_id, None)
        if token is not None:
            self.terugzetten(token)

    def signalen_verbinden(self) -> None:
        from celery.signals import before_task_publish, task_postrun, task_prerun

        before_task_publish.connect(self.bij_publiceren, dispatch_uid=f"{self.naam}.bij_publiceren", weak=False)
        task_prerun.connect(self.voor_taak, dispatch_uid=f"{self.naam}.voor_taak", weak=False)
        task_postrun.connect(self.na_taak, dispatch_uid=f"{self.naam}.na_taak", weak=False)
