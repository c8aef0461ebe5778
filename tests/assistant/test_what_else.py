""" "What else do they do?" after an answer asks past what it told: the question is read as
written ("else" asks nothing of the articles' words) and answered from passages the answers
before did not quote, as "tell me more" is.

Written for the test: an electrician article (no development article's domain); and the seed
article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from tests.assistant.conftest import dev_library

SPARKS = """# Becoming an Electrician

## What an electrician does

An electrician wires new houses, fits consumer units and tests every circuit before a building
is signed off. Electricians read the architect's drawings to plan each cable run.

## The rest of the job

Electricians also fault-find on old installations, replace corroded fittings and certify the
repairs. On larger sites an electrician coordinates with plumbers and plasterers so that walls
are not closed before the cables are in.

## Pay

Electricians earn about $61,000 a year.
"""

FIRST = "What does an electrician do?"


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.build([SPARKS], [{"source": "/a/sparks.md", "title": "Sparks", "section": ""}])


def test_what_else_is_read_past_the_answers_before(lib):
    told = "An electrician wires new houses, fits consumer units and tests every circuit."
    history = [{"role": "user", "content": FIRST}, {"role": "assistant", "content": told}]
    query = understand("what else do they do?", history, lib)
    assert query.continues and query.shown == [told], query
    assert "else" not in query.topic, query
    # asked first, "else" asks past nothing
    assert not understand("What else should an electrician know?", [], lib).continues


@pytest.fixture(scope="module")
def sparks(tmp_path_factory):
    return dev_library(tmp_path_factory, "what-else", [], written={"sparks.md": SPARKS})


@pytest.mark.parametrize(
    ("first", "told"),
    [
        (FIRST, "fault-find"),
        # the seed article, asked the same way
        ("What is an AI engineer?", "system design"),
    ],
)
def test_what_else_tells_what_the_first_answer_did_not(sparks, first, told):
    answer = sparks.ask(first).answer
    assert told not in answer, answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer}]
    result = sparks.ask("what else do they do?", history)
    assert not result.abstained, result.answer
    assert told in result.answer, result.answer
