"""Windows and models work on the session's database, whatever connection it holds now (a
restore replaces it), never on a connection kept from when they were made."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window shell paints before app/ and the driver are loaded
    from sqlite_utils import Database

    from app.session.session import Session


class OnSession:
    session: Session

    @property
    def db(self) -> Database:
        return self.session.db

    def close_after_restore(self) -> None:
        """A restore replaced the file: what this window shows (and what was typed in it)
        belongs to the replaced state, so it closes without saving anything."""
        self.close()  # type: ignore[attr-defined]  # a QWidget's, in every class using this
