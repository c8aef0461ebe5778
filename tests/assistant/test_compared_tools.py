"""Comparisons on a tool or term the articles write in a skills list ("Which role deals more
with EHRs?"): the term is what is compared, not the verb that asks about it; the side whose
list names it is shown with the item; a term no passage found writes declines by its name."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made up for this test: a hospital ward, not a dev article's field.
WARD = """# Ward Nurse or Community Midwife?

## Ward nurses

Ward nurses care for patients admitted to a hospital ward for surgery or illness.
The skills ward nurses need usually include:

- IV cannulation and wound care — bedside procedures;
- EHRs and e-prescribing — the ward's record systems;
- handover and triage — shift routines.

## Community midwives

Community midwives visit expectant mothers at home and run antenatal clinics.
The skills community midwives need usually include:

- antenatal screening — checks in each trimester;
- home birth support — attending births outside hospital;
- breastfeeding advice — help in the first weeks.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "compared-tools",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"ward-or-community.md": WARD},
    )


def test_the_verb_before_more_with_is_not_the_aspect():
    from assistant.understand.query import _aspect
    from assistant.understand.roles import RoleBook

    book = RoleBook(["ward nurse", "community midwife"])
    q = "Which role deals more with EHRs, ward nurse or community midwife?"
    assert _aspect(q, ["ward nurse", "community midwife"], book) == "ehrs"
    # a verb that is itself a career aspect stays ("earns more on nights": pay)
    assert "earns" in _aspect("Who earns more on nights, a nurse or a midwife?", [], book)
    # with no object the verb is what is compared
    assert (
        _aspect("Which one travels more, a nurse or a midwife?", ["nurse", "midwife"], book)
        == "travels"
    )


@pytest.mark.parametrize(
    ("question", "side", "item"),
    [
        (
            "Which role deals more with EHRs, ward nurse or community midwife?",
            "Ward Nurse",
            "EHRs and e-prescribing",
        ),
        (
            "Which role deals more with Terraform, data engineer or data scientist?",
            "Data Engineer",
            "Kubernetes and Terraform",
        ),
    ],
)
def test_a_term_in_one_sides_skills_list_is_shown_with_its_item(library, question, side, item):
    result = library.ask(question)
    assert not result.abstained, result.answer
    line = next(x for x in result.answer.splitlines() if f"({side})**" in x)
    assert item in line, result.answer
    # the label is the term as the question spells it, not "Ehrs"
    term = "EHRs" if "EHRs" in question else "Terraform"
    assert line.startswith(f"**{term} ({side})**"), line


def test_a_term_the_library_writes_is_met_or_unmet_by_the_passages_found(library):
    """A rare term the library writes ("EHRs", "Terraform") is the aspect's topic: met when a
    passage found writes it, else named as what no passage speaks of, not the verb ("deals")
    that asks about it."""
    from assistant.evidence import aspect_unmet
    from knowledge.schema import Passage

    def passage(text: str) -> Passage:
        return Passage(
            id="p", text=text, source="s", title="t", section="", ref_ids=[], chunk_index=0
        )

    nurses = passage("Ward nurses chart doses in EHRs and e-prescribing systems.")
    midwives = passage("Community midwives visit expectant mothers at home.")
    engineers = passage("Data engineers usually use Kubernetes and Terraform.")
    kb = library.kb

    def unmet(aspect, sides, found):
        return aspect_unmet(aspect, sides, found, library.retriever, kb.embedder)

    assert unmet("deals ehrs", ["ward nurse", "midwife"], [nurses, midwives]) == []
    assert unmet("deals ehrs", ["ward nurse", "midwife"], [midwives]) == ["ehrs"]
    assert unmet("deals terraform", ["data engineer", "data scientist"], [engineers]) == []
    assert unmet("terraform", ["ward nurse", "midwife"], [midwives]) == ["terraform"]


def test_a_comparison_on_a_term_the_seed_writes_is_answered(library):
    """ "deals" is never written in the seed article; LLMs are."""
    result = library.ask("Which role deals more with LLMs?")
    assert not result.abstained, result.answer
    assert "LLM" in result.answer and "deals" not in result.answer
