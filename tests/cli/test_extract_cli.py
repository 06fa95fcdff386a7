"""`tolls extract`: the contract end to end, and bad input that must not stop a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tolls.cli import app
from tolls.cli.extract import EXIT_SOME_FAILED

pytestmark = pytest.mark.slow

GOOD = "Officials said 12 civilians were killed in an air strike on Tuesday."


@pytest.fixture()
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOLLS_GEO__RESOLVE", "false")
    from tolls.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _run(tmp_path: Path, raw: bytes) -> tuple[int, list[dict[str, object]]]:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(raw)
    result = CliRunner().invoke(app, ["extract", "--input", str(inp), "--output", str(out)])
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return result.exit_code, lines


def test_contract_round_trip(tmp_path: Path, no_gazetteer: None) -> None:
    line = {"id": "a", "text": GOOD, "published": "2025-10-21", "title": None, "url": None}
    code, out = _run(tmp_path, (json.dumps(line) + "\n").encode())
    assert code == 0
    assert [o["id"] for o in out] == ["a"]
    claim = out[0]["claims"][0]
    assert claim["figure"]["value"] == 12 and claim["kind"] == "killed"
    assert GOOD[claim["span"][0] : claim["span"][1]] == "12"
    assert out[0]["events"][0]["date_start"] == "2025-10-21"


def test_bad_documents_get_errors_and_the_rest_completes(tmp_path: Path, no_gazetteer: None) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": GOOD, "published": "2025-10-21"}).encode(),
        json.dumps({"id": "empty", "text": "", "published": None}).encode(),
        json.dumps({"id": "blank", "text": "  \n\t ", "published": None}).encode(),
        json.dumps({"id": "huge", "text": "word " * 50_000, "published": None}).encode(),
        b'{"id": "bad-utf8", "text": "caf\xe9"}',
        b'{"id": "broken", "text": ',
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"id": "ok2", "text": GOOD, "published": "2025-10-21"}).encode(),
    ]
    code, out = _run(tmp_path, b"\n".join(lines) + b"\n")
    assert code == EXIT_SOME_FAILED
    assert len(out) == len(lines)
    by_code = [o.get("error", {}).get("code") for o in out]
    assert by_code == [None, "E101", "E101", "E102", "E103", "E104", "E105", None]
    assert out[0]["claims"] and out[-1]["claims"]
    assert [o["id"] for o in out][:4] == ["ok1", "empty", "blank", "huge"]
    assert "TOLLS_EXTRACT__MAX_CHARS" in out[3]["error"]["message"]


def test_files_mode_prints_a_claims_table(tmp_path: Path, no_gazetteer: None) -> None:
    page = tmp_path / "report.html"
    page.write_text(f"<html><head><script>alert(1)</script></head><body><p>{GOOD}</p></body></html>")
    result = CliRunner().invoke(app, ["extract", str(page), "--published", "2025-10-21", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["claims"][0]["figure"]["value"] == 12


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b'{"id": "s", "text": "x \\ud800"}', "E103"),  # a lone surrogate: no UTF-8 writer takes it
        (b'{"id": "d", "text": "x", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}", "E104"),  # RecursionError
        (b'{"id": "n", "text": "x\x00y"}', "E104"),  # a raw control character inside a JSON string
        (b'{"id": "\\udc80", "text": "x"}', "E103"),  # even in the id, which the error line repeats
    ],
    ids=["lone surrogate", "nested 5000 deep", "raw nul", "surrogate id"],
)
def test_issue_18_a_hostile_line_gets_an_error_line_and_the_rest_is_written(
    tmp_path: Path, no_gazetteer: None, line: bytes, code: str
) -> None:
    first = json.dumps({"id": "ok1", "text": GOOD, "published": "2025-10-21"}).encode()
    last = json.dumps({"id": "ok2", "text": GOOD, "published": "2025-10-21"}).encode()
    status, out = _run(tmp_path, b"\n".join([first, line, last]) + b"\n")
    assert status == EXIT_SOME_FAILED
    assert [o.get("error", {}).get("code") for o in out] == [None, code, None]  # type: ignore[union-attr]
    assert out[0]["claims"] and out[2]["claims"] and out[0]["id"] == "ok1" and out[2]["id"] == "ok2"
