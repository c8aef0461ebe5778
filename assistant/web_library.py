"""The Library tab's operations: list, add by URL or upload, re-ingest and remove articles.

No gradio here: web.py turns a LibraryError into a short message on the page.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import os
import re
import shutil
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ingest.load import is_url
from ingest.pipeline import Report, ingest_sources, remove_source
from knowledge.errors import StoreError
from knowledge.sanitize import display_text, source_name
from knowledge.schema import FOLLOWED_FROM, json_list

log = logging.getLogger(__name__)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
# What the Library table shows: the article's title and its file name or URL (never a path).
COLUMNS = ["title", "file or URL", "chunks", "references", "ingested_at", "version", "followed"]
RECORD_KEYS = ["title", "source", "chunks", "references", "ingested_at", "version", "followed"]
Progress = Callable[[str, int, int], None]  # (stage, done, total)
STAGES = {"loading": "Loading", "splitting": "Splitting", "embedding": "Embedding"}
STAGES["storing"] = "Storing"
# Characters a stored upload name keeps: letters and digits of any script, and a few marks.
_NAME_KEEP = re.compile(r"[^\w .()+,=@-]{1,255}")
_NAME_SPACES = re.compile(r"\s{1,255}")


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
    """The upload's own name as a safe single path component, in any script.

    Letters and digits of every language stay (“中文文章.txt” keeps its name). When anything
    had to be dropped or the name is empty, a short hash of the original name is added, so two
    different names never become the same stored file.
    """
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])[-255:]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    clean = _NAME_SPACES.sub(" ", _NAME_KEEP.sub("-", display_text(stem))).strip(" .-")[:100]
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()[:10]
    if not clean or clean != stem:
        digest = hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        clean = f"{clean or 'upload'}-{digest}"
    return f"{clean}.{ext}" if ext else clean


class Library:
    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.kb = assistant.kb
        # Resolved: source ids are absolute, so a relative --store must still match them.
        self.uploads = Path(os.path.realpath(Path(self.settings.store).expanduser())) / "uploads"
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

    def rows(self, records: list[dict] | None = None) -> list[list]:
        """The table: title and file name or URL through the one sanitizer, never a path.
        `records`: what `records()` just returned (one read of the store serves both the
        table and the choices: at 9,000 articles each read takes about a second)."""
        rows = []
        for r in self.records() if records is None else records:
            row = [_cell(r, k) for k in RECORD_KEYS]
            row[0] = display_text(row[0])
            row[1] = source_name(str(row[1]))
            row[-1] = display_text(row[-1])
            rows.append(row)
        return rows

    def choices(self, records: list[dict] | None = None) -> list[tuple[str, str]]:
        return [(label(r), r["source"]) for r in (self.records() if records is None else records)]

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
        """Ingest an uploaded file from a copy kept under the store.

        A new upload is checked before anything stored changes: when it fails, an earlier copy
        under the same name is put back and the stored article stays as it was.
        """
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
        backup = self.uploads / f".previous-{name}"
        with self._write:
            had_copy = dest.is_file()
            if had_copy:
                os.replace(dest, backup)
            try:
                shutil.copyfile(src, dest)
                report = self._store_call(
                    lambda: ingest_sources(
                        [str(dest)], self.kb, self.settings, progress=on_progress, follow=follow
                    )
                )
            except BaseException:
                self._restore(dest, backup, had_copy)
                raise
            if report.ok:
                backup.unlink(missing_ok=True)
            else:
                self._restore(dest, backup, had_copy)
        return report

    @staticmethod
    def _restore(dest: Path, backup: Path, had_copy: bool) -> None:
        """Put the earlier copy back (or drop the new one when there was none)."""
        if had_copy:
            os.replace(backup, dest)
        else:
            dest.unlink(missing_ok=True)

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
            ours = Path(os.path.realpath(path.parent)) == self.uploads
            if report.ok and not is_url(source) and ours and path.is_file():
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
                    inputs, self.kb, self.settings, progress=on_progress, follow=follow
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


def label(record: dict) -> str:
    """An article as the page names it: title and file name or URL, sanitized."""
    source = str(record.get("source", ""))
    title = display_text(record.get("title") or "")
    return f"{title} — {source_name(source)}" if title else source_name(source)


def stage_text(stage: str, done: int, total: int) -> str:
    """A progress line that names the real stage: "Embedding 256/700 passages"."""
    word = STAGES.get(stage, stage.capitalize())
    if stage == "embedding":
        return f"{word} {done}/{total} passages"
    if stage in ("loading", "splitting") and total > 1:
        return f"{word} article {done + 1} of {total}"
    return f"{word}…"


def summary(report: Report) -> str:
    """One line per source, for the status message; every article-derived string goes through
    the one sanitizer, and files are named without their server path."""
    lines = []
    for r in report.results:
        name = source_name(r.source)
        title = f"“{display_text(r.title)}”" if display_text(r.title).strip() else name
        if r.status == "failed":
            lines.append(f"Failed: {display_text((r.error or '').replace(r.source, name))}")
        elif r.status == "removed":
            lines.append(f"Removed {title}.")
        elif r.status == "unchanged":
            lines.append(f"{title} is unchanged ({r.chunks} passages).")
        else:
            lines.append(
                f"{r.status.capitalize()} {title}: {r.chunks} passages, {r.references} references."
            )
        if r.cited_by:
            cited = ", ".join(display_text(t) for t in r.cited_by)
            lines[-1] += f" A referenced page, cited by {cited}."
        lines += [f"- Reference {display_text(f['url'])}: {f['status']}" for f in r.followed]
    return "\n".join(lines) or "Nothing to do."
