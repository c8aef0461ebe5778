"""A table with a column per role gives each measure a row, which ingest writes as "Median
yearly pay — Chef: $58,000; Baker: $37,000.": the row's first cell is a measure, not a role.

- "How much does a chef make?" is a pay question though it has no word of pay ("make"), and
  the row whose chef column holds the figure answers it (it was halved as "another row").
- A comparison sets each side's own cell of one row side by side ("Median yearly pay — Chef:
  $58,000." beside "Median yearly pay — Baker: $37,000."), not cells of two different rows,
  and a side from another article takes its cell of that article's row.

Checked on articles written for the test (a kitchen, a bakery, a florist's shop) and, where
the development articles are present, with them in the library.
"""

from __future__ import annotations

import pytest

from assistant.compare import ROW_CELL, SideFinder, _same_row, _side_cells
from assistant.evidence import Sentence, row_cells
from assistant.understand import RoleBook
from tests.assistant.conftest import dev_library

KITCHEN = """---
title: "Chef vs Baker: Two Kitchen Careers"
author: "Ines Morel"
date: 2024-05-02
---

Chefs and bakers both work with food, but their days look nothing alike.

## What chefs do

Chefs plan menus, order produce and run the line during dinner service.

## What bakers do

Bakers mix doughs before dawn and bake bread, cakes and pastries for the morning rush.

## Pay

Pay depends on the kitchen and the city.

| | Chef | Baker |
|---|---|---|
| Median yearly pay | $58,000 | $37,000 |
| Top 10% earn more than | $91,000 | $52,000 |

Most kitchens pay overtime during the holiday season.

## Training

Chefs usually train in a culinary school for two years. Bakers often learn on the job.
"""

FLORIST = """---
title: "Florist vs Event Planner: Careers in Celebrations"
---

## Florist pay

Florists earned a median of $33,000 a year, while event planners earned about $52,000.
A certified floral designer (CFD) earns a median of $40,000 a year.
The top 10 percent of CFDs earned more than $48,000.
"""


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "columns",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"kitchen.md": KITCHEN, "florist.md": FLORIST},
    )


def test_row_cells_reads_header_value_pairs():
    row = "Median yearly pay — Chef: $58,000; Baker: $37,000."
    assert row_cells(row) == [("Chef", "$58,000"), ("Baker", "$37,000")]
    assert row_cells("Salary — Chef: $58,000 – $62,000.") == [("Chef", "$58,000 – $62,000")]
    assert row_cells("Plain sentence with no cells.") == []


def test_a_row_with_a_column_per_side_is_split_into_each_sides_cell():
    book = RoleBook(["Chef", "Baker", "Florist"], lone={"chef", "baker", "florist"})
    finder = SideFinder(["chef", "baker"], book)
    row = Sentence(0, 3, "Median yearly pay — Chef: $58,000; Baker: $37,000.")
    prose = Sentence(0, 4, "Most kitchens pay overtime during the holiday season.")
    cells, whole = _side_cells([row, prose], finder)
    assert [c.text for c in cells] == [
        "Median yearly pay — Chef: $58,000.",
        "Median yearly pay — Baker: $37,000.",
        prose.text,
    ]
    assert all(whole[(c.passage, c.position)] == row.text for c in cells[:2])
    # a row headed by a side is that side's already; one naming no second role is no table
    headed = Sentence(0, 5, "Chef — Median pay: $58,000; Top pay: $91,000.")
    single = Sentence(0, 6, "Median yearly pay — Chef: $58,000.")
    assert _side_cells([headed, single], finder)[0] == [headed, single]


def test_cells_of_one_row_are_set_side_by_side():
    a = [
        Sentence(0, ROW_CELL + 3 * 64, "Median — Chef: $1."),
        Sentence(0, ROW_CELL + 4 * 64, "Top — Chef: $2."),
    ]
    b = [
        Sentence(0, ROW_CELL + 3 * 64 + 1, "Median — Baker: $3."),
        Sentence(0, ROW_CELL + 4 * 64 + 1, "Top — Baker: $4."),
    ]
    scored = [[(1.0, a[0]), (2.0, a[1])], [(3.0, b[0]), (1.0, b[1])]]
    # each side's best alone would be two rows ("Top" for the chef, "Median" for the baker)
    assert _same_row([a[1], b[0]], scored) == [a[0], b[0]]


@pytest.mark.parametrize(
    "question",
    ["How much does a chef make?", "What is a chef's salary?", "How much do chefs earn?"],
)
def test_a_pay_question_about_one_column_is_answered_by_its_row(kitchen, question):
    r = kitchen.ask(question)
    assert "$58,000" in r.answer, r.answer
    assert "Florists" not in r.answer, r.answer
    # the usual figure ("Median yearly pay") leads, not the edge of the range ("Top 10%")
    assert r.answer.find("$91,000") in (-1,) or r.answer.find("$58,000") < r.answer.find(
        "$91,000"
    ), r.answer


def test_a_question_for_an_edge_of_the_range_gets_that_edge(kitchen):
    r = kitchen.ask("How much do chefs earn at the top?")
    assert "$91,000" in r.answer, r.answer


def test_a_comparison_shows_each_sides_cell_of_one_row(kitchen):
    r = kitchen.ask("Which pays more, a chef or a baker?")
    pay = next(line for line in r.answer.splitlines() if line.startswith("| Pay"))
    assert "Chef: $58,000" in pay and "Baker: $37,000" in pay, r.answer
    assert "Chef: $58,000; Baker" not in pay, r.answer  # each side's own cell, not the row


def test_a_side_from_another_article_takes_its_column_of_the_row(kitchen):
    r = kitchen.ask("Which pays more, a baker or a florist?")
    pay = next(line for line in r.answer.splitlines() if line.startswith("| Pay"))
    cells = pay.split(" | ")
    assert "$37,000" in cells[1] and "Chef" not in cells[1], r.answer
    assert "$33,000" in cells[2], r.answer


PROSE_PAY = """---
title: "Welder vs Machinist: Two Shop-Floor Careers"
---

## What welders do

Welders join metal parts on construction sites and in fabrication shops.

## What machinists do

Machinists cut and shape metal parts on lathes and milling machines.

## Pay

According to a 2024 trade survey, the average welder earns $51,000 a year, while machinists
average $48,000. Welders with a pipe-welding certificate report salaries 15 percent higher
than those without one. Senior welders at shipyards can earn well over $90,000.

## Which to pick

If you are coming from blacksmithing, welders have an easier start than machinists.
"""


def test_a_sentence_giving_each_side_its_own_clause_splits_into_their_cells():
    from assistant.compare import side_clauses

    book = RoleBook(["Welder", "Machinist"], lone={"welder", "machinist"})
    finder = SideFinder(["welder", "machinist"], book)
    both = "The average welder earns $51,000 a year, while machinists average $48,000."
    assert side_clauses(both, finder) == [
        "The average welder earns $51,000 a year.",
        "Machinists average $48,000.",
    ]
    for text in (
        "Welders and machinists both work with metal, but their days differ.",
        "Welders earn more than machinists.",
        "Welders earn $51,000, while electricians earn $60,000.",
    ):
        assert side_clauses(text, finder) == [], text
    row = Sentence(0, 2, both)
    cells, whole = _side_cells([row], finder)
    assert [c.text for c in cells] == side_clauses(both, finder)
    assert all(whole[(c.passage, c.position)] == both for c in cells)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "prose-pay",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"shop.md": PROSE_PAY},
    )


def test_a_comparison_fills_each_sides_pay_cell_from_its_clause(shop):
    """ "Which pays more?" shows each side's figure in its own cell; a sentence comparing one
    side with itself ("... 15 percent higher than those without one") is no verdict."""
    r = shop.ask("Which pays more, a welder or a machinist?")
    pay = next(line for line in r.answer.splitlines() if line.startswith("| Pay"))
    cells = pay.split(" | ")
    assert "$51,000" in cells[1] and "$48,000" not in cells[1], r.answer
    assert "$48,000" in cells[2] and "$51,000" not in cells[2], r.answer
    assert "without one" not in r.answer.split("**Verdict:**")[-1] or "Verdict" not in r.answer


def test_the_askers_background_is_no_row_but_leads_the_verdict(shop):
    r = shop.ask("I'm a blacksmith. Should I become a welder or a machinist?")
    assert "| Blacksmith" not in r.answer, r.answer
    assert "blacksmithing" in r.answer.split("**Verdict:**")[-1], r.answer


def test_a_narrowed_kind_of_a_side_is_not_the_side_itself():
    from assistant.compare import _narrowed

    book = RoleBook(["Data Analyst", "Welder"])
    assert _narrowed("Senior data analysts can earn well over $120,000.", book, "data analyst")
    assert _narrowed("Top-paid welders earn $90,000.", book, "welder")
    for text in (
        "Data analysts earned a median of around $82,000.",
        "The data analyst earns $82,000.",
        "Most welders earn $51,000.",
        "In the US, data analysts earn $82,000.",
    ):
        assert not _narrowed(text, book, "data analyst" if "analyst" in text else "welder")


def test_a_ranking_gives_each_role_its_own_cell_of_the_row(kitchen):
    r = kitchen.ask("Which of these jobs pays the most?")
    lines = {line.split(" | ")[0].strip("| "): line for line in r.answer.splitlines()}
    assert "Chef" in lines and "Baker" in lines, r.answer
    assert "Baker" not in lines["Chef"].split(" | ", 1)[1], r.answer  # the chef's cell alone
    assert "Chef" not in lines["Baker"].split(" | ", 1)[1], r.answer
    # roles of several articles: no one article's sentence is given as the verdict
    assert r.answer.rstrip().endswith("|"), r.answer  # nothing after the table


def test_a_ranking_gives_each_role_its_clause_of_a_sentence_setting_two_figures_side_by_side(
    kitchen,
):
    # "Florists earned a median of $33,000 a year, while event planners earned about $52,000.":
    # one sentence, two roles, each with its own figure: a row each, not none
    r = kitchen.ask("Which of these jobs pays the most?")
    lines = {line.split(" | ")[0].strip("| ").lower(): line for line in r.answer.splitlines()}
    florists = next(v for k, v in lines.items() if k.startswith("florist"))
    planners = next(v for k, v in lines.items() if k.startswith("event planner"))
    assert "$33,000" in florists and "$52,000" not in florists, r.answer
    assert "$52,000" in planners and "$33,000" not in planners, r.answer
    # each cites the whole sentence it was cut from
    quotes = [c["quote"] for c in r.citations]
    assert any("while event planners earned about $52,000" in q for q in quotes), quotes
    # one role by two spellings ("certified floral designer", "CFDs") is one row
    assert sum("floral designer" in k or k.startswith("cfd") for k in lines) <= 1, r.answer


def test_a_side_named_by_its_field_is_named_by_that_word_too():
    """ "Gardening or landscape architecture?": the gardening side is the gardeners', and a
    sentence writing the field itself ("Gardening is usually easier to get into.") is its
    evidence too."""
    book = RoleBook(["Gardener", "Landscape Architect"], lone={"gardener"})
    finder = SideFinder(["gardening", "landscape architect"], book)
    assert finder.sides_in("Gardening is usually easier to get into.") == {0}
    assert finder.sides_in("Gardeners earn $35,000.") == {0}
    assert finder.sides_in("Landscape architects design parks.") == {1}


ARCHITECTURE = """---
title: "Architect vs Drafter: Which Design Career Fits You?"
author: "Lena Voss"
date: 2024-08-01
---

If you like buildings, you may wonder whether you need years of school to work on them. You don't. Drafters turn designs into precise technical drawings, while architects design buildings, lead projects and sign off on plans.

## What does an architect do?

An architect is licensed to design buildings. Architects meet clients, sketch concepts, develop plans and oversee construction. Only a licensed architect can stamp drawings for a permit.

Most architects specialise in housing, offices, schools or restoration work.

## What does a drafter do?

A drafter prepares detailed drawings from an architect's or engineer's designs. Drafters use CAD software, check dimensions against building codes and keep drawing sets up to date.

Drafters usually work regular office hours, although deadlines before a permit submission can mean evenings.

## Education and training

Architects need a five-year professional degree, several years of paid internship and a licensing exam. Drafters can start with a two-year associate degree or a CAD certificate.

## Salary comparison

Pay is where the gap is widest.

| | Architect | Drafter |
|---|---|---|
| Median annual pay | $93,310 | $61,820 |
| Top 10% earn more than | $155,380 | $92,480 |

Architects at large firms in major cities can start at $80,000, while small practices often start near $55,000. Drafters earn the most in engineering services and government.

## Career progression

An architect typically starts as a junior designer and may become a partner after ten to fifteen years. A drafter can advance to senior drafter or CAD manager, or study to become an architect.

## Which should you choose?

Choose architecture if you want to design and lead. Choose drafting if you want to work quickly, with less debt and steadier hours.
"""


@pytest.fixture(scope="module")
def drafting(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "drafting",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"architecture.md": ARCHITECTURE},
    )


def test_a_pay_cell_without_a_figure_is_looked_for_in_the_sides_article(drafting):
    """Asked to compare with no topic, the passages read hold the pay prose ("Drafters earn
    the most in engineering services") but not the table chunk: the side whose pay cell has
    no figure beside the other's is searched for on pay, and both take the table's row."""
    r = drafting.ask("Compare architects and drafters", k=4)
    pay = next(line for line in r.answer.splitlines() if line.startswith("| Pay"))
    assert "$61,820" in pay and "$93,310" in pay, r.answer


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "Bakers earned a median of $38,000, and pastry chefs earned $46,000.",
            ["Bakers earned a median of $38,000.", "Pastry chefs earned $46,000."],
        ),
        (
            "The median salary for chefs is $58,000, compared with $37,000 for bakers.",
            ["The median salary for chefs is $58,000.", "$37,000 for bakers."],
        ),
        ("Knives, ovens, and mixers cost a bakery $2,000 a year.", []),  # one figure
    ],
)
def test_a_ranking_cuts_a_sentence_at_each_figures_clause(sentence, clauses):
    from assistant.answering import RankingStrategy
    from assistant.evidence import OFFERS, Sentence

    got = RankingStrategy._clauses(Sentence(0, 0, sentence), OFFERS["amount"].search)
    assert [c.text for c in got] == clauses


def test_a_sides_own_clause_beside_another_role_is_its_evidence():
    """ "Electricians earned $61,590, and plumbers earned $61,550", asked about plumbers and data
    analysts: the sentence's subject is another role, but its second clause is the plumbers'."""
    from assistant.compare import side_clauses

    book = RoleBook(["Florist", "Baker", "Event Planner"])
    finder = SideFinder(["baker", "event planner"], book)
    text = "Florists earned a median of $33,000, and bakers earned $37,000."
    assert side_clauses(text, finder) == ["Bakers earned $37,000."]
    text = "Event planners earn $52,000, compared with $33,000 for florists."
    assert side_clauses(text, finder) == ["Event planners earn $52,000."]
    # both clauses the one side's, or the other clause naming no role: nothing to cut
    assert side_clauses("Bakers rise early, and bakers sell by nine.", finder) == []
    assert side_clauses("Bakers earned $37,000, and the hours are long.", finder) == []


def test_a_side_typed_in_lower_case_is_shown_as_the_library_writes_it():
    from assistant.compare import title_case

    book = RoleBook(["ICU Nurse", "Ward Nurse"], {"er": "emergency room"})
    assert title_case("icu nurse", book) == "ICU Nurse"
    assert title_case("er nurse", book) == "ER Nurse"
    assert title_case("ward nurse", book) == "Ward Nurse"
    assert title_case("icu nurse") == "Icu Nurse"  # without the library, as typed
