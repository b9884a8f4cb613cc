-- Sdelka schema version 6: analytics. A sales channel on customers and
-- documents; revenue summary tables kept by triggers in the same
-- transaction as the writes that change them (so the dashboard reads a few
-- thousand summary rows instead of millions of document rows); the time a
-- deal entered the stage it leaves, on its stage history; monthly sales
-- plans; commission rules, closed (frozen) commission periods and their
-- stored calculations.
--
-- Revenue is the net (without VAT) of posted or shipped invoices minus
-- posted credit notes, dated by the document, in the base currency at the
-- document's rate. `sdelkactl check` recomputes both summary tables from
-- the documents and compares them row by row.

-- '' = not set; direct, dealer, retail, web (model.Channels).
ALTER TABLE customers ADD COLUMN channel TEXT NOT NULL DEFAULT ''
    CHECK (channel IN ('', 'direct', 'dealer', 'retail', 'web'));
ALTER TABLE documents ADD COLUMN channel TEXT NOT NULL DEFAULT ''
    CHECK (channel IN ('', 'direct', 'dealer', 'retail', 'web'));

-- When the deal entered the stage this move leaves (NULL for the first
-- entry), set by a trigger (funnel_history_insert) from the deal's previous move: the funnel's
-- time-in-stage is `at - from_entered_at` of the moves in the period.
ALTER TABLE deal_stage_history ADD COLUMN from_entered_at TEXT;
UPDATE deal_stage_history SET from_entered_at = (
    SELECT max(p.at) FROM deal_stage_history p
    WHERE p.deal_id = deal_stage_history.deal_id AND p.at <= deal_stage_history.at AND p.id <> deal_stage_history.id
      AND p.to_stage_id = deal_stage_history.from_stage_id)
WHERE from_stage_id IS NOT NULL;
CREATE INDEX deals_lost_reason ON deals (status, closed_at, lost_reason) WHERE status = 'lost';
CREATE INDEX deals_expected ON deals (status, expected_close, amount_base, probability_bp, owner_id) WHERE status = 'open';
CREATE INDEX customers_lead_source ON customers (lead_source, created_at) WHERE deleted_at IS NULL AND lead_source <> '';
-- A dashboard filtered by region, segment, group or channel limits open
-- invoices, obligations, deals and stage moves to the customers of that
-- value: these find them without reading the customers table.
CREATE INDEX customers_dim_region ON customers (region_code, id);
CREATE INDEX customers_dim_segment ON customers (segment, id);
CREATE INDEX customers_dim_group ON customers (group_id, id);
CREATE INDEX customers_dim_channel ON customers (channel, id);

-- One row per customer × month × seller × channel with the customer's
-- region, segment, group and lead source copied (updated when the
-- customer's change). net is in the base currency's minor units.
CREATE TABLE sales_cm (
    customer_id TEXT NOT NULL,
    month       TEXT NOT NULL, -- YYYY-MM
    owner_id    TEXT NOT NULL, -- '' = no seller on the document
    channel     TEXT NOT NULL,
    region_code TEXT NOT NULL,
    segment     TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    lead_source TEXT NOT NULL,
    net         INTEGER NOT NULL,
    invoices    INTEGER NOT NULL, -- invoices counted (credit notes do not count)
    docs        INTEGER NOT NULL, -- invoices and credit notes counted (the row goes at 0)
    last_date   TEXT NOT NULL,    -- the latest invoice date (or credit note date without invoices)
    PRIMARY KEY (customer_id, month, owner_id, channel)
) STRICT, WITHOUT ROWID;
CREATE INDEX sales_cm_month ON sales_cm (month, customer_id, net, invoices, last_date, owner_id, channel, region_code, segment, group_id);

-- sales_cm summed over customers: the dashboard's revenue figures.
CREATE TABLE sales_cube (
    month       TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    region_code TEXT NOT NULL,
    segment     TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    lead_source TEXT NOT NULL,
    net         INTEGER NOT NULL,
    invoices    INTEGER NOT NULL,
    docs        INTEGER NOT NULL,
    PRIMARY KEY (month, owner_id, channel, region_code, segment, group_id, lead_source)
) STRICT, WITHOUT ROWID;

-- A revenue document's contribution (used by the triggers and by check).
CREATE VIEW revenue_docs AS
SELECT d.id, d.kind, d.customer_id, coalesce(d.owner_id, '') AS owner_id, d.channel, substr(d.doc_date, 1, 7) AS month, d.doc_date,
       CASE WHEN d.rate_nominal = 1 AND d.rate_e4 = 10000 AND d.currency = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')
            THEN d.net
            ELSE CAST(round(d.net * (d.rate_e4 / (d.rate_nominal * 10000.0)) * power(10,
                 coalesce((SELECT minor_digits FROM currencies WHERE code = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')), 2)
                 - coalesce((SELECT minor_digits FROM currencies WHERE code = d.currency), 2))) AS INTEGER)
       END AS net_base
FROM documents d
WHERE d.kind IN ('invoice', 'credit_note') AND d.status IN ('posted', 'shipped') AND d.deleted_at IS NULL;

-- The revenue documents by date with what the analyses read (customer
-- analysis and drill-downs read them without touching the table).
CREATE INDEX documents_revenue ON documents (doc_date, customer_id, kind, net, currency, rate_nominal, rate_e4, owner_id, channel)
    WHERE kind IN ('invoice', 'credit_note') AND status IN ('posted', 'shipped') AND deleted_at IS NULL;

-- Backfill from the documents already there.
INSERT INTO sales_cm (customer_id, month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs, last_date)
SELECT r.customer_id, r.month, r.owner_id, r.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, ''), c.lead_source,
       sum(r.net_base), sum(r.kind = 'invoice'), count(*),
       coalesce(max(CASE WHEN r.kind = 'invoice' THEN r.doc_date END), max(r.doc_date))
FROM revenue_docs r JOIN customers c ON c.id = r.customer_id
GROUP BY r.customer_id, r.month, r.owner_id, r.channel;
INSERT INTO sales_cube (month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs)
SELECT month, owner_id, channel, region_code, segment, group_id, lead_source, sum(net), sum(invoices), sum(docs)
FROM sales_cm GROUP BY month, owner_id, channel, region_code, segment, group_id, lead_source;

-- documents → sales_cm. A document counts while it is a posted or shipped,
-- undeleted invoice or credit note; any change of what it counts with
-- subtracts the old contribution and adds the new one.
CREATE TRIGGER revenue_doc_insert AFTER INSERT ON documents
WHEN NEW.kind IN ('invoice', 'credit_note') AND NEW.status IN ('posted', 'shipped') AND NEW.deleted_at IS NULL
BEGIN
    INSERT INTO sales_cm (customer_id, month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs, last_date)
    SELECT r.customer_id, r.month, r.owner_id, r.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, ''), c.lead_source,
           r.net_base, r.kind = 'invoice', 1, r.doc_date
    FROM revenue_docs r JOIN customers c ON c.id = r.customer_id WHERE r.id = NEW.id
    ON CONFLICT (customer_id, month, owner_id, channel) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + 1,
        last_date = CASE
            WHEN excluded.invoices = 1 AND invoices = 0 THEN excluded.last_date -- the first invoice replaces a credit note's date
            WHEN excluded.invoices = 0 AND invoices > 0 THEN last_date
            ELSE max(last_date, excluded.last_date) END;
END;

-- The old contribution of a document, subtracted; the row's last date is
-- recomputed from the documents still counting in it; an emptied row goes.
CREATE TRIGGER revenue_doc_update_old AFTER UPDATE OF kind, status, doc_date, customer_id, owner_id, channel, net, rate_nominal, rate_e4, currency, deleted_at ON documents
WHEN OLD.kind IN ('invoice', 'credit_note') AND OLD.status IN ('posted', 'shipped') AND OLD.deleted_at IS NULL
BEGIN
    UPDATE sales_cm SET
        net = net - (CASE WHEN OLD.rate_nominal = 1 AND OLD.rate_e4 = 10000 AND OLD.currency = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')
            THEN OLD.net
            ELSE CAST(round(OLD.net * (OLD.rate_e4 / (OLD.rate_nominal * 10000.0)) * power(10,
                 coalesce((SELECT minor_digits FROM currencies WHERE code = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')), 2)
                 - coalesce((SELECT minor_digits FROM currencies WHERE code = OLD.currency), 2))) AS INTEGER) END),
        invoices = invoices - (OLD.kind = 'invoice'),
        docs = docs - 1
    WHERE customer_id = OLD.customer_id AND month = substr(OLD.doc_date, 1, 7) AND owner_id = coalesce(OLD.owner_id, '') AND channel = OLD.channel;
    DELETE FROM sales_cm
    WHERE customer_id = OLD.customer_id AND month = substr(OLD.doc_date, 1, 7) AND owner_id = coalesce(OLD.owner_id, '') AND channel = OLD.channel
      AND docs = 0;
    UPDATE sales_cm SET last_date = (
        SELECT coalesce(max(CASE WHEN r.kind = 'invoice' THEN r.doc_date END), max(r.doc_date)) FROM revenue_docs r
        WHERE r.customer_id = OLD.customer_id AND r.month = substr(OLD.doc_date, 1, 7) AND r.owner_id = coalesce(OLD.owner_id, '')
          AND r.channel = OLD.channel)
    WHERE customer_id = OLD.customer_id AND month = substr(OLD.doc_date, 1, 7) AND owner_id = coalesce(OLD.owner_id, '') AND channel = OLD.channel;
END;

-- The new contribution, added. The two update triggers are deltas, so the
-- order SQLite fires them in does not matter; the last date above is taken
-- from the documents as they are after the update.
CREATE TRIGGER revenue_doc_update_new AFTER UPDATE OF kind, status, doc_date, customer_id, owner_id, channel, net, rate_nominal, rate_e4, currency, deleted_at ON documents
WHEN NEW.kind IN ('invoice', 'credit_note') AND NEW.status IN ('posted', 'shipped') AND NEW.deleted_at IS NULL
BEGIN
    INSERT INTO sales_cm (customer_id, month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs, last_date)
    SELECT r.customer_id, r.month, r.owner_id, r.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, ''), c.lead_source,
           r.net_base, r.kind = 'invoice', 1, r.doc_date
    FROM revenue_docs r JOIN customers c ON c.id = r.customer_id WHERE r.id = NEW.id
    ON CONFLICT (customer_id, month, owner_id, channel) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + 1,
        last_date = CASE
            WHEN excluded.invoices = 1 AND invoices = 0 THEN excluded.last_date
            WHEN excluded.invoices = 0 AND invoices > 0 THEN last_date
            ELSE max(last_date, excluded.last_date) END;
END;

CREATE TRIGGER revenue_doc_delete AFTER DELETE ON documents
WHEN OLD.kind IN ('invoice', 'credit_note') AND OLD.status IN ('posted', 'shipped') AND OLD.deleted_at IS NULL
BEGIN
    SELECT RAISE(ABORT, 'posted invoices and credit notes are never deleted');
END;

-- A customer's region, segment, group or lead source moves its revenue
-- rows (and, through the triggers below, the cube's figures).
CREATE TRIGGER revenue_customer_dims AFTER UPDATE OF region_code, segment, group_id, lead_source ON customers
WHEN coalesce(OLD.region_code, '') <> coalesce(NEW.region_code, '') OR OLD.segment <> NEW.segment
  OR coalesce(OLD.group_id, '') <> coalesce(NEW.group_id, '') OR OLD.lead_source <> NEW.lead_source
BEGIN
    UPDATE sales_cm SET region_code = coalesce(NEW.region_code, ''), segment = NEW.segment, group_id = coalesce(NEW.group_id, ''),
        lead_source = NEW.lead_source
    WHERE customer_id = NEW.id;
END;

-- sales_cm → sales_cube, by deltas.
CREATE TRIGGER sales_cube_insert AFTER INSERT ON sales_cm
BEGIN
    INSERT INTO sales_cube (month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs)
    VALUES (NEW.month, NEW.owner_id, NEW.channel, NEW.region_code, NEW.segment, NEW.group_id, NEW.lead_source, NEW.net, NEW.invoices, NEW.docs)
    ON CONFLICT (month, owner_id, channel, region_code, segment, group_id, lead_source) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
END;
CREATE TRIGGER sales_cube_update AFTER UPDATE OF net, invoices, docs, region_code, segment, group_id, lead_source ON sales_cm
BEGIN
    UPDATE sales_cube SET net = net - OLD.net, invoices = invoices - OLD.invoices, docs = docs - OLD.docs
    WHERE month = OLD.month AND owner_id = OLD.owner_id AND channel = OLD.channel AND region_code = OLD.region_code
      AND segment = OLD.segment AND group_id = OLD.group_id AND lead_source = OLD.lead_source;
    DELETE FROM sales_cube
    WHERE month = OLD.month AND owner_id = OLD.owner_id AND channel = OLD.channel AND region_code = OLD.region_code
      AND segment = OLD.segment AND group_id = OLD.group_id AND lead_source = OLD.lead_source AND docs = 0;
    INSERT INTO sales_cube (month, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs)
    VALUES (NEW.month, NEW.owner_id, NEW.channel, NEW.region_code, NEW.segment, NEW.group_id, NEW.lead_source, NEW.net, NEW.invoices, NEW.docs)
    ON CONFLICT (month, owner_id, channel, region_code, segment, group_id, lead_source) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    DELETE FROM sales_cube
    WHERE month = NEW.month AND owner_id = NEW.owner_id AND channel = NEW.channel AND region_code = NEW.region_code
      AND segment = NEW.segment AND group_id = NEW.group_id AND lead_source = NEW.lead_source AND docs = 0;
END;
CREATE TRIGGER sales_cube_delete AFTER DELETE ON sales_cm
BEGIN
    UPDATE sales_cube SET net = net - OLD.net, invoices = invoices - OLD.invoices, docs = docs - OLD.docs
    WHERE month = OLD.month AND owner_id = OLD.owner_id AND channel = OLD.channel AND region_code = OLD.region_code
      AND segment = OLD.segment AND group_id = OLD.group_id AND lead_source = OLD.lead_source;
    DELETE FROM sales_cube
    WHERE month = OLD.month AND owner_id = OLD.owner_id AND channel = OLD.channel AND region_code = OLD.region_code
      AND segment = OLD.segment AND group_id = OLD.group_id AND lead_source = OLD.lead_source AND docs = 0;
END;

-- The cube summed by one dimension at a time, over all sellers (owner_id
-- '*') and per seller: the dashboard without filters, or filtered by
-- seller only (a seller's own dashboard), reads a few hundred rows.
-- dim: all (key ''), owner, channel, region, segment, group, source.
CREATE TABLE sales_dim (
    owner_id TEXT NOT NULL,
    dim      TEXT NOT NULL,
    key      TEXT NOT NULL,
    month    TEXT NOT NULL,
    net      INTEGER NOT NULL,
    invoices INTEGER NOT NULL,
    docs     INTEGER NOT NULL,
    PRIMARY KEY (owner_id, dim, month, key)
) STRICT, WITHOUT ROWID;
INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs)
SELECT '*', 'all', '', month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY month
UNION ALL SELECT '*', 'owner', owner_id, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, month
UNION ALL SELECT '*', 'channel', channel, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY channel, month
UNION ALL SELECT '*', 'region', region_code, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY region_code, month
UNION ALL SELECT '*', 'segment', segment, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY segment, month
UNION ALL SELECT '*', 'group', group_id, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY group_id, month
UNION ALL SELECT '*', 'source', lead_source, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY lead_source, month
UNION ALL SELECT owner_id, 'all', '', month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, month
UNION ALL SELECT owner_id, 'owner', owner_id, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, month
UNION ALL SELECT owner_id, 'channel', channel, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, channel, month
UNION ALL SELECT owner_id, 'region', region_code, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, region_code, month
UNION ALL SELECT owner_id, 'segment', segment, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, segment, month
UNION ALL SELECT owner_id, 'group', group_id, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, group_id, month
UNION ALL SELECT owner_id, 'source', lead_source, month, sum(net), sum(invoices), sum(docs) FROM sales_cube GROUP BY owner_id, lead_source, month;

-- sales_cube → sales_dim, by deltas (a cube row's key never changes).
CREATE TRIGGER sales_dim_insert AFTER INSERT ON sales_cube
BEGIN
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        ('*', 'all', '', NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'owner', NEW.owner_id, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'channel', NEW.channel, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'region', NEW.region_code, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'segment', NEW.segment, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'group', NEW.group_id, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        ('*', 'source', NEW.lead_source, NEW.month, NEW.net, NEW.invoices, NEW.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        (NEW.owner_id, 'all', '', NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'owner', NEW.owner_id, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'channel', NEW.channel, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'region', NEW.region_code, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'segment', NEW.segment, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'group', NEW.group_id, NEW.month, NEW.net, NEW.invoices, NEW.docs),
        (NEW.owner_id, 'source', NEW.lead_source, NEW.month, NEW.net, NEW.invoices, NEW.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
END;
CREATE TRIGGER sales_dim_update AFTER UPDATE OF net, invoices, docs ON sales_cube
BEGIN
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        ('*', 'all', '', NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'owner', NEW.owner_id, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'channel', NEW.channel, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'region', NEW.region_code, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'segment', NEW.segment, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'group', NEW.group_id, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        ('*', 'source', NEW.lead_source, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        (NEW.owner_id, 'all', '', NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'owner', NEW.owner_id, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'channel', NEW.channel, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'region', NEW.region_code, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'segment', NEW.segment, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'group', NEW.group_id, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs),
        (NEW.owner_id, 'source', NEW.lead_source, NEW.month, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    DELETE FROM sales_dim WHERE owner_id = '*' AND month = NEW.month AND docs = 0 AND ((dim = 'all' AND key = '') OR (dim = 'owner' AND key = NEW.owner_id) OR (dim = 'channel' AND key = NEW.channel) OR (dim = 'region' AND key = NEW.region_code) OR (dim = 'segment' AND key = NEW.segment) OR (dim = 'group' AND key = NEW.group_id) OR (dim = 'source' AND key = NEW.lead_source));
    DELETE FROM sales_dim WHERE owner_id = NEW.owner_id AND month = NEW.month AND docs = 0 AND ((dim = 'all' AND key = '') OR (dim = 'owner' AND key = NEW.owner_id) OR (dim = 'channel' AND key = NEW.channel) OR (dim = 'region' AND key = NEW.region_code) OR (dim = 'segment' AND key = NEW.segment) OR (dim = 'group' AND key = NEW.group_id) OR (dim = 'source' AND key = NEW.lead_source));
END;
CREATE TRIGGER sales_dim_delete AFTER DELETE ON sales_cube
BEGIN
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        ('*', 'all', '', OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'owner', OLD.owner_id, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'channel', OLD.channel, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'region', OLD.region_code, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'segment', OLD.segment, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'group', OLD.group_id, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        ('*', 'source', OLD.lead_source, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    INSERT INTO sales_dim (owner_id, dim, key, month, net, invoices, docs) VALUES
        (OLD.owner_id, 'all', '', OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'owner', OLD.owner_id, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'channel', OLD.channel, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'region', OLD.region_code, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'segment', OLD.segment, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'group', OLD.group_id, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs),
        (OLD.owner_id, 'source', OLD.lead_source, OLD.month, -OLD.net, -OLD.invoices, -OLD.docs)
    ON CONFLICT (owner_id, dim, month, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    DELETE FROM sales_dim WHERE owner_id = '*' AND month = OLD.month AND docs = 0 AND ((dim = 'all' AND key = '') OR (dim = 'owner' AND key = OLD.owner_id) OR (dim = 'channel' AND key = OLD.channel) OR (dim = 'region' AND key = OLD.region_code) OR (dim = 'segment' AND key = OLD.segment) OR (dim = 'group' AND key = OLD.group_id) OR (dim = 'source' AND key = OLD.lead_source));
    DELETE FROM sales_dim WHERE owner_id = OLD.owner_id AND month = OLD.month AND docs = 0 AND ((dim = 'all' AND key = '') OR (dim = 'owner' AND key = OLD.owner_id) OR (dim = 'channel' AND key = OLD.channel) OR (dim = 'region' AND key = OLD.region_code) OR (dim = 'segment' AND key = OLD.segment) OR (dim = 'group' AND key = OLD.group_id) OR (dim = 'source' AND key = OLD.lead_source));
END;

-- Filtered dashboards read the cube by the most selective filter.
CREATE INDEX sales_cube_owner ON sales_cube (owner_id, month, net, invoices);
CREATE INDEX sales_cube_region ON sales_cube (region_code, month, net, invoices);
CREATE INDEX sales_cube_segment ON sales_cube (segment, month, net, invoices);
CREATE INDEX sales_cube_group ON sales_cube (group_id, month, net, invoices);
CREATE INDEX sales_cube_channel ON sales_cube (channel, month, net, invoices);
CREATE INDEX sales_cm_owner ON sales_cm (owner_id, month, customer_id, net, invoices, channel, region_code, segment, group_id);

-- The funnel: each stage move counts as an entry into its target stage and
-- an exit from its source stage, with the time spent there. The deal's
-- pipeline and seller are copied onto its moves (owner_id NULL while the
-- deal is deleted: its moves do not count) and kept by the triggers below,
-- so the funnel of a period reads a few dozen rows of funnel_cube.
ALTER TABLE deal_stage_history ADD COLUMN owner_id TEXT;
ALTER TABLE deal_stage_history ADD COLUMN pipeline_id TEXT;
UPDATE deal_stage_history SET
    owner_id = (SELECT CASE WHEN dl.deleted_at IS NULL THEN dl.owner_id END FROM deals dl WHERE dl.id = deal_stage_history.deal_id),
    pipeline_id = (SELECT dl.pipeline_id FROM deals dl WHERE dl.id = deal_stage_history.deal_id);

CREATE VIEW funnel_moves AS
SELECT pipeline_id, owner_id, substr(at, 1, 7) AS month, to_stage_id AS stage_id, 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
FROM deal_stage_history WHERE owner_id IS NOT NULL
UNION ALL
SELECT pipeline_id, owner_id, substr(at, 1, 7), from_stage_id, 0, 1,
       CASE WHEN from_entered_at IS NOT NULL AND at > from_entered_at
            THEN CAST(round((julianday(at) - julianday(from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
       from_entered_at IS NOT NULL AND at > from_entered_at
FROM deal_stage_history WHERE owner_id IS NOT NULL AND from_stage_id IS NOT NULL;

-- timed: exits whose entry time is known (dwell_s sums their seconds).
CREATE TABLE funnel_cube (
    pipeline_id TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    month       TEXT NOT NULL, -- YYYY-MM of the move (UTC)
    stage_id    TEXT NOT NULL,
    entered     INTEGER NOT NULL,
    left_n      INTEGER NOT NULL,
    dwell_s     INTEGER NOT NULL,
    timed       INTEGER NOT NULL,
    PRIMARY KEY (pipeline_id, month, owner_id, stage_id)
) STRICT, WITHOUT ROWID;
INSERT INTO funnel_cube (pipeline_id, owner_id, month, stage_id, entered, left_n, dwell_s, timed)
SELECT pipeline_id, owner_id, month, stage_id, sum(entered), sum(left_n), sum(dwell_s), sum(timed)
FROM funnel_moves GROUP BY pipeline_id, owner_id, month, stage_id;

-- A move is written by the application without the copies; the trigger
-- fills them (and the entry time of the stage left), which counts it.
CREATE TRIGGER funnel_history_guard BEFORE INSERT ON deal_stage_history
WHEN NEW.owner_id IS NOT NULL OR NEW.pipeline_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'deal_stage_history.owner_id and pipeline_id are kept by triggers');
END;
CREATE TRIGGER funnel_history_insert AFTER INSERT ON deal_stage_history
BEGIN
    UPDATE deal_stage_history SET
        from_entered_at = coalesce(NEW.from_entered_at, CASE WHEN NEW.from_stage_id IS NOT NULL THEN (
            SELECT max(p.at) FROM deal_stage_history p
            WHERE p.deal_id = NEW.deal_id AND p.at <= NEW.at AND p.id <> NEW.id AND p.to_stage_id = NEW.from_stage_id) END),
        owner_id = (SELECT CASE WHEN dl.deleted_at IS NULL THEN dl.owner_id END FROM deals dl WHERE dl.id = NEW.deal_id),
        pipeline_id = (SELECT dl.pipeline_id FROM deals dl WHERE dl.id = NEW.deal_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER funnel_history_update AFTER UPDATE OF owner_id, pipeline_id, at, to_stage_id, from_stage_id, from_entered_at ON deal_stage_history
BEGIN
    INSERT INTO funnel_cube (pipeline_id, owner_id, month, stage_id, entered, left_n, dwell_s, timed)
    SELECT m.pipeline_id, m.owner_id, m.month, m.stage_id, -m.entered, -m.left_n, -m.dwell_s, -m.timed
    FROM (SELECT OLD.pipeline_id AS pipeline_id, OLD.owner_id AS owner_id, substr(OLD.at, 1, 7) AS month, OLD.to_stage_id AS stage_id,
                 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT OLD.pipeline_id, OLD.owner_id, substr(OLD.at, 1, 7), OLD.from_stage_id, 0, 1,
                 CASE WHEN OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
                      THEN CAST(round((julianday(OLD.at) - julianday(OLD.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
          WHERE OLD.from_stage_id IS NOT NULL) m
    WHERE OLD.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_cube WHERE pipeline_id = OLD.pipeline_id AND month = substr(OLD.at, 1, 7) AND owner_id = OLD.owner_id
        AND stage_id IN (OLD.to_stage_id, OLD.from_stage_id) AND entered = 0 AND left_n = 0;
    INSERT INTO funnel_cube (pipeline_id, owner_id, month, stage_id, entered, left_n, dwell_s, timed)
    SELECT m.pipeline_id, m.owner_id, m.month, m.stage_id, m.entered, m.left_n, m.dwell_s, m.timed
    FROM (SELECT NEW.pipeline_id AS pipeline_id, NEW.owner_id AS owner_id, substr(NEW.at, 1, 7) AS month, NEW.to_stage_id AS stage_id,
                 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT NEW.pipeline_id, NEW.owner_id, substr(NEW.at, 1, 7), NEW.from_stage_id, 0, 1,
                 CASE WHEN NEW.from_entered_at IS NOT NULL AND NEW.at > NEW.from_entered_at
                      THEN CAST(round((julianday(NEW.at) - julianday(NEW.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 NEW.from_entered_at IS NOT NULL AND NEW.at > NEW.from_entered_at
          WHERE NEW.from_stage_id IS NOT NULL) m
    WHERE NEW.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_cube WHERE pipeline_id = NEW.pipeline_id AND month = substr(NEW.at, 1, 7) AND owner_id = NEW.owner_id
        AND stage_id IN (NEW.to_stage_id, NEW.from_stage_id) AND entered = 0 AND left_n = 0;
END;
CREATE TRIGGER funnel_history_delete AFTER DELETE ON deal_stage_history
BEGIN
    INSERT INTO funnel_cube (pipeline_id, owner_id, month, stage_id, entered, left_n, dwell_s, timed)
    SELECT m.pipeline_id, m.owner_id, m.month, m.stage_id, -m.entered, -m.left_n, -m.dwell_s, -m.timed
    FROM (SELECT OLD.pipeline_id AS pipeline_id, OLD.owner_id AS owner_id, substr(OLD.at, 1, 7) AS month, OLD.to_stage_id AS stage_id,
                 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT OLD.pipeline_id, OLD.owner_id, substr(OLD.at, 1, 7), OLD.from_stage_id, 0, 1,
                 CASE WHEN OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
                      THEN CAST(round((julianday(OLD.at) - julianday(OLD.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
          WHERE OLD.from_stage_id IS NOT NULL) m
    WHERE OLD.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_cube WHERE pipeline_id = OLD.pipeline_id AND month = substr(OLD.at, 1, 7) AND owner_id = OLD.owner_id
        AND stage_id IN (OLD.to_stage_id, OLD.from_stage_id) AND entered = 0 AND left_n = 0;
END;
CREATE TRIGGER funnel_deal_copy AFTER UPDATE OF owner_id, pipeline_id, deleted_at ON deals
WHEN OLD.owner_id <> NEW.owner_id OR OLD.pipeline_id <> NEW.pipeline_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    UPDATE deal_stage_history SET owner_id = CASE WHEN NEW.deleted_at IS NULL THEN NEW.owner_id END, pipeline_id = NEW.pipeline_id
    WHERE deal_id = NEW.id;
END;

-- The funnel filtered by the customers' region, segment, group or channel
-- reads the moves of the period (with the deal for its customer).
CREATE INDEX deal_stage_history_funnel ON deal_stage_history (pipeline_id, at, owner_id, to_stage_id, from_stage_id, from_entered_at, deal_id);

-- Obligations carry their document's seller and channel (kept by
-- triggers), so overdue obligations filtered by either are counted from
-- one index without looking up a document per obligation.
ALTER TABLE obligations ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
ALTER TABLE obligations ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE obligations ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
ALTER TABLE obligations ADD COLUMN segment TEXT NOT NULL DEFAULT '';
ALTER TABLE obligations ADD COLUMN group_id TEXT NOT NULL DEFAULT '';
UPDATE obligations SET
    owner_id = coalesce((SELECT coalesce(d.owner_id, '') FROM documents d WHERE d.id = obligations.doc_id), ''),
    channel = coalesce((SELECT d.channel FROM documents d WHERE d.id = obligations.doc_id), '');
UPDATE obligations SET (region_code, segment, group_id) =
    (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = obligations.customer_id);
CREATE TRIGGER obligation_doc_copy AFTER INSERT ON obligations
BEGIN
    UPDATE obligations SET
        owner_id = coalesce((SELECT coalesce(d.owner_id, '') FROM documents d WHERE d.id = NEW.doc_id), ''),
        channel = coalesce((SELECT d.channel FROM documents d WHERE d.id = NEW.doc_id), '')
    WHERE rowid = NEW.rowid;
    UPDATE obligations SET (region_code, segment, group_id) =
        (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER obligation_customer_move AFTER UPDATE OF customer_id ON obligations
WHEN NEW.customer_id <> OLD.customer_id
BEGIN
    UPDATE obligations SET (region_code, segment, group_id) =
        (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE rowid = NEW.rowid;
END;

-- Invoices carry copies of their customer's region, segment and group
-- (kept by triggers) for the same reason: the receivables ageing filtered
-- by them reads documents_ageing alone.
ALTER TABLE documents ADD COLUMN cust_region TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN cust_segment TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN cust_group TEXT NOT NULL DEFAULT '';
UPDATE documents SET (cust_region, cust_segment, cust_group) =
    (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = documents.customer_id)
WHERE kind = 'invoice';
CREATE TRIGGER invoice_customer_copy AFTER INSERT ON documents
WHEN NEW.kind = 'invoice'
BEGIN
    UPDATE documents SET (cust_region, cust_segment, cust_group) =
        (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER invoice_customer_move AFTER UPDATE OF customer_id ON documents
WHEN NEW.kind = 'invoice' AND NEW.customer_id <> OLD.customer_id
BEGIN
    UPDATE documents SET (cust_region, cust_segment, cust_group) =
        (SELECT coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER customer_dims_copy AFTER UPDATE OF region_code, segment, group_id ON customers
WHEN coalesce(OLD.region_code, '') <> coalesce(NEW.region_code, '') OR OLD.segment <> NEW.segment
  OR coalesce(OLD.group_id, '') <> coalesce(NEW.group_id, '')
BEGIN
    UPDATE documents SET cust_region = coalesce(NEW.region_code, ''), cust_segment = NEW.segment, cust_group = coalesce(NEW.group_id, '')
    WHERE customer_id = NEW.id AND kind = 'invoice';
    UPDATE obligations SET region_code = coalesce(NEW.region_code, ''), segment = NEW.segment, group_id = coalesce(NEW.group_id, '')
    WHERE customer_id = NEW.id;
END;
-- Receivables ageing reads the open invoices from this index alone.
CREATE INDEX documents_ageing ON documents (due_date, doc_date, customer_id, owner_id, channel, cust_region, cust_segment, cust_group,
    gross, credited, paid, currency, rate_nominal, rate_e4, num)
    WHERE kind = 'invoice' AND status = 'posted' AND gross + credited - paid > 0 AND deleted_at IS NULL;
CREATE TRIGGER documents_obligation_copy AFTER UPDATE OF owner_id, channel ON documents
WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.channel <> NEW.channel
BEGIN
    UPDATE obligations SET owner_id = coalesce(NEW.owner_id, ''), channel = NEW.channel WHERE doc_id = NEW.id;
END;
CREATE INDEX obligations_overdue ON obligations (status, due, party, currency, amount, done, owner_id, channel, region_code, segment, group_id, customer_id, doc_id);
CREATE INDEX leads_created ON leads (created_at, source, status, owner_id) WHERE deleted_at IS NULL;

-- Monthly sales plans, net of VAT in the base currency: a seller's
-- (user_id) or the whole sales team's (user_id '').
CREATE TABLE sales_plans (
    user_id    TEXT NOT NULL,
    month      TEXT NOT NULL, -- YYYY-MM
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (user_id, month)
) STRICT, WITHOUT ROWID;

-- How a seller (user_id) or every user of a role earns commission from
-- valid_from on (model.CommissionRule). category_rates: JSON object
-- category id → bp; tiers: JSON array of {"from_bp", "factor_bp"}.
CREATE TABLE commission_rules (
    id             TEXT PRIMARY KEY,
    user_id        TEXT REFERENCES users (id),
    role           TEXT NOT NULL DEFAULT '',
    base_rate_bp   INTEGER NOT NULL CHECK (base_rate_bp BETWEEN 0 AND 10000),
    category_rates TEXT NOT NULL DEFAULT '{}',
    tiers          TEXT NOT NULL DEFAULT '[]',
    plan_bonus     INTEGER NOT NULL DEFAULT 0 CHECK (plan_bonus >= 0),
    valid_from     TEXT NOT NULL, -- YYYY-MM-DD
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at     TEXT,
    CHECK ((user_id IS NULL) <> (role = ''))
) STRICT;

-- A closed commission month: its calculations are stored below and never
-- change; payments and credit notes recorded later count in the next open
-- month (model.CommissionMonthOf).
CREATE TABLE commission_closings (
    month     TEXT PRIMARY KEY, -- YYYY-MM
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL REFERENCES users (id)
) STRICT;

CREATE TABLE commission_results (
    month         TEXT NOT NULL REFERENCES commission_closings (month),
    user_id       TEXT NOT NULL REFERENCES users (id),
    rule_id       TEXT NOT NULL DEFAULT '',
    plan          INTEGER NOT NULL,
    has_plan      INTEGER NOT NULL CHECK (has_plan IN (0, 1)),
    paid          INTEGER NOT NULL,
    credited      INTEGER NOT NULL,
    fulfilment_bp INTEGER NOT NULL,
    factor_bp     INTEGER NOT NULL,
    commission    INTEGER NOT NULL,
    bonus         INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    PRIMARY KEY (month, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE commission_entries (
    month          TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('payment', 'credit_note')),
    doc_id         TEXT NOT NULL,
    doc_number     TEXT NOT NULL,
    invoice_id     TEXT NOT NULL,
    invoice_number TEXT NOT NULL,
    customer_id    TEXT NOT NULL,
    customer_name  TEXT NOT NULL,
    date           TEXT NOT NULL,
    late           INTEGER NOT NULL CHECK (late IN (0, 1)),
    category_id    TEXT NOT NULL,
    base           INTEGER NOT NULL,
    rate_bp        INTEGER NOT NULL,
    factor_bp      INTEGER NOT NULL,
    commission     INTEGER NOT NULL,
    PRIMARY KEY (month, user_id, seq),
    FOREIGN KEY (month, user_id) REFERENCES commission_results (month, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX commission_entries_invoice ON commission_entries (user_id, invoice_id);
