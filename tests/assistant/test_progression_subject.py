"""A progression sentence opens with the asked role's bare head noun as its subject ("A
dispatcher might become a shift supervisor ..."), in an article titled for that role: it is
about the asked role, though it goes on to name the roles that role leads to.

Written for the test: emergency services (no development article's domain), beside two
development articles in the same library.
"""

from __future__ import annotations

import pytest

DISPATCH = """# Paramedic vs Emergency Dispatcher

Paramedics treat patients at the scene and on the way to hospital. Emergency dispatchers take
999 calls, decide which crew to send and talk callers through first aid until help arrives.

## What an emergency dispatcher does

Emergency dispatchers work in a control room, on twelve-hour shifts. Emergency dispatchers
answer calls, grade how urgent each one is and keep track of every ambulance. Emergency
dispatchers earn about 26,000 pounds a year when they start.

## What a paramedic does

Paramedics assess patients, give drugs and decide whether a patient needs hospital.

## Career progression

A dispatcher might become a shift supervisor and then a control room manager. A paramedic
might become a critical care paramedic or a clinical team leader.
"""


@pytest.fixture(scope="module")
def dispatch(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "dispatch",
        [
            "datatalksclub-data-team-roles-explained.md",
            "cds-so-what-exactly-is-a-product-manager.md",
        ],
        written={"dispatch.md": DISPATCH},
    )


def test_a_progression_sentence_about_the_asked_roles_head_noun_answers(dispatch):
    r = dispatch.ask("How can an emergency dispatcher progress in their career?")
    assert "A dispatcher might become a shift supervisor" in r.answer, r.answer
    assert "A paramedic might become" not in r.answer, r.answer
    then = dispatch.ask(
        "What about career progression for them?",
        [
            {"role": "user", "content": "What does an emergency dispatcher do?"},
            {"role": "assistant", "content": "Emergency dispatchers take 999 calls."},
        ],
    )
    assert "A dispatcher might become a shift supervisor" in then.answer, then.answer
