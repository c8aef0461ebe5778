"""A question about the person an interview or profile is about ("What does Ines like least
about her job?"): the name is written only in the introduction and the first answer, so it must
not pull those passages ahead of the one the question's other words point to."""

from __future__ import annotations

import pytest

from assistant.evidence import Sentence, named_person, own_turns, speaker_of, speakers, topic_words
from knowledge.schema import Passage
from tests.assistant.conftest import dev_library

MIDWIFE = """---
title: "Ten Questions with a Community Midwife"
author: "Rhys Calloway"
date: 2024-02-08
---

# Ten Questions with a Community Midwife

*This month we talk to Ines Okonjo, a community midwife in Bristol who has delivered babies for twelve years. Interview by Rhys Calloway.*

## Tell us about yourself.

I'm Ines, and I have been a midwife for twelve years, the last six of them in the community team. Before that I worked on a busy labour ward at a teaching hospital.

## What does a normal day look like?

Mornings are clinics at the health centre: blood pressure checks, scans to book, a lot of listening. Afternoons are home visits to new parents, weighing babies and checking how feeding is going. Two nights a week I am on call for home births.

## How did you get into midwifery?

I took a three-year midwifery degree straight after school. My placements on the labour ward convinced me, and the hospital offered me a job before I had even graduated.

## What do you like least?

The paperwork. Every visit needs notes in two different systems, and on a full day that can take two hours after the last visit. The on-call nights are hard on family life too.

## What do you enjoy most?

Being there when a family meets their baby for the first time. Nothing else in my working life comes close to that moment.

## What would you tell a student midwife?

Look after your back and your sleep. Find a mentor on your first placement and ask them everything.
"""

# A panel: several people answer each question, each turn opening with its speaker's label.
PANEL = """# Three Cooks on Kitchen Life

We asked three cooks at the Harbour Street restaurant, Amaka Obi, Lars Berg and Yusuf Demir,
about their work.

## What does a normal week look like?

**Amaka:** I write the menu on Mondays and order from the farms on Tuesdays. Most of my week
goes to tasting every sauce before service and training the new cooks.

**Lars:** I run the pastry section alone. I bake the bread at five every morning and finish the
desserts before lunch service starts.

**Yusuf:** I work the grill station on evenings and weekends, which is the busiest part of it.

## What is the hardest part?

**Amaka:** Keeping food costs down when the price of butter doubles overnight.

**Lars:** The early starts. Five years of alarms at four in the morning wear you down.
"""

# A lab's two staff, one turn each: the role is written in full only in the introduction.
LAB = """# Two Voices from the Hospital Lab

Noor Haddad is a lab technician at a county hospital; Idris Pohl manages the lab.

## What is the pay like?

**Noor:** New technicians here start near $41,000, and a senior technician like me earns about
$57,000.

**Idris:** Managers earn more, but the overtime stops.
"""

INTRO = "I'm Ines, and I have been a midwife for twelve years"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "named-person",
        [
            "staffeng-dan-na-staff-engineer-and-team-lead.html",
            "cds-so-what-exactly-is-a-product-manager.md",
        ],
        written={
            "ten-questions-with-a-community-midwife.md": MIDWIFE,
            "kitchen-panel.md": PANEL,
            "lab-voices.md": LAB,
        },
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What does Ines like least about her job?", "notes in two different systems"),
        ("How did Ines get into midwifery?", "three-year midwifery degree"),
        # "get" and "job" are every question's words: the question asks how she got in
        ("How did Ines get her job?", "three-year midwifery degree"),
        ("How did Ines land her first job?", "three-year midwifery degree"),
    ],
)
def test_the_answer_is_the_part_asked_not_the_persons_introduction(library, question, said):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer
    assert INTRO not in result.answer


def test_a_dev_profile_answers_from_its_own_account(library):
    result = library.ask("How did Dan Na get promoted to staff engineer at Squarespace?")
    assert "alternative architecture" in result.answer, result.answer


def _passage(n: int, source: str, text: str) -> Passage:
    return Passage(f"c{n}", text, source, "Interview", "Intro", [], n)


def test_a_name_is_the_subject_of_one_or_two_articles():
    one = [
        _passage(0, "a.md", "This month we talk to Ines Okonjo, a community midwife."),
        _passage(1, "a.md", "The paperwork takes two hours."),
        _passage(2, "b.md", "Midwives earn a median salary of $40,000."),
    ]
    assert named_person("What does Ines like least?", one) == (["Ines"], ["a.md"])
    # a name written in lower case too is no name ("Will" / "will")
    assert named_person("What does Ines like least?", [_passage(0, "a.md", "ines ines")]) == (
        [],
        [],
    )
    # a name three articles write is no one article's subject (a company, a famous person)
    many = [_passage(n, f"{n}.md", f"Last year, Acme hired {n} nurses.") for n in range(3)]
    assert named_person("What does Acme pay nurses?", many) == ([], [])
    # no name after the auxiliary: nothing to do
    assert named_person("What do midwives earn?", one) == ([], [])


def test_like_is_a_topic_only_as_the_verb_of_enjoying():
    assert "like" in topic_words("What does Ines like least about her job?")
    assert "like" in topic_words("What do nurses like about night shifts?")
    assert "like" not in topic_words("What is it like to be a welder?")
    assert "like" not in topic_words("Which roles pay like engineering does?")


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("What does Lars do in a normal week?", "bake the bread", "write the menu"),
        ("What is the hardest part for Amaka?", "food costs", "early starts"),
    ],
)
def test_in_a_panel_the_named_persons_own_turns_answer(library, question, said, not_said):
    result = library.ask(question)
    assert said in result.answer, result.answer
    assert not_said not in result.answer, result.answer


def test_a_dev_panel_answers_with_the_named_speakers_turn(library):
    # cds: four product managers answer each question, "**Dan:** ..." turn by turn
    result = library.ask("What does Dan find hardest?")
    assert "run out of time" in result.answer, result.answer
    assert "not knowing the answers" not in result.answer  # Courtney's turn


def test_a_speakers_label_is_a_name_and_a_colon():
    assert speaker_of("**Clémentine:** My day makes me think of a map.") == "Clémentine"
    assert speaker_of("Tomas: I rarely make charts.") == "Tomas"
    assert speaker_of("Median salary: $98,000 a year.") is None  # a field's label
    assert speaker_of("Note that nurses: work nights.") is None
    said = [
        Sentence(0, 0, "Amaka: I write the menu."),
        Sentence(0, 1, "Then I order from the farms."),
        Sentence(0, 2, "Lars: I bake the bread."),
        Sentence(1, 0, "Most cooks start early."),
    ]
    assert speakers(said) == {(0, 0): "Amaka", (0, 1): "Amaka", (0, 2): "Lars"}


def test_own_turns_keeps_one_voice_articles_whole():
    panel = [
        _passage(0, "p.md", "Amaka: I write the menu."),
        _passage(1, "p.md", "Lars: I bake the bread."),
        _passage(2, "p.md", "We asked three cooks about their work."),
    ]
    assert [p.id for p in own_turns(panel, ["Lars"])] == ["c1", "c2"]
    single = [_passage(0, "s.md", "I'm Ines."), _passage(1, "s.md", "The paperwork.")]
    assert own_turns(single, ["Ines"]) == single


def test_a_figure_told_of_the_roles_bare_noun_is_the_roles_figure(library):
    # the role is written in full only in the introduction; the turn says "technicians"
    result = library.ask("How much does a lab technician earn?")
    assert not result.abstained, result.answer
    assert "$57,000" in result.answer


def test_a_follow_up_about_the_named_person_keeps_them(library):
    first = "What does Lars do?"
    answer = library.ask(first).answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer}]
    result = library.ask("What is the hardest part for him?", history)
    assert "alarms at four in the morning" in result.answer, result.answer
    # the other people the library quotes on their hardest part are not him
    assert "Courtney" not in result.answer and "Dan:" not in result.answer, result.answer


def test_an_author_question_naming_no_article_lists_each_articles_byline(library):
    # first thing in a chat, several articles, none named: which one is meant nobody can tell
    result = library.ask("Who wrote the article?")
    assert result.answer.startswith("The library has"), result.answer
    assert "*Ten Questions with a Community Midwife*: by Rhys Calloway" in result.answer
    assert "(ten-questions-with-a-community-midwife.md)" in result.answer  # its file, no path
    dated = library.ask("When was it published?")
    assert "*Ten Questions with a Community Midwife*: published February 8, 2024" in dated.answer
    # named, or after a question, it is that one article
    named = library.ask("Who wrote the midwife interview?")
    assert named.answer.startswith("*Ten Questions with a Community Midwife* was written by")


def _turns(*questions: str) -> list[dict]:
    out: list[dict] = []
    for q in questions:
        out += [{"role": "user", "content": q}, {"role": "assistant", "content": "..."}]
    return out


@pytest.mark.parametrize(
    ("before", "question", "standalone"),
    [
        (["What does Tomas do?"], "And Keisha?", "What does Keisha do?"),
        (["What does Tomas do?", "And Keisha?"], "What about Ravi?", "What does Ravi do?"),
        (
            ["What does Amaka do?", "How did she get into cooking?"],
            "And Lars?",
            "How did Lars get into cooking?",
        ),
        # a question naming no one has no name to swap
        (["How much do data engineers make?"], "And data analysts?", None),
    ],
)
def test_a_follow_up_naming_only_another_person_asks_the_same_of_them(before, question, standalone):
    from assistant.understand.followup import resolve_followup

    got, _roles = resolve_followup(question, _turns(*before))
    if standalone is None:
        assert got != question and "data analysts" in got  # the role follow-up, as before
    else:
        assert got == standalone


def test_an_article_named_by_its_field_is_that_article(library):
    # "the midwifery interview": the field's word and the title's "Midwife" are one family
    dated = library.ask("When was the midwifery interview published?")
    assert dated.answer.startswith("*Ten Questions with a Community Midwife* was published"), (
        dated.answer
    )
    # a development article named by its title's words is still that article
    named = library.ask("Who wrote the product manager article?")
    assert named.answer.startswith("*So...what exactly is a product manager, anyway?*"), (
        named.answer
    )


def test_words_of_one_family_share_a_long_beginning():
    from assistant.answering import _same_family

    assert _same_family("audiology", "audiologist") and _same_family("midwifery", "midwife")
    assert _same_family("managers", "management")  # one stem
    assert not _same_family("station", "statistics") and not _same_family("weld", "wedding")


def test_who_was_interviewed_is_the_person_the_interview_opens_with(library):
    # the dev profile names other people later (role models, book authors): no answer
    result = library.ask("Who was interviewed?")
    assert "Ines Okonjo" in result.answer, result.answer
    assert "Lara Hogan" not in result.answer


def test_a_short_reply_naming_the_answer_stays_with_its_sentence(library):
    # "Lars: The early starts." is too short to be a sentence of its own, and it is the answer
    result = library.ask("What does Lars find hardest?")
    assert "The early starts." in result.answer, result.answer


def test_a_yes_or_a_filler_opens_no_answer_to_a_question_asking_what():
    from assistant.evidence import _YES_NO_REPLY, _unlabelled

    assert _YES_NO_REPLY.match(_unlabelled("Courtney: Oh God, um. Product managers ..."))
    assert _YES_NO_REPLY.match(_unlabelled("Not always. Some clinics hire ..."))
    assert not _YES_NO_REPLY.match(_unlabelled("Lars: The early starts. Five years ..."))
    assert not _YES_NO_REPLY.match(_unlabelled("Job security. The industry has had ..."))
