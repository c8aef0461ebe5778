"""Every comparison cites evidence for both sides: each side's cell quotes the side's own
account of itself where its article gives one.

Written for the test: hospital ward cover (relief and locum nurses), a field no development
article covers; each mechanism is also checked on a development article (skipped where
../shared is missing).
"""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings
from tests.assistant.conftest import dev_library

# Each kind of cover has its own section; the locum nurse's opens with the case the author
# calls one in, announcing a list, and a later section names locum nurses again.
COVER = """# Covering a Ward: Relief Nurses and Locum Nurses

## Types of cover

Hospitals fill gaps on a ward in two ways, and the two are easy to mix up.

### Relief Nurse

A relief nurse is someone who covers a ward for a few shifts and then goes back to their own
ward once the gap is closed.

### Locum Nurse

When a ward expects a vacancy to last for months rather than weeks, the hospital brings in a
locum nurse in the following cases:

- Long-term sickness: a nurse on the ward is away for more than a month.
- Maternity leave: a nurse on the ward is away for most of a year.
- Hard-to-fill posts: the advert has run twice without a hire.

## Induction

On top of the ward checklist, the trust asks locum nurses to finish its induction course before
their first night shift.
"""


def _library(tmp_path_factory, name: str, articles: dict[str, str]):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp(name)
    for file_name, text in articles.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in articles], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _row(answer: str, label: str) -> list[str]:
    line = next((x for x in answer.splitlines() if x.startswith(f"| {label} |")), "")
    return [c.strip() for c in line.split("|")[2:-1]]


@pytest.fixture(scope="module")
def cover(tmp_path_factory):
    return _library(tmp_path_factory, "cover", {"ward-cover.md": COVER})


def test_the_opening_of_a_sides_own_section_describes_it_though_a_list_follows(cover):
    r = cover.ask("What's the difference between a relief nurse and a locum nurse?")
    relief, locum = _row(r.answer, "Overview")
    assert "covers a ward for a few shifts" in relief, r.answer
    assert "vacancy to last for months" in locum, r.answer
    assert "induction" not in locum, r.answer


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "handbook", ["gitlab-handbook-engineering-career-development.md"]
    )


def test_a_dev_sides_section_opening_announcing_a_list_is_its_overview(handbook):
    r = handbook.ask("What's the difference between an acting manager and an interim manager?")
    acting, interim = _row(r.answer, "Overview")
    assert "occupies a role temporarily" in acting, r.answer
    assert "pursuing a people manager role" in interim, r.answer
