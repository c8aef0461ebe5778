"""A one-word role set against a job title ("Chef or Restaurant Manager?") is a role of its own:
the library learns it, and a question naming it beside the job title does not give it the
title's head noun ("chef manager"). A word written before role nouns ("frontend" developer,
"AI" engineer) still shares the head: "AI and ML engineers" are two engineers.

Checked on text written for the test (a kitchen, a law office, a ward) and on the seed.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, RoleBook
from assistant.understand.query import detect_comparison
from assistant.understand.vocabulary import counterparts, learn_roles
from knowledge.settings import REPO_ROOT

SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"

KITCHEN_TITLE = "Chef or Restaurant Manager? Picking Your Path in Hospitality"
KITCHEN = """Chefs run the line, write menus and train cooks. Restaurant managers hire staff,
handle budgets and deal with guests. A head chef earns about $58,000 a year, while restaurant
managers earn around $63,000. Many chefs move into management after ten years."""

LAW_TITLE = "Paralegal vs Lawyer: Which Legal Career Fits You?"
LAW = """Many people work as a paralegal before law school. Lawyers who run their own firm
set their own fees. Paralegals draft documents and research cases for the attorneys they
support."""

OFFICE_TITLE = "Remote vs Office: Where Do Nurses Work Best?"
OFFICE = """Some clinic managers let nurses split the week. Office days give new nurses a
mentor; remote days suit charting."""

TEAMS = """Frontend and backend developers split the work on every release. Our frontend
developers own the pages; the backend developers own the services. The AI and ML engineers
sit in another team, and senior and staff engineers review every design."""


def _library(*articles: tuple[str, str]) -> Library:
    docs = [text for _title, text in articles]
    metas = [
        {"source": f"/a/{i}.md", "title": title, "section": ""}
        for i, (title, _text) in enumerate(articles)
    ]
    return Library.build(docs, metas)


def test_a_one_word_side_against_a_job_title_is_learnt_as_a_role():
    assert counterparts([KITCHEN_TITLE], [KITCHEN]) == ["Chef"]
    book = learn_roles([KITCHEN_TITLE], [KITCHEN], {})
    assert "chef" in book.phrases and "restaurant manager" in book.phrases
    assert "chef" in book.lone  # never written before a role noun


def test_two_one_word_sides_are_roles_only_when_written_as_persons():
    # "work as a paralegal", "lawyers who ...": people; "remote" and "office" are places
    assert counterparts([LAW_TITLE], [LAW]) == ["Paralegal", "Lawyer"]
    assert counterparts([OFFICE_TITLE], [OFFICE]) == []
    assert "remote" not in learn_roles([OFFICE_TITLE], [OFFICE], {}).phrases


CARE_TITLE = "Dietitian vs Care Worker: Two Jobs in a Care Home"
CARE = """Care workers help residents wash and dress. A dietitian plans meals for residents
with diabetes. Care workers earn about $32,000 a year; dietitians about $66,000."""
SHIFT_TITLE = "Night vs Day Worker: Which Shift Suits You?"
SHIFT = """Night shifts pay a premium. Day shifts follow the clinic's hours."""


def test_a_one_word_person_against_a_person_noun_phrase_is_learnt_as_a_role():
    # "Care Worker" ends in no role noun, but in a person noun: the dietitian is a role.
    assert counterparts([CARE_TITLE], [CARE]) == ["Dietitian"]
    book = learn_roles([CARE_TITLE], [CARE], {})
    assert "dietitian" in book.phrases and "dietitian" in book.lone
    # ... and only a person is: "Night" is a time of day
    assert counterparts([SHIFT_TITLE], [SHIFT]) == []


@pytest.mark.parametrize(
    "question",
    [
        "chef vs restaurant manager pay",
        "Chef or restaurant manager: which pays more?",
        "Compare the day-to-day work of chefs and restaurant managers",
        "Which is easier to get into, chef or restaurant manager?",
    ],
)
def test_a_lone_role_does_not_take_the_other_sides_head(question):
    lib = _library((KITCHEN_TITLE, KITCHEN), ("Team notes", TEAMS))
    comparison, _named = detect_comparison(question, lib.roles, None)
    assert comparison is not None
    assert [lib.roles.key(s) for s in comparison.sides] == ["chef", "restaurant manager"]


@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("AI and ML engineers: who earns more?", ["ai engineer", "ml engineer"]),
        ("frontend vs backend developer pay", ["frontend developer", "backend developer"]),
        # a seniority is no role of its own: read as it was before lone roles
        ("Do senior and staff engineers earn more?", None),
    ],
)
def test_words_written_before_role_nouns_still_share_the_head(question, keys):
    lib = _library((KITCHEN_TITLE, KITCHEN), ("Team notes", TEAMS))
    assert lib.roles.lone == {"chef"}
    found = lib.roles.find(question)
    before = RoleBook(lib.roles.phrases.values(), lib.roles.aliases).find(question)
    assert found == before
    if keys is not None:
        assert [lib.roles.key(r) for r in found] == keys


def test_the_seed_still_reads_ai_and_ml_engineers_as_two_engineers():
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    lib = _library((text.splitlines()[0], text), (KITCHEN_TITLE, KITCHEN))
    found = lib.roles.find("How do AI and ML engineers differ in pay?")
    assert [lib.roles.key(r) for r in found] == ["ai engineer", "ml engineer"]
    comparison, _ = detect_comparison("chef vs restaurant manager salary", lib.roles, None)
    assert [lib.roles.key(s) for s in comparison.sides] == ["chef", "restaurant manager"]


FRONT_TITLE = "Receptionist vs Secretary: Two Front-Office Careers"
FRONT = """Receptionists greet visitors, answer phones and sign in deliveries. Secretaries
keep calendars, type letters and file records for their managers. A receptionist earns about
$36,000 a year; secretaries earn around $44,000."""
FRONT_HEADINGS = ["Becoming a secretary", "What receptionists do"]


def test_a_side_in_consonant_y_is_a_person_when_a_heading_says_so():
    # "Secretary" has no agent ending, and the body never says "as a secretary": the heading
    # "Becoming a secretary" does. Its plural "secretaries" is that role.
    assert counterparts([FRONT_TITLE], [FRONT]) == []
    assert counterparts([FRONT_TITLE, *FRONT_HEADINGS], [FRONT]) == ["Receptionist", "Secretary"]
    book = learn_roles([FRONT_TITLE, *FRONT_HEADINGS], [FRONT], {})
    assert book.find("How much do secretaries earn?") == ["secretaries"]
    assert book.keys("secretaries") == book.keys("Secretary")
    # a word in vowel + "y" takes a plain "s", and no other "-ies" word is the role
    assert book.find("the companies and their deliveries") == []


def test_a_plural_in_ies_is_found_by_the_word_index_too():
    # past REGEX_NAMES names, the book finds roles with its word index: the same plurals
    from assistant.understand.roles import REGEX_NAMES

    names = [f"role{i} technician" for i in range(REGEX_NAMES + 5)] + ["Notary"]
    book = RoleBook(names)
    assert book.find("Notaries witness signatures.") == ["Notaries"]
    assert book.find("A notary witnesses signatures.") == ["notary"]


BAKERY_TITLE = "Baker vs Pastry Chef: Which Kitchen Career Fits You?"
BAKERY = """Pastry chefs earned a median of $52,000 a year. Bakers earned about $35,000.
Executive pastry chefs at large hotels earn far more."""
SKILLS_TITLE = "Individual Contribution vs. Management"
SKILLS = """Individual contribution means shipping code. Management means growing people;
an engineering manager holds one-on-ones."""


def test_a_one_word_side_against_a_role_the_article_names_is_a_role():
    # "Pastry Chef" ends in no role noun, but the article names it as a role; "bakers" are
    # counted in the plural, as people are
    phrases = ["pastry chef"]
    assert counterparts([BAKERY_TITLE], [BAKERY], phrases) == ["Baker"]
    assert "baker" in learn_roles([BAKERY_TITLE], [BAKERY], {}).phrases
    # a mass noun ("management", never "managements") is no person
    assert counterparts([SKILLS_TITLE], [SKILLS], ["individual contribution"]) == []


BAR_TITLE = "Sommelier, Barista or Bar Manager? Three Jobs Behind the Bar"
BAR = """Sommeliers choose the wine list and advise guests. Baristas pull espresso and train new
staff on the machine. Bar managers order stock, set rotas and handle the takings. A sommelier
earns about $58,000 a year, a barista about $31,000 and a bar manager about $54,000."""
GROOM_TITLE = "Kennel Attendant, Veterinary Assistant or Animal Groomer?"
GROOM = """Kennel attendants feed and walk boarded dogs. Veterinary assistants restrain animals
during exams. Groomers bathe, clip and style coats; animal groomers often run their own van."""


def test_a_title_listing_three_sides_sets_each_against_the_others():
    """ "Sommelier, Barista or Bar Manager?": the one-word sides are roles of their own, as in
    "X or Y", and a question naming the three does not give the bar manager's head noun to the
    barista ("barista manager"); a list of three persons ("Kennel Attendant, Veterinary
    Assistant or Animal Groomer?") names three roles."""
    assert counterparts([BAR_TITLE], [BAR]) == ["Sommelier", "Barista"]
    lib = _library((BAR_TITLE, BAR), ("Team notes", TEAMS))
    found = lib.roles.find("Which of these pays the most: sommelier, barista or bar manager?")
    assert [lib.roles.key(r) for r in found] == ["sommelier", "barista", "bar manager"]
    book = learn_roles([GROOM_TITLE], [GROOM], {})
    for role in ("kennel attendant", "veterinary assistant", "animal groomer"):
        assert role in book.phrases, sorted(book.phrases)
    # a title part that is a sentence lists no sides
    assert counterparts(["Pay, hours and training: what a sommelier does"], [BAR]) == []


HOTEL_TITLE = "Hotel Receptionist, Hotel Porter or Hotel Housekeeper?"
HOTEL = """Hotel receptionists check guests in and out. Hotel porters carry luggage and run
errands for guests. Hotel housekeepers clean the rooms; most housekeepers start at 7 a.m."""


def test_bare_nouns_listed_after_a_title_share_its_modifier():
    """ "the hotel receptionist, porter and housekeeper": each noun after the first title takes
    its modifier when the library knows the title so made; a noun making no known title ends
    the list ("guests"). The DataTalks dev article's data roles read the same way."""
    from tests.conftest import dev_article

    lib = _library((HOTEL_TITLE, HOTEL), ("Team notes", TEAMS))
    found = lib.roles.find("Of the hotel receptionist, porter and housekeeper, who earns most?")
    assert [lib.roles.key(r) for r in found] == [
        "hotel receptionist",
        "hotel porter",
        "hotel housekeeper",
    ]
    found = lib.roles.find("Does a hotel receptionist, guests or owners decide?")
    assert [lib.roles.key(r) for r in found] == ["hotel receptionist"]
    text = dev_article("datatalksclub-data-team-roles-explained.md").read_text(encoding="utf-8")
    lib = _library(("Data team roles explained", text))
    found = lib.roles.find("How do the data analyst, engineer and scientist differ?")
    assert [lib.roles.key(r) for r in found] == ["data analyst", "data engineer", "data scientist"]
