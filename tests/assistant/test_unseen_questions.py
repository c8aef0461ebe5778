"""Questions nobody here wrote, on made-up articles from other careers (a cardiac ward, a
restaurant kitchen) and on development articles: the question is read for what it asks (a
job title, the byline, a date), not for the words it happens to share with a role or a name."""

from __future__ import annotations

import pytest

from assistant.understand.query import intent_of
from assistant.understand.roles import find_roles
from tests.assistant.conftest import dev_library

NURSE = """---
title: "Night Shifts on a Cardiac Ward"
author: "Maria Lopez"
date: 2022-04-11
---
Hello! My name is Maria Lopez. I am a charge nurse on a cardiac ward. I started my nursing career at a children's hospital in
LA in 2015, where I worked nights for three years.

## A night on the ward

My shift starts at 7 PM with a handover from the day team. We review every patient's chart and
medication schedule together.

Around midnight I check the telemetry monitors and update the care plans. Hospitals want
bilingual pharmacy technicians because many of our patients speak little English.

Rapid handovers to the response team matter: the team needs the chart in a minute.

## Float Nurse

When a unit is short of staff for a shift, the hospital sends one of the nurses from its shared
pool to cover the gap for that night. Float nurse shifts are booked through the float nurse
office a week ahead.

## Calling for help

A rapid response team is a group of intensive care clinicians who come to any ward when a
patient suddenly gets worse.
"""

KITCHEN = """---
title: "Running a Restaurant Kitchen"
author: "Tom Baker"
date: 2020-06-02
---
A head chef plans the menu, orders the produce and trains the line cooks. Our pastry chef,
Chloé, bakes the bread and the crème brûlée before dawn. Menu engineering means
pricing each dish by how popular and how profitable it is.

## Prep and service

Sauce reducing and stock making take most of the morning prep. During service the head chef
calls the tickets and checks every plate before it leaves the pass.

## Tools of the line

What kind of knives does a line cook really need on the line?

A chef's knife, a paring knife and a serrated knife cover almost every job a line cook does.

## Building the team

Some examples:
- When I took over the kitchen we were hiring fast, and I noticed that new cooks barely knew
anyone outside their own station unless they happened to share a shift with them. As a result I
set up a group chat where a little bot pairs two cooks for a staff meal every two weeks, and it
has kept pairing people across the stations for well over a year now.
- I also started a monthly tasting where each station cooks one dish for the others.
"""

INTERVIEW = """---
title: "Three Teachers on Their First Year"
author: "Lena Ortiz"
date: 2021-02-01
---
## What surprised you most?

**Priya:** How much of the job is planning. I spend every Sunday evening planning the lessons for
the week ahead.

**Marcus:** The noise in the corridors between classes, and how quickly you stop hearing it.

## What advice would you give a new teacher?

**Priya:** Keep a folder of the lessons that worked and reuse them every term.

**Marcus:** Ask an older colleague to sit in on one of your classes each month.

## What is the best part of the job?

**Priya:** Seeing a shy pupil finally answer a question in front of the whole class.

Accepting the possibility of failure and learning from each other is at the heart of our
staff room, and it makes the hard weeks bearable.

**Marcus:** The long summer, honestly, and the pupils who come back to say hello.
"""

DEV_ARTICLES = [
    "18f-a-day-in-the-life-of-an-18f-engineer.md",
    "adron-hall-devops-obliviousness-site-reliability.html",
    "cds-so-what-exactly-is-a-product-manager.md",
    "staffeng-dan-na-staff-engineer-and-team-lead.html",
    "data-engineering-cookbook-v0.4-preview.pdf",
    "practitioners-guide-data-science-role-and-skill-tracks.html",
    "gitlab-handbook-engineering-career-development.md",
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A warmed extractive Assistant over the two made-up articles, the seed and three
    development articles (skips, with the reason, where ../shared is missing)."""
    return dev_library(
        tmp_path_factory,
        "unseen",
        DEV_ARTICLES,
        written={
            "night-shifts.md": NURSE,
            "restaurant-kitchen.md": KITCHEN,
            "first-year-teachers.md": INTERVIEW,
        },
    )


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        # a verb in its base form after "do/does" is no part of the job title it governs
        (
            "Why do hospitals want bilingual pharmacy technicians?",
            ["bilingual pharmacy technicians"],
        ),
        ("Do restaurants prefer kitchen managers with a degree?", ["kitchen managers"]),
        ("Why does 18F want bilingual engineers?", ["bilingual engineers"]),
        # two activities joined by "and" share no job title ("reducing engineer")
        ("What are sauce reducing and menu engineering part of?", ["menu engineering"]),
        (
            "What are hyperparameter tuning and feature engineering part of?",
            ["feature engineering"],
        ),
        # titles that open with such a word, and shared heads, stay whole
        ("Is a Support Engineer paid well?", ["Support Engineer"]),
        ("What does a release engineer do?", ["release engineer"]),
        ("How do marketing and sales managers work?", ["marketing manager", "sales manager"]),
        ("Is data and software engineering a good career?", ["data engineer", "software engineer"]),
    ],
)
def test_a_job_title_is_read_without_the_verb_or_activity_beside_it(question, roles):
    assert find_roles(question) == roles


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("When was the night-shift nursing article published?", "date"),
        ("When did Maria Lopez publish her post on night shifts?", "date"),
        ("When was this kitchen guide first written?", "date"),
        ("Who are the authors of the pastry handbook?", "author"),
        ("When did the head chef start working there?", "fact"),
        ("When was the new triage protocol launched?", "fact"),
        ("When was the interview recorded?", "fact"),
        ("Which authors does the head chef read?", "fact"),
        ("When was the 18F engineer article published?", "date"),
        ("Who are the authors of the CDS product manager Q&A?", "author"),
        # an interview's author is the one who asked the questions
        ("Who conducted the interview with the head chef?", "author"),
        ("Who interviewed the pastry chef?", "author"),
        ("Who did the interview on the 18F engineer's day?", "author"),
    ],
)
def test_byline_and_date_questions_name_the_article_in_their_own_words(question, intent):
    assert intent_of(question, None) == intent


def test_a_date_question_naming_the_author_answers_from_that_authors_article(library):
    r = library.ask("When did Maria Lopez publish her post?")
    assert "April 11, 2022" in r.answer and "night-shifts.md" in r.answer, r.answer
    r = library.ask("When did Tom Baker write his article?")
    assert "June 2, 2020" in r.answer, r.answer
    r = library.ask("When did Adron Hall publish his post on DevOps?")
    assert "October 24, 2016" in r.answer and not r.abstained, r.answer
    r = library.ask("Who are the authors of the CDS product manager Q&A?")
    assert "Courtney Claessens" in r.answer and not r.abstained, r.answer


def test_a_date_question_asking_by_whom_too_names_the_author_and_the_date(library):
    """ "When was it published and by whom?" asks for the byline as well as the date."""
    r = library.ask("When was the cardiac ward post published and by whom?")
    assert "Maria Lopez" in r.answer and "April 11, 2022" in r.answer, r.answer
    r = library.ask("When was the 18F engineer's post published, and by whom?")
    assert "Edwin Torres" in r.answer and "September 30, 2021" in r.answer, r.answer


def test_a_place_the_library_writes_by_its_initials_is_not_unknown(library):
    r = library.ask("Where did the charge nurse start her career in Los Angeles?")
    assert not r.abstained and "children's hospital" in r.answer, r.answer
    r = library.ask("Where did Dan start his tech career in New York?")
    assert not r.abstained and "Etsy" in r.answer, r.answer
    # a name neither written out nor by its initials is still unknown
    r = library.ask("Did the charge nurse ever work in Buenos Aires?")
    assert r.abstained and "never mention" in r.answer, r.answer


def test_a_question_whose_verb_sits_before_a_role_is_not_declined_for_that_role(library):
    r = library.ask("Why do hospitals want bilingual pharmacy technicians?")
    assert not r.abstained and "speak little English" in r.answer, r.answer
    r = library.ask("What are sauce reducing and menu engineering part of?")
    assert not r.abstained and "don't discuss" not in r.answer, r.answer


def test_the_articles_own_questions_do_not_answer_a_question(library):
    """A sentence that is itself a question ("What kind of knives does a line cook need?")
    matches the question best and answers nothing: the sentences that tell are chosen."""
    r = library.ask("What knives does a line cook need?")
    assert r.answer.startswith("A chef's knife"), r.answer
    assert "?" not in r.answer.split("Sources:")[0], r.answer
    r = library.ask("Which systems can store big data?")
    assert r.answer.startswith("Systems like Hadoop HDFS"), r.answer


def test_a_passage_of_questions_alone_still_gives_its_best_sentence():
    from assistant.evidence import Sentence
    from assistant.extractive import select

    asked = [
        Sentence(0, 0, "What does a sous chef do on a busy night?", score=1.0),
        Sentence(0, 1, "How many covers can one kitchen take?", score=0.9),
    ]
    assert [s.text for s in select(asked)] == [asked[0].text, asked[1].text]
    told = asked + [Sentence(1, 0, "A sous chef runs the line when the head chef is out.", 0.7)]
    assert [s.text for s in select(told)] == [told[2].text]


def test_the_articles_answer_to_its_own_question_takes_the_questions_rank():
    from assistant.evidence import Sentence
    from assistant.extractive import select

    pool = [
        Sentence(0, 0, "Does every kitchen need a pastry chef on staff?", score=1.0),
        Sentence(1, 0, "Pastry chefs often start as commis cooks in hotel kitchens.", score=0.6),
        Sentence(0, 1, "Only a kitchen that bakes its own bread and desserts every day does.", 0.3),
    ]
    assert [s.text for s in select(pool)] == [pool[2].text]


def test_a_name_in_the_question_finds_the_article_and_the_other_words_the_sentence(library):
    """ "What does Maria check around midnight?": the name brought the ward article; the
    sentence that answers is the one about midnight checks, not "My name is Maria Lopez." """
    r = library.ask("What does Maria check around midnight?")
    assert r.answer.startswith("Around midnight I check the telemetry monitors"), r.answer
    r = library.ask("What does Edwin do after lunch?")
    assert r.answer.startswith("After the daily stand-up meeting and lunch"), r.answer


def test_only_the_named_subject_weighs_less_not_a_place_or_agency_asked_about(library):
    from assistant.evidence import NAME_SHARE, TermMatcher
    from knowledge.schema import Passage

    ward = Passage(
        id="w",
        source="ward.md",
        title="Ward notes",
        section="",
        text="My name is Maria Lopez. We built a discharge checklist for the Department of Health.",
        chunk_index=0,
        ref_ids=[],
    )
    for question, light in [
        ("What did Maria build for the health department?", {"maria"}),
        ("What did the ward build for the Department of Health?", set()),
    ]:
        matcher = TermMatcher(question, library.retriever, library.kb.embedder)
        weights = matcher.sentence_weights(question, [ward])
        for term, full, used in zip(matcher.terms, matcher.weights, weights, strict=True):
            assert used == pytest.approx(full * NAME_SHARE if term in light else full), term


def test_a_list_of_whole_paragraphs_is_searched_past_what_its_intro_brings(library):
    """ "Some examples:" followed by paragraph-long items: the items an answer cannot take with
    the two-word intro are sentences of their own, so the one that answers can be found."""
    r = library.ask("How often does the bot pair cooks for a staff meal?")
    assert "every two weeks" in r.answer.split("Sources:")[0], r.answer
    r = library.ask("How often does the coffee bot pair people up?")
    assert "every two weeks" in r.answer.split("Sources:")[0], r.answer


def test_list_items_an_intro_brings_are_not_sentences_but_the_rest_are():
    from assistant.evidence import prose_sentences

    text = (
        "A pastry cook needs:\n- a scale\n- a bench scraper\n\n- a stray note on ovens\n"
        "Some examples:\n- " + "word " * 70 + "ends here.\n- A short second example."
    )
    got = prose_sentences(text)
    assert "a scale" not in got and "a bench scraper" not in got
    assert "a stray note on ovens" in got  # after the blank line the list has ended
    assert "A short second example." in got and any(s.endswith("ends here.") for s in got)


def test_a_name_a_follow_up_carries_weighs_less_than_what_it_asks(library):
    history = [
        {"role": "user", "content": "Who is Maria Lopez?"},
        {"role": "assistant", "content": "A charge nurse on a cardiac ward."},
    ]
    r = library.ask("What does she check around midnight?", history)
    assert r.answer.startswith("Around midnight I check the telemetry monitors"), r.answer
    history = [
        {"role": "user", "content": "Who is Dan Na?"},
        {"role": "assistant", "content": "A Staff Engineer and Team Lead at Squarespace."},
    ]
    r = library.ask("Which book is his favourite?", history)
    assert r.answer.startswith("My favorite engineering leadership book"), r.answer


def test_a_definition_is_the_sentence_opening_with_the_whole_term_or_first_under_its_heading(
    library,
):
    r = library.ask("What is a float nurse?")
    assert r.answer.startswith("When a unit is short of staff for a shift"), r.answer
    r = library.ask("What is an interim manager?")  # the handbook's heading, then its sentence
    assert r.answer.startswith("When a team member is pursuing a people manager role"), r.answer
    r = library.ask("What is a rapid response team?")
    assert r.answer.startswith("A rapid response team is a group"), r.answer
    r = library.ask("What is a data lake?")
    assert "A data lake is a storage repository" in r.answer.split("Sources:")[0], r.answer


def test_a_heading_names_the_term_its_first_sentence_defines():
    from assistant.evidence import _headed_by, _term_opening, defined_term
    from knowledge.schema import Passage

    def under(section: str) -> Passage:
        return Passage(
            id="n",
            source="ward.md",
            title="Night Shifts",
            section=section,
            text="When a unit is short of staff, the pool sends a nurse.",
            chunk_index=0,
            ref_ids=[],
        )

    term = defined_term("What is a float nurse?")
    assert _headed_by(term, under("Staffing — Float Nurse"))
    assert _headed_by(
        defined_term("What is a float nurse at Mercy Hospital?"), under("Float Nurse")
    )
    assert not _headed_by(term, under("Float Pools"))
    assert not _headed_by(term, under("Night Shifts"))  # the article's title heads everything
    assert _term_opening(term, "A float nurse covers gaps.") == 2
    assert _term_opening(term, "Float pools are shared.") == 1
    assert _term_opening(term, "Nurses float between wards.") == 0


def test_a_name_is_a_word_kept_in_title_case_inside_a_sentence():
    from assistant.evidence import _written_as_name

    text = "Sauces take the morning.\nTom tastes each one. Later the pass asks Tom to sign off."
    assert _written_as_name("tom", text)
    assert not _written_as_name("sauces", text)  # title case only where a sentence opens
    assert not _written_as_name("pass", text)  # written in lower case
    assert not _written_as_name("later", text)
    assert not _written_as_name("amara", text)  # not written at all


def test_a_question_about_books_is_not_a_question_about_the_article():
    from assistant.evidence import SELF_REFERENCE_PENALTY, self_reference_penalty

    link = "Read more about Tom on his blog, Instagram, and Linkedin."
    assert self_reference_penalty("What books does the head chef recommend?", link) > 0
    assert self_reference_penalty("Which blog posts does Tom read?", link) > 0
    assert self_reference_penalty("What does this article cover?", link) == 0
    assert self_reference_penalty("What is the kitchen guide about?", link) == 0
    assert SELF_REFERENCE_PENALTY > 0


def test_text_about_the_page_neither_leads_nor_rides_along_while_content_is_there():
    from assistant.evidence import Sentence
    from assistant.extractive import select

    page = Sentence(0, 0, "Read more about Tom on his blog, Instagram, and Linkedin.", 1.0)
    page.about_itself = True
    book = Sentence(1, 0, "His favourite kitchen book is a thin guide to French sauces.", 0.9)
    asked = Sentence(2, 0, "New cooks always ask the head chef how he plans a menu.", 0.8)
    wrote = Sentence(2, 1, "This is why we wrote this post about his week in the kitchen.", 0.1)
    wrote.about_itself = True
    assert [s.text for s in select([page, book, asked, wrote])] == [book.text, asked.text]
    assert [s.text for s in select([page])] == [page.text]  # nothing else: it still answers


def test_the_books_a_person_recommends_are_not_the_pages_own_links(library):
    history = [
        {"role": "user", "content": "Who is Dan Na?"},
        {"role": "assistant", "content": "A Staff Engineer and Team Lead at Squarespace."},
    ]
    r = library.ask("What books does he recommend?", history)
    assert "Learn more about Dan" not in r.answer.split("Sources:")[0], r.answer


def test_the_sentence_first_under_a_heading_naming_the_term_leads(library):
    from assistant.evidence import TermMatcher, score_sentences
    from assistant.understand import understand
    from knowledge.schema import Passage

    def passage(i: int, section: str, text: str) -> Passage:
        return Passage(
            id=str(i), source="ward.md", title="Night Shifts", section=section, text=text,
            chunk_index=i, ref_ids=[],
        )  # fmt: skip

    passages = [
        # a later chunk under the same heading opens mid-section: no definition
        passage(3, "Staffing — Float Nurse", "Float nurse pay: a float nurse earns a float bonus."),
        passage(0, "Night Shifts", "Float nurse shifts fill up fast, and every float nurse asks."),
        passage(1, "Staffing — Float Nurse", "When a unit is short of staff, the pool sends one."),
    ]
    question = "What is a float nurse?"
    query = understand(question, [], library.retriever.library)
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    vec = library.kb.embedder.embed_batch([query.text])[0]
    ranked = score_sentences(query, matcher, vec, passages, library.kb.embedder)
    assert ranked[0].text == passages[2].text, [s.text for s in ranked]


def test_another_roles_figure_does_not_follow_the_asked_roles_answer():
    from assistant.evidence import Sentence
    from assistant.extractive import select

    asked = Sentence(0, 0, "A senior kitchen manager in a city hotel earns about $58,000.", 1.0)
    other = Sentence(1, 0, "A senior pastry specialist can make over $64,000 a year.", 0.9)
    other.off_role = True
    plain = Sentence(2, 0, "Kitchen managers at the senior level also run the ordering.", 0.8)
    assert [s.text for s in select([asked, other, plain])] == [asked.text, plain.text]
    # alone, or when the asked role's own sentences are missing, another role's figure is kept
    assert [s.text for s in select([other])] == [other.text]
    told = Sentence(3, 0, "Pastry work at the senior level pays well in hotels.", 0.8)
    told.off_role = True
    assert [s.text for s in select([other, told])] == [other.text, told.text]


def test_a_follow_up_on_one_roles_pay_leaves_out_the_other_roles_figure(library):
    history = [
        {"role": "user", "content": "What does an AI engineer do?"},
        {"role": "assistant", "content": "AI engineers build systems around existing models."},
    ]
    r = library.ask("And how much do they get paid?", history)
    body = r.answer.split("Sources:")[0]
    assert "$140,000" in body and "$245,000" not in body, r.answer


def test_accents_are_folded_so_a_name_typed_without_them_is_found(library):
    from knowledge.text import words

    assert words("Chloé bakes crème brûlée; ﬁle it") == [
        "chloe", "bakes", "creme", "brulee", "file", "it",
    ]  # fmt: skip
    r = library.ask("What does Chloe bake before dawn?")
    assert not r.abstained and "bakes the bread" in r.answer, r.answer
    r = library.ask("What does Clementine do every morning before stand up?")
    assert not r.abstained and "sync with the service owner" in r.answer, r.answer


def test_a_date_question_naming_the_article_by_its_title_answers_from_it(library):
    r = library.ask("When was the restaurant kitchen piece published?")
    assert "June 2, 2020" in r.answer, r.answer
    r = library.ask("When was the cookbook published?")
    assert "January 6, 2019" in r.answer and "Cookbook" in r.answer, r.answer


def test_a_speakers_label_marks_a_name_that_weighs_less_than_what_is_asked(library):
    """In a Q&A the speakers are named only by their labels ("Priya: ..."): the label is a
    name, and the sentence answering is found by the question's other words."""
    history = [
        {"role": "user", "content": "Who is Priya?"},
        {"role": "assistant", "content": "One of the three teachers."},
    ]
    r = library.ask("What did she say about failure?", history)
    assert "Accepting the possibility of failure" in r.answer.split("Sources:")[0], r.answer
    history = [
        {"role": "user", "content": "Who is Clementine?"},
        {"role": "assistant", "content": "One of the CDS product managers."},
    ]
    r = library.ask("What did she say about failure?", history)
    assert r.answer.startswith("Accepting the possibility of failure"), r.answer


def test_the_salary_of_someone_no_article_writes_of_is_declined(library):
    """ "What is the salary of a sommelier?": the sommelier is what the question is about, and
    no article names one, however well "salary" matches the seed article."""
    r = library.ask("What is the salary of a sommelier?", [])
    assert r.abstained and "sommelier" in r.answer, r.answer


def test_a_byline_question_asking_when_too_gets_the_date(library):
    r = library.ask("Who wrote the night shifts piece and when?", [])
    assert "Maria Lopez" in r.answer and "April 11, 2022" in r.answer, r.answer


def test_the_other_one_after_a_question_on_one_side_answers_for_the_other(library):
    history = [
        {"role": "user", "content": "What does an ML engineer do?"},
        {"role": "assistant", "content": "A machine learning engineer trains models."},
    ]
    r = library.ask("and the other one?", history)
    first = r.answer.split(" [")[0]
    assert "AI engineer" in first and not r.abstained, r.answer


def test_casual_names_for_a_role_reach_its_answer(library):
    """ "ML folks" are the library's ML engineers; "ok, ..." opens a follow-up."""
    r = library.ask("do ML folks earn more?", [])
    assert not r.abstained and "earn more at the senior level" in r.answer, r.answer
    history = [
        {"role": "user", "content": "Which pays more, AI or ML engineering?"},
        {"role": "assistant", "content": "ML engineers generally earn more at the senior level."},
    ]
    r = library.ask("ok, and which is easier to break into?", history)
    assert "more accessible" in r.answer, r.answer


@pytest.mark.parametrize(
    "question",
    [
        "What causes the salary gap between AI and ML engineers?",
        "Where does the pay difference between AI and ML engineers come from?",
    ],
)
def test_a_question_for_a_cause_is_answered_with_the_reason(library, question):
    r = library.ask(question, [])
    assert "due to the depth of specialized expertise" in r.answer, r.answer
