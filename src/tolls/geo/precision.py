"""Map a resolved place's precision onto the ACLED and UCDP location-precision codes."""

from __future__ import annotations

from tolls.model import Place

_ACLED = {"town": 1, "district": 2, "area": 2, "province": 3, "line": 3, "country": 3}
# UCDP GED where_prec: 1 exact, 2 within ~25 km, 3 ADM2, 4 ADM1, 5 linear/larger than ADM1, 6 country.
_UCDP = {"town": 1, "area": 2, "district": 3, "province": 4, "line": 5, "country": 6}


def acled_geo_precision(place: Place) -> int | None:
    """ACLED geo_precision: 1 town, 2 district or area near a town, 3 province/region; None if unresolved."""
    if place.lat is None or place.precision is None:
        return None
    return _ACLED[place.precision]


def ucdp_where_prec(place: Place) -> int | None:
    """UCDP where_prec (1 exact town ... 6 country; 7, international waters, is never produced)."""
    if place.lat is None or place.precision is None:
        return None
    return _UCDP[place.precision]
