"""Comparison sides however the question wraps them: an aspect written after a side ("florist
salary"), before both ("the daily work of X and Y"), a possessive on both ("a baker's pay
compared with a florist's"), sides before the verb ("How do X and Y differ?"), a compound
role before a conjunction ("flight attendant or ticket officer"), and a follow-up after a
comparison of roles the library does not know by name.

Written for the test: bakeries, flower shops, airports, dental clinics (no development
article's domain).
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from assistant.understand.sides import syntactic_sides, without_aspect

ARTICLES = [
    (
        "How to Become a Dental Hygienist",
        "Dental hygienists clean teeth and take x-rays. A dental hygienist earns about $81,000 "
        "a year. Dental office managers schedule the hygienists and order supplies.",
    ),
    (
        "Flight Attendant Careers",
        "Flight attendants keep passengers safe. Ticket officers and gate agents check "
        "boarding passes, and airport security officers screen bags. Flight attendants earn around $68,000 a year.",
    ),
    (
        "Florist Career Guide",
        "Florists arrange flowers for weddings and funerals. Florists earn about $34,000.",
    ),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    docs = [text for _t, text in ARTICLES]
    metas = [
        {"source": f"/a/{i}.md", "title": t, "section": ""} for i, (t, _x) in enumerate(ARTICLES)
    ]
    return Library.build(docs, metas)


def _sides(lib: Library, question: str, history=()) -> list[str] | None:
    turns: list[dict] = []
    for earlier in history:
        turns += [{"role": "user", "content": earlier}, {"role": "assistant", "content": "..."}]
    q = understand(question, turns, lib)
    return [s.lower() for s in q.comparison.sides] if q.comparison else None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("florist salary", "florist"),
        ("baker job outlook", "baker"),
        ("dental hygienist career prospects", "dental hygienist"),
        ("salary", "salary"),  # nothing but an aspect: kept
        ("payroll clerk", "payroll clerk"),  # no aspect noun at its end
    ],
)
def test_an_aspect_noun_after_a_side_is_no_part_of_it(phrase, expected):
    assert without_aspect(phrase) == expected


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("florist vs baker salary", ["florist", "baker"]),
        ("Compare baker and florist job outlook", ["baker", "florist"]),
        ("Compare the day-to-day work of a baker and a florist", ["baker", "florist"]),
        ("Compare the education needed for a florist and a baker", ["florist", "baker"]),
        ("How do the skills of a baker and a florist differ?", ["baker", "florist"]),
        ("How do bakers and florists compare?", ["bakers", "florists"]),
        ("How does a baker's salary compare to a florist's?", ["baker", "florist"]),
        ("Is a baker's pay better than a florist's pay?", ["baker", "florist"]),
    ],
)
def test_the_sides_are_read_past_the_aspect_the_question_wraps_them_in(question, sides):
    assert [s.lower() for s in syntactic_sides(question)] == sides


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        # a compound role before "or" keeps its own head ("attendant", not "officer")
        (
            "Flight attendant or ticket officer: which has better prospects?",
            ["flight attendant", "ticket officer"],
        ),
        ("Florist vs dental office manager salary", ["florist", "dental office manager"]),
        ("Compare the pay of florists and dental hygienists", ["florists", "dental hygienists"]),
    ],
)
def test_a_question_compares_the_two_roles_it_names(lib, question, sides):
    assert _sides(lib, question) == sides


def test_a_word_the_library_writes_before_role_nouns_still_shares_the_head(lib):
    # "security" is written before "officers": in "airport security and ticket officers" it
    # shares their head, though a content word stands before it
    q = understand("Do airport security and ticket officers earn the same?", [], lib)
    assert [s.lower() for s in q.comparison.sides] == ["security officer", "ticket officer"]


@pytest.mark.parametrize(
    ("first", "followup", "sides"),
    [
        ("Compare bakers and florists", "which one needs more schooling?", ["bakers", "florists"]),
        ("Compare a florist and a baker", "what about their skills?", ["florist", "baker"]),
    ],
)
def test_a_followup_compares_the_sides_of_the_comparison_before_it(lib, first, followup, sides):
    assert _sides(lib, followup, [first]) == sides


@pytest.mark.parametrize(
    ("heading", "roles"),
    [
        ("Florist Careers: Pay, Hours and Training", ["Florist"]),
        ("Flight Attendant Careers", ["Flight Attendant"]),
        ("WELDER JOBS: WHAT YOU NEED TO KNOW", ["Welder"]),
        ("Crane Operator: A Career Profile", ["Crane Operator"]),
        ("Baker Career Guide", ["Baker"]),
        # a field, an aspect, a bare role noun, a section heading: no job
        ("Nursing Careers", []),
        ("Tech Jobs", []),
        ("Salary Careers", []),
        ("Manager Jobs", []),
        ("How to get started", []),
    ],
)
def test_a_heading_framing_its_article_as_one_job_names_that_role(heading, roles):
    from assistant.understand.vocabulary import titled_roles

    assert titled_roles([heading]) == roles


def test_a_single_job_article_teaches_its_role_to_the_library(lib):
    book = lib.roles
    # "Florist Career Guide", "Flight Attendant Careers" (and, by `became_titles`, "How to
    # Become a Dental Hygienist")
    found = [r.lower() for r in book.find("Do florists earn more than flight attendants?")]
    assert found == ["florists", "flight attendants"]
    assert [r.lower() for r in book.find("Is a dental hygienist paid well?")] == [
        "dental hygienist"
    ]


def _cell_passage(title: str, section: str, text: str):
    from knowledge.schema import Passage

    return Passage(
        id="p", source="/a/x.md", title=title, section=section, text=text, chunk_index=0, ref_ids=[]
    )


@pytest.mark.parametrize(
    ("title", "section", "text", "side"),
    [
        # the title sets the florist beside another role: what the two share is neither's own
        (
            "Florist vs Dental Hygienist: Which Career Fits?",
            "Florist vs Dental Hygienist: Which Career Fits?",
            "Their training, daily work and pay differ in important ways.",
            None,
        ),
        # ... and a lead naming both does the same for the sentences after it
        (
            "Guide",
            "Overview",
            "Florists and dental hygienists are among the most searched jobs. "
            "Their differences matter for daily work.",
            None,
        ),
        # a joint subject of the side and another role is the pair's
        (
            "Guide",
            "Overview",
            "Florists and dental hygienists both serve customers face to face every day.",
            None,
        ),
        # a heading naming the side alone still gives it the sentences under it
        ("Guide", "What florists do", "Their mornings start at the flower market.", 0),
        ("Florist Career Guide", "Florist Career Guide", "The mornings start at the market.", 0),
    ],
)
def test_a_sentence_a_heading_or_lead_sets_beside_another_role_is_no_sides_own(
    lib, title, section, text, side
):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["florist", "flight attendant"], lib.roles)
    p = _cell_passage(title, section, text)
    last = text.split(". ")[-1]
    assert side_of(Sentence(0, 1, last), [p], finder) == side


def test_a_pay_cell_gives_the_sides_usual_figure_before_the_edges_of_its_range():
    from assistant.compare import _figures_first
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    pay = next(a for a in aspects() if a.name == "Pay")
    edge = Sentence(0, 0, "The lowest 10 percent of welders earned less than $31,000 a year.")
    usual = Sentence(0, 1, "Welders earned a median annual wage of $48,000 in 2023.")
    ceiling = Sentence(0, 2, "Experienced pipeline welders can earn $90,000 or more.")
    words_only = Sentence(0, 3, "Welding pay depends on the shop and the shift.")
    options = [(2.0, edge), (1.8, usual), (1.9, ceiling), (2.5, words_only)]
    ranked = sorted(_figures_first(options, pay, set()), key=lambda o: -o[0])
    # the usual figure, then the range's edge; a tail of the distribution ("the lowest 10
    # percent") is no candidate while the usual figure is there
    assert [s.position for _score, s in ranked] == [1, 2]
    # without the usual figure, the tail stays, weighing less than the ceiling
    rest = sorted(_figures_first([options[0], options[2]], pay, set()), key=lambda o: -o[0])
    assert [s.position for _score, s in rest] == [2, 0]


def test_a_bound_on_an_amount_judges_no_side():
    from assistant.compare import _COMPARATIVE, _STRONG, _without_bounds

    edge = "The top 10 percent of welders earned more than $90,000, the lowest less than $31,000."
    assert not _STRONG.search(_without_bounds(edge))
    assert not _COMPARATIVE.search(_without_bounds(edge))
    judging = "Welders earn more than plumbers, though plumbers work fewer nights."
    assert _STRONG.search(_without_bounds(judging))


@pytest.mark.parametrize(
    ("text", "aspect", "speaks"),
    [
        ("Florist pay depends heavily on the type of employer.", "Demand", False),
        ("Once hired, apprentices attend a welding school for ten weeks.", "Demand", False),
        ("Employers are hiring welders faster than schools can train them.", "Demand", True),
        ("The shop runs a computer class for seniors on Fridays.", "Progression", False),
        ("Senior welders inspect the joints of the apprentices.", "Progression", True),
    ],
)
def test_a_lexicon_word_speaks_of_its_aspect_only_in_its_own_forms(text, aspect, speaks):
    from assistant.compare import _fit
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    wanted = next(a for a in aspects() if a.name == aspect)
    assert (_fit(Sentence(0, 0, text), wanted) > 0) is speaks


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # the side named only as one of a pair with another role: the pair's sentence
        ("The distinction between florists and flight attendants is sharper every year.", None),
        ("Choosing florist or flight attendant depends on the hours you want.", None),
        # "X and Y" alone may be one group earning one figure: the side's
        ("Florists and flower shop assistants earned a median of $34,000.", 0),
        ("Florists arrange flowers for weddings, unlike flight attendants.", 0),
    ],
)
def test_a_side_named_only_in_a_pair_with_another_role_gives_the_pairs_sentence(lib, text, side):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["florist", "dental hygienist"], lib.roles)
    p = _cell_passage("Guide", "Overview", text)
    assert side_of(Sentence(0, 0, text), [p], finder) == side
