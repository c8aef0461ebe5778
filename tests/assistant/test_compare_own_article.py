"""A cross-article comparison cites each side from its own article: a sentence of an article
about two trades that speaks of its side by the field's word ("Bakery apprentices ...") or as
"both trades" is that side's when the other side is another article's; a side named in passing
in an article about another role ("... from other trades, such as bakers") is not its evidence.
Written for the test: baking, butchery, food safety and midwifery (no development article's domain),
plus one development article (a staff engineer's interview naming a product manager in passing).
"""

from __future__ import annotations

import pytest

TRADES = """---
title: "Baker vs. Butcher: Which Trade Is Right for You?"
date: 2025-03-02
---
Bakers and butchers are two of the oldest food trades, and both offer steady work.
## What bakers and butchers do
Bakers mix and shape dough and bake bread and pastries before dawn. Butchers cut, trim and
package meat for shops and restaurants.
## Training
Both trades are learned mainly through a paid apprenticeship that lasts two to three years.
Bakery apprentices typically complete 3,000 hours in the kitchen; butchery apprentices complete
about 2,500.
## Pay
Bakers earned a median of $36,010 in 2024, and butchers earned a median of $38,250.
"""
PASTRY = """---
title: How to Become a Food Safety Officer
date: 2025-03-03
---
Food safety officers inspect kitchens and food plants for hygiene.
## Getting started
Many come from other trades, such as bakers and cooks, and learn inspection on the job.
"""
MIDWIFE = """---
title: Midwife Career Guide
date: 2025-03-04
---
Midwives care for women through pregnancy, birth and the first weeks after it.
## Getting started
A degree in midwifery is the usual route, and it takes three years, half of them on placement.
## Salary
Midwives earned a median annual salary of $129,650 in 2024.
"""
DEV = "staffeng-dan-na-staff-engineer-and-team-lead.html"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    lib = dev_library(
        tmp_path_factory,
        "own-article",
        [
            DEV,
            "cds-so-what-exactly-is-a-product-manager.md",
            "front-end-developer-handbook-2019.html",
        ],
        written={"trades.md": TRADES, "pastry.md": PASTRY, "midwife.md": MIDWIFE},
    )
    lib.retriever.refresh()
    return lib


@pytest.fixture(scope="module")
def book(lib):
    return lib.retriever.library.roles


def _side(book, sides, title, section, text):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    p = Passage(
        id="p", source="/a/x.md", title=title, section=section, text=text, chunk_index=0, ref_ids=[]
    )
    return side_of(Sentence(0, 0, text), [p], SideFinder(sides, book))


TITLE = "Baker vs. Butcher: Which Trade Is Right for You?"


def test_a_field_word_names_its_side_in_the_sides_own_article(book):
    text = "Bakery apprentices typically complete 3,000 hours in the kitchen."
    assert _side(book, ["midwife", "baker"], TITLE, "Training", text) == 1
    # in an article whose title does not name the side, the word may be another field's
    assert _side(book, ["midwife", "baker"], "Midwife Career Guide", "Getting started", text) != 1


def test_both_trades_of_an_article_about_one_side_is_that_side(book):
    text = "Both trades are learned mainly through a paid apprenticeship that lasts two years."
    assert _side(book, ["midwife", "baker"], TITLE, "Training", text) == 1
    # the article's own pair asked: both sides, neither's alone
    assert _side(book, ["baker", "butcher"], TITLE, "Training", text) is None
    # "both" set against each other tells neither side
    contrast = "Both trades are in demand, but they differ in hours."
    assert _side(book, ["midwife", "baker"], TITLE, "Training", contrast) is None


def test_a_side_named_in_passing_in_another_roles_article_is_not_its_evidence(book):
    text = "Many come from other trades, such as bakers and cooks, and learn inspection on the job."
    title = "How to Become a Food Safety Officer"
    assert _side(book, ["midwife", "baker"], title, "Getting started", text) is None


def test_a_dev_article_sentence_naming_a_side_is_no_example_given_in_passing(book):
    # "I feel like people often think Product Managers ...": "like" gives no example; the
    # sentence speaks of product managers even set in another role's article
    from tests.assistant.conftest import DEV as DEV_DIR

    page = (DEV_DIR / "cds-so-what-exactly-is-a-product-manager.md").read_text(encoding="utf-8")
    start = page.index("I feel like people")
    text = page[start : page.index(".", start) + 1]
    sides = ["product manager", "front-end developer"]
    assert _side(book, sides, "Staff engineer and team lead", "", text) == 0
    # and an example given in passing there is not the side's evidence
    passing = "Many staff engineers work with partners, such as product managers, every day."
    assert _side(book, sides, "Staff engineer and team lead", "", passing) is None


def _rows(answer: str) -> list[str]:
    cells = [x.split("|")[1].strip() for x in answer.splitlines() if x.startswith("| ")]
    return [c for c in cells if c not in ("Aspect", "---")]


def test_an_aspect_asked_in_its_own_words_gets_its_row_and_no_other(lib):
    answer = lib.ask("Is it easier to become a baker or a midwife?", []).answer
    assert _rows(answer) == ["Entry and education"], answer
    pay = lib.ask("Baker vs midwife: which pays more?", []).answer
    assert _rows(pay) == ["Pay"], pay
    assert "$36,010" in pay and "$129,650" in pay
    # the seed: pay asked, pay answered; its day-to-day row was padding
    seed = lib.ask("Which pays more, AI engineer or ML engineer?", []).answer
    assert _rows(seed) == ["Pay"], seed


def test_a_topic_told_in_other_words_too_keeps_the_rows_around_it():
    from assistant.compare import _only_aspects
    from assistant.understand.lexicon import aspects

    demand = [a for a in aspects() if a.name == "Demand"]
    pay = [a for a in aspects() if a.name == "Pay"]
    assert _only_aspects("salary", pay)
    assert _only_aspects("outlook", demand)
    assert not _only_aspects("employers take seriously", demand)


def test_a_one_word_side_whose_stem_is_another_word_is_named_by_its_own_word(book):
    # "attendant" stems to "attend": "students attend classes" names no attendant
    from assistant.compare import SideFinder

    finder = SideFinder(["midwife", "attendant"], book)
    assert finder.sides_in("Many students attend evening classes.") == set()
    assert finder.sides_in("Attendants greet passengers at the door.") == {1}
    assert finder.sides_in("An attendant greets passengers at the door.") == {1}
    # a development article's "assist" names no assistant
    from tests.assistant.conftest import DEV as DEV_DIR

    page = (DEV_DIR / "front-end-developer-handbook-2019.html").read_text(encoding="utf-8")
    start = page.index("they do not assist")
    text = page[start : page.index(".", start) + 1]
    finder = SideFinder(["front-end developer", "assistant"], book)
    assert 1 not in finder.sides_in(text)
    assert 1 in finder.sides_in("A teaching assistant supports small groups.")
