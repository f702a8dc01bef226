"""Koordynator's Qt widgets: thin views that call app/ and hold no SQL."""
