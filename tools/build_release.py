#!/usr/bin/env python3
"""Build the one-folder app from a clean clone and smoke-test what was built.

    python tools/build_release.py [--out DIR] [--keep]

1. ``git clone`` this repository's HEAD into a temporary folder (so only what is
   committed goes in), make a fresh virtualenv there, install the app and PyInstaller;
2. run ``pyinstaller build.spec``;
3. smoke-test the result with its own executable: ``--version``; ``sign`` a PDF with a
   throw-away PKCS#12 made here and ``verify`` it; open the window offscreen on an empty
   profile (which starts the bundled sandbox portal) and exit cleanly;
4. print the size of the folder and the time each phase took.

Exit status 0 only when every step passed. On Windows, run the same from a Developer
prompt; the result is ``dist\\dossier-desk\\dossier-desk.exe`` (see packaging/windows).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = "dossier-desk.exe" if os.name == "nt" else "dossier-desk"


def run(
    *args: str | Path, cwd: Path | None = None, env: dict | None = None, input_: str | None = None
) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        input=input_,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(str(a) for a in args)} (exit {result.returncode})")
    return result.stdout


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


SMOKE_INPUTS = r"""
import datetime as dt, sys
from pathlib import Path
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.writer import PdfFileWriter

out = Path(sys.argv[1])
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kiểm thử bản dựng")])
now = dt.datetime.now(dt.timezone.utc)
cert = (
    x509.CertificateBuilder().subject_name(name).issuer_name(name)
    .public_key(key.public_key()).serial_number(x509.random_serial_number())
    .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
    .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
    .sign(key, hashes.SHA256())
)
(out / "smoke.p12").write_bytes(pkcs12.serialize_key_and_certificates(
    b"smoke", key, cert, None, serialization.BestAvailableEncryption(b"smoke")))
writer = PdfFileWriter()
from pyhanko.pdf_utils import generic
page = generic.DictionaryObject({
    generic.NameObject("/Type"): generic.NameObject("/Page"),
    generic.NameObject("/MediaBox"): generic.ArrayObject(
        [generic.NumberObject(n) for n in (0, 0, 595, 842)]
    ),
})
writer.insert_page(page)
with open(out / "don.pdf", "wb") as handle:
    writer.write(handle)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone")
    args = parser.parse_args()
    timings: dict[str, float] = {}
    work = Path(tempfile.mkdtemp(prefix="dd-release-"))
    try:
        start = time.monotonic()
        clone = work / "clone"
        run("git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", clone)
        env_dir = work / "venv"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(python, "-m", "pip", "install", "--quiet", f"{clone}[build]")
        timings["clone + install"] = time.monotonic() - start

        start = time.monotonic()
        dist, build = work / "dist", work / "build"
        run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", dist,
            "--workpath", build, clone / "build.spec", cwd=clone)  # fmt: skip
        timings["pyinstaller"] = time.monotonic() - start

        start = time.monotonic()
        app = dist / "dossier-desk"
        exe = app / EXE
        version = run(exe, "--version").strip()
        selftest = json.loads(run(exe, "selftest"))  # exits 1 when something is missing
        print(f"keyring backends in the build: {', '.join(selftest['keyring_backends'])}")
        smoke = work / "smoke"
        smoke.mkdir()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "DOSSIER_DESK_PKCS12_PASSWORD": "smoke",
        }
        env.pop("DOSSIER_DESK_HOME", None)
        run(python, "-c", SMOKE_INPUTS, smoke)  # a throw-away certificate and a blank PDF
        p12, plain = smoke / "smoke.p12", smoke / "don.pdf"
        signed = smoke / "don-da-ky.pdf"
        home = smoke / "profile"
        run(exe, "--home", home, "sign", plain, "-o", signed, "--pkcs12", p12, "--stamp", env=env)
        verified = run(exe, "--home", home, "verify", signed, "--json", env=env)
        if '"all_intact": true' not in verified:
            raise SystemExit(f"verify did not find an intact signature: {verified[:500]}")
        run(exe, "--home", home, "--smoke-test", env=env)
        timings["smoke test"] = time.monotonic() - start

        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / "dossier-desk"
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(app), target)
        size = folder_size(target)
        print(f"built {version} into {target}")
        print(f"size: {size / 1024 / 1024:.1f} MB (target < 200 MB)")
        for phase, seconds in timings.items():
            print(f"{phase}: {seconds:.1f} s")
        return 0 if size < 200 * 1024 * 1024 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
