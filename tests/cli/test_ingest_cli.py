"""`tolls ingest` (issue 18): every hostile item of a run is one coded line on stderr, the run
finishes with exit 3, never a traceback, and the good documents are stored and extracted."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from hostile_items import HOSTILE, good
from tolls.cli import app
from tolls.extract import pipeline
from tolls.settings import get_settings
from tolls.store import counts, make_engine, session_scope

pytestmark = pytest.mark.slow

GOOD = "Officials said {n} soldiers were killed in an attack in Kurram on Monday."


def test_issue_18_hostile_items_are_coded_problems_and_the_run_ends_with_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><link>https://example.org/bad</link><description>x &#55296;</description></item>"
        f"<item><link>https://example.org/good</link><description>{GOOD.format(n=2)}</description></item>"
        "</channel></rss>"
    )
    lines = [
        b'{"id": "s", "text": "x \\ud800"}',
        b'{"id": "d", "text": "x", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"id": "n", "text": "x\x00y"}',
        b'{"id": "z", "text": "x \\u0000 y"}',
        json.dumps({"id": "g3", "text": GOOD.format(n=3)}).encode(),
    ]
    (folder / "lines.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "report.txt").write_text(GOOD.format(n=4))
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    env = {**os.environ, "TOLLS_GEO__RESOLVE": "false", "COLUMNS": "300"}
    out = subprocess.run(
        [sys.executable, "-m", "tolls", "ingest", str(folder), "--db", db],
        env=env,
        capture_output=True,
        timeout=300,
    )
    err = out.stderr.decode()
    assert out.returncode == 3, err
    assert "Traceback" not in err and "Error:" not in err
    problems = [line.split("[", 1)[1][:4] for line in err.splitlines() if " [E" in line]
    assert sorted(problems) == ["E321", "E321", "E321", "E321", "E322", "E323", "E323"], err
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            c = counts(session)
    finally:
        engine.dispose()
    assert c["documents"] == c["documents.extracted"] == 3 and c["ingest_problems"] == 7


def test_issue_20_datasets_and_column_mappings_from_the_command_line(tmp_path: Path) -> None:
    table = tmp_path / "rows.csv"
    table.write_text(
        "EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,COUNTRY,LOCATION,NOTES,FATALITIES\n"
        "1ABC,30/12/2015,Riots/Protests,Algeria,Biskra,Residents protested.,0\n"
        "2ABC,31/12/2015,Riots/Protests,Algeria,Chlef,Residents protested.,0\n"
        "3ABC,31/31/2015,Riots/Protests,Algeria,Chlef,Workers struck.,0\n"
    )
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    env = {**os.environ, "COLUMNS": "300"}

    def tolls(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tolls", *args], env=env, capture_output=True, text=True, timeout=300
        )

    bad = tolls("ingest", str(table), "--db", db, "--columns", "body=NOTES")
    assert bad.returncode == 2 and "E326" in bad.stderr and "Traceback" not in bad.stderr
    wrong = tolls("ingest", str(table), "--db", db, "--format", "xlsx")
    assert wrong.returncode == 2 and "acled" in wrong.stderr
    # the same notes on two days are two events; the impossible date is one coded row problem
    out = tolls("ingest", str(table), "--db", db, "--format", "acled", "--no-extract")
    assert out.returncode == 3 and "E327" in out.stderr and "row 4" in out.stderr
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            stored = counts(session)
    finally:
        engine.dispose()
    assert stored["documents"] == 2 and stored["ingest_problems"] == 1
    mapped = tmp_path / "mapped.sqlite"
    args = ["--columns", "text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE", "--date-format", "%d/%m/%Y"]
    out = tolls("ingest", str(table), "--db", f"sqlite:///{mapped}", "--no-extract", *args)
    assert out.returncode == 3 and "row 4" in out.stderr and "'%d/%m/%Y' date" in out.stderr


def _alarm(_signum: int, _frame: object) -> None:
    raise TimeoutError("the ingest hung")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_issue_18_each_hostile_item_alone_is_exit_3_and_one_coded_problem(
    case: str, tmp_path: Path, db_url: str, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # in process, so the loaded model is reused (load_nlp returns it); the rest is the real CLI
    monkeypatch.setenv("TOLLS_GEO__RESOLVE", "false")
    monkeypatch.setattr(pipeline, "load_nlp", lambda _settings: nlp)
    get_settings.cache_clear()
    folder = tmp_path / "in"
    folder.mkdir()
    make, code, goods = HOSTILE[case]
    make(folder)
    (folder / "z-good.txt").write_text(good(9))
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(120)
    try:
        result = CliRunner(mix_stderr=False).invoke(app, ["ingest", str(folder), "--db", db_url])
    finally:
        signal.alarm(0)
        get_settings.cache_clear()
    assert result.exit_code == 3, (result.exception, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    coded = [line for line in result.stderr.splitlines() if re.search(r"\[E\d{3}\]", line)]
    assert len(coded) == 1 and f"[{code}]" in coded[0], result.stderr
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as session:
            c = counts(session)
    finally:
        engine.dispose()
    assert c["documents"] == c["documents.extracted"] == goods and c["ingest_problems"] == 1
