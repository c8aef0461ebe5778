"""Answers kept for a question asked again while the library has not changed.

Many users ask the same popular questions. An extractive answer is a function of the question,
the conversation, k, the source filter and the stored library, so it can be served again
until any write to the store: every write changes the store's stamp (`KnowledgeBase.stamp`),
in any process or replica, and the stamp is part of the key. LLM answers are not kept: a model
may answer differently, and a user asking again may want that.

The same question asked by several users at once (a suggested question, a burst) is answered
once: the first asker claims the key, the others wait for its answer (`claim`), instead of
each computing the same answer on the same two cores.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from .result import AskResult


class AnswerCache:
    """At most `size` answers, least recently used dropped first; `size` 0 keeps none."""

    # How long a second asker waits for the first one's answer before answering itself (an
    # answer that takes longer is not being computed any more cheaply by waiting).
    WAIT_S = 30.0

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[tuple, AskResult] = OrderedDict()
        self._pending: dict[tuple, threading.Event] = {}  # keys being answered now
        self._lock = threading.Lock()  # the web app answers several questions at once

    @staticmethod
    def key(
        stamp: str | None, question: str, turns: list[dict], k: int, source: str | None
    ) -> tuple:
        return (stamp, question, tuple((t["role"], t["content"]) for t in turns), k, source)

    def get(self, key: tuple) -> AskResult | None:
        """A copy of the kept answer (callers may change theirs), or None."""
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
        return found.model_copy(deep=True)

    def claim(self, key: tuple, wait_s: float | None = None) -> AskResult | None:
        """The kept answer (a copy), waiting for it while another asker is answering the same
        key; None when the caller is to answer it: the key is then the caller's until it calls
        `put` or `release` (in a `finally`, so that a failed answer never holds others up)."""
        deadline = None
        while True:
            with self._lock:
                found = self._kept.get(key)
                if found is not None:
                    self._kept.move_to_end(key)
                    return found.model_copy(deep=True)
                answering = self._pending.get(key)
                if answering is None or deadline is not None and deadline <= 0:
                    self._pending.setdefault(key, threading.Event())
                    return None
            if deadline is None:
                deadline = self.WAIT_S if wait_s is None else wait_s
            started = time.monotonic()
            answering.wait(max(0.0, deadline))
            deadline -= time.monotonic() - started

    def release(self, key: tuple) -> None:
        """The claim on `key` ends (answered or not): whoever waits looks again."""
        with self._lock:
            answering = self._pending.pop(key, None)
        if answering is not None:
            answering.set()

    def put(self, key: tuple, result: AskResult) -> None:
        if self.size > 0:
            kept = result.model_copy(deep=True)
            with self._lock:
                self._kept[key] = kept
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        self.release(key)

    def __len__(self) -> int:
        return len(self._kept)
