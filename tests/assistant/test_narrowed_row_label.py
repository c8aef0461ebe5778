"""A pay table's row whose label puts words before the side's name ("Residential and
maintenance electricians") is a kind of the side, however many words narrow it; the row for
the side itself ("Electricians (all)") fills its pay cell in a comparison."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

TRADES = """# Electrician vs Plumber: Pay and Training

Electricians and plumbers both learn through four- or five-year apprenticeships.

## Pay compared

| Occupation | Median annual pay | Median hourly pay |
|---|---|---|
| Commercial, industrial and maintenance electricians | $58,200 | $27.98 |
| Electricians (all) | $61,590 | $29.61 |
| Plumbers | $61,550 | $29.59 |

Overtime and on-call work add to these figures in both trades.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "narrowedrow", [], written={"trades.md": TRADES})


def test_the_sides_own_row_fills_its_pay_cell(library):
    answer = library.ask("Do electricians earn more than plumbers?")["answer"]
    assert "$61,590" in answer and "$61,550" in answer
    assert "$58,200" not in answer


@pytest.mark.parametrize(
    ("row", "narrowed"),
    [
        ("Commercial, industrial and maintenance electricians — Median annual pay: $58,200.", True),
        ("Residential electricians — Median annual pay: $55,000.", True),
        ("Electricians (all) — Median annual pay: $61,590.", False),
        ("Electricians, line installers and repairers — Median annual pay: $60,000.", False),
    ],
)
def test_words_before_the_sides_name_in_a_row_label_narrow_it(library, row, narrowed):
    from assistant.compare import _narrowed

    assert _narrowed(row, library.retriever.library.roles, "electrician") is narrowed
