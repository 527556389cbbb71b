from aanbesteding.demo_bronnen.regio import *  # noqa: F403  (temporary until the package moves here)
