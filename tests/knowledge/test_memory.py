"""knowledge.memory: fewer malloc arenas and freed pages handed back (glibc only)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap

import pytest

from knowledge.memory import limit_malloc_arenas, release_free_memory
from knowledge.settings import REPO_ROOT

glibc = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="needs glibc"
)


def _run(code: str, **env: str) -> str:
    full = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    full.update(env, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_zero_leaves_the_default():
    assert limit_malloc_arenas(0) is False


@glibc
def test_arena_limit_is_applied_unless_the_environment_set_one():
    code = """
        from knowledge.memory import limit_malloc_arenas
        print(limit_malloc_arenas(2))
    """
    assert _run(code) == "True"
    assert _run(code, MALLOC_ARENA_MAX="4") == "False"  # glibc already read the variable


@glibc
def test_release_returns_freed_heap_pages_to_the_system():
    # 64 KB blocks come from the heap (below glibc's mmap threshold); keeping every tenth one
    # alive stops the heap from shrinking on its own, so the freed pages stay in this process
    # until malloc_trim hands them back.
    out = _run(
        """
        import psutil
        from knowledge.memory import release_free_memory
        proc = psutil.Process()
        blocks = [bytearray(64 * 1024) for _ in range(4000)]  # about 250 MB, touched
        kept = blocks[::10]
        del blocks
        before = proc.memory_info().rss
        ok = release_free_memory()
        after = proc.memory_info().rss
        print(ok, (before - after) // 2**20, len(kept))
        """
    )
    ok, freed_mb, _kept = out.split()
    assert ok == "True"
    assert int(freed_mb) >= 150, out


@glibc
def test_release_in_this_process_reports_glibc():
    assert release_free_memory() is True
