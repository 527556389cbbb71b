"""Source data from ../shared/seeds, as plain Python literals (no Django); used by demo loaders and tests."""
