-- Sdelka schema version 5: the sales pipeline — pipelines and their stages,
-- leads and their routing, deals with product lines, one responsible
-- employee, a due date and a recorded result per deal and stage, the stage
-- history, activities with reminders, approval rules and approvals of deal
-- terms, lost reasons, reverse-pricing requests and the precomputed
-- cross-selling statistics. Money is integer minor units of the deal's
-- currency; probabilities are basis points (10000 = 100 %).

CREATE TABLE pipelines (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    sort       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX pipelines_one_default ON pipelines (is_default) WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE pipeline_stages (
    id              TEXT PRIMARY KEY,
    pipeline_id     TEXT NOT NULL REFERENCES pipelines (id),
    -- A stable code for the seeded stages (prospecting, presentation,
    -- negotiation, delivery, consulting, won, lost); '' for stages added later.
    code            TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL,
    sort            INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    probability_bp  INTEGER NOT NULL CHECK (probability_bp BETWEEN 0 AND 10000),
    expected_result TEXT NOT NULL DEFAULT '',
    default_role    TEXT NOT NULL DEFAULT 'seller' CHECK (default_role IN ('admin', 'head', 'seller', 'accountant')),
    norm_days       INTEGER NOT NULL DEFAULT 0 CHECK (norm_days >= 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at      TEXT
) STRICT;
CREATE INDEX pipeline_stages_pipeline ON pipeline_stages (pipeline_id, sort) WHERE deleted_at IS NULL;

-- Reasons a deal is lost: an editable dictionary.
CREATE TABLE lost_reasons (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    sort       INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX lost_reasons_name ON lost_reasons (name_fold) WHERE deleted_at IS NULL;

CREATE TABLE routing_rules (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    sort       INTEGER NOT NULL DEFAULT 0,
    -- What the rule looks at: region (a region code), segment, source, or
    -- any (matches every lead: the catch-all at the end).
    field      TEXT NOT NULL CHECK (field IN ('region', 'segment', 'source', 'any')),
    value      TEXT NOT NULL DEFAULT '',
    value_fold TEXT NOT NULL DEFAULT '',
    -- Either one seller, or a team (JSON array of user IDs) served in turn.
    user_id    TEXT REFERENCES users (id),
    team       TEXT NOT NULL DEFAULT '[]',
    rr_next    INTEGER NOT NULL DEFAULT 0 CHECK (rr_next >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;

CREATE TABLE leads (
    id                TEXT PRIMARY KEY,
    num               INTEGER NOT NULL UNIQUE,
    name              TEXT NOT NULL DEFAULT '',
    company           TEXT NOT NULL DEFAULT '',
    name_fold         TEXT NOT NULL DEFAULT '',
    position          TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    phone_norm        TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    inn               TEXT NOT NULL DEFAULT '',
    region_code       TEXT REFERENCES regions (code),
    segment           TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    campaign          TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    owner_id          TEXT NOT NULL REFERENCES users (id),
    status            TEXT NOT NULL CHECK (status IN ('new', 'working', 'converted', 'disqualified')),
    -- The routing rule that chose the owner, and how (text for people).
    routed_rule_id    TEXT REFERENCES routing_rules (id),
    routed_by         TEXT NOT NULL DEFAULT '',
    customer_id       TEXT REFERENCES customers (id),
    contact_id        TEXT REFERENCES contacts (id),
    deal_id           TEXT,
    converted_at      TEXT,
    disqualify_reason TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at        TEXT,
    CHECK ((status = 'converted') = (customer_id IS NOT NULL AND converted_at IS NOT NULL))
) STRICT;
CREATE INDEX leads_status ON leads (status, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_owner ON leads (owner_id, status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX leads_name ON leads (name_fold, id) WHERE deleted_at IS NULL;

CREATE TABLE deals (
    id                 TEXT PRIMARY KEY,
    num                INTEGER NOT NULL UNIQUE,
    customer_id        TEXT NOT NULL REFERENCES customers (id),
    -- The customer's short name (or name), kept by triggers below for the
    -- board, which would otherwise look up 10,000 random customers.
    customer_name      TEXT NOT NULL DEFAULT '',
    contact_id         TEXT REFERENCES contacts (id),
    title              TEXT NOT NULL,
    title_fold         TEXT NOT NULL,
    pipeline_id        TEXT NOT NULL REFERENCES pipelines (id),
    stage_id           TEXT NOT NULL REFERENCES pipeline_stages (id),
    status             TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    -- The gross of the lines, or the amount entered when the deal has none.
    amount             INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    amount_manual      INTEGER NOT NULL DEFAULT 0 CHECK (amount_manual IN (0, 1)),
    currency           TEXT NOT NULL,
    -- The amount in the base currency at the rate of the day it was saved
    -- (column totals and weighted sums add deals of different currencies).
    amount_base        INTEGER NOT NULL DEFAULT 0 CHECK (amount_base >= 0),
    prices_incl_vat    INTEGER NOT NULL DEFAULT 1 CHECK (prices_incl_vat IN (0, 1)),
    expected_close     TEXT,
    probability_bp     INTEGER NOT NULL CHECK (probability_bp BETWEEN 0 AND 10000),
    probability_manual INTEGER NOT NULL DEFAULT 0 CHECK (probability_manual IN (0, 1)),
    payment_days       INTEGER NOT NULL DEFAULT 0 CHECK (payment_days >= 0),
    lead_source        TEXT NOT NULL DEFAULT '',
    owner_id           TEXT NOT NULL REFERENCES users (id),
    lost_reason        TEXT NOT NULL DEFAULT '',
    lead_id            TEXT REFERENCES leads (id),
    stage_entered_at   TEXT NOT NULL,
    -- A copy of the current stage's responsible and due date from
    -- deal_stages, kept by the triggers below, so that the board reads one
    -- covering index instead of joining 10,000 stage records.
    responsible_id     TEXT REFERENCES users (id),
    stage_due          TEXT,
    closed_at          TEXT,
    -- '' (no rule fires), pending, approved, rejected; terms_hash is
    -- model.DealTermsHash of what was last evaluated.
    approval           TEXT NOT NULL DEFAULT '' CHECK (approval IN ('', 'pending', 'approved', 'rejected')),
    terms_hash         TEXT NOT NULL DEFAULT '',
    quote_id           TEXT REFERENCES documents (id),
    order_id           TEXT REFERENCES documents (id),
    reverse_id         TEXT,
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at         TEXT,
    CHECK ((status = 'lost') = (lost_reason <> '')),
    CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;
-- The board: the deals of a pipeline by status and stage, longest in the
-- stage first, covering every column a card shows (deleted_at too: SQLite
-- does not count a partial index's condition as covered).
CREATE INDEX deals_board ON deals (pipeline_id, status, stage_id, stage_entered_at, num, id, title, customer_id, customer_name,
    amount, currency, amount_base, probability_bp, owner_id, responsible_id, stage_due, approval, version, deleted_at) WHERE deleted_at IS NULL;
-- The board's won and lost columns: totals and the newest closed deals.
CREATE INDEX deals_closed_board ON deals (pipeline_id, status, closed_at, num, amount_base, owner_id, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner ON deals (owner_id, status) WHERE deleted_at IS NULL;
CREATE INDEX deals_customer ON deals (customer_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_closed ON deals (closed_at) WHERE deleted_at IS NULL AND closed_at IS NOT NULL;
CREATE INDEX deals_updated ON deals (updated_at, id) WHERE deleted_at IS NULL;

CREATE TABLE deal_lines (
    deal_id      TEXT NOT NULL REFERENCES deals (id),
    line_no      INTEGER NOT NULL CHECK (line_no >= 1),
    product_id   TEXT NOT NULL REFERENCES products (id),
    sku          TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    unit_code    TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    qty          INTEGER NOT NULL CHECK (qty > 0),
    -- The price resolved for the customer, the discount, and the price
    -- after it (or typed: manual_price).
    list_price   INTEGER NOT NULL DEFAULT 0,
    price_reason TEXT NOT NULL DEFAULT '',
    discount_bp  INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    price        INTEGER NOT NULL CHECK (price >= 0),
    manual_price INTEGER NOT NULL DEFAULT 0 CHECK (manual_price IN (0, 1)),
    floor_price  INTEGER NOT NULL DEFAULT 0,
    cost_price   INTEGER NOT NULL DEFAULT 0,
    vat_cat      TEXT NOT NULL,
    vat_bp       INTEGER NOT NULL DEFAULT 0,
    net          INTEGER NOT NULL,
    vat          INTEGER NOT NULL,
    gross        INTEGER NOT NULL,
    PRIMARY KEY (deal_id, line_no),
    CHECK (net + vat = gross)
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_lines_product ON deal_lines (product_id);

-- One row per deal and stage it has reached: the one responsible employee,
-- the due date and the recorded result.
CREATE TABLE deal_stages (
    deal_id        TEXT NOT NULL REFERENCES deals (id),
    stage_id       TEXT NOT NULL REFERENCES pipeline_stages (id),
    responsible_id TEXT NOT NULL REFERENCES users (id),
    due_date       TEXT,
    result         TEXT NOT NULL DEFAULT '',
    done_at        TEXT,
    done_by        TEXT REFERENCES users (id),
    entered_at     TEXT NOT NULL,
    PRIMARY KEY (deal_id, stage_id),
    CHECK ((result = '') = (done_at IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_stages_responsible ON deal_stages (responsible_id, done_at);

-- deals.responsible_id and stage_due follow the current stage's record
-- whatever writes it (the service, the demo's bulk load); sdelkactl check
-- compares them.
CREATE TRIGGER deal_stages_copy_ins AFTER INSERT ON deal_stages BEGIN
    UPDATE deals SET responsible_id = NEW.responsible_id, stage_due = NEW.due_date
    WHERE id = NEW.deal_id AND stage_id = NEW.stage_id;
END;
CREATE TRIGGER deal_stages_copy_upd AFTER UPDATE OF responsible_id, due_date ON deal_stages BEGIN
    UPDATE deals SET responsible_id = NEW.responsible_id, stage_due = NEW.due_date
    WHERE id = NEW.deal_id AND stage_id = NEW.stage_id;
END;
CREATE TRIGGER deals_customer_name_ins AFTER INSERT ON deals BEGIN
    UPDATE deals SET customer_name = (SELECT coalesce(nullif(c.short_name, ''), c.name) FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_customer_name_upd AFTER UPDATE OF customer_id ON deals BEGIN
    UPDATE deals SET customer_name = (SELECT coalesce(nullif(c.short_name, ''), c.name) FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER customers_name_to_deals AFTER UPDATE OF name, short_name ON customers
WHEN coalesce(nullif(NEW.short_name, ''), NEW.name) IS NOT coalesce(nullif(OLD.short_name, ''), OLD.name) BEGIN
    UPDATE deals SET customer_name = coalesce(nullif(NEW.short_name, ''), NEW.name) WHERE customer_id = NEW.id;
END;
CREATE TRIGGER deals_stage_copy_ins AFTER INSERT ON deals BEGIN
    UPDATE deals SET responsible_id = s.responsible_id, stage_due = s.due_date
    FROM (SELECT responsible_id, due_date FROM deal_stages WHERE deal_id = NEW.id AND stage_id = NEW.stage_id) s
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_stage_copy_upd AFTER UPDATE OF stage_id ON deals BEGIN
    UPDATE deals SET responsible_id = (SELECT responsible_id FROM deal_stages WHERE deal_id = NEW.id AND stage_id = NEW.stage_id),
        stage_due = (SELECT due_date FROM deal_stages WHERE deal_id = NEW.id AND stage_id = NEW.stage_id)
    WHERE id = NEW.id;
END;

CREATE TABLE deal_stage_history (
    id            TEXT PRIMARY KEY,
    deal_id       TEXT NOT NULL REFERENCES deals (id),
    at            TEXT NOT NULL,
    user_id       TEXT NOT NULL REFERENCES users (id),
    from_stage_id TEXT REFERENCES pipeline_stages (id),
    to_stage_id   TEXT NOT NULL REFERENCES pipeline_stages (id),
    result        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, at);
CREATE INDEX deal_stage_history_at ON deal_stage_history (at);

CREATE TABLE activities (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'task', 'email')),
    subject      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    due_at       TEXT NOT NULL,
    duration_min INTEGER NOT NULL DEFAULT 0 CHECK (duration_min >= 0),
    remind_at    TEXT,
    reminded_at  TEXT,
    deal_id      TEXT REFERENCES deals (id),
    stage_id     TEXT REFERENCES pipeline_stages (id),
    customer_id  TEXT REFERENCES customers (id),
    contact_id   TEXT REFERENCES contacts (id),
    lead_id      TEXT REFERENCES leads (id),
    owner_id     TEXT NOT NULL REFERENCES users (id),
    done_at      TEXT,
    outcome      TEXT NOT NULL DEFAULT '',
    interaction_id TEXT REFERENCES interactions (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at   TEXT
) STRICT;
CREATE INDEX activities_owner_due ON activities (owner_id, done_at, due_at) WHERE deleted_at IS NULL;
CREATE INDEX activities_due ON activities (due_at) WHERE deleted_at IS NULL;
CREATE INDEX activities_remind ON activities (remind_at) WHERE deleted_at IS NULL AND reminded_at IS NULL AND done_at IS NULL AND remind_at IS NOT NULL;
CREATE INDEX activities_deal ON activities (deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX activities_customer ON activities (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX activities_lead ON activities (lead_id) WHERE lead_id IS NOT NULL;

CREATE TABLE approval_rules (
    id         TEXT PRIMARY KEY,
    -- discount: a line's discount above threshold basis points; floor: a
    -- price below the product's floor price (no threshold); deferral:
    -- payment days above threshold; amount: the deal above threshold minor
    -- units of the base currency.
    kind       TEXT NOT NULL CHECK (kind IN ('discount', 'floor', 'deferral', 'amount')),
    threshold  INTEGER NOT NULL DEFAULT 0 CHECK (threshold >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;

CREATE TABLE approvals (
    id           TEXT PRIMARY KEY,
    deal_id      TEXT NOT NULL REFERENCES deals (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at TEXT NOT NULL,
    -- JSON of the model.ApprovalReason list that put the deal on approval.
    reasons      TEXT NOT NULL DEFAULT '[]',
    terms_hash   TEXT NOT NULL,
    amount       INTEGER NOT NULL DEFAULT 0,
    currency     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
    decided_by   TEXT REFERENCES users (id),
    decided_at   TEXT,
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL))
) STRICT;
CREATE INDEX approvals_status ON approvals (status, requested_at);
CREATE INDEX approvals_deal ON approvals (deal_id, requested_at);

CREATE TABLE reverse_requests (
    id           TEXT PRIMARY KEY,
    num          INTEGER NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    requirements TEXT NOT NULL,
    category_id  TEXT REFERENCES categories (id),
    qty          INTEGER NOT NULL CHECK (qty > 0),
    wanted_price INTEGER NOT NULL CHECK (wanted_price >= 0),
    currency     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
    product_id   TEXT REFERENCES products (id),
    deal_id      TEXT REFERENCES deals (id),
    owner_id     TEXT NOT NULL REFERENCES users (id),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at   TEXT
) STRICT;
CREATE INDEX reverse_requests_status ON reverse_requests (status, created_at) WHERE deleted_at IS NULL;

-- Cross-selling statistics computed from posted orders (model.CountBaskets):
-- how many orders contain each product, and for each product its most
-- frequent companions. Recomputed as a whole (RefreshCrossSell).
CREATE TABLE crosssell_items (
    product_id TEXT PRIMARY KEY REFERENCES products (id),
    orders     INTEGER NOT NULL CHECK (orders > 0)
) STRICT, WITHOUT ROWID;
CREATE TABLE crosssell_pairs (
    product_id TEXT NOT NULL REFERENCES products (id),
    other_id   TEXT NOT NULL REFERENCES products (id),
    together   INTEGER NOT NULL CHECK (together > 0),
    PRIMARY KEY (product_id, other_id)
) STRICT, WITHOUT ROWID;

-- Documents made from a deal (its quote, then the order) point back at it.
ALTER TABLE documents ADD COLUMN deal_id TEXT REFERENCES deals (id);
CREATE INDEX documents_deal ON documents (deal_id) WHERE deal_id IS NOT NULL;

-- The default pipeline with the five stages of the sales process.
INSERT INTO pipelines (id, name, is_default, sort, created_at, updated_at)
VALUES ('01900000-0000-7000-8000-000000000501', 'Основная воронка', 1, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO pipeline_stages (id, pipeline_id, code, name, sort, kind, probability_bp, expected_result, default_role, norm_days, created_at, updated_at)
VALUES
 ('01900000-0000-7000-8000-000000000511', '01900000-0000-7000-8000-000000000501', 'prospecting', 'Поиск клиента', 1, 'open', 1000,
  'Интерес подтверждён: известны потребность, бюджет и лицо, принимающее решение', 'seller', 14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000512', '01900000-0000-7000-8000-000000000501', 'presentation', 'Презентация', 2, 'open', 2500,
  'Продукт показан, клиент подтвердил, что он подходит; отправлено коммерческое предложение', 'seller', 14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000513', '01900000-0000-7000-8000-000000000501', 'negotiation', 'Переговоры и договор', 3, 'open', 5000,
  'Условия согласованы, договор подписан', 'head', 21, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000514', '01900000-0000-7000-8000-000000000501', 'delivery', 'Поставка', 4, 'open', 8000,
  'Товар отгружен, документы подписаны', 'seller', 14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000515', '01900000-0000-7000-8000-000000000501', 'consulting', 'Консультации и обучение', 5, 'open', 9000,
  'Клиент обучен и пользуется продуктом; получен отзыв', 'seller', 30, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000516', '01900000-0000-7000-8000-000000000501', 'won', 'Успешно', 6, 'won', 10000,
  '', 'seller', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000517', '01900000-0000-7000-8000-000000000501', 'lost', 'Проиграна', 7, 'lost', 0,
  '', 'seller', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

INSERT INTO lost_reasons (id, name, name_fold, sort, created_at, updated_at) VALUES
 ('01900000-0000-7000-8000-000000000521', 'Высокая цена', 'высокая цена', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000522', 'Выбрали конкурента', 'выбрали конкурента', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000523', 'Нет бюджета', 'нет бюджета', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000524', 'Сроки поставки', 'сроки поставки', 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000525', 'Не отвечает', 'не отвечает', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000526', 'Потребность отпала', 'потребность отпала', 6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

INSERT INTO approval_rules (id, kind, threshold, created_at, updated_at) VALUES
 ('01900000-0000-7000-8000-000000000531', 'discount', 1500, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000532', 'floor', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000533', 'deferral', 45, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
 ('01900000-0000-7000-8000-000000000534', 'amount', 500000000, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
