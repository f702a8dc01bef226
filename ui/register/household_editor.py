"""The household tab of the resident form: the people living and keeping house together,
with their relation; removed people are archived by the store, never deleted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core import validation as v
from app.people.residents import RELATIONS, HouseholdMember
from ui.common.record_editor import Field, RecordEditor
from ui.common.widgets import ErrorLabel

FIELDS = (
    Field("surname", "Nazwisko"),
    Field("first_name", "Imię"),
    Field("relation", "Pokrewieństwo / relacja", choices={r: r for r in RELATIONS},
          free_text=True),
    Field("birth_date", "Data urodzenia", date=True),
)


class HouseholdEditor(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Osoby wspólnie zamieszkujące i gospodarujące:"))
        self.records = RecordEditor(FIELDS, add_text="Dodaj osobę",
                                    remove_text="Usuń zaznaczoną osobę",
                                    empty_text="Osoba mieszka sama – nikogo nie dodano.",
                                    new_row=lambda: {"id": None})
        layout.addWidget(self.records, 1)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

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
