"""Question understanding: roles, intent, comparison and follow-up, into one typed `Query`.

Nothing here reads the store: what it knows about the library (its roles, abbreviations and
vocabulary) comes in as a `Library` snapshot, built by the retriever when the store changes.
"""

from __future__ import annotations

from .followup import (
    answers_since_asked,
    asks_for_more,
    asks_past_answers,
    asks_the_other,
    asks_to_compare_them,
    asks_which_of_two,
    continued_question,
    is_followup,
    resolve_followup,
    set_against,
    topic_before,
    with_background,
    without_interjection,
)
from .query import (
    Comparison,
    Query,
    answer_kind,
    asks_about_the_article,
    asks_of_a_pair,
    asks_why,
    detect_comparison,
    intent_of,
    refers_to_pair,
    topic_of,
)
from .roles import RoleBook, find_roles, role_key, role_keys
from .vocabulary import Library

__all__ = [
    "Comparison",
    "Library",
    "Query",
    "RoleBook",
    "find_roles",
    "asks_of_a_pair",
    "refers_to_pair",
    "is_followup",
    "resolve_followup",
    "role_key",
    "role_keys",
    "understand",
]


def understand(
    question: str,
    history: list[dict],
    library: Library,
    *,
    scope: list[str] | None = None,
    standalone: str | None = None,
) -> Query:
    """Read a cleaned question (and the conversation) into a `Query`.

    `scope` lists the sources the question can draw on; when it is exactly one article whose
    title sets two roles side by side, "the two roles" means that pair. `standalone` is a
    follow-up already rewritten (by an LLM); otherwise it is resolved here.
    """
    book = library.roles
    if standalone is None and history and asks_for_more(question):
        # "tell me more", "go on": the question it continues, asked again; the answers given
        # to it since are what is not to be shown again
        i = continued_question(history)
        if i is not None:
            earlier = understand(
                str(history[i].get("content", "")), history[:i], library, scope=scope
            )
            shown = [
                str(t.get("content", "")) for t in history[i + 1 :] if t.get("role") == "assistant"
            ]
            return earlier.model_copy(update={"continues": True, "shown": shown})
    # "Which path fits me better?" after "I'm a software engineer.": asked with that background
    question = with_background(question, history) if standalone is None else question
    # "ok, and ...": the reply's opening word asks nothing; "ML folks" are the library's ML
    # engineers when it has no other ML role; "vet tech" is the library's "veterinary technician".
    # "ai engneer" is the library's "AI engineer" (a job title's word mistyped).
    question = library.names_as_places(
        library.unclipped(
            library.people_as_roles(library.respelled(without_interjection(question)))
        )
    )
    if history and standalone is None:
        # "and a technician?" after a question about a pharmacist: the pharmacy technician
        question = library.side_by_head(question, history)
    # ... and so are the earlier questions a follow-up takes its roles from
    history = [
        {
            **t,
            "content": library.names_as_places(
                library.unclipped(
                    library.people_as_roles(library.respelled(str(t.get("content", ""))))
                )
            ),
        }
        if t.get("role") == "user"
        else t
        for t in history
    ]
    history = _others_named(history, library)
    # "How is that different from a data scientist?" after a question about data engineers: the
    # pronoun is the earlier subject, set against the phrase after the connective (unless the
    # question names two sides of its own).
    against = set_against(question, history, book) if history and standalone is None else None
    if against and detect_comparison(question, book, None)[0] is not None:
        against = None
    if against:
        from .query import _aspect

        # "How does that compare to ML engineers?" after "How much do AI engineers earn?":
        # with no topic of its own, the comparison is on the one asked about before.
        aspect = _aspect(question, against, book) or topic_before(history, book)
        resolved, inherited = f"{question} ({against[0]} {aspect})".replace(" )", ")"), against[:1]
    elif history and library.unwritten_person(question) and not book.find(question):
        resolved, inherited = question, []  # "How much does an oceanographer earn?"
    else:
        resolved, inherited = resolve_followup(question, history, book)
    if (
        len(inherited) >= 2
        and not book.find(question)
        and library.heads_beside(topic_of(question, []), inherited)
    ):
        # "What about being self-taught?" after "CS degree vs bootcamp": an option the articles
        # set beside the two sides is asked about in their place, on the earlier topic
        last = next(
            (str(t.get("content", "")) for t in reversed(history) if t.get("role") == "user"), ""
        )
        compared = detect_comparison(library.expand_abbreviations(last), book, None)[0]
        before = compared.aspect if compared else ""
        resolved, inherited = f"{question} ({before})" if before else question, []
    if inherited and len(inherited) == 1 and asks_the_other(question) and not book.find(question):
        # "And the other one?" after a question about one role: the role set beside it.
        answers = [
            str(t.get("content", "")) for t in reversed(history) if t.get("role") == "assistant"
        ]
        other = library.other_side(inherited[0], answers[:1])
        if other:
            resolved, inherited = f"{question} ({other})", [other]
    if standalone is not None:
        resolved = standalone
        inherited = book.find(standalone) or inherited
    text = library.expand_abbreviations(resolved)
    default_pair = None
    if scope is not None and len(scope) == 1:
        default_pair = library.title_pair(scope[0])
    comparison, named = detect_comparison(text, book, default_pair)
    if against:
        comparison = Comparison(sides=against, aspect=aspect)
    own = book.find(question)
    if comparison is None and len(inherited) >= 2 and not own:
        from .query import _CUES

        # After a comparison, a follow-up on a new topic ("What about the pay?") compares the
        # same two sides on it; a question about the article itself does not.
        if _CUES.search(question) or (
            resolved != question and not asks_about_the_article(question)
        ):
            comparison = Comparison(sides=inherited[:2], aspect=" ".join(topic_of(question, [])))
    if comparison is not None and inherited and not own and not against:
        # A follow-up's topic is its own words: "and which one is easier to get into?".
        comparison = Comparison(
            sides=comparison.sides, aspect=" ".join(topic_of(question, comparison.sides))
        )
    if (
        comparison is None
        and len(inherited) == 1
        and not own
        and standalone is None
        and (asks_which_of_two(question) or asks_to_compare_them(question))
    ):
        # "And which one needs more math?" after a question about one role: that role and
        # the one set beside it (its article title's other side), compared on the new topic
        answers = [
            str(t.get("content", "")) for t in reversed(history) if t.get("role") == "assistant"
        ]
        other = library.other_side(inherited[0], answers[:1])
        if other:
            from .query import _aspect

            sides = [inherited[0], other]
            comparison = Comparison(sides=sides, aspect=_aspect(question, sides, book))
    roles = comparison.sides if comparison else (named or inherited)
    intent = intent_of(question, comparison, book.find(question), library.titles.values())
    from .query import _SUPERLATIVE, _WHAT_THE_MOST, _WHICH

    # ("Which employers pay marine biologists the most?" ranks employers for one role asked
    # about, not the library's roles)
    ranking = bool(
        comparison is None
        and _SUPERLATIVE.search(question)
        and (_WHICH.search(question) or _WHAT_THE_MOST.search(question[:1000]))
        and len(roles) != 1
    )
    # "What else do they do?": the question read as written, told what the answers before it
    # did not tell (the passages they quoted are read past, as for "tell me more")
    shown = answers_since_asked(history) if history and asks_past_answers(question) else []
    return Query(
        question=question,
        standalone=resolved,
        text=text,
        intent=intent,
        roles=list(roles),
        inherited=list(inherited),
        comparison=comparison,
        topic=topic_of(question if inherited else text, roles),
        wants=answer_kind(question if inherited else text)
        or _kind_carried(question, resolved, roles, history),
        followup=resolved != question,
        ranking=ranking,
        explains=asks_why(question),
        continues=bool(shown),
        shown=shown,
    )


def _others_named(history: list[dict], library: Library) -> list[dict]:
    """The earlier turns with each "And the other one?" naming the role it asked about, so a
    later "How much does it pay?" is about that role, not the one asked before it."""
    if not any(
        t.get("role") == "user" and asks_the_other(str(t.get("content", ""))) for t in history
    ):
        return history
    book = library.roles
    out: list[dict] = []
    for turn in history:
        question = str(turn.get("content", ""))
        if turn.get("role") == "user" and asks_the_other(question) and not book.find(question):
            _resolved, inherited = resolve_followup(question, out, book)
            answers = [
                str(t.get("content", "")) for t in reversed(out) if t.get("role") == "assistant"
            ]
            other = library.other_side(inherited[0], answers[:1]) if len(inherited) == 1 else None
            if other:
                turn = {**turn, "content": f"{question} ({other})"}
        out.append(turn)
    return out


def _kind_carried(question: str, resolved: str, roles, history) -> str | None:
    """ "What about a pharmacy technician?" after "How much does a pharmacist make?": a
    follow-up that names only a role asks what the last question asked (an amount, a count),
    for that role."""
    from .query import answer_kind, asks_why, topic_of

    if resolved == question or topic_of(question, list(roles)) or asks_why(question):
        return None  # ("Why?" asks for a reason, whatever the last question asked for)
    before = [str(t.get("content", "")) for t in history or [] if t.get("role") == "user"]
    return answer_kind(before[-1]) if before else None
