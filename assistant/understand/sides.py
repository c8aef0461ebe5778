"""The two sides of a comparison read from its English syntax, for things the library does not
know as roles: paths ("a CS degree or a bootcamp"), tracks, disciplines ("product management
different from project management"), parts of one job.

A side is the noun phrase next to a comparison connective: "between X and Y", "X vs Y",
"X (is) different from Y", "separates X from Y", "X compared with Y", "compare X and Y",
"X or Y". A noun phrase is a run of at most `MAX_WORDS` words that are not function words;
determiners before it and general frame nouns after it ("track", "path") are left out.
Everything here runs in time linear in the question.
"""

from __future__ import annotations

import re

from knowledge.text import STOPWORDS, stem

from .lexicon import ASPECT_NOUNS, aspect_named

MAX_WORDS = 4
# Words that end a noun phrase (besides general English function words): the verbs and
# question words a comparison question wraps its sides in.
_BREAK = frozenset(
    """am is are was were be been being do does did doing have has had can could should would
    will might must may pick choose choosing chose select go going become becoming get getting
    pursue pursuing take taking learn learning study studying start starting prefer want need
    try trying join joining earn earns pay pays make makes require requires need needs offer
    offers spend spends tend tends write writes use uses know knows build builds which what who whom how why when where whether better worse more less
    most least different differ differs difference differences compare compared compares
    comparing comparison versus vs separate separates separating distinguish distinguishes tell
    apart similar like unlike than from and or between with against over instead rather
    eventually someday sometime later soon ultimately""".split()
)  # (the last line: adverbs of time closing a clause, "become a nurse eventually")
# General nouns that frame a side without naming it: "the staff engineer track" is about the
# staff engineer.
FRAME_NOUNS = frozenset(
    "track tracks path paths route routes option options career careers role roles job jobs "
    "position positions way ways approach approaches".split()
)
_TOKEN = re.compile(r"[A-Za-z0-9][\w+#.'’/-]{0,40}|[^\sA-Za-z0-9]")
_PATTERNS = (
    # (regex over the token stream rendered as words, how to read it)
    re.compile(r"\bdifferen(?:ce|ces|t)\s+between\b|\bbetween\b", re.I),
    re.compile(r"\b(?:vs\.?|versus|v\.)(?=\s)", re.I),
    re.compile(
        r"\b(?:(?:is|are)\s+)?(?:different|differs?|differing)\s+from\b"
        r"|\b(?:separates?|distinguish(?:es)?|tells?)\b",
        re.I,
    ),
    re.compile(r"\bcompared?s?\s+(?:with|to|against)\b|\bcompare\b|\bcomparing\b", re.I),
    re.compile(r"\bor\b", re.I),
    # "a bootcamp better than a CS degree", "X more useful than Y" ("other than" is no
    # comparison, nor "rather than": "I like models rather than products" tells a preference)
    re.compile(
        r"\b(?:(?:more|less)(?:\s+\w{2,30})?|better|worse|(?!other\b|rather\b)\w{2,30}er)\s+than\b",
        re.I,
    ),
    # "How do the skills of X and Y differ?", "How do X and Y compare?"
    re.compile(r"\b(?:differ|compare|contrast)(?=\s*(?:[?.!]|$)|\s+(?:in|on|when|at)\b)", re.I),
)
# "the day-to-day work of", "the education needed for": the aspect compared, before its sides
_ASPECT_LEAD = re.compile(
    r"\s*(?:the\s+|their\s+)?([\w'’-]{1,30}(?:\s+[\w'’-]{1,30}){0,2}?)\s+(?:of|for|in)\s+", re.I
)


def _past_aspect(text: str) -> str:
    """The text past an aspect it opens with: "the day-to-day work of a nurse and a teacher"
    -> "a nurse and a teacher"; the text as it is when it opens with no aspect."""
    m = _ASPECT_LEAD.match(text)
    if m and aspect_named({stem(w) for w in m.group(1).lower().split()}):
        return text[m.end() :]
    return text


def _np_before(text: str) -> str:
    """The noun phrase that ends where `text` ends."""
    toks = _TOKEN.findall(text[-400:])
    out: list[str] = []
    for tok in reversed(toks):
        low = tok.lower()
        if not tok[0].isalnum() or low in STOPWORDS or low in _BREAK or len(out) == MAX_WORDS:
            break
        if _CLOSES_SENTENCE.fullmatch(tok):
            # a word with the full stop of the sentence before: "... later in my career.
            # Social work or counseling?" compares social work, not "career. Social work"
            break
        out.append(tok)
    return " ".join(reversed(out))


# A word closing a sentence with its full stop: lower case, or longer than a title's
# abbreviation ("career.", "Flexibility."; not "Sr.", "Dr.", nor "Node.js" or "U.S.")
_CLOSES_SENTENCE = re.compile(r"(?:[a-z][\w'’-]{0,40}|[A-Z][\w'’-]{3,40})\.")


_LAST_WORD = re.compile(r"\s*([A-Za-z]{1,30})\s*$")


# General English light verbs a question wraps its subject in, saying nothing of what is
# compared ("What education do paralegals need ...?")
_LIGHT_VERBS = frozenset("need needs want wants get gets make makes".split())


def _subject_before(text: str) -> str:
    """The noun phrase that ends where `text` ends, or, when `text` ends with a verb the
    comparison wraps its side in that is a light verb or a career aspect's ("... do paralegals
    need", "... do welders earn"), the one before that verb. A function word at the end ("How
    does it") leaves none; so does a verb that is itself what is asked ("What do bootcamps
    offer compared with degrees?" compares nothing the lexicon names)."""
    found = _np_before(text)
    if found:
        return found
    m = _LAST_WORD.search(text[-400:])
    verb = m.group(1).lower() if m else ""
    if verb not in _BREAK or verb in STOPWORDS:
        return ""
    if verb not in _LIGHT_VERBS and not aspect_named({stem(verb)}):
        return ""
    return _np_before(text[-400:][: m.start()])


def _np_after(text: str, limit: int = MAX_WORDS) -> str:
    """The noun phrase that starts where `text` starts, past determiners and lead words."""
    toks = _TOKEN.findall(text[:400])
    out: list[str] = []
    started = False
    for tok in toks:
        # A full stop closing a sentence ends the phrase, and is no part of the word ("become a
        # nurse eventually. What ..."); a dot inside the word is ("Node.js", "U.S.")
        closes = tok.endswith(".") and "." not in tok[:-1]
        tok = tok[:-1] if closes else tok
        low = tok.lower()
        stop = not tok[0].isalnum() or low in STOPWORDS or low in _BREAK
        if stop and not started and tok[0].isalnum() and not closes:
            continue  # "or the ...", "from a ...", "or to ..."
        if stop or len(out) == limit:
            break
        started = True
        out.append(tok)
        if closes:
            break
    return " ".join(out)


def without_aspect(phrase: str) -> str:
    """The side without the aspect nouns written after it: "librarian salary" -> "librarian",
    "truck driver job outlook" -> "truck driver" (a frame noun before the aspect goes too).
    A phrase of aspect nouns only is kept as it is."""
    toks = phrase.split()
    n = len(toks)
    while n > 1 and toks[n - 1].lower().strip("'’") in ASPECT_NOUNS:
        n -= 1
    if n == len(toks):
        return phrase
    while n > 1 and toks[n - 1].lower() in FRAME_NOUNS:
        n -= 1
    return " ".join(toks[:n])


def _clean(phrase: str) -> str:
    toks = [re.sub(r"['’]s?$", "", t) for t in phrase.split()]
    return " ".join(t for t in toks if t)


def without_frame(phrase: str) -> str:
    """The phrase without the general nouns framing it at its end ("staff engineer track" ->
    "staff engineer"); whether that is the side is for the caller to judge ("alternative route"
    is a route)."""
    toks = phrase.split()
    while len(toks) > 1 and toks[-1].lower() in FRAME_NOUNS:
        toks.pop()
    return " ".join(toks)


_POSSESSIVE = re.compile(r"\w['’]s?$")


def _possessed(phrase: str) -> str:
    """What a possessive phrase names: "engineer's technical work" -> "technical work"; "" when
    no word of the phrase but its last is a possessive."""
    toks = phrase.split()
    at = max((i for i, t in enumerate(toks[:-1]) if _POSSESSIVE.search(t)), default=-1)
    return " ".join(toks[at + 1 :]) if at >= 0 else ""


def _owner(phrase: str) -> str:
    """Who owns what a possessive phrase names: "truck driver's salary" -> "truck driver's"."""
    toks = phrase.split()
    at = max((i for i, t in enumerate(toks[:-1]) if _POSSESSIVE.search(t)), default=-1)
    return " ".join(toks[: at + 1]) if at >= 0 else phrase


def _pair(left: str, right: str) -> list[str]:
    # "an engineer's technical work compared with the calls": the work is the side, its owner
    # is who both belong to. Against a possessive ("a nurse's shift or a teacher's") or the
    # same thing owned by another ("a nurse's salary or a teacher's salary") the owners are.
    owned = [_possessed(left), _possessed(right)]
    bare = [not _POSSESSIVE.search(x) and not o for x, o in zip((left, right), owned, strict=True)]
    if owned[0] and (bare[1] or (owned[1] and owned[1].lower() != owned[0].lower())):
        left = owned[0]
    elif owned[0] and (not owned[1] or owned[1].lower() == owned[0].lower()):
        left = _owner(left)  # "a nurse's shift or a teacher's": the owners are the sides
    if owned[1] and (bare[0] or (owned[0] and owned[1].lower() != owned[0].lower())):
        right = owned[1]
    elif owned[1] and (not owned[0] or owned[1].lower() == owned[0].lower()):
        right = _owner(right)
    sides = [without_aspect(_clean(left)), without_aspect(_clean(right))]
    if all(sides) and sides[0].lower() != sides[1].lower():
        return sides
    return []


def syntactic_sides(question: str) -> list[str]:
    """The two sides a comparison question sets against each other, or [] when its syntax
    names no two noun phrases."""
    return syntactic_comparison(question)[0]


# The asker's liking for one thing over another (general English): "I enjoy working outdoors
# more than sitting at a desk", "we'd like people more than code". Like "rather than", it tells
# a preference for the answer to weigh, not two sides to set in a table.
_PREFERENCE = re.compile(
    r"\b(?:i|we)(?:['’](?:d|m))?(?:\s+(?:really|much|definitely|just|also|still|do|would|always|"
    r"genuinely|truly|actually|probably|tend\s+to)){0,3}\s+(?:like|love|enjoy|prefer|value|"
    r"care\s+about|appreciate|want|need|miss)\b",
    re.I,
)


def _clause_before(before: str) -> str:
    """The clause a comparative ends: the text before it back to the last sentence end or
    semicolon (at most 200 characters)."""
    tail = before[-200:]
    return re.split(r"[.?!;]\s", tail)[-1]


def syntactic_comparison(question: str) -> tuple[list[str], str]:
    """The two sides and the connective that joins them ("or", "than", "between", ...)."""
    q = question[:1000]
    for kind, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(q):
            before, after = q[: m.start()], q[m.end() :]
            if kind == 0:  # between X and Y
                head, _, tail = after.partition(" and ")
                found = _pair(_np_after(head), _np_after(tail))
            elif kind == 2 and not m.group(0).lower().endswith("from"):
                # "separates X from Y", "tell X from Y"
                head, sep, tail = after.partition(" from ")
                found = _pair(_np_after(head), _np_after(tail)) if sep else []
            elif kind == 3 and m.group(0).lower() in ("compare", "comparing"):
                # "compare X and|with|to Y"; else "X compare ..." is read below
                after = _past_aspect(after)
                inner = re.split(r"\s+(?:and|with|to|against|vs\.?|versus)\s+", after, maxsplit=1)
                found = _pair(_np_after(inner[0]), _np_after(inner[1])) if len(inner) == 2 else []
                if not found:
                    rest = re.match(r"\s*(?:with|to|against)\b", after)
                    found = (
                        _pair(_np_before(before), _np_after(after[rest.end() :])) if rest else []
                    )
            elif kind == 5:
                if _PREFERENCE.search(_clause_before(before)):
                    continue  # "I enjoy X more than Y": the asker's taste, as "rather than"
                # "X earns more than Y": the subject stands before its verb
                left = _np_before(before) or _np_before(re.sub(r"\s*\w+\s*$", "", before))
                found = _pair(left, _np_after(after))
            elif kind == 6:
                # "X and Y differ": both sides stand before the verb
                head, sep, tail = before.rpartition(" and ")
                found = _pair(_np_before(head), _np_after(tail)) if sep else []
            elif kind == 4:
                # "X or Y" has no end marker: Y is read no longer than X (two words after a
                # one-word X): "the credential programme or the alternative route faster?"
                left = _np_before(before)
                n = len(left.split())
                found = _pair(left, _np_after(after, n + 1 if n == 1 else n)) if left else []
            elif kind == 3:
                # "What education do paralegals need compared with legal secretaries?": the
                # subject stands before its verb here too
                found = _pair(_subject_before(before), _np_after(after))
            else:
                found = _pair(_np_before(before), _np_after(after))
            if found:
                return found, m.group(0).split()[-1].lower()
    return [], ""


# Connectives after which the other side of "X <connective> Y" stands (vs, different from,
# compared with, ... than); "or" and "between" need both sides written out.
_AFTER_KINDS = (1, 2, 3, 5)


def compared_with(question: str) -> tuple[str, int]:
    """The noun phrase a question sets something against, and where its connective starts:
    "How is that different from a data scientist?" -> ("data scientist", 7). ("", -1) when
    the question has no such connective."""
    q = question[:1000]
    for kind in _AFTER_KINDS:
        for m in _PATTERNS[kind].finditer(q):
            word = m.group(0).lower()
            after = q[m.end() :]
            if kind == 2 and not word.endswith("from"):
                continue  # "separates X from Y" names both sides itself
            if kind == 3 and word in ("compare", "comparing"):
                rest = re.match(r"\s*(?:with|to|against)\b", after)
                if not rest:
                    continue
                after = after[rest.end() :]
            found = _clean(_np_after(after))
            if found:
                return found, m.start()
    return "", -1


# "How much do X earn?", "What does X do?", "Is X worth it?": X follows the auxiliary (not in
# "Which X is cited?", whose X stands before it).
_AUX = re.compile(
    r"^\s*(?:(?:how(?:\s+(?:much|many|long|often|far|well))?|what|why|when|where|which|who)\s+)?"
    r"(?:do|does|did|is|are|was|were|can|could|should|would|will)\s+",
    re.I,
)


def subject_phrase(question: str, acting: bool = False) -> str:
    """The noun phrase a question is about when it opens with a question word and auxiliary:
    "How much do charge nurses earn?" -> "charge nurses"; "" otherwise. With `acting`, only
    the subject of a verb ("does a dentist earn"), not what "is/are" asks for ("What are the
    downsides of ...": the downsides are what is asked, not what it is about)."""
    m = _AUX.match(question[:1000])
    if m and acting and _BE.search(m.group(0)):
        return ""
    if not m or _PRONOUN.match(question, m.end()):
        return ""  # "How do I negotiate ...?": the subject is the asker, no noun phrase
    if THE_WRITING.match(question, m.end()):
        # "How does the article describe ...?", "Does the guide talk about ...?": the text
        # itself is the subject; what it says is asked, its verb is no topic
        return ""
    phrase = _clean(_np_after(question[m.end() : 1000]))
    if acting and _DO.search(m.group(0)) and _STRANDED.search(question[m.end() : 1000]):
        # "Where do the salary figures come from?": a preposition left at the end follows the
        # verb, which the phrase had run on to ("salary figures come")
        phrase = phrase.rsplit(None, 1)[0] if " " in phrase else phrase
    return phrase


# do-support: the subject is followed by the bare verb (general English)
_DO = re.compile(r"\b(?:do|does|did)\s{1,3}$", re.I)
# a question ending in a preposition with no object: "... come from?", "... report to?"
_STRANDED = re.compile(
    r"\b\w{1,30}\s{1,3}(?:from|to|with|on|for|about|in|into|at|by|of)\s{0,3}[?.!]?\s{0,3}$", re.I
)


def become_phrase(question: str) -> str:
    """The role a question asks about becoming: "How long does it take to become a vet?" ->
    "vet", "What do I need to work as a sommelier?" -> "sommelier"; "" when it names none."""
    m = _BECOME.search(question[:1000])
    return _clean(_np_after(question[m.end() : 1000])) if m else ""


# "become a", "becoming an", "work as a", "train as a", "get a job as a" (general English)
_BECOME = re.compile(
    r"\b(?:become|becoming|became|(?:work|working|train|training|job|start|starting)\s+as"
    # "What should I study to be an AI engineer?", "What does it take to be a pilot?"
    r"|(?:study|studying|train|training|learn|learning|qualify|need|needs|take|takes)\s+to\s+be)"
    r"\s+(?:an?|the)\s+",
    re.I,
)
_BE = re.compile(r"\b(?:is|are|was|were)\s*$", re.I)
# "What is the salary of a nurse?", "What are the skills for a pilot?": the noun asked for,
# then who has it.
_ASPECT_OF = re.compile(
    r"^\s*(?:what|how)(?:\s+(?:is|are|was|were)|['’]s|['’]re)\s+(?:the\s+|an?\s+)?"
    r"((?:[\w-]{1,30}\s+){0,2}?[\w-]{1,30})\s+(?:of|for)\s+",
    re.I,
)


def owner_phrase(question: str) -> str:
    """Who has the career aspect a "what is the <aspect> of X" question asks for: "What is the
    salary of a nurse?" -> "nurse"; "" when the noun asked for is no aspect of a job (the
    career lexicon's) or the question has another shape."""
    m = _ASPECT_OF.match(question[:1000])
    if not m or not aspect_named({stem(w) for w in m.group(1).lower().split()}):
        return ""
    return _clean(_np_after(question[m.end() : 1000]))


# What names a piece of writing (general English): "the 18F engineer article", "his post",
# also as the end of a compound ("cookbook", "playbook", "blogpost").
DOC_NOUN = (
    r"(?:[a-z]{0,12}?(?:book|post)|article|blog|piece|story|essay|guide|interview|write-?up|page)"
)
# A question's subject that is the text asked about or its writer: "the article", "this
# guide", "the career guide", "the author", "the writer" (a determiner, at most two words, the noun)
THE_WRITING = re.compile(
    rf"(?:the|this|that|your|its|their)\s+(?:[\w-]{{1,30}}\s+){{0,2}}?"
    rf"(?:{DOC_NOUN}|text|author|writer)s?\b",
    re.I,
)
_PRONOUN = re.compile(r"(?:i|you|we|they|he|she|it|one|someone|anyone|people)\b", re.I)
