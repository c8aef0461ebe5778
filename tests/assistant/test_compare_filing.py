"""Comparison cells read the author's own filing: a section headed by one career aspect ("Job
outlook", "Getting started", "How to become a teacher") holds that aspect's evidence, so its
sentences fill no other aspect's row; an overview prefers the section where the author sets the
two sides against each other; a statement that ends on a question still says what a side is.

Written for the test: midwifery and school teaching (no development article's domain), plus one
development article (a product manager interview) for the side-by-side overview.
"""

from __future__ import annotations

import pytest

MIDWIFE = """---
title: Midwife Career Guide
date: 2025-02-11
---

Midwives care for women through pregnancy, birth and the first weeks after it. The work mixes
clinical judgement with a great deal of listening.

## A day in the life of a midwife

A community midwife drives between home visits, checks blood pressure and the baby's growth, and
writes up notes between appointments. On a labour ward the shift goes on monitoring contractions
and supporting the mother through birth.

## Skills

- Calm judgement when a birth does not go to plan
- Clear explanation of risks and choices to anxious parents
- Careful record keeping and medicine calculations
- Stamina for long night shifts on the labour ward

## Job outlook

Employment of midwives is projected to grow 7 percent over the decade. Maternity units report a
shortage, and private clinics regularly hire skilled midwives from abroad.

## Getting started

A degree in midwifery is the usual route, and it takes three years, half of them on placement.
Many midwives begin as maternity support workers and learn on the job before they apply.
"""

TEACHER = """---
title: School Teacher Career Guide
date: 2025-02-12
---

School teachers plan lessons, teach classes and assess how their pupils are doing.

## What school teachers do all day

A school teacher teaches five or six classes a day, marks homework in the evening and meets
parents at the end of each term.

## Skills

School teachers need patience, a clear speaking voice and a deep knowledge of their subject.
Classroom management skills matter most in the first two years.

## Job outlook

Schools in many regions hire school teachers faster than colleges can train them.

## How to become a school teacher

A school teacher needs a bachelor's degree and a teaching credential, which includes a semester
of supervised student teaching.
"""


TUTOR = """# Private Tutor or School Teacher?

## What a private tutor does

A private tutor meets one pupil at a time, usually at the pupil's home or online, and works
through the homework the school has set. Private tutors set their own hours and their own fees.

## What a classroom teacher does

A classroom teacher plans a term of lessons for thirty pupils and follows the national
curriculum. Classroom teachers also run a form group and write reports.

## What parents get wrong about tutoring

It is not classroom teaching. So a classroom teacher is about thirty pupils, a timetable and
a curriculum that must be covered by June.

But a private tutor is more about the one pupil in front of them; is that pupil keeping up?
"""

# the development articles the eval's own library holds (a sentence's rank depends on the rest
# of the library)
DEV_ARTICLES = [
    "18f-a-day-in-the-life-of-an-18f-engineer.md",
    "adron-hall-devops-obliviousness-site-reliability.html",
    "cds-so-what-exactly-is-a-product-manager.md",
    "data-engineering-cookbook-v0.4-preview.pdf",
    "datatalksclub-data-team-roles-explained.md",
    "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
    "front-end-developer-handbook-2019.html",
    "gitlab-handbook-engineering-career-development.md",
    "practitioners-guide-data-science-role-and-skill-tracks.html",
    "staffeng-dan-na-staff-engineer-and-team-lead.html",
]


@pytest.fixture(scope="module")
def filed(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "filed",
        DEV_ARTICLES,
        written={"midwife.md": MIDWIFE, "school-teacher.md": TEACHER, "tutor.md": TUTOR},
    )


@pytest.fixture(scope="module")
def book(filed):
    filed.retriever.refresh()
    return filed.retriever.library.roles


def _passage(title: str, section: str, text: str = "x"):
    from knowledge.schema import Passage

    return Passage(
        id="p", source="/a/x.md", title=title, section=section, text=text, chunk_index=0, ref_ids=[]
    )


@pytest.mark.parametrize(
    ("section", "filed_under"),
    [
        ("Job outlook", {"Demand"}),
        ("Job outlook for midwives", {"Demand"}),
        ("Getting started", {"Entry and education"}),
        ("How to become a school teacher", {"Entry and education"}),
        ("A day in the life of a midwife", {"Day-to-day work"}),
        ("Midwife salary", {"Pay"}),
        ("Skills", {"Skills"}),
        # a long heading speaks of more than one thing; a statement or a pair is no label
        ("Salary Comparison and Where the Gap Comes From", set()),
        ("Choosing the Right Path for Your Background", set()),
        ("It is not only the clinical skills", set()),
        ("Midwifery vs. Teaching", set()),
        ("Why I love this job", set()),
        # the article's title heads everything
        ("Midwife Career Guide", set()),
    ],
)
def test_a_short_heading_files_its_section_under_the_aspects_it_names(book, section, filed_under):
    from assistant.compare import heading_aspects

    assert heading_aspects(_passage("Midwife Career Guide", section), book) == filed_under


@pytest.mark.parametrize(
    ("text", "section", "row", "elsewhere"),
    [
        # "learn" is a skills word, but under "Getting started" the sentence is about entry
        (
            "Many midwives begin as support workers and learn on the job.",
            "Getting started",
            "Skills",
            True,
        ),
        # "skilled" beside "hire" under "Job outlook": demand
        (
            "Private clinics regularly hire skilled midwives from abroad.",
            "Job outlook",
            "Skills",
            True,
        ),
        # "spending" of a budget is no day at work
        (
            "Teaching demand is supported by school spending in growing suburbs.",
            "Job outlook",
            "Day-to-day work",
            True,
        ),
        # the heading's own aspect: its row
        (
            "Many midwives begin as support workers and learn on the job.",
            "Getting started",
            "Entry and education",
            False,
        ),
        # a sentence that speaks of another aspect well beyond the heading's keeps that row
        (
            "The new route offers career advancement opportunities to senior midwives and a "
            "promotion ladder to consultant midwife.",
            "Opportunity",
            "Progression",
            False,
        ),
        # no filing: the sentence's own words decide
        ("Midwives learn suturing on placement.", "Why I love this job", "Skills", False),
    ],
)
def test_a_sentence_fills_the_row_its_heading_files_it_under(book, text, section, row, elsewhere):
    from assistant.compare import _filed_elsewhere, heading_aspects
    from assistant.evidence import Sentence

    filed_under = heading_aspects(_passage("Midwife Career Guide", section), book)
    assert _filed_elsewhere(Sentence(0, 0, text), row, filed_under) is elsewhere


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What does a midwife do on a night shift?", True),
        ("A midwife? Not yet; are you sure?", True),
        (
            "But a tutor is more about the one pupil in front of them; is the pupil keeping up?",
            False,
        ),
        ("A midwife listens.", False),
    ],
)
def test_a_statement_ending_on_a_question_still_states(text, asks):
    from assistant.compare import _only_asks

    assert _only_asks(text) is asks


def _cited(result) -> str:
    return " ".join(c["quote"] for c in result.citations)


def test_a_skills_row_quotes_the_sides_skills_sections(filed):
    r = filed.ask("How do the skills of a midwife and a school teacher differ?")
    assert r.comparison, r.answer
    row = next((line for line in r.answer.splitlines() if line.startswith("| Skills |")), "")
    assert "judgement" in row or "record keeping" in row or "Stamina" in row, r.answer
    assert "patience" in row or "Classroom management" in row, r.answer
    assert "learn on the job" not in row, r.answer


def test_an_outlook_sentence_is_no_entry_evidence(filed):
    r = filed.ask("Is it easier to become a midwife or a school teacher?")
    assert r.comparison, r.answer
    row = next((line for line in r.answer.splitlines() if line.startswith("| Entry")), "")
    assert "degree" in row and "credential" in row, r.answer
    assert "hire" not in row, r.answer


def test_an_overview_quotes_the_section_setting_the_sides_against_each_other(filed):
    r = filed.ask("How is a private tutor different from a classroom teacher?")
    assert r.comparison, r.answer
    cited = _cited(r)
    assert "the one pupil in front of them" in cited, r.answer
    assert "a timetable" in cited, r.answer


def test_an_overview_quotes_the_passage_setting_the_sides_against_each_other_dev(filed):
    # (a development article: an interview that says what project management is, then what a
    # PM is about instead, the second a statement that ends on the question a PM asks)
    r = filed.ask("How is product management different from project management?")
    assert r.comparison, r.answer
    cited = _cited(r)
    assert "spokesperson for the users" in cited, r.answer
    assert "milestones and resources" in cited, r.answer


def test_a_pay_cell_gives_the_usual_figure_before_the_tails_of_the_range():
    from assistant.compare import _figures_first
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    pay = next(a for a in aspects() if a.name == "Pay")
    tails = Sentence(
        0,
        0,
        "The lowest 10 percent earned less than $52,000, and the highest 10 percent earned more than $129,000.",
    )
    usual = Sentence(0, 1, "Midwives earned a median annual wage of $88,000 in May 2023.")
    options = [(5.3, tails), (4.6, usual)]
    ranked = sorted(_figures_first(options, pay, set()), key=lambda o: -o[0])
    assert ranked[0][1] is usual
    # "What do the top midwives earn?": the tails are what is asked
    asked = sorted(_figures_first(options, pay, set(), {"top"}), key=lambda o: -o[0])
    assert asked[0][1] is tails


def test_a_tail_is_a_share_of_earners_not_any_top():
    from assistant.compare import _TAILS
    from tests.assistant.conftest import DEV

    assert _TAILS.search("The top 10% of school teachers earn over $99,000.")
    assert _TAILS.search("Top earners among midwives work in private clinics.")
    assert not _TAILS.search("Teachers at the top of the pay scale earn $70,000.")
    page = DEV / "front-end-developer-handbook-2019.html"
    if not page.is_file():
        pytest.skip(f"the development articles are not at {DEV}")
    text = page.read_text(encoding="utf-8", errors="replace")
    line = next(x for x in text.split(". ") if "highest-trafficked" in x)
    assert "top 10 million" in line and not _TAILS.search(line)


@pytest.mark.parametrize(
    ("section", "side"),
    [
        # the article's "X vs Y" before each heading: the heading's own part names the side
        ("Private Tutor vs School Teacher: What Private Tutors Do", 0),
        ("Private Tutor vs School Teacher: What School Teachers Do", 1),
        # a heading that itself sets the two side by side heads what they share
        ("Private Tutor vs School Teacher", None),
    ],
)
def test_the_heading_that_names_a_side_heads_its_sentences(book, section, side):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["private tutor", "school teacher"], book)
    text = "The role asks for patience above all."
    p = _passage("Two Teaching Careers", section, text)
    assert side_of(Sentence(0, 0, text), [p], finder) == side


def test_a_seed_heading_after_the_articles_pair_heads_that_sides_sentences(book):
    # the seed article writes "AI Engineer vs Machine Learning Engineer:" before its headings
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from knowledge.settings import REPO_ROOT

    seed = (REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt").read_text()
    heading = next(x for x in seed.splitlines() if x.endswith("What ML Engineers Do"))
    text = next(x for x in seed.splitlines() if x.startswith("This role demands")).split(". ")[0]
    finder = SideFinder(["AI engineer", "machine learning engineer"], book)
    p = _passage("AI Engineer vs Machine Learning Engineer", heading, text)
    assert side_of(Sentence(0, 0, text), [p], finder) == 1


def test_a_pay_figure_is_pay_evidence_under_any_heading(book):
    from assistant.compare import _filed_elsewhere, heading_aspects
    from assistant.evidence import Sentence

    filed_under = heading_aspects(_passage("Notes From a Maternity Unit", "Working here"), book)
    assert filed_under == {"Day-to-day work"}
    figure = Sentence(0, 0, "Midwives here earned a median of $61,000 a year.")
    assert not _filed_elsewhere(figure, "Pay", filed_under)
    words_only = Sentence(0, 1, "Midwives here are paid on the national scale.")
    assert _filed_elsewhere(words_only, "Pay", filed_under)


def test_the_articles_title_makes_no_sentence_speak_of_its_words(filed):
    # "School Teacher Career Guide", "Midwife Career Guide": "career" in a title is no evidence
    # on progression for the sentences under it
    r = filed.ask("Which career has more progression, midwife or school teacher?")
    rows = [line for line in r.answer.splitlines() if line.startswith("| Progression |")]
    assert not rows, r.answer
    assert "Progression**: the articles do not cover this" in r.answer, r.answer


def test_an_overview_cell_says_what_the_side_does_not_its_entry_or_pay(book):
    from assistant.compare import SideFinder, _overview
    from assistant.evidence import Sentence

    title = "School Teacher Career Guide"
    passages = [
        _passage(title, "How to become a school teacher", "x"),
        _passage(title, "What school teachers do all day", "x"),
        _passage("Private Tutor Guide", "What a private tutor does", "x"),
    ]
    entry = Sentence(0, 0, "School teachers need a bachelor's degree and a teaching credential.")
    entry.score = 0.9
    work = Sentence(1, 0, "School teachers plan lessons, teach classes and mark homework.")
    work.score = 0.5
    tutor = Sentence(2, 0, "A private tutor meets one pupil at a time and works through homework.")
    tutor.score = 0.5
    finder = SideFinder(["school teacher", "private tutor"], book)
    picks = _overview([(entry, 0), (work, 0), (tutor, 1)], set(), finder, book, passages)
    assert picks == [work, tutor]


@pytest.mark.parametrize(
    ("article", "heading", "filed_under"),
    [
        # a morning's technical work is what the engineer does: day-to-day (and skills), so
        # its sentences may still say what the side does in an overview
        (
            "18f-a-day-in-the-life-of-an-18f-engineer.md",
            "A morning of technical work",
            {"Day-to-day work", "Skills"},
        ),
        # two paths set side by side: no filing
        (
            "gitlab-handbook-engineering-career-development.md",
            "Individual Contribution vs. Management",
            set(),
        ),
        # an interviewer's long question: no filing
        (
            "cds-so-what-exactly-is-a-product-manager.md",
            "What is something people might get wrong about product management?",
            set(),
        ),
    ],
)
def test_development_headings_are_filed_as_their_sections_read(
    filed, book, article, heading, filed_under
):
    from assistant.compare import heading_aspects

    passages = [
        p
        for p in filed.retriever.search(heading, 40)
        if p.source.endswith(article) and p.section.endswith(heading)
    ]
    assert passages, (article, heading)
    assert heading_aspects(passages[0], book) == filed_under


DENTAL = """# Dental Hygienist vs Dental Assistant

Dental hygienists clean teeth and screen patients for gum disease; dental assistants prepare
rooms, pass instruments and keep records for the dentist.

## Pay

Hygienists earn far more than assistants, mostly because they need a licence.

| Measure | Dental hygienist | Dental assistant |
|---|---|---|
| Median annual pay (2023) | $87,530 | $46,540 |
| Lowest 10 percent earned less than | $63,870 | $35,050 |
| Highest 10 percent earned more than | $111,030 | $60,000 |

## Training

A hygienist needs an associate degree and a state licence; many assistants learn on the job.
"""


@pytest.fixture(scope="module")
def dental(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "dental",
        [
            "datatalksclub-data-team-roles-explained.md",
            "cds-so-what-exactly-is-a-product-manager.md",
        ],
        written={"dental.md": DENTAL},
    )


def test_a_pay_tables_median_row_answers_which_pays_more_not_its_tails(dental):
    """Every row of a pay table judges by its figure; "Who earns more?" shares its words with
    the "Lowest 10 percent earned less than" row, but the median's row is the answer."""
    r = dental.ask("Who earns more, a dental hygienist or a dental assistant?")
    pay = next(line for line in r.answer.split("\n") if line.startswith("| Pay"))
    assert "$87,530" in pay and "$46,540" in pay, r.answer
    assert "Lowest" not in pay and "Highest" not in pay, r.answer
    # asked for an edge, the tails are the answer
    top = dental.ask("Who earns more at the top, a dental hygienist or a dental assistant?")
    assert "$111,030" in top.answer, top.answer


def test_an_overview_cell_says_what_the_side_is_not_its_pay_or_whom_it_suits(book):
    """A pay figure ("School teachers earn a median of $61,000 ...") and advice to choose a
    side ("Choose tutoring if ...") score above the side's own account, in a summary box, but
    say what a side pays and whom it suits, not what it is. So for two roles of a development
    article (datatalksclub: data engineers and data scientists)."""
    from assistant.compare import SideFinder, _overview
    from assistant.evidence import Sentence

    title = "School Teacher vs Private Tutor"
    passages = [
        _passage(title, "Key takeaways", "x"),
        _passage(title, "Two ways to teach", "x"),
        _passage(title, "Which should you choose?", "x"),
    ]
    pay = Sentence(0, 0, "In the US, school teachers earn a median of $61,000 a year, tutors less.")
    pay.score = 0.9
    teach = Sentence(1, 0, "School teachers plan lessons, teach classes and mark homework.")
    teach.score = 0.5
    tutor = Sentence(1, 1, "A private tutor meets one pupil at a time and works through homework.")
    tutor.score = 0.5
    advice = Sentence(
        2, 0, "Choose private tutoring if you want to set your own hours as a private tutor."
    )
    advice.score = 0.9
    finder = SideFinder(["school teacher", "private tutor"], book)
    attributed = [(pay, 0), (teach, 0), (advice, 1), (tutor, 1)]
    assert _overview(attributed, set(), finder, book, passages) == [teach, tutor]
    title = "Data Team Roles Explained"
    passages = [_passage(title, "Summary", "x"), _passage(title, "The roles", "x")]
    paid = Sentence(0, 0, "Data engineers earn a median of $120,000, more than data scientists.")
    paid.score = 0.9
    builds = Sentence(1, 0, "Data engineers build the pipelines that move and store the data.")
    builds.score = 0.4
    choose = Sentence(
        0,
        1,
        "Choose data science if you like statistics more than pipelines, as data scientists do.",
    )
    choose.score = 0.9
    models = Sentence(1, 1, "Data scientists build models that explain and predict from the data.")
    models.score = 0.4
    finder = SideFinder(["data engineer", "data scientist"], book)
    attributed = [(paid, 0), (builds, 0), (choose, 1), (models, 1)]
    assert _overview(attributed, set(), finder, book, passages) == [builds, models]
