"""The main window's frame: navigation, sandbox banner, status bar."""
