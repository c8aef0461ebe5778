""" "give me an example project", "show me a typical day": after a question about a role, a
request naming no role is a follow-up about it. Verbs that only ask for an answer ("give",
"show", "list") are no words of what is asked, as "tell" is not.

Written for the test: a court clerk article (no development article's domain); and the seed
article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from tests.assistant.conftest import dev_library

COURT = """# Working as a Court Clerk

## What a court clerk does

A court clerk swears in witnesses, keeps the exhibits and records each ruling in the docket.

## A typical day

The morning starts with the list of hearings; in the afternoon the clerk files the orders the
judge signed and answers calls from solicitors.

## Money

Court clerks earn about $44,000 a year.
"""

FIRST = "What does a court clerk do?"


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.build([COURT], [{"source": "/a/court.md", "title": "Court", "section": ""}])


@pytest.mark.parametrize("then", ["show me a typical day", "give me an example ruling"])
def test_a_request_naming_no_role_follows_the_role_before(lib, then):
    history = [
        {"role": "user", "content": FIRST},
        {"role": "assistant", "content": "A court clerk swears in witnesses."},
    ]
    query = understand(then, history, lib)
    assert query.followup and "court clerk" in query.standalone.lower(), query


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    return dev_library(tmp_path_factory, "request-verbs", [], written={"court.md": COURT})


@pytest.mark.parametrize(
    ("first", "then", "told"),
    [
        (FIRST, "show me a typical day", "list of hearings"),
        # the seed article, asked the same way
        ("Tell me about the AI engineer role", "give me an example project", "retrieval-augmented"),
    ],
)
def test_the_request_is_answered_of_that_role(court, first, then, told):
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": court.ask(first).answer},
    ]
    result = court.ask(then, history)
    assert not result.abstained, result.answer
    assert told in result.answer, result.answer
