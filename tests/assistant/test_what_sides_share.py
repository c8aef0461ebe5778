"""'What do X and Y have in common?', 'How are X and Y similar?' ask what the sides share:
"in common" is no topic ("less common skills" does not answer it), and a sentence saying a
thing of both together is the verdict, not one saying how they differ."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

TRADES = """---
title: Welder vs Pipefitter
author: Ray Castillo
---

# Welder vs Pipefitter

## The work

Welders join metal parts with heat, on construction sites, in shipyards and in factories.
Pipefitters lay out, assemble and maintain piping systems that carry steam, chemicals and fuel.

Both trades are learned through four- or five-year apprenticeships and both pay well. Pipefitters
earn more than welders at the median, because fewer workers hold the licence.

## Pay

Welders earned a median of $48,940 in May 2023. Pipefitters earned a median of $61,550. Certified
pipe welders are less common and command higher rates.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "alike", [], written={"welder-vs-pipefitter.md": TRADES})


@pytest.mark.parametrize(
    "question",
    [
        "What do welders and pipefitters have in common?",
        "How are welders and pipefitters similar?",
    ],
)
def test_what_the_sides_share(library, question):
    answer = library.ask(question).answer
    assert "**Verdict:** Both trades are learned" in answer, answer
    assert "less common" not in answer, answer
