"""Embed in a helper process, so that Chroma's writes (which hold the GIL) overlap with
embedding the next batch. Used for large local (WordLlama) ingests only: starting the process
costs about a second. When every input is a local file, the helper also reads, cleans and
splits them (`BackgroundPreparer`): the writing process then only writes, and the two
processes share the work about evenly on two cores.

A plain child process speaking length-prefixed pickles over its stdin/stdout: unlike
multiprocessing's spawn it never re-runs the caller's main script, and unlike fork it does not
inherit Chroma's native threads.
"""

from __future__ import annotations

import pickle
import struct
import subprocess
import sys
import threading
from concurrent.futures import Future

_HEADER = struct.Struct("!Q")


def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream):
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the embedding process ended")
    (size,) = _HEADER.unpack(header)
    return pickle.loads(stream.read(size))


class BackgroundEmbedder:
    """One request in flight at a time: `submit(texts)` returns a Future of the vectors."""

    def __init__(self, max_chars: int) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "ingest.embed_worker", str(max_chars)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._lock = threading.Lock()

    def submit(self, texts: list[str]) -> Future:
        future: Future = Future()
        _send(self._proc.stdin, texts)

        def wait() -> None:
            with self._lock:
                try:
                    future.set_result(_receive(self._proc.stdout))
                except Exception as exc:  # noqa: BLE001 - handed to the caller via the future
                    future.set_exception(exc)

        threading.Thread(target=wait, daemon=True).start()
        return future

    def close(self) -> None:
        try:
            self._proc.stdin.close()
            self._proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()


class BackgroundPreparer:
    """Prepares (`ingest.pipeline.prepare`) and embeds local files in a helper process, in
    batches of at least `batch_chunks` chunks (the first of `first_chunks`, each next twice the
    last until `batch_chunks`), in input order: `batches()` yields each batch
    as a list of (Prepared with its vectors, or None, SourceResult), one per input. The helper
    works on the next batch while the caller writes this one; it is one batch ahead at most
    (it waits for the caller to take a batch before it starts the one after)."""

    def __init__(
        self,
        settings,
        values: list[str],
        known: dict,
        allow: bool,
        batch_chunks: int,
        first_chunks: int | None = None,
    ):
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "ingest.embed_worker", "--prepare"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        first = batch_chunks if first_chunks is None else min(first_chunks, batch_chunks)
        _send(self._proc.stdin, (settings, values, known, allow, (first, batch_chunks)))
        self._proc.stdin.close()
        self._finished = False

    def batches(self):
        while (batch := _receive(self._proc.stdout)) is not None:
            yield batch
        self._finished = True

    def close(self) -> None:
        """Wait for a helper that sent everything; stop one the caller no longer reads from
        (a failed write): its work is of no use then."""
        if not self._finished:
            self._proc.kill()
        try:
            self._proc.stdout.close()
            self._proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()


def _serve_prepare() -> None:
    from knowledge.embeddings.wordllama import WordLlamaEmbedder

    from .pipeline import _prepare_one, assign, texts_of, written

    settings, values, known, allow, (target, batch_chunks) = _receive(sys.stdin.buffer)
    embedder = WordLlamaEmbedder(max_chars=settings.max_embed_chars)
    done: list = []
    size = 0

    def send() -> None:
        ready = [p for p, _ in done if p is not None]
        if ready:
            assign(ready, embedder.embed_batch(texts_of(ready)))
        _send(sys.stdout.buffer, done)

    for value in values:
        prepared, result = _prepare_one(value, None, settings, known, allow)
        done.append((prepared, result))
        if prepared is not None:
            size += len(prepared.chunks)
            known[prepared.source] = written(prepared)  # as the writer will have it
        if size >= target:
            send()
            done, size = [], 0
            target = min(2 * target, batch_chunks)
    if done:
        send()
    _send(sys.stdout.buffer, None)


def _serve(max_chars: int) -> None:
    from knowledge.embeddings.wordllama import WordLlamaEmbedder

    embedder = WordLlamaEmbedder(max_chars=max_chars)
    while True:
        try:
            texts = _receive(sys.stdin.buffer)
        except EOFError:
            return
        _send(sys.stdout.buffer, embedder.embed_batch(texts))


if __name__ == "__main__":
    if sys.argv[1] == "--prepare":
        _serve_prepare()
    else:
        _serve(int(sys.argv[1]))
