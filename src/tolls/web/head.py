"""HEAD answered as GET without the body (RFC 9110 §9.3.2).

FastAPI registers a GET route for GET only, so ``HEAD /api/v1/events`` was a 405 although link
checkers, feed readers and caches send HEAD to learn whether a resource exists and how big it is.
This middleware routes a HEAD request as the GET it stands for and drops the body from the
answer, keeping its status and headers (``Content-Length`` included). A route that has no GET
still answers 405."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    """Route ``HEAD`` as ``GET`` and send the response's headers without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # later pieces of a streamed body are dropped as they come
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
