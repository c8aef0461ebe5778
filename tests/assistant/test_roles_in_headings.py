"""Roles a heading names as what one becomes or what someone does: the second of two jobs one
may become ("Should You Become a Dental Hygienist or a Dental Therapist?") and the job of a
"What X do" heading ("What Harbour Pilots Do"), written as a person.

Written for the test: dental clinics and harbours (no development article's domain); and the
seed article, whose heading "What ML Engineers Do" names its role the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from assistant.understand.vocabulary import became_titles
from knowledge.settings import REPO_ROOT

ARTICLES = [
    (
        "Should You Become a Dental Hygienist or a Dental Therapist?",
        "What dental therapists do",
        "Dental therapists fill cavities and extract baby teeth. Dental hygienists clean "
        "teeth. A dental therapist earned a median of $71,000; a dental hygienist $81,000.",
    ),
    (
        "Harbour Careers: Pilot or Controller?",
        "What harbour pilots do",
        "Harbour pilots board ships at sea and steer them into port. Consider becoming a "
        "harbour pilot if you love ships. Harbour pilots earned a median of $120,000.",
    ),
    (
        "Harbour Careers: Pilot or Controller?",
        "What vessel traffic controllers do",
        "Vessel traffic controllers watch the radar from a tower and earned $78,000.",
    ),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    docs = [text for _t, _h, text in ARTICLES]
    metas = [
        {"source": f"/a/{t[:6]}.md", "title": t, "section": h, "chunk_index": i}
        for i, (t, h, _x) in enumerate(ARTICLES)
    ]
    return Library.build(docs, metas)


def test_the_second_job_one_may_become_is_a_role():
    title = "Should You Become a Dental Hygienist or a Dental Therapist?"
    assert became_titles([title], ["Dental therapists fill cavities."]) == [
        "Dental Hygienist",
        "Dental Therapist",
    ]


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("What harbour pilots do", "harbour pilot"),
        ("What a vessel traffic officer actually does", "vessel traffic officer"),
        ("What you do", None),
        ("What Managers Actually Want", None),
    ],
)
def test_a_heading_saying_what_someone_does_names_them(heading, role):
    body = ["Consider becoming a harbour pilot if you love ships."]
    assert became_titles([heading], body) == ([role] if role else [])


def test_a_question_naming_both_whole_roles_is_a_comparison(lib):
    query = understand("Who earns more, a harbour pilot or a vessel traffic officer?", [], lib)
    assert query.comparison is not None
    assert [s.lower() for s in query.comparison.sides] == [
        "harbour pilot",
        "vessel traffic officer",
    ]
    query = understand("Who earns more, a dental hygienist or a dental therapist?", [], lib)
    assert query.comparison is not None
    assert [s.lower() for s in query.comparison.sides] == ["dental hygienist", "dental therapist"]


def test_the_seed_articles_what_heading_names_its_role():
    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    heading = next(line for line in seed.read_text().splitlines() if line.rstrip().endswith("Do"))
    assert "ML Engineer" in became_titles([heading], [seed.read_text()])
