""" "Who wrote the DH vs DT article?": the article is named by the roles its abbreviations stand
for ("dental hygienist (DH)"), not by the word "vs", which every "X vs Y" title writes (the
seed's among them).

Written for the test: a dental clinic guide (no development article's domain), beside the
seed.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

GUIDE = """---
title: Should You Become a Dental Hygienist or a Dental Therapist?
author: Ines Walcott
date: 2024-02-19
---

# Should You Become a Dental Hygienist or a Dental Therapist?

A dental hygienist (DH) cleans teeth, takes x-rays and teaches patients to floss. A dental
therapist (DT) also fills cavities and extracts baby teeth under a dentist's supervision.

## Pay

Dental hygienists earned a median of $87,530, and dental therapists about $71,000.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "named-by-abbreviation", [], {"dental.md": GUIDE})


def test_the_article_named_by_abbreviations_is_the_one_answered(library):
    result = library.ask("Who wrote the DH vs DT article and when?")
    assert "Ines Walcott" in result["answer"], result["answer"]
    assert "dental.md" in result["answer"], result["answer"]


def test_the_seed_named_by_its_roles_is_still_found(library):
    result = library.ask("Who wrote the AI engineer vs ML engineer article?")
    assert "ai-engineer-vs-machine-learning-engineer" in result["answer"], result["answer"]
