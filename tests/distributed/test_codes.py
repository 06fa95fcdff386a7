"""E6xx codes: in range, documented, and errors that survive the trip from a worker."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from tolls.errors import DistributedError, ErrorCode, TextTooLong

DOC = Path(__file__).resolve().parents[2] / "docs" / "distributed.md"


def test_errors_pickle_by_code_and_fields() -> None:
    for err in (
        TextTooLong(ErrorCode.E102, size=3, limit=2),
        DistributedError(ErrorCode.E602, address="tcp://h:1", reason="refused"),
    ):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert (back.code, back.fields, back.message) == (err.code, err.fields, err.message)


def test_every_distributed_code_is_documented() -> None:
    codes = [c.name for c in ErrorCode if c.name.startswith("E6")]
    assert codes == ["E601", "E602", "E603", "E604", "E605"]
    assert all(c.value.startswith(f"[{c.name}]") for c in ErrorCode if c.name.startswith("E6"))
    documented = set(re.findall(r"`(E6\d\d)`", DOC.read_text(encoding="utf-8")))
    assert documented == set(codes)
