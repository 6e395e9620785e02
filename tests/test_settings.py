"""Typed settings: defaults, validation, versioned upgrades, no secrets, the profile folder."""

from __future__ import annotations

import json

import pytest

from desktop_app import settings as settings_module
from desktop_app.core.messages import UserError
from desktop_app.settings import (
    REGISTRY,
    SETTINGS_VERSION,
    Settings,
    profile_dir,
    upgrade,
)


def test_every_issue_setting_is_registered_with_a_default_and_a_doc():
    for key in (
        "portal.url",
        "province.profile",
        "signing.tsa_url",
        "signing.pkcs11_modules",
        "ui.language",
        "sync.auto_send",
        "sync.parallel_uploads",
    ):
        assert key in REGISTRY
        assert REGISTRY[key].doc


def test_defaults_without_a_file(profile):
    settings = Settings.load(profile)
    assert settings.get("portal.url") is None  # None: the bundled sandbox portal
    assert settings.get("ui.language") == "vi"
    assert settings.get("sync.parallel_uploads") == 2
    contacts = settings.get("province.profile")["support_contacts"]
    assert [c["phone"] for c in contacts] == ["0260.3797799", "0260.3958.789", "0260.3867.075"]


def test_values_round_trip_and_the_file_is_versioned(profile):
    settings = Settings.load(profile)
    settings.set("portal.url", "https://dichvucong.quangngai.gov.vn")
    settings.set("sync.parallel_uploads", 4)
    settings.set("ui.language", "en")
    settings.save()
    document = json.loads((profile / "settings.json").read_text(encoding="utf-8"))
    assert document["version"] == SETTINGS_VERSION
    again = Settings.load(profile)
    assert again.get("portal.url") == "https://dichvucong.quangngai.gov.vn"
    assert again.get("sync.parallel_uploads") == 4
    assert again.get("ui.language") == "en"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("sync.parallel_uploads", 0),
        ("sync.parallel_uploads", "2"),
        ("sync.parallel_uploads", True),
        ("ui.language", "fr"),
        ("portal.url", "dichvucong.gov.vn"),
        ("portal.allowed_payment_origins", ["http://pay.example"]),
        ("sync.auto_send", "yes"),
    ],
)
def test_bad_values_are_refused_in_words(profile, key, value):
    settings = Settings.load(profile)
    with pytest.raises(UserError) as caught:
        settings.set(key, value)
    assert caught.value.message.key == "settings.bad_value"
    assert key in caught.value.render("vi")


def test_unknown_setting_is_refused(profile):
    with pytest.raises(UserError) as caught:
        Settings.load(profile).set("portal.password", "x")
    assert caught.value.message.key == "settings.unknown_key"


def test_secrets_are_never_stored(profile):
    from desktop_app.settings import Setting, register

    register(Setting("portal.access_token", str, "", "a setting that must never exist"))
    try:
        settings = Settings.load(profile)
        with pytest.raises(UserError) as caught:
            settings.set("portal.access_token", "eyJhbGciOi")
        assert caught.value.message.key == "settings.secret_refused"
        with pytest.raises(UserError):
            settings.set("portal.url", "https://portal.example/?token=abc")
    finally:
        REGISTRY.pop("portal.access_token", None)


def test_version_1_file_is_upgraded_step_by_step(profile):
    old = {
        "version": 1,
        "values": {
            "portal_url": "https://dichvucong.kontum.gov.vn",
            "language": "en",
            "parallel_uploads": 3,
            "province": "Tỉnh Kon Tum",
        },
    }
    (profile / "settings.json").write_text(json.dumps(old), encoding="utf-8")
    settings = Settings.load(profile)
    assert settings.warnings == []
    assert settings.get("portal.url") == "https://dichvucong.kontum.gov.vn"
    assert settings.get("ui.language") == "en"
    assert settings.get("sync.parallel_uploads") == 3
    assert settings.get("province.profile")["name"] == "Tỉnh Kon Tum"
    assert upgrade(old)["version"] == SETTINGS_VERSION


def test_every_older_version_has_an_upgrade_step():
    assert sorted(settings_module.UPGRADES) == list(range(1, SETTINGS_VERSION))


def test_settings_of_a_newer_version_are_kept_not_lost(profile):
    newer = {"version": SETTINGS_VERSION, "values": {"ui.theme": "dark", "ui.language": "en"}}
    (profile / "settings.json").write_text(json.dumps(newer), encoding="utf-8")
    settings = Settings.load(profile)
    settings.set("sync.auto_send", False)
    settings.save()
    saved = json.loads((profile / "settings.json").read_text(encoding="utf-8"))
    assert saved["values"]["ui.theme"] == "dark"


def test_a_damaged_file_is_kept_aside_and_defaults_used(profile):
    (profile / "settings.json").write_text("{not json", encoding="utf-8")
    settings = Settings.load(profile)
    assert settings.get("ui.language") == "vi"
    assert [w.message.key for w in settings.warnings] == ["settings.unreadable"]
    assert (profile / "settings.json.unreadable").read_text(encoding="utf-8") == "{not json"


def test_profile_folder_from_argument_environment_or_platform(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_DESK_HOME", str(tmp_path / "from-env"))
    assert profile_dir(tmp_path / "from-arg") == (tmp_path / "from-arg").resolve()
    assert profile_dir() == (tmp_path / "from-env").resolve()
    monkeypatch.delenv("DOSSIER_DESK_HOME")
    assert profile_dir().name == "DossierDesk"
