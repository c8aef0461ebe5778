"""A question about one role that has a guide of its own ("How to Become a Sommelier"): every
passage of the guide names the role, so the role's words rank its introduction first whatever
was asked. The question's other words are searched inside the guide too."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# A guide's sections each name the role, as guides do: "Sommeliers ..." in every passage.
_SECTIONS = {
    "What a sommelier does": "A sommelier builds the wine list, pairs wines with the chef's "
    "dishes and trains the servers. Sommeliers taste every day, and the sommelier keeps the "
    "cellar in order.",
    "Where sommeliers work": "Most sommeliers work in fine-dining restaurants; other "
    "sommeliers work for importers, wine shops or cruise lines, where a sommelier may sell "
    "as much as serve.",
    "A sommelier's week": "A sommelier's week starts with deliveries on Tuesday. Sommeliers "
    "taste new wines with suppliers in the afternoon and work the floor every evening.",
    "Skills sommeliers need": "Sommeliers need a trained palate, a memory for producers and "
    "vintages, and the tact to steer a guest without selling too hard. A sommelier also "
    "needs stamina for long evenings on their feet.",
    "Pay": "A head sommelier in a large city earns around $68,000 a year, more with service "
    "charges. Assistant sommeliers earn less.",
    "Career progression": "Sommeliers move from assistant sommelier to head sommelier, and "
    "some sommeliers become wine directors for restaurant groups.",
    "Hours": "Sommeliers work long hours: a sommelier's shift runs from the afternoon "
    "tasting to the last table, and sommeliers often work weekends.",
    "The wine list": "A long wine list is a sommelier's pride. Sommeliers rewrite the list "
    "each season, and a sommelier becomes known for it.",
    "Working with the kitchen": "Sommeliers taste each new dish with the chef. A sommelier "
    "who becomes close to the kitchen pairs better.",
    "Guests": "A sommelier reads a table in seconds. Sommeliers become good at it over long "
    "years on the floor.",
    "Travel": "Many sommeliers visit vineyards. A sommelier may take long trips to meet "
    "growers, and sommeliers become friends with them.",
    "Training and certification": "Courses vary. An introductory certificate lasts three "
    "days, and the advanced diploma takes about eighteen months of part-time study.",
    "Is it the right career for you?": "Sommeliers love wine and people. If you can stand "
    "late nights, the sommelier's life is rewarding.",
}

GUIDE = (
    """---
title: "How to Become a Sommelier"
author: "Odile Marchetti"
date: 2024-09-10
---

# How to Become a Sommelier

Sommeliers choose, store and serve wine in restaurants, hotels and wine bars. This guide
explains what a sommelier does, what a sommelier earns and how a sommelier finds a first
position.

"""
    + "\n\n".join(f"## {n}. {h}\n\n{t}" for n, (h, t) in enumerate(_SECTIONS.items(), 1))
    + "\n"
)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "own-article",
        ["cds-so-what-exactly-is-a-product-manager.md"],
        written={"how-to-become-a-sommelier.md": GUIDE},
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long is the course to become a sommelier?", "eighteen months"),
        ("How long does it take to become a sommelier?", "eighteen months"),
        ("How long is the training for a sommelier?", "eighteen months"),
    ],
)
def test_the_guide_answers_from_its_section_not_its_introduction(library, question, said):
    result = library.ask(question)
    assert said in result.answer, result.answer


def test_a_dev_article_about_one_role_still_answers(library):
    result = library.ask("What is the most important skill for a product manager?")
    assert not result.abstained, result.answer
