"""The people tabs of the resident form: the household (living and keeping house together)
and the close persons who live elsewhere (a daughter, a neighbour, a legal representative).
Removed people are archived by the store, never deleted."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core import validation as v
from app.people.residents import CLOSE_RELATIONS, RELATIONS, ClosePerson, HouseholdMember
from ui.common.record_editor import Field, RecordEditor
from ui.common.widgets import ErrorLabel, note

FIELDS = (
    Field("surname", "Nazwisko"),
    Field("first_name", "Imię"),
    Field("relation", "Pokrewieństwo / relacja", choices={r: r for r in RELATIONS},
          free_text=True),
    Field("birth_date", "Data urodzenia", date=True),
)


CLOSE_FIELDS = (
    Field("full_name", "Imię i nazwisko"),
    Field("relation", "Kim jest dla osoby", choices={r: r for r in CLOSE_RELATIONS},
          free_text=True),
    Field("pesel", "PESEL", in_list=False, placeholder="11 cyfr, jeśli znany"),
    Field("id_document", "Dokument tożsamości", in_list=False,
          placeholder="gdy brak PESEL, np. ABC123456"),
    Field("address", "Adres", placeholder="ulica, nr, kod, miejscowość"),
    Field("phone", "Telefon", placeholder="np. 600 123 456"),
)


class _PeopleTab(QWidget):
    def __init__(self, intro: str, fields: tuple[Field, ...], empty_text: str, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(note(intro))
        self.records = RecordEditor(fields, add_text="Dodaj osobę",
                                    remove_text="Usuń zaznaczoną osobę", empty_text=empty_text,
                                    new_row=lambda: {"id": None})
        layout.addWidget(self.records, 1)
        self.error = ErrorLabel()
        layout.addWidget(self.error)


class ClosePersonsEditor(_PeopleTab):
    def __init__(self, parent=None):
        super().__init__("Osoby bliskie spoza gospodarstwa domowego (np. córka mieszkająca "
                         "gdzie indziej, sąsiadka, przedstawiciel ustawowy) – można je wskazać "
                         "w upoważnieniu:", CLOSE_FIELDS, "Nie wpisano osób bliskich.", parent)

    def set_persons(self, persons: list[ClosePerson]) -> None:
        self.records.set_rows([{"id": p.id, **{f.key: getattr(p, f.key) for f in CLOSE_FIELDS}}
                               for p in persons])

    def persons(self) -> list[ClosePerson]:
        out = []
        self._rows = []  # the list's row of each person given (blank rows are skipped)
        for at, row in enumerate(self.records.rows()):
            text = {f.key: (row.get(f.key) or "").strip() for f in CLOSE_FIELDS}
            if any(text.values()):  # a row added and left blank is not a person
                out.append(ClosePerson(**text, id=row.get("id")))
                self._rows.append(at)
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        """The messages below the list, and the refused fields framed in red in their rows
        ("close.1.pesel": the PESEL of the second person given)."""
        messages = [msg for key, msg in errors.items() if key.startswith("close.")]
        self.error.show_errors(messages)
        fields: dict[int, set[str]] = {}
        rows = getattr(self, "_rows", [])
        for key in errors:
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "close" and parts[1].isdigit() \
                    and int(parts[1]) < len(rows):
                fields.setdefault(rows[int(parts[1])], set()).add(parts[2])
        self.records.mark_errors(fields)


class HouseholdEditor(_PeopleTab):
    def __init__(self, parent=None):
        super().__init__("Osoby wspólnie zamieszkujące i gospodarujące:", FIELDS,
                         "Osoba mieszka sama – nikogo nie dodano.", parent)

    def set_members(self, members: list[HouseholdMember]) -> None:
        self.records.set_rows([{"id": m.id, "surname": m.surname, "first_name": m.first_name,
                                "relation": m.relation,
                                "birth_date": v.format_date(m.birth_date),
                                "member_resident_id": m.member_resident_id, "notes": m.notes}
                               for m in members])

    def members(self) -> list[HouseholdMember]:
        out = []
        for row in self.records.rows():
            text = {f.key: (row.get(f.key) or "").strip() for f in FIELDS}
            if not any(text.values()):
                continue  # an empty row the KIPUS added and left blank
            out.append(HouseholdMember(
                surname=text["surname"], first_name=text["first_name"],
                relation=text["relation"], birth_date=text["birth_date"] or None,
                id=row.get("id"), member_resident_id=row.get("member_resident_id"),
                notes=row.get("notes") or ""))
        return out
