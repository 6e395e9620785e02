"""Hồ sơ: the list of every dossier of the profile (filters, search, sort, 10,000 rows)."""
