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


def stem(word: str) -> str:
    """The part of a word its other forms share, folded: „zatwierdzenie” finds
    „zatwierdza”, „kopia” finds „kopii”, „drukować” finds „wydrukować”."""
    word = fold(word)
    if len(word) <= 4:
        return word
    return word[:max(4, min(len(word) - 2, round(len(word) * 0.65)))]


def _pattern(word: str) -> str:
    # a short word or a number starts a word ("30" is not "130"); a longer one's stem
    # may sit inside a word
    return rf"\b{re.escape(word)}" if len(word) <= 3 else re.escape(stem(word))


def search(query: str) -> list[Found]:
    """Pages holding every word of ``query`` in some form (any letter case, with or
    without Polish letters), each with its first such line; the pages where the words
    come most often first."""
    patterns = [_pattern(w) for w in fold(query).split()]
    if not patterns:
        return []
    found = []
    for page, title in PAGES.items():
        lines = [line.strip("#*- ") for line in text(page).splitlines() if line.strip()]
        folded = [fold(line) for line in lines]
        whole = " ".join(folded)
        if not all(re.search(p, whole) for p in patterns):
            continue
        hits = sum(len(re.findall(p, whole)) for p in patterns)
        line = next((lines[i] for i, f in enumerate(folded)
                     if any(re.search(p, f) for p in patterns)), title)
        found.append((hits, Found(page, title, line.replace("*", "")[:160])))
    return [f for _, f in sorted(found, key=lambda h: -h[0])]
