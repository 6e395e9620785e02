"""Helpers shared by the test suite (test PKI, system tools, sandbox fixtures)."""
