"""Sentences made of what was typed: a request typed as "Pomoc w domu." must not end up as
"Prośba: Pomoc w domu.." on a card or a printed document."""

from __future__ import annotations

_ENDS = (".", "!", "?", "…")


def sentence(text: str) -> str:
    """``text`` ended with one full stop: none added when it already ends a sentence."""
    text = text.rstrip()
    return text if not text or ends_sentence(text) else f"{text}."


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_ENDS)


def quoted(name: str) -> str:
    """„name” in Polish quotes, unless the name carries its own (Fundacja „Wytchnienie”):
    „Fundacja „Wytchnienie”” reads as a mistake."""
    return name if "„" in name or "”" in name or '"' in name else f"„{name}”"
