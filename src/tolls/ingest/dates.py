"""Publication dates as sources write them: ISO 8601 or RFC 822 (feeds), read to a calendar date.

The date is the one written in the source's own time zone: "Tue, 21 Oct 2025 23:30:00 -0500" is
21 October, the day the outlet published it, which is what relative dates in the text refer to.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def parse_date(value: str | None) -> date | None:
    """The date in ``value``, or ``None`` when it is empty or neither ISO 8601 nor RFC 822."""
    if value is None or not value.strip():
        return None
    match = _ISO_DAY.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        parsed: datetime = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date()
