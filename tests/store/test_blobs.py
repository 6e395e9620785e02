"""The blob store: content-addressed, verified on read, shared, collected only when unused."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from desktop_app.core.messages import UserError
from desktop_app.core.store import Store
from desktop_app.core.store.blobs import Cancelled
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.gc import collect_garbage


@pytest.fixture
def store(profile):
    store = Store.open(profile)
    yield store
    store.close()


def test_blob_is_named_by_its_hash_and_copied_not_linked(store, tmp_path):
    original = tmp_path / "scan.pdf"
    data = os.urandom(3 * 1024 * 1024 + 17)
    original.write_bytes(data)
    info = store.blobs.put_file(original)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.size == len(data)
    path = store.blobs.path(info.sha256)
    assert path.relative_to(store.blobs.root).parts == (info.sha256[:2], info.sha256[2:])
    original.write_bytes(b"the clerk changed the original afterwards")
    assert store.blobs.read_bytes(info.sha256) == data
    assert not any(store.blobs.tmp.iterdir())


def test_corrupted_blob_is_detected_on_read(store):
    info = store.blobs.put_bytes(b"%PDF-1.7 original bytes")
    store.blobs.path(info.sha256).write_bytes(b"%PDF-1.7 tampered bytes")
    with pytest.raises(UserError) as caught:
        store.blobs.read_bytes(info.sha256)
    assert caught.value.message.key == "storage.blob_corrupt"
    assert store.blobs.verify(info.sha256) is False


def test_a_reader_that_asks_for_exactly_the_bytes_left_still_gets_the_check(store):
    data = b"%PDF-1.7 " + os.urandom(100_000)
    info = store.blobs.put_bytes(data)
    damaged = bytearray(data)
    damaged[50_000] ^= 0xFF
    store.blobs.path(info.sha256).write_bytes(bytes(damaged))
    with pytest.raises(UserError) as caught, store.blobs.open(info.sha256) as reader:
        reader.read(len(data))  # never reads past the end
    assert caught.value.message.key == "storage.blob_corrupt"


def test_verifying_reader_checks_after_a_resume_seek(store):
    data = os.urandom(2_500_000)
    info = store.blobs.put_bytes(data)
    with store.blobs.open(info.sha256) as reader:
        reader.seek(1_000_000)
        rest = b""
        while chunk := reader.read(300_000):
            rest += chunk
    assert rest == data[1_000_000:]


def test_missing_blob_says_so(store):
    with pytest.raises(UserError) as caught:
        store.blobs.read_bytes("ab" * 32)
    assert caught.value.message.key == "storage.blob_missing"


def test_cancelled_copy_leaves_nothing(store, tmp_path):
    original = tmp_path / "big.pdf"
    original.write_bytes(os.urandom(5 * 1024 * 1024))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        store.blobs.put_file(original, cancelled=cancelled)
    assert list(store.blobs.iter_stored()) == []
    assert not any(store.blobs.tmp.iterdir())


def test_two_dossiers_share_one_blob_and_it_goes_only_when_both_let_go(store, tmp_path):
    repo = DossierRepository(store)
    original = tmp_path / "giay-khai-sinh.pdf"
    original.write_bytes(b"%PDF-1.7 the same birth certificate")
    first = repo.create("1.014111", 3)
    second = repo.create("1.014111", 3)
    f1 = repo.attach(first.id, "TP2", original)
    f2 = repo.attach(second.id, "TP2", original)
    assert f1.blob_sha256 == f2.blob_sha256
    assert list(store.blobs.iter_stored()) == [f1.blob_sha256]

    repo.remove_file(first.id, f1.id)
    assert collect_garbage(store) == []
    assert store.blobs.verify(f1.blob_sha256)

    repo.delete_draft(second.id)
    assert collect_garbage(store) == [f1.blob_sha256]
    assert not store.blobs.exists(f1.blob_sha256)


def test_orphan_file_from_a_crash_is_collected_once_old(store):
    info = store.blobs.put_bytes(b"copied, then the PC lost power before the transaction")
    assert collect_garbage(store) == []  # young: an attachment may be about to use it
    old = time.time() - 7200
    os.utime(store.blobs.path(info.sha256), (old, old))
    assert collect_garbage(store) == [info.sha256]


def test_attachment_refuses_a_blob_that_vanished_before_its_transaction(store):
    repo = DossierRepository(store)
    dossier = repo.create("1.014111", 3)
    info = store.blobs.put_bytes(b"%PDF-1.7 x")
    store.blobs.remove(info.sha256)
    with pytest.raises(UserError) as caught:
        repo.attach_blob(
            dossier.id, "TP1", info, original_name="x.pdf", content_type="application/pdf"
        )
    assert caught.value.message.key == "storage.blob_missing"
    assert repo.get(dossier.id).files == []


def test_signed_version_replaces_the_original_which_is_kept(store, tmp_path):
    repo = DossierRepository(store)
    dossier = repo.create("1.014111", 3)
    original = tmp_path / "don.pdf"
    original.write_bytes(b"%PDF-1.7 unsigned")
    unsigned = repo.attach(dossier.id, "TP1", original)
    signed_blob = store.blobs.put_bytes(b"%PDF-1.7 unsigned + signature")
    signed = repo.add_signed_version(unsigned.id, signed_blob, {"all_intact": True})
    current = repo.get(dossier.id)
    assert [f.id for f in current.active_files("TP1")] == [signed.id]
    assert signed.source_file_id == unsigned.id and signed.signed
    assert {f.blob_sha256 for f in current.files} == {unsigned.blob_sha256, signed.blob_sha256}
    assert collect_garbage(store) == []
    repo.remove_file(dossier.id, signed.id)
    assert repo.get(dossier.id).files == []
    assert sorted(collect_garbage(store)) == sorted([unsigned.blob_sha256, signed.blob_sha256])
