"""Questions nobody here wrote, on made-up articles from other careers (a cardiac ward, a
restaurant kitchen) and on development articles: the question is read for what it asks (a
job title, the byline, a date), not for the words it happens to share with a role or a name."""

from __future__ import annotations

import pytest

from assistant.understand.query import intent_of
from assistant.understand.roles import find_roles
from knowledge.settings import REPO_ROOT
from tests.assistant.conftest import DEV

NURSE = """---
title: "Night Shifts on a Cardiac Ward"
author: "Maria Lopez"
date: 2022-04-11
---
I am a charge nurse on a cardiac ward. I started my nursing career at a children's hospital in
LA in 2015, where I worked nights for three years.

## A night on the ward

My shift starts at 7 PM with a handover from the day team. We review every patient's chart and
medication schedule together.

Around midnight I check the telemetry monitors and update the care plans. Hospitals want
bilingual pharmacy technicians because many of our patients speak little English.
"""

KITCHEN = """---
title: "Running a Restaurant Kitchen"
author: "Tom Baker"
date: 2020-06-02
---
A head chef plans the menu, orders the produce and trains the line cooks. Menu engineering means
pricing each dish by how popular and how profitable it is.

## Prep and service

Sauce reducing and stock making take most of the morning prep. During service the head chef
calls the tickets and checks every plate before it leaves the pass.
"""

DEV_ARTICLES = [
    "adron-hall-devops-obliviousness-site-reliability.html",
    "cds-so-what-exactly-is-a-product-manager.md",
    "staffeng-dan-na-staff-engineer-and-team-lead.html",
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A warmed extractive Assistant over the two made-up articles, the seed and three
    development articles (skips, with the reason, where ../shared is missing)."""
    if not DEV.is_dir():
        pytest.skip(f"the development articles are not at {DEV}")
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("unseen-articles")
    (folder / "night-shifts.md").write_text(NURSE)
    (folder / "restaurant-kitchen.md").write_text(KITCHEN)
    settings = get_settings(store=tmp_path_factory.mktemp("unseen") / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    sources = [str(folder), str(REPO_ROOT / "corpus")] + [str(DEV / a) for a in DEV_ARTICLES]
    report = ingest_sources(sources, kb, settings)
    assert report.ok, report.as_dict()
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        # a verb in its base form after "do/does" is no part of the job title it governs
        (
            "Why do hospitals want bilingual pharmacy technicians?",
            ["bilingual pharmacy technicians"],
        ),
        ("Do restaurants prefer kitchen managers with a degree?", ["kitchen managers"]),
        ("Why does 18F want bilingual engineers?", ["bilingual engineers"]),
        # two activities joined by "and" share no job title ("reducing engineer")
        ("What are sauce reducing and menu engineering part of?", ["menu engineering"]),
        (
            "What are hyperparameter tuning and feature engineering part of?",
            ["feature engineering"],
        ),
        # titles that open with such a word, and shared heads, stay whole
        ("Is a Support Engineer paid well?", ["Support Engineer"]),
        ("What does a release engineer do?", ["release engineer"]),
        ("How do marketing and sales managers work?", ["marketing manager", "sales manager"]),
        ("Is data and software engineering a good career?", ["data engineer", "software engineer"]),
    ],
)
def test_a_job_title_is_read_without_the_verb_or_activity_beside_it(question, roles):
    assert find_roles(question) == roles


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("When was the night-shift nursing article published?", "date"),
        ("When did Maria Lopez publish her post on night shifts?", "date"),
        ("When was this kitchen guide first written?", "date"),
        ("Who are the authors of the pastry handbook?", "author"),
        ("When did the head chef start working there?", "fact"),
        ("When was the new triage protocol launched?", "fact"),
        ("When was the interview recorded?", "fact"),
        ("Which authors does the head chef read?", "fact"),
        ("When was the 18F engineer article published?", "date"),
        ("Who are the authors of the CDS product manager Q&A?", "author"),
    ],
)
def test_byline_and_date_questions_name_the_article_in_their_own_words(question, intent):
    assert intent_of(question, None) == intent


def test_a_date_question_naming_the_author_answers_from_that_authors_article(library):
    r = library.ask("When did Maria Lopez publish her post?")
    assert "April 11, 2022" in r.answer and "night-shifts.md" in r.answer, r.answer
    r = library.ask("When did Tom Baker write his article?")
    assert "June 2, 2020" in r.answer, r.answer
    r = library.ask("When did Adron Hall publish his post on DevOps?")
    assert "October 24, 2016" in r.answer and not r.abstained, r.answer
    r = library.ask("Who are the authors of the CDS product manager Q&A?")
    assert "Courtney Claessens" in r.answer and not r.abstained, r.answer


def test_a_place_the_library_writes_by_its_initials_is_not_unknown(library):
    r = library.ask("Where did the charge nurse start her career in Los Angeles?")
    assert not r.abstained and "children's hospital" in r.answer, r.answer
    r = library.ask("Where did Dan start his tech career in New York?")
    assert not r.abstained and "Etsy" in r.answer, r.answer
    # a name neither written out nor by its initials is still unknown
    r = library.ask("Did the charge nurse ever work in Buenos Aires?")
    assert r.abstained and "never mention" in r.answer, r.answer


def test_a_question_whose_verb_sits_before_a_role_is_not_declined_for_that_role(library):
    r = library.ask("Why do hospitals want bilingual pharmacy technicians?")
    assert not r.abstained and "speak little English" in r.answer, r.answer
    r = library.ask("What are sauce reducing and menu engineering part of?")
    assert not r.abstained and "don't discuss" not in r.answer, r.answer
