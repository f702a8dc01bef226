"""Golden files: a document's text compared with a reviewed reference, so a change of
wording shows as a diff to read. KOORDYNATOR_GOLDEN=1 writes the references anew (read the
diff with git before committing it)."""

from __future__ import annotations

import os
from pathlib import Path


def assert_golden(path: Path, text: str) -> None:
    if os.environ.get("KOORDYNATOR_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path.name}"
