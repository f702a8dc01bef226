"""The states a plan version passes through, with their Polish names."""

from __future__ import annotations

from enum import StrEnum


class PlanStatus(StrEnum):
    """Stored as the value; compares equal to the text in the database."""

    DRAFT = "projekt"
    AGREED = "uzgodniony"
    APPROVED = "zatwierdzony"
    SUPERSEDED = "zastapiony"
    CLOSED = "zamkniety"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {PlanStatus.DRAFT: "projekt", PlanStatus.AGREED: "uzgodniony z osobą",
           PlanStatus.APPROVED: "zatwierdzony", PlanStatus.SUPERSEDED: "zastąpiony aktualizacją",
           PlanStatus.CLOSED: "zamknięty"}
# an agreed or approved version binds the person: it changes only through an update
IN_FORCE = (PlanStatus.AGREED, PlanStatus.APPROVED)
FROZEN_MESSAGE = ("Ten plan jest już uzgodniony lub zatwierdzony: zmiany wprowadza się przez "
                  "aktualizację planu (nowa wersja), a poprzednia zostaje bez zmian.")


def label(status: str) -> str:
    """The Polish name of a stored status (an unknown one as it is)."""
    try:
        return PlanStatus(status).label
    except ValueError:
        return status
