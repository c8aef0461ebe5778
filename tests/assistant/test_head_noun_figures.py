"""A pay question answered by a sentence that sets two roles' figures side by side, one of
them written with the asked role's head noun alone ("the average librarian salary" asked of school
librarians). Articles written for this test (school libraries), so nothing passes on a dev article's
wording."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

SCHOOL = """Health Careers Council | School Librarian vs. Teacher

1. INTRODUCTION

1.1 Summary

Teachers need a bachelor's degree and a state licence. School librarians need a library science degree. Librarians earn somewhat more on average, but there are far fewer librarian posts than teaching posts in any district.

2. DUTIES

2.1 The school librarian

A school librarian treats injuries, gives medication and keeps health records for every pupil.

2.2 The teacher

A teacher plans lessons, marks homework and meets parents each term.

3. PAY

3.1 Pay in the districts we visited

Across the 30 staff we interviewed, the average teacher salary was $57,400 and the average librarian salary was $61,800. Starting pay for a new teacher with a degree ranged from $39,000 to $43,500.
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("school")
    (folder / "school-librarian-vs-teacher.txt").write_text(SCHOOL, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / "school-librarian-vs-teacher.txt")], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def test_a_figure_told_with_the_roles_head_noun_in_a_clause_of_its_own_answers(school):
    r = school.ask("How much do school librarians earn?")
    assert not r.abstained, r.answer
    assert "$61,800" in r.answer, r.answer


def test_a_role_no_clause_gives_a_figure_for_is_still_declined(school):
    r = school.ask("How much do school principals earn?")
    assert r.abstained, r.answer
