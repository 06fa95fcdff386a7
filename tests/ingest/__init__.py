"""Ingest tests (a package so that module names such as ``test_dates`` cannot collide with another folder's)."""
