"""Comparison sides read from a question's syntax, and which side a sentence speaks of.

Questions and sentences come from several kinds of career article (degrees and bootcamps,
product management, front-end titles, data tracks, health care, teaching), so nothing passes
on one article's wording alone.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.compare import SideFinder
from assistant.understand import Library, understand
from assistant.understand.sides import syntactic_sides
from knowledge.text import split_sentences


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "What is the difference between consulting and in-house work?",
            ["consulting", "in-house work"],
        ),
        (
            "How is product management different from project management?",
            ["product management", "project management"],
        ),
        (
            "What separates a nurse practitioner from a physician assistant?",
            ["nurse practitioner", "physician assistant"],
        ),
        (
            "How does the design track compare with the research track?",
            ["design track", "research track"],
        ),
        (
            "A teaching degree or a bootcamp: which do schools prefer?",
            ["teaching degree", "bootcamp"],
        ),
        (
            "Should I pick the staff engineer track or the engineering manager track?",
            ["staff engineer track", "engineering manager track"],
        ),
        ("Compare nursing and teaching as careers", ["nursing", "teaching"]),
        ("UX research vs visual design: which pays more?", ["UX research", "visual design"]),
        ("Is it better to freelance or to join an agency?", ["freelance", "agency"]),
        ("Do nurses or paramedics earn more?", ["nurses", "paramedics"]),
        (
            "For a designer job, is a bootcamp better than an art degree?",
            ["bootcamp", "art degree"],
        ),
        ("Do nurses earn more than teachers?", ["nurses", "teachers"]),
        ("Is a masters degree more useful than a certificate?", ["masters degree", "certificate"]),
        # what is owned is the side, against a side that is no possessive
        (
            "How does a nurse's night shift compare with the ward rounds they lead?",
            ["night shift", "ward rounds"],
        ),
        (
            "How is a nurse's night shift different from a doctor's day shift?",
            ["night shift", "day shift"],
        ),
        # against a bare possessive ("a teacher's") the owners are the sides
        ("Is a nurse's shift longer than a teacher's?", ["nurse", "teacher"]),
        # a sentence before the choice is no part of its first side
        (
            "I want regular hours later in my career. Plumbing or electrical work?",
            ["Plumbing", "electrical work"],
        ),
        ("I like early mornings. Baker or butcher?", ["Baker", "butcher"]),
        ("Sr. nurse or charge nurse?", ["Sr. nurse", "charge nurse"]),
    ],
)
def test_sides_come_from_the_comparison_syntax(question, sides):
    assert syntactic_sides(question) == sides


@pytest.mark.parametrize(
    "question",
    [
        "Is a masters degree worth it?",
        "What do you do on a normal day?",
        "Who wrote the article?",
        "What skills other than Python matter?",
    ],
)
def test_a_question_without_a_comparison_has_no_sides(question):
    assert syntactic_sides(question) == []


ARTICLES = [
    (
        "/a/paths.txt",
        "CS Degree vs Bootcamp vs Self-Taught",
        "Bootcamp",
        "Coding bootcamps cost thousands of dollars. A computer science degree takes four years.",
    ),
    (
        "/b/pm.md",
        "So what exactly is a product manager?",
        "Product or project",
        "Product managers decide what gets built; project managers track the schedule.",
    ),
    (
        "/c/fe.html",
        "Front-end jobs",
        "Titles",
        "A front-end developer writes HTML and CSS. A front-end engineer comes from computer science.",
    ),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    docs = [a[3] for a in ARTICLES]
    metas = [{"source": a[0], "title": a[1], "section": a[2]} for a in ARTICLES]
    return Library.build(docs, metas)


def test_a_frame_noun_is_left_out_only_where_a_role_remains(lib):
    q = understand(
        "Should I pick the front-end developer path or the front-end engineer path?", [], lib
    )
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides] == ["front-end developer", "front-end engineer"]
    q = understand("Is the credential programme or the alternative route faster?", [], lib)
    assert q.comparison is not None
    assert q.comparison.sides == ["credential programme", "alternative route"]


def test_things_that_are_no_roles_are_compared(lib):
    q = understand("Is a computer science degree or a bootcamp better for employers?", [], lib)
    assert q.comparison is not None
    assert q.comparison.sides == ["computer science degree", "bootcamp"]
    q = understand("How is product management different from project management?", [], lib)
    assert q.comparison is not None and q.comparison.sides == [
        "product management",
        "project management",
    ]


def test_two_titles_sharing_a_word_are_two_sides(lib):
    q = understand(
        "What's the difference between a front-end developer and a front-end engineer?", [], lib
    )
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides] == ["front-end developer", "front-end engineer"]


@pytest.mark.parametrize(
    ("question", "sides", "aspect"),
    [
        ("Are nurses paid less than doctors?", ["nurses", "doctors"], "paid"),
        ("Is a welder valued more than a plumber?", ["welder", "plumber"], "valued"),
        # a dev article's roles: the passive verb is no part of the side
        ("Is a product manager paid more than a project manager?", None, "paid"),
    ],
)
def test_a_passive_verb_before_the_comparative_is_the_aspect_not_a_side(
    lib, question, sides, aspect
):
    q = understand(question, [], lib)
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides] == (
        sides or ["product manager", "project manager"]
    )
    assert q.comparison.aspect == aspect


def test_a_role_named_outside_the_alternatives_is_what_is_asked_about(lib):
    # "closer to research or to teaching" are not two sides: the question is about the role.
    q = understand("Is a product manager closer to research or to sales?", [], lib)
    assert q.comparison is None


def test_the_side_finder_tells_sides_apart_by_their_own_words(lib):
    finder = SideFinder(["product management", "project management"], lib.roles)
    assert finder.sides_in("Product work decides what gets built.") == {0}
    assert finder.sides_in("Project management is about milestones.") == {1}
    assert finder.sides_in("Management is hard.") == set()
    roles = SideFinder(["front-end developer", "front-end engineer"], lib.roles)
    assert roles.sides_in("A front-end engineer comes from computer science.") == {1}
    assert roles.sides_in("A front-end developer writes HTML.") == {0}
    paths = SideFinder(["computer science degree", "bootcamp"], lib.roles)
    assert paths.sides_in("Coding bootcamps cost thousands of dollars.") == {1}
    assert paths.sides_in("A computer science degree takes four years.") == {0}
    tracks = SideFinder(["nursing degree", "teaching credential"], lib.roles)
    assert tracks.sides_in("The degree takes four years.") == {0}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab or vs from between and than ,:?")), max_size=400))
def test_side_reading_is_total_and_bounded(text):
    sides = syntactic_sides(text)
    assert sides == [] or (len(sides) == 2 and all(len(s.split()) <= 4 for s in sides))


def test_no_shared_head_across_function_words():
    from assistant.understand.roles import find_roles

    assert "ai engineer" in {r.lower() for r in find_roles("AI and ML engineers")}
    # "research or to software engineering" names no "research engineer"
    assert not any(
        "research" in r.lower() for r in find_roles("closer to research or to software engineering")
    )
    # a verb and its object: no "analytics engineer", "helps engineer" or "manages developer"
    for text in (
        "Spark gives data scientists the tools to do analytics and helps engineers ship.",
        "A charge nurse plans the rota and helps nurses with handover; she manages and mentors "
        "developers",
        "The head chef orders stock and trains cooks; she manages and coaches sous chefs.",
    ):
        found = {r.lower() for r in find_roles(text)}
        assert not any(
            w in r for r in found for w in ("analytics", "helps", "manages", "mentors", "coaches")
        ), found
    assert {"frontend developer", "backend developer"} <= {
        r.lower() for r in find_roles("Frontend and backend developers review each other's code.")
    }
    # "more accessible and leads to lower pay" names no "accessible lead"
    assert not any(
        "accessible" in r.lower() for r in find_roles("more accessible and leads to lower pay")
    )


def test_the_aspect_keeps_no_piece_of_a_role_word(lib):
    q = understand(
        "Is a product manager or a project manager closer to the engineering side?", [], lib
    )
    assert q.comparison is not None
    assert "ing" not in q.comparison.aspect.split()


def test_a_sentence_whose_subject_is_another_role_belongs_to_no_side(lib):
    from assistant.compare import side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    p = Passage(
        id="x", source="/b/pm.md", title="PM", section="Roles", text="t", chunk_index=0, ref_ids=[]
    )
    other = Sentence(0, 0, "Data analysts often move into product manager roles.")
    own = Sentence(0, 1, "Product managers often come from data analysis.")
    assert side_of(other, [p], finder) is None
    assert side_of(own, [p], finder) == 0


def test_an_overview_cell_is_not_a_sentence_with_both_sides_as_its_subject(lib):
    from assistant.compare import _overview, side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    p = Passage(
        id="x", source="/b/pm.md", title="PM", section="Roles", text="t", chunk_index=0, ref_ids=[]
    )
    joint = Sentence(
        0,
        0,
        "Product managers and project managers are among the most searched job titles.",
        score=0.9,
    )
    own = Sentence(0, 1, "A product manager decides what the team builds next and why.", score=0.1)
    other = Sentence(
        0, 2, "A project manager keeps the schedule and the budget on track.", score=0.1
    )
    attributed = [(s, side_of(s, [p], finder)) for s in (joint, own, other)]
    picks = _overview(attributed, set(), finder, lib.roles, [p])
    assert picks is not None and [s.position for s in picks] == [1, 2]


def test_the_same_as_sets_two_roles_side_by_side(lib):
    q = understand("Is a product manager paid the same as a project manager?", [], lib)
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides] == ["product manager", "project manager"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much of their time goes into meetings?", "count"),
        ("How much does a nurse earn?", "amount"),
        ("What is the salary of a teacher?", "amount"),
    ],
)
def test_how_much_of_asks_for_a_share_not_money(question, kind):
    from assistant.understand.query import answer_kind

    assert answer_kind(question) == kind


def test_paying_for_something_is_no_question_about_pay():
    from assistant.understand.query import answer_kind

    assert answer_kind("Do I need to pay for an expensive course?") is None
    assert answer_kind("What is the salary for juniors?") == "amount"


def test_both_roles_names_the_pair_in_a_sentence_not_through_its_passage(lib):
    finder = SideFinder(["product manager", "project manager"], lib.roles)
    assert finder.sides_in("Both roles are in demand, but they need different skills.") == {0, 1}
    assert finder.sides_in("Both roles are in demand.", pair=False) == set()


def test_a_sentence_belongs_to_the_role_its_main_clause_opens_with(lib):
    from assistant.compare import side_of, subject_role
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    book = lib.roles
    assert subject_role("Unlike project managers, product managers decide what to build.", book)
    finder = SideFinder(["product manager", "project manager"], book)
    p = Passage(
        id="x",
        source="/b/pm.md",
        title="PM",
        section="Product managers",
        text="t",
        chunk_index=0,
        ref_ids=[],
    )
    unlike = Sentence(0, 0, "Unlike project managers, product managers decide what to build.")
    third = Sentence(
        0, 1, "Additionally, data analysts work with product managers and project managers."
    )
    named_other = Sentence(0, 2, "It often works next to the data analysts on the team.")
    plain = Sentence(0, 3, "The job is mostly about deciding what to build next.")
    assert side_of(unlike, [p], finder) == 0
    assert side_of(third, [p], finder) is None
    # a sentence naming only another role takes a side from its heading, not from nowhere
    assert side_of(named_other, [p], finder) == 0
    q = Passage(
        id="y", source="/b/pm.md", title="PM", section="Notes", text="t", chunk_index=1, ref_ids=[]
    )
    assert side_of(Sentence(0, 2, named_other.text), [q], finder) is None
    assert side_of(plain, [p], finder) == 0


def test_a_row_label_keeps_the_telling_topic_words():
    from assistant.compare import _label

    assert _label("require math") == "Math"
    assert _label("metrics matter") == "Metrics"
    assert _label("") == "Topic"


def test_a_later_clause_is_quoted_as_one():
    from assistant.compare import clause
    from assistant.understand.lexicon import aspects

    work = next(a for a in aspects() if a.name == "Day-to-day work")
    text = (
        "If you have a background in statistics and a taste for research projects in general, "
        "and you enjoy working on the daily tasks of model training, the path suits you well."
    )
    cell = clause(text, work, limit=12)
    assert cell.startswith("… you enjoy working"), cell


def test_a_condition_clause_brings_the_claim_it_leads_to():
    """ "If you have X" claims nothing by itself: the cell adds the sentence's main clause."""
    from assistant.compare import clause
    from assistant.understand.lexicon import aspects

    skills = next(a for a in aspects() if a.name == "Skills")
    nursing = (
        "If you have strong clinical skills and years of bedside experience on a surgical ward, "
        "and you enjoy teaching new staff on night shifts, the nurse educator track rewards you."
    )
    cell = clause(nursing, skills, limit=24)
    assert cell.startswith("If you have strong clinical skills"), cell
    assert cell.endswith("… the nurse educator track rewards you."), cell
    seed = (
        "If you have a quantitative background in statistics, mathematics, or physics, and you "
        "enjoy working at the model level, the ML engineering path offers both intellectual "
        "depth and an outstanding salary ceiling."
    )
    math = type(skills)("Math", skills.words | {"mathemat", "statist"})
    cell = clause(seed, math, limit=30)
    assert "… the ML engineering path offers" in cell and len(cell.split()) <= 31, cell
    # a sentence whose main clause comes first is quoted as before
    plain = (
        "A cook learns knife skills quickly when the kitchen is busy, because every service "
        "brings hundreds of plates and the chef watches each station closely through the night."
    )
    assert not clause(plain, skills, limit=12).startswith(("If", "When", "Because")), plain


def _passage(source: str, section: str, text: str, chunk_index: int = 0):
    from knowledge.schema import Passage

    return Passage(
        id=f"{source}#{chunk_index}",
        source=source,
        title="T",
        section=section,
        text=text,
        chunk_index=chunk_index,
        ref_ids=[],
    )


def test_a_head_noun_alone_is_a_side_only_in_a_passage_with_its_telling_words(lib):
    """ "The programme takes a year" is the credential programme's only where its passage says
    "credential"; another article's programme is another programme."""
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["credential programme", "alternative route"], lib.roles)
    sentence = "The programme takes about one year at a community college."
    theirs = _passage("/t/teach.md", "The credential programme", sentence)
    elsewhere = _passage("/n/ward.md", "Licensed practical nurse", sentence)
    assert side_of(Sentence(0, 0, sentence), [theirs], finder) == 0
    assert side_of(Sentence(0, 0, sentence), [elsewhere], finder) is None


def test_a_section_headed_by_a_side_opens_with_its_earliest_passage(lib):
    from assistant.compare import _section_openings, own_heading

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    passages = [
        _passage("/b/pm.md", "Product Manager", "Product managers also run reviews.", 4),
        _passage("/b/pm.md", "Product Manager", "The two roles look alike. However ...", 3),
        _passage("/b/pm.md", "Roles — Product manager", "A sub-heading's opening.", 7),
        _passage("/b/pm.md", "Project Manager", "Project managers keep the plan.", 5),
        _passage("/b/pm.md", "Roles — Pros", "Product managers decide.", 9),  # "Pros" heads it
    ]
    assert own_heading("Bootcamp — Pros") == "Pros"
    assert own_heading("X vs Y: What product managers do") == " What product managers do"
    assert _section_openings(passages, finder, 0) == {1, 2}
    assert _section_openings(passages, finder, 1) == {3}


def test_an_overview_prefers_the_opening_of_the_sides_own_section(lib):
    """Two sentences that both open with the side: the one that opens its own section (where
    the article introduces it) is the overview, even after a connective ("However, ...")."""
    from assistant.compare import _overview, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    passages = [
        _passage("/x/staffing.md", "Staffing", "...", 2),
        _passage("/b/pm.md", "Product Manager", "...", 3),
        _passage("/b/pm.md", "Project Manager", "...", 6),
    ]
    elsewhere = Sentence(
        0, 0, "A product manager often reports to a director of product.", score=0.9
    )
    opening = Sentence(
        1, 0, "However, a product manager owns the question of what gets built.", score=0.5
    )
    other = Sentence(2, 0, "A project manager keeps the schedule and the budget.", score=0.5)
    attributed = [(s, side_of(s, passages, finder)) for s in (elsewhere, opening, other)]
    picks = _overview(attributed, set(), finder, lib.roles, passages)
    assert picks is not None and picks[0] is opening and picks[1] is other


def test_a_verdict_is_no_one_sided_story_and_no_pair_of_other_roles(lib):
    from assistant.compare import _verdict, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    passages = [_passage("/b/pm.md", "Roles", "Product managers and project managers ...")]
    # the author's story that names one side (the passage names the other)
    story = Sentence(0, 0, "I found product managers earn more than I expected.", score=0.9)
    others = Sentence(
        0,
        1,
        "Moving between data analyst and front-end developer makes you better at both roles.",
        score=0.9,
    )
    plain = Sentence(0, 2, "Product managers earn more than project managers.", score=0.3)
    # ... but the author's own sentence that sets the two side by side is a verdict
    judged = Sentence(0, 3, "I concluded product managers earn more than project managers.")
    for candidates, expected in [
        ((story, others), None),
        ((story, others, plain), plain),
        ((story, others, judged), judged),
    ]:
        attributed = [(s, side_of(s, passages, finder)) for s in candidates]
        assert _verdict(attributed, set(), finder, lib.roles, passages) is expected


def test_one_article_with_both_sides_leads_each_sides_passages():
    from assistant.service import _one_article_first

    a = [_passage("/x/one.md", "S", "x", i) for i in range(3)] + [
        _passage("/b/both.md", "S", "b", 9)
    ]
    b = [_passage("/b/both.md", "S", "b", 2), _passage("/y/two.md", "S", "y", 0)]
    first, second = _one_article_first([a, b], 2)
    assert [p.source for p in first] == ["/b/both.md", "/x/one.md"]
    assert [p.source for p in second] == ["/b/both.md", "/y/two.md"]
    # no article speaks of both sides: each keeps its own order
    lone = [_passage("/z/z.md", "S", "z", 0)]
    assert _one_article_first([a, lone], 2) == [a[:2], lone]


def test_a_glossary_entry_defines_the_role_and_a_table_row_does_not(lib):
    from assistant.compare import glossary_entry

    book = lib.roles
    assert glossary_entry(
        "Front-End Developer: The generic job title that describes a developer who writes HTML.",
        "front-end developer",
        book,
    )
    # a table row: a label longer than the name, and a value instead of a definition
    assert not glossary_entry(
        "Product manager hours per week on average: 45.", "product manager", book
    )
    assert not glossary_entry("Product manager: Yes.", "product manager", book)


def test_a_field_is_read_through_its_role(lib):
    """ "product management" is the product manager's field: the book's spellings of the role
    (its abbreviation too) name the side."""
    from assistant.understand.roles import RoleBook

    book = RoleBook(
        ["product manager", "project manager", "nurse", "PM"], aliases={"PM": "product manager"}
    )
    assert book.role_for("product management") == "product manager"
    assert book.role_for("nursing") is None  # one word is too little to stand for a field
    assert book.role_for("product manager") is None  # already a role
    finder = SideFinder(["product management", "project management"], book)
    assert finder.sides_in("But a PM is more about being the voice of the users.") == {0}


def test_part_of_a_side_names_it_only_where_its_passage_names_it_whole(lib):
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["product management", "project management"], lib.roles)
    sentence = "I know how terrible a poorly planned project is."
    story = _passage("/s/staff.md", "Engineering management", f"Managers learn. {sentence}")
    theirs = _passage("/b/pm.md", "Project management", f"Deadlines slip. {sentence}")
    assert side_of(Sentence(0, 1, sentence), [story], finder) is None
    assert side_of(Sentence(0, 1, sentence), [theirs], finder) == 1
    # "both roles" names the pair, whichever part of it the passage spells out
    pair = "Moving between both roles makes you better at both."
    assert side_of(Sentence(0, 1, pair), [theirs], finder) is None


def test_a_joint_subject_belongs_to_neither_side(lib):
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    p = _passage("/b/pm.md", "Roles", "...")
    joint = "Product managers and project managers are among the most searched job titles."
    assert side_of(Sentence(0, 0, joint), [p], finder) is None
    own = "Product managers decide what gets built, with help from project managers."
    assert side_of(Sentence(0, 0, own), [p], finder) == 0


def test_an_overview_is_no_table_row(lib):
    """A table row as ingest writes it ("<first cell> — <header>: <value>") holds one value of
    the table; the side's own sentence describes it."""
    from assistant.compare import _overview, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["product manager", "project manager"], lib.roles)
    p = _passage("/b/pm.md", "Roles", "...")
    row = Sentence(0, 0, "Product Manager — Usual team size: seven people.", score=0.9)
    own = Sentence(0, 1, "A product manager decides what the team builds next.", score=0.2)
    other = Sentence(0, 2, "A project manager keeps the schedule and the budget.", score=0.2)
    attributed = [(s, side_of(s, [p], finder)) for s in (row, own, other)]
    picks = _overview(attributed, set(), finder, lib.roles, [p])
    assert picks is not None and picks[0] is own


def test_a_cell_is_a_sentence_not_a_title_or_link_line(lib):
    """Under a heading on entry, "Frontend Bootcamp / Days in the Web [read]" names a resource;
    the cell is the sentence that says something about entering the field."""
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import Sentence
    from assistant.understand import understand

    q = understand("Is product management or project management easier for beginners?", [], lib)
    assert q.comparison is not None
    passages = [
        _passage("/b/pm.md", "Product management for beginners", "...", 0),
        _passage("/b/pm.md", "Project management for beginners", "...", 1),
    ]
    link = Sentence(0, 0, "Product Management Bootcamp for Beginners [read]", score=0.9)
    said = Sentence(
        0, 1, "Beginners find product management hard to enter without a degree.", score=0.3
    )
    other = Sentence(
        1, 0, "Beginners often enter project management through an entry-level course.", score=0.3
    )
    table = build_table(q, [link, said, other], passages, CitationSet(passages), lib.roles)
    assert "hard to enter" in table.text and "[read]" not in table.text, table.text


# An article written for these tests (occupational health): its headings spell one job title
# out, its text writes only the title's initials.
HEALTH = [
    (
        "Occupational Health Consultant",
        "OHCs visit factories and advise managers on safe lifting. The role of OHCs is similar "
        "to the infection control officer, but the focus is more on workers than on patients.",
    ),
    (
        "Infection Control Officer",
        "An infection control officer audits the wards and trains staff in hand hygiene.",
    ),
    (
        "Occupational Health Consultant — Ergonomics Specialist",
        "Similar to an OHC, the responsibility of an ergonomics specialist is to check desks. "
        "The job is mostly about adjusting chairs and screens for each worker.",
    ),
    (
        "Occupational Health Consultant — Pros",
        "The job is mostly about preventing injuries before they happen.",
    ),
]
HEALTH_SIDES = ["occupational health consultant", "infection control officer"]


@pytest.fixture(scope="module")
def health() -> Library:
    title = "Occupational Health Consultant vs Infection Control Officer"
    metas = [{"source": "/h/oh.md", "title": title, "section": s} for s, _ in HEALTH]
    return Library.build([t for _, t in HEALTH], metas)


def test_the_initials_of_a_job_title_the_library_spells_out_name_that_role(health):
    book = health.roles
    assert book.find("Most OHCs work for several employers.") == ["OHCs"]
    assert book.one_role("OHCs", "occupational health consultant")
    assert book.one_role("OHC", "Occupational Health Consultant")
    finder = SideFinder(HEALTH_SIDES, book)
    assert finder.sides_in("OHCs visit factories and advise managers.") == {0}
    # initials no article writes as a word, or of a run that is no job title, name nothing
    assert not book.find("The ICO audits the wards.")


def test_a_role_owning_the_subject_is_the_subject(health):
    """ "The role of X is similar to Y, but ...": the sentence is about X; "Similar to X, the
    responsibility of Z is ..." is about Z, a third role, so about neither side."""
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(HEALTH_SIDES, health.roles)
    passages = [_passage("/h/oh.md", s, t, i) for i, (s, t) in enumerate(HEALTH)]
    similar = Sentence(0, 1, split_sentences(HEALTH[0][1])[1])
    assert side_of(similar, passages, finder) == 0
    third = Sentence(2, 0, split_sentences(HEALTH[2][1])[0])
    assert side_of(third, passages, finder) is None


def test_a_subsection_headed_by_another_role_is_that_roles(health):
    """A sentence naming no role under "Consultant — Ergonomics Specialist" is about the
    specialist; under "Consultant — Pros" it is about the consultant."""
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(HEALTH_SIDES, health.roles)
    passages = [_passage("/h/oh.md", s, t, i) for i, (s, t) in enumerate(HEALTH)]
    under_other = Sentence(2, 1, split_sentences(HEALTH[2][1])[1])
    assert side_of(under_other, passages, finder) is None
    under_pros = Sentence(3, 0, HEALTH[3][1])
    assert side_of(under_pros, passages, finder) == 0


def test_a_row_takes_its_cells_from_the_article_that_has_both_sides(health):
    """One article speaks of both sides' pay; another says a little more on one side only. The
    row sets the first article's two sentences side by side, unless the other is much better."""
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import Sentence

    q = understand(
        "Which pays more, an occupational health consultant or an infection control officer?",
        [],
        health,
    )
    assert q.comparison is not None and len(q.comparison.sides) == 2
    passages = [_passage("/h/both.md", "Pay", "...", 0), _passage("/h/one.md", "Pay", "...", 0)]

    def table(lexical: float) -> str:
        both = [
            Sentence(0, 0, "An occupational health consultant earns a salary from the employer."),
            Sentence(0, 1, "An infection control officer earns a salary on the ward pay scale."),
        ]
        one = Sentence(
            1,
            0,
            "An occupational health consultant in private practice earns a salary from clients.",
        )
        for s in both:
            s.lexical = 0.3
        one.lexical = lexical
        sentences = [*both, one]
        return build_table(q, sentences, passages, CitationSet(passages), health.roles).text

    assert "from the employer" in table(0.4) and "private practice" not in table(0.4)
    assert "private practice" in table(1.0)  # far better evidence still wins


def test_a_side_named_only_in_a_contrast_lead_is_not_what_the_sentence_speaks_of(health):
    """ "Not just for X, ... Y's week" speaks of Y; "Compared with X, ..." under Y's heading is
    Y's: X is what the sentence sets its side against."""
    from assistant.compare import side_of
    from assistant.evidence import Sentence

    finder = SideFinder(HEALTH_SIDES, health.roles)
    passages = [_passage("/h/oh.md", s, t, i) for i, (s, t) in enumerate(HEALTH)]
    not_just = Sentence(
        0,
        0,
        "Not just for an occupational health consultant, paperwork also fills much of an "
        "infection control officer's week.",
    )
    assert side_of(not_just, passages, finder) == 1
    compared = Sentence(
        1, 0, "Compared with an occupational health consultant, the paperwork is heavier."
    )
    assert side_of(compared, passages, finder) == 1
    # a lead that sets the scene names what the sentence is about
    scene = Sentence(
        1, 0, "For an occupational health consultant, most visits end with a written report."
    )
    assert side_of(scene, passages, finder) == 0


def test_a_modifier_shared_by_two_role_nouns_names_the_second_title():
    """ "the ward administrator and manager" names the ward manager, a title the library knows;
    "the ward administrator and director" names no "ward director", which it does not."""
    metas = [
        {"source": "/w/w.md", "title": "Ward Manager vs Ward Administrator", "section": s}
        for s in ("Ward Manager", "Ward Administrator")
    ]
    lib = Library.build(
        [
            "A ward manager leads the nursing team and signs off the rota each week.",
            "A ward administrator books beds and keeps the patient records in order.",
        ],
        metas,
    )
    book = lib.roles
    found = book.find("The ward administrator and manager share an office.")
    assert any(book.one_role(r, "ward manager") for r in found), found
    found = book.find("The ward administrator and director share an office.")
    assert not any(book.one_role(r, "ward director") for r in found), found


def test_as_much_as_asks_for_a_comparison_and_a_cell_that_compares_answers_it(health):
    """ "Does X earn as much as Y?" compares, as "more than" does: a cell that itself compares
    ("as much as a senior officer") answers it over one that only states a salary."""
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import Sentence

    q = understand(
        "Does an occupational health consultant earn as much as an infection control officer?",
        [],
        health,
    )
    assert q.comparison is not None and len(q.comparison.sides) == 2
    passages = [_passage(f"/h/{n}.md", "Pay", "...", 0) for n in "abc"]
    plain = Sentence(0, 0, "An occupational health consultant earns a salary from the employer.")
    compares = Sentence(
        1, 0, "An occupational health consultant in a large firm earns as much as a director."
    )
    other = Sentence(2, 0, "An infection control officer earns a salary on the ward pay scale.")
    plain.lexical, compares.lexical, other.lexical = 0.4, 0.3, 0.3
    table = build_table(q, [plain, compares, other], passages, CitationSet(passages), health.roles)
    assert "as much as a director" in table.text, table.text


@pytest.mark.parametrize(
    "question, subject",
    [
        ("How much does a dentist earn?", "dentist"),
        ("What does a line cook do after service?", "line cook"),
        ("How long does a credential programme take?", "credential programme"),
        ("Why do ML engineers earn more?", "ML engineers"),
        ("Which Gartner report is cited?", ""),  # the subject stands before the verb
        ("How do I negotiate a raise?", ""),  # the asker
        ("Tell me about coding bootcamps.", ""),
    ],
)
def test_the_noun_phrase_a_question_is_about(question, subject):
    from assistant.understand.sides import subject_phrase

    assert subject_phrase(question) == subject


def test_only_the_subject_of_a_verb_is_acting():
    from assistant.understand.sides import subject_phrase

    assert subject_phrase("What does a line cook earn?", acting=True) == "line cook"
    assert subject_phrase("What are the downsides of being a nurse?", acting=True) == ""
    assert subject_phrase("What are the downsides of being a nurse?") == "downsides"


# Written for these tests (a restaurant kitchen): each role's part of one task sits under a
# numbered title line written into the text, not under a heading of its own.
KITCHEN = [
    (
        "Kitchen roles",
        "Pastry chefs and line cooks share a kitchen. A pastry chef works mornings. "
        "A line cook works the evening service.",
    ),
    (
        "Who does what",
        "1. Plating for pastry chefs\nThe pastry chef's job is to finish each dessert with "
        "sugar work and a garnish before it leaves.",
    ),
    (
        "Who does what",
        "1. Plating for line cooks\nPlating a main course falls to the line cook, who wipes "
        "each rim before the plate goes out.",
    ),
]


def test_a_title_line_heads_the_text_below_it():
    from assistant.compare import title_line

    assert title_line("1. Plating for pastry chefs\nThe pastry chef's job is ...") == (
        "Plating for pastry chefs"
    )
    assert title_line("## Night shifts\nNurses on nights chart every hour.") == "Night shifts"
    # prose, a list's first item, a list's announcement: no title
    assert title_line("Nurses chart every hour. Then they rest.\nMore.") == ""
    assert title_line("- Enforce the rota\n- Repair the records") == ""
    assert title_line("1. Enforce the rota\n2. Repair the records") == ""
    assert title_line("Common problems to resolve are:\nthe rota.") == ""
    # a plain-text article's sentence wrapped over lines: its first line heads nothing
    assert (
        title_line("After qualifying, most nurses spend a year gaining\nexperience on a ward.")
        == ""
    )
    assert title_line("Carpenters build stairs, roofs and frames in\nHomes and offices.") == ""


def test_the_asked_topic_may_be_the_title_line_a_cell_sits_under():
    """ "How does plating differ for X versus Y?": X's sentence does not say "plating", the
    line heading its passage does; the row sets it beside Y's."""
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import candidate_sentences

    metas = [{"source": "/k/kitchen.md", "title": "Kitchen", "section": s} for s, _ in KITCHEN]
    kitchen = Library.build([t for _, t in KITCHEN], metas)
    q = understand("How does plating differ for a pastry chef versus a line cook?", [], kitchen)
    assert q.comparison is not None and q.comparison.sides == ["pastry chef", "line cook"]
    passages = [_passage("/k/kitchen.md", s, t, i) for i, (s, t) in enumerate(KITCHEN)]
    sentences = candidate_sentences(passages)
    for s in sentences:
        s.lexical = 0.2
    text = build_table(q, sentences, passages, CitationSet(passages), kitchen.roles).text
    row = next(ln for ln in text.splitlines() if ln.startswith("| Plating |"))
    assert "sugar work" in row and "wipes each rim" in row, text


def test_the_article_the_whole_question_finds_leads_each_side():
    """Two articles speak of both sides; the whole question's own passages come mostly from
    the second (it speaks of the topic asked): its passages lead each side."""
    from assistant.service import _one_article_first

    menu = [_passage("/m/menu.md", "S", "m", i) for i in range(2)]
    rota = [_passage("/r/rota.md", "S", "r", i) for i in range(4)]
    chef = [menu[0], rota[2], rota[0]]
    cook = [menu[1], rota[3], rota[1]]
    # the sides alone find the menu article soonest
    assert [p.source for p in _one_article_first([chef, cook], 1)[0]] == ["/m/menu.md"]
    asked = [rota[0], menu[0], rota[1]]
    first, second = _one_article_first([chef, cook], 2, asked)
    assert [p.id for p in first] == ["/r/rota.md#2", "/r/rota.md#0"]
    assert [p.id for p in second] == ["/r/rota.md#3", "/r/rota.md#1"]


# Written for these tests (a teacher's day): two kinds of work, no roles; the afternoon passage
# names its kind of work only in its first sentence, with the words apart.
SCHOOL = [
    (
        "A morning of lesson planning",
        "I spend the first hour marking, then build the slides for the week. The slides follow "
        "the national curriculum for each year group.",
    ),
    (
        "Afternoons",
        "After lunch I make a call to the parents of two pupils who missed their homework. We "
        "agree on a plan for the next fortnight and a date to check in again.",
    ),
]


def test_kinds_of_work_a_role_does_are_compared_through_their_passages():
    """ "How does a teacher's lesson planning compare with the parent calls they make?": the
    sides are what the teacher does (the owner and the clause after a side are no topic); "a
    call to the parents" names the parent calls, and the passage it opens speaks of them."""
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import candidate_sentences

    metas = [{"source": "/s/day.md", "title": "A day", "section": s} for s, _ in SCHOOL]
    school = Library.build([t for _, t in SCHOOL], metas)
    q = understand(
        "How does a teacher's lesson planning compare with the parent calls they make?", [], school
    )
    assert q.comparison is not None
    assert q.comparison.sides == ["lesson planning", "parent calls"]
    assert q.comparison.aspect == ""
    passages = [_passage("/s/day.md", s, t, i) for i, (s, t) in enumerate(SCHOOL)]
    finder = SideFinder(q.comparison.sides, school.roles)
    context = f"T. Afternoons. {SCHOOL[1][1]}"
    assert finder.anchored(1, context)  # "a call to the parents": every word, in one sentence
    assert not finder.anchored(1, "T. Afternoons. Parents wait at the gate. I call a taxi.")
    sentences = candidate_sentences(passages)
    for s in sentences:
        s.lexical = 0.2
    text = build_table(q, sentences, passages, CitationSet(passages), school.roles).text
    overview = next(ln for ln in text.splitlines() if ln.startswith("| Overview |"))
    # the passage's lead names the side: the sentence after it, not the author's story, is its
    assert "national curriculum" in overview and "We agree on a plan" in overview, text


def test_a_field_is_described_as_its_role_is_past_a_joining_word():
    """ "case management" is the field of the "case manager" the text abbreviates "CM": "But a
    CM is more about ..." has the field's role as its subject ("But" only joins it to the
    sentence before)."""
    from assistant.compare import describes, subject_role

    text = [
        (
            "Case managers",
            "A case manager (CM) plans each discharge. Case managers phone families.",
        ),
        (
            "Case management",
            "It is not bed management. So bed management is about beds. But a CM is more about "
            "the patient's whole stay.",
        ),
    ]
    metas = [{"source": "/c/case.md", "title": "Case work", "section": s} for s, _ in text]
    book = Library.build([t for _, t in text], metas).roles
    assert describes("But a CM is more about the patient's whole stay.", "case management", book)
    assert describes("A case manager plans each discharge.", "case management", book)
    assert not describes("So bed management is about beds.", "case management", book)
    assert not describes("Families say a CM is kind.", "case management", book)
    assert subject_role("But a CM is more about the whole stay.", book) == "CM"


def test_against_a_role_the_owner_of_a_thing_is_the_side(lib):
    """ "Is a barista's morning shift longer than a product manager?": set against a role, the
    barista is compared, not the shift; against another thing, the thing owned is."""
    q = understand("Is a barista's morning shift longer than a product manager?", [], lib)
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides] == ["barista", "product manager"]
    q = understand("Is a barista's morning shift longer than the evening shift?", [], lib)
    assert q.comparison is not None and q.comparison.sides == ["morning shift", "evening shift"]


# An article written for these tests (a hospital's sterile services): one side's pay is given,
# the other's is not.
STERILE = [
    (
        "Sterile services",
        "A sterile services technician cleans, packs and sterilises surgical instruments. "
        "A theatre porter moves patients and equipment between wards and theatres.",
    ),
    ("Pay", "Sterile services technicians earned a median of $41,000 a year."),
    (
        "Skills",
        "Sterile services technicians need a steady eye for damaged instruments. "
        "Theatre porters need stamina and a calm manner with anxious patients.",
    ),
]


@pytest.fixture(scope="module")
def sterile() -> Library:
    metas = [{"source": "/s/sterile.md", "title": "Sterile", "section": s} for s, _ in STERILE]
    return Library.build([t for _, t in STERILE], metas)


def _sterile_table(sterile: Library, question: str, texts=STERILE):
    from assistant.citations import CitationSet
    from assistant.compare import build_table
    from assistant.evidence import candidate_sentences

    q = understand(question, [], sterile)
    assert q.comparison is not None
    passages = [_passage("/s/sterile.md", s, t, i) for i, (s, t) in enumerate(texts)]
    sentences = candidate_sentences(passages)
    for s in sentences:
        s.lexical = 0.2
    return q, build_table(q, sentences, passages, CitationSet(passages), sterile.roles)


def test_a_side_with_no_evidence_on_the_topic_asked_is_thin(sterile):
    """Pay is asked and given for one side only: the other side is thin (its own search may
    find its pay); the side with a figure is not. Skills, given for both, leaves no side thin."""
    q, table = _sterile_table(sterile, "sterile services technician or theatre porter: pay?")
    porter = q.comparison.sides.index("theatre porter")
    assert table.thin == (porter,), table.text
    assert "$41,000" in table.said[1 - porter][0].text
    _q, skills = _sterile_table(
        sterile, "Do sterile services technicians or theatre porters need more skills?"
    )
    assert skills.thin == (), skills.text


def test_an_overview_cell_that_says_what_the_side_is_is_not_thin(sterile):
    """ "What's the difference ...": each side's overview cell has the side as its subject."""
    _q, table = _sterile_table(
        sterile, "What's the difference between a sterile services technician and a theatre porter?"
    )
    assert table.text and table.thin == (), table.text


def test_says_what_needs_the_side_as_subject(sterile):
    from assistant.compare import says_what

    finder = SideFinder(["sterile services technician", "theatre porter"], sterile.roles)
    assert says_what("A theatre porter moves patients between wards and theatres.", 1, finder)
    assert says_what("However, theatre porters walk miles on every shift.", 1, finder)
    # the side named, but as what the sentence is about: a word, a kind, another role's work
    assert not says_what("In hospitals the word porter is an old one.", 1, finder)
    assert not says_what("Surgeons rely on theatre porters to keep lists on time.", 1, finder)
    assert not says_what("Theatre porter", 1, finder)  # a heading says nothing


def test_an_overview_is_no_field_cut_from_a_table_row(sterile):
    """ "Night shift allowance for weekend cover: Yes." is a table's field, not what the side is."""
    from assistant.compare import _overview, side_of
    from assistant.evidence import Sentence

    finder = SideFinder(["sterile services technician", "theatre porter"], sterile.roles)
    p = _passage("/s/sterile.md", "Theatre porter", "...")
    field = Sentence(0, 0, "Night shift allowance for weekend cover: Yes.", score=0.9)
    own = Sentence(0, 1, "Every shift, theatre porters move patients between wards.", score=0.2)
    other = Sentence(
        0, 2, "A sterile services technician packs instruments for surgery.", score=0.2
    )
    attributed = [(s, side_of(s, [p], finder)) for s in (field, own, other)]
    assert attributed[0][1] == 1  # under the side's own heading: the side's
    picks = _overview(attributed, set(), finder, sterile.roles, [p])
    assert picks is not None and picks[1] is own


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("What is the salary of a charge nurse?", "charge nurse"),
        ("What's the typical day of a pastry chef like?", "pastry chef"),
        ("What are the skills needed for a sommelier?", "sommelier"),
        # the noun asked for is no aspect of a job: no owner is asked about
        ("What is the point of a teaching degree?", ""),
        ("What are the downsides of teaching yourself?", ""),
        ("How much does a ward clerk earn?", ""),  # another shape (see subject_phrase)
    ],
)
def test_who_has_the_career_aspect_a_what_is_question_asks_for(question, owner):
    from assistant.understand.sides import owner_phrase

    assert owner_phrase(question) == owner


def test_demands_and_demanding_speak_of_no_demand_for_the_job():
    """ "The role demands steady hands" and "physically demanding shifts" say what a job asks
    of you, not whether employers want people for it; "nurses are in demand" does."""
    from assistant.compare import _fit, _in_aspect_forms
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    demand = next(a for a in aspects() if a.name == "Demand")
    assert _fit(Sentence(0, 0, "The role demands steady hands and long shifts."), demand) == 0
    assert _fit(Sentence(0, 0, "Ward work is physically demanding."), demand) == 0
    assert _fit(Sentence(0, 0, "Surgical nurses are in demand in every region."), demand) > 0
    assert "demands" not in _in_aspect_forms("The role demands steady hands")
    assert "demand" in _in_aspect_forms("Nurses are in demand")


def test_employed_by_says_who_pays_not_that_the_job_is_in_demand():
    from assistant.compare import _fit
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    demand = next(a for a in aspects() if a.name == "Demand")
    employed = "Cooks employed by hotels usually earn more than those in diners."
    assert _fit(Sentence(0, 0, employed), demand) == 0
    assert _fit(Sentence(0, 0, "Employment of cooks will rise 5 percent."), demand) > 0
    assert _fit(Sentence(0, 0, "Employers struggle to find cooks."), demand) > 0


def test_a_figure_added_to_a_judging_pay_cell_is_cut_around_the_figure():
    from assistant.compare import _around_figure

    text = (
        "The 2025 survey of all the county's hospitals listed night nurses as the most wanted "
        "staff, with median pay in the region ranging from $71,000 to $84,000 (Survey, 2025)."
    )
    got = _around_figure(text, 12)
    assert "$71,000 to $84,000" in got and got.startswith("… ") and len(got.split()) <= 14
    assert _around_figure("Nurses earn $71,000.", 12) == "Nurses earn $71,000."
