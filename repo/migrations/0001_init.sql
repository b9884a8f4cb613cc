-- Sdelka schema version 1: users, company, settings, customers, sharing, audit.
-- Every business table has id (UUIDv7 text), created_at, updated_at, version and
-- deleted_at (soft delete). Timestamps are ISO-8601 UTC text with milliseconds.

CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL,
    -- model.FoldText(login): SQLite's NOCASE folds only Latin letters.
    login_fold    TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'head', 'seller', 'accountant')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at    TEXT
) STRICT;

CREATE TABLE company (
    id               TEXT PRIMARY KEY,
    singleton        INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    name             TEXT NOT NULL,
    short_name       TEXT NOT NULL DEFAULT '',
    inn              TEXT NOT NULL,
    kpp              TEXT NOT NULL DEFAULT '',
    ogrn             TEXT NOT NULL DEFAULT '',
    legal_address    TEXT NOT NULL DEFAULT '',
    postal_address   TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    bank_name        TEXT NOT NULL DEFAULT '',
    bic              TEXT NOT NULL DEFAULT '',
    account          TEXT NOT NULL DEFAULT '',
    corr_account     TEXT NOT NULL DEFAULT '',
    director         TEXT NOT NULL DEFAULT '',
    chief_accountant TEXT NOT NULL DEFAULT '',
    logo             BLOB,
    stamp            BLOB,
    signature        BLOB,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at       TEXT
) STRICT;

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('company', 'person')),
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    inn        TEXT NOT NULL DEFAULT '',
    kpp        TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    owner_id   TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE INDEX customers_name ON customers (name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers (owner_id, name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_inn ON customers (inn) WHERE inn <> '';
CREATE INDEX customers_deleted ON customers (deleted_at) WHERE deleted_at IS NOT NULL;

-- A record shared with a user beyond its owner (entity is model.Entity).
CREATE TABLE shares (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX shares_user ON shares (user_id, entity);

-- Tamper-evident audit log: hash = SHA-256(prev_hash, fields) (model.AuditHash);
-- the last seq and hash are also kept in app_meta('audit_head').
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    user_login TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    changes    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
