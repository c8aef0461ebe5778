"""Sentence and word helpers shared by ingest and retrieval."""

from __future__ import annotations

import re
from functools import lru_cache

_ABBREV = r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bU\.S)"
_SENTENCE_END = re.compile(_ABBREV + r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(\[$0-9A-Z])")
_WORD = re.compile(r"[a-z0-9$]+(?:[.,'’][a-z0-9]+)*", re.I)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves also tell says say according
    much many get gets there's what's it's does whats article""".split()
)


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking on common abbreviations or numbers."""
    flat = re.sub(r"\s+", " ", text).strip()
    if not flat:
        return []
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem: salary/salaries, earn/earnings and distinct/distinction meet."""
    return _stemmer().stemWord(word)


def content_terms(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]
