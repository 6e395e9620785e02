"""A real PKCS#11 token for tests and benchmarks: SoftHSM2 in a private folder.

Usage::

    token = build_softhsm_token(tmp_path / "hsm", [pki.signer], chain=[pki.intermediate_cert])
    Pkcs11KeySource(token.module, pin=token.pin, token_label=token.label)

The token lives in its own folder with its own ``softhsm2.conf`` (``SOFTHSM2_CONF`` is set
in ``os.environ``), so no machine-wide initialisation is needed and tests are isolated.
SoftHSM2 reads its configuration when the module is initialised; if the module is
already loaded in this process it is initialised again (closing sessions opened before),
so build the tokens a test session needs up front.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from tests.support.pki import Identity

SOFTHSM_MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)
TEST_PIN = "123456"
TEST_SO_PIN = "12345678"


def softhsm_module() -> Path:
    """The SoftHSM2 PKCS#11 module of this machine (first candidate that exists)."""
    for candidate in SOFTHSM_MODULE_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate)
    return Path(SOFTHSM_MODULE_CANDIDATES[0])


@dataclass(frozen=True)
class SoftHsmToken:
    __test__ = False

    module: Path
    label: str
    pin: str
    so_pin: str
    conf: Path
    keys: tuple[str, ...]
    """Labels of the private keys on it (one per identity, in order)."""


def build_softhsm_token(
    directory: Path,
    identities: Sequence[Identity],
    *,
    label: str = "DossierDesk Test",
    pin: str = TEST_PIN,
    so_pin: str = TEST_SO_PIN,
    chain: Sequence[x509.Certificate] = (),
) -> SoftHsmToken:
    """Initialise a token in ``directory`` holding each identity's key and certificate
    (same ID and label), plus ``chain`` certificates. Needs ``softhsm2-util`` and
    ``pkcs11-tool`` (OpenSC)."""
    directory = Path(directory)
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    if not conf.exists():
        conf.write_text(
            f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
            "log.level = ERROR\nslots.removable = false\n"
        )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    module = softhsm_module()
    env = dict(os.environ)

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, env=env, timeout=60)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        label,
        "--pin",
        pin,
        "--so-pin",
        so_pin,
    )
    keys = []
    for number, identity in enumerate(identities, start=1):
        key_id = f"{number:02x}"
        key_label = identity.name
        key_file = directory / f".{identity.name}.key.pem"
        cert_file = directory / f"{identity.name}.der"
        # the key file exists only for the import, then is removed
        key_file.write_bytes(identity.key_pem())
        try:
            run(
                "softhsm2-util",
                "--import",
                str(key_file),
                "--token",
                label,
                "--label",
                key_label,
                "--id",
                key_id,
                "--pin",
                pin,
            )
        finally:
            key_file.unlink()
        cert_file.write_bytes(identity.cert_der())
        run(
            "pkcs11-tool",
            "--module",
            str(module),
            "--token-label",
            label,
            "--login",
            "--pin",
            pin,
            "--write-object",
            str(cert_file),
            "--type",
            "cert",
            "--id",
            key_id,
            "--label",
            key_label,
        )
        keys.append(key_label)
    from cryptography.hazmat.primitives import serialization

    for number, cert in enumerate(chain, start=0x80):
        cert_file = directory / f"ca-{number:02x}.der"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        run(
            "pkcs11-tool",
            "--module",
            str(module),
            "--token-label",
            label,
            "--login",
            "--pin",
            pin,
            "--write-object",
            str(cert_file),
            "--type",
            "cert",
            "--id",
            f"{number:02x}",
            "--label",
            f"CA {number - 0x7F}",
        )
    _reinitialize_if_loaded(module)
    return SoftHsmToken(module, label, pin, so_pin, conf, tuple(keys))


def _reinitialize_if_loaded(module: Path) -> None:
    """SoftHSM2 reads its configuration and tokens when initialised: if this process
    already loaded it, initialise it again so the new token is seen (sessions opened
    before are closed by that)."""
    import pkcs11

    loaded = pkcs11._loaded.get(str(module))
    if loaded is not None:
        loaded.reinitialize()
