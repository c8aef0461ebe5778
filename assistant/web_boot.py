"""What the server does before gradio is imported, to start answering sooner after a restart.

Gradio rewrites a type-stub file (.pyi) next to its own source for every component class, at
every import: it parses each component module, cuts the class out of it and renders a template
per class. That is editor support for people developing gradio components; a server never reads
those files, and importing the web app took 3.6 s of CPU with it and 2.1 s without it on the
2-core bench machine (README "Speed and memory"). `skip_gradio_stubs()` makes that step a no-op
for this process only: gradio's installed files are left as they are.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.abc
import importlib.util
import sys
import threading
import types

STUB_MODULE = "gradio.component_meta"
STUB_WRITER = "create_or_modify_pyi"


def _no_stub(*_args, **_kwargs) -> None:
    return None


class _StubSkipper(importlib.abc.MetaPathFinder):
    """Finds gradio.component_meta through the other finders, then runs it with its stub
    writer replaced, before any component class is defined (they are defined after it)."""

    def __init__(self) -> None:
        self.done = False

    def find_spec(self, name, path, target=None):
        # Stays in sys.meta_path (inert once done): removing it while another thread walks the
        # list, as the store's opening thread does, could make that walk skip a finder.
        if self.done or name != STUB_MODULE:
            return None
        self.done = True  # once, and never in the way of the real lookup below
        spec = importlib.util.find_spec(name)
        loader = getattr(spec, "loader", None)
        run = getattr(loader, "exec_module", None)
        if run is None:
            return spec

        def exec_module(module) -> None:
            run(module)
            if callable(getattr(module, STUB_WRITER, None)):
                setattr(module, STUB_WRITER, _no_stub)
            _cache_event_docs(getattr(module, "EventListener", None))

        loader.exec_module = exec_module
        return spec


def _cache_event_docs(listener_class) -> None:
    """Gradio renders each event listener's docstring as a jinja2 template when a component
    class is defined: 216 templates compiled at import for 36 distinct texts (`import gradio`
    took 1.78 s of CPU with them, 1.47 s without). The same rendering, each text compiled once."""
    set_doc = getattr(listener_class, "set_doc", None)
    if set_doc is None or getattr(set_doc, "_compiled_once", False):
        return
    try:
        from jinja2 import Template
    except ImportError:
        return

    @functools.cache
    def template(text: str):
        return Template(text)

    def cached_set_doc(self, component: str) -> None:
        if self.listener.__doc__:
            self.listener.__doc__ = template(self.listener.__doc__).render(component=component)

    cached_set_doc._compiled_once = True
    listener_class.set_doc = cached_set_doc


def skip_gradio_stubs() -> bool:
    """Arrange for gradio's stub writing to be skipped; False when gradio is already imported
    (nothing to do then: its component classes exist)."""
    if STUB_MODULE in sys.modules or "gradio" in sys.modules:
        return False
    if not any(isinstance(f, _StubSkipper) for f in sys.meta_path):
        sys.meta_path.insert(0, _StubSkipper())
    return True


def note_missing_matplotlib() -> bool:
    """Gradio switches matplotlib's backend around every event it runs, importing matplotlib
    twice per event to do so; where it is not installed each import fails only after a search
    of every sys.path entry (about 2 ms of the 2-core machine's CPU per event). Python's own
    marker for a module known to be missing (None in sys.modules) makes that a dict lookup:
    the same ImportError, which gradio expects. True when the marker was set."""
    if "matplotlib" in sys.modules or importlib.util.find_spec("matplotlib") is not None:
        return False
    sys.modules["matplotlib"] = None
    return True


@contextlib.contextmanager
def one_tls_context():
    """While gradio is imported: its modules make httpx clients at import (for Hugging Face,
    proxied Spaces, remote files), each loading the CA bundle into a TLS context of its own,
    about 35 ms of CPU apiece on the critical path of a restart; a server on loopback never
    uses them. Inside this block those default-verifying clients share one context (httpx
    supports a context shared by clients: `verify=<SSLContext>`), verifying as before; any
    other settings get their own. Outside it httpx is as it was."""
    try:
        import httpx._transports.default as transports
    except ImportError:  # another httpx layout: nothing to share
        yield
        return
    made = getattr(transports, "create_ssl_context", None)
    if made is None:
        yield
        return
    shared: dict[bool, object] = {}

    def create(verify=True, cert=None, trust_env=True):
        if verify is not True or cert is not None:
            return made(verify=verify, cert=cert, trust_env=trust_env)
        if trust_env not in shared:
            shared[trust_env] = made(verify=True, cert=None, trust_env=trust_env)
        return shared[trust_env]

    transports.create_ssl_context = create
    try:
        yield
    finally:
        transports.create_ssl_context = made


class _OnFirstUse(types.ModuleType):
    """Stands in `sys.modules` for a module not imported yet: the first attribute read
    (a class, a function, `__path__` for a submodule) imports the real module, which then
    takes its place in `sys.modules`; a name bound to this stand-in reads the real module's
    attributes through it. One import at a time (a lock), whichever thread comes first."""

    def __init__(self, name: str, spec) -> None:
        super().__init__(name)
        self.__spec__ = spec
        self._real = None
        self._lock = threading.Lock()

    def __getattr__(self, attr: str):
        # only for names the stand-in lacks: its own (__spec__, _real, _lock) never get here
        return getattr(self._load(), attr)

    def _load(self):
        with self._lock:
            if self._real is None:
                if sys.modules.get(self.__name__) is self:
                    del sys.modules[self.__name__]
                self._real = importlib.import_module(self.__name__)
            return self._real


@contextlib.contextmanager
def pandas_on_first_use():
    """While gradio is imported: gradio imports pandas at import (for its function-result
    cache's hashing of DataFrames, which this app never uses), about 0.3-0.45 s of CPU with
    the Styler gradio's tables import on the critical path of a restart at the 2-core
    machine (README "Restart"). Inside this block `import pandas` gives a stand-in that
    imports pandas on the first read of any of its attributes, so pandas is imported when
    something uses it: the Library tab's first fill (gradio's table code), not the start.
    A no-op where pandas is imported already or not installed."""
    name = "pandas"
    if name in sys.modules:
        yield
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        yield
        return
    sys.modules[name] = _OnFirstUse(name, spec)
    yield


def import_deferred(warmed) -> None:
    """Once the page is served and `warmed()` has returned (the warm-up is over), import what
    `pandas_on_first_use` left for later, then freeze the objects it made as the start-up's
    are (see `Opening`). Left to its first use, pandas was imported by gradio's queue when it
    first summarised its event timings, at the 100th event (GRADIO_ANALYTICS_CACHE_FREQUENCY):
    0.3-0.45 s of CPU with the GIL held in the middle of a burst, every question in flight
    waiting. Here it runs at the start instead, once the indexes the first answer needs are
    built. A no-op where pandas is imported already or not installed."""
    warmed()
    stand_in = sys.modules.get("pandas")
    if isinstance(stand_in, _OnFirstUse):
        stand_in._load()
        gc.freeze()


@contextlib.contextmanager
def empty_tables_without_pandas():
    """While the page is built: gradio's table turns its initial value into what the page
    shows with pandas at hand (it imports pandas and pandas' Styler first, whatever the
    value). The Library table starts empty (every page load fills it), and an empty list
    becomes what gradio makes of it, the headers and no rows, without pandas; any other
    value goes through gradio's own code."""
    from gradio.components.dataframe import Dataframe, DataframeData

    real = Dataframe.__dict__["postprocess"]

    def postprocess(self, value):
        if isinstance(value, list) and not value:
            return DataframeData(headers=self.headers, data=[], metadata=None)
        return real(self, value)

    Dataframe.postprocess = postprocess
    try:
        yield
    finally:
        Dataframe.postprocess = real


@contextlib.contextmanager
def app_made_at_launch():
    """While the page is built: gradio makes its FastAPI app (82 routes, each analysed by
    FastAPI) when a Blocks is created, when its `with` block ends and at every `queue()`, and
    `launch()` makes it once more; only launch's is served. Inside this block the first three
    are skipped (about 0.25 s of CPU at start-up). Nothing may serve the Blocks before launch
    then, which `serve` does not; queue and launch settings are unchanged."""
    from gradio.routes import App

    made = App.__dict__["create_app"]
    App.create_app = staticmethod(_no_app)
    try:
        yield
    finally:
        App.create_app = made


def _no_app(*_args, **_kwargs) -> None:
    return None


def warm_and_release(assistant) -> None:
    """Warm the indexes, then hand back what the warm-up freed: reading the store's records
    and chunks allocates far more for a moment than the indexes keep (knowledge/memory.py)."""
    from knowledge.memory import release_free_memory

    assistant.warm()
    release_free_memory()


class Opening:
    """Opens the store and warms the indexes on a thread of its own, started before gradio is
    imported: loading the persisted lexical index, the article vocabulary and the word vectors
    (file and Chroma reads, numpy) overlaps the import instead of following it.

    `result()` waits for the open only (not the warm-up) and re-raises what opening raised
    (a StoreError names the fix). The warm-up runs only when the store holds articles: an
    empty store may be ingested into first (`--ingest-if-empty`), and `serve` warms after that.
    """

    def __init__(self, settings) -> None:
        # The libraries both gradio and the store stand on are imported here, on the calling
        # thread, before the two imports run side by side: only modules of one side or the other
        # are then imported concurrently (no two threads inside one package's import cycle).
        import httpx  # noqa: F401
        import numpy  # noqa: F401
        import pydantic  # noqa: F401

        # No cyclic garbage collection until the warm-up is over: start-up makes about 250,000
        # objects that live as long as the server (modules, indexes, the page), and the
        # collector scanned them again and again (six full passes, 0.9-2.1 s with the GIL held
        # at 100k chunks, README "Restart") for about 5,000 objects of garbage. At the end they are
        # frozen (`gc.freeze`: later passes skip them) and collection resumes.
        self._gc_paused = gc.isenabled()
        gc.disable()
        self.settings = settings
        self.assistant = None
        self.records: dict[str, dict] = {}
        self.error: BaseException | None = None
        self.warming = False
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._run, name="open", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from .service import Assistant

            self.assistant = Assistant.open(self.settings)
            # The records first: the page is built once they are read. Chroma runs one read
            # at a time, so loading its dense index beside them would only delay them.
            self.records = self.assistant.kb.records()
            self.warming = bool(self.records)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self.error = exc
        finally:
            self._opened.set()
        try:
            if self.warming:
                warm_and_release(self.assistant)
        finally:
            if self._gc_paused:
                gc.freeze()
                gc.enable()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the open and the warm-up (if any) are over."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def result(self):
        """(assistant, records) once the store is open."""
        self._opened.wait()
        if self.error is not None:
            raise self.error
        return self.assistant, self.records
