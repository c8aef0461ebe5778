"""Answering strategies behind one small interface.

A strategy turns the evidence for one `Query` into a `Draft`. It is a generator: it may yield
streaming events ({"type": "delta", ...}) and returns its draft, so the service runs every
strategy the same way: `draft = yield from strategy.answer(evidence)`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import Protocol

from knowledge.sanitize import display_text, source_name
from knowledge.schema import AUTHORS, FOLLOWED_FROM, PUBLISHED, Passage
from knowledge.text import (
    STOPWORDS,
    TABLE_ROW,
    content_terms,
    fold_accents,
    split_sentences,
    stem,
    words,
)

from . import compare, extractive, followed
from .citations import CitationSet
from .evidence import (
    _GIVES_REASON as _SAYS_A_REASON,
)
from .evidence import (
    EVERYDAY,
    FOCUS_SPECIFICITY,
    LEXICON_MATCH,
    Sentence,
    TermMatcher,
    answer_type_test,
    asked_for,
    asks_way_in,
    asks_yes_no,
    heading_of,
    items_brought,
    kin_of_any,
    listed_things,
    long_form,
    names_things,
    row_cells,
    score_sentences,
    sections_asking,
    speaks_of_any,
    topic_words,
)
from .retrieve import Retriever
from .understand import Query
from .understand.lexicon import aspect_named, aspects
from .understand.query import (
    SUMMARY_WORDS,
    abbreviation_asked,
    answer_kind,
    asks_date_too,
    names_writing,
    self_described,
)
from .understand.roles import BARE_ROLE, kind_of
from .understand.sides import become_phrase
from .understand.vocabulary import source_words, specificity
from .verify import strip_links

Events = Generator[dict, None, "Draft"]

MIN_SHOWN_WORDS = 5  # a run of an answer this long, found in a passage, shows that passage
# What splits an answer into the runs of text it quotes: citation markers, ellipses, table
# cells, line breaks, bold labels
_ANSWER_BREAK = re.compile(r"\[\d{1,3}\]|…|\.\.\.|\||\n|\*\*[^*\n]{0,80}\*\*")


def _plain_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def answer_runs(answers: list[str]) -> list[str]:
    """The runs of text the answers quote, as plain words (MIN_SHOWN_WORDS or more each)."""
    runs = []
    for answer in answers:
        for run in _ANSWER_BREAK.split(answer[:20_000]):
            plain = _plain_words(run)
            if len(plain.split()) >= MIN_SHOWN_WORDS:
                runs.append(plain)
    return runs


def quoted_from(passage: Passage, runs: list[str]) -> bool:
    """An answer quoted the passage: one of its runs is in the passage's text."""
    plain = _plain_words(passage.text[:20_000])
    return any(run in plain for run in runs)


@dataclass
class Evidence:
    """What a strategy may read: the query, its passages and sentences, and lookups."""

    query: Query
    passages: list[Passage]
    sentences: list[Sentence]
    matcher: TermMatcher
    retriever: Retriever
    references: Callable[[list[str]], dict[str, dict]]  # ref ids -> reference records
    record: Callable[[str], dict | None]  # source -> its stored metadata record
    history: list[dict] = field(default_factory=list)  # earlier turns, cleaned
    kb: object = None  # the knowledge base, for answers over followed references
    query_vec: object = None  # the question's embedding, for sentences scored later
    source: str | None = None  # the one article the question is limited to, if any
    # "tell me more": the runs of text the answers before quoted (`answer_runs`); a passage
    # holding one is not read again
    shown: list[str] = field(default_factory=list)


@dataclass
class Draft:
    answer: str = ""
    citations: list[dict] = field(default_factory=list)
    mode: str = "extractive"
    abstained: bool = False
    unsupported: list[dict] = field(default_factory=list)
    removed_markers: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)
    added_passages: list[dict] = field(default_factory=list)  # cited beyond the retrieved
    incomplete: bool = False
    notice: str | None = None


def shown_at(passages: list[Passage], passage: Passage, draft: Draft) -> int:
    """The index of `passage` among the answer's passages; one the retrieval did not bring is
    added to them, and to what the answer reports it showed."""
    index = next((i for i, p in enumerate(passages) if p.id == passage.id), None)
    if index is None:
        passages.append(passage)
        draft.added_passages.append(passage.public())
        index = len(passages) - 1
    return index


class Strategy(Protocol):
    name: str

    def answer(self, evidence: Evidence) -> Events: ...


def reference_urls(refs: dict[str, dict]) -> set[str]:
    """The only URLs an answer may link to: those of the references its passages cite."""
    return {r["url"] for r in refs.values() if r.get("url")}


def _references(evidence: Evidence, passages: list[Passage]) -> dict[str, dict]:
    return evidence.references([r for p in passages for r in p.ref_ids])


def _finish(evidence: Evidence, answer: str, cites: CitationSet, draft: Draft) -> Draft:
    refs = _references(evidence, cites.passages)
    # Article text is quoted as it is, but an image or outside link written into an article
    # must not render in the chat: only the articles' own reference URLs stay.
    draft.answer = strip_links(answer, reference_urls(refs), draft.stripped)
    draft.citations = cites.build(refs)
    return draft


def list_of(
    evidence: Evidence, s: Sentence, passages: list[Passage], draft: Draft, open_ended=False
):
    """(passage index, items) of the list a sentence introduces: from the rest of its passage,
    or, when the list opens the next chunk, from that chunk (then added to the passages).
    `open_ended`: a sentence with no end punctuation ("... something like") may introduce one."""
    if not (extractive.introduces_list(s) or open_ended and extractive.open_ended(s.text)):
        return None
    own = passages[s.passage]
    items = extractive.list_items(extractive.text_after(own.text, s.text))
    if items:
        return s.passage, items
    _before, after = evidence.retriever.neighbour_passages(own)
    items = extractive.list_items(after.text) if after is not None else []
    if not items:
        headings = _sections_counted(evidence.retriever, s, own)
        return (s.passage, headings) if headings else None
    index = shown_at(passages, after, draft)
    return index, items


# "There are three important components of developing one's career:": how many things a lead-in
# announces (general English number words, or figures)
_COUNTED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+(?:[\w'’-]{1,30}\s+){0,3}?"
    r"(?:things|components|steps|stages|parts|pillars|areas|types|kinds|ways|tracks|paths|"
    r"skills|qualities|reasons|levels|phases|principles|factors|elements|categories|roles)\b",
    re.I,
)
_NUMBER_WORDS = {
    w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)
}
HEADING_ITEM_WORDS = 8  # a section heading read as an item is short


def _sections_counted(retriever: Retriever, s: Sentence, own: Passage) -> list[str]:
    """The headings of the sections a lead-in that ends its passage announces by number ("There
    are three important components of developing one's career:" then the sections Structure,
    Individual Initiative and Opportunity): the next that many sections of its article, each
    a short heading. Empty when the sentence counts nothing or the article has too few."""
    if extractive.text_after(own.text, s.text).strip():
        return []
    m = _COUNTED.search(s.text[:500])
    if not m:
        return []
    word = m.group(1).lower()
    wanted = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    found: list[str] = []
    for p in retriever.passages_of(own.source):
        if p.chunk_index <= own.chunk_index or p.section == own.section or p.section in found:
            continue
        if not p.section or len(p.section.split()) > HEADING_ITEM_WORDS:
            return []
        found.append(p.section)
        if len(found) == wanted:
            return found
    return []


CONTINUATION_WORDS = 40  # at most this long, the sentence a colon announces is quoted


def continuation_of(evidence: Evidence, s: Sentence, passages: list[Passage], draft: Draft):
    """(passage index, sentence) that a sentence ending in a colon (or in no punctuation at all)
    announces when no list follows it ("... as the chief nurse put it:" then the quote): the next
    sentence of its passage, or the first of the next chunk (then added to the passages)."""
    if not (extractive.introduces_list(s) or extractive.open_ended(s.text)):
        return None
    own = passages[s.passage]
    rest = extractive.text_after(own.text, s.text).strip()
    index = s.passage
    if not rest:
        _before, after = evidence.retriever.neighbour_passages(own)
        if after is None or after.section != own.section:  # a new section answers other things
            return None
        rest, index = after.text.strip(), None
    first = split_sentences(rest)[:1]
    if not first or len(first[0].split()) > CONTINUATION_WORDS:
        return None
    if index is None:
        index = shown_at(passages, after, draft)
    return index, first[0]


# A sentence opening with the reply to a yes/no question (general English)
_REPLIES_YES_NO = re.compile(r"^\W{0,3}(?:yes|no)\b\s{0,2}[,.!;:—–-]", re.I)


# "What references does it list?", "Which sources does the article cite?": the whole list.
_ASKS_FOR_LIST = re.compile(
    r"\b(?:references|sources|citations|bibliography|works cited|further reading)\b", re.I
)


_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
_MARKER = re.compile(r"\s*\[\d{1,3}\]")
# A comparison table's verdict line: "**Verdict:** ..." or "**Verdict (Plumber):** ..."
_VERDICT = re.compile(r"^\*\*Verdict[^*\n]{0,120}\*\*\s{0,4}(.{1,1000})$", re.M)
_ITEM_MARK = re.compile(r"^(?:[-*•+]|\d{1,3}[.)])\s+")  # an entry's own list marker
_FILE_WORDS = re.compile(r"[-_./]+")  # "practitioners-guide.html": "practitioners guide html"
_ITEM_LINE = re.compile(r"^\s{0,8}(?:[-*•+]|\d{1,3}[.)])\s+\S")
# A sentence that gives the reason for the one before it.
_GIVES_REASON = re.compile(
    r"^(?:because|since|so|that's why|that is why|this is (?:because|why)|the reason|due to"
    r"|as a result|otherwise)\b",
    re.I,
)


ANSWER_WORDS = extractive.MAX_WORDS + 20  # the sentences with the list items they bring


def _within_budget(chosen: list[Sentence], lists: dict) -> list[Sentence]:
    """The chosen sentences, the last ones left out while the answer, with the list items and
    announced sentences they bring, runs past about 120 words."""

    def size(s: Sentence) -> int:
        got = lists.get((s.passage, s.position))
        extra = got[1] if got else []
        brought = [extra] if isinstance(extra, str) else list(extra)
        return len(s.text.split()) + sum(len(t.split()) for t in brought)

    kept = list(chosen)
    while len(kept) > 1 and sum(size(s) for s in kept) > ANSWER_WORDS:
        kept.pop()
    return kept


def _whose(evidence: Evidence, s: Sentence) -> str | None:
    """The role a chosen sentence speaks of, when it is a person's: "a strong software
    engineering background" speaks of a field, which no answer can say a thing is "said of"
    (a field the library learnt as a role's name counts)."""
    matcher = evidence.matcher
    role = matcher.role_spoken_of(s.text, evidence.passages[s.passage])
    if role and role.lower().endswith("ing") and role.lower() not in matcher.book.phrases:
        return None
    return role


def _told_of_another(evidence: Evidence, chosen: list[Sentence]) -> str | None:
    """The other role every chosen sentence speaks of, when a question names one role and no
    chosen sentence is about it ("This role demands linear algebra", under "What ML engineers
    do", for "Do AI engineers need linear algebra?"): the answer must say whose it is. None
    when some sentence is about the asked role, or speaks of no role, or of several."""
    query = evidence.query
    if len(query.roles) != 1 or query.comparison is not None or query.followup or not chosen:
        return None
    if self_described(query.question, query.roles[0]):
        return None  # "I'm a web developer ...": the asker's own job, not what is asked of
    if any(s.on_role or not s.off_role for s in chosen):
        return None
    matcher = evidence.matcher
    book = matcher.book
    # (a sentence about another role's field, "the ML engineering path offers ...", goes with
    # the others: it is no more about the asked role than they are)
    whose = [_whose(evidence, s) for s in chosen]
    spoken = [
        r
        for r, s in zip(whose, chosen, strict=True)
        if r is not None or matcher.role_spoken_of(s.text, evidence.passages[s.passage]) is None
    ]
    if not spoken or None in spoken or any(book.same(r, query.roles[0]) for r in spoken):
        return None
    if any(kind_of(r, query.roles[0]) for r in spoken):
        return None  # "interim managers" for "a manager": a kind of the role asked, no other
    # (two others: "of data scientists and ML engineers, not of AI engineers")
    others: list[str] = []
    for r in spoken:
        if not any(book.same(r, o) for o in others):
            others.append(r)
    return " and ".join(others) if len(others) <= 2 else None


def _led_by_another(evidence: Evidence, chosen: list[Sentence]):
    """(other role, its sentences, the asked role's) when a question names one role and
    the answer opens with sentences about one other role ("This role demands ... distributed computing
    frameworks", under "What ML engineers do", for "Does an AI engineer need distributed
    computing?") before some about the asked role: the answer must say whose each part is.
    None otherwise."""
    query = evidence.query
    if len(query.roles) != 1 or query.comparison is not None or query.followup:
        return None
    if self_described(query.question, query.roles[0]):
        return None  # (the asker's own job: see `_told_of_another`)
    # another role's sentence first reads as the asked role's: the "yes" of a yes/no question;
    # the answer of any other when some of those sentences name no role themselves ("This role
    # demands ..." for "What math do AI engineers need?"); sentences that each name their role
    # say whose they are ("When a team member is pursuing a people manager role, we apply an
    # interim period" for "What is an interim manager?")
    if not chosen or chosen[0].on_role or not chosen[0].off_role:
        return None
    matcher = evidence.matcher
    book = matcher.book
    other = _whose(evidence, chosen[0])
    if other is None or book.same(other, query.roles[0]) or kind_of(other, query.roles[0]):
        return None
    theirs = [
        s
        for s in chosen
        if s.off_role
        and not s.on_role
        and book.same(matcher.role_spoken_of(s.text, evidence.passages[s.passage]) or "", other)
    ]
    if not asks_yes_no(query.question) and all(book.find(s.text) for s in theirs):
        return None
    # (a sentence about a third role is neither's: left out rather than shown as the asked one's)
    own = [s for s in chosen if s not in theirs and (s.on_role or not s.off_role)]
    if not any(s.on_role for s in own):
        return None
    return other, theirs, own


def _focus_told_of_another(
    evidence: Evidence, pool: list[Sentence], chosen: list[Sentence]
) -> tuple[str, Sentence] | None:
    """(other role, its sentence) when a yes/no question about one role asks for a thing
    ("Do data scientists use Kubernetes?") that no chosen sentence writes, and the best
    sentence that does (with the list it brings: "The skills data engineers need include: …
    Kubernetes and Terraform") is about another role: the answer must say whose it is rather
    than answer with the role's sentences that never name the thing. None otherwise."""
    query = evidence.query
    if len(query.roles) != 1 or query.comparison is not None or query.followup:
        return None
    if not asks_yes_no(query.question):
        return None
    wanted = asked_for(query.question, query.roles)
    if len(wanted) != 1:
        return None
    choices = [{stem(w) for w in choice} for choice in wanted[0]]
    if any(aspect_named(c) or kin_of_any(c) for c in choices):
        return None  # "Is the pay better for X?": a career aspect is met by its kin, in any words

    def writes(s: Sentence) -> bool:
        p = evidence.passages[s.passage]
        said = {stem(w) for w in words(f"{s.text} {items_brought(s, p)}")}
        return any(c <= said for c in choices)

    if any(writes(s) for s in chosen):
        return None
    met = sorted((s for s in pool if writes(s)), key=lambda s: -s.score)
    if not met or any(s.on_role for s in met):
        return None
    best = met[0]
    other = _whose(evidence, best)
    if other is None or evidence.matcher.book.same(other, query.roles[0]):
        return None
    if kind_of(other, query.roles[0]):
        return None  # "interim managers" for "a manager": a kind of the role asked
    return other, best


class ExtractiveStrategy:
    """The passages' own best sentences, each with its [n]; source questions also quote the
    reference-list entry behind them."""

    name = "extractive"

    def answer(self, evidence: Evidence) -> Events:
        listed = (
            self._reference_list(evidence)
            or self._reason_after(evidence)
            or self._headed_list(evidence)
            or self._numbered_steps(evidence)
        )
        if listed is not None:
            return listed
        pool = evidence.sentences
        if evidence.query.intent != "source":
            # A reference-list entry names a source; it answers only a question about sources
            # ("Gartner Research" is no answer to "research or engineering?").
            pool = [s for s in pool if not evidence.passages[s.passage].is_reference_list]
        if not asks_yes_no(evidence.query.text) and not evidence.query.followup:
            # "Yes, but a PA would need to become a nurse first": a FAQ's reply to its own
            # yes/no question reads as nonsense after "How long is PA school?"
            pool = [s for s in pool if not _REPLIES_YES_NO.match(s.text)]
        for _attempt in range(2):
            draft = Draft()
            passages = list(evidence.passages)
            cites = CitationSet(passages)
            chosen = extractive.select(
                pool,
                wants=answer_type_test(evidence.query),
                own_role=len(evidence.query.roles) == 1 and not evidence.query.followup,
                # (asked by this question itself: a kind carried from "Which pays more?" into
                # "so which one should I choose?" is no answer to lead with)
                lead_wanted=not evidence.query.explains
                and evidence.query.intent != "source"
                and answer_kind(evidence.query.question) == evidence.query.wants,
            )
            lists = self._lists(evidence, chosen, passages, draft)
            # A sentence that announces what it cannot bring ("... asked a few questions:" at
            # the end of a section) would leave the reader hanging: choose again without it.
            dangling = [
                s
                for s in chosen
                if self._announces(s, passages) and (s.passage, s.position) not in lists
            ]
            if not dangling:
                break
            pool = [s for s in pool if s not in dangling]
            if _attempt:
                chosen = [s for s in chosen if s not in dangling]
        chosen = _within_budget(chosen, lists)
        elsewhere = _focus_told_of_another(evidence, pool, chosen)
        if elsewhere:  # "Do data scientists use Kubernetes?": the data engineers' list has it
            chosen = [elsewhere[1]]
            lists = self._lists(evidence, chosen, passages, draft)
        told_of = elsewhere[0] if elsewhere else _told_of_another(evidence, chosen)
        led = None if told_of else _led_by_another(evidence, chosen)
        if told_of:  # "Do AI engineers need linear algebra?" answered from the ML section
            text = extractive.compose(chosen, cites, lists)
            text = f"The articles say this of {told_of}, not of {evidence.query.roles[0]}: {text}"
        elif led:  # ... and from the AI section too: whose each part is
            other, theirs, own = led
            text = (
                f"The articles say this of {other}, not of {evidence.query.roles[0]}: "
                f"{extractive.compose(theirs, cites, lists)} "
                f"Of {evidence.query.roles[0]}: {extractive.compose(own, cites, lists)}"
            )
        else:
            text = extractive.compose(chosen, cites, lists)
        if evidence.query.intent == "source":
            text += self._source_entries(evidence, chosen, passages, cites, draft)
        # A figure quoted from an article, beside the cited page's own sentence holding it.
        added = {"passages": draft.added_passages}
        text += followed.beside(chosen, passages, cites, added, evidence.retriever, evidence.kb)
        return _finish(evidence, text, cites, draft)
        yield  # a generator, like every strategy

    MAX_ENTRIES = 8  # reference-list entries one answer quotes
    HEADED_LIST_SOURCES = 2  # the articles of the passages retrieved first, where such a list is
    MIN_LIST_ITEMS = 2

    def _headed_list(self, evidence: Evidence) -> Draft | None:
        """ "What skills do I need ...?" where an article lists them under a heading naming
        them ("## Skills you need", then "- Learning theory", "- Authoring tools ...") with no
        sentence introducing the list: its items, having no sentence end, are labels that
        answer nothing one by one, but the list answers as a whole. Only for a question asking
        which things (its noun phrase, "skills", named by the heading's own words), a list of
        plain items (no link, no reference entry) in one of the articles retrieved first (its
        passage need not be retrieved: items alone hardly match a question). None otherwise."""
        query = evidence.query
        if query.intent == "source" or not names_things(query.question):
            return None
        wanted = [
            {stem(w) for w in focus}
            for choices in listed_things(query.question, query.roles)
            for focus in choices
        ]
        if not wanted:
            return None
        sources = list(dict.fromkeys(p.source for p in evidence.passages))
        asked = {stem(w) for w in words(query.question) if w not in STOPWORDS}
        # the question's rare words besides the things asked for ("plumber" in "What tools does
        # a plumber need?"): what the list's article must speak of when no known role is named
        things = set().union(*wanted)
        # ... and a less rare word some retrieved passage writes ("sales" in "What skills do you
        # need for sales?"): it tells the articles apart, so the list's article must write it
        # too (a therapist article's "Skills you need" is no answer for sales)
        retrieved = {stem(w) for p in evidence.passages for w in words(p.text)}
        subject = [
            w
            for w in query.topic
            if stem(w) not in things
            and (
                specificity(w) >= SUBJECT_WORD or specificity(w) > EVERYDAY and stem(w) in retrieved
            )
        ]
        book = evidence.retriever.library.roles
        wanted_roles = set().union(*(book.keys(r) for r in query.roles))

        def heads_role(heading: str) -> bool:  # the heading's path names a role asked
            return any(book.keys(f) & wanted_roles for f in book.find(heading))

        names_role = heads_role if wanted_roles else None
        for source in sources[: self.HEADED_LIST_SOURCES]:
            article = evidence.retriever.passages_of(source)
            if not _speaks_of(article, query.roles, evidence.retriever.library.roles, subject):
                continue  # another role's skills list ("What does a vet tech need?")
            found = self._list_under(article, wanted, asked, names_role)
            if found is None:
                continue
            p, lead, items = found
            draft = Draft()
            passages = list(evidence.passages)
            index = shown_at(passages, p, draft)
            cites = CitationSet(passages)
            n = cites.cite(index, items[0], also=items[1:] + ([lead] if lead else []))
            title = " ".join(display_text(p.title).split())
            head = heading_of(p).split(" — ")[-1]
            if not any(focus <= {stem(w) for w in words(head)} for focus in wanted):
                head = heading_of(p)  # "Pros and cons — Accountant": the parent names them
            head = " ".join(display_text(head).split())
            bullets = "\n".join(f"- {item}" for item in items)
            if lead:
                lead = " ".join(display_text(lead).split())
                text = f"*{title}*, under “{head}”: {lead}\n\n{bullets} [{n}]"
            else:
                text = f"*{title}* lists, under “{head}”:\n\n{bullets} [{n}]"
            return _finish(evidence, text, cites, draft)
        return None

    MIN_STEPS = 3  # numbered steps a section must give, 1 to n
    MAX_STEP_WORDS = 15  # a step's own first sentence: its title ("Earn a degree in nursing.")

    def _numbered_steps(self, evidence: Evidence) -> Draft | None:
        """ "How do I become a midwife?" where the role's article sets out the way in as
        numbered steps, each opening on a short sentence of its own ("1. Earn a nursing
        degree. ...", "2. Pass the licensing exam. ..."), under a heading about getting in
        ("Step by step: how to become a midwife"): those opening sentences, in order, answer
        as a whole, though the steps are long and split over several passages, none of which
        the retrieval need rank first. None otherwise."""
        query = evidence.query
        if (
            len(query.roles) > 1
            or not asks_way_in(query)
            or not _ASKS_THE_WAY.match(query.question)
        ):
            return None  # ("Is becoming a midwife worth it?" asks no way in)
        book = evidence.retriever.library.roles
        # the role asked, or (one the library does not know as a role) the words of what is
        # to be become, which the article's title must write: "How to Become a Midwife"
        becoming = {stem(w) for w in words(become_phrase(query.question))} - {
            stem(w) for w in STOPWORDS
        }
        if not query.roles and not becoming:
            return None
        sources = list(dict.fromkeys(p.source for p in evidence.passages))
        for source in sources[: self.HEADED_LIST_SOURCES]:
            article = evidence.retriever.passages_of(source)
            if not article or query.roles and not _speaks_of(article, query.roles, book):
                continue
            if not query.roles and not becoming <= {stem(w) for w in words(article[0].title)}:
                continue
            found = _steps_in(article, self.MIN_STEPS, self.MAX_STEP_WORDS)
            if found is None:
                continue
            head, steps = found
            draft = Draft()
            passages = list(evidence.passages)
            cites = CitationSet(passages)
            lines = []
            for number, (p, lead) in enumerate(steps, 1):
                n = cites.cite(shown_at(passages, p, draft), lead)
                lines.append(f"{number}. {lead} [{n}]")
            title = " ".join(display_text(steps[0][0].title).split())
            head = " ".join(display_text(head).split())
            text = f"*{title}* sets out the steps, under “{head}”:\n\n" + "\n".join(lines)
            return _finish(evidence, text, cites, draft)
        return None

    MAX_LEAD_WORDS = 12  # a line introducing a list ("Night nurses need:"), not a paragraph

    def _list_under(
        self, passages: list[Passage], wanted: list[set[str]], asked=frozenset(), names_role=None
    ):
        """(passage, lead, items) of the first passage of an article that opens, right under a
        heading naming one of the `wanted` things, with a list of plain items, most with no
        sentence end, or with short lines each introducing one (`lead`: "Night nurses need:",
        "Day nurses need:"); None when there is none. Among lists with leads, the one whose
        lead shares the most words with the question (the `asked` stems) wins: the list it
        gives the role asked about. `names_role(heading)`: the heading (with its parents)
        names a role asked about; such a list comes first ("Pastry chef — Skills" for a
        pastry chef, beside "Sous chef — Skills")."""
        found = []
        named_things = set().union(*wanted) if wanted else set()
        for p in passages:
            heading = heading_of(p)
            if p.is_reference_list or not heading:
                continue
            own = {stem(w) for w in words(heading.split(" — ")[-1])}
            # the things may be named by the parent heading, the role by its own ("Pros and
            # cons — Accountant")
            named = own | {stem(w) for w in words(heading)}
            if not any(focus <= named for focus in wanted):
                continue
            for lead, text in _led_lists(p.text, self.MAX_LEAD_WORDS):
                items = extractive.list_items(text) or ([] if lead else _bare_lines(text))
                if len(items) < self.MIN_LIST_ITEMS or not all(_plain_item(i) for i in items):
                    continue
                if sum(extractive._label(i) for i in items) * 2 < len(items):
                    continue  # items that are sentences compete as sentences already
                # (its heading's words with its parents': "Pastry chef — Skills")
                shared = len(({stem(w) for w in words(lead)} | (named - named_things)) & asked)
                headed = -int(bool(names_role and names_role(heading)))
                found.append((headed, -shared, len(found), (p, lead, items)))
            if (
                found
                and not found[0][3][1]
                and found[0][1] == 0
                and not named - named_things
                and (found[0][0] or names_role is None)
            ):
                break  # a list with no lead: the first one found, as it always was
        return min(found)[3] if found else None

    RESTATES = 0.7  # similarity from which an article sentence says what the last answer said
    REASON_SENTENCES = 2  # sentences quoted after it

    def _reason_after(self, evidence: Evidence) -> Draft | None:
        """ "Why is that?" after an answer: an article gives its reason right after the sentence
        the answer said, so the answer is what follows that sentence in its chunk (within its
        list item, when it is one), or opens the next chunk of the same section with a reason
        ("Because ..."). None when the question has a topic of its own ("Why do they earn
        more?"), or no article sentence says what the last answer said."""
        query = evidence.query
        if not (query.explains and query.followup) or evidence.kb is None:
            return None
        if any(specificity(t) >= FOCUS_SPECIFICITY for t in topic_words(query.question)):
            return None
        said = next(
            (t["content"] for t in reversed(evidence.history) if t["role"] == "assistant"), ""
        )
        table = any(line.lstrip().startswith("|") for line in said.splitlines())
        if table:
            # after a table, "why" asks why its verdict holds: what follows the verdict in its
            # article, when that gives a reason ("because ...", "is due to ..."); else the
            # reasons the passages give on the sides, as a question of its own
            if len(query.sides or query.roles) < 2:
                return None  # (no two sides asked of: a table of something else)
            verdict = _VERDICT.search(said)
            found = self._said_next(evidence, verdict.group(1), True) if verdict else None
            return found or self._reasons_on_sides(evidence)
        return self._said_next(evidence, said, False)

    def _said_next(self, evidence: Evidence, said: str, table: bool) -> Draft | None:
        """What follows, in its article, the sentence that says what `said` opens with (see
        `_reason_after`); for a table's verdict, only when it gives a reason."""
        first = split_sentences(" ".join(_MARKER.sub(" ", said).split())[:1000])[:1]
        if not first:
            return None
        found = evidence.retriever.search(first[0], 3)
        # Each passage's sentences by line: a list item is a point of its own.
        spots = [
            (p, n, i, text)
            for p in found
            for n, line in enumerate(p.text.splitlines())
            for i, text in enumerate(split_sentences(line))
        ]
        if not spots:
            return None
        vecs = evidence.kb.embedder.embed_batch([first[0]] + [spot[3] for spot in spots])
        sims = vecs[1:] @ vecs[0]
        best = int(sims.argmax())
        if float(sims[best]) < self.RESTATES:
            return None
        where, n, at, _text = spots[best]
        # What follows it on its line, then (unless it is a list item) in the lines after it up
        # to the next list; past its chunk, only a sentence giving a reason ("Because ...").
        lines = where.text.splitlines()
        after = split_sentences(lines[n])[at + 1 :]
        if not _ITEM_LINE.match(lines[n]):
            for line in lines[n + 1 :]:
                if _ITEM_LINE.match(line):
                    break
                after += split_sentences(line)
        if not after:
            section = where.section
            _before, where = evidence.retriever.neighbour_passages(where)
            if where is None or where.section != section or not where.text.strip():
                return None
            after = split_sentences(where.text.strip().splitlines()[0])
            if not after or not _GIVES_REASON.match(after[0]):
                return None
        after = [t for t in after[: self.REASON_SENTENCES] if not extractive._label(t)]
        if not after or (table and not any(_SAYS_A_REASON.search(t) for t in after)):
            return None
        draft = Draft()
        passages = list(evidence.passages)
        index = shown_at(passages, where, draft)
        cites = CitationSet(passages)
        text = " ".join(f"{t} [{cites.cite(index, t)}]" for t in after)
        return _finish(evidence, text, cites, draft)

    NO_REASON = "The articles give no reason for that: no passage on {sides} says why."

    def _reasons_on_sides(self, evidence: Evidence) -> Draft:
        """ "Why?" after a comparison table whose verdict the article does not explain where
        it says it: the best sentences of the passages found that give a reason ("because",
        "is due to", "leads to") and speak of a side (by name, or under a heading naming it);
        none: the answer says the articles give no reason, and cites nothing."""
        query = evidence.query
        sides = list(query.sides or query.roles)
        book = evidence.retriever.library.roles

        def of_a_side(text: str) -> bool:
            return speaks_of_any(text, sides, book)

        # ... on the aspect compared, when there is one: its words, or its lexicon kin
        # (the aspect the earlier question compared them on, carried in the question's text)
        side_words = {w for side in sides for w in words(side)}
        want = {
            stem(w)
            for w in topic_words(query.text)
            if w not in side_words and specificity(w) >= FOCUS_SPECIFICITY
        }
        named = aspect_named(want)
        if named:
            want |= set(named[0].words)

        def on_aspect(s: Sentence) -> bool:
            text = f"{passages[s.passage].section} {s.text}"
            return not want or bool(want & {stem(w) for w in words(text)})

        passages = list(evidence.passages)
        reasons = sorted(
            (
                s
                for s in evidence.sentences
                if _SAYS_A_REASON.search(s.text)
                and (of_a_side(s.text) or of_a_side(passages[s.passage].section))
                and on_aspect(s)
            ),
            key=lambda s: -s.score,
        )[: self.REASON_SENTENCES]
        draft = Draft()
        if not reasons:
            draft.abstained = True
            draft.answer = self.NO_REASON.format(sides=" or ".join(sides))
            return draft
        cites = CitationSet(passages)
        text = " ".join(f"{s.text} [{cites.cite(s.passage, s.text)}]" for s in reasons)
        return _finish(evidence, text, cites, draft)

    def _reference_list(self, evidence: Evidence) -> Draft | None:
        """ "What references does the article list?": the reference list of the article the
        question names by its title, else of the one whose entry ranks best, each entry quoted
        and cited; None when the question asks about one claim, follows up on one, or finds no
        reference list."""
        query = evidence.query
        if query.intent != "source" or query.followup:
            return None
        if not _ASKS_FOR_LIST.search(query.question):
            return None
        matcher = evidence.matcher
        titles = evidence.retriever.library.titles
        # A word naming a piece of writing ("the wind farm guide", "the baker's post") names
        # the article as "article" does, when the title itself does not write it.
        # An everyday word ("How many sources does the article use?") names no article.
        telling = [specificity(t) > EVERYDAY for t in matcher.terms]
        naming = [
            not names_writing(t) and tell for t, tell in zip(matcher.terms, telling, strict=True)
        ]
        source = None
        if any(telling):
            # Words beyond "references" may only name the article ("... the cookbook cite?"):
            # the article whose title, or file name, has them all.
            met = {
                src: matcher.match(f"{title} {_FILE_WORDS.sub(' ', source_name(src))}")
                >= LEXICON_MATCH  # the words themselves, not look-alikes ("handbook")
                for src, title in titles.items()
            }
            named = [src for src, m in met.items() if m[telling].all()]
            if not named and any(naming):
                named = [src for src, m in met.items() if m[naming].all()]
            source = named[0] if len(named) == 1 else None
        if not any(naming) and query.roles:
            # "... the accountant article list?": a role the question names is no topic word;
            # the article whose title names every role it names
            book = evidence.retriever.library.roles
            asked = [book.keys(r) for r in query.roles]
            named = [
                src
                for src, title in titles.items()
                if all(any(book.keys(t) & k for t in book.find(title)) for k in asked)
            ]
            source = source or (named[0] if len(named) == 1 else None)
        elif not any(telling):
            best = next((p for p in evidence.passages if p.is_reference_list), None)
            source = best.source if best is not None else None
        if source is None:
            return None
        entries = [p for p in evidence.retriever.passages_of(source) if p.is_reference_list]
        if not entries:
            return None
        best = entries[0]
        draft = Draft()
        passages = list(evidence.passages)
        cites = CitationSet(passages)
        # A passage of the list may hold several entries ("1. ...", "2. ..."): each entry
        # ingest parsed out of it is a bullet (a passage with none parsed is one).
        items = []
        for e in entries:
            parsed = evidence.references(e.ref_ids) if e.ref_ids else {}
            texts = [parsed[r].get("text", "") for r in e.ref_ids if r in parsed]
            items += [(e, t) for t in texts if t.strip()] or [(e, e.text)]
        lines = []
        for entry, line in items[: self.MAX_ENTRIES]:
            index = shown_at(passages, entry, draft)
            shown = _ITEM_MARK.sub("", " ".join(line.split()))
            lines.append(f"- {shown} [{cites.cite(index, line.strip())}]")
        title = " ".join(display_text(best.title).split())
        # "How many sources ...?": the count, then the entries
        n = len(items)
        many = f"{n} reference{'s' if n != 1 else ''}"
        listed = many if _HOW_MANY.search(query.question) else "these references"
        text = f"*{title}* lists {listed}:\n\n" + "\n".join(lines)
        if len(items) > self.MAX_ENTRIES:
            text += f"\n\n(and {len(items) - self.MAX_ENTRIES} more)"
        return _finish(evidence, text, cites, draft)

    @staticmethod
    def _announces(s: Sentence, passages: list[Passage]) -> bool:
        if passages[s.passage].is_reference_list:
            return False  # a reference entry is whole as it is
        return extractive.introduces_list(s) or extractive.open_ended(s.text)

    def _lists(self, evidence, chosen, passages, draft) -> dict:
        """A chosen sentence that introduces a list ("... should know:") brings its items."""
        out = {}
        for s in chosen:
            got = list_of(evidence, s, passages, draft, open_ended=True) or continuation_of(
                evidence, s, passages, draft
            )
            if got:
                out[(s.passage, s.position)] = got
        return out

    def _source_entries(self, evidence, chosen, passages, cites, draft) -> str:
        """The reference-list entry behind the chosen sentences, quoted and cited as a passage
        of its own (at most two: the answer stays short)."""
        lines = []
        for s in chosen:
            entry = next(
                (evidence.retriever.reference_entry(r) for r in passages[s.passage].ref_ids[:1]),
                None,
            )
            if entry is None or len(lines) == 2:
                continue
            index = shown_at(passages, entry, draft)
            if index not in cites.cited_passages():
                lines.append(f"{entry.text} [{cites.cite(index, entry.text)}]")
        return "".join(f"\n\nSource: {line}" for line in lines)


class ComparisonStrategy:
    """A table with one row per aspect both sides have evidence on, and the articles' own
    comparative verdict when they give one."""

    name = "comparison"

    def answer(self, evidence: Evidence) -> Events:
        query = evidence.query
        if (
            asks_yes_no(query.text)
            and not offers_choice(query.text, query.comparison.sides)
            and sections_asking(query, evidence.matcher, evidence.passages)
        ):
            # "Is actuarial science harder than accounting?" asked by a FAQ's own heading:
            # the answer under it says yes or no, which no table of the two sides does
            return (yield from ExtractiveStrategy().answer(evidence))
        sides = query.comparison.sides
        # the topic's own words' neighbours: a comparative's ("faster" -> "quick") would make
        # "ship products quickly" a sentence on how fast a role grows
        topic = " ".join(
            w for w in words(query.comparison.aspect) if not compare.comparison_word(w)
        )
        neighbours = evidence.retriever.neighbours(topic) if topic else []
        embedder = evidence.kb.embedder if evidence.kb is not None else None
        topic_fit = None
        # Only the topic's telling words ("math", not "day" or "work"): everyday words would
        # pull any sentence that says "work" into a row.
        telling = [w for w in query.comparison.aspect.split() if specificity(w) > EVERYDAY]
        if aspect_named(set(content_terms(query.comparison.aspect))):
            # "growing faster": a lexicon aspect is the topic; "faster" only says which way
            # to compare ("Becoming an X is much faster" is no demand evidence)
            telling = [w for w in telling if not compare.comparison_word(w.lower())]
        telling = " ".join(telling)
        if telling and embedder is not None:
            topic = TermMatcher(telling, evidence.retriever, embedder, roles=sides, kin=False)
            if topic.terms:

                def topic_fit(text: str, without: frozenset[str] = frozenset()) -> float:
                    # another asked row's words score nothing for this row
                    return topic.score(text, topic.weights, without=without)

        def tabulate(passages: list[Passage], sentences: list[Sentence]):
            cites = CitationSet(passages)
            draft = Draft()
            found: dict = {}

            def lists(s: Sentence):
                key = (s.passage, s.position)
                if key not in found:
                    found[key] = list_of(evidence, s, passages, draft)
                return found[key]

            table = compare.build_table(
                query, sentences, passages, cites, book, neighbours, lists, embedder, topic_fit
            )
            return table, cites, draft

        book = evidence.retriever.library.roles
        passages = list(evidence.passages)
        table, cites, draft = tabulate(passages, evidence.sentences)
        if table.thin:
            # A side with no evidence on what was asked (or, with no topic, no sentence saying
            # what it is): its own passages ranked below the ones read may hold it. One more
            # search per such side; the answer changes only where that side then has evidence.
            extra = side_passages(evidence, table.thin, passages)
            if extra:
                wider = passages + extra
                sentences = more_sentences(evidence, wider, len(passages))
                retry = tabulate(wider, sentences)
                if _fills(retry[0], table, sides, book, wider):
                    table, cites, draft = retry
                    passages = wider
                    draft.added_passages[:0] = [p.public() for p in extra]
        if table.unmatched is not None and table.verdict is not None:
            # A which-question's verdict by one side's generic noun ("This role demands
            # stronger math" under that side's heading): the other side's own section, not read
            # yet, may say how that side leans ("The role sits closer to software engineering
            # than research"). The answer changes only where it then does, on the same verdict.
            extra = own_sections(evidence, table.unmatched, passages)
            if extra:
                wider = passages + extra
                sentences = more_sentences(evidence, wider, len(passages))
                retry = tabulate(wider, sentences)
                same = retry[0].verdict is not None and (
                    retry[0].verdict.passage,
                    retry[0].verdict.position,
                ) == (table.verdict.passage, table.verdict.position)
                if same and retry[0].counterpart is not None and retry[0].cited >= table.cited:
                    table, cites, draft = retry
                    passages = wider
                    draft.added_passages[:0] = [p.public() for p in extra]
        if not table.thin and table.unpaid:
            # A side's pay cell with no figure beside another side's figure: that side's own
            # pay passages, ranked below the ones read, may give it (a table's row of figures
            # in a chunk of its own). The answer changes only where the side then has one.
            extra = side_passages(evidence, table.unpaid, passages, aspect=PAY_TOPIC)
            if extra:
                wider = passages + extra
                sentences = more_sentences(evidence, wider, len(passages))
                retry = tabulate(wider, sentences)
                if set(retry[0].unpaid) < set(table.unpaid) and retry[0].cited >= table.cited:
                    table, cites, draft = retry
                    passages = wider
                    draft.added_passages[:0] = [p.public() for p in extra]
        parts = []
        if table.text:
            book = evidence.retriever.library.roles
            title = "**" + " vs ".join(compare.title_case(s, book) for s in sides) + "**"
            parts.append(f"{title}\n\n{table.text}")
        if table.verdict is not None:
            n = cites.cite(table.verdict.passage, table.verdict.text)
            whose = f" ({table.verdict_side})" if table.verdict_side else ""
            parts.append(f"**Verdict{whose}:** {table.verdict.text} [{n}]")
            if table.counterpart is not None:
                other, said = table.counterpart
                m = cites.cite(said.passage, said.text)
                parts.append(f"**{other}:** {said.text} [{m}]")
        if not table.text and table.verdict is None:
            chosen = extractive.select(evidence.sentences, wants=answer_type_test(query))
            parts.append(extractive.compose(chosen, cites))
        return _finish(evidence, "\n\n".join(parts), cites, draft)
        yield


def offers_choice(question: str, sides: list[str]) -> bool:
    """The question offers its sides as alternatives ("Should I become a paralegal or a
    lawyer?"): a choice between them, which no yes/no answer settles (a FAQ heading "Can a
    paralegal become a lawyer?" shares every word with it but asks something else)."""
    if len(sides) != 2:
        return False
    low = question.lower()
    a, b = low.find(sides[0].lower()), low.find(sides[1].lower())
    if a < 0 or b < 0:
        return False
    (start, first), (end, _second) = sorted([(a, sides[0]), (b, sides[1])])
    between = low[start + len(first) : end]
    if re.search(r",\s{0,3}(?:an?\s{1,3}|the\s{1,3})?$", low[max(0, start - 8) : start]):
        # "technology, practice, process or architectural change": the last two of a list the
        # question runs through, not two sides offered as a choice
        return False
    return bool(re.fullmatch(r"\W{0,3}\s{0,3}or\s{1,3}(?:an?\s{1,3}|the\s{1,3})?", between))


def _fills(
    retry: compare.Table, table: compare.Table, sides: list[str], book, passages: list[Passage]
) -> bool:
    """The second table gives evidence to a side the first lacked, and every sentence it gives
    such a side names that side itself, or sits in an article whose title names that side and
    no other role ("Midwife Career Guide": its "Skills" list is the midwife's): a passage found
    for one side is read with less of its article around it, and a sentence that names no side
    ("Junior associates bill ...") may belong to another role the passage speaks of."""
    gained = set(table.thin) - set(retry.thin)
    if not gained or not set(retry.thin) <= set(table.thin):
        return False
    finder = compare.SideFinder(sides, book)

    def owned(s, i: int) -> bool:
        if finder.names(s.text, i):
            return True
        title = passages[s.passage].title
        return finder.sides_in(title, pair=False) == {i} and all(
            finder.sides_in(r, pair=False) == {i} for r in book.find(title)
        )

    return all(retry.said[i] and all(owned(s, i) for s in retry.said[i]) for i in gained)


SIDE_SEARCH = 20  # a thin side's second search reads this many passages of its own
SIDE_EXTRA = 2  # ... and adds at most this many of them to the answer's passages


PAY_TOPIC = "pay"  # the topic a side's missing pay figure is looked for by


def side_passages(
    evidence: Evidence, thin: tuple[int, ...], passages: list[Passage], aspect: str | None = None
):
    """Passages for the comparison sides `thin` names, none of them already read: each side's
    own search (its name, the topic asked and the lexicon's words for it), deeper than the
    first, keeping only passages that name that side (any spelling the library learned) and,
    with a topic, speak of it; with no topic, passages with a sentence saying what the side
    is. At most SIDE_EXTRA per side. `aspect`: a topic to look for instead of the question's
    (`PAY_TOPIC` for a side whose pay cell has no figure)."""
    query = evidence.query
    book = evidence.retriever.library.roles
    finder = compare.SideFinder(query.comparison.sides, book)
    if aspect is None:
        aspect = query.comparison.aspect
        asked = compare.topic_aspects(query, [])
    else:  # a topic of its own (`PAY_TOPIC`): its lexicon aspect's words
        asked = aspect_named(set(content_terms(aspect)))[:1]
    topic = set().union(*(a.words for a in asked)) if asked else set()
    paid = any(a.name == "Pay" for a in asked)
    # the search the side's first one was (service._retrieve), read deeper
    named = aspect_named(set(content_terms(aspect)))
    if named:
        aspect = f"{aspect} {named[0].hint}"
    seen = {p.id for p in passages}
    out: list[Passage] = []
    for side in thin:
        name = finder.sides[side]
        found = evidence.retriever.search(
            f"{name} {aspect}".strip(),
            SIDE_SEARCH,
            source=evidence.source,
            roles=[],
            about=name,
        )
        kept = 0
        for p in found:
            if p.id in seen or p.is_reference_list or quoted_from(p, evidence.shown):
                continue
            context = f"{p.title}. {p.section}. {p.text}"
            if side not in finder.sides_in(context, pair=False) or not finder.anchored(
                side, context
            ):
                continue  # another side's passage, or one that names neither
            if (
                topic
                and not topic & set(content_terms(f"{p.section} {p.text}"))
                # a figure of pay speaks of pay in no word of it ("somewhere between $65k and
                # 100k")
                and not (paid and compare.earned_money(p.text))
            ):
                continue  # the side, but not the topic asked
            if not topic and not any(
                compare.says_what(x, side, finder) for x in split_sentences(p.text)
            ):
                continue  # no sentence says what the side is
            seen.add(p.id)
            out.append(p)
            kept += 1
            if kept == SIDE_EXTRA:
                break
    return out


def own_sections(evidence: Evidence, side: int, passages: list[Passage]) -> list[Passage]:
    """Passages not read yet of the sections headed by the comparison side alone ("What an AI
    Engineer Does"), found by the side's own search: at most SIDE_EXTRA."""
    query = evidence.query
    book = evidence.retriever.library.roles
    finder = compare.SideFinder(query.comparison.sides, book)
    name = finder.sides[side]
    seen = {p.id for p in passages}
    found = evidence.retriever.search(
        name, SIDE_SEARCH, source=evidence.source, roles=[], about=name
    )
    out = [
        p
        for p in found
        if p.id not in seen
        and not p.is_reference_list
        and not quoted_from(p, evidence.shown)
        and finder.sides_in(compare.own_heading(p.section), pair=False) == {side}
    ]
    return out[:SIDE_EXTRA]


def more_sentences(evidence: Evidence, passages: list[Passage], first_new: int) -> list[Sentence]:
    """The evidence's sentences and those of passages[first_new:], best first: the sentences
    already scored keep their scores, the new ones are scored against the same question."""
    embedder = evidence.kb.embedder
    vec = evidence.query_vec
    if vec is None:
        vec = embedder.embed_batch([evidence.query.text])[0]
    scored = score_sentences(evidence.query, evidence.matcher, vec, passages, embedder)
    new = [s for s in scored if s.passage >= first_new]
    return sorted([*evidence.sentences, *new], key=lambda s: s.score, reverse=True)


def ranked_aspect(query: Query) -> str:
    """The lexicon aspect a ranking question's figures speak of: pay for an amount, demand for
    a rate ("Which role is growing fastest?")."""
    return "Demand" if query.wants == "rate" else "Pay"


# A superlative of general English ("fastest", "highest", "most"): how a ranking ranks.
_RANKS = re.compile(r"(?:most|least|best|worst|[a-z]{2,20}est)", re.I)


# Where a sentence turns from one figure to another (general English): ", while", ",
# whereas", ", and", ", compared with", "; " (bounded, linear). Only a sentence whose parts
# each give a figure is cut (see `_clauses`): "Python, SQL, and R" is no such sentence.
_FIGURE_CLAUSE = re.compile(
    r",\s{0,3}(?:while|whereas|and|but|compared\s{1,3}(?:with|to)|versus|vs\.?)\s{1,3}"
    r"|;\s{1,3}(?:while\s{1,3})?",
    re.I,
)


class RankingStrategy:
    """ "Which of these roles pays the most?": the figure each role's evidence gives, one line
    per role, each cited; the articles' words, not a ranking made up here."""

    name = "ranking"
    # Roles shown: one table row each (a table, so that many roles stay readable and within
    # the answer's word budget, which counts the text outside tables).
    MAX_ROLES = 10

    def answer(self, evidence: Evidence) -> Events:
        offers = answer_type_test(evidence.query)
        book = evidence.retriever.library.roles
        passages = list(evidence.passages)
        best: dict[str, tuple[str, Sentence]] = {}
        within = self._qualified_sources(evidence)
        rows: dict[tuple[int, int], str] = {}  # a row's cell -> the row it was cut from
        for s in evidence.sentences:  # best first
            if offers is None or not offers(s.text):
                continue
            p = passages[s.passage]
            if within and p.source not in within:
                continue  # "these healthcare jobs": the articles about healthcare only
            for cell in self._cells(s, book) or self._clauses(s, offers) or [s]:
                named = book.find(cell.text) or book.find(p.section) or book.find(p.title)
                if len(named) > 1:
                    # "A lead/senior front-end developer ... make over $150k": the bare role
                    # noun beside a title is that title's level, no role of its own
                    titled = [r for r in named if not BARE_ROLE.fullmatch(r)]
                    named = titled if len(titled) == 1 else named
                if len(named) != 1 or not offers(cell.text):
                    continue  # a figure about several roles, or none, belongs to no one line
                key = book.key(named[0])
                # ("SLPs" after "speech-language pathologists": one role by any spelling)
                shown = any(book.keys(named[0]) & book.keys(r) for r, _c in best.values())
                if key not in best and not shown and len(best) < self.MAX_ROLES:
                    best[key] = (named[0], cell)
                    if cell is not s:
                        rows[(cell.passage, cell.position)] = s.text
        if len(best) < 2:  # one role or none: the plain answer says it better
            return (yield from ExtractiveStrategy().answer(evidence))
        cites = CitationSet(passages)
        aspect = next((a for a in aspects() if a.name == ranked_aspect(evidence.query)), None)
        lines = [
            f"| {compare.title_case(role, book)} | "
            f"{compare.table_cell(compare.clause(s.text, aspect) if aspect else s.text)} "
            f"[{cites.cite(s.passage, rows.get((s.passage, s.position), s.text))}] |"
            for role, s in best.values()
        ]
        text = (
            "What the articles give for each role:\n\n| Role | What the articles say |\n"
            "| --- | --- |\n" + "\n".join(lines)
        )
        verdict = self._verdict(evidence, best)
        if verdict is not None:
            text += f"\n\n{verdict.text} [{cites.cite(verdict.passage, verdict.text)}]"
        return _finish(evidence, text, cites, Draft())
        yield

    @staticmethod
    def _cells(s: Sentence, book) -> list[Sentence]:
        """A table row with a column per role ("Median pay — Chef: $58,000; Baker: $37,000.")
        as one sentence per role ("Median pay — Chef: $58,000."), each that role's figure;
        [] for any other sentence."""
        if not TABLE_ROW.match(s.text):
            return []
        label = s.text.split(" — ")[0]
        cells = [(h, v) for h, v in row_cells(s.text) if len(book.find(h)) == 1]
        if len(cells) < 2 or book.find(label):
            return []
        return [
            replace(
                s,
                position=compare.ROW_CELL + s.position * compare.ROW_CELLS + k,
                text=f"{label} — {h}: {v}.",
            )
            for k, (h, v) in enumerate(cells[: compare.ROW_CELLS])
        ]

    @staticmethod
    def _clauses(s: Sentence, offers) -> list[Sentence]:
        """A sentence setting two figures side by side ("Nurses earn a median of $81,000,
        while aides earn $35,000.") as one clause per figure, each the figure of the role it
        names; [] for a sentence with one figure, or one not cut at such a clause break."""
        parts = [p.strip(" ,;") for p in _FIGURE_CLAUSE.split(s.text)]
        parts = [p for p in parts if p]
        if len(parts) < 2 or sum(bool(offers(p)) for p in parts) < 2:
            return []
        return [
            replace(
                s,
                position=compare.ROW_CELL + s.position * compare.ROW_CELLS + k,
                # ("audiologists earned ...": the clause shown as a sentence of its own)
                text=part[:1].upper() + part[1:] + ("" if part.endswith((".", "!", "?")) else "."),
            )
            for k, part in enumerate(parts[: compare.ROW_CELLS])
        ]

    @staticmethod
    def _qualified_sources(evidence: Evidence) -> set[str]:
        """The articles the question's own qualifying words point to ("Which of these
        healthcare jobs pays the most?": those writing "healthcare" in their title, headings or
        retrieved text). Its words other than the career lexicon's ("pays") qualify; empty (no
        limit) when there are none, or no article writes them all."""
        lexicon = set().union(*(a.words for a in aspects()))
        # the ranking's own words ("fastest", "growing" for a rate) qualify no article
        ranks = {stem(w) for w in evidence.query.topic if _RANKS.fullmatch(w)}
        offers = answer_type_test(evidence.query)
        said = {stem(w) for w in evidence.query.topic if offers is not None and offers(w)}
        wanted = {stem(w) for w in evidence.query.topic} - lexicon - ranks - said
        if not wanted:
            return set()
        library = evidence.retriever.library
        said: dict[str, set[str]] = {}
        for p in evidence.passages:
            if p.source not in said:
                heads = " ".join(library.headings.get(p.source, []))
                said[p.source] = {stem(w) for w in words(f"{p.title} {heads}")}
            said[p.source] |= {stem(w) for w in words(p.text)}
        return {source for source, stems in said.items() if wanted <= stems}

    @staticmethod
    def _verdict(evidence: Evidence, best: dict[str, tuple[str, Sentence]]) -> Sentence | None:
        """The article's own word on the question ("... the ML path offers an outstanding salary
        ceiling"): the best sentence that is no figure line, speaks of one of the roles listed,
        and matches the question at least as well as a figure line shown."""
        book = evidence.retriever.library.roles
        shown = [s for _role, s in best.values()]
        weakest = min(s.score for s in shown)
        listed = set(best)
        # one article's word ranks its own roles, not the other articles': it speaks of a role
        # whose line comes from the same article
        source_of = {key: evidence.passages[s.passage].source for key, (_r, s) in best.items()}
        for s in evidence.sentences:  # best first
            if s.score < weakest:
                return None
            if (
                s in shown
                or len(s.text.split()) < extractive.MIN_WORDS
                or extractive._label(s.text)
            ):
                continue
            named = {book.key(r) for r in book.find(s.text)}
            if (
                len(named) == 1
                and named <= listed
                and not s.text.rstrip().endswith("?")
                and source_of[next(iter(named))] == evidence.passages[s.passage].source
            ):
                return s
        return None


# A list item that is a link or a reference ("Getting Started with Gulp [read][$]",
# "[Docs](https://...)"): a list of links names pages, it tells nothing of its own.
_LINKISH = re.compile(r"https?://|\]\(|\[[^\]\n]{0,80}\]|<a\b", re.I)


def _plain_item(item: str) -> bool:
    return not _LINKISH.search(item)


def _led_lists(text: str, max_lead_words: int) -> list[tuple[str, str]]:
    """(lead, list text) for each list a text opens with: the text itself (lead ""), or, when
    it opens with a short line ending in ":" ("Night nurses need:"), each such line with the
    lines up to the next one; [] from the first line that is neither, on."""
    lines = text.splitlines()
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if not (first.endswith(":") and len(first.split()) <= max_lead_words):
        return [("", text)]
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        bare = line.strip()
        if not bare:
            continue
        if extractive.list_items(line):
            out[-1][1].append(line)
        elif bare.endswith(":") and len(bare.split()) <= max_lead_words:
            out.append((bare, []))
        else:
            break  # prose: the lists are over
    return [(lead, "\n".join(items)) for lead, items in out]


SUBJECT_WORD = 0.75  # `specificity` of a rare word (zipf about 4 or less): "plumber", "CFD"


def _speaks_of(article: list[Passage], roles: list[str], book, subject=()) -> bool:
    """Whether an article names one of the roles asked about (any spelling the library knows),
    in its title or text: a list an article gives for its own roles answers for them only.
    With no known role named, the article must write each of the question's rare `subject`
    words; with neither, any article will do."""
    if not roles:
        if not subject:
            return True
        have = {stem(w) for p in article for w in words(f"{p.title} {p.section} {p.text}")}
        return all(stem(w) in have for w in subject)
    wanted = set().union(*(book.keys(r) for r in roles))
    return any(
        book.keys(found) & wanted
        for p in article
        for found in book.find(f"{p.title}. {p.section}. {p.text}")
    )


# "How do I become ...?", "What do I need to become ...?", "What are the steps to ...?"
_ASKS_THE_WAY = re.compile(r"^\s{0,8}(?:how|what|which)\b", re.I)
_STEP = re.compile(r"^\s{0,3}(\d{1,2})[.)]\s{1,3}(\S.{0,2000})")
# the words of a heading about getting in: the lexicon's entry aspect, and "step"
_WAY_IN_STEMS = {stem(w) for w in ("step", "steps")}


def _steps_in(article: list[Passage], least: int, most_words: int):
    """(heading, [(passage, opening sentence)]) of the first section of an article, headed
    about getting in (the lexicon's entry words, or "step"), whose lines number steps 1 to n
    (n >= `least`) each opening on a sentence of at most `most_words` words; None if none."""
    entry = next(a.words for a in aspects() if a.name == "Entry and education")
    by_section: dict[str, list[tuple[Passage, int, str]]] = {}
    for p in article:
        heading = heading_of(p)
        if p.is_reference_list or not heading:
            continue
        for line in p.text.splitlines():
            m = _STEP.match(line)
            if m:
                by_section.setdefault(heading, []).append((p, int(m.group(1)), m.group(2)))
    for heading, items in by_section.items():
        said = {stem(w) for w in words(heading)}
        if not said & (entry | _WAY_IN_STEMS):
            continue
        if [n for _p, n, _t in items] != list(range(1, len(items) + 1)) or len(items) < least:
            continue
        steps = []
        for p, _n, text in items:
            first = split_sentences(text)[:1]
            if not first or len(first[0].split()) > most_words:
                break  # a step that is one long sentence: a list of something else
            steps.append((p, first[0]))
        else:
            return heading, steps
    return None


def _bare_lines(text: str) -> list[str]:
    """A list written without markers, as plain-text articles do: a passage whose lines are
    all short labels ("Attention to detail", "Knowledge of GAAP"), none a sentence; [] for any
    other text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not 2 <= len(lines) <= extractive.MAX_ITEMS:
        return []
    return lines if all(extractive._label(line) for line in lines) else []


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _date(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso.strip())
    if not m:
        return iso.strip()
    return f"{_MONTHS[int(m.group(2)) - 1]} {int(m.group(3))}, {m.group(1)}"


_CAPITALIZED = re.compile(r"\b[A-Z][a-z]{1,40}\b")
# what a byline or date question says about any article: no word of a particular title
_PAIR_WORDS = frozenset("vs versus".split())  # general English
_ABOUT_ANY_ARTICLE = frozenset(
    """when who wrote write written writes publish published publishing date dated post posted
    article articles piece story blog author authors byline released release came come out""".split()
)


# "Who wrote it?", "When was this article published?": the article the conversation was about
REFERS_BACK = re.compile(r"\b(it|this|that|the (article|post|piece|page|guide|essay))\b", re.I)


def _named_article(question: str, evidence: Evidence) -> str | None:
    """ "When did <author> publish his post?", "When was the cookbook published?": the article
    the question names, by its stored authors (a name the question writes in title case counts
    twice) or by the words of its title, retrieved or not; among several, the one naming the
    most, then the one retrieved first. None when the question names none."""
    kb = evidence.kb
    if kb is None or not hasattr(kb, "records"):
        return None
    names = {fold_accents(w.lower()) for w in _CAPITALIZED.findall(question)} - STOPWORDS
    asked = {w for w in words(question) if w not in STOPWORDS} - _ABOUT_ANY_ARTICLE
    # "the NP vs PA article": an abbreviation names its title by the role it stands for
    # ("Nurse Practitioner"), and "vs" names every title setting two roles side by side
    aliases = evidence.retriever.library.roles.aliases if evidence.retriever else {}
    asked |= {w for a in asked for w in words(aliases.get(a, ""))}
    asked -= _PAIR_WORDS
    if not names and not asked:
        return None
    # a name written with capitals ("the GitLab handbook", "the CDS article", "DataTalks.Club")
    # that the article's file name or address writes: the article goes by it
    marked = {
        re.sub(r"[^a-z0-9]", "", t.lower()) for t in question[:300].split() if t.lower() != t
    } - STOPWORDS
    order = {p.source: i for i, p in reversed(list(enumerate(evidence.passages)))}
    best: tuple | None = None
    for source, record in kb.records().items():
        authors = set(words(str(record.get(AUTHORS) or "")))
        title = set(words(str(record.get("title") or "")))
        named = (
            2 * len(names & authors)
            + (2 * len(marked & source_words(source)) if marked else 0)
            + sum(any(_same_family(w, t) for t in title) for w in asked)
        )
        if named:
            rank = (-named, source not in order, order.get(source, 0))
            if best is None or rank < best[0]:
                best = (rank, source)
    return best[1] if best else None


FAMILY_PREFIX = 6  # letters two words of one family share at least ("audiolog-") ...
FAMILY_SHARE = 0.75  # ... and this share of the shorter word


def _same_family(a: str, b: str) -> bool:
    """One word or two of one family: the same stem, or a long shared beginning ("audiology"
    and "audiologist", "machining" and "machinist"), as a title is named by its field."""
    if stem(a) == stem(b):
        return True
    n = len(os.path.commonprefix([a, b]))
    return n >= FAMILY_PREFIX and n >= FAMILY_SHARE * min(len(a), len(b))


MAX_LISTED = 10  # articles listed for an author or date question that names none


def _every_article(evidence: Evidence, query: Query) -> str:
    """Each article's author (or date, for a date question), one line each, when the library
    holds several articles (followed reference pages are no articles of its own); "" for one."""
    records = getattr(evidence.kb, "records", None)
    if records is None:
        return ""
    articles = sorted(
        (r for r in records().values() if not r.get(FOLLOWED_FROM) and r.get("source")),
        key=lambda r: str(r.get("title") or r["source"]).lower(),
    )
    if len(articles) < 2:
        return ""
    lines = []
    for r in articles[:MAX_LISTED]:
        title = display_text(str(r.get("title") or source_name(r["source"])))
        if query.intent == "author":
            who = display_text(str(r.get(AUTHORS) or "")).strip()
            told = f"by {who}" if who else "no author in its metadata"
            if asks_date_too(query.question):
                date = display_text(str(r.get(PUBLISHED) or "")).strip()
                told += f", published {_date(date)}" if date else ", no date"
        else:
            date = display_text(str(r.get(PUBLISHED) or "")).strip()
            told = f"published {_date(date)}" if date else "no publication date in its metadata"
        lines.append(f"- *{title}*: {told} ({source_name(r['source'])})")
    more = len(articles) - MAX_LISTED
    tail = f"\n- ... and {more} more." if more > 0 else ""
    return (
        f"The library has {len(articles)} articles; name one (by its title) to ask about it.\n\n"
        + "\n".join(lines)
        + tail
    )


class MetadataStrategy:
    """ "Who wrote it?" and "When was it published?", from the article's stored metadata
    (front-matter author and date, HTML byline, PDF info), with the article named."""

    name = "metadata"

    def answer(self, evidence: Evidence) -> Events:
        query = evidence.query
        draft = Draft()
        if not evidence.passages:
            draft.abstained = True
            draft.answer = "No article in the library matches this question."
            return draft
        source = _named_article(query.question, evidence)
        if source is None and REFERS_BACK.search(query.question):
            # "When was it published?" after "Who wrote the business analyst article?": the
            # article the last question named
            last = next(
                (
                    str(t.get("content", ""))
                    for t in reversed(evidence.history or [])
                    if t.get("role") == "user"
                ),
                "",
            )
            source = _named_article(last[:1000], evidence) if last else None
        if source is None and not any(t.get("role") == "user" for t in evidence.history or []):
            # "Who wrote the article?" first thing, with several articles and none named: which
            # one is meant nobody can tell, so each article's byline (or date) is listed
            listing = _every_article(evidence, query)
            if listing:
                draft.answer = listing
                return draft
        source = source or evidence.passages[0].source
        record = evidence.record(source) or {}
        title = display_text(record.get("title") or evidence.passages[0].title or source)
        where = source_name(source)  # the file's name or the URL, never a server path
        author = display_text(record.get(AUTHORS, "")).strip()
        date = display_text(record.get(PUBLISHED, "")).strip()
        if query.intent == "author":
            found = f"*{title}* was written by {author}." if author else ""
            missing = f"*{title}* does not name its author in its metadata."
            if asks_date_too(query.question):  # "Who wrote it and when?"
                when = (
                    f"It was published on {_date(date)}."
                    if date
                    else ("Its metadata gives no publication date.")
                )
                found, missing = (f"{found} {when}" if found else ""), f"{missing} {when}"
        else:
            found = f"*{title}* was published on {_date(date)}." if date else ""
            missing = f"*{title}* does not give a publication date in its metadata."
        draft.answer = (found or missing) + f"\n\nSource: {where}"
        draft.abstained = not found
        return draft
        yield


MAX_SUMMARY_LINES = 6  # sections whose lead sentence a summary quotes
MIN_LEAD_WORDS = 6  # a shorter first sentence ("Here goes.") leads nothing: the next is taken
MAX_LEAD_CHARS = 400  # a longer one is no lead sentence (a list run together, a table row)
# A sentence a summary quotes is whole prose: it ends as a sentence does and is no numbered step
_WHOLE_SENTENCE = re.compile(r"^(?!\d{1,3}[.)]\s)(?!\W).{0,400}[.!?][\"”’)]{0,2}$", re.S)


class SummaryStrategy:
    """ "tl;dr?", "What's the main takeaway?": the article's own outline, the lead sentence of
    each of its sections in order and its closing sentence, each cited. The article is the one
    the question names by its title, the only one in scope, or the one the conversation's last
    question found; with several and none of these, the articles are listed to choose from."""

    name = "summary"

    def answer(self, evidence: Evidence) -> Events:
        draft = Draft()
        source = self._article(evidence)
        if source is None:
            titles = sorted(
                (display_text(str(t)) for t in evidence.retriever.library.titles.values()),
                key=str.lower,
            )
            if not titles:
                draft.abstained = True
                draft.answer = "No article in the library matches this question."
                return draft
            more = len(titles) - MAX_LISTED
            draft.answer = (
                f"The library has {len(titles)} articles; name one (by its title) to have it "
                "summarized.\n\n"
                + "\n".join(f"- *{t}*" for t in titles[:MAX_LISTED])
                + (f"\n- ... and {more} more." if more > 0 else "")
            )
            return draft
        body = [p for p in evidence.retriever.passages_of(source) if not p.is_reference_list]
        lines = self._outline(body)
        if not lines:
            draft.abstained = True
            draft.answer = "The article has no prose to summarize."
            return draft
        passages = list(evidence.passages)
        cites = CitationSet(passages)
        out = []
        for passage, sentence in lines:
            index = shown_at(passages, passage, draft)
            out.append(f"- {sentence} [{cites.cite(index, sentence)}]")
        title = " ".join(display_text(body[0].title or source_name(source)).split())
        return _finish(evidence, f"*{title}* in brief:\n\n" + "\n".join(out), cites, draft)
        yield

    @staticmethod
    def _article(evidence: Evidence) -> str | None:
        if evidence.source:
            return evidence.source
        question = evidence.query.question
        # the words left once the request's own ("main takeaway", "tl;dr") are taken out
        rest = " ".join(
            w for w in question[:300].split() if w.lower().strip("?.!,;:'’") not in SUMMARY_WORDS
        )
        source = _named_article(rest, evidence) if rest else None
        if source is not None:
            return source
        sources = evidence.retriever.sources()
        if len(sources) == 1:
            return sources[0]
        # "Sum it up" after a question: the article that question found
        last = next(
            (
                str(t.get("content", ""))
                for t in reversed(evidence.history or [])
                if t.get("role") == "user"
            ),
            "",
        )
        found = evidence.retriever.search(last[:1000], 1) if last.strip() else []
        return found[0].source if found else None

    @staticmethod
    def _whole(sentence: str) -> bool:
        return (
            len(sentence.split()) >= MIN_LEAD_WORDS
            and len(sentence) <= MAX_LEAD_CHARS
            and not TABLE_ROW.match(sentence)
            and bool(_WHOLE_SENTENCE.match(sentence))
        )

    @classmethod
    def _outline(cls, body: list[Passage]) -> list[tuple[Passage, str]]:
        """(passage, sentence): each section's first whole sentence of some length, in the
        article's order, and the article's closing sentence; of a long article, the first
        sections' and the last one's."""
        leads: list[tuple[Passage, str]] = []
        seen: set[str] = set()
        for passage in body:
            if passage.section in seen:
                continue
            for sentence in split_sentences(passage.text[:4000]):
                if cls._whole(sentence):
                    leads.append((passage, sentence))
                    seen.add(passage.section)
                    break
        if len(leads) > MAX_SUMMARY_LINES:
            # a long guide: its first sections, then its last (it ends in notes and
            # appendices more often than in a closing word)
            return leads[: MAX_SUMMARY_LINES - 1] + leads[-1:]
        closing = [
            s for s in (split_sentences(body[-1].text[-4000:]) if body else []) if cls._whole(s)
        ]
        if closing and all(closing[-1] != s for _p, s in leads):
            leads.append((body[-1], closing[-1]))
        return leads


class LLMStrategy:
    """The chat model writes the answer from the numbered passages; every claim is checked
    against them (assistant/llm_answer.py) before the answer is shown."""

    name = "llm"

    def __init__(self, answerer, deadline) -> None:
        self.answerer = answerer
        self.deadline = deadline

    def answer(self, evidence: Evidence) -> Events:
        query = evidence.query
        refs = _references(evidence, evidence.passages)
        out: dict = {"abstained": False, "notice": None, "incomplete": False}
        yield from self.answerer.answer(
            query.question,
            query.standalone,
            evidence.passages,
            evidence.history,
            refs,
            reference_urls(refs),
            self.deadline,
            out,
        )
        return Draft(
            answer=out.get("answer", ""),
            citations=out.get("citations", []),
            mode="llm",
            abstained=bool(out.get("abstained")),
            unsupported=out.get("unsupported", []),
            removed_markers=out.get("removed_markers", []),
            stripped=out.get("stripped", []),
            incomplete=bool(out.get("incomplete")),
            notice=out.get("notice"),
        )


class PairChoiceStrategy:
    """ "Which of the two roles ...?" asked first among several articles that each set two roles
    side by side, the question's words fitting none of them better: ask which pair is meant."""

    name = "pair_choice"

    def answer(self, evidence: Evidence) -> Events:
        pairs = [" vs ".join(display_text(side) for side in p) for p in evidence.query.pair_choices]
        draft = Draft()
        draft.answer = (
            "Which two roles do you mean? Several articles set two roles side by side; name "
            "the two (for example, ask again with them):\n\n"
            + "\n".join(f"- {pair}" for pair in pairs)
        )
        return draft
        yield


EXPANSION_SEARCH = 10  # passages searched for the sentence spelling an abbreviation out


class ExpansionStrategy:
    """ "What does PM stand for?": the long form an article writes the abbreviation for, with
    the sentence that spells it out ("... the role of a product manager (PM) ..."), cited. An
    abbreviation no article spells out is declined before (`assess`)."""

    name = "expansion"

    def answer(self, evidence: Evidence) -> Events:
        short = abbreviation_asked(evidence.query.question) or ""
        long = long_form(short, evidence.retriever)
        found = self._spelling(evidence, short, long) if long else None
        if not found:  # no article writes both: the question as any other
            return (yield from ExtractiveStrategy().answer(evidence))
        draft = Draft()
        passages = list(evidence.passages)
        cites = CitationSet(passages)
        quoted = " ".join(
            f"{sentence} [{cites.cite(shown_at(passages, p, draft), sentence)}]"
            for p, sentence in found
        )
        written = self._written(short)
        single = written.search(found[0][1]) or written.search(found[-1][1])
        said = single.group(1) if single else short
        which = "" if len(found) == 1 else ", which write both"
        text = f"{said} stands for *{long}* in the articles{which}: {quoted}"
        return _finish(evidence, text, cites, draft)
        yield

    @staticmethod
    def _written(short: str) -> re.Pattern:
        """The abbreviation as a word, or its singular's plural ("PMs" asked, "PM" written)."""
        forms = [short] + ([short[:-1]] if short.endswith("s") and len(short) > 2 else [])
        return re.compile(
            r"\b(" + "|".join(re.escape(f) for f in sorted(forms, key=len)) + r")s?\b"
        )

    @classmethod
    def _spelling(cls, evidence: Evidence, short: str, long: str) -> list:
        """[(passage, sentence)]: the shortest sentence writing both the abbreviation and its
        long form ("a product manager (PM)" said in passing, not a list run together); else,
        where no sentence does, one of an article writing the long form and one of it writing
        the abbreviation ("machine learning engineers", "ML engineers"). Among the passages
        read, then a search for the two; [] when no article writes both."""
        written = cls._written(short)
        pool = list(evidence.passages) + evidence.retriever.search(
            f"{long} {short}", EXPANSION_SEARCH, source=evidence.source
        )
        # (prose sentences only: a reference entry or a fragment spells nothing out)
        said = [
            (p, sentence)
            for p in pool
            if not p.is_reference_list
            for sentence in split_sentences(p.text[:20_000])
            if len(sentence.split()) >= MIN_LEAD_WORDS and sentence[:1].isalnum()
        ]
        longs = [(p, x) for p, x in said if long.lower() in x.lower()]
        shorts = [(p, x) for p, x in said if written.search(x)]
        both = [(p, x) for p, x in longs if written.search(x)]
        if both:
            return [min(both, key=lambda t: len(t[1]))]
        for p, x in sorted(longs, key=lambda t: len(t[1])):
            other = next((s for s in shorts if s[0].source == p.source), None)
            if other is not None:
                return [(p, x), other]
        return []


def choose(query: Query, llm_strategy: Strategy | None) -> Strategy:
    if query.pair_choices:
        return PairChoiceStrategy()
    if query.comparison is None and abbreviation_asked(query.question):
        return ExpansionStrategy()
    if query.intent in ("author", "date"):
        return MetadataStrategy()
    if query.intent == "summary":
        return SummaryStrategy()
    if llm_strategy is not None:
        return llm_strategy
    if query.comparison is not None and not query.explains:
        return ComparisonStrategy()
    if query.ranking and query.wants in ("amount", "rate"):
        return RankingStrategy()
    return ExtractiveStrategy()
