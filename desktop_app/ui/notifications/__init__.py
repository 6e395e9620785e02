"""Notifications through the system tray (status changes, supplements, fees, results)."""
