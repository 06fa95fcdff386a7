import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tolls.errors import IngestError
from tolls.ingest.files import read_capped
from tolls.model import IngestProblem, SourceDocument

from .conftest import Items, codes


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    items = ingest(fixtures / "folder")
    assert codes(items) == ["folder/a.md", "folder/b.txt", "folder/sub/c.txt", "folder/sub/page.htm"]
    assert [i.source for i in items] == [
        str(fixtures / "folder" / "a.md"),
        str(fixtures / "folder" / "b.txt"),
        str(fixtures / "folder" / "sub" / "c.txt"),
        str(fixtures / "folder" / "sub" / "page.htm"),
    ]
    assert [i.format for i in items if isinstance(i, SourceDocument)] == ["text", "text", "text", "html"]


def test_ids_do_not_depend_on_the_working_directory(
    ingest: Callable[..., Items], fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    absolute = codes(ingest(fixtures / "folder", fixtures / "report.txt"))
    monkeypatch.chdir(fixtures)
    relative = codes(ingest("folder", "report.txt"))
    monkeypatch.chdir(fixtures / "folder" / "sub")
    dotted = codes(ingest("..", "../../report.txt"))
    assert absolute == relative == dotted
    assert absolute == [
        "folder/a.md",
        "folder/b.txt",
        "folder/sub/c.txt",
        "folder/sub/page.htm",
        "report.txt",
    ]


def test_folders_with_the_same_file_names_do_not_collide(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    for month in ("march", "april"):
        (tmp_path / month).mkdir()
        (tmp_path / month / "r.txt").write_text(f"Report for {month}.")
    assert codes(ingest(tmp_path / "march", tmp_path / "april")) == ["march/r.txt", "april/r.txt"]


def test_a_file_named_twice_is_read_once(ingest: Callable[..., Items], fixtures: Path) -> None:
    assert codes(ingest(fixtures / "folder", fixtures / "folder" / "b.txt")) == [
        "folder/a.md",
        "folder/b.txt",
        "folder/sub/c.txt",
        "folder/sub/page.htm",
    ]


def test_one_bad_input_does_not_stop_the_others(
    ingest: Callable[..., Items], fixtures: Path, tmp_path: Path
) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x00binary")
    (tmp_path / "latin.txt").write_bytes("Bréla".encode("latin-1"))
    (tmp_path / "blank.md").write_text("  \n\t\n")
    items = ingest(
        fixtures / "report.txt",
        tmp_path / "missing.txt",
        tmp_path / "scan.pdf",
        fixtures / "empty.txt",
        tmp_path / "latin.txt",
        tmp_path / "blank.md",
        fixtures / "bomb.xml",
        fixtures / "script-only.html",
        fixtures / "missing-text.csv",
        "https://news.example.org/a",
        fixtures / "notes.md",
    )
    assert codes(items) == [
        "report.txt",
        "E301",
        "E303",
        "E306",
        "E304",
        "E306",
        "E308",
        "E307",
        "E311",
        "E314",
        "notes.md",
    ]
    missing = items[1]
    assert missing == IngestProblem(
        source=str(tmp_path / "missing.txt"),
        locator="",
        code="E301",
        message=f"[E301] {str(tmp_path / 'missing.txt')!r} does not exist; check the path "
        "(folders are read recursively).",
    )


def test_file_over_max_bytes_is_refused_and_one_at_the_limit_read(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    (tmp_path / "at.txt").write_text("x" * 100)
    (tmp_path / "over.txt").write_text("x" * 101)
    items = ingest(tmp_path / "at.txt", tmp_path / "over.txt", max_bytes=100)
    assert codes(items) == ["at.txt", "E305"]
    assert "over the limit of 100 bytes" in items[1].message  # type: ignore[union-attr]
    assert "TOLLS_INGEST__MAX_BYTES" in items[1].message  # type: ignore[union-attr]


def test_unknown_extensions_are_sniffed_or_refused(ingest: Callable[..., Items], tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text("Plain words, but an unknown extension.")
    (tmp_path / "b.page").write_text(
        "<!doctype html><html><body><p>Three arrested in Kelm.</p></body></html>"
    )
    (tmp_path / "c").write_text("No extension: read as plain text.")
    (tmp_path / "d.txt").write_text("<html><body><p>Saved page named .txt</p></body></html>")
    (tmp_path / "e.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    items = ingest(tmp_path)
    name = tmp_path.name
    assert codes(items) == ["E302", f"{name}/b.page", f"{name}/c", f"{name}/d.txt", "E303"]
    assert [i.format for i in items if isinstance(i, SourceDocument)] == ["html", "text", "html"]


def test_unreadable_file_is_a_problem(
    ingest: Callable[..., Items], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Secret.")
    real_open = os.open

    def refuse(file: str | Path, *args: int) -> int:
        if Path(file).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args)

    monkeypatch.setattr(os, "open", refuse)  # tests run as root: chmod would not stop the read
    item, after = ingest(path, tmp_path / "missing")
    assert isinstance(item, IngestProblem)
    assert isinstance(after, IngestProblem) and after.code == "E301"
    assert (item.code, item.source) == ("E320", str(path))
    assert "(Permission denied)" in item.message


def test_symlinked_folders_are_not_followed(
    ingest: Callable[..., Items], tmp_path: Path, fixtures: Path
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(fixtures / "report.txt", root / "r.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    assert codes(ingest(root)) == ["root/r.txt"]


def test_every_item_is_a_document_or_a_problem_for_the_whole_fixture_folder(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    items = ingest(fixtures)
    assert all(isinstance(i, SourceDocument | IngestProblem) for i in items)
    assert sorted({i.code for i in items if isinstance(i, IngestProblem)}) == [
        "E104",
        "E105",
        "E306",
        "E307",
        "E308",
        "E309",
        "E310",
        "E311",
        "E312",
        "E313",
    ]
    assert len([i for i in items if isinstance(i, SourceDocument)]) == 20


def test_issue_18_a_symlink_loop_in_a_folder_is_a_problem_and_the_rest_is_read(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "nowhere.txt").symlink_to("missing.txt")
    (folder / "z.txt").write_text("Two soldiers were killed.")
    items = ingest(folder)
    assert codes(items) == ["E323", "E323", "in/z.txt"]
    assert isinstance(items[0], IngestProblem) and "(a symbolic link loop)" in items[0].message
    assert codes(ingest(folder / "loop.txt")) == ["E323"]  # named by itself


def test_issue_18_a_fifo_in_a_folder_is_skipped_without_waiting_for_a_writer(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "z.txt").write_text("Two soldiers were killed.")
    signal.signal(signal.SIGALRM, _hung)
    signal.alarm(30)  # it used to wait forever in open()
    try:
        items = ingest(folder)
        named = ingest(folder / "pipe.txt")
    finally:
        signal.alarm(0)
    assert codes(items) == ["E323", "in/z.txt"] and codes(named) == ["E323"]
    assert isinstance(items[0], IngestProblem) and "(a FIFO)" in items[0].message


def _hung(_signum: int, _frame: object) -> None:
    raise TimeoutError("ingest waited on a FIFO")


def test_issue_18_a_file_turned_into_a_fifo_after_the_check_is_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(IngestError) as err:
        read_capped(pipe, source="pipe.txt", limit=100)
    assert err.value.code == "E323"
