"""The web page's escaping and the library's guards, without a server."""

from __future__ import annotations

import re

import pytest

from assistant.service import Assistant
from assistant.web_library import Library, LibraryError, is_loopback, safe_filename
from assistant.web_render import (
    citation_html,
    highlight,
    link_citations,
    mode_badge,
    notice_html,
    safe_markdown,
    safe_url,
    sources_html,
    sources_panel,
)

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)">'


def test_highlight_marks_the_quote_and_escapes_the_rest():
    text = "Intro <b>bold</b>. ML engineers   earn\nmore at the senior level. Tail & end."
    out = highlight(text, "ML engineers earn more at the senior level.")
    assert out.count("<mark>") == 1
    assert "<mark>ML engineers   earn\nmore at the senior level.</mark>" in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out and "&amp; end" in out


def test_highlight_without_a_match_marks_nothing():
    assert "<mark>" not in highlight("Some passage text.", "A sentence from elsewhere.")
    assert "<mark>" not in highlight("Some passage text.", "")


def test_citation_escapes_every_field_and_links_only_http():
    c = {
        "n": 2,
        "title": f"Title {PAYLOAD}",
        "section": PAYLOAD,
        "text": f"Passage {PAYLOAD} with the quote here.",
        "quote": "with the quote here.",
        "source": PAYLOAD,
        "reference": {"label": PAYLOAD, "title": PAYLOAD, "url": "javascript:alert(1)"},
    }
    out = citation_html(c)
    assert "<script" not in out and "<img" not in out
    # Tags from articles are removed by the one sanitizer; what is left is escaped.
    assert "Title alert(1)" in out
    assert "href=" not in out  # a javascript: URL is shown as text, never linked
    assert "<mark>with the quote here.</mark>" in out
    c["reference"]["url"] = 'https://example.org/a?b=1&c="x"'
    out = citation_html(c)
    assert 'href="https://example.org/a?b=1&amp;c=&quot;x&quot;"' in out
    assert 'rel="noopener noreferrer nofollow"' in out


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://www.levels.fyi/t/x", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//example.org/x", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_chat_markdown_keeps_tables_but_not_tags():
    md = f"| a | b |\n| --- | --- |\n| x [1] | {PAYLOAD} |\n\n**Verdict:** more [2]"
    out = safe_markdown(md)
    assert "<" not in out and ">" not in out
    assert "| x [1] |" in out and "**Verdict:** more [2]" in out


def test_badge_notice_and_sources_escape():
    assert "<script" not in mode_badge(f"LLM: {PAYLOAD}")
    assert notice_html(None) == ""
    assert "&lt;script&gt;" in notice_html(PAYLOAD)
    empty = sources_html(None)
    assert "Sources" in empty and "cite" not in empty
    out = sources_html({"question": PAYLOAD, "citations": [], "mode": "extractive"})
    assert "<script" not in out and "No passage supports" in out


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Pangolin Ledger (draft).md", "Pangolin Ledger (draft).md"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("中文文章.txt", "中文文章.txt"),
        ("русская статья.txt", "русская статья.txt"),
        ("évolution_carrière.MD", "évolution_carrière.md"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize(
    "name", [".hidden.TXT", "<script>.html", "", "a\x00b.txt", "\u202egpj.txt"]
)
def test_safe_filename_adds_a_hash_when_it_drops_anything(name):
    out = safe_filename(name)
    assert re.fullmatch(r"[\w .()+,=@-]{1,120}-[0-9a-f]{8}(\.[a-z]{1,10})?", out), out
    assert "<" not in out and "\x00" not in out and "\u202e" not in out


def test_different_names_never_share_a_stored_file():
    names = ["中文文章.txt", "русская статья.txt", "???.txt", "!!!.txt", "a b.txt", "a  b.txt"]
    assert len({safe_filename(n) for n in names}) == len(names)


def test_answer_links_each_citation_to_its_own_answer_with_the_quote_as_title():
    citations = [
        {"n": 1, "quote": 'Pay is "high" | varies [a] (b).'},
        {"n": 2, "quote": "Second."},
    ]
    md = "| a | b |\n| --- | --- |\n| x [1] | y [2] |\n\nDone [3]."
    out = link_citations(md, 4, citations)
    assert "[\\[1\\]](#cite-4-1 \"Pay is 'high' ' varies 'a' 'b'.\")" in out
    assert '(#cite-4-2 "Second.")' in out
    assert "Done [3]." in out  # no citation 3: left as text
    assert out.count("|") == md.count("|")  # a quote never breaks a table row


def test_every_sentence_the_answer_cites_is_highlighted():
    text = "Alpha sentence one is here. Beta sentence two is here. Gamma three."
    answer = "First, alpha sentence one is here [1]. Then Beta sentence two is here. [1]"
    c = {"n": 1, "text": text, "quote": "Alpha sentence one is here.", "source": "/x/a.txt"}
    out = citation_html(c, 0, answer)
    assert out.count("<mark>") == 2 and "Beta sentence two is here.</mark>" in out
    assert "Gamma three." in out and "<mark>Gamma" not in out
    assert 'id="cite-0-1"' in out and "From: a.txt" in out and "/x/" not in out


def test_sources_panel_keeps_each_answers_sources_and_shows_the_selected_one():
    first = {
        "question": "Q1",
        "answer": "A [1].",
        "citations": [{"n": 1, "text": "t", "quote": "t"}],
    }
    second = {
        "question": "Q2",
        "answer": "B [1].",
        "citations": [{"n": 1, "text": "u", "quote": "u"}],
    }
    out = sources_panel([first, None, second])
    assert 'id="cite-0-1"' in out and 'id="cite-2-1"' in out
    assert re.search(r'data-answer="0"[^>]*hidden', out)
    assert not re.search(r'data-answer="2"[^>]*hidden', out)
    assert 'data-question="Q2"' in out
    older = sources_panel([first, None, second], selected=0)
    assert re.search(r'data-answer="2"[^>]*hidden', older)


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def _library(make_settings, store_copy, **overrides) -> Library:
    return Library(Assistant.open(make_settings(store=store_copy, **overrides)))


def test_library_is_read_only_on_a_public_address_without_a_token(make_settings, store_copy):
    library = _library(make_settings, store_copy, host="0.0.0.0", admin_token=None)
    assert "read-only" in library.read_only_reason
    assert "ASSISTANT_ADMIN_TOKEN" in library.read_only_reason
    with pytest.raises(LibraryError, match="read-only"):
        library.add_url("https://example.org/a", None)
    with pytest.raises(LibraryError, match="read-only"):
        library.remove(next(iter(library.kb.records())), None)
    assert len(library.rows()) == 1  # reading still works


def test_library_token_is_checked(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy, host="0.0.0.0", admin_token="tok-123")
    assert library.read_only_reason is None and library.needs_token
    with pytest.raises(LibraryError, match="enter the admin token"):
        library.remove(next(iter(library.kb.records())), "")
    with pytest.raises(LibraryError, match="wrong"):
        library.remove(next(iter(library.kb.records())), "tok-124")
    with pytest.raises(LibraryError, match="select an article"):
        library.remove(None, "tok-123")  # the token passed; the selection is what is missing


def test_upload_checks_type_and_size_before_copying(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy, upload_max_bytes=100)
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ")
    with pytest.raises(LibraryError, match="unsupported file type"):
        library.add_upload(str(bad), None)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(LibraryError, match="upload limit is 100"):
        library.add_upload(str(big), None)
    assert not library.uploads.exists() or not any(library.uploads.iterdir())
