"""Koordynator's domain, storage and documents. Never imports Qt."""

APP_NAME = "Koordynator"
APP_AUTHOR = "Koordynator"
__version__ = "0.1.0"
