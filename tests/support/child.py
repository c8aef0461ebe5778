"""Running a piece of code in a fresh interpreter under a time limit: the hostile-input tests'
way to show that work finishes (a super-linear regex never would), without timed assertions
in the test process itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from knowledge.settings import REPO_ROOT


def finishes(code: str, limit_s: float) -> None:
    """Run code in a fresh interpreter from the repository root; fail if it takes longer than
    `limit_s` or raises."""
    try:
        subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=REPO_ROOT,
            check=True,
            timeout=limit_s,
            capture_output=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {limit_s}s")
    except subprocess.CalledProcessError as exc:
        pytest.fail(exc.stderr.decode()[-2000:])
