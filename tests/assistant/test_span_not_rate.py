""" "How long does it take to become X?" asks for a span of time: "40 to 45 hours a week" or
"300 hours per exam" says how much time by the week or the exam, a rate, not how long the
way in takes. Article written for this test (air traffic control)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

CONTROLLERS = """# How to Become an Air Traffic Controller

## The job

Most air traffic controllers work rotating shifts of around 36 to 42 hours a week, with
nights and weekends in turn, and the night shifts before a holiday can be long.

## Training

Becoming a fully licensed controller takes most trainees three to four years of college and
on-the-job training at a tower. Trainees study about 20 hours per module before each test.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "span", [], {"air-traffic-controller.md": CONTROLLERS})


def test_how_long_to_become_leads_with_the_span_not_the_weekly_hours(library):
    r = library.ask("how long does it take to become an air traffic controller?")
    assert r.answer.startswith("Becoming a fully licensed controller takes"), r.answer


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Training takes three to four years.", True),
        ("The course lasts 18 months in all.", True),
        ("Controllers work around 36 to 42 hours a week.", False),
        ("Trainees study about 20 hours per module.", False),
        ("Most work 12 hours each shift.", False),
    ],
)
def test_a_span_by_the_week_or_the_module_is_a_rate(text, span):
    from assistant.evidence import _SPAN

    assert bool(_SPAN.search(text)) is span
