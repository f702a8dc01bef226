"""Failed password tries slow the next one down (1, 2, 4 … 30 s), in the window and on the
command line alike, and a restart does not reset the count: it is kept beside the database
in ``<db>.proby``. (Against someone who copies the key file away only the password's
strength and SQLCipher's key derivation help: see the README.)"""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Callable
from pathlib import Path

from app.storage import encryption
from app.storage.private_files import write_private_text

MAX_DELAY_S = 30
SUFFIX = ".proby"


class TooSoon(encryption.WrongPassword):
    pass


def delay_after(failures: int) -> float:
    return 0.0 if failures <= 0 else float(min(2 ** (failures - 1), MAX_DELAY_S))


MAX_COUNTED = 16  # 2**15 s is far past the longest delay; more would only overflow


def _attempts_file(key_file: Path) -> Path:
    """``<db>.proby`` for ``<db>.klucz``: the count belongs to the key file tried."""
    name = str(key_file)
    base = name[: -len(encryption.KEY_SUFFIX)] if name.endswith(encryption.KEY_SUFFIX) else name
    return Path(base + SUFFIX)


class PasswordAttempts:
    def __init__(self, db_path: Path | str, clock: Callable[[], float] = time.time):
        self.db_path = Path(db_path)
        self.path = Path(str(db_path) + SUFFIX)
        self.clock = clock
        self._extra: list[Path] = []  # key files of backups tried with the same password
        self._memory = (0, 0.0)  # holds when the folder is read-only

    def _load_one(self, path: Path) -> tuple[int, float]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return int(data["failures"]), float(data["blocked_until"])
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            return 0, 0.0

    def _load(self) -> tuple[int, float]:
        failures, until = max([self._load_one(p) for p in [self.path, *self._extra]]
                              + [self._memory])
        if not math.isfinite(until) or until - self.clock() > MAX_DELAY_S:
            until = 0.0  # garbage, or written while the clock ran ahead: it must not lock out
        return max(0, min(failures, MAX_COUNTED)), until

    @property
    def failures(self) -> int:
        return self._load()[0]

    def remaining(self) -> float:
        """Seconds until the next try is allowed (never more than the longest delay, so a
        clock set back does not lock the KIPUS out)."""
        _, until = self._load()
        return max(0.0, min(until - self.clock(), MAX_DELAY_S))

    def unlock(self, password: str, extra_key_files: tuple[Path, ...] = ()) -> str:
        """The data key; WrongPassword (naming the wait) or TooSoon otherwise. Guesses count
        against every key file tried, so naming another database cannot dodge the wait."""
        self._extra = [_attempts_file(Path(k)) for k in extra_key_files]
        if (left := self.remaining()) > 0:
            raise TooSoon(f"Po błędnym haśle trzeba chwilę odczekać: spróbuj ponownie za "
                          f"{math.ceil(left)} s (hasło nie zostało sprawdzone).")
        try:
            key = encryption.unlock(self.db_path, password, extra_key_files)
        except encryption.NotAGuess:
            raise
        except encryption.WrongPassword as exc:
            failures = min(self.failures + 1, MAX_COUNTED)
            delay = delay_after(failures)
            self._save(failures, self.clock() + delay)
            raise encryption.WrongPassword(f"{exc} Spróbuj ponownie za {delay:.0f} s.") from exc
        self.reset()
        return key

    def reset(self) -> None:
        self._memory = (0, 0.0)
        for path in [self.path, *self._extra]:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def _save(self, failures: int, until: float) -> None:
        self._memory = (failures, until)
        for path in [self.path, *self._extra]:
            # in a read-only folder the delay still holds within this process
            with contextlib.suppress(OSError):
                write_private_text(path, json.dumps({"failures": failures,
                                                     "blocked_until": until}))

