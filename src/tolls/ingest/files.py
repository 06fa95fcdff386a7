"""Paths to files: folders walked recursively in sorted order, hidden entries skipped, each file
read up to the byte cap and named by a stable id.

A file's id is its path from the folder that holds the input: ``reports/2025/a.txt`` for the
file ``2025/a.txt`` inside the folder ``reports`` that was given, ``a.txt`` for a file given by
itself. It does not depend on the working directory, so a rerun finds the same ids; the folder's
own name keeps ``march/a.txt`` and ``april/a.txt`` apart.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tolls.errors import ErrorCode, IngestError

__all__ = ["FileInput", "expand_path", "read_capped", "regular_file"]


@dataclass(frozen=True, slots=True)
class FileInput:
    path: Path
    source: str
    """The path as the user would recognise it (the input joined with the relative path)."""
    doc_id: str


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> Iterator[Path]:
    """Non-hidden files under ``root``, depth first, in sorted order; symlinked folders not followed."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield Path(folder, name)


def expand_path(given: str) -> Iterator[FileInput]:
    """The files an input path stands for; raises E301 when it does not exist."""
    path = Path(given)
    if not path.exists():
        if path.is_symlink():
            raise IngestError(ErrorCode.E323, source=given, reason="a symbolic link to nothing, or a loop")
        raise IngestError(ErrorCode.E301, source=given)
    if not path.is_dir():
        yield FileInput(path=path, source=given, doc_id=path.resolve().name)
        return
    root_name = path.resolve().name
    for file in _walk(path):
        rel = file.relative_to(path).as_posix()
        doc_id = f"{root_name}/{rel}" if root_name else rel
        yield FileInput(path=file, source=str(file), doc_id=doc_id)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular one is, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def regular_file(path: Path, *, source: str) -> tuple[int, int]:
    """The identity (device, inode) of the regular file at ``path``, links followed; E323 for a
    FIFO, socket, device or symbolic-link loop (reading a FIFO would wait forever), E320 for
    other OS errors."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(ErrorCode.E323, source=source, reason="a symbolic link loop") from exc
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise IngestError(ErrorCode.E323, source=source, reason="a symbolic link to nothing") from exc
        raise IngestError(ErrorCode.E320, source=source, reason=exc.strerror or str(exc)) from exc
    kind = _kind(st.st_mode)
    if kind is not None:
        raise IngestError(ErrorCode.E323, source=source, reason=kind)
    return st.st_dev, st.st_ino


def read_capped(path: Path, *, source: str, limit: int) -> bytes:
    """The bytes of the regular file ``path``: E305 when over ``limit`` (at most ``limit + 1`` are
    read), E323 when it is not a regular file, E320 on OS errors.

    The file is opened without blocking and checked once open, so a FIFO put in its place after
    :func:`regular_file` looked cannot make the read wait for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(ErrorCode.E323, source=source, reason="a symbolic link loop") from exc
        raise IngestError(ErrorCode.E320, source=source, reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            kind = _kind(st.st_mode)
            if kind is not None:
                raise IngestError(ErrorCode.E323, source=source, reason=kind)
            if st.st_size > limit:
                raise IngestError(ErrorCode.E305, source=source, limit=limit)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(ErrorCode.E320, source=source, reason=exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise IngestError(ErrorCode.E305, source=source, limit=limit)
    return data
