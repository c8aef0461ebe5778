"""A sentence judging one side ("Dental hygienists tend to earn far more") is a verdict
on the pair asked only where its passage names the other side too; "both careers" / "both
jobs" in the passage speak of that article's own pair, not of the one asked, unless the
article's title names the pair asked.

Written for the test: a dental guide and a pharmacy guide (no development article's domain);
and the DataTalks.Club roles article, whose "both jobs" are the data scientist's and the data
analyst's.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

DENTAL = """# Dental Hygienist vs Dental Assistant: Which Career Fits You?

## Pay and outlook

Both careers pay well and are growing quickly. According to the Bureau of Labor Statistics,
the median annual wage for dental assistants was $46,540 in May 2023, while dental hygienists
earned a median of $87,530. Dental hygienists tend to earn far more from the start, largely
because they need a licence.
"""

PHARMACY = """# Pharmacy Technician Career Guide

## Pay

Pharmacy technicians count pills, label bottles and earn a median of $40,300 a year.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "verdict-other-pair",
        ["datatalksclub-data-team-roles-explained.md"],
        {"dental.md": DENTAL, "pharmacy.md": PHARMACY},
    )


def test_a_judgement_against_another_pairs_role_is_no_verdict(library):
    result = library.ask("Who earns more, a dental hygienist or a pharmacy technician?")
    assert "$87,530" in result["answer"] and "$40,300" in result["answer"], result["answer"]
    assert "**Verdict:**" not in result["answer"], result["answer"]


def test_a_dev_articles_both_jobs_of_another_pair_is_no_verdict(library):
    result = library.ask(
        "How is a machine learning engineer's job different from a data scientist's?"
    )
    verdict = (
        result["answer"].split("**Verdict:**")[-1] if "**Verdict:**" in result["answer"] else ""
    )
    assert "rather than explaining" not in verdict, result["answer"]
