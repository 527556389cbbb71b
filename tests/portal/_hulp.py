"""Run Python with a settings module in a fresh interpreter (production settings read the environment once)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEHEIM = "p" * 64


def instellingen(module, namen, **env):
    """The values of ``namen`` in ``module`` as JSON, or the CompletedProcess when the import fails."""
    basis = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG",
                          "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "TAKEN_IN_PROCES", "SITE_URL"}}
    code = (
        f"import json, importlib; m = importlib.import_module({module!r}); "
        f"print(json.dumps({{n: getattr(m, n) for n in {list(namen)!r}}}, default=str))"
    )
    # A production start needs a broker (issue 18); tests that are about something else get one.
    # The same for the address mails link to (ADR 0028).
    env = {"CELERY_BROKER_URL": "redis://redis.example:6379/0", "SITE_URL": "https://portaal.regio.example", **env}
    resultaat = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                               env={**basis, **env})
    if resultaat.returncode != 0:
        return resultaat
    return json.loads(resultaat.stdout.strip().splitlines()[-1])
