"""Hostile inputs of issue 18 ("What failed", 2), each beside good documents: how to make it in a
folder, the code of the one problem it must give, and how many good documents the run has
(``z-good.txt``, which the tests write beside it, included). Shared by the workflow's isolation
tests (tests/test_workflow_isolation.py) and the CLI's (tests/cli/test_ingest_cli.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["HOSTILE", "good"]


def good(n: int) -> str:
    return f"Officials said {n + 2} soldiers were killed in an attack in Kurram on Monday. Report {n}."


def _line(doc_id: str, n: int) -> str:
    return json.dumps({"id": doc_id, "text": good(n), "published": "2025-10-21"}) + "\n"


def _rss(folder: Path) -> None:
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><link>https://example.org/bad</link><description>Three &#55296; killed.</description></item>"
        f"<item><link>https://example.org/good</link><description>{good(1)}</description></item>"
        "</channel></rss>"
    )


def _surrogate(folder: Path) -> None:
    (folder / "a.jsonl").write_text('{"id":"s","text":"x \\ud800"}\n' + _line("g", 1))


def _deep(folder: Path) -> None:
    deep = '{"id": "d", "text": "x", "title": ' + "[" * 5000 + "]" * 5000 + "}\n"
    (folder / "a.jsonl").write_text(_line("g0", 1) + deep + _line("g2", 2))


def _loop(folder: Path) -> None:
    (folder / "self.txt").symlink_to("self.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _raw_nul(folder: Path) -> None:
    (folder / "a.jsonl").write_bytes(
        _line("g0", 1).encode() + b'{"id": "n", "text": "x\x00y"}\n' + _line("g2", 2).encode()
    )


def _escaped_nul(folder: Path) -> None:
    (folder / "a.jsonl").write_text(_line("g0", 1) + '{"id": "z", "text": "x \\u0000 y"}\n' + _line("g2", 2))


HOSTILE: dict[str, tuple[Callable[[Path], None], str, int]] = {
    # how to make it, its problem's code, the good documents of the run (z-good.txt included)
    "rss entry with &#55296;": (_rss, "E321", 2),
    "jsonl lone surrogate": (_surrogate, "E321", 2),
    "jsonl title nested 5000 deep": (_deep, "E322", 3),
    "self-looping symlink": (_loop, "E323", 1),
    "fifo": (_fifo, "E323", 1),
    "raw nul byte in one jsonl line": (_raw_nul, "E321", 3),
    "escaped nul in jsonl text": (_escaped_nul, "E321", 3),
}
