"""Polish-aware text folding for search and a sort key that orders by the Polish alphabet."""

from __future__ import annotations

import re
import unicodedata

# ł has no Unicode decomposition, so NFKD alone would leave it (and FTS5 would never fold it).
_PRE_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"})
_TOKEN = re.compile(r"[0-9a-z]+")

# Polish alphabet order; letters outside it (q, v, x, foreign accents) fall in by their base
# letter after the Polish ones that share it.
_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_DIGIT_BASE = 0x21  # digits sort before letters
_LETTER_BASE = 0x30
_OTHER_BASE = 0x80


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (ł too) and punctuation; keep single spaces between words."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PRE_FOLD).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_TOKEN.findall(bare))


def tokens(text: str | None) -> list[str]:
    return fold(text).split()


def sort_key(*parts: str | None) -> str:
    """A string whose plain binary order is Polish alphabetical order of the given parts.

    Stored in the database with an index so that ORDER BY needs no Python collation.
    """
    out: list[str] = []
    for part in parts:
        for ch in (part or "").strip().lower():
            if ch in _RANK:
                out.append(chr(_LETTER_BASE + _RANK[ch]))
            elif ch.isdigit() and ch.isascii():
                out.append(chr(_DIGIT_BASE + int(ch)))
            elif ch.isalpha():
                base = fold(ch)[:1]
                if base in _RANK:
                    out.append(chr(_LETTER_BASE + _RANK[base]) + "\x7f")
                else:
                    out.append(chr(_OTHER_BASE + min(ord(ch), 0xFFFF)))
            # spaces, hyphens and punctuation do not take part in ordering
        out.append("\x01")  # separator below every character, so "Nowak" < "Nowakowski"
    return "".join(out)
