import pytest

from tolls.errors import IngestError
from tolls.ingest.decode import check_not_binary, declared_charset, decode


def test_nul_byte_is_binary_with_its_offset() -> None:
    with pytest.raises(IngestError) as err:
        check_not_binary(b"%PDF-1.7\x00\x01", source="a.pdf")
    assert err.value.code == "E303"
    assert "offset 8" in err.value.message


def test_text_is_not_binary() -> None:
    check_not_binary("Véronique, 5 killed".encode(), source="a.txt")


def test_utf8_with_bom_is_decoded_without_it() -> None:
    assert decode(b"\xef\xbb\xbfFour killed", source="a.txt") == "Four killed"


def test_invalid_utf8_without_declaration_is_refused_not_mangled() -> None:
    with pytest.raises(IngestError) as err:
        decode("Bréla".encode("latin-1"), source="a.txt")
    assert err.value.code == "E304"
    assert "invalid continuation byte at byte 2" in err.value.message


def test_declared_charset_is_used_after_utf8_fails() -> None:
    assert decode("Bréla".encode("latin-1"), source="a.html", declared="iso-8859-1") == "Bréla"


def test_unknown_declared_charset_is_refused() -> None:
    with pytest.raises(IngestError) as err:
        decode(b"Br\xe9la", source="a.html", declared="no-such-codec")
    assert err.value.code == "E304"


def test_bytes_invalid_in_the_declared_charset_are_refused() -> None:
    with pytest.raises(IngestError) as err:
        decode(b"\x81\xff", source="a.xml", declared="shift_jis")
    assert err.value.code == "E304"
    assert "declared shift_jis" in err.value.message


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        (b'<html><head><meta charset="windows-1252">', "html", "windows-1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "html", "iso-8859-1"),
        (b"<html><body>no declaration</body></html>", "html", None),
        (b'<?xml version="1.0" encoding="ISO-8859-15"?><rss/>', "xml", "iso-8859-15"),
        (b'<?xml version="1.0"?><rss/>', "xml", None),
    ],
)
def test_declared_charset(data: bytes, kind: str, expected: str | None) -> None:
    assert declared_charset(data, kind=kind) == expected
