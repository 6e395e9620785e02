"""Run pyHanko's coroutines from plain code, even from a thread whose event loop runs."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion and return its result.

    pyHanko's own sync entry points call ``asyncio.run``, which fails inside a running
    loop (a Qt-asyncio bridge, a FastAPI handler...). Here, with no loop running in this
    thread a private loop is used; with one running, the coroutine runs on a private loop
    in a helper thread and this thread waits.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="signing") as pool:
        return pool.submit(asyncio.run, coro).result()
