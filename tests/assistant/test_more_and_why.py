"""Follow-ups that continue or explain an answer, and questions about a role the articles do not
speak to: "tell me more" brings the next passages not shown yet (or says there is nothing
more), "What about X?" asks about an option the article sets beside the two sides compared,
"why?" after a comparison table gives the reason its article writes after the verdict (or says
there is none), and "Will AI replace X?", "Which companies hire X?", "What do X wear?" are
declined when no sentence about X writes the clause's words.

Made-up articles from fields the development articles do not cover (the building trades, a
line cook's workplaces), plus development articles where the same patterns exist.
"""

from __future__ import annotations

import re

import pytest

from tests.assistant.conftest import dev_library

TRADES = """---
title: "Electrician vs Plumber: Which Trade Fits You?"
author: "Dana Whitfield"
date: 2023-03-14
---

# Electrician vs Plumber: Which Trade Fits You?

Electricians and plumbers both learn their trade through apprenticeships, but the daily work
and the pay differ.

## What an electrician does

An electrician installs wiring, outlets and breaker panels in new buildings. Electricians read
blueprints to plan where circuits run before the walls are closed.

On renovation jobs, electricians trace faults in old wiring and replace circuits that no longer
meet the building code.

Electricians also test finished installations with meters and sign off the inspection
paperwork.

In factories, industrial electricians maintain motors, conveyor controls and backup generators.

## What a plumber does

A plumber fits pipes, drains and water heaters. Plumbers clear blocked drains and repair leaks,
often on emergency call-outs at night.

## Pay

Plumbers earned a median of $61,550 a year, slightly more than electricians, who earned
$60,240. Plumbers earn more because emergency call-outs are billed at overtime rates. The gap
also comes from the shortage of plumbers willing to work nights.

## Training

Both trades take four to five years of apprenticeship before the licensing exam.
"""

KITCHENS = """---
title: "Where Should a Line Cook Work?"
author: "Marisol Ortega"
date: 2022-09-02
---

# Where Should a Line Cook Work?

A line cook can find work in a hotel kitchen, on a cruise ship or at a resort. Each setting
has its own rhythm.

## Hotel

### Pros

Hotel kitchens offer steady shifts and paid holidays.

### Cons

Banquet nights mean cooking hundreds of identical plates.

## Cruise Ship

### Pros

Cruise ship cooks save most of their wages because cabins and meals are free.

### Cons

Contracts run for eight months at sea with one day off a month.

## Resort

### Pros

Resort cooks work in scenic places and often get free lodging in the off season.

### Cons

Resort work is seasonal, so many cooks are laid off each autumn.

## Who hires line cooks

Cruise lines such as Carnival and Royal Caribbean hire line cooks through recruiting agencies.
Hotel chains like Marriott and Hilton hire line cooks directly.

## Uniform

Line cooks wear a white chef jacket, checked trousers and non-slip shoes.

## Will automation replace line cooks?

Robotic fryers and AI ordering systems are spreading in fast food, but hotel and cruise kitchens
still rely on line cooks for plated food.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "more-and-why",
        [
            "datatalksclub-data-team-roles-explained.md",
            "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
            "front-end-developer-handbook-2019.html",
            "data-engineering-cookbook-v0.4-preview.pdf",
        ],
        written={"trades.md": TRADES, "kitchens.md": KITCHENS},
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


def _sentences(answer: str) -> set[str]:
    return {s.strip() for s in re.split(r"\s*\[\d+\]\s*", answer) if len(s.split()) >= 5}


@pytest.mark.parametrize(
    ("first", "role"),
    [("What does an electrician do?", "electrician"), ("What does a data engineer do?", "data")],
)
def test_tell_me_more_brings_passages_not_shown_yet(assistant, first, role):
    """ "tell me more", "go on": the same question read deeper, none of the passages the
    answers before quoted, still about the role."""
    answers = _chat(assistant, first, "tell me more", "go on")
    said = _sentences(answers[0]["answer"])
    for more in answers[1:]:
        if more["abstained"]:
            assert "nothing more" in more["answer"]
            break
        assert said and not said & _sentences(more["answer"]), more["answer"]
        assert role in more["answer"].lower()
        said |= _sentences(more["answer"])
    assert not answers[1]["abstained"], answers[1]["answer"]


def test_tell_me_more_says_when_the_library_has_nothing_more(assistant):
    """The pay passage was the only one on plumbers' pay: the next answer says so, citing
    nothing, instead of repeating it."""
    _, more = _chat(assistant, "How much do plumbers earn?", "tell me more")
    assert more["abstained"] and "nothing more" in more["answer"]
    assert "$61,550" not in more["answer"] and not more["citations"]


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        ("Is a hotel or a cruise ship better to work on?", "What about a resort?", "resort"),
        ("CS degree vs bootcamp: which is better?", "What about being self-taught?", "self"),
    ],
)
def test_what_about_an_option_set_beside_the_sides_asks_about_it(assistant, first, then, said):
    """An option whose section the article sets beside the two sides' sections ("## Resort"
    beside "## Hotel") is asked about in their place: no table of the two sides again."""
    _, result = _chat(assistant, first, then)
    assert not result["comparison"], result["answer"]
    assert "|" not in result["answer"] and said in result["answer"].lower()
    _, more = _chat(assistant, then, "tell me more")  # (a topic of its own, continued)
    assert not _sentences(result["answer"]) & _sentences(more["answer"]) or more["abstained"]


def test_what_about_an_aspect_after_a_comparison_still_compares(assistant):
    """A career aspect ("the pay") is a topic to compare the two sides on, never an option."""
    _, result = _chat(
        assistant, "Is a hotel or a cruise ship better to work on?", "What about the pay?"
    )
    assert result["comparison"] and len(result["comparison"]) == 2


def test_why_after_a_comparison_gives_the_reason_written_after_its_verdict(assistant):
    """ "why?" after a table: what its article writes right after the verdict's sentence, when
    that gives a reason; not the verdict again."""
    table, why = _chat(assistant, "Which pays more, electrician or plumber?", "why?")
    assert "$61,550" in table["answer"]
    assert why["answer"].startswith("Plumbers earn more because emergency call-outs")
    assert "$61,550" not in why["answer"]
    table, why = _chat(assistant, "Which pays more, AI engineer or ML engineer?", "why?")
    assert "**Verdict" in table["answer"]
    assert why["answer"].startswith("The higher pay for ML engineers is due to"), why["answer"]


def test_why_after_a_comparison_no_article_explains_says_so(assistant):
    """No passage on the two sides gives a reason on what they were compared on: the answer
    says so and cites nothing, rather than quoting what the sides are."""
    _, why = _chat(
        assistant, "What's the difference between a data scientist and a data engineer?", "why?"
    )
    assert why["abstained"] and "no reason" in why["answer"], why["answer"]
    assert not why["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "Which companies hire electricians?",
        "What do electricians wear?",
        "Will AI replace electricians?",
        "Will robots replace plumbers?",
        "Will AI replace front-end developers?",
        "Which companies hire data engineers?",
        "Will AI replace ML engineers?",
    ],
)
def test_a_clause_no_sentence_about_the_role_writes_is_declined(assistant, question):
    """ "replace circuits" is no sentence on AI replacing electricians, and another role's
    "wear" or "hire" speaks of that role only."""
    result = assistant.ask(question)
    assert result["abstained"], result["answer"]
    assert "speaks of" in result["answer"] and not result["citations"]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Which companies hire line cooks?", "Carnival"),
        ("What do line cooks wear?", "white chef jacket"),
        ("Will AI replace line cooks?", "still rely on line cooks"),
        ("What do data scientists wear?", "white coats"),
    ],
)
def test_a_clause_a_sentence_about_the_role_writes_is_answered(assistant, question, said):
    result = assistant.ask(question)
    assert not result["abstained"] and said in result["answer"], result["answer"]


def test_the_web_chat_continues_as_the_program_api_does(assistant):
    """The web chat passes its turns as the program API's history: "tell me more" there
    continues the answer too."""
    from assistant.web import make_respond

    respond = make_respond(assistant)
    turns, chat, answers = [], [], []
    for question in ("What does an electrician do?", "tell me more"):
        *_, last = respond(question, turns, chat, answers)  # the final update of each answer
        chat, turns, answers = last[0], last[3], last[5]
    first, more = answers[-2]["answer"], answers[-1]["answer"]
    assert not _sentences(first) & _sentences(more), more
    assert "electrician" in more.lower()
