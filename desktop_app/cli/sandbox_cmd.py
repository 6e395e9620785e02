"""``dossier-desk sandbox``: run the bundled sandbox portal in the foreground (shared/cli.md)."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8765


def register(subparsers: Any) -> None:
    """Add the ``sandbox`` subcommand."""
    parser = subparsers.add_parser(
        "sandbox",
        help="chạy cổng dịch vụ công sandbox (tập huấn) / run the sandbox portal",
        description="Chạy cổng dịch vụ công sandbox trên máy này cho đến khi nhấn Ctrl+C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"cổng ({DEFAULT_PORT})")
    parser.add_argument("--data", type=Path, help="thư mục dữ liệu (mặc định: <home>/sandbox)")
    parser.add_argument(
        "--pace",
        type=float,
        default=20.0,
        help="số giây giữa hai lượt xử lý của cán bộ mô phỏng (0 = chỉ xử lý bằng tay)",
    )
    parser.add_argument("--no-demo", action="store_true", help="không tạo tài khoản demo/demo")
    parser.add_argument("--seed", type=int, help="hạt giống ngẫu nhiên (để lặp lại kịch bản)")
    parser.set_defaults(handler=handle)


def handle(
    args: argparse.Namespace,
    context: Any,
    *,
    ready: threading.Event | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve until Ctrl+C (or ``stop`` is set, for tests); 0 on a clean stop."""
    from sandbox_portal.server import SandboxServer

    data = args.data if args.data is not None else Path(context.home) / "sandbox"
    server = SandboxServer(
        data,
        host=args.host,
        port=args.port,
        pace=args.pace,
        demo=not args.no_demo,
        seed=args.seed,
    )
    try:
        server.start()
    except OSError as exc:
        print(f"Không mở được cổng {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    pace = (
        "chỉ xử lý bằng tay" if args.pace <= 0 else f"cán bộ mô phỏng xử lý mỗi {args.pace:g} giây"
    )
    print(f"Cổng dịch vụ công sandbox đang chạy tại {server.url} (API: {server.api_url}).")
    print(f"Dữ liệu: {data}; {pace}.")
    if not args.no_demo:
        print("Tài khoản tập huấn: demo / demo.")
    print("Nhấn Ctrl+C để dừng.", flush=True)
    if ready is not None:
        ready.set()
    waiter = stop or threading.Event()
    try:
        while not waiter.wait(0.5):
            pass
    except KeyboardInterrupt:
        print("Đang dừng cổng sandbox…", file=sys.stderr)
    finally:
        server.stop()
    return 0
