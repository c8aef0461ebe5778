"""Number the passages an answer cites and describe each citation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.schema import Passage
from knowledge.text import phrase_span, split_sentences

# A citation shows the sentences its answer quotes with this many sentences of context on each
# side, not the whole passage: the reader checks the claim without reading around it.
EXCERPT_CONTEXT = 1
ELLIPSIS = "…"


class CitationSet:
    """Hands out [n] in order of first use; one number per passage."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self._number: dict[int, int] = {}
        self._quotes: dict[int, list[str]] = {}

    def cite(self, passage_index: int, quote: str, also: Sequence[str] = ()) -> int:
        """The [n] of a passage, remembering what the answer quotes from it: `quote` (the
        first one a passage gets is its citation's "quote") and `also` (a list's other items)."""
        if passage_index not in self._number:
            self._number[passage_index] = len(self._number) + 1
        self._quotes.setdefault(passage_index, []).extend([quote, *also])
        return self._number[passage_index]

    def cited_passages(self) -> list[int]:
        return list(self._number)

    def __len__(self) -> int:
        return len(self._number)

    def build(self, references: dict[str, dict], excerpts: bool = True) -> list[dict]:
        """One description per cited passage, in [n] order. With `excerpts`, its text is the
        part of the passage around what was quoted from it (`excerpt`); an answer written from
        whole passages (a language model's) shows them whole."""
        out = []
        for pi, n in sorted(self._number.items(), key=lambda kv: kv[1]):
            p = self.passages[pi]
            quotes = self._quotes[pi]
            citation = {
                "n": n,
                "source": p.source,
                "title": p.title,
                "section": p.section,
                "text": excerpt(p.text, quotes) if excerpts else p.text,
                "quote": quotes[0],
                "reference": pick_reference(p, quotes[0], references),
            }
            if p.cited_by:  # a page an article's reference led to: which article cites it
                citation["cited_by"] = [c.get("title") or c.get("source", "") for c in p.cited_by]
            out.append(citation)
        return out


def pick_reference(p: Passage, quote: str, references: dict[str, dict]) -> dict | None:
    """The reference the quote itself cites, else the first one its passage cites."""
    refs = [references[r] for r in p.ref_ids if r in references]
    if not refs:
        return None
    for ref in refs:
        name = re.escape(ref.get("authors", "") or ref.get("label", ""))
        if name and re.search(name, quote, re.I):
            refs = [ref]
            break
    ref = refs[0]
    return {"label": ref.get("label", ""), "title": ref.get("title", ""), "url": ref.get("url", "")}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each of its sentences, in order."""
    spans, at = [], 0
    for sentence in split_sentences(text):
        span = phrase_span(text, sentence, at)
        if span is not None:
            spans.append(span)
            at = span[1]
    return spans


def excerpt(text: str, quotes: list[str]) -> str:
    """The sentences of `text` that hold a quote, each with EXCERPT_CONTEXT sentences around
    it; "…" marks what is left out. The whole text when a quote cannot be placed in it (then
    the reader needs all of it to find the claim) or when nothing would be left out."""
    spans = sentence_spans(text)
    hit: set[int] = set()
    for quote in quotes:
        where = phrase_span(text, quote.strip().strip(ELLIPSIS).strip())
        if where is None:
            return text
        hit |= {i for i, (a, b) in enumerate(spans) if a < where[1] and where[0] < b}
    if not hit:
        return text
    keep = sorted(
        {j for i in hit for j in range(i - EXCERPT_CONTEXT, i + EXCERPT_CONTEXT + 1)}
        & set(range(len(spans)))
    )
    if len(keep) == len(spans):
        return text
    runs: list[list[int]] = []
    for i in keep:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    pieces = []
    for run in runs:
        # The first and last sentences reach the text's own ends (a list marker, a closing
        # quote), so nothing of the passage is cut that no sentence holds.
        a = 0 if run[0] == 0 else spans[run[0]][0]
        b = len(text) if run[-1] == len(spans) - 1 else spans[run[-1]][1]
        pieces.append(text[a:b].strip())
    shown = f" {ELLIPSIS} ".join(pieces)
    if keep[0] > 0:
        shown = f"{ELLIPSIS} {shown}"
    if keep[-1] < len(spans) - 1:
        shown = f"{shown} {ELLIPSIS}"
    return shown
