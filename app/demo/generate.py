"""A deterministic, realistic Polish demo database (names with diacritics, valid PESELs)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlite_utils import Database

from app.audit import trail as audit
from app.core import resources
from app.core.ids import now_iso
from app.demo.cases import add_cases
from app.people.residents import Resident
from app.people.residents_store import _derived, rebuild_search_index

_NAMES = resources.read_json("demo_names.json")
FEMALE: list[str] = _NAMES["female"]
MALE: list[str] = _NAMES["male"]
# (male form, female form): -ski/-cki/-dzki take -ska/-cka/-dzka, other surnames stay as they are.
SURNAMES = [
    (s, s[:-1] + "a") if s.endswith(("ski", "cki", "dzki")) else (s, s)
    for s in _NAMES["surnames_male_form"]
]
VILLAGES = {
    "Wólka Łąkowa": ("83-220", ["Szkolna", "Leśna", "Polna", "Ogrodowa"]),
    "Żabno": ("83-221", ["Główna", "Kościelna", "Źródlana", "Łąkowa", "Słoneczna"]),
    "Stara Łęka": ("83-222", []),
    "Kępa Świętej Anny": ("83-222", ["Nadrzeczna", "Młyńska"]),
    "Gródek": ("83-224", ["Zamkowa", "Krótka", "Długa", "Ślusarska", "Wiśniowa"]),
    "Ostrów": ("83-225", []),
    "Zielęcin": ("83-226", ["Sosnowa", "Brzozowa", "Jesionowa"]),
    "Dąbrówka": ("83-227", []),
}
GMINA = "Gmina Żabno"
DEMO_SETTINGS = {"cus_name": "Centrum Usług Społecznych w Żabnie",
                 "cus_address": "ul. Kościelna 4", "cus_city": "83-221 Żabno",
                 "kipus_name": "Katarzyna Wójcik", "director_name": "Maria Nowak",
                 "dpo_contact": "Jan Kowalski, iod@cus.zabno.pl, tel. 58 000 00 00",
                 "cus_gminas": "Żabno, Gródek, Zielęcin",
                 "agreement_coordinator": "Ośrodek Wsparcia Ekonomii Społecznej w Gródku",
                 "decision_organ": "Wójt Gminy Żabno",
                 "decision_authority": "z upoważnienia Wójta Gminy Żabno nr 1/2026 z dnia "
                                       "2 stycznia 2026 r.",
                 "sko_name": "Samorządowe Kolegium Odwoławcze w Gdańsku"}
# The provision of the Act a refusal rests on is left for the centre's lawyer to enter:
# until then a refusal prints as a draft only (the program does not guess an article).
def pesel_for(born: date, female: bool, serial: int) -> str:
    month = born.month + {18: 80, 19: 0, 20: 20, 21: 40}[born.year // 100]
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}"
    digits += str((serial // 1000 % 5) * 2 + (0 if female else 1))
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)


def _resident(rng: random.Random, used_pesels: set[str]) -> Resident:
    female = rng.random() < 0.52
    first = rng.choice(FEMALE if female else MALE)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    born = date(1935, 1, 1) + timedelta(days=rng.randrange(365 * 88))
    pesel = ""
    if rng.random() > 0.01:  # some residents have no PESEL, only a document
        while True:
            pesel = pesel_for(born, female, rng.randrange(5000))
            if pesel not in used_pesels:
                used_pesels.add(pesel)
                break
    city = rng.choice(list(VILLAGES))
    postal, streets = VILLAGES[city]
    return Resident(
        surname=surname,
        first_name=first,
        pesel=pesel,
        id_document="" if pesel else f"AB{rng.randrange(1000000, 9999999)}",
        birth_date=born.isoformat(),
        sex="K" if female else "M",
        phone=f"{rng.choice('5678')}{rng.randrange(10**7, 10**8)}" if rng.random() < 0.8 else "",
        street=rng.choice(streets) if streets else "",
        house_no=str(rng.randrange(1, 120)),
        flat_no=str(rng.randrange(1, 20)) if streets and rng.random() < 0.2 else "",
        postal_code=postal,
        city=city,
        post_office="Żabno" if not streets else "",
        gmina=GMINA,
    )


def build(db: Database, residents: int, seed: int = 1, today: date | None = None,
          case_share: float = 0.04) -> int:
    """Add ``residents`` demo residents (and cases for ``case_share`` of them); returns how
    many were added."""
    rng = random.Random(seed)
    today = today or date.today()
    stamp = now_iso()
    used: set[str] = {
        r[0] for r in db.execute("SELECT pesel FROM residents WHERE pesel IS NOT NULL")
    }
    cols = [
        "id",
        "created_at",
        "updated_at",
        "surname",
        "first_name",
        "pesel",
        "id_document",
        "birth_date",
        "sex",
        "phone",
        "street",
        "house_no",
        "flat_no",
        "postal_code",
        "city",
        "post_office",
        "gmina",
        "sort_key",
        "name_key",
        "address_key",
    ]
    insert_resident = (
        f"INSERT INTO residents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    )
    with db.atomic():
        batch, people = [], []
        for i in range(residents):
            r = _resident(rng, used)
            r.id = f"{rng.getrandbits(128):032x}"
            r.id = f"{r.id[:8]}-{r.id[8:12]}-4{r.id[13:16]}-a{r.id[17:20]}-{r.id[20:32]}"
            d = _derived(r)
            batch.append(
                (
                    r.id,
                    stamp,
                    stamp,
                    r.surname,
                    r.first_name,
                    r.pesel or None,
                    r.id_document,
                    r.birth_date,
                    r.sex,
                    r.phone,
                    r.street,
                    r.house_no,
                    r.flat_no,
                    r.postal_code,
                    r.city,
                    r.post_office,
                    r.gmina,
                    d["sort_key"],
                    d["name_key"],
                    d["address_key"],
                )
            )
            people.append(r)
            if len(batch) >= 5000 or i == residents - 1:
                db.conn.executemany(insert_resident, batch)
                batch = []
        rebuild_search_index(db)  # executemany gives no rowids to link index rows by
        _add_households(db, rng, people, stamp)
        add_cases(db, rng, people, stamp, today, case_share)
        # a generator of its own: what the demo held before is made the same as ever
        more = random.Random(seed * 7919 + 1)
        _add_close_persons(db, more, people, stamp, used)
        _add_refusals(db, more, people, stamp, today)
        db.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('demo', '1', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = '1'",
            [stamp],
        )
        for key, value in DEMO_SETTINGS.items():  # only where the KIPUS has not set them
            db.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                " WHERE settings.value IN ('', 'Centrum Usług Społecznych')",
                [key, value, stamp],
            )
        audit.record(
            db,
            "system",
            details=f"Utworzono dane demonstracyjne: {residents} osób (ziarno {seed}).",
        )
    return residents


def ensure(db: Database, residents: int) -> bool:
    """Fill an empty database with demo data; never touches one that has residents."""
    if db.execute("SELECT 1 FROM residents LIMIT 1").fetchone() is not None:
        return False
    build(db, residents)
    return True


def _add_households(db: Database, rng: random.Random, people: list[Resident], stamp: str) -> None:
    rows = []
    for r in people:
        if rng.random() < 0.25:
            partner_female = r.sex == "M"
            rows.append(
                (
                    _uuid(rng),
                    stamp,
                    stamp,
                    r.id,
                    r.surname if r.sex == "M" else rng.choice(SURNAMES)[0],
                    rng.choice(FEMALE if partner_female else MALE),
                    "współmałżonek",
                )
            )
        if rng.random() < 0.2:
            rows.append(
                (_uuid(rng), stamp, stamp, r.id, r.surname, rng.choice(FEMALE + MALE), "dziecko")
            )
    db.conn.executemany(
        "INSERT INTO household_members (id, created_at, updated_at, resident_id, surname,"
        " first_name, relation) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _add_close_persons(db: Database, rng: random.Random, people: list[Resident], stamp: str,
                       used_pesels: set[str]) -> None:
    """A daughter, son or neighbour outside the household for about one in ten: the
    person an upoważnienie names, identified by PESEL (or, now and then, an ID card)."""
    rows = []
    for n, r in enumerate(people):
        if rng.random() >= 0.1:
            continue
        female = rng.random() < 0.6
        relation = rng.choice(["córka" if female else "syn", "sąsiadka" if female else "sąsiad",
                               "siostrzenica" if female else "bratanek"])
        born = date(rng.randrange(1960, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
        pesel = pesel_for(born, female, 5000 + n)
        by_card = rng.random() < 0.2 or pesel in used_pesels
        used_pesels.add(pesel)
        surname = r.surname if relation in ("córka", "syn") else rng.choice(SURNAMES)[
            1 if female else 0]
        village = rng.choice(list(VILLAGES))
        code, streets = VILLAGES[village]
        street = f"ul. {rng.choice(streets)} " if streets else ""
        rows.append((_uuid(rng), stamp, stamp, r.id,
                     f"{rng.choice(FEMALE if female else MALE)} {surname}", relation,
                     None if by_card else pesel,
                     f"ABC{rng.randrange(100000, 999999)}" if by_card else None,
                     f"{street or village + ' '}{rng.randrange(1, 60)}, {code} {village}",
                     f"5{rng.randrange(10, 99)}{rng.randrange(100000, 999999)}"))
    db.conn.executemany(
        "INSERT INTO close_persons (id, created_at, updated_at, resident_id, full_name,"
        " relation, pesel, id_document, address, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)


REFUSALS = ("Osoba mieszka poza gminami objętymi programem usług społecznych.",
            "Wnioskowane wsparcie (pomoc finansowa) nie jest usługą społeczną objętą programem.",
            "Osoba korzysta już z tej samej usługi w ramach innego programu gminy.")


def _add_refusals(db: Database, rng: random.Random, people: list[Resident], stamp: str,
                  today: date) -> None:
    """A few applications refused (with the facts the decision states), filed by the person
    or by someone for her, so the decision and its register show in a demo."""
    applied = {r[0] for r in db.execute("SELECT resident_id FROM applications")}
    programme = db.execute("SELECT id FROM programmes ORDER BY rowid LIMIT 1").fetchone()
    others = [r for r in people if r.id not in applied]
    for n, r in enumerate(others[:max(1, len(people) // 250)]):
        filed = today - timedelta(days=rng.randrange(5, 60))
        by_carer = n % 2 == 0
        db.table("applications").insert({
            "id": _uuid(rng), "created_at": stamp, "updated_at": stamp, "resident_id": r.id,
            "filed_on": filed.isoformat(), "filed_by_kind": "opiekun" if by_carer else "osoba",
            "filed_by_name": f"{rng.choice(FEMALE)} {r.surname}" if by_carer else None,
            "channel": rng.choice(["osobiscie", "pismo"]),
            "request": rng.choice(["Pomoc finansowa na opał", "Opieka w domu po operacji",
                                   "Dowóz na rehabilitację"]),
            "status": "odmowa", "refusal_reason": REFUSALS[n % len(REFUSALS)],
            "decided_on": min(today, filed + timedelta(days=rng.randrange(3, 14))).isoformat(),
            "programme_id": programme[0] if programme else None})


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"
