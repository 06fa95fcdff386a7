"""One invented corpus for the workflow tests that kill, rerun and race ingests: ``n`` short
reports of checkpoint attacks, each with its own figures, place and March 2025 day."""

from __future__ import annotations

import json
from pathlib import Path

_PLACES = ["Kurram", "Bajaur", "Khost", "Chaman", "Torkham"]


def write_checkpoint_reports(path: Path, n: int) -> None:
    """Write ``n`` reports to ``path`` as JSONL (ids ``doc-0000`` ...)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            day = 1 + i % 28
            text = (
                f"Officials said {2 + i % 7} soldiers were killed and {i % 5} wounded in an attack on a "
                f"checkpoint in {_PLACES[i % 5]} on {day} March 2025. Report number {i}."
            )
            fh.write(
                json.dumps({"id": f"doc-{i:04d}", "text": text, "published": f"2025-03-{day:02d}"}) + "\n"
            )
