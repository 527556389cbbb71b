"""Data that all tests of a module share: built once, each test in its own savepoint, rolled back at the end.

Loading the demo world takes about ten seconds and the security walk's world a tenth of a second; tests that only
read such a world (crawl it, log in to it, ask the admin for a screen) rebuilt it for every parametrised case,
which was minutes of CI (issue 15/12: CI under 20 minutes). A module-scoped fixture opens a transaction, builds the
data and yields; pytest-django's ``db`` fixture then runs each test inside a savepoint of that transaction, so a
test that writes still leaves nothing behind for the next, and the whole world is rolled back after the module.

Only for modules whose tests use the plain ``db`` fixture: a transactional test (``transaction=True``) flushes the
database and cannot run inside the shared transaction. The Python objects the builder returns are shared too:
tests read their ids and must not rely on attributes a previous test changed in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


# The shared fixtures now open: a test with database access in their module that does not ask for one would see
# their data without knowing it (tests/conftest.py fails such a test).
ACTIEF: set[str] = set()


def gedeelde_gegevens(request, django_db_blocker, bouw: Callable[[], T]) -> Iterator[T]:
    """Build ``bouw()`` in the module's transaction and yield its result; roll everything back afterwards.

    Use as ``yield from gedeelde_gegevens(request, django_db_blocker, bouw)`` in a module-scoped fixture that also
    requests ``django_db_setup``. The database stays blocked for tests without the ``db`` fixture.
    """
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            resultaat = bouw()
        except BaseException:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)
            raise
    ACTIEF.add(request.fixturename)
    try:
        yield resultaat
    finally:
        ACTIEF.discard(request.fixturename)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


def fixtures(bouw: Callable[[], T]):
    """The two fixtures a module needs: ``_gedeeld`` (module scope: ``bouw()`` once) and ``geladen`` (per test: the
    savepoint, and what ``bouw`` returned). Use as ``_gedeeld, geladen = gedeeld.fixtures(bouw)`` at module level;
    the names must stay these two, because ``geladen`` asks for ``_gedeeld`` by name."""
    import pytest

    @pytest.fixture(scope="module")
    def _gedeeld(request, django_db_setup, django_db_blocker):
        yield from gedeelde_gegevens(request, django_db_blocker, bouw)

    @pytest.fixture
    def geladen(_gedeeld, db):
        return _gedeeld

    return _gedeeld, geladen
