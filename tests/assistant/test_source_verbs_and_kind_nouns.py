"""A question asking who makes data known ("Who publishes the wage data?", "Who compiled these
figures?") asks for a source, not the article's author, and its verb is no topic a passage must
write; a noun for a kind of thing ("Which math topics ...?") is answered by things of that kind."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

HYGIENIST = """---
title: Dental Hygienist Career Guide
author: Priya Okafor
---

# Dental Hygienist Career Guide

## Pay

Dental hygienists earned a median of $87,530 a year in 2023, according to the Bureau of Labor
Statistics wage survey (BLS, 2024).

## What hygienists study

Hygiene programs cover anatomy, periodontology and radiography, plus supervised clinic hours.

## References

Bureau of Labor Statistics. (2024). Occupational Employment and Wage Statistics: Dental
Hygienists. U.S. Department of Labor.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "sourceverbs", [], written={"dental-hygienist-guide.md": HYGIENIST}
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Who publishes the wage data?", "Bureau of Labor"),
        ("Who compiled the wage figures?", "Bureau of Labor"),
        ("Who publishes the salary data?", "Levels.fyi"),
        ("Which science topics do dental hygienists study?", "anatomy, periodontology"),
        ("Which math topics do ML engineers need?", "linear algebra"),
    ],
)
def test_who_makes_data_known_and_kinds_of_things(library, question, said):
    answer = library.ask(question).answer
    assert said in answer, answer
    assert "author" not in answer, answer
