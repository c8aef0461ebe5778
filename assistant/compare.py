"""Side-by-side answers: a Markdown table of aspects, one column per role, every cell cited."""

from __future__ import annotations

import re

from knowledge.schema import Passage
from knowledge.text import content_terms

from .citations import CitationSet
from .evidence import Sentence
from .query import find_roles, role_key

# General career aspects; a question that names one gets that row first.
ASPECTS: list[tuple[str, set[str]]] = [
    (
        "Focus",
        set(
            content_terms(
                "focus focuses build building deploy deploying design designing develop daily work works time spend operate integrate role involves train training systems models products"
            )
        ),
    ),
    (
        "Skills",
        set(
            content_terms(
                "skill skills mathematical mathematics math foundation foundations expertise knowledge comfort requires required require background learn algebra statistics probability"
            )
        ),
    ),
    (
        "Pay",
        set(
            content_terms(
                "salary salaries pay pays paid paying compensation compensated earn earns earning income median total $ highest-paying wage"
            )
        ),
    ),
    (
        "Demand and growth",
        set(
            content_terms(
                "growth growing fastest-growing demand numerous market hiring jobs openings emerging trend"
            )
        ),
    ),
    (
        "Best fit",
        set(
            content_terms(
                "background fit suits choose choosing path accessible entry transition transitioning strengths enjoy prefer"
            )
        ),
    ),
]
_COMPARATIVE = re.compile(
    r"\b(more|less|higher|lower|better|worse|than|generally|depends|either way|whereas|while|both|\w+er than|distinction|stronger|deeper|closer|easier|harder|greater|sharper|faster)\b",
    re.I,
)
_JUDGEMENT = re.compile(r"\b(generally|than|in comparing|overall|depends)\b", re.I)


def side_of(sentence: Sentence, passages: list[Passage], keys: list[str]) -> int | None:
    """Which side a sentence speaks about: its own mention, else its passage's, else its heading's."""

    def sides_in(text: str) -> set[int]:
        found = {role_key(r) for r in find_roles(text)}
        return {i for i, k in enumerate(keys) if k in found}

    own = sides_in(sentence.text)
    if len(own) == 1:
        return own.pop()
    if own:
        return None
    p = passages[sentence.passage]
    lead = sides_in(p.text.split(". ")[0])
    if len(lead) == 1:
        return lead.pop()
    heading = sides_in(p.section.split(":")[-1])
    return heading.pop() if len(heading) == 1 else None


_MONEY = re.compile(r"[$€£]\s?\d|\b\d+k\b", re.I)
PAY = ASPECTS[2][1]


def _names(sentence: Sentence, key: str) -> float:
    """A sentence that names its role is clearer in a table cell than one that says "the role"."""
    return 1.0 if key in {role_key(r) for r in find_roles(sentence.text)} else 0.0


def aspect_score(sentence: Sentence, words: set[str]) -> float:
    terms = set(content_terms(sentence.text))
    return len(terms & words) + (1 if words is PAY and _MONEY.search(sentence.text) else 0)


def build_table(
    sides: list[str],
    aspect_query: str,
    sentences: list[Sentence],
    passages: list[Passage],
    cites: CitationSet,
) -> tuple[str, Sentence | None]:
    keys = [role_key(s) for s in sides]
    asked = set(content_terms(aspect_query))
    order = sorted(ASPECTS, key=lambda a: -len(a[1] & asked))
    if asked and any(a[1] & asked for a in ASPECTS):
        order = [a for a in order if a[1] & asked] + [a for a in order if not a[1] & asked][:2]
    attributed = [(s, side_of(s, passages, keys)) for s in sentences]
    used: set[tuple[int, int]] = set()
    rows: list[tuple[str, list[Sentence]]] = []
    one_sided: list[tuple[str, int, Sentence]] = []
    for name, words in order:
        picks: list[Sentence | None] = []
        for side in range(len(sides)):
            options = [
                (min(aspect_score(s, words), 3) + _names(s, keys[side]), s)
                for s, sd in attributed
                if sd == side and (s.passage, s.position) not in used
            ]
            # Two aspect words, or one in a sentence that names its role; then relevance decides.
            options = [(fit + 3 * s.lexical + s.dense, s) for fit, s in options if fit >= 2]
            best = max(options, key=lambda o: o[0], default=(0, None))[1]
            picks.append(best)
        found = [p for p in picks if p is not None]
        if len(found) == len(sides):  # every cell must carry evidence
            used.update((s.passage, s.position) for s in found)
            rows.append((name, found))
        elif found and words & asked:  # asked about, but the articles speak to one side only
            side = next(i for i, p in enumerate(picks) if p is not None)
            used.add((found[0].passage, found[0].position))
            one_sided.append((name, side, found[0]))
    focus = set().union(*[a[1] for a in ASPECTS if a[1] & asked]) | asked
    verdict = _verdict(attributed, focus, used)
    header = "| Aspect | " + " | ".join(_title(s) for s in sides) + " |"
    lines = [header, "|" + " --- |" * (len(sides) + 1)]
    for name, picks in rows:
        cells = [(s, cites.cite(s.passage, s.text)) for s in picks]
        lines.append(f"| {name} | " + " | ".join(f"{_cell(s.text)} [{n}]" for s, n in cells) + " |")
    table = "\n".join(lines) if rows else ""
    for name, side, s in one_sided:
        n = cites.cite(s.passage, s.text)
        table += f"\n\n**{name}** (the articles speak only of {_title(sides[side])}s here): {s.text} [{n}]"
    return table.strip(), verdict


def _verdict(attributed, asked: set[str], used) -> Sentence | None:
    """The article's own comparative judgement most related to what was asked."""
    best, best_score = None, 0.0
    for s, _side in attributed:
        if (s.passage, s.position) in used or not _COMPARATIVE.search(s.text):
            continue
        terms = set(content_terms(s.text))
        score = s.score + 0.4 * s.lexical + 0.2 * len(terms & asked)
        score += 0.2 if _JUDGEMENT.search(s.text) else 0.0
        if score > best_score:
            best, best_score = s, score
    return best


def verdict_subject(verdict: Sentence, passages: list[Passage], sides: list[str]) -> str:
    """ " (Machine Learning Engineer)" when the verdict says only "this role" about one side."""
    if find_roles(verdict.text):
        return ""
    side = side_of(verdict, passages, [role_key(s) for s in sides])
    return f" ({_title(sides[side])})" if side is not None else ""


def _title(side: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in side.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
