"""Where Koordynator keeps its files; the only module that asks platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from app import APP_AUTHOR, APP_NAME
from app.core.errors import KoordynatorError

DB_ENV = "KOORDYNATOR_DB"
DATA_DIR_ENV = "KOORDYNATOR_DATA_DIR"  # lets tests and portable installs move everything
DB_FILE_NAME = "koordynator.db"
DEMO_DB_FILE_NAME = "koordynator-demo.db"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR, roaming=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def backup_dir(db_path: Path) -> Path:
    """Backups live next to the database, in a folder named after it."""
    return db_path.parent / f"{db_path.stem}-kopie"


def resolve_db_path(cli_value: str | None, demo: bool = False) -> Path:
    """--db wins over KOORDYNATOR_DB, which wins over the default file in the data folder.
    An empty --db is a mistake in a shortcut or script: never the default file instead."""
    if cli_value is not None:
        if not cli_value.strip():
            raise KoordynatorError("Po --db podano pustą ścieżkę: wskaż plik bazy danych.")
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return data_dir() / (DEMO_DB_FILE_NAME if demo else DB_FILE_NAME)
