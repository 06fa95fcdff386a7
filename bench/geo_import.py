"""Time ``tolls gazetteer import`` on a generated GeoNames-format country file.

Usage: python bench/geo_import.py GAZETTEER [--rows 500000]
Copies GAZETTEER to a temporary file, writes a dump of ROWS synthetic populated places (19
tab-separated columns, as GeoNames' XX.txt), imports it and prints rows per second. A real
country file (Afghanistan: ~150,000 rows; India: ~700,000) is of this size.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from tolls.geo import Gazetteer, import_geonames

_SYLLABLES = ["ka", "lay", "gul", "ba", "har", "zar", "ghun", "sha", "ra", "na", "mir", "dad", "khel", "pur"]


def write_dump(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            name = (
                "".join(rnd.choice(_SYLLABLES) for _ in range(3)).title()
                + " "
                + rnd.choice(["Kalay", "Kot", ""])
            )
            lat, lon = 29 + rnd.random() * 8, 61 + rnd.random() * 10
            cols = [
                str(90_000_000 + i),
                name.strip(),
                name.strip(),
                "",
                f"{lat:.5f}",
                f"{lon:.5f}",
                "P",
                "PPL",
            ]
            cols += ["AF", "", str(rnd.randint(1, 34)), "", "", "", str(rnd.choice([0, 0, 120, 800]))]
            fh.write("\t".join([*cols, "", "1500", "Asia/Kabul", "2025-01-01"]) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gazetteer", type=Path)
    ap.add_argument("--rows", type=int, default=500_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "g.sqlite"
        shutil.copy(args.gazetteer, db)
        dump = Path(tmp) / "AF.txt"
        write_dump(dump, args.rows)
        t0 = time.perf_counter()
        report = import_geonames(db, dump)
        secs = time.perf_counter() - t0
        gaz = Gazetteer.open(db)
        found = len(gaz.candidates(dump.read_text(encoding="utf-8").split("\t", 2)[1]))
        gaz.close()
        mb = dump.stat().st_size / 1e6
        rate = report.imported / secs
        print(f"imported {report.imported} rows ({mb:.0f} MB) in {secs:.1f} s: {rate:,.0f} rows/s")
        print(f"first generated name has {found} candidate(s) after the import")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
