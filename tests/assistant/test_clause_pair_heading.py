"""A one-clause question about a role ("Will robots replace welders?") is answered by a FAQ
entry whose heading asks it of the pair the article's title sets the role in ("Which trade is
more likely to be replaced by robots?" in "Welder vs Pipefitter"): its answer ("Neither is
likely to disappear ...") is about both sides, though it names neither.

Written for the test: welding and pipefitting (no development article's domain), beside the
front-end handbook, where the same question still finds no sentence and is declined.
"""

from __future__ import annotations

import pytest

TRADES = """# Welder vs Pipefitter: Which Trade Is Right for You?

Welders join metal parts with heat; pipefitters plan and assemble the pipe systems that carry
water, steam and gas.

## What does a welder do?

A welder reads blueprints and lays each bead where the drawing puts it, in a shop or on site.

## What does a pipefitter do?

A pipefitter cuts, threads and fits pipe, then tests each system under pressure.

## Which trade is more likely to be replaced by robots?

Neither is likely to disappear. Robots already weld straight seams in car plants, but repair
work and pipework on a building site still need people.
"""


@pytest.fixture(scope="module")
def trades(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "pair-heading",
        ["front-end-developer-handbook-2019.html"],
        written={"welding.md": TRADES},
    )


def test_a_faq_asked_of_the_pair_answers_for_each_side(trades):
    for question in ("Will robots replace welders?", "Will robots replace pipefitters?"):
        r = trades.ask(question)
        assert not r.abstained, r.answer
        assert "Neither is likely to disappear" in r.answer, r.answer
    # no heading or sentence about front-end developers writes it: still declined
    declined = trades.ask("Will robots replace front-end developers?")
    assert declined.abstained and "speaks of" in declined.answer, declined.answer
