"""A semicolon joins two clauses of one sentence: the sentence splitter never ends a sentence
there, whatever follows it (issue 9: "Never start mid-sentence")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.text import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # made-up nursing and accounting prose: a number or a capital after the semicolon
        (
            "Night nurses work three long shifts; 12 hours each is normal. Day nurses rotate.",
            ["Night nurses work three long shifts; 12 hours each is normal.", "Day nurses rotate."],
        ),
        (
            "Audit juniors travel to clients; Tax juniors stay in the office. Both sit exams.",
            ["Audit juniors travel to clients; Tax juniors stay in the office.", "Both sit exams."],
        ),
        # the seed article's way: no semicolon, sentences as before
        (
            "AI engineers build systems. ML engineers train models.",
            ["AI engineers build systems.", "ML engineers train models."],
        ),
    ],
)
def test_a_semicolon_ends_no_sentence(text, sentences):
    assert split_sentences(text) == sentences


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Pay is good", "hours are long", "12 weeks off", "Nurses rest", "it varies"]
        ),
        min_size=2,
        max_size=6,
    )
)
def test_no_sentence_ends_with_a_semicolon(clauses):
    text = "; ".join(clauses) + "."
    assert not any(s.endswith(";") for s in split_sentences(text))
