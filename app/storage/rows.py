"""Rows by column name: a record is built from the names the SELECT gives its columns, so
adding or moving a column can never shift a value into the wrong field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def named(cursor: Any) -> Iterator[dict[str, Any]]:
    """Each row of ``cursor`` as {column name or alias: value}."""
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def first(cursor: Any) -> dict[str, Any] | None:
    return next(named(cursor), None)


def build(cursor: Any, make: Callable[..., T]) -> list[T]:
    """``make(**row)`` for every row: the SELECT's aliases are the record's field names."""
    return [make(**row) for row in named(cursor)]
