"""The loopback services of the test PKI: a timestamp authority, OCSP and CRLs over HTTP.

Used by :func:`tests.support.pki.build_test_pki`; tests reach them through
``pki.services`` (``hits``, ``available``, ``revoke``).
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp

if TYPE_CHECKING:
    from tests.support.pki import Identity

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

__all__ = ["LoopbackServices"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class _Revocations:
    """What the OCSP responder and CRLs say, keyed by the issuer's subject."""

    revoked: dict[int, dt.datetime] = field(default_factory=dict)  # serial -> revoked at
    issuers: dict[bytes, tuple[x509.Certificate, PrivateKey]] = field(default_factory=dict)
    # keyed by SHA-1 of the issuer's public key (what OCSP requests carry)
    crl_issuers: dict[str, tuple[x509.Certificate, PrivateKey]] = field(default_factory=dict)


class LoopbackServices:
    """A timestamp authority, an OCSP responder and CRLs on ``http://127.0.0.1:<port>``.

    ``hits`` counts the requests per service (``"tsa"``, ``"ocsp"``, ``"crl"``). Set
    ``available = False`` to make every service answer 503 (the network is down), or
    ``ocsp_available = False`` for the OCSP responder only (clients fall back to CRLs).
    """

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.available = True
        self.ocsp_available = True
        self._revocations = _Revocations()
        self._timestamper: Any = None
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="test-pki-services", daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # Configuration by build_test_pki.
    def _add_issuer(self, name: str, cert: x509.Certificate, key: PrivateKey) -> None:
        # OCSP requests name the issuer by the SHA-1 of its public key bits (= method-1 SKI).
        key_hash = x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest
        self._revocations.issuers[key_hash] = (cert, key)
        self._revocations.crl_issuers[name] = (cert, key)

    def _set_timestamper(self, identity: Identity) -> None:
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        der_key = identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self._timestamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(identity.cert_der()),
            tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
            certs_to_embed=[
                asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                for c in identity.chain
            ],
        )

    def revoke(self, cert: x509.Certificate, when: dt.datetime | None = None) -> None:
        self._revocations.revoked[cert.serial_number] = when or _now() - dt.timedelta(hours=1)

    # Answers.
    def _tsa(self, body: bytes) -> bytes:
        from asn1crypto import tsp

        request = tsp.TimeStampReq.load(body)
        return self._timestamper.request_tsa_response(request).dump()

    def _ocsp(self, body: bytes) -> bytes:
        request = ocsp.load_der_ocsp_request(body)
        found = self._revocations.issuers.get(request.issuer_key_hash)
        if found is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED
            ).public_bytes(serialization.Encoding.DER)
        issuer_cert, issuer_key = found
        now = _now()
        revoked_at = self._revocations.revoked.get(request.serial_number)
        builder = ocsp.OCSPResponseBuilder().add_response_by_hash(
            issuer_name_hash=request.issuer_name_hash,
            issuer_key_hash=request.issuer_key_hash,
            serial_number=request.serial_number,
            algorithm=request.hash_algorithm,
            cert_status=(ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD),
            this_update=now - dt.timedelta(minutes=5),
            next_update=now + dt.timedelta(days=1),
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, issuer_cert)
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        response = builder.sign(issuer_key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)

    def _crl(self, name: str) -> bytes | None:
        found = self._revocations.crl_issuers.get(name)
        if found is None:
            return None
        issuer_cert, issuer_key = found
        now = _now()
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(issuer_cert.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + dt.timedelta(days=1))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()),
                critical=False,
            )
        )
        for serial, when in self._revocations.revoked.items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        crl = builder.sign(issuer_key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)


def _make_handler(services: LoopbackServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_POST(self) -> None:
            body = self._body()
            if not services.available:
                self._answer(503, b"down", "text/plain")
                return
            if self.path == "/tsa":
                services.hits["tsa"] += 1
                self._answer(200, services._tsa(body), "application/timestamp-reply")
            elif self.path == "/ocsp":
                services.hits["ocsp"] += 1
                if not services.ocsp_available:
                    self._answer(503, b"down", "text/plain")
                    return
                self._answer(200, services._ocsp(body), "application/ocsp-response")
            else:
                self._answer(404, b"", "text/plain")

        def do_GET(self) -> None:
            if not services.available:
                self._answer(503, b"down", "text/plain")
                return
            if self.path.startswith("/ocsp/"):
                services.hits["ocsp"] += 1
                if not services.ocsp_available:
                    self._answer(503, b"down", "text/plain")
                    return
                request = base64.b64decode(self.path[len("/ocsp/") :])
                self._answer(200, services._ocsp(request), "application/ocsp-response")
                return
            if self.path.startswith("/crl/") and self.path.endswith(".crl"):
                services.hits["crl"] += 1
                body = services._crl(self.path[len("/crl/") : -len(".crl")])
                if body is not None:
                    self._answer(200, body, "application/pkix-crl")
                    return
            self._answer(404, b"", "text/plain")

    return Handler
