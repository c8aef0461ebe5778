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
"""
DEV = "staffeng-dan-na-staff-engineer-and-team-lead.html"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
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
