"""'How does a teacher become a school counselor?' asks the way from one role into the other:
the passage on getting into the second is found though the question writes none of its words
(a degree, a licence, experience first), and a sentence about either role may answer."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

PHARMACY = """---
title: Pharmacy Technician or Pharmacist?
author: Lena Marsh
date: 2024-02-11
---

# Pharmacy Technician or Pharmacist?

Many pharmacy technicians wonder whether to stay behind the counter or go back to school.

## What the jobs involve

Pharmacy technicians count tablets, label bottles and manage stock. Pharmacists check every
prescription, counsel patients and give vaccinations.

## Pay

Pharmacists earned a median of $136,030 in May 2023, against $40,300 for pharmacy technicians,
so a new pharmacist with a doctorate earns about three times what a technician with a
high school diploma does.

## Training and licensing

Pharmacists need a Doctor of Pharmacy (PharmD), a four-year program after two years of college
prerequisites. Graduates must then pass the NAPLEX licensing exam. Some schools give credit for
experience behind the counter, and several of our technicians finished the PharmD while
working part time.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "wayin", [], written={"pharmacy-tech-or-pharmacist.md": PHARMACY}
    )


@pytest.mark.parametrize(
    "question",
    [
        "How does a pharmacy technician become a pharmacist?",
        "Can a pharmacy technician become a pharmacist?",
    ],
)
def test_the_way_into_the_second_role_answers(library, question):
    answer = library.ask(question).answer
    assert "Pharmacists need a Doctor of Pharmacy" in answer, answer
