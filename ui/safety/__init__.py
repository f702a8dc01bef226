"""Audit trail, retention, settings and other data-protection screens."""
