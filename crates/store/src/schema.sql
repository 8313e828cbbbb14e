-- The register's schema. Version in PRAGMA user_version; migrations in lib.rs.

-- One row per stored document (a PDF, identified by its content).
CREATE TABLE IF NOT EXISTS documents (
    id                  INTEGER PRIMARY KEY,
    sha256              TEXT NOT NULL UNIQUE,
    size                INTEGER NOT NULL,
    page_count          INTEGER NOT NULL,
    -- kind as read; for SIFs not titled re-inspections, `kind` is recomputed from the LA's
    -- other SIFs whenever one is stored (see reclassify_sifs)
    kind                TEXT NOT NULL,
    titled_reinspection INTEGER NOT NULL DEFAULT 0,
    title               TEXT,
    urn                 INTEGER,
    inspection_start    TEXT,
    inspection_end      TEXT,
    on_site_days        INTEGER,
    published           TEXT,
    published_source    TEXT,
    lead_inspector      TEXT,
    status              TEXT NOT NULL CHECK (status IN ('ok', 'needs_review', 'refused')),
    review_reason       TEXT,
    doubts              TEXT NOT NULL DEFAULT '[]',
    ingested_at         TEXT NOT NULL,
    -- the reading rules (lacs_extract::READING_RULES) that made this reading; NULL: rules
    -- older than schema version 4, or a refused file (added by ALTER TABLE in lib.rs)
    reading_rules       TEXT
);
CREATE INDEX IF NOT EXISTS documents_urn ON documents (urn, inspection_start);

-- Every path a document was ingested from. The same content can arrive under several names
-- (the reports site has served one "page not found" page for several LAs); the folder's URN
-- is kept as a hint, the only LA a refused file has.
CREATE TABLE IF NOT EXISTS sources (
    source_file TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    folder_urn  INTEGER,
    first_seen  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_document ON sources (document_id);

-- Every judgement read from a document, with where it was read.
CREATE TABLE IF NOT EXISTS judgements (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    judgement   TEXT NOT NULL,
    grade       TEXT NOT NULL,
    page        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, judgement)
);

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Events from Ofsted's official statistics, one per inspection listed (the second source).
-- Replaced whole per release file on import; joined to reports by lacs-reconcile.
CREATE TABLE IF NOT EXISTS official_rows (
    id               INTEGER PRIMARY KEY,
    source           TEXT NOT NULL,
    sheet            TEXT NOT NULL,
    row              INTEGER NOT NULL,
    urn              INTEGER,
    la_name          TEXT NOT NULL,
    kind             TEXT,
    framework        TEXT,
    event_type       TEXT NOT NULL,
    inspection_start TEXT,
    inspection_end   TEXT,
    published        TEXT,
    grades           TEXT NOT NULL,
    link             TEXT,
    visit_theme      TEXT                -- focused and monitoring visits' theme (schema 7)
);
-- A wide sheet holds several inspections on one row, so (source, sheet, row) is not a key.
CREATE INDEX IF NOT EXISTS official_rows_source ON official_rows (source);
CREATE INDEX IF NOT EXISTS official_rows_urn ON official_rows (urn);

-- Cells of an official release the reader could not take at face value (lacs-official's row
-- doubts: the row was read without the cell, or skipped when it named no LA). Replaced with
-- the release's rows on import. Added in schema version 2.
CREATE TABLE IF NOT EXISTS official_doubts (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    sheet   TEXT NOT NULL,
    row     INTEGER NOT NULL,
    heading TEXT NOT NULL,
    value   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    reason  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS official_doubts_source ON official_doubts (source);

CREATE TABLE IF NOT EXISTS official_imports (
    source      TEXT PRIMARY KEY,
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL
);

-- What inspectors said: improvement items in order and judgement paragraphs, each with its
-- page; `judgement` is '' where the item sits under none. Inserted in the order the report
-- prints them, so `id` is report order within a document. `number` is the paragraph number
-- the report prints ("21."), NULL where it prints none (added in schema version 3: an older
-- register gains the column by ALTER TABLE in lib.rs, NULL for the findings it held).
CREATE TABLE IF NOT EXISTS findings (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    section     TEXT NOT NULL,
    judgement   TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    page        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    number      INTEGER,
    UNIQUE (document_id, section, judgement, position)
);

-- Full-text index over findings (Porter stemming), kept in step by triggers.
CREATE VIRTUAL TABLE IF NOT EXISTS findings_fts USING fts5(
    text, content = 'findings', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS findings_ai AFTER INSERT ON findings BEGIN
    INSERT INTO findings_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS findings_ad AFTER DELETE ON findings BEGIN
    INSERT INTO findings_fts (findings_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- The whole text of every page of every stored report (refused files have none), lines
-- separated by '\n': so a quotation from anywhere in a report can be found and cited by page.
-- Written in the document's transaction. Added in schema version 3: documents stored by an
-- older lacs have no pages until they are read again.
CREATE TABLE IF NOT EXISTS pages (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, page)
);

-- Full-text index over pages (as findings_fts), kept in step by triggers.
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
    text, content = 'pages', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS pages_ai AFTER INSERT ON pages BEGIN
    INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS pages_ad AFTER DELETE ON pages BEGIN
    INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- People's answers to doubts (lacs review), kept by content and apart from what was read:
-- no reference to `documents`, so answers outlive a re-reading, a re-ingest and a rebuilt
-- register (and may arrive, by import, before their document). Added in schema version 4.
CREATE TABLE IF NOT EXISTS answers (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('set', 'accept')),
    -- {"field": "value" or null}, for 'set'
    answer_values TEXT NOT NULL DEFAULT '{}',
    -- the doubts an 'accept' answered, as they read then
    accepted      TEXT NOT NULL DEFAULT '[]',
    note          TEXT NOT NULL,
    answered_by   TEXT NOT NULL,
    answered_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_sha256 ON answers (sha256);

-- What Ofsted's reports site listed (lacs sync), kept with the reports. Added to the
-- register's schema in version 5; an older sync made the same tables outside it, and a
-- register that has them keeps them as they are.
-- One row per (provider URN, file id) seen on a provider page: the link text, the file's
-- address, what the link text says it is and the date in it, and once fetched its sha256 (the
-- key of `documents`) and where it sits in the cache. The read side turns ungraded visit
-- letters into events of the LA and links a stored report to Ofsted's copy by sha256.
CREATE TABLE IF NOT EXISTS site_publications (
    urn           INTEGER NOT NULL,   -- the provider page's URN (a hint; the report's text names its LA)
    file_id       TEXT NOT NULL,      -- last segment of the file's address
    link_text     TEXT NOT NULL,      -- span.nonvisual, whitespace collapsed
    url           TEXT NOT NULL,      -- the file's address as the site gave it
    kind_hint     TEXT NOT NULL CHECK (kind_hint IN ('report', 'focused_visit', 'monitoring_visit', 'jtai', 'other')),
    published     TEXT,               -- yyyy-mm-dd, the date in the link text
    la_name       TEXT,               -- the LA's name in the listing
    provider_url  TEXT,               -- the provider page
    sha256        TEXT,               -- NULL until fetched
    size          INTEGER,
    cache_path    TEXT,               -- cache/<sha256[0..2]>/<sha256>.pdf
    ingested_as   TEXT,               -- reports: the path given to ingest (sources.source_file)
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT,
    confirmed     INTEGER,            -- visit letters: 1 when page 1 names the visit, 0 when not
    status        TEXT NOT NULL DEFAULT 'listed'
                  CHECK (status IN ('listed', 'cached', 'stored', 'recorded', 'failed', 'unreadable', 'skipped', 'gone')),
    error         TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    checked_at    TEXT,               -- 'gone': when the file was last asked for and found gone (v6)
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL,
    PRIMARY KEY (urn, file_id)
);
CREATE INDEX IF NOT EXISTS site_publications_sha256 ON site_publications (sha256);
CREATE INDEX IF NOT EXISTS site_publications_file ON site_publications (file_id);

-- Schema version 6 added the status 'gone' and `checked_at` (a v5 table is rebuilt with its
-- rows, as SQLite cannot alter a CHECK constraint: see `migrate`).

-- Each listing or provider page's validators (ETag, Last-Modified) and what was read from
-- it, so that a 304 answer needs no new parse.
CREATE TABLE IF NOT EXISTS site_pages (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL,
    links         TEXT NOT NULL       -- what was read from the page, JSON
);

-- Every `lacs sync` run (dry runs excepted), written at its end, failed runs too: when it
-- started and finished, against which site, whether it went through, its summary line, the
-- new events it stored, the error that stopped it, and the LAs the site's listing gave (NULL
-- when the listing was not read whole, as with `--urn`). Added in schema version 6.
CREATE TABLE IF NOT EXISTS sync_runs (
    id               INTEGER PRIMARY KEY,
    started_at       TEXT NOT NULL,
    finished_at      TEXT NOT NULL,
    base_url         TEXT NOT NULL,
    ok               INTEGER NOT NULL CHECK (ok IN (0, 1)),
    summary          TEXT NOT NULL,
    new_events       INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    listed_providers INTEGER
);
