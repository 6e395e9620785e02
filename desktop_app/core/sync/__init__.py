"""The outbox engine: send batches that resume and never duplicate, then follow them.

Split by job (the DESIGN names one ``sync.py``; it would pass 1,000 lines):
``sender`` one dossier, ``batch`` many, ``follower`` status/history/results, ``payments``,
``supplements``, ``connectivity``, ``engine`` the façade the CLI and UI drive.
"""

from desktop_app.core.sync.batch import BatchResult, plan_batch
from desktop_app.core.sync.engine import RunSummary, SyncEngine
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.sender import Outcome, SendResult

__all__ = [
    "BatchResult",
    "EventHub",
    "Outcome",
    "RunSummary",
    "SendResult",
    "SyncEngine",
    "SyncEvent",
    "plan_batch",
]
