"""Qt translations: English source strings, Vietnamese (default) from resources/translations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.core import messages
from desktop_app.settings import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
CATALOGUE = "dossierdesk"

_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.qm"


def apply_language(language: str) -> None:
    """Switch the whole application (and the core's messages) to ``language`` at once.

    Installing a translator sends ``LanguageChange`` to every widget, which retranslates.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    messages.set_language(language)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    if language == "en":
        return
    ours = QTranslator(app)
    if not ours.load(str(qm_path(language))):
        raise FileNotFoundError(qm_path(language))
    app.installTranslator(ours)
    _installed.append(ours)
    qt_own = QTranslator(app)  # Qt's own dialogs (OK, Cancel, ...), when shipped
    if qt_own.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
