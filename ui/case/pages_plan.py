"""Steps 3–5: resources for each need, the plan's items, and access to the services."""

from __future__ import annotations

from dataclasses import asdict, fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from app.cases import steps as cs
from app.catalogue import services as catalogue
from app.core.validation import format_date
from app.plans import store as plans
from ui.case.pages import StaleDraft, StepPage
from ui.common import grids, look
from ui.common.record_editor import Field, RecordEditor
from ui.common.widgets import note


class ResourcesPage(StepPage):
    """For each need, the service chosen for it or rejected with a reason; needs nothing
    in the catalogue meets are marked unmet. Each choice is a record edited beside the list,
    so whole service names are read and the services offered follow the need's areas."""

    step = 3

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        # filled by load(); the fields read them through these same dicts
        self._need_names: dict[str, str] = {}
        self._service_names: dict[str, str] = {}
        self._needs: list[cs.Need] = []
        self._offered: dict[tuple[int, ...], dict[str, str]] = {}
        self.records = RecordEditor((
            Field("need_id", "Potrzeba", choices=self._need_names,
                  choices_for=lambda row: self._need_names),
            Field("service_id", "Usługa z katalogu", choices=self._service_names,
                  choices_for=self._services_for),
            Field("chosen", "Usługa wybrana do planu", check=True, list_label="Wybrana"),
            Field("reason", "Powód odrzucenia", list_label="Powód odrzucenia",
                  placeholder="np. brak wolnych miejsc"),
        ), add_text="Dodaj usługę dla potrzeby", remove_text="Usuń zaznaczoną",
            new_row=lambda: {"id": None, "chosen": True},
            empty_text="Dla żadnej potrzeby nie wybrano jeszcze usługi – użyj przycisku "
                       "„Dopasuj usługi z katalogu do potrzeb”.")
        self.suggest_button = QPushButton("Dopasuj usługi z katalogu do potrzeb")
        self.suggest_button.clicked.connect(self.suggest)
        self.unmet = QListWidget()
        self.unmet.setAccessibleName("Potrzeby niezaspokojone")
        look.lines_tall(self.unmet, 5, fixed=False)
        self.layout_.addWidget(note("Dla każdej potrzeby wybierz usługę albo odrzuć ją z "
                                    "powodem. Potrzeby, na które nie ma usługi, zaznacz "
                                    "poniżej jako niezaspokojone."))
        self.layout_.addWidget(self.suggest_button)
        self.layout_.addWidget(self.records, 1)
        self.layout_.addWidget(QLabel("<b>Potrzeby niezaspokojone</b> (trafią do diagnozy "
                                      "potrzeb gminy):"))
        self.layout_.addWidget(self.unmet)

    def _services_for(self, row: dict) -> dict[str, str]:
        """Every service, those of the need's areas first."""
        need = next((n for n in self._needs if n.id == row.get("need_id")), None)
        areas = cs.NEED_AREAS.get(need.category, ()) if need else ()
        if areas not in self._offered:  # asked at every keystroke in the row's form
            self._offered[areas] = {s.id: self._service_names[s.id]
                                    for s in catalogue.services(self.db, areas)
                                    if s.id in self._service_names}
        return self._offered[areas]

    def load(self) -> None:
        self._needs = cs.needs_of(self.db, self.case_id)
        self._need_names.clear()
        self._need_names.update({n.id: n.description for n in self._needs})
        self._service_names.clear()
        self._service_names.update({s.id: f"{s.name} ({s.area_name})"
                                    for s in catalogue.services(self.db)})
        for need in self._needs:
            item = QListWidgetItem(need.description)
            item.setData(Qt.ItemDataRole.UserRole, need.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if need.status == "niezaspokojona"
                               else Qt.CheckState.Unchecked)
            self.unmet.addItem(item)
        self.records.set_rows([{"id": None, **asdict(m)}
                               for m in cs.matches_of(self.db, self.case_id)])

    def suggest(self) -> None:
        """A row for every need without one (and not unmet), with the best service for it."""
        have = {r.get("need_id") for r in self.records.rows()}
        unmet = set(self._unmet_ids())
        for need in self._needs:
            if need.id in have or need.id in unmet:
                continue
            best = catalogue.suggest(self.db, need.description,
                                     cs.NEED_AREAS.get(need.category, ()))
            self.records.add_row({"id": None, "need_id": need.id,
                                  "service_id": best.id if best else None, "chosen": True})

    def _unmet_ids(self) -> list[str]:
        return [self.unmet.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.unmet.count())
                if self.unmet.item(i).checkState() == Qt.CheckState.Checked]

    def draft(self) -> dict:
        return {"matches": self.records.rows(), "unmet": self._unmet_ids()}

    def restore(self, v: dict) -> None:
        rows = v.get("matches")
        if rows is None:  # a draft of the earlier grid: [need, service, chosen, reason]
            rows = [{"id": None, "need_id": r[0], "service_id": r[1] or None,
                     "chosen": bool(r[2]), "reason": r[3]} for r in v.get("rows", [])]
        self.records.set_rows(rows)
        for i in range(self.unmet.count()):
            item = self.unmet.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in v.get("unmet", [])
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def save(self) -> int | None:
        matches = [cs.Match(r.get("need_id") or "", r.get("service_id") or None,
                            r.get("partner_id"), bool(r.get("chosen")), r.get("reason") or "")
                   for r in self.records.rows()]
        cs.save_resources(self.db, self.case_id, matches, self._unmet_ids())
        return None


class PlanPage(StepPage):
    """Step 4 is the IPUS editor itself: one place where the plan is edited."""

    step = 4

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        from ui.case.plan_editor import PlanEditor

        self.editor = PlanEditor(session, case_id, self)
        self.layout_.addWidget(self.editor, 1)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        # The step's scroll area would make the page as tall as its wrapped labels and
        # combos prefer, pushing the checks below the window; the editor's list, form and
        # tabs scroll by themselves, so the page takes the window's height. From 150 % the
        # form is under the list, whole, and the page scrolls instead.
        return super().heightForWidth(width) if look.large_text() else -1

    def load(self) -> None:
        self.editor.reload_versions()

    def draft(self) -> dict:
        """What is typed, as it would be saved (a field that cannot be read yet stays in
        the form, and the draft holds what the list holds)."""
        readable = self.editor.apply_form()
        h = self.editor.header
        typed = {} if readable else {"form": {"row": self.editor.shown_row,
                                              **self.editor.form.texts()}}
        return {"revision": self.editor.revision, **typed,
                "items": [asdict(i) for i in self.editor.model.items],
                "header": {key: h[key].text() for key in ("valid_from", "valid_to",
                                                            "review_on")}
                | {"commitments": h["commitments"].toPlainText(),
                   "rules": h["rules"].toPlainText()}}

    def restore(self, v: dict) -> None:
        """The items and header as typed, only onto the state of the plan they were typed
        for: after a save elsewhere (another window, agreement, an update) they would put
        the items of another version back. A draft of the wrong shape raises."""
        if not self.editor.editable or "items" not in v:
            return  # an agreed plan has no draft; a draft of the old step 4 grid is dropped
        if v.get("revision") != self.editor.revision:
            raise StaleDraft("wpisano go do stanu planu, który od tego czasu się zmienił")
        items = [_item_from_draft(item) for item in v["items"]]
        header = v.get("header", {})
        if not isinstance(header, dict) or not all(isinstance(x, str)
                                                   for x in header.values()):
            raise TypeError("header")
        self.editor.set_items(items)
        h = self.editor.header
        for key, text in header.items():
            widget = h.get(key)
            if widget is not None:
                (widget.setPlainText if hasattr(widget, "setPlainText") else widget.setText)(text)
        form = v.get("form")
        if isinstance(form, dict) and isinstance(form.get("row"), int) \
                and 0 <= form["row"] < len(items):
            self.editor.table.selectRow(form["row"])  # the item typed in, as it was typed
            self.editor.form.set_texts(form)

    def save(self) -> int | None:
        if not self.editor.editable:
            return None  # an agreed plan is changed through an update
        cs.save_plan(self.db, self.case_id, self.editor.items(),
                     self.editor.header_values(), self.editor.revision)
        self.editor.reload_versions()  # the items' new ids, so saving again updates them
        return None


_ITEM_TYPES = {f.name: f.type for f in fields(plans.PlanItem)}


def _item_from_draft(values: object) -> plans.PlanItem:
    """A plan item as a draft kept it; TypeError for anything of another shape (a number
    where text belongs), which would otherwise break the list when it is drawn."""
    if not isinstance(values, dict):
        raise TypeError("item")
    kept = {}
    for key, value in values.items():
        kind = _ITEM_TYPES.get(key)
        if kind is None:
            continue  # a field of an earlier version of the program
        allowed = (int, type(None)) if "int" in str(kind) else (
            (str, type(None)) if "None" in str(kind) else (str,))
        if not isinstance(value, allowed) or isinstance(value, bool):
            raise TypeError(key)
        kept[key] = value
    return plans.PlanItem(**kept)


ACCESS_FIELDS = (
    Field("service", "Usługa", read_only=True),
    Field("referred_on", "Data skierowania", date=True, list_label="Skierowano"),
    Field("contacted_person", "Kontakt u wykonawcy", list_label="Kontakt",
          placeholder="z kim rozmawiano, np. p. Kowal, NZOZ"),
    Field("start_confirmed_on", "Rozpoczęcie potwierdzone", date=True,
          list_label="Rozpoczęcie"),
)


class AccessPage(StepPage):
    step = 5

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.records = RecordEditor(ACCESS_FIELDS, can_add=False,
                                    empty_text="Plan nie ma jeszcze usług – dodaj je w kroku 4.")
        self.layout_.addWidget(note("Dla każdej usługi z planu: kiedy skierowano, z kim "
                                    "rozmawiano i kiedy usługa się zaczęła."))
        self.layout_.addWidget(self.records, 1)
        self.referral = QPushButton("Skierowanie do wykonawcy dla zaznaczonej usługi…")
        self.referral.clicked.connect(self.print_referral)
        self.layout_.addWidget(self.referral)

    def load(self) -> None:
        version = plans.current_version(self.db, self.case_id)
        access = cs.access_of(self.db, self.case_id)
        rows = []
        for item in plans.items(self.db, version.id) if version else []:
            if item.kind != "usluga":
                continue
            a = access.get(item.id)
            rows.append({"id": item.id, "service": item.service_name,
                         "referred_on": format_date(a.referred_on) if a else "",
                         "contacted_person": a.contacted_person if a else "",
                         "start_confirmed_on": format_date(a.start_confirmed_on) if a else ""})
        self.records.set_rows(rows)

    def print_referral(self):
        from ui.documents.screens import issue_document

        row = self.records.current_row()
        if row < 0:
            return None
        return issue_document(self, self.session, "skierowanie", self.records.rows()[row]["id"])

    def draft(self) -> dict:
        return {"access_rows": self.records.rows()}

    def restore(self, v: dict) -> None:
        """Typed dates come back onto the items they were typed for, found by id."""
        rows = self.records.rows()
        typed = {r.get("id"): r for r in v.get("access_rows", [])}
        for row, cells in zip(rows, v.get("rows", []), strict=False):  # the earlier grid
            typed[row["id"]] = dict(zip(("referred_on", "contacted_person",
                                         "start_confirmed_on"), cells, strict=False))
        self.records.set_rows([{**row, **{k: typed[row["id"]].get(k, "") for k in
                                          ("referred_on", "contacted_person",
                                           "start_confirmed_on")}}
                               if row["id"] in typed else row for row in rows])

    def save(self) -> int | None:
        when = grids.optional_date
        rows = [cs.Access(r["id"],
                          when(r.get("referred_on") or "", f"Usługa {n}: data skierowania"),
                          r.get("contacted_person") or "",
                          when(r.get("start_confirmed_on") or "", f"Usługa {n}: rozpoczęcie"))
                for n, r in enumerate(self.records.rows(), 1)]
        cs.save_access(self.db, self.case_id, rows)
        return None
