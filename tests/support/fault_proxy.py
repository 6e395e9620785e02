"""A fault-injecting HTTP/1.1 proxy for tests, on loopback, with threads and plain sockets.

It sits between the portal client and the sandbox portal and, request by request, either
forwards faithfully or injects one fault:

- ``reset_request``: the headers and half the body reach the server, then both
  connections are reset (the server sees a body cut short, the client a reset);
- ``reset_response``: the request reaches the server, which answers (it committed); the
  client gets the status line, the headers and half the body, then a reset;
- ``stall``: the request is read but never forwarded; the proxy stays silent until the
  client gives up (its timeout) or ``stall_max`` passes, then resets;
- ``stall_committed``: forwarded and answered, but the answer is held past the client's
  timeout, then dropped;
- ``error_500``, ``error_503``, ``error_429``: the proxy answers itself, without
  forwarding; 503 and 429 carry ``Retry-After: <retry_after>``;
- ``lose_response``: forwarded and answered (committed), the answer dropped (reset).

Faults are chosen deterministically: first by :class:`Rule` s (method, path regex,
probability drawn from the seeded generator, at most ``times``, after ``skip``), then by a
:class:`Schedule` (explicit request numbers, or a seeded rate over a set of kinds). Every
request is recorded as a :class:`Exchange` (number, method, path, fault, the upstream
status when the server answered, whether the server replayed an idempotent answer), so a
test can prove that the faults it asked for really happened::

    with FaultProxy(sandbox.url, schedule=Schedule(seed=7, rate=0.1)) as proxy:
        client = PortalClient(proxy.url, ...)
        ...
        assert proxy.count(Fault.LOSE_RESPONSE, method="POST", committed=True) >= 1
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

__all__ = ["Exchange", "Fault", "FaultProxy", "Rule", "Schedule"]


class Fault(StrEnum):
    NONE = "none"
    RESET_REQUEST = "reset_request"
    RESET_RESPONSE = "reset_response"
    STALL = "stall"
    STALL_COMMITTED = "stall_committed"
    ERROR_500 = "error_500"
    ERROR_503 = "error_503"
    ERROR_429 = "error_429"
    LOSE_RESPONSE = "lose_response"


ALL_FAULTS = tuple(f for f in Fault if f is not Fault.NONE)
COMMITTING = frozenset({Fault.RESET_RESPONSE, Fault.STALL_COMMITTED, Fault.LOSE_RESPONSE})
"""Faults after which the server has done the work but the client does not know it."""


@dataclass
class Rule:
    """Inject ``fault`` into requests matching ``method`` and ``path`` (a regex searched in
    the path without query), with ``probability``, at most ``times`` times, after letting
    the first ``skip`` matching requests through."""

    fault: Fault
    method: str | None = None
    path: str | None = None
    probability: float = 1.0
    times: int | None = None
    skip: int = 0
    seen: int = field(default=0, init=False)
    fired: int = field(default=0, init=False)

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and method.upper() != self.method.upper():
            return False
        return self.path is None or re.search(self.path, path) is not None


@dataclass
class Schedule:
    """Request number ``n`` (from 1) gets ``at[n]`` when given; otherwise, with probability
    ``rate``, a fault drawn from ``kinds``. Requests whose path matches ``spare`` (a regex)
    are never touched by the schedule. The draws come from ``Random(seed)`` in request
    order, so the same sequence of requests gets the same faults."""

    seed: int = 1
    rate: float = 0.0
    kinds: tuple[Fault, ...] = ALL_FAULTS
    at: dict[int, Fault] = field(default_factory=dict)
    spare: str | None = None


@dataclass
class Exchange:
    """One request through the proxy."""

    number: int
    method: str
    path: str
    fault: Fault
    upstream_status: int | None = None
    replayed: bool = False
    request_bytes: int = 0  # body bytes received from the client (part of it when cut)
    started: float = 0.0


class _Closed(Exception):
    """The peer closed the connection (cleanly, between requests, or not)."""


class _Reader:
    """Buffered reads from a socket: lines and exact byte counts."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.received = 0  # every byte read from the socket

    def _fill(self) -> None:
        data = self.sock.recv(256 * 1024)
        if not data:
            raise _Closed()
        self.buffer += data
        self.received += len(data)

    def line(self, limit: int = 65536) -> bytes:
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                out = bytes(self.buffer[: end + 1])
                del self.buffer[: end + 1]
                return out
            if len(self.buffer) > limit:
                raise _Closed()
            self._fill()

    def exactly(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        out = bytes(self.buffer[:count])
        del self.buffer[:count]
        return out

    def rest(self) -> bytes:
        """Everything until the peer closes."""
        with contextlib.suppress(_Closed, OSError):
            while True:
                self._fill()
        out = bytes(self.buffer)
        self.buffer.clear()
        return out


@dataclass
class _Message:
    start: bytes  # request or status line, with CRLF
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def head_bytes(self, drop: Iterable[str] = (), add: Iterable[tuple[str, str]] = ()) -> bytes:
        dropped = {d.lower() for d in drop}
        lines = [self.start]
        for key, value in list(self.headers) + list(add):
            if key.lower() not in dropped:
                lines.append(f"{key}: {value}\r\n".encode("latin-1"))
        lines.append(b"\r\n")
        return b"".join(lines)


def _read_head(reader: _Reader) -> tuple[bytes, list[tuple[str, str]]]:
    start = reader.line()
    while start in (b"\r\n", b"\n"):  # tolerate stray blank lines between messages
        start = reader.line()
    headers = []
    while True:
        line = reader.line()
        if line in (b"\r\n", b"\n"):
            break
        key, _, value = line.decode("latin-1").partition(":")
        headers.append((key.strip(), value.strip()))
    return start, headers


def _read_chunked(reader: _Reader) -> bytes:
    """A chunked body, kept raw (relayed as it came)."""
    out = bytearray()
    while True:
        size_line = reader.line()
        out += size_line
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while True:  # trailers, up to the blank line
                trailer = reader.line()
                out += trailer
                if trailer in (b"\r\n", b"\n"):
                    return bytes(out)
        out += reader.exactly(size + 2)


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _body_length(headers: list[tuple[str, str]]) -> int:
    value = _header(headers, "content-length")
    return int(value) if value and value.strip().isdigit() else 0


def _reset(sock: socket.socket | None) -> None:
    """Close with RST (SO_LINGER 0), not a polite FIN."""
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


_STATUS_TEXT = {500: "Internal Server Error", 503: "Service Unavailable", 429: "Too Many Requests"}
_ERROR_CODE = {500: "internal_error", 503: "service_unavailable", 429: "rate_limited"}


class FaultProxy:
    """``FaultProxy(upstream_url, rules=[...], schedule=Schedule(...))``; ``.url`` is the
    proxy's origin. Start/stop, or use as a context manager."""

    def __init__(
        self,
        upstream_url: str,
        *,
        rules: list[Rule] | None = None,
        schedule: Schedule | None = None,
        seed: int = 1,
        retry_after: float = 1.0,
        stall_max: float = 30.0,
    ) -> None:
        parts = urlsplit(upstream_url)
        assert parts.hostname and parts.port, upstream_url
        self.upstream = (parts.hostname, parts.port)
        self.rules = list(rules or [])
        self.schedule = schedule
        self.retry_after = retry_after
        self.stall_max = stall_max
        self.exchanges: list[Exchange] = []
        self.enabled = True
        self._rng = random.Random(seed)
        self._schedule_rng: random.Random | None = None
        self._schedule_for: Schedule | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._sockets: set[socket.socket] = set()
        self._counter = 0
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop.clear()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _reset(sock)
        if self._thread is not None:
            self._thread.join(5)
        self._listener = self._thread = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what happened ---------------------------------------------------------------
    def count(
        self,
        fault: Fault | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        committed: bool | None = None,
    ) -> int:
        """Exchanges with that fault (any fault but ``none`` when None), method, path regex;
        ``committed=True``: only those the server answered below 500."""
        total = 0
        for e in list(self.exchanges):
            if fault is None and e.fault is Fault.NONE:
                continue
            if fault is not None and e.fault is not fault:
                continue
            if method is not None and e.method != method.upper():
                continue
            if path is not None and not re.search(path, e.path):
                continue
            if committed is not None:
                did = e.upstream_status is not None and e.upstream_status < 500
                if did != committed:
                    continue
            total += 1
        return total

    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in list(self.exchanges):
            out[e.fault.value] = out.get(e.fault.value, 0) + 1
        return out

    # -- choosing faults -------------------------------------------------------------
    def _decide(self, method: str, path: str) -> Exchange:
        with self._lock:
            self._counter += 1
            number = self._counter
            fault = Fault.NONE
            if self.enabled:
                fault = self._by_rules(method, path)
                if fault is Fault.NONE:
                    fault = self._by_schedule(number, path)
            exchange = Exchange(number, method, path, fault, started=time.monotonic())
            self.exchanges.append(exchange)
            return exchange

    def _by_rules(self, method: str, path: str) -> Fault:
        for rule in self.rules:
            if not rule.matches(method, path):
                continue
            rule.seen += 1
            if rule.seen <= rule.skip:
                continue
            if rule.times is not None and rule.fired >= rule.times:
                continue
            if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                continue
            rule.fired += 1
            return rule.fault
        return Fault.NONE

    def _by_schedule(self, number: int, path: str) -> Fault:
        schedule = self.schedule
        if schedule is None:
            return Fault.NONE
        if schedule is not self._schedule_for:
            self._schedule_for = schedule
            self._schedule_rng = random.Random(schedule.seed)
        rng = self._schedule_rng
        assert rng is not None
        # Two draws per request whatever happens, so the sequence stays the same.
        roll, pick = rng.random(), rng.randrange(1_000_000)
        if schedule.spare and re.search(schedule.spare, path):
            return Fault.NONE
        if number in schedule.at:
            return schedule.at[number]
        if schedule.rate and roll < schedule.rate and schedule.kinds:
            return schedule.kinds[pick % len(schedule.kinds)]
        return Fault.NONE

    # -- serving ---------------------------------------------------------------------
    def _accept(self) -> None:
        assert self._listener is not None
        self._listener.settimeout(0.1)  # so that stop() is noticed at once
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets.add(client)
            threading.Thread(
                target=self._serve, args=(client,), name="fault-proxy-conn", daemon=True
            ).start()

    def _track(self, sock: socket.socket | None, add: bool) -> None:
        if sock is None:
            return
        with self._lock:
            if add:
                self._sockets.add(sock)
            else:
                self._sockets.discard(sock)

    def _serve(self, client: socket.socket) -> None:
        reader = _Reader(client)
        try:
            while not self._stop.is_set():
                try:
                    if not self._one(client, reader):
                        return
                except (_Closed, OSError, ValueError):
                    return
        finally:
            self._track(client, False)
            with contextlib.suppress(OSError):
                client.close()

    def _one(self, client: socket.socket, reader: _Reader) -> bool:
        """Serve one request; False when the client connection is finished."""
        start, headers = _read_head(reader)
        method, target = start.decode("latin-1").split(" ", 2)[:2]
        path = urlsplit(target).path
        exchange = self._decide(method, path)
        fault = exchange.fault
        chunked = "chunked" in (_header(headers, "transfer-encoding") or "").lower()
        length = _body_length(headers)
        request = _Message(start, headers, b"")

        if fault is Fault.RESET_REQUEST and not chunked and length > 1:
            half = reader.exactly(length // 2)
            exchange.request_bytes = len(half)
            upstream = self._connect()
            try:
                upstream.sendall(
                    request.head_bytes(drop=("connection",), add=[("Connection", "close")])
                )
                upstream.sendall(half)
                time.sleep(0.05)  # let the server start reading the cut body
            finally:
                _reset(upstream)
                self._track(upstream, False)
            _reset(client)
            return False

        mark = reader.received - len(reader.buffer)  # where the body starts
        try:
            request.body = _read_chunked(reader) if chunked else reader.exactly(length)
        except _Closed:
            exchange.request_bytes = reader.received - mark  # the client died mid-body
            raise
        exchange.request_bytes = len(request.body)

        if fault is Fault.RESET_REQUEST:  # no body worth cutting: cut the headers instead
            upstream = self._connect()
            try:
                head = request.head_bytes(drop=("connection",), add=[("Connection", "close")])
                upstream.sendall(head[: len(head) // 2])
                time.sleep(0.02)
            finally:
                _reset(upstream)
                self._track(upstream, False)
            _reset(client)
            return False

        if fault in (Fault.ERROR_500, Fault.ERROR_503, Fault.ERROR_429):
            status = {Fault.ERROR_500: 500, Fault.ERROR_503: 503, Fault.ERROR_429: 429}[fault]
            client.sendall(self._error_bytes(status))
            return True

        if fault is Fault.STALL:
            self._hold(client)
            _reset(client)
            return False

        response = self._forward(request, method)
        exchange.upstream_status = int(response.start.split(b" ", 2)[1])
        exchange.replayed = (response.header("Idempotent-Replayed") or "").lower() == "true"

        if fault is Fault.LOSE_RESPONSE:
            _reset(client)
            return False
        if fault is Fault.STALL_COMMITTED:
            self._hold(client)
            _reset(client)
            return False

        head = response.head_bytes(drop=("connection", "keep-alive"))
        if fault is Fault.RESET_RESPONSE:
            if response.body:
                client.sendall(head + response.body[: len(response.body) // 2])
            else:
                client.sendall(head[: len(head) // 2])
            time.sleep(0.02)
            _reset(client)
            return False
        client.sendall(head + response.body)
        connection = (_header(headers, "connection") or "").lower()
        return connection != "close" and not start.endswith(b"HTTP/1.0\r\n")

    def _connect(self) -> socket.socket:
        upstream = socket.create_connection(self.upstream, timeout=60)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._track(upstream, True)
        return upstream

    def _forward(self, request: _Message, method: str) -> _Message:
        """Send the request on a fresh upstream connection; the whole response."""
        upstream = self._connect()
        try:
            upstream.sendall(
                request.head_bytes(drop=("connection",), add=[("Connection", "close")])
                + request.body
            )
            reader = _Reader(upstream)
            while True:
                start, headers = _read_head(reader)
                status = int(start.split(b" ", 2)[1])
                if status >= 200:
                    break  # skip 1xx interim answers
            if method.upper() == "HEAD" or status in (204, 304):
                body = b""
            elif "chunked" in (_header(headers, "transfer-encoding") or "").lower():
                body = _read_chunked(reader)
            elif _header(headers, "content-length") is not None:
                body = reader.exactly(_body_length(headers))
            else:
                body = reader.rest()
                headers = [*headers, ("Content-Length", str(len(body)))]
            return _Message(start, headers, body)
        finally:
            self._track(upstream, False)
            with contextlib.suppress(OSError):
                upstream.close()

    def _hold(self, client: socket.socket) -> None:
        """Say nothing until the client gives up (closes) or ``stall_max`` passes."""
        deadline = time.monotonic() + self.stall_max
        while not self._stop.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([client], [], [], 0.05)
            if readable:
                try:
                    if not client.recv(65536):
                        return  # the client closed: it timed out
                except OSError:
                    return

    def _error_bytes(self, status: int) -> bytes:
        body = json.dumps(
            {
                "error": {
                    "code": _ERROR_CODE[status],
                    "message": "Lỗi do proxy thử nghiệm gây ra.",
                    "details": {"injected": True},
                }
            }
        ).encode()
        lines = [
            f"HTTP/1.1 {status} {_STATUS_TEXT[status]}\r\n",
            "Content-Type: application/json\r\n",
            f"Content-Length: {len(body)}\r\n",
        ]
        if status in (503, 429):
            lines.append(f"Retry-After: {self.retry_after:g}\r\n")
        lines.append("\r\n")
        return "".join(lines).encode("latin-1") + body
