"""The Gradio web app: a Chat tab, a Library tab and the /ask API. Mostly wiring.

Rendering lives in web_render (everything shown is escaped there), library changes in
web_library. `serve()` is what `python -m assistant serve` runs.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import threading
from pathlib import Path

# Before gradio is imported: no usage reporting and no version check from a local server.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# Gradio's queue rebuilds a pandas table of its last GRADIO_ANALYTICS_MAX_EVENTS events (10,000
# by default) after every event, for the API page's timing summary: at 10,000 events that was
# longer than an extractive answer. The summary is refreshed every 100 events, over 1,000.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")
from .web_boot import (  # noqa: E402
    Opening,
    app_made_at_launch,
    empty_tables_without_pandas,
    import_deferred,
    note_missing_matplotlib,
    one_tls_context,
    pandas_on_first_use,
    skip_gradio_stubs,
    warm_and_release,
)

skip_gradio_stubs()  # gradio's editor stubs are rewritten at every import otherwise
note_missing_matplotlib()  # gradio tries to import it around every event otherwise

# gradio's import-time httpx clients share one TLS context; pandas is imported on first use
with one_tls_context(), pandas_on_first_use():
    import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from ingest.pipeline import ingest_sources  # noqa: E402
from knowledge.errors import StoreError  # noqa: E402
from knowledge.memory import release_free_memory  # noqa: E402

from .service import Assistant, QuestionError, clean_question  # noqa: E402
from .web_api import ask_route  # noqa: E402
from .web_guard import UPLOAD_TTL_S, PageMeta, UploadGuard  # noqa: E402
from .web_library import (  # noqa: E402
    COLUMNS,
    UPLOAD_TYPES,
    Library,
    LibraryError,
    label,
    stage_text,
    summary,
)
from .web_render import (  # noqa: E402
    CSS,
    HEAD,
    MAX_SAVED_ANSWERS,
    link_citations,
    mode_badge,
    notice_html,
    safe_markdown,
    sources_panel,
)

log = logging.getLogger(__name__)

TITLE = "Career Article Assistant"
DESCRIPTION = (
    "Ask career questions (pay, skills, day-to-day work, growth) and get answers cited from "
    "the articles in your library."
)
EXAMPLES = [
    "Which role pays more?",
    "Compare AI engineers and ML engineers",
    "What skills does an ML engineer need?",
    "How fast is the AI engineer role growing?",
]
THINKING = "_Searching the articles…_"
# System fonts only: the default theme would fetch Google Fonts, and the page must work offline.
THEME = gr.themes.Default(
    font=["ui-sans-serif", "system-ui", "sans-serif"],
    font_mono=["ui-monospace", "monospace"],
)
PRIVATE = {"api_visibility": "private"}
PROGRESS = gr.Progress()  # a marker: gradio gives each call its own tracker
HISTORY_KEY = "career-assistant-chat"
EMPTY_HISTORY = {"chat": [], "turns": [], "answers": []}


def user_error(message: str) -> gr.Error:
    """A short error for the page and for API clients. Gradio renders an Error's message as HTML,
    and messages can quote a URL or file name the user typed, so tags are escaped."""
    return gr.Error(safe_markdown(message), print_exception=False)


# -- chat ---------------------------------------------------------------------------------------


def _stop(active: bool):
    return gr.Button(interactive=active)


def make_respond(assistant: Assistant):
    def respond(question: str, turns: list, chat: list, answers: list):
        """Stream one answer into the chat; `turns` is the plain-text history for follow-ups and
        `answers[k]` the result (with its sources) behind the k-th assistant message."""
        try:
            question = clean_question(question)
        except QuestionError as exc:
            # A toast, not an error: an error would cover the conversation with an overlay.
            gr.Warning(safe_markdown(str(exc)))
            yield (gr.skip(),) * 7
            return
        chat = [
            *chat,
            {"role": "user", "content": safe_markdown(question)},
            {"role": "assistant", "content": THINKING},
        ]
        answers = [*aligned(chat[:-1], answers), None]
        yield chat, gr.skip(), "", turns, "", answers, _stop(True)
        text, result = "", None
        try:
            for event in assistant.ask_stream(question, turns):
                if event["type"] == "delta":
                    # The preview has links and images the final check would remove taken out.
                    text = event.get("preview", text + event["text"])
                    chat[-1] = {"role": "assistant", "content": safe_markdown(text)}
                    yield chat, gr.skip(), "", turns, "", answers, gr.skip()
                else:
                    result = event["result"]
        except QuestionError as exc:
            raise user_error(str(exc)) from None
        except StoreError as exc:
            log.warning("store unavailable: %s", exc)
            chat[-1] = {"role": "assistant", "content": safe_markdown(f"Sorry: {exc}")}
            yield chat, sources_panel(answers), "", turns, "", answers, _stop(False)
            return
        except Exception:
            log.exception("answering %r failed", question)
            chat[-1] = {
                "role": "assistant",
                "content": "Sorry: answering failed on the server (the log has details).",
            }
            yield chat, sources_panel(answers), "", turns, "", answers, _stop(False)
            return
        k = len(answers) - 1
        answers[k] = result
        shown = link_citations(safe_markdown(result["answer"]), k, result.get("citations"))
        chat[-1] = {"role": "assistant", "content": shown}
        turns = [
            *turns,
            {"role": "user", "content": question},
            {"role": "assistant", "content": result["answer"]},
        ]
        notice = notice_html(result.get("notice"))
        yield chat, sources_panel(answers), notice, turns, "", answers, _stop(False)

    return respond


def mark_stopped(chat: list, turns: list):
    """After Stop: label the unfinished answer, keeping whatever text had streamed."""
    if sum(m["role"] == "assistant" for m in chat) <= sum(t["role"] == "assistant" for t in turns):
        return gr.skip(), _stop(False)  # the last answer had finished: nothing was stopped
    text = _text(chat[-1]["content"]).strip()
    text = "" if text == THINKING else text
    chat[-1] = {"role": "assistant", "content": (text + "\n\n" if text else "") + "_Stopped._"}
    return chat, _stop(False)


def _text(content) -> str:
    """A chat message's text, whether gradio hands it back as a string or as parts."""
    parts = content if isinstance(content, list) else [content]
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in parts)


def aligned(chat: list, answers: list) -> list:
    """answers[k] for the k-th assistant message: padded with None (no sources) or cut."""
    count = sum(m["role"] == "assistant" for m in chat)
    return [*answers[:count], *[None] * (count - len(answers))]


def save_history(chat: list, turns: list, answers: list) -> dict:
    """What the browser keeps (encrypted, in localStorage) so a reload shows the conversation."""
    chat = [{"role": m["role"], "content": _text(m["content"])} for m in chat]
    answers = aligned(chat, answers)
    cut = max(0, len(answers) - MAX_SAVED_ANSWERS)
    if cut:  # keep the newest answers; their messages and turns go with them
        chat, answers = chat[2 * cut :], answers[cut:]
    turns = turns[-2 * MAX_SAVED_ANSWERS :]
    return {"chat": chat, "turns": turns, "answers": answers}


def restore_history(saved):
    """The saved conversation, checked: anything malformed starts an empty chat."""
    try:
        chat, turns, answers = saved["chat"], saved["turns"], saved["answers"]
        ok = (
            all(m["role"] in ("user", "assistant") and isinstance(m["content"], str) for m in chat)
            and sum(m["role"] == "assistant" for m in chat) == len(answers)
            and all(a is None or isinstance(a, dict) for a in answers)
            and all(t["role"] in ("user", "assistant") for t in turns)
        )
    except (KeyError, TypeError):
        ok = False
    if not ok:
        return [], [], [], sources_panel([])
    return chat, turns, answers, sources_panel(answers)


def make_ask(assistant: Assistant):
    def ask(question: str, history: list | None = None) -> dict:
        """Answer a question with [n] citations; the same JSON as `python -m assistant ask --json`.

        history: earlier turns as [{"role": "user"|"assistant", "content": str}, ...].
        """
        try:
            return assistant.ask(question, history or []).to_json()
        except (QuestionError, StoreError) as exc:
            raise user_error(str(exc)) from None

    return ask


# -- library ------------------------------------------------------------------------------------


def make_library_handlers(library: Library):
    def listing(selected: str | None = None):
        recs = library.records()
        choices = library.choices(recs)
        keep = selected if selected in {value for _, value in choices} else None
        return library.rows(recs), gr.Dropdown(choices=choices, value=keep)

    def records() -> list[dict]:
        """The articles in the library: source, title, kind, chunks, references, version, ..."""
        return library.records()

    def run(change):
        try:
            report = change()
        except LibraryError as exc:
            raise user_error(str(exc)) from None
        if not report.ok:
            log.warning("library change failed: %s", report.as_dict())
            raise user_error(summary(report))
        # Nothing is pre-selected after a change: Remove only ever acts on a deliberate choice.
        table, dropdown = listing(None)
        return safe_markdown(summary(report)), report.as_dict(), table, dropdown

    def progress_cb(progress: gr.Progress):
        def on_progress(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=stage_text(stage, done, total))

        return on_progress

    def add_url(url: str, token: str, follow: bool = False, progress=PROGRESS):
        progress(0, desc="Fetching the article")
        return run(lambda: library.add_url(url, token, progress_cb(progress), follow=bool(follow)))

    def add_file(path: str | None, token: str, follow: bool = False, progress=PROGRESS):
        progress(0, desc="Reading the upload")
        try:
            return run(
                lambda: library.add_upload(path, token, progress_cb(progress), follow=bool(follow))
            )
        finally:
            discard_upload(path)

    def reingest(source: str | None, token: str, progress=PROGRESS):
        progress(0, desc="Re-ingesting")
        return run(lambda: library.reingest(source, token, progress_cb(progress)))

    def remove(source: str | None, token: str):
        return run(lambda: library.remove(source, token))

    def confirm_remove(source: str | None):
        """Remove asks first, naming the article; nothing changes until Yes."""
        record = library.kb.records().get(source or "")
        if record is None:
            raise user_error("select an article in the list first")
        question = f"Remove **{safe_markdown(label(record))}** from the library?"
        return gr.Column(visible=True), question

    def select_row(evt: gr.SelectData):
        recs = library.records()
        row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        source = recs[row]["source"] if isinstance(row, int) and row < len(recs) else None
        return gr.Dropdown(choices=library.choices(), value=source)

    return listing, records, add_url, add_file, reingest, remove, confirm_remove, select_row


def discard_upload(path: str | None) -> None:
    """Delete gradio's temp copy of an upload once the library has taken (or refused) it."""
    if not path:
        return
    temp = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(os.path.realpath("/tmp")) / "gradio")
    try:
        inside = Path(os.path.realpath(path)).is_relative_to(os.path.realpath(temp))
        if inside:
            Path(path).unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not delete the temp upload %s: %s", path, exc)


# -- the page -----------------------------------------------------------------------------------


def build_app(assistant: Assistant, library: Library | None = None) -> gr.Blocks:
    library = library or Library(assistant)
    with gr.Blocks(
        title=TITLE, analytics_enabled=False, delete_cache=(UPLOAD_TTL_S // 3, UPLOAD_TTL_S)
    ) as app:
        with gr.Row(equal_height=True, elem_id="title-row"):
            gr.Markdown(
                f"## {TITLE}\nAnswers come only from the articles in the library; click an [n] "
                "to see its passage, hover it to read the quote."
            )
            gr.HTML(mode_badge(assistant.mode_label), elem_id="badge")
        with gr.Tab("Chat", id="chat-tab"):
            _chat_tab(app, assistant)
        with gr.Tab("Library", id="library-tab"):
            _library_tab(app, library)
        gr.api(
            make_ask(assistant),
            api_name="ask",
            api_description="Answer a question from the articles, with citations.",
        )
    return app


def _history_secret(settings) -> str | None:
    """A per-store secret for the browser's saved chat, so history survives a server restart.
    None (a random one per start) when the store cannot hold it, or when the store is a Chroma
    server: then there is no local store folder, and none is created just for this key."""
    if settings.chroma_host:
        return None
    path = Path(settings.store) / "web-history.key"
    try:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip() or None
    except OSError:
        return None


def _chat_tab(app: gr.Blocks, assistant: Assistant) -> None:
    turns = gr.State([])
    answers = gr.State([])
    saved = gr.BrowserState(
        EMPTY_HISTORY, storage_key=HISTORY_KEY, secret=_history_secret(assistant.settings)
    )
    with gr.Row(elem_id="main-row"):
        with gr.Column(scale=3, elem_id="chat-col"):
            chatbot = gr.Chatbot(
                label="Conversation",
                show_label=False,
                elem_id="chat",
                height="auto",
                max_height=620,
                min_height=120,
                sanitize_html=True,
                allow_tags=False,
                render_markdown=True,
                buttons=["copy"],
                feedback_options=None,
                placeholder="Ask about the roles, pay, skills or growth described in the articles.",
            )
            notice = gr.HTML("", elem_id="notice")
            with gr.Column(elem_id="composer"):
                question = gr.Textbox(
                    show_label=False,
                    placeholder="Ask a question and press Enter",
                    elem_id="question",
                    lines=1,
                    max_lines=4,
                    autofocus=True,
                )
                with gr.Row():
                    ask_btn = gr.Button("Ask", variant="primary", elem_id="ask", min_width=80)
                    stop_btn = gr.Button(
                        "Stop", variant="stop", elem_id="stop", interactive=False, min_width=80
                    )
                    clear_btn = gr.Button("Clear chat", elem_id="clear", min_width=80)
                gr.Markdown("**Try an example:**")
                with gr.Row():
                    example_btns = [
                        gr.Button(q, size="sm", elem_classes=["example"]) for q in EXAMPLES
                    ]
        with gr.Column(scale=2, elem_id="sources-col"):
            sources = gr.HTML(sources_panel([]), elem_id="sources")

    respond = make_respond(assistant)
    io = {
        "inputs": [question, turns, chatbot, answers],
        "outputs": [chatbot, sources, notice, turns, question, answers, stop_btn],
    }
    keep = {"fn": save_history, "inputs": [chatbot, turns, answers], "outputs": saved}
    idle = {"fn": lambda: _stop(False), "inputs": None, "outputs": stop_btn}
    events = []
    for trigger in (
        question.submit(respond, **io, **PRIVATE),
        ask_btn.click(respond, **io, **PRIVATE),
    ):
        events.append(trigger)
        trigger.then(**idle, queue=False, **PRIVATE).then(**keep, **PRIVATE)
    for btn, text in zip(example_btns, EXAMPLES, strict=True):
        answer = btn.click(lambda t=text: t, None, question, queue=False, **PRIVATE).then(
            respond, **io, **PRIVATE
        )
        events.append(answer)
        answer.then(**idle, queue=False, **PRIVATE).then(**keep, **PRIVATE)
    stop_btn.click(
        mark_stopped, [chatbot, turns], [chatbot, stop_btn], cancels=events, queue=False, **PRIVATE
    ).then(**keep, **PRIVATE)
    clear_btn.click(
        lambda: ([], sources_panel([]), "", [], "", [], _stop(False), dict(EMPTY_HISTORY)),
        None,
        [chatbot, sources, notice, turns, question, answers, stop_btn, saved],
        cancels=events,
        queue=False,
        **PRIVATE,
    )
    # A reload shows the conversation saved in this browser.
    app.load(restore_history, saved, [chatbot, turns, answers, sources], **PRIVATE)


def _library_tab(app: gr.Blocks, library: Library) -> None:
    listing, records, add_url, add_file, reingest, remove, confirm_remove, select_row = (
        make_library_handlers(library)
    )
    reason = library.read_only_reason
    writable = reason is None
    gr.Markdown(
        reason
        or "Add an article by URL or upload a file (.txt, .md, .html, .htm, .pdf, up to "
        f"{library.settings.upload_max_bytes / 1e6:g} MB). The chat answers from it right away.",
        elem_id="library-note",
    )
    # The table and the choices start empty: every page load fills both (`app.load` below),
    # so rows made here would only be replaced, after going out in the page's config (at
    # 9,000 articles that cost about 2 s of a restart, and 3.4 MB of config every page and
    # every API client downloads: 85 KB without them).
    table = gr.Dataframe(
        value=[],
        headers=COLUMNS,
        interactive=False,
        wrap=True,
        column_widths=["22%", "23%", "7%", "10%", "12%", "10%", "16%"],
        label="Articles",
        elem_id="library-table",
    )
    token = gr.Textbox(
        label="Admin token (needed to add, upload, re-ingest or remove)",
        type="password",
        visible=library.needs_token,
        elem_id="admin-token",
    )
    with gr.Row():
        with gr.Column():
            url = gr.Textbox(label="Article URL", placeholder="https://…", elem_id="add-url")
            add_url_btn = gr.Button("Add URL", variant="primary", interactive=writable)
        with gr.Column():
            upload = gr.File(
                label="Upload an article",
                file_types=UPLOAD_TYPES,
                file_count="single",
                type="filepath",
                height=140,
                elem_id="upload",
                interactive=writable,
            )
            add_file_btn = gr.Button("Add file", variant="primary", interactive=writable)
    follow = gr.Checkbox(
        label="Follow its references: also fetch and add the pages its references link to",
        value=library.settings.follow_references,
        interactive=writable,
        elem_id="follow-references",
    )
    with gr.Row(equal_height=True):
        selected = gr.Dropdown(
            label="Selected article",
            choices=[],
            value=None,
            allow_custom_value=True,
            scale=3,
            elem_id="selected",
        )
        reingest_btn = gr.Button("Re-ingest", interactive=writable, scale=1, elem_id="reingest")
        remove_btn = gr.Button("Remove…", interactive=writable, scale=1, elem_id="remove")
        refresh_btn = gr.Button("Refresh list", scale=1)
    with gr.Column(visible=False, elem_id="confirm-remove") as confirm_box:
        confirm_text = gr.Markdown(elem_id="confirm-text")
        with gr.Row():
            yes_btn = gr.Button("Yes, remove it", variant="stop", elem_id="confirm-yes")
            no_btn = gr.Button("Cancel", elem_id="confirm-no")
    status = gr.Markdown(elem_id="library-status", min_height=48)
    # The full report is for API clients (it names sources by id); the page shows the summary.
    report = gr.JSON(visible=False)

    outputs = [status, report, table, selected]
    # Progress and errors show on the status line only, not as overlays on the table.
    one_writer = {"concurrency_limit": 1, "concurrency_id": "library", "show_progress_on": status}
    cleared = {"queue": False, **PRIVATE}
    add_url_btn.click(
        add_url, [url, token, follow], outputs, api_name="library_add_url", **one_writer
    ).success(lambda: "", None, url, **cleared)
    url.submit(add_url, [url, token, follow], outputs, **one_writer, **PRIVATE).success(
        lambda: "", None, url, **cleared
    )
    add_file_btn.click(
        add_file, [upload, token, follow], outputs, api_name="library_add_file", **one_writer
    ).success(lambda: None, None, upload, **cleared)
    reingest_btn.click(
        reingest, [selected, token], outputs, api_name="library_reingest", **one_writer
    )
    remove_btn.click(confirm_remove, selected, [confirm_box, confirm_text], **PRIVATE)
    no_btn.click(lambda: gr.Column(visible=False), None, confirm_box, **cleared)
    yes_btn.click(lambda: gr.Column(visible=False), None, confirm_box, **cleared)
    yes_btn.click(remove, [selected, token], outputs, api_name="library_remove", **one_writer)
    refresh_btn.click(listing, [selected], [table, selected], **PRIVATE)
    gr.api(records, api_name="library_list")
    table.select(select_row, None, selected, **PRIVATE)
    # A page load shows the library as it is now, not as it was when the server started.
    app.load(listing, None, [table, selected], **PRIVATE)


# -- serve --------------------------------------------------------------------------------------


# Seconds between the queue's notes to waiting browsers of their place in it. Gradio's "auto"
# sends every waiting event its place again each time an event starts: with 50 API clients
# waiting, about 50 messages per question, each written to its stream and read by its client
# (README, "Sixteenth pass").
STATUS_UPDATE_S = 1.0


def queue_app(app: gr.Blocks, settings) -> gr.Blocks:
    """Gradio's queue as `serve` runs it: at most `concurrency` events at once and
    `max_queue` waiting; places in the queue sent every STATUS_UPDATE_S seconds."""
    return app.queue(
        status_update_rate=STATUS_UPDATE_S,
        default_concurrency_limit=settings.concurrency,
        max_size=settings.max_queue,
    )


def serve(settings, ingest_if_empty: bool = False, opening: Opening | None = None) -> int:
    """Serve the page; one line per stage on stdout (what `make run` shows). `opening`: the
    store already being opened and warmed since before gradio was imported (the CLI does)."""
    opening = opening or Opening(settings)
    assistant, records = opening.result()
    if ingest_if_empty and not records:
        print(f"ingesting {_shown(settings.corpus)}/ …", flush=True)
        try:
            report = ingest_sources([str(settings.corpus)], assistant.kb, settings)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        totals = report.totals()
        print(
            f"ingested {_shown(settings.corpus)}/ ({totals['added']} articles, "
            f"{totals['chunks']} passages)",
            flush=True,
        )
        if not report.ok:
            print(summary(report), file=sys.stderr)
            print("warning: some sources failed to ingest (see above)", file=sys.stderr)
    else:
        passages = sum(int(r.get("chunks") or 0) for r in records.values())
        print(f"library: {len(records)} articles ({passages} passages)", flush=True)
    # Build the indexes while the page starts serving; the first question waits for them.
    warmed = opening.wait
    if not opening.warming:
        warming = threading.Thread(
            target=warm_and_release, args=(assistant,), name="warm", daemon=True
        )
        warming.start()
        warmed = warming.join
    library = Library(assistant)
    with app_made_at_launch(), empty_tables_without_pandas():
        app = build_app(assistant, library)
        queue_app(app, settings)
    url = f"http://{settings.host}:{settings.port}"
    guard = Middleware(
        UploadGuard,
        policy=lambda: (library.read_only_reason, settings.admin_token or None),
        max_bytes=settings.upload_max_bytes,
    )
    meta = Middleware(PageMeta, title=TITLE, description=DESCRIPTION)
    try:
        app.launch(
            server_name=settings.host,
            server_port=settings.port,
            share=False,
            quiet=True,
            max_file_size=settings.upload_max_bytes,
            theme=THEME,
            css=CSS,
            head=HEAD,
            ssr_mode=False,
            footer_links=["api", "settings"],
            run_history=False,
            show_error=False,
            prevent_thread_lock=True,
            # launch checks the new server with one GET to it: plain http on loopback, so no
            # CA bundle to load for it (about 0.25 s of CPU before the page is served)
            ssl_verify=False,
            app_kwargs={
                "middleware": [guard, meta],
                # POST /v1/ask: the same answer as gradio_client's /ask, outside the queue.
                "routes": [ask_route(assistant, settings.concurrency, settings.max_queue)],
            },
        )
    except OSError as exc:
        print(
            f"error: cannot serve on {settings.host}:{settings.port} ({exc}); pass a free --port",
            file=sys.stderr,
        )
        return 2
    print(f"serving on {url} ({assistant.mode_label}; Ctrl+C to stop)", flush=True)
    threading.Thread(target=import_deferred, args=(warmed,), name="imports", daemon=True).start()
    release_free_memory()  # what importing gradio and building the page freed
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
    return 0


def _shown(path) -> str:
    """A path as typed relative to the working directory when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
