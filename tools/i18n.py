#!/usr/bin/env python3
"""Qt translations of the UI: English source strings, Vietnamese in resources/translations.

    python tools/i18n.py update    collect tr() strings from desktop_app/ui into the .ts file
    python tools/i18n.py release   compile the .ts file into the .qm the app loads
    python tools/i18n.py check     list strings not translated yet (exit 1 if any)
    python tools/i18n.py apply F   fill translations from a JSON file {"English": "Tiếng Việt"}
                                   (for plural %n strings, the one Vietnamese form)

Translate with Qt Linguist (``pyside6-linguist``) or by editing the .ts XML.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop_app" / "ui"
TS = ROOT / "resources" / "translations" / "dossierdesk_vi.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none",
         "-target-language", "vi_VN", *files, "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def unfinished(ts: Path = TS) -> list[str]:
    """Source texts whose Vietnamese translation is missing or marked unfinished."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in {"unfinished", "vanished"}:
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if not all(t and t.strip() for t in texts):
            missing.append(source)
    return missing


def apply(mapping: dict[str, str], ts: Path = TS) -> int:
    """Set the translation of every message whose source is in ``mapping``; returns count."""
    tree = ET.parse(ts)
    done = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        if source not in mapping:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            for form in forms or [ET.SubElement(translation, "numerusform")]:
                form.text = mapping[source]
        else:
            translation.text = mapping[source]
        done += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return done


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "apply":
        import json

        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"{apply(mapping)} translations set")
        release()
    elif command == "update":
        update()
    elif command == "release":
        release()
    missing = unfinished()
    for source in missing:
        print(f"untranslated: {source}")
    return 1 if missing and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
