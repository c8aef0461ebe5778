"""The Gradio web app: a Chat tab, a Library tab and the /ask API. Mostly wiring.

Rendering lives in web_render (everything shown is escaped there), library changes in
web_library. `serve()` is what `python -m assistant serve` runs.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

# Before gradio is imported: no usage reporting and no version check from a local server.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from ingest.pipeline import ingest_sources  # noqa: E402
from knowledge.errors import StoreError  # noqa: E402

from .service import Assistant, QuestionError, clean_question  # noqa: E402
from .web_library import COLUMNS, UPLOAD_TYPES, Library, LibraryError, summary  # noqa: E402
from .web_render import CSS, mode_badge, notice_html, safe_markdown, sources_html  # noqa: E402

log = logging.getLogger(__name__)

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


def user_error(message: str) -> gr.Error:
    """A short error for the page and for API clients. Gradio renders an Error's message as HTML,
    and messages can quote a URL or file name the user typed, so tags are escaped."""
    return gr.Error(safe_markdown(message), print_exception=False)


# -- chat ---------------------------------------------------------------------------------------


def make_respond(assistant: Assistant):
    def respond(question: str, turns: list, chat: list):
        """Stream one answer into the chat; `turns` is the plain-text history for follow-ups."""
        try:
            question = clean_question(question)
        except QuestionError as exc:
            # A toast, not an error: an error would cover the conversation with an overlay.
            gr.Warning(safe_markdown(str(exc)))
            yield (gr.skip(),) * 5
            return
        chat = [
            *chat,
            {"role": "user", "content": safe_markdown(question)},
            {"role": "assistant", "content": THINKING},
        ]
        yield chat, gr.skip(), "", turns, ""
        text, result = "", None
        try:
            for event in assistant.ask_stream(question, turns):
                if event["type"] == "delta":
                    # The preview has links and images the final check would remove taken out.
                    text = event.get("preview", text + event["text"])
                    chat[-1] = {"role": "assistant", "content": safe_markdown(text)}
                    yield chat, gr.skip(), "", turns, ""
                else:
                    result = event["result"]
        except QuestionError as exc:
            raise user_error(str(exc)) from None
        except StoreError as exc:
            log.warning("store unavailable: %s", exc)
            chat[-1] = {"role": "assistant", "content": safe_markdown(f"Sorry: {exc}")}
            yield chat, sources_html(None), "", turns, ""
            return
        except Exception:
            log.exception("answering %r failed", question)
            chat[-1] = {
                "role": "assistant",
                "content": "Sorry: answering failed on the server (the log has details).",
            }
            yield chat, sources_html(None), "", turns, ""
            return
        chat[-1] = {"role": "assistant", "content": safe_markdown(result["answer"])}
        turns = [
            *turns,
            {"role": "user", "content": question},
            {"role": "assistant", "content": result["answer"]},
        ]
        yield chat, sources_html(result), notice_html(result.get("notice")), turns, ""

    return respond


def mark_stopped(chat: list, turns: list):
    """After Stop: label the unfinished answer, keeping whatever text had streamed."""
    if sum(m["role"] == "assistant" for m in chat) <= sum(t["role"] == "assistant" for t in turns):
        return gr.skip()  # the last answer had finished: nothing was stopped
    content = chat[-1]["content"]
    parts = content if isinstance(content, list) else [content]
    text = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in parts).strip()
    text = "" if text == THINKING else text
    chat[-1] = {"role": "assistant", "content": (text + "\n\n" if text else "") + "_Stopped._"}
    return chat


def make_ask(assistant: Assistant):
    def ask(question: str, history: list | None = None) -> dict:
        """Answer a question with [n] citations; the same JSON as `python -m assistant ask --json`.

        history: earlier turns as [{"role": "user"|"assistant", "content": str}, ...].
        """
        try:
            return assistant.ask(question, history or [])
        except (QuestionError, StoreError) as exc:
            raise user_error(str(exc)) from None

    return ask


# -- library ------------------------------------------------------------------------------------


def make_library_handlers(library: Library):
    def listing(selected: str | None = None):
        choices = library.choices()
        keep = selected if selected in {value for _, value in choices} else None
        return library.rows(), gr.Dropdown(choices=choices, value=keep)

    def records() -> list[dict]:
        """The articles in the library: source, title, kind, chunks, references, version, ..."""
        return library.records()

    def run(change, select_after: bool):
        try:
            report = change()
        except LibraryError as exc:
            raise user_error(str(exc)) from None
        if not report.ok:
            log.warning("library change failed: %s", report.as_dict())
            raise user_error(summary(report))
        new = report.results[-1].source if select_after and report.results else None
        table, dropdown = listing(new)
        return safe_markdown(summary(report)), report.as_dict(), table, dropdown

    def progress_cb(progress: gr.Progress):
        def on_progress(i: int, n: int, value: str) -> None:
            name = value.rsplit("/", 1)[-1]
            progress((i, n), desc=f"Ingesting {name}" if value else "Writing to the store")

        return on_progress

    def add_url(url: str, token: str, follow: bool = False, progress=PROGRESS):
        progress(0, desc="Fetching the article")
        return run(
            lambda: library.add_url(url, token, progress_cb(progress), follow=bool(follow)), True
        )

    def add_file(path: str | None, token: str, follow: bool = False, progress=PROGRESS):
        progress(0, desc="Reading the upload")
        return run(
            lambda: library.add_upload(path, token, progress_cb(progress), follow=bool(follow)),
            True,
        )

    def reingest(source: str | None, token: str, progress=PROGRESS):
        progress(0, desc="Re-ingesting")
        return run(lambda: library.reingest(source, token, progress_cb(progress)), True)

    def remove(source: str | None, token: str):
        return run(lambda: library.remove(source, token), False)

    def select_row(evt: gr.SelectData):
        rows = library.rows()
        row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        source = (
            rows[row][COLUMNS.index("source")] if isinstance(row, int) and row < len(rows) else None
        )
        return gr.Dropdown(choices=library.choices(), value=source)

    return listing, records, add_url, add_file, reingest, remove, select_row


# -- the page -----------------------------------------------------------------------------------


def build_app(assistant: Assistant) -> gr.Blocks:
    library = Library(assistant)
    with gr.Blocks(title="Career Article Assistant", analytics_enabled=False) as app:
        with gr.Row(equal_height=True):
            gr.Markdown(
                "## Career Article Assistant\nAnswers come only from the articles in the library; "
                "each [n] points to the passage shown under **Sources**."
            )
            gr.HTML(mode_badge(assistant.mode_label), elem_id="badge")
        with gr.Tab("Chat", id="chat-tab"):
            _chat_tab(assistant)
        with gr.Tab("Library", id="library-tab"):
            _library_tab(app, library)
        gr.api(
            make_ask(assistant),
            api_name="ask",
            api_description="Answer a question from the articles, with citations.",
        )
    return app


def _chat_tab(assistant: Assistant) -> None:
    turns = gr.State([])
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Conversation",
                elem_id="chat",
                height=520,
                sanitize_html=True,
                allow_tags=False,
                render_markdown=True,
                buttons=["copy"],
                feedback_options=None,
                placeholder="Ask about the roles, pay, skills or growth described in the articles.",
            )
            notice = gr.HTML("", elem_id="notice")
            question = gr.Textbox(
                show_label=False,
                placeholder="Ask a question and press Enter",
                elem_id="question",
                lines=1,
                max_lines=4,
                autofocus=True,
            )
            with gr.Row():
                ask_btn = gr.Button("Ask", variant="primary", elem_id="ask")
                stop_btn = gr.Button("Stop", variant="stop", elem_id="stop")
                clear_btn = gr.Button("Clear", elem_id="clear")
            gr.Markdown("**Try an example:**")
            with gr.Row():
                example_btns = [gr.Button(q, size="sm", elem_classes=["example"]) for q in EXAMPLES]
        with gr.Column(scale=2):
            sources = gr.HTML(sources_html(None), elem_id="sources")

    respond = make_respond(assistant)
    io = {
        "inputs": [question, turns, chatbot],
        "outputs": [chatbot, sources, notice, turns, question],
    }
    events = [
        question.submit(respond, **io, **PRIVATE),
        ask_btn.click(respond, **io, **PRIVATE),
    ]
    for btn, text in zip(example_btns, EXAMPLES, strict=True):
        events.append(
            btn.click(lambda t=text: t, None, question, queue=False, **PRIVATE).then(
                respond, **io, **PRIVATE
            )
        )
    stop_btn.click(mark_stopped, [chatbot, turns], chatbot, cancels=events, queue=False, **PRIVATE)
    clear_btn.click(
        lambda: ([], sources_html(None), "", [], ""),
        None,
        [chatbot, sources, notice, turns, question],
        cancels=events,
        queue=False,
        **PRIVATE,
    )


def _library_tab(app: gr.Blocks, library: Library) -> None:
    listing, records, add_url, add_file, reingest, remove, select_row = make_library_handlers(
        library
    )
    reason = library.read_only_reason
    writable = reason is None
    gr.Markdown(
        reason
        or "Add an article by URL or upload a file (.txt, .md, .html, .htm, .pdf, up to "
        f"{library.settings.upload_max_bytes / 1e6:g} MB). The chat answers from it right away.",
        elem_id="library-note",
    )
    table = gr.Dataframe(
        value=library.rows(),
        headers=COLUMNS,
        interactive=False,
        wrap=True,
        column_widths=["24%", "28%", "6%", "8%", "10%", "8%", "16%"],
        label="Articles",
        elem_id="library-table",
    )
    token = gr.Textbox(
        label="Admin token", type="password", visible=library.needs_token, elem_id="admin-token"
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
            choices=library.choices(),
            value=None,
            allow_custom_value=True,
            scale=3,
            elem_id="selected",
        )
        reingest_btn = gr.Button("Re-ingest", interactive=writable, scale=1)
        remove_btn = gr.Button("Remove", variant="stop", interactive=writable, scale=1)
        refresh_btn = gr.Button("Refresh list", scale=1)
    status = gr.Markdown(elem_id="library-status", min_height=48)
    with gr.Accordion("Details of the last change", open=False):
        report = gr.JSON(label="Report")

    outputs = [status, report, table, selected]
    # Progress and errors show on the status line only, not as overlays on the table.
    one_writer = {"concurrency_limit": 1, "concurrency_id": "library", "show_progress_on": status}
    add_url_btn.click(
        add_url, [url, token, follow], outputs, api_name="library_add_url", **one_writer
    )
    url.submit(add_url, [url, token, follow], outputs, **one_writer, **PRIVATE)
    add_file_btn.click(
        add_file, [upload, token, follow], outputs, api_name="library_add_file", **one_writer
    )
    reingest_btn.click(
        reingest, [selected, token], outputs, api_name="library_reingest", **one_writer
    )
    remove_btn.click(remove, [selected, token], outputs, api_name="library_remove", **one_writer)
    refresh_btn.click(listing, [selected], [table, selected], **PRIVATE)
    gr.api(records, api_name="library_list")
    table.select(select_row, None, selected, **PRIVATE)
    # A page load shows the library as it is now, not as it was when the server started.
    app.load(listing, None, [table, selected], **PRIVATE)


# -- serve --------------------------------------------------------------------------------------


def serve(settings, ingest_if_empty: bool = False) -> int:
    assistant = Assistant.open(settings)
    if ingest_if_empty and not assistant.kb.records():
        print(
            f"The store {settings.store} has no articles: ingesting {settings.corpus} …", flush=True
        )
        try:
            report = ingest_sources([str(settings.corpus)], assistant.kb, settings)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(summary(report), flush=True)
        if not report.ok:
            print("warning: some sources failed to ingest (see above)", file=sys.stderr)
    # Build the indexes while the page starts serving; the first question waits for them.
    threading.Thread(target=assistant.warm, name="warm", daemon=True).start()
    app = build_app(assistant)
    app.queue(default_concurrency_limit=settings.concurrency, max_size=settings.max_queue)
    url = f"http://{settings.host}:{settings.port}"
    try:
        app.launch(
            server_name=settings.host,
            server_port=settings.port,
            share=False,
            quiet=True,
            max_file_size=settings.upload_max_bytes,
            theme=THEME,
            css=CSS,
            ssr_mode=False,
            footer_links=["api", "settings"],
            run_history=False,
            show_error=False,
            prevent_thread_lock=True,
        )
    except OSError as exc:
        print(
            f"error: cannot serve on {settings.host}:{settings.port} ({exc}); pass a free --port",
            file=sys.stderr,
        )
        return 2
    print(f"Serving the assistant ({assistant.mode_label}) at {url}  (Ctrl+C to stop)", flush=True)
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
    return 0
