"""A real OpenAI-protocol HTTP server for tests (stdlib only).

Serves POST /v1/chat/completions (scripted behaviours, SSE streaming),
POST /v1/embeddings (deterministic 8-dim vectors) and GET /v1/models on
127.0.0.1, so the genuine ``openai`` / ``langchain_openai`` clients can be
exercised end to end, including HTTP errors, stalls and broken streams.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL_ID = "test-model"
EMBEDDING_DIM = 8


@dataclass
class Reply:
    """Answer `text` (or `text(request_json)`); SSE in `chunk_size` pieces if streaming.

    `finish` is the finish_reason sent at the end (None: no finish chunk at all) and `done`
    whether "data: [DONE]" follows, so truncated and unfinished streams can be played.
    """

    text: str | Callable[[dict], str]
    chunk_size: int = 8
    delay: float = 0.0
    finish: str | None = "stop"
    done: bool = True


@dataclass
class Status:
    """Answer an HTTP error `code` with an OpenAI-style error body."""

    code: int
    message: str = "Simulated error"


@dataclass
class Stall:
    """Send nothing until `seconds` pass (None: forever) or the server stops, then hang up."""

    seconds: float | None = None


@dataclass
class StallMidStream:
    """Send stream headers and a partial answer, then stall like `Stall`."""

    text_before: str = "Partial answer"
    seconds: float | None = None


@dataclass
class CutStream:
    """Send stream headers and a partial answer, then drop the connection."""

    text_before: str = "Partial answer"


Behaviour = Reply | Status | Stall | StallMidStream | CutStream


def refused_base_url() -> str:
    """Base URL for a port that was just free, so connecting is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def fake_embedding(item: Any) -> list[float]:
    """Deterministic vector in [-1, 1]; token arrays are hashed by their repr."""
    key = item if isinstance(item, str) else repr(item)
    digest = hashlib.sha256(key.encode()).digest()
    return [round(b / 127.5 - 1.0, 6) for b in digest[:EMBEDDING_DIM]]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FakeOpenAIServer


class _Handler(BaseHTTPRequestHandler):
    # Chunked bodies let the client tell a finished stream from a cut one.
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output free of per-request access logs

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # clients hanging up mid-reply is routine in fault tests

    def _send_json(self, code: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        head = {"Content-Type": "application/json", "Content-Length": str(len(data))}
        self._send_head(code, {**head, **(headers or {})})
        self.wfile.write(data)

    def _send_head(self, code: int, headers: dict) -> None:
        # One request per connection keeps stalls and cuts from leaking into pooled reuse.
        self.send_response(code)
        for key, value in {**headers, "Connection": "close"}.items():
            self.send_header(key, value)
        self.end_headers()
        self.close_connection = True

    def _error(self, code: int, message: str, headers: dict | None = None) -> None:
        kind = "server_error" if code >= 500 else "invalid_request_error"
        err = {"message": message, "type": kind, "code": str(code)}
        self._send_json(code, {"error": err}, headers)

    def _write_chunk(self, payload: bytes) -> None:
        self.wfile.write(b"%X\r\n%s\r\n" % (len(payload), payload))
        self.wfile.flush()

    def _sse(self, obj: dict | str) -> None:
        data = obj if isinstance(obj, str) else json.dumps(obj)
        self._write_chunk(f"data: {data}\n\n".encode())

    def _wait(self, seconds: float | None) -> bool:
        """Sleep, waking early on stop(); True if the server is stopping."""
        return self.server.owner._stopped.wait(seconds)

    def _hang_up(self) -> None:
        # No terminating chunk is sent, so the client sees an incomplete body.
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            model = {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "test"}
            self._send_json(200, {"object": "list", "data": [model]})
        else:
            self._error(404, f"Unknown path {self.path}")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        path = self.path.split("?")[0].rstrip("/")
        if path == "/v1/chat/completions":
            self._chat(body, self.server.owner._next(body))
        elif path == "/v1/embeddings":
            self._embeddings(body)
        else:
            self._error(404, f"Unknown path {self.path}")

    def _embeddings(self, body: dict) -> None:
        owner = self.server.owner
        with owner._lock:
            owner.embedding_requests.append(body)
        inputs = body.get("input", "")
        # A flat list of ints is a single token array, not several inputs.
        if isinstance(inputs, str) or (inputs and all(isinstance(t, int) for t in inputs)):
            inputs = [inputs]
        data = []
        for i, item in enumerate(inputs):
            vec: Any = fake_embedding(item)
            if body.get("encoding_format") == "base64":  # the openai client's default
                vec = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
            data.append({"object": "embedding", "index": i, "embedding": vec})
        usage = {"prompt_tokens": len(inputs), "total_tokens": len(inputs)}
        model = body.get("model", "")
        self._send_json(200, {"object": "list", "data": data, "model": model, "usage": usage})

    def _chat(self, body: dict, behaviour: Behaviour) -> None:
        model = body.get("model", MODEL_ID)
        base = {"id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "created": int(time.time())}
        base["model"] = model

        def chunk(delta: dict, finish: str | None = None) -> dict:
            choice = {"index": 0, "delta": delta, "finish_reason": finish}
            return {**base, "object": "chat.completion.chunk", "choices": [choice]}

        def start_stream(first_text: str = "") -> None:
            self._send_head(
                200, {"Content-Type": "text/event-stream", "Transfer-Encoding": "chunked"}
            )
            self._sse(chunk({"role": "assistant", "content": ""}))
            if first_text:
                self._sse(chunk({"content": first_text}))

        if isinstance(behaviour, Status):
            retry = {"retry-after": "0"} if behaviour.code == 429 else None
            self._error(behaviour.code, behaviour.message, retry)
        elif isinstance(behaviour, Stall):
            self._wait(behaviour.seconds)
            self._hang_up()
        elif isinstance(behaviour, StallMidStream | CutStream):
            start_stream(behaviour.text_before)
            if isinstance(behaviour, StallMidStream):
                self._wait(behaviour.seconds)
            self._hang_up()
        elif isinstance(behaviour, Reply):
            text = behaviour.text(body) if callable(behaviour.text) else behaviour.text
            if not body.get("stream"):
                out = max(1, len(text) // 4)
                usage = {"prompt_tokens": 1, "completion_tokens": out, "total_tokens": out + 1}
                message = {"role": "assistant", "content": text}
                finish = behaviour.finish
                choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
                reply = {**base, "object": "chat.completion", "choices": [choice], "usage": usage}
                return self._send_json(200, reply)
            start_stream()
            size = max(1, behaviour.chunk_size)
            for i in range(0, len(text), size):
                if i and behaviour.delay and self._wait(behaviour.delay):
                    return self._hang_up()
                self._sse(chunk({"content": text[i : i + size]}))
            if behaviour.finish is not None:
                self._sse(chunk({}, behaviour.finish))
            if (body.get("stream_options") or {}).get("include_usage"):
                usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
                self._sse({**chunk({}), "choices": [], "usage": usage})
            if behaviour.done:
                self._sse("[DONE]")
            self._write_chunk(b"")  # the zero-length chunk ends the body cleanly
        else:
            self._error(500, f"Unknown behaviour {behaviour!r}")


class FakeOpenAIServer:
    """Threaded fake server: ``with FakeOpenAIServer() as srv: ... srv.base_url``."""

    def __init__(self, default: Behaviour | None = None) -> None:
        self.default: Behaviour = default or Reply("OK")
        self.requests: list[dict] = []  # chat completion bodies, in arrival order
        self.embedding_requests: list[dict] = []
        self._lock = threading.Lock()
        self._queue: collections.deque[Behaviour] = collections.deque()
        self._stopped = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def script(self, *behaviours: Behaviour) -> FakeOpenAIServer:
        """Queue behaviours; each chat request consumes one, then `default` applies."""
        with self._lock:
            self._queue.extend(behaviours)
        return self

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()
            self.embedding_requests.clear()

    def _next(self, body: dict) -> Behaviour:
        with self._lock:
            self.requests.append(body)
            return self._queue.popleft() if self._queue else self.default

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer is not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAIServer:
        self._stopped.clear()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        # A short poll interval keeps stop() well under a second.
        kwargs = {"poll_interval": 0.05}
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs=kwargs)
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()  # release stalled handlers before shutting down
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=1)
            self._httpd = self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
