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

from app import encryption
from app.private_files import write_private_text

MAX_DELAY_S = 30
SUFFIX = ".proby"


class TooSoon(encryption.WrongPassword):
    pass


def delay_after(failures: int) -> float:
    return 0.0 if failures <= 0 else float(min(2 ** (failures - 1), MAX_DELAY_S))


class PasswordAttempts:
    def __init__(self, db_path: Path | str, clock: Callable[[], float] = time.time):
        self.db_path = Path(db_path)
        self.path = Path(str(db_path) + SUFFIX)
        self.clock = clock
        self._memory = (0, 0.0)  # holds when the folder is read-only

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            stored = int(data["failures"]), float(data["blocked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            stored = 0, 0.0
        return max(stored, self._memory)

    @property
    def failures(self) -> int:
        return self._load()[0]

    def remaining(self) -> float:
        """Seconds until the next try is allowed (never more than the longest delay, so a
        clock set back does not lock the KIPUS out)."""
        _, until = self._load()
        return max(0.0, min(until - self.clock(), MAX_DELAY_S))

    def unlock(self, password: str, extra_key_files: tuple[Path, ...] = ()) -> str:
        """The data key; WrongPassword (naming the wait) or TooSoon otherwise."""
        if (left := self.remaining()) > 0:
            raise TooSoon(f"Zbyt wiele nieudanych prób. Spróbuj ponownie za "
                          f"{math.ceil(left)} s.")
        try:
            key = encryption.unlock(self.db_path, password, extra_key_files)
        except encryption.MissingKeyFile:
            raise
        except encryption.WrongPassword as exc:
            failures = self.failures + 1
            delay = delay_after(failures)
            self._save(failures, self.clock() + delay)
            raise encryption.WrongPassword(f"{exc} Spróbuj ponownie za {delay:.0f} s.") from exc
        self.reset()
        return key

    def reset(self) -> None:
        self._memory = (0, 0.0)
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def _save(self, failures: int, until: float) -> None:
        self._memory = (failures, until)
        # in a read-only folder the delay still holds within this process
        with contextlib.suppress(OSError):
            write_private_text(self.path, json.dumps({"failures": failures,
                                                      "blocked_until": until}))

