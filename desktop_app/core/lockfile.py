"""One sync at a time per profile, across processes (the window and ``dossier-desk sync``).

An OS file lock: the kernel releases it when the holder dies, even by SIGKILL or a power
cut, so a crashed sync never blocks the next one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from desktop_app.core.messages import UserError, register

register(
    {
        "lock.busy": (
            "Một phiên gửi/đồng bộ khác đang chạy trên hồ sơ cá nhân này; hãy chờ nó xong.",
            "Another send/sync is running on this profile; wait for it to finish.",
        ),
    }
)

if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ProfileLock:
    """``with ProfileLock(profile / "sync.lock", timeout=30): ...``"""

    def __init__(self, path: Path, timeout: float = 0.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise UserError("lock.busy")
            time.sleep(0.1)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ProfileLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
