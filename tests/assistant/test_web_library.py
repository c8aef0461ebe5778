"""The Library's uploads and display against a real store (no server): Unicode names, a failed
re-upload that leaves the stored copy alone, images in titles, a relative --store, named
progress stages, and the upload endpoint's guard as an ASGI app."""

from __future__ import annotations

import asyncio
import re

import httpx

from assistant.service import Assistant
from assistant.web_guard import UPLOADS_PER_MINUTE, PageMeta, UploadGuard
from assistant.web_library import Library, summary

ARTICLE = """# {title}

## Pay

A {role} earns about $51,000 a year in most regions, according to the regional survey.
The {role} role is paid more in large cities, where demand for the work is higher.

## Skills

Every {role} needs patience, careful record keeping and a steady hand with the tools.
"""


def _library(make_settings, store, **overrides) -> Library:
    return Library(Assistant.open(make_settings(store=store, **overrides)))


def _write(path, title: str, role: str):
    path.write_text(ARTICLE.format(title=title, role=role), encoding="utf-8")
    return path


def test_upload_names_in_any_script_stay_distinct(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy)
    chinese = _write(tmp_path / "中文文章.txt", "Kite Mender Careers", "kite mender")
    russian = _write(tmp_path / "русская статья.txt", "Lamp Tuner Careers", "lamp tuner")
    first = library.add_upload(str(chinese), None)
    second = library.add_upload(str(russian), None)
    assert first.ok and second.ok
    a, b = first.results[0].source, second.results[0].source
    assert a.endswith("/uploads/中文文章.txt") and b.endswith("/uploads/русская статья.txt")
    titles = " | ".join(r["title"] for r in library.records())
    assert "Kite Mender Careers" in titles and "Lamp Tuner Careers" in titles
    # The table names each by its own file name, never by a server path.
    shown = {row[1] for row in library.rows()}
    assert {"中文文章.txt", "русская статья.txt"} <= shown
    assert not any("/" in s for s in shown if not s.startswith("http"))


def test_a_failed_reupload_keeps_the_stored_copy(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy)
    good = _write(tmp_path / "guide.md", "Kite Mender Careers", "kite mender")
    report = library.add_upload(str(good), None)
    source = report.results[0].source
    stored = library.uploads / "guide.md"
    before = stored.read_bytes()
    version = library.kb.records()[source]["version"]

    empty = tmp_path / "again" / "guide.md"
    empty.parent.mkdir()
    empty.write_text("")
    report = library.add_upload(str(empty), None)
    assert not report.ok and "is empty" in summary(report)
    # The stored copy and the stored article are as they were; re-ingest still works.
    assert stored.read_bytes() == before
    assert library.kb.records()[source]["version"] == version
    assert library.reingest(source, None).results[0].status == "unchanged"
    assert sorted(p.name for p in library.uploads.iterdir()) == ["guide.md"]


def test_a_failed_new_upload_leaves_no_copy(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy)
    empty = tmp_path / "nothing.txt"
    empty.write_text("   \n")
    report = library.add_upload(str(empty), None)
    assert not report.ok
    assert not any(library.uploads.iterdir())
    # The status names the file, not its path under the store.
    assert str(library.uploads) not in summary(report) and "nothing.txt" in summary(report)


def test_images_in_titles_never_reach_the_page(make_settings, tmp_path):
    library = _library(make_settings, tmp_path / "store")
    pixel = "http://127.0.0.1:9/pixel.gif"
    md = tmp_path / "tracked.md"
    _write(md, f"Kite Mender Careers ![px]({pixel})", "kite mender")
    md.write_text(md.read_text().replace("## Pay", f"## Pay ![px]({pixel})"), encoding="utf-8")
    report = library.add_upload(str(md), None)
    assert report.ok
    status = summary(report)
    table = " ".join(str(c) for row in library.rows() for c in row)
    choices = " ".join(label for label, _ in library.choices())
    for shown in (status, table, choices):
        assert "Kite Mender Careers" in shown
        assert "pixel.gif" not in shown and "![" not in shown
    # Related reading (an abstention) shows each section once, without the image.
    result = library.assistant.ask("How do I bake sourdough bread?")
    assert result["abstained"], result["answer"]
    related = result["answer"].split("Related reading:", 1)[1].strip().splitlines()
    assert related and len(related) == len(set(related))
    assert "pixel.gif" not in result["answer"] and "![" not in result["answer"]


def test_remove_deletes_the_upload_copy_with_a_relative_store(make_settings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    library = _library(make_settings, "rel-store")
    path = _write(tmp_path / "lamp.txt", "Lamp Tuner Careers", "lamp tuner")
    source = library.add_upload(str(path), None).results[0].source
    copy = tmp_path / "rel-store" / "uploads" / "lamp.txt"
    assert copy.is_file()
    assert library.remove(source, None).ok
    assert not copy.exists()


def test_progress_names_the_real_stages(make_settings, store_copy, tmp_path):
    library = _library(make_settings, store_copy)
    seen: list[tuple[str, int, int]] = []
    path = _write(tmp_path / "kite.md", "Kite Mender Careers", "kite mender")
    assert library.add_upload(str(path), None, lambda *a: seen.append(a)).ok
    stages = [s for s, _, _ in seen]
    assert stages.index("loading") < stages.index("splitting") < stages.index("embedding")
    assert stages.index("embedding") < stages.index("storing")
    done, total = next((d, t) for s, d, t in reversed(seen) if s == "embedding")
    assert done == total > 0


# -- the upload endpoint's guard ----------------------------------------------------------------


async def _accept(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"stored"})


def _post(app, headers=None, body=b"x" * 100, path="/gradio_api/upload"):
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.post(path, content=body, headers=headers or {})

    return asyncio.run(go())


def test_upload_guard_read_only_token_size_and_rate():
    read_only = UploadGuard(
        _accept, policy=lambda: ("the library is read-only", None), max_bytes=1000
    )
    got = _post(read_only)
    assert got.status_code == 403 and "read-only" in got.text

    guarded = UploadGuard(_accept, policy=lambda: (None, "tok-1"), max_bytes=1000)
    assert _post(guarded).status_code == 401
    assert "wrong" in _post(guarded, {"X-Admin-Token": "tok-2"}).text
    assert _post(guarded, {"X-Admin-Token": "tok-1"}).status_code == 200
    # Other routes pass untouched.
    assert _post(guarded, path="/gradio_api/queue/join").status_code == 200

    open_guard = UploadGuard(_accept, policy=lambda: (None, None), max_bytes=1000)
    assert _post(open_guard, body=b"x" * 200_000).status_code == 413
    codes = [_post(open_guard).status_code for _ in range(UPLOADS_PER_MINUTE + 1)]
    assert codes[:UPLOADS_PER_MINUTE] == [200] * UPLOADS_PER_MINUTE and codes[-1] == 429


def test_page_meta_names_the_app():
    page = (
        b'<html><head><meta property="og:title" content="Gradio" />'
        b'<meta name="twitter:title" content="Gradio" /><title>x</title></head></html>'
    )

    async def template(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"content-length", b"1")],
            }
        )
        await send({"type": "http.response.body", "body": page})

    app = PageMeta(template, title="Career Article Assistant", description="Cited answers")

    async def get():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get("/")

    html = asyncio.run(get()).text
    assert 'content="Gradio"' not in html
    assert re.search(r'og:title" content="Career Article Assistant"', html)
