-- Sdelka schema version 3: the catalog — products and services, the category
-- tree, kits, warehouses and stock (movements only; balances are their sum,
-- kept in stock_balances in the same transaction and re-derived by check),
-- currencies and dated rates, price lists for customer groups and
-- individual prices. Money is integer minor units, quantities thousandths
-- of a unit, rates ×10^4 of the base currency for `nominal` units.

CREATE TABLE categories (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES categories (id),
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    sort       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX categories_sibling ON categories (coalesce(parent_id, ''), name_fold) WHERE deleted_at IS NULL;
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE products (
    id           TEXT PRIMARY KEY,
    num          INTEGER NOT NULL UNIQUE,
    sku          TEXT NOT NULL DEFAULT '',
    sku_fold     TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    name_fold    TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    category_id  TEXT REFERENCES categories (id),
    kind         TEXT NOT NULL CHECK (kind IN ('goods', 'service', 'kit')),
    unit_code    TEXT NOT NULL,
    barcode      TEXT NOT NULL DEFAULT '',
    base_price   INTEGER NOT NULL DEFAULT 0 CHECK (base_price >= 0),
    cost_price   INTEGER NOT NULL DEFAULT 0 CHECK (cost_price >= 0),
    floor_price  INTEGER NOT NULL DEFAULT 0 CHECK (floor_price >= 0),
    vat          TEXT NOT NULL CHECK (vat IN ('standard', 'reduced', 'zero', 'none')),
    weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    seller_note  TEXT NOT NULL DEFAULT '',
    kit_pricing  TEXT NOT NULL DEFAULT 'sum' CHECK (kit_pricing IN ('sum', 'fixed')),
    search_doc   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at   TEXT
) STRICT;
-- One index per list order (keyset pages), the category filter, and lookups.
CREATE INDEX products_name ON products (name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX products_sku_order ON products (sku_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX products_price ON products (base_price, id) WHERE deleted_at IS NULL;
CREATE INDEX products_category ON products (category_id, name_fold, id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX products_sku ON products (sku_fold) WHERE sku_fold <> '' AND deleted_at IS NULL;
CREATE INDEX products_barcode ON products (barcode) WHERE barcode <> '';

CREATE VIRTUAL TABLE product_fts USING fts5 (
    search_doc, content = 'products', content_rowid = 'num', prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Images apart, so that list scans do not read them.
CREATE TABLE product_images (
    product_id TEXT PRIMARY KEY REFERENCES products (id),
    image      BLOB NOT NULL
) STRICT;

CREATE TABLE kit_components (
    kit_id     TEXT NOT NULL REFERENCES products (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    qty        INTEGER NOT NULL CHECK (qty > 0),
    optional   INTEGER NOT NULL DEFAULT 0 CHECK (optional IN (0, 1)),
    choice     TEXT NOT NULL DEFAULT '',
    sort       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kit_id, choice, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX kit_components_product ON kit_components (product_id);

CREATE TABLE warehouses (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX warehouses_name ON warehouses (name_fold) WHERE deleted_at IS NULL;

CREATE TABLE stock_movements (
    id         TEXT PRIMARY KEY,
    num        INTEGER NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('receipt', 'writeoff', 'transfer', 'reserve', 'unreserve', 'ship')),
    product_id TEXT NOT NULL REFERENCES products (id),
    from_id    TEXT REFERENCES warehouses (id),
    to_id      TEXT REFERENCES warehouses (id),
    qty        INTEGER NOT NULL CHECK (qty > 0),
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    doc_ref    TEXT NOT NULL DEFAULT '',
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX stock_movements_product ON stock_movements (product_id, num);
CREATE INDEX stock_movements_at ON stock_movements (at, num);

-- The running sum of the movements (never written otherwise).
CREATE TABLE stock_balances (
    product_id   TEXT NOT NULL REFERENCES products (id),
    warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
    on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (product_id, warehouse_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stock_balances_available ON stock_balances (warehouse_id, product_id) WHERE on_hand > reserved;

CREATE TABLE currencies (
    code         TEXT PRIMARY KEY,
    num_code     TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    symbol       TEXT NOT NULL DEFAULT '',
    minor_digits INTEGER NOT NULL DEFAULT 2 CHECK (minor_digits BETWEEN 0 AND 4),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at   TEXT NOT NULL
) STRICT;
INSERT INTO currencies (code, num_code, name, symbol, minor_digits, updated_at) VALUES
    ('RUB', '643', 'Российский рубль', '₽', 2, '2026-01-01T00:00:00.000Z'),
    ('USD', '840', 'Доллар США', '$', 2, '2026-01-01T00:00:00.000Z'),
    ('EUR', '978', 'Евро', '€', 2, '2026-01-01T00:00:00.000Z'),
    ('CNY', '156', 'Китайский юань', '¥', 2, '2026-01-01T00:00:00.000Z'),
    ('KZT', '398', 'Казахстанский тенге', '₸', 2, '2026-01-01T00:00:00.000Z'),
    ('BYN', '933', 'Белорусский рубль', 'Br', 2, '2026-01-01T00:00:00.000Z');

CREATE TABLE exchange_rates (
    currency   TEXT NOT NULL REFERENCES currencies (code),
    day        TEXT NOT NULL, -- YYYY-MM-DD
    nominal    INTEGER NOT NULL CHECK (nominal > 0),
    value_e4   INTEGER NOT NULL CHECK (value_e4 > 0),
    source     TEXT NOT NULL CHECK (source IN ('cbr', 'manual')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (currency, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE price_lists (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    group_id   TEXT REFERENCES customer_groups (id),
    currency   TEXT NOT NULL REFERENCES currencies (code),
    valid_from TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or '' (always)
    valid_to   TEXT NOT NULL DEFAULT '', -- inclusive, or '' (open)
    kind       TEXT NOT NULL CHECK (kind IN ('explicit', 'rule')),
    rule_bp    INTEGER NOT NULL DEFAULT 0 CHECK (rule_bp > -10000),
    breaks     TEXT NOT NULL DEFAULT '[]', -- JSON [{"min":qty,"price":minor,"bp":discount}]
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX price_lists_name ON price_lists (name_fold) WHERE deleted_at IS NULL;
CREATE INDEX price_lists_group ON price_lists (group_id, valid_from) WHERE deleted_at IS NULL;

CREATE TABLE price_list_items (
    list_id    TEXT NOT NULL REFERENCES price_lists (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    price      INTEGER NOT NULL CHECK (price >= 0),
    breaks     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (list_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX price_list_items_product ON price_list_items (product_id);

CREATE TABLE individual_prices (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    product_id  TEXT NOT NULL REFERENCES products (id),
    price       INTEGER NOT NULL CHECK (price >= 0),
    currency    TEXT NOT NULL REFERENCES currencies (code),
    valid_from  TEXT NOT NULL DEFAULT '',
    valid_to    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at  TEXT
) STRICT;
CREATE INDEX individual_prices_customer ON individual_prices (customer_id, product_id) WHERE deleted_at IS NULL;
CREATE INDEX individual_prices_product ON individual_prices (product_id);

-- Tax settings (TaxSettings): base currency, prices with VAT, no VAT.
INSERT INTO settings (key, value, updated_at) VALUES
    ('base_currency', 'RUB', '2026-01-01T00:00:00.000Z'),
    ('prices_include_vat', '1', '2026-01-01T00:00:00.000Z'),
    ('no_vat', '0', '2026-01-01T00:00:00.000Z')
ON CONFLICT (key) DO NOTHING;
