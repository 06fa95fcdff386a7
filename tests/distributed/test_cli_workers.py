"""`tolls extract --workers N` / `--scheduler ADDRESS` write what the serial contract run writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from tolls.cli import app
from tolls.cli.extract import EXIT_SOME_FAILED
from tolls.model import InputDocument
from tolls.settings import get_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def env() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOLLS_GEO__RESOLVE", "false")
        mp.setenv("TOLLS_EXTRACT__MAX_CHARS", "2000")
        get_settings.cache_clear()
        yield mp
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def input_file(tmp_path_factory: pytest.TempPathFactory, docs: list[InputDocument]) -> Path:
    rows = [
        json.dumps(
            {"id": d.id, "text": d.text, "published": str(d.published) if d.published else None}
        ).encode()
        for d in docs
    ]
    rows.insert(4, b'{"id": "bad-utf8", "text": "caf\xe9"}')
    rows.insert(9, b'{"id": "broken", "text": ')
    path = tmp_path_factory.mktemp("cli") / "in.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")
    return path


def _run(inp: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["extract", "--input", str(inp), "--output", str(out), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def serial_output(input_file: Path, env: pytest.MonkeyPatch) -> str:
    code, text = _run(input_file, input_file.with_name("serial.jsonl"))
    assert code == EXIT_SOME_FAILED
    codes = [json.loads(x).get("error", {}).get("code") for x in text.splitlines()]
    assert {"E101", "E102", "E103", "E104"} <= set(codes)
    return text


def test_workers_2_writes_the_serial_output(tmp_path: Path, input_file: Path, serial_output: str) -> None:
    code, parallel = _run(input_file, tmp_path / "parallel.jsonl", "--workers", "2")
    assert code == EXIT_SOME_FAILED
    assert parallel == serial_output


def test_scheduler_address_writes_the_serial_output(
    tmp_path: Path, input_file: Path, serial_output: str, cluster: LocalCluster
) -> None:
    code, parallel = _run(input_file, tmp_path / "parallel.jsonl", "--scheduler", cluster.scheduler_address)
    assert code == EXIT_SOME_FAILED
    assert parallel == serial_output


def test_a_cluster_error_is_a_clean_message(
    tmp_path: Path, input_file: Path, env: pytest.MonkeyPatch, cluster: LocalCluster
) -> None:
    env.setenv("TOLLS_NLP__MODEL", "no_such_spacy_model")
    get_settings.cache_clear()
    try:
        args = ["--input", str(input_file), "--output", str(tmp_path / "o.jsonl")]
        result = CliRunner().invoke(app, ["extract", *args, "--scheduler", cluster.scheduler_address])
    finally:
        env.delenv("TOLLS_NLP__MODEL")
        get_settings.cache_clear()
    assert result.exit_code == 2  # a coded error (tolls.cli.edge)
    assert "[E604]" in result.output and "no_such_spacy_model" in result.output
    assert "Traceback" not in result.output


def test_workers_and_scheduler_together_are_refused(tmp_path: Path, input_file: Path) -> None:
    args = ["--input", str(input_file), "--output", str(tmp_path / "o.jsonl")]
    result = CliRunner().invoke(app, ["extract", *args, "--workers", "2", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
