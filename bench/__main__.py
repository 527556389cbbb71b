"""Run the benchmarks: ``python -m bench [naam ...]`` (``make bench``).

Each ``bench/bench_<naam>.py`` has ``main()`` that builds its own data in a throw-away test database and
prints its figures. Benchmarks measure; they never assert a time (DEVELOPERS.md).
"""

import importlib
import os
import pkgutil
import sys


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    import bench

    namen = argv or sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        for naam in namen:
            print(f"\n=== benchmark {naam} ===", flush=True)
            importlib.import_module(f"bench.bench_{naam}").main()
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main(sys.argv[1:])
