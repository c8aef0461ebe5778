"""The server's start: gradio imported without its stub rewriting, the store opened and warmed
on a thread of its own while gradio imports."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from assistant.web_boot import Opening
from knowledge.errors import StoreError
from tests.conftest import REPO_ROOT, free_port

GRADIO_WITH_SKIP = """
from assistant.web_boot import skip_gradio_stubs
assert skip_gradio_stubs() is True
import gradio as gr
import gradio.component_meta as meta
assert meta.create_or_modify_pyi.__module__ == "assistant.web_boot", meta.create_or_modify_pyi
assert skip_gradio_stubs() is False  # gradio is imported: nothing left to arrange
with gr.Blocks() as app:  # components still work
    box = gr.Textbox(label="question")
    box.submit(lambda q: q, box, box)
assert app.get_config_file()["components"]
print("ok")
"""


def _python(*args: str, env: dict | None = None) -> str:
    """Run Python in a fresh interpreter (gradio may already be imported in this one); its
    stdout, after checking it succeeded."""
    out = subprocess.run(
        [sys.executable, "-c", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_gradio_imports_without_rewriting_its_stubs():
    assert _python(GRADIO_WITH_SKIP).strip() == "ok"


def test_opening_hands_over_the_assistant_and_warms_the_indexes(make_settings, store_copy):
    from knowledge.store import open_knowledge_base

    settings = make_settings(store=store_copy)
    opening = Opening(settings)
    assistant, records = opening.result()
    assert opening.warming
    assert opening.wait(120)
    assert set(records) == set(open_knowledge_base(settings).records())
    lexical = assistant.retriever.lexical
    assert lexical.stats["loaded"] + lexical.stats["built"] == 1  # index ready before a question
    assert assistant.retriever.size > 0
    result = assistant.ask("What skills does a machine learning engineer need?")
    assert result.passages and not result.abstained
    assert lexical.stats["loaded"] + lexical.stats["built"] == 1  # the question reused it


def test_opening_an_empty_store_leaves_the_warm_up_to_the_caller(make_settings):
    opening = Opening(make_settings())
    assistant, records = opening.result()
    assert records == {}
    assert opening.wait(60)
    assert not opening.warming  # serve ingests (--ingest-if-empty) first, then warms
    assert assistant.kb.chunks.count() == 0


def test_opening_raises_the_store_error_in_the_caller(make_settings):
    opening = Opening(make_settings(chroma_host="127.0.0.1", chroma_port=free_port()))
    with pytest.raises(StoreError, match="unset CHROMA_HOST"):
        opening.result()
    assert opening.wait(10)


EVENT_DOCS = """
import hashlib, sys
if sys.argv[1] == "skip":
    from assistant.web_boot import skip_gradio_stubs
    assert skip_gradio_stubs() is True
import gradio as gr
from gradio.events import EventListener
if sys.argv[1] == "skip":
    assert EventListener.set_doc._compiled_once  # each distinct text compiled once
docs = []
for name in sorted(dir(gr)):
    cls = getattr(gr, name)
    for event in getattr(cls, "EVENTS", None) or [] if isinstance(cls, type) else []:
        docs.append(f"{name}.{event}: {getattr(cls, str(event)).__doc__}")
assert len(docs) > 100 and not any("{{" in d for d in docs), len(docs)
print(len(docs), hashlib.sha256("\\n".join(docs).encode()).hexdigest())
"""


def test_event_docs_read_as_gradio_renders_them():
    """The docstrings of every component's events are the same text with the compiled-once
    templates as with gradio's own rendering (a fresh interpreter for each)."""
    outs = [_python(EVENT_DOCS, mode) for mode in ("skip", "plain")]
    assert outs[0].strip() == outs[1].strip()


NURSING = """# Night Nurse Handbook

A night nurse checks the ward every hour, hands over to the day nurse at seven and writes
the care notes. Night nurses earn a shift allowance on top of the base pay.
"""


def test_the_dense_index_loads_once_beside_the_warm_up(make_settings, store_copy):
    from assistant.service import Assistant

    assistant = Assistant.open(make_settings(store=store_copy))
    dense = assistant.warm_dense()
    assert assistant.warm_dense() is dense  # one load, whoever asks
    assistant.warm()
    assert dense.loaded and not dense.spent
    assert assistant.warm_dense() is dense


def test_an_empty_store_is_probed_again_once_it_holds_articles(make_settings, tmp_path):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources

    settings = make_settings()
    assistant = Assistant.open(settings)
    empty = assistant.warm_dense()
    empty.wait()
    assert not empty.loaded and empty.spent  # nothing to load yet
    article = tmp_path / "night-nurse.md"
    article.write_text(NURSING, encoding="utf-8")
    assert ingest_sources([str(article)], assistant.kb, settings).ok
    assistant.warm()
    again = assistant.warm_dense()
    assert again is not empty and again.loaded
    result = assistant.ask("What does a night nurse do?")
    assert result.passages and not result.abstained


def test_a_page_built_without_gradios_early_apps_serves_once_launched():
    import gradio as gr
    from gradio.routes import App
    from gradio_client import Client

    from assistant.web_boot import app_made_at_launch

    made = App.__dict__["create_app"]
    with app_made_at_launch():
        with gr.Blocks() as app:
            shift = gr.Textbox(label="shift")
            rota = gr.Textbox(label="rota")
            shift.submit(lambda s: f"night nurse: {s}", shift, rota, api_name="rota")
        app.queue(default_concurrency_limit=2, max_size=3)
        assert app.app is None  # no app made while building
    assert App.__dict__["create_app"] is made
    app.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True
    )
    try:
        assert app.app is not None and app._queue.max_size == 3
        client = Client(app.local_url, verbose=False, download_files=False)
        assert client.predict("19:00-07:00", api_name="/rota") == "night nurse: 19:00-07:00"
    finally:
        app.close()


def test_collection_pauses_while_the_store_opens_and_resumes_after(make_settings):
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    opening = Opening(make_settings())
    assert not gc.isenabled() or opening.wait(0)  # paused while the opening thread works
    assert opening.wait(60)
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen  # start-up's objects skipped by later passes
    finally:
        gc.unfreeze()


QUEUE_SETTINGS = """
import importlib.util, sys
import assistant.web  # noqa: F401 - what `serve` imports
from gradio.utils import MatplotlibBackendMananger
import gradio as gr

with gr.Blocks() as app:
    box = gr.Textbox()
    box.submit(lambda q: q, box, box)
from knowledge.settings import get_settings
assistant.web.queue_app(app, get_settings(concurrency=3, max_queue=7))
queue = app._queue
print(queue.ANAYLTICS_CACHE_FREQUENCY, queue.ANALYTICS_MAX_EVENTS, sys.modules.get("matplotlib", 1))
# places in the queue are sent every second, not to every waiting event at each event's start
print(queue.live_updates, queue.update_intervals, queue.default_concurrency_limit, queue.max_size)
with MatplotlibBackendMananger():  # what gradio runs around every event: no error
    pass
"""


def test_the_server_keeps_gradios_per_event_overheads_small():
    """Gradio's queue rebuilds its analytics table every 100 events over at most 1,000, sends
    waiting events their places every second (not all of them at each event's start), and a
    missing matplotlib is known as missing (None in sys.modules) rather than searched for."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRADIO_ANALYTICS")}
    every, kept, matplotlib, live, interval, limit, waiting = _python(
        QUEUE_SETTINGS, env=env
    ).split()
    assert (every, kept) == ("100", "1000")
    assert (live, interval, limit, waiting) == ("False", "1.0", "3", "7")
    if importlib.util.find_spec("matplotlib") is None:
        assert matplotlib == "None"


def test_an_installed_matplotlib_is_left_alone(tmp_path):
    # A stand-in package on the path: the marker must not hide a module that exists.
    (tmp_path / "matplotlib").mkdir()
    (tmp_path / "matplotlib" / "__init__.py").write_text("")
    code = (
        "import sys; from assistant.web_boot import note_missing_matplotlib as n; "
        "print(n(), sys.modules.get('matplotlib', 'absent'))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(tmp_path)])}
    assert _python(code, env=env).split() == ["False", "absent"]


SHARED_TLS = """
import importlib, ssl
import httpx
import assistant.web  # noqa: F401 - imports gradio the way `serve` does
clients = [importlib.import_module("gradio.processing_utils").sync_client,
           importlib.import_module("gradio.workflow")._HF_CLIENT]
contexts = [c._transport._pool._ssl_context for c in clients]
after = httpx.Client()._transport._pool._ssl_context
print(contexts[0] is contexts[1], all(c.verify_mode == ssl.CERT_REQUIRED and c.check_hostname
      for c in contexts), after is contexts[0], after.verify_mode == ssl.CERT_REQUIRED)
"""


def test_gradios_import_time_clients_share_one_verifying_tls_context():
    # Each would load the CA bundle for itself otherwise; the shared one still verifies, and
    # httpx clients made after gradio's import get contexts of their own again.
    assert _python(SHARED_TLS).split() == ["True", "True", "False", "True"]


PANDAS_ON_FIRST_USE = """
import sys
from assistant.web_boot import empty_tables_without_pandas, pandas_on_first_use
with pandas_on_first_use():
    import gradio as gr
import gradio.caching
standin = sys.modules["pandas"]
assert type(standin).__name__ == "_OnFirstUse", type(standin)
assert gradio.caching.pd is standin
columns = ["Dish", "Station", "Minutes"]
with empty_tables_without_pandas():
    with gr.Blocks() as fast:
        quick = gr.Dataframe(value=[], headers=columns, interactive=False, label="Prep list")
assert sys.modules["pandas"] is standin  # the page is built, pandas is not imported
with gr.Blocks() as slow:  # gradio's own code for the same table (imports pandas)
    real = gr.Dataframe(value=[], headers=columns, interactive=False, label="Prep list")
pandas = sys.modules["pandas"]
assert pandas is not standin and type(pandas).__name__ == "module"
assert quick.value == real.value, (quick.value, real.value)
assert gr.Dataframe.postprocess is real.postprocess.__func__  # gradio's own again
rows = quick.postprocess([["risotto", "saute", 18], ["creme brulee", "pastry", 40]])
assert rows.data[1] == ["creme brulee", "pastry", 40] and rows.headers == columns
# names bound to the stand-in read the real module; submodules import as usual
assert gradio.caching.pd.DataFrame is pandas.DataFrame
from pandas.io.formats.style import Styler
print(bool(gradio.caching.cache_hash(pandas.DataFrame({"dish": ["pho"]}))), Styler.__name__)
"""


def test_pandas_is_imported_on_first_use_and_an_empty_table_needs_none():
    """gradio imported with pandas on first use: a page with an empty table is built
    without importing pandas, and holds what gradio's own code makes of that table; pandas
    is imported by the first thing that uses it, for everyone holding the stand-in."""
    assert _python(PANDAS_ON_FIRST_USE).split() == ["True", "Styler"]


IMPORT_DEFERRED = """
import gc, sys
from assistant.web_boot import import_deferred, pandas_on_first_use
with pandas_on_first_use():
    import gradio as gr
import gradio.caching
standin = sys.modules["pandas"]
order = []
frozen = gc.get_freeze_count()
import_deferred(lambda: order.append(type(sys.modules["pandas"]).__name__))
pandas = sys.modules["pandas"]
assert order == ["_OnFirstUse"], order  # nothing imported before the warm-up was over
assert pandas is not standin and type(pandas).__name__ == "module"
assert gradio.caching.pd.DataFrame is pandas.DataFrame
assert gc.get_freeze_count() > frozen  # pandas' objects skipped by later collections
import_deferred(lambda: order.append("again"))  # pandas is imported: nothing more to do
print(order[-1], pandas.DataFrame({"shift": ["night"]}).shape)
"""


def test_what_was_left_for_first_use_is_imported_once_warm():
    """pandas, left out of gradio's import, is imported after the warm-up by `serve` (not by
    gradio's queue in the middle of the traffic), and its objects are frozen like the
    start-up's."""
    assert _python(IMPORT_DEFERRED).split() == ["again", "(1,", "1)"]
