"""Answers kept for a question asked again while the library has not changed.

Many users ask the same popular questions. An extractive answer is a function of the question,
the conversation, k, the source filter and the stored library, so it can be served again
until any write to the store: every write changes the store's stamp (`KnowledgeBase.stamp`),
in any process or replica, and the stamp is part of the key. LLM answers are not kept: a model
may answer differently, and a user asking again may want that.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from .result import AskResult


class AnswerCache:
    """At most `size` answers, least recently used dropped first; `size` 0 keeps none."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[tuple, AskResult] = OrderedDict()
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

    def put(self, key: tuple, result: AskResult) -> None:
        if self.size <= 0:
            return
        kept = result.model_copy(deep=True)
        with self._lock:
            self._kept[key] = kept
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
