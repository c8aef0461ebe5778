"""A message that asks nothing of the articles ("thanks!", "hi", "who are you?") gets what the
assistant can be asked, not sentences quoted at random; a question after a greeting or thanks
is answered as a question."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "message", ["thanks!", "Thank you so much", "hi there", "Who are you?", "ok"]
)
def test_small_talk_is_told_what_to_ask(assistant, message):
    result = assistant.ask(message)
    assert result.answer.startswith("I answer questions from the 1 article in the library"), result
    assert result.abstained and not result.citations


@pytest.mark.parametrize(
    "question", ["thanks! and how much do ML engineers earn?", "Hi, which role pays more?"]
)
def test_a_question_after_a_greeting_is_answered(assistant, question):
    result = assistant.ask(question)
    assert not result.abstained and "$" in result.answer, result
