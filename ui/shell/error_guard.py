"""The last safety net: an error nobody expected is written to a log in the data folder and
explained in Polish, instead of the program vanishing. Work already saved is safe (every
write is a transaction), and the window stays open."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from app.core.errors import KoordynatorError

LOG_NAME = "koordynator-bledy.log"


def message_for(exc: BaseException) -> str:
    if isinstance(exc, KoordynatorError):
        return str(exc)
    return ("Wystąpił nieoczekiwany błąd programu. Dane zapisane wcześniej są bezpieczne; "
            "ostatnia czynność mogła się nie udać – sprawdź ją i powtórz. Szczegóły zapisano "
            "w pliku dziennika błędów w folderze danych programu.")


def install(log_folder: Path, show=None) -> None:
    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            with open(log_folder / LOG_NAME, "a", encoding="utf-8") as log:
                log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n")
                log.write("".join(traceback.format_exception(kind, exc, tb)))
        except OSError:
            pass  # a full or read-only disk must not turn a message into a crash
        if show is not None:
            show(message_for(exc))
        else:
            from ui.common import dialogs

            dialogs.show_error(None, "Koordynator – błąd", message_for(exc))

    sys.excepthook = hook
