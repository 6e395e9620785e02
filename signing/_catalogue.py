"""The entries of :mod:`signing.messages`: ``key: (Vietnamese, English)``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ input files
    "input.missing": (
        "Không tìm thấy tệp {path}.",
        "The file {path} does not exist.",
    ),
    "input.unreadable": (
        "Không đọc được tệp {path}: {detail}.",
        "Could not read {path}: {detail}.",
    ),
    "input.empty": (
        "Tệp {path} rỗng (0 byte), không phải tài liệu PDF.",
        "{path} is empty (0 bytes); it is not a PDF document.",
    ),
    "input.not_pdf": (
        "Tệp {path} không phải tài liệu PDF. Hãy chọn đúng tệp PDF (hoặc chuyển ảnh quét "
        "sang PDF trước).",
        "{path} is not a PDF document. Choose the PDF file (or turn scans into a PDF first).",
    ),
    "input.truncated": (
        "Tệp PDF {path} bị cắt cụt hoặc hỏng (thiếu phần cuối tệp). Hãy lấy lại bản gốc của tệp.",
        "The PDF {path} is truncated or damaged (its end is missing). Get the original file again.",
    ),
    "input.malformed": (
        "Tệp PDF {path} bị hỏng, không đọc được cấu trúc: {detail}. Hãy lưu lại tệp từ "
        "chương trình đã tạo ra nó.",
        "The PDF {path} is damaged and cannot be parsed: {detail}. Save it again from the "
        "program that made it.",
    ),
    "input.encrypted": (
        "Tệp PDF {path} được đặt mật khẩu hoặc mã hoá nên không ký được. Hãy gỡ mật khẩu "
        "rồi ký lại.",
        "The PDF {path} is password-protected or encrypted, so it cannot be signed. Remove "
        "the password and sign again.",
    ),
    "input.certified_no_changes": (
        "Tệp PDF {path} đã được chứng thực (certify) và không cho phép thay đổi nào, kể cả "
        "thêm chữ ký.",
        "The PDF {path} is certified and allows no change at all, not even another signature.",
    ),
    "output.same_as_input": (
        "Tệp kết quả {path} trùng với tệp gốc; hãy chọn tên hoặc thư mục khác.",
        "The output {path} is the input itself; choose another name or folder.",
    ),
    "output.write_failed": (
        "Không ghi được tệp đã ký {path}: {detail}. Không có tệp dở dang nào được để lại.",
        "Could not write the signed file {path}: {detail}. No partial file was left behind.",
    ),
    "output.exists": (
        "Tệp {path} đã tồn tại; không ghi đè.",
        "{path} already exists; it was not overwritten.",
    ),
    # ------------------------------------------------------------------ key sources
    "key.pkcs12_wrong_password": (
        "Mật khẩu của tệp chứng thư số {path} không đúng. Hãy nhập lại mật khẩu.",
        "The password of the certificate file {path} is wrong. Enter it again.",
    ),
    "key.pkcs12_unreadable": (
        "Không đọc được tệp chứng thư số {path}: {detail}.",
        "Could not read the certificate file {path}: {detail}.",
    ),
    "key.pkcs12_no_key": (
        "Tệp {path} không chứa khoá bí mật và chứng thư số đi kèm.",
        "{path} holds no private key with its certificate.",
    ),
    "key.session_closed": (
        "Phiên ký đã đóng; hãy mở lại khoá ký.",
        "The signing session is closed; open the key again.",
    ),
    "key.secret_missing": (
        "Cần {what} nhưng không có cách nhập (không có bàn phím tương tác và biến môi "
        "trường {env} chưa đặt).",
        "{what} is needed but cannot be asked for (no interactive terminal, and {env} is not set).",
    ),
    # ------------------------------------------------------------------ PKCS#11
    "pkcs11.module_missing": (
        "Không tìm thấy thư viện PKCS#11 {path}. Hãy cài trình điều khiển (driver) của "
        "token hoặc chọn đúng tệp .dll/.so.",
        "The PKCS#11 module {path} does not exist. Install the token's driver or pick the "
        "right .dll/.so file.",
    ),
    "pkcs11.module_wrong_arch": (
        "Không nạp được thư viện PKCS#11 {path}: tệp này dành cho kiến trúc máy khác "
        "(32-bit/64-bit). Hãy chọn bản {bits}-bit của trình điều khiển token.",
        "Could not load the PKCS#11 module {path}: it is built for another architecture "
        "(32/64-bit). Pick the {bits}-bit version of the token driver.",
    ),
    "pkcs11.module_dependency": (
        "Không nạp được thư viện PKCS#11 {path}: thiếu một thành phần của trình điều khiển "
        "({detail}). Hãy cài lại phần mềm của token.",
        "Could not load the PKCS#11 module {path}: a part of its driver is missing "
        "({detail}). Reinstall the token software.",
    ),
    "pkcs11.module_not_pkcs11": (
        "Tệp {path} không phải thư viện PKCS#11 (không có hàm C_GetFunctionList).",
        "{path} is not a PKCS#11 module (it has no C_GetFunctionList).",
    ),
    "pkcs11.module_failed": (
        "Không nạp được thư viện PKCS#11 {path}: {detail}.",
        "Could not load the PKCS#11 module {path}: {detail}.",
    ),
    "pkcs11.no_token": (
        "Không thấy token nào trong thư viện {path}. Hãy cắm USB token rồi thử lại.",
        "No token found through {path}. Plug in the USB token and try again.",
    ),
    "pkcs11.token_not_found": (
        "Không thấy token có nhãn {label}. Các token đang có: {available}.",
        "No token labelled {label}. Tokens present: {available}.",
    ),
    "pkcs11.several_tokens": (
        "Có nhiều token ({available}); hãy chọn một bằng --token.",
        "Several tokens are present ({available}); pick one with --token.",
    ),
    "pkcs11.key_not_found": (
        "Không thấy khoá ký {label} trên token {token}. Các khoá có trên token: {available}.",
        "No signing key {label} on token {token}. Keys on the token: {available}.",
    ),
    "pkcs11.several_keys": (
        "Token {token} có nhiều khoá ký ({available}); hãy chọn một bằng --key.",
        "The token {token} holds several signing keys ({available}); pick one with --key.",
    ),
    "pkcs11.no_certificate": (
        "Không thấy chứng thư số đi kèm khoá {label} trên token {token}.",
        "No certificate goes with the key {label} on token {token}.",
    ),
    "pkcs11.wrong_pin": (
        "Mã PIN không đúng. Chương trình không tự thử lại để tránh khoá token.",
        "Wrong PIN. It is not retried automatically, so the token does not lock.",
    ),
    "pkcs11.wrong_pin_last_try": (
        "Mã PIN không đúng. Chỉ còn MỘT lần thử: nhập sai nữa token sẽ bị khoá.",
        "Wrong PIN. Only ONE try is left: one more wrong PIN locks the token.",
    ),
    "pkcs11.wrong_pin_few_left": (
        "Mã PIN không đúng. Token báo còn ít lần thử; hãy kiểm tra kỹ trước khi nhập lại.",
        "Wrong PIN. The token reports few tries left; check carefully before trying again.",
    ),
    "pkcs11.pin_locked": (
        "Token đã bị khoá do nhập sai mã PIN quá số lần cho phép. Hãy liên hệ nhà cung "
        "cấp chứng thư số để mở khoá.",
        "The token is locked after too many wrong PINs. Contact the certificate provider "
        "to unlock it.",
    ),
    "pkcs11.pin_invalid": (
        "Mã PIN không hợp lệ (sai độ dài hoặc ký tự).",
        "The PIN is not valid (wrong length or characters).",
    ),
    "pkcs11.token_removed": (
        "Token đã bị rút ra trong khi ký. Hãy cắm lại token và ký lại.",
        "The token was removed while signing. Plug it in again and sign again.",
    ),
    "pkcs11.error": (
        "Token báo lỗi: {detail}.",
        "The token reported an error: {detail}.",
    ),
    # ------------------------------------------------------------------ certificate checks
    "cert.expired": (
        "Chứng thư số của {name} đã hết hạn từ {date}. Hãy gia hạn chứng thư số.",
        "The certificate of {name} expired on {date}. Renew the certificate.",
    ),
    "cert.not_yet_valid": (
        "Chứng thư số của {name} chỉ có hiệu lực từ {date}. Hãy kiểm tra đồng hồ máy tính "
        "hoặc chờ đến ngày đó.",
        "The certificate of {name} is only valid from {date}. Check the computer's clock or "
        "wait until then.",
    ),
    "cert.expires_soon": (
        "Chứng thư số của {name} sẽ hết hạn vào {date}.",
        "The certificate of {name} expires on {date}.",
    ),
    "cert.no_signing_usage": (
        "Chứng thư số của {name} không được phép dùng để ký (thiếu mục đích sử dụng "
        "digitalSignature hoặc nonRepudiation).",
        "The certificate of {name} may not be used for signing (its key usage has neither "
        "digitalSignature nor nonRepudiation).",
    ),
    "cert.weak_key": (
        "Khoá của chứng thư số {name} quá yếu ({detail}); quy định yêu cầu RSA từ 2048 bit "
        "hoặc ECDSA từ 256 bit.",
        "The key of the certificate {name} is too weak ({detail}); the rules require RSA of "
        "at least 2048 bits or ECDSA of at least 256 bits.",
    ),
    "cert.unsupported_key": (
        "Loại khoá của chứng thư số {name} không được hỗ trợ ({detail}).",
        "The key type of the certificate {name} is not supported ({detail}).",
    ),
    "cert.untrusted": (
        "Chứng thư số của {name} không chuỗi được tới chứng thư gốc tin cậy đã cấu hình "
        "({detail}).",
        "The certificate of {name} does not chain to a configured trusted root ({detail}).",
    ),
    "cert.revoked": (
        "Chứng thư số của {name} đã bị thu hồi.",
        "The certificate of {name} has been revoked.",
    ),
    "cert.no_trust_roots": (
        "Chưa cấu hình chứng thư gốc tin cậy nên không kiểm tra chuỗi chứng thực.",
        "No trusted root is configured, so the certificate chain was not checked.",
    ),
    "trust.unreadable": (
        "Không đọc được chứng thư gốc {path}: {detail}.",
        "Could not read the root certificate {path}: {detail}.",
    ),
    # ------------------------------------------------------------------ signing
    "sign.tsa_needed": (
        "Mức chữ ký {level} cần máy chủ cấp dấu thời gian (TSA); hãy cấu hình địa chỉ TSA.",
        "The signature level {level} needs a timestamp authority; configure its URL.",
    ),
    "sign.tsa_failed": (
        "Không lấy được dấu thời gian từ {url}: {detail}. Hãy kiểm tra kết nối mạng rồi ký lại.",
        "Could not get a timestamp from {url}: {detail}. Check the network and sign again.",
    ),
    "sign.revocation_failed": (
        "Không lấy được thông tin thu hồi chứng thư (OCSP/CRL) để nhúng vào tài liệu: "
        "{detail}. Hãy kiểm tra kết nối mạng.",
        "Could not fetch revocation data (OCSP/CRL) to embed: {detail}. Check the network.",
    ),
    "sign.failed": (
        "Không ký được {path}: {detail}.",
        "Could not sign {path}: {detail}.",
    ),
    "sign.self_check_failed": (
        "Tệp vừa ký {path} không vượt qua bước tự kiểm tra chữ ký; tệp không được giữ lại.",
        "The freshly signed {path} failed its signature self-check; it was not kept.",
    ),
    "sign.cancelled": (
        "Đã huỷ; tệp {path} chưa được ký.",
        "Cancelled; {path} was not signed.",
    ),
    "stamp.image_unreadable": (
        "Không đọc được ảnh con dấu {path}: {detail}.",
        "Could not read the seal image {path}: {detail}.",
    ),
    "stamp.bad_page": (
        "Tài liệu {path} không có trang {page} (chỉ có {pages} trang).",
        "The document {path} has no page {page} (it has {pages}).",
    ),
    "stamp.font_missing": (
        "Không tìm thấy phông chữ cho hình chữ ký tại {path}.",
        "The font for the visible signature is missing at {path}.",
    ),
    "stamp.text_too_long": (
        "Nội dung hình chữ ký quá dài để vừa khung {width}×{height} điểm.",
        "The visible signature's text is too long to fit a {width}×{height} pt box.",
    ),
    # ------------------------------------------------------------------ scans
    "scan.unreadable": (
        "Không đọc được ảnh quét {path}: {detail}.",
        "Could not read the scan {path}: {detail}.",
    ),
    "scan.unsupported": (
        "Ảnh quét {path} không phải JPEG hoặc PNG.",
        "The scan {path} is neither JPEG nor PNG.",
    ),
    "scan.none": (
        "Không có ảnh quét nào để chuyển sang PDF.",
        "There are no scans to turn into a PDF.",
    ),
    # ------------------------------------------------------------------ validation
    "verify.no_signature": (
        "Tài liệu không có chữ ký số nào.",
        "The document has no digital signature.",
    ),
    "verify.not_intact": (
        "Chữ ký {field} của {signer} không còn nguyên vẹn: nội dung đã bị sửa sau khi ký "
        "hoặc chữ ký bị hỏng.",
        "The signature {field} of {signer} is not intact: the content changed after signing "
        "or the signature is damaged.",
    ),
    "verify.partial_coverage": (
        "Chữ ký {field} của {signer} không bao trùm toàn bộ tệp.",
        "The signature {field} of {signer} does not cover the whole file.",
    ),
    "verify.changed_after": (
        "Tài liệu đã bị thay đổi sau chữ ký {field} của {signer} ({detail}).",
        "The document was changed after the signature {field} of {signer} ({detail}).",
    ),
    "verify.untrusted": (
        "Chứng thư số của {signer} (chữ ký {field}) không chuỗi được tới chứng thư gốc tin cậy.",
        "The certificate of {signer} (signature {field}) does not chain to a trusted root.",
    ),
    "verify.no_trust_roots": (
        "Chưa có chứng thư gốc tin cậy nên không xác định được người ký có đáng tin hay không.",
        "No trusted root was given, so whether the signer is trusted is unknown.",
    ),
    "verify.revoked": (
        "Chứng thư số của {signer} (chữ ký {field}) đã bị thu hồi.",
        "The certificate of {signer} (signature {field}) has been revoked.",
    ),
    "verify.cert_expired": (
        "Chứng thư số của {signer} (chữ ký {field}) không còn hiệu lực tại thời điểm kiểm tra.",
        "The certificate of {signer} (signature {field}) was not valid at the validation time.",
    ),
    "verify.timestamp_invalid": (
        "Dấu thời gian của chữ ký {field} không hợp lệ.",
        "The timestamp of the signature {field} is not valid.",
    ),
    "verify.weak_algorithm": (
        "Chữ ký {field} dùng thuật toán yếu ({detail}).",
        "The signature {field} uses a weak algorithm ({detail}).",
    ),
    "verify.failed": (
        "Không kiểm tra được chữ ký {field}: {detail}.",
        "Could not check the signature {field}: {detail}.",
    ),
}
