"""'The two roles' asked first in a library of several articles: the pair of the article, of those
whose title sets two roles side by side, that writes what the question asks of them, and the
answer keeps to that article; with several fitting as well, the pairs are offered to choose from.
Articles written for this test (trades and kitchens, fields no development article covers), and
the seed article among development articles."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

TRADES = """# Electrician vs Plumber: Which Trade Suits You?

The difference between the two trades matters most for the work you will do every day.

## What an electrician does

An electrician installs wiring, fuse boards and lighting in new houses, and traces faults in
old circuits with a multimeter. Electricians read circuit diagrams every day.

## What a plumber does

A plumber fits pipes, boilers and radiators, and clears blocked drains. Plumbers solder copper
joints and test each system for leaks under pressure.

## Pay

A qualified electrician earns about 38,000 dollars a year; a qualified plumber earns about
36,000 dollars, and plumbers on emergency call-outs earn more.

## Apprenticeship

Both trades start with a four-year apprenticeship that mixes college days with paid site work.

## Choosing the right one

Pick the electrician's trade if you like puzzles and precise work; pick plumbing if you would
rather be on the move and work with your hands.
"""

KITCHEN = """# Line Cook vs Pastry Chef: Two Kitchen Careers

## What a line cook does

A line cook works one station of the hot line during service, searing, frying and plating
orders as the tickets come in. Line cooks prepare their station before each service.

## What a pastry chef does

A pastry chef makes breads, desserts and laminated doughs, often starting before dawn so that
the croissants are ready when the bakery opens.

## Pay

A line cook earns about 32,000 dollars a year, and a head pastry chef about 45,000 dollars.
"""

# no pair in its title, and the words the pair questions ask are written all over it
SAFETY = """# Keeping a Workshop Safe

Wiring faults cause most workshop fires, so a workshop keeps its wiring in metal conduit and
checks every plug and lead before use. Reliability of the old wiring matters: cheap wiring
fails without warning. Caring for tools matters as much: a tool you care for lasts, and people
who care about their tools care about their hands too. Why care? Because care prevents injury,
and workshops that care win fewer injury claims. Pressure vessels in a workshop need a pressure
gauge, and whoever runs the compressor must pay attention to the pressure it shows; insurers pay
out less where pressure is checked weekly. How do I know the right guard is fitted? Careers in
workshops are long for those who know which guard is right for each machine, and the right
guard is the one its maker fitted.
"""

# three options in one title: no pair of two
OPTIONS = """# College vs Apprenticeship vs Self-Study: Ways Into a Trade

Some people learn a trade at college, some through an apprenticeship, and some teach themselves
from books and videos before they find a first job. Each way has a different cost in money and
time, and an apprenticeship pays a wage from the first day.
"""

# three jobs listed in one title: no pair, but its jobs are the ones a question may ask of
LISTED = """# Roofer, Glazier or Scaffolder? Three Jobs at Height

Roofers strip and lay slate and tile roofs. Glaziers cut and fit glass in windows and
shopfronts, and carry each pane up a ladder on every site. Scaffolders put up the frames the
other trades stand on, and spend the whole day on site: every scaffolder climbs a ladder a
hundred times before lunch.
"""


@pytest.fixture(scope="module")
def trades(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("pairscope")
    for name, text in {
        "trades.md": TRADES,
        "kitchen.md": KITCHEN,
        "safety.md": SAFETY,
        "options.md": OPTIONS,
        "listed.md": LISTED,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    names = ["trades.md", "kitchen.md", "safety.md", "options.md", "listed.md"]
    report = ingest_sources([str(folder / n) for n in names], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _sources(result) -> set[str]:
    return {c["source"].rsplit("/", 1)[-1] for c in result.citations}


def test_the_pair_whose_article_writes_the_asked_words_is_compared(trades):
    # "wiring" is written by the trades pair's article (and by the safety article, which sets
    # no pair): the electrician and the plumber, not the kitchen's pair
    r = trades.ask("Which of the two jobs involves more wiring?")
    assert r.comparison and {s.lower() for s in r.comparison} == {"electrician", "plumber"}, (
        r.answer
    )
    assert "safety.md" not in _sources(r), r.answer
    r = trades.ask("Which one works more before dawn?")
    assert r.comparison and {s.lower() for s in r.comparison} == {"line cook", "pastry chef"}, (
        r.answer
    )


def test_a_pair_question_both_pairs_fit_as_well_asks_which_pair(trades):
    r = trades.ask("Which of the two roles earns more?")
    assert r.answer.startswith("Which two roles do you mean?"), r.answer
    assert "Electrician vs Plumber" in r.answer and "Line Cook vs Pastry Chef" in r.answer
    # "College vs Apprenticeship vs Self-Study" sets three ways side by side, no pair
    assert "College" not in r.answer, r.answer
    assert not r.citations


def test_a_pair_question_with_no_comparison_keeps_to_the_pairs_article(trades):
    # the safety article writes "care" and "why" far more, but sets no two roles side by side
    r = trades.ask("Why should I care about the difference between these two jobs?")
    assert r.citations and _sources(r) == {"trades.md"}, r.answer


def test_which_of_these_careers_is_a_choice_of_the_pair_that_fits(trades):
    # "right" is written by the trades article's own advice; the options article sets three
    # ways side by side, and the safety article none
    r = trades.ask("How do I know which of these careers is right for me?")
    assert r.citations and _sources(r) == {"trades.md"}, r.answer
    assert "puzzles" in r.answer, r.answer


def test_a_follow_up_keeps_to_the_pair_its_question_found(trades):
    first = "Which one works more with pressure?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": trades.ask(first).answer},
    ]
    r = trades.ask("and what does it pay?", history)
    # (the safety article writes "pressure" and "pay" more, and sets no two roles side by side)
    assert r.citations and _sources(r) == {"trades.md"}, r.answer


def test_a_question_an_article_listing_three_jobs_fits_best_is_not_put_to_a_pair(trades):
    # the trades article writes "site" (its apprentices' paid site work); the article listing
    # three jobs at height writes "site" and "ladder": its jobs are asked of, not the trades pair
    r = trades.ask("Which one spends more time on site up a ladder?")
    assert not r.comparison or "electrician" not in {s.lower() for s in r.comparison}, r.answer
    assert r.citations and _sources(r) == {"listed.md"}, r.answer


def test_a_title_of_three_options_sets_no_pair():
    from assistant.understand.vocabulary import sets_two_side_by_side

    assert sets_two_side_by_side("Electrician vs Plumber: Which Trade Suits You?")
    assert not sets_two_side_by_side("College vs Apprenticeship vs Self-Study: Ways Into a Trade")
    assert not sets_two_side_by_side("Keeping a Workshop Safe")


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "pairscope-dev",
        [
            "staffeng-dan-na-staff-engineer-and-team-lead.html",
            "datatalksclub-data-team-roles-explained.md",
            "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
        ],
    )


def test_the_seeds_pair_answers_its_pair_questions_among_development_articles(library):
    # the interview writes "care" throughout; the seed's pair is the only two roles set side
    # by side, and it writes what the question asks of them
    r = library.ask("Why would the difference between these two jobs matter to me?")
    assert r.citations and all("ai-engineer-vs" in c["source"] for c in r.citations), r.answer
    # "math" is the seed's "mathematical"
    r = library.ask("Which role needs more math?")
    assert r.comparison and {s.lower() for s in r.comparison} == {
        "ai engineer",
        "machine learning engineer",
    }, r.answer
