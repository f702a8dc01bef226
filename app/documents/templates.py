"""Document wording: the defaults shipped in resources/templates, the KIPUS's own edits,
and the check that every {placeholder} is one the document knows, before anything prints.

The template language is line based: "# " a title, "## " a heading, "### " a subheading,
"1) "/"1. " a numbered point, [[tabela: name]] a table, [[harmonogram]] the schedule
picture, [[linie: n]] blank lines to write on, [[miejsce_data]] place and date,
[[podpisy: role | role]] signatures.
"{podpisana|podpisany}" prints the word for the person's sex."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlite_utils import Database

from app.audit import trail as audit
from app.core import resources
from app.core.errors import ValidationError
from app.core.ids import now_iso
from app.core.validation import clean_text

KINDS = {
    "ipus": "Indywidualny plan usług społecznych",
    "pelnomocnictwo": "Pełnomocnictwo (partnerstwo)",
    "upowaznienie": "Upoważnienie osoby zaufanej",
    "porozumienie": "Porozumienie o współpracy na rzecz usług społecznych",
    "zgoda": "Zgoda na prowadzenie karty usług",
    "klauzula": "Klauzula informacyjna RODO",
    "odmowa": "Decyzja o odmowie zakwalifikowania",
    "karta": "Karta usług",
    "fiszka": "Fiszka informacyjna partnera",
    "rozmowa": "Protokół rozmowy podsumowującej",
    "skierowanie": "Skierowanie do wykonawcy usługi",
    "diagnoza-potrzeb": "Diagnoza potrzeb wspólnoty",
    "diagnoza-terytorium": "Diagnoza terytorium",
    "raport-autoewaluacyjny": "Raport autoewaluacyjny partnerstwa",
}
# a child under 13 acts only through a parent or guardian (art. 12 KC): the documents a
# person signs about their own data are worded for the parent instead
FOR_CHILD = {"zgoda": "zgoda-dziecko", "klauzula": "klauzula-dziecko"}
WORDINGS = {**KINDS, "zgoda-dziecko": "Zgoda na prowadzenie karty usług – dziecka do 13 lat",
            "klauzula-dziecko": "Klauzula informacyjna RODO – dziecka do 13 lat"}
DOCUMENT_OF = {wording: kind for kind, wording in FOR_CHILD.items()}


def wording(kind: str, minor: str) -> str:
    """The wording a document of ``kind`` is printed in, for a child under 13 or not."""
    return FOR_CHILD.get(kind, kind) if minor == "dziecko" else kind


PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
BLOCK = re.compile(r"^\[\[\s*([a-ząćęłńóśźż_]+)\s*(?::\s*(.*?))?\s*\]\]$")


@dataclass(frozen=True)
class Line:
    kind: str  # title, heading, subheading, point, text, block
    text: str
    arg: str = ""


def default_body(kind: str) -> str:
    return resources.read_text(f"templates/{kind}.txt")


def body(db: Database, kind: str) -> str:
    row = db.execute("SELECT body FROM document_templates WHERE kind = ?", [kind]).fetchone()
    return row[0] if row else default_body(kind)


MAX_BLANK_LINES = 40  # two pages of dotted lines; more is a typing error


def lines_count(arg: str) -> int | None:
    """The number of dotted lines [[linie: n]] asks for, None when it is not 1 … 40."""
    if re.fullmatch(r"[0-9]{1,3}", arg.strip()) and 1 <= int(arg) <= MAX_BLANK_LINES:
        return int(arg)
    return None


def parse(text: str) -> list[Line]:
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := BLOCK.match(line):
            lines.append(Line("block", m.group(1), (m.group(2) or "").strip()))
        elif line.startswith("### "):
            lines.append(Line("subheading", line[4:]))
        elif line.startswith("## "):
            lines.append(Line("heading", line[3:]))
        elif line.startswith("# "):
            lines.append(Line("title", line[2:]))
        elif re.match(r"^\d+[.)]\s", line):
            lines.append(Line("point", line))
        else:
            lines.append(Line("text", line))
    return lines


def is_alternative(name: str) -> bool:
    """"{podpisana|podpisany}": the word for a woman and for a man, chosen by the person's
    sex when the document is printed."""
    parts = name.split("|")
    return len(parts) == 2 and all(p.strip() and p == p.strip() for p in parts)


def problems(text: str, known: set[str], blocks: set[str]) -> list[str]:
    """Polish messages for every placeholder or block the document does not know."""
    out = []
    for name in dict.fromkeys(PLACEHOLDER.findall(text)):
        if name not in known and not is_alternative(name):
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" – czy chodziło o {{{close[0]}}}?" if close else ""
            out.append(f"Nieznane pole w treści: {{{name}}}{hint}")
    for line in parse(text):
        if line.kind == "block":
            key = line.text if line.text not in ("tabela",) else f"tabela:{line.arg}"
            if key not in blocks:
                shown = f"{line.text}: {line.arg}" if line.arg else line.text
                out.append(f"Nieznany element: [[{shown}]]")
            elif line.text == "linie" and line.arg and lines_count(line.arg) is None:
                out.append(f"[[linie: {line.arg}]]: liczba linii do wypełnienia od 1 do "
                           f"{MAX_BLANK_LINES}.")
    if text.count("{") != text.count("}"):
        out.append("Niedomknięty nawias klamrowy { } w treści.")
    return out


def save_body(db: Database, kind: str, text: str, known: set[str], blocks: set[str]) -> None:
    if kind not in WORDINGS:
        raise ValidationError({"kind": "Nieznany rodzaj dokumentu."})
    try:
        text = clean_text(text, 30_000, label="Treść dokumentu", multiline=True)
    except ValueError as exc:
        raise ValidationError({"template": str(exc)}) from exc
    if not parse(text):
        raise ValidationError({"template": "Treść dokumentu nie może być pusta."})
    found = problems(text, known, blocks)
    if found:
        raise ValidationError({f"template.{i}": m for i, m in enumerate(found)})
    with db.atomic():
        db.execute("INSERT INTO document_templates (kind, body, updated_at) VALUES (?, ?, ?)"
                   " ON CONFLICT(kind) DO UPDATE SET body = excluded.body,"
                   " updated_at = excluded.updated_at", [kind, text, now_iso()])
        audit.record(db, "zmiana", "document_templates", kind, details={"szablon": kind})


def reset_body(db: Database, kind: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM document_templates WHERE kind = ?", [kind])
        audit.record(db, "zmiana", "document_templates", kind, details={"przywrocono": kind})


def signed_by_person(body: str) -> bool:
    """Whether the resident the document is about signs it (and so may sign by art. 79 KC)."""
    return bool(_PERSON_SIGNS.search(body))


_PERSON_SIGNS = re.compile(r"\[\[podpisy:[^\]]*\bosoba\b")
