from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO_DATA_TOEGESTAAN = True
# The demo logs in with eHerkenning through the mock broker (/eherkenning/mock/, issue 16).
EHERKENNING_MOCK = env.bool("EHERKENNING_MOCK", default=True)
