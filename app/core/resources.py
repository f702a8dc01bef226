"""The one gateway to files shipped in the resources package (works installed and frozen)."""

from __future__ import annotations

import json
from importlib import resources as _res
from typing import Any


def read_text(name: str) -> str:
    return _res.files("resources").joinpath(name).read_text(encoding="utf-8")


def read_json(name: str) -> Any:
    return json.loads(read_text(name))
