"""Answers composed from the passages' own sentences, each ending with its [n]."""

from __future__ import annotations

import re

from .citations import CitationSet
from .evidence import Sentence

MAX_WORDS = 120
_LEADS_ON_CONTEXT = re.compile(r"^(it|this|that|they|these|those|he|she|the role|such)\b", re.I)


def select(
    sentences: list[Sentence],
    *,
    wants=None,
    max_words: int = MAX_WORDS,
    max_sentences: int = 4,
) -> list[Sentence]:
    """The best sentences within the word budget, dropping ones far weaker than the best.

    `wants(text) -> bool` says whether a sentence gives the kind of answer asked for (an amount,
    a rate); when no chosen sentence does, the best one that does is added.
    """
    if not sentences:
        return []
    floor = sentences[0].score * 0.72
    chosen: list[Sentence] = []
    used = 0
    for s in sentences:
        if s.score < floor or len(chosen) >= max_sentences:
            break
        n = len(s.text.split())
        if chosen and used + n > max_words:
            continue
        chosen.append(s)
        used += n
    if wants and not any(wants(s.text) for s in chosen):
        extra = next((s for s in sentences if wants(s.text) and s not in chosen), None)
        if extra is not None and extra.score >= 0.35 * sentences[0].score:
            chosen.append(extra)
    return _with_context(chosen, sentences, max_words)


def _with_context(chosen: list[Sentence], pool: list[Sentence], max_words: int) -> list[Sentence]:
    """A sentence opening with "It"/"This role" gets the sentence before it, when it fits."""
    by_pos = {(s.passage, s.position): s for s in pool}
    taken = {(s.passage, s.position) for s in chosen}
    used = sum(len(s.text.split()) for s in chosen)
    out: list[Sentence] = []
    for s in chosen:
        prev = by_pos.get((s.passage, s.position - 1))
        if _LEADS_ON_CONTEXT.match(s.text) and prev and (prev.passage, prev.position) not in taken:
            if used + len(prev.text.split()) <= max_words + 20:
                out.append(prev)
                taken.add((prev.passage, prev.position))
                used += len(prev.text.split())
        out.append(s)
    return _reading_order(out)


def _reading_order(chosen: list[Sentence]) -> list[Sentence]:
    # Best passage first; within one passage keep the author's order so the prose reads right.
    first_rank = {}
    for rank, s in enumerate(chosen):
        first_rank.setdefault(s.passage, rank)
    return sorted(chosen, key=lambda s: (first_rank[s.passage], s.position))


def compose(chosen: list[Sentence], cites: CitationSet) -> str:
    parts = []
    for s in chosen:
        n = cites.cite(s.passage, s.text)
        parts.append(f"{s.text} [{n}]")
    return " ".join(parts)
