"""Issue 18: no item can abort an ingest. Each hostile item gives one coded problem, and every
good document of the same run, in the same file or batch as the hostile one or not, is stored
and extracted; on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from hostile_items import HOSTILE, good
from tolls.model import Claim, Extraction, Figure, IngestProblem, InputDocument, Party, SourceDocument
from tolls.settings import IngestSettings, Settings
from tolls.store import counts, session_scope
from tolls.workflow import IngestReport, extract_pending, ingest, store_sources

pytestmark = pytest.mark.slow


def _timeout(_signum: int, _frame: object) -> None:
    raise TimeoutError("the ingest hung")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_issue_18_a_hostile_item_is_one_problem_and_every_good_document_lands(
    case: str, tmp_path: Path, db_engine: Engine, nlp: Language, settings: Settings
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make, code, goods = HOSTILE[case]
    make(folder)
    (folder / "z-good.txt").write_text(good(9))  # a good file beside the hostile item
    with session_scope(db_engine) as session:
        before = counts(session)
    batched = settings.model_copy(update={"ingest": IngestSettings(batch_size=50)})  # all in one batch
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(120)
    try:
        report = ingest([str(folder)], settings=batched, engine=db_engine, nlp=nlp)
    finally:
        signal.alarm(0)
    assert [p.code for p in report.problems] == [code], report.problems
    assert not report.failed
    with session_scope(db_engine) as session:
        c = counts(session)
    assert c["documents"] - before["documents"] == report.outcomes["added"] == goods
    assert c["documents.extracted"] - before["documents.extracted"] == report.extracted == goods
    assert c["ingest_problems"] - before["ingest_problems"] == 1


def test_issue_18_a_batch_the_database_refuses_is_written_item_by_item(
    db_url: str, db_engine: Engine
) -> None:
    # past the edge (store_sources is a library function): PostgreSQL refuses a NUL in text
    # (psycopg DataError), which used to cost the whole batch its good documents
    def doc(doc_id: str, text: str) -> SourceDocument:
        return SourceDocument(InputDocument(doc_id, text), "in.jsonl", f"line {doc_id}", "jsonl")

    items: list[SourceDocument | IngestProblem] = [doc("1", good(1)), doc("2", "x \x00 y"), doc("3", good(3))]
    items.append(IngestProblem("in.jsonl", "line 4", "E313", "[E313] Line 4 of 'in.jsonl' has no text."))
    report = IngestReport()
    store_sources(db_engine, items, batch_size=10, report=report)
    with session_scope(db_engine) as session:
        c = counts(session)
    if db_url.startswith("postgresql"):
        assert report.outcomes["added"] == 2 and c["documents"] == 2
        assert [p.code for p in report.problems] == ["E324", "E313"]  # in the items' order
        assert report.problems[0].locator == "line 2" and "'2'" in report.problems[0].message
        assert c["ingest_problems"] == 2
    else:  # SQLite stores a NUL; nothing is refused
        assert report.outcomes["added"] == 3 and [p.code for p in report.problems] == ["E313"]
    assert sum(report.outcomes.values()) == c["documents"]  # counted once, the batch written twice


def test_issue_18_extraction_results_the_database_refuses_fail_their_document_only(
    db_url: str, db_engine: Engine
) -> None:
    docs: list[SourceDocument | IngestProblem] = [
        SourceDocument(InputDocument(str(n), good(n)), "in.jsonl", f"line {n}", "jsonl") for n in range(3)
    ]
    report = IngestReport()
    store_sources(db_engine, docs, batch_size=10, report=report)

    def extractor(items: Iterable[InputDocument]) -> Iterator[Extraction]:
        for d in items:  # a result no edge has seen: a NUL in a claim's evidence for document 1
            evidence = "x \x00 y" if d.id == "1" else "x"
            claim = Claim(Party("police"), "killed", Party("soldiers"), Figure("2", 2, 2, 2, "exact"), (0, 1))
            yield Extraction(d.id, [replace(claim, evidence=evidence)], [])

    extract_pending(db_engine, extractor, batch_size=10, report=report)
    with session_scope(db_engine) as session:
        c = counts(session)
    if db_url.startswith("postgresql"):
        assert report.extracted == 2 and [(d, e[:4]) for d, e in report.failed] == [("1", "E324")]
        assert c["documents.extracted"] == 2 and c["claims"] == 2
    else:  # SQLite stores a NUL
        assert report.extracted == 3 and not report.failed and c["claims"] == 3
