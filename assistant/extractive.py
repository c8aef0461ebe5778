"""Answers composed from the passages' own sentences, each ending with its [n]."""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.text import TABLE_ROW

from .citations import CitationSet
from .evidence import Sentence, field_line
from .followed import figures

MAX_WORDS = 120
SHORT_WORDS = 12  # a sentence this short brings the one after it (see _with_context)
MIN_WORDS = 5  # a shorter sentence ("This is the best.") says too little to stand for an answer
FLOOR = 0.65  # a sentence scoring below this share of the best one is left out
ONE_PASSAGE_CLOSE = 0.95  # a third sentence of one passage scores at least this share of the best
WANTED_SHARE = 0.25  # the figure asked for comes in from this share of the best score
WANTED_TOPIC = 0.3  # ... and this share of the best sentence's match of the question's words
_LEADS_ON_CONTEXT = re.compile(r"^(it|this|that|they|these|those|he|she|the role|such)\b", re.I)
# A sentence that continues the one before it: a connective ("However, ...", "For example, ..."),
# or "Some do X, while others do Y" about the group the sentence before it named. Alone it
# misleads ("However, top earners match ..."), so it brings that sentence when the budget allows.
_CONTINUES = re.compile(
    r"^(?:however|but|so|also|thus|therefore|instead|otherwise|similarly|likewise|moreover"
    r"|furthermore|in addition|in other words|in this case|as a result|for example|for instance"
    r"|some\b[^.!?]{0,200}\bothers)\b",
    re.I,
)


# A sentence giving examples of the one before it ("Examples include ...", "For instance, ..."):
# what to actually do, which advice often needs.
_EXAMPLES = re.compile(r"^(?:for example|for instance|examples? (?:include|are)|e\.g\.)", re.I)


def select(
    sentences: list[Sentence],
    *,
    wants=None,
    max_words: int = MAX_WORDS,
    max_sentences: int = 4,
    own_role: bool = False,
    lead_wanted: bool = False,
) -> list[Sentence]:
    """The best sentences within the word budget, dropping ones far weaker than the best.

    `wants(text) -> bool` says whether a sentence gives the kind of answer asked for (an amount,
    a rate); when no chosen sentence does, the best one that does is added. With `own_role`
    (the question itself names its one role, not a conversation before it), a sentence about
    another role that meets the question's words better than the chosen ones about the asked
    role is left out (`_answers_for_another`). With `lead_wanted` (the question asks for that
    kind of answer itself, not why or where from), a chosen sentence giving it comes first.
    """
    # The floor is set by the best sentence that can be chosen: a heading line scoring above
    # every sentence ("The Offline Cookbook") must not leave the answer empty.
    sentences = _answers_for_questions(sentences)
    if own_role:
        sentences = _without_others_figures(sentences)
    best = next((s for s in sentences if not _label(s.text) and not _short(s.text)), None)
    if best is None:
        return []
    floor = best.score * FLOOR
    # the articles with a sentence about the asked role strong enough to be chosen
    anchored = {s.source for s in sentences if s.on_role and s.score >= floor}
    # the passages with a sentence strong enough to be chosen: with only one, its sentences
    # are all the evidence there is, and the answer reads on in it
    strong = {
        s.passage
        for s in sentences
        if s.score >= floor and not _label(s.text) and not _short(s.text)
    }
    chosen: list[Sentence] = []
    per_passage: dict[int, int] = {}
    seen_figures: set[str] = set()
    seen_texts: set[str] = set()
    used = 0
    for s in sentences:
        if s.score < floor or len(chosen) >= max_sentences:
            break
        n = len(s.text.split())
        if _label(s.text) or (_short(s.text) and not _short_lead(s)):
            continue
        if chosen and used + n > max_words:
            continue
        if (
            per_passage.get(s.passage, 0) >= 2
            and s.score < ONE_PASSAGE_CLOSE * best.score
            and len(strong) > 1
        ):
            # the evidence of several passages, not one, unless this passage's next sentence
            # is as good as the best ("spend significant time on ..." after two sentences of
            # the same "What ML engineers do" passage)
            continue
        if own_role and s.off_role and _answers_for_another(s, chosen):
            continue
        if s.off_role and figures(s.text) and any(not c.off_role for c in chosen):
            continue  # another role's figure after the asked role's: not this answer
        if own_role and s.off_role and not chosen and wants is not None:
            # an answer asking for a figure opens with no other role's sentence while the
            # asked role has one strong enough
            if any(o.on_role and not o.off_role and o.score >= floor for o in sentences):
                continue
        if _elsewhere(s, chosen, anchored):
            continue  # another article's other role, beside sentences about the asked one
        if own_role and not s.on_role and anchored and s.source not in anchored:
            # A sentence naming no role, from an article with nothing about the asked role,
            # while another article speaks of it: that article's own subject ("Marketers earn
            # a salary" for a machinist's pay), not the role asked about.
            continue
        if s.about_itself and (chosen or any(_content(o) for o in sentences if o.score >= floor)):
            continue  # "In this article, we'll ...": no answer of its own while content is there
        shown = figures(s.text)
        if shown and shown <= seen_figures:  # the same figure again, from another passage
            continue
        said = _said(s.text)
        if said in seen_texts:  # the same sentence again: a line an article repeats
            continue
        seen_texts.add(said)
        seen_figures |= shown
        chosen.append(s)
        per_passage[s.passage] = per_passage.get(s.passage, 0) + 1
        used += n
    if wants and not any(wants(s.text) for s in chosen):
        # the best sentence giving it that speaks of the question's topic: "$90,000" for a
        # head chef's pay does not say what a degree costs ("tens of thousands of dollars"
        # does, in words). It may do so by going on from the sentence before it: "LPN programs
        # are offered by community colleges ... Full-time programs take 12 to 18 months" says
        # how long an LPN's schooling takes, the topic in the first sentence. Asked of one
        # role, a sentence about it comes before another role's ("An RN needs two to four
        # years"), which is taken only when no such sentence is there.
        wanted = [
            s
            for s in sentences
            if wants(s.text)
            and s not in chosen
            and not _elsewhere(s, chosen, anchored)
            and s.score >= WANTED_SHARE * best.score
            and _topic(s, sentences) >= WANTED_TOPIC * best.lexical
        ]
        extra = next((s for s in wanted if not (own_role and s.off_role)), None)
        extra = extra or next(iter(wanted), None)
        if extra is not None:
            chosen.append(extra)
    lead = None
    if lead_wanted and wants:
        # the kind of answer asked for leads ("How long is a bootcamp?": "a 2-3 month
        # period" before what bootcamps cost), unless it leans on the sentence before it
        lead = next((s for s in chosen if wants(s.text)), None)
        if lead is not None and (_LEADS_ON_CONTEXT.match(lead.text) or _CONTINUES.match(lead.text)):
            lead = None
    return _with_context(chosen, sentences, max_words, lead)


def _topic(s: Sentence, sentences: list[Sentence]) -> float:
    """How well a sentence meets the question's words, or the sentence before it in its
    passage does, which it goes on from (a sentence naming its subject again is not needed to
    stay on it)."""
    before = next(
        (o for o in sentences if o.passage == s.passage and o.position == s.position - 1), None
    )
    return max(s.lexical, before.lexical if before is not None else 0.0)


def _without_others_figures(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences without another role's figures when the asked role has a figure of its
    own that a figure answer would bring in (at least WANTED_SHARE of the best score): "What's
    the median pay for registered nurses?" is answered with theirs, not first with the nursing
    assistants' median, which meets "median" better."""
    top = next((s for s in sentences if not _label(s.text) and not _short(s.text)), None)
    if top is None or not any(
        s.on_role and not s.off_role and s.score >= WANTED_SHARE * top.score and figures(s.text)
        for s in sentences
    ):
        return sentences
    return [s for s in sentences if not (s.off_role and figures(s.text))]


def _answers_for_another(s: Sentence, chosen: list[Sentence]) -> bool:
    """An off-role sentence that meets the question's words better than every chosen sentence
    about the asked role: it answers the question, but for another role ("Evenings and weekends
    are normal", in the paragraph on agents, for "Do brokers work weekends?"). Context about
    another role that the question's words do not single out stays."""
    own = [c.lexical for c in chosen if c.on_role]
    return bool(own) and s.lexical > max(own)


def _elsewhere(s: Sentence, chosen: list[Sentence], anchored: set[str]) -> bool:
    """A sentence about other roles than the one asked, from an article that has no sentence
    about it, while another article has one (`anchored`: chosen or strong enough to be) and
    nothing of its own article is chosen: it answers for another role, whatever its rank."""
    if not s.off_role or any(c.source == s.source for c in chosen):
        return False
    return any(c.on_role for c in chosen) or (bool(anchored) and s.source not in anchored)


LABEL_WORDS = 10
# End punctuation, or a link (a reference entry ends on its URL); a trailing ellipsis ("titles
# like…") leaves the sentence open.
_ENDS_SENTENCE = re.compile(r"(?:(?<!\.\.)\.|[!?:;\"'”’)\]]|https?://[^\s]{1,500})\s*$")


def _content(s: Sentence) -> bool:
    """A sentence that can stand for an answer: not a label, not too short, not about the text
    it sits in."""
    return not s.about_itself and not _label(s.text) and not _short(s.text)


def _answers_for_questions(sentences: list[Sentence]) -> list[Sentence]:
    """The article's own questions ("Does your kitchen need a sous chef?") ask, they answer
    nothing: each gives its place to the sentence after it in its passage (the article's answer,
    "Only once you serve more than ..."), which ranks as well as the question did; a question
    with no answer after it is left out. Unchanged when the passages hold nothing but questions."""
    by_pos = {(s.passage, s.position): s for s in sentences}
    rank: dict[tuple[int, int], float] = {}
    for s in sentences:
        if asks(s.text):
            nxt = by_pos.get((s.passage, s.position + 1))
            # past a short lead-in ("Her advice was concrete."), which answers nothing itself
            if nxt is not None and _short(nxt.text):
                nxt = by_pos.get((s.passage, s.position + 2)) or nxt
            if nxt is not None and not asks(nxt.text):
                key = (nxt.passage, nxt.position)
                rank[key] = max(rank.get(key, nxt.score), s.score)
    out = [
        replace(s, score=rank.get((s.passage, s.position), s.score))
        for s in sentences
        if not asks(s.text)
    ]
    if not any(not _label(s.text) and not _short(s.text) for s in out):
        return sentences
    return sorted(out, key=lambda s: s.score, reverse=True)


# The interviewer's set-up, a question in reported speech: "I asked Priya what she would tell
# a student." (not "When asked what she earns, she said ...": that one answers)
_REPORTED_QUESTION = re.compile(
    r"^\W{0,3}(?:I|We)\s+(?:also\s+|then\s+)?(?:asked|wondered)\b(?:\s+[\w'’-]{1,40}){0,4}?"
    r"\s+(?:what|how|why|whether|if|which|who|when|where)\b",
    re.I,
)


def asks(text: str) -> bool:
    """A sentence that is a question ("Why does it matter?", "I asked her what she would tell
    a student."), the article asking, not telling."""
    return text.rstrip(" \"'”’)").endswith("?") or bool(_REPORTED_QUESTION.match(text))


def _short(text: str) -> bool:
    """Too few words to stand for an answer, unless a "label: value" line with a figure, or a
    sentence saying one ("Bakers earned about $35,000.")."""
    n = len(text.split())
    return n < MIN_WORDS and not field_line(text) and not (n >= 3 and figures(text))


LEAD_WORDS = 3  # "Beyond mathematics, actuaries need:" introduces its list in a few words


def _short_lead(s: Sentence) -> bool:
    """A short sentence that introduces a list ("Beyond mathematics, actuaries need:"): its
    items are what it says (an answer without them leaves it out again, see answering)."""
    return introduces_list(s) and len(s.text.split()) >= LEAD_WORDS


# An aside in brackets closing a line ("Infrastructure as code (Terraform)"): no sentence end
# of its own, though its bracket closes the line (bounded: linear)
_TRAILING_ASIDE = re.compile(r"\s{0,3}\([^()]{0,200}[^().!?]\)\s{0,20}$")


def _label(text: str) -> bool:
    """A heading or label line ("Site Reliability Engineer"): a few words with no sentence end,
    which answers nothing on its own ("Containers (Docker)": a bracket closing the line ends
    no sentence, its aside has none)."""
    bare = _TRAILING_ASIDE.sub("", text)
    return (
        len(text.split()) <= LABEL_WORDS
        and not _ENDS_SENTENCE.search(bare if bare.strip() else text)
        and not field_line(text)
    )


def _with_context(
    chosen: list[Sentence], pool: list[Sentence], max_words: int, lead: Sentence | None = None
) -> list[Sentence]:
    """A sentence opening with "It"/"This role" or a connective ("However, ...") gets the
    sentence before it, when it fits. `lead`, when given, comes first (see `_reading_order`)."""
    by_pos = {(s.passage, s.position): s for s in pool}
    taken = {(s.passage, s.position) for s in chosen}
    used = sum(len(s.text.split()) for s in chosen)
    out: list[Sentence] = []
    for s in chosen:
        prev = by_pos.get((s.passage, s.position - 1))
        # A pronoun cannot be read without its sentence (a little over budget is allowed);
        # a connective only reads better with it (within budget).
        slack = 20 if _LEADS_ON_CONTEXT.match(s.text) else 0 if _CONTINUES.match(s.text) else None
        if (
            slack is not None
            and prev
            and (prev.passage, prev.position) not in taken
            and not _label(prev.text)
        ):
            if used + len(prev.text.split()) <= max_words + slack:
                out.append(prev)
                taken.add((prev.passage, prev.position))
                used += len(prev.text.split())
        out.append(s)
        # ... and the sentence after it, when that one leans on it ("It's made up of ...") or
        # gives its examples ("Examples include ..."), or when it is short: a short sentence
        # ("After we ship, the work goes on.") is usually the lead-in its next sentence spells out.
        nxt = by_pos.get((s.passage, s.position + 1))
        if (
            nxt
            and not nxt.about_itself  # ("This is why we wrote this post ...")
            and (nxt.passage, nxt.position) not in taken
            and (
                # ... but after a sentence that itself leans on the one before it ("It pays
                # well."), a next "It is also ..." leans on that same subject, not on the
                # chosen sentence: one more fact about it, which the question did not choose
                _LEADS_ON_CONTEXT.match(nxt.text)
                and not _LEADS_ON_CONTEXT.match(s.text)
                or _EXAMPLES.match(nxt.text)
                # ("From there, common routes include:": the list the chosen sentence leads to)
                or introduces_list(nxt)
                and _LEADS_ON_PREVIOUS.match(nxt.text) is not None
                or len(s.text.split()) < SHORT_WORDS
                and not TABLE_ROW.match(s.text)  # a row is no lead-in to the next row
            )
            and used + len(nxt.text.split()) <= max_words
        ):
            out.append(nxt)
            taken.add((nxt.passage, nxt.position))
            used += len(nxt.text.split())
        # "First, get hospital experience ...": the steps it opens follow ("Second, ...",
        # "Finally, ..."), a list written as prose
        step = s.position
        while _FIRST_STEP.match(s.text) and step - s.position < MAX_STEPS:
            step += 1
            nxt = by_pos.get((s.passage, step))
            if nxt is None or not _NEXT_STEP.match(nxt.text):
                break
            if (nxt.passage, nxt.position) in taken:
                continue
            if used + len(nxt.text.split()) > max_words:
                break
            out.append(nxt)
            taken.add((nxt.passage, nxt.position))
            used += len(nxt.text.split())
    return _reading_order(out, lead)


MAX_STEPS = 6
# A sentence opening on the one before it (general English): "From there, ...", "After that,
# ...", "Beyond that, ...", "These include:", "They can:"
_LEADS_ON_PREVIOUS = re.compile(
    r"^\W{0,3}(?:from (?:there|here)|after (?:that|this)|beyond (?:that|this)|besides (?:that|this)"
    r"|on top of (?:that|this)|in (?:that|this) (?:role|job|case)|these|they|then|next)\b",
    re.I,
)
_FIRST_STEP = re.compile(
    r"^\W{0,3}(?:first(?:ly)?|first of all|to begin with|to start with),", re.I
)
_NEXT_STEP = re.compile(
    r"^\W{0,3}(?:second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|next|then|finally|lastly|"
    r"last)\b",
    re.I,
)


def _reading_order(chosen: list[Sentence], lead: Sentence | None = None) -> list[Sentence]:
    # Best passage first; within one passage keep the author's order so the prose reads right
    # (a `lead` standing on its own goes before all: the answer asked for)
    first_rank = {}
    for rank, s in enumerate(chosen):
        first_rank.setdefault(s.passage, rank)
    ordered = sorted(chosen, key=lambda s: (first_rank[s.passage], s.position))
    if lead is None or lead not in ordered:
        return ordered
    return [lead, *(s for s in ordered if s is not lead)]


def compose(
    chosen: list[Sentence], cites: CitationSet, lists: dict[tuple[int, int], tuple] | None = None
) -> str:
    """The chosen sentences with their [n]; a sentence that introduces a list is followed by
    its items (`lists` maps it to (passage index, items), see `list_items`), or by the one
    sentence it announces ((passage index, sentence))."""
    parts = []
    # Each text is told once: a sentence chosen from two passages that overlap, or a list
    # item already shown under its lead, would otherwise be repeated word for word.
    told: set[str] = set()
    for s in chosen:
        if _said(s.text) in told:
            continue
        n = cites.cite(s.passage, s.text)
        got = (lists or {}).get((s.passage, s.position))
        told.add(_said(s.text))
        if got and isinstance(got[1], str):  # the sentence a colon announces
            index, follow = got
            m = cites.cite(index, follow)
            parts.append(f"{s.text} [{n}] {follow} [{m}] ")
            told.add(_said(follow))
        elif got:
            index, items = got
            m = cites.cite(index, items[0], also=items[1:])
            bullets = "\n".join(f"- {item}" for item in items)
            parts.append(f"{s.text} [{n}]\n{bullets} [{m}]\n\n")
            told.update(_said(item) for item in items)
        else:
            parts.append(f"{s.text} [{n}] ")
    return "".join(parts).strip()


def _said(text: str) -> str:
    """A text as compared for repetition: its words, case and spacing aside."""
    return " ".join(text.lower().split()).rstrip(".;:!")


_ITEM = re.compile(r"^\s{0,8}(?:[-*•+]|\d{1,3}[.)])\s+(.{1,400})$")
MAX_ITEMS = 8
ITEM_WORDS = 60  # words of list items one answer may add


def introduces_list(sentence: Sentence) -> bool:
    return sentence.text.rstrip().endswith(":")


def open_ended(text: str) -> bool:
    """A sentence that stops without end punctuation ("... something like"): what follows it
    finishes it. A "label: value" line ("Median salary: $98,000") is whole as it is."""
    return not _ENDS_SENTENCE.search(text) and not field_line(text)


def list_items(text: str) -> list[str]:
    """The list at the start of a text: its item lines, without their markers."""
    items: list[str] = []
    words_used = 0
    for line in text.splitlines():
        if not line.strip():
            if items:
                break
            continue
        m = _ITEM.match(line)
        if not m:
            if items:
                break
            return []  # the text does not open with a list
        item = m.group(1).strip()
        words_used += len(item.split())
        if len(items) == MAX_ITEMS or words_used > ITEM_WORDS:
            break
        items.append(item)
    return items


def text_after(passage_text: str, sentence: str) -> str:
    """What follows a sentence in its passage, with the passage's own line breaks."""
    flat = re.sub(r"\s+", " ", sentence).strip()
    last = flat.split(" ")[-1]
    at = passage_text.find(last)
    while at >= 0:
        rest = passage_text[at + len(last) :]
        if rest.lstrip(" ").startswith("\n") or not rest.strip():
            return rest
        at = passage_text.find(last, at + 1)
    return ""
