"""Hostile article text that made the understanding and comparison regexes super-linear
finishes quickly: long runs such as "A-A-A-…", "a.a.a.…", "1.1.1.…" or one very long word,
where a pattern tried at every position of the run read it to its end (quadratic). Chunks cap
what one call sees in the product; these calls get the whole run, so a regression shows.
Each runs in a child process that is killed after a generous limit."""

from __future__ import annotations

import pytest

from tests.support.child import finishes

LIMIT_S = 20  # generous: the fixed patterns take well under a second on each input
RUN = 120_000  # characters of the hostile run; the old patterns needed minutes on it


def _finishes(code: str) -> None:
    finishes(code, LIMIT_S)


@pytest.mark.parametrize("unit", ["A-", "a.", "A/", "aaaa", "x1-"])
def test_learning_roles_from_a_long_run_is_linear(unit):
    # "Nurse vs <run> vs Teacher": the "X vs Y" sides, the "(SRE)" spellings, shared heads
    # and role phrases are all looked for in it, as in an article's body.
    _finishes(
        f"""
        from assistant.understand.roles import find_roles
        from assistant.understand.vocabulary import abbreviations, counterparts, role_phrases

        run = {unit!r} * ({RUN} // len({unit!r}))
        text = "Nurse vs " + run + " vs Teacher and nurse or midwife (RN), " + run + " (RN)"
        counterparts([], [text])
        role_phrases([], [text], set())
        abbreviations([text])
        find_roles(text)
        # ... and in a title listing sides ("A, B or C?"), the run one of them
        title = "Nurse, " + run + ", Midwife or Teacher?"
        counterparts([title], [text])
        role_phrases([title], [text], set())
        """
    )


def test_a_long_link_like_token_in_a_list_is_linear():
    # Lists of roles drop links first; the link pattern was tried inside every long token.
    _finishes(
        f"""
        from assistant.understand.vocabulary import role_phrases

        token = "a" * {RUN}
        role_phrases([], ["Nurses, midwives, " + token + ", and teachers"], set())
        """
    )


def test_a_pay_cell_from_a_long_run_of_figures_is_linear():
    _finishes(
        f"""
        from assistant.compare import clause
        from assistant.understand.lexicon import aspects

        run = "1." * ({RUN} // 2)
        text = "Nurses earn " + run + " a year; " + "the pay rises with every year of practice " * 8
        clause(text, next(a for a in aspects() if a.name == "Pay"))
        """
    )


@pytest.mark.parametrize("unit", ["Ab ", "Ab of ", "A-", "aaaa"])
def test_proper_names_and_became_titles_from_a_long_run_are_linear(unit):
    # name_words reads sentences; became_titles reads a heading (the run as one heading).
    _finishes(
        f"""
        from assistant.understand.vocabulary import became_titles
        from knowledge.text import MAX_NAME_SCAN, name_words

        run = {unit!r} * ({RUN} // len({unit!r}))
        name_words(("x " + run)[:MAX_NAME_SCAN])
        name_words("Become a " + run)
        became_titles(["How to Become a " + run, "Be an " + run], [run])
        """
    )


@pytest.mark.parametrize("unit", [", while ", "; ", "a, b", " while "])
def test_splitting_a_sentence_into_side_clauses_is_linear(unit):
    _finishes(
        f"""
        from assistant.compare import SideFinder, side_clauses
        from assistant.understand import RoleBook

        book = RoleBook(["Welder", "Machinist"], lone={{"welder", "machinist"}})
        finder = SideFinder(["welder", "machinist"], book)
        run = {unit!r} * ({RUN} // len({unit!r}))
        side_clauses("Welders earn a lot" + run + "machinists earn less", finder)
        """
    )


def test_a_long_list_after_a_title_is_linear():
    # "hotel porter, porter, porter, ...": each title's list is read for a few items only,
    # and a long run after it is matched from its start once
    _finishes(
        f"""
        from assistant.understand.roles import RoleBook

        book = RoleBook(["hotel porter", "hotel receptionist"])
        book.find("hotel porter" + ", porter" * ({RUN} // 8))
        book.find("hotel receptionist, " + "a" * {RUN})
        book.find(("hotel porter and " + "x-" * 20) * ({RUN} // 60))
        """
    )
