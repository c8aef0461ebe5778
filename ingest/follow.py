"""`ingest --follow-references`: ingest the pages an article's references link to.

Each http(s) reference of the articles in a run is fetched and stored as a source of its own,
linked to the reference (and article) that cites it. Depth 1: a followed page's own references
are neither followed nor stored.

Rules: the SSRF guard, size and time budgets of any URL ingest (`ingest.fetch`); robots.txt
respected (`urllib.robotparser`) under an honest User-Agent; at most `follow_concurrency`
fetches at once and one request per `follow_host_interval` seconds per host; the page's ETag /
Last-Modified kept on its source record, so re-ingesting asks the host "changed?" instead of
downloading it again; a host that cannot be reached is not tried again in the same run.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from knowledge.errors import EmbeddingError, IngestError
from knowledge.schema import (
    CITED_BY,
    ETAG,
    FETCHED_URL,
    FOLLOW_STATUS,
    FOLLOWED_FROM,
    FOLLOWED_REF_IDS,
    FOLLOWED_SOURCE,
    LAST_MODIFIED,
    REF_IDS,
    json_list,
)
from knowledge.store import KnowledgeBase, Prepared

from .fetch import USER_AGENT, Fetched, FetchError, fetch, normalize_url
from .load import decode
from .pipeline import Report, SourceResult, embed_all, prepare_loaded

ROBOTS_AGENT = USER_AGENT.split("/")[0]  # the product token robots.txt groups are matched on
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
FETCHED, UNCHANGED, IN_LIBRARY = "fetched", "unchanged", "already in the library"
OK_STATUSES = (FETCHED, UNCHANGED, IN_LIBRARY)
ROBOTS_REASON = "robots.txt disallows"
ROBOTS_DISALLOW = f"not fetched: {ROBOTS_REASON}"


def all_followed(report: Report) -> bool:
    """Whether every reference the run tried to follow was fetched (or was unchanged)."""
    return all(f["status"] in OK_STATUSES for r in report.results for f in r.followed)


@dataclass
class Target:
    url: str  # the normalized reference URL: the followed source's identity
    cites: list[tuple[str, str, str]] = field(default_factory=list)  # (article, title, ref_id)


@dataclass
class Outcome:
    status: str
    fetched: Fetched | None = None


class Gate:
    """Politeness per host: robots.txt read once per origin and obeyed on every hop (redirects
    included), request starts spaced per host, hosts that could not be reached skipped.

    No lock is held while waiting or downloading, so fetches of different hosts never wait on
    each other, whatever redirects connect them."""

    def __init__(self, settings, allow_private: bool) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._guard = threading.Lock()
        self._next: dict[str, float] = {}  # host -> earliest start of its next request
        self._robots: dict[str, RobotFileParser | str | threading.Event] = {}  # origin -> rules,
        # a refusal reason, or an Event while another thread reads that origin's robots.txt
        self._down: dict[str, str] = {}  # host -> why it could not be reached

    def _pace(self, url: str) -> None:
        """Reserve the host's next slot and wait for it; refuse a host known to be down."""
        host = urlsplit(url).hostname or ""
        with self._guard:
            if host in self._down:
                raise FetchError(f"{host} could not be reached earlier", self._down[host], True)
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.settings.follow_host_interval
        if slot > now:
            time.sleep(slot - now)

    def _admit(self, url: str) -> None:
        reason = self.refusal(url)
        if reason:
            raise FetchError(f"{url}: {reason}", reason)
        self._pace(url)

    def get(
        self, url: str, max_bytes: int, conditional: dict | None = None, robots: bool = True
    ) -> Fetched:
        """One download; every request of it (redirects too) is admitted by robots.txt (unless
        `robots` is off: robots.txt itself) and paced."""
        hops: list[str] = []

        def before(hop: str) -> None:
            hops.append(hop)
            (self._admit if robots else self._pace)(hop)

        try:
            return fetch(
                url,
                timeout=self.settings.fetch_timeout,
                max_bytes=max_bytes,
                allow_private=self.allow_private,
                allowed_networks=tuple(self.settings.allowed_networks),
                conditional=conditional,
                connect_timeout=self.settings.follow_connect_timeout,
                before_request=before,
            )
        except FetchError as exc:
            if exc.network:  # the hop that failed: check_host names it, else the last request
                failed = exc.url or (hops[-1] if hops else url)
                with self._guard:
                    self._down.setdefault(urlsplit(failed).hostname or "", exc.status)
            raise

    def refusal(self, url: str) -> str | None:
        """None when robots.txt lets us fetch the URL, else why not."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            rules = self._robots.get(origin)
            mine = rules is None
            if mine:
                rules = self._robots[origin] = threading.Event()
        if mine:
            loaded = self._load_robots(origin)
            with self._guard:
                self._robots[origin] = loaded
            rules.set()
            rules = loaded
        elif isinstance(rules, threading.Event):
            rules.wait()
            rules = self._robots[origin]
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(ROBOTS_AGENT, url) else ROBOTS_REASON

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        rules = RobotFileParser()
        try:
            got = self.get(origin + "/robots.txt", ROBOTS_MAX_BYTES, robots=False)
        except FetchError as exc:
            code = re.match(r"HTTP (\d{3})", exc.status)
            if exc.network or exc.status.startswith("refused"):
                return exc.status
            if code and int(code.group(1)) >= 500:  # RFC 9309: server error means "disallow"
                return f"robots.txt unavailable ({exc.status})"
            if exc.status.startswith("timed out"):
                return f"robots.txt {exc.status}"
            rules.allow_all = True  # 4xx or no robots file worth the name: no rules
            return rules
        rules.parse(got.data.decode("utf-8", "replace").splitlines())
        return rules

    def follow(self, url: str, record: dict | None) -> Outcome:
        conditional = {}
        if record and record.get(ETAG):
            conditional["If-None-Match"] = record[ETAG]
        if record and record.get(LAST_MODIFIED):
            conditional["If-Modified-Since"] = record[LAST_MODIFIED]
        try:
            got = self.get(url, self.settings.max_source_bytes, conditional or None)
        except FetchError as exc:
            return Outcome(f"not fetched: {exc.status}")
        return Outcome(UNCHANGED if got.not_modified else FETCHED, got)


def _targets(kb: KnowledgeBase, articles: dict[str, str]) -> dict[str, Target]:
    """Every http(s) reference of the given articles (source -> title), grouped by URL."""
    if not articles:
        return {}
    got = kb.references.get(where={"source": {"$in": list(articles)}}, include=["metadatas"])
    targets: dict[str, Target] = {}
    for ref_id, meta in zip(got["ids"], got["metadatas"], strict=True):
        url = (meta.get("url") or "").strip()
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            continue
        try:
            key = normalize_url(url)
        except ValueError:  # a malformed port or host: nothing to follow
            continue
        if key in articles:  # an article citing itself
            continue
        targets.setdefault(key, Target(key)).cites.append(
            (meta["source"], articles[meta["source"]], ref_id)
        )
    return targets


def _prepare(url: str, got: Fetched, records: dict, settings, cites: list[dict]):
    """The fetched page as a Prepared source (within the usual budgets), or None when its
    text is unchanged; and the HTTP validators to keep on its record."""
    validators = {ETAG: got.etag, LAST_MODIFIED: got.last_modified, FETCHED_URL: got.url}
    loaded = decode(
        url, got.kind, got.data, charset=got.charset, max_text_chars=settings.max_text_chars
    )
    prepared, _ = prepare_loaded(url, loaded, settings, records)
    if prepared is None:
        return None, validators
    prepared.references = []  # depth 1: a followed page's references are neither followed
    for c in prepared.chunks:  # nor stored
        c.metadata[REF_IDS] = ""
        c.metadata[CITED_BY] = json.dumps(cites)
    # The links of the stored version stay until `relink` has seen this run's articles.
    record = records.get(url) or {}
    links = {k: record.get(k, "[]") for k in (FOLLOWED_FROM, FOLLOWED_REF_IDS)}
    prepared.extra = {**(prepared.extra or {}), **validators, **links}
    return prepared, validators


def follow_references(kb: KnowledgeBase, settings, report: Report, allow_private: bool) -> None:
    """Follow the references of the articles this run ingested (or found unchanged)."""
    by_source = {
        r.source: r for r in report.results if r.status in ("added", "updated", "unchanged")
    }
    records = kb.records()
    articles = {s: (records.get(s) or {}).get("title", r.title) for s, r in by_source.items()}
    targets = _targets(kb, articles)
    budget = settings.follow_max_references
    statuses: dict[str, str] = {}
    todo: list[Target] = []
    for url, target in targets.items():
        record = records.get(url)
        if record is not None and FOLLOWED_FROM not in record:
            statuses[url] = IN_LIBRARY  # ingested as an article in its own right: left alone
        elif len(todo) >= budget:
            statuses[url] = (
                f"not fetched: over the limit of {budget} followed references per run "
                "(ASSISTANT_FOLLOW_MAX_REFERENCES)"
            )
        else:
            todo.append(target)

    gate = Gate(settings, allow_private)
    workers = max(1, min(settings.follow_concurrency, len(todo) or 1))
    with ThreadPoolExecutor(workers, thread_name_prefix="follow") as pool:
        outcomes = dict(
            zip(
                [t.url for t in todo],
                pool.map(lambda t: gate.follow(t.url, records.get(t.url)), todo),
                strict=True,
            )
        )

    batch: list[tuple[Prepared, SourceResult]] = []
    updates: dict[str, dict] = {}  # followed source -> record metadata to merge
    for target in todo:
        outcome = outcomes[target.url]
        record = records.get(target.url)
        statuses[target.url] = outcome.status
        if outcome.status == UNCHANGED and record:
            report.results.append(_result(target.url, "unchanged", record))
        if outcome.status != FETCHED:
            continue
        cites = [{"source": a, "title": t} for a, t, _ in target.cites]
        try:
            prepared, validators = _prepare(target.url, outcome.fetched, records, settings, cites)
        except IngestError as exc:
            statuses[target.url] = f"not ingested: {exc}"
            continue
        if prepared is None:
            statuses[target.url] = UNCHANGED
            updates[target.url] = validators
            report.results.append(_result(target.url, "unchanged", record))
        else:
            status = "updated" if record else "added"
            result = SourceResult(target.url, status, prepared.title, len(prepared.chunks))
            batch.append((prepared, result))
    if batch:
        try:
            embed_all(kb.embedder, [p for p, _ in batch])
            kb.put([p for p, _ in batch])
            report.results += [r for _, r in batch]
        except EmbeddingError as exc:
            for p, _ in batch:
                statuses[p.source] = f"not ingested: {exc}"
    for source, meta in updates.items():
        kb.update_record(source, meta)

    cited: dict[str, list[tuple[str, str, str]]] = {
        t.url: t.cites for t in targets.values() if t.url not in by_source
    }
    report.results += relink(kb, cited, set(by_source))
    _record_statuses(kb, report, targets, statuses)


def _result(source: str, status: str, record: dict) -> SourceResult:
    return SourceResult(source, status, record.get("title", ""), record.get("chunks", 0))


def relink(
    kb: KnowledgeBase, cited: dict[str, list[tuple[str, str, str]]], articles: set[str]
) -> list[SourceResult]:
    """Make each followed source's "cited by" list true again after `articles` were ingested
    (citing the URLs in `cited`) or removed (cited = {}). A followed source no article cites
    any more is removed: removing or pruning an article removes what it alone brought in."""
    out: list[SourceResult] = []
    records = kb.records()
    for source, record in sorted(records.items()):
        if FOLLOWED_FROM not in record:
            continue
        before = json_list(record.get(FOLLOWED_FROM))
        before_refs = json_list(record.get(FOLLOWED_REF_IDS))
        titles = {a: (records.get(a) or {}).get("title", "") for a in before}
        keep = [a for a in before if a not in articles]
        refs = [r for r, a in zip(before_refs, before, strict=False) if a not in articles]
        for article, title, ref_id in cited.get(source, []):
            if article not in keep:
                keep.append(article)
                refs.append(ref_id)
            titles[article] = title
        if not keep:
            kb.remove(source)
            out.append(SourceResult(source, "removed", record.get("title", "")))
            continue
        if keep == before and refs == before_refs and source not in cited:
            continue
        kb.update_record(
            source, {FOLLOWED_FROM: json.dumps(keep), FOLLOWED_REF_IDS: json.dumps(refs)}
        )
        ids = kb.chunks.get(where={"source": source}, include=[])["ids"]
        if ids:
            cites = json.dumps([{"source": a, "title": titles.get(a, "")} for a in keep])
            kb.chunks.update(ids=ids, metadatas=[{CITED_BY: cites}] * len(ids))
    return out


def _record_statuses(
    kb: KnowledgeBase, report: Report, targets: dict[str, Target], statuses: dict[str, str]
) -> None:
    """Each reference's status on its record (for `--list --json` and the Library) and in the
    report of the article that cites it."""
    ids, metas = [], []
    results = {r.source: r for r in report.results if r.status != "removed"}
    for url, target in targets.items():
        status = statuses.get(url, "not fetched")
        for article, _, ref_id in target.cites:
            ids.append(ref_id)
            metas.append({FOLLOW_STATUS: status, FOLLOWED_SOURCE: url})
            if article in results:
                results[article].followed.append({"ref_id": ref_id, "url": url, "status": status})
        if url in results and url not in {a for a, _, _ in target.cites}:
            results[url].cited_by = sorted({a for a, _, _ in target.cites})
    if ids:
        kb.references.update(ids=ids, metadatas=metas)


def reference_statuses(kb: KnowledgeBase) -> dict[str, list[dict]]:
    """article source -> its references with their follow status, for listings."""
    got = kb.references.get(include=["metadatas"])
    out: dict[str, list[dict]] = defaultdict(list)
    for meta in got["metadatas"] or []:
        if meta.get(FOLLOW_STATUS):
            out[meta["source"]].append(
                {
                    "label": meta.get("label", ""),
                    "url": meta.get("url", ""),
                    "status": meta[FOLLOW_STATUS],
                    "source": meta.get(FOLLOWED_SOURCE, ""),
                }
            )
    return dict(out)
