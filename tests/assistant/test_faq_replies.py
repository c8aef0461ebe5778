"""A FAQ's reply to its own yes/no question ("Yes, but ...") answers only a yes/no question:
after "How long is PA school?" it reads as nonsense (issue 9)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

CLINIC = """# Physician Assistant vs Nurse Practitioner

## Education

A physician assistant completes a master's program of about 27 months, with more than 2,000
hours of clinical rotations across specialties.

## FAQ

### Can a PA become an NP?

Yes, but a PA would need to become a registered nurse first, which usually means going back to
nursing school for two years.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "faq",
        ["staffeng-dan-na-staff-engineer-and-team-lead.html"],  # "Yes, and I still ..."
        written={"clinic.md": CLINIC},
    )


@pytest.mark.parametrize(
    "question",
    ["How long is PA school?", "What does Dan Na think about engineering management?"],
)
def test_a_yes_no_reply_is_no_answer_to_another_kind_of_question(library, question):
    answer = library.ask(question).answer
    assert "Yes, but" not in answer and "Yes, and" not in answer, answer


def test_a_yes_no_question_still_gets_the_reply(library):
    answer = library.ask("Can a PA become an NP?").answer
    assert answer.startswith("Yes, but a PA would need to become a registered nurse"), answer
