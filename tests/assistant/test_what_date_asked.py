""" "What date was this article published?", "In what year was it written?": asked of the date
itself, as "When was it published?" is, the question asks for the article's date (from its
metadata), not for sentences that write "published".

Written for the test: a nursing essay with a date in its front matter (no development article's
domain); and the seed article, which has none, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from tests.assistant.conftest import dev_library

ESSAY = """---
title: Why I Stopped Taking Night Shifts
author: Priya Okafor
date: 2024-03-02
---

# Why I Stopped Taking Night Shifts

After six years of night shifts on a cardiac ward I moved to days. The hospital published a new
rota every month, and the research the union published showed night nurses sleep badly.
"""


@pytest.mark.parametrize(
    "question",
    [
        "What date was this article published?",
        "In what year was it written?",
        "what year was the essay published",
        "On what date was the post published?",
    ],
)
def test_asked_of_the_date_itself_is_a_date_question(question):
    library = Library.build([ESSAY], [{"source": "/a/n.md", "title": "Nights", "section": ""}])
    assert understand(question, [], library).intent == "date"


def test_a_year_of_data_is_no_date_question():
    library = Library.build([ESSAY], [{"source": "/a/n.md", "title": "Nights", "section": ""}])
    assert understand("What year is the salary data from?", [], library).intent != "date"


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    return dev_library(tmp_path_factory, "what-date", [], written={"night-shifts.md": ESSAY})


def test_the_date_is_told_from_the_metadata(nights):
    answer = nights.ask("What date was the night shifts essay published?").answer
    assert "2024" in answer and "hospital published" not in answer, answer


def test_an_article_without_a_date_says_so(nights):
    answer = nights.ask("What date was the AI engineer vs ML engineer article published?").answer
    assert "publication date" in answer, answer
