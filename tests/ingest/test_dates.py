from datetime import date

import pytest

from tolls.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-21", date(2025, 10, 21)),
        ("2025-10-21T23:30:00-05:00", date(2025, 10, 21)),
        ("2025-10-21 08:00", date(2025, 10, 21)),
        ("Tue, 21 Oct 2025 23:30:00 -0500", date(2025, 10, 21)),
        ("21 Oct 2025 01:00:00 +0900", date(2025, 10, 21)),
        ("Mon, 20 Oct 2025 09:00:00 GMT", date(2025, 10, 20)),
        ("2025-02-30", None),
        ("21/10/2025", None),
        ("yesterday", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected
