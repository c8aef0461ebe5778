"""A choice question ("Should I pick X or Y?") is answered by the article's own section that
asks that very choice (a heading naming both sides, as an interview asks it), though its answer
names neither side ("moving between both roles makes a nurse stronger at both") and names
another role word ("the manager path"): that section is read beside the sides' own passages and
its sentence on both roles is the verdict. Articles written for this test (nursing), so nothing
passes on a dev article's wording; the last test asks the dev interview where the pattern was
found, beside the dev handbook whose advice on choosing tracks takes the choice's own search."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

WARD = """# Priya Shah - Staff Nurse on a Cardiac Ward

## Tell us about your current role

I work nights on a cardiac ward at Riverside Hospital as a staff nurse, and I precept newly qualified nurses during their first three months.

## What does a staff nurse do on your ward?

A staff nurse assesses six patients a shift, gives medications, watches heart monitors and escalates any change to the doctor on call.

Most of a staff nurse's night goes on checks, handovers and talking families through what happens next.

As a staff nurse I also check the crash trolley at the start of every shift and sign the controlled drugs book with a colleague.

A senior staff nurse takes charge of the ward when the nurse in charge is on a break, which is good practice for later.

## What does a nurse manager do at Riverside?

A nurse manager plans the rota, hires and appraises the ward's nurses, and answers to the directorate for the ward's budget and safety figures.

Our nurse manager works days, chairs the monthly ward meeting and reviews every incident report with the staff involved.

A nurse manager spends most of the week in meetings and on email, and only joins the floor when the ward is short.

The nurse manager also signs off training requests and decides which staff nurse goes on which course.

## How does a staff nurse grow on your ward?

A staff nurse who wants more responsibility can become a link nurse for infection control or tissue viability.

A staff nurse can also train as a mentor for students, which counts towards a senior staff nurse post.

Every staff nurse on the ward has a yearly appraisal where the next step is agreed.

## How does a nurse manager's week run?

A nurse manager starts Monday with the bed meeting and the week's staffing gaps.

A nurse manager meets the matron every Wednesday to go through complaints and compliments.

On Fridays a nurse manager checks the ward's spending against the budget.

A nurse manager covers the ward's phone on bank holidays and signs the agency staff in.

## What is hard about being a staff nurse?

A staff nurse on nights can go twelve hours with one short break when the ward is full.

A staff nurse also carries the worry home: the patient who was unwell at handover is still on your mind.

## Did you ever consider nurse management, and how did you decide on the staff nurse path?

Yes, and I still think about it now and then. People like to treat the two ladders as separate, but I never have.

I still love both bedside care and running a unit, and I believe a long nursing career needs some of each. My old ward sister once gave a talk on exactly this.

Her view was that choosing between the manager path and the bedside path is a false choice, and that moving back and forth between both roles makes a nurse stronger at both. That has been true for me. I lead better because I remember how a short-staffed night feels, and I nurse better because I know when to call for help early.

To be concrete about it: before Riverside I ran a surgical ward for two years. I enjoyed that job, but I missed patients, so I went back to the bedside.

## What books have helped you?

Two books stand out, both about leading small teams under pressure.
"""

# A second article, advice on choosing a track (other tracks than the sides): its headings name
# one track each, none asks the interview's choice.
GUIDE = """# Choosing Your Nursing Track

## Which track is right for you?

Pick the track that fits the life you want, not the one your friends pick.

## Should you choose the theatre track?

Choose the theatre track if you want planned days and a small, close team.

## Should you choose the community track?

Choose the community track if you want to drive between homes and work on your own.

## Should you choose the education track?

Choose the education track if you want to teach students and write course material.

## Should you choose the research track?

Choose the research track if you want to run trials and publish.

## Still not sure which to pick?

If you want to keep every door open, pick a rotation post first and choose a track after a year.
"""


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("ward")
    (folder / "staff-nurse-interview.md").write_text(WARD, encoding="utf-8")
    (folder / "nursing-tracks.md").write_text(GUIDE, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources(
        [str(folder / "staff-nurse-interview.md"), str(folder / "nursing-tracks.md")], kb, settings
    )
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def test_the_section_asking_the_choice_gives_the_verdict(ward):
    r = ward.ask("Should I pick the staff nurse track or the nurse manager track?")
    assert r.comparison == ["staff nurse", "nurse manager"], r.answer
    verdict = r.answer.split("**Verdict:**", 1)
    assert len(verdict) == 2, r.answer
    assert "moving back and forth between both roles" in verdict[1], r.answer


def test_a_choice_asked_without_such_a_heading_keeps_its_table(ward):
    # the same sides asked as a plain difference (no choice): no section is read for it
    r = ward.ask("What is the difference between a staff nurse and a nurse manager?")
    assert r.comparison == ["staff nurse", "nurse manager"], r.answer
    assert "moving back and forth" not in r.answer, r.answer


def test_the_section_asking_the_choice_is_read_beside_the_sides(ward):
    # the sides' own passages found, none of the section asking the choice: that section's
    # passages are read from their article, the choice's own search ranking them
    query = ward.understand("Should I pick the staff nurse track or the nurse manager track?", [])
    interview = next(s for s in ward.retriever.sources() if "interview" in s)
    found = [
        p
        for p in ward.retriever.passages_of(interview)
        if not p.section.startswith("Did you ever consider")
    ]
    assert found
    read = ward._choice_section(query, found, 5)
    assert 0 < len(read) <= 2, [p.text for p in read]
    assert all(p.section.startswith("Did you ever consider") for p in read), [
        p.section for p in read
    ]
    assert any("between both roles" in p.text for p in read), [p.text for p in read]


def test_no_section_is_read_where_no_heading_asks_the_choice(ward):
    query = ward.understand("Should I pick the theatre track or the research track?", [])
    guide = next(s for s in ward.retriever.sources() if "tracks" in s)
    assert ward._choice_section(query, ward.retriever.passages_of(guide)[:3], 5) == []


@pytest.fixture(scope="module")
def interviews(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "choice-section",
        [
            "staffeng-dan-na-staff-engineer-and-team-lead.html",
            "gitlab-handbook-engineering-career-development.md",
        ],
    )


def test_a_dev_interview_answers_the_choice_under_its_own_question(interviews):
    # the interview asks the choice in a heading of its own; another article's advice on
    # choosing tracks ranks first for the choice's search, so that section is read by name
    r = interviews.ask("Should I pick the staff engineer track or the engineering manager track?")
    verdict = r.answer.split("**Verdict:**", 1)
    assert len(verdict) == 2, r.answer
    assert "both roles" in verdict[1], r.answer
    assert any(
        c["section"].startswith("Did you ever consider engineering management") for c in r.citations
    ), r.citations
