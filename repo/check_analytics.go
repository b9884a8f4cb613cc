package repo

import "strings"

// The analytics summary tables (migration 0006) are kept by triggers in the
// transactions that change their sources. check recomputes each from its
// source rows and reports every row that differs either way, so a summary
// that ever drifted from the documents or the stage history is found.

// summaryCompare reports the rows of stored not in recomputed and the other
// way round; both are SELECTs of the same columns, the first two of which
// (named k1 and k2 in both) name the row.
func summaryCompare(table, stored, recomputed string) string {
	return `WITH st AS (` + stored + `), rc AS (` + recomputed + `)
	SELECT '` + table + ` ' || k1 || ' ' || k2, 'stored row differs from its source rows' FROM (SELECT * FROM st EXCEPT SELECT * FROM rc)
	UNION ALL
	SELECT '` + table + ` ' || k1 || ' ' || k2, 'row missing: its source rows are not counted' FROM (SELECT * FROM rc EXCEPT SELECT * FROM st)
	LIMIT 100`
}

// salesDimRecompute is sales_dim recomputed from sales_cube (which is itself
// checked against the documents).
func salesDimRecompute() string {
	dims := [][2]string{{"all", "''"}, {"owner", "owner_id"}, {"channel", "channel"}, {"region", "region_code"},
		{"segment", "segment"}, {"group", "group_id"}, {"source", "lead_source"}}
	var parts []string
	for _, d := range dims {
		parts = append(parts,
			`SELECT '*' || '/' || '`+d[0]+`' AS k1, `+d[1]+` || '/' || month AS k2, '*' AS o, '`+d[0]+`' AS dim, `+d[1]+` AS key, month, sum(net) AS net, sum(invoices) AS inv, sum(docs) AS docs
			 FROM sales_cube GROUP BY `+d[1]+`, month`,
			`SELECT owner_id || '/' || '`+d[0]+`', `+d[1]+` || '/' || month, owner_id, '`+d[0]+`', `+d[1]+`, month, sum(net), sum(invoices), sum(docs)
			 FROM sales_cube GROUP BY owner_id, `+d[1]+`, month`)
	}
	return strings.Join(parts, " UNION ALL ")
}

// salesSliceRecompute is sales_slice recomputed from sales_cube: for each
// filter dimension and each output dimension, the cube grouped by both.
func salesSliceRecompute() string {
	filters := [][2]string{{"channel", "channel"}, {"region", "region_code"}, {"segment", "segment"}, {"group", "group_id"}}
	dims := [][2]string{{"all", "''"}, {"owner", "owner_id"}, {"channel", "channel"}, {"region", "region_code"},
		{"segment", "segment"}, {"group", "group_id"}, {"source", "lead_source"}}
	var parts []string
	for _, f := range filters {
		for _, d := range dims {
			parts = append(parts, `SELECT '`+f[0]+`/' || `+f[1]+` AS k1, '`+d[0]+`/' || `+d[1]+` || '/' || month AS k2,
				sum(net) AS net, sum(invoices) AS inv, sum(docs) AS docs FROM sales_cube GROUP BY `+f[1]+`, `+d[1]+`, month`)
		}
	}
	return strings.Join(parts, " UNION ALL ")
}

// funnelSliceRecompute is funnel_slice recomputed from the moves.
func funnelSliceRecompute() string {
	var parts []string
	for _, f := range [][2]string{{"channel", "cust_channel"}, {"region", "cust_region"}, {"segment", "cust_segment"}, {"group", "cust_group"}} {
		parts = append(parts, `SELECT pipeline_id || '/`+f[0]+`/' || `+f[1]+` AS k1, month || '/' || owner_id || '/' || stage_id AS k2,
			sum(entered), sum(left_n), sum(dwell_s), sum(timed) FROM funnel_moves_dims GROUP BY pipeline_id, `+f[1]+`, month, owner_id, stage_id`)
	}
	return strings.Join(parts, " UNION ALL ")
}

var summaryInvariants = []struct{ name, query string }{
	{"sales_cm", summaryCompare("sales_cm",
		`SELECT customer_id AS k1, month AS k2, owner_id, channel, region_code, segment, group_id, lead_source, net, invoices, docs, last_date FROM sales_cm`,
		`SELECT r.customer_id AS k1, r.month AS k2, r.owner_id, r.channel, coalesce(c.region_code, ''), c.segment, coalesce(c.group_id, ''), c.lead_source,
			sum(r.net_base), sum(r.kind = 'invoice'), count(*), coalesce(max(CASE WHEN r.kind = 'invoice' THEN r.doc_date END), max(r.doc_date))
		 FROM revenue_docs r JOIN customers c ON c.id = r.customer_id GROUP BY r.customer_id, r.month, r.owner_id, r.channel`)},
	{"sales_cube", summaryCompare("sales_cube",
		`SELECT month AS k1, owner_id || '/' || channel || '/' || region_code || '/' || segment || '/' || group_id || '/' || lead_source AS k2,
			net, invoices, docs FROM sales_cube`,
		`SELECT month AS k1, owner_id || '/' || channel || '/' || region_code || '/' || segment || '/' || group_id || '/' || lead_source AS k2,
			sum(net), sum(invoices), sum(docs) FROM sales_cm GROUP BY month, owner_id, channel, region_code, segment, group_id, lead_source`)},
	{"sales_dim", summaryCompare("sales_dim",
		`SELECT owner_id || '/' || dim AS k1, key || '/' || month AS k2, owner_id, dim, key, month, net, invoices, docs FROM sales_dim`,
		salesDimRecompute())},
	{"sales_slice", summaryCompare("sales_slice",
		`SELECT fdim || '/' || fkey AS k1, dim || '/' || key || '/' || month AS k2, net, invoices, docs FROM sales_slice`,
		salesSliceRecompute())},
	{"sales_bound", summaryCompare("sales_bound",
		`SELECT customer_id AS k1, '' AS k2, bound FROM sales_bound`,
		`SELECT customer_id AS k1, '' AS k2, sum(max(net, 0)) FROM sales_cm GROUP BY customer_id HAVING sum(max(net, 0)) > 0`)},
	{"funnel_cube", summaryCompare("funnel_cube",
		`SELECT pipeline_id || '/' || month AS k1, owner_id || '/' || stage_id AS k2, entered, left_n, dwell_s, timed FROM funnel_cube`,
		`SELECT pipeline_id || '/' || month AS k1, owner_id || '/' || stage_id AS k2, sum(entered), sum(left_n), sum(dwell_s), sum(timed)
		 FROM funnel_moves GROUP BY pipeline_id, owner_id, month, stage_id`)},
	{"obligations", `SELECT 'obligation ' || o.id, 'its copy of the document''s seller or channel differs from the document'
		FROM obligations o JOIN documents d ON d.id = o.doc_id
		WHERE o.owner_id <> coalesce(d.owner_id, '') OR o.channel <> d.channel LIMIT 100`},
	{"documents", `SELECT 'invoice ' || coalesce(d.number, d.id), 'its copy of the customer''s region, segment or group differs from the customer'
		FROM documents d JOIN customers c ON c.id = d.customer_id
		WHERE d.kind = 'invoice' AND (d.cust_region <> coalesce(c.region_code, '') OR d.cust_segment <> c.segment OR d.cust_group <> coalesce(c.group_id, ''))
		LIMIT 100`},
	{"obligations", `SELECT 'obligation ' || o.id, 'its copy of the customer''s region, segment or group differs from the customer'
		FROM obligations o JOIN customers c ON c.id = o.customer_id
		WHERE o.region_code <> coalesce(c.region_code, '') OR o.segment <> c.segment OR o.group_id <> coalesce(c.group_id, '') LIMIT 100`},
	{"deals", `SELECT 'deal ' || dl.id, 'its copy of the customer''s channel, region, segment or group differs from the customer'
		FROM deals dl JOIN customers c ON c.id = dl.customer_id
		WHERE dl.cust_channel <> c.channel OR dl.cust_region <> coalesce(c.region_code, '') OR dl.cust_segment <> c.segment
		   OR dl.cust_group <> coalesce(c.group_id, '') LIMIT 100`},
	{"funnel_slice", summaryCompare("funnel_slice",
		`SELECT pipeline_id || '/' || fdim || '/' || fkey AS k1, month || '/' || owner_id || '/' || stage_id AS k2, entered, left_n, dwell_s, timed
		 FROM funnel_slice`,
		funnelSliceRecompute())},
	{"deal_stage_history", `SELECT 'stage move ' || h.id, 'its copy of the deal''s customer channel, region, segment or group differs from the deal'
		FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
		WHERE h.cust_channel <> d.cust_channel OR h.cust_region <> d.cust_region OR h.cust_segment <> d.cust_segment
		   OR h.cust_group <> d.cust_group LIMIT 100`},
	{"deal_stage_history", `SELECT 'stage move ' || h.id, 'its copy of the deal''s seller or pipeline differs from the deal'
		FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
		WHERE h.pipeline_id IS NOT d.pipeline_id OR h.owner_id IS NOT (CASE WHEN d.deleted_at IS NULL THEN d.owner_id END) LIMIT 100`},
}

func init() { invariants = append(invariants, summaryInvariants...) }
