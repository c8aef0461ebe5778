"""Two third-party imports made cheaper, for a shorter restart (README "Restart").

- **chromadb** marks 162 methods with `overrides.override`, which at every import finds each
  method's base class by disassembling the class body's bytecode and compares the two
  signatures with `inspect`: a check for chromadb's own developers, about 0.3 s of CPU on the
  2-core machine. `unchecked_overrides()` lets the decorator only mark the method
  (`__override__`, what `EnforceOverrides` reads when the class is made), as it does before its
  checks; chromadb's classes and methods are the same objects either way (only a docstring the
  check would copy from a base class stays empty). Only chromadb uses `overrides` here.
- **wordfreq** finds its data folder at import with `locate.this_dir()`, which builds
  `inspect.stack()`: the source lines of every frame, and the resolved file of every loaded
  module (about 2,000 in the server), to read one frame's `__file__`. `import_wordfreq()` lets
  that call read the one frame it needs: the same folder.

- **chromadb's OpenTelemetry exporter.** chromadb imports the OTLP gRPC span exporter's
  class at import (gRPC and protobuf with it: about 0.2 s of CPU on the 2-core machine) to
  construct it only when a Chroma setting names a trace collector, which this app's never do.
  `unchecked_overrides()` also lets chromadb bind, under the exporter's name, a function that
  imports the real exporter and makes one: the same exporter if ever called, and gRPC stays
  out of the process otherwise.

The patches last only while the import runs and put the library's own modules and functions
back after.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import types
from pathlib import Path

_lock = threading.Lock()  # one patch at a time: each saves and restores module attributes


def _marked(method=None, **_checks):
    """`override` without its checks: marks the method and returns it, as the real one does
    (also when called with keyword arguments first, as `@override(check_signature=...)`)."""
    if method is None:
        return _marked
    method.__override__ = True
    return method


@contextlib.contextmanager
def unchecked_overrides():
    """While chromadb is imported (and its client made: it imports more on the way)."""
    try:
        import overrides
    except ImportError:  # chromadb without it: nothing to skip
        overrides = None
    with _lock, _exporter_made_on_use():
        if overrides is None:
            yield
            return
        saved = {name: getattr(overrides, name, None) for name in ("override", "overrides")}
        overrides.override = overrides.overrides = _marked
        try:
            yield
        finally:
            for name, real in saved.items():
                setattr(overrides, name, real)


OTLP_EXPORTER = "opentelemetry.exporter.otlp.proto.grpc.trace_exporter"


def _otlp_span_exporter(*args, **kwargs):
    """The real OTLPSpanExporter, imported when one is made (see the module's docstring)."""
    from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(*args, **kwargs)


@contextlib.contextmanager
def _exporter_made_on_use():
    """While chromadb is imported: its `from <OTLP_EXPORTER> import OTLPSpanExporter` finds a
    module holding `_otlp_span_exporter` under that name; after, the name is free again (the
    next import of the exporter imports the real one). Nothing changes where the exporter is
    imported already, or chromadb is."""
    if OTLP_EXPORTER in sys.modules or "chromadb.telemetry.opentelemetry" in sys.modules:
        yield
        return
    stand_in = types.ModuleType(OTLP_EXPORTER)
    stand_in.OTLPSpanExporter = _otlp_span_exporter
    sys.modules[OTLP_EXPORTER] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(OTLP_EXPORTER) is stand_in:
            del sys.modules[OTLP_EXPORTER]


def _caller_dir() -> Path:
    """`locate.this_dir()` read from the caller's frame alone: the folder of the calling
    module's file, else the working directory (locate's own rule)."""
    caller = sys._getframe(1).f_globals
    if "__file__" in caller:
        return Path(os.path.abspath(caller["__file__"])).parent
    return Path(os.path.abspath(os.getcwd()))


def import_wordfreq():
    """wordfreq, imported without the stack walk (a no-op when it is imported already)."""
    if "wordfreq" in sys.modules:
        return sys.modules["wordfreq"]
    try:
        import locate
    except ImportError:
        locate = None
    with _lock:
        real = getattr(locate, "this_dir", None)
        if real is not None:
            locate.this_dir = _caller_dir
        try:
            import wordfreq
        finally:
            if real is not None:
                locate.this_dir = real
    return wordfreq
