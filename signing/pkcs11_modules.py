"""PKCS#11 modules of Vietnamese USB tokens to propose before the user has to browse.

CANDIDATES COMMONLY FOUND, NOT A VERIFIED LIST. The file names below are those that
public web-signing plugins used in Vietnam (tax declaration and CA signing pages) try to
load by bare name, i.e. from the Windows system folder; the provider attributed to each
name is read from the name itself and may be wrong. Nothing here is loaded: we only look
whether a file exists, and the user confirms (or picks any other module file).

A 64-bit DossierDesk can only load 64-bit modules: those are in ``System32``; the ones in
``SysWOW64`` are 32-bit and are listed only so that :func:`signing.pkcs11.load_module`
can explain the architecture mismatch if one is chosen.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WINDOWS_CANDIDATES", "ModuleCandidate", "candidate_modules"]

WINDOWS_CANDIDATES: dict[str, tuple[str, ...]] = {
    "VNPT-CA": (
        "vnptca_p11_v10.dll",
        "vnptca_p11_v9.dll",
        "vnptca_p11_v8.dll",
        "vnptca_p11_v7.dll",
        "vnptca_p11_v6.dll",
        "vnpt-ca_csp11.dll",
        "vnpt-ca_v34.dll",
        "vnpt-ca_cl_v1.dll",
    ),
    "Viettel-CA": (
        "viettel-ca_v6.dll",
        "viettel-ca_v5.dll",
        "viettel-ca_v4.dll",
        "viettel-ca_v3.dll",
        "viettel-ca_v2.dll",
        "viettel-ca_v1.dll",
        "viettel-ca.dll",
        "viettel-ca_s.dll",
    ),
    "BKAV-CA": ("BkavCA.dll", "BkavCAv25.dll", "BkavCAv2T.dll"),
    "FPT-CA": (
        "fptca_v6.dll",
        "fptca_v5.dll",
        "fptca_v4.dll",
        "fptca_v3.dll",
        "fpt-ca.dll",
        "fpt-ca-stx.dll",
    ),
    "Newtel-CA": ("NEWTEL-CA.dll",),
    "SafeCert (safe-ca)": ("safe-ca.dll",),
    "Vina-CA": ("Vina-CAv5.dll", "Vina-CAv4.dll", "Vina-CAv3.dll", "Vina-CA.dll"),
    "CA2 / Nacencomm": (
        "CA2_csp11.dll",
        "CA2_v34.dll",
        "nca_v9.dll",
        "nca_v8.dll",
        "nca_v7.dll",
        "nca_v6.dll",
        "nca_v5.dll",
        "nca_v4.dll",
        "nca_eps2k3a.dll",
        "nca_eps2k2a.dll",
    ),
    "CK-CA": ("CKCA.dll",),
    "VDC": ("vdctdcsp11.dll",),
    "Token chip driver (Feitian ePass2003/3003, SafeNet eToken, Gemalto...)": (
        "eps2003csp11.dll",
        "ShuttleCsp11_3003.dll",
        "ngp11v211.dll",
        "eTPKCS11.dll",
        "gclib.dll",
        "st3csp11.dll",
    ),
}
"""Provider (as guessed) -> module file names looked for in the Windows system folder."""

WINDOWS_PROGRAM_FILES = (("OpenSC", "OpenSC Project/OpenSC/pkcs11/opensc-pkcs11.dll"),)
UNIX_CANDIDATES = (
    ("OpenSC", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
    ("OpenSC", "/usr/lib/opensc-pkcs11.so"),
    ("OpenSC", "/usr/local/lib/opensc-pkcs11.so"),
    ("OpenSC", "/Library/OpenSC/lib/opensc-pkcs11.so"),
    ("SoftHSM2", "/usr/lib/softhsm/libsofthsm2.so"),
    ("SoftHSM2", "/usr/local/lib/softhsm/libsofthsm2.so"),
)


@dataclass(frozen=True)
class ModuleCandidate:
    """A module file that exists and might belong to a token the user owns."""

    provider: str
    path: Path
    bits: int | None
    """64 or 32 from where it was found on Windows; None when unknown."""

    @property
    def loadable_here(self) -> bool:
        return self.bits is None or self.bits == (64 if sys.maxsize > 2**32 else 32)


def candidate_modules(
    *,
    system_root: Path | None = None,
    program_files: Path | None = None,
    windows: bool | None = None,
) -> list[ModuleCandidate]:
    """Candidate modules present on this machine (existence checked, nothing loaded).

    ``system_root`` and ``program_files`` default to ``%SystemRoot%`` and
    ``%ProgramFiles%``; tests point them at a fake tree. ``windows`` defaults to the
    current OS.
    """
    on_windows = os.name == "nt" if windows is None else windows
    found: list[ModuleCandidate] = []
    if not on_windows:
        for provider, path in UNIX_CANDIDATES:
            if Path(path).is_file():
                found.append(ModuleCandidate(provider, Path(path), None))
        return found
    root = system_root or Path(os.environ.get("SYSTEMROOT", r"C:\Windows"))
    folders = ((root / "System32", 64), (root / "SysWOW64", 32))
    for provider, names in WINDOWS_CANDIDATES.items():
        for folder, bits in folders:
            for name in names:
                path = folder / name
                if path.is_file():
                    found.append(ModuleCandidate(provider, path, bits))
    programs = program_files or Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
    for provider, relative in WINDOWS_PROGRAM_FILES:
        path = programs / relative
        if path.is_file():
            found.append(ModuleCandidate(provider, path, None))
    return found
