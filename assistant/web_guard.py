"""Two small ASGI middlewares for the Gradio app: a guard on the upload endpoint and the page's
own title and meta tags.

Gradio's `/gradio_api/upload` takes files from anyone before any event handler runs, so the
library's rules are applied here, in front of it: refused when the library is read-only, needs
the admin token (header `X-Admin-Token`) when one is set, one file's worth of bytes per request
and a budget of uploads per minute, whatever the token state. Uploaded temp files are deleted by
the app (see web.py) after use and by Gradio's cache clean-up after UPLOAD_TTL_S.
"""

from __future__ import annotations

import hmac
import html
import re
import threading
import time
from collections import deque
from collections.abc import Callable

UPLOADS_PER_MINUTE = 30
UPLOAD_OVERHEAD = 64 * 1024  # multipart headers around one file
UPLOAD_TTL_S = 900  # temp uploads older than this are deleted by the cache clean-up
TOKEN_HEADER = b"x-admin-token"

# The meta tags of Gradio's page template (this matches the template, not article text).
_META = re.compile(r'<meta\s{1,10}(?:property|name)="(?:og|twitter):[a-z:]{1,20}"[^<>]{0,600}>')


def _plain(send, status: int, text: str):
    body = text.encode()

    async def respond():
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return respond()


class UploadGuard:
    """Applies the library's write rules and budgets to Gradio's upload endpoint."""

    def __init__(self, app, *, policy: Callable[[], tuple[str | None, str | None]], max_bytes: int):
        # policy() -> (read-only reason or None, admin token or None), read on every request.
        self.app, self.policy, self.max_bytes = app, policy, max_bytes
        self._recent: deque[float] = deque()
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] == "http"
            and scope.get("method") == "POST"
            and scope.get("path", "").rstrip("/").endswith("/upload")
        ):
            refusal = self.refusal(dict(scope.get("headers") or []))
            if refusal:
                await _plain(send, *refusal)
                return
        await self.app(scope, receive, send)

    def refusal(self, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        reason, token = self.policy()
        if reason:
            return 403, reason
        if token:
            given = headers.get(TOKEN_HEADER, b"")
            if not given:
                return 401, "enter the admin token to upload to the library"
            if not hmac.compare_digest(given, token.encode()):
                return 401, "the admin token is wrong"
        length = headers.get(b"content-length", b"")
        if not length.isdigit():
            return 411, "an upload must state its Content-Length"
        if int(length) > self.max_bytes + UPLOAD_OVERHEAD:
            return 413, f"an upload may carry at most {self.max_bytes:,} bytes (one file)"
        now = time.monotonic()
        with self._lock:
            while self._recent and now - self._recent[0] > 60:
                self._recent.popleft()
            if len(self._recent) >= UPLOADS_PER_MINUTE:
                return 429, f"at most {UPLOADS_PER_MINUTE} uploads a minute; try again shortly"
            self._recent.append(now)
        return None


class PageMeta:
    """Replaces the page template's "Gradio" meta tags with the app's own title and summary."""

    def __init__(self, app, *, title: str, description: str):
        self.app = app
        self.tags = (
            f'<meta property="og:title" content="{html.escape(title)}" />'
            f'<meta property="og:description" content="{html.escape(description)}" />'
            f'<meta name="description" content="{html.escape(description)}" />'
            f'<meta name="twitter:title" content="{html.escape(title)}" />'
            f'<meta name="twitter:description" content="{html.escape(description)}" />'
        ).encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != "/":
            await self.app(scope, receive, send)
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            if dict(headers).get(b"content-type", b"").startswith(b"text/html"):
                body = self.rewrite(body)
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)

    def rewrite(self, body: bytes) -> bytes:
        text = body.decode("utf-8", "replace")
        text = _META.sub("", text)
        return text.replace("<head>", "<head>" + self.tags.decode(), 1).encode()
