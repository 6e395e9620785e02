"""Trợ giúp: the province's support contacts and "copy diagnostics"."""
