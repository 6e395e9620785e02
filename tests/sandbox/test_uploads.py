"""tus 1.0.0 uploads: HEAD, PATCH and every check in portal-api.md's order."""

from __future__ import annotations

import base64
import hashlib

import requests

from tests.sandbox.conftest import chunk_headers, error_code, make_pdf


def _draft(client, data):
    dossier = client.create([data])
    upload = dossier["uploads"][0]
    return dossier, client.server.url + upload["upload_url"]


def test_head_reports_offset_and_length(client):
    data = make_pdf()
    _, url = _draft(client, data)
    head = client.http.head(url)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "0"
    assert head.headers["Upload-Length"] == str(len(data))
    assert head.headers["Tus-Resumable"] == "1.0.0"
    assert requests.head(url).status_code == 401


def test_chunks_then_complete_then_patch_changes_nothing(client):
    data = make_pdf()
    _, url = _draft(client, data)
    first = client.http.patch(url, data=data[:1000], headers=chunk_headers(data[:1000], 0))
    assert first.status_code == 204 and first.headers["Upload-Offset"] == "1000"
    assert first.headers["Tus-Resumable"] == "1.0.0"
    rest = data[1000:]
    done = client.http.patch(url, data=rest, headers=chunk_headers(rest, 1000))
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    again = client.http.patch(url, data=b"x", headers=chunk_headers(b"x", 0))
    assert again.status_code == 204 and again.headers["Upload-Offset"] == str(len(data))
    assert client.http.head(url).headers["Upload-Offset"] == str(len(data))


def test_checks_come_in_the_contract_order(client):
    data = make_pdf()
    _, url = _draft(client, data)
    good = chunk_headers(data[:10], 0)

    def patch(body=data[:10], **changes):
        headers = {**good, **changes}
        headers = {k: v for k, v in headers.items() if v is not None}
        return client.http.patch(url, data=body, headers=headers)

    # all wrong at once: each answer is the first failing check
    everything_wrong = patch(
        **{
            "Tus-Resumable": None,
            "Content-Type": "text/plain",
            "Upload-Checksum": None,
            "Upload-Offset": "5",
        }
    )
    assert everything_wrong.status_code == 412
    assert patch(**{"Tus-Resumable": "0.2.2"}).status_code == 412
    wrong_type = patch(**{"Content-Type": "application/pdf", "Upload-Checksum": None})
    assert wrong_type.status_code == 415
    no_sum = patch(**{"Upload-Checksum": None, "Upload-Offset": "5"})
    assert no_sum.status_code == 400 and error_code(no_sum) == "checksum_required"
    md5 = patch(**{"Upload-Checksum": "md5 " + base64.b64encode(b"0" * 16).decode()})
    assert md5.status_code == 400 and error_code(md5) == "checksum_required"
    big = b"\0" * (16 * 1024 * 1024 + 1)
    too_big = patch(big, **{"Upload-Offset": "5"})
    assert too_big.status_code == 413 and error_code(too_big) == "chunk_too_large"
    moved = patch(**{"Upload-Offset": "5"})
    assert moved.status_code == 409 and error_code(moved) == "offset_mismatch"
    assert moved.headers["Upload-Offset"] == "0"
    past_end = data + b"extra"
    beyond = patch(past_end, **chunk_headers(past_end, 0))
    assert beyond.status_code == 413 and error_code(beyond) == "upload_exceeds_length"
    lie = patch(data[:10], **{"Upload-Checksum": chunk_headers(b"other", 0)["Upload-Checksum"]})
    assert lie.status_code == 460 and error_code(lie) == "checksum_mismatch"
    assert client.http.head(url).headers["Upload-Offset"] == "0"
    assert patch().status_code == 204


def test_whole_file_hash_mismatch_resets_to_zero(client):
    data = make_pdf()
    _, url = _draft(client, data)
    wrong = bytes([data[0] ^ 1]) + data[1:]
    head = wrong[:500]
    assert client.http.patch(url, data=head, headers=chunk_headers(head, 0)).status_code == 204
    tail = wrong[500:]
    response = client.http.patch(url, data=tail, headers=chunk_headers(tail, 500))
    assert response.status_code == 422 and error_code(response) == "file_hash_mismatch"
    assert response.headers["Upload-Offset"] == "0"
    assert client.http.head(url).headers["Upload-Offset"] == "0"
    client.upload({"upload_url": url.removeprefix(client.server.url)}, data)
    assert client.http.head(url).headers["Upload-Offset"] == str(len(data))
    stored = client.server.config.data_dir / "uploads" / url.rsplit("/", 1)[1]
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == hashlib.sha256(data).hexdigest()


def test_unknown_upload_is_not_found(client):
    url = client.server.url + "/api/v1/uploads/khong-co"
    response = client.http.patch(url, data=b"x", headers=chunk_headers(b"x", 0))
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert client.http.head(url).status_code == 404
    options = client.http.options(url)
    assert options.headers["Tus-Checksum-Algorithm"] == "sha256"
