"""Chat follow-ups asked as a new user would: a conversation goes on over turns that lean on
the ones before (a role switched "instead", "compare them", "when was it published?" after
"who wrote it?") and turns that start afresh ("What is the salary of a nurse?").

Made-up articles from fields the development articles do not cover (a restaurant's wine and
bar staff, a law office), plus development articles where the same patterns exist.
"""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

SOMMELIER = """---
title: "Sommelier vs Bartender: Careers Behind the Bar"
author: "Lena Fischer"
date: 2022-05-02
---

# Sommelier vs Bartender: Careers Behind the Bar

Sommeliers and bartenders both serve drinks to guests, but the training and the pay differ.

## What a sommelier does

A sommelier builds the wine list, pairs wines with the menu and serves guests at the table.

## What a bartender does

A bartender mixes cocktails, pours beer and keeps the bar stocked during service.

## Pay

Sommeliers earned a median of $58,200 a year. Bartenders earned a median of $31,450 plus tips.

## Training

Sommeliers study for years to pass tasting exams. Bartenders learn on the job in a few weeks.
"""

PARALEGAL = """---
title: "Working as a Paralegal"
author: "Tomas Okafor"
date: 2021-11-18
---

# Working as a Paralegal

## What a paralegal does

A paralegal drafts contracts, files court papers and organizes case records for attorneys.

## Pay

Paralegals earned a median of $60,970 a year.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "chat-followups",
        [
            "18f-a-day-in-the-life-of-an-18f-engineer.md",
            "front-end-developer-handbook-2019.html",
            "datatalksclub-data-team-roles-explained.md",
        ],
        written={"sommelier-vs-bartender.md": SOMMELIER, "paralegal.md": PARALEGAL},
    )


def _chat(assistant, *questions: str):
    """Each question asked with the conversation so far (the answers as the user saw them)."""
    history: list[dict] = []
    results = []
    for question in questions:
        result = assistant.ask(question, list(history))
        results.append(result)
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": result["answer"]},
        ]
    return results


@pytest.mark.parametrize(
    ("first", "title", "date"),
    [
        ("How much do sommeliers earn?", "Sommelier vs Bartender", "May 2, 2022"),
        ("What does a paralegal do?", "Working as a Paralegal", "November 18, 2021"),
        ("What time does the 18F engineer's day start?", "18F Engineer", "September 30, 2021"),
    ],
)
def test_when_was_it_published_after_who_wrote_it_is_the_article_of_the_question_before(
    assistant, first, title, date
):
    """ "Who wrote it?" asks nothing of its own to search: "it" in the next question is still
    the article that answered the question before it."""
    *_, author, published = _chat(assistant, first, "Who wrote it?", "When was it published?")
    assert title in author["answer"]
    assert title in published["answer"] and date in published["answer"]
    assert not published["abstained"]


@pytest.mark.parametrize(
    "first",
    ["What does a bartender do?", "What does a front-end developer need to know?"],
)
def test_the_salary_of_a_person_no_article_writes_is_a_new_subject(assistant, first):
    """ "What is the salary of a nurse?" is short, but the one who has the salary is its own:
    it inherits no role from the conversation and is declined, not answered with the earlier
    role's pay."""
    _, result = _chat(assistant, first, "What is the salary of a nurse?")
    assert result["query"] == "What is the salary of a nurse?"
    assert result["abstained"]


def test_what_about_a_role_instead_keeps_the_topic_asked_before(assistant):
    """ "What about bartenders instead?" switches the role and keeps the question: "instead"
    is no topic of its own."""
    _, result = _chat(assistant, "How much do sommeliers earn?", "What about bartenders instead?")
    assert "earn" in result["query"] and "$31,450" in result["answer"]
    _, result = _chat(
        assistant, "What does a data analyst do?", "What about data engineers instead?"
    )
    assert result["query"] != "What about data engineers instead?"
    assert "data engineer" in result["answer"].lower()


def test_compare_them_after_one_role_compares_it_with_the_role_beside_it(assistant):
    """ "Compare them" after a question about one side of an "X vs Y" article compares the two;
    after two questions each about one role, it compares those two."""
    _, result = _chat(assistant, "What does a sommelier do?", "Compare them")
    assert result["comparison"] and len(result["comparison"]) == 2
    assert "$58,200" in result["answer"] or "wine list" in result["answer"]
    assert "bartender" in result["answer"].lower()
    *_, result = _chat(
        assistant,
        "What does a data analyst do?",
        "What about data engineers?",
        "How do they compare?",
    )
    sides = " ".join(result["comparison"] or []).lower()
    assert "data analyst" in sides and "data engineer" in sides


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("What does a bartender do?", "Can they get married at the bar?"),
        ("What does a data analyst do?", "Do they get a pension?"),
    ],
)
def test_a_follow_up_asking_its_roles_what_no_article_writes_is_declined(assistant, first, then):
    """The follow-up keeps the conversation's role, but what it asks of it ("married", a
    pension) the library writes nowhere: declined, not answered with the role's passages. A
    follow-up asking what the articles do speak of is answered."""
    _, result = _chat(assistant, first, then)
    assert result["abstained"] and "never mention" in result["answer"]
    _, result = _chat(assistant, first, "What skills do they need?")
    assert not result["abstained"]


@pytest.mark.parametrize(
    ("questions", "topic"),
    [
        (("How much do sommeliers earn?", "What about bartenders?", "Why?"), "earn"),
        (("What skills do data analysts need?", "What about data engineers?", "Why?"), "skills"),
    ],
)
def test_why_after_a_role_switch_asks_why_of_the_topic_it_carried(assistant, questions, topic):
    """ "What about bartenders?" asks the earnings question of a new role; "Why?" after it asks why
    of those earnings, not why of bartenders at large."""
    *_, why = _chat(assistant, *questions)
    assert why["query"].startswith("Why? (") and topic in why["query"].split("(", 1)[1]


def test_it_after_and_the_other_one_is_the_other_role(assistant):
    """ "And the other one?" moved the conversation to the role set beside the first; "How much
    does it pay?" after it asks about that role, not the one asked before it."""
    *_, result = _chat(
        assistant, "What does a sommelier do?", "And the other one?", "How much does it pay?"
    )
    assert "bartender" in result["query"].lower() and "sommelier" not in result["query"].lower()
    assert result["answer"].startswith("Bartenders earned")
    # the seed article's pair, beside the development articles' many roles
    *_, result = _chat(
        assistant, "What does an AI engineer do?", "And the other one?", "How much does it pay?"
    )
    assert "machine learning engineer" in result["query"].lower()
    assert "ai engineer" not in result["query"].lower()
