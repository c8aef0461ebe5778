"""A figure whose currency is spelled out ("35,000 pounds a year", "28,000 euros") is a
figure in a comparison's pay cell too, as it is in a one-role answer (issue 9: "A question
about an amount gets the figure")."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made-up, in the plain style of a European careers page that spells its currency out.
KITCHEN = """Baker or pastry chef: which kitchen career pays?

Pay

Self-employed bakers set their own prices and their own hours.
A baker in an industrial bakery earns around 14.50 euros an hour, or about 28,000 euros a
year. Pastry chefs in hotels earn about 34,000 euros a year, more with a head chef's title.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "currency", [], written={"kitchen.txt": KITCHEN})


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("Which pays more, a baker or a pastry chef?", ("28,000", "34,000")),
        # the seed article's sides, in dollars, as before
        ("Which pays more, AI engineer or ML engineer?", ("$140,000", "$245,000")),
    ],
)
def test_each_side_s_pay_cell_gives_its_figure(library, question, figures):
    result = library.ask(question)
    pay = next((line for line in result.answer.splitlines() if line.startswith("| Pay")), "")
    for figure in figures:
        assert figure in pay, result.answer


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("A newly qualified electrician earns about 35,000 pounds a year.", True),
        ("A baker earns around 14.50 euros an hour.", True),
        ("Pastry chefs in hotels earn about 34,000 euros a year.", True),
        # the seed article's way, as before
        ("Median base salaries range from $140,000 to $185,000.", True),
        # a weight, not a sum; a price, not pay
        ("Bakers lift sacks of 50 pounds all morning.", False),
        ("A pastry course can cost 9,000 euros.", False),
    ],
)
def test_a_pay_figure_may_spell_its_currency_out(text, paid):
    from assistant.compare import earned_money

    assert earned_money(text) is paid
