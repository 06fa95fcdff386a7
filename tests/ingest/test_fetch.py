"""URL fetching, entirely through ``httpx.MockTransport`` and an injected resolver: no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from tolls.errors import IngestError
from tolls.ingest.fetch import Validators, make_client
from tolls.ingest.fetch import fetch as fetch_url
from tolls.model import IngestProblem, InputDocument, SourceDocument
from tolls.settings import IngestSettings

from .conftest import Items, codes

PUBLIC = "93.184.215.14"
HOSTS = {
    "news.example.org": [PUBLIC],
    "intranet.example.org": ["10.0.0.5"],
    "mixed.example.org": [PUBLIC, "169.254.169.254"],
}
PAGE = (
    b"<html><head><title>Curfew in Orlen</title></head><body>"
    b"<p>A curfew was declared in Orlen after two nights of clashes.</p></body></html>"
)


def resolver(host: str, port: int) -> list[str]:
    if host not in HOSTS:
        raise OSError("Name or service not known")
    return HOSTS[host]


class Server:
    """A handler for MockTransport that records every request it is sent."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.routes[request.url.path](request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def html(body: bytes = PAGE, content_type: str = "text/html; charset=utf-8") -> Callable[..., httpx.Response]:
    return lambda request: httpx.Response(200, headers={"content-type": content_type}, content=body)


def redirect(location: str, status: int = 302) -> Callable[..., httpx.Response]:
    return lambda request: httpx.Response(status, headers={"location": location})


@pytest.fixture
def fetch(ingest: Callable[..., Items]) -> Callable[..., Items]:
    def run(*urls: str, server: Server, **settings: object) -> Items:
        return ingest(*urls, transport=server.transport, resolver=resolver, fetch_urls=True, **settings)

    return run


def test_urls_are_not_fetched_unless_enabled(ingest: Callable[..., Items]) -> None:
    server = Server({"/a": html()})
    [item] = ingest("https://news.example.org/a", transport=server.transport, resolver=resolver)
    assert isinstance(item, IngestProblem)
    assert item.code == "E314"
    assert "TOLLS_INGEST__FETCH_URLS=true" in item.message
    assert server.requests == []


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/a", "127.0.0.1"),
        ("http://10.1.2.3:8080/a", "10.1.2.3"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/a", "::1"),
        ("http://[::ffff:127.0.0.1]/a", "::ffff:7f00:1"),
        ("https://intranet.example.org/a", "10.0.0.5"),
        ("https://mixed.example.org/a", "169.254.169.254"),
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(
    fetch: Callable[..., Items], url: str, address: str
) -> None:
    server = Server({})
    [item] = fetch(url, server=server)
    assert isinstance(item, IngestProblem)
    assert (item.code, item.source) == ("E315", url)
    literal = not url.split("/")[2].split(":")[0].endswith(".org")
    # A literal address the user wrote is named; what a name resolves to is never disclosed.
    if literal:
        assert f"reserved address ({address}); refused" in item.message
    else:
        assert "points at a private" in item.message and address not in item.message
    assert server.requests == []


def test_loopback_is_fetched_when_private_addresses_are_allowed(fetch: Callable[..., Items]) -> None:
    server = Server({"/report": html()})
    items = fetch("http://127.0.0.1:8080/report#top", server=server, allow_private_addresses=True)
    assert items == [
        SourceDocument(
            doc=InputDocument(
                id="http://127.0.0.1:8080/report",
                text="A curfew was declared in Orlen after two nights of clashes.",
                title="Curfew in Orlen",
                url="http://127.0.0.1:8080/report",
            ),
            source="http://127.0.0.1:8080/report#top",
            format="url",
        )
    ]


def test_the_connection_goes_to_the_checked_address(fetch: Callable[..., Items]) -> None:
    server = Server({"/a": html()})
    assert codes(fetch("https://news.example.org/a", server=server)) == ["https://news.example.org/a"]
    [request] = server.requests
    assert request.url.host == PUBLIC
    assert request.headers["host"] == "news.example.org"
    assert request.extensions["sni_hostname"] == "news.example.org"
    assert request.headers["user-agent"] == "tolls-ingest/0.1"
    assert request.extensions["timeout"] == {"connect": 10.0, "read": 10.0, "write": 10.0, "pool": 10.0}


def test_redirects_are_followed_and_the_id_stays_the_requested_url(fetch: Callable[..., Items]) -> None:
    server = Server({"/old": redirect("/new", 301), "/new": html()})
    [item] = fetch("https://news.example.org/old", server=server)
    assert isinstance(item, SourceDocument)
    assert (item.doc.id, item.doc.url) == ("https://news.example.org/old", "https://news.example.org/new")
    assert [r.url.path for r in server.requests] == ["/old", "/new"]


def test_a_redirect_to_a_private_address_is_refused(fetch: Callable[..., Items]) -> None:
    server = Server({"/a": redirect("http://169.254.169.254/latest/meta-data/")})
    assert codes(fetch("https://news.example.org/a", server=server)) == ["E315"]
    assert len(server.requests) == 1


def test_a_redirect_to_another_scheme_is_refused(fetch: Callable[..., Items]) -> None:
    server = Server({"/a": redirect("file:///etc/passwd")})
    assert codes(fetch("https://news.example.org/a", server=server)) == ["E319"]


def test_too_many_redirects(fetch: Callable[..., Items]) -> None:
    server = Server({"/loop": redirect("/loop")})
    [item] = fetch("https://news.example.org/loop", server=server)
    assert isinstance(item, IngestProblem)
    assert item.code == "E317"
    assert len(server.requests) == 6  # the first request and five redirects


def test_streamed_body_over_the_cap_is_refused_without_reading_it_all(fetch: Callable[..., Items]) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for n in range(1000):
            sent.append(n)
            yield b"<p>" + b"x" * 96 + b"</p>"

    server = Server(
        {"/big": lambda r: httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())}
    )
    [item] = fetch("https://news.example.org/big", server=server, max_bytes=1000)
    assert isinstance(item, IngestProblem)
    assert item.code == "E305"
    assert len(sent) == 10  # stopped at the first chunk past 1000 bytes


def test_declared_content_length_over_the_cap_is_refused_before_reading(fetch: Callable[..., Items]) -> None:
    def never() -> Iterator[bytes]:
        raise AssertionError("body read")
        yield b""

    server = Server(
        {
            "/big": lambda r: httpx.Response(
                200, headers={"content-type": "text/html", "content-length": "5000"}, content=never()
            )
        }
    )
    assert codes(fetch("https://news.example.org/big", server=server, max_bytes=1000)) == ["E305"]


def test_body_at_the_cap_is_read(fetch: Callable[..., Items]) -> None:
    server = Server({"/a": html()})
    assert codes(fetch("https://news.example.org/a", server=server, max_bytes=len(PAGE))) == [
        "https://news.example.org/a"
    ]


def test_feed_by_content_type_gives_one_document_per_entry(
    fetch: Callable[..., Items], fixtures: Path
) -> None:
    feed = (fixtures / "feed.atom").read_bytes()
    server = Server({"/feed": html(feed, "application/atom+xml")})
    items = fetch("https://news.example.org/feed", server=server)
    assert codes(items) == ["urn:uuid:relief-2001", "urn:uuid:relief-2002"]
    assert {(i.source, i.format) for i in items if isinstance(i, SourceDocument)} == {
        ("https://news.example.org/feed", "rss")
    }


def test_xml_bomb_from_a_url_is_refused(fetch: Callable[..., Items], fixtures: Path) -> None:
    server = Server({"/feed": html((fixtures / "bomb.xml").read_bytes(), "application/rss+xml")})
    assert codes(fetch("https://news.example.org/feed", server=server)) == ["E308"]


def test_charset_from_the_content_type_header(fetch: Callable[..., Items]) -> None:
    page = "<html><body><p>Deux bless\u00e9s \u00e0 Br\u00e9la.</p></body></html>".encode("latin-1")
    server = Server({"/fr": html(page, "text/html; charset=ISO-8859-1")})
    [item] = fetch("https://news.example.org/fr", server=server)
    assert isinstance(item, SourceDocument)
    assert item.doc.text == "Deux blessés à Bréla."


@pytest.mark.parametrize(
    ("route", "code", "needle"),
    [
        (lambda r: httpx.Response(404), "E316", "HTTP 404 Not Found"),
        (
            lambda r: httpx.Response(200, headers={"content-type": "application/pdf"}, content=b"%PDF"),
            "E318",
            "pdf",
        ),
        (
            lambda r: httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html></html>"),
            "E307",
            "",
        ),
    ],
)
def test_http_errors_and_unreadable_bodies(
    fetch: Callable[..., Items], route: Callable[..., httpx.Response], code: str, needle: str
) -> None:
    [item] = fetch("https://news.example.org/x", server=Server({"/x": route}))
    assert isinstance(item, IngestProblem)
    assert item.code == code
    assert needle in item.message


def test_timeouts_and_connection_errors_are_problems(fetch: Callable[..., Items]) -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    items = fetch(
        "https://news.example.org/slow",
        "https://news.example.org/down",
        server=Server({"/slow": timeout, "/down": refused}),
        fetch_timeout=2.5,
    )
    assert codes(items) == ["E316", "E316"]
    assert "no answer within 2.5 s (ReadTimeout)" in items[0].message  # type: ignore[union-attr]
    assert "ConnectError: connection refused" in items[1].message  # type: ignore[union-attr]


def test_bad_urls_are_problems_and_the_batch_goes_on(fetch: Callable[..., Items], fixtures: Path) -> None:
    items = fetch(
        "ftp://news.example.org/a",
        "https://nowhere.example.org/a",
        "http://",
        "https://news.example.org/a",
        fixtures / "report.txt",
        server=Server({"/a": html()}),
    )
    assert codes(items) == ["E319", "E316", "E319", "https://news.example.org/a", "report.txt"]


def test_published_date_from_page_metadata(fetch: Callable[..., Items], fixtures: Path) -> None:
    server = Server({"/a": html((fixtures / "article.html").read_bytes())})
    [item] = fetch("https://news.example.org/a", server=server)
    assert isinstance(item, SourceDocument)
    assert (item.doc.published, item.doc.title) == (date(2025, 10, 21), "Drone strike near Kestrel Ridge")


def test_a_gzip_bomb_is_refused_without_inflating_it(fetch: Callable[..., Items]) -> None:
    """Issue 18: 100 MB of zeros gzip to ~100 KB; the cap applies to what is inflated, a bounded
    piece at a time, so the body is refused long before it is held in memory."""
    import gzip
    import tracemalloc

    bomb = gzip.compress(b"\0" * 100_000_000, compresslevel=9)
    headers = {"content-type": "text/html", "content-encoding": "gzip"}

    def streamed() -> Iterator[bytes]:  # as a network transport delivers it, raw and in pieces
        for i in range(0, len(bomb), 16_384):
            yield bomb[i : i + 16_384]

    server = Server({"/bomb": lambda r: httpx.Response(200, headers=headers, content=streamed())})
    tracemalloc.start()
    try:
        items = fetch("https://news.example.org/bomb", server=server, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert codes(items) == ["E305"]
    assert peak < 20_000_000, f"{peak} bytes held while refusing a 1 MB cap"
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


def test_a_gzipped_page_is_read_and_an_unasked_coding_refused(fetch: Callable[..., Items]) -> None:
    import gzip

    zipped = {"content-type": "text/html; charset=utf-8", "content-encoding": "gzip"}
    brotli = {"content-type": "text/html; charset=utf-8", "content-encoding": "br"}
    server = Server(
        {
            "/a": lambda r: httpx.Response(200, headers=zipped, content=iter([gzip.compress(PAGE)])),
            "/b": lambda r: httpx.Response(200, headers=brotli, content=iter([b"\x1b\x00"])),
        }
    )
    assert codes(fetch("https://news.example.org/a", server=server)) == ["https://news.example.org/a"]
    assert codes(fetch("https://news.example.org/b", server=server)) == ["E316"]


def test_a_conditional_fetch_sends_the_validators_and_reads_a_304_as_unchanged() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"etag": '"v1"'})
        return httpx.Response(
            200,
            headers={
                "content-type": "text/html",
                "etag": '"v1"',
                "last-modified": "Mon, 03 Mar 2025 09:00:00 GMT",
            },
            content=PAGE,
        )

    server = Server({"/a": answer, "/busy": lambda r: httpx.Response(503, headers={"retry-after": "120"})})
    settings = IngestSettings(fetch_urls=True)
    with make_client(settings, server.transport, user_agent="tolls-test") as client:
        first = fetch_url("https://news.example.org/a", client=client, settings=settings, resolver=resolver)
        assert (first.status, first.etag, first.last_modified, first.data) == (
            200,
            '"v1"',
            "Mon, 03 Mar 2025 09:00:00 GMT",
            PAGE,
        )
        again = fetch_url(
            "https://news.example.org/a",
            client=client,
            settings=settings,
            resolver=resolver,
            validators=Validators(first.etag, first.last_modified),
        )
        assert (again.status, again.data, again.etag, again.last_modified) == (
            304,
            b"",
            '"v1"',
            "Mon, 03 Mar 2025 09:00:00 GMT",
        )
        with pytest.raises(IngestError) as info:
            fetch_url("https://news.example.org/busy", client=client, settings=settings, resolver=resolver)
    sent = server.requests[1].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', "Mon, 03 Mar 2025 09:00:00 GMT")
    assert "if-none-match" not in server.requests[0].headers and sent["user-agent"] == "tolls-test"
    assert info.value.code == "E316" and info.value.fields["status"] == 503
    assert info.value.fields["retry_after"] == "120" and "HTTP 503" in info.value.message
