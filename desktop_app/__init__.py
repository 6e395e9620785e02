"""DossierDesk: prepare, sign and send public-service dossiers, offline first."""

__version__ = "0.1.0"
