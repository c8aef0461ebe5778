"""A subject of study asked for ("What math does an actuary need?") is met by its own words
("mathematical", "mathematics"), not by the other words of the skills aspect it sits in: a
sentence of "technical" pay or of exams "required" says nothing of math."""

from __future__ import annotations

import pytest

from assistant.evidence import TermMatcher
from assistant.understand.lexicon import kin_of
from knowledge.text import stem
from tests.assistant.conftest import dev_library

ACTUARY = """What Does an Actuary Do?

By Helen Okafor

Actuaries put a price on risk for insurers and pension funds.

The work

An actuary builds models that estimate how often claims will happen and how much they will cost. Most actuaries work for insurance companies.

What you need

Actuaries need mathematical training in calculus, probability and financial mathematics. The job also calls for technical expertise in the insurer's systems and the skills to explain results to managers who are not specialists. Employers require new actuaries to pass professional exams while they work.

Pay

Actuaries earn a median of $120,000 a year.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "subjects",
        ["data-engineering-cookbook-v0.4-preview.pdf"],
        written={"actuary.txt": ACTUARY},
    )


def test_a_subject_stands_only_for_its_own_forms():
    assert kin_of(stem("math")) == {stem("mathematics")}
    assert stem("expertise") not in kin_of(stem("math"))
    assert stem("expertise") in kin_of(stem("skills"))  # the aspect's own words stay kin


@pytest.mark.parametrize(
    ("sentence", "meets"),
    [
        ("Actuaries need mathematical training in calculus and probability.", True),
        ("The job also calls for technical expertise in the insurer's systems.", False),
        ("Employers require new actuaries to pass professional exams.", False),
    ],
)
def test_only_a_sentence_of_the_subject_meets_it(library, sentence, meets):
    matcher = TermMatcher(
        "What math does an actuary need?",
        library.retriever,
        library.kb.embedder,
        roles=["actuary"],
    )
    assert (matcher.score(sentence, matcher.weights) > 0.5) is meets


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        (
            "What kind of math does a machine learning engineer need to know?",
            "linear algebra, probability, and optimization theory",
            "Levels.fyi",
        ),
    ],
)
def test_a_subject_asked_is_met_by_its_own_words(library, question, said, unsaid):
    answer = library.ask(question).answer
    assert said in answer and unsaid not in answer, answer
