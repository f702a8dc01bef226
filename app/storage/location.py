"""Warns about places where an SQLite file is not safe: network drives and cloud-synced
folders lock or corrupt it (WAL needs a local disk)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

# Folder names the sync clients create, matched against whole path parts (with the suffixes
# they add: "OneDrive - Gmina Żabno", "Dropbox (Personal)"), so that "Megan" is no "MEGA".
_CLOUD_NAMES = (r"onedrive", r"dropbox", r"google ?drive", r"googledrive", r"my drive",
                r"mój dysk", r"icloud ?drive", r"icloud", r"mobile documents", r"nextcloud",
                r"owncloud", r"mega", r"megasync", r"pcloud ?(drive)?", r"box", r"box sync",
                r"box drive", r"synology ?drive", r"seafile", r"seadrive", r"yandex\.?disk",
                r"яндекс\.?диск", r"proton ?drive", r"tresorit( drive)?")
# suffixes the clients add: "OneDrive - Gmina Żabno", "Dropbox (Personal)"
CLOUD_PART = re.compile(r"(?:" + "|".join(_CLOUD_NAMES) + r")(?: [-–] .+| \(.+\))?",
                        re.IGNORECASE)
NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p",
              "fuse.rclone", "davfs", "afpfs"}


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = path.drive + "\\"
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE  # type: ignore[attr-defined]


def _posix_fs_type(path: Path) -> str:
    best, fstype = "", ""
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and str(path).startswith(parts[1]) and len(parts[1]) > len(
                        best):
                    best, fstype = parts[1], parts[2]
    except OSError:
        return ""
    return fstype


def location_warning(path: Path | str, what: str = "Baza danych") -> str | None:
    """A Polish warning when ``path`` is on a network drive or in a synced folder, else None."""
    path = Path(path).expanduser().absolute()
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return (f"{what} leży na dysku sieciowym ({text}). Plik bazy na dysku sieciowym może "
                "się zablokować lub uszkodzić – wybierz folder na dysku tego komputera.")
    if any(CLOUD_PART.fullmatch(unicodedata.normalize("NFKC", part).strip())
           for part in path.parts):
        return (f"{what} leży w folderze synchronizowanym z chmurą ({text}). Synchronizacja "
                "może uszkodzić otwarty plik bazy – wybierz zwykły folder na dysku tego "
                "komputera, a kopie zapasowe rób na pendrive.")
    if os.name == "nt":
        if path.drive and _windows_drive_is_remote(path):
            return (f"{what} leży na dysku sieciowym ({path.drive}). Plik bazy na dysku "
                    "sieciowym może się zablokować lub uszkodzić – wybierz dysk lokalny.")
    elif _posix_fs_type(path) in NETWORK_FS:
        return (f"{what} leży na dysku sieciowym ({text}). Wybierz folder na dysku tego "
                "komputera.")
    return None
