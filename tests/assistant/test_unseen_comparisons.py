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

# One article sets two roles side by side, each in its own section, and opens each section with
# how the role differs from the other; another article speaks of one of them at length.
WARD = """# Registered Nurse vs Licensed Practical Nurse on the Ward

## Registered Nurse

The roles of a registered nurse and a licensed practical nurse look alike from the corridor of a
busy ward. However, a registered nurse owns the care plan of each patient and answers for every
clinical decision written into it, from the first assessment to the discharge summary.

Registered nurses rotate through night shifts in most hospitals, usually three or four a month.
Registered nurses in large hospitals often join a union that bargains over staffing ratios, and
many of them pick up extra shifts through an internal agency at a higher hourly rate.

## Licensed Practical Nurse

A licensed practical nurse gives routine bedside care, such as taking vital signs, changing
dressings and helping patients wash and eat, under the direction of a registered nurse who
signs off the care plan. The programme takes about one year at a community college.
"""

STAFFING = """# How Hospitals Staff Their Wards

Registered nurses are the largest group of staff in most hospitals, and registered nurses fill
most of the charge roles on a ward. Registered nurses are scheduled in twelve-hour blocks, and a
registered nurse who works a weekend block is usually given the following Monday and Tuesday off
so that the rota stays fair across the whole team over a month.

Registered nurses can also move into education or quality roles after some years on a ward, and
registered nurses with a master's degree often teach new graduates during orientation. A
registered nurse who precepts a new graduate is paired with them for the first twelve shifts and
signs off each skill the graduate shows on the ward checklist.

Registered nurses report staffing problems through an incident system that managers review every
week, and registered nurses sit on the committees that set the rota for the year. A registered
nurse may refuse an assignment that would leave patients unsafe, and the refusal is recorded so
that the committee can see where the rota fell short in that week.

Registered nurses in intensive care look after one or two patients at a time, while registered
nurses on a general medical ward may look after five or six. A registered nurse moving from a
general ward to intensive care usually completes a six-month course with supervised shifts
before taking patients alone on nights.

Registered nurses from agencies fill the gaps left by sickness and vacancies, and registered
nurses on the permanent staff often resent the higher hourly rate that agency staff are paid.
A registered nurse from an agency is given a short induction at the start of each shift, which
covers fire exits, the resuscitation trolley and how to reach the doctor on call.
"""

# A first-person post that sets the author's job against an earlier one in a single sentence.
KITCHEN = """# A Year as a Line Cook

## Mornings

My shifts at the bistro start at noon, when I check the prep list and the deliveries for the
day and sharpen the knives before the first orders arrive.

## Looking back

Comparing this job at the bistro with my years in retail banking, I concluded that the main
difference is that a kitchen rewards speed over caution. Nobody there asks for a second
signature before the plates go out.
"""


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("unseen")
    (folder / "advanced-practice.md").write_text(NURSING, encoding="utf-8")
    (folder / "becoming-a-teacher.md").write_text(TEACHING, encoding="utf-8")
    (folder / "on-the-ward.md").write_text(WARD, encoding="utf-8")
    (folder / "hospital-staffing.md").write_text(STAFFING, encoding="utf-8")
    (folder / "line-cook.md").write_text(KITCHEN, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    names = ["advanced-practice.md", "becoming-a-teacher.md", "on-the-ward.md", "line-cook.md"]
    report = ingest_sources(
        [str(folder / n) for n in [*names, "hospital-staffing.md"]], kb, settings
    )
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _after(assistant, first: str) -> list[dict]:
    """The conversation after asking `first`: the question and the answer it got."""
    return [
        {"role": "user", "content": first},
        {"role": "assistant", "content": assistant.ask(first).answer},
    ]


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
    # each side's training: its programme, or the model it trains in ("Nurse practitioners
    # train in the nursing model"), both of them the article's words on training
    cited = _cited(r).lower()
    assert "master" in cited or cited.count("train") >= 2, r.answer
    # the asked topic has its own row: each side's passage sits under the "Training" heading
    assert re.search(r"^\| (Training|Entry and education) \|", r.answer, re.M), r.answer


def test_who_wrote_it_names_the_article_that_answered_the_last_question(unseen):
    first = "How long does a teaching credential programme take?"
    history = _after(unseen, first)
    r = unseen.ask("Who wrote it?", history)
    assert "Becoming a Teacher" in r.answer, r.answer
    # no role named either time: only the earlier question can tell the two articles apart
    first = "How many hours of clinical rotations are required?"
    history = _after(unseen, first)
    r = unseen.ask("Who wrote it?", history)
    assert "Test Writer" in r.answer, r.answer


def test_a_follow_up_after_a_comparison_compares_the_same_sides(unseen):
    first = "What's the difference between a nurse practitioner and a physician assistant?"
    history = _after(unseen, first)
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


def test_an_article_with_both_sides_supplies_both_and_its_sections_open_them(unseen):
    """No topic asked: each side is read from the article that sets the two side by side, and
    the opening passage of the section headed by a role (how it differs) leads that side, over
    another article that only says more about one of them."""
    r = unseen.ask(
        "What's the difference between a registered nurse and a licensed practical nurse?"
    )
    assert r.comparison and len(r.comparison) == 2, r.answer
    cited = _cited(r)
    assert "owns the care plan" in cited, r.answer
    assert "routine bedside care" in cited, r.answer
    overview = next(ln for ln in r.answer.splitlines() if ln.startswith("| Overview |"))
    assert "Registered nurses are the largest group" not in overview, r.answer


def test_an_everyday_topic_the_articles_do_not_cover_leaves_the_verdict_free(unseen):
    """ "How is working at X different from Y?": "working" names no topic both sides have; the
    author's one sentence that sets the two side by side is the verdict, first person or not."""
    r = unseen.ask("How is working at a bistro different from a retail banking job?")
    assert r.comparison is not None, r.answer
    assert "**Verdict:**" in r.answer and "main difference" in r.answer, r.answer


def test_three_roles_in_one_list_are_three_columns(unseen):
    r = unseen.ask("Compare nurse practitioners, physician assistants and registered nurses")
    assert r.comparison and len(r.comparison) == 3, r.answer
    header = next(ln for ln in r.answer.splitlines() if ln.startswith("| Aspect |"))
    assert header.count("|") == 5, r.answer  # the aspect and three sides
    # a role named outside the list is no side: two columns
    r = unseen.ask("Do nurse practitioners or physician assistants supervise registered nurses?")
    assert r.comparison is None or len(r.comparison) == 2, r.answer


def test_an_asked_aspect_no_side_has_evidence_for_is_said_to_be_missing(unseen):
    """ "Which pays more?" over articles that give neither role's pay: the table of what they
    do say ends by saying pay is not covered, rather than letting other rows stand in."""
    r = unseen.ask("Which pays more, a nurse practitioner or a physician assistant?")
    assert r.comparison and not r.abstained, r.answer
    assert "| Pay |" not in r.answer, r.answer
    assert re.search(
        r"\*\*Pay\*\*: the articles do not cover this for Nurse Practitioner or Physician "
        r"Assistant\.",
        r.answer,
    ), r.answer
    # an aspect a row does answer gets no such line
    r = unseen.ask(
        "How does the training of a nurse practitioner and a physician assistant compare?"
    )
    assert "do not cover this" not in r.answer, r.answer


def test_a_question_about_something_no_article_mentions_is_declined(unseen):
    """The noun phrase a question is about, when the library writes none of its words (nor a
    close one), cannot be answered however well "earn" or "study" match."""
    r = unseen.ask("How much does a dentist earn?")
    assert r.abstained and "never mention dentist" in r.answer, r.answer
    # the articles' own subjects, and questions whose subject is the asker, are answered
    assert not unseen.ask("What does a nurse practitioner do?").abstained
    r = unseen.ask("How long does a teaching credential programme take?")
    assert not r.abstained and "one to two years" in r.answer, r.answer
