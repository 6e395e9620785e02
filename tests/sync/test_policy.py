"""Pure parts of the client and engine: URLs, retry delays, link checks, request bodies."""

from __future__ import annotations

import random

import pytest

from desktop_app.core.dossier import DossierFile
from desktop_app.core.outbox import body_hash
from desktop_app.core.portal.errors import ConfigurationError
from desktop_app.core.portal.session import RetryPolicy, check_portal_url, parse_retry_after
from desktop_app.core.sync.body import unique_names
from desktop_app.core.sync.payments import payment_link_allowed


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://dichvucong.quangngai.gov.vn/", "https://dichvucong.quangngai.gov.vn"),
        ("https://dvc.example.vn:8443/api/v1", "https://dvc.example.vn:8443"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:9000", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_portal_url_gives_its_origin(url, origin):
    assert check_portal_url(url) == origin


@pytest.mark.parametrize(
    "url", ["http://dichvucong.gov.vn", "ftp://x", "dichvucong.gov.vn", "http://10.0.0.5:80"]
)
def test_plain_http_is_refused_outside_loopback(url):
    with pytest.raises(ConfigurationError) as caught:
        check_portal_url(url)
    assert "HTTPS" in caught.value.render("vi")


def test_backoff_grows_with_jitter_and_retry_after_wins():
    policy = RetryPolicy(base=0.5, cap=8)
    rng = random.Random(1)
    delays = [policy.delay(n, None, rng) for n in range(1, 9)]
    assert all(0 <= d <= min(8, 0.5 * 2 ** (n - 1)) for n, d in enumerate(delays, start=1))
    assert len(set(delays)) == len(delays)  # jittered
    assert policy.delay(1, 7.0) == 7.0
    assert policy.delay(1, 10_000) == policy.retry_after_cap
    assert parse_retry_after("3") == 3.0 and parse_retry_after("Wed, 21 Oct 2015") is None


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/pay/R1?x=1", True),
        ("https://pay.vnpay.vn/x", True),
        ("http://pay.vnpay.vn/x", False),
        ("https://evil.example/pay/R1", False),
        ("javascript:alert(1)", False),
        ("http://127.0.0.1:8001/pay/R1", False),
    ],
)
def test_payment_links_open_only_for_the_portal_or_an_allowed_origin(url, allowed):
    assert payment_link_allowed(url, "http://127.0.0.1:8000", ["https://pay.vnpay.vn"]) is allowed


def _file(fid: int, component: str, name: str) -> DossierFile:
    return DossierFile(fid, "d", component, "0" * 64, name, "application/pdf", 1)


def test_same_names_in_a_component_are_made_unique_the_same_way_every_time():
    files = [_file(3, "TP1", "scan.pdf"), _file(1, "TP1", "Scan.pdf"), _file(2, "TP2", "scan.pdf")]
    assert unique_names(files) == {1: "Scan.pdf", 2: "scan.pdf", 3: "scan (2).pdf"}
    assert unique_names(list(reversed(files))) == unique_names(files)


def test_body_hash_ignores_key_order():
    assert body_hash({"a": 1, "b": [1, 2]}) == body_hash({"b": [1, 2], "a": 1})
    assert body_hash({"a": 1}) != body_hash({"a": 2})
