"""``python -m tolls.geo.build [OUT]``: compile the gazetteer (default ``var/gazetteer.sqlite``).

A thin shell over :func:`tolls.geo.compile.build_gazetteer`, kept apart so that running this
module does not re-import the package's own implementation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tolls.geo.compile import GazetteerStats, build_gazetteer

DEFAULT_PATH = Path("var/gazetteer.sqlite")

__all__ = ["DEFAULT_PATH", "GazetteerStats", "build_gazetteer", "main"]


def main(argv: list[str] | None = None) -> int:
    """Build into ``argv[0]`` (or the default path) and print a one-line summary."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_PATH
    stats = build_gazetteer(out)
    print(f"built {stats.path}: {stats.places} places, {stats.names} names in {stats.seconds} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
