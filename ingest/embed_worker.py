"""Embed in a helper process, so that Chroma's writes (which hold the GIL) overlap with
embedding the next batch. Used for large local (WordLlama) ingests only: starting the process
costs about a second.

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
    _serve(int(sys.argv[1]))
