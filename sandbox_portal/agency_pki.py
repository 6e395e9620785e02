"""The sandbox agency's own signing certificate: made with ``cryptography`` on first start,
kept in the data folder, used (through ``signing``) to sign results and e-receipts."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


class AgencySigner:
    """The agency's PKCS#12 (signer + its sandbox root) and how to sign with it."""

    def __init__(self, folder: Path, agency_name: str) -> None:
        self.folder = folder
        self.agency_name = agency_name
        self.pkcs12_path = folder / "agency-signer.p12"
        self.root_path = folder / "agency-root.pem"
        """PEM of the sandbox root: what a client trusts to see results as trusted."""
        self._password_path = folder / "agency-signer.password"
        self._lock = threading.Lock()

    def ensure(self) -> None:
        """Make the root and the signer certificate once (first start)."""
        with self._lock:
            if self.pkcs12_path.exists() and self._password_path.exists():
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
            root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            root_name = _name("Sandbox Root CA (tập huấn, không tin cậy thật)")
            root = (
                x509.CertificateBuilder()
                .subject_name(root_name)
                .issuer_name(root_name)
                .public_key(root_key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now)
                .not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(_usage(cert_sign=True), critical=True)
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()),
                    critical=False,
                )
                .sign(root_key, hashes.SHA256())
            )
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            cert = (
                x509.CertificateBuilder()
                .subject_name(_name(self.agency_name))
                .issuer_name(root_name)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now)
                .not_valid_after(now + dt.timedelta(days=1825))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(_usage(cert_sign=False), critical=True)
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                    critical=False,
                )
                .sign(root_key, hashes.SHA256())
            )
            password = secrets.token_urlsafe(18)
            data = pkcs12.serialize_key_and_certificates(
                b"agency",
                key,
                cert,
                [root],
                serialization.BestAvailableEncryption(password.encode()),
            )
            self.root_path.write_bytes(root.public_bytes(serialization.Encoding.PEM))
            tmp = self.pkcs12_path.with_suffix(".tmp")
            tmp.write_bytes(data)
            self._password_path.write_text(password, encoding="utf-8")
            tmp.replace(self.pkcs12_path)

    def root_certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.root_path.read_bytes())

    def sign(self, src: Path, dst: Path, reason: str) -> None:
        """Sign ``src`` into ``dst`` with the agency's certificate (PAdES B-B)."""
        import signing

        self.ensure()
        password = self._password_path.read_text(encoding="utf-8").strip()
        options = signing.SignOptions(
            reason=reason,
            location="Kon Tum (sandbox)",
            trust_roots=(self.root_certificate(),),
        )
        with signing.Pkcs12KeySource(self.pkcs12_path, password).open() as session:
            signing.sign_pdf(src, dst, session, options)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cổng Dịch vụ công sandbox"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
