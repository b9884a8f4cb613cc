-- Sdelka schema version 4: order to cash — quotes, orders, invoices,
-- waybills, contracts, statements and credit notes in one documents table,
-- their lines, number series with yearly counters, payments and their
-- allocation to invoices, customers' and groups' payment terms and credit
-- limits, the obligations register, deal insurance and contract templates.
-- Money is integer minor units of the document's currency.

ALTER TABLE company ADD COLUMN iban TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN swift TEXT NOT NULL DEFAULT '';

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    num             INTEGER NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('quote', 'order', 'invoice', 'waybill', 'contract', 'statement', 'credit_note')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'posted', 'shipped', 'cancelled')),
    -- The printed number, from the kind's series at posting; NULL for drafts.
    number          TEXT,
    number_fold     TEXT,
    doc_date        TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    owner_id        TEXT REFERENCES users (id),
    currency        TEXT NOT NULL,
    rate_nominal    INTEGER NOT NULL DEFAULT 1 CHECK (rate_nominal > 0),
    rate_e4         INTEGER NOT NULL DEFAULT 10000 CHECK (rate_e4 > 0),
    lang            TEXT NOT NULL DEFAULT 'ru',
    prices_incl_vat INTEGER NOT NULL DEFAULT 0 CHECK (prices_incl_vat IN (0, 1)),
    no_vat          INTEGER NOT NULL DEFAULT 0 CHECK (no_vat IN (0, 1)),
    valid_until     TEXT,
    due_date        TEXT,
    delivery_date   TEXT,
    warehouse_id    TEXT REFERENCES warehouses (id),
    period_from     TEXT,
    period_to       TEXT,
    base_id         TEXT REFERENCES documents (id),
    order_id        TEXT REFERENCES documents (id),
    contract_id     TEXT REFERENCES documents (id),
    replaces_id     TEXT REFERENCES documents (id),
    -- A document whose lines are those of another (an invoice or waybill
    -- made from a posted order prints the order's frozen lines).
    lines_of        TEXT REFERENCES documents (id),
    terms           TEXT NOT NULL DEFAULT '',
    credit_approved TEXT NOT NULL DEFAULT '',
    net             INTEGER NOT NULL DEFAULT 0,
    vat             INTEGER NOT NULL DEFAULT 0,
    gross           INTEGER NOT NULL DEFAULT 0,
    lines_count     INTEGER NOT NULL DEFAULT 0,
    -- Invoices: payments allocated and credit notes posted (≤ 0), kept in
    -- the same transaction as the allocation or credit note.
    paid            INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
    credited        INTEGER NOT NULL DEFAULT 0 CHECK (credited <= 0),
    body            TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    posted_at       TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at      TEXT,
    CHECK (net + vat = gross),
    CHECK ((status = 'draft') = (number IS NULL))
) STRICT;
CREATE UNIQUE INDEX documents_number ON documents (kind, number) WHERE number IS NOT NULL;
CREATE INDEX documents_number_fold ON documents (number_fold) WHERE number_fold IS NOT NULL;
CREATE INDEX documents_kind ON documents (kind, num);
CREATE INDEX documents_customer ON documents (customer_id, kind, num);
CREATE INDEX documents_date ON documents (doc_date, num);
CREATE INDEX documents_order ON documents (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX documents_base ON documents (base_id) WHERE base_id IS NOT NULL;
CREATE INDEX documents_open_invoices ON documents (customer_id, due_date)
    WHERE kind = 'invoice' AND status = 'posted' AND gross + credited > paid;

CREATE TABLE document_lines (
    doc_id       TEXT NOT NULL REFERENCES documents (id),
    no           INTEGER NOT NULL CHECK (no >= 1),
    product_id   TEXT REFERENCES products (id),
    sku          TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    unit_code    TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    qty          INTEGER NOT NULL,
    price        INTEGER NOT NULL,
    manual_price INTEGER NOT NULL DEFAULT 0 CHECK (manual_price IN (0, 1)),
    price_reason TEXT NOT NULL DEFAULT '',
    vat_cat      TEXT NOT NULL CHECK (vat_cat IN ('standard', 'reduced', 'zero', 'none')),
    vat_bp       INTEGER NOT NULL CHECK (vat_bp >= 0),
    net          INTEGER NOT NULL,
    vat          INTEGER NOT NULL,
    gross        INTEGER NOT NULL,
    weight_grams INTEGER NOT NULL DEFAULT 0,
    base_line    INTEGER NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, no),
    CHECK (net + vat = gross)
) STRICT, WITHOUT ROWID;

CREATE TABLE number_series (
    kind       TEXT PRIMARY KEY,
    mask       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
-- The last number given per kind and year (year 0 for a mask without a
-- year, which counts on across years). Taken in the posting transaction,
-- so a rolled-back posting gives its number back: no gaps.
CREATE TABLE series_counters (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (kind, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
    id          TEXT PRIMARY KEY,
    num         INTEGER NOT NULL UNIQUE,
    number      TEXT NOT NULL DEFAULT '',
    pay_date    TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('bank', 'cash', 'card')),
    note        TEXT NOT NULL DEFAULT '',
    allocated   INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at  TEXT,
    CHECK (allocated >= 0 AND allocated <= amount)
) STRICT;
CREATE INDEX payments_customer ON payments (customer_id, num);
CREATE INDEX payments_date ON payments (pay_date, num);

CREATE TABLE allocations (
    payment_id TEXT NOT NULL REFERENCES payments (id),
    invoice_id TEXT NOT NULL REFERENCES documents (id),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (payment_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX allocations_invoice ON allocations (invoice_id);

-- Terms of a customer (customer_id) or of a customer group (group_id).
CREATE TABLE customer_terms (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT UNIQUE REFERENCES customers (id),
    group_id     TEXT UNIQUE REFERENCES customer_groups (id),
    terms        TEXT NOT NULL DEFAULT '',
    has_terms    INTEGER NOT NULL DEFAULT 0 CHECK (has_terms IN (0, 1)),
    credit_limit INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    has_limit    INTEGER NOT NULL DEFAULT 0 CHECK (has_limit IN (0, 1)),
    doc_lang     TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK ((customer_id IS NULL) <> (group_id IS NULL))
) STRICT;

CREATE TABLE obligations (
    id          TEXT PRIMARY KEY,
    party       TEXT NOT NULL CHECK (party IN ('ours', 'customer')),
    doc_id      TEXT NOT NULL REFERENCES documents (id),
    seq         INTEGER NOT NULL DEFAULT 1,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    due         TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    text        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX obligations_open ON obligations (status, due);
CREATE INDEX obligations_doc ON obligations (doc_id, seq);
CREATE INDEX obligations_customer ON obligations (customer_id, due);

CREATE TABLE insurance_policies (
    id         TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL REFERENCES documents (id),
    insurer    TEXT NOT NULL,
    number     TEXT NOT NULL,
    insured    INTEGER NOT NULL CHECK (insured > 0),
    premium    INTEGER NOT NULL DEFAULT 0 CHECK (premium >= 0),
    currency   TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'active', 'expired', 'claimed', 'cancelled')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE INDEX insurance_order ON insurance_policies (order_id);

CREATE TABLE doc_templates (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
