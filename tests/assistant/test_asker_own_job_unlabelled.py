""" "I'm a bar manager who loves wine. Which job is a better fit?": the one role the
question names is the asker's own job, not what it asks about; the answer about the roles the
articles cover is not labelled as said "of X, not of bar manager".

Written for the test: a restaurant article (no development article's domain); and the seed
article, asked the same way.
"""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

CELLAR = """# Sommelier or Restaurant Manager?

## What a sommelier does

A sommelier builds the wine list, tastes every delivery and guides guests through pairings at
the table. If you love wine and talking to guests, the sommelier track suits you.

## What a restaurant manager does

A restaurant manager draws up the rota, handles the suppliers and answers for the takings.
"""


@pytest.fixture(scope="module")
def cellar(tmp_path_factory):
    return dev_library(tmp_path_factory, "own-job", [], written={"cellar.md": CELLAR})


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("I'm a bar manager who loves wine. Which job is a better fit?", "sommelier"),
        # the seed article, asked the same way
        (
            "I'm a web developer who wants to build AI products. Which job is a better fit?",
            "AI engineer track",
        ),
    ],
)
def test_the_askers_own_job_is_no_role_the_answer_is_told_of(cellar, question, told):
    result = cellar.ask(question)
    assert not result.abstained and told in result.answer, result.answer
    assert "not of" not in result.answer, result.answer


def test_a_question_about_a_role_told_of_another_is_still_labelled(cellar):
    # the asked role is what the question is about: whose the answer is must be said
    answer = cellar.ask("Does a restaurant manager taste every wine delivery?").answer
    assert "tastes every delivery" not in answer or "not of" in answer, answer
