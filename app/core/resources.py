"""The one gateway to files shipped in the resources package (works installed and frozen)."""

from __future__ import annotations

import json
from importlib import resources as _res
from pathlib import Path
from typing import Any


def read_text(name: str) -> str:
    return _res.files("resources").joinpath(name).read_text(encoding="utf-8")


def folder(name: str) -> Path:
    """A folder of shipped files on disk (installed and frozen alike they are plain
    folders), for readers that take a path: the help's pictures."""
    return Path(str(_res.files("resources").joinpath(name)))


def read_json(name: str) -> Any:
    return json.loads(read_text(name))
