"""An article's reference list, asked for: each entry ingest parsed is one bullet, though the
list's entries share one passage ("1. ...", "2. ...", "3. ..." under "## Sources"), and the
article may be named by a role its title names ("the baker article"), which the question
reader takes for a role, not a topic word.

Checked on articles written for the test (a bakery, a flower shop) with a development
article in the library."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

BAKERY = """---
title: "Baker vs Pastry Chef: Careers in the Bakery"
---

Bakers and pastry chefs both start work before sunrise.

## Pay

Bakers earn about $37,000 a year; pastry chefs about $45,000.

## Sources

1. National Bakery Guild, "Wages in Baking," Annual Survey, 2024. https://bakers.example.org/wages
2. Culinary Schools Council, "Pastry Programs Compared," 2023. https://culinary.example.org/pastry
3. Food Trades Review, "Early Shifts in Bakeries," 2022. https://foodtrades.example.org/shifts
"""

FLOWERS = """---
title: "Florist vs Event Planner: Careers in Celebrations"
---

Florists earned a median of $33,000 a year, while event planners earned about $52,000.

## References

- Floral Trade Association. (2024). Florist wages. https://floral.example.org/wages
- Events Council. (2023). Planner survey. https://events.example.org/survey
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "references",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"bakery.md": BAKERY, "flowers.md": FLOWERS},
    )


@pytest.mark.parametrize(
    "question",
    [
        "What sources does the baker article cite?",
        "Which references does the pastry chef article list?",
    ],
)
def test_each_entry_of_a_shared_passage_is_its_own_bullet(shop, question):
    r = shop.ask(question)
    bullets = [line for line in r.answer.splitlines() if line.startswith("- ")]
    assert len(bullets) == 3, r.answer
    assert "Wages in Baking" in bullets[0] and "Pastry Programs" in bullets[1], r.answer
    assert "Planner survey" not in r.answer, r.answer


def test_the_article_named_by_its_other_role_is_the_one_listed(shop):
    r = shop.ask("What references does the event planner article list?")
    assert "Florist wages" in r.answer and "Planner survey" in r.answer, r.answer
    assert "Wages in Baking" not in r.answer, r.answer


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # "guide", "post", "blog" name the article as "article" does, though no title has them
        ("Which sources does the baker guide cite?", "Wages in Baking"),
        ("What references does the celebrations post list?", "Florist wages"),
        ("What references does the event planner blog cite?", "Planner survey"),
        # the seed, a development article, named by its roles and "guide"
        ("Which references does the AI engineer guide list?", "Levels.fyi"),
    ],
)
def test_an_article_named_as_a_guide_or_post_gives_its_reference_list(shop, question, entry):
    r = shop.ask(question)
    assert not r.abstained, r.answer
    assert "lists these references" in r.answer and entry in r.answer, r.answer
