"""Typed settings, the profile folder and versioned upgrades of older settings files.

Every setting is registered once with its type, default and a line saying what it is for
(as Picard's ``options.py`` does). The file is JSON in the profile folder, written
atomically; older files are upgraded step by step (:data:`UPGRADES`). No secret is ever
stored here: keys or values that look like passwords, PINs or tokens are refused.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.messages import LANGUAGES, UserError

APP_NAME = "DossierDesk"
HOME_ENV = "DOSSIER_DESK_HOME"
SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def profile_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder: ``--home``, else ``$DOSSIER_DESK_HOME``, else the OS default."""
    chosen = home or os.environ.get(HOME_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class Setting:
    """One registered setting."""

    key: str
    kind: type | tuple[type, ...]
    default: Any
    doc: str
    check: Callable[[Any], str | None] | None = None

    def validate(self, value: Any) -> Any:
        if value is None and self.default is None:
            return None
        if isinstance(self.kind, tuple):
            ok = isinstance(value, self.kind)
        elif self.kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, self.kind)
        if not ok:
            raise UserError(
                "settings.bad_value", key=self.key, detail=f"{value!r} ({type(value).__name__})"
            )
        if self.check is not None:
            problem = self.check(value)
            if problem:
                raise UserError("settings.bad_value", key=self.key, detail=problem)
        return value


def _url_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if not re.match(r"^https?://[^\s/]+", value):
        return "expected an http(s) URL"
    return None


def _str_list(value: Any) -> str | None:
    if not all(isinstance(v, str) for v in value):
        return "expected a list of texts"
    return None


def _origins(value: Any) -> str | None:
    if _str_list(value):
        return "expected a list of origins"
    for origin in value:
        if not re.match(r"^https://[^\s/]+$", origin):
            return f"{origin!r} is not an https origin (https://host[:port])"
    return None


def _contacts(value: Any) -> str | None:
    for contact in value:
        if not isinstance(contact, dict) or not isinstance(contact.get("name"), str):
            return "each contact needs at least a name"
    return None


@functools.cache
def _bundled_province_profile() -> str:
    return (RESOURCES_DIR / "profiles" / "sandbox.json").read_text(encoding="utf-8")


def _default_province_profile() -> dict[str, Any]:
    """A fresh copy of the bundled profile (read from disk once per process)."""
    return json.loads(_bundled_province_profile())


REGISTRY: dict[str, Setting] = {}


def register(setting: Setting) -> Setting:
    if setting.key in REGISTRY:
        raise ValueError(f"setting registered twice: {setting.key}")
    REGISTRY[setting.key] = setting
    return setting


for _s in (
    Setting(
        "portal.url",
        (str, type(None)),
        None,
        "Base URL of the portal (…/api/v1 is added). None: start the bundled sandbox portal.",
        lambda v: _url_or_none(v),
    ),
    Setting(
        "portal.username",
        (str, type(None)),
        None,
        "The portal account last signed in (its session lives in the OS keyring).",
    ),
    Setting(
        "portal.allowed_payment_origins",
        list,
        [],
        "Origins, besides the portal's own, whose payment links may be opened.",
        _origins,
    ),
    Setting(
        "province.profile",
        dict,
        None,  # filled from resources/profiles/sandbox.json on first use
        "Province profile: name, portal name, support contacts shown in Help.",
    ),
    Setting("signing.tsa_url", (str, type(None)), None, "Timestamp authority URL.", _url_or_none),
    Setting(
        "signing.pkcs11_modules",
        list,
        [],
        "PKCS#11 module files chosen by the user (besides those detected).",
        _str_list,
    ),
    Setting(
        "signing.trust_roots",
        list,
        [],
        "PEM/DER files of trusted root certificates (e.g. the national root CA).",
        _str_list,
    ),
    Setting("signing.ltv", bool, False, "Embed revocation data (PAdES B-LT)."),
    Setting(
        "ui.language",
        str,
        "vi",
        "Language of the interface: vi or en.",
        lambda v: None if v in LANGUAGES else f"expected one of {LANGUAGES}",
    ),
    Setting("sync.auto_send", bool, True, "Send the outbox by itself when the portal is back."),
    Setting(
        "sync.parallel_uploads",
        int,
        2,
        "How many dossiers of a batch are sent at the same time.",
        lambda v: None if 1 <= v <= 8 else "expected 1 to 8",
    ),
):
    register(_s)

_SECRET_WORDS = re.compile(r"(password|passwd|pin\b|secret|token|mat_khau)", re.IGNORECASE)


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (the first drafts) used flat keys and a bare province name."""
    renames = {
        "portal_url": "portal.url",
        "tsa_url": "signing.tsa_url",
        "pkcs11_modules": "signing.pkcs11_modules",
        "language": "ui.language",
        "auto_send": "sync.auto_send",
        "parallel_uploads": "sync.parallel_uploads",
    }
    values = {renames.get(k, k): v for k, v in data.get("values", {}).items()}
    province = values.pop("province", None)
    if isinstance(province, str):
        profile = _default_province_profile()
        profile["name"] = province
        values["province.profile"] = profile
    return {"version": 2, "values": values}


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""``UPGRADES[n]`` turns a version-``n`` document into version ``n + 1``."""


def upgrade(document: Mapping[str, Any]) -> dict[str, Any]:
    """Bring a settings document of any older version up to :data:`SETTINGS_VERSION`."""
    data = copy.deepcopy(dict(document))
    version = data.get("version", 1)
    if not isinstance(version, int) or version < 1:
        raise ValueError(f"bad settings version {version!r}")
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](data)
        version = data["version"]
    return data


class Settings:
    """The settings of one profile. Unknown keys from newer versions are kept, not lost."""

    def __init__(self, path: Path, values: dict[str, Any] | None = None) -> None:
        self.path = path
        self._values: dict[str, Any] = values or {}
        self.warnings: list[UserError] = []

    @classmethod
    def load(cls, profile: Path) -> Settings:
        path = profile / SETTINGS_FILE
        settings = cls(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return settings
        try:
            document = json.loads(raw)
            if not isinstance(document, dict):
                raise ValueError("not a JSON object")
            found = document.get("version", 1)
            if isinstance(found, int) and found > SETTINGS_VERSION:
                raise UserError("settings.newer_file", where=str(path), found=found)
            document = upgrade(document)
        except (ValueError, KeyError) as exc:
            backup = path.with_suffix(".json.unreadable")
            os.replace(path, backup)
            settings.warnings.append(
                UserError("settings.unreadable", where=str(path), detail=exc, backup=str(backup))
            )
            return settings
        for key, value in document.get("values", {}).items():
            setting = REGISTRY.get(key)
            if setting is None:
                settings._values[key] = value  # a newer version's setting: keep it
                continue
            try:
                settings._values[key] = setting.validate(value)
            except UserError as problem:
                settings.warnings.append(problem)
        return settings

    def get(self, key: str) -> Any:
        setting = self._setting(key)
        if key in self._values:
            return copy.deepcopy(self._values[key])
        if key == "province.profile":
            return _default_province_profile()
        return copy.deepcopy(setting.default)

    def set(self, key: str, value: Any) -> None:
        setting = self._setting(key)
        _refuse_secrets(key, value)
        self._values[key] = setting.validate(value)

    def reset(self, key: str) -> None:
        self._setting(key)
        self._values.pop(key, None)

    def as_dict(self) -> dict[str, Any]:
        """Every registered setting with its effective value (for diagnostics)."""
        return {key: self.get(key) for key in REGISTRY}

    def save(self) -> None:
        document = {"version": SETTINGS_VERSION, "values": self._values}
        data = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode()
        atomic_write_bytes(self.path, data + b"\n")

    @staticmethod
    def _setting(key: str) -> Setting:
        try:
            return REGISTRY[key]
        except KeyError:
            raise UserError("settings.unknown_key", key=key) from None


def _refuse_secrets(key: str, value: Any) -> None:
    if _SECRET_WORDS.search(key):
        raise UserError("settings.secret_refused", key=key)
    if isinstance(value, str) and re.search(r"[?&](password|token|pin|secret)=", value, re.I):
        raise UserError("settings.secret_refused", key=key)
