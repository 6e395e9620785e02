"""Entry point of the frozen app (PyInstaller): the same as ``dossier-desk``."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
