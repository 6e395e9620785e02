"""Every sentence exists in Vietnamese and English; module candidates are only looked
for, never loaded."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import signing
from signing.messages import CATALOGUE, Problem, text
from signing.pkcs11_modules import WINDOWS_CANDIDATES, candidate_modules

SIGNING_DIR = Path(signing.__file__).parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_message_has_both_languages_with_the_same_fields(key):
    vi, en = CATALOGUE[key]
    assert vi.strip() and en.strip() and vi != en
    assert _fields(vi) == _fields(en), key
    # Vietnamese text is really Vietnamese (has at least one Vietnamese letter or mark)
    assert re.search(r"[à-ỹĐđ]", vi), key


def test_every_key_used_in_the_code_exists_and_every_entry_is_used():
    used: set[str] = set()
    prefixes = {k.split(".")[0] for k in CATALOGUE}
    sources = [*SIGNING_DIR.rglob("*.py"), SIGNING_DIR.parent / "desktop_app/cli/sign_cmd.py"]
    for path in sources:
        if path.name == "_catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"[a-z0-9]+\.[a-z0-9_]+", node.value)
                and node.value.split(".")[0] in prefixes
            ):
                used.add(node.value)
    assert used - set(CATALOGUE) == set(), "keys used but not in the catalogue"
    assert set(CATALOGUE) - used == set(), "catalogue entries nothing uses"


def test_problem_renders_in_the_callers_language():
    problem = Problem("cert.expired", {"name": "Nguyễn Văn An", "date": "01/01/2025 00:00"})
    assert problem.render("vi").startswith("Chứng thư số của Nguyễn Văn An đã hết hạn")
    assert problem.render("en").startswith("The certificate of Nguyễn Văn An expired")
    assert problem.to_dict()["code"] == "cert.expired"
    assert text("verify.no_signature", "en") == "The document has no digital signature."


def test_candidates_are_found_in_a_windows_tree_and_nothing_is_loaded(tmp_path):
    system32 = tmp_path / "Windows" / "System32"
    syswow64 = tmp_path / "Windows" / "SysWOW64"
    system32.mkdir(parents=True)
    syswow64.mkdir(parents=True)
    (system32 / "vnptca_p11_v8.dll").write_bytes(b"MZ not really a dll")
    (system32 / "viettel-ca_v6.dll").write_bytes(b"MZ")
    (syswow64 / "BkavCA.dll").write_bytes(b"MZ")
    (system32 / "unrelated.dll").write_bytes(b"MZ")
    opensc = tmp_path / "Program Files" / "OpenSC Project" / "OpenSC" / "pkcs11"
    opensc.mkdir(parents=True)
    (opensc / "opensc-pkcs11.dll").write_bytes(b"MZ")
    found = candidate_modules(
        system_root=tmp_path / "Windows", program_files=tmp_path / "Program Files", windows=True
    )
    by_name = {c.path.name: c for c in found}
    assert set(by_name) == {
        "vnptca_p11_v8.dll",
        "viettel-ca_v6.dll",
        "BkavCA.dll",
        "opensc-pkcs11.dll",
    }
    assert by_name["vnptca_p11_v8.dll"].provider == "VNPT-CA"
    assert by_name["viettel-ca_v6.dll"].bits == 64
    assert by_name["BkavCA.dll"].bits == 32 and by_name["BkavCA.dll"].provider == "BKAV-CA"
    assert candidate_modules(system_root=tmp_path / "nowhere", windows=True) == []


def test_the_candidate_table_covers_the_usual_providers():
    providers = " ".join(WINDOWS_CANDIDATES)
    for name in ("VNPT-CA", "Viettel-CA", "BKAV-CA", "FPT-CA", "Newtel-CA", "SafeCert"):
        assert name in providers
    names = [n.lower() for names in WINDOWS_CANDIDATES.values() for n in names]
    assert len(names) == len(set(names)), "a file name listed twice"
