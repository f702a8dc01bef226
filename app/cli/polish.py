"""The command line's own messages in Polish: argparse builds its texts with gettext, and
Python ships no Polish catalogue, so the messages a user can meet are translated here."""

from __future__ import annotations

import argparse

POLISH = {
    "usage: ": "użycie: ",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "positional arguments": "argumenty",
    "options": "opcje",
    "show this help message and exit": "pokaż tę pomoc i zakończ",
    "unrecognized arguments: %s": "nieznane argumenty: %s",
    "the following arguments are required: %s": "brakuje wymaganych argumentów: %s",
    "one of the arguments %s is required": "wymagany jest jeden z argumentów: %s",
    "expected one argument": "po tej opcji podaj wartość",
    "expected at most one argument": "najwyżej jedna wartość",
    "expected at least one argument": "co najmniej jedna wartość",
    "ambiguous option: %(option)s could match %(matches)s":
        "niejednoznaczna opcja %(option)s: pasuje do %(matches)s",
    "invalid %(type)s value: %(value)r": "niepoprawna wartość %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "niedozwolona wartość %(value)r (do wyboru: %(choices)s)",
    "not allowed with argument %s": "nie można łączyć z argumentem %s",
    "ignored explicit argument %r": "zbędna wartość %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: błąd: %(message)s\n",
}


def install() -> None:
    """Translate argparse's messages for this process (both entry points call it)."""
    argparse._ = lambda text: POLISH.get(text, text)  # type: ignore[attr-defined]
