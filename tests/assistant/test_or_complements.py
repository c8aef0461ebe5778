""" "X or Y" after a role joins what is asked of that role ("the figure for charge nurses: base
salary or total pay?"), not two sides, when one phrase holds the role with more words after it
and the other names none.

Made-up ward and kitchen articles, and the data-team development article.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand

from .conftest import dev_library

WARD_AND_KITCHEN = [
    (
        "/w/ward.md",
        "Charge nurse vs ward clerk: a night on the ward",
        "Pay",
        "A charge nurse runs the shift and earns $78,000 with overtime. A ward clerk keeps the "
        "records.",
    ),
    (
        "/k/kitchen.md",
        "Pastry chef vs line cook",
        "Pay",
        "Pastry chefs earn $52,000. A line cook works the grill.",
    ),
]


def _library() -> Library:
    docs = [a[3] for a in WARD_AND_KITCHEN]
    metas = [{"source": a[0], "title": a[1], "section": a[2]} for a in WARD_AND_KITCHEN]
    return Library.build(docs, metas)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Is the $78k figure for charge nurses base salary or total pay?", "charge nurse"),
        ("is the number for pastry chefs hourly wages or yearly income?", "pastry chef"),
    ],
)
def test_or_after_a_role_joins_what_is_asked_of_it(question, role):
    q = understand(question, [], _library())
    assert q.comparison is None, q
    assert [r.lower().rstrip("s") for r in q.roles] == [role], q


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("Is a charge nurse or a ward clerk better paid?", ["charge nurse", "ward clerk"]),
        ("Which is harder, a pastry chef job or a line cook job?", ["pastry chef", "line cook"]),
    ],
)
def test_or_between_roles_still_compares_them(question, sides):
    q = understand(question, [], _library())
    assert q.comparison is not None, q
    assert [s.lower() for s in q.comparison.sides] == sides


@pytest.fixture(scope="module")
def data_team(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "or-complements", ["datatalksclub-data-team-roles-explained.md"]
    )


def test_over_a_development_article(data_team):
    library = data_team.retriever.library
    q = understand("Are the skills listed for data engineers soft skills or tools?", [], library)
    assert q.comparison is None, q
    q = understand("Is a data engineer or a data analyst closer to the business?", [], library)
    assert q.comparison is not None, q
    assert len(q.comparison.sides) == 2
