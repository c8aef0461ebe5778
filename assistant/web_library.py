"""The Library tab's operations: list, add by URL or upload, re-ingest and remove articles.

No gradio here: web.py turns a LibraryError into a short message on the page.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from ingest.load import is_url
from ingest.pipeline import Report, ingest_sources, remove_source
from knowledge.errors import StoreError
from knowledge.schema import FOLLOWED_FROM, json_list

log = logging.getLogger(__name__)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
COLUMNS = ["title", "source", "chunks", "references", "ingested_at", "version", "followed"]
Progress = Callable[[int, int, str], None]


class LibraryError(ValueError):
    """A library change that cannot be made as asked; the message says what to do."""


def is_loopback(host: str) -> bool:
    if host.strip().lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def safe_filename(name: str) -> str:
    """The upload's own name, reduced to a safe single path component."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_")[:100] or "upload"
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()
    return f"{stem}.{ext}" if ext else stem


class Library:
    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.kb = assistant.kb
        self.uploads = Path(self.settings.store) / "uploads"
        # One writer at a time inside this process; the store's file lock guards other processes.
        self._write = threading.Lock()

    # -- who may change the library -----------------------------------------------------------

    @property
    def needs_token(self) -> bool:
        return bool(self.settings.admin_token)

    @property
    def read_only_reason(self) -> str | None:
        if self.needs_token or is_loopback(self.settings.host):
            return None
        return (
            f"The library is read-only: this server listens on {self.settings.host}, not on "
            "localhost, and no admin token is set. Set ASSISTANT_ADMIN_TOKEN to allow changes."
        )

    def check_write(self, token: str | None) -> None:
        if self.read_only_reason:
            raise LibraryError(self.read_only_reason)
        if self.needs_token:
            given = (token or "").encode()
            if not given:
                raise LibraryError("enter the admin token to change the library")
            if not hmac.compare_digest(given, self.settings.admin_token.encode()):
                log.warning("library change refused: wrong admin token")
                raise LibraryError("the admin token is wrong")

    # -- reading ------------------------------------------------------------------------------

    def records(self) -> list[dict]:
        """Each source's record. An article whose references were followed lists them with
        their status under "followed"; a page reached through a reference names the articles
        citing it under "cited_by"."""
        from ingest.follow import reference_statuses

        followed = reference_statuses(self.kb)
        stored = self.kb.records()
        recs = []
        for r in stored.values():
            extra: dict = {}
            if r["source"] in followed:
                extra["followed"] = followed[r["source"]]
            if r.get(FOLLOWED_FROM):
                citing = [str(a) for a in json_list(r[FOLLOWED_FROM])]
                extra["cited_by"] = [(stored.get(a) or {}).get("title") or a for a in citing]
            recs.append({**r, **extra})
        return sorted(recs, key=lambda r: (str(r.get("title", "")).lower(), r.get("source", "")))

    def rows(self) -> list[list]:
        return [[_cell(r, c) for c in COLUMNS] for r in self.records()]

    def choices(self) -> list[tuple[str, str]]:
        return [
            (f"{r.get('title') or r['source']} — {r['source']}", r["source"])
            for r in self.records()
        ]

    # -- changes ------------------------------------------------------------------------------

    def add_url(
        self,
        url: str,
        token: str | None,
        on_progress: Progress | None = None,
        follow: bool | None = None,
    ) -> Report:
        self.check_write(token)
        url = (url or "").strip()
        if not url:
            raise LibraryError("enter the article's URL (http or https)")
        if not is_url(url) or not url.lower().startswith(("http://", "https://")):
            raise LibraryError(f"{url[:200]} is not an http(s) URL")
        return self._ingest([url], on_progress, follow)

    def add_upload(
        self,
        path: str | None,
        token: str | None,
        on_progress: Progress | None = None,
        name: str | None = None,
        follow: bool | None = None,
    ) -> Report:
        self.check_write(token)
        if not path:
            raise LibraryError("choose a file to upload first")
        src = Path(path)
        name = safe_filename(name or src.name)
        ext = Path(name).suffix.lower()
        if ext not in UPLOAD_TYPES:
            raise LibraryError(f"{name}: unsupported file type; upload {', '.join(UPLOAD_TYPES)}")
        size = src.stat().st_size
        if size > self.settings.upload_max_bytes:
            raise LibraryError(
                f"{name} is {size:,} bytes; the upload limit is {self.settings.upload_max_bytes:,}"
            )
        # A stable copy under the store: the source identity survives the temp upload, and a
        # later upload with the same name replaces that article instead of adding a twin.
        self.uploads.mkdir(parents=True, exist_ok=True)
        dest = self.uploads / name
        with self._write:
            shutil.copyfile(src, dest)
        return self._ingest([str(dest)], on_progress, follow)

    def reingest(
        self, source: str | None, token: str | None, on_progress: Progress | None = None
    ) -> Report:
        self.check_write(token)
        source = self._known(source)
        if not is_url(source) and not Path(source).is_file():
            raise LibraryError(f"{source} no longer exists on disk; remove it or upload it again")
        return self._ingest([source], on_progress)

    def remove(self, source: str | None, token: str | None) -> Report:
        self.check_write(token)
        source = self._known(source)
        with self._write:
            report = self._store_call(lambda: remove_source(self.kb, source))
            path = Path(source)
            if report.ok and not is_url(source) and path.parent == self.uploads and path.is_file():
                path.unlink()  # our own copy: nothing else refers to it
        return report

    def _known(self, source: str | None) -> str:
        if not source:
            raise LibraryError("select an article in the list first")
        if source not in self.kb.records():
            raise LibraryError(f"{source} is not in the library (refresh the list)")
        return source

    def _ingest(
        self, inputs: list[str], on_progress: Progress | None, follow: bool | None = None
    ) -> Report:
        """`follow` None: the follow_references setting decides."""
        with self._write:
            return self._store_call(
                lambda: ingest_sources(
                    inputs, self.kb, self.settings, on_progress=on_progress, follow=follow
                )
            )

    @staticmethod
    def _store_call(fn):
        try:
            return fn()
        except StoreError as exc:
            log.warning("library change failed: %s", exc)
            raise LibraryError(str(exc)) from None


def _cell(record: dict, column: str):
    if column != "followed":
        return record.get(column, "")
    if record.get("followed"):  # an article whose references were followed: their statuses
        return "; ".join(f"{f['label'] or f['url']}: {f['status']}" for f in record["followed"])
    if record.get("cited_by"):  # a page reached through a reference
        return "cited by " + ", ".join(record["cited_by"])
    return ""


def summary(report: Report) -> str:
    """One line per source, for the status message."""
    lines = []
    for r in report.results:
        title = f"“{r.title}”" if r.title else r.source
        if r.status == "failed":
            lines.append(f"Failed: {r.error}")
        elif r.status == "removed":
            lines.append(f"Removed {title}.")
        elif r.status == "unchanged":
            lines.append(f"{title} is unchanged ({r.chunks} passages).")
        else:
            lines.append(
                f"{r.status.capitalize()} {title}: {r.chunks} passages, {r.references} references."
            )
        if r.cited_by:
            lines[-1] += " A referenced page, cited by " + ", ".join(r.cited_by) + "."
        lines += [f"- Reference {f['url']}: {f['status']}" for f in r.followed]
    return "\n".join(lines) or "Nothing to do."
