"""What a killed run leaves behind is dealt with at the next start, before the database is
opened: an interrupted encryption is finished or rolled back, half-written backups, key files
and restores are deleted. Only the holder of the instance lock may call this."""

from __future__ import annotations

import os
from pathlib import Path

from app.storage.audit_anchor import anchor_path
from app.storage.backups import RESTORE_TMP
from app.storage.encrypt_in_place import finish_interrupted
from app.storage.encryption import key_file
from app.storage.paths import backup_dir
from app.storage.private_files import tighten_around


def clean_up(db_path: Path) -> list[str]:
    """Polish notes of what was repaired (empty when the last run ended cleanly)."""
    db_path = Path(db_path)
    tighten_around(db_path)  # files an older version left readable by everyone
    notes = []
    if note := finish_interrupted(db_path):
        notes.append(note)
    # A restore killed before its rename left the database itself untouched; one killed
    # after it left only the new audit anchor to put in place.
    anchor_twin = Path(str(anchor_path(db_path)) + RESTORE_TMP)
    if anchor_twin.exists() and not Path(str(db_path) + RESTORE_TMP).exists():
        os.replace(anchor_twin, anchor_path(db_path))
    stray = [Path(str(db_path) + RESTORE_TMP), anchor_twin, Path(str(key_file(db_path)) + ".tmp"),
             Path(str(anchor_path(db_path)) + ".tmp")]
    folder = backup_dir(db_path)
    if folder.is_dir():
        stray += [p for p in folder.iterdir()
                  if p.name.endswith((".db.tmp", ".db.tmp-journal", ".db.tmp-wal", ".db.tmp-shm",
                                      ".kotwica.tmp"))]
    removed = [p for p in stray if p.exists()]
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        notes.append(f"Usunięto {len(removed)} niedokończone pliki po przerwanej pracy "
                     "programu (kopie lub przywracanie); dane są nietknięte.")
    return notes
