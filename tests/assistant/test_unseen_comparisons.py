"""Comparisons on articles written for this test, in fields no development article covers
(health care and teaching), so nothing passes on a dev article's wording: both sides cited,
each from its own article, for roles and for things that are no roles."""

from __future__ import annotations

import re

import pytest

from knowledge.settings import get_settings

NURSING = """---
title: "Nurse Practitioner vs Physician Assistant: Two Paths Into Advanced Practice"
author: Test Writer
date: 2025-03-02
---

# Nurse Practitioner vs Physician Assistant: Two Paths Into Advanced Practice

## What a nurse practitioner does

A nurse practitioner diagnoses illness, orders tests and prescribes treatment, usually with a focus
on one population such as families or older adults. Nurse practitioners train in the nursing model,
which centres on the whole patient and on prevention.

## What a physician assistant does

A physician assistant examines patients, assists in surgery and prescribes medication under a
supervising physician. Physician assistants train in the medical model, which centres on disease.

## Training

A nurse practitioner first works as a registered nurse, then completes a master's or doctoral
nursing programme. A physician assistant completes a master's programme of about twenty-seven
months with two thousand hours of clinical rotations.
"""

TEACHING = """# Becoming a Teacher: Credential Programmes and Alternative Routes

## The credential programme

A teaching credential programme takes one to two years after a bachelor's degree and includes a
semester of supervised student teaching in a real classroom. Tuition for a credential programme
often runs to several thousand dollars.

## Alternative routes

An alternative certification route lets career changers teach on an intern licence while they
complete coursework in the evenings. Districts with shortages pay interns a full first-year salary.
"""


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("unseen")
    (folder / "advanced-practice.md").write_text(NURSING, encoding="utf-8")
    (folder / "becoming-a-teacher.md").write_text(TEACHING, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources(
        [str(folder / "advanced-practice.md"), str(folder / "becoming-a-teacher.md")], kb, settings
    )
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _cited(result) -> str:
    return " ".join(c["quote"] for c in result.citations)


def test_two_roles_are_compared_side_by_side(unseen):
    r = unseen.ask("What's the difference between a nurse practitioner and a physician assistant?")
    assert r.comparison and len(r.comparison) == 2, r.answer
    cited = _cited(r).lower()
    assert "nurse practitioner" in cited and "physician assistant" in cited, r.answer


def test_two_things_that_are_no_roles_are_compared(unseen):
    r = unseen.ask("Is an alternative certification route better than a credential programme?")
    assert r.comparison is not None and not r.abstained, r.answer
    cited = _cited(r).lower()
    assert "alternative certification" in cited or "intern licence" in cited, r.answer
    assert "credential programme" in cited, r.answer


def test_the_title_pair_stands_in_for_the_two_roles(unseen):
    r = unseen.ask("How does the training of the two roles compare?")
    assert r.comparison and {s.lower() for s in r.comparison} == {
        "nurse practitioner",
        "physician assistant",
    }, r.answer
    assert "master" in _cited(r).lower(), r.answer
    # the asked topic has its own row: each side's passage sits under the "Training" heading
    assert re.search(r"^\| (Training|Entry and education) \|", r.answer, re.M), r.answer


def test_who_wrote_it_names_the_article_that_answered_the_last_question(unseen):
    first = "How long does a teaching credential programme take?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": unseen.ask(first).answer},
    ]
    r = unseen.ask("Who wrote it?", history)
    assert "Becoming a Teacher" in r.answer, r.answer
    # no role named either time: only the earlier question can tell the two articles apart
    first = "How many hours of clinical rotations are required?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": unseen.ask(first).answer},
    ]
    r = unseen.ask("Who wrote it?", history)
    assert "Test Writer" in r.answer, r.answer


def test_a_follow_up_after_a_comparison_compares_the_same_sides(unseen):
    first = "What's the difference between a nurse practitioner and a physician assistant?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": unseen.ask(first).answer},
    ]
    r = unseen.ask("What about the training?", history)
    assert r.comparison and {s.lower() for s in r.comparison} == {
        "nurse practitioner",
        "physician assistant",
    }, r.answer


def test_an_amount_for_a_role_with_no_figure_is_declined(unseen):
    r = unseen.ask("How much does a nurse practitioner earn?")
    assert r.abstained and "no figure for nurse practitioner" in r.answer, r.answer
    # a figure the articles do give is answered, with the figure
    r = unseen.ask("How much does a teaching credential programme cost?")
    assert not r.abstained and "several thousand dollars" in r.answer, r.answer


def test_an_author_answer_names_the_file_not_a_server_path(unseen):
    r = unseen.ask("Who wrote the article about nurse practitioners?")
    assert "Source: advanced-practice.md" in r.answer, r.answer
    assert "/" not in r.answer.split("Source:")[1], r.answer
