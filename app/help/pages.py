"""The program's own help, bundled (no network): pages written for a social worker, which
page belongs to which window, and a search across all of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core import resources
from app.core.textfold import fold

# in the order of the help's contents
PAGES = {
    "jak-zaczac": "Jak zacząć",
    "kroki": "Kroki sprawy i terminy",
    "zestawienia": "Zestawienia, listy w Excelu, wczytywanie",
    "problemy": "Gdy coś pójdzie nie tak",
    "klawiatura": "Praca z klawiatury",
    "wyglad": "Wygląd i duży druk",
}


@dataclass(frozen=True)
class Found:
    page: str
    title: str
    snippet: str  # the line the words were found in


def text(page: str) -> str:
    """The page as Markdown (an unknown page: the first one)."""
    return resources.read_text(f"help/{page if page in PAGES else 'jak-zaczac'}.md")


def search(query: str) -> list[Found]:
    """Pages holding every word of ``query`` (any letter case, with or without Polish
    letters, a word's start enough: "zatwierdz" finds "zatwierdza"), each with its first
    such line; the pages where the words come most often first."""
    words = fold(query).split()
    if not words:
        return []
    found = []
    for page, title in PAGES.items():
        lines = [line.strip("#*- ") for line in text(page).splitlines() if line.strip()]
        folded = [fold(line) for line in lines]
        whole = " ".join(folded)
        if not all(re.search(rf"\b{re.escape(w)}", whole) for w in words):
            continue
        hits = sum(len(re.findall(rf"\b{re.escape(w)}", whole)) for w in words)
        line = next((lines[i] for i, f in enumerate(folded)
                     if any(re.search(rf"\b{re.escape(w)}", f) for w in words)), title)
        found.append((hits, Found(page, title, line.replace("*", "")[:160])))
    return [f for _, f in sorted(found, key=lambda h: -h[0])]
