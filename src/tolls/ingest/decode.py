"""Bytes to text, refusing what is not text: binary files, and bytes that are not UTF-8 nor in
the charset the document declares. Nothing is decoded with replacement characters."""

from __future__ import annotations

import codecs
import re

from tolls.errors import ErrorCode, IngestError

__all__ = ["check_not_binary", "declared_charset", "decode"]

_HEAD = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)


def check_not_binary(data: bytes, *, source: str) -> None:
    """Raise E303 when ``data`` holds a NUL byte (images, PDFs, office files, UTF-16 text)."""
    offset = data.find(b"\x00")
    if offset >= 0:
        raise IngestError(ErrorCode.E303, source=source, offset=offset)


def declared_charset(data: bytes, *, kind: str) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration names, if any (``kind``: html, xml)."""
    head = data[:_HEAD]
    match = (_META_CHARSET if kind == "html" else _XML_ENCODING).search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, source: str, declared: str | None = None) -> str:
    """``data`` as text: UTF-8 (a BOM is dropped), else the declared charset, else E304."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    codec = _codec(declared)
    if codec is None or codec == "utf-8":
        raise IngestError(ErrorCode.E304, source=source, encoding="UTF-8", reason=utf8_error)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(
            ErrorCode.E304,
            source=source,
            encoding=f"UTF-8 nor the declared {declared}",
            reason=f"{exc.reason} at byte {exc.start}",
        ) from exc
