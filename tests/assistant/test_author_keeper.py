""" "Who maintains this guide?" asks for the author of a community guide (its keeper), as "Who
wrote it?" does; "Who maintains the boilers?" asks of a role, not of the text."""

from __future__ import annotations

import pytest

from assistant.understand.query import intent_of


@pytest.mark.parametrize(
    ("question", "author"),
    [
        ("Who maintains this guide?", True),
        ("Who maintains the tree surgeon vs forest ranger roadmap, and when was it updated?", True),
        ("Who curated the list?", True),
        ("Who is the wiki maintained by?", True),
        ("Who maintains the boilers in a hospital?", False),
        ("Who keeps the stock records, a chef or a kitchen porter?", False),
        # "by whom" asks for the author when it asks who made the writing
        ("When was the farrier guide published and by whom?", True),
        ("By whom was the sommelier article written?", True),
        ("By whom are apprentice farriers supervised?", False),
        ("Who are sommeliers trained by, and for how long?", False),
    ],
)
def test_who_keeps_the_text_is_its_author(question, author):
    assert (intent_of(question, None) == "author") is author
