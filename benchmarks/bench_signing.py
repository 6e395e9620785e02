#!/usr/bin/env python3
"""Signing benchmark (issue 4): ms per file against a floor measured in the same run.

    python benchmarks/bench_signing.py            # everything (a few minutes)
    python benchmarks/bench_signing.py --quick    # 10 x 1 MB, 3 x 25 MB, 50 MB memory file

For each key source (a PKCS#12 file; a SoftHSM2 token when installed), in one process
with one key session: 50 PDFs of about 1 MB and 10 of about 25 MB, PAdES B-B, RSA-2048,
invisible signature, output fsynced and self-checked (the library's defaults).

The floor, measured on the same files interleaved with the signing runs (so that load
from other processes hits both alike): read the file, SHA-256 it, make one RSA signature
(the software key, or the token for the token figures), write a copy and fsync it. The
ratio is median(sign) / median(floor). Targets: <= 12x at 1 MB, <= 4x at 25 MB.

Memory: a 250 MB PDF is signed in a fresh child process; the growth is the peak RSS
(ru_maxrss) after signing minus the RSS before it (the imports and the key session
already loaded), plus tracemalloc's peak of Python allocations. Target: < 100 MB.

This is not a test: it prints figures (and writes them as JSON with ``--json FILE``).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.signing_pdfs import write_pdf  # noqa: E402

MB = 1_000_000
TARGETS = {1: 12.0, 25: 4.0}
MEMORY_TARGET_MB = 100


# ---------------------------------------------------------------------------- floors


def _write_copy(path: Path, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def floor_software(source: Path, copy: Path, key) -> float:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    start = time.perf_counter()
    data = source.read_bytes()
    digest = hashlib.sha256(data).digest()
    key.sign(digest, padding.PKCS1v15(), hashes.SHA256())
    _write_copy(copy, data)
    elapsed = time.perf_counter() - start
    copy.unlink()
    return elapsed


def floor_token(source: Path, copy: Path, token_key) -> float:  # type: ignore[no-untyped-def]
    from pkcs11 import Mechanism

    start = time.perf_counter()
    data = source.read_bytes()
    digest = hashlib.sha256(data).digest()
    token_key.sign(digest, mechanism=Mechanism.SHA256_RSA_PKCS)
    _write_copy(copy, data)
    elapsed = time.perf_counter() - start
    copy.unlink()
    return elapsed


# ---------------------------------------------------------------------------- runs


def measure(label: str, files: list[Path], out_dir: Path, session, floor) -> dict:  # type: ignore[no-untyped-def]
    from signing import sign_pdf

    signs, floors = [], []
    sign_pdf(files[0], out_dir / "warmup.pdf", session)  # imports, first-use caches
    for index, source in enumerate(files):
        floors.append(floor(source, out_dir / "floor-copy.pdf"))
        target = out_dir / f"signed-{index}.pdf"
        start = time.perf_counter()
        sign_pdf(source, target, session)
        signs.append(time.perf_counter() - start)
        target.unlink()
    sign_ms = statistics.median(signs) * 1000
    floor_ms = statistics.median(floors) * 1000
    return {
        "case": label,
        "files": len(files),
        "size_mb": round(files[0].stat().st_size / MB, 2),
        "sign_ms_median": round(sign_ms, 2),
        "sign_ms_mean": round(statistics.mean(signs) * 1000, 2),
        "floor_ms_median": round(floor_ms, 2),
        "ratio": round(sign_ms / floor_ms, 2),
    }


def reference_pyhanko(files: list[Path], out_dir: Path, p12: Path, password: str) -> float:
    """Plain pyHanko as documented (SimpleSigner, sign_pdf, no reserved size, BytesIO)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=password.encode())
    times = []
    for source in files:
        start = time.perf_counter()
        with open(source, "rb") as handle:
            output = signers.sign_pdf(
                IncrementalPdfFileWriter(handle),
                signers.PdfSignatureMetadata(field_name="Signature1"),
                signer=signer,
            )
        (out_dir / "reference.pdf").write_bytes(output.getbuffer())
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


# ---------------------------------------------------------------------------- memory


def _rss() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_child(args: argparse.Namespace) -> int:
    """Run in a fresh process: sign the big file once for RSS, once for tracemalloc."""
    from signing import sign_pdf

    session = _open_session(args.key, Path(args.workdir))
    small = Path(args.workdir) / "memory-warmup.pdf"
    write_pdf(small, 200_000)
    sign_pdf(small, Path(args.workdir) / "memory-warmup-signed.pdf", session)
    big = Path(args.big)
    out = Path(args.workdir) / "memory-signed.pdf"
    samples: list[int] = []
    running = threading.Event()
    running.set()

    def sample() -> None:  # RSS every millisecond while signing
        while running.is_set():
            samples.append(_rss())
            time.sleep(0.001)

    before = _rss()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    sign_pdf(big, out, session)
    seconds = time.perf_counter() - start
    running.clear()
    sampler.join()
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # the lifetime peak only counts if signing raised it; otherwise the sampled peak
    peak = max([*samples, _rss()] + ([maxrss_after] if maxrss_after > maxrss_before else []))
    out.unlink()
    tracemalloc.start()
    sign_pdf(big, out, session)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out.unlink()
    session.close()
    print(
        json.dumps(
            {
                "rss_before_mb": round(before / MB, 1),
                "rss_peak_mb": round(peak / MB, 1),
                "samples": len(samples),
                "growth_mb": round((peak - before) / MB, 1),
                "tracemalloc_peak_mb": round(traced_peak / MB, 1),
                "seconds": round(seconds, 2),
            }
        )
    )
    return 0


def run_memory(key: str, workdir: Path, big: Path) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--memory-child",
            "--key",
            key,
            "--workdir",
            str(workdir),
            "--big",
            str(big),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else f"exit status {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- setup


def _pki(workdir: Path):  # type: ignore[no-untyped-def]
    from tests.support.pki import build_test_pki

    return build_test_pki(workdir / "pki", services=False)


def _softhsm_available() -> bool:
    from tests.support.pki_softhsm import softhsm_module

    return bool(shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")) and (
        softhsm_module().exists()
    )


def _open_session(key: str, workdir: Path):  # type: ignore[no-untyped-def]
    from signing import Pkcs12KeySource
    from signing.pkcs11 import Pkcs11KeySource

    if key == "pkcs12":
        return Pkcs12KeySource(
            workdir / "pki" / "signer.p12", os.environ["DOSSIER_DESK_PKCS12_PASSWORD"]
        ).open()
    from tests.support.pki_softhsm import softhsm_module

    return Pkcs11KeySource(
        softhsm_module(), pin=os.environ["DOSSIER_DESK_PIN"], token_label="Bench Token"
    ).open()


def _token_key():  # type: ignore[no-untyped-def]
    """A second session on the token for the floor; PKCS#11 shares the login of the key
    session already open, so no PIN here."""
    import pkcs11

    from tests.support.pki_softhsm import softhsm_module

    token = pkcs11.lib(str(softhsm_module())).get_token(token_label="Bench Token")
    session = token.open()
    return session, session.get_key(pkcs11.ObjectClass.PRIVATE_KEY, label="signer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer and smaller files")
    parser.add_argument("--skip-softhsm", action="store_true")
    parser.add_argument("--no-reference", action="store_true", help="skip plain pyHanko")
    parser.add_argument("--workdir", type=Path, help="where to write the files (a disk)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--key", default="pkcs12", help=argparse.SUPPRESS)
    parser.add_argument("--big", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(args)

    import pyhanko

    counts = {1: 10, 25: 3} if args.quick else {1: 50, 25: 10}
    big_size = 50 * MB if args.quick else 250 * MB
    workdir = Path(tempfile.mkdtemp(prefix="bench-signing-", dir=args.workdir))
    figures: dict = {
        "python": platform.python_version(),
        "pyhanko": getattr(pyhanko, "__version__", "?"),
        "cpus": os.cpu_count(),
        "load_average_start": [round(v, 2) for v in os.getloadavg()],
        "workdir": str(workdir),
        "results": [],
        "memory": {},
    }
    print(f"workdir {workdir}  cpus {os.cpu_count()}  load {os.getloadavg()[0]:.2f}", flush=True)
    try:
        pki = _pki(workdir)
        os.environ["DOSSIER_DESK_PKCS12_PASSWORD"] = pki.signer.password
        inputs = workdir / "inputs"
        inputs.mkdir()
        groups = {
            size: [write_pdf(inputs / f"{size}mb-{i}.pdf", size * MB) for i in range(n)]
            for size, n in counts.items()
        }
        big = write_pdf(inputs / "big.pdf", big_size)
        out_dir = workdir / "out"
        out_dir.mkdir()
        keys = ["pkcs12"]
        if not args.skip_softhsm and _softhsm_available():
            from tests.support.pki_softhsm import build_softhsm_token

            token = build_softhsm_token(
                workdir / "softhsm",
                [pki.signer],
                label="Bench Token",
                chain=[pki.intermediate_cert, pki.root_cert],
            )
            os.environ["DOSSIER_DESK_PIN"] = token.pin
            keys.append("softhsm")
        elif not args.skip_softhsm:
            print("SoftHSM2 (softhsm2-util, pkcs11-tool, libsofthsm2) not found: skipped")

        for key in keys:
            session = _open_session(key, workdir)
            token_session = None
            if key == "pkcs12":

                def floor(source, copy):  # type: ignore[no-untyped-def]
                    return floor_software(source, copy, pki.signer.key)
            else:
                token_session, token_key = _token_key()

                def floor(source, copy, token_key=token_key):  # type: ignore[no-untyped-def]
                    return floor_token(source, copy, token_key)

            for size, files in groups.items():
                row = measure(f"{key} {size} MB", files, out_dir, session, floor)
                row["key"] = key
                row["target_ratio"] = TARGETS[size]
                row["meets_target"] = row["ratio"] <= TARGETS[size]
                figures["results"].append(row)
                print(
                    f"{key:8s} {size:3d} MB x{row['files']:3d}: sign {row['sign_ms_median']:8.1f}"
                    f" ms/file (mean {row['sign_ms_mean']:.1f})"
                    f"  floor {row['floor_ms_median']:7.1f}"
                    f" ms  ratio {row['ratio']:5.2f}x  (target <= {TARGETS[size]}x:"
                    f" {'met' if row['meets_target'] else 'NOT met'})",
                    flush=True,
                )
            session.close()
            if token_session is not None:
                token_session.close()
            memory = run_memory(key, workdir, big)
            memory["file_mb"] = round(big.stat().st_size / MB)
            memory["meets_target"] = memory.get("growth_mb", 1e9) < MEMORY_TARGET_MB
            figures["memory"][key] = memory
            if "error" in memory:
                print(f"{key:8s} memory run failed: {memory['error']}", flush=True)
                continue
            print(
                f"{key:8s} {memory['file_mb']} MB memory: growth {memory.get('growth_mb')} MB"
                f" (RSS {memory.get('rss_before_mb')} -> peak {memory.get('rss_peak_mb')} MB),"
                f" tracemalloc peak {memory.get('tracemalloc_peak_mb')} MB,"
                f" {memory.get('seconds')} s  (target < {MEMORY_TARGET_MB} MB:"
                f" {'met' if memory['meets_target'] else 'NOT met'})",
                flush=True,
            )

        if not args.no_reference:
            for size, files in groups.items():
                sample = files[: 10 if size == 1 else 3]
                ms = reference_pyhanko(sample, out_dir, pki.signer.pkcs12_path, pki.signer.password)
                ours = next(r for r in figures["results"] if r["case"] == f"pkcs12 {size} MB")
                ratio = ms / ours["floor_ms_median"]
                figures.setdefault("reference_plain_pyhanko", []).append(
                    {
                        "size_mb": size,
                        "files": len(sample),
                        "sign_ms_median": round(ms, 2),
                        "ratio_to_floor": round(ratio, 2),
                    }
                )
                print(
                    f"plain pyHanko (reference) {size:3d} MB x{len(sample)}: {ms:8.1f} ms/file"
                    f"  ratio {ratio:5.2f}x",
                    flush=True,
                )
        figures["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    sys.exit(main())
