package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sdelka/model"
)

// Cross-selling (PipelineService): RefreshCrossSell counts, over every
// posted order, how many orders hold each product and each pair of
// products (model.CrossCounter) and stores each product's 50 most frequent
// companions seen together at least twice; CrossSell reads the stored
// companions of a deal's products and ranks them (model.Suggest).

// crossSellKey is the app_meta entry describing the stored statistics.
const crossSellKey = "crosssell_info"

// Cross-sell statistics parameters: companions kept per product, and the
// fewest orders a pair must share to be kept.
const (
	crossSellPerProduct  = 50
	crossSellMinTogether = 2
)

// crossSellMeta is the app_meta value (JSON).
type crossSellMeta struct {
	Orders     int    `json:"orders"`
	Products   int    `json:"products"`
	Pairs      int    `json:"pairs"`
	ComputedAt string `json:"computed_at"`
	Millis     int64  `json:"millis"` // how long the computation took
}

func loadCrossSellInfo(ctx context.Context, q queryer) (model.CrossSellInfo, error) {
	var js string
	err := q.QueryRowContext(ctx, `SELECT value FROM app_meta WHERE key = ?`, crossSellKey).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return model.CrossSellInfo{}, nil
	}
	if err != nil {
		return model.CrossSellInfo{}, fmt.Errorf("cross-sell statistics: %w", mapErr(err))
	}
	var m crossSellMeta
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		return model.CrossSellInfo{}, fmt.Errorf("cross-sell statistics %q: %w", js, model.ErrDamaged)
	}
	return model.CrossSellInfo{Orders: m.Orders, Products: m.Products, Pairs: m.Pairs,
		ComputedAt: parseTS(sql.NullString{String: m.ComputedAt, Valid: true})}, nil
}

// basketBatch is a run of baskets passed from the reader to the counter:
// the products of all of them in ids, basket i ending at ends[i].
type basketBatch struct {
	ids  []string
	ends []int
}

// countBaskets feeds the products of every posted, not cancelled order to a
// CrossCounter, one order at a time. The rows come in document order from
// the documents_kind index and the lines' primary key, so nothing is
// sorted; product IDs are interned so that millions of lines keep one
// string per product. Reading (SQLite) and counting (maps) take about the
// same time, so they run side by side: this goroutine reads batches of
// baskets, another counts them.
func countBaskets(ctx context.Context, q queryer) (*model.CrossCounter, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.num, l.product_id FROM documents d JOIN document_lines l ON l.doc_id = d.id
		WHERE d.kind = 'order' AND d.status IN ('posted', 'shipped') AND d.deleted_at IS NULL AND l.product_id IS NOT NULL
		ORDER BY d.num`)
	if err != nil {
		return nil, fmt.Errorf("cross-sell orders: %w", mapErr(err))
	}
	defer rows.Close()
	const batchBaskets = 2048
	cc := model.NewCrossCounter()
	full, free := make(chan *basketBatch, 4), make(chan *basketBatch, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			start := 0
			for _, end := range b.ends {
				cc.Add(b.ids[start:end])
				start = end
			}
			b.ids, b.ends = b.ids[:0], b.ends[:0]
			select {
			case free <- b:
			default:
			}
		}
	}()
	next := func() *basketBatch {
		select {
		case b := <-free:
			return b
		default:
			return &basketBatch{}
		}
	}
	intern := map[string]string{}
	b := next()
	cur := int64(-1)
	var num int64
	var raw sql.RawBytes // reused: Scan copies into it
	for rows.Next() {
		if err = rows.Scan(&num, &raw); err != nil {
			break
		}
		if num != cur && len(b.ids) > 0 {
			b.ends = append(b.ends, len(b.ids))
			if len(b.ends) == batchBaskets {
				full <- b
				b = next()
			}
		}
		cur = num
		id, ok := intern[string(raw)]
		if !ok {
			id = string(raw)
			intern[id] = id
		}
		b.ids = append(b.ids, id)
	}
	if len(b.ids) > 0 && (len(b.ends) == 0 || b.ends[len(b.ends)-1] != len(b.ids)) {
		b.ends = append(b.ends, len(b.ids))
	}
	full <- b
	close(full)
	<-done
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("cross-sell orders: %w", mapErr(err))
	}
	return cc, nil
}

// RefreshCrossSell implements model.PipelineService: the orders are read in
// one read transaction, then the statistics replaced in one write
// transaction (with the count and the time in app_meta and an audit entry).
func (ss *Session) RefreshCrossSell(ctx context.Context) (model.CrossSellInfo, error) {
	if _, err := ss.reader(ctx, model.EntityDeal); err != nil {
		return model.CrossSellInfo{}, fmt.Errorf("cross-sell statistics: %w", err)
	}
	start := time.Now()
	rtx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return model.CrossSellInfo{}, mapErr(err)
	}
	cc, err := countBaskets(ctx, rtx)
	rtx.Rollback()
	if err != nil {
		return model.CrossSellInfo{}, err
	}
	st := cc.Stats(crossSellPerProduct, crossSellMinTogether)
	var info model.CrossSellInfo
	err = ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDeal, model.ActRead)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM crosssell_pairs`, `DELETE FROM crosssell_items`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("cross-sell statistics: %w", err)
			}
		}
		if err := insertCrossSell(ctx, tx, st); err != nil {
			return err
		}
		now := ss.s.now()
		meta := crossSellMeta{Orders: st.Orders, Products: len(st.Items), Pairs: len(st.Pairs), ComputedAt: ts(now),
			Millis: time.Since(start).Milliseconds()}
		js, _ := json.Marshal(meta)
		if _, err := tx.ExecContext(ctx, `INSERT INTO app_meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, crossSellKey, string(js)); err != nil {
			return fmt.Errorf("cross-sell statistics: %w", err)
		}
		info = model.CrossSellInfo{Orders: meta.Orders, Products: meta.Products, Pairs: meta.Pairs, ComputedAt: parseTS(sql.NullString{String: ts(now), Valid: true})}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntitySettings, crossSellKey, []model.Change{
			{Field: "orders", New: strconv.Itoa(meta.Orders)}, {Field: "products", New: strconv.Itoa(meta.Products)},
			{Field: "pairs", New: strconv.Itoa(meta.Pairs)}})
	})
	return info, err
}

func insertCrossSell(ctx context.Context, tx *sql.Tx, st model.CrossStats) error {
	items, err := tx.PrepareContext(ctx, `INSERT INTO crosssell_items (product_id, orders) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer items.Close()
	for id, n := range st.Items {
		if _, err := items.ExecContext(ctx, id, n); err != nil {
			return fmt.Errorf("cross-sell statistics: %w", err)
		}
	}
	pairs, err := tx.PrepareContext(ctx, `INSERT INTO crosssell_pairs (product_id, other_id, together) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer pairs.Close()
	for _, p := range st.Pairs {
		if _, err := pairs.ExecContext(ctx, p.Product, p.Other, p.Together); err != nil {
			return fmt.Errorf("cross-sell statistics: %w", err)
		}
	}
	return nil
}

// CrossSell implements model.PipelineService: the deal (as FindDealByID
// shows it to the caller) gives its products; their stored companions and
// the order counts, read in one snapshot, go to model.Suggest; inactive or
// deleted products are left out.
func (ss *Session) CrossSell(ctx context.Context, dealID string, limit int) ([]model.Suggestion, model.CrossSellInfo, error) {
	d, err := ss.FindDealByID(ctx, dealID)
	if err != nil {
		return nil, model.CrossSellInfo{}, err
	}
	var products []string
	seen := map[string]bool{}
	for _, l := range d.Lines {
		if l.ProductID != "" && !seen[l.ProductID] {
			seen[l.ProductID] = true
			products = append(products, l.ProductID)
		}
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, model.CrossSellInfo{}, mapErr(err)
	}
	defer tx.Rollback()
	info, err := loadCrossSellInfo(ctx, tx)
	if err != nil || len(products) == 0 || info.Orders == 0 {
		return nil, info, err
	}
	pj, _ := json.Marshal(products)
	pairs, err := queryAll(ctx, tx, "cross-sell pairs", `SELECT product_id, other_id, together FROM crosssell_pairs
		WHERE product_id IN (SELECT value FROM json_each(?))`, func(sc scanner) (model.CrossPair, error) {
		var p model.CrossPair
		return p, sc.Scan(&p.Product, &p.Other, &p.Together)
	}, string(pj))
	if err != nil {
		return nil, info, err
	}
	ids := append([]string(nil), products...)
	for _, p := range pairs {
		if !seen[p.Other] {
			seen[p.Other] = true
			ids = append(ids, p.Other)
		}
	}
	ij, _ := json.Marshal(ids)
	items := make(map[string]int, len(ids))
	rows, err := tx.QueryContext(ctx, `SELECT product_id, orders FROM crosssell_items WHERE product_id IN (SELECT value FROM json_each(?))`, string(ij))
	if err != nil {
		return nil, info, fmt.Errorf("cross-sell items: %w", mapErr(err))
	}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, info, err
		}
		items[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, info, err
	}
	all := model.Suggest(info.Orders, items, pairs, products, 0)
	type prod struct {
		sku, name string
		active    bool
	}
	names := make(map[string]prod, len(ids))
	rows, err = tx.QueryContext(ctx, `SELECT id, sku, name, active FROM products WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`, string(ij))
	if err != nil {
		return nil, info, fmt.Errorf("cross-sell products: %w", mapErr(err))
	}
	for rows.Next() {
		var id string
		var p prod
		if err := rows.Scan(&id, &p.sku, &p.name, &p.active); err != nil {
			rows.Close()
			return nil, info, err
		}
		names[id] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, info, err
	}
	limit = model.PageLimit(limit)
	out := make([]model.Suggestion, 0, min(limit, len(all)))
	for _, s := range all {
		p, ok := names[s.ProductID]
		if !ok || !p.active {
			continue
		}
		s.SKU, s.Name, s.BecauseName = p.sku, p.name, names[s.Because].name
		out = append(out, s)
		if len(out) == limit {
			break
		}
	}
	return out, info, nil
}

// RefreshCrossSellIfOlder recomputes the cross-selling statistics as the
// system when they were never computed or are older than maxAge (the app
// calls it in the background at start, so suggestions follow the orders of
// the last day). refreshed says whether it did.
func (s *Store) RefreshCrossSellIfOlder(ctx context.Context, maxAge time.Duration) (info model.CrossSellInfo, refreshed bool, err error) {
	info, err = loadCrossSellInfo(ctx, s.r)
	if err != nil {
		return info, false, err
	}
	if !info.ComputedAt.IsZero() && s.now().Sub(info.ComputedAt) < maxAge {
		return info, false, nil
	}
	info, err = s.Session(System).RefreshCrossSell(ctx)
	return info, err == nil, err
}
