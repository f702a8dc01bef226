"""SQL of migration 0001: the data model for the whole mission (see DOMAIN.md).

Every record has a random UUID text key, created_at/updated_at and archived_at (records are
archived, never deleted), so that databases from two laptops can one day be merged.
Applied migrations are never edited: change the schema in a new numbered migration.
"""

_C = (
    "id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "archived_at TEXT, archive_reason TEXT"
)

CORE_SQL = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE service_areas (
    code INTEGER PRIMARY KEY NOT NULL CHECK (code BETWEEN 1 AND 14),
    name TEXT NOT NULL
);

CREATE TABLE residents (
    {_C},
    surname TEXT NOT NULL CHECK (length(trim(surname)) > 0),
    first_name TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    second_name TEXT,
    pesel TEXT CHECK (pesel IS NULL OR (length(pesel) = 11 AND pesel NOT GLOB '*[^0-9]*')),
    id_document TEXT,
    birth_date TEXT,
    sex TEXT CHECK (sex IS NULL OR sex IN ('K', 'M')),
    phone TEXT,
    email TEXT,
    street TEXT,
    house_no TEXT,
    flat_no TEXT,
    postal_code TEXT CHECK (postal_code IS NULL OR postal_code GLOB '[0-9][0-9]-[0-9][0-9][0-9]'),
    city TEXT NOT NULL,
    post_office TEXT,
    gmina TEXT,
    notes TEXT,
    restricted INTEGER NOT NULL DEFAULT 0,
    sort_key TEXT NOT NULL,
    name_key TEXT NOT NULL,
    address_key TEXT NOT NULL
);
CREATE UNIQUE INDEX residents_pesel ON residents(pesel) WHERE pesel IS NOT NULL;
CREATE INDEX residents_sort ON residents(sort_key, id);
CREATE INDEX residents_active_sort ON residents(archived_at, sort_key, id);
CREATE INDEX residents_birth ON residents(birth_date);
CREATE INDEX residents_address ON residents(address_key);

CREATE TABLE household_members (
    {_C},
    resident_id TEXT NOT NULL REFERENCES residents(id),
    member_resident_id TEXT REFERENCES residents(id),
    surname TEXT NOT NULL,
    first_name TEXT NOT NULL,
    relation TEXT NOT NULL,
    birth_date TEXT,
    notes TEXT
);
CREATE INDEX household_members_resident ON household_members(resident_id);

CREATE TABLE programmes (
    {_C},
    name TEXT NOT NULL,
    resolution_number TEXT,
    resolution_date TEXT,
    valid_from TEXT,
    valid_to TEXT,
    target_group TEXT,
    eligibility TEXT,
    copayment_rules TEXT,
    notes TEXT
);

CREATE TABLE services (
    {_C},
    name TEXT NOT NULL,
    area_code INTEGER NOT NULL REFERENCES service_areas(code),
    kind TEXT NOT NULL DEFAULT 'usluga',
    description TEXT,
    target_group TEXT,
    competences TEXT,
    qualifications TEXT,
    occupation_codes TEXT,
    standard_infrastructure TEXT,
    standard_staff TEXT,
    standard_quality TEXT,
    standard_conditions TEXT,
    standard_accessibility TEXT,
    standard_management TEXT,
    copayment_rule TEXT,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX services_area ON services(area_code);

CREATE TABLE programme_services (
    {_C},
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    service_id TEXT NOT NULL REFERENCES services(id),
    terms TEXT,
    copayment TEXT
);
CREATE INDEX programme_services_programme ON programme_services(programme_id);

CREATE TABLE partners (
    {_C},
    full_name TEXT NOT NULL,
    partner_type TEXT NOT NULL,
    nip TEXT,
    regon TEXT,
    krs TEXT,
    street TEXT,
    postal_code TEXT,
    city TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    delivering_person TEXT,
    is_social_employment INTEGER NOT NULL DEFAULT 0,
    is_jst_unit INTEGER NOT NULL DEFAULT 0,
    is_other_public INTEGER NOT NULL DEFAULT 0,
    is_ngo INTEGER NOT NULL DEFAULT 0,
    resources_staff TEXT,
    resources_infrastructure TEXT,
    activity_profile TEXT,
    affiliation TEXT,
    other_info TEXT,
    role_justification TEXT,
    capacity INTEGER,
    sort_key TEXT NOT NULL DEFAULT ''
);

CREATE TABLE partner_services (
    {_C},
    partner_id TEXT NOT NULL REFERENCES partners(id),
    service_id TEXT NOT NULL REFERENCES services(id),
    capacity INTEGER,
    place TEXT,
    notes TEXT
);
CREATE INDEX partner_services_partner ON partner_services(partner_id);
CREATE INDEX partner_services_service ON partner_services(service_id);

CREATE TABLE partner_actions (
    {_C},
    partner_id TEXT NOT NULL REFERENCES partners(id),
    action_date TEXT,
    description TEXT NOT NULL
);

CREATE TABLE applications (
    {_C},
    resident_id TEXT NOT NULL REFERENCES residents(id),
    filed_on TEXT NOT NULL,
    filed_by_kind TEXT NOT NULL
        CHECK (filed_by_kind IN ('osoba', 'przedstawiciel', 'opiekun', 'instytucja')),
    filed_by_name TEXT,
    channel TEXT NOT NULL CHECK (channel IN ('osobiscie', 'telefon', 'email', 'pismo')),
    request TEXT,
    programme_id TEXT REFERENCES programmes(id),
    status TEXT NOT NULL DEFAULT 'oczekuje'
        CHECK (status IN ('oczekuje', 'zakwalifikowany', 'odmowa', 'przekazany', 'wycofany')),
    decided_on TEXT,
    refusal_reason TEXT,
    transferred_to TEXT,
    transfer_consent_on TEXT
);
CREATE INDEX applications_filed ON applications(status, filed_on);
CREATE INDEX applications_resident ON applications(resident_id);

CREATE TABLE cases (
    {_C},
    resident_id TEXT NOT NULL REFERENCES residents(id),
    application_id TEXT REFERENCES applications(id),
    programme_id TEXT REFERENCES programmes(id),
    case_number TEXT,
    includes_household INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'otwarta' CHECK (status IN ('otwarta', 'zamknieta')),
    current_step INTEGER NOT NULL DEFAULT 1 CHECK (current_step BETWEEN 1 AND 9),
    opened_on TEXT NOT NULL,
    came_how TEXT,
    referred_by TEXT,
    request TEXT,
    closed_on TEXT,
    close_reason TEXT
);
CREATE INDEX cases_resident ON cases(resident_id);
CREATE INDEX cases_status ON cases(status);

CREATE TABLE case_steps (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 9),
    started_on TEXT,
    completed_on TEXT,
    notes TEXT,
    UNIQUE (case_id, step)
);

CREATE TABLE card_general (
    {_C},
    case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
    referred_by TEXT,
    contact_ended_on TEXT,
    time_without_work TEXT,
    education TEXT,
    qualifications TEXT,
    health TEXT,
    socio_economic TEXT,
    marital_status TEXT,
    income_source TEXT,
    material_situation TEXT
);

CREATE TABLE card_entries (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    step INTEGER CHECK (step IS NULL OR step BETWEEN 1 AND 9),
    kind TEXT NOT NULL,
    entry_date TEXT NOT NULL,
    title TEXT,
    content TEXT NOT NULL,
    author TEXT
);
CREATE INDEX card_entries_case ON card_entries(case_id, entry_date);

CREATE TABLE needs (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    category TEXT NOT NULL
        CHECK (category IN ('spoleczne', 'zdrowotne', 'emocjonalne', 'zawodowe', 'kulturalne',
                            'inne')),
    description TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
    status TEXT NOT NULL DEFAULT 'rozpoznana'
        CHECK (status IN ('rozpoznana', 'zaspokajana', 'zaspokojona', 'niezaspokojona')),
    identified_on TEXT NOT NULL,
    person_resources TEXT
);
CREATE INDEX needs_case ON needs(case_id);

CREATE TABLE need_matches (
    {_C},
    need_id TEXT NOT NULL REFERENCES needs(id),
    service_id TEXT REFERENCES services(id),
    partner_id TEXT REFERENCES partners(id),
    chosen INTEGER NOT NULL DEFAULT 0,
    reason TEXT
);

CREATE TABLE specialist_opinions (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    specialist_name TEXT NOT NULL,
    role TEXT NOT NULL,
    opinion_date TEXT NOT NULL,
    summary TEXT NOT NULL
);

CREATE TABLE plans (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    plan_number TEXT,
    status TEXT NOT NULL DEFAULT 'projekt'
        CHECK (status IN ('projekt', 'uzgodniony', 'zatwierdzony', 'zamkniety'))
);
CREATE INDEX plans_case ON plans(case_id);

CREATE TABLE plan_versions (
    {_C},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    version_no INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'projekt'
        CHECK (status IN ('projekt', 'uzgodniony', 'zatwierdzony', 'zastapiony', 'zamkniety')),
    valid_from TEXT,
    valid_to TEXT,
    review_on TEXT,
    agreed_on TEXT,
    approved_on TEXT,
    approved_by TEXT,
    approver_role TEXT,
    person_commitments TEXT,
    cooperation_rules TEXT,
    change_summary TEXT,
    UNIQUE (plan_id, version_no)
);

CREATE TABLE plan_version_needs (
    {_C},
    plan_version_id TEXT NOT NULL REFERENCES plan_versions(id),
    need_id TEXT NOT NULL REFERENCES needs(id)
);

CREATE TABLE plan_items (
    {_C},
    plan_version_id TEXT NOT NULL REFERENCES plan_versions(id),
    kind TEXT NOT NULL CHECK (kind IN ('usluga', 'dzialanie_wspierajace')),
    service_id TEXT REFERENCES services(id),
    partner_id TEXT REFERENCES partners(id),
    need_id TEXT REFERENCES needs(id),
    description TEXT,
    support_kind TEXT,
    who TEXT,
    place TEXT,
    start_on TEXT,
    end_on TEXT,
    frequency TEXT,
    duration TEXT,
    weekdays TEXT,
    time_from TEXT,
    time_to TEXT,
    copayment TEXT,
    status TEXT NOT NULL DEFAULT 'planowana'
        CHECK (status IN ('planowana', 'skierowana', 'realizowana', 'zawieszona',
                          'zakonczona', 'anulowana')),
    origin_item_id TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plan_items_version ON plan_items(plan_version_id);

CREATE TABLE referrals (
    {_C},
    plan_item_id TEXT NOT NULL REFERENCES plan_items(id),
    referred_on TEXT NOT NULL,
    partner_id TEXT REFERENCES partners(id),
    contacted_person TEXT,
    start_confirmed_on TEXT,
    notes TEXT
);

CREATE TABLE case_events (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('monitorowanie', 'rzecznictwo', 'monitorowanie_po')),
    event_date TEXT NOT NULL,
    observed TEXT,
    action_taken TEXT,
    result TEXT
);
CREATE INDEX case_events_case ON case_events(case_id, event_date);

CREATE TABLE evaluations (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    plan_item_id TEXT REFERENCES plan_items(id),
    evaluated_on TEXT NOT NULL,
    reliability INTEGER CHECK (reliability IS NULL OR reliability BETWEEN 1 AND 5),
    responsiveness INTEGER CHECK (responsiveness IS NULL OR responsiveness BETWEEN 1 AND 5),
    assurance INTEGER CHECK (assurance IS NULL OR assurance BETWEEN 1 AND 5),
    empathy INTEGER CHECK (empathy IS NULL OR empathy BETWEEN 1 AND 5),
    tangibles INTEGER CHECK (tangibles IS NULL OR tangibles BETWEEN 1 AND 5),
    goals_met TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('kontynuacja', 'modyfikacja',
                                                          'zamkniecie')),
    notes TEXT
);

CREATE TABLE summary_conversations (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    held_on TEXT NOT NULL,
    course_and_results TEXT NOT NULL,
    participants TEXT
);

CREATE TABLE follow_ups (
    {_C},
    case_id TEXT NOT NULL REFERENCES cases(id),
    due_on TEXT NOT NULL,
    done_on TEXT,
    notes TEXT
);
CREATE INDEX follow_ups_due ON follow_ups(due_on);

CREATE TABLE consents (
    {_C},
    resident_id TEXT NOT NULL REFERENCES residents(id),
    case_id TEXT REFERENCES cases(id),
    application_id TEXT REFERENCES applications(id),
    kind TEXT NOT NULL
        CHECK (kind IN ('karta_uslug', 'przekazanie_wniosku', 'kontakt', 'wizerunek', 'inna')),
    given INTEGER NOT NULL CHECK (given IN (0, 1)),
    decided_on TEXT NOT NULL,
    withdrawn_on TEXT,
    notes TEXT
);
CREATE INDEX consents_resident ON consents(resident_id);

CREATE TABLE document_counters (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
);

CREATE TABLE documents (
    {_C},
    kind TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    issued_by TEXT,
    resident_id TEXT REFERENCES residents(id),
    case_id TEXT REFERENCES cases(id),
    partner_id TEXT REFERENCES partners(id),
    plan_version_id TEXT REFERENCES plan_versions(id),
    title TEXT,
    payload TEXT,
    pdf BLOB,
    sha256 TEXT
);
CREATE INDEX documents_resident ON documents(resident_id);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL
        CHECK (action IN ('wyswietlenie', 'utworzenie', 'zmiana', 'archiwizacja',
                          'przywrocenie', 'eksport', 'wydruk', 'system')),
    table_name TEXT,
    record_id TEXT,
    resident_id TEXT,
    details TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_resident ON audit_log(resident_id);
CREATE INDEX audit_record ON audit_log(record_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'Dziennik zdarzeń można tylko uzupełniać.');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'Dziennik zdarzeń można tylko uzupełniać.');
END;
"""

# Migration 0003: the residents search index. Text is folded in Python (ł→l and the rest)
# before it goes in, so FTS5 needs no diacritics handling of its own. The index is contentless
# and keyed by residents.rowid (a join by rowid keeps a one-letter search near 30 ms over
# 100,000 residents). VACUUM may renumber rowids of a table without INTEGER PRIMARY KEY, so
# after any VACUUM the index must be rebuilt (residents_store.rebuild_search_index).
SEARCH_SQL = """
CREATE VIRTUAL TABLE residents_fts USING fts5(
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
"""

# Migration 0004: indexes for the case workflow's lookups by case and by plan (the "Na dziś"
# list over 12,000 cases went from 3 s to milliseconds).
CASE_INDEXES_SQL = """
CREATE INDEX consents_case ON consents(case_id, kind);
CREATE INDEX plan_versions_plan ON plan_versions(plan_id, status);
CREATE INDEX referrals_item ON referrals(plan_item_id);
CREATE INDEX need_matches_need ON need_matches(need_id);
CREATE INDEX evaluations_case ON evaluations(case_id);
CREATE INDEX opinions_case ON specialist_opinions(case_id);
CREATE INDEX summary_case ON summary_conversations(case_id);
CREATE INDEX follow_ups_case ON follow_ups(case_id);
CREATE INDEX cases_application ON cases(application_id);
CREATE INDEX cases_open_updated ON cases(status, updated_at);
"""

# Migration 0005: the KIPUS's own wording of documents (the defaults live in resources).
TEMPLATES_SQL = """
CREATE TABLE document_templates (
    kind TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

# Migration 0007: people close to the resident who do not share her household.
CLOSE_PERSONS_SQL = f"""
CREATE TABLE close_persons (
    {_C},
    resident_id TEXT NOT NULL REFERENCES residents(id),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    relation TEXT NOT NULL,
    pesel TEXT CHECK (pesel IS NULL OR (length(pesel) = 11 AND pesel NOT GLOB '*[^0-9]*')),
    id_document TEXT,
    address TEXT,
    phone TEXT
);
CREATE INDEX close_persons_resident ON close_persons(resident_id);
"""
