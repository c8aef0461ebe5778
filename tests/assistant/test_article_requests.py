"""Questions about the article as a whole or as a text (issue 9, held-out seed questions):
"tl;dr?" / "What's the main takeaway?" (its outline), "How does the article describe X?" and
"Does the article talk about X?" (the text is the subject, X the topic), "How do I negotiate
...?" (the action asked how to do), "Who is it for?" (advice on who a path suits), and
"I like X rather than Y" (a preference, no two sides)."""

from __future__ import annotations

import pytest

from assistant.evidence import asked_for, asks_advice
from assistant.understand.query import asks_for_summary
from assistant.understand.sides import subject_phrase, syntactic_comparison
from tests.assistant.conftest import dev_library

KITCHEN = """# Line Cook vs Pastry Chef: Which Kitchen Job Suits You?

## Two Jobs in One Kitchen

Line cooks and pastry chefs work in the same kitchens but keep very different hours. Knowing
how they differ helps you pick a station.

## What a Line Cook Does

A line cook prepares hot dishes to order during service, usually on one station such as the
grill or the fryer. Line cooks spend each shift prepping vegetables, searing meat and plating
hot dishes for the pass. A line cook's day ends with scrubbing down the station and restocking it.

## What a Pastry Chef Does

A pastry chef makes the desserts, breads and doughs, most of it before the restaurant opens.
Precision matters more than speed: every recipe is weighed to the gram.

## Pay

Line cooks earned a median of $34,000 in 2023, while pastry chefs earned about $41,000. Head
pastry chefs at large hotels can earn twice that.

## Which One Is Right for You?

If you thrive under pressure and like the rush of service, a line cook job is the better fit.
If you are patient and love exact work, you will enjoy being a pastry chef. Either way, a
season in a busy kitchen is the surest way to find out.
"""
TITLE = "*Line Cook vs Pastry Chef: Which Kitchen Job Suits You?*"


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory):
    """An extractive Assistant over the made-up kitchen article alone."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    settings = get_settings(store=tmp_path_factory.mktemp("kitchen") / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    folder = tmp_path_factory.mktemp("kitchen-articles")
    (folder / "line-cook-vs-pastry-chef.md").write_text(KITCHEN, encoding="utf-8")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder)], kb, settings).ok
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "article-requests",
        [
            "datatalksclub-data-team-roles-explained.md",
            "cds-so-what-exactly-is-a-product-manager.md",
            "practitioners-guide-data-science-role-and-skill-tracks.html",
        ],
        written={"line-cook-vs-pastry-chef.md": KITCHEN},
    )


@pytest.mark.parametrize(
    ("question", "summary"),
    [
        ("tl;dr?", True),
        ("What's the main takeaway of the article?", True),
        ("give me the gist", True),
        ("Can you sum it up for me?", True),
        ("What are the key points?", True),
        ("What is this article about?", True),
        ("Tell me about the guide", True),
        ("What does the article conclude?", True),
        ("What are the main points the author makes?", True),
        ("Tell me about it", False),  # after a question, what it was about
        ("What does it say about the night shifts?", False),
        # a topic of its own: a question about it, not the gist
        ("What's the bottom line on pay?", False),
        ("What are the key skills?", False),
        ("Summarize what it says about the hours", False),
    ],
)
def test_a_summary_is_asked_with_no_topic_of_its_own(question, summary):
    assert asks_for_summary(question) is summary


def test_a_title_word_names_the_article_to_summarize_beside_a_word_for_writing():
    titles = ["Line Cook vs Pastry Chef: Which Kitchen Job Suits You?"]
    assert asks_for_summary("Summarize the pastry chef article", titles)
    assert not asks_for_summary("Summarize the pastry chef", [])  # no title: a topic
    assert not asks_for_summary("What's the bottom line for a pastry chef?", titles)


def test_the_summary_is_the_outline_of_the_only_article(kitchen):
    result = kitchen.ask("tl;dr?")
    assert not result.abstained, result.answer
    assert result.answer.startswith(f"{TITLE} in brief:"), result.answer
    leads = [
        "Line cooks and pastry chefs work in the same kitchens but keep very different hours.",
        "A line cook prepares hot dishes to order during service",
        "A pastry chef makes the desserts, breads and doughs",
        "Line cooks earned a median of $34,000 in 2023",
        "If you thrive under pressure",
        "Either way, a season in a busy kitchen is the surest way to find out.",
    ]
    at = [result.answer.find(lead) for lead in leads]
    assert -1 not in at and at == sorted(at), result.answer  # each section, in order
    assert result.answer.count("\n- ") == len(leads), result.answer
    # a topic of its own is answered from the passages, not outlined
    pay = kitchen.ask("What's the bottom line on pay?")
    assert "in brief" not in pay.answer and "$34,000" in pay.answer, pay.answer


def test_a_summary_names_its_article_among_several(library):
    listed = library.ask("What's the main takeaway?")  # first thing, none named: which one?
    assert listed.answer.startswith("The library has 5 articles; name one"), listed.answer
    assert "*Data Team Roles Explained" in listed.answer
    named = library.ask("Summarize the data team roles article")
    assert named.answer.startswith("*Data Team Roles Explained"), named.answer
    assert "in brief:" in named.answer.split("\n")[0], named.answer
    assert "Line cook" not in named.answer and len(named.citations) >= 3, named.answer
    # after a question, the article that question found
    then = library.ask(
        "can you sum it up?",
        [
            {"role": "user", "content": "What does a pastry chef make?"},
            {"role": "assistant", "content": "Desserts, breads and doughs."},
        ],
    )
    assert then.answer.startswith(f"{TITLE} in brief:"), then.answer


@pytest.mark.parametrize(
    "question",
    [
        "How does the article describe where pastry chefs work?",
        "Does the guide talk about kitchen uniforms?",
        "What does this kitchen guide say about tips?",
        "How does the author explain the pay gap?",
    ],
)
def test_the_text_asked_about_is_no_subject_of_the_question(question):
    assert subject_phrase(question, acting=True) == ""


def test_what_the_text_is_asked_to_speak_of_is_a_focus():
    assert [["kitchen", "uniforms"]] in asked_for("Does the guide talk about kitchen uniforms?", [])
    assert [["uniforms"]] in asked_for("Does this article mention uniforms for line cooks?", [])
    assert [["bootcamps"]] in asked_for("Does the post say anything about bootcamps?", [])


def test_the_text_as_subject_in_answers(kitchen, library):
    # "describe" was taken for the subject, and declined as a word no article writes
    described = kitchen.ask("How does the guide describe what a pastry chef makes?")
    assert not described.abstained and "desserts" in described.answer, described.answer
    assert "describe" not in described.answer
    # a thing the text never speaks of is declined for it, not answered with what it holds
    uniforms = kitchen.ask("Does the guide talk about kitchen uniforms for line cooks?")
    assert uniforms.abstained and "uniforms" in uniforms.answer, uniforms.answer
    mlops = library.ask("How does the article describe what an MLOps engineer does?")
    assert not mlops.abstained, mlops.answer
    assert "An MLOps engineer is a DevOps engineer" in mlops.answer, mlops.answer
    leave = library.ask("Does the article talk about parental leave for data engineers?")
    assert leave.abstained and "parental" in leave.answer, leave.answer


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("How do I negotiate a higher pastry chef salary?", ["negotiate"]),
        ("How can I relocate as a line cook?", ["relocate"]),
    ],
)
def test_a_specific_action_asked_how_to_do_is_a_focus(question, focus):
    assert [focus] in asked_for(question, [])


@pytest.mark.parametrize(
    "question",
    [
        # everyday verbs say nothing a passage must write; lexicon verbs are met by their kin
        "How do I judge one?",
        "How do I pick a station?",
        "How can I switch to pastry?",
    ],
)
def test_an_everyday_or_lexicon_action_is_no_focus(question):
    verb = question.split()[3]
    assert all([verb] not in choices for choices in asked_for(question, [])), verb


def test_an_action_the_articles_never_write_is_declined(kitchen, library):
    negotiate = kitchen.ask("How do I negotiate a higher salary as a pastry chef?")
    assert negotiate.abstained and "negotiate" in negotiate.answer, negotiate.answer
    ml = library.ask("How do I negotiate a higher machine learning engineer salary?")
    assert ml.abstained and "negotiate" in ml.answer, ml.answer


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who should become a pastry chef?", True),
        ("What kind of person is it for?", True),
        ("Who is the pastry track meant for?", True),
        ("Is line cooking right for someone like me?", True),
        ("Who pays pastry chefs the most?", False),
        ("What kind of ovens do pastry chefs use?", False),
    ],
)
def test_who_a_path_suits_asks_for_advice(question, asks):
    assert asks_advice(question) is asks


def test_who_a_path_suits_is_answered_by_the_advice(kitchen, library):
    # the advice leads (it came after the description of the work)
    who = kitchen.ask("Who should become a line cook?")
    assert who.answer.startswith("If you thrive under pressure"), who.answer
    meant = kitchen.ask("Who is the line cook job meant for?")
    assert meant.answer.startswith("If you thrive under pressure"), meant.answer
    pm_article = next(s for s in library.retriever.sources() if "product-manager" in s)
    pm = library.ask("Who should become a product manager?", source=pm_article)
    assert pm.answer.startswith("If you find yourself speaking to someone who is highly"), pm.answer
    then = kitchen.ask(
        "what kind of person is it for?",
        [
            {"role": "user", "content": "Tell me about the pastry chef job"},
            {"role": "assistant", "content": "A pastry chef makes the desserts."},
        ],
    )
    assert "If you are patient and love exact work" in then.answer, then.answer


def test_rather_than_tells_a_preference_not_two_sides():
    assert syntactic_comparison("I like working on sauces rather than desserts. Which job?") == (
        [],
        "",
    )
    # a comparative before "than" still sets two sides
    sides, _how = syntactic_comparison("Is a bakery job harder than a grill job?")
    assert sides


def _turns(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_a_follow_up_naming_only_another_role_asks_the_same_of_it(kitchen, library):
    # "What does X do?" has no topic word to borrow: its shape is what it asks
    before = _turns("What does a line cook do?", "A line cook prepares hot dishes to order.")
    asked = kitchen.understand("and a pastry chef?", before)
    assert asked.text == "What does a pastry chef do?", asked.text
    answer = kitchen.ask("and a pastry chef?", before)
    assert "A pastry chef makes the desserts" in answer.answer, answer.answer
    assert "A line cook prepares" not in answer.answer
    before = _turns("What does a data analyst do?", "Data analysts analyze the data.")
    asked = library.understand("What about data engineers?", before)
    assert asked.text.startswith("What does a data engineer"), asked.text
    # a follow-up on a topic of its own, or the same role again, is not swapped
    before = _turns("What does a line cook do?", "A line cook prepares hot dishes to order.")
    assert (
        "What does" not in kitchen.understand("and how much does a pastry chef earn?", before).text
    )


WARD = """# Registered Nurse vs Nursing Assistant: Two Ways onto the Ward

## What RNs Do

A registered nurse (RN) plans each patient's care, gives medicines and leads the ward round.
RNs also teach patients how to manage at home.

## What Nursing Assistants Do

A nursing assistant helps patients wash, dress and eat, and takes their temperature and pulse.

## Pay

Nursing assistants earned a median of $38,000 in 2023.
Registered nurses earn about $86,000 a year, and more in large hospitals.

## References

1. National Nursing Board. (2023). Ward staffing survey. NNB Press.
2. Health Pay Review. (2024). Pay bands for ward staff. HPR Publishing.
"""


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    """An extractive Assistant over the made-up ward article alone."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    settings = get_settings(store=tmp_path_factory.mktemp("ward") / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    folder = tmp_path_factory.mktemp("ward-articles")
    (folder / "rn-vs-nursing-assistant.md").write_text(WARD, encoding="utf-8")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder)], kb, settings).ok
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant


def test_a_short_word_is_no_abbreviation_of_a_heading_asking_what_one_does(ward, library):
    # "What RNs Do" asks what RNs do, not their salary: "salary" upper-cased looked like an
    # abbreviation, so the section's first sentence was raised to lead a pay answer
    paid = ward.ask("What's the salary for RNs?")
    assert paid.answer.startswith("Registered nurses earn about $86,000"), paid.answer
    does = ward.ask("What do RNs do?")
    assert does.answer.startswith("A registered nurse (RN) plans each patient's care"), does.answer
    # the development article's heading in a question's shape still leads its answer
    pm = library.ask("In one sentence, what does a product manager do?")
    assert not pm.abstained and "Rapidfire" not in pm.answer, pm.answer


def test_a_figure_question_on_one_role_opens_with_that_roles_figure(ward, library):
    # the assistants' "median" meets the question's word better, but is another role's
    median = ward.ask("What's the median pay for registered nurses?")
    assert median.answer.startswith("Registered nurses earn about $86,000"), median.answer
    assert "$38,000" not in median.answer
    # a development article's one-role figure question still opens with that role's figure
    staff = library.ask("What's the median salary for machine learning engineers?")
    assert "$245,000" in staff.answer.split("[")[0] or staff.answer.startswith("In comparing"), (
        staff.answer
    )


def test_the_main_points_the_author_makes_are_a_summary_not_a_byline():
    from assistant.understand.query import intent_of

    assert intent_of("What are the main points the author makes?", None) == "summary"
    assert intent_of("Who is the author?", None) == "author"


def test_how_many_references_counts_the_list(ward, library):
    counted = ward.ask("How many sources does the article use?")
    assert counted.answer.startswith("*Registered Nurse vs Nursing Assistant"), counted.answer
    assert "lists 2 references:" in counted.answer, counted.answer
    assert "Ward staffing survey" in counted.answer and "Pay bands" in counted.answer
    about = ward.ask("What is this article about?")
    assert "in brief:" in about.answer.split("\n")[0], about.answer
    # a development article's list of one
    one = library.ask("How many sources does the data science role and skill tracks article use?")
    assert "lists 1 reference:" in one.answer and "The Book of Why" in one.answer, one.answer


def test_whom_a_path_fits_is_said_by_the_sentence_saying_whom_it_suits(kitchen, library):
    # "fit" asks whom the path suits: it is no topic word to meet ("which role fits your
    # skills"), and the sentence saying whom it suits leads
    fit = kitchen.ask("Who is the pastry chef job a good fit for?")
    assert fit.answer.startswith("If you are patient and love exact work"), fit.answer
    pm_article = next(s for s in library.retriever.sources() if "product-manager" in s)
    pm = library.ask("Who is product management a good fit for?", source=pm_article)
    assert pm.answer.startswith("If you find yourself speaking to someone who is highly"), pm.answer


def test_an_answer_led_by_another_roles_sentences_says_whose_each_part_is(ward, library):
    # "plans each patient's care" is the RN's, under "What RNs Do"; the assistants' own
    # sentence follows: each part is named, not all shown as the nursing assistants'
    care = ward.ask("Do nursing assistants plan patient care?")
    assert care.answer.startswith("The articles say this of registered nurse"), care.answer
    assert "Of nursing assistants: A nursing assistant helps patients wash" in care.answer
    roles_article = next(s for s in library.retriever.sources() if "data-team-roles" in s)
    de = library.ask("Do data engineers analyze data?", source=roles_article)
    assert de.answer.startswith("The articles say this of Data analysts, not of data engin"), (
        de.answer
    )
    assert "Of data engineers: This is precisely the focus of data engineers" in de.answer


def test_a_third_sentence_of_one_passage_as_good_as_the_best_is_kept(kitchen, library):
    # the line cook section's three sentences all answer; the cap of two per passage (the
    # evidence of several passages) gave way only to a weaker sentence elsewhere
    day = kitchen.ask("What does a line cook do day to day?")
    assert "Line cooks spend each shift prepping vegetables" in day.answer, day.answer
    assert "A line cook's day ends with scrubbing down the station" in day.answer, day.answer
    seed = next(s for s in library.retriever.sources() if "ai-engineer-vs-machine" in s)
    ml = library.ask("What does an ML engineer do day to day?", source=seed)
    assert "ML engineers spend significant time on feature engineering" in ml.answer, ml.answer
    # a development article's answer still draws on more than one passage
    roles_article = next(s for s in library.retriever.sources() if "data-team-roles" in s)
    analyst = library.ask("What does a data analyst do?", source=roles_article)
    assert "[2]" in analyst.answer, analyst.answer


def test_more_than_after_a_verb_of_liking_tells_a_preference(kitchen, library):
    # "I enjoy X more than Y" says what the asker likes, as "rather than" does: no two sides
    asked = "I enjoy weighing recipes more than working the grill. Which job suits me?"
    assert syntactic_comparison(asked) == ([], "")
    assert syntactic_comparison("We'd really love quiet mornings more than late nights") == ([], "")
    sides, _how = syntactic_comparison("Do line cooks earn more than pastry chefs?")
    assert sides == ["line cooks", "pastry chefs"]
    answer = kitchen.ask("I love exact work more than the rush of service. Which job suits me?")
    # (the article's own pair may be set side by side; the asker's likes are no table's sides)
    assert "Exact Work" not in answer.answer, answer.answer
    assert "If you are patient and love exact work" in answer.answer, answer.answer
    pm = library.ask(
        "I enjoy talking to users more than writing code. Should I become a product manager?"
    )
    assert "| Aspect" not in pm.answer, pm.answer
    assert any("product-manager" in c["source"] for c in pm.citations), pm.answer
