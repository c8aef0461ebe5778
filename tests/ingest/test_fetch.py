"""http(s) sources from a real server on 127.0.0.1: private-address policy, limits, redirects."""

from __future__ import annotations

import pytest

from ingest.fetch import check_host, fetch, normalize_url
from knowledge.errors import IngestError
from tests.ingest.conftest import Page
from tests.ingest.helpers import make_pdf

ARTICLE = b"""<html><head><title>Fetched</title></head><body><article>
<h1>Platform Engineer Pay</h1>
<p>Platform engineers build the internal tools that other engineers rely on every day.
Their pay tracks senior backend roles.</p>
</article></body></html>"""


def _failure(report) -> str:
    (result,) = report.results
    assert result.status == "failed", result
    return result.error


def test_url_is_ingested_when_private_addresses_are_allowed(page_server, run_ingest):
    page_server.routes["/article"] = Page(ARTICLE)
    report, kb = run_ingest([page_server.url("/article")], allow_private=True)
    assert report.ok, report.as_dict()
    (source,) = kb.records()
    assert source == page_server.url("/article")
    assert kb.records()[source]["title"] == "Platform Engineer Pay"
    docs = " ".join(kb.read_chunks()[1])
    assert "internal tools that other engineers rely on" in docs


def test_allow_private_comes_from_settings_by_default(page_server, run_ingest):
    page_server.routes["/article"] = Page(ARTICLE)
    report, kb = run_ingest([page_server.url("/article")], allow_private_urls=True)
    assert report.ok, report.as_dict()
    assert len(kb.records()) == 1


def test_loopback_url_is_refused_by_default(page_server, run_ingest):
    page_server.routes["/article"] = Page(ARTICLE)
    report, kb = run_ingest([page_server.url("/article")])
    error = _failure(report)
    assert "127.0.0.1" in error and "loopback" in error and "--allow-private-urls" in error
    assert page_server.hits["/article"] == 0  # refused before any request was sent
    assert kb.records() == {}


def test_plain_text_markdown_and_pdf_content_types(page_server, run_ingest):
    page_server.routes["/a.txt"] = Page(
        b"Text Title\n\nPlain text articles are fetched too. They need no markup.",
        "text/plain; charset=utf-8",
    )
    page_server.routes["/b"] = Page(
        b"# Markdown Title\n\nMarkdown served over HTTP is read as Markdown here.",
        "text/markdown",
    )
    page_server.routes["/c"] = Page(
        make_pdf(["PDF Title", "A PDF served over HTTP is read for its text layer."]),
        "application/pdf",
    )
    report, kb = run_ingest(
        [page_server.url(p) for p in ("/a.txt", "/b", "/c")], allow_private=True
    )
    assert report.ok, report.as_dict()
    kinds = {m["title"]: m["kind"] for m in kb.records().values()}
    assert kinds == {"Text Title": "txt", "Markdown Title": "md", "PDF Title": "pdf"}


def test_slow_server_times_out(page_server, run_ingest):
    page_server.routes["/slow"] = Page(ARTICLE, delay=30)
    report, kb = run_ingest([page_server.url("/slow")], allow_private=True, fetch_timeout=1)
    assert "timed out after 1s" in _failure(report)
    assert kb.records() == {}


def test_trickling_server_hits_the_overall_deadline(page_server):
    page_server.routes["/endless"] = Page(endless=True, trickle=0.1)
    # Each chunk arrives well within the read timeout; the size cap is generous, so only the deadline can stop this download.
    with pytest.raises(IngestError, match="took longer than|timed out"):
        fetch(page_server.url("/endless"), timeout=0.5, max_bytes=10**12, allow_private=True)


def test_endless_body_is_cut_at_the_size_cap(page_server, run_ingest):
    page_server.routes["/endless"] = Page(endless=True)
    report, kb = run_ingest(
        [page_server.url("/endless")], allow_private=True, max_source_bytes=100_000
    )
    error = _failure(report)
    assert "100,000-byte limit" in error and "ASSISTANT_MAX_SOURCE_BYTES" in error
    assert kb.records() == {}


def test_declared_length_over_the_cap_is_refused(page_server):
    page_server.routes["/big"] = Page(ARTICLE * 100)
    with pytest.raises(IngestError, match="larger than the 1,000-byte limit"):
        fetch(page_server.url("/big"), timeout=5, max_bytes=1000, allow_private=True)


@pytest.mark.parametrize("ctype", ["application/octet-stream", "image/png", None])
def test_unsupported_content_type_is_refused(page_server, run_ingest, ctype):
    page_server.routes["/blob"] = Page(b"\x00\x01\x02 binary", ctype)
    report, kb = run_ingest([page_server.url("/blob")], allow_private=True)
    error = _failure(report)
    assert "content type" in error and "HTML, plain text, Markdown and PDF" in error
    assert kb.records() == {}


def test_http_error_status_is_reported(page_server, run_ingest):
    report, _ = run_ingest([page_server.url("/missing")], allow_private=True)
    assert "HTTP 404" in _failure(report)


def _chain(page_server, hops: int) -> str:
    """/r0 -> /r1 -> ... -> /r{hops} which serves the article; returns the first URL."""
    for i in range(hops):
        page_server.routes[f"/r{i}"] = Page(
            b"", None, 302 if i % 2 else 301, headers={"Location": f"/r{i + 1}"}
        )
    page_server.routes[f"/r{hops}"] = Page(ARTICLE)
    return page_server.url("/r0")


def test_three_redirects_are_followed(page_server, run_ingest):
    report, kb = run_ingest([_chain(page_server, 3)], allow_private=True)
    assert report.ok, report.as_dict()
    # The final URL is the source's identity.
    assert list(kb.records()) == [page_server.url("/r3")]


def test_four_redirects_are_refused(page_server, run_ingest):
    report, kb = run_ingest([_chain(page_server, 4)], allow_private=True)
    assert "redirected more than 3 times" in _failure(report)
    assert page_server.hits["/r4"] == 0
    assert kb.records() == {}


def test_redirect_to_another_scheme_is_refused(page_server):
    page_server.routes["/to-file"] = Page(
        b"", None, 302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(IngestError, match="unsupported URL scheme 'file'"):
        fetch(page_server.url("/to-file"), timeout=5, max_bytes=10_000, allow_private=True)


def test_redirect_target_host_is_checked_on_every_hop(page_server):
    # The redirect goes to a host that cannot resolve: the hop is checked before any request.
    page_server.routes["/hop"] = Page(
        b"", None, 302, headers={"Location": "http://no-such-host.invalid/x"}
    )
    with pytest.raises(IngestError, match="cannot resolve host 'no-such-host.invalid'"):
        fetch(page_server.url("/hop"), timeout=5, max_bytes=10_000, allow_private=True)
    assert page_server.hits["/hop"] == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/a", "private"),
        ("http://192.168.1.1/a", "private"),
        ("http://172.16.5.4/a", "private"),
        ("http://169.254.169.254/latest/meta-data", "cloud metadata"),
        ("http://169.254.10.10/", "link-local"),
        ("http://100.64.0.1/", "CGNAT"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://127.0.0.1:9/", "loopback"),
        ("http://127.1.2.3/", "loopback"),
        ("http://0.0.0.0/", "private or reserved"),
        ("http://localhost:8000/", "loopback"),
        ("https://LOCALHOST/", "loopback"),
        ("http://198.18.0.1/", "private or reserved"),
    ],
)
def test_check_host_refuses_internal_addresses(url, reason):
    with pytest.raises(IngestError, match=reason) as info:
        check_host(normalize_url(url), allow_private=False)
    assert "--allow-private-urls" in str(info.value)
    check_host(normalize_url(url), allow_private=True)  # explicitly allowed: no error


def test_check_host_allows_public_addresses():
    check_host("http://93.184.216.34/", allow_private=False)
    check_host("http://[2606:4700:4700::1111]/", allow_private=False)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/article.txt", "data:text/plain,hello%20world"],
)
def test_non_http_schemes_are_refused(url, run_ingest):
    report, kb = run_ingest([url], allow_private=True)
    error = _failure(report)
    assert "unsupported URL scheme" in error and "only http and https" in error
    assert kb.records() == {}


def test_normalize_url():
    assert normalize_url("HTTP://Example.COM:80/a?b=1#frag") == "http://example.com/a?b=1"
    assert normalize_url("https://example.com") == "https://example.com/"
    assert normalize_url("http://[::1]:8080/x") == "http://[::1]:8080/x"
