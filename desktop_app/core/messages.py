"""The core's message catalogue: every user-facing sentence of the core, Vietnamese first.

The UI translates its own widgets with Qt's ``tr``; sentences that come out of the core
(errors, refusals, reasons) are looked up here by key, so that a CLI user, a log reader
and the window all see the same words. Feature modules add their messages with
:func:`register` at import time; a key may be registered once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_CATALOGUE: dict[str, tuple[str, str]] = {}
_current_language = DEFAULT_LANGUAGE


def register(entries: Mapping[str, tuple[str, str]]) -> None:
    """Add ``{key: (vietnamese, english)}`` entries to the catalogue."""
    for key, pair in entries.items():
        if key in _CATALOGUE and _CATALOGUE[key] != pair:
            raise ValueError(f"message key registered twice with different text: {key}")
        if len(pair) != 2 or not all(isinstance(t, str) and t for t in pair):
            raise ValueError(f"message {key} needs a Vietnamese and an English text")
        _CATALOGUE[key] = pair


def set_language(language: str) -> None:
    """Choose the language :func:`text` uses when none is given (``vi`` or ``en``)."""
    global _current_language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    _current_language = language


def current_language() -> str:
    return _current_language


def text(key: str, language: str | None = None, /, **params: Any) -> str:
    """The sentence for ``key`` in ``language`` (default: the current one), formatted."""
    lang = language or _current_language
    try:
        vi, en = _CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    template = vi if lang == "vi" else en
    rendered = {
        name: value.render(lang) if isinstance(value, (Message, Localized)) else value
        for name, value in params.items()
    }
    return template.format(**rendered)


def keys() -> frozenset[str]:
    return frozenset(_CATALOGUE)


@dataclass(frozen=True)
class Localized:
    """A short text known in both languages (a label), chosen when the sentence is rendered."""

    vi: str
    en: str

    def render(self, language: str | None = None) -> str:
        return self.vi if (language or _current_language) == "vi" else self.en

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Message:
    """A sentence not yet put into words: a catalogue key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, language: str | None = None) -> str:
        return text(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.render()


class UserError(Exception):
    """An error a person can act on. Its text comes from the catalogue, never a traceback."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.message = Message(key, params)
        super().__init__(key)

    def __str__(self) -> str:
        return self.message.render()

    def render(self, language: str | None = None) -> str:
        return self.message.render(language)


register(
    {
        "storage.disk_full": (
            "Ổ đĩa đã đầy, không ghi được dữ liệu vào {where}. Dữ liệu trước đó vẫn nguyên "
            "vẹn. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
            "The disk is full; nothing could be written to {where}. Everything saved before "
            "is intact. Free some disk space and try again.",
        ),
        "storage.read_only": (
            "Thư mục dữ liệu {where} chỉ cho phép đọc, không ghi được. Dữ liệu trước đó vẫn "
            "nguyên vẹn. Hãy chọn thư mục khác (--home) hoặc nhờ quản trị cấp quyền ghi.",
            "The profile folder {where} is read-only; nothing could be written. Everything "
            "saved before is intact. Choose another folder (--home) or ask for write access.",
        ),
        "storage.io_error": (
            "Lỗi đọc/ghi dữ liệu tại {where}: {detail}. Dữ liệu đã lưu trước đó không bị thay đổi.",
            "Could not read or write {where}: {detail}. Nothing saved before was changed.",
        ),
        "storage.blob_missing": (
            "Không tìm thấy tệp đính kèm {sha256} trong kho dữ liệu. Hãy đính kèm lại tệp.",
            "The attached file {sha256} is missing from the store. Attach the file again.",
        ),
        "storage.blob_corrupt": (
            "Tệp đính kèm {sha256} trong kho dữ liệu đã bị hỏng (mã băm không khớp). Hãy "
            "đính kèm lại tệp.",
            "The stored attachment {sha256} is damaged (its hash does not match). Attach the "
            "file again.",
        ),
        "storage.newer_schema": (
            "Cơ sở dữ liệu được tạo bởi phiên bản DossierDesk mới hơn (phiên bản dữ liệu "
            "{found}, bản này hiểu tới {known}). Hãy cập nhật DossierDesk.",
            "The database was made by a newer DossierDesk (data version {found}; this one "
            "knows up to {known}). Update DossierDesk.",
        ),
        "storage.not_a_database": (
            "Tệp {where} không phải cơ sở dữ liệu DossierDesk hoặc đã bị hỏng.",
            "{where} is not a DossierDesk database, or it is damaged.",
        ),
        "settings.unknown_key": (
            "Không có thiết lập tên là {key}.",
            "There is no setting named {key}.",
        ),
        "settings.bad_value": (
            "Giá trị không hợp lệ cho thiết lập {key}: {detail}",
            "Invalid value for the setting {key}: {detail}",
        ),
        "settings.secret_refused": (
            "Thiết lập {key} trông như một mật khẩu, mã PIN hoặc mã truy cập; những thứ này "
            "không bao giờ được lưu vào tệp thiết lập.",
            "The setting {key} looks like a password, PIN or token; those are never written "
            "to the settings file.",
        ),
        "settings.newer_file": (
            "Tệp thiết lập {where} do phiên bản mới hơn tạo (phiên bản {found}). Hãy cập nhật "
            "DossierDesk.",
            "The settings file {where} was written by a newer version (version {found}). "
            "Update DossierDesk.",
        ),
        "settings.unreadable": (
            "Không đọc được tệp thiết lập {where} ({detail}); tệp cũ được giữ lại ở {backup} "
            "và các giá trị mặc định được dùng.",
            "Could not read the settings file {where} ({detail}); it was kept as {backup} and "
            "the defaults are used.",
        ),
    }
)
