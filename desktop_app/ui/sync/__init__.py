"""The sync engine seen from the window: its plain events as Qt signals (Electrum-style)."""
