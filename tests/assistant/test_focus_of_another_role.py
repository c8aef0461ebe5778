"""A yes/no question about one role asking for a thing only another role's passage writes
("Do data scientists use Kubernetes?") is answered with that passage, saying whose it is,
not with the asked role's sentences that never name the thing."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made up for this test: a restaurant kitchen, not a dev article's field.
KITCHEN = """# Line Cook vs Pastry Chef

## Line cooks

Line cooks run one station of the hot line during service and prepare sauces before it.
The skills line cooks need usually include:

- knife work and portioning — every station;
- sous-vide baths and blast chillers — the kitchen's equipment;
- plating under pressure — the pass.

## Pastry chefs

Pastry chefs start before dawn, laminate dough and temper chocolate for the day's desserts.
Pastry chefs need patience, precise weighing and a feel for how dough behaves in humid weather.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "focus-of-another",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"kitchen.md": KITCHEN},
    )


@pytest.mark.parametrize(
    ("question", "other", "asked", "thing"),
    [
        ("Do pastry chefs use blast chillers?", ("line cooks",), "pastry chefs", "blast chillers"),
        (
            "Do data scientists use Kubernetes?",
            ("data engineers", "ml engineers"),  # both lists name it
            "data scientists",
            "Kubernetes",
        ),
    ],
)
def test_the_thing_asked_is_shown_as_another_roles(library, question, other, asked, thing):
    result = library.ask(question)
    assert not result.abstained, result.answer
    opening = result.answer.split(":")[0].lower()
    assert any(f"say this of {o}" in opening for o in other), result.answer
    assert f"not of {asked}" in opening, result.answer
    assert thing in result.answer


def test_the_roles_own_passage_naming_the_thing_is_answered_plainly(library):
    result = library.ask("Do line cooks use blast chillers?")
    assert not result.abstained, result.answer
    assert "blast chillers" in result.answer and "say this of" not in result.answer
