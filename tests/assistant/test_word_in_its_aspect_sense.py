"""A career-lexicon word asked in the sense of its aspect ("Are welders in demand?") is met by
that sense ("the trade is in demand"), not by the same word in another ("Welding demands
steady hands")."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

WELDER = """---
title: Becoming a Welder
author: Tomas Reyes
---

# Becoming a Welder

## The work

Welding demands steady hands from welders, good eyesight and patience with protective gear
in hot, cramped spaces.

## Outlook

Shipyards, pipelines and energy projects are short of staff: the trade is in demand as older
hands retire.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "aspectsense", [], written={"becoming-a-welder.md": WELDER}
    )


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Are welders in demand?", "Shipyards, pipelines and energy projects are short of staff"),
        ("Are ML engineers in demand?", "Both roles are in demand"),
    ],
)
def test_the_aspect_sense_leads(library, question, lead):
    answer = library.ask(question).answer
    assert answer.startswith(lead), answer
