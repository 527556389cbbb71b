from bronnen.mlo import *  # noqa: F403  (moved to bronnen/; this shim goes once imports are updated)
