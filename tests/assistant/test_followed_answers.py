"""Answers over followed references: a question naming a cited source reads that source's page,
a figure is shown beside the cited page's own sentence, and passages say which article cites
them. The pages come from a real HTTP server on 127.0.0.1; the store is a real Chroma store."""

from __future__ import annotations

import pytest

from assistant.followed import figures
from assistant.present import format_plain
from assistant.service import Assistant
from assistant.web_render import citation_html
from ingest.pipeline import ingest_sources
from knowledge.settings import get_settings
from knowledge.store import open_knowledge_base
from tests.ingest.conftest import Page, PageServer

ARTICLE = """# Tidal Energy Technician Careers

Tidal energy technicians maintain the turbines that sit on the seabed near coastal power
stations. Demand for them grows as new arrays are commissioned (Wavecount, 2025).

Senior tidal energy technicians earn a median salary of $83,450 a year, more than most
onshore wind technicians.

## References

Wavecount. (2025). Marine renewables workforce census. Wavecount Institute.
{census}

Harborview. (2024). Offshore maintenance staffing survey. Harborview Analytics.
{staffing}
"""
CENSUS = b"""<html><head><title>Marine Renewables Workforce Census</title></head><body><article>
<h1>Marine Renewables Workforce Census</h1>
<p>The census counted 4,120 tidal energy technicians across twelve countries. Senior
technicians reported a median salary of $83,450 a year, with overtime on top.</p>
<p>Most technicians hold a marine engineering diploma and a commercial diving certificate.
Employers reported that offshore safety training is the hardest requirement to meet.</p>
</article></body></html>"""
STAFFING = b"""<html><head><title>Offshore Maintenance Staffing Survey</title></head><body>
<article><h1>Offshore Maintenance Staffing Survey</h1>
<p>Operators plan to hire more maintenance crews for offshore sites over the next three years,
mainly to cover winter storm repairs.</p></article></body></html>"""
ARTICLE_TITLE = "Tidal Energy Technician Careers"


@pytest.fixture(scope="module")
def followed_assistant(tmp_path_factory):
    root = tmp_path_factory.mktemp("followed")
    with PageServer() as server:
        server.routes["/census"] = Page(CENSUS)
        server.routes["/staffing"] = Page(STAFFING)
        census, staffing = server.url("/census"), server.url("/staffing")
        article = root / "tidal.md"
        article.write_text(ARTICLE.format(census=census, staffing=staffing), encoding="utf-8")
        settings = get_settings(
            store=root / "store", allowed_networks=["127.0.0.1/32"], follow_host_interval=0
        )
        settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
        kb = open_knowledge_base(settings)
        report = ingest_sources([str(article)], kb, settings, follow=True)
        assert report.ok, report.as_dict()
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant, census, staffing


def test_a_question_naming_a_cited_source_is_answered_from_its_page(followed_assistant):
    assistant, census, _ = followed_assistant
    result = assistant.ask("What does the Wavecount census say about training requirements?")
    assert not result["abstained"], result["answer"]
    cited = {c["source"]: c for c in result["citations"]}
    assert census in cited, result["answer"]
    assert cited[census]["cited_by"] == [ARTICLE_TITLE]
    assert "offshore safety training" in result["answer"]
    panel = [p for p in result["passages"] if p["source"] == census]
    assert panel and all(p["cited_by"] == [ARTICLE_TITLE] for p in panel)
    assert f"cited by: {ARTICLE_TITLE}" in format_plain(result)


def test_the_other_source_is_named_by_its_publisher(followed_assistant):
    assistant, census, staffing = followed_assistant
    result = assistant.ask("What does Harborview say about hiring?")
    sources = [c["source"] for c in result["citations"]]
    assert staffing in sources and census not in sources, result["answer"]
    assert "winter storm repairs" in result["answer"]


def test_a_figure_is_shown_beside_the_cited_pages_own_sentence(followed_assistant):
    assistant, census, _ = followed_assistant
    result = assistant.ask("How much do senior tidal energy technicians earn?")
    answer = result["answer"]
    claim, _, beside = answer.partition("\n\nThe cited page, ")
    assert "$83,450" in claim, answer
    assert beside.startswith("*Marine Renewables Workforce Census*, says: "), answer
    assert "$83,450" in beside and "overtime" in beside
    n = int(beside.rsplit("[", 1)[1].rstrip("]"))
    citation = next(c for c in result["citations"] if c["n"] == n)
    assert citation["source"] == census and "$83,450" in citation["quote"]
    assert citation["cited_by"] == [ARTICLE_TITLE]


def test_where_a_figure_comes_from_cites_the_page_that_holds_it(followed_assistant):
    assistant, census, _ = followed_assistant
    result = assistant.ask("Where does the $83,450 salary figure come from?")
    page = [c for c in result["citations"] if c["source"] == census]
    assert page and "$83,450" in page[0]["quote"], result["answer"]
    assert page[0]["cited_by"] == [ARTICLE_TITLE]
    assert any(c["source"].endswith("tidal.md") for c in result["citations"])


def test_questions_that_name_no_source_are_not_narrowed(followed_assistant):
    assistant, _, staffing = followed_assistant
    result = assistant.ask("Where do tidal energy technicians work?")
    assert not result["abstained"]
    sources = {p["source"] for p in result["passages"]}
    assert any(s.endswith("tidal.md") for s in sources) and len(sources) >= 2


def test_sources_panel_shows_cited_by_sanitized():
    html = citation_html(
        {
            "n": 1,
            "title": "Page",
            "section": "",
            "text": "Some text.",
            "quote": "Some text.",
            "source": "http://example.org/p",
            "cited_by": ["<b>Article</b> & more"],
        }
    )
    # Tags from article text are removed by the one sanitizer; what remains is escaped.
    assert "cited by Article &amp; more" in html
    assert "<b>" not in html and "&lt;b&gt;" not in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a median of $187,500 a year", {"187500"}),
        ("earned 187,500 dollars", {"187500"}),
        ("rose 35% and then 12.5 %", {"35%", "12.5%"}),
        ("about $95k or $1.2M", {"95000", "1200000"}),
        ("in 2026 the 3 roles", set()),
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


def test_llm_prompt_says_which_article_cites_a_page(followed_assistant):
    from assistant.llm import build_messages

    assistant, census, _ = followed_assistant
    page = assistant.retriever.passages_of(census)[0]
    article = assistant.retriever.passages_of(next(iter(page.cited_by))["source"])[0]
    prompt = build_messages("What does the census say?", [page, article], [])[-1][1]
    first, second = prompt.split("</passage>")[:2]
    assert f'cited_by="{ARTICLE_TITLE}"' in first
    assert "cited_by" not in second
