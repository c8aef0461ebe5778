"""A rare hyphenated compound or tag a question writes ("What is #night-swap?") is found as
written, though its parts are everyday words other passages write more. Articles written for
this test (hospital wards, a field no development article covers), and a development interview."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

WARD = """# Life on a Night Ward

Night nurses start at eight in the evening and hand over at eight in the morning.

When I joined the ward, nobody could trade shifts without a week of emails. So I set up a
notice board, #night-swap, where a nurse posts a shift she cannot work and another nurse takes
it with one signature from the ward sister.
"""

# short notes from other wards, each writing the tag's words apart
NOTES = {
    f"{who.replace(' ', '-')}.md": f"""# Night Notes: {who.title()}s

A {who} works a night rota of four shifts. A swap of one night for another needs the night
office's signature, and a {who} asks for a swap at least a week ahead.
"""
    for who in ("night porter", "night doctor", "night cleaner", "night cook", "night manager")
}


@pytest.fixture(scope="module")
def wards(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("compound")
    names = {"ward.md": WARD, **NOTES}
    for name, text in names.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in names], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def test_a_rare_tag_is_found_as_written(wards):
    r = wards.ask("What is #night-swap?", k=1)
    assert "notice board" in r.answer, r.answer


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "compound-dev",
        [
            "staffeng-dan-na-staff-engineer-and-team-lead.html",
            "gitlab-handbook-engineering-career-development.md",
            "datatalksclub-data-team-roles-explained.md",
            "adron-hall-devops-obliviousness-site-reliability.html",
        ],
    )


def test_the_interviews_tag_is_found_among_development_articles(library):
    r = library.ask("What is #connect-engineering?")
    assert "slack room" in r.answer, r.answer
