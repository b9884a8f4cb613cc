-- Analytics, part three: deals carry copies of their customer's channel,
-- region, segment and group (kept by triggers, compared by `check`), so the
-- funnel, the pipeline and the lost reasons filtered by one of them read
-- the deals of the value from an index instead of building the set of a
-- third of a million customers for every figure (0.3–0.8 s per filtered
-- dashboard on the large demo with its 60,000 deals).
ALTER TABLE deals ADD COLUMN cust_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN cust_region TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN cust_segment TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN cust_group TEXT NOT NULL DEFAULT '';
UPDATE deals SET (cust_channel, cust_region, cust_segment, cust_group) =
    (SELECT c.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = deals.customer_id)
WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = deals.customer_id);

CREATE TRIGGER deal_customer_copy AFTER INSERT ON deals
BEGIN
    UPDATE deals SET (cust_channel, cust_region, cust_segment, cust_group) =
        (SELECT c.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id AND EXISTS (SELECT 1 FROM customers c WHERE c.id = NEW.customer_id);
END;
CREATE TRIGGER deal_customer_move AFTER UPDATE OF customer_id ON deals
WHEN NEW.customer_id <> OLD.customer_id
BEGIN
    UPDATE deals SET (cust_channel, cust_region, cust_segment, cust_group) =
        (SELECT c.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, '') FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id AND EXISTS (SELECT 1 FROM customers c WHERE c.id = NEW.customer_id);
END;
CREATE TRIGGER deal_customer_dims AFTER UPDATE OF channel, region_code, segment, group_id ON customers
WHEN OLD.channel <> NEW.channel OR coalesce(OLD.region_code, '') <> coalesce(NEW.region_code, '') OR OLD.segment <> NEW.segment
  OR coalesce(OLD.group_id, '') <> coalesce(NEW.group_id, '')
BEGIN
    UPDATE deals SET cust_channel = NEW.channel, cust_region = coalesce(NEW.region_code, ''), cust_segment = NEW.segment,
        cust_group = coalesce(NEW.group_id, '')
    WHERE customer_id = NEW.id;
END;

-- The trigger above finds a customer's deals, deleted ones too.
CREATE INDEX deals_customer_all ON deals (customer_id);
-- The deals of one value (the funnel's moves are limited to them).
CREATE INDEX deals_cust_channel ON deals (cust_channel, id);
CREATE INDEX deals_cust_region ON deals (cust_region, id);
CREATE INDEX deals_cust_segment ON deals (cust_segment, id);
CREATE INDEX deals_cust_group ON deals (cust_group, id);
-- The open deals by expected month, with everything the pipeline figure
-- filters by (was: a table lookup per open deal for deleted_at).
DROP INDEX deals_expected;
CREATE INDEX deals_expected ON deals (status, expected_close, amount_base, probability_bp, owner_id, deleted_at,
    cust_channel, cust_region, cust_segment, cust_group) WHERE status = 'open';

-- The funnel by one of those dimensions: stage moves carry copies of their
-- deal's (kept by the triggers below, from the deal's copies), and
-- funnel_slice counts them per value of each dimension like funnel_cube
-- (pipeline × value × seller × month × stage): entries, exits, seconds
-- spent, exits with a known entry time.
ALTER TABLE deal_stage_history ADD COLUMN cust_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE deal_stage_history ADD COLUMN cust_region TEXT NOT NULL DEFAULT '';
ALTER TABLE deal_stage_history ADD COLUMN cust_segment TEXT NOT NULL DEFAULT '';
ALTER TABLE deal_stage_history ADD COLUMN cust_group TEXT NOT NULL DEFAULT '';
UPDATE deal_stage_history SET (cust_channel, cust_region, cust_segment, cust_group) =
    (SELECT dl.cust_channel, dl.cust_region, dl.cust_segment, dl.cust_group FROM deals dl WHERE dl.id = deal_stage_history.deal_id)
WHERE EXISTS (SELECT 1 FROM deals dl WHERE dl.id = deal_stage_history.deal_id);

CREATE TRIGGER funnel_history_dims AFTER INSERT ON deal_stage_history
BEGIN
    UPDATE deal_stage_history SET (cust_channel, cust_region, cust_segment, cust_group) =
        (SELECT dl.cust_channel, dl.cust_region, dl.cust_segment, dl.cust_group FROM deals dl WHERE dl.id = NEW.deal_id)
    WHERE id = NEW.id AND EXISTS (SELECT 1 FROM deals dl WHERE dl.id = NEW.deal_id);
END;
CREATE TRIGGER funnel_deal_dims AFTER UPDATE OF cust_channel, cust_region, cust_segment, cust_group ON deals
BEGIN
    UPDATE deal_stage_history SET cust_channel = NEW.cust_channel, cust_region = NEW.cust_region, cust_segment = NEW.cust_segment,
        cust_group = NEW.cust_group
    WHERE deal_id = NEW.id;
END;

CREATE TABLE funnel_slice (
    pipeline_id TEXT NOT NULL,
    fdim        TEXT NOT NULL, -- channel, region, segment, group
    fkey        TEXT NOT NULL,
    month       TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    stage_id    TEXT NOT NULL,
    entered     INTEGER NOT NULL,
    left_n      INTEGER NOT NULL,
    dwell_s     INTEGER NOT NULL,
    timed       INTEGER NOT NULL,
    PRIMARY KEY (pipeline_id, fdim, fkey, month, owner_id, stage_id)
) STRICT, WITHOUT ROWID;

-- The moves with their copies, as funnel_moves counts them.
CREATE VIEW funnel_moves_dims AS
SELECT h.pipeline_id, h.owner_id, substr(h.at, 1, 7) AS month, h.to_stage_id AS stage_id, 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed,
       h.cust_channel, h.cust_region, h.cust_segment, h.cust_group
FROM deal_stage_history h WHERE h.owner_id IS NOT NULL
UNION ALL
SELECT h.pipeline_id, h.owner_id, substr(h.at, 1, 7), h.from_stage_id, 0, 1,
       CASE WHEN h.from_entered_at IS NOT NULL AND h.at > h.from_entered_at
            THEN CAST(round((julianday(h.at) - julianday(h.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
       h.from_entered_at IS NOT NULL AND h.at > h.from_entered_at,
       h.cust_channel, h.cust_region, h.cust_segment, h.cust_group
FROM deal_stage_history h WHERE h.owner_id IS NOT NULL AND h.from_stage_id IS NOT NULL;

INSERT INTO funnel_slice (pipeline_id, fdim, fkey, month, owner_id, stage_id, entered, left_n, dwell_s, timed)
SELECT m.pipeline_id, f.column1, CASE f.column1 WHEN 'channel' THEN m.cust_channel WHEN 'region' THEN m.cust_region
           WHEN 'segment' THEN m.cust_segment ELSE m.cust_group END,
       m.month, m.owner_id, m.stage_id, sum(m.entered), sum(m.left_n), sum(m.dwell_s), sum(m.timed)
FROM funnel_moves_dims m, (VALUES ('channel'), ('region'), ('segment'), ('group')) f
GROUP BY 1, 2, 3, 4, 5, 6;

-- A move's contribution out (OLD) and in (NEW) on every change of what it
-- counts with; a move is inserted uncounted (owner_id NULL until the copy
-- trigger fills it), so only updates and deletes count.
CREATE TRIGGER funnel_slice_update AFTER UPDATE OF owner_id, pipeline_id, at, to_stage_id, from_stage_id, from_entered_at,
    cust_channel, cust_region, cust_segment, cust_group ON deal_stage_history
BEGIN
    INSERT INTO funnel_slice (pipeline_id, fdim, fkey, month, owner_id, stage_id, entered, left_n, dwell_s, timed)
    SELECT OLD.pipeline_id, f.fdim, f.fkey, substr(OLD.at, 1, 7), OLD.owner_id, m.stage_id, -m.entered, -m.left_n, -m.dwell_s, -m.timed
    FROM (SELECT OLD.to_stage_id AS stage_id, 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT OLD.from_stage_id, 0, 1,
                 CASE WHEN OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
                      THEN CAST(round((julianday(OLD.at) - julianday(OLD.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
          WHERE OLD.from_stage_id IS NOT NULL) m,
         (SELECT 'channel' AS fdim, OLD.cust_channel AS fkey UNION ALL SELECT 'region', OLD.cust_region
          UNION ALL SELECT 'segment', OLD.cust_segment UNION ALL SELECT 'group', OLD.cust_group) f
    WHERE OLD.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, fdim, fkey, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_slice WHERE pipeline_id = OLD.pipeline_id AND month = substr(OLD.at, 1, 7) AND owner_id = OLD.owner_id
        AND stage_id IN (OLD.to_stage_id, OLD.from_stage_id) AND entered = 0 AND left_n = 0
        AND (fdim, fkey) IN (SELECT 'channel', OLD.cust_channel UNION ALL SELECT 'region', OLD.cust_region
                             UNION ALL SELECT 'segment', OLD.cust_segment UNION ALL SELECT 'group', OLD.cust_group);
    INSERT INTO funnel_slice (pipeline_id, fdim, fkey, month, owner_id, stage_id, entered, left_n, dwell_s, timed)
    SELECT NEW.pipeline_id, f.fdim, f.fkey, substr(NEW.at, 1, 7), NEW.owner_id, m.stage_id, m.entered, m.left_n, m.dwell_s, m.timed
    FROM (SELECT NEW.to_stage_id AS stage_id, 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT NEW.from_stage_id, 0, 1,
                 CASE WHEN NEW.from_entered_at IS NOT NULL AND NEW.at > NEW.from_entered_at
                      THEN CAST(round((julianday(NEW.at) - julianday(NEW.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 NEW.from_entered_at IS NOT NULL AND NEW.at > NEW.from_entered_at
          WHERE NEW.from_stage_id IS NOT NULL) m,
         (SELECT 'channel' AS fdim, NEW.cust_channel AS fkey UNION ALL SELECT 'region', NEW.cust_region
          UNION ALL SELECT 'segment', NEW.cust_segment UNION ALL SELECT 'group', NEW.cust_group) f
    WHERE NEW.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, fdim, fkey, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_slice WHERE pipeline_id = NEW.pipeline_id AND month = substr(NEW.at, 1, 7) AND owner_id = NEW.owner_id
        AND stage_id IN (NEW.to_stage_id, NEW.from_stage_id) AND entered = 0 AND left_n = 0
        AND (fdim, fkey) IN (SELECT 'channel', NEW.cust_channel UNION ALL SELECT 'region', NEW.cust_region
                             UNION ALL SELECT 'segment', NEW.cust_segment UNION ALL SELECT 'group', NEW.cust_group);
END;
CREATE TRIGGER funnel_slice_delete AFTER DELETE ON deal_stage_history
BEGIN
    INSERT INTO funnel_slice (pipeline_id, fdim, fkey, month, owner_id, stage_id, entered, left_n, dwell_s, timed)
    SELECT OLD.pipeline_id, f.fdim, f.fkey, substr(OLD.at, 1, 7), OLD.owner_id, m.stage_id, -m.entered, -m.left_n, -m.dwell_s, -m.timed
    FROM (SELECT OLD.to_stage_id AS stage_id, 1 AS entered, 0 AS left_n, 0 AS dwell_s, 0 AS timed
          UNION ALL
          SELECT OLD.from_stage_id, 0, 1,
                 CASE WHEN OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
                      THEN CAST(round((julianday(OLD.at) - julianday(OLD.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END,
                 OLD.from_entered_at IS NOT NULL AND OLD.at > OLD.from_entered_at
          WHERE OLD.from_stage_id IS NOT NULL) m,
         (SELECT 'channel' AS fdim, OLD.cust_channel AS fkey UNION ALL SELECT 'region', OLD.cust_region
          UNION ALL SELECT 'segment', OLD.cust_segment UNION ALL SELECT 'group', OLD.cust_group) f
    WHERE OLD.owner_id IS NOT NULL AND true
    ON CONFLICT (pipeline_id, fdim, fkey, month, owner_id, stage_id) DO UPDATE SET
        entered = entered + excluded.entered, left_n = left_n + excluded.left_n, dwell_s = dwell_s + excluded.dwell_s,
        timed = timed + excluded.timed;
    DELETE FROM funnel_slice WHERE pipeline_id = OLD.pipeline_id AND month = substr(OLD.at, 1, 7) AND owner_id = OLD.owner_id
        AND stage_id IN (OLD.to_stage_id, OLD.from_stage_id) AND entered = 0 AND left_n = 0
        AND (fdim, fkey) IN (SELECT 'channel', OLD.cust_channel UNION ALL SELECT 'region', OLD.cust_region
                             UNION ALL SELECT 'segment', OLD.cust_segment UNION ALL SELECT 'group', OLD.cust_group);
END;

-- The deals won and lost in a period with their lost reasons, read from
-- the index alone under any filter (was: a table lookup per closed deal,
-- 40 ms for a year of the large demo).
CREATE INDEX deals_closed_funnel ON deals (pipeline_id, status, closed_at, lost_reason, amount_base, owner_id,
    cust_channel, cust_region, cust_segment, cust_group, deleted_at) WHERE deleted_at IS NULL;
