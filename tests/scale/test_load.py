"""Load: 50 concurrent API sessions against one served app on loopback; no errors allowed."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor, wait

import pytest

from tests.scale.conftest import needs_web

SESSIONS = 50
QUESTIONS = [
    "What's the median base salary range for AI engineers in the US?",
    "What kind of math does a machine learning engineer need to know?",
    "Which role pays more at the senior level?",
    "How fast is the AI engineer role growing?",
    "Which technologies do AI engineers mostly work with?",
]
OVERALL_TIMEOUT = 300  # seconds for all sessions together: a hang fails instead of blocking CI


def _session(url: str, n: int) -> list[tuple[float, str | None]]:
    """One user: its own client, five questions in turn. Returns (seconds, error) per question."""
    from gradio_client import Client

    out: list[tuple[float, str | None]] = []
    try:
        client = Client(url, verbose=False, download_files=False)
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none may pass silently
        return [(0.0, f"session {n} could not connect: {exc!r}")] * len(QUESTIONS)
    for i in range(len(QUESTIONS)):
        q = QUESTIONS[(i + n) % len(QUESTIONS)]  # stagger so sessions ask different things
        t0 = time.perf_counter()
        try:
            result = client.predict(q, [], api_name="/ask")
            error = None if result.get("citations") else f"session {n}, {q!r}: no citations"
        except Exception as exc:  # noqa: BLE001
            error = f"session {n}, {q!r}: {exc!r}"
        out.append((time.perf_counter() - t0, error))
    return out


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else 0


@needs_web
@pytest.mark.slow
def test_fifty_concurrent_sessions_get_cited_answers(seeded_store, serve):
    app = serve(seeded_store, ASSISTANT_MAX_QUEUE=256)
    pool = ThreadPoolExecutor(SESSIONS)
    t0 = time.perf_counter()
    futures = [pool.submit(_session, app.url, n) for n in range(SESSIONS)]
    done, pending = wait(futures, timeout=OVERALL_TIMEOUT)
    pool.shutdown(wait=False, cancel_futures=True)
    wall = time.perf_counter() - t0
    assert not pending, f"{len(pending)} sessions still running after {OVERALL_TIMEOUT}s"

    timings = [r for f in done for r in f.result()]
    errors = [e for _, e in timings if e]
    latencies = [s * 1000 for s, e in timings if not e]
    print(
        f"\nload: {SESSIONS} sessions x {len(QUESTIONS)} asks = {len(timings)} in {wall:.1f}s; "
        f"p50 {_pct(latencies, 50):.0f} ms, p95 {_pct(latencies, 95):.0f} ms, "
        f"errors {len(errors)}"
    )
    assert len(timings) == SESSIONS * len(QUESTIONS)
    assert not errors, errors[:5]
    assert app.proc.poll() is None, "the app died under load"
