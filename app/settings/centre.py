"""The centre's own details, which every document prints in its letterhead and by its
signatures: the ones the first-run form asks for, the ones that must not be left empty,
and what a given document would print empty."""

from __future__ import annotations

import re

from sqlite_utils import Database

from app.core.ids import now_iso
from app.settings.values import LABELS, Settings

# the first-run form, in the order a KIPUS knows them
SETUP_FIELDS = ("cus_name", "cus_address", "cus_city", "cus_gminas", "director_name",
                "director_title", "kipus_name", "kipus_contact", "dpo_contact", "sko_name",
                "office_symbol", "jrwa_case", "jrwa_refusal")
# printed on every document or by its signatures
REQUIRED = ("cus_name", "cus_address", "cus_city", "director_name", "kipus_name",
            "dpo_contact")
EXAMPLES = {
    "cus_name": "np. Centrum Usług Społecznych w Żabnie",
    "cus_address": "np. ul. Kościelna 4",
    "cus_city": "np. 33-240 Żabno",
    "cus_gminas": "np. Żabno",
    "director_name": "np. Maria Nowak",
    "director_title": "np. Dyrektor Centrum Usług Społecznych w Żabnie",
    "kipus_name": "np. Anna Kowalska",
    "kipus_contact": "np. tel. 14 645 00 00, a.kowalska@cus.zabno.pl",
    "dpo_contact": "np. Jan Kowalski, iod@cus.zabno.pl, tel. 14 645 00 01",
    "sko_name": "np. Samorządowe Kolegium Odwoławcze w Tarnowie",
    "office_symbol": "np. CUS",
    "jrwa_case": "np. 4012",
    "jrwa_refusal": "np. 4013",
}
LETTERHEAD = ("cus_name", "cus_address", "cus_city")
# a document's {field} or signature, and the settings it is printed from
PRINTED_FROM = {"cus": ("cus_name",), "adres_cus": ("cus_address", "cus_city"),
                "miejscowosc": ("cus_city",), "w_miejscowosci": ("cus_city",),
                "koordynator": ("kipus_name",), "dyrektor": ("director_name",),
                "iod": ("dpo_contact",)}
OFFERED_KEY = "setup_offered"
# what a new database holds until the centre is named: no letterhead says only this
GENERIC = {"cus_name": "Centrum Usług Społecznych"}


def is_empty(settings: Settings, key: str) -> bool:
    value = str(getattr(settings, key)).strip()
    return not value or value == GENERIC.get(key)


def missing(settings: Settings) -> list[str]:
    """The names of the required details still empty."""
    return [LABELS[key] for key in REQUIRED if is_empty(settings, key)]


def missing_for(settings: Settings, body: str) -> list[str]:
    """The details a document of this wording would print empty: its letterhead, its
    fields and the names under its signatures."""
    used = set(re.findall(r"\{([a-z_]+)\}", body))
    used |= {role.strip() for roles in re.findall(r"\[\[\s*podpisy\s*:([^\]]*)\]\]", body)
             for role in roles.split("|")}
    keys = list(LETTERHEAD) + [k for name in sorted(used) for k in PRINTED_FROM.get(name, ())]
    return [LABELS[k] for k in dict.fromkeys(keys) if is_empty(settings, k)]


def was_offered(db: Database) -> bool:
    """Whether the first-run form was shown on this database (it is not forced twice)."""
    return db.execute("SELECT 1 FROM settings WHERE key = ?", [OFFERED_KEY]).fetchone() \
        is not None


def mark_offered(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, '1', ?)",
                   [OFFERED_KEY, now_iso()])
