"""Logs rotate in the profile and never carry a secret; diagnostics are safe to share."""

from __future__ import annotations

import logging

import pytest

from desktop_app.diagnostics import diagnostics_text, log_path, redact, setup_logging

SECRETS = ["mat-khau-Bi-Mat-42", "246810", "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.abc", "rt-1f2e3d4c5b"]


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ('{"username": "demo", "password": "mat-khau-Bi-Mat-42"}', "mat-khau-Bi-Mat-42"),
        ("PIN=246810 for token", "246810"),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.abc", "eyJhbGciOiJIUzI1NiJ9"),
        ("refresh_token=rt-1f2e3d4c5b&x=1", "rt-1f2e3d4c5b"),
        ("access_token: 'abc.def'", "abc.def"),
    ],
)
def test_redact_hides_secret_values(text, hidden):
    assert hidden not in redact(text)
    assert "***" in redact(text)


def test_logged_secrets_are_masked_in_the_file(profile):
    path = setup_logging(profile)
    try:
        log = logging.getLogger("desktop_app.test")
        log.warning("login with password=%s", SECRETS[0])
        log.warning("header Authorization: Bearer %s", SECRETS[2])
        try:
            raise ValueError(f"token={SECRETS[3]}")
        except ValueError:
            log.exception("failed with PIN=%s", SECRETS[1])
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert path == log_path(profile)
        assert "login with password=***" in text
        for secret in SECRETS:
            assert secret not in text
        report = diagnostics_text(profile, {"portal.url": "https://dvc.example.vn"})
        assert "DossierDesk" in report and "portal.url" in report and "login with" in report
        for secret in SECRETS:
            assert secret not in report
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "dossier_desk", False):
                root.removeHandler(handler)
                handler.close()
