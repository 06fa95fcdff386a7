"""Offline gazetteer and context-aware toponym resolution (see docs/geography.md)."""

from tolls.geo.compile import GazetteerStats, build_gazetteer
from tolls.geo.gazetteer import Candidate, Gazetteer
from tolls.geo.importer import ImportReport, import_alternate_names, import_geonames
from tolls.geo.precision import acled_geo_precision, ucdp_where_prec
from tolls.geo.recognize import find_toponyms
from tolls.geo.resolve import resolve_toponyms

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerStats",
    "ImportReport",
    "acled_geo_precision",
    "build_gazetteer",
    "find_toponyms",
    "import_alternate_names",
    "import_geonames",
    "resolve_toponyms",
    "ucdp_where_prec",
]
