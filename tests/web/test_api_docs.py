"""``/api/v1/docs``: Swagger UI served from the vendored swagger-ui-dist (``make assets``), shown
in real headless Chromium under the app's own Content-Security-Policy (issue 18, part 3: it was
blank, the CSP blocking the CDN script FastAPI's page loads)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, expect
from tests.web.test_dashboard import TIMEOUT_MS, Watched, _watch, browser, playwright

__all__ = ["browser", "playwright"]  # the browser fixtures, shared with the dashboard tests


@pytest.fixture
def docs_tab(browser: Browser, live_url: str) -> Iterator[tuple[Watched, list[str]]]:
    console: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            console.append(message.text)

    for watched in _watch(browser, live_url):
        watched.page.on("console", seen)
        yield watched, console


def test_issue_18_swagger_ui_shows_the_api_operations(
    docs_tab: tuple[Watched, list[str]], live_url: str
) -> None:
    watched, console = docs_tab
    spec = httpx.get(f"{live_url}/api/v1/openapi.json").json()
    operations = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    page = watched.page
    response = page.goto(f"{live_url}/api/v1/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("tolls", timeout=TIMEOUT_MS)
    blocks = page.locator(".opblock")
    expect(blocks.first).to_be_visible(timeout=TIMEOUT_MS)
    expect(blocks).to_have_count(len(operations), timeout=TIMEOUT_MS)
    shown = {
        (
            b.locator(".opblock-summary-method").inner_text().strip(),
            b.locator(".opblock-summary-path").get_attribute("data-path"),
        )
        for b in blocks.all()
    }
    assert shown == operations
    # One operation opens with its parameters: the page is working Swagger UI, not a list.
    page.locator(".opblock-summary-path", has_text="/api/v1/events").first.click()
    expect(
        page.locator(".opblock.is-open .parameters-container, .opblock.is-open .opblock-section").first
    ).to_be_visible()
    watched.assert_clean()
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console
