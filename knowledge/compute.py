"""How many threads numpy's BLAS may use in a process that answers questions.

OpenBLAS starts one thread per core and keeps them spinning between calls. Answering makes
many small matrix products (a question's words against a passage's words), so on 2 cores the
spinning threads cost more CPU than the products themselves: measured at 10k chunks, CPU per
warm ask fell from about 55 ms to about 30 ms with one BLAS thread, answers unchanged.
Concurrency comes from serving several questions at once, not from splitting one product.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
_done = threading.Event()
_lock = threading.Lock()


def one_blas_thread() -> None:
    """Limit BLAS to one thread in this process (once; later calls do nothing)."""
    if _done.is_set():
        return
    with _lock:
        if _done.is_set():
            return
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=1, user_api="blas")
        except Exception as exc:  # noqa: BLE001 - a speed setting: never stop answering for it
            log.warning("could not limit BLAS threads: %s", exc)
        _done.set()
