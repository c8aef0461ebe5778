"""Match a question's terms against passages (exactly or by word similarity) and judge coverage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from knowledge.text import (
    STOPWORDS,
    TABLE_ROW,
    content_terms,
    fold_accents,
    name_words,
    split_sentences,
    stem,
    words,
    written_form,
)

from .retrieve import Passage, Retriever
from .understand import Query
from .understand.followup import BACKGROUND as _BACKGROUND
from .understand.followup import asks_of_them
from .understand.lexicon import (
    AMOUNT_CUES,
    ASPECT_NOUNS,
    CENTRAL_PAY,
    COST_WORDS,
    DAY_TO_DAY,
    DAY_TO_DAY_WORD,
    ENTRY_WORD,
    KINDS_OF_TOOL,
    LEVEL_GROUPS,
    LEVEL_NOUN,
    LEVEL_WORDS,
    MAKE_PAY,
    ONLY_AS,
    PARTICLED,
    PAY_EDGES,
    PAY_NOUNS,
    SAYS_DAY_TO_DAY,
    SAYS_WHAT_ONE_DOES,
    asks_entry_unsaid,
    aspect_forms,
    aspect_named,
    aspects,
    kin_of,
    scale_of,
)
from .understand.names import NAME_WORD as _NAME_WORD
from .understand.names import asked_name, doer_names
from .understand.query import (
    BOTH_ALONE,
    BOTH_OF_PAIR,
    HOW_ADVERB,
    MAKES_KNOWN,
    abbreviation_asked,
    asks_of_a_pair,
    asks_origin,
    names_writing,
    self_described,
    text_verbs,
    topic_of,
)
from .understand.roles import _DETERMINERS, BARE_ROLE, RoleBook, kind_of, role_key
from .understand.sides import THE_WRITING, become_phrase, owner_phrase, subject_phrase
from .understand.vocabulary import _AGENT, CLIP_SIM, _plural_words, is_rare, specificity

# Words that shape a question but carry no topic: they never decide coverage.
QUESTION_WORDS = frozenset(
    """explain describe tell know need needs want think like help give list summarize summary
    please thanks hey hi mean means someone somebody person people typically usually really
    actually exactly kind kinds sort lot bit get got go going become becoming start starting make
    put puts keep keeps let lets set
    pick picking choose choosing recommend suit suits suited prefer
    makes making take takes worth good bad better best new old big ok okay way ways thing things
    anything something much many difference differences compare comparison versus vs whether
    between main key top typical average generally overall currently today nowadays should would
    could might must can role roles job jobs career careers one ones two both each
    either does did do doing done is are was were be been figure figures number numbers stat
    stats claim claims info information come comes source sources cite cited
    citation reference references link url fact facts detail details article articles author say
    says said mention mentioned example examples""".split()
)
SOFT_MATCH = 0.5
NAME_SHARE = 0.4  # a name's weight in choosing sentences, against the question's other words
LEXICON_MATCH = 0.8  # a word of the same career-lexicon aspect  # word similarity from which a different word counts as a partial match
MIN_COVERAGE = 0.3  # share of the question's topic words that the best passage matches
MIN_DENSE = 0.45  # cosine similarity of the question to the closest passage
_AMOUNT = re.compile(r"^\$?\d[\d,.]*[kKmM]?$")
_ENTITY = re.compile(r"^(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}\w*|\w*\d\w*[A-Za-z]\w*|[A-Z][a-z]+)$")


@dataclass
class Sentence:
    passage: int  # index into the passage list
    position: int  # order within the passage
    text: str
    score: float = 0.0
    lexical: float = 0.0
    dense: float = 0.0
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)  # its embedding
    # about the article itself ("In this article, we'll ..."), not asked for: it adds nothing
    # to an answer that has content already (see extractive.select)
    about_itself: bool = False
    # only about roles other than the one asked about (see TermMatcher.role_focus): it adds
    # nothing to an answer that has a sentence about that role (see extractive.select)
    off_role: bool = False
    on_role: bool = False  # about the one role asked about: naming it, or it alone by context
    source: str = ""  # the article of its passage


_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")  # "PM", "PMs"


def _possessor(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


# "What does Marcus like most?", "What do nurses like about nights?": "like" as the verb of
# enjoying (after do + its subject) is the topic; elsewhere ("What is it like", "roles like")
# it is a question's filler.
_LIKE_VERB = re.compile(r"\b(?:do|does|did)(?:n[’']t)?\s+(?:[\w’'-]{1,40}\s+){1,3}(like)\b", re.I)


# "over the next 10 years", "in the coming decade": when, not what, a question asks about
_HORIZON = re.compile(
    r"\b(?:over|in|within|during|for)\s+the\s+(?:next|coming|following)\s+"
    r"(?:(?:\d{1,3}|few|several|couple\s+of|two|three|five|ten|twenty)\s+)?"
    r"(?:years?|decades?|months?)\b",
    re.I,
)


def topic_words(question: str) -> list[str]:
    liked = {"like"} if _LIKE_VERB.search(question) else set()
    # "Who is nursing a good fit for?": "fit" asks who the path suits, it is no topic
    suits = _SUITS if _ASKS_WHOM.search(question[:1000]) else frozenset()
    said = text_verbs(question)  # "the data the article uses": asked of the writing
    question = _HORIZON.sub(" ", question)
    # "How long does it take?": "long" is the question's form (a span of time, see
    # answer_kind), which a sentence gives in figures; "long hours" would meet it as a word
    question = HOW_ADVERB.sub(" ", question)
    return [
        w
        for w in dict.fromkeys(words(question))
        if w not in STOPWORDS
        and w not in said
        and (w not in QUESTION_WORDS or w in liked)
        and len(w) > 1
        and (not w.isdigit() or len(w) == 4)  # a year is a topic; "5" or "10" is not
        and not (suits and stem(w) in suits)
    ]


_PAY_WORDS = next(a.words for a in aspects() if a.name == "Pay")
_DAY_TO_DAY_WORDS = frozenset(words(DAY_TO_DAY_WORD))  # "day" (and "to", never a term)


@lru_cache(maxsize=4096)  # a question matches each passage and sentence several times
def _text_stems(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the text's words, and of those it writes only in a form that speaks of no
    aspect (`aspect_forms`)."""
    every = frozenset(stem(w) for w in words(text))
    return every, every - {st for _w, st in aspect_forms(text)}


def speaks_of_any(text: str, subjects: list[str], book: RoleBook) -> bool:
    """The text names one of these roles by any spelling the library knows, or writes every
    word of one (a side the library never learnt as a role: "self-taught")."""
    named = [book.keys(r) for r in book.find(text)]
    for subject in subjects:
        keys = book.keys(subject)
        if keys and any(keys & n for n in named):
            return True
    said = _text_stems(text)[0]
    return any(own and own <= said for own in (set(content_terms(s)) for s in subjects))


class TermMatcher:
    """A question's topic words, each weighted by IDF, matched exactly or by word similarity."""

    def __init__(
        self,
        question: str,
        retriever: Retriever,
        embedder,
        roles: list[str] | None = None,
        kin: bool = True,
        subject: str | None = None,
    ) -> None:
        """`kin`: a career-lexicon word also matches the other words of its aspect ("paid" by
        "salary"); off, a word is met only by itself or a close word ("math" by "mathematics",
        not by "expertise")."""
        self.retriever = retriever
        self.subject = subject  # of several roles, the one the question is about
        self._pay = asks_pay(question)
        self.book: RoleBook = retriever.library.roles
        # "PM" -> "product manager": only what an article spells out, never a guess
        self._acronyms = retriever.library.spelled
        self.roles = self.book.find(question) if roles is None else list(roles)
        # Role names are matched as roles (see role_focus), not word by word: "ML engineer" and
        # "machine learning engineer" share no words but are the same role.
        role_words = {w for r in self.roles for w in words(r)}
        self.terms = [
            t for t in topic_words(question) if _possessor(t) not in role_words
        ]  # ("the PM's day": "pm's" is the role too)
        if self._pay and not any(stem(t) in _PAY_WORDS for t in self.terms):
            # "How much does a lawyer make?" has no word of pay ("make" is everyday): the
            # question's topic is pay all the same, met by any of its words
            self.terms.append("pay")
        if asks_entry_unsaid(question, {stem(t) for t in self.terms}):
            # "How did he get that job?": how one gets in, met by any word of entry
            self.terms.append(ENTRY_WORD)
        self.weights = np.array([retriever.idf(stem(t)) * specificity(t) for t in self.terms])
        vocab, vecs = retriever.vocabulary(embedder)
        self._index = vocab
        self._vecs = vecs
        # Term vectors only: similarities are taken against the words of each text matched,
        # not the whole vocabulary (which grows with the library).
        self._term_vecs = embedder.embed_batch(self.terms) if self.terms and len(vocab) else None
        self._stems = [stem(t) for t in self.terms]
        # A career-lexicon word stands for its whole aspect: "effort day to day" is met by
        # "spend" and "focus", "paid" by "salary".
        # ... written in a form that speaks of it: "an example project" is no word of demand
        # ("projected" is), so it stands for itself alone
        unaspected = _text_stems(question[:2000])[1] if kin else frozenset()
        self._kin = [
            kin_of(st) if kin and st not in unaspected else frozenset() for st in self._stems
        ]
        # A lexicon word the question writes in the one form that speaks of its aspect ("in
        # demand") is not met by the same word in another sense ("the role demands math"):
        # the words whose sense goes with their form (lexicon.ONLY_AS, PARTICLED) only
        said_as_aspect = {st for _w, st in aspect_forms(question[:2000])} if kin else set()
        self._as_aspect = [
            bool(self._kin[i]) and s in said_as_aspect and (s in ONLY_AS or s in PARTICLED)
            for i, s in enumerate(self._stems)
        ]
        # "What do welders do day to day?": "day" names the aspect, which "first day" in "a
        # weld test on your first day" does not speak of: it is met as a word of its aspect,
        # no closer than "tasks" or "shifts"
        self._aspect_only = [
            bool(self._kin[i]) and t in _DAY_TO_DAY_WORDS and bool(SAYS_DAY_TO_DAY.search(question))
            for i, t in enumerate(self.terms)
        ]

    def match(self, text: str, names: frozenset[str] | set[str] = frozenset()) -> np.ndarray:
        """Per term: 1 for the same word stem, the similarity for a close word, else 0.
        `names`: words of proper names in the text (`name_words`), which meet a term only as
        that very word ("Labor Statistics" is no statistics skill)."""
        toks = words(text)
        every, unaspected = _text_stems(text)
        stems = set(every)
        common = {stem(w) for w in toks if w not in names} if names else stems
        for short in _ACRONYM.findall(text):  # "the PM space" speaks of product management
            # "PMs" is the plural of "PM"; "MLE" is no plural of "ML"
            long = self._acronyms.get(short) or (
                short.endswith("s") and self._acronyms.get(short[:-1])
            )
            if long:
                stems.update(stem(w) for w in words(long))
                common.update(stem(w) for w in words(long))
        idx: list[int] = []
        if self._term_vecs is not None:  # each word looked up once (`Vocabulary.get`)
            get = self._index.get
            idx = [i for w in set(toks) if w not in names for i in (get(w),) if i is not None]
        sims = self._term_vecs @ self._vecs[idx].T if idx else None  # terms x words of text
        out = np.zeros(len(self.terms))
        # a kin word counts only in a form that speaks of its aspect: "the role demands math"
        # says nothing of the demand for a role ("job outlook")
        common = common - unaspected
        if any(self._kin):
            # ... nor as a word of a role's name: "learning" in "Machine Learning Engineer" is
            # no skill learnt, "care" in "care assistant" no duty
            common = common & self._kin_stems(text)
        for i, s in enumerate(self._stems):
            if self._aspect_only[i]:
                # the aspect's name ("day to day"): any of its words in a form that speaks of it
                out[i] = LEXICON_MATCH if (self._kin[i] | {s}) & common else 0.0
            elif s in stems and not (self._as_aspect[i] and s in unaspected):
                out[i] = 1.0
            elif self._kin[i] & common:
                out[i] = LEXICON_MATCH
            elif idx:
                best = float(sims[i].max())
                out[i] = best if best >= SOFT_MATCH else 0.0
        return out

    def _kin_stems(self, text: str) -> set[str]:
        """The stems of the text's words outside the roles it names."""
        return {stem(w) for w in words(self.book.outside_roles(text))}

    def role_focus(self, text: str, context: Passage | None = None) -> float:
        """+1 when the text is about the one role asked about (of several, the `subject`), -1
        when only about other roles.

        A sentence that names no role ("This role demands...") is about its passage's role: the
        one its heading names, else the one its first sentence names, else, when the article's
        title names the asked role alone ("What It's Like to Be a Marine Biologist"), that one.
        """
        focus = self.subject or (self.roles[0] if len(self.roles) == 1 else None)
        if focus is None:
            return 0.0
        book = self.book
        asked = book.keys(focus)
        if self._pay:  # "How much do designers make?": each designer of the library's
            asked = asked | _of_its_kind(focus, book)
        named = {k for r in book.find(text) for k in book.keys(r)}
        if not named and context is not None:
            lead = split_sentences(context.text)[:1]
            heading = context.section.split(":")[-1]
            for hint in (heading, lead[0] if lead else ""):  # a heading names its subject
                named = {k for r in book.find(hint) for k in book.keys(r)}
                if named:
                    text = hint
                    break
            if not named:
                # A single-role article's sentences are about its role; a title naming other
                # or several roles leaves them unplaced (0), as before.
                # ("Engineering Career Development" places no sentence: a bare role noun
                # names no particular role)
                found = book.find(context.title)
                titled_roles = [r for r in found if not BARE_ROLE.fullmatch(r)]
                if BARE_ROLE.fullmatch(focus.strip()):
                    # ... unless the title names that one role and no other, as a person ("A
                    # day in the life of an 18F Engineer" for "an engineer", not "Engineering
                    # Career Development"): its sentences are about it, as its opening under
                    # the title is
                    person = [r for r in found if not r.lower().endswith("ing")]
                    one = len(found) == 1 == len(person) and (
                        kind_of(found[0], focus) or stem(found[0].lower()) == stem(focus.lower())
                    )
                    return 1.0 if one else 0.0
                titled = [book.keys(r) for r in titled_roles]
                return 1.0 if titled and all(k & asked for k in titled) else 0.0
        if not named:
            return 0.0
        # "Entry-level designers" in an article whose title names the game designer: the
        # asked role at a level of its career, by its head noun
        titled = book.find(context.title) if context is not None else []
        head = stem(words(focus)[-1]) if words(focus) else ""
        # (a head noun two title sides share, "cooks" of line and pastry cooks, is neither's)
        shared = any(
            not book.keys(r) & asked and words(r) and stem(words(r)[-1]) == head for r in titled
        )
        levelled = (
            {r for r in book.find(text) if _levelled_head(r, focus)}
            if any(book.keys(r) & asked for r in titled) and not shared
            else set()
        )
        both = BOTH_OF_PAIR.search(text) or BOTH_ALONE.search(text)
        if levelled or (both and any(book.keys(r) & asked for r in titled)):
            # ... and "both professions" (or "both can ...") of an article whose title names
            # the asked role is it too, whatever other roles the sentence goes on to ("... as
            # specialists", "... or consultant midwives")
            named |= asked
        if not asked & named:
            found = book.find(text)
            head = words(focus)[-1:] if words(focus) else []
            if (
                head
                and _leads_with_head(text, head[0])
                and any(book.keys(r) & asked for r in titled)
            ):
                # "A researcher might become a research lead ...", in an article titled for the
                # UX researcher: its subject is the asked role by its head noun; the roles it
                # goes on to name are where that role leads
                return 1.0
            if (
                head
                and not TABLE_ROW.match(text)
                and all(
                    BARE_ROLE.fullmatch(r.strip()) and role_key(r) == role_key(head[0])
                    for r in found
                )
            ):
                # "many designers hold a degree", asked about UX designers: designers of
                # every kind, the asked one among them; no other role's sentence (a table's
                # "Manager" row is its own kind of manager, not an interim one)
                return 0.0
            if context is not None and (
                _headed_for(context, asked, named, book)
                or (
                    _heading_names(context, asked, named, book)
                    and _kind_untitled(context, asked, book.find(text), book)
                )
            ):
                # "Every state requires experience as a licensed agent first, usually two to
                # three years" under "How to become a broker", in "Agent vs. Broker": where an
                # article of the two roles heads a section for the asked one alone, the section
                # speaks of it, the other role a sentence names the step before (or beside) it;
                # so does a role of the asked one's kind the title does not name ("Licensure as
                # a Licensed Professional Counselor (LPC) requires ..." under "Mental health
                # counselors"): the asked role by its licence's name
                return 0.0
            return -1.0
        # ("involve an engineer": a bare role noun names no other role)
        others = {
            r
            for r in book.find(text)
            if not book.keys(r) & asked and not BARE_ROLE.fullmatch(r) and r not in levelled
        }
        return 0.0 if others else 1.0

    def role_spoken_of(self, text: str, context: Passage | None = None) -> str | None:
        """The role a text speaks of, as role_focus reads it: one it names, else the one its
        passage's heading or first sentence names ("This role demands ..." under "What ML
        engineers do"); None when it names none."""
        found = self.book.find(text)
        if not found and context is not None:
            lead = split_sentences(context.text)[:1]
            for hint in (context.section.split(":")[-1], lead[0] if lead else ""):
                found = self.book.find(hint)
                if found:
                    break
        return found[0] if found else None

    def names_asked(self, text: str) -> bool:
        """The text names the one role asked about (beside others or not): "Employment of
        nurses and midwives will grow" is about the nurse asked about too."""
        focus = self.subject or (self.roles[0] if len(self.roles) == 1 else None)
        if focus is None:
            return False
        asked = self.book.keys(focus)
        return any(self.book.keys(r) & asked for r in self.book.find(text))

    def _titled(self, text: str, context: Passage) -> tuple[set[str], set[str]] | None:
        """For a sentence naming no role: the keys of the roles its article's title names, and
        the asked role's keys; None when the sentence names a role or no one role is asked."""
        focus = self.subject or (self.roles[0] if len(self.roles) == 1 else None)
        if focus is None or self.book.find(text):
            return None
        return _title_keys(context, self.book), self.book.keys(focus)

    def titled_asked(self, text: str, context: Passage) -> bool:
        """A sentence naming no role, in an article whose title names the one asked about
        ("A high school diploma is enough to start an apprenticeship" in "Plumber vs HVAC
        Technician", asked about plumbers): about the asked role as far as it says."""
        got = self._titled(text, context)
        return got is not None and bool(got[0] & got[1])

    def titled_otherwise(self, text: str, context: Passage) -> bool:
        """A sentence naming no role, in an article whose title names roles but not the one
        asked about: "my day-to-day" in an article about product managers is no site
        reliability engineer's day."""
        got = self._titled(text, context)
        return got is not None and bool(got[0]) and not got[0] & got[1]

    def score(
        self,
        text: str,
        weights: np.ndarray | None = None,
        lent: str = "",
        names=frozenset(),
        without: frozenset[str] = frozenset(),
    ) -> float:
        """`lent`: words that meet a term only when they are that very word (an article's
        subject, see `_subject_words`), never by likeness; so do `names` (see `match`).
        `without`: the stems of terms that count for nothing here (another row's words), still
        weighing in the whole the score is a share of."""
        if not self.terms:
            return 0.0
        weights = self.weights if weights is None else weights
        got = self.match(text, names)
        if without:
            got = got * np.array([0.0 if s in without else 1.0 for s in self._stems])
        if lent:
            given = {stem(w) for w in words(lent)}
            got = np.maximum(got, [1.0 if s in given else 0.0 for s in self._stems])
        return float((got * weights).sum() / weights.sum())

    def sentence_weights(self, question: str, passages: list[Passage]) -> np.ndarray:
        """The weights for choosing sentences: the name of the one the question asks about
        ("What does Amara do after her rounds?") found the passages about her; within them the
        sentence that answers is the one with the other words ("after", "rounds"), not "My
        name is Amara Osei." The name is the title-case subject right after the question's
        auxiliary, a word the passages write and never in lower case (a place or an agency
        elsewhere in the question, "for the Department of Health", is what is asked about).
        So is a name a follow-up carries from the conversation ("What books does she
        recommend?" after a question about Amara Osei); a carried topic that is no name ("What
        does it produce?" after "the analysis track") keeps its weight: the answer names it.
        `question` is the question as typed."""
        if not self.terms:
            return self.weights
        typed = {stem(w) for w in words(question)}
        titled = {t.lower() for t in doer_names(question)}
        text = "\n".join(p.text for p in passages)
        # (a narrator the byline names, "How much does Ana earn now?", is written nowhere else)
        bylined = _author_words(self.retriever) if titled else frozenset()
        names = [
            ((t in titled or s not in typed) and _written_as_name(t, text))
            or (t in titled and fold_accents(t) in bylined)
            for t, s in zip(self.terms, self._stems, strict=True)
        ]
        if not any(names) or all(names):
            return self.weights
        return self.weights * np.where(names, NAME_SHARE, 1.0)

    def topical_coverage(self, text: str) -> float | None:
        """Coverage of the (non-role) topic words; None when the question has none."""
        return self.score(text) if self.terms else None


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[*•\n-])\s*$")


def _written_as_name(word: str, text: str) -> bool:
    """The text writes the (lower-case) word, never in lower case, and in title case at least
    once inside a sentence ("... told Amara about ..."), where only a name keeps its capital, or
    as a speaker's label ("Amara: ...")."""
    text = fold_accents(text)  # "Clementine" typed for "Clémentine"
    if re.search(rf"\b{re.escape(word)}\b", text):
        return False
    for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I):
        if not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            return True
        if text[m.end() : m.end() + 1] == ":" and m.group(0)[:1].isupper():
            return True  # a speaker's label in an interview ("Amara: I start at seven.")
    return False


def candidate_sentences(
    passages: list[Passage], replies: frozenset[int] = frozenset()
) -> list[Sentence]:
    """Sentences of the passages that can answer; `replies`: passages whose opening short reply
    answers the question asked (see replies_asked), kept with the sentence after it."""
    out = []
    for pi, p in enumerate(passages):
        # A reference entry is one unit: splitting it at its periods makes nonsense.
        if p.is_reference_list:
            parts = [p.text]
        else:
            parts = _with_short_reply(p) if pi in replies else prose_sentences(p.text)
        for si, s in enumerate(parts):
            if len(s.split()) >= MIN_SENTENCE_WORDS and not p.is_reference_list and _fragment(s):
                continue
            if len(s.split()) >= MIN_SENTENCE_WORDS:
                out.append(Sentence(pi, si, s, source=p.source))
    return out


MIN_SENTENCE_WORDS = 3  # a shorter piece is no sentence to answer with (candidate_sentences)
REPLY_HEADING = 0.5  # a question heading at least this close to a yes/no question asked ...
REPLY_NAMED = 0.35  # ... or to another question (its reply names a thing: "Job security.")
REPLY_WORDS = (
    5  # ... has its reply under this many words ("It can be.") kept (extractive.MIN_WORDS)
)


def _with_short_reply(p: Passage) -> list[str]:
    """The passage's sentences, where a reply too short to be a sentence of its own ("No.",
    "Not always.") opening the passage joins the sentence after it, which it qualifies."""
    parts = prose_sentences(p.text)
    if (
        len(parts) > 1
        and len(parts[0].split()) < REPLY_WORDS
        and parts[0].rstrip().endswith((".", "!"))
        and p.text.lstrip().startswith(parts[0])
    ):
        return [f"{parts[0]} {parts[1]}", *parts[2:]]
    return parts


# A reply that says yes or no, or how often ("Not always.", "Usually."): General English
_YES_NO_REPLY = re.compile(
    r"\s{0,8}(?:yes|yeah|yep|no|nope|not|never|always|sometimes|often|usually|rarely"
    r"|absolutely|definitely|maybe|probably|perhaps|it depends|depends|certainly|of course"
    r"|oh|um|uh|er|erm|hmm|ah|well|so|ok|okay|right|good question|great question)\b",
    re.I,
)


def _unlabelled(text: str) -> str:
    """The text after a speaker's label it opens with ("Ravi: Saying no." -> "Saying no.")."""
    m = _SPEAKER.match(text) if speaker_of(text) else None
    return text[m.end() :] if m else text


def replies_asked(
    question: str, passages: list[Passage], asked: dict[str, float]
) -> frozenset[int]:
    """The passages whose short reply ("Not always.") answers the question asked: a yes/no
    question, and its passage opens the question heading closest to it (`asked`: each
    heading's likeness to the question), a FAQ's "Do tutors need a degree?". Under another
    heading, or for another question, the reply says nothing (its yes is to another
    question)."""
    if not asked:
        return frozenset()
    best = max(asked, key=asked.get)
    if not asks_yes_no(question):
        # "What does Ravi find hardest?" under "What is the hardest part?": a short reply
        # naming its answer ("Saying no." in each turn of a panel, "Job security.") stays
        # with the sentence after it; a yes or no ("Not always.") or a filler ("Oh God,
        # um.") answers no question that asks for a thing
        if asked[best] < REPLY_NAMED:
            return frozenset()
        return frozenset(
            i
            for i, p in enumerate(passages)
            if p.section == best and not _YES_NO_REPLY.match(_unlabelled(p.text))
        )
    if asked[best] < REPLY_HEADING:
        return frozenset()
    first: dict[str, int] = {}
    for i, p in enumerate(passages):
        if p.section == best and (
            p.section not in first or p.chunk_index < passages[first[p.section]].chunk_index
        ):
            first[p.section] = i
    return frozenset(first.values())


_LIST_LINE = re.compile(r"^\s{0,8}(?:[-*•+]|\d{1,3}[.)])\s+\S")


# "Median salary: $120,000", "Hours: 40 a week": a label and its value on a line of their
# own (no sentence end, a few words), which states a fact when its value has a figure.
_FIELD_LINE = re.compile(r"^[A-Z][^:\n]{0,60}:[ \t]+\S[^\n]{0,80}$")
_DIGIT = re.compile(r"\d")


def field_line(text: str) -> bool:
    """A short "label: value" line whose value has a figure: a statement, though it has no
    sentence end and fewer words than a sentence needs."""
    head, _sep, value = text.partition(":")
    return bool(_FIELD_LINE.match(text)) and bool(_DIGIT.search(value)) and len(head.split()) <= 5


# A line opening with a short label and its colon ("Typical entry path: ...")
_LABEL_OPENS = re.compile(r"^[A-Z][\w'’ /-]{0,40}:\s")


def _lines_sentences(lines: list[str]) -> list[str]:
    """The sentences of a passage's plain lines, read as one text (a plain-text article may be
    wrapped mid-sentence), except that a "label: value" line ends its sentence though it has no
    period: "Median salary: $120,000" and "Typical entry path: ..." on lines of their own are
    two sentences, not one glued one."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            continue
        last = groups[-1][-1] if groups[-1] else ""
        if last and (field_line(last.strip()) or _LABEL_OPENS.match(line.strip())):
            groups.append([])
        groups[-1].append(line)
    return [x for g in groups if g for x in split_sentences(" ".join(g))]


def prose_sentences(text: str) -> list[str]:
    """The sentences of a passage. The items of a list that a sentence introduces ("... should
    know:") are left out: that sentence brings them (see extractive.list_items), as many as an
    answer takes. Items of a list without such a sentence, and those past what it brings, are
    sentences of their own, without their markers."""
    from .extractive import ITEM_WORDS, MAX_ITEMS  # (extractive builds on this module)

    out: list[str] = []
    block: list[str] = []
    introduced = False
    brought = brought_words = 0  # the items the introducing sentence brings, and their words
    for line in text.splitlines():
        m = _LIST_LINE.match(line)
        if m:
            if any(b.strip() for b in block):
                out += _lines_sentences(block)
                introduced = bool(out) and out[-1].rstrip().endswith(":")
                brought = brought_words = 0
            elif block and brought:
                introduced = False  # a blank line ends the list the sentence brings
            block = []
            item = line[m.end() - 1 :]
            if introduced and brought < MAX_ITEMS:
                brought_words += len(item.split())
                brought += 1
                if brought_words <= ITEM_WORDS:
                    continue
                brought = MAX_ITEMS  # past the budget: this item and the rest are not brought
            # an item the sentence does not bring (a list of whole paragraphs runs past what
            # an answer takes of a list) is a sentence of its own
            out += split_sentences(item)
            continue
        if TABLE_ROW.match(line.strip()):
            if any(b.strip() for b in block):
                out += _lines_sentences(block)
            block, introduced = [], False
            out.append(line.strip())  # a table row is one statement, whatever its semicolons
            continue
        block.append(line)
        introduced = introduced and not line.strip()
    if block:
        out += _lines_sentences(block)
    return out


_BULLET = re.compile(r"(?:^|\s)[-*•]\s")


def _fragment(sentence: str) -> bool:
    """Text that cannot open an answer: the tail of a sentence cut at a chunk boundary
    ("engineers, who ..."), or a run of list items without the sentence introducing them."""
    first = sentence.lstrip("\"“‘'([ ")[:1]
    if first.islower() or first in ",;:.)]}":
        return True
    return bool(re.match(r"[-*•]\s", sentence)) and len(_BULLET.findall(sentence)) >= 2


_HAS_CITATION = re.compile(r"\(([^()]+),\s*\d{4}\)|\baccording to\b|https?://|\breport\b", re.I)

# What a sentence offering each kind of answer looks like.
OFFERS = {
    "amount": re.compile(
        # ("130,000 dollars" is an amount too; "50 pounds" may be a weight to lift, but
        # "29,970 pounds", thousands of them, is a sum)
        r"[$€£]\s?\d|\b\d[\d,.]{0,40}+\s?(k|thousand|million)\b"
        r"|\b\d[\d,.]{0,40}+\s?(USD|EUR|GBP|dollars?|euros?)\b"
        r"|\b\d{1,3}(?:,\d{3}){1,4}\s?(?:pounds|sterling)\b"
        # ... and so are pounds by the hour, week or year ("7.63 pounds an hour"): a wage
        r"|\b\d[\d,.]{0,40}+\s?pounds?\s(?:an?|per|each)\s(?:hour|day|week|month|year)\b",
        re.I,
    ),
    "rate": re.compile(
        r"\b(fastest|growth|growing|ranked|\d+(st|nd|rd|th)|third|second|first)\b|%"
        r"|\b\d{1,3}(?:\.\d{1,2})?\s?(?:percent|per cent)\b",  # "grow 6 percent"
        re.I,
    ),
    # a number in digits or in words ("adds two to four years"); "one" only as a time span
    "count": re.compile(
        r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
        r"|thirty|forty|fifty|hundred|thousand|dozen)\b"
        r"|\bone(?:[\s-]+(?:to|or)[\s-]+\w+)?[\s-]+(?:years?|months?|weeks?|days?|hours?)\b",
        re.I,
    ),
    # a person's full name ("Marcus Bell"): two capitalized words, the first not opening the
    # sentence ("Learn Python" names no one); case-sensitive
    "person": re.compile(r"(?<=[\w,;:(] )[A-Z][a-z’'-]{1,20} [A-Z][a-z’'-]{1,20}\b"),
}


def _offers(query: Query) -> re.Pattern | None:
    """What a sentence offering the kind of answer asked for writes; "How long is a coding
    bootcamp?" asks a count of time: a span ("a 2-3 month period"), not "thousands of
    dollars"."""
    if query.wants == "count" and _ASKS_SPAN.search(query.text[:1000]):
        return _SPAN
    return OFFERS.get(query.wants or "")


def answer_type_test(query: Query):
    """A predicate for sentences that offer the kind of answer asked for, or None."""
    offers = _offers(query)
    return offers.search if offers else None


ANSWER_TYPE_BONUS = 0.12  # a sentence offering the kind of answer asked for
PERSON_BONUS = 0.3  # a sentence naming someone, for a question asking who
CENTRAL_BONUS = 0.2  # a pay figure said to be the usual one (lexicon.CENTRAL_PAY)
_MONEY_SIGN = re.compile(r"[$€£¥]\s?\d")


# General English: the words that give a reason ("is due to", "because", "which leads to")
_GIVES_REASON = re.compile(
    r"\b(?:because|due to|owing to|thanks to|since|therefore|thus|hence|as a result"
    r"|leads? to|led to|results? in|caused? by|causes?|the reason|which (?:is )?why|that(?:'s| is) why)\b",
    re.I,
)


OTHER_ROW = 0.5  # weight of a table row whose first cell the question does not name
# "Which industry ...?", "which state", "which sector": the kind of thing a question asks to
# pick one of (general English; bounded: linear)
_WHICH_NOUN = re.compile(r"\b(?:which|what)\s{1,3}([a-z]{3,30})\b", re.I)


# "the most", "the highest", "the least" (general English; bounded: linear)
_EXTREME = re.compile(r"\b(?:the\s{1,3})(most|highest|best|top|least|lowest|worst)\b", re.I)
_LOW_WORDS = frozenset(("least", "lowest", "worst"))
_ROW_FIGURE = re.compile(r"[$€£]\s?(\d{1,3}(?:,\d{3}){0,4}(?:\.\d{1,2})?)")


def _ranked_row(passage: Passage, ranking: str) -> str | None:
    """The table row of the passage with the highest figure ("most") or the lowest
    ("least"), by its first sum of money; None when no row gives one."""
    rows = []
    for line in passage.text[:20_000].splitlines():
        m = _ROW_FIGURE.search(line) if TABLE_ROW.match(line) else None
        if m:
            rows.append((float(m.group(1).replace(",", "")), line.strip()))
    if not rows:
        return None
    return (max(rows) if ranking == "most" else min(rows))[1]


def _rows_of_kind(passage: Passage, kinds: set[str], passages: list[Passage] = ()) -> bool:
    """The passage's text besides its table rows (the line introducing them, its heading, or
    the passage right before it in its section, when found too) names the kind of thing asked
    for ("Median annual wages in the top industries" for "Which industry ...?"): its rows are
    those things, one each."""
    before = [
        p.text[-2000:]
        for p in passages
        if p.source == passage.source
        and p.section == passage.section
        and p.chunk_index == passage.chunk_index - 1
    ]
    said = " ".join(
        line
        for line in "\n".join([*before, passage.text[:20_000]]).splitlines()
        if not TABLE_ROW.match(line)
    )
    return bool(kinds & {stem(w) for w in words(f"{passage.section} {said}")})


def _row_asked(row: str, asked_stems: set[str], asked_keys=frozenset(), book=None) -> bool:
    """Whether the question names a word of a table row's first cell ("Veterinarian — Median
    salary: ..." for a question about veterinarians; not "Senior — Application of interim
    period: Yes" for one about the interim period), or the asked role heads one of its cells:
    a table with a column per role gives each measure a row ("Median pay — Chef: $58,000;
    Baker: $37,000" answers "How much does a chef make?")."""
    label = {stem(w) for w in words(row.split(" — ")[0])} - {stem(w) for w in STOPWORDS}
    if label & asked_stems:
        return True
    return book is not None and any(
        book.keys(header) & asked_keys for header, _value in row_cells(row)
    )


def row_cells(row: str) -> list[tuple[str, str]]:
    """The "header: value" cells of a table row as ingest writes it ("Median pay — Chef:
    $58,000; Baker: $37,000." gives ("Chef", "$58,000"), ("Baker", "$37,000"))."""
    _label, _sep, rest = row.partition(" — ")
    cells = []
    for cell in rest.rstrip().removesuffix(".").split("; "):
        header, colon, value = cell.partition(": ")
        if colon and header.strip() and value.strip():
            cells.append((header.strip(), value.strip()))
    return cells


def _headed_for_work(passages: list[Passage]) -> set[int]:
    """The passages whose own heading speaks of a role's day-to-day work (the lexicon's
    words for it) or says what someone does."""
    work = next(a.words for a in aspects() if a.name == DAY_TO_DAY)
    out = set()
    for i, p in enumerate(passages):
        heading = own_heading(p.section).strip()
        if heading and (
            {stem(w) for w in words(heading)} & work or SAYS_WHAT_ONE_DOES.match(heading)
        ):
            out.add(i)
    return out


_ENTRY_WORDS = next(a.words for a in aspects() if a.name == "Entry and education")


def asks_way_in(query: Query) -> bool:
    """See `_asks_way_in`."""
    return _asks_way_in(query)


def _asks_way_in(query: Query) -> bool:
    """A question about what becoming one role takes ("What do I need to become a mortgage
    broker?", "How do I become a florist?"), asking for no amount, count or rate."""
    if query.comparison is not None or query.wants is not None or query.intent != "fact":
        return False
    if become_phrase(query.question):
        return True
    # "How do people become AI engineers?": a plural role with no article, one the library knows
    return any(
        re.search(rf"\b(?:become|becoming)\s+{re.escape(r)}\b", query.question[:1000], re.I)
        for r in query.roles[:3]
    )


# Money ("$24,000", "$90k"): no count of days, people or years
_MONEY_FIGURE = re.compile(r"[$€£¥]\s?\d[\d,.]{0,20}(?:\s?(?:k|thousand|million|billion)\b)?", re.I)


def answer_type_bonus(query: Query, sentence: str, opening: bool = False) -> float:
    """`opening`: the sentence is in its article's first passage."""
    offers = _offers(query)
    if query.wants == "count":
        sentence = _MONEY_FIGURE.sub(" ", sentence)
    if query.wants == "person":
        # "Who was interviewed?": every sentence saying "interview" meets its words; the one
        # naming someone in an article's opening answers it (an interview or a profile
        # introduces its person first; names later are people they mention)
        return PERSON_BONUS if opening and offers.search(sentence) else 0.0
    if offers and offers.search(sentence):
        return ANSWER_TYPE_BONUS
    # "Why ...?", "What causes ...?": a sentence that gives a reason answers
    return ANSWER_TYPE_BONUS if query.explains and _GIVES_REASON.search(sentence) else 0.0


# "Should I ...?", "How do I ...?", "Any tips on ...?", "Do I need to ...?": the asker wants to
# know what to do.
_ASKS_ADVICE = re.compile(
    r"\b(?:should|shall|could|can|would|do|must)\s+(?:i|we)\b"
    r"|\bhow\s+(?:do|can|could|would|should|might)\s+(?:i|we|one|you)\b"
    r"|\b(?:advice|advise|tips?|recommend\w{0,9}|suggest\w{0,9})\b"
    r"|\bworth\b|\bi'?m\s+(?:thinking|considering|not sure)\b",
    re.I,
)
# Who a path suits: "Who should become a midwife?", "What kind of person is it for?", "Who is
# the pastry track meant for?", "Is nursing right for someone like me?" (advice on a choice)
_ASKS_WHO_SUITS = re.compile(
    r"\bwho\s+(?:should|would|might|ought)\b"
    r"|\bwhat\s+(?:kind|kinds|sort|sorts|type|types)\s+of\s+(?:person|people|personality"
    r"|personalities|someone|somebody|background|backgrounds)\b"
    r"|\bwho\s+(?:is|are)\s+(?:[\w-]{1,30}\s+){1,7}?(?:for|suited|meant|right|ideal)\s*[?.!]?$"
    r"|\b(?:right|suited|ideal|(?:a\s+)?(?:good\s+)?fit)\s+for\s+(?:me|someone|somebody|anyone"
    r"|people|those)\b",
    re.I,
)
# ... asked as who ("Who is it a good fit for?", "What kind of person is it for?"), not as
# whether it suits the asker ("Which is right for me?")
_ASKS_WHOM = re.compile(
    r"\bwho\s+(?:should|would|might|ought)\b"
    r"|\bwhat\s+(?:kind|kinds|sort|sorts|type|types)\s+of\s+(?:person|people|personality"
    r"|personalities|someone|somebody)\b"
    r"|\bwho\s+(?:is|are)\s+(?:[\w-]{1,30}\s+){1,7}?(?:for|suited|meant|right|ideal)\s*[?.!]?$",
    re.I,
)
# A sentence saying whom a path suits: "If you thrive under pressure, ...", "... is ideal for
# people who ...", "a good fit for anyone who ..." (general English)
_SAYS_WHO_IT_SUITS = re.compile(
    r"^\s{0,4}(?:but\s+|and\s+|so\s+)?if\s+you\b"
    r"|\b(?:suits?|suited|ideal|(?:a\s+)?(?:good|great|natural|perfect)\s+fit)\s+(?:for|to)\b"
    r"|\bfor\s+(?:people|those|anyone|someone|somebody)\s+who\b",
    re.I,
)


def asks_whom_it_suits(question: str) -> bool:
    """ "What kind of person is it for?", "Who should become a midwife?"."""
    return bool(_ASKS_WHOM.search(question[:1000]))


def says_whom_it_suits(sentence: str) -> bool:
    """ "If you enjoy ..., the X path ...", "X is ideal for people who ..."."""
    return bool(_SAYS_WHO_IT_SUITS.search(sentence[:2000]))


# a tag as written: "#night-swap", "#help" (a channel's or a board's name)
_TAG = re.compile(r"(?<![\w#])#[A-Za-z][\w-]{0,40}")


def asked_tags(question: str) -> list[str]:
    """The tags a question writes, lower-cased ("What is #night-swap?" -> ["#night-swap"])."""
    return [t.lower().rstrip("-") for t in _TAG.findall(question[:1000])]


# a numbered name as written: "Band 6", "Level 3", "Year 10" (a capitalised word and its
# number name one grade, which the word alone does not: every band is a "band")
_NUMBERED_NAME = re.compile(r"\b[A-Z][a-z]{1,20}\s{1,2}\d{1,3}\b(?![.,]?\d)")


def asked_numbered_names(question: str) -> list[re.Pattern]:
    """Patterns for the numbered names a question writes ("And what about Band 6?"), each
    matching that name in a sentence in any case, and not a longer number ("Band 60")."""
    return [
        re.compile(rf"\b{re.escape(' '.join(m.group(0).split()))}\b(?![.,]?\d)", re.I)
        for m in _NUMBERED_NAME.finditer(question[:1000])
        if m.start() > 0  # a question's first word is capitalised whatever it is
    ]


def suits_bonus(question: str, sentence: str) -> float:
    """A question asking whom a path suits prefers a sentence saying whom it suits (as much
    again as advice to the reader)."""
    if not _ASKS_WHOM.search(question[:1000]):
        return 0.0
    return ANSWER_TYPE_BONUS if _SAYS_WHO_IT_SUITS.search(sentence[:2000]) else 0.0


# A sentence that speaks to the reader ("you", "your") or recommends: what advice looks like.
_ADVISES = re.compile(
    r"\byou(?:r|rs|rself|'re|’re|'ll|’ll|'d|’d|'ve|’ve)?\b"
    r"|\b(?:recommend|suggest|advise|advice)\w{0,9}\b",
    re.I,
)


def asks_advice(question: str) -> bool:
    """The asker wants to know what to do: "Should I ...?", "any tips?", or a choice asked
    right after telling their own background ("I'm a math major. AI engineer or ML engineer?",
    "I know stats, which should I pick?")."""
    if _ASKS_ADVICE.search(question) or _ASKS_WHO_SUITS.search(question[:1000]):
        return True
    told = _BACKGROUND.match(question[:2000].lstrip())
    return bool(told) and "?" in question[told.end() : 2000]


def advice_bonus(asks: bool, sentence: str) -> float:
    """A question asking what to do prefers the sentences that tell the reader what to do (as
    much as a sentence offering the figure asked for); a question back to the reader ("What do
    you need to learn?") tells nothing."""
    if not asks or sentence.rstrip().endswith("?"):
        return 0.0
    return ANSWER_TYPE_BONUS if _ADVISES.search(sentence) else 0.0


# What a text calls itself: a sentence about the article rather than its subject ("In this
# article, we'll talk about ...", "This is a guide that everyone can use", "we published our
# first post to share ...") answers nothing about the subject.
_DOC_NOUN = (
    r"(?:article|post|blog|guide|handbook|book|chapter|section|page|essay|piece|tutorial"
    r"|series|interview|podcast|episode|write-?up|overview|list|document"
    r"|cookbook|e-?book)"
)
# "It's a collection of skills ..." after "How to use this document:": the same text, still
_IT_IS = re.compile(r"^\W{0,3}(?:it|this)(?:['’]s|\s+is|\s+was)\b", re.I)
_ABOUT_ITSELF = re.compile(
    rf"\b(?:this|our|the following|the present)\s+(?:[\w-]{{1,30}}\s+){{0,2}}?{_DOC_NOUN}\b"
    rf"|^(?:this|here|below)\s+(?:is|are)\s+(?:a|an|the|some|our)?\s*(?:[\w-]{{1,30}}\s+){{0,2}}?"
    rf"{_DOC_NOUN}\b"
    r"|\b(?:we|i)(?:'ll|’ll|\s+will|\s+are\s+going\s+to|\s+am\s+going\s+to)\s+"
    r"(?:talk|cover|discuss|look|explore|describe|walk|go|start|review)\b"
    r"|^let[’']?s\s+(?:start|begin|look|dive|talk|move|turn|take)\b"
    # the page's own links: "Learn more about Priya on her blog and GitHub."
    r"|\b(?:learn|read|find\s+out)\s+more\b[^.!?]{0,80}\b(?:twitter|linkedin|blog|github"
    r"|newsletter|website|mastodon|instagram|facebook|youtube)\b"
    r"|\bfollow\s+(?:me|us|him|her|them)\s+on\b",
    re.I,
)
# A question about the article itself ("What does this guide cover?") wants those sentences.
_ASKS_ABOUT_ITSELF = re.compile(
    # "the article", "this handbook", "the data guide" (not "What books does she read?")
    rf"\b(?:the|this|that|these|its|your)\s+(?:[\w-]{{1,30}}\s+){{0,2}}?{_DOC_NOUN}s?\b"
    r"|\b(?:cover|covers|covered|summar\w{0,6}|author|wrote|written)\b"
    r"|\bwhat(?:'s|’s|\s+is)\s+(?:it|this|that|the\s+[\w-]{1,30})\s+about\b",
    re.I,
)
SELF_REFERENCE_PENALTY = 0.12  # as much as the bonus for the kind of answer asked for


@lru_cache(maxsize=8192)  # every question scores its passages' sentences: many recur
def about_itself(sentence: str) -> bool:
    """Whether a sentence speaks of the text it sits in rather than of its subject."""
    return bool(_ABOUT_ITSELF.search(sentence))


def self_reference_penalty(question: str, sentence: str) -> float:
    """A sentence about the article itself ("This guide covers ...") ranks below the content,
    unless the question asks about the article."""
    if not about_itself(sentence) or _ASKS_ABOUT_ITSELF.search(question):
        return 0.0
    if sentence.rstrip().endswith(":"):
        return 0.0  # "Here is a list of questions to ask:" brings the list that answers
    return SELF_REFERENCE_PENALTY


# "What is the analysis track?", "What's an MLOps engineer?", "What does 'on call' mean?":
# the question asks what a term is; the sentence that opens with the term tells it.
_DEFINE_Q = re.compile(
    r"^\s*(?:and|so|ok|okay)?[\s,]*(?:what(?:'s|’s|\s+is|\s+are)|define|explain)\s+"
    r"(?:an?\s+|the\s+)?([\w'’+#/ -]{1,60}?)\s*(?:\?|$)"
    r"|^\s*what\s+(?:does|do)\s+(?:an?\s+|the\s+)?([\w'’+#/ -]{1,60}?)\s+mean\s*\??\s*$"
    # "How does the CDS article define a product manager?", "How is a data lake defined?"
    r"|^\s*how\s+(?:does|do|did)\s+(?:the\s+|this\s+|that\s+)?(?:[\w.’'-]{1,30}\s+){0,2}?"
    r"(?:article|guide|post|author|handbook|piece|text|writer|book)s?\s+(?:define|describe)\s+"
    r"(?:an?\s+|the\s+)?([\w'’+#/ -]{1,60}?)\s*(?:\?|$)"
    r"|^\s*how\s+(?:is|are)\s+(?:an?\s+|the\s+)?([\w'’+#/ -]{1,60}?)\s+defined\b",
    re.I,
)
# what a defined term is not: a ranking, a comparison or a figure ("What is the best ...")
_NOT_A_TERM = re.compile(
    r"\b(?:best|worst|most|least|highest|lowest|difference|differences|between|better|worse|"
    r"more|less|average|typical|main|biggest|right|point|way|ways|reason|reasons|this|that|it)\b",
    re.I,
)
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
DEFINITION_BONUS = 0.16  # a little more than a figure asked for (0.12): the definition answers


def defined_term(question: str) -> list[str]:
    """The stems of the term a "What is X?" question asks to have defined, or []."""
    m = _DEFINE_Q.search(question)
    term = m and next((g for g in m.groups() if g), None)
    if not term or _NOT_A_TERM.search(term) or len(term.split()) > 5:
        return []
    return [stem(w) for w in words(term) if w not in STOPWORDS]


def definition_bonus(term: list[str], sentence: str) -> float:
    """A sentence opening with the term asked about ("Analysis turns raw data into ...", "An
    MLOps engineer is ...") is the definition a "What is X?" question wants."""
    if not term:
        return 0.0
    opening = [stem(w) for w in words(_ARTICLE.sub("", sentence.strip()))[: len(term) + 1]]
    return DEFINITION_BONUS if opening[:1] == term[:1] else 0.0


def _term_opening(term: list[str], sentence: str) -> int:
    """How many of the term's words, in order, open the sentence (an article aside); 0 when
    its first word does not."""
    opening = [stem(w) for w in words(_ARTICLE.sub("", sentence.strip()))[: len(term)]]
    n = 0
    for got, wanted in zip(opening, term, strict=False):
        if got != wanted:
            break
        n += 1
    return n


def _headed_by(term: list[str], p: Passage) -> bool:
    """The passage's own heading names the term asked about ("Interim Manager" for "What is
    an interim manager?", or for "... at <Company>?"): its first sentence says what it is."""
    if not term or _heading(p) == "":
        return False
    head = [stem(w) for w in words(p.section.split(" — ")[-1]) if w not in STOPWORDS]
    return bool(head) and (head == term or (len(head) >= 2 and term[: len(head)] == head))


def own_heading(section: str) -> str:
    """A section's own heading: "Pros" of "Bootcamp — Pros" (a subsection under a heading with
    no text of its own), "What ML Engineers Do" of "X vs Y: What ML Engineers Do"."""
    return section.split(" — ")[-1].split(":")[-1]


def _heading(p: Passage) -> str:
    """The section heading a sentence sits under; the article's own title heads everything,
    so it says nothing about one sentence."""
    return "" if p.section.strip() == p.title.strip() else p.section


heading_of = _heading


HEADING_QUESTION = 0.15  # weight of a question heading's likeness to the question asked
LEANS_ON_HEADING = 0.3  # what a reply to a question heading loses, asked something else
# The opening of a reply to a question (General English): "Yes, ...", "No.", "Not as a ...",
# "Not really.", "It can be ...", "That depends ..."
_REPLY_OPENER = re.compile(
    r"\W{0,3}(?:yes|no|nope|yeah|sometimes|absolutely|definitely|it\s{1,3}(?:can|does|is|depends)"
    r"|that\s{1,3}depends|depends|not\s{1,3}(?:as|really|necessarily|usually|always|quite|exactly"
    r"|at\s{1,3}first|without|if|unless|yet|on\s{1,3}its\s{1,3}own))\b",
    re.I,
)


def _asked_headings(passages: list[Passage], query_vec: np.ndarray, embedder) -> dict[str, float]:
    """Interviews and FAQs head each answer with the question it answers ("What was the
    process of getting the Staff title like?"): per such heading, how close it is to the
    question asked (cosine, 0 when unlike). The sentences under it answer that question."""
    heads = sorted(
        {p.section for p in passages if _heading(p) and p.section.rstrip().endswith("?")}
    )
    if not heads:
        return {}
    sims = embedder.embed_batch(heads) @ query_vec
    return {h: max(0.0, float(sim)) for h, sim in zip(heads, sims, strict=True)}


# "What tools ...", "Which skills ...": a question a list answers (not "Can that be ...?")
_NAMES_THINGS = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?(?:what|which)\b", re.I)


def names_things(question: str) -> bool:
    return bool(_NAMES_THINGS.match(question))


# "What skills ...", "Which kinds of tools ...": asks for things of a kind, by a plural noun
_NAMES_KIND = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:what|which)\s+"
    r"(?:(?:kinds?|sorts?|types?)\s+of\s+[a-z-]{2,30}|[a-z-]{2,30}s)\s+"
    r"(?:do|does|did|are|is|were|was|should|would|can|could|will|might|must|have|has)\b",
    re.I,
)
ITEM_WORDS_INLINE = 6  # words of one item of a list written inside a sentence
_LIST_COMMA = re.compile(r",(?!\d)")  # not the comma in "$245,000"


def names_a_kind(question: str) -> bool:
    return bool(_NAMES_KIND.match(question))


def enumerates(sentence: str) -> bool:
    """The sentence lists three things or more inline: "in linear algebra, probability, and
    optimization theory", "wound care, triage or charting" (short items between commas, the
    last after "and"/"or")."""
    parts = _LIST_COMMA.split(sentence)
    run = 0
    for part in parts[1:]:
        toks = part.split()
        if not toks or len(toks) > ITEM_WORDS_INLINE + 1:
            run = 0
            continue
        if toks[0].lower() in ("and", "or"):
            if run >= 1:
                return True
            run = 0
            continue
        run += 1
        # the last item joined without a comma: "anatomy, pharmacology and patient care"
        lows = [t.lower() for t in toks]
        if run >= 1 and ("and" in lows[1:] or "or" in lows[1:]):
            return True
    return False


def items_brought(sentence: Sentence, passage: Passage) -> str:
    """The list items a sentence ending in ":" introduces (they are no candidates of their own:
    the sentence brings them), as one text; "" for any other sentence."""
    from . import extractive  # (extractive builds on this module's Sentence)

    if not sentence.text.rstrip().endswith(":"):
        return ""
    return " ".join(extractive.list_items(extractive.text_after(passage.text, sentence.text)))


def _question_stems(question: str, spelled: dict[str, str]) -> tuple[set[str], set[str]]:
    """The stems of a question's words, with each abbreviation it writes ("RN") also read as
    the words an article spells it out with ("registered nurse"); and the stems of those
    spelled-out words."""
    own = {stem(w) for w in words(question)}
    long: set[str] = set()
    for short in _ACRONYM.findall(question):
        phrase = spelled.get(short) or (short.endswith("s") and spelled.get(short[:-1]))
        if phrase:
            long |= {stem(w) for w in words(phrase)}
    return own | long, long


_INTERROGATIVE = re.compile(
    r"\b(?:how\s+(?:long|much|many|often|far|old)|how|what|which|why|when|where|who|whom"
    r"|whose)\b",
    re.I,
)


def _asks_with(text: str) -> str | None:
    """The question word a question opens with ("what", "how long"), or None."""
    m = _INTERROGATIVE.search(text[:200])
    return " ".join(m.group(0).lower().split()) if m else None


def sections_asking(query: Query, matcher: TermMatcher, passages: list[Passage]) -> set[int]:
    """The passages opening a section whose heading asks what the question asks (as a
    question, or in its shape: "What a CPA does"): every word of the heading's (but its
    question words) is one of the question's, an abbreviation read as its spelled-out words;
    both open with the same question word ("how long", not "what"); and each word of the
    question's beyond the heading's is an everyday one ("day") or names the article's subject
    (its title's words but those of the career lexicon: "pay" asked under "What an AI engineer
    does" in an article titled "... Which Pays More" asks something else)."""
    asked, long = _question_stems(query.text, matcher._acronyms)
    # the abbreviations the question writes as such ("ML", "RNs"), not any short word
    # ("salary" upper-cased is no abbreviation)
    shorts = {a.lower() for a in _ACRONYM.findall(query.text)}
    kind = _asks_with(query.text)
    # a yes/no question under a FAQ's yes/no heading ("Q: Can an accountant become an
    # actuary?"): its answer says yes or no
    yes_no = kind is None and asks_yes_no(query.text)
    first: dict[tuple[str, str], int] = {}
    for i, p in enumerate(passages):
        # "What does a nurse do?", or a heading in its shape ("What a CPA does")
        heading = _heading(p).split(" — ")[-1].split(":")[-1].strip()
        if yes_no:
            if not (heading.endswith("?") and asks_yes_no(heading)):
                continue
        elif kind is None or not _INTERROGATIVE.match(heading) or _asks_with(heading) != kind:
            continue
        own = {stem(w) for w in words(heading) if w not in STOPWORDS and w not in QUESTION_WORDS}
        if not own and yes_no:
            # "Is it worth it?": a yes/no heading of question words only asks what a question
            # with those words asks of the article's subject ("Is being an X worth it?")
            own = {stem(w) for w in words(heading.lower()) if w in QUESTION_WORDS} - {
                stem(w) for w in STOPWORDS
            }
            if not own or not own <= {stem(w) for w in words(query.text.lower())}:
                continue
        elif not own or not own <= asked:
            continue
        # (the title's subject, its roles whole: "Pays" in "Which Career Path Pays More" is a
        # topic, not who; "manager" of "product manager" is who)
        title = {stem(w) for w in words(_subject_words(p.title))} | {
            stem(w) for r in matcher.book.find(p.title) for w in words(r)
        }
        rest = [
            w
            for w in topic_words(query.text)
            if stem(w) not in own and not (w in shorts and long and long <= own | title)
        ]
        if all(specificity(w) <= EVERYDAY or stem(w) in title for w in rest):
            at = first.get((p.source, p.section))
            if at is None or p.chunk_index < passages[at].chunk_index:
                first[(p.source, p.section)] = i
    return set(first.values())


def _subject_words(title: str) -> str:
    """The words of an article's title that name its subject ("Instructional Designer" in
    "Teacher or Instructional Designer? A Career Switch Guide"): every sentence of the article
    is about it, so a question's subject words are met by each, and its other words ("What is
    the downside of ...") choose among them. Career-lexicon words ("pays", "path") name an
    aspect, which only a sentence saying it meets. A title word meets only itself: "Night
    Shifts" says nothing of "midnight"."""
    return " ".join(w for w in words(title) if not kin_of(stem(w)) and w not in STOPWORDS)


def _tied(score: float) -> float:
    """A score as ranked: the same to 9 places is a tie, kept in the passages' order. Vector
    sums differ in their last bits with where numpy's arrays land in memory, and two sentences
    scored equal must not swap places from one process to the next."""
    return round(score, 9)


def score_sentences(
    query: Query, matcher: TermMatcher, query_vec: np.ndarray, passages: list[Passage], embedder
) -> list[Sentence]:
    asked = _asked_headings(passages, query_vec, embedder)
    sentences = candidate_sentences(passages, replies_asked(query.question, passages, asked))
    # the question heading the question asked is, if any (see `replies_asked`)
    best = max(asked, key=asked.get) if asked else None
    heading_asked = best if best is not None and asked[best] >= REPLY_NAMED else None
    if not sentences:
        return []
    vecs = embedder.embed_batch([s.text for s in sentences])
    dense = vecs @ query_vec
    asks_source = query.intent == "source"
    advice = asks_advice(query.question)
    tags = asked_tags(query.question)
    numbered = asked_numbered_names(query.question)
    term = defined_term(query.question) if query.comparison is None else []
    lists_asked = names_things(query.question)
    # "What skills do I need ...?" asks for things of a kind: the sentence naming them answers
    # (an inline list of them is worth what advice to the reader is worth to "Should I ...?")
    kinds_asked = names_a_kind(query.question)
    # ("What kind of person is it for?" asks who, not things of a kind)
    advice = advice and (not kinds_asked or bool(_ASKS_WHO_SUITS.search(query.question[:1000])))
    # "What do I need to become a broker?": the sentences on getting in (a licence, a degree,
    # an exam) answer, though the question has no word of them
    entry = _ENTRY_WORDS if _asks_way_in(query) else frozenset()
    # "What does a veterinarian do?": the part of an article headed for what the role does
    # ("Day-to-day work", "A typical day", "What accountants do") answers, though the question
    # has no word of it.
    does = query.comparison is None and bool(SAYS_WHAT_ONE_DOES.match(query.question.strip()))
    headed_for_work = _headed_for_work(passages) if does else set()
    weights = matcher.sentence_weights(query.question, passages)
    # "How much does a lawyer earn?": the usual figure answers, not the edges of the range,
    # unless the question asks for an edge ("at the top", "starting salary")
    asked_words = set(words(query.text))
    usual_pay = (
        query.comparison is None and asks_pay(query.question) and not asked_words & PAY_EDGES
    )
    asked_stems = {stem(w) for w in words(f"{query.text} {' '.join(query.roles)}")}
    asked_keys = {k for r in query.roles for k in matcher.book.keys(r)}
    # "Which industry pays X the most?": the rows of a table its passage introduces as one of
    # industries ("... in the top industries") are what is asked, whatever their first cells
    which = _WHICH_NOUN.search(query.question[:1000])
    kinds = {stem(which.group(1))} - {stem(w) for w in STOPWORDS} if which else set()
    introduced: dict[int, bool] = {}
    top = _EXTREME.search(query.question[:1000]) if kinds else None
    ranking = (top.group(1).lower() in _LOW_WORDS and "least" or "most") if top else None
    ranked: dict[int, str | None] = {}
    # "What does Marcus like most?": every sentence of the interview with Marcus is his; the
    # question's other words choose among them (his name alone leads to his introduction)
    person, person_sources = named_person(query.question, passages)
    spoken = speakers(sentences) if person else {}
    # "Who is Dan Na?": in the person's own article, the sentence introducing them ("I'm a
    # Staff Engineer at Squarespace.", "Marcus is a line cook ...") answers
    intro = _introduces(person) if person and _WHO_IS.match(query.question) else None
    # what every sentence of an article is about: its title's subject and the names the
    # article goes by ("GitLab" in "... at GitLab?" chose the handbook; it chooses no sentence)
    identity = matcher.retriever.library.identity
    subjects = [
        " ".join([_subject_words(p.title), *sorted(identity.get(p.source, ()))]) for p in passages
    ]
    for s, v, d in zip(sentences, vecs, dense, strict=True):
        s.vector = v
        heading = _heading(passages[s.passage])
        subject = subjects[s.passage]
        if passages[s.passage].source in person_sources and _theirs(
            spoken.get((s.passage, s.position)), person
        ):
            subject = f"{subject} {' '.join(person)}"
        names = name_words(s.text)
        s.lexical = matcher.score(f"{s.text} {heading}", weights, lent=subject, names=names)
        items = items_brought(s, passages[s.passage]) if lists_asked else ""
        if items:  # "The skills of data scientists include:" answers with its items' words
            s.lexical = max(
                s.lexical,
                matcher.score(f"{s.text} {items} {heading}", weights, lent=subject, names=names),
            )
        s.dense = float(d)
        prior = 1.0 / (1 + s.passage)
        s.score = 0.5 * s.lexical + 0.4 * s.dense + 0.1 * prior
        s.score += HEADING_QUESTION * asked.get(passages[s.passage].section, 0.0)
        if (
            s.position == 0
            and _REPLY_OPENER.match(s.text)
            and passages[s.passage].section != heading_asked
            and passages[s.passage].section.rstrip().endswith("?")
        ):
            # "Not as a credentialed actuary.", "Yes, but ...", "It can be.": the first words
            # under a question heading reply to it and read only with it; asked another
            # heading's question (or none like it), they answer nothing
            s.score -= LEANS_ON_HEADING
        if TABLE_ROW.match(s.text) and not _row_asked(
            s.text, asked_stems, asked_keys, matcher.book
        ):
            if kinds and s.passage not in introduced:
                introduced[s.passage] = _rows_of_kind(passages[s.passage], kinds, passages)
            if not (kinds and introduced[s.passage]):
                s.score *= OTHER_ROW  # a table row speaks of its first cell, not asked
            elif ranking and s.text == ranked.setdefault(
                s.passage, _ranked_row(passages[s.passage], ranking)
            ):
                s.score += ANSWER_TYPE_BONUS  # "... the most?": the row with the top figure
        if does and s.passage in headed_for_work:
            s.score += ANSWER_TYPE_BONUS
        focus = matcher.role_focus(s.text, passages[s.passage])
        s.score += 0.12 * focus
        s.off_role = focus < 0 or (
            focus == 0 and matcher.titled_otherwise(s.text, passages[s.passage])
        )
        s.on_role = (
            focus > 0
            or matcher.names_asked(s.text)
            or (focus == 0 and matcher.titled_asked(s.text, passages[s.passage]))
        )
        if asks_source and _HAS_CITATION.search(s.text):
            s.score += 0.15
        s.score += answer_type_bonus(
            query, s.text, opening=passages[s.passage].chunk_index == 0
        ) + advice_bonus(advice, s.text)
        s.score += suits_bonus(query.question, s.text)
        if (
            intro is not None
            and passages[s.passage].source in person_sources
            and intro.match(s.text)
        ):
            s.score += PERSON_BONUS
        if tags and any(t in s.text.lower() for t in tags):
            s.score += ANSWER_TYPE_BONUS  # "What is #night-swap?": the sentence writing the tag
        if numbered and any(n.search(s.text) for n in numbered):
            s.score += ANSWER_TYPE_BONUS  # "What about Band 6?": the sentence naming Band 6
        if kinds_asked and s.lexical > 0 and not s.off_role and enumerates(s.text):
            s.score += ANSWER_TYPE_BONUS  # "What skills ...?": the sentence naming them answers
        said = set(words(s.text))
        if (
            usual_pay
            and _MONEY_SIGN.search(s.text)
            and CENTRAL_PAY & said
            and not (
                {stem(w) for w in said} & COST_WORDS  # "the average graduate's debt": no pay
            )
        ):
            s.score += CENTRAL_BONUS  # "a median of $145,760" before "the top 10% earn more"
        if entry and not s.off_role and entry & {stem(w) for w in words(s.text)}:
            s.score += ANSWER_TYPE_BONUS
        aside = self_reference_penalty(query.text, s.text)
        s.score -= aside
        s.about_itself = aside > 0
    if not _ASKS_ABOUT_ITSELF.search(query.text):
        by_pos = {(s.passage, s.position): s for s in sentences}
        for s in sorted(sentences, key=lambda s: (s.passage, s.position)):
            prev = by_pos.get((s.passage, s.position - 1))
            if (
                not s.about_itself
                and prev is not None
                and prev.about_itself
                and _IT_IS.match(s.text)
            ):
                s.score -= SELF_REFERENCE_PENALTY
                s.about_itself = True
    # A heading asking the very question ("What does a registered nurse do?" for "What does
    # an RN do day to day?"): the first sentence under it answers, whatever words it uses.
    top = max(s.score for s in sentences)
    asking = sections_asking(query, matcher, passages)
    lead = [s for s in sentences if s.position == 0 and s.passage in asking]
    if lead:
        best_lead = max(lead, key=lambda s: s.score)
        best_lead.score = max(best_lead.score, top)
        sentences.sort(key=lambda s: (_tied(s.score), s is best_lead), reverse=True)
    # The definition is one sentence: the first under a heading that names the term, else of
    # those opening with the term (the most of its words first: "A data lake is ..." before
    # "Data engineers ..."), the best one. It rises by the bonus, never above the best sentence (whose score
    # sets how weak the others may be).
    # (of the passages a heading covers, the first: a later one opens mid-section)
    first: dict[tuple[str, str], int] = {}
    for i, p in enumerate(passages):
        at = first.get((p.source, p.section))
        if _headed_by(term, p) and (at is None or p.chunk_index < passages[at].chunk_index):
            first[(p.source, p.section)] = i
    headed = set(first.values())
    defining = [
        (
            len(term) + 1
            if s.position == 0 and s.passage in headed
            else _term_opening(term, s.text),
            s,
        )
        for s in sentences
    ]
    defining = [(n, s) for n, s in defining if n]
    if defining:
        top = max(s.score for s in sentences)
        rank, best = max(defining, key=lambda ns: (ns[0], ns[1].score))
        # a heading naming the term says outright that what follows it defines it
        rise = top if rank > len(term) else best.score + DEFINITION_BONUS
        best.score = max(best.score, min(rise, top))
        # ... and on a tie with the best, the definition leads
        return sorted(sentences, key=lambda s: (_tied(s.score), s is best), reverse=True)
    return sorted(sentences, key=lambda s: _tied(s.score), reverse=True)


# A sentence's subject at its start: a determiner or quantifier (general English), then a noun
_LEAD_NOUN = re.compile(
    r"\s{0,3}(?:(?:a|an|the|most|many|some|every|each|experienced|new)\s{1,3})?([A-Za-z][\w-]{1,40})"
    r"\s{1,3}(?:might|may|can|could|will|would|often|usually|typically|then|move|moves|become"
    r"|becomes|go|goes|progress|progresses)\b",
    re.I,
)


# ... or owning what the sentence is about: "A researcher's week might include ..."
_LEAD_OWNER = re.compile(r"\s{0,3}(?:a|an|the)\s{1,3}([A-Za-z][\w-]{1,40})(?:'s|’s)\s", re.I)


def _leads_with_head(text: str, head: str) -> bool:
    """The sentence opens with the bare head noun of a role as the subject of a verb of going
    on ("A researcher might become ...", "Designers often move into ..."), or as the owner of
    its subject ("A researcher's week might include ...")."""
    m = _LEAD_NOUN.match(text) or _LEAD_OWNER.match(text)
    return bool(m) and stem(m.group(1).lower()) == stem(head.lower())


def missing_roles(roles: list[str], passages: list[Passage], book: RoleBook) -> list[str]:
    """Roles no passage speaks of, by any spelling the library knows; a role whose own words
    stand together in a passage ("frontend" in "front-end") counts as present, not one whose
    words are merely scattered over it ("analytics" here, "engineers" there)."""
    texts = [f"{p.title}. {p.section}. {p.text}" for p in passages]
    present = {k for t in texts for r in book.find(t) for k in book.keys(r)}
    flat = [" " + " ".join(w.replace("-", "") for w in words(t)) + " " for t in texts]
    out = []
    for r in roles:
        # (a field, "plumbing", "electrical work", is spoken of by its role's names)
        field = book.role_for(r)
        if (book.keys(r) | (book.keys(field) if field else set())) & present or BARE_ROLE.fullmatch(
            r.strip()
        ):
            continue  # ("a developer" alone names no particular role)
        own = [w.replace("-", "") for w in words(r) if w not in STOPWORDS]
        phrase = " ".join(own)
        if own and any(f" {phrase} " in t or f" {phrase}s " in t for t in flat):
            continue
        known = book.find(r)
        exact = len(known) == 1 and book.key(known[0]) == book.key(r)
        if not exact and _phrase_present(own, flat):
            continue  # a side that is no role ("private sector tech"): most of its words
        out.append(r)
    return out


def led_by_a_name(role: str, passages: list[Passage]) -> bool:
    """A job-title phrase that opens with a person's or a company's name ("What ward does Amara
    Osei run?", "How did Amara Osei help technicians?"): the name is the question's subject, not
    a kind of role. A name is a title-case word the passages write, and never in lower case
    ("Senior Engineer" is no name: the passages write "senior")."""
    lead = []
    for tok in role.split()[:-1]:
        if not _NAME_WORD.match(tok):
            break
        lead.append(tok)
    if not lead:
        return False
    texts = [f"{p.title}\n{p.section}\n{p.text}" for p in passages]
    for word in lead:
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I)
        found = [m.group(0) for t in texts for m in pattern.finditer(t)]
        if not found or any(w != word for w in found):
            return False
    return True


NAMED_SOURCES = 2  # a person the question names is one article's subject, or at most two's


# "Who is Dan Na?", "Who was Marcus?", "Where does Dan Na work?": a question asking who a
# named person is, or where they work
_WHO_IS = re.compile(
    r"^\s{0,4}(?:who\s{1,3}(?:is|was|'s|’s)\s"
    r"|where\s{1,3}(?:does|did)\s[^?.!]{1,60}?\bwork(?:s|ed)?\b)",
    re.I,
)


def _introduces(person: list[str]) -> re.Pattern:
    """A sentence introducing a person: in their own voice ("I'm a nurse at ...", "I am the
    team lead", "My name is ...", "I work as ...") or by their name ("Marcus Lee is a ...")."""
    name = r"\s{1,3}".join(re.escape(w) for w in person)
    return re.compile(
        r"^\W{0,4}(?:I['’]m\s{1,3}(?:an?|the)\b|I\s{1,3}am\s{1,3}(?:an?|the)\b|My\s{1,3}name\s{1,3}is\b"
        r"|I\s{1,3}work\s{1,3}(?:as|at|for)\b"
        rf"|(?:{name}|{re.escape(person[0])})\s{{1,3}}(?:is|was)\s{{1,3}}(?:an?|the)\b)"
    )


def named_person(question: str, passages: list[Passage]) -> tuple[list[str], list[str]]:
    """The name the question asks about ("What does Marcus like most about his job?") and the
    articles whose passages write it as a name, when one or two do: (name words, sources), else
    ([], []). An interview or profile names its person in a few passages (the intro, the
    first answer), so the name ranks those first wherever the question's other words point;
    within the person's own article, those other words find the answer. A name is the
    title-case subject after the question's auxiliary (`doer_names`), written by the passages
    only with its capital, and inside a sentence at least once (`_written_as_name`)."""
    asked = asked_name(question)
    if not asked:
        return [], []
    sources: list[str] = []
    for p in passages:
        if p.source in sources:
            continue
        if all(_written_as_name(t.lower(), f"{p.title}\n{p.text}") for t in asked):
            sources.append(p.source)
    if not sources or len(sources) > NAMED_SOURCES:
        return [], []
    return asked, sources


# A speaker's label opening a paragraph of an interview or panel: "Keisha: Mondays are ...",
# "**Stevie-Ray:** For getting into ..." (one to three title-case words, then a colon)
_SPEAKER = re.compile(
    r"^\W{0,4}([A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){0,2})\W{0,4}:\W{0,4}\s"
)


def speaker_of(text: str) -> str | None:
    """The speaker's label a text opens with ("Tomas: I rarely make charts."), or None."""
    m = _SPEAKER.match(text)
    if not m or not all(_NAME_WORD.match(w) for w in fold_accents(m.group(1)).split()):
        return None  # ("Clémentine:" is a name; "Median salary:" is a field's label)
    return m.group(1)


def own_turns(passages: list[Passage], person: list[str]) -> list[Passage]:
    """An article's passages for a question about one of its people: in a panel, where
    passages open with several speakers' labels, that person's turns first, then passages
    no label claims; another speaker's turns are left out. Unchanged for an article with
    one voice."""
    labels = [speaker_of(p.text) for p in passages]
    if not any(lab and not _theirs(lab, person) for lab in labels):
        return passages
    mine = [p for p, lab in zip(passages, labels, strict=True) if lab and _theirs(lab, person)]
    return mine + [p for p, lab in zip(passages, labels, strict=True) if lab is None]


def speakers(sentences: list[Sentence]) -> dict[tuple[int, int], str]:
    """Who says each sentence of a passage written as labelled turns ("Tomas: I rarely make
    charts. I build ..."): the last speaker's label before it in its passage. Sentences
    before any label, and passages with none, are absent."""
    out: dict[tuple[int, int], str] = {}
    current: dict[int, str] = {}
    for s in sorted(sentences, key=lambda x: (x.passage, x.position)):
        label = speaker_of(s.text)
        if label:
            current[s.passage] = label
        if s.passage in current:
            out[(s.passage, s.position)] = current[s.passage]
    return out


def _theirs(speaker: str | None, person: list[str]) -> bool:
    """A sentence is the named person's when no label says who speaks (the article is theirs),
    or when the label is theirs: in a panel, another speaker's turn is not."""
    if speaker is None:
        return True
    said = {w.lower() for w in speaker.split()}
    return any(p.lower() in said for p in person)


def _phrase_present(own: list[str], flat: list[str]) -> bool:
    """Two thirds of a phrase's words, by stem, in one passage."""
    wanted = {stem(w) for w in own}
    need = max(1, (2 * len(wanted) + 2) // 3)
    return any(len(wanted & {stem(w) for w in t.split()}) >= need for t in flat)


# A word of a text, its hyphenated parts joined ("retrieval-augmented"): bounded, linear
_COMPOUND = re.compile(r"[A-Za-z]{1,40}(?:-[A-Za-z]{1,40}){0,3}")


def spelled_out(short: str, passages: list[Passage]) -> bool:
    """An abbreviation of three to six letters ("RAG") is the initials of words a passage writes
    side by side, one of them a hyphenated compound ("retrieval-augmented generation"): a coined
    term the passage spells out without writing its abbreviation ("state-of-the-art" gives
    "SOTA": every word counts)."""
    return spelled_as(short, passages) is not None


def spelled_as(short: str, passages: list[Passage]) -> str | None:
    """The words a passage spells an abbreviation out in (see `spelled_out`), or None."""
    short = short.lower()
    if not 3 <= len(short) <= 6 or not short.isalpha():
        return None
    for p in passages:
        found = [
            (m.group(0).lower().split("-"), "-" in m.group(0), m.group(0))
            for m in _COMPOUND.finditer(p.text[:20_000])
        ]
        for i in range(len(found)):
            letters, joined, j = "", False, i
            while j < len(found) and len(letters) < len(short):
                letters += "".join(part[0] for part in found[j][0])
                joined = joined or found[j][1]
                j += 1
            if letters == short and joined:
                return " ".join(f[2] for f in found[i:j])
    return None


def with_spelled_out(question: str, text: str, passages: list[Passage], retriever) -> str:
    """The question's text with the words the passages spell out its unknown abbreviations in
    ("What's RAG?" also asks of "retrieval-augmented generation"): an abbreviation the library
    never writes is met by the passage's words for it."""
    extra = []
    for tok in dict.fromkeys(re.findall(r"\b[A-Z]{3,6}s?\b", question[:1000])):
        short = tok[:-1] if tok.endswith("s") and len(tok) > 3 else tok
        if retriever.has_acronym(short) or short.lower() in retriever.doc_freq:
            continue
        long = spelled_as(short, passages)
        if long:
            extra.append(long)
    return f"{text} ({'; '.join(extra)})" if extra else text


def unknown_names(
    question: str, retriever: Retriever, embedder, passages: list[Passage] = ()
) -> list[str]:
    """Names (capitalized, CamelCase, acronyms) in the question that no article mentions; an
    abbreviation a passage spells out ("RAG", see `spelled_out`) is mentioned. A name in the
    background the asker tells of themselves before asking ("I know Python and stats, which
    should I pick?") is no subject: the article's advice by background answers the question."""
    question = _BACKGROUND.sub(" ", question[:2000])
    tokens = re.findall(r"[A-Za-z0-9][\w.+#-]*", question)
    vocab, vecs = retriever.vocabulary(embedder)
    found = []
    authors = None
    for i, tok in enumerate(tokens):
        tok = tok.rstrip(".")
        year = re.fullmatch(r"(19|20)\d\d", tok)
        if not year and (
            i == 0 or tok in ("I", "I'm") or not _ENTITY.match(tok) or _AMOUNT.match(tok)
        ):
            continue
        if re.fullmatch(r"[A-Z]{2,8}s", tok):
            tok = tok[:-1]  # "MRIs", "LLMs": the plural of the acronym an article writes
        low = tok.lower()
        if low in STOPWORDS:
            continue
        if year:
            # a year is asked loosely ("in 2025" of an article quoting a 2024 survey), but not
            # far off: in meaning every year is close to every other ("2030" to "2023")
            near = (str(int(low) + d) for d in (-1, 0, 1))
            if any(y in vocab or y in retriever.doc_freq for y in near):
                continue
        elif _written_name(low, retriever, vocab):
            continue
        if tok.isupper() and (retriever.has_acronym(tok) or spelled_out(tok, passages)):
            continue
        if _initials_written(tokens, i, retriever, vocab):
            continue
        if authors is None:
            authors = _author_words(retriever)
        if fold_accents(low) in authors:
            continue  # the article's byline names them: the narrator of a first-person story
        if retriever.library.in_an_address(fold_accents(low)):
            continue  # the site an article came from ("according to DataTalks")
        found.append(tok)
    return found


def _author_words(retriever: Retriever) -> frozenset[str]:
    """The words of every article's stored authors (a byline leaves the text for the metadata,
    so the narrator of "How I became a nurse, by Ana Ruiz" is named nowhere else)."""
    return retriever.author_words()


def cited_only(question: str, passages: list[Passage]) -> list[str]:
    """Names in the question (capitalized, not its first word) that the passages found write
    only in an article's reference list ("What does Gartner say?" of an article that lists
    Gartner's report among its sources and never quotes it): the articles say nothing of what
    that source says. A name any found passage writes in its text is not one."""
    tokens = re.findall(r"[A-Za-z0-9][\w.+#-]*", question)
    refs = {stem(w) for p in passages if p.is_reference_list for w in words(p.text)}
    if not refs:
        return []
    body = {
        stem(w)
        for p in passages
        if not p.is_reference_list
        for w in words(f"{p.title} {p.section} {p.text}")
    }
    found: list[list[str]] = []  # runs of adjacent tokens: one name ("Ovenworks Institute")
    last = -2
    for i, tok in enumerate(tokens):
        tok = tok.rstrip(".")
        if i == 0 or not _ENTITY.match(tok) or tok.lower() in STOPWORDS:
            continue
        st = {stem(w) for w in words(tok)}
        if st and st <= refs and not st & body:
            if i == last + 1:
                found[-1].append(tok)
            else:
                found.append([tok])
            last = i
    return [" ".join(run) for run in found]


_TITLE_WORD = re.compile(r"^[A-Z][a-z]+$")


def _initials_written(tokens: list[str], i: int, retriever: Retriever, vocab) -> bool:
    """The name token i belongs to ("New York", "Los Angeles") is written by its initials, as
    an acronym the library uses ("NY", "NYC", "LA"): its words then need not appear."""
    lo = hi = i
    while lo > 0 and _TITLE_WORD.match(tokens[lo - 1]):
        lo -= 1
    while hi + 1 < len(tokens) and _TITLE_WORD.match(tokens[hi + 1]):
        hi += 1
    if hi == lo or hi - lo > 4:
        return False
    run = [t for t in tokens[lo : hi + 1] if t.lower() not in STOPWORDS]
    if lo == 0 and run and run[0] == tokens[0]:
        run = run[1:]  # the question's first word is capitalized anyway ("Where", "Did")
    initials = "".join(t[0] for t in run).lower()
    if len(initials) < 2 or not any(t == tokens[i] for t in run):
        return False
    return initials in vocab or any(
        len(w) == len(initials) + 1 for w in retriever.longer_words(initials)
    )


def _known_word(low: str, retriever: Retriever, vocab, vecs, embedder) -> bool:
    """The library writes the word, a form of it, the word with accents the question left out
    ("Clementine" for "Clémentine"), or a word close in meaning."""
    low = fold_accents(low)
    if low in vocab or stem(low) in retriever.doc_freq:
        return True
    if not len(vocab):
        return False
    # a word against every stored word's vector (their distinct rows: `Retriever.reaches`),
    # and the answer is kept with the vocabulary, for this state of the index
    return vocab.close(low, lambda w: retriever.reaches(embedder.embed_batch([w])[0], vecs, 0.6))


# A name typed in a hurry drops a letter or swaps two ("Gartnr", "Pyhton"). A name this short
# or shorter is too often another word one slip away ("Paris", "pairs"); and a letter changed
# or added makes real words of real words ("faculty", "faulty"), so only those two slips count.
TYPO_LEAST_CHARS = 6
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _written_name(low: str, retriever: Retriever, vocab) -> bool:
    """The library writes this name, a form of it (its plural: "GCSE" of "GCSEs"), or it
    without accents; or, the name being long enough, a word one typing slip away. Not a word
    close in meaning: word vectors put a name near words that merely share its letters
    ("Paris" near "parable", "CEO" near "ceiling"), and an article about one says nothing of
    the other."""
    low = fold_accents(low)
    if any(f in vocab for f in (low, f"{low}s", f"{low}es")) or stem(low) in retriever.doc_freq:
        return True
    if len(low) < TYPO_LEAST_CHARS or not len(vocab):
        return False
    return any(v in vocab for v in _one_slip(low))


def _one_slip(word: str):
    """The words this one is a slip of: with a letter put back, or two neighbours swapped
    back (about 37 per letter)."""
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        for c in _LETTERS:
            yield head + c + tail


# General English: words for a person not named ("a career for someone who loves animals")
_ANYONE = frozenset(
    "someone somebody anyone anybody everyone everybody person people one ones".split()
)


def absent_subject(question: str, retriever: Retriever, embedder) -> str | None:
    """The noun phrase a question is about ("How much does a dentist earn?" -> "dentist"), when
    the library writes none of its words nor any word close to one: then no passage can be
    about it, however well the rest of the question ("earn") matches."""
    # "How long does it take to become a vet?": no subject of its own, the role to become
    phrase = (
        _before_pay_verb(question, subject_phrase(question, acting=True))
        or owner_phrase(question)
        or become_phrase(question)
    )
    # ("AI" in "AI folks" counts; "someone" in "a career for someone who ..." names no one)
    terms = [w for w in words(phrase) if w not in STOPWORDS and w not in _ANYONE]
    if not terms:
        return None
    vocab, vecs = retriever.vocabulary(embedder)
    capital = {fold_accents(w.lower()) for w in re.findall(r"\b[A-Z][\w'’-]{0,40}", phrase)}
    named = set(map(fold_accents, terms)) & capital
    if named and all(retriever.library.in_an_address(w) for w in named) and len(terms) == 1:
        return None  # "What does NurseWorld say ...?": the site an article came from
    if set(map(fold_accents, terms)) & capital & _author_words(retriever):
        # "How did Ana go from waiter to nurse?": the byline's narrator; "What does Adron
        # think about ...?": the byline's author, whatever verb follows the name (written as
        # a name: a "park ranger" is not the author Grace Park)
        return None
    if not subject_phrase(question, acting=True) and not owner_phrase(question):
        # A role to become is met by a role the library names, not by any word near it:
        # "lawyer" is close to "law", "architect" to "architectures", neither is a role; nor
        # by the same word in another sense ("become a pilot" where only "a pilot program" is
        # written): the library names it as a role, or writes it as people are, in the plural
        # or as an agent noun ("welder")
        head = terms[-1].lower()
        named = [
            r
            for r in retriever.library.roles.find(phrase)
            if not BARE_ROLE.fullmatch(r)  # a bare "architect": no title
        ]
        book = retriever.library.roles
        if named or (
            _written(head, retriever, vocab)
            and (
                vocab.get(_plural_words(head)) is not None
                or _AGENT.match(head)  # a noun for someone who does something: "welder"
                # the head of a title the library names ("nurse" of "community nurse"), or a
                # word of an article's title ("How I Went From Waiter to Community Nurse")
                or any(p.rsplit(" ", 1)[-1] == head for p in book.phrases)
                or head in retriever.library.title_words
            )
        ):
            return None
        if _near_a_role(terms, retriever.library.roles, embedder):
            return None
        # ("they never mention pilot as a job": the word is there, in another sense)
        return f"{phrase} as a job" if _written(head, retriever, vocab) else phrase
    levels = _level_stems(retriever.doc_freq)
    known = [
        _known_word(w, retriever, vocab, vecs, embedder)
        # a career level the library writes another way ("junior" where "entry-level")
        or any(_as_level(stem(w), {k}) for k in levels)
        for w in terms
    ]
    if any(known):
        # ... unless a word before the phrase's head is one the library never writes, nor
        # any word close to it: "web development" where only other development is written
        # (as "sous chef" where only "chef" is)
        if len(terms) >= 2 and not all(known[:-1]) and not _written_together(terms, retriever):
            return phrase
        return None
    return phrase


def _unheard_followup(
    query: Query, passages: list[Passage], retriever: Retriever, embedder
) -> list[str]:
    """The words a follow-up asks of its own ("What about their stock options?", "Can they get
    married on board?") that the library writes nowhere, nor any word close to them: the
    conversation's roles are in the articles, what is now asked of them is not (as every
    specific word of a thing asked for must be met, see `asked_for`). A follow-up's paraphrase
    ("upsides" where an article says "pros") is a word close to one the library writes, and is
    not declined."""
    asked = set(topic_words(query.question))  # no question-shaping word ("what kind of")
    own = [
        w
        for w in topic_of(query.question, query.roles)
        if w in asked and specificity(w) > EVERYDAY and not names_writing(w)
    ]
    own = [w for w in own if fold_accents(w) not in _author_words(retriever)]
    if not own:
        return []
    vocab, vecs = retriever.vocabulary(embedder)
    return [w for w in own if not _known_word(w, retriever, vocab, vecs, embedder)]


def _written_together(terms: list[str], retriever: Retriever) -> bool:
    """The library knows the whole phrase as a role's name (each of its words in one name)."""
    asked = set(terms)
    return any(asked <= set(words(r)) for r in retriever.library.roles.find(" ".join(terms)))


def _written(word: str, retriever: Retriever, vocab) -> bool:
    low = fold_accents(word)
    return low in vocab or stem(low) in retriever.doc_freq


_ROLE_VECTORS: dict[int, tuple[RoleBook, np.ndarray]] = {}  # the last book's role-word vectors


def _near_a_role(terms: list[str], book: RoleBook, embedder) -> bool:
    """Some term is close in meaning to a word of a role the library names ("vet" to
    "veterinarian", "attorney" to "lawyer")."""
    held = _ROLE_VECTORS.get(id(book))
    if held is None or held[0] is not book:
        names = list(book.phrases.values()) + list(book.aliases.values())
        role_words = sorted({w for n in names for w in words(n) if w not in STOPWORDS})
        vecs = embedder.embed_batch(role_words) if role_words else np.zeros((0, 1))
        _ROLE_VECTORS.clear()
        _ROLE_VECTORS[id(book)] = held = (book, np.asarray(vecs))
    vecs = held[1]
    if not len(vecs):
        return False
    asked = np.asarray(embedder.embed_batch(terms))
    return bool(float((asked @ vecs.T).max()) >= 0.6)


def _aspect_covered(query: Query, passages: list[Passage]) -> bool:
    """A passage speaks of the career-lexicon aspect the question names ("day to day" is met by
    "spend time on"), in its own words."""
    named = aspect_named({stem(t) for t in query.topic})
    if not named:
        return False
    wanted = named[0].words
    return any(wanted & {stem(w) for w in words(p.text)} for p in passages[:3])


# "Which X should ...", "How many X do ...": the noun phrase a question asks for, closed by the
# auxiliary that starts its clause. Bounded repetition keeps the match linear.
# The noun phrases a question asks for, each in a shape of its own (bounded repetition keeps
# every match linear):
_NP = r"((?:[\w'’.-]{1,40}\s+){0,5}?[\w'’.-]{1,40})"
_NP_END = r"(?=\s*(?:[?.!,;:]|$)|\s+(?:for|in|at|to|of|on|with|as|among|from|than|by)\b)"
_ASKED_FOR = (
    # "Which X should ...", "How many X do ...": closed by the auxiliary that starts its clause
    re.compile(
        r"\b(?:which|what|how many|how much)\s+((?:[\w'’.-]{1,40}\s+){1,6}?)"
        r"(?:do|does|did|is|are|was|were|should|would|could|can|will|has|have|had|must|might)\b",
        re.I,
    ),
    # "What certifications help ...", "Which languages matter ...": the subject of a verb that
    # says what the things do for one (general English verbs)
    re.compile(
        r"^\s*(?:which|what)\s+((?:[\w'’.-]{1,40}\s+){1,3}?)(?:help|helps|matter|matters"
        r"|count|counts|lead|leads|boost|boosts|improve|improves|stand out|look good)\b",
        re.I,
    ),
    # "... the best X ?", "... the highest X for ...": what is ranked (also typed as keywords
    # with no article: "best X for Y?")
    re.compile(
        rf"(?:\b(?:the|a|an)\s+|^\s{{0,8}})(?:best|highest|lowest|top)\s+{_NP}{_NP_END}", re.I
    ),
    # "How do I <verb> (for) a X ...": the thing the asked-about action is done to
    re.compile(
        rf"\bhow (?:do|can|should|would|could) (?:i|you|one|we)\s+[\w-]{{1,30}}\s+"
        rf"(?:(?:for|to|with|into|about)\s+)?(?:a|an|the|my|your|our)\s+{_NP}{_NP_END}",
        re.I,
    ),
    # "Does the article talk about remote work?", "Does the guide mention any grants for ...?":
    # what the text is asked to speak of
    re.compile(
        rf"^\s*(?:does|did|do)\s+{THE_WRITING.pattern}\s+(?:ever\s+|also\s+)?(?:talk|say|mention"
        r"|discuss|cover|address|touch|go|get|explain|describe|include)\s+(?:anything\s+|much\s+)?"
        rf"(?:about\s+|on\s+|into\s+|upon\s+)?(?:an?\s+|the\s+|any\s+)?{_NP}{_NP_END}",
        re.I,
    ),
    # "Is there remote work for X?", "Are there any grants ...": what is said to exist
    # ("Are there fewer X than Y?": the X, counted)
    re.compile(
        r"^\s*(?:is|are)\s+there\s+(?:any\s+|some\s+|a\s+|an\s+|more\s+|fewer\s+|less\s+)?"
        rf"{_NP}{_NP_END}",
        re.I,
    ),
    # "Is job security better for nurses?", "Are the hours worse for chefs?": the thing judged
    re.compile(
        rf"^\s*(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?{_NP}\s+(?:better|worse|higher"
        r"|lower|greater|stronger|weaker|easier|harder|longer|shorter)\b",
        re.I,
    ),
)
# "How do I negotiate ...?", "How can one network ...?": the action asked about itself
_HOW_TO_DO = re.compile(
    r"\bhow (?:do|can|should|would|could) (?:i|you|one|we)\s+([\w-]{1,30})\b", re.I
)
# "What are the cons of being an accountant?", "What are some perks of nursing?": the
# things a list names (only for finding such a list: see `listed_things`)
_WHAT_ARE = re.compile(
    rf"^\s*(?:what|which)\s+(?:are|were)\s+(?:the\s+|some\s+|a\s+few\s+)?(?:main\s+)?{_NP}{_NP_END}",
    re.I,
)


def _focus_words(text: str, role_words: set[str], floor: float | None = None) -> list[str]:
    """The words of a noun phrase a question asks for that an article must write: no role
    word, no number, nothing less specific than `floor` (FOCUS_SPECIFICITY)."""
    floor = FOCUS_SPECIFICITY if floor is None else floor
    got = [
        t
        for t in topic_words(text)
        if t not in role_words and not t.isdigit() and specificity(t) >= floor
    ]
    # "Which math topics ...": a noun for a kind of thing is answered by the things of that
    # kind ("linear algebra, probability"), which no article need call "topics"
    return [t for t in got if stem(t) not in _KIND_NOUNS]


def listed_things(question: str, roles: list[str]) -> list[list[list[str]]]:
    """`asked_for`, and the plural noun of "What are the X of ..." ("cons", "perks"): things
    an article may list under a heading naming them ("Pros and cons — Accountant")."""
    out = asked_for(question, roles)
    m = _WHAT_ARE.search(question)
    if m:
        role_words = {w for r in roles for w in words(r)}
        focus = _focus_words(m.group(1), role_words)
        if focus and [focus] not in out:
            out.append([focus])
    return out


# The judged thing of a comparative ("job security") is named by its words, however common
# each one is: only everyday words ("right") are left out.
_JUDGED = _ASKED_FOR[-1]
FOCUS_SPECIFICITY = 0.5  # a word at least this specific (see vocabulary.specificity) is a topic
HOW_TO_SPECIFICITY = 0.65  # an action asked how to do, at least this specific, is a focus
EVERYDAY = 0.375  # a word at most this specific (as common as "right", "long") names no topic
# General English verbs of making data or a figure known ("Who publishes / compiles / provides
# the salary data?"): in a question asking for a source they ask who, not what
_SOURCE_VERB = re.compile(
    rf"(?:{MAKES_KNOWN}|report|survey|track|measur)"
    r"(?:e|es|ed|d|s|ing|ies|ied|y)?",
    re.I,
)
# General English nouns for a kind or set of things (see `_focus_words`)
_KIND_NOUNS = frozenset(
    stem(w)
    for w in "topic topics area areas subject subjects kind kinds type types sort sorts "
    "category categories thing things example examples".split()
)
NEIGHBOUR_MATCH = 0.75  # word similarity from which a passage word stands for a focus word


_OR = re.compile(r"\s+(?:or|and/or)\s+", re.I)


def asked_for(question: str, roles: list[str]) -> list[list[list[str]]]:
    """Each thing a question asks for, as its alternatives, each the specific words it must
    have ("Which cloud certification should ..." -> [[["cloud", "certification"]]], "What tools
    or frameworks ..." -> [[["tools"], ["frameworks"]]]); role names and everyday words are
    left out, and an alternative left with no word makes the thing no focus at all."""
    role_words = {w for r in roles for w in words(r)}
    out: list[list[list[str]]] = []
    for pattern in _ASKED_FOR:
        m = pattern.search(question)
        if not m or m.group(1).split()[0].lower() in STOPWORDS:
            continue  # "which of these ...", "what is ...": no noun phrase asked for
        floor = FOCUS_SPECIFICITY if pattern is not _JUDGED else EVERYDAY + 1e-9
        choices = [
            _focus_words(part, role_words, floor) for part in _OR.split(m.group(1)) if part.strip()
        ]
        if choices and all(choices) and choices not in out:
            out.append(choices)
    m = _HOW_TO_DO.search(question[:1000])
    if m and not kin_of(stem(m.group(1).lower())):
        # the verb is what is asked how to do when it is a specific one ("negotiate", not
        # "judge", "pick" or "get", which a passage says in other words) and no career-lexicon
        # word, met by its kin ("switch" by "transitioning from software engineering")
        focus = _focus_words(m.group(1), role_words, HOW_TO_SPECIFICITY)
        if focus and [focus] not in out:
            out.append([focus])
    for role in roles:
        # "Can recruiters sponsor work visas?", "Do nurses get pension plans?": a yes/no
        # question whose subject is the role asks about the thing its verb is done to
        m = re.match(
            rf"\s*(?:can|could|do|does|did|will|would|should|must)\s+(?:an?\s+|the\s+)?"
            rf"{re.escape(role)}\s+[\w-]{{1,30}}\s+(?:(?:an?|the|any|their)\s+)?{_NP}{_NP_END}",
            question,
            re.I,
        )
        if m is None:
            continue
        focus = _focus_words(m.group(1), role_words)
        if focus and [focus] not in out:
            out.append([focus])
    return out


# General English: words that ask which choice suits the asker, not what the choices are like
# ("Which path fits me better?", "Which one would suit me?")
_SUITS = frozenset(
    stem(w)
    for w in "fit fits suit suits suited suitable right choose choice pick worth prefer".split()
)


def aspect_unmet(
    aspect: str, sides: list[str], passages: list[Passage], retriever: Retriever, embedder
) -> list[str]:
    """The words of a comparison's aspect ("stable" in "Which is more stable, X or Y?") when no
    passage found meets any of them (by stem or a close word, see `focus_unmet`): then no
    article compares the sides on it. [] when one is met, when the aspect has no specific
    word, or when it names a career-lexicon aspect or judgement ("easier", "pay", "upsides"):
    those are met by their kin, and a table on them says what the articles hold."""
    side_words = {w for r in sides for w in words(r)}
    # every word but an everyday one ("research" in "research-oriented" counts); a word no
    # English text uses ("diference") is a typo or a name, judged elsewhere
    asked = [
        t
        for t in topic_words(aspect)
        if t not in side_words
        and not t.isdigit()
        and specificity(t) > EVERYDAY
        and not is_rare(_possessor(t))
    ]
    # A rare word the library writes is a topic too ("Which role deals more with LLMs?",
    # "Kubernetes"): met when a passage found writes it. A rare word the library never writes
    # is a typo or a name, judged elsewhere (`unknown_names`).
    forms = ((t, written_form(t, retriever.doc_freq)) for t in topic_words(aspect))
    named = [
        w
        for t, w in forms
        if t not in side_words
        and t not in asked
        and not t.isdigit()
        and is_rare(_possessor(t))
        and stem(w) in retriever.doc_freq
    ]
    stems = {stem(t) for t in asked}
    if not (asked or named) or stems & _SUITS or aspect_named(stems) or kin_of_any(stems):
        return []
    if any(not focus_unmet([t], passages, retriever, embedder) for t in asked + named):
        return []
    return named or asked  # the thing no passage speaks of, not the verb asking about it


# General English: nouns for a line of work itself ("a remote job", "a stable career"): what a
# question says the role is, not a topic an article must write
_WORK_NOUNS = frozenset(
    stem(w)
    for w in "job role position career path track profession occupation trade field line "
    "choice option work".split()
)
# General English: nouns asking what a thing is or is for ("the classic description of SRE",
# "the main purpose of a product manager"), which an article answers in other words
_WHAT_IT_IS = frozenset(
    stem(w)
    for w in "description definition meaning explanation summary overview idea example purpose "
    "point essence gist nature goal mission aim function difference".split()
)


# What a question says a role is: a few words ending its clause ("stressful", "a remote job",
# "more research oriented"), not a longer phrase ("considered one of the highest-paying ...")
_SAID = r"((?:[\w'’-]{1,40}\s+){0,2}?[\w'’-]{1,40})"


def judged_of_role(question: str, roles: list[str]) -> str | None:
    """What a question says a named role is or has, as the words an article must write to
    answer it: "Is being an AI engineer stressful?" -> "stressful", "Is nursing a remote
    job?" -> "remote", "What is the average age of chefs?" -> "age" (the head noun: its
    modifiers need not be written). None when the question has neither shape, or asks what
    the role is or is for ("What is the classic description of SRE?"). The nouns for a line
    of work itself are left out."""
    q = question[:500]
    for role in roles:
        r = re.escape(role)
        said = re.match(
            rf"\s*(?:is|are|was|were)\s+(?:being\s+|becoming\s+|working\s+as\s+)?"
            rf"(?:an?\s+|the\s+)?{r}\s+(?:(?:an?|the)\s+)?{_SAID}(?=\s*(?:[?.!]|$)|\s+for\b)",
            q,
            re.I,
        )
        if said:
            return " ".join(w for w in words(said.group(1)) if stem(w) not in _WORK_NOUNS) or None
        had = re.match(
            rf"\s*(?:what|how)(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+|an?\s+)?"
            rf"{_NP}\s+(?:for|of|among)\s+(?:being\s+)?(?:an?\s+|the\s+)?{r}\b",
            q,
            re.I,
        )
        if had:
            said = words(had.group(1))
            if not said or stem(said[-1]) in _WORK_NOUNS | _WHAT_IT_IS:
                return None
            # ("the growth rate": a career-lexicon word anywhere makes it that aspect's)
            return None if kin_of_any({stem(w) for w in said}) else said[-1]
    return None


# A clause of a few words around the role (general English): "What do electricians wear?"
# (what the role does), "Which companies hire electricians?" (who does it to the role), "Will
# AI replace electricians?" (a yes/no question with the role as the object)
_FEW = r"((?:[\w'’-]{1,40}\s+){0,2}?[\w'’-]{1,40})"
_ROLE_DOES = r"\s*(?:what|which)\s+(?:do|does|did|will|would|can|could|should)\s+(?:an?\s+|the\s+)?{r}\s+{few}"
_DONE_TO = (
    r"\s*(?:(?:which|what)\s+{few}|(?:will|would|can|could|does|do|did|might|may|is|are)"
    r"\s+((?:[\w'’-]{{1,40}}\s+){{0,3}}?[\w'’-]{{1,40}}))\s+(?:an?\s+|the\s+|all\s+|most\s+)?{r}(?:['’]s?)?"
    r"(?:\s+(?:jobs?|roles?|work))?"
)
_CLAUSE_END = r"\s*[?.!]?\s*$"


def clause_of_role(question: str, roles: list[str]) -> list[str]:
    """The specific words of a one-clause question about a role, other than the role: the
    verb it does and what it does it to, or the verb done to it and who does it ("What do
    electricians wear?" -> ["wear"], "Which companies hire electricians?" -> ["hire"], "Will AI
    replace electricians?" -> ["ai", "replace"]). An article speaks to the question only where
    a sentence about the role writes them all. Everyday words, career-lexicon words and their
    kin ("earn", "skills", "hard") and the nouns for a line of work are left out: those are
    judged elsewhere or met in other words; [] when nothing is left or the shape is another."""
    q = question[:300]
    for role in roles:
        r = re.escape(role)
        does = re.match(_ROLE_DOES.format(r=r, few=_FEW) + _CLAUSE_END, q, re.I)
        done = re.match(_DONE_TO.format(r=r, few=_FEW) + _CLAUSE_END, q, re.I)
        m = does or done
        if m is None:
            continue
        # (who does it to the role: "Which companies hire X?")
        asks_which = does is None and done.group(1) is not None
        clause = words(" ".join(g for g in m.groups() if g))
        # (what "which" asks for is named by its instances, "Hilton", not by its noun: its
        # verb alone must be written)
        said = [
            w
            for w in (clause[-1:] if asks_which else clause)
            if w not in STOPWORDS
            and specificity(w) >= FOCUS_SPECIFICITY
            and stem(w) not in _WORK_NOUNS | _WHAT_IT_IS | _SUITS
        ]
        stems = {stem(w) for w in said}
        # ("Which companies hire X?" asks who hires, which no word of demand says; "Are
        # companies hiring X?" asks how demand is, which its kin answer)
        if said and (asks_which or not (kin_of_any(stems) or aspect_named(stems))):
            return said
    return []


def clause_unmet(
    said: list[str], role: str, passages: list[Passage], retriever: Retriever, embedder
) -> list[str]:
    """The clause's words (`clause_of_role`) no sentence about the role meets all together
    (each by stem or a close word, its heading read with it: "Will automation replace line
    cooks?" over "... still rely on line cooks"); [] when one does. A sentence is about the
    role when it names it, or its passage's heading does, or the heading asks of the pair the
    article's title sets the role in ("Which role is more likely to be replaced by AI?" in
    "UX Researcher vs UX Designer": its answer is about both)."""
    library = retriever.library
    book = library.roles
    keys = book.keys(role)

    def names(text: str) -> bool:
        # (by any spelling: "an NP" in a FAQ heading is the nurse practitioner asked about)
        return any(book.keys(r) & keys for r in book.find(library.expand_abbreviations(text)))

    def of_its_pair(p: Passage) -> bool:
        heading = own_heading(p.section)
        return asks_of_a_pair(heading) and names(p.title)

    about = [
        replace(p, title="", text=sentence)
        for p in passages
        for sentence in split_sentences(p.text[:20_000])
        if names(sentence) or names(p.section) or of_its_pair(p)
    ]
    if not about:
        return said
    return focus_unmet(said, about, retriever, embedder)


def kin_of_any(stems: set[str]) -> bool:
    """Some stem is a career-lexicon word (an aspect's, a judgement's, a word for tools); a
    word on a scale ("dangerous") is met only where a word of its scale is written."""
    return any(kin_of(s) for s in stems if not scale_of(s))


def _doer_of(word_stem: str) -> str:
    """The verb an agent noun is made from ("earner" -> "earn", "speaker" -> "speak"): "the top
    earners" asks about those who earn, which a passage writes "the top 10 percent earn ...".
    The bare stem where it is no such noun; it only ever meets a word a passage writes."""
    if word_stem.endswith("er") and len(word_stem) >= 6:
        return word_stem[:-2]
    return word_stem


POINTED_DEPTH = 10  # passages searched with a question's other words for the articles it is about


def _pointed_articles(
    question: str, wanted: list[list[list[str]]], passages: list[Passage], retriever: Retriever
) -> tuple[set[str], set[str]] | None:
    """The articles a question's words other than what it asks for point to (of the best
    POINTED_DEPTH passages for those words alone), and those words' stems; None when the
    question has no such word, or the passages come from one article (one was asked)."""
    if len({p.source for p in passages}) < 2:
        return None
    asked = {w for choices in wanted for focus in choices for w in focus}
    other = [
        w
        for w in topic_words(question[:1000])
        if w not in asked and specificity(w) > EVERYDAY and not names_writing(w)
    ]
    if not other:
        return None
    stems = {stem(w) for w in other}
    # (passages found that write none of those words point nowhere: a small library's search
    # returns every article)
    # ... nor do those writing only some of them: "deep learning" points to an article on
    # deep learning, not to one that speaks of learning alone
    found = [
        p
        for p in retriever.search(" ".join(other), POINTED_DEPTH)
        if stems <= {stem(w) for w in words(f"{p.title} {p.section} {p.text}")}
    ]
    if not found:
        return None
    return {p.source for p in found}, stems


def _meeting_within(
    focus: list[str],
    pointed: tuple[set[str], set[str]],
    passages: list[Passage],
    retriever: Retriever,
) -> list[Passage]:
    """The passages that may meet the focus: those of the articles the question's other words
    point to (among those found and those writing the focus), or writing those words
    themselves (all of them: "learning" alone is no "deep learning")."""
    sources, other = pointed
    out = []
    for p in [*passages, *retriever.writing(focus, POINTED_DEPTH)]:
        said = {stem(w) for w in words(f"{p.title} {p.section} {p.text}")}
        if p.source in sources or other <= said:
            out.append(p)
    return out


def focus_unmet(
    focus: list[str], passages: list[Passage], retriever: Retriever, embedder
) -> list[str]:
    """The focus words no single passage meets all together, by stem or by a close word
    (its vector at least NEIGHBOUR_MATCH from the focus word's); [] when one passage does. A
    word for what one works with ("tools") is met by any other ("equipment", "frameworks")."""
    if not focus:
        return []
    vocab, vecs = retriever.vocabulary(embedder)
    fvecs = embedder.embed_batch(focus)
    fstems = [stem(t) for t in focus]
    best: list[str] | None = None
    for p in passages:
        toks = set(words(f"{p.title} {p.section} {p.text}"))
        stems = {stem(w) for w in toks}
        idx = [vocab[w] for w in toks if w in vocab]
        sims = (fvecs @ vecs[idx].T).max(axis=1) if idx else np.zeros(len(focus))
        tooled = bool(KINDS_OF_TOOL & stems)
        # an aspect's own noun ("skills") is met by its kin in the forms that speak of it
        # ("distributed computing skills": "requires comfort with distributed computing"); so
        # is a word for pay, noun or verb ("earn top salaries": "can match the highest
        # salaries", "paid": "compensation")
        kin_said = {st for _w, st in aspect_forms(f"{p.section} {p.text}")}
        spelled = {t for t in focus if spelled_out(t, [p])}  # "rag": "retrieval-augmented g..."
        unmet = [
            t
            for t, s, sim, fv in zip(focus, fstems, sims, fvecs, strict=True)
            if s not in stems
            and _doer_of(s) not in stems
            and sim < NEIGHBOUR_MATCH
            and not (tooled and s in KINDS_OF_TOOL)
            and t not in spelled
            and not _clipped_in(t, toks, lambda w, v=fv: _word_sim(v, w, vocab, vecs))
            and not ((t in ASPECT_NOUNS or s in AMOUNT_CUES) and kin_of(s) & kin_said)
            and not scale_of(s) & stems  # "dangerous": "the highest injury rates"
        ]
        if not unmet:
            return []
        if best is None or len(unmet) < len(best):
            best = unmet
    return best or []


CLIP_LETTERS = 4  # a clipped word ("app", "apps") has at most this many letters
CLIP_REST = 3  # ... and the word it is cut from at least this many more ("application")


def _word_sim(vec: np.ndarray, word: str, vocab, vecs: np.ndarray) -> float:
    row = vocab.get(word)
    return 0.0 if row is None else float(vecs[row] @ vec)


def _clipped_in(word: str, toks: set[str], sim=None) -> bool:
    """A short word the passage writes in full: "apps" of "application", "info" of
    "information" (the plural's singular cut from a word at least CLIP_REST letters longer,
    whose meaning `sim` finds at least CLIP_SIM near: "age" is no clip of "agentic")."""
    low = word.lower()
    cut = low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low
    if not 3 <= len(cut) <= CLIP_LETTERS or not cut.isalpha():
        return False
    return any(
        len(w) >= len(cut) + CLIP_REST and w.startswith(cut) and (sim is None or sim(w) >= CLIP_SIM)
        for w in toks
    )


def _kind_untitled(context: Passage, asked: set[str], found: list[str], book) -> bool:
    """The article's title names the asked role, and every role a sentence names is of its
    kind (a name of it, spelled out or not, ends in the asked role's head noun) and none the
    title names."""
    heads = {stem(k.split()[-1]) for k in asked if k.split()}
    titled = _title_keys(context, book)
    return (
        bool(found)
        and bool(titled & asked)
        and all(
            not book.keys(r) & titled
            and any(k.split() and stem(k.split()[-1]) in heads for k in book.keys(r))
            for r in found
        )
    )


def _heading_names(context: Passage, asked: set[str], named: set[str], book) -> bool:
    """The passage's section heading names the asked role and none of a sentence's roles."""
    heading = {k for r in book.find(context.section) for k in book.keys(r)}
    return bool(heading & asked) and not heading & named


def _headed_for(context: Passage, asked: set[str], named: set[str], book) -> bool:
    """The passage's article is titled for the asked role and a role a sentence names, and
    the passage's section heading names the asked role and none of the sentence's."""
    if not _heading_names(context, asked, named, book):
        return False
    titled = _title_keys(context, book)
    return bool(titled & asked) and bool(titled & named)


def _levelled_head(role: str, asked: str) -> bool:
    """The role is the asked role's head noun after words for a career level only ("Entry-level
    designers", "Senior analysts" of a game designer, a data analyst)."""
    toks, own = words(role), words(asked)
    if len(toks) < 2 or len(own) < 2 or stem(toks[-1]) != stem(own[-1]):
        return False
    return all(
        any(stem(t) in group for group in LEVEL_GROUPS) or t == LEVEL_NOUN for t in toks[:-1]
    )


def _narrowed_noun(role: str, narrowed: set[str]) -> bool:
    """A bare role noun, alone or after the narrowing words ("Experienced technicians"; a
    level's other word, "Entry-level designers" for a junior one)."""
    toks = words(role)
    said = {stem(w) for w in toks[:-1]}
    return (
        bool(toks)
        and bool(BARE_ROLE.fullmatch(toks[-1]))
        and all(w in narrowed or _as_level(w, narrowed) or w == LEVEL_NOUN for w in said)
    )


def _as_level(word: str, narrowed: set[str]) -> bool:
    """The stem is a word for a career level one of the narrowing words names another way."""
    return any(word in group and group & narrowed for group in LEVEL_GROUPS)


def _narrowed_in(narrowed: set[str], stems: set[str]) -> bool:
    """Each narrowing word is among the sentence's stems, a level by any of its words
    ("junior" asked, "Entry-level designers start at $50,000" told)."""
    return all(w in stems or any(_as_level(s, {w}) for s in stems) for w in narrowed)


def level_asked(question: str, role: str) -> str | None:
    """The career level a pay question asks about besides its role ("How much do nurses make
    at entry level?", "What's the starting salary for a teacher?"): the lexicon's level word,
    or None."""
    role_words = set(words(role))
    for w in words(question[:1000]):
        if w not in role_words and stem(w) in LEVEL_WORDS:
            return w
    return None


def narrowed_role(question: str, role: str, book: RoleBook) -> tuple[str, set[str]] | None:
    """The question's subject narrows the role it names by words before it ("tax accountants",
    "hospital pharmacists"): the subject and those words' stems, or None."""
    phrase = paid_subject(question)
    found = book.find(phrase) if phrase else []
    if len(found) != 1:
        return None
    at = phrase.lower().find(found[0].lower())
    lead = {
        stem(w)
        for w in words(phrase[: max(at, 0)])
        if w not in STOPWORDS and specificity(w) > EVERYDAY
    }
    return (phrase, lead) if at > 0 and lead else None


def _of_its_kind(role: str, book: RoleBook) -> set[str]:
    """A role asked by its head noun alone ("How much do designers make?") is each role of the
    library with that head noun ("instructional designer"): their keys; empty for a role of
    several words or a head noun no longer role of the library has."""
    toks = words(role)
    if len(toks) != 1:
        return set()
    head = _number_stem(toks[0])
    return {
        k
        for name in book.phrases.values()
        if len(words(name)) > 1 and _number_stem(words(name)[-1]) == head
        for k in book.keys(name)
    }


def _another_name(book: RoleBook, sentence: str, passage: Passage, wanted: set[str]) -> bool:
    """In an article whose title names the asked role, a sentence naming only roles of its kind
    (the same head noun) that the title does not name gives the asked role's figure under
    another name: "Food service managers earned $63,060" in "Chef vs Restaurant Manager"."""
    titled = _title_keys(passage, book)
    heads = {stem(k.split()[-1]) for k in wanted if k.split()}
    named = book.find(sentence)
    return bool(wanted & titled and named) and all(
        not book.keys(r) & titled and words(r) and stem(words(r)[-1]) in heads for r in named
    )


# Where a sentence setting several roles' figures side by side parts them (general English)
_FIGURE_CLAUSES = re.compile(r"[;:]|,(?!\d)|\s(?:and|while|whereas|but|compared\s+with)\s", re.I)


def _head_clause_figure(sentence: str, head: str, book: RoleBook) -> bool:
    """A clause of the sentence gives an amount beside the asked role's head noun, bare, and
    names no role of the library: "... and the average counselor salary was $66,300" asked of
    school counselors, where the sentence's other clause gives a teacher's."""
    if not head:
        return False
    for clause in _FIGURE_CLAUSES.split(sentence[:2000]):
        if not OFFERS["amount"].search(clause):
            continue
        if head in {stem(w.lower()) for w in words(clause)} and not book.find(clause):
            return True
    return False


def _bare_head(named: list[str], head: str) -> bool:
    """Every role named is the asked role's own head noun, bare ("analysts" asked of data
    analysts): no other role is named, and this one may be meant."""
    return bool(named) and all(len(r.split()) == 1 and stem(r.lower()) == head for r in named)


def _price_given(query: Query, passages: list[Passage], book) -> bool:
    """A question asking a price ("cost", "tuition", "fees" among its topic words) is met by a
    passage sentence giving money beside a word of cost ("Flight training costs $80,000"), in
    a passage about the role the question names, if it names one (a groomer's school fees
    price no barber school); any other question is met already."""
    if not COST_WORDS & {stem(w) for w in query.topic}:
        return True
    wanted = {k for r in query.roles for k in book.keys(r)}
    for p in passages:
        if wanted:
            named = book.find(f"{p.title}. {p.section}. {p.text[:20_000]}")
            if not wanted & {k for r in named for k in book.keys(r)}:
                continue
        for s in prose_sentences(p.text[:20_000]):
            if _MONEY_SAID.search(s) and _PRICE_WORDS & {stem(w) for w in words(s)}:
                return True
    return False


# Money in figures or in words ("$15,000", "several thousand dollars", "tens of thousands of
# pounds"); general English, bounded
_MONEY_SAID = re.compile(r"[$€£¥]\s?\d|\b(?:dollars?|pounds?|euros?|usd|gbp|eur)\b", re.I)
# Words that tell a price in a sentence giving money: the cost words, and the money one spends
# ("Most bakers spend $15,000 on a culinary course"); general English
_PRICE_WORDS = COST_WORDS | {stem(w) for w in "spend spends spent spending".split()}


def _figure_for(
    role: str,
    matcher: TermMatcher,
    passages: list[Passage],
    narrowed: set[str] = frozenset(),
    yes_no: bool = False,
) -> bool:
    """Some passage about the role gives an amount that is not another role's ("How much does
    a data scientist earn?" is not answered by an ML engineer's salary); for a narrowed role
    ("tax accountants"), in a sentence writing the narrowing words too, or one writing them with
    a word for pay in a passage giving the role's figure."""
    book = matcher.book
    wanted = book.keys(role)
    kind = _of_its_kind(role, book)
    amount = OFFERS["amount"]
    head = stem(role.split()[-1].lower()) if role.split() else ""
    for p in passages:
        named = book.find(f"{p.title}. {p.section}. {p.text}")
        about = {k for r in named for k in book.keys(r)}
        # ("Three Analysts" / "a senior analyst like me earns ..." asked of data analysts:
        # the role's own head noun, bare, and no other role)
        if not about & (wanted | kind) and not _bare_head(named, head):
            continue
        for s in prose_sentences(p.text):
            stems = {stem(w) for w in words(s)}
            if narrowed and not _narrowed_in(narrowed, stems):
                continue
            # a narrowed role's pay told beside the role's figure: "Master electricians ... can
            # earn far more" after "Electricians earned a median of $61,590"
            told = pay_told(s, yes_no) is not None or (
                narrowed and AMOUNT_CUES & stems and amount.search(p.text)
            )
            focus = matcher.role_focus(s, p) if told else -1.0
            if told and (
                focus > 0
                # a sentence no heading, lead or title places is the passage's: of the role
                # asked when the article's title names it or the passage names no other role.
                # "On-call allowances of $300-$600 per week" under a cloud engineer vs SRE table
                # is no pay of the software engineering the passage mentions in passing
                or (
                    focus == 0
                    and (book.find(s) or about <= wanted | kind or _title_keys(p, book) & wanted)
                )
                or _bare_head(book.find(s), head)  # "a senior analyst like me earns ..."
                # "Experienced technicians ... $50,000": the narrowing words and a bare role noun
                or (narrowed and all(_narrowed_noun(r, narrowed) for r in book.find(s)))
                or (not narrowed and _another_name(book, s, p, wanted))
                # "the average teacher salary was $58,900 and the average counselor salary
                # was $66,300" asked of school counselors: a clause of its own, the head noun
                or (not narrowed and _head_clause_figure(s, head, book))
                # "designers" asked, "Instructional designers earn $79,000" told
                or (
                    kind
                    and book.find(s)
                    and all(
                        book.keys(r) & kind or _narrowed_noun(r, narrowed) for r in book.find(s)
                    )
                )
            ):
                return True
    return False


def _title_keys(passage: Passage, book: RoleBook) -> set[str]:
    """The keys of the roles the passage's article title names."""
    return {k for r in book.find(passage.title) for k in book.keys(r)}


# "How much do nurses make?": "make" asks for pay only in that shape (general English)
# a break between clauses: a role named after it is no owner of a figure before it
_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|[()—–]|\s-\s")  # not the comma in "$34,000"


# "Do apprentices get paid?", "Are nurses well paid?", "Do X earn more?": a question answered
# yes or no opens with an auxiliary verb (general English)
_YES_NO = re.compile(
    r"\s*(?:and\s+|so\s+)?(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have)\b",
    re.I,
)
# a share of a wage ("40 to 50 percent of a journeyman's wage"): a figure of pay beside a pay word
_SHARE = re.compile(r"\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|percent\b|per\s?cent\b)", re.I)
# A sum written with thousands separators ("512,000 kroner"): beside a word for pay, an amount
# in any currency
_SUM = re.compile(r"\b\d{1,3}(?:,\d{3}){1,4}\b")
# "How long ...?", "How many years ...?": a span of time asked for (general English)
_ASKS_SPAN = re.compile(r"\bhow\s+(?:long\b|many\s+(?:years|months|weeks|days|hours)\b)", re.I)
# A span of time an article writes: "two years", "a two-year degree", "4-6 months", "a decade",
# "several weeks" (number words of general English; bounded, linear). "a day" is none: "ten
# visits a day", "$50,000 a year" say how often, not how long; nor is a span by the day, week
# or exam ("40 to 45 hours a week", "300 hours per exam": a rate).
_SPAN = re.compile(
    r"\b(?:\d{1,3}(?:[.,]\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|several|few|many)(?:[\s-]{1,3}(?:to|or|and)[\s-]{1,3}"
    r"\w{1,12})?[\s-]{1,3}(?:years?|months?|weeks?|days?|hours?|semesters?|terms?)\b"
    r"(?!\s{1,3}(?:a|an|per|each|every)\s)"
    r"|\bdecades?\b",
    re.I,
)
# "How do/can/should ... ?", "Why ...?": the way or the reason, not an amount ("how much" is one)
_ASKS_HOW = re.compile(r"^\s{0,8}(?:how\b(?!\s+much\b)|why\b)", re.I)
_WORD = re.compile(r"[A-Za-z]{2,40}")


def asks_yes_no(question: str) -> bool:
    """The question is answered yes or no ("Do apprentices get paid?"): a pay question of that
    shape needs no figure, only a sentence telling the subject's pay ("Yes. Apprentices start
    at half a journeyman's wage", "Travel nurses can out-earn both")."""
    return bool(_YES_NO.match(question[:1000]))


def pay_told(sentence: str, any_word: bool = False) -> int | None:
    """Where the sentence gives a figure of pay: an amount ("$61,590"), or a share of a wage
    or a sum in another currency beside a word for pay ("40 to 50 percent of a journeyman's
    wage", "earns about 512,000 kroner a year"); with `any_word` (a yes/no
    question) a word for pay is enough ("can out-earn both"). None when it gives none."""
    m = OFFERS["amount"].search(sentence)
    if m:
        return m.start()
    cues = [w.start() for w in _WORD.finditer(sentence) if stem(w.group(0).lower()) in AMOUNT_CUES]
    if not cues:
        return None
    share = _SHARE.search(sentence) or _SUM.search(sentence)
    if share:
        return share.start()
    return cues[0] if any_word else None


_DOUBLED = re.compile(r"([a-z])\1")


def _number_stem(word: str) -> str:
    """A word's stem read the same in its plural and its British or American spelling: the
    plural "-men" as "-man" ("journeymen", "journeyman"), a doubled letter as one
    ("counsellors", "counselors"), a closing "-our" as "-or" ("labour", "labor")."""
    s = _DOUBLED.sub(r"\1", stem(word))
    if len(s) > 4 and s.endswith("our"):
        s = s[:-3] + "or"
    return s[:-3] + "man" if s.endswith("men") and len(s) > 4 else s


# how well one is paid, after the subject of "Are X paid well?" (general English)
_DEGREE = frozenset("well badly poorly better worse more less enough fairly decently".split())


def _before_pay_verb(question: str, phrase: str) -> str:
    """A yes/no question's subject phrase without the verb done to the pay noun after it:
    "Does an AWS certification raise pay?" -> "AWS certification" (the phrase had run on to
    "raise"); "Do relief masons earn more?" keeps "relief masons" ("earn" is no noun)."""
    if not phrase or len(phrase.split()) < 2 or not asks_yes_no(question):
        return phrase
    asked = words(question)
    last = words(phrase)[-1:]
    at = max((i for i, w in enumerate(asked) if [w] == last), default=-1)
    after = [w for w in asked[at + 1 : at + 3] if w not in _DETERMINERS] if at >= 0 else []
    return phrase.rsplit(None, 1)[0] if after and after[0] in PAY_NOUNS else phrase


def paid_subject(question: str) -> str:
    """Who a pay question is about: the subject of its verb ("How much do tax accountants
    make?"), the owner of the aspect ("What is the salary of a nurse?"), or the subject of a
    yes/no "be" question up to its pay or degree word ("Are school principals paid well?",
    "Is a pilot well paid?" -> "school principals", "pilot"); "" when none."""
    phrase = _before_pay_verb(question, subject_phrase(question, acting=True)) or owner_phrase(
        question
    )
    if phrase or not asks_yes_no(question):
        return phrase
    toks = subject_phrase(question).split()
    for i, w in enumerate(toks):
        low = w.lower()
        if low in _DEGREE or stem(low) in AMOUNT_CUES:
            return " ".join(toks[:i]) if i and i < len(toks) else ""
    return ""


def asks_pay(question: str) -> bool:
    """The question asks what someone earns ("salary", "get paid", "How much do X make?"),
    not what something costs."""
    return bool(AMOUNT_CUES & {stem(w) for w in words(question)}) or bool(
        MAKE_PAY.search(question[:1000])
    )


def _clips_a_role(phrase: str, book: RoleBook) -> bool:
    """The phrase's head is a word of a role the library names, cut short as people type it
    ("vet" of "veterinarian"): the subject is that role, written in full."""
    toks = words(phrase)
    if not toks:
        return False
    head = toks[-1][:-1] if toks[-1].endswith("s") and len(toks[-1]) > 3 else toks[-1]
    if len(head) < 3:
        return False
    names = list(book.phrases.values()) + list(book.aliases.values())
    return any(len(w) > len(head) and w.startswith(head) for n in names for w in words(n))


def names_figure_of(phrase: str, passages: list[Passage], yes_no: bool = False) -> bool:
    """Some sentence writes every word of the phrase (by stem) and gives an amount that is the
    phrase's own: the phrase comes before the figure or in the figure's clause. "Pilots spend
    $80,000 on training, often working as flight instructors" gives no instructor's figure;
    "Pharmacy technicians earned $40,300" gives theirs. A heading naming the phrase over a
    sentence with an amount counts too ("Pay for nurses" / "The median is $80,000"). A share of
    a wage is a figure of pay; for a yes/no question (`yes_no`) a word for pay is one too."""
    wanted = {_number_stem(w) for w in words(phrase) if w not in STOPWORDS}
    if not wanted:
        return True
    for p in passages:
        head = {_number_stem(w) for w in words(f"{p.title} {p.section}")}
        for s in prose_sentences(p.text):
            at = pay_told(s, yes_no)
            if at is None:
                continue
            toks = [_number_stem(w) for w in words(s)]
            if wanted <= set(toks) | (head if wanted <= head else set()):
                if wanted <= head:
                    return True
                if _owns_figure(wanted, s, at, yes_no):
                    return True
    return False


def _owns_figure(wanted: set[str], sentence: str, at: int, yes_no: bool = False) -> bool:
    """Every word of the phrase is written before the first figure, or the phrase shares a
    clause (no comma, colon, dash between) with some figure."""
    before = {_number_stem(w) for w in words(sentence[:at])}
    if wanted <= before:
        return True
    for clause in _CLAUSE_BREAK.split(sentence):
        if pay_told(clause, yes_no) is not None and wanted <= {
            _number_stem(w) for w in words(clause)
        }:
            return True
    return False


def unwritten_modifier(
    question: str, roles: list[str], retriever: Retriever, embedder
) -> str | None:
    """The question's subject puts a word the library never writes before a role it knows
    ("sous chef" where only "chef" is written): the phrase, or None."""
    phrase = paid_subject(question)
    if not phrase or len(roles) != 1:
        return None
    role_stems = {stem(w) for w in words(roles[0])}
    toks = [w for w in words(phrase) if w not in STOPWORDS]
    lead = []
    for w in toks:
        if stem(w) in role_stems:
            break
        lead.append(w)
    else:
        return None  # the role's words are not in the phrase
    vocab, _vecs = retriever.vocabulary(embedder)
    for w in lead:
        low = fold_accents(w)
        if low not in vocab and stem(low) not in retriever.doc_freq:
            # a career level the library writes another way ("junior" where "entry-level")
            if any(_as_level(stem(low), {k}) for k in _level_stems(retriever.doc_freq)):
                continue
            return phrase
    return None


def _level_stems(doc_freq) -> set[str]:
    """The words for a career level the library writes."""
    return {w for group in LEVEL_GROUPS for w in group if w in doc_freq}


# "How many nurses are there in Wales?", "how many data engineers work at Acme": a number of
# people in a role (bounded: linear)
_PEOPLE_COUNT_Q = re.compile(
    r"^\s{0,8}(?:and\s+|so\s+)?how\s+many\s+((?:[\w'’-]{1,30}\s+){0,4}?[\w'’-]{1,30})\s+"
    r"(?:are\s+there|are\s+employed|are\s+working|work|exist)\b",
    re.I,
)
# A number that may count people: digits or a number word, once money, years and shares are
# taken out ("$140,000", "in 2026", "40%" count no one)
_NOT_HEADCOUNT = re.compile(
    rf"{_MONEY_FIGURE.pattern}"
    r"|\b(?:19|20)\d\d\b|\b\d[\d.]{0,6}\s?(?:%|percent\b|per\s?cent\b)",
    re.I,
)
_HEADCOUNT = re.compile(
    r"\b\d[\d,.]{0,20}\b|\b(?:hundreds|thousands|millions|dozens|tens)\s+of\b", re.I
)


def people_counted(question: str, book: RoleBook) -> str | None:
    """The role whose number of people a question asks for ("How many AI engineers are there
    in the US?"), or None ("How many vacation days do engineers get?" counts days)."""
    m = _PEOPLE_COUNT_Q.match(question[:500])
    if not m:
        return None
    found = book.find(m.group(1))
    return found[0] if len(found) == 1 and m.group(1).lower().endswith(found[0].lower()) else None


def long_form(abbreviation: str, retriever: Retriever) -> str | None:
    """The long form the articles write an abbreviation for ("PM" -> "product manager"): one
    an article spells out ("product manager (PM)") or writes beside it ("ML engineers" and
    "machine learning engineers"); a plural ("PMs") is its singular's. None when no article
    does: initials a run of capitalized words merely has are no spelling."""
    library = retriever.library
    for form in (abbreviation, abbreviation[:-1] if abbreviation.endswith("s") else None):
        if form and form.upper() in library.spelled:
            return library.spelled[form.upper()]
        # the initials of a job title the library names, written as a word of their own
        # ("SREs" where a heading writes "Site Reliability Engineer"), see `Library`
        if form and form.lower() in library.roles.aliases:
            return library.roles.aliases[form.lower()]
    return None


def assess(
    query: Query,
    matcher: TermMatcher,
    passages: list[Passage],
    retriever: Retriever,
    embedder,
) -> str | None:
    """Why the articles cannot answer the question, or None when they can."""
    if not passages:
        return "the library is empty" if not retriever.size else "nothing relevant was found"
    question = query.text
    asked_short = abbreviation_asked(query.question)
    if asked_short and query.comparison is None:
        # "What does PM stand for?": answered by an article's spelling of it, or by none (a
        # coined term's words, "retrieval-augmented generation" for "RAG", count)
        if long_form(asked_short, retriever) is None and not spelled_out(asked_short, passages):
            return f"they never spell out {asked_short}"
        return None
    missing = missing_roles(query.roles, passages, retriever.library.roles)
    # "... if I'm a software developer?": the asker's own job is where they come from, not
    # what they ask about; articles that never name it can still answer
    missing = [r for r in missing if not self_described(question, r)]
    if missing:
        return "they don't discuss " + " or ".join(missing)
    names = unknown_names(question, retriever, embedder, passages)
    if names:
        return "they never mention " + ", ".join(names[:3])
    cited = cited_only(question, passages) if query.intent != "source" else []
    if cited:
        return "they cite " + ", ".join(cited[:3]) + " only in a reference list"
    if query.comparison is None and not query.followup:
        subject = absent_subject(question, retriever, embedder)  # abbreviations spelled out
        if subject:
            return f"they never mention {subject}"
    yes_no = asks_yes_no(question)
    # "How do lighthouse keepers negotiate their salary?" asks how, not how much: no figure
    # need be given for it
    wants_amount = (
        query.wants == "amount"
        and not _ASKS_HOW.match(question)
        # ("Where does the pay data come from?": a source asked, whatever its figures)
        and not asks_origin(query.intent, question)
    )
    if (
        wants_amount
        and query.comparison is None
        and not _price_given(query, passages, matcher.book)
    ):
        # "How much does nurse practitioner school cost?": a price asked, and no passage
        # gives one (a salary is no price)
        return "they give no cost for it"
    if wants_amount and len(query.roles) == 1 and query.comparison is None:
        if not _figure_for(query.roles[0], matcher, passages, yes_no=yes_no):
            return f"they give no figure for {query.roles[0]}"
    if wants_amount and query.comparison is None and not query.followup:
        if query.roles:
            lead = unwritten_modifier(question, query.roles, retriever, embedder)
            if lead:
                return f"they never mention {lead}"
            narrowed = narrowed_role(question, query.roles[0], matcher.book)
            if narrowed and not _figure_for(query.roles[0], matcher, passages, narrowed[1], yes_no):
                return f"they give no figure for {narrowed[0]}"
            level = level_asked(question, query.roles[0])
            if level and not _figure_for(query.roles[0], matcher, passages, {stem(level)}, yes_no):
                # "How much do nurses make at entry level?": a figure for seniors is none
                return f"they give no “{level}” figure for {query.roles[0]}"
        elif asks_pay(question):
            # "How much do flight instructors make?": a subject no library role is
            phrase = paid_subject(question)
            book = retriever.library.roles
            if (
                phrase
                and not _clips_a_role(phrase, book)
                and not names_figure_of(phrase, passages, yes_no)
                # "How much did Ana earn as a waiter?": the byline's narrator says "I earned"
                and not set(map(fold_accents, words(phrase))) <= _author_words(retriever)
            ):
                return f"they give no figure for {phrase}"
    if _ASKS_SPAN.search(question[:1000]) and query.comparison is None and not query.followup:
        # "How many years does it take to become a senior ML engineer?": a span of time asked,
        # none given ("a two-year degree", "four to six months", "decades")
        if not any(_SPAN.search(p.text[:20_000]) for p in passages):
            return "they give no length of time for it"
    counted = people_counted(question, retriever.library.roles)
    if counted and query.comparison is None and not query.followup:
        # "How many AI engineers are there?": a number of them, not their pay or a year
        book = retriever.library.roles
        keys = book.keys(counted)
        if not any(
            _HEADCOUNT.search(_NOT_HEADCOUNT.sub(" ", sentence))
            for p in passages
            for sentence in split_sentences(p.text[:20_000])
            if any(book.keys(r) & keys for r in book.find(sentence))
        ):
            return f"they give no number of {counted}"
    wanted = asked_for(question, query.roles)
    pointed = _pointed_articles(question, wanted, passages, retriever) if wanted else None
    for choices in wanted:
        unmet = [focus_unmet(focus, passages, retriever, embedder) for focus in choices]
        if pointed is not None and not all(unmet):
            # met only by an article the question's other words do not point to: "What's
            # the best laptop for machine learning work?" is not answered by a front-end
            # handbook's laptop, which no machine learning passage is near
            unmet = [
                u
                or focus_unmet(
                    focus, _meeting_within(focus, pointed, passages, retriever), retriever, embedder
                )
                for focus, u in zip(choices, unmet, strict=True)
            ]
        if all(unmet):  # "tools or frameworks": one of them is enough
            return "no passage speaks of " + " or ".join(
                ", ".join(f"“{t}”" for t in u) for u in unmet
            )
    if (
        query.followup
        and query.comparison is None
        and query.inherited
        and asks_of_them(query.question)
    ):
        # A follow-up asking the conversation's roles, as "they", a thing of its own ("What
        # about their stock options?") asks of them what a question naming them would: a
        # word no article writes, nor any close word, is not answered (one asking for what
        # the question before asked for, in other words, may paraphrase it: "What are the
        # upsides then?" after "the downsides of being a PM")
        strange = _unheard_followup(query, passages, retriever, embedder)
        if strange:
            return "they never mention " + ", ".join(strange)
    judged = None
    if query.comparison is None and not query.followup:
        judged = judged_of_role(question, query.roles)
    if judged:
        # "Is being a nurse stressful?": what the role is said to be, judged as a comparison's
        # aspect is (career-lexicon words and their kin are met by what the articles say)
        unmet = aspect_unmet(judged, query.roles, passages, retriever, embedder)
        if unmet:
            return "no passage speaks of " + " or ".join(f"“{t}”" for t in unmet)
    said = []
    if query.comparison is None and not query.followup and len(query.roles) == 1:
        # (the name an article goes by, "What do managers at GitLab do?", chooses the article:
        # its sentences need not write it)
        names = retriever.library.names_gone_by
        said = [w for w in clause_of_role(question, query.roles) if w.lower() not in names]
    if said:
        # "Will AI replace electricians?", "Which companies hire electricians?": a sentence
        # about the role must write the clause's words; "replace circuits" or another role's
        # "wear" does not speak to it
        unmet = clause_unmet(said, query.roles[0], passages, retriever, embedder)
        if unmet:
            words_said = ", ".join(f"“{t}”" for t in said)
            return f"no passage about {query.roles[0]} speaks of {words_said}"
    if query.comparison is not None:
        unmet = aspect_unmet(query.comparison.aspect, query.roles, passages, retriever, embedder)
        if unmet:  # "Which is more stable, X or Y?": no article judges either on that
            return "no passage speaks of " + " or ".join(f"“{t}”" for t in unmet)
    # The background the asker tells of themselves ("I'm a Cardiff graduate. Which path suits
    # me?") is no topic a passage must speak to: only the words of the question proper count.
    asked = set(topic_words(_BACKGROUND.sub(" ", question[:2000])))
    # The narrator a byline names ("What did Tomasz do before?" of a post by Tomasz Nowak) is
    # the article's "I": written nowhere in its text, asked about all the same
    asked -= _author_words(retriever)
    if query.intent == "source":
        # "Who publishes the salary data?": the verb asks for the source, which a reference
        # says by naming it; the data asked about is the topic
        asked = {t for t in asked if not _SOURCE_VERB.fullmatch(t)}
    own = np.array([t in asked for t in matcher.terms], dtype=float)
    weights = matcher.weights * own if own.any() else None
    # (an article's title speaks for its passages: "Data Analytics" in "I Switched From
    # Accounting to Data Analytics" is what its sentences about "data analysts" tell of)
    coverages = [
        matcher.topical_coverage(f"{p.title} {p.section} {p.text}")
        if weights is None
        else matcher.score(f"{p.title} {p.section} {p.text}", weights)
        for p in passages
    ]
    weak_meaning = max(p.dense for p in passages) < MIN_DENSE
    if query.roles and _aspect_covered(query, passages):
        return None  # the role is there and so is the career aspect asked about
    # A follow-up rides on a conversation the articles answered: its own new words (often
    # paraphrases: "upsides" for "pros") alone do not make it unanswerable.
    if (
        coverages[0] is not None
        and max(coverages) < MIN_COVERAGE
        and weak_meaning
        and not query.followup
    ):
        # Only a word the articles could lack decides: "right" or "way" names no topic; nor
        # does the background the asker tells ("I know Python, which should I pick?"), nor a
        # word naming the article as a piece of writing ("the welder guide", "her post").
        if any(
            specificity(t) > EVERYDAY for t in matcher.terms if t in asked and not names_writing(t)
        ):
            return "no passage speaks to " + ", ".join(f"“{t}”" for t in matcher.terms)
    return None
