"""A question about what the byline's author thinks ("What does Adron think about DevOps
titles?") asks of that author's article, though its text never writes the name: it is not
declined as a subject the library never mentions."""

from __future__ import annotations

from tests.assistant.conftest import dev_library

ESSAY = """---
title: Why I Stopped Taking Night Shifts
author: Priya Okafor
date: 2024-03-02
---

# Why I Stopped Taking Night Shifts

After six years of night shifts on a cardiac ward I moved to days. Nights paid a 20 percent
differential, but I slept badly and missed my children's mornings. I think night shifts suit
nurses early in their careers who want the extra pay and fewer managers around.
"""


def test_the_authors_view_is_asked_of_their_article(tmp_path_factory):
    library = dev_library(
        tmp_path_factory,
        "authorsubject",
        ["adron-hall-devops-obliviousness-site-reliability.html"],
        written={"night-shifts.md": ESSAY},
    )
    for question, said in [
        ("What does Priya think about night shifts?", "night shifts suit nurses"),
        ("What does Adron think about DevOps titles?", "DevOps"),
    ]:
        answer = library.ask(question).answer
        assert said in answer and "never mention" not in answer, answer
