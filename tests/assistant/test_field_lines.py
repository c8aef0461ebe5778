"""A guide that gives each role's facts as "label: value" lines ("**Median salary:** $98,000",
then "**Typical entry path:** ...") on paragraphs of their own, under headings naming jobs.

- A stored line is a paragraph, so its end ends a sentence though it has no period: the salary
  line and the entry-path line are two sentences, not one glued "Median salary: $98,000
  Typical entry path: ...".
- A short "label: value" line with a figure is a statement: it can answer and fill a table
  cell, and it announces nothing (its next sentence is not brought twice).
- Headings naming jobs without numbers ("QA Engineer", "Technical Writer") are the guide's
  roles once two of them end in a role noun.
- A pay question about one role reads the passages about it first: the figure line under the
  role's heading need not name the role.

Checked on a guide written for the test (a hospital's roles), with a dev article beside it.
"""

from __future__ import annotations

import pytest

from assistant.evidence import field_line, prose_sentences
from assistant.understand.vocabulary import listed_titles
from tests.assistant.conftest import dev_library

GUIDE = """---
title: "A Field Guide to Hospital Roles"
author: "Open Careers Collective"
date: 2024-06-01
---

Hospitals have grown more specialised. Below we describe four roles, what they do and what
they earn.

## Surgical Technician

Surgical technicians prepare operating rooms, sterilise instruments and hand tools to
surgeons during operations.

**Median salary:** $57,000

**Typical entry path:** a one- or two-year certificate program and a certification exam.

## Medical Coder

Medical coders turn diagnoses and procedures into the codes insurers pay by.

**Median salary:** $48,000

**Typical entry path:** a certificate is more common for medical coders than for patient care
coordinators; many work remotely.

## Laboratory Manager

Laboratory managers run a hospital lab's staff, budget and quality checks.

**Median salary:** $101,000

**Typical entry path:** years as a lab scientist, then a move into supervision.

## Patient Care Coordinator

Patient care coordinators schedule treatment and keep families informed.

**Median salary:** $45,000

**Typical entry path:** front-desk or nursing-assistant experience.
"""


@pytest.fixture(scope="module")
def hospital(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "field-lines",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"hospital.md": GUIDE},
    )


def test_a_stored_line_ends_its_sentence():
    text = "Coders turn diagnoses into codes.\nMedian salary: $48,000\nTypical entry path: a certificate."
    assert prose_sentences(text) == [
        "Coders turn diagnoses into codes.",
        "Median salary: $48,000",
        "Typical entry path: a certificate.",
    ]


def test_a_short_label_and_figure_line_is_a_statement():
    assert field_line("Median salary: $48,000")
    assert field_line("Hours: 40 a week")
    assert not field_line("Typical entry path")  # no value
    assert not field_line("Skills: patience and care")  # no figure
    assert not field_line("What they earn, according to the latest survey of all hospitals: $4")


def test_unnumbered_job_headings_of_a_guide_are_its_roles():
    headings = [
        "Surgical Technician",
        "Medical Coder",
        "Laboratory Manager",
        "Patient Care Coordinator",
    ]
    assert listed_titles(headings) == headings
    # without two role nouns among them, agent-noun headings are no list of jobs
    assert listed_titles(["Newsletter", "Footer", "Medical Coder"]) == []


def test_a_pay_question_is_answered_by_the_figure_line_under_the_roles_heading(hospital):
    r = hospital.ask("How much does a medical coder make?")
    assert "$48,000" in r["answer"], r["answer"]
    assert r["answer"].count("Typical entry path") <= 1, r["answer"]
    assert not r["abstained"]


def test_which_role_pays_the_most_lists_each_figure_line(hospital):
    r = hospital.ask("Which of these hospital roles pays the most?")
    for figure in ("$57,000", "$48,000", "$101,000", "$45,000"):
        assert figure in r["answer"], r["answer"]
    assert "Typical entry path" not in r["answer"], r["answer"]


def test_a_pay_row_sets_the_figure_lines_side_by_side(hospital):
    """A sentence judging on another aspect ("a certificate is more common for coders than
    for coordinators") is no pay judgement: each side's figure line fills its pay cell."""
    r = hospital.ask("Medical coder vs patient care coordinator: which pays more?")
    pay = next(line for line in r["answer"].splitlines() if line.startswith("| Pay"))
    assert "$48,000" in pay and "$45,000" in pay, r["answer"]
    assert "certificate" not in pay, r["answer"]


def test_a_plain_text_line_wrapped_mid_sentence_stays_one_sentence():
    text = "Many librarians add overtime to their pay. Librarians in city\nsystems earn a median of $58,000."
    assert prose_sentences(text) == [
        "Many librarians add overtime to their pay.",
        "Librarians in city systems earn a median of $58,000.",
    ]


def test_a_shouted_title_word_is_shown_as_a_word_and_acronyms_stay():
    from assistant.compare import title_case

    assert title_case("LIBRARIAN") == "Librarian"
    assert title_case("ML engineer") == "ML Engineer"
    assert title_case("HVAC technician") == "HVAC Technician"
    assert title_case("SRE") == "SRE"
