"""Ký số: certificate choice and checks, stamp placement, batch signing with one PIN."""
