"""Number the passages an answer cites and describe each citation."""

from __future__ import annotations

import re

from knowledge.schema import Passage


class CitationSet:
    """Hands out [n] in order of first use; one number per passage."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self._number: dict[int, int] = {}
        self._quote: dict[int, str] = {}

    def cite(self, passage_index: int, quote: str) -> int:
        if passage_index not in self._number:
            self._number[passage_index] = len(self._number) + 1
            self._quote[passage_index] = quote
        return self._number[passage_index]

    def cited_passages(self) -> list[int]:
        return list(self._number)

    def __len__(self) -> int:
        return len(self._number)

    def build(self, references: dict[str, dict]) -> list[dict]:
        out = []
        for pi, n in sorted(self._number.items(), key=lambda kv: kv[1]):
            p = self.passages[pi]
            citation = {
                "n": n,
                "source": p.source,
                "title": p.title,
                "section": p.section,
                "text": p.text,
                "quote": self._quote[pi],
                "reference": pick_reference(p, self._quote[pi], references),
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
