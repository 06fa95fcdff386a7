"""Plain text and HTML files to document text (standard library only).

HTML is reduced to its visible text: scripts, styles and other non-content elements are
dropped, block elements become line breaks. Article text is untrusted; nothing here evaluates it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tolls.errors import BadEncoding, ErrorCode

__all__ = ["html_to_text", "read_text_file"]

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form", "iframe"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "blockquote",
        "title",
        "header",
    }
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def read_text_file(path: Path) -> str:
    """The text of a .txt or .html file; raises :class:`BadEncoding` for non-UTF-8 bytes."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadEncoding(
            ErrorCode.E103, reason=f"{path.name}: {exc.reason} at byte {exc.start}", doc_id=str(path)
        ) from exc
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return html_to_text(text)
    return text
