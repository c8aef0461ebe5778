"""Follow-ups: a question that leans on the conversation borrows its roles, never its topic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.text import content_terms, stem

from .lexicon import MAKE_PAY, PAY_WORD
from .names import NAME_WORD, asked_name
from .query import (
    _CUES,
    _aspect,
    asks_a_source,
    asks_about_the_article,
    asks_why,
    detect_comparison,
    source_words_only,
    topic_of,
)
from .roles import RoleBook
from .sides import compared_with, subject_phrase

_FOLLOWUP_START = re.compile(
    r"^\s*(and|also|then|so|but|what about|how about|same for|and what about)\b", re.I
)
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|this|that|these|those|he|she|his|her|the role|that role|"
    r"this role|one|the article|this article|that article|the post|the author)\b",
    re.I,
)


# General English: words that open a reply without adding to it ("ok, and ...", "thanks!
# what about ..."): each closed by punctuation, or (the shortest) by the question word after it.
_INTERJECTION = re.compile(
    r"^\s{0,8}(?:(?:ok(?:ay)?|alright|all right|right|cool|great|nice|thanks|thank you|got it"
    r"|i see|hmm{0,4}|sure|oh|ah|well|interesting|perfect|yes|yeah|no|nope)\s{0,4}[,.!;:]{1,3}"
    r"|(?:ok(?:ay)?|alright|hmm{0,4}|oh|thanks|cool)(?=\s{1,4}(?:and|so|but|then|what|how|which"
    r"|why|who|where|when|is|are|do|does|can|thanks|thank|cool|great|got)\b))\s{0,8}",
    re.I,
)


# "I know Python and stats, ...", "I'm a Rust developer, ...", "I studied at Oxford; ...": the
# asker's own background, told before the question (general English). Bounded: linear.
BACKGROUND = re.compile(
    r"\bI(?:'m|’m|m| am| know| speak| can| studied| majored in| have| hold| like| love| enjoy"
    r"| work(?:ed)? (?:as|in|with)| come from| graduated (?:in|from))\s[^,;.?!]{1,120}[,;.!]",
    re.I,
)


# "Which path fits me better?", "What would suit me?": a question about the asker
_ABOUT_ME = re.compile(r"\b(?:me|my|myself|I|I'm|I’m)\b", re.I)


def with_background(question: str, history: list[dict]) -> str:
    """A question about the asker ("Which path fits me better?") right after a turn that only
    told their background ("I'm a software engineer.", no question in it) is asked with that
    background, as if typed in one message."""
    if not _ABOUT_ME.search(question[:1000]) or BACKGROUND.search(question[:1000]):
        return question
    last = next(
        (str(t.get("content", "")) for t in reversed(history) if t.get("role") == "user"), ""
    )
    told = last.strip()
    if not told or "?" in told or len(told) > 300:
        return question
    m = BACKGROUND.match(told if told[-1] in ",;.!" else told + ".")
    if m is None or m.end() < len(told.rstrip()):
        return question
    return f"{told.rstrip(' ,;')} {question}" if told[-1] in ".!" else f"{told}. {question}"


def without_interjection(question: str) -> str:
    """The question without the words that open it as a reply: "ok, and which is easier to
    break into?" asks what "and which is easier to break into?" asks."""
    for _ in range(3):  # "ok thanks! and ..."
        m = _INTERJECTION.match(question)
        if not m or not question[m.end() :].strip():
            break
        question = question[m.end() :]
    return question


# "And the other one?", "what about the other role?": the side the conversation did not name.
_THE_OTHER = re.compile(
    r"\bthe other(?:\s{1,4}(?:one|role|path|job|side|option|track|career|kind|type))?\s{0,4}"
    r"(?:[?.!,]|$)",
    re.I,
)


def asks_the_other(question: str) -> bool:
    return bool(_THE_OTHER.search(question))


# "And which one needs more math?", "which of them is harder?": one of a pair, by a comparative
_WHICH_OF_TWO = re.compile(
    r"\bwhich\s+(?:one|of\s+(?:them|the\s+two|those|these|the\s+roles|the\s+jobs))\b", re.I
)


# "Who earns more?", "and who has it easier?", "who's better paid?": a comparative asked of
# "who", naming no one, after a conversation about two roles (General English; bounded)
_WHO_MORE = re.compile(
    r"^\W{0,3}(?:(?:and|so|ok(?:ay)?|but|then)\W{1,3})?who(?:['’]s|\s{1,3}\w{1,15})\b[^?.!]{0,40}?"
    r"\b(?:more|less|fewer|better|worse|higher|lower|longer|shorter|harder|easier|most|least)\b",
    re.I,
)


def asks_which_of_two(question: str) -> bool:
    from .query import _RANKING

    q = question[:1000]
    return bool((_WHICH_OF_TWO.search(q) or _WHO_MORE.search(q)) and _RANKING.search(q))


# "Compare them", "how do they compare?", "what's the difference between the two?": the two
# the conversation went through, compared, naming neither
_COMPARE_THEM = re.compile(
    r"\b(?:compare[ds]?|comparing|contrast|differ|differences?|different)\b"
    r"(?:\s+[\w'’]{1,20}){0,4}?\s+(?:them|they|the\s+two|both|these|those)\b"
    r"|\b(?:they|them|the\s+two|both|these|those)\s+(?:\w{1,20}\s+){0,2}?"
    r"(?:compare|contrast|differ)\b",
    re.I,
)


def asks_to_compare_them(question: str) -> bool:
    return bool(_COMPARE_THEM.search(question[:1000]))


# "tell me more", "go on", "more details?", "can you elaborate?", "anything else?": the whole
# question asks only for more of the last answer (general English). Bounded: linear.
_MORE = re.compile(
    r"^\s{0,8}(?:(?:and|so|ok(?:ay)?|please)[,!]?\s{1,4})?"
    r"(?:(?:can|could|would|will)\s{1,4}you\s{1,4})?(?:please\s{1,4})?"
    r"(?:(?:tell|give|show)\s{1,4}(?:me|us)\s{1,4}|say\s{1,4}|share\s{1,4})?"
    r"(?:(?:some|a\s{1,4}(?:bit|little)|any)\s{1,4})?"
    r"(?:more(?:\s{1,4}(?:details?|info(?:rmation)?|than\s{1,4}that))?"
    r"(?:\s{1,4}(?:about|on)\s{1,4}(?:it|that|this|them|those))?"
    r"|(?:further\s{1,4})?details?|go\s{1,4}on|continue|keep\s{1,4}going|carry\s{1,4}on"
    r"|elaborate(?:\s{1,4}on\s{1,4}(?:it|that|this))?|expand(?:\s{1,4}on\s{1,4}(?:it|that|this))?"
    r"|anything\s{1,4}else|what\s{1,4}else|and\s{1,4}then)"
    r"(?:\s{1,4}please)?\s{0,4}[?.!…]{0,3}\s{0,8}$",
    re.I,
)


def asks_for_more(question: str) -> bool:
    """The question asks only for more of what was answered ("tell me more", "go on")."""
    return len(question) < 80 and bool(_MORE.match(without_interjection(question)))


def continued_question(history: list[dict]) -> int | None:
    """The index of the user turn a request for more continues: the latest that was no such
    request itself ("go on" after "tell me more" after "What does X do?": that question)."""
    for i, question in _questions_back(history):
        if not asks_for_more(question):
            return i
    return None


# "What else do they do?", "Who else hires them?", "Is there anything else I need?": asks
# past what the answers before told (general English; "or else" is no such word)
_ELSE = re.compile(
    r"\b(?:what|who|where|which|how|anything|something|anyone|anybody|anywhere)\s{1,3}else\b",
    re.I,
)


def asks_past_answers(question: str) -> bool:
    """The question asks for what the answers before did not tell ("what else ...")."""
    return bool(_ELSE.search(question[:1000]))


def answers_since_asked(history: list[dict]) -> list[str]:
    """The answers given since the latest question that asked for no more than it asked: what
    a "What else do they do?" is not to be told again."""
    start = next(
        (
            i
            for i, question in _questions_back(history)
            if not asks_for_more(question) and not asks_past_answers(question)
        ),
        None,
    )
    if start is None:
        return []
    return [str(t.get("content", "")) for t in history[start + 1 :] if t.get("role") == "assistant"]


MAX_ANSWERS_BACK = 3
# "the downsides | of getting a degree": what was asked for, then what it was asked about.
_ASKED_ABOUT = re.compile(r"^(.{1,300}?)\b(of|for|about|with)\s+(.{1,300})$", re.I | re.S)
# "and for marketing?", "What about for nurses?": a follow-up whose words fill the slot after
# the same preposition in the question before
_FILLS_SLOT = re.compile(
    r"^\s{0,4}(?:(?:and|but|so|ok|okay)\s{1,4})?(?:(?:what|how)\s{1,4}about\s{1,4})?"
    r"(of|for|about|with)\b",
    re.I,
)


def borrowed_topic(previous: str, roles: list[str], own_topic: list[str]) -> list[str]:
    """The topic a follow-up takes from an earlier question. A follow-up asking for a thing of
    its own ("What are the upsides then?" after "What are the downsides of getting a degree?")
    takes only what that question was about ("getting a degree"), not what it asked for."""
    topic = topic_of(previous, roles)
    if MAKE_PAY.search(previous[:1000]) and "make" in topic:
        # "And cloud engineers?" after "How much do they make?": the pay, not "make"
        topic = [PAY_WORD if w == "make" else w for w in topic]
    # a name keeps its capital ("How did he get that job?" after "What does Marcus do?"):
    # what is asked of a person is found by their name as a name
    topic = [_as_named(w, previous[:1000]) for w in topic]
    if not own_topic:
        return topic
    m = _ASKED_ABOUT.match(previous.strip())
    if m and topic_of(m.group(1), roles):  # something was asked for before the "of"
        about = topic_of(m.group(3), roles)
        if about:
            return about
    return topic


def _slot_filled(question: str, previous: str, roles: list[str]) -> list[str]:
    """What the earlier question asked for, when the follow-up fills the slot after the same
    preposition ("and for marketing?" after "What skills do you need for sales?": skills)."""
    slot = _FILLS_SLOT.match(question)
    m = _ASKED_ABOUT.match(previous.strip()) if slot else None
    if m is None or slot.group(1).lower() != m.group(2).lower():
        return []
    return [_as_named(w, previous[:1000]) for w in topic_of(m.group(1), roles)]


def _as_named(word: str, question: str) -> str:
    """The word as the question writes it when that is a name: title case inside the question,
    never in lower case there ("Marcus" in "What does Marcus do?"); else as given."""
    found = re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", question, re.I)
    inside = [m.start() for m in re.finditer(rf"(?<=\w )(?:{re.escape(word)})\b", question, re.I)]
    if found and all(f[:1].isupper() for f in found) and inside:
        return found[0]
    return word


_PEOPLE = re.compile(r"\b(they|them|their|theirs)\b", re.I)


def asks_of_them(question: str) -> bool:
    """The question speaks of people as "they" ("Can they ...?", "their stock options")."""
    return bool(_PEOPLE.search(question[:1000]))


# What stands for the subject of the last question: "How is that different from Y?"
_SUBJECT = re.compile(r"\b(?:that role|this role|that|this|it|they|these|those)\b", re.I)


def set_against(question: str, history: list[dict], book: RoleBook) -> list[str] | None:
    """[earlier subject, Y] for "How is that different from Y?" / "Does it pay more than Y?":
    a pronoun before the connective stands for what the conversation was about."""
    other, at = compared_with(question)
    if not other or not _SUBJECT.search(question[:at]):
        return None
    subject = antecedent(history, book)
    if not subject or book.one_role(subject, other):
        return None
    found = book.find(other)
    return [subject, found[0] if len(found) == 1 and book.same(found[0], other) else other]


def _questions_back(history: list[dict]) -> Iterator[tuple[int, str]]:
    """(index, text) of the user turns, latest first, leaving out those about the article
    itself: "Who wrote it?" has no subject or topic to lend, so the one before it is read."""
    for i in range(len(history) - 1, -1, -1):
        turn = history[i]
        if turn.get("role") != "user":
            continue
        question = str(turn.get("content", ""))
        if not asks_about_the_article(question):
            yield i, question


def topic_before(history: list[dict], book: RoleBook) -> str:
    """The topic the conversation's last question was about: its own words ("earn" in "How
    much do AI engineers earn?"), or, for "How does that compare to Y?" with none of its own,
    the topic of the question before it."""
    for i, question in _questions_back(history):
        carried = set_against(question, history[:i], book)
        subjects = carried or book.find(question) or [p for p in [subject_phrase(question)] if p]
        own = _aspect(question, subjects, book)
        if own or not carried:
            return own
    return ""


def antecedent(history: list[dict], book: RoleBook) -> str | None:
    """What the last question (not one about the article itself) was about: its one role (the
    first side, when it set an earlier subject against another), or, naming none, what it asked
    about ("coding bootcamps" in "Tell me about coding bootcamps"). None when it named two or
    more roles itself: "that" would not say which."""
    leaned = None  # what a question whose subject was a pronoun asked about
    for i, previous in _questions_back(history):
        carried = set_against(previous, history[:i], book)
        if carried:
            return carried[0]
        roles = book.find(previous)
        if roles:
            return roles[0] if len(roles) == 1 else None
        # No role: the noun phrase it asked about ("How much do charge nurses earn?"), else
        # what it asked about, not what for ("Tell me about coding bootcamps").
        about = subject_phrase(previous) or " ".join(borrowed_topic(previous, [], ["?"]))
        if about and _leans_back(previous) and any(_questions_back(history[:i])):
            # "Is it hard to learn?" after "What's a charge nurse?": "it" is the subject the
            # question before named, and "hard to learn" what was asked of it
            leaned = leaned or about
            continue
        if about:
            return about
        # "Why is that?" names no subject: it kept the one before it
    return leaned


# "Is it hard?", "How much do they make?": a question whose subject is a pronoun for
# something the conversation named before (not the asker: "How do I ...?")
_PRONOUN_SUBJECT = re.compile(
    r"^\s{0,8}(?:(?:and|so|but)\s{1,4})?(?:(?:how(?:\s{1,4}(?:much|many|long|often|far|well))?"
    r"|what|why|when|where|which|who)\s{1,4})?(?:do|does|did|is|are|was|were|can|could|should"
    r"|would|will|has|have)\s{1,4}(?:it|they|this|that|these|those|he|she)\b",
    re.I,
)


def _leans_back(question: str) -> bool:
    return bool(_PRONOUN_SUBJECT.match(question[:1000]))


def compared_sides(question: str, book: RoleBook) -> list[str]:
    """The roles a question names, or, when it names fewer than two, the sides it compares
    ("Compare nurses and teachers": "teachers" is no role the library knows by name)."""
    roles = book.find(question)
    if len(roles) >= 2:
        return roles
    comparison = detect_comparison(question, book, None)[0]
    return list(comparison.sides) if comparison else roles


def is_followup(question: str, history: list[dict], book: RoleBook) -> bool:
    if not any(t.get("role") == "user" for t in history):
        return False
    if _FOLLOWUP_START.search(question):
        return True
    if book.find(question):
        return False
    asked = [t for t in content_terms(question) if t not in _REQUEST_VERBS]
    return bool(_ANAPHORA.search(question)) or len(asked) <= 2


# General English: verbs that ask for an answer and say nothing of what it is about ("give me
# an example project", "show me a typical day"), as "tell" in "tell me about it"
_REQUEST_VERBS = frozenset(stem(w) for w in "give show list provide share".split())


# "which one", "which of them", "which of the two", "which is": a choice between roles
_WHICH_ONE = re.compile(r"\bwhich(?:\s+one|\s+of\s+(?:them|the\s+two|these|those)|\s+is)\b", re.I)


def _another_role(history: list[dict], role: str, book: RoleBook) -> str | None:
    """The one role an earlier question named, other than `role` (the latest first)."""
    for _i, previous in _questions_back(history):
        found = [r for r in book.find(previous) if not book.same(r, role)]
        if len(found) == 1 and len(book.find(previous)) == 1:
            return found[0]
        if found:
            return None  # several: "which one" would not say which
    return None


def _another_person(
    question: str, own_roles: list[str], own_topic: list[str], history: list[dict]
) -> str | None:
    """ "And Keisha?" after "What does Tomas do?": the same question about another person (the
    earlier question with its name swapped for the new one); None for anything else."""
    if own_roles or not own_topic:
        return None
    # the follow-up's own words are a name and nothing more ("And Keisha?", "What about Ravi?")
    written = {w.lower(): w for w in re.findall(r"[A-Za-z][\w'’-]{0,40}", question)}
    if not all(NAME_WORD.match(written.get(w, "")) for w in own_topic):
        return None
    new = " ".join(written[w] for w in own_topic)
    latest = next(_questions_back(history), None)
    if latest is None:
        return None
    i, previous = latest
    # ("What about Ravi?" after "And Keisha?": that one's question, about Keisha; the history
    # is at most 12 turns, so is this chain)
    previous = _another_person(previous, [], topic_of(previous, []), history[:i]) or previous
    old = asked_name(previous)
    if old:
        return re.sub(r"\b" + r"\s+".join(map(re.escape, old)) + r"\b", new, previous[:1000])
    # "How did he get into it?" after a question naming someone: the person is "he"
    said = _PERSON_PRONOUN.search(previous[:1000])
    if said and any(asked_name(q) for _j, q in _questions_back(history[:i])):
        return previous[: said.start()] + new + previous[said.end() : 1000]
    return None  # the question before names no one to swap


def _another_role_asked(previous: str, roles: list[str], own_roles: list[str]) -> str | None:
    """ "And an ML engineer?" after "What does an AI engineer do?": the earlier question about
    the one new role, when that question asked of one other role by its shape alone (no topic
    word to borrow: "What does X do?", "Who is X?"); None otherwise."""
    if len(own_roles) != 1 or len(roles) != 1 or roles[0].lower() == own_roles[0].lower():
        return None
    m = re.search(rf"\b{re.escape(roles[0])}(?:s|es)?\b", previous[:1000], re.I)
    if m is None:
        return None
    return previous[: m.start()] + own_roles[0] + previous[m.end() : 1000]


def _topic_carried(previous: str, history: list[dict], book: RoleBook) -> list[str]:
    """The topic a follow-up naming only a role ("What about pilots?") took from the question
    before it; [] when it is no such follow-up."""
    roles = book.find(previous)
    if not is_followup(previous, history, book) or topic_of(previous, roles):
        return []
    earlier = next((q for _i, q in _questions_back(history)), None)
    return borrowed_topic(earlier, compared_sides(earlier, book), []) if earlier else []


_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her)\b", re.I)
# "that figure", "these numbers": a figure the conversation gave (general English)
POINTS_AT_A_FIGURE = re.compile(
    r"\b(?:that|this|those|these)\s{1,3}(?:figures?|numbers?|stats?|statistics?|estimates?"
    r"|amounts?|ranges?|claims?)\b",
    re.I,
)


# "How many of those are there per week?", "Are these paid?": a pronoun standing for the things
# the last question asked about (a determiner, "those meetings", names its own; "those who"
# are people). General English; bounded lookahead, so linear in time.
POINTS_AT_THINGS = re.compile(
    r"\b(?:those|these)(?=\s{0,3}(?:[?.!,;]|$|(?:are|is|were|was|do|does|did|happen|happens"
    r"|take|takes|last|lasts|cost|costs|run|runs|involve|involves|there|usually|typically"
    r"|often|always)\b))",
    re.I,
)


def resolve_followup(
    question: str, history: list[dict], book: RoleBook | None = None
) -> tuple[str, list[str]]:
    """Make a follow-up standalone from earlier user turns. Returns (query, inherited roles).

    "And which one is easier to get into?" keeps the roles asked about before and takes its
    topic from its own words. "What about ML engineers?" names its role and has no topic of its
    own, so it borrows the previous topic. A self-contained question inherits nothing.
    """
    book = book or RoleBook()
    if not is_followup(question, history, book):
        return question, []
    own_roles = book.find(question)
    own_topic = topic_of(question, own_roles)
    swapped = _another_person(question, own_roles, own_topic, history)
    if swapped:
        return swapped, []
    if own_roles and own_topic:
        return question, []
    # "they" are people: roles, which the last answer may name when no question did.
    people = bool(_PEOPLE.search(question)) and bool(own_topic)
    borrowed = None
    passed: list[str] = []  # the topic of a follow-up passed over for its want of roles
    for i, previous in _questions_back(history):
        # the roles it names, or the two sides it set against each other through a pronoun
        against = set_against(previous, history[:i], book)
        roles = against or compared_sides(previous, book)
        if not roles and is_followup(previous, history[:i], book):
            # "What do they earn?" after "What does a pastry chef do?": that question was
            # about the roles it took from the one before it
            roles = resolve_followup(previous, history[:i], book)[1]
        asked_for = _slot_filled(question, previous, roles)
        if asked_for and own_topic:
            # "and for data science?" after "What skills do you need for data engineering?":
            # the new words take the place of what was asked about, role or not; what was
            # asked for stays
            return f"{question} ({' '.join(asked_for)})", []
        topic = borrowed_topic(previous, roles, own_topic)
        if own_roles:
            if topic:
                return f"{question} ({' '.join(topic)})", []
            swapped = _another_role_asked(previous, roles, own_roles)
            if swapped:
                return swapped, []
            continue
        if (
            len(roles) >= 2
            and len(book.find(previous)) >= 2  # named there, not carried from before it
            and not against
            and not _CUES.search(question[:1000])
            and not _WHICH_ONE.search(question[:1000])
            and detect_comparison(previous, book, None)[0] is None
        ):
            # "And how long does that take?" after "Can a legal assistant become a
            # paralegal?": the earlier question set no two sides against each other, and
            # this one does not either; "that" is what it asked, both roles in their places
            return f"{question} ({previous.strip().rstrip('?.!')})", []
        if roles:
            if len(roles) == 1 and (
                _WHICH_ONE.search(question)
                or _WHO_MORE.search(question[:1000])
                or asks_to_compare_them(question)
            ):
                # "Which one is easier to get into?" after a question about DevOps engineers,
                # then "And cloud engineers?": the two roles the conversation went through
                earlier = _another_role(history[:i], roles[0], book)
                roles = [earlier, roles[0]] if earlier else roles
            # After "How does that compare to Y?", "Why is that?" asks about the topic that
            # question carried from the one before it ("earn").
            carried = topic_before(history[: i + 1], book) if against and not own_topic else ""
            if not carried and not own_topic and asks_why(question):
                # "Why?" after "Is the AI engineer role growing?": why it is growing; after
                # "What about pilots?", which asked only for a new role, why of what it
                # carried ("How much do they make?" before it: the pay)
                carried = " ".join(topic or _topic_carried(previous, history[:i], book))
            if not carried and POINTS_AT_A_FIGURE.search(question[:1000]):
                # "Who reports that figure?" after "What do nurses do?" and "How much do they
                # make?": the figure is the one the last question asked for
                carried = " ".join(passed or topic)
            if not carried and POINTS_AT_THINGS.search(question[:1000]):
                # "How many of those are there per week?" after "Tell me about the engineer's
                # meetings": the meetings, of the same role
                carried = " ".join(topic)
            if not carried and asks_a_source(question) and source_words_only(own_topic):
                # "Says who?", "What's the source for that?" after "How much do they make?":
                # the source of what the last question asked (its pay), not of anything said
                # of the role
                carried = " ".join(passed or topic or borrowed_topic(previous, roles, []))
            return f"{question} ({' and '.join(roles)}{' ' + carried if carried else ''})", roles
        if topic and not people and not (own_topic and is_followup(previous, history[:i], book)):
            # "What does it produce?" after "... the analysis track ...". A follow-up with a
            # topic of its own ("what about the day-to-day?") after another follow-up that
            # named no role ("and which one takes longer?") looks further back for the roles.
            return f"{question} ({' '.join(topic)})", []
        if topic and borrowed is None:
            borrowed = f"{question} ({' '.join(topic)})"
            passed = topic
    if not own_roles:
        # No earlier question named a role: "they" are the roles the last answer spoke of (for
        # "they", the latest answer that names any: "Why is that?" may come in between).
        answers = [t for t in reversed(history) if t.get("role") == "assistant"]
        for turn in answers[: MAX_ANSWERS_BACK if people else 1]:
            roles = book.find(str(turn.get("content", ""))[:2000])[:2]
            if roles:
                return f"{question} ({' and '.join(roles)})", roles
    if borrowed:
        return borrowed, []
    return question, []
