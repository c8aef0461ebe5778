""" "Is the salary figure for the US or worldwide?": an adverb of where something holds
("globally", "worldwide", "nationally") sets no second thing against the first; the question
asks how far a figure reaches and is answered with the sentence that says so, not compared as
two sides and declined because neither is a role.

Written for the test: an electricians' pay article (no development article's domain); and the
seed article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from tests.assistant.conftest import dev_library

WIRING = """# Electrician Pay

Electricians in Canada earn a median of $72,000 a year nationally, with the highest wages in
Alberta. Union electricians earn more than non-union ones.
"""


@pytest.mark.parametrize(
    "question",
    [
        "Is the $72,000 median for Alberta or nationally?",
        "Is that figure for Canada or worldwide?",
    ],
)
def test_a_scope_is_no_side(question):
    library = Library.build([WIRING], [{"source": "/a/w.md", "title": "Pay", "section": ""}])
    assert understand(question, [], library).comparison is None


def test_two_things_set_against_each_other_are_still_sides():
    library = Library.build([WIRING], [{"source": "/a/w.md", "title": "Pay", "section": ""}])
    query = understand("Do union or non-union electricians earn more?", [], library)
    assert query.comparison is not None


@pytest.fixture(scope="module")
def wiring(tmp_path_factory):
    return dev_library(tmp_path_factory, "scope", [], written={"wiring.md": WIRING})


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("Is the $72,000 median for Alberta or nationally?", "$72,000"),
        # the seed article, asked the same way
        ("Is the third-fastest-growing ranking for the US or globally?", "globally"),
    ],
)
def test_the_sentence_saying_where_it_holds_answers(wiring, question, told):
    result = wiring.ask(question)
    assert not result.abstained and told in result.answer, result.answer
    assert "Verdict" not in result.answer, result.answer
