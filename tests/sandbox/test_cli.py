"""``dossier-desk sandbox``: runs in the foreground on the profile's data folder."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def test_sandbox_command_serves_until_interrupted(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--home",
            str(home),
            "sandbox",
            "--port",
            "0",
            "--pace",
            "0",
            "--seed",
            "3",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        assert match, line + process.stderr.read()
        url = match.group(0)
        assert requests.get(url + "/api/v1/health", timeout=10).json()["status"] == "ok"
        demo = requests.post(
            url + "/api/v1/auth/token", json={"username": "demo", "password": "demo"}, timeout=30
        )
        assert demo.status_code == 200
        assert (home / "sandbox" / "portal.sqlite3").exists()
        assert (home / "sandbox" / "agency" / "agency-root.pem").exists()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    time.sleep(0.1)
    try:
        requests.get(url + "/api/v1/health", timeout=2)
        raise AssertionError("the port should be closed")
    except requests.ConnectionError:
        pass


def test_no_demo_and_data_option(tmp_path):
    import argparse
    import threading

    from desktop_app.cli import build_parser
    from desktop_app.cli.sandbox_cmd import handle

    args = build_parser().parse_args(
        ["sandbox", "--port", "0", "--pace", "0", "--no-demo", "--data", str(tmp_path / "d")]
    )
    assert isinstance(args, argparse.Namespace) and args.handler is handle
    ready, stop = threading.Event(), threading.Event()
    context = type("Context", (), {"home": tmp_path / "home"})()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(handle(args, context, ready=ready, stop=stop))
    )
    thread.start()
    assert ready.wait(30)
    assert (tmp_path / "d" / "portal.sqlite3").exists()
    assert not (tmp_path / "home" / "sandbox").exists()
    stop.set()
    thread.join(30)
    assert result == [0]
