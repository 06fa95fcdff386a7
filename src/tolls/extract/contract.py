"""The interchange format of ``../shared/eval/SCHEMA.md``: input lines in, output lines out.

Reading never stops at a bad line: an undecodable or malformed line becomes an error item that
is written back as an output line with an ``error`` object, so the output has one line per
input line and nothing is silently lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from tolls.errors import BadEncoding, ErrorCode, InputError, TollsError
from tolls.model import Claim, DateSpan, Event, Extraction, InputDocument, Party, Place

__all__ = ["extraction_to_json", "parse_input", "read_input_lines", "read_jsonl", "write_jsonl"]


def _field(obj: dict[str, Any], name: str, line: int, *, required: bool = True) -> Any:
    if name not in obj:
        if required:
            raise InputError(ErrorCode.E105, line=line, field=name, doc_id=obj.get("id") or f"line-{line}")
        return None
    return obj[name]


def parse_input(raw: bytes, line: int) -> InputDocument:
    """One SCHEMA.md input line; raises an :class:`InputError` that says what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadEncoding(ErrorCode.E103, reason=f"line {line}: {exc.reason}", doc_id=f"line-{line}") from exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(ErrorCode.E104, line=line, reason=exc.msg, doc_id=f"line-{line}") from exc
    except RecursionError as exc:  # arrays or objects nested thousands deep: this line, not the run
        raise InputError(ErrorCode.E104, line=line, reason="nested too deep", doc_id=f"line-{line}") from exc
    if not isinstance(obj, dict):
        raise InputError(ErrorCode.E104, line=line, reason="not an object", doc_id=f"line-{line}")
    doc_id = _field(obj, "id", line)
    if not isinstance(doc_id, str | int):
        raise InputError(
            ErrorCode.E106, field="id", line=line, reason="must be a string", doc_id=f"line-{line}"
        )
    doc_id = str(doc_id)
    text_val = _field(obj, "text", line)
    if not isinstance(text_val, str):
        raise InputError(ErrorCode.E106, field="text", line=line, reason="must be a string", doc_id=doc_id)
    published = _date(obj.get("published"), line, doc_id)
    tops = obj.get("toponyms")
    toponyms = None
    if tops is not None:
        try:
            toponyms = tuple((int(t["start"]), int(t["end"])) for t in tops)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                ErrorCode.E106, field="toponyms", line=line, reason=str(exc), doc_id=doc_id
            ) from exc
    return InputDocument(
        id=doc_id,
        text=text_val,
        published=published,
        title=obj.get("title"),
        url=obj.get("url"),
        toponyms=toponyms,
    )


def _date(value: Any, line: int, doc_id: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(
            ErrorCode.E106, field="published", line=line, reason=str(exc), doc_id=doc_id
        ) from exc


def read_input_lines(stream: BinaryIO) -> Iterator[InputDocument | TollsError]:
    """Every non-blank line of a JSONL stream, as a document or as the error it raised."""
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            yield parse_input(raw.rstrip(b"\r\n"), n)
        except TollsError as exc:
            yield exc


def read_jsonl(path: Path) -> Iterator[InputDocument | TollsError]:
    with path.open("rb") as fh:
        yield from read_input_lines(fh)


def _party(p: Party, *, with_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "country": p.country, "inter": p.inter}
    if with_text:
        out = {"text": p.name, "country": p.country, "inter": p.inter}
    return out


def _claim(c: Claim) -> dict[str, Any]:
    f = c.figure
    return {
        "claimant": _party(c.claimant),
        "kind": c.kind,
        "victims": _party(c.victims, with_text=True),
        "figure": {"text": f.text, "value": f.value, "low": f.low, "high": f.high, "qualifier": f.qualifier},
        "event_ref": c.event_ref,
        "stance": c.stance,
        "span": list(c.span),
        "evidence": c.evidence,
        "subset": c.subset,
    }


def _dates(d: DateSpan) -> dict[str, Any]:
    return {
        "date_start": d.start.isoformat() if d.start else None,
        "date_end": d.end.isoformat() if d.end else None,
        "date_precision": d.precision,
    }


def _place(p: Place) -> dict[str, Any]:
    """A location of an event; ``"lent": true`` only on a place lent by another incident of the
    report (``Place.lent``, docs/extraction.md), so that a place the text tells of it is written
    as before."""
    out: dict[str, Any] = {
        "name": p.name,
        "admin1": p.admin1,
        "country": p.country,
        "precision": p.precision,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "span": [p.start, p.end],
    }
    if p.lent:
        out["lent"] = True
    return out


def _event(e: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"type": e.type, **_dates(e.dates)}
    out["locations"] = [_place(p) for p in e.locations]
    out["actors"] = [_party(a) for a in e.actors]
    f = e.fatalities
    out["fatalities"] = None if f is None else {"low": f.low, "best": f.best, "high": f.high}
    out["scope"] = e.scope
    out["summary"] = e.summary
    out["span"] = list(e.span) if e.span else None
    return out


def _toponym(p: Place) -> dict[str, Any]:
    return {
        "start": p.start,
        "end": p.end,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "precision": p.precision,
        "country": p.country,
    }


def extraction_to_json(x: Extraction) -> dict[str, Any]:
    """One SCHEMA.md output line."""
    out: dict[str, Any] = {
        "id": x.doc_id,
        "claims": [_claim(c) for c in x.claims],
        "events": [_event(e) for e in x.events],
    }
    if x.error is None:
        out["toponyms"] = [_toponym(p) for p in x.toponyms]
    if x.error is not None:
        code, _, message = x.error.partition(": ")
        out["error"] = {"code": code, "message": message}
    return out


def write_jsonl(results: Iterable[Extraction], fh: Any) -> tuple[int, int]:
    """Write output lines; returns (documents, failures)."""
    n = failed = 0
    for x in results:
        fh.write(json.dumps(extraction_to_json(x), ensure_ascii=False) + "\n")
        n += 1
        failed += x.error is not None
    return n, failed
