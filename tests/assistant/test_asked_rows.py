"""A comparison asking about several things gets one row per thing, each cell a sentence that
speaks of THAT thing for that side (issue 9):

- the rows the question names keep their own words: "demand, pay and how hard they are to get
  into" gives the Demand row no word of pay, so its cells are no pay sentences, and a sentence
  speaking of two rows asked ("the second-fastest-growing trade, with median wages of $61,000")
  fills the one it alone answers (demand), not one other sentences fill too (pay);
- a topic of two words the lexicon does not know, joined by "and" ("the pros and cons"), is
  two rows, each side's cell in each speaking of that row's word (not one "Pros cons" row
  with the pros of one side and the cons of the other).

Articles written for the test in fields no development article covers (the electrical and
plumbing trades; a restaurant's sommelier and bartender), beside the seed and a development
article with the same shapes.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

TRADES = """Electrician vs Plumber: Which Trade Pays More?

What an Electrician Does

Electricians wire new homes, install breaker panels and trace faults in old circuits. A national
builders' survey named electrician the second-fastest-growing trade in the country, with median
wages of $61,000 a year.

What a Plumber Does

Plumbers fit water pipes, clear blocked drains and install boilers. According to union pay
scales, master plumbers in large cities regularly earn $95,000 or more.

The Wage Gap

In comparing wages, plumbers generally earn more at the master level. The higher pay for
plumbers comes from the emergency call-outs they answer at night. However, electricians who
work on industrial sites can match the best plumber wages.
"""

DRINKS = """Sommelier vs Bartender: Which Hospitality Path Suits You?

Sommeliers and bartenders both serve drinks to guests, but the two paths differ in training,
hours and daily rhythm.

Life as a Sommelier

A sommelier builds the wine list, tastes new bottles with suppliers and guides diners through
pairings at the table.

Pros: sommeliers taste rare wines and often travel to vineyards on the restaurant's budget.

Cons: the certification exams are expensive and many candidates fail the tasting on the first
try.

Life as a Bartender

A bartender mixes cocktails, pours beer and keeps the bar stocked through a busy evening shift.

Pros: bartenders collect generous tips and can find work in almost any town.

Cons: late nights and weekend shifts make family life hard to plan.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "asked-rows",
        ["flogs-cs-degree-vs-bootcamp-vs-self-taught.txt"],
        written={"electrician-vs-plumber.txt": TRADES, "sommelier-vs-bartender.txt": DRINKS},
    )


def _row(answer: str, label: str) -> list[str]:
    line = next((x for x in answer.splitlines() if x.startswith(f"| {label} |")), "")
    return [c.strip() for c in line.split("|")[2:-1]]


def _said(answer: str, label: str) -> str:
    """What the answer gives for a row: its cells, or the line for the one side that has it."""
    row = " | ".join(_row(answer, label))
    lines = [x for x in answer.split("\n\n") if x.startswith(f"**{label} (")]
    return " ".join([row, *lines])


@pytest.mark.parametrize(
    "question, growing",
    [
        (
            "Can you compare electricians and plumbers on demand, pay and how hard they are "
            "to get into?",
            "second-fastest-growing",
        ),
        (
            "Can you compare AI engineers and ML engineers on demand, pay and how hard they "
            "are to get into?",
            "third-fastest-growing",
        ),
    ],
)
def test_a_demand_row_asked_beside_pay_shows_demand(library, question, growing):
    r = library.ask(question)
    demand = _said(r.answer, "Demand")
    assert growing in demand, r.answer
    # no pay sentence stands in for demand: every demand cell says how the role grows
    for cell in _row(r.answer, "Demand"):
        assert "growing" in cell or "demand" in cell.lower(), r.answer


def test_a_skills_row_asked_beside_pay_takes_no_pay_sentence(library):
    r = library.ask("Compare the skills and the pay of AI engineers and ML engineers")
    skills = _said(r.answer, "Skills")
    assert skills.strip(), r.answer
    # pay sentences that say nothing of skill
    assert "highest salaries" not in skills and "third-fastest" not in skills, r.answer


@pytest.mark.parametrize(
    "question, labels, pros, cons",
    [
        (
            "What are the pros and cons of being a sommelier versus a bartender?",
            ("Pros", "Cons"),
            ("rare wines", "generous tips"),
            ("certification exams", "late nights"),
        ),
        (
            "What are the upsides and downsides of each path, sommelier or bartender?",
            ("Upsides", "Downsides"),
            ("rare wines", "generous tips"),
            ("certification exams", "late nights"),
        ),
        (
            "What are the pros and cons of a computer science degree versus a bootcamp?",
            ("Pros", "Cons"),
            ("computer science", "Bootcamp"),
            ("Slow", "Expensive"),
        ),
    ],
)
def test_pros_and_cons_are_a_row_each(library, question, labels, pros, cons):
    r = library.ask(question)
    good, bad = (_row(r.answer, label) for label in labels)
    assert len(good) == len(bad) == 2, r.answer
    for cell, said in zip(good, pros, strict=True):
        assert said in cell, r.answer
    for cell, said in zip(bad, cons, strict=True):
        assert said in cell, r.answer
