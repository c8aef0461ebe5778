"""Answers over followed references (pages ingested with `ingest --follow-references`).

- A question that names a referenced source ("what does the <publisher> report say ...")
  is answered from that source's own pages, plus the article passages that cite it.
- A figure the answer quotes from an article is shown beside the sentence of the cited page
  that holds the same figure, when it does.
- Passages of a followed page carry "cited by <article>" (knowledge.schema.CITED_BY).
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field

from knowledge.schema import FOLLOWED_FROM, FOLLOWED_REF_IDS, Passage, json_list
from knowledge.text import STOPWORDS, split_sentences, words

# Amounts and rates: "$187,500", "120,000", "$95k", "$1.2M", "35%". Bounded quantifiers only.
_FIGURE = re.compile(
    r"(?<![\w.,])(?:[$€£]\s?\d{1,3}(?:,\d{3}){0,4}(?:\.\d{1,2})?(?:\s?[kKmM]\b)?"
    r"|\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,2})?"
    r"|\d{1,3}(?:\.\d{1,2})?\s?%)"
)
MAX_BESIDE = 2  # cited-page sentences added to one answer


def figures(text: str) -> set[str]:
    """The amounts and rates in a text, normalized: "$187,500" and "187,500" are one figure."""
    out = set()
    for m in _FIGURE.finditer(text):
        raw = m.group(0).lower().replace(" ", "")
        digits = re.sub(r"[^\d.%km]", "", raw)
        if digits.endswith("k"):
            digits = str(int(float(digits[:-1]) * 1000))
        elif digits.endswith("m"):
            digits = str(int(float(digits[:-1]) * 1_000_000))
        out.add(digits)
    return out


@dataclass
class FollowedIndex:
    """What the store knows about followed pages, rebuilt when the store changes."""

    names: dict[str, list[list[str]]] = field(default_factory=dict)  # source -> name word lists
    by_ref: dict[str, str] = field(default_factory=dict)  # citing reference id -> source
    by_article: dict[str, list[str]] = field(default_factory=dict)  # article -> followed sources
    refs_of: dict[str, set[str]] = field(default_factory=dict)  # source -> citing ref ids


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _name_words(name: str) -> list[str]:
    return [w for w in words(name) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def index(retriever, kb) -> FollowedIndex:
    key = retriever.generation
    with _lock:
        got = _cache.get(retriever)
        if got and got[0] == key:
            return got[1]
    idx = FollowedIndex()
    followed = {s: r for s, r in kb.records().items() if FOLLOWED_FROM in r}
    ref_ids = {s: [str(x) for x in json_list(r.get(FOLLOWED_REF_IDS))] for s, r in followed.items()}
    refs = kb.references_by_id([x for ids in ref_ids.values() for x in ids])
    for source, record in followed.items():
        idx.refs_of[source] = set(ref_ids[source])
        names = []
        for ref_id in ref_ids[source]:
            idx.by_ref[ref_id] = source
            ref = refs.get(ref_id) or {}
            names += [_name_words(ref.get("authors", "")), _name_words(ref.get("label", ""))]
        title = _name_words(record.get("title", ""))
        if len(title) >= 3:
            names.append(title)
        idx.names[source] = [n for n in names if n]
        for article in json_list(record.get(FOLLOWED_FROM)):
            idx.by_article.setdefault(str(article), []).append(source)
    with _lock:
        _cache[retriever] = (key, idx)
    return idx


def named_sources(query: str, idx: FollowedIndex) -> list[tuple[str, list[str]]]:
    """Followed sources the question names by publisher, author or page title, with the
    words that named them."""
    asked = set(words(query))
    found = []
    for source, names in idx.names.items():
        for name in names:
            hit = [w for w in name if w in asked]
            if hit and (
                len(hit) == len(name) or (len(name) >= 3 and 3 * len(hit) >= 2 * len(name))
            ):
                found.append((source, hit))
                break
    return found


def with_named_sources(query, query_vec, passages: list[Passage], k: int, retriever, kb):
    """When the question names a followed source: that source's best passages, then the
    article passages that cite it, and the question without the source's name (the name
    routes the question; the page need not repeat it). Otherwise both as they are."""
    if not passages and not retriever.size:
        return passages, query
    idx = index(retriever, kb)
    named = named_sources(query, idx)[:2] if idx.names else []
    if not named:
        return passages, query
    chosen: list[Passage] = []
    for source, _ in named:
        chosen += retriever.search(query, k, query_vector=query_vec, source=source)
    if not chosen:
        return passages, query
    citing = set().union(*(idx.refs_of.get(s, set()) for s, _ in named))
    seen = {p.id for p in chosen}
    chosen += [
        p
        for p in passages
        if p.id not in seen and citing & set(p.ref_ids) and not p.is_reference_list
    ][:2]
    rest = query
    for _, hit in named:
        for w in hit:
            rest = re.sub(rf"(?<![\w']){re.escape(w)}(?:['’]s)?(?![\w'])", " ", rest, flags=re.I)
    rest = re.sub(r"\s+", " ", rest).strip()
    return chosen, rest if content_words(rest) else query


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


def beside(chosen, passages: list[Passage], cites, result: dict, retriever, kb) -> str:
    """For answer sentences quoting a figure from an article: the sentence of the page the
    article cites that holds the same figure, quoted and cited as a passage of its own."""
    idx = index(retriever, kb)
    if not idx.by_ref:
        return ""
    lines: list[str] = []
    used: set[str] = {s.text for s in chosen}  # a sentence the answer already quotes
    for s in chosen:
        claim = passages[s.passage]
        wanted = figures(s.text)
        if not wanted or claim.cited_by:  # no figure, or already a followed page's own words
            continue
        candidates = [idx.by_ref[r] for r in claim.ref_ids if r in idx.by_ref]
        candidates += idx.by_article.get(claim.source, [])
        for source in dict.fromkeys(candidates):
            found = _sentence_with(source, wanted, retriever)
            if found is None or found[1] in used:
                continue
            page, sentence = found
            used.add(sentence)
            index_of = next((i for i, p in enumerate(passages) if p.id == page.id), None)
            if index_of is None:
                passages.append(page)
                result["passages"].append(page.public())
                index_of = len(passages) - 1
            n = cites.cite(index_of, sentence)
            lines.append(f"The cited page, *{page.title}*, says: {sentence} [{n}]")
            break
        if len(lines) == MAX_BESIDE:
            break
    return "".join(f"\n\n{line}" for line in lines)


def _sentence_with(source: str, wanted: set[str], retriever) -> tuple[Passage, str] | None:
    for page in retriever.passages_of(source):
        for sentence in split_sentences(page.text):
            if wanted & figures(sentence):
                return page, sentence
    return None
