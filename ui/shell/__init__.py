"""The main window and what frames it: opening, password, lock, backups, errors."""
