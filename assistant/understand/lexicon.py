"""The career lexicon: words any career article uses for the aspects people compare.

This is the one word list about careers allowed in code. It names general aspects of a job
(pay, skills, day-to-day work, demand, entry and education, progression) and the words for a
path's upsides and downsides, never the wording of one article or one question. Everything else the assistant knows about roles and topics it
learns from the library when it loads (see `vocabulary.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import STOPWORDS, stem, words


@dataclass(frozen=True)
class Aspect:
    name: str  # the row label in a comparison table
    words: frozenset[str]  # stems
    hint: str = ""  # a few plain words that widen a search for this aspect

    def score(self, stems: set[str]) -> int:
        return len(self.words & stems)


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


DAY_TO_DAY = "Day-to-day work"  # the aspect of what a role does
# "day to day", "day-to-day": the aspect's own name, not a day ("on your first day")
SAYS_DAY_TO_DAY = re.compile(r"\bday[\s-]{1,3}to[\s-]{1,3}day\b", re.I)
DAY_TO_DAY_WORD = "day-to-day"
# A heading or question asking or saying what someone does: "What accountants do", "What does
# an RN do?", "What a data engineer does all day".
SAYS_WHAT_ONE_DOES = re.compile(
    r"^(?:what|how)\b[^?.!\n]{1,60}?\b(?:do|does)\b(?:[ \t]+all[ \t]+day)?\??$", re.I
)


@lru_cache(maxsize=1)
def aspects() -> tuple[Aspect, ...]:
    return (
        Aspect(
            "Pay",
            _stems(
                "salary salaries pay pays paid paying compensation earn earns earning earnings "
                "income wage wages bonus equity money paycheck lucrative remuneration remunerated"
            ),
            "salary compensation earn",
        ),
        Aspect(
            "Skills",
            _stems(
                "skill skills knowledge expertise proficiency proficient competency competencies "
                "requirement requirements required require requires tools languages language "
                "technical background know learn learning math mathematics mathematical statistics "
                "programming foundation foundations"
            ),
            "skills knowledge requires",
        ),
        Aspect(
            DAY_TO_DAY,
            _stems(
                "day daily day-to-day routine work works working task tasks responsibility "
                "responsibilities responsible duties focus focuses spend build builds building "
                "involves meetings shift shifts schedule"
            ),
            "daily tasks responsibilities focus spend time",
        ),
        Aspect(
            "Demand",
            _stems(
                "demand growth growing grow hiring hire market openings opportunities "
                "outlook trend popular shortage employers employment projected prospects"
            ),
            "demand growth hiring market outlook projected",
        ),
        Aspect(
            "Entry and education",
            _stems(
                "entry entry-level start starting break junior beginner beginners degree "
                "education bootcamp course courses certification self-taught accessible "
                "easier easiest easy hard harder difficult barrier transition switch "
                "apprenticeship apprentice license licence licensing certificate exam academy schooling qualify "
                "qualification qualifications"
            ),
            "entry beginners degree transition accessible",
        ),
        Aspect(
            "Progression",
            _stems(
                "career progression promotion promoted senior seniority level levels ladder "
                "path advance advancement growth staff principal lead leadership manager track"
            ),
            "career progression promotion senior",
        ),
    )


# "How much do plumbers make?", "Who makes more, X or Y?", "Do welders make more than
# plumbers?": "make" is pay in these shapes alone (it is every question's word; "makes more
# sense" is no pay). General English; bounded, so linear in time.
MAKE_PAY = re.compile(
    r"\bhow much (?:do|does|did|can|could|would|will|might)\b.{0,80}\bmake\b"
    r"|\bmak(?:e|es|ing)\s{1,3}(?:more|less|the\s{1,3}most|the\s{1,3}least)(?:\s{1,3}money)?"
    r"(?=\s{0,3}(?:[,.?!;:]|$|than\b|on\s{1,3}average\b|per\b|a\s{1,3}year\b|annually\b"
    r"|at\b|in\b|after\b|with\b|once\b|when\b|as\b|overall\b|starting\b))",
    re.I,
)


# "How did she get into teaching?", "How do I land a job as a welder?", "How did he get that
# job?": how one enters a line of work, in everyday words no aspect lists ("get" and "job" are
# every question's words). Questions only: in an article "get" is too common to mean entry.
# Bounded: linear time.
ASKS_ENTRY = re.compile(
    # asked how: "What happens to people who get hired?" asks what follows entry, not how
    r"\b(?:how|ways?|steps?|tips?|advice)\b[^?.!]{0,80}?"
    r"\b(?:get|gets|got|getting|land|lands|landed|landing)\s{1,3}(?:into\b|in\s{0,3}(?:[?.!,]|$)"
    r"|hired\b|started\b|(?:(?:a|an|the|that|this|his|her|their|my|your|our|first|junior|"
    r"new|entry-level)\s{1,3}){0,3}(?:job|jobs|role|position|foot)\b)"
    # "How long does it take to become a sommelier?": the time that getting in takes
    r"|\bhow\s{1,3}(?:long|many\s{1,3}years|much\s{1,3}time)\b[^?.!]{0,60}?"
    r"\b(?:become|becoming|qualify|qualified|get\s{1,3}(?:into|in)|break\s{1,3}in)\b",
    re.I,
)
ENTRY_WORD = "entry"  # the aspect's plain word, for a question that asks entry in other words


def asks_entry_unsaid(question: str, stems: set[str]) -> bool:
    """The question asks how one gets in, and none of its words (`stems`) is one of entry's."""
    entry = next(a.words for a in aspects() if stem(ENTRY_WORD) in a.words)
    return bool(ASKS_ENTRY.search(question[:1000])) and not entry & stems


# The nouns for pay (not its verbs: "earn" in "Do masons earn more?" is the question's verb,
# "pay" in "Does a certification raise pay?" is what the verb is done to).
PAY_WORD = "pay"  # the aspect's plain word, for a question that asks pay in other words
PAY_NOUNS = frozenset(
    "pay salary salaries wage wages income compensation earnings paycheck paychecks remuneration".split()
)


# Nouns for an aspect of a job that name no job themselves: written after a role ("librarian
# salary", "truck driver job outlook") they say what is asked of it, not who.
ASPECT_NOUNS = frozenset(
    """salary salaries pay wage wages income compensation remuneration earnings outlook outlooks prospects
    demand growth skills skillset requirements education training qualifications duties
    responsibilities tasks schedule schedules hours day-to-day routine""".split()
)


# The levels of a career a figure of pay may belong to ("entry", "junior", "senior"): a pay
# question naming one is answered only by a figure for that level.
LEVEL_WORDS = _stems("entry junior beginner beginners starting senior experienced veteran")
# Words for one end of a career: a figure for "entry-level designers" is the one asked of
# "junior designers" or "a starting designer" (and "veteran" of "senior"). "level" is the
# word an "entry-level" or "senior-level" role carries with its level.
LEVEL_GROUPS = (
    _stems("entry junior beginner beginners starting start graduate trainee"),
    _stems("senior experienced veteran"),
)
LEVEL_NOUN = "level"
# Words saying a pay figure is the usual one for a role ("a median of $58,000", "the average
# salary"), not the edge of its range ("the top 10 percent earned more than ...").
CENTRAL_PAY = frozenset({"median", "medians", "average", "averages", "typical"})
# Words of a pay question asking for an edge of the range, not the usual figure ("What do
# they earn at the top?", "What is the starting salary?").
PAY_EDGES = frozenset(
    {
        "top",
        "highest",
        "lowest",
        "starting",
        "start",
        "starts",
        "entry",
        "maximum",
        "minimum",
        "range",
        "senior",
        "junior",
        "experienced",
        "beginning",
        "bottom",
        "first",
        "least",
    }
)


# The top end of a pay range, as a pay question or a tail of the distribution names it ("What
# do the top earners make?", "the highest 10 percent"); PAY_EDGES' other words ask for the
# bottom end but "range", which asks for both.
PAY_TOP = frozenset({"top", "highest", "maximum", "senior", "experienced"})


# Money in a sentence about what something costs ("Flight school can cost $80,000") is a price,
# no pay: these words say a figure is paid out, not earned.
COST_WORDS = _stems(
    "cost costs costing tuition fee fees price prices loan loans debt expense expenses"
)
# A lexicon word that speaks of its aspect only with a particle after it: one "breaks into" a
# field (entry), where "two-hour sessions with breaks" speaks of no entry.
PARTICLED = {stem("break"): ("in", "into")}
# A lexicon stem that speaks of its aspect only in these forms: one moves up to "manager" or
# into "management" (progression), where "manages inventory" is a duty; a job is "in demand"
# (demand), where "the role demands math" and "physically demanding work" speak of none;
# "employment" grows and "employers" hire (demand), where "X employed by hospitals earn more"
# and "pay depends on the type of employer" say who pays them; employers "hire" and are
# "hiring" (demand), where "once hired, recruits attend an academy" is one person's entry.
ONLY_AS = {
    stem("manager"): frozenset({"manager", "managers", "management"}),
    stem("demand"): frozenset({"demand", "in-demand"}),
    stem("employment"): frozenset({"employment", "employers"}),
    stem("hire"): frozenset({"hire", "hires", "hiring"}),
    # a "senior" role or "seniority" (progression), where "a class for seniors" is older people
    stem("senior"): frozenset({"senior", "seniority"}),
    # a field is "accessible" (entry), where "access the data" or "accessibility of a page"
    # speaks of no way in
    stem("accessible"): frozenset({"accessible", "inaccessible"}),
    # employment is "projected" to grow, the BLS "projects" it (demand), where "an example
    # project" is a piece of work
    stem("projected"): frozenset(
        {"projected", "projects", "projecting", "projection", "projections"}
    ),
}


# A lexicon stem that speaks of a person's own course, not of its aspect, after a possessive:
# "accelerate your growth" is no growth in demand for a role ("the field's growth" is).
PERSONAL = frozenset({stem("growth")})
# "day" after a word picking out one day speaks of that day, not of the work day to day:
# "on your first day", "one day you may lead a team" (General English)
ONE_DAY = frozenset({stem("day")})
_ONE_OF_DAYS = frozenset("first last next one some that whole previous following".split())
_PERSON_OWNS = frozenset("my your his her their our".split())
# "free and paid material", "Paid material is marked [$]", "a paid plan": a price set on a
# thing, no pay for work. "paid" before a noun speaks of pay only for a noun of work ("paid
# internships", "paid overtime"); before a figure, an adverb or a function word it is pay
# ("paid $50,000", "paid well", "paid by the hour"). General English.
PRICED = frozenset({stem("paid"), stem("paying")})
# ... in those forms only: "paying" shares its stem with "pay", and "the pay gap", "a pay
# scale" speak of pay whatever noun follows
_PRICED_FORMS = frozenset({"paid", "paying"})
_AGAINST_FREE = frozenset({"and", "or", "vs", "versus"})
_PAID_WORK = frozenset(
    """job jobs position positions role roles internship internships apprenticeship
    apprenticeships work leave overtime time vacation vacations holiday holidays training
    placement placements employee employees staff worker workers professional professionals
    customers customer""".split()
)
_PAID_HOW = frozenset(
    """more less well better worse handsomely extra hourly weekly monthly yearly annually fairly
    poorly generously equally differently similarly highly""".split()
)


def _priced_thing(toks: list[str], at: int) -> bool:
    """ "paid" at `at` prices a thing: set against "free", or before a noun of no work."""
    if at >= 2 and toks[at - 1] in _AGAINST_FREE and toks[at - 2] == "free":
        return True
    if at and (toks[at - 1] in _PAID_HOW or toks[at - 1] in _PAID_DEGREE):
        return False  # "the highest paid", "well paid"
    nxt = toks[at + 1] if at + 1 < len(toks) else ""
    return bool(
        nxt
        and nxt.isalpha()
        and nxt not in STOPWORDS
        and nxt not in _PAID_HOW
        and nxt not in _PAID_WORK
        and not _PERSON_NOUN.search(nxt)  # "paid consultants", "paid engineers"
        and not kin_of(stem(nxt))  # "paid salaries", "paid leave" of pay
    )


_PAID_DEGREE = frozenset("highest lowest best worst most least top".split())
# General English morphology: the endings of nouns that name a person by what they do
# ("teacher", "counselor", "pharmacist", "electrician", "accountant", "resident")
AGENT_ENDING = r"(?:er|or|ist|ian|ant|ent)s?$"
_PERSON_NOUN = re.compile(AGENT_ENDING)  # "paid consultants", "paid engineers"


def aspect_forms(text: str) -> tuple[tuple[str, str], ...]:
    """(word, stem) of the text's words, leaving out the lexicon words written in a form that
    speaks of no aspect (see ONLY_AS, PARTICLED, PERSONAL): "the role demands math" has no
    "demand"."""
    toks = words(text)
    kept = []
    for at, w in enumerate(toks):
        st = stem(w)
        if st in PARTICLED and (at + 1 >= len(toks) or toks[at + 1] not in PARTICLED[st]):
            continue  # "sessions with breaks": no "break into" a field
        if st in ONLY_AS and w not in ONLY_AS[st]:
            continue  # "manages inventory": a duty, no step up to manager
        if st in PERSONAL and at and toks[at - 1] in _PERSON_OWNS:
            continue  # "your growth": one's own, no demand
        if st in ONE_DAY and at and toks[at - 1] in _ONE_OF_DAYS:
            continue  # "on your first day": one day, no day-to-day work
        if st in PRICED and w in _PRICED_FORMS and _priced_thing(toks, at):
            continue  # "free and paid material", "a paid plan": a price, no pay
        kept.append((w, st))
    return tuple(kept)


@lru_cache(maxsize=1)
def judgements() -> tuple[Aspect, ...]:
    """The words for the good and the bad sides of a path ("upsides" for what an article heads
    "Pros"). They match each other's words, but are no row of a comparison table: every row
    of one has both."""
    return (
        Aspect(
            "Upsides",
            _stems(
                "pro pros advantage advantages upside upsides benefit benefits plus pluses "
                "perk perks strength strengths rewarding"
            ),
        ),
        Aspect(
            "Downsides",
            _stems(
                "con cons disadvantage disadvantages downside downsides drawback drawbacks "
                "minus minuses weakness weaknesses hardest toughest challenge challenges "
                "challenging struggle struggles frustrating frustration frustrations "
                "burnout"
            ),
        ),
        *scales(),
    )


@lru_cache(maxsize=1)
def scales() -> tuple[Aspect, ...]:
    """General English scales a job is judged on, each word standing for the others whichever
    end it names: "Is it dangerous?" is met by "the highest rates of injury", "Is X cheaper
    than Y?" by "Y can be very expensive". Judgements that must be met (`scale_of`): an
    article writing no word of the scale does not speak to it."""
    return (
        Aspect(
            "Risk",
            _stems(
                "danger dangers dangerous risk risks risky riskier riskiest hazard hazards "
                "hazardous injury injuries injured safe safer safest safety"
            ),
        ),
        Aspect(
            "Cost",
            _stems(
                "cost costs costly cheap cheaper cheapest expensive pricey afford affordable "
                "tuition"
            ),
        ),
        Aspect("Stress", _stems("stress stressful stressed pressure pressures relaxed calm")),
    )


def scale_of(stem_: str) -> frozenset[str]:
    """The stems of the scale this one is on (see `scales`), or none."""
    return next((a.words for a in scales() if stem_ in a.words), frozenset())


# General English: the words for what someone works with, each standing for the others ("What
# tools do electricians use?" is met by "the equipment they carry"; "What tools do AI
# engineers use?" by "agentic frameworks"). Words of other senses ("machine learning", "a
# library of articles", "job applications") are none of them.
KINDS_OF_TOOL = _stems(
    "tool tools equipment instrument instruments device devices gear software technology "
    "technologies framework frameworks platform platforms machinery utensil utensils apparatus "
    "language languages"
)


# General English: subjects one studies, each a skill of its own. "What math does an X need?"
# is met by "mathematical foundations", not by the "expertise" or "technical" every skills
# sentence writes; the words of one subject stand for each other only.
SUBJECTS = (
    _stems("math maths mathematics mathematical"),
    _stems("statistics statistical stats"),
    _stems("programming"),
)


@lru_cache(maxsize=16384)  # asked for every word of every sentence a question scores
def kin_of(stem_: str) -> frozenset[str]:
    """The other stems that stand for the same thing as this one in the lexicon: the words of
    its aspect ("paid": "salary", "earn", ...) or of its judgement ("upsides": "pros", ...);
    a word for what one works with, the others only ("tools": "equipment", "frameworks"); a
    subject of study, its own forms only ("math": "mathematics")."""
    subject = next((g for g in SUBJECTS if stem_ in g), None)
    if subject is not None:
        return subject - {stem_} or frozenset({stem_})
    tools = KINDS_OF_TOOL - {stem_} if stem_ in KINDS_OF_TOOL else frozenset()
    if tools:
        # what one works with, not what one knows: "What tools do ML engineers use?" is met by
        # "frameworks", not by the "expertise" or "requires" of the skills aspect it sits in
        return tools
    for group in (*aspect_named({stem_})[:1], *(j for j in judgements() if stem_ in j.words)):
        return (group.words - {stem_}) | tools
    return tools


def aspect_named(stems: set[str]) -> list[Aspect]:
    """The lexicon aspects a set of stems speaks of, best first."""
    scored = [(a.score(stems), i, a) for i, a in enumerate(aspects())]
    return [a for s, _i, a in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0]


# Question shapes that ask for a kind of answer, and what a sentence giving it looks like.
AMOUNT_CUES = _stems(
    "salary salaries pay paid pays earn earns earning compensation remuneration income wage"
)
