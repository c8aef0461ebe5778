"""One question, understood: the typed `Query` every later step reads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from knowledge.text import STOPWORDS, content_terms, stem, words

from .lexicon import (
    DAY_TO_DAY_WORD,
    ENTRY_WORD,
    MAKE_PAY,
    PAY_WORD,
    SAYS_DAY_TO_DAY,
    asks_entry_unsaid,
    aspect_named,
)
from .roles import _LEAD_WORDS, GENERIC, RoleBook, _clean_role
from .sides import (
    DOC_NOUN,
    FRAME_NOUNS,
    THE_WRITING,
    syntactic_comparison,
    without_aspect,
    without_frame,
)

Intent = Literal["fact", "comparison", "source", "author", "date", "summary"]
AnswerKind = Literal["amount", "rate", "count", "person"]


class Comparison(BaseModel):
    sides: list[str]
    aspect: str  # what is compared, with the sides taken out ("pays more")


class Query(BaseModel):
    """What a question asks, decided once, before retrieval."""

    question: str  # as the user typed it (cleaned)
    standalone: str  # a follow-up made self-contained (what an LLM is asked)
    text: str  # what retrieval searches: standalone, abbreviations spelled out
    intent: Intent = "fact"
    roles: list[str] = Field(default_factory=list)  # roles it is about, named or inherited
    inherited: list[str] = Field(default_factory=list)  # roles taken from earlier turns
    comparison: Comparison | None = None
    topic: list[str] = Field(default_factory=list)  # its content words, roles taken out
    wants: AnswerKind | None = None  # the kind of answer asked for
    followup: bool = False
    ranking: bool = False  # "which of these roles pays the most?"
    explains: bool = False  # asks why or how come: the answer is a reason, not a table
    # "tell me more" after an answer: the question it continues, read again, with the answers
    # given to it since (their passages are not shown again)
    continues: bool = False
    shown: list[str] = Field(default_factory=list)
    # "the two roles" asked first among several articles that each set two roles side by side,
    # none of which the question's words fit better: the pairs to ask the user to choose from
    pair_choices: list[list[str]] = Field(default_factory=list)
    # the one article such a question was found to be about (its answer keeps to it)
    within: str | None = None

    @property
    def sides(self) -> list[str] | None:
        return self.comparison.sides if self.comparison else None


_VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.I)
_OUT_VERB = re.compile(
    r"\bout-?(earn|number|pac|rank|perform|grow|last|strip|shin)(?=\w{0,4}\b)", re.I
)
# Verbs of doing more than another (general English): "Do welders out-earn plumbers?", "Nurses
# outnumber doctors": one side set against the other as "than" would
_OUTDO = (
    r"out-[a-z]{2,20}|outearn\w{0,3}|outnumber\w{0,3}|outpac\w{0,3}|outrank\w{0,3}"
    r"|outperform\w{0,3}|outgrow\w{0,3}|outlast\w{0,3}|outstrip\w{0,4}|outshin\w{0,3}"
)
_CUES = re.compile(
    r"\b(vs\.?|versus|compare[ds]?|comparison|comparing|differen(?:ce|ces|t)|differ|better|worse|"
    r"more|less|fewer|higher|lower|bigger|than|or|both|between|each|either|as much as|as well as|"
    r"most|least|easier|harder|separates?|distinguish\w*|apart|similar\w*|alike|same|equal\w*|"
    r"equivalent|in\s{1,3}common|" + _OUTDO + r")\b",
    re.I,
)
# The words that make a question a comparison without saying what is compared.
_STRUCTURE = re.compile(
    r"(vs\.?|versus|compare[ds]?|comparison|comparing|differen(?:ce|ces|t)|differ|or|both|"
    r"between|each|either|than|more|less|fewer|most|least|better|worse)",
    re.I,
)
_PAIR_REF = re.compile(
    r"\b(the two|both|these two|the roles|each role|either role|either one|the two roles|these roles)\b",
    re.I,
)
_EXPLICIT = re.compile(r"\b(than|compar\w*|differ\w*|vs\.?|versus|between|other)\b", re.I)
# (general English comparatives: "Which role needs stronger math?", "Which path is safer?")
_RANKING = re.compile(
    r"\b(more|less|fewer|better|worse|higher|lower|most|least|best|easier|harder|stronger|weaker"
    r"|greater|longer|shorter|tougher|deeper|faster|slower|safer|riskier|busier|steadier"
    r"|smaller|wider|closer|nearer)\b",
    re.I,
)
_SUPERLATIVE = re.compile(
    r"\b(most|least|best|worst|highest|lowest|fastest|slowest|biggest|largest|strongest)\b", re.I
)
_WHICH = re.compile(r"\b(which|who)\b", re.I)
# "What's the highest paying job ...?", "What is the best paid career ...?": "which" asked with
# "what ... the" before the superlative (general English, bounded)
_WHAT_THE_MOST = re.compile(
    r"\bwhat(?:'s|’s|\s{1,3}is|\s{1,3}are|\s{1,3}was)\s{1,3}the\s{1,3}(?:[\w-]{1,30}\s{1,3}){0,2}?"
    r"(?:most|least|best|worst|highest|lowest|biggest|largest)\b",
    re.I,
)
_CONNECTED = re.compile(
    r"\s*[,:;]?\s*(and|or|vs\.?|versus|&|/|compared (to|with)|with|to|against|over|instead of)?"
    r"\s*(an?|the)?\s*",
    re.I,
)
# The data a figure comes from, as the object of a verb ("compiled the salary data", "provides
# these figures"): a source asked for, not an author (bounded: linear)
_DATA_OBJECT = (
    r"(?:(?:the|these|those|that|this|its|their)\s{1,3})?(?:[\w-]{1,30}\s{1,3}){0,3}?"
    r"(?:data|figures?|numbers?|stat(?:s|istics?)|estimates?|surveys?)\b"
)
_AUTHOR = re.compile(
    # ("Who prepared the report?", "Who compiled this guide?": past tense, a document's making;
    # an interview's author: "Who conducted the interview?", "Who interviewed her?")
    r"\b(who (wrote|writes|authored|(?:prepared|compiled)(?!\s{1,3}" + _DATA_OBJECT + r")"
    r"|is the author|are the authors"
    r"|interviewed|(?:conducted|did) (?:the|this|that) interview"
    # ("Who maintains this guide?": a community guide's keeper; "who maintains the servers"
    # asks of a role)
    r"|(?:maintains|maintained|edits|edited|curates|curated|keeps) (?:the|this|that|its) "
    r"(?:[\w-]{1,30} ){0,6}?(?:guide|article|roadmap|list|page|document|handbook|post|readme"
    r"|repo|repository|wiki))|author"
    r"|(?:the|its|their) authors"
    r"|written by|maintained by|whose article"
    # ("When was the guide published and by whom?", "By whom was it written?": a document's
    # making, asked by "whom"; "By whom are apprentices supervised?" asks of a role)
    r"|(?:written|published|posted|prepared|compiled|authored)(?:,? [\w'-]{1,30}){0,3},? by whom"
    r"|by whom (?:was|were|is) (?:[\w'-]{1,30} ){0,8}?"
    r"(?:written|published|posted|prepared|compiled|authored)"
    r"|byline)\b",
    re.I,
)
# "Why does the author dislike ...", "According to the author, ...", "What does the author
# recommend?": the author as the one who says something, a question about what is said
_AUTHOR_SAYS = re.compile(
    r"\b(?:does|did|do|would|will|can|could|according\s+to|per)\s+(?:the|this|its|the\s+article'?s?)"
    r"\s+author\b"
    r"|\bauthors?(?:'s|’s)?\s+(?:says?|said|thinks?|believes?|recommends?|argues?|suggests?|feels?"
    r"|means?|claims?|advises?|views?|opinion|advice|point|reasons?|take)\b",
    re.I,
)
# What names a piece of writing (sides.DOC_NOUN): "the 18F engineer article", "his post".
_DOC_NOUN = DOC_NOUN
_WRITING = re.compile(rf"{_DOC_NOUN}s?", re.I)


def names_writing(word: str) -> bool:
    """A word that names a piece of writing ("guide", "posts", "cookbook"), not its topic."""
    return bool(_WRITING.fullmatch(word))


_W = r"[\w'’.&+-]{1,40}\s+"  # one word and the space after it (bounded: linear)
# "when", or asked of the date itself: "What date was this article published?", "In what year
# was it written?" (general English)
_WHEN = r"(?:when|(?:on |in )?what (?:date|year|day|month))"
_DATE = re.compile(
    rf"\b({_WHEN} (was|were|did) (it|this|the article|the post|that|they)\b.{{0,30}}\b(publish\w*|writ\w*|post\w*|releas\w*|updat\w*|come out)|publication date|date of publication|publish(ed)? (date|on|in))"
    # "When was the <any words> article written?", "When did <Name> publish his post ...?"
    rf"|\b{_WHEN} (?:was|were|is) (?:the|this|that|his|her|their|an?) (?:{_W}){{0,6}}?{_DOC_NOUN}s?"
    r"\s+(?:(?:first|last)\s+)?(?:publish\w*|writ\w*|post\w*|releas\w*|updat\w*|put out|come out)"
    rf"|\bwhen did (?:{_W}){{1,4}}?(?:publish|write|post|release|update|put out)\s+"
    rf"(?:the|this|that|his|her|their|an?)\s+(?:{_W}){{0,4}}?{_DOC_NOUN}s?\b",
    re.I,
)
# General English stems of the verbs that make data known ("publishes", "provided",
# "compiles"): asked with "who", they ask for a source (see also evidence._SOURCE_VERB)
MAKES_KNOWN = "publish|provid|compil|collect|produc|gather|suppl|releas"
# ("if I come from nursing" tells where the asker comes from: no source asked)
_SOURCE_Q = re.compile(
    # ("what should I study", "to study": the verb of learning, no study cited)
    r"\b(source|sources|cite[sd]?|citation|reference[sd]?|reports?|reported"
    r"|(?<!\bi )(?<!\bto )(?<!\bwe )(?<!\byou )(?:study|studies)|data|according"
    r"|(?<!\bI )(?<!\bwe )(?<!\byou )come from|link|url|who says|says who|based on)\b"
    # "Where's that from?": where a thing the conversation said comes from
    r"|\bwhere(?:'s|’s|\s{1,3}(?:is|was|does|did))\s{1,3}(?:that|this|it)\s{1,3}(?:\w{1,20}\s{1,3})?from\b"
    # "Who provides the salary figures?": who makes the data known
    rf"|\bwho\s{{1,3}}(?:{MAKES_KNOWN})\w{{0,4}}\s{{1,3}}" + _DATA_OBJECT,
    re.I,
)


def asks_a_source(question: str) -> bool:
    """The question asks where something comes from or who says it ("Says who?", "What's the
    source for that?", "Where's that from?")."""
    return bool(_SOURCE_Q.search(question[:1000]))


def source_words_only(topic: list[str]) -> bool:
    """Every word of a topic asks for a source ("source", "reference"): no topic of its own."""
    return all(_SOURCE_Q.fullmatch(w) for w in topic)


# "How much time / effort / experience ...": a quantity of something that is not money
_NOT_MONEY = r"(?:time|effort|experience|work|practice|study|studying)\b"
_AMOUNT_Q = re.compile(
    # ("pay for a course" is spending, not pay)
    rf"\bhow much\b(?!\s+of\b)(?!\s+{_NOT_MONEY})|\b(pay|pays|paid)\b(?!\s+for\b)"
    r"|\b(salary|salaries|earn\w*|compensation|income|wage\w*)\b"
    # "the highest paying job", "best-paying": pay, as an adjective
    r"|\b(?:highest|best|top|well|better|lowest|worst|most)[\s-]{1,3}paying\b",
    re.I,
)
_RATE_Q = re.compile(r"\bhow (fast|quickly)\b|\bgrow\w*\b|\bdemand\b|\brank\w*\b", re.I)
# "how much of their time": a share, not money
_COUNT_Q = re.compile(
    rf"\bhow many\b|\bwhat percentage\b|\bhow long\b|\bhow much (?:of\b|{_NOT_MONEY})", re.I
)


_WHY = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(why|how come|what makes"
    r"|what (?:causes|caused|explains|drives|accounts for)|what(?:'s|’s| is) (?:behind|the reason)"
    r"|for what reason)\b",
    re.I,
)
# "Where does the gap come from?": asks for a cause (bounded: linear)
# ("Where does that number come from?" asks for a source: a figure, data, a claim)
_COMES_FROM = re.compile(
    r"^\s*(?:and\s+|so\s+)?where (?:does|do|did)"
    r"(?!.{0,60}\b(?:numbers?|figures?|stats?|statistics?|data|claims?|quotes?|info|information"
    r"|estimates?|sources?)\b) .{1,120}? come from\b",
    re.I,
)


def asks_why(question: str) -> bool:
    return bool(_WHY.search(question) or _COMES_FROM.search(question))


# "Are bootcamps quick?", "Is a degree slow to finish?": how long something takes
_DURATION_Q = re.compile(r"\b(?:quick|quicker|quickest|slow|slower|slowest|lengthy)\b", re.I)


# "Who was interviewed?", "Who is the interview with?", "Who are the speakers?": the answer
# names people (General English; bounded: linear)
_PERSON_Q = re.compile(
    r"^\s*(?:and\s+|so\s+)?who(?:'s|’s|\s+(?:is|are|was|were|did|does|do))?\b[^?.!]{0,60}?"
    r"\b(?:interview\w{0,4}|featured|profiled|quoted|speakers?|panel\w{0,4}|guests?"
    r"|talk(?:ed)?\s+to|spoke\s+to|spoken\s+to)\b",
    re.I,
)


def answer_kind(question: str) -> AnswerKind | None:
    if _PERSON_Q.search(question[:300]):
        return "person"
    if _AMOUNT_Q.search(question):
        return "amount"
    if _COUNT_Q.search(question):
        return "count"
    if _DURATION_Q.search(question) and not _RATE_Q.search(question):
        return "count"  # a time span
    if _RATE_Q.search(question):
        return "rate"
    return None


_SET_AGAINST = re.compile(
    r"\b(differ\w*|compared?|versus|vs\.?|unlike|than|like|similar|same|equal\w*|equivalent|"
    + _OUTDO
    + r")\b",
    re.I,
)


# "What does a staff engineer do that a team lead doesn't?", "What do nurses know that aides
# don't?": what one side does and the other does not, asked by a negated auxiliary closing the
# question (General English; bounded, so linear in time)
_NOT_THE_OTHER = re.compile(
    r"\b(?:[a-z]{2,6}n['’]t|cannot|(?:does|do|did|is|are|can)\s{1,3}not)"
    r"(?:\s{1,3}(?:do|have|get|need|know))?\s{0,3}[?.!]?\s{0,3}$",
    re.I,
)
# ... and the words between its two sides: "do that a", "know that", "handle that the"
_ONE_NOT_OTHER = re.compile(
    r"\s{0,3}(?:[\w-]{1,30}\s{1,3}){0,3}?that\s{1,3}(?:an?\s{1,3}|the\s{1,3})?", re.I
)
# A negated auxiliary ("doesn't", "can't") is a function word, never a topic
_NEGATED = re.compile(r"[a-z]{2,6}n['’]t|cannot", re.I)


def one_not_other(question: str) -> bool:
    """Whether a question asks what one side does that the other does not."""
    return bool(_NOT_THE_OTHER.search(question[-60:]))


def connected(question: str, first: str, second: str) -> bool:
    """Whether two role mentions are the two sides of one comparison ("X or Y", "X earns more
    than Y"), not a role and something else ("Is X closer to research or Y?")."""
    low = question.lower()
    a, b = low.find(first.lower()), low.find(second.lower())
    if a < 0 or b < 0:
        return True  # found through a shared head noun: "AI and ML engineers"
    if b < a:
        a, b, first = b, a, second
    between = question[a + len(first) : b]
    if _CONNECTED.fullmatch(between):
        return True
    if _ONE_NOT_OTHER.fullmatch(between) and one_not_other(question[b:]):
        return True  # "X do that Y doesn't"
    if len(between.split()) <= 6 and _SET_AGAINST.search(between):
        return True  # "X's job is different from Y's", "X compared with Y"
    return len(between.split()) <= 5 and bool(
        re.search(r"\b\w+ than\b|\bas \w+ as\b", between, re.I)
    )


def _vs_sides(q: str) -> list[str]:
    """The two sides of "X vs Y" even when neither is a known role ("Frontend vs backend")."""
    parts = _VS.split(q.rstrip("?"))
    if len(parts) != 2:
        return []
    # (a dash between spaces ends a side as a comma does: "X vs Y - which ...")
    left = re.split(r"[:,]|\s[-–—]{1,2}\s|\b(?:is|are|between|compare|of)\b", parts[0], flags=re.I)[
        -1
    ]
    right = re.split(
        r"[:,?]|\s[-–—]{1,2}(?:\s|$)|\b(?:which|who|in|for|when|regarding|what|how)\b",
        parts[1],
        flags=re.I,
    )[0]
    sides = [without_aspect(_clean_role(left.strip())), without_aspect(_clean_role(right.strip()))]
    return [s for s in sides if s and len(s.split()) <= 4]


MAX_SIDES = 3  # a table of more columns does not fit a phone's width


def detect_comparison(
    q: str, book: RoleBook, default_pair: list[str] | None
) -> tuple[Comparison | None, list[str]]:
    """The comparison a question asks for, and every role it names."""
    named = [r for r in book.find(q) if not _chosen_for(q, r)]
    # "I'm a ward clerk who likes routines - charge nurse or pastry chef?": the asker's own
    # job is no side when two others remain
    asked = [r for r in named if not self_described(q, r)]
    # "Which job involves more software engineering?": a role's field after "more" is what
    # is measured, not a side
    measured = [r for r in named if _MEASURED.search(q.replace(r, "\0", 1))]
    if len(named) == 1 and measured:
        named = []
    pool = asked if len(asked) >= 2 else named
    sides = pool[:2]
    if len(sides) == 2 and not connected(q, sides[0], sides[1]):
        sides = sides[:1]
    elif len(sides) == 2:
        # "X, Y and Z", "X vs Y vs Z": more roles in the same list are sides too
        for extra in pool[2:MAX_SIDES]:
            if not connected(q, sides[-1], extra) or any(book.one_role(extra, s) for s in sides):
                break
            sides.append(extra)
    if len(sides) < 2:
        vs = _vs_sides(q)
        if len(vs) == 2:
            sides = vs
    if len(sides) < 2:
        syntax = _phrase_sides(q, book, named)
        if syntax:
            sides = syntax
    cue = bool(_CUES.search(q)) or one_not_other(q)
    if len(sides) >= 2 and not book.one_role(sides[0], sides[1]) and cue:
        return Comparison(sides=sides, aspect=_aspect(q, sides, book)), named
    # "the two roles" means an article's own pair only when the question names no role.
    # (a comparative adjective is cue enough here, and stays in the aspect: "Which role is
    # safer for your back?" compares the pair on being safer)
    # "the pros and cons of each path", "the two roles' skills": the pair pointed at, whatever
    # is asked of it, is compared
    pointed = points_at_pair(q)
    if default_pair and (cue or _RANKING.search(q) or pointed) and not named:
        explicit, ranking, which = _EXPLICIT.search(q), _RANKING.search(q), _WHICH.search(q)
        if _PAIR_REF.search(q) and (explicit or ranking or which) or (which and ranking) or pointed:
            return Comparison(
                sides=list(default_pair), aspect=_aspect(q, default_pair, book, keep=measured)
            ), named
    return None, named


# a role (marked \0) as the thing measured: "more \0", "less of the \0" ("Which job involves
# more software engineering?" compares jobs on it)
_MEASURED = re.compile(r"\b(?:more|less|fewer)\s{1,4}(?:of\s{1,4}(?:the\s{1,4})?)?\0", re.I)


# "Which is better for a backend developer who ...?": the one a choice is asked for
_AUDIENCE_LEAD = re.compile(
    r"^\s{0,3}(?:and\s+|so\s+)?which\b[^?]{0,60}\b(?:better|best|easier|harder|right|suited"
    r"|suitable|wiser|smarter)\s{1,3}for\s{1,3}(?:someone\s{1,3}(?:like|who\s{1,3}is)\s{1,3})?"
    r"(?:an?\s{1,3}|the\s{1,3})?(?:[\w-]{1,30}\s{1,3}){0,2}$",
    re.I,
)


def chosen_for(question: str, at: int) -> bool:
    """The words at `at` name the one a choice is asked for ("Which is better for a backend
    developer who ...?"), no side of it."""
    return at <= 200 and bool(_AUDIENCE_LEAD.search(question[:at]))


# "I'm a", "I am an", "I work as a", "I've been a", "as a" + up to two words before the role
_SELF_LEAD = re.compile(
    r"(?:\bi'?m|\bi am|\bi work as|\bi'?ve been|\bi have been|\bi was|^as|[.,;:]\s{0,3}as)"
    r"\s{1,3}(?:an?\s{1,3}|the\s{1,3})?(?:[\w-]{1,30}\s{1,3}){0,2}$",
    re.I,
)


def self_described(question: str, role: str) -> bool:
    """The question names the role only as the asker's own job ("I'm a sysadmin", "As a
    teacher, ..."), or as the one a choice is for ("Which is better for a backend developer
    who wants ...?"), never as what it asks about."""
    low, name = question.lower().replace("’", "'"), role.lower()
    found = [m.start() for m in re.finditer(re.escape(name), low)]
    return bool(found) and all(
        _SELF_LEAD.search(low[max(0, at - 60) : at]) or chosen_for(low, at) for at in found
    )


def _chosen_for(question: str, role: str) -> bool:
    at = question.lower().find(role.lower())
    return at >= 0 and chosen_for(question, at)


# General English indefinite pronouns: "anything else", "everything", "someone" name no side
_INDEFINITE = re.compile(
    r"^\s*(?:any|every|some|no)(?:thing|one|body|where)\b|^\s*nothing\b|^\s*all\s+else\b", re.I
)


# General English adverbs of where something holds: "for the US or globally?" asks how far a
# figure reaches, and sets no second thing against the first
_SCOPE = re.compile(
    r"(?:globally|worldwide|internationally|nationally|nationwide|locally|regionally|abroad"
    r"|overseas|domestically|everywhere|elsewhere)",
    re.I,
)


# the owner right before a possessed side marked \0: "a barista's \0"
_OWNER = re.compile(r"([\w-]{1,30})['’]s?\s{1,4}\0")


# A verb of the passive written between a side and its comparative ("Is a staff engineer paid
# more than ...", "Are nurses valued less than ..."): a past participle, regular or one of
# general English's irregular ones
_VERB_TAIL = re.compile(
    r"\s+(?:[a-z]{2,30}ed|paid|made|seen|known|thought|held|given|taken|chosen)$", re.I
)


# A subject and the verb of its comparative in the progressive ("Are dental hygienist jobs
# growing faster than ...", "Are welders working longer hours than ..."): an "-ing" word after a
# frame noun or a plural agent noun is its verb. After another word it may be the side itself
# ("software engineering", "systems engineering").
_ING_TAIL = re.compile(r"[a-z]{2,30}ing", re.I)
_PLURAL_PERSON = re.compile(r"[a-z]{2,30}(?:er|or|ist|ian)s", re.I)


def _without_verb_tail(phrase: str) -> str:
    if len(phrase.split()) <= 1:
        return phrase
    phrase = _VERB_TAIL.sub("", phrase)
    toks = phrase.split()
    if (
        len(toks) > 1
        and _ING_TAIL.fullmatch(toks[-1])
        and (toks[-2].lower() in FRAME_NOUNS or _PLURAL_PERSON.fullmatch(toks[-2]))
    ):
        phrase = " ".join(toks[:-1])
    return phrase


def _phrase_sides(q: str, book: RoleBook, named: list[str]) -> list[str]:
    """Sides the question's syntax sets against each other ("a CS degree or a bootcamp"), each
    the library's role when the phrase is one. A role named outside both phrases is what the
    question is about ("Is X closer to research or to Y?"), so the phrases are not its sides."""
    phrases, connective = ([], "") if _PAIR_REF.search(q) else syntactic_comparison(q)
    if len(phrases) != 2:
        return []
    if any(_INDEFINITE.match(p) for p in phrases):
        return []  # "salary more than anything else": nothing in particular is set against it
    if any(_SCOPE.fullmatch(p.strip()) for p in phrases):
        return []  # "Is the figure for the US or worldwide?": where it holds, no side
    sides = []
    # A frame both sides share ("the engineering track ... the analysis track") is no part of
    # either; a frame on one side goes only where a role remains ("alternative route" stays).
    phrases = [_without_verb_tail(p) for p in phrases]
    shared = len({p.split()[-1].lower() for p in phrases}) == 1
    wholes = []
    for phrase in phrases:
        bare = without_frame(phrase)
        if bare != phrase and (shared or book.find(bare)):
            phrase = bare  # "the staff engineer track": the role, not its track
        roles = book.find(phrase)
        whole = len(roles) == 1 and len(roles[0].split()) >= len(phrase.split())
        wholes.append(whole)
        sides.append(roles[0] if whole else phrase)
    if connective == "or" and not any(wholes):
        # "Is the figure for nurses base pay or overtime?": a role inside one phrase with more
        # words after it, and none in the other, is what both are asked of, no side
        if sum(bool(book.find(p)) for p in sides) == 1:
            return []
    for i in (0, 1):
        # "a barista's pay compared with a chef": against a role, the owner is the side
        owner = _OWNER.search(q[:1000].replace(sides[i], "\0", 1)) if sides[i] else None
        if owner and sides[1 - i] in named and not book.find(sides[i]):
            sides[i] = owner.group(1)
    for role in named if connective == "or" else ():
        # Only "or" joins complements of another subject; "X better than Y", "between X and
        # Y" name their sides outright ("For a <role> job, is X better than Y?").
        inside = any(book.same(role, s) or role.lower() in s.lower() for s in sides)
        if not inside:
            return []
    if book.one_role(sides[0], sides[1]):
        return []
    return sides


def refers_to_pair(question: str) -> bool:
    """ "Compare the two roles", "Which of these roles pays more?": a pair the question does
    not name."""
    q = question
    explicit, ranking, which = _EXPLICIT.search(q), _RANKING.search(q), _WHICH.search(q)
    return bool(_PAIR_REF.search(q) and (explicit or ranking or which))


# The nouns a pair of roles is pointed at by ("the two roles", "both professions"; general
# English)
PAIR_NOUNS = r"(?:roles|jobs|positions|careers|paths|tracks|professions|occupations|trades)"
# "both professions", "the two roles": the pair an article compares
BOTH_OF_PAIR = re.compile(rf"\b(?:both|the two|these two) {PAIR_NOUNS}\b", re.I)
# "With experience, both can progress to ...": "both" standing for the pair, the subject of
# its verb (an auxiliary or modal right after it; "both X and Y" names its two)
BOTH_ALONE = re.compile(
    r"\b(?:both|the two)\s{1,3}(?:can|could|may|might|must|will|would|should|shall|are|were"
    r"|have|had|need|do|did)\b",
    re.I,
)
# "both of these jobs", "the two roles": a pair pointed at, whatever is asked of it
_THESE_TWO = re.compile(
    r"\b(?:both\s{1,3}(?:of\s{1,3})?(?:these|those|the)|(?:these|those|the)\s{1,3}two)\s{1,3}"
    rf"{PAIR_NOUNS}\b",
    re.I,
)


# "each path", "each of the two roles": every one of a pair pointed at (general English)
_EACH_OF_PAIR = re.compile(
    r"\beach\s{1,3}(?:of\s{1,3}(?:these|those|the)\s{1,3}(?:two\s{1,3})?"
    rf"{PAIR_NOUNS}|(?:role|job|position|career|path|track|profession|occupation|trade)\b)",
    re.I,
)


def points_at_pair(question: str) -> bool:
    """ "both roles", "the two paths", "each of these jobs", "each path": a pair of roles
    pointed at, not named."""
    q = question[:1000]
    return bool(BOTH_OF_PAIR.search(q) or _THESE_TWO.search(q) or _EACH_OF_PAIR.search(q))


# "which of these careers is right for me": a choice among roles pointed at, not named
_WHICH_OF_THESE = re.compile(
    rf"\bwhich\s{{1,3}}of\s{{1,3}}(?:these|those|the)\s{{1,3}}(?:two\s{{1,3}})?{PAIR_NOUNS}\b",
    re.I,
)


def asks_of_a_pair(question: str) -> bool:
    """A question that, asked of one article setting two roles side by side, compares that
    pair without naming it: "the two roles" asked as a comparison, or "Which pays more?" ("which"
    with a comparative: one of two). "Which role pays the most?" ranks every role."""
    q = question[:1000]
    if refers_to_pair(q) or _WHICH_OF_THESE.search(q) or points_at_pair(q):
        return True
    return bool(_WHICH.search(q) and _RANKING.search(q) and not _SUPERLATIVE.search(q))


# A clause with no relative pronoun after a noun: "(the calls) they join", "(the shifts) that
# you work".
_RELATIVE = re.compile(
    r"(?:(?:that|which|who|whom)\s{1,4})?(?:they|you|we|i|he|she)\s{1,4}[\w'’-]{1,30}"
)


# Verbs of choosing frame a comparison ("Should I pick X or Y?"); they name no topic of it. So
# do verbs of letting ("Which path lets me ship products faster?": shipping is the topic) and
# of suiting and liking ("Which job suits someone who likes cooking?": cooking is).
_DECIDE = frozenset(
    "pick picking choose choosing chose select selecting pursue pursuing prefer opt go going "
    "decide deciding consider considering let lets allow allows enable enables "
    "suit suits suited fit fits like likes liked love loves loved enjoy enjoys enjoyed "
    "hate hates hated dislike dislikes".split()
)


# "How long does it take?": "how long" / "how often" is a question's form (a span of time, see
# answer_kind), not a word of its topic (bounded: linear)
HOW_ADVERB = re.compile(r"\bhow\s{1,3}(?:long|often)\b", re.I)
_TAKES = frozenset("take takes took taking".split())
# "Which role deals more with LLMs?", "Who works less on models?": a verb whose object follows
# a preposition says how the thing is met; the object is what is compared (bounded: linear)
_VERB_ON = re.compile(
    r"\b([a-z]{2,30})\s{1,4}(?:more|less|most|least)\s{1,4}(?:with|on|in|at|about|for)\s{1,4}"
    r"(?=[\w$])",
    re.I,
)


_LIKES_WORKING = re.compile(
    r"\b(?:(?:someone|somebody|anyone|a\s{1,3}person|people)\s{1,3}(?:who|that)\s{1,3})?"
    r"(?:likes?|loves?|enjoys?|prefers?)\s{1,3}work(?:ing)?(?=\s{1,3}(?:with|on)\b)",
    re.I,
)
_IN_COMMON = re.compile(r"\b(?:have|has|had|share|shares)?\s{0,3}in\s{1,3}common\b", re.I)


# Words for how big or how central a difference is (general English), before the noun
_DIFFERENCE_DEGREE = re.compile(
    r"\b(?:(?:most|single|one)\s{1,3})?(?:biggest|largest|greatest|main|key|major|primary"
    r"|principal|chief|core|fundamental|important|significant|notable|real|actual|big|huge"
    r"|crucial|basic|obvious|clearest|only)\s{1,3}(?=(?:differences?|distinctions?|contrasts?)\b)",
    re.I,
)


def _aspect(question: str, sides: list[str], book: RoleBook, keep=()) -> str:
    """The words of a comparison that say what is compared; `keep`: roles the question names
    as what is measured ("more software engineering"), which stay."""
    side_words = {w for side in sides for w in words(side)}
    # "How long does it take to become X compared to Y?": the time getting in takes (entry),
    # not "long take" ("how long" is the question's form, "take" its verb)
    entry = asks_entry_unsaid(question, set())
    text = HOW_ADVERB.sub(" ", question)
    # "What do X and Y have in common?": what they share, asked in general ("common" in "less
    # common skills" is a topic; "in common" only says the question compares)
    text = _IN_COMMON.sub(" ", text)
    # "someone who likes working with numbers": what they like working with is the topic
    # ("numbers"); the person and "working" are how the liking is said
    text = _LIKES_WORKING.sub(" ", text)
    # "Do welders out-earn plumbers?" compares earnings: the verb without its "out"
    text = _OUT_VERB.sub(r"\1", text)
    # "What's the biggest difference between X and Y?": how big a difference is asked for
    # says nothing of what differs
    text = _DIFFERENCE_DEGREE.sub(" ", text)
    for side in sides:
        # Who owns a side ("an engineer's technical work") and a clause saying what they do
        # with it ("the calls they join") describe the side; neither is what is compared.
        side_re = re.escape(side).replace(r"\ ", r"\s{1,4}")  # bounded: linear time
        text = re.sub(
            rf"(?:[\w-]{{1,30}}\s{{1,4}})?[\w-]{{1,30}}['’]s?\s{{1,4}}(?={side_re}\b)",
            " ",
            text,
            flags=re.I,
        )
        text = re.sub(rf"\b({side_re})\s{{1,4}}{_RELATIVE.pattern}", r"\1 ", text, flags=re.I)
    for r in book.find(question):
        if r in keep:
            continue
        # the whole word: "AI engineer" out of "AI engineering" leaves no "ing"
        text = re.sub(re.escape(r) + r"\w{0,4}", " ", text)
    terms = [
        w
        for w in re.findall(r"[\w$][\w$']*", text.lower())
        if w not in _LEAD_WORDS
        and w not in STOPWORDS
        and w.split("'")[0] not in STOPWORDS  # "i'm", "you're", "that's"
        and not _NEGATED.fullmatch(w)
        and w not in side_words
        and w.removesuffix("'s") not in side_words  # "a pastry chef's": the side, owning
        and w not in GENERIC
        and w not in FRAME_NOUNS
        and w not in _DECIDE
        # a comparative that names a career aspect ("easier" to get into) is the topic
        and (not _CUES.fullmatch(w) or aspect_named({stem(w)}))
        # "Which takes longer?", "takes X-rays": a light verb, never what is compared
        and w not in _TAKES
    ]
    verbs = {m[1].lower() for m in _VERB_ON.finditer(text[:1000])}
    verbs = {v for v in verbs if not aspect_named({stem(v)})}  # "earns more on ...": pay
    if verbs and any(w not in verbs for w in terms):
        terms = [w for w in terms if w not in verbs]
    if entry and not aspect_named({stem(w) for w in terms}):
        terms.append(ENTRY_WORD)
    if MAKE_PAY.search(question[:1000]):
        # "How much do X make compared with Y?": what they make is their pay
        terms = [PAY_WORD if stem(w) == stem("make") else w for w in terms]
    return " ".join(terms)


# "How does the article describe ...", "Does this guide talk about ...", "the data the article
# uses": the verb of the text as subject says what is asked of it, no topic (general English)
_TEXT_SAYS = re.compile(
    rf"{THE_WRITING.pattern}\s+(?:ever\s+|also\s+|really\s+)?(describes?|described|explains?"
    r"|says?|talks?|mentions?|discuss(?:es)?|covers?|puts?|defines?|presents?|portrays?"
    r"|characteri[sz]es?|addresses|touch(?:es)?|go(?:es)?|gets?|includes?"
    r"|uses?|used|cites?|cited|quotes?|quoted|rel(?:y|ies|ied)|draws?|drew)\b",
    re.I,
)


def text_verbs(text: str) -> set[str]:
    """The verbs a question gives the text itself as subject ("the figures the article
    uses" -> {"uses"}): what is asked of the writing, never a topic a passage must meet."""
    return {m.group(1).lower() for m in _TEXT_SAYS.finditer(text[:1000])}


# General English: adverbs that set a question beside the one before ("What about nurses
# instead?", "and teachers, likewise?", "What else do they do?"), asking nothing of their own.
_IN_PLACE = frozenset("instead either rather likewise similarly else".split())


def topic_of(text: str, roles: list[str]) -> list[str]:
    """The words of a question that are neither function words nor the roles it names, nor
    the verb it asks of the text ("describe" in "How does the article describe X?")."""
    role_words = {w for r in roles for w in words(r)}
    said = text_verbs(text)
    topic = [
        w
        for w in dict.fromkeys(words(text))
        if w not in STOPWORDS
        and w not in _LEAD_WORDS
        and w not in role_words
        # (a side, owning: "the engineer's meetings" are the meetings)
        and re.sub(r"['’]s?$", "", w) not in role_words
        and w not in GENERIC
        and w not in said
        and w not in _IN_PLACE
        and not _NEGATED.fullmatch(w)
    ]
    if "day" in topic and SAYS_DAY_TO_DAY.search(text[:1000]):
        # one topic, carried whole to a follow-up: "(day)" alone would be any day
        topic[topic.index("day")] = DAY_TO_DAY_WORD
    if asks_entry_unsaid(text, {stem(w) for w in topic}):
        topic.append(ENTRY_WORD)  # "How did he get that job?" asks how one gets in
    return topic


# "Who wrote it and when?": a question about the author that asks for the date too
_ALSO_WHEN = re.compile(
    r"\b(?:and|&)\s+(?:when|what date|on what date|what year|in what year)\b|\bwhen\s+(?:was|were|did)\b"
    r"|\bpublication date\b",
    re.I,
)


def asks_date_too(question: str) -> bool:
    return bool(_ALSO_WHEN.search(question) or _DATE.search(question))


# A message that asks nothing of the articles: a greeting, thanks, "who are you?" (General
# English; the whole message, at most a few such phrases)
_SMALL_TALK = re.compile(
    r"^\W{0,8}(?:(?:hi|hello|hey|hiya|yo|good\s{1,3}(?:morning|afternoon|evening|day)|thanks"
    r"|thank\s{1,3}you(?:\s{1,3}(?:so|very)\s{1,3}much)?|thx|ty|cheers|bye|goodbye|see\s{1,3}you"
    r"|ok(?:ay)?|cool|great|nice|awesome|perfect|got\s{1,3}it|who\s{1,3}are\s{1,3}you"
    r"|what\s{1,3}are\s{1,3}you|what\s{1,3}can\s{1,3}you\s{1,3}do|how\s{1,3}are\s{1,3}you"
    r"|help|there)\W{0,8}){1,4}$",
    re.I,
)


def asks_nothing(question: str) -> bool:
    """The message asks nothing of the articles ("thanks!", "hi there", "who are you?")."""
    return bool(_SMALL_TALK.match(question[:200]))


def asks_about_the_article(question: str) -> bool:
    """ "Who wrote it?", "When was it published?": about the article, not its subject."""
    return bool(
        (_AUTHOR.search(question) and not _AUTHOR_SAYS.search(question)) or _DATE.search(question)
    )


def _without_roles(question: str, roles: list[str]) -> str:
    """The question with the roles it names taken out: "data" in "data analyst" asks for no
    data source."""
    for role in roles:
        question = re.sub(re.escape(role), " ", question, flags=re.I)
    return question


# A request for an article's gist (general English): "Summarize the article", "tl;dr?",
# "What's the main takeaway?", "What are the key points?", "the bottom line", "in a nutshell"
_SUMMARY = re.compile(
    r"\b(?:summar(?:y|ies|ize|ized|ise|ised)|tl\s{0,2};?\s{0,2}dr|gist|take-?aways?|recap"
    r"|in\s+a\s+nutshell|bottom\s+line|sum\s+(?:it\s+|this\s+)?up|conclusions?|conclude[sd]?"
    r"|(?:main|key|central|big|core)\s+(?:points?|ideas?|messages?|lessons?|arguments?|thesis))\b",
    re.I,
)
# "What is this article about?", "Tell me about the post": "about" ends the question, or the
# text it names does
_ABOUT_END = re.compile(
    rf"\babout(?:\s+{THE_WRITING.pattern})?\s{{0,3}}[?.!]{{0,3}}\s{{0,3}}$", re.I
)
# The words a summary request wraps its cue in; any other word gives it a topic of its own
# ("What's the bottom line on pay?" asks about pay)
SUMMARY_WORDS = frozenset(
    """summary summaries summarize summarized summarise summarised tl dr gist takeaway takeaways
    take away aways recap nutshell bottom line sum up conclusion conclusions main key central big
    core point points idea ideas message messages lesson lessons argument arguments thesis give
    quick short brief overall me us please could can you just whole entire its it's whats
    author authors writer makes make made argue argues all conclude concludes concluded tell""".split()
)


def asks_for_summary(question: str, titles: Iterable[str] = ()) -> bool:
    """ "tl;dr?", "What's the main takeaway of the article?", "Summarize the nursing guide":
    the gist of an article asked, with no topic of its own: any other word names a topic ("the
    bottom line on pay"), unless the question names a piece of writing and the word is one of
    an article's `titles`."""
    q = question[:300]
    if not (_SUMMARY.search(q) or _ABOUT_END.search(q)):
        return False
    found = re.findall(r"[a-z]+", q.lower())
    rest = {
        w
        for w in found
        if len(w) > 1 and w not in STOPWORDS and w not in SUMMARY_WORDS and not names_writing(w)
    }
    if not rest:
        return True
    if not any(names_writing(w) for w in found):
        return False
    titled = {stem(w) for t in titles for w in words(str(t)[:300])}
    return all(stem(w) in titled for w in rest)


# "Where does the pay data come from?", "the source of the salary figures": what is asked is
# where figures come from, not the figures (a question about "data" may ask an amount: "how
# much of their working hours go into wrangling data?")
_ASKS_ORIGIN = re.compile(
    r"\bsources?\b|\b(?:come|comes|came)\s{1,3}from\b|\b(?:cite[sd]?|citations?|references?"
    r"|according\s{1,3}to|based\s{1,3}on|who\s{1,3}says|says\s{1,3}who)\b",
    re.I,
)


def asks_origin(query_intent: str, question: str) -> bool:
    """A source question asking where figures come from (see _ASKS_ORIGIN)."""
    return query_intent == "source" and bool(_ASKS_ORIGIN.search(question[:1000]))


# "What does PM stand for?", "What's SRE short for?", "What does the acronym 'CSS' mean?": the
# words an abbreviation is written for (general English). Bounded: linear time.
_STANDS_FOR = re.compile(
    r"^\s{0,3}(?:(?:so|and|but|ok|okay)[\s,]{1,3})?what(?:['’]s|\s{1,3}(?:does|do|did|is|are))"
    r"\s{1,3}(?:the\s{1,3})?(?:abbreviation\s{1,3}|acronym\s{1,3}|initials\s{1,3}|term\s{1,3})?"
    r"[\"“'‘]?([A-Za-z0-9][A-Za-z0-9&+]{0,11})[\"”'’]?(?:['’]?s)?"
    r"\s{1,3}(?:stand\s{1,3}for|stands\s{1,3}for|mean|means|short\s{1,3}for)"
    # ... and nothing more asked ("..., and what does it do?" asks more than the spelling)
    r"(?:\s{1,3}(?:in|here|there)(?:\s{1,3}[\w'’]{1,20}){0,3})?\s{0,3}[?.!]{0,3}\s{0,3}$",
    re.I,
)


def abbreviation_asked(question: str) -> str | None:
    """The abbreviation a question asks the long form of ("What does PM stand for?" -> "PM"):
    a word of two capitals or more, or of a capital and a figure ("18F"); None otherwise
    ("What does agentic mean?" asks a meaning, no abbreviation)."""
    m = _STANDS_FOR.match(question[:300])
    if not m:
        return None
    word = m.group(1)
    capitals = sum(c.isupper() for c in word)
    return word if capitals >= 2 or (capitals and any(c.isdigit() for c in word)) else None


def intent_of(
    question: str,
    comparison: Comparison | None,
    roles: list[str] = (),
    titles: Iterable[str] = (),
) -> Intent:
    if asks_for_summary(question, titles):  # ("the main points the author makes")
        return "summary"
    if _AUTHOR.search(question) and not _AUTHOR_SAYS.search(question):
        return "author"
    if _DATE.search(question):
        return "date"
    if comparison is not None:
        return "comparison"
    if _SOURCE_Q.search(_without_roles(question, roles)):
        return "source"
    return "fact"


def aspect_stems(query: Query) -> set[str]:
    return set(content_terms(" ".join(query.topic)))


def names_aspect(query: Query) -> bool:
    return bool(aspect_named(aspect_stems(query)))
