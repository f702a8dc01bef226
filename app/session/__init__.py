"""The composition root: one open database with its file, key, folders and settings."""
