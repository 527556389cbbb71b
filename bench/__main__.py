"""Run the benchmarks: ``python -m bench [naam ...]`` (``make bench``).

Each ``bench/bench_<naam>.py`` has ``main()`` that builds its own data in a throw-away test database and
prints its figures. Benchmarks measure; they never assert a time (DEVELOPERS.md). Each runs inside a
transaction that is rolled back afterwards, so the next one starts from the same empty database (two
benchmarks may both make a region "gooi-bench"); a benchmark that needs commits (a server in another process
with its own database, a task queued after the commit) says so with ``BUITEN_TRANSACTIE = True`` and runs
without that rollback (they run last in the default order, doorvoer aside, which writes nothing here). At the end one table shows
every page of every benchmark against the floor of its own run (bench/meten.py).
"""

import importlib
import os
import pkgutil
import sys
import time


class _Terugdraaien(Exception):
    pass


def _draai(module) -> None:
    from django.db import transaction

    if getattr(module, "BUITEN_TRANSACTIE", False):
        module.main()
        return
    try:
        with transaction.atomic():
            module.main()
            raise _Terugdraaien
    except _Terugdraaien:
        pass


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    import bench
    from bench import meten

    namen = argv or sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    mislukt = []
    try:
        for naam in namen:
            print(f"\n=== benchmark {naam} ===", flush=True)
            meten.begin(naam)
            start = time.perf_counter()
            try:
                _draai(importlib.import_module(f"bench.bench_{naam}"))
            except Exception as fout:  # one broken benchmark must not hide the others' figures
                import traceback

                traceback.print_exc()
                mislukt.append(f"{naam}: {fout!r}")
            print(f"({naam}: {time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)
        teardown_test_environment()
    print("\n=== alle benchmarks: p95 als veelvoud van de vloer van dezelfde run ===")
    print(meten.tabel())
    if mislukt:
        print("\nMISLUKT:\n" + "\n".join(mislukt))
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
