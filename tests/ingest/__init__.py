"""Ingest tests: a package, so module names such as ``test_dates`` cannot collide with other folders'."""
