"""Fixtures for the ingest tests: a scripted page server on 127.0.0.1 and an ingest helper."""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ENDLESS_CHUNK = b"<p>" + b"filler words for an endless page " * 2000 + b"</p>\n"
ENDLESS_LIMIT = 2000  # chunks: even a client that never stops reading gets a bounded body


@dataclass
class Page:
    """One scripted response. `delay` holds the reply back; `endless` streams a very long body,
    with `trickle` seconds between its chunks."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    endless: bool = False
    trickle: float = 0.0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client hanging up early is what the size and timeout tests provoke

    def do_GET(self) -> None:
        owner: PageServer = self.server.owner
        path = self.path.split("?", 1)[0]
        owner.hits[path] += 1
        owner.requests.append((path, dict(self.headers.items()), time.monotonic()))
        page = owner.routes.get(path, Page(b"not found", "text/plain", 404))
        if page.delay and owner.stopping.wait(page.delay):
            return
        etag = page.headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:  # a conditional GET, unchanged
            owner.not_modified[path] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            return
        self.send_response(page.status)
        if page.content_type:
            self.send_header("Content-Type", page.content_type)
        for key, value in page.headers.items():
            self.send_header(key, value)
        self.send_header("Connection", "close")
        self.close_connection = True
        if page.endless:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(ENDLESS_LIMIT):
                if owner.stopping.wait(page.trickle):
                    return
                self.wfile.write(b"%X\r\n%s\r\n" % (len(ENDLESS_CHUNK), ENDLESS_CHUNK))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)


class PageServer:
    """A real HTTP server on 127.0.0.1 serving `routes` (path -> Page); counts hits per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Page] = {}
        self.hits: collections.Counter = collections.Counter()
        self.not_modified: collections.Counter = collections.Counter()  # 304 answers per path
        self.requests: list[tuple[str, dict, float]] = []  # (path, headers, monotonic time)
        self.stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> PageServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


@pytest.fixture
def page_server():
    with PageServer() as srv:
        yield srv


@pytest.fixture
def run_ingest(make_settings):
    """run_ingest(inputs, **settings_overrides) on one temp store -> (Report, KnowledgeBase)."""
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    def run(inputs, *, prune=False, allow_private=None, settings=None, **overrides):
        settings = settings or make_settings(**overrides)
        kb = open_knowledge_base(settings)
        report = ingest_sources(
            [str(i) for i in inputs], kb, settings, prune=prune, allow_private=allow_private
        )
        return report, kb

    return run
