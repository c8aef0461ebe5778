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

Both patches last only while the import runs and put the library's own function back after.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
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
        yield
        return
    with _lock:
        saved = {name: getattr(overrides, name, None) for name in ("override", "overrides")}
        overrides.override = overrides.overrides = _marked
        try:
            yield
        finally:
            for name, real in saved.items():
                setattr(overrides, name, real)


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
