"""Follow-ups: a question that leans on the conversation borrows its roles, never its topic."""

from __future__ import annotations

import re

from knowledge.text import content_terms

from .query import asks_about_the_article, topic_of
from .roles import RoleBook

_FOLLOWUP_START = re.compile(
    r"^\s*(and|also|then|so|but|what about|how about|same for|and what about)\b", re.I
)
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|this|that|these|those|he|she|his|her|the role|that role|"
    r"this role|one|the article|this article|that article|the post|the author)\b",
    re.I,
)


MAX_ANSWERS_BACK = 3
# "the downsides | of getting a degree": what was asked for, then what it was asked about.
_ASKED_ABOUT = re.compile(r"^(.{1,300}?)\b(?:of|for|about|with)\s+(.{1,300})$", re.I | re.S)


def borrowed_topic(previous: str, roles: list[str], own_topic: list[str]) -> list[str]:
    """The topic a follow-up takes from an earlier question. A follow-up asking for a thing of
    its own ("What are the upsides then?" after "What are the downsides of getting a degree?")
    takes only what that question was about ("getting a degree"), not what it asked for."""
    topic = topic_of(previous, roles)
    if not own_topic:
        return topic
    m = _ASKED_ABOUT.match(previous.strip())
    if m and topic_of(m.group(1), roles):  # something was asked for before the "of"
        about = topic_of(m.group(2), roles)
        if about:
            return about
    return topic


_PEOPLE = re.compile(r"\b(they|them|their|theirs)\b", re.I)


def is_followup(question: str, history: list[dict], book: RoleBook) -> bool:
    if not any(t.get("role") == "user" for t in history):
        return False
    if _FOLLOWUP_START.search(question):
        return True
    if book.find(question):
        return False
    return bool(_ANAPHORA.search(question)) or len(content_terms(question)) <= 2


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
    if own_roles and own_topic:
        return question, []
    # "they" are people: roles, which the last answer may name when no question did.
    people = bool(_PEOPLE.search(question)) and bool(own_topic)
    borrowed = None
    for turn in reversed(history):
        if turn.get("role") != "user":
            continue
        previous = str(turn.get("content", ""))
        if asks_about_the_article(previous):
            continue  # "Who wrote it?" has no topic to lend: look further back
        roles = book.find(previous)
        topic = borrowed_topic(previous, roles, own_topic)
        if own_roles:
            if topic:
                return f"{question} ({' '.join(topic)})", []
            continue
        if roles:
            return f"{question} ({' and '.join(roles)})", roles
        if topic and not people:  # "What does it produce?" after "... the analysis track ..."
            return f"{question} ({' '.join(topic)})", []
        if topic and borrowed is None:
            borrowed = f"{question} ({' '.join(topic)})"
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
