"""Accounts and sign-in: registration mail, confirmation, tokens, refresh, lockout, /me."""

from __future__ import annotations

import time

import requests

from tests.sandbox.conftest import error_code, register_account, running_sandbox

NEW = {
    "password": "mat-khau-dai",
    "full_name": "Trần Văn Bình",
    "phone": "0987654321",
    "kind": "citizen",
}


def test_health_answers_in_vietnam_time(portal):
    body = requests.get(portal.api_url + "/health", timeout=10).json()
    assert body["status"] == "ok" and body["version"]
    assert body["server_time"].endswith("+07:00")


def test_registration_mails_a_token_that_confirms_once(portal):
    api = portal.api_url
    created = requests.post(
        f"{api}/accounts", json={**NEW, "username": "binh.tran", "email": "binh@example.test"}
    )
    assert created.status_code == 201
    assert created.json() == {"username": "binh.tran", "status": "pending_confirmation"}
    signin = {"username": "binh.tran", "password": NEW["password"]}
    refused = requests.post(f"{api}/auth/token", json=signin)
    assert refused.status_code == 403 and error_code(refused) == "account_not_confirmed"
    mails = requests.get(f"{api}/sandbox/mail", params={"to": "binh@example.test"}).json()["items"]
    assert len(mails) == 1 and mails[0]["to"] == "binh@example.test"
    assert mails[0]["sent_at"].endswith("+07:00") and "Xác nhận" in mails[0]["subject"]
    token = mails[0]["confirm_token"]
    assert token in mails[0]["body"]
    # also at the origin's /sandbox/ (portal-api.md writes the extras without /api/v1)
    assert requests.get(f"{portal.url}/sandbox/mail", params={"to": "binh@example.test"}).json()
    assert requests.post(f"{api}/accounts/confirm", json={"token": token}).json() == {
        "status": "active"
    }
    again = requests.post(f"{api}/accounts/confirm", json={"token": token})
    assert again.status_code == 400 and error_code(again) == "invalid_token"
    unknown = requests.post(f"{api}/accounts/confirm", json={"token": "khong-co"})
    assert unknown.status_code == 400 and error_code(unknown) == "invalid_token"
    tokens = requests.post(f"{api}/auth/token", json=signin).json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    me = requests.get(f"{api}/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.json() == {
        "username": "binh.tran",
        "full_name": "Trần Văn Bình",
        "email": "binh@example.test",
        "phone": "0987654321",
        "kind": "citizen",
        "agency_code": None,
        "address": None,
    }


def test_username_taken_and_invalid_fields(portal):
    api = portal.api_url
    first = {**NEW, "username": "trung", "email": "trung@example.test"}
    assert requests.post(f"{api}/accounts", json=first).status_code == 201
    taken = requests.post(f"{api}/accounts", json={**first, "username": "TRUNG"})
    assert taken.status_code == 409 and error_code(taken) == "username_taken"
    for field, value in (
        ("kind", "alien"),
        ("email", "khong-phai-email"),
        ("password", "ngan"),
        ("username", "có dấu"),
    ):
        bad = requests.post(f"{api}/accounts", json={**first, "username": "moi", field: value})
        assert bad.status_code == 422 and error_code(bad) == "invalid_field"
        assert bad.json()["error"]["details"]["field"] == field
    missing = requests.post(f"{api}/accounts", json={"username": "thieu"})
    assert missing.status_code == 422 and error_code(missing) == "invalid_field"


def test_refresh_token_works_once(portal):
    account = register_account(portal)
    api = portal.api_url
    renewed = requests.post(f"{api}/auth/refresh", json={"refresh_token": account.refresh_token})
    assert renewed.status_code == 200
    body = renewed.json()
    assert body["refresh_token"] != account.refresh_token and body["token_type"] == "Bearer"
    reused = requests.post(f"{api}/auth/refresh", json={"refresh_token": account.refresh_token})
    assert reused.status_code == 401 and error_code(reused) == "invalid_token"
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert requests.get(f"{api}/me", headers=headers).status_code == 200


def test_wrong_passwords_lock_the_account_with_retry_after(tmp_path):
    with running_sandbox(tmp_path / "p", lockout_threshold=3, lockout_seconds=2) as server:
        account = register_account(server)
        api = server.api_url
        wrong = {"username": account.username, "password": "sai-mat-khau"}
        for _ in range(2):
            refused = requests.post(f"{api}/auth/token", json=wrong)
            assert refused.status_code == 401 and error_code(refused) == "invalid_credentials"
        locked = requests.post(f"{api}/auth/token", json=wrong)
        assert locked.status_code == 423 and error_code(locked) == "account_locked"
        assert 1 <= int(locked.headers["Retry-After"]) <= 2
        right = {"username": account.username, "password": account.password}
        still = requests.post(f"{api}/auth/token", json=right)
        assert still.status_code == 423 and "Retry-After" in still.headers
        time.sleep(2.1)
        assert requests.post(f"{api}/auth/token", json=right).status_code == 200
        unknown = requests.post(f"{api}/auth/token", json={"username": "khong-co", "password": "x"})
        assert unknown.status_code == 401 and error_code(unknown) == "invalid_credentials"


def test_access_tokens_expire(tmp_path):
    with running_sandbox(tmp_path / "p", access_token_ttl=1) as server:
        account = register_account(server)
        assert requests.get(server.api_url + "/me", headers=account.headers()).status_code == 200
        time.sleep(1.2)
        expired = requests.get(server.api_url + "/me", headers=account.headers())
        assert expired.status_code == 401 and error_code(expired) == "invalid_token"


def test_missing_or_unknown_token_is_invalid_token(portal):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = requests.get(portal.api_url + "/me", headers=headers)
        assert response.status_code == 401 and error_code(response) == "invalid_token"


def test_demo_account_exists_unless_no_demo(tmp_path, portal):
    demo = {"username": "demo", "password": "demo"}
    tokens = requests.post(portal.api_url + "/auth/token", json=demo)
    assert tokens.status_code == 200
    me = requests.get(
        portal.api_url + "/me", headers={"Authorization": f"Bearer {tokens.json()['access_token']}"}
    )
    assert me.json()["kind"] == "agency"
    with running_sandbox(tmp_path / "nodemo", demo=False) as server:
        refused = requests.post(server.api_url + "/auth/token", json=demo)
        assert refused.status_code == 401
