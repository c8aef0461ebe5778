"""`--follow-references`: an article's referenced pages, served by a real server on 127.0.0.1."""

from __future__ import annotations

import json
import time

import pytest

from ingest.fetch import USER_AGENT
from ingest.follow import ROBOTS_DISALLOW, all_followed, reference_statuses
from ingest.pipeline import ingest_sources, remove_source
from knowledge.schema import CITED_BY, FOLLOW_STATUS, FOLLOWED_FROM, json_list
from knowledge.store import open_knowledge_base
from tests.ingest.conftest import Page
from tests.ingest.helpers import clean_env, run_cli, run_cli_json

LOOPBACK_ONLY = ["127.0.0.1/32"]  # the test server's address and nothing else


def page(title: str, body: str, **kw) -> Page:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    )
    return Page(html.encode(), **kw)


SURVEY = page(
    "Annual Survey of Data Roles",
    "The survey found a median base salary of $187,500 for data platform engineers in 2025. "
    "Respondents named pipeline reliability as their most frequent daily task.",
)
OUTLOOK = page(
    "Hiring Outlook Report",
    "Hiring managers expect demand for analytics engineers to grow over the next two years, "
    "mostly in healthcare and logistics companies.",
)


def write_article(folder, name: str, refs: list[tuple[str, str]]) -> str:
    """A Markdown article whose References list cites (author, url) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = "\n\n".join(f"{a}. (2025). Report by {a}. {a} Inc.\n{url}" for a, url in refs)
    mentions = " ".join(f"One finding is reported by ({a}, 2025)." for a, _ in refs)
    text = (
        f"# Data Platform Careers {name}\n\n"
        "Data platform engineers keep the pipelines of a company running every day. "
        f"{mentions}\n\n"
        "They earn a median base salary of $187,500, well above the average for analysts.\n\n"
        f"## References\n\n{entries}\n"
    )
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def follow_settings(make_settings):
    def make(**overrides):
        overrides.setdefault("allowed_networks", LOOPBACK_ONLY)
        overrides.setdefault("follow_host_interval", 0.0)
        overrides.setdefault("fetch_timeout", 5.0)
        return make_settings(**overrides)

    return make


def ingest(inputs, settings, **kw):
    kb = open_knowledge_base(settings)
    return ingest_sources([str(i) for i in inputs], kb, settings, follow=True, **kw), kb


def statuses(report) -> dict[str, str]:
    return {f["url"]: f["status"] for r in report.results for f in r.followed}


def test_followed_pages_are_ingested_and_linked(tmp_path, page_server, follow_settings):
    survey, outlook = page_server.url("/survey"), page_server.url("/outlook")
    page_server.routes.update({"/survey": SURVEY, "/outlook": OUTLOOK})
    article = write_article(tmp_path / "a", "one", [("Surveyco", survey), ("Outlookers", outlook)])
    report, kb = ingest([article], follow_settings())

    assert report.ok and all_followed(report), report.as_dict()
    assert statuses(report) == {survey: "fetched", outlook: "fetched"}
    records = kb.records()
    assert records[survey]["title"] == "Annual Survey of Data Roles"
    assert json_list(records[survey][FOLLOWED_FROM]) == [article]
    # The followed page's passages carry the article that cites it.
    _ids, docs, metas = kb.read_chunks(where={"source": survey})
    assert any("$187,500" in d for d in docs)
    cited = json_list(metas[0][CITED_BY])
    assert cited == [{"source": article, "title": "Data Platform Careers one"}]
    # Each reference record says what happened to it.
    refs = kb.references.get(where={"source": article}, include=["metadatas"])["metadatas"]
    assert {m["url"]: m[FOLLOW_STATUS] for m in refs} == {survey: "fetched", outlook: "fetched"}
    # robots.txt was asked once for the host, under an honest User-Agent.
    assert page_server.hits["/robots.txt"] == 1
    agents = {h.get("User-Agent") for _, h, _ in page_server.requests}
    assert agents == {USER_AGENT} and "career-article-assistant" in USER_AGENT
    by_source = {r.source: r for r in report.results}
    assert by_source[survey].status == "added" and by_source[survey].cited_by == [article]


def test_robots_txt_that_disallows_is_respected(tmp_path, page_server, follow_settings):
    page_server.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    page_server.routes.update({"/private/survey": SURVEY, "/outlook": OUTLOOK})
    private, public = page_server.url("/private/survey"), page_server.url("/outlook")
    article = write_article(tmp_path, "one", [("Surveyco", private), ("Outlookers", public)])
    report, kb = ingest([article], follow_settings())

    assert statuses(report) == {private: ROBOTS_DISALLOW, public: "fetched"}
    assert ROBOTS_DISALLOW == "not fetched: robots.txt disallows"
    assert page_server.hits["/private/survey"] == 0
    assert report.ok and not all_followed(report)
    assert set(kb.records()) == {article, public}


def test_http_errors_become_statuses_and_the_article_still_lands(
    tmp_path, page_server, follow_settings
):
    page_server.routes["/forbidden"] = Page(b"paywall", "text/plain", 403)
    page_server.routes["/image"] = Page(b"\x89PNG....", "image/png")
    page_server.routes["/bare"] = Page(b"Just a title.", "text/plain")
    forbidden, missing = page_server.url("/forbidden"), page_server.url("/gone")
    image, bare = page_server.url("/image"), page_server.url("/bare")
    refs = [("Forbidco", forbidden), ("Goneco", missing), ("Imageco", image), ("Bareco", bare)]
    article = write_article(tmp_path, "one", refs)
    report, kb = ingest([article], follow_settings())

    got = statuses(report)
    assert got.pop(bare) == f"not ingested: {bare} has no article text left after removing " + (
        "page boilerplate"
    )
    assert got == {
        forbidden: "not fetched: HTTP 403",
        missing: "not fetched: HTTP 404",
        image: "not fetched: not an article (content type image/png)",
    }
    assert report.ok and not all_followed(report)
    assert list(kb.records()) == [article]
    listed = reference_statuses(kb)[article]
    assert {f["url"]: f["status"] for f in listed} == statuses(report) and len(listed) == 4


def test_slow_host_times_out_and_the_article_still_lands(tmp_path, page_server, follow_settings):
    page_server.routes["/slow"] = page("Slow", "A page that never arrives in time.", delay=30)
    slow = page_server.url("/slow")
    article = write_article(tmp_path, "one", [("Slowco", slow)])
    start = time.monotonic()
    report, kb = ingest([article], follow_settings(fetch_timeout=1.0))
    assert time.monotonic() - start < 15
    assert statuses(report) == {slow: "not fetched: timed out after 1s"}
    assert list(kb.records()) == [article]


def test_unreachable_hosts_fail_fast_and_are_not_retried(tmp_path, follow_settings):
    from tests.conftest import free_port

    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    refs = [
        ("Nohost", "http://no-such-host.invalid/a"),
        ("Closedone", f"{closed}/a"),
        ("Closedtwo", f"{closed}/b"),
    ]
    article = write_article(tmp_path, "one", refs)
    start = time.monotonic()
    report, kb = ingest([article], follow_settings(follow_host_interval=5.0))
    # The second page on the refused host is not tried: no 5-second wait for its turn.
    assert time.monotonic() - start < 4
    got = statuses(report)
    assert got["http://no-such-host.invalid/a"].startswith("not fetched: network unreachable")
    assert got[f"{closed}/a"].startswith("not fetched: network unreachable")
    assert got[f"{closed}/b"] == got[f"{closed}/a"]
    assert list(kb.records()) == [article]


def test_redirect_to_a_private_address_is_refused(tmp_path, page_server, follow_settings):
    # Only 127.0.0.1 is allowed: a redirect to another loopback address is checked and refused.
    page_server.routes["/jump"] = Page(
        b"", None, 302, headers={"Location": f"http://127.0.0.2:{page_server.port}/inner"}
    )
    page_server.routes["/inner"] = SURVEY
    jump = page_server.url("/jump")
    article = write_article(tmp_path, "one", [("Jumpco", jump)])
    report, kb = ingest([article], follow_settings())
    (status,) = statuses(report).values()
    assert status.startswith("not fetched: refused") and "loopback" in status, status
    assert page_server.hits["/inner"] == 0
    assert list(kb.records()) == [article]

    # With no trusted network at all, the loopback reference itself is refused.
    report, _ = ingest([article], follow_settings(allowed_networks=[], store=tmp_path / "s2"))
    (status,) = statuses(report).values()
    assert status.startswith("not fetched: refused") and "loopback" in status
    assert page_server.hits["/jump"] == 1


def test_reingest_with_unchanged_etag_does_not_refetch(tmp_path, page_server, follow_settings):
    page_server.routes["/survey"] = page(
        "Annual Survey of Data Roles",
        "The survey found a median base salary of $187,500 for data platform engineers.",
        headers={"ETag": '"v1"'},
    )
    survey = page_server.url("/survey")
    article = write_article(tmp_path, "one", [("Surveyco", survey)])
    settings = follow_settings()
    first, kb = ingest([article], settings)
    assert statuses(first) == {survey: "fetched"}
    version = kb.records()[survey]["version"]
    second, kb = ingest([article], settings)
    assert statuses(second) == {survey: "unchanged"}
    assert page_server.hits["/survey"] == 2 and page_server.not_modified["/survey"] == 1
    conditional = [h for p, h, _ in page_server.requests if p == "/survey"][-1]
    assert conditional.get("If-None-Match") == '"v1"'
    assert kb.records()[survey]["version"] == version
    assert {r.source: r.status for r in second.results} == {
        article: "unchanged",
        survey: "unchanged",
    }

    # The page changes (a new ETag): it is fetched again and its stored version replaced.
    page_server.routes["/survey"] = page(
        "Annual Survey of Data Roles",
        "The revised survey found a median base salary of $191,000 for data platform engineers.",
        headers={"ETag": '"v2"'},
    )
    third, kb = ingest([article], settings)
    assert statuses(third) == {survey: "fetched"}
    assert kb.records()[survey]["version"] != version
    docs = " ".join(kb.read_chunks(where={"source": survey})[1])
    assert "$191,000" in docs and "$187,500" not in docs


def test_removing_an_article_removes_the_sources_it_alone_brought_in(
    tmp_path, page_server, follow_settings
):
    page_server.routes.update({"/survey": SURVEY, "/outlook": OUTLOOK})
    survey, outlook = page_server.url("/survey"), page_server.url("/outlook")
    folder = tmp_path / "articles"
    one = write_article(folder, "one", [("Surveyco", survey), ("Outlookers", outlook)])
    two = write_article(folder, "two", [("Surveyco", survey)])
    settings = follow_settings()
    report, kb = ingest([folder], settings)
    assert all_followed(report), report.as_dict()
    assert sorted(json_list(kb.records()[survey][FOLLOWED_FROM])) == sorted([one, two])

    removed = remove_source(kb, one)
    assert {r.source: r.status for r in removed.results} == {one: "removed", outlook: "removed"}
    records = kb.records()
    assert set(records) == {two, survey}
    assert json_list(records[survey][FOLLOWED_FROM]) == [two]
    meta = kb.chunks.get(where={"source": survey}, include=["metadatas"])["metadatas"][0]
    assert [c["source"] for c in json_list(meta[CITED_BY])] == [two]
    assert kb.chunks.get(where={"source": outlook}, include=[])["ids"] == []

    # Pruning the last citing article takes the shared page with it.
    (folder / "one.md").unlink()  # removed from the store above; now gone from disk too
    (folder / "two.md").unlink()
    (folder / "three.md").write_text("# Another\n\nA different article with no references at all.")
    report, kb = ingest([folder], settings, prune=True)
    assert {r.source: r.status for r in report.results if r.status == "removed"} == {
        two: "removed",
        survey: "removed",
    }
    assert set(kb.records()) == {str(folder / "three.md")}


def test_an_article_that_stops_citing_a_page_lets_it_go(tmp_path, page_server, follow_settings):
    page_server.routes.update({"/survey": SURVEY, "/outlook": OUTLOOK})
    survey, outlook = page_server.url("/survey"), page_server.url("/outlook")
    settings = follow_settings()
    article = write_article(tmp_path, "one", [("Surveyco", survey), ("Outlookers", outlook)])
    ingest([article], settings)
    write_article(tmp_path, "one", [("Surveyco", survey)])  # the new version drops one
    report, kb = ingest([article], settings)
    assert {r.source: r.status for r in report.results}[outlook] == "removed"
    assert set(kb.records()) == {article, survey}


def test_per_host_rate_limit(tmp_path, page_server, follow_settings):
    paths = ["/a", "/b", "/c"]
    for i, path in enumerate(paths):
        page_server.routes[path] = page(f"Page {i}", f"Page number {i} of a rate limited host.")
    refs = [(f"Co{i}x", page_server.url(p)) for i, p in enumerate(paths)]
    article = write_article(tmp_path, "one", refs)
    report, _ = ingest([article], follow_settings(follow_host_interval=0.4, follow_concurrency=4))
    assert all_followed(report), report.as_dict()
    times = sorted(t for _, _, t in page_server.requests)
    assert len(times) == 4  # robots.txt and three pages, one host, four workers
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # the limiter spaces sends 0.4 s apart; arrival times carry the scheduler's jitter on a
    # loaded machine (one request delayed, the next on time), so the bound has slack. Without
    # the limiter four workers arrive within a few milliseconds.
    assert min(gaps) >= 0.3, gaps


def test_cli_reports_statuses_and_exit_code(tmp_path, page_server):
    page_server.routes["/survey"] = SURVEY
    survey, missing = page_server.url("/survey"), page_server.url("/gone")
    article = write_article(tmp_path, "one", [("Surveyco", survey), ("Goneco", missing)])
    store = str(tmp_path / "store")
    env = clean_env(
        ASSISTANT_ALLOWED_NETWORKS=json.dumps(LOOPBACK_ONLY), ASSISTANT_FOLLOW_HOST_INTERVAL="0"
    )
    proc = run_cli("--store", store, "--follow-references", article, env=env)
    assert proc.returncode == 3, proc.stderr  # the article landed, one reference did not
    assert f"reference {missing}: not fetched: HTTP 404" in proc.stdout
    assert f"reference {survey}: fetched" in proc.stdout
    assert "cited by" in proc.stdout

    code, listed = run_cli_json("--store", store, "--list", env=env)
    assert code == 0
    (entry,) = [s for s in listed["sources"] if s["source"] == article]
    assert {f["url"]: f["status"] for f in entry["followed"]} == {
        survey: "fetched",
        missing: "not fetched: HTTP 404",
    }
    # Without the option (and the setting off), references are not fetched again.
    hits = page_server.hits["/survey"]
    proc = run_cli("--store", store, article, env=env)
    assert proc.returncode == 0 and page_server.hits["/survey"] == hits


def test_a_changed_page_keeps_the_articles_not_in_this_run(tmp_path, page_server, follow_settings):
    page_server.routes["/survey"] = SURVEY
    survey = page_server.url("/survey")
    one = write_article(tmp_path / "a", "one", [("Surveyco", survey)])
    two = write_article(tmp_path / "b", "two", [("Surveyco", survey)])
    settings = follow_settings()
    ingest([one, two], settings)
    page_server.routes["/survey"] = page(
        "Annual Survey of Data Roles", "The revised survey now covers analytics engineers too."
    )
    report, kb = ingest([one], settings)  # only one article this time; the page changed
    assert {r.source: r.status for r in report.results}[survey] == "updated"
    assert sorted(json_list(kb.records()[survey][FOLLOWED_FROM])) == sorted([one, two])
    meta = kb.chunks.get(where={"source": survey}, include=["metadatas"])["metadatas"][0]
    assert sorted(c["title"] for c in json_list(meta[CITED_BY])) == [
        "Data Platform Careers one",
        "Data Platform Careers two",
    ]


LOOPBACK_BOTH = ["127.0.0.1/32", "::1/128"]  # "localhost" may resolve to either


def test_robots_txt_is_obeyed_on_every_redirect_hop(tmp_path, page_server, follow_settings):
    # The reference on 127.0.0.1 redirects to another origin (localhost) whose robots.txt
    # disallows the target: that origin's rules are read and the target is never requested.
    page_server.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    page_server.routes["/hop"] = Page(
        b"", None, 302, headers={"Location": f"http://localhost:{page_server.port}/private/x"}
    )
    page_server.routes["/private/x"] = SURVEY
    hop = page_server.url("/hop")
    article = write_article(tmp_path, "one", [("Hopco", hop)])
    report, kb = ingest([article], follow_settings(allowed_networks=LOOPBACK_BOTH))
    assert statuses(report) == {hop: ROBOTS_DISALLOW}
    assert page_server.hits["/robots.txt"] == 2  # once per origin
    assert page_server.hits["/private/x"] == 0
    assert list(kb.records()) == [article]


@pytest.mark.parametrize(("workers", "overlap"), [(1, False), (2, True)])
def test_concurrent_fetches_are_capped(tmp_path, page_server, follow_settings, workers, overlap):
    # Two hosts (127.0.0.1 and localhost), one slow page each: only the cap can serialize them.
    page_server.routes["/slow"] = page("Slow page", "A page that takes a while to send.", delay=0.8)
    urls = [page_server.url("/slow"), f"http://localhost:{page_server.port}/slow"]
    article = write_article(tmp_path, "one", [("Firstco", urls[0]), ("Secondco", urls[1])])
    settings = follow_settings(allowed_networks=LOOPBACK_BOTH, follow_concurrency=workers)
    report, _ = ingest([article], settings)
    assert all_followed(report), report.as_dict()
    starts = sorted(t for p, _, t in page_server.requests if p == "/slow")
    assert len(starts) == 2
    assert (starts[1] - starts[0] < 0.5) is overlap, starts
