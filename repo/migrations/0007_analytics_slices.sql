-- Analytics, part two: the dashboard filtered by one customer or document
-- dimension (a channel, region, segment or group) reads a few thousand
-- prepared rows instead of summing tens of thousands of cube rows seven
-- times (a channel or segment holding a quarter of the sales cost
-- 100–250 ms), and top customers are found without grouping every
-- customer of the period.

-- The cube summed per value of one filter dimension (fdim: channel,
-- region, segment, group; fkey: its value) by one output dimension at a
-- time (dim: all with key '', owner, channel, region, segment, group,
-- source), per month. Kept from sales_cube by the triggers below.
CREATE TABLE sales_slice (
    fdim     TEXT NOT NULL,
    fkey     TEXT NOT NULL,
    month    TEXT NOT NULL,
    dim      TEXT NOT NULL,
    key      TEXT NOT NULL,
    net      INTEGER NOT NULL,
    invoices INTEGER NOT NULL,
    docs     INTEGER NOT NULL,
    PRIMARY KEY (fdim, fkey, month, dim, key)
) STRICT, WITHOUT ROWID;

INSERT INTO sales_slice (fdim, fkey, month, dim, key, net, invoices, docs)
SELECT f.column1, CASE f.column1 WHEN 'channel' THEN c.channel WHEN 'region' THEN c.region_code WHEN 'segment' THEN c.segment ELSE c.group_id END,
       c.month, d.column1,
       CASE d.column1 WHEN 'all' THEN '' WHEN 'owner' THEN c.owner_id WHEN 'channel' THEN c.channel WHEN 'region' THEN c.region_code
            WHEN 'segment' THEN c.segment WHEN 'group' THEN c.group_id ELSE c.lead_source END,
       sum(c.net), sum(c.invoices), sum(c.docs)
FROM sales_cube c,
     (VALUES ('channel'), ('region'), ('segment'), ('group')) f,
     (VALUES ('all'), ('owner'), ('channel'), ('region'), ('segment'), ('group'), ('source')) d
GROUP BY 1, 2, 3, 4, 5;

-- (The value lists below are UNION ALL selects: a VALUES list naming NEW
-- or OLD is refused when SQLite reads the schema back.)
-- sales_cube → sales_slice, by deltas (a cube row's key never changes):
-- each cube row counts in 4 × 7 slice rows; a row whose documents are all
-- gone is deleted.
CREATE TRIGGER sales_slice_insert AFTER INSERT ON sales_cube
BEGIN
    INSERT INTO sales_slice (fdim, fkey, month, dim, key, net, invoices, docs)
    SELECT f.fdim, f.fkey, NEW.month, d.dim, d.key, NEW.net, NEW.invoices, NEW.docs
    FROM (SELECT 'channel' AS fdim, NEW.channel AS fkey UNION ALL SELECT 'region', NEW.region_code UNION ALL SELECT 'segment', NEW.segment UNION ALL SELECT 'group', NEW.group_id) f,
         (SELECT 'all' AS dim, '' AS key UNION ALL SELECT 'owner', NEW.owner_id UNION ALL SELECT 'channel', NEW.channel UNION ALL SELECT 'region', NEW.region_code
          UNION ALL SELECT 'segment', NEW.segment UNION ALL SELECT 'group', NEW.group_id UNION ALL SELECT 'source', NEW.lead_source) d
    WHERE true
    ON CONFLICT (fdim, fkey, month, dim, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
END;
CREATE TRIGGER sales_slice_update AFTER UPDATE OF net, invoices, docs ON sales_cube
BEGIN
    INSERT INTO sales_slice (fdim, fkey, month, dim, key, net, invoices, docs)
    SELECT f.fdim, f.fkey, NEW.month, d.dim, d.key, NEW.net - OLD.net, NEW.invoices - OLD.invoices, NEW.docs - OLD.docs
    FROM (SELECT 'channel' AS fdim, NEW.channel AS fkey UNION ALL SELECT 'region', NEW.region_code UNION ALL SELECT 'segment', NEW.segment UNION ALL SELECT 'group', NEW.group_id) f,
         (SELECT 'all' AS dim, '' AS key UNION ALL SELECT 'owner', NEW.owner_id UNION ALL SELECT 'channel', NEW.channel UNION ALL SELECT 'region', NEW.region_code
          UNION ALL SELECT 'segment', NEW.segment UNION ALL SELECT 'group', NEW.group_id UNION ALL SELECT 'source', NEW.lead_source) d
    WHERE true
    ON CONFLICT (fdim, fkey, month, dim, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    DELETE FROM sales_slice WHERE month = NEW.month AND docs = 0
        AND (fdim, fkey) IN (SELECT 'channel', NEW.channel UNION ALL SELECT 'region', NEW.region_code UNION ALL SELECT 'segment', NEW.segment UNION ALL SELECT 'group', NEW.group_id);
END;
CREATE TRIGGER sales_slice_delete AFTER DELETE ON sales_cube
BEGIN
    INSERT INTO sales_slice (fdim, fkey, month, dim, key, net, invoices, docs)
    SELECT f.fdim, f.fkey, OLD.month, d.dim, d.key, -OLD.net, -OLD.invoices, -OLD.docs
    FROM (SELECT 'channel' AS fdim, OLD.channel AS fkey UNION ALL SELECT 'region', OLD.region_code UNION ALL SELECT 'segment', OLD.segment UNION ALL SELECT 'group', OLD.group_id) f,
         (SELECT 'all' AS dim, '' AS key UNION ALL SELECT 'owner', OLD.owner_id UNION ALL SELECT 'channel', OLD.channel UNION ALL SELECT 'region', OLD.region_code
          UNION ALL SELECT 'segment', OLD.segment UNION ALL SELECT 'group', OLD.group_id UNION ALL SELECT 'source', OLD.lead_source) d
    WHERE true
    ON CONFLICT (fdim, fkey, month, dim, key) DO UPDATE SET
        net = net + excluded.net, invoices = invoices + excluded.invoices, docs = docs + excluded.docs;
    DELETE FROM sales_slice WHERE month = OLD.month AND docs = 0
        AND (fdim, fkey) IN (SELECT 'channel', OLD.channel UNION ALL SELECT 'region', OLD.region_code UNION ALL SELECT 'segment', OLD.segment UNION ALL SELECT 'group', OLD.group_id);
END;

-- Per customer, the sum of the positive parts of its sales_cm rows: no
-- filter or period can give the customer more revenue than this. Top
-- customers walk this order and stop once the tenth best found beats the
-- bound of every customer not yet looked at. A customer whose bound is 0
-- has no row.
CREATE TABLE sales_bound (
    customer_id TEXT NOT NULL PRIMARY KEY,
    bound       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sales_bound_order ON sales_bound (bound, customer_id);

INSERT INTO sales_bound (customer_id, bound)
SELECT customer_id, sum(max(net, 0)) FROM sales_cm GROUP BY customer_id HAVING sum(max(net, 0)) > 0;

CREATE TRIGGER sales_bound_insert AFTER INSERT ON sales_cm
WHEN NEW.net > 0
BEGIN
    INSERT INTO sales_bound (customer_id, bound) VALUES (NEW.customer_id, NEW.net)
    ON CONFLICT (customer_id) DO UPDATE SET bound = bound + excluded.bound;
END;
CREATE TRIGGER sales_bound_update AFTER UPDATE OF customer_id, net ON sales_cm
WHEN max(NEW.net, 0) <> max(OLD.net, 0) OR NEW.customer_id <> OLD.customer_id
BEGIN
    UPDATE sales_bound SET bound = bound - max(OLD.net, 0) WHERE customer_id = OLD.customer_id;
    DELETE FROM sales_bound WHERE customer_id = OLD.customer_id AND bound = 0;
    INSERT INTO sales_bound (customer_id, bound) SELECT NEW.customer_id, NEW.net WHERE NEW.net > 0
    ON CONFLICT (customer_id) DO UPDATE SET bound = bound + excluded.bound;
END;
CREATE TRIGGER sales_bound_delete AFTER DELETE ON sales_cm
WHEN OLD.net > 0
BEGIN
    UPDATE sales_bound SET bound = bound - OLD.net WHERE customer_id = OLD.customer_id;
    DELETE FROM sales_bound WHERE customer_id = OLD.customer_id AND bound = 0;
END;
