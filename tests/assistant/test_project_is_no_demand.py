""" "an example project" is a piece of work, not the "projected" growth of a job: a question
word written in a form that speaks of no aspect (lexicon.ONLY_AS) stands for itself alone, not
for its aspect's other words ("growing", "openings").

Written for the test: a carpentry article (no development article's domain); and the seed
article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand.lexicon import aspect_forms
from tests.assistant.conftest import dev_library

JOINERY = """# Working as a Carpenter

## What a carpenter does

A carpenter frames house extensions, hangs doors and fits kitchens. A typical job might be
building a timber staircase or a loft conversion from the architect's drawings.

## Outlook

Carpenter jobs are growing by about 4 percent over the decade, with many openings as older
tradespeople retire.
"""


def test_a_project_is_no_word_of_demand_where_projected_growth_is():
    assert not {w for w, _st in aspect_forms("an example project")} & {"project"}
    assert {w for w, _st in aspect_forms("employment is projected to grow")} >= {"projected"}


@pytest.fixture(scope="module")
def joinery(tmp_path_factory):
    return dev_library(tmp_path_factory, "project", [], written={"joinery.md": JOINERY})


@pytest.mark.parametrize(
    ("question", "told", "not_told"),
    [
        ("What is an example project for a carpenter?", "staircase", "growing by"),
        # the seed article, asked the same way
        ("what is an example of an AI engineer project", "retrieval-augmented", "fastest-growing"),
    ],
)
def test_an_example_project_is_answered_with_work_not_growth(joinery, question, told, not_told):
    answer = joinery.ask(question).answer
    assert told in answer, answer
    assert not_told not in answer.split("[1]")[0], answer  # not what the answer leads with
