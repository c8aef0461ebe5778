"""`POST /v1/ask`: the program API as one plain JSON request, served by the same server as the
Gradio app but outside Gradio's queue.

gradio_client's `/ask` goes through Gradio's queue: a join request, an event stream, and the
queue's own bookkeeping for every question, which cost about a third of the server's CPU per
extractive answer. Programs that only want the JSON can post it here instead:

    POST /v1/ask  {"question": "...", "history": [{"role": "user", "content": "..."}],
                   "k": 4, "source": "corpus/article.txt"}     (all but "question" optional)
    200  the AskResult JSON (the same fields as `ask --json` and gradio_client's `/ask`)
    400  {"error": ...}  bad JSON or a bad question (empty, too long, bad history)
    413  {"error": ...}  body over MAX_BODY_BYTES
    429  {"error": ...}  more questions waiting than the queue holds (ASSISTANT_MAX_QUEUE)
    503  {"error": ...}  the store cannot be reached

At most ASSISTANT_CONCURRENCY questions are answered at once, on worker threads; the event
loop only parses and writes JSON.
"""

from __future__ import annotations

import json
import threading

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from knowledge.errors import StoreError

from .service import MAX_QUESTION_CHARS, Assistant, QuestionError

PATH = "/v1/ask"
MAX_BODY_BYTES = 64 * 1024 + 13 * 4 * MAX_QUESTION_CHARS  # a question and 12 turns, escaped


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


class AskEndpoint:
    """The route's handler: bounded body, bounded waiting, answers on worker threads."""

    def __init__(self, assistant: Assistant, concurrency: int, max_queue: int) -> None:
        self.assistant = assistant
        self.concurrency = max(1, int(concurrency))
        self.limiter = anyio.CapacityLimiter(self.concurrency)
        self.max_queue = max(0, int(max_queue))
        self._admitted = 0  # answering or waiting for a worker
        self._lock = threading.Lock()

    async def handle(self, request: Request) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            return _error(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")
        body = bytearray()
        async for piece in request.stream():
            body += piece
            if len(body) > MAX_BODY_BYTES:
                return _error(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")
        try:
            question, history, k, source = self._parse(bytes(body))
        except QuestionError as exc:
            return _error(400, str(exc))
        with self._lock:
            if self._admitted >= self.concurrency + self.max_queue:
                return _error(
                    429,
                    f"the server is busy ({self._admitted} questions answering or waiting); "
                    "retry in a moment",
                )
            self._admitted += 1
        try:
            result = await anyio.to_thread.run_sync(
                self._answer, question, history, k, source, limiter=self.limiter
            )
        except QuestionError as exc:
            return _error(400, str(exc))
        except StoreError as exc:
            return _error(503, str(exc))
        finally:
            with self._lock:
                self._admitted -= 1
        return JSONResponse(result)

    def _answer(self, question, history, k, source) -> dict:
        return self.assistant.ask(question, history, k=k, source=source).to_json()

    @staticmethod
    def _parse(body: bytes) -> tuple[str, list, int | None, str | None]:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise QuestionError(
                'the body must be JSON: {"question": "...", "history": [...]}'
            ) from None
        if not isinstance(data, dict):
            raise QuestionError('the body must be a JSON object: {"question": "...", ...}')
        unknown = sorted(set(data) - {"question", "history", "k", "source"})
        if unknown:
            raise QuestionError(
                f"unknown field(s) {', '.join(unknown)}: use question, history, k, source"
            )
        k = data.get("k")
        if k is not None and (isinstance(k, bool) or not isinstance(k, int)):
            raise QuestionError('"k" must be a whole number of passages (1 to 20)')
        source = data.get("source")
        if source is not None and not isinstance(source, str):
            raise QuestionError('"source" must be a stored source, as `ingest --list` shows it')
        # The question and history are checked by the Assistant, as for every other caller.
        return data.get("question"), data.get("history") or [], k, source


def ask_route(assistant: Assistant, concurrency: int, max_queue: int) -> Route:
    endpoint = AskEndpoint(assistant, concurrency, max_queue)
    # A bound method, so Starlette wraps it as a request -> response endpoint.
    return Route(PATH, endpoint.handle, methods=["POST"], name="v1_ask")
