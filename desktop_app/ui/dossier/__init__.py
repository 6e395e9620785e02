"""Hồ sơ: the clerk's dossiers and the editor (submitter, components, files, checks)."""
