"""The edge (issue 18): text that cannot be stored is refused, control characters become spaces,
JSON nesting is measured before parsing."""

from __future__ import annotations

import pytest

from tolls.errors import IngestError
from tolls.ingest.clean import MAX_JSON_DEPTH, clean_document, clean_problem, json_too_deep, unclean
from tolls.model import IngestProblem, InputDocument, SourceDocument


def _item(text: str, **fields: str) -> SourceDocument:
    return SourceDocument(InputDocument(id=fields.pop("id", "a"), text=text, **fields), "in.jsonl", "line 3")


def test_lone_surrogates_and_nul_are_named_with_their_place() -> None:
    assert unclean("x \ud800 y") == "a lone surrogate (U+D800) at character 2"
    assert unclean("x\x00") == "a NUL character at character 1"
    assert unclean("x\x00", nul=False) is None
    assert unclean("café 😀 \U0001f600") is None  # a surrogate pair written as one character is text


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"text": "x \udc00"}, "text"), ({"title": "t\x00"}, "title"), ({"id": "\ud800"}, "id")],
)
def test_a_document_that_cannot_be_stored_is_refused_e321(fields: dict[str, str], field: str) -> None:
    with pytest.raises(IngestError) as err:
        clean_document(_item(**{"text": "ok", **fields}))
    assert err.value.code == "E321"
    assert err.value.message.startswith("[E321] Line 3 of 'in.jsonl' holds ")
    assert f"in its {field}" in err.value.message


def test_control_characters_become_spaces_and_offsets_hold() -> None:
    text = "Two\x0bsoldiers\x1b[0m killed\x0c\tin\r\nKurram."
    doc = clean_document(_item(text, title="A\x07title")).doc
    assert doc.text == "Two soldiers [0m killed \tin\r\nKurram." and len(doc.text) == len(text)
    assert doc.title == "A title"
    clean = _item("Nothing to change.\n")
    assert clean_document(clean) is clean


def test_a_text_of_control_characters_alone_has_no_text_e306() -> None:
    with pytest.raises(IngestError) as err:
        clean_document(_item("\x0b\x1b"))
    assert err.value.code == "E306"


def test_a_problem_quoting_hostile_input_is_made_printable() -> None:
    p = IngestProblem("feed\ud800.xml", "entry\x00", "E321", "[E321] \udfff")
    assert clean_problem(p) == IngestProblem("feed\ufffd.xml", "entry ", "E321", "[E321] \ufffd")
    p.message.encode("utf-8", "surrogatepass")
    clean_problem(p).message.encode("utf-8")


def test_json_depth_is_measured_without_parsing() -> None:
    assert not json_too_deep(b'{"id": "a", "toponyms": [{"start": 1, "end": 2}]}')
    deep = b'{"id": "a", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert json_too_deep(deep)
    at_limit = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
    assert not json_too_deep(at_limit) and json_too_deep(b"[" + at_limit + b"]")
    # brackets inside strings, escaped quotes included, are text
    assert not json_too_deep(b'{"text": "' + b"[" * 500 + b'\\" [[[", "id": "x"}')
