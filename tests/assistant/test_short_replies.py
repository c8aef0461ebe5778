"""A reply too short to be a sentence ("No.", "Not always.") opening the answer to a question,
the one a FAQ heading asks or the sentence before it: it stays with the sentence after it, so
the answer keeps the article's yes or no. Checked on a school-nursing FAQ written for the test,
in a library with the seed and a development interview (whose question headings are answered
in whole sentences)."""

from __future__ import annotations

import pytest

from assistant.evidence import candidate_sentences
from knowledge.schema import Passage
from tests.assistant.conftest import dev_library


def _passage(text: str, section: str) -> Passage:
    return Passage(
        id="1", text=text, source="s", title="t", section=section, ref_ids=[], chunk_index=0
    )


def _sentences(text: str, section: str) -> list[str]:
    return [s.text for s in candidate_sentences([_passage(text, section)])]


def test_a_short_reply_under_a_question_heading_opens_the_sentence_after_it():
    got = _sentences(
        "Not always. Many districts hire nurses with a two-year degree. Pay is lower.",
        "FAQ — Do school nurses need a degree?",
    )
    assert got[0] == "Not always. Many districts hire nurses with a two-year degree."


def test_a_short_reply_after_a_question_in_the_text_opens_the_sentence_after_it():
    got = _sentences(
        "Can a school nurse work summers? Yes. Many staff summer camps for extra pay.", "Hours"
    )
    assert "Yes. Many staff summer camps for extra pay." in got


@pytest.mark.parametrize(
    ("text", "section"),
    [
        # the heading asks nothing: the short piece is no reply
        ("Not always. Many districts hire nurses with a two-year degree.", "Education"),
        # a short piece in the middle of prose, after no question
        ("Nurses chart every visit. Not always. Many districts hire nurses.", "FAQ — Why?"),
    ],
)
def test_a_short_piece_that_replies_to_no_question_stays_out(text, section):
    got = _sentences(text, section)
    assert not any(s.startswith("Not always.") for s in got), got


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
    got = [s.text for s in candidate_sentences(passages)]
    assert got
    whole = [s for p in passages for s in prose_sentences(p.text) if len(s.split()) >= 3]
    assert set(got) <= set(whole)
