"""How a long-running server keeps its heap small under glibc's malloc.

glibc gives each thread that allocates while another holds the lock an arena of its own, up to
8 per core, and keeps what is freed in an arena for reuse instead of returning it to the system.
A server has many threads (the store's warm-up, Gradio's and the HTTP server's workers, Chroma's
own), and Chroma's reads allocate a lot for a moment (reading 9,000 source records or the first
filtered read costs 130-170 MB that is freed right after), so each arena ends up holding the
largest burst any of its threads ever made. Measured at 100k chunks on the 2-core bench machine
(README "Speed and memory"): idle RSS 1,210 MB with glibc's default, 975 MB with two arenas.
Python code holds the GIL, so fewer arenas cost no measurable speed.

`limit_malloc_arenas` must run before the process starts its threads (arenas already made
stay); `release_free_memory` hands the freed pages of every arena back after a burst such as
the warm-up. Both do nothing (and say so by returning False) off glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # mallopt parameter (malloc.h)
_libc: ctypes.CDLL | None | bool = False  # False: not looked up yet


def _glibc() -> ctypes.CDLL | None:
    global _libc
    if _libc is False:
        _libc = None
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            # gnu_get_libc_version exists on glibc only (musl and macOS have no mallopt arenas).
            if hasattr(libc, "gnu_get_libc_version") and hasattr(libc, "mallopt"):
                _libc = libc
        except OSError:
            pass
    return _libc


def limit_malloc_arenas(arenas: int) -> bool:
    """At most `arenas` malloc arenas in this process (0: leave glibc's default). An explicit
    MALLOC_ARENA_MAX in the environment wins: glibc read it at start-up."""
    if arenas <= 0 or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    libc = _glibc()
    if libc is None:
        return False
    ok = bool(libc.mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(arenas)))
    if not ok:
        log.warning("mallopt(M_ARENA_MAX, %d) failed; the heap may grow larger", arenas)
    return ok


def release_free_memory() -> bool:
    """Return the free pages of every malloc arena to the system (malloc_trim(0))."""
    libc = _glibc()
    if libc is None:
        return False
    libc.malloc_trim(ctypes.c_size_t(0))
    return True
