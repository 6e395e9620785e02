"""The sandbox portal: a local portal that speaks shared/portal-api.md exactly.

It is the server every client test talks to, the portal the app opens on for a newcomer,
and a training ground. It never imports ``desktop_app``; the two meet only on the wire.

Embedding (tests, the app's default mode)::

    from sandbox_portal.server import SandboxServer

    with SandboxServer(data_dir, pace=0) as server:
        requests.get(server.url + "/api/v1/health")

Command line: ``dossier-desk sandbox [--host H] [--port P] [--data DIR] [--pace S] [--no-demo]``.
"""

from __future__ import annotations

__version__ = "1.0.0"

__all__ = ["__version__"]
