"""A comparison's two sides, read from the question and found in the library, each with its own
passages: a side the library never learnt as a role keeps its own article; a side before a
light verb ("What education do X need compared with Y?") or a progressive ("Are X jobs growing
faster than Y jobs?") is still a side; "How much do X make compared with Y?" compares pay.

Written for the test: a law office (paralegals, legal secretaries; HTML) and a dental practice
(hygienists, assistants; Markdown with front matter), fields no development article covers;
each mechanism is also checked beside a development article (skipped where ../shared is
missing).
"""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings
from tests.assistant.conftest import dev_library

LAW = """<!DOCTYPE html>
<html lang="en"><head><title>Paralegal or Legal Secretary? Two Law Office Careers | Desk Notes</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/jobs">Jobs</a></nav>
<article>
<h1>Paralegal or Legal Secretary? Two Law Office Careers</h1>
<p>Law firms rely on two kinds of support staff: paralegals and legal secretaries. The titles
are often mixed up, but the work differs.</p>
<h2>The paralegal</h2>
<p>A paralegal researches case law, drafts pleadings and organizes exhibits for trial under the
supervision of an attorney.</p>
<p>Paralegals earned a median wage of $60,970 per year in 2023.</p>
<p>Most paralegals hold an associate degree in paralegal studies or a bachelor's degree plus a
paralegal certificate.</p>
<h2>The legal secretary</h2>
<p>A legal secretary manages an attorney's calendar, formats court documents and keeps billing
records.</p>
<p>Legal secretaries earned a median of $50,200 a year.</p>
<p>A high school diploma is the usual minimum, and many employers prefer a one-year legal
secretary certificate.</p>
<h2>Career prospects</h2>
<p>Employment of paralegals is projected to grow 4 percent this decade as firms hand routine
work to them. Legal secretary jobs are expected to decline as document software does the
formatting.</p>
</article>
<footer><p>&copy; 2024 Desk Notes</p></footer>
</body></html>
"""

DENTAL = """---
title: "Dental Hygienist vs Dental Assistant: Two Chairside Careers"
author: Test Writer
date: 2025-03-14
---

# Dental Hygienist vs Dental Assistant: Two Chairside Careers

Both jobs keep a dental practice running, and patients often confuse the two.

## What a Dental Hygienist Does

A dental hygienist cleans teeth, removes tartar and screens patients for gum disease.

## What a Dental Assistant Does

A dental assistant works beside the dentist during procedures, passing instruments and keeping
the treatment area sterile.

## Pay

Dental hygienists earned a median salary of $87,530 in 2023. Dental assistants earned a median
of $46,540.

## Job Outlook

Employment of dental hygienists is projected to grow 7 percent over the next decade. Demand for
dental assistants is projected to grow 7 percent too.
"""


def _library(tmp_path_factory, name: str, articles: dict[str, str]):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp(name)
    for file_name, text in articles.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in articles], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _row(answer: str, label: str) -> list[str]:
    line = next((x for x in answer.splitlines() if x.startswith(f"| {label} |")), "")
    return [c.strip() for c in line.split("|")[2:-1]]


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    return _library(tmp_path_factory, "offices", {"law.html": LAW, "dental.md": DENTAL})


@pytest.fixture(scope="module")
def offices_and_dev(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "offices-dev",
        [
            "datatalksclub-data-team-roles-explained.md",
            "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
        ],
        written={"law.html": LAW},
    )


# -- a side the library never learnt as a role keeps its own article ---------------------------


def test_a_side_no_article_names_as_a_role_keeps_its_own_article(offices):
    """ "Paralegal" is no role the library learnt ("legal secretary" is no job title it knows),
    so its search brings the dental article too: that article names no paralegal and must
    not lead the paralegal's passages as if it spoke of both sides."""
    r = offices.ask("What is the difference between a paralegal and a dental hygienist?")
    assert not r.abstained, r.answer
    paralegal, hygienist = _row(r.answer, "Overview")
    assert "researches case law" in paralegal, r.answer
    assert "cleans teeth" in hygienist, r.answer


def test_a_dev_article_naming_one_side_only_does_not_lead_the_other(offices_and_dev):
    # the data team article never names a paralegal
    r = offices_and_dev.ask("What is the difference between a paralegal and a data analyst?")
    assert not r.abstained, r.answer
    paralegal, analyst = _row(r.answer, "Overview")
    assert "researches case law" in paralegal, r.answer
    assert "analyze the data" in analyst, r.answer


# -- sides read from the question's syntax -------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "What education do paralegals need compared with legal secretaries?",
            ["paralegals", "legal secretaries"],
        ),
        ("How much do welders earn compared with plumbers?", ["welders", "plumbers"]),
        # a verb that is itself what is asked leaves the phrase before it no side
        ("What do bootcamps offer compared with CS degrees?", []),
        ("How does it compare with a bootcamp?", []),
    ],
)
def test_the_subject_before_a_light_verb_is_the_side_compared_with(question, sides):
    from assistant.understand.sides import syntactic_sides

    assert syntactic_sides(question) == sides


def test_compared_with_after_a_light_verb_compares_both_sides(offices):
    r = offices.ask("What education do paralegals need compared with legal secretaries?")
    assert r.comparison == ["paralegals", "legal secretaries"], r.answer
    paralegals, secretaries = _row(r.answer, "Entry and education")
    assert "associate degree in paralegal studies" in paralegals, r.answer
    assert "high school diploma" in secretaries, r.answer


def test_a_dev_side_before_a_light_verb_is_compared(offices_and_dev):
    r = offices_and_dev.ask("What education do data scientists need compared with a bootcamp?")
    assert not r.abstained, r.answer
    assert r.comparison == ["data scientists", "bootcamp"], r.answer


def test_a_progressive_verb_is_no_part_of_a_side(offices):
    r = offices.ask("Are dental hygienist jobs growing faster than paralegal jobs?")
    assert r.comparison == ["dental hygienist", "paralegal"], r.answer
    hygienists, paralegals = _row(r.answer, "Demand")
    assert "grow 7 percent" in hygienists, r.answer
    assert "grow 4 percent" in paralegals, r.answer


def test_a_dev_side_before_a_progressive_verb_is_the_role(offices_and_dev):
    r = offices_and_dev.ask("Are data engineer jobs growing faster than bootcamp jobs?")
    assert r.comparison == ["data engineer", "bootcamp"], r.answer
    # "systems engineering" is a field, not systems that engineer
    r = offices_and_dev.ask("Is systems engineering better than software engineering?")
    assert r.comparison == ["systems engineering", "software engineering"], r.answer


# -- "How much do X make compared with Y?" compares pay ------------------------------------------


def test_what_two_sides_make_is_their_pay(offices):
    r = offices.ask("How much do paralegals make compared with dental hygienists?")
    paralegals, hygienists = _row(r.answer, "Pay")
    assert "$60,970" in paralegals, r.answer
    assert "$87,530" in hygienists, r.answer


def test_what_two_dev_roles_make_is_their_pay(offices_and_dev):
    r = offices_and_dev.ask("How much do AI engineers make compared with ML engineers?")
    rows = [x for x in r.answer.splitlines() if x.startswith("| ") and "---" not in x]
    assert rows[1].startswith("| Pay |"), r.answer  # what was asked leads, no overview first
    ai, ml = _row(r.answer, "Pay")
    assert "$140,000" in ai, r.answer
    assert "$245,000" in ml, r.answer
    assert "ML engineers generally earn more" in r.answer, r.answer  # the verdict on pay


# -- the article's advice on choosing names a side by its bare head ------------------------------

CHOOSING = """
## Which Should You Choose?

If you want a higher salary and more independence with patients, become a hygienist. If you
want to start working within a year, dental assisting is the faster way in.
"""


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    return _library(tmp_path_factory, "clinic", {"dental.md": DENTAL + CHOOSING})


def test_advice_naming_a_side_by_its_bare_head_is_the_verdict_on_a_choice(clinic):
    r = clinic.ask("Should I become a dental hygienist or a dental assistant?")
    verdict = next((x for x in r.answer.splitlines() if x.startswith("**Verdict:**")), "")
    assert "If you want" in verdict, r.answer
    # not asked to choose: no advice stands in for a verdict
    r = clinic.ask("What is the difference between a dental hygienist and a dental assistant?")
    assert "If you want" not in r.answer, r.answer


def test_a_dev_choice_keeps_its_verdict(offices_and_dev):
    # the seed's advice names its roles in full ("the AI engineer track is more accessible")
    r = offices_and_dev.ask("Should I become an AI engineer or an ML engineer?")
    verdict = next((x for x in r.answer.splitlines() if x.startswith("**Verdict:**")), "")
    assert "If you have" in verdict and "engineer" in verdict, r.answer


# -- a side named by its field's adjective and "work" is the role's ------------------------------

TRADES = """---
title: Electrician or Plumber? Comparing Two Skilled Trades
---

# Electrician or Plumber? Comparing Two Skilled Trades

Electricians and plumbers both train through apprenticeships, but the daily work differs.

## Day-to-day work

Electricians install and repair wiring, lighting and breaker panels. Plumbers fit and repair
pipes, water heaters and drainage systems.

## Becoming one

An electrical apprenticeship lasts four to five years, after which most states require a
licensing exam. Plumbing apprentices also train for four to five years before a state exam.

## Hazards

Electricians risk shocks and burns. Plumbers work in cramped crawl spaces.
"""


@pytest.fixture(scope="module")
def trades(tmp_path_factory):
    return _library(tmp_path_factory, "trades", {"trades.md": TRADES})


def test_a_field_adjective_before_work_names_its_role(trades):
    trades.retriever.refresh()
    book = trades.retriever.library.roles
    assert book.role_for("electrical work").lower() == "electrician"
    assert book.role_for("plumbing").lower() == "plumber"
    r = trades.ask("Is plumbing work harder than electrical work?")
    assert not r.abstained, r.answer
    plumbing, electrical = _row(r.answer, "Entry and education")
    assert "Plumbing apprentices" in plumbing, r.answer
    assert "electrical apprenticeship" in electrical, r.answer
    r = trades.ask("Which is riskier, electrical work or plumbing?")
    assert not r.abstained, r.answer
    assert "Electricians risk shocks" in r.answer, r.answer


def test_dev_work_of_no_one_word_role_is_no_field(offices_and_dev):
    # the development library's one-word roles ("DevOps", "frontend") share no root with these
    offices_and_dev.retriever.refresh()
    book = offices_and_dev.retriever.library.roles
    for phrase in ("technical work", "analytical work", "social work", "engineering work"):
        assert book.role_for(phrase) is None, phrase


# -- the author's advice to two kinds of reader fills a row for each side ------------------------

BAKERY = """# Baker or Sommelier? Two Careers in Food and Drink

## What bakers do

Bakers mix dough, shape loaves and run the ovens from four in the morning.

## What sommeliers do

Sommeliers choose wines for a restaurant's list and advise guests at the table.

## Choosing

If you have a steady hand and like early starts, the baker path is quick to break
into. If you have a good palate and a memory for vintages, the sommelier route rewards years of
tasting.
"""


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    return _library(tmp_path_factory, "bakery", {"bakery.md": BAKERY})


def test_paired_advice_fills_the_asked_row_for_each_side(bakery):
    r = bakery.ask("Which is easier to get into, baker or sommelier?")
    baker, sommelier = _row(r.answer, "Entry and education")
    assert "steady hand" in baker, r.answer
    assert "good palate" in sommelier, r.answer
    assert "do not cover this" not in r.answer, r.answer


def test_the_seeds_paired_advice_fills_its_entry_row(offices_and_dev):
    r = offices_and_dev.ask("which is easier to get into: AI eng or MLE")
    ai, ml = _row(r.answer, "Entry and education")
    assert "AI engineer track is more accessible" in ai, r.answer
    assert "ML engineering path" in ml, r.answer
