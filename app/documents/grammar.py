"""Polish as a document needs it: a person's name and a place declined where the sentence
asks ("kieruje Panią Krystynę Maciejewską", "w Żabnie"), and the words that follow the
person's sex ("niżej podpisana"). Forms come from Morfeusz 2's generator; a form is used only
when the dictionary gives exactly one for the person's sex, otherwise the sentence falls back
to a labelled nominative ("osobę: Krystyna Maciejewska", "w miejscowości Żabno"), which is
always grammatical. A wrong form is worse on paper than a plain one."""

from __future__ import annotations

import re
from functools import cache

# Polish case names, as the templates spell them, and Morfeusz's tags for them
CASES = {"mian": "nom", "dop": "gen", "cel": "dat", "bier": "acc", "narz": "inst",
         "msc": "loc"}
_GENDER = {"K": ("f",), "M": ("m1",)}
_HONORIFIC = {"K": {"nom": "Pani", "gen": "Pani", "dat": "Pani", "acc": "Panią",
                    "inst": "Panią", "loc": "Pani"},
              "M": {"nom": "Pan", "gen": "Pana", "dat": "Panu", "acc": "Pana",
                    "inst": "Panem", "loc": "Panu"}}
# "osoba" declined: the fallback that fits any sentence built for a named person
_PERSON = {"nom": "osoba", "gen": "osoby", "dat": "osobie", "acc": "osobę", "inst": "osobą",
           "loc": "osobie"}
_PLACE = {"nom": "miejscowość", "gen": "miejscowości", "dat": "miejscowości",
          "acc": "miejscowość", "inst": "miejscowością", "loc": "miejscowości"}
_ENTITY = {"nom": "podmiot", "gen": "podmiotu", "dat": "podmiotowi", "acc": "podmiot",
           "inst": "podmiotem", "loc": "podmiocie"}


@cache
def _morfeusz():
    import morfeusz2  # loads its dictionary (about 0.1 s), so only when a document needs it

    return morfeusz2.Morfeusz(generate=True, analyse=True, expand_tags=False)


def _parts(tag: str) -> list[set[str]]:
    return [set(p.split(".")) for p in tag.split(":")]


def _matching_case(word: str, case: str, genders: tuple[str, ...] | None,
                   kinds: tuple[str, ...], adjectives: bool = True) -> str | None:
    """The one form of ``word`` (taken as a nominative of one of ``kinds`` of name, e.g.
    "imię", or as an adjective) in ``case``; None when the dictionary does not know it or
    offers two different forms."""
    m = _morfeusz()
    found: set[str] = set()
    for start, end, (orth, lemma, tag, names, _quals) in m.analyse(word):
        if (start, end) != (0, 1) or orth != word:
            continue
        t = _parts(tag)
        pos = t[0]
        if len(t) < 4 or pos - ({"subst", "adj"} if adjectives else {"subst"}):
            continue
        # singular, or a plural-only place name ("Kartuzy" → "w Kartuzach")
        number = "sg" if "sg" in t[1] else ("pl" if "pt" in t[-1] else None)
        if number is None or "nom" not in t[2] or (genders and not t[3] & set(genders)):
            continue
        if pos == {"subst"} and not set(names) & set(kinds):
            continue
        for g_orth, _l, g_tag, _n, g_quals in m.generate(lemma):
            g = _parts(g_tag)
            if (len(g) >= 4 and g[0] == pos and number in g[1] and case in g[2]
                    and g[3] & t[3] and not {"depr", "pun", "daw.", "przest."} & set(g_quals)
                    and (pos != {"adj"} or "pos" in g[-1])):
                found.add(g_orth.lower())  # "Nowej" of a name and "nowej" of an adjective
    if len(found) != 1:
        return None
    form = found.pop()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _each_word(text: str, inflect) -> str | None:
    """Inflect every word (and each half of a double name, "Kamińska-Wierzbicka")."""
    out = []
    for word in text.split():
        halves = [inflect(h) for h in word.split("-")]
        if any(h is None for h in halves):
            return None
        out.append("-".join(halves))
    return " ".join(out)


def name_in_case(first_names: str, surname: str, sex: str | None, case: str) -> str | None:
    """"Krystyna Maciejewska" in ``case`` ("acc" → "Krystynę Maciejewską"), or None."""
    if sex not in _GENDER or not (first_names.strip() and surname.strip()):
        return None
    if case == "nom":
        return f"{first_names.strip()} {surname.strip()}"
    genders = _GENDER[sex]
    first = _each_word(first_names, lambda w: _matching_case(w, case, genders, ("imię",),
                                                             adjectives=False))
    last = _each_word(surname, lambda w: _matching_case(w, case, genders, ("nazwisko",),
                                                        adjectives=False))
    return f"{first} {last}" if first and last else None


def person(first_names: str, surname: str, sex: str | None, case: str = "nom") -> str:
    """The person as the sentence needs: "Panią Krystynę Maciejewską", or, when the name
    cannot be declined with confidence or the sex is not known, "osobę: Krystyna Maciejewska"."""
    declined = name_in_case(first_names, surname, sex, case)
    if declined and sex in _HONORIFIC:
        return f"{_HONORIFIC[sex][case]} {declined}"
    return f"{_PERSON[case]}: {' '.join(p.strip() for p in (first_names, surname) if p.strip())}"


def person_named(full_name: str, sex: str | None, case: str = "nom") -> str:
    """``person`` for a name kept whole ("Halina Kamińska-Wierzbicka"): the last word is the
    surname (a double surname is joined by a hyphen), the words before it the given names."""
    words = full_name.split()
    return person(" ".join(words[:-1]), words[-1] if words else "", sex, case)


def sex_of_first_name(first_name: str) -> str | None:
    """"K" or "M" when the dictionary knows the given name only as a woman's or only as a
    man's ("Kuba" is a man's, "Halina" a woman's); None when unknown or both."""
    word = (first_name.split() or [""])[0]
    genders = set()
    for start, end, (orth, _lemma, tag, names, _quals) in _morfeusz().analyse(word):
        t = _parts(tag)
        if (start, end) == (0, 1) and orth == word and "imię" in names and len(t) >= 4 \
                and "nom" in t[2] and "sg" in t[1]:
            genders |= t[3] & {"f", "m1"}
    return {frozenset({"f"}): "K", frozenset({"m1"}): "M"}.get(frozenset(genders))


def honorific(sex: str | None, case: str = "nom") -> str:
    """Pani / Pana / Panią …; "Pani/Pan" style only when the sex is not known."""
    if sex in _HONORIFIC:
        return _HONORIFIC[sex][case]
    return f"{_HONORIFIC['K'][case]}/{_HONORIFIC['M'][case]}"


def by_sex(sex: str | None, female: str, male: str) -> str:
    """The word for a woman or a man ("podpisana" / "podpisany"); both only when unknown."""
    return {"K": female, "M": male}.get(sex or "", f"{female}/{male}")


def _place_word(word: str, case: str) -> str | None:
    # a place name is a geographic noun, or an adjective or common noun within one
    # ("Nowa Wieś" → "Nowej Wsi"); the first word decides the gender the others agree with
    return _matching_case(word, case, None, ("nazwa_geograficzna", "nazwa_pospolita",
                                             "człon_nazwy_geograficznej"))


def place(name: str, case: str = "loc") -> str | None:
    """A place name in ``case`` ("Żabno" → "Żabnie", "Nowa Wieś" → "Nowej Wsi"), or None."""
    name = " ".join(name.split())
    if not name or re.search(r"[0-9]", name):
        return None
    return _each_word(name, lambda w: _place_word(w, case))


def preposition_w(word: str) -> str:
    """"we" before a cluster that "w" cannot be said with (we Wrocławiu, we Lwowie)."""
    low = word.lower()
    if re.match(r"[wf][^aąeęioóuy]", low) or re.match(r"(lw|mn|mszc?|mch)", low):
        return "we"
    return "w"


def in_place(name: str) -> str:
    """"w Żabnie", "we Wrocławiu"; "w miejscowości Żabno" when no form is certain."""
    name = " ".join(name.split())
    declined = place(name)
    if declined:
        return f"{preposition_w(declined)} {declined}"
    return f"w miejscowości {name}" if name else "w miejscowości ……………"


def entity(name: str, case: str) -> str:
    """An institution's name in ``case``: its head words declined, the rest as written
    ("Spółdzielnia Socjalna „Razem”" → "Spółdzielni Socjalnej „Razem”"); when the head
    cannot be declined with confidence, "podmiotu: NZOZ Zdrowie"."""
    words = name.split()
    if case == "nom" or not words:
        return name
    head = _head_words(words)
    declined = [_matching_case(w, case, None, ("nazwa_pospolita",)) for w in words[:head]]
    if head == 0 or any(d is None for d in declined):
        return f"{_ENTITY[case]}: {name}"
    return " ".join([*declined, *words[head:]])  # type: ignore[list-item]


def _head_words(words: list[str]) -> int:
    """How many leading words decline with the name: adjectives before the first common noun,
    the noun, and adjectives right after it ("Spółdzielnia Socjalna"); what follows is a
    genitive or a proper name that stays as it is ("Klub Integracji Społecznej")."""
    count, noun_seen = 0, False
    for word in words:
        kinds = _nominative_kinds(word)
        if not noun_seen and "subst" in kinds:
            noun_seen = True
        elif "adj" not in kinds:
            break
        count += 1
    return count if noun_seen else 0


def _nominative_kinds(word: str) -> set[str]:
    """"subst" when the word can be a common noun's nominative singular, "adj" when an
    adjective's."""
    kinds = set()
    for start, end, (_orth, _lemma, tag, names, _quals) in _morfeusz().analyse(word):
        t = _parts(tag)
        if (start, end) != (0, 1) or len(t) < 4 or "sg" not in t[1] or "nom" not in t[2]:
            continue
        if t[0] == {"adj"}:
            kinds.add("adj")
        elif t[0] == {"subst"} and "nazwa_pospolita" in names:
            kinds.add("subst")
    return kinds
