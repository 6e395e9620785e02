"""The domain, storage, portal client and sync engine. No Qt here (checked by import-linter)."""
