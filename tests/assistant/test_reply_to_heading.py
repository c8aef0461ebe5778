"""The first words under a question heading ("**Can you work as a pharmacist without a
licence?**" / "Not as a licensed pharmacist.") reply to that heading and read only with it:
asked something else, they give way to sentences that stand on their own."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

PHARMACIST = """---
title: How to Become a Pharmacist
author: Imani Clarke
---

# How to Become a Pharmacist

Pharmacists check prescriptions, counsel patients on their medicines and give vaccinations.
Becoming one takes six to eight years of study after high school.

## What pharmacists earn

Pharmacists earned a median of $136,030 in May 2023. Hospital pharmacists often earn more.

## FAQ

**Can you work as a pharmacist without a licence?**
Not as a licensed pharmacist. You can work as a pharmacy technician while you study.

**How long is pharmacy school?**
A Doctor of Pharmacy program takes four years after two years of prerequisites.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "replies", [], written={"become-a-pharmacist.md": PHARMACIST}
    )


@pytest.mark.parametrize(
    "question", ["How long does it take to become a pharmacist?", "Tell me about pharmacists"]
)
def test_a_reply_to_another_heading_does_not_answer(library, question):
    answer = library.ask(question).answer
    assert "Not as a licensed pharmacist" not in answer, answer
