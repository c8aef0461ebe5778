"""Answers on a career article written the way real authors write (front matter, a bare list of
tools under a heading, an abbreviation spelled out once, question headings, a downsides
section), in a field none of the development articles is about (floristry), beside the seed
and a development article with lists of links."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

FLORIST = """---
title: "Floral Designer or Event Planner? Two Ways to Work With Flowers"
author: Ines Marchetti
date: 2024-05-02
---

# Floral Designer or Event Planner? Two Ways to Work With Flowers

{{< toc >}}

People who love plants often end up choosing between a shop and the events business. This guide
compares the certified floral designer (CFD) and the wedding planner on pay, training and daily
work.

## What does a certified floral designer do?

Certified floral designers condition fresh stems, build bouquets and centrepieces, and dress
shop windows for the seasons. Most CFDs work early mornings in retail shops, where deliveries
arrive before dawn. The work is physically tiring and often includes weekends.

## What a wedding planner does

Wedding planners book venues, hire caterers and musicians, and keep the couple's budget on
track. Most planners work long weekends in the summer season, and the work follows the
couple's calendar.

## Tools you need

- Floral knife
- Bypass pruners
- Wire cutters and stem tape
- A cooler that holds fresh stock

## Further reading

- [Pricing bouquets](https://example.org/pricing)
- [Caring for cut stems](https://example.org/care)

## Which path should you choose?

If you want steady hours and enjoy working with your hands every day, the CFD path gets you
there after a short course. Many florists work as CFDs for years before moving into events.
For people who like parties and deadlines, the wedding planner path opens doors that stay open
for a whole career.

## Is it worth it?

For people who love plants, designing flowers is a happy trade. The main drawback is that wages stay
low: most florists earn less than office workers with the same experience.
"""


PLUMBER = """Becoming a Plumber: A Practical Guide
By Tomasz Wierzbicki
Published March 9, 2023

Plumbers install and repair the pipes that carry water and gas through buildings.

Skills plumbers need

Reading building plans
Soldering copper pipe
Knowledge of the local code
Patience with customers

Pay

Licensed plumbers earn a median of about $60,000 a year.
"""


INSURANCE = """Working in Insurance: Claims Adjusters and Policy Advisers

Insurance work is busiest after storms, when claims arrive by the thousand and offices hire
extra staff for the season.

Tools each job needs

The tools staff in insurance use are a claims system and a rate calculator, and they keep
every file up to date through the whole day.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A warmed extractive Assistant over the made-up florist article, the seed and the
    front-end handbook (skips, with the reason, where ../shared is missing)."""
    return dev_library(
        tmp_path_factory,
        "heldout",
        ["front-end-developer-handbook-2019.html"],
        written={"florist-vs-planner.md": FLORIST, "becoming-a-plumber.txt": PLUMBER},
    )


@pytest.mark.parametrize(
    "question", ["What tools do I need to become a florist?", "Which tools does a CFD use?"]
)
def test_a_bare_list_under_a_heading_naming_what_is_asked_is_the_answer(library, question):
    r = library.ask(question)
    assert not r.abstained
    for item in ("Floral knife", "Bypass pruners", "Wire cutters and stem tape"):
        assert f"- {item}" in r.answer
    assert "Tools you need" in r.answer
    assert r.citations and "Floral knife" in r.citations[0]["quote"]


def test_a_plain_text_list_without_markers_under_such_a_heading_is_the_answer(library):
    r = library.ask("What skills do plumbers need?")
    for item in ("Reading building plans", "Soldering copper pipe", "Knowledge of the local code"):
        assert f"- {item}" in r.answer, r.answer


def test_bare_lines_are_a_list_only_when_none_is_a_sentence():
    from assistant.answering import _bare_lines

    assert _bare_lines("Soldering copper pipe\nPatience with customers") == [
        "Soldering copper pipe",
        "Patience with customers",
    ]
    assert _bare_lines("Soldering copper pipe\nPlumbers earn about $60,000 a year.") == []
    assert _bare_lines("Soldering copper pipe") == []


def test_a_list_of_links_or_under_a_heading_naming_something_else_is_not(library):
    # "Further reading" names no tools; its items are links
    r = library.ask("What reading do florists need?")
    assert "example.org" not in r.answer and "Pricing bouquets" not in r.answer
    # the handbook's tool headings head lists of links: no list of them is quoted as the answer
    r = library.ask("What SEO tools should a front-end developer know?")
    assert "lists, under" not in r.answer


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    """The florist article beside one on insurance, with the seed."""
    return dev_library(
        tmp_path_factory,
        "shops",
        [],
        written={"florist-vs-planner.md": FLORIST, "working-in-insurance.txt": INSURANCE},
    )


def test_another_articles_list_is_no_answer_for_a_field_its_article_never_writes(shops):
    # "insurance" is no rare word and names no role, but an article retrieved writes it: the
    # florist's "Tools you need" list is not the answer for insurance; the insurance
    # article's own sentence is
    r = shops.ask("What tools do you need for insurance?")
    assert "Floral knife" not in r.answer, r.answer
    assert "rate calculator" in r.answer, r.answer
    # the florist's own question still gets its list
    assert "- Floral knife" in shops.ask("What tools do florists need?").answer


def test_a_list_item_that_is_a_link_is_not_plain():
    from assistant.answering import _plain_item

    assert _plain_item("Wire cutters and stem tape")
    assert not _plain_item("[Pricing bouquets](https://example.org/pricing)")
    assert not _plain_item("Getting Started with Gulp [read][$]")


def test_an_abbreviation_in_the_question_finds_the_heading_that_spells_it_out(library):
    """ "What does a CFD do day to day?": the article spells out "certified floral designer
    (CFD)" once and heads a section "What does a certified floral designer do?"; its first
    sentence answers, not a sentence that merely writes "CFD" and "work"."""
    r = library.ask("What does a CFD do day to day?")
    assert r.answer.startswith("Certified floral designers condition fresh stems")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("What does a wedding planner do?", "Wedding planners book venues"),
        ("What does a wedding planner do day to day?", "Wedding planners book venues"),
        # the seed's "What an AI Engineer Does"
        ("What does an AI engineer do day to day?", "An AI engineer primarily focuses"),
    ],
)
def test_a_heading_in_the_shape_of_the_question_has_its_first_sentence_lead(
    library, question, opening
):
    assert library.ask(question).answer.startswith(opening)


@pytest.mark.parametrize(
    ("question", "heads"),
    [
        ("What does a wedding planner do?", {"What a wedding planner does"}),
        ("What does a CFD do?", {"What a certified floral designer does"}),
        ("What does a wedding planner earn?", set()),  # "earn" is no everyday word
        ("How long does it take to become a wedding planner?", set()),  # "how long", not "what"
    ],
)
def test_which_headings_ask_what_the_question_asks(library, question, heads):
    from assistant.evidence import TermMatcher, sections_asking
    from assistant.understand import understand
    from knowledge.schema import Passage

    sections = ["What a wedding planner does", "What a certified floral designer does", "Pay"]
    passages = [
        Passage(
            id=str(i),
            text="Some text.",
            source="s",
            title="Floral Designer or Event Planner?",
            section=section,
            ref_ids=[],
            chunk_index=i,
        )
        for i, section in enumerate(sections)
    ]
    query = understand(question, [], library.retriever.library)
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    found = sections_asking(query, matcher, passages)
    assert {passages[i].section for i in found} == heads


def test_a_question_heading_with_another_question_word_does_not_answer():
    from assistant.evidence import _asks_with

    assert _asks_with("What does a certified floral designer do?") == "what"
    assert _asks_with("How long does it take to become a CFD?") == "how long"


def test_a_near_synonym_finds_the_sentence_the_articles_subject_leaves_to_it(library):
    """ "downside" is met by "drawback"; "floral design" is the article's subject (its title),
    met by every sentence of the article, so the drawback sentence is chosen though it does not
    repeat it, over the sentences that only say "floral designer"."""
    r = library.ask("What is the downside of floral design?")
    assert "The main drawback is that wages stay low" in r.answer


DENTAL = """---
title: "Dental Hygienist or Dental Assistant?"
author: Noor Haddad
date: 2023-08-14
---

# Dental Hygienist or Dental Assistant?

Both work chairside, but a dental hygienist cleans teeth on their own while a dental assistant
supports the dentist.

## Skills you will use

Dental hygienists need:

- Steady scaling technique
- Reading periodontal charts
- Calm chairside manner

Dental assistants need:

- Instrument sterilisation
- Taking impressions
- Scheduling and records

## Pay

Dental hygienists earn a median of about $81,000 a year; dental assistants about $44,000.
"""


@pytest.fixture(scope="module")
def dental(tmp_path_factory):
    return dev_library(tmp_path_factory, "dental", [], written={"dental.md": DENTAL})


@pytest.mark.parametrize(
    ("question", "given", "other"),
    [
        ("What skills does a dental assistant need?", "Taking impressions", "Steady scaling"),
        (
            "Which skills do dental hygienists need?",
            "Steady scaling technique",
            "Taking impressions",
        ),
    ],
)
def test_a_list_a_line_gives_to_the_asked_role_is_the_answer(dental, question, given, other):
    """Under one skills heading, "Dental assistants need:" then a list, and the same for
    hygienists: the answer is the list its lead line gives the role asked about."""
    r = dental.ask(question)
    assert f"- {given}" in r.answer, r.answer
    assert other not in r.answer, r.answer
    assert r.citations and given in r.citations[0]["text"]


def test_another_roles_list_does_not_answer_for_the_role_asked(library):
    """The florist guide's "Tools you need" is for florists and planners: asked what tools a
    plumber needs, the plumber's own article is the answer's place, not that list."""
    r = library.ask("What tools does a plumber need?")
    assert "Floral knife" not in r.answer, r.answer
