"""Side-by-side answers: a Markdown table of aspects, one column per role, every cell cited.

Aspects come from the question's own topic (its content words and their near neighbours in the
library's vocabulary); a question that names no topic gets the career lexicon's aspects. A row
appears only where both sides have evidence on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.schema import Passage
from knowledge.text import content_terms, split_sentences, stem, words

from .citations import CitationSet
from .evidence import Sentence
from .understand import Query
from .understand.lexicon import Aspect, aspects
from .understand.roles import RoleBook
from .understand.vocabulary import specificity

MAX_ROWS = 4
MIN_FIT = 0.3  # one specific aspect word; an everyday one ("work") alone is not enough
CELL_WORDS = 30  # a cell stays readable in a phone-width table
_COMPARATIVE = re.compile(
    r"\b(?<!or )(more|less|fewer|higher|lower|better|worse|than|whereas|unlike|compared|"
    r"differ\w*|\w+er than)\b(?! or)",
    re.I,
)
_STRONG = re.compile(r"\b(than|whereas|unlike|compared (to|with)|while)\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(k|thousand|million)\b", re.I)
_CLAUSE = re.compile(
    r";\s+|\s+[—–]\s+|,\s+(?=(?:while|whereas|but|although|and|which|so|because)\b|\w+ing\b)"
)


@dataclass
class Table:
    text: str
    verdict: Sentence | None
    cited: int  # rows with both sides cited


def side_of(
    sentence: Sentence, passages: list[Passage], sides: list[str], book: RoleBook
) -> int | None:
    """Which side a sentence speaks about: its own mention, else its passage's, else its heading's."""
    keys = [book.keys(s) for s in sides]

    def sides_in(text: str) -> set[int]:
        found = {k for r in book.find(text) for k in book.keys(r)}
        return {i for i, k in enumerate(keys) if k & found}

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
    if len(heading) == 1:
        return heading.pop()
    title = sides_in(p.title)
    return title.pop() if len(title) == 1 else None


def topic_aspects(query: Query, neighbours: list[tuple[str, float]]) -> list[Aspect]:
    """The rows a comparison asks for: the lexicon aspects its topic names, or, for a topic the
    lexicon does not know, one aspect named after the question's own words."""
    asked = set(content_terms(query.comparison.aspect if query.comparison else ""))
    if not asked:
        return []
    near = {s for s, _sim in neighbours}
    named = [a for a in aspects() if a.words & asked]
    if named:
        return [Aspect(a.name, a.words | asked | near) for a in named]
    label = query.comparison.aspect.strip().capitalize()[:40] or "Topic"
    return [Aspect(label, frozenset(asked | near))]


def _fit(sentence: Sentence, aspect: Aspect) -> float:
    """How much a sentence speaks of an aspect: its aspect words, each weighted by how
    specific it is ("salary" says more than "work"); a figure counts for pay."""
    seen = {}
    for w in words(sentence.text):
        st = stem(w)
        if st in aspect.words and st not in seen:
            seen[st] = specificity(w)
    money = 1.0 if aspect.name == "Pay" and _MONEY.search(sentence.text) else 0.0
    return sum(seen.values()) + money


def clause(text: str, aspect: Aspect, limit: int = CELL_WORDS) -> str:
    """The most specific clause of a sentence for this aspect, at most `limit` words: the one
    with most aspect words (a figure counts for pay), then the one that names a role."""
    if len(text.split()) <= limit:
        return text
    parts = [p.strip() for p in _CLAUSE.split(text) if p and len(p.split()) >= 3]

    def fit(part: str) -> tuple:
        money = 2 if aspect.name == "Pay" and _MONEY.search(part) else 0
        return (len(set(content_terms(part)) & aspect.words) + money, -len(part))

    if parts:
        text = max(parts, key=fit)
    return _clip(text, limit)


def _clip(text: str, limit: int = CELL_WORDS) -> str:
    toks = text.split()
    return text if len(toks) <= limit else " ".join(toks[:limit]).rstrip(",;:") + " …"


def build_table(
    query: Query,
    sentences: list[Sentence],
    passages: list[Passage],
    cites: CitationSet,
    book: RoleBook,
    neighbours: list[tuple[str, float]] = (),
    lists=None,
) -> Table:
    """`lists(sentence)` gives (passage index, items) for a sentence that introduces a list."""
    sides = query.comparison.sides
    asked = topic_aspects(query, list(neighbours))
    rest = [a for a in aspects() if a.name not in {x.name for x in asked}]
    # The question's own topic comes first; other career aspects follow where both sides
    # have evidence, so the table shows how the roles differ around it.
    order = asked + rest
    attributed = [(s, side_of(s, passages, sides, book)) for s in sentences]
    focus = set().union(*(a.words for a in asked)) if asked else set()
    verdict = _verdict(attributed, focus, sides, book, passages)
    used: set[tuple[int, int]] = set()
    if verdict is not None:
        used.add((verdict.passage, verdict.position))
    rows: list[tuple[Aspect, list[Sentence]]] = []
    one_sided: list[tuple[Aspect, int, Sentence]] = []
    keys = [book.keys(s) for s in sides]
    lexicon = aspects()
    # "Which pays more?": a cell that itself compares ("slightly lower salaries") answers it.
    comparative = bool(_COMPARATIVE.search(query.question))
    best_fit = {(s.passage, s.position): max(_fit(s, a) for a in lexicon) for s, _ in attributed}
    if not asked:
        # The question names no topic: first what each side is, in its own article's words.
        overview = _overview(attributed, used, keys, book)
        if overview:
            used.update((s.passage, s.position) for s in overview)
            rows.append((Aspect("Overview", frozenset()), overview))
    for aspect in order:
        picks: list[Sentence | None] = []
        for side in range(len(sides)):
            options = []
            for s, sd in attributed:
                if sd != side or (s.passage, s.position) in used:
                    continue
                if s.text.rstrip().endswith(":") and not (lists and lists(s)):
                    continue  # a sentence announcing a list says nothing without its items
                fit = _fit(s, aspect)
                # A sentence fills the row of the aspect it speaks of most: a pay sentence
                # never fills a "day-to-day work" cell because it says "work" once.
                # (A row the question asks for takes a sentence that speaks of it less.)
                share = 0.3 if aspect in asked else 1.0
                if fit < MIN_FIT or fit < share * best_fit.get((s.passage, s.position), 0):
                    continue
                names = (
                    0.5 if {k for r in book.find(s.text) for k in book.keys(r)} & keys[side] else 0
                )
                judges = 1.0 if comparative and _COMPARATIVE.search(s.text) else 0.0
                options.append((min(fit, 3) + names + judges + 2 * s.lexical + 2 * s.dense, s))
            picks.append(max(options, key=lambda o: o[0], default=(0, None))[1])
        found = [p for p in picks if p is not None]
        if len(found) == len(sides):  # every cell must carry evidence
            used.update((s.passage, s.position) for s in found)
            rows.append((aspect, found))
        elif found and aspect in asked:  # asked about, but the articles speak to one side only
            side = next(i for i, p in enumerate(picks) if p is not None)
            used.add((found[0].passage, found[0].position))
            one_sided.append((aspect, side, found[0]))
        if len(rows) >= MAX_ROWS:
            break
    header = "| Aspect | " + " | ".join(title_case(s) for s in sides) + " |"
    lines = [header, "|" + " --- |" * (len(sides) + 1)]
    for aspect, picks in rows:
        cells = []
        for s in picks:
            marks = f"[{cites.cite(s.passage, s.text)}]"
            got = lists(s) if lists and s.text.rstrip().endswith(":") else None
            if got:  # "... should know:" with its items, as one clause
                index, items = got
                text = _clip(f"{s.text} {'; '.join(i.rstrip(';,. ') for i in items)}")
                if index != s.passage:
                    marks += f" [{cites.cite(index, items[0])}]"
            else:
                text = clause(s.text, aspect)
            cells.append(f"{_cell(text)} {marks}")
        lines.append(f"| {aspect.name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) if rows else ""
    for aspect, side, s in one_sided:
        n = cites.cite(s.passage, s.text)
        other = title_case(sides[1 - side]) if len(sides) == 2 else "the other roles"
        text += (
            f"\n\n**{aspect.name}**: {clause(s.text, aspect)} [{n}] "
            f"(the articles do not cover this for {other})"
        )
    return Table(text.strip(), verdict, len(rows))


_DEFINES = re.compile(r"^(?:an?|the)?\s*[\w\s+#/-]{0,40}?\b(is|are|does|do|makes?|builds?)\b", re.I)
_WORD = re.compile(r"[\w'’-]+")


def _says_more(text: str, role: str) -> bool:
    """The sentence says something beyond the role's name: a bare heading ("Site Reliability
    Engineer") or a title line describes nothing."""
    return len(_WORD.findall(text)) - len(_WORD.findall(role)) >= 3


def describes(text: str, side: str, book: RoleBook) -> bool:
    """A sentence of the text has the role as its subject and names no other role ("A data
    engineer builds ..."): the kind of passage that says what the role is."""
    wanted = book.keys(side)
    for sentence in split_sentences(text):
        named = book.find(sentence)
        if not named or not 0 <= sentence.find(named[0]) <= 4:
            continue
        if all(book.keys(r) & wanted for r in named) and _says_more(sentence, named[0]):
            return True
    return False


def _overview(attributed, used, keys, book) -> list[Sentence] | None:
    """Each side's most relevant sentence that names it, a sentence whose subject is the role
    ("A front-end developer architects...") first. A sentence whose first role is another one
    ("An X is a <side> who ...") or that names several roles describes no one side, so it
    comes only after every sentence about this side alone; a bare heading comes last."""
    picks = []
    for side, wanted in enumerate(keys):
        best, best_score = None, (-1, -1, -1.0)
        for s, sd in attributed:
            if sd != side or (s.passage, s.position) in used or s.text.rstrip().endswith(":"):
                continue
            named = book.find(s.text)
            if not named or not {k for r in named for k in book.keys(r)} & wanted:
                continue
            alone = all(book.keys(r) & wanted for r in named)
            starts = s.text.find(named[0]) <= 4
            subject = starts and bool(_DEFINES.match(s.text))
            bonus = 0.15 if subject else (0.1 if starts and alone else 0.0)
            score = (int(_says_more(s.text, named[0])), int(alone), s.score + bonus)
            if score > best_score:
                best, best_score = s, score
        if best is None:
            return None
        picks.append(best)
    return picks


def _verdict(
    attributed, asked: set[str], sides: list[str], book: RoleBook, passages: list[Passage]
) -> Sentence | None:
    """A sentence of the articles that compares the two roles, most related to what was asked:
    it names both, or names one in a passage that speaks of the other."""
    keys = [book.keys(s) for s in sides]
    best, best_score = None, 0.0
    for s, _side in attributed:
        if not _COMPARATIVE.search(s.text):
            continue
        named = {k for r in book.find(s.text) for k in book.keys(r)}
        hits = [bool(k & named) for k in keys]
        if not all(hits):
            if not any(hits):
                continue
            around = passages[s.passage]
            context = f"{around.title}. {around.section}. {around.text}"
            ctx = {k for r in book.find(context) for k in book.keys(r)}
            if not all(k & (named | ctx) for k in keys):
                continue
        terms = set(content_terms(s.text))
        if asked and not terms & asked:
            continue  # a verdict on another topic than the one asked
        score = s.score + 0.4 * s.lexical + 0.2 * len(terms & asked)
        score += 0.3 * all(hits) + 0.2 * bool(_STRONG.search(s.text))
        # "X earns more than Y": the role is the subject the comparison is made about.
        first_role = min((s.text.find(r) for r in book.find(s.text)), default=-1)
        first_cmp = _COMPARATIVE.search(s.text).start()
        score += 0.2 if 0 <= first_role < first_cmp else 0.0
        if score > best_score:
            best, best_score = s, score
    return best


def title_case(side: str) -> str:
    return " ".join(
        w if w.isupper() or not w[:1].islower() else w[:1].upper() + w[1:] for w in side.split()
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
