"""Widgets, dialogs and list models shared by every screen."""
