""" "How does the article define X?" and "How is X defined?" ask for X's definition, as "What is
X?" does: the sentence opening with X leads."""

from __future__ import annotations

import pytest

from assistant.evidence import defined_term


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("How does the guide define a sommelier?", "sommelier"),
        ("How is a tasting menu defined?", "tasting menu"),
        ("How does the author describe a head sommelier?", "head sommelier"),
        ("What is a sommelier?", "sommelier"),
        ("How does a sommelier define a good pairing?", ""),  # a person defines, no text
    ],
)
def test_a_definition_asked_of_the_text(question, term):
    from knowledge.text import stem, words

    assert defined_term(question) == [stem(w) for w in words(term)]
