"""Answers over articles nobody here has read, written for the test (a bakery, a garden
centre), with a development article in the library:

- "What are the cons of being a baker?" is answered by the list under "Pros and cons —
  Baker": the parent heading names the things, the child the role (and not the pastry
  chef's list under "Pros and cons — Pastry Chef").
- A FAQ's answer that opens on a word standing for its question ("It can be, especially
  ...") is no comparison's verdict: it reads only under its heading.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.compare import answers_its_heading
from assistant.evidence import Sentence, listed_things
from knowledge.schema import Passage
from tests.assistant.conftest import dev_library

BAKERY = """---
title: "Baker vs Pastry Chef: Careers in the Bakery"
---

Bakers and pastry chefs both start work before sunrise.

## What bakers do

Bakers mix doughs, shape loaves and run the ovens for the morning rush.

## What pastry chefs do

Pastry chefs make cakes, tarts and desserts, often for restaurants and hotels.

## Pros and cons

### Baker

- Pro: steady demand in every town
- Pro: short training
- Con: very early starts
- Con: heavy lifting of flour sacks

### Pastry Chef

- Pro: creative work
- Pro: higher pay in hotels
- Con: long evenings before events
- Con: few openings outside cities

## FAQ

**Is baking stressful?**

It can be, especially before holidays, but bakers generally report calmer days than pastry chefs.
"""


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "unread",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"bakery.md": BAKERY},
    )


def test_what_are_the_x_names_the_listed_things():
    assert listed_things("What are the cons of being a baker?", ["baker"]) == [[["cons"]]]
    assert listed_things("What are some perks of the job?", []) == [[["perks"]]]
    assert listed_things("What is a baker?", ["baker"]) == []


@pytest.mark.parametrize(
    ("question", "given", "other"),
    [
        ("What are the cons of being a baker?", "very early starts", "long evenings"),
        ("What are the pros of being a pastry chef?", "creative work", "short training"),
    ],
)
def test_a_list_under_a_parent_heading_naming_the_things(bakery, question, given, other):
    r = bakery.ask(question)
    assert f"Con: {given}" in r.answer or f"Pro: {given}" in r.answer, r.answer
    assert other not in r.answer, r.answer


def test_a_faq_answer_leaning_on_its_question_is_no_verdict(bakery):
    r = bakery.ask("Compare bakers and pastry chefs")
    assert "It can be" not in r.answer, r.answer


def test_answers_its_heading():
    p = Passage(
        id="c1",
        text="It can be. Most days are calm.",
        source="/a.md",
        title="T",
        section="FAQ — Is baking stressful?",
        chunk_index=3,
        ref_ids=[],
    )
    assert answers_its_heading(Sentence(0, 0, "It can be."), p)
    assert not answers_its_heading(Sentence(0, 1, "Most days are calm."), p)
    calm = replace(p, section="Hours")  # no question over it: "It" is the paragraph's own
    assert not answers_its_heading(Sentence(0, 0, "It can be."), calm)


def test_a_one_word_field_is_its_roles_side():
    """ "gardening or landscaping?": a side in a field's word is the one role of the library
    sharing its root ("gardener"), so the articles' sentences about gardeners are its cells."""
    from assistant.compare import SideFinder
    from assistant.understand import RoleBook

    book = RoleBook(["Gardener", "Landscaper", "Garden Designer"], lone={"gardener", "landscaper"})
    assert book.one_word_field("gardening") == "Gardener"
    assert book.role_for("landscaping") == "Landscaper"
    assert book.one_word_field("gardens") is None  # no field's ending
    assert book.one_word_field("planning") is None  # no role shares its root
    finder = SideFinder(["gardening", "landscaping"], book)
    text = "Employment of gardeners is projected to grow 4 percent."
    context = f"Gardener vs Landscaper. Job outlook. {text}"
    assert finder.sides_in(text) == {0}
    assert finder.anchored(0, context)  # a role's spellings name it anywhere


GARDEN = """---
title: "Gardener vs Landscaper: Working Outdoors"
---

## What gardeners do

Gardeners plant, prune and tend the beds of parks, estates and private homes.

## Pay

The best gardeners on private estates and in the largest botanic gardens can earn more than
$70,000 a year. New gardeners working for councils and garden centres earn about $24,000 in
their first season. Gardeners were paid a median wage of $38,000 in 2023.

## Job outlook

Employment of gardeners is projected to grow 5 percent over the next ten years.

## FAQ

**Do I need a degree?**
No. A short horticulture course is enough to start, and most skills are learned on the job.
"""

KITCHEN = """---
title: "Chef vs Restaurant Manager"
---

## Training

You do not need a degree to become a chef: most chefs start as kitchen porters and learn
on the job in a culinary brigade.

## Outlook

Employment of chefs is projected to grow 8 percent over the next ten years.
"""


@pytest.fixture(scope="module")
def garden(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "garden",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"garden.md": GARDEN, "kitchen.md": KITCHEN},
    )


def test_a_pay_question_is_answered_with_the_usual_figure(garden):
    r = garden.ask("How much do gardeners earn?")
    # two sentences of one passage at most: the usual figure is one of them, though the
    # edges of the range say "earn" and it says "paid"
    assert "$38,000" in r.answer, r.answer


def test_a_question_for_the_top_gets_the_top(garden):
    r = garden.ask("How much do gardeners earn at the top?")
    assert r.answer.startswith("The best gardeners"), r.answer


def test_a_sentence_of_the_asked_roles_article_keeps_other_articles_roles_out(garden):
    """The FAQ's answer names no role, but its article's title names the gardener asked
    about: it is about gardeners, so another article's sentence on chefs' degrees is left
    out (it was added, the answer having no sentence "about" the asked role)."""
    r = garden.ask("Do I need a degree to become a gardener?")
    assert "horticulture course" in r.answer, r.answer
    assert "culinary" not in r.answer and "porters" not in r.answer, r.answer


def test_which_role_is_growing_fastest_lists_each_roles_rate(garden):
    """ "Which role is growing fastest?" ranks (a superlative in "-est"), its figures are rates
    written "grow 8 percent", and its own words ("growing", "fastest") qualify no article:
    each article's role gets its line."""
    r = garden.ask("Which role is growing fastest?")
    lines = [line for line in r.answer.splitlines() if line.startswith("| ")]
    assert any("Chef" in line and "8 percent" in line for line in lines), r.answer
    assert any("Gardener" in line and "5 percent" in line for line in lines), r.answer


def test_a_rate_in_words_is_a_rate():
    from assistant.evidence import OFFERS

    assert OFFERS["rate"].search("Jobs are projected to grow 6 percent by 2032.")
    assert OFFERS["rate"].search("up 4.5 per cent")
    assert not OFFERS["rate"].search("Chefs plan menus every day.")
