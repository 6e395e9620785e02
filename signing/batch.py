"""Sign many PDFs with one key session: a result per file, cancel between files."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from signing._aio import run_sync
from signing.keys import KeySession
from signing.messages import SigningError, error
from signing.options import SignOptions
from signing.sign import DEFAULT_OPTIONS, SignResult, async_sign_pdf, prepare_session

__all__ = ["BatchProgress", "async_sign_batch", "sign_batch"]


@dataclass(frozen=True)
class BatchProgress:
    """Reported after each file: how far the batch is, and that file's result."""

    done: int
    total: int
    result: SignResult


Cancel = Callable[[], bool] | threading.Event


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def sign_batch(
    items: Sequence[tuple[Path, Path]],
    session: KeySession,
    options: SignOptions = DEFAULT_OPTIONS,
    *,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: Cancel | None = None,
) -> list[SignResult]:
    """Sign each ``(source, output)`` with ``session``; see :func:`async_sign_batch`."""
    return run_sync(async_sign_batch(items, session, options, progress=progress, cancel=cancel))


async def async_sign_batch(
    items: Sequence[tuple[Path, Path]],
    session: KeySession,
    options: SignOptions = DEFAULT_OPTIONS,
    *,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: Cancel | None = None,
) -> list[SignResult]:
    """Sign every file; one result per item, in order.

    The certificate is checked once, before any file: if it is refused, the
    :class:`SigningError` is raised and nothing is signed. After that a file that fails
    gets ``ok=False`` and its ``problem``, and the batch goes on. ``cancel`` (an
    ``Event`` or a function) is checked before each file; the files not started get
    ``sign.cancelled``. ``progress`` is called after each file, on this thread.
    """
    await prepare_session(session, options)
    results: list[SignResult] = []
    total = len(items)
    for source, output in items:
        source, output = Path(source), Path(output)
        if _cancelled(cancel):
            result = SignResult(
                source, None, ok=False, problem=error("sign.cancelled", path=str(source))
            )
        else:
            try:
                result = await async_sign_pdf(source, output, session, options)
            except SigningError as exc:
                result = SignResult(source, None, ok=False, problem=exc.problem)
        results.append(result)
        if progress is not None:
            progress(BatchProgress(len(results), total, result))
    return results
