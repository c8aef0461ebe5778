"""A reply too short to be a sentence ("No.", "Not always.") opening a FAQ answer stays with
the sentence after it when the question asked is the one its heading asks, so the answer keeps
the article's yes or no (and only then: under another question it answers nothing asked). Checked on a school-nursing FAQ written for the test,
in a library with the seed and a development interview (whose question headings are answered
in whole sentences)."""

from __future__ import annotations

import pytest

from assistant.evidence import candidate_sentences, replies_asked
from knowledge.schema import Passage
from tests.assistant.conftest import dev_library

FAQ = "FAQ — Do school nurses need a degree?"
OTHER = "FAQ — Do school nurses work summers?"


def _passage(text: str, section: str, i: int = 0) -> Passage:
    return Passage(
        id=str(i), text=text, source="s", title="t", section=section, ref_ids=[], chunk_index=i
    )


def _sentences(question: str, passages: list[Passage], asked: dict[str, float]) -> list[str]:
    replies = replies_asked(question, passages, asked)
    return [s.text for s in candidate_sentences(passages, replies)]


DEGREE = "Not always. Many districts hire nurses with a two-year degree. Pay is lower."
SUMMERS = "No. Most work the school calendar and have summers off."


def test_a_short_reply_under_the_heading_asking_the_question_opens_the_sentence_after_it():
    passages = [_passage(DEGREE, FAQ), _passage(SUMMERS, OTHER, 1)]
    got = _sentences("Do school nurses need a degree?", passages, {FAQ: 0.9, OTHER: 0.6})
    assert got[0] == "Not always. Many districts hire nurses with a two-year degree."
    # the other heading's reply answers another question: it stays out
    assert "Most work the school calendar and have summers off." in got
    assert not any(s.startswith("No.") for s in got)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        # not a yes/no question: "Not always" answers nothing it asks
        ("What degree do school nurses need?", {FAQ: 0.9}),
        # no question heading close enough to the one asked
        ("Do school nurses need a degree?", {FAQ: 0.3}),
    ],
)
def test_a_short_reply_to_another_question_stays_out(question, asked):
    got = _sentences(question, [_passage(DEGREE, FAQ)], asked)
    assert got[0] == "Many districts hire nurses with a two-year degree.", got


SCHOOL_NURSE = """School Nurse Careers: Questions and Answers
By Maren Holt | Published May 4, 2023

School nurses look after the health of pupils from kindergarten to high school.

What school nurses do

A school nurse treats injuries, gives medication, screens pupils' hearing and vision, and
writes care plans for children with asthma, diabetes or allergies.

Frequently asked questions

Do school nurses need a degree?
Not always. Many districts hire registered nurses with a two-year associate degree, though
some states ask for a bachelor's degree and a school nurse certificate.

Do school nurses work summers?
No. Most work the school calendar and have summers off.

Is school nursing stressful?
It can be. A nurse alone in a school of 900 pupils handles every emergency herself.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "short-replies",
        ["staffeng-dan-na-staff-engineer-and-team-lead.html"],
        written={"school-nurse-faq.txt": SCHOOL_NURSE},
    )


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Do school nurses need a degree?", "Not always. Many districts hire"),
        ("Do school nurses work in the summer?", "No. Most work the school calendar"),
        ("Is school nursing stressful?", "It can be. A nurse alone"),
    ],
)
def test_the_faq_answer_keeps_its_yes_or_no(library, question, reply):
    r = library.ask(question)
    assert not r.abstained, r.answer
    assert r.answer.startswith(reply), r.answer


def test_a_dev_interviews_question_headings_answered_in_whole_sentences_are_unchanged(library):
    # The development interview heads its answers with questions and answers them in whole
    # sentences: no piece of it is joined to another.
    from assistant.evidence import prose_sentences

    source = next(s for s in library.retriever.library.titles if "staffeng" in s)
    passages = [
        p for p in library.retriever.passages_of(source) if p.section.rstrip().endswith("?")
    ]
    assert passages
    got = [s.text for s in candidate_sentences(passages, frozenset(range(len(passages))))]
    assert got
    whole = [s for p in passages for s in prose_sentences(p.text) if len(s.split()) >= 3]
    assert set(got) <= set(whole)
