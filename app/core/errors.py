"""Errors the domain raises, each carrying a message a KIPUS can read (Polish)."""

from __future__ import annotations


class KoordynatorError(Exception):
    """Base error; ``str(err)`` is the Polish message shown to the user."""


class StorageError(KoordynatorError):
    pass


class DatabaseLocked(StorageError):
    pass


class DatabaseCorrupt(StorageError):
    pass


class NotADatabase(StorageError):
    pass


class DatabaseReadOnly(StorageError):
    pass


class DiskFull(StorageError):
    pass


class SchemaTooNew(StorageError):
    pass


class ValidationError(KoordynatorError):
    """Invalid input; ``errors`` maps a field name to its Polish message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        # "…dni; Pole: …", not "…dni.; Pole: …"
        super().__init__("Popraw zaznaczone pola: " + "; ".join(
            m.rstrip(".") for m in self.errors.values()) + ".")


class DuplicateResident(KoordynatorError):
    """A resident with the same PESEL already exists; ``existing_id`` is offered to open."""

    def __init__(self, message: str, existing_id: str):
        self.existing_id = existing_id
        super().__init__(message)


class NotFound(KoordynatorError):
    pass


class RestrictedProcessing(KoordynatorError):
    """The resident asked to restrict processing (art. 18 RODO): the record is only stored."""


class PlanFrozen(KoordynatorError):
    """An agreed or approved plan version changes only through an update (a new version)."""


class DatabaseMissing(StorageError):
    """The database file is gone or empty although backups or its key file show it held
    data: never replaced silently by a new, empty database."""


def from_os_error(exc: OSError, path: object) -> StorageError:
    """A file-system failure as a Polish StorageError saying what the KIPUS can do."""
    import errno

    where = f"\nMiejsce: {path}"
    if exc.errno == errno.EROFS:
        return DatabaseReadOnly("Dysk albo folder z bazą danych jest tylko do odczytu (np. "
                                "zablokowany pendrive lub płyta). Przenieś bazę na zwykły "
                                "dysk tego komputera albo wskaż inne miejsce." + where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DatabaseReadOnly("Brak uprawnień do zapisu w folderze bazy danych. Wybierz "
                                "folder, w którym możesz zapisywać, albo poproś informatyka "
                                "o nadanie uprawnień." + where)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull("Na dysku z bazą danych zabrakło miejsca. Zwolnij miejsce (np. opróżnij "
                        "kosz) i uruchom program ponownie; dane są bezpieczne." + where)
    if exc.errno == errno.ENOENT:
        return DatabaseReadOnly("Folder bazy danych nie istnieje (może odłączono dysk). "
                                "Podłącz go albo wskaż inne miejsce." + where)
    number = f" nr {exc.errno}" if exc.errno is not None else ""
    return StorageError(f"Nie można użyć pliku bazy danych (błąd systemu plików{number}). "
                        "Sprawdź dysk albo wskaż inne miejsce." + where)


def output_error(exc: OSError, path: object) -> KoordynatorError:
    """Writing a file the KIPUS asked for (a document, an export) failed: the database is
    not the one at fault, so say so."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "zabrakło miejsca na dysku"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "brak prawa zapisu w tym miejscu"
    elif exc.errno in (errno.EISDIR,):
        why = "to jest folder, nie plik"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        why = "taki folder nie istnieje"
    else:
        why = "system nie pozwolił zapisać pliku"
    return KoordynatorError(f"Nie zapisano pliku {path}: {why}. Wybierz inne miejsce; dane "
                            "w bazie są bezpieczne.")
