package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"sdelka/model"
)

// breakJSON is a quantity break as stored: {"min": qty, "price": minor, "bp": discount}.
type breakJSON struct {
	Min   int64 `json:"min"`
	Price int64 `json:"price,omitempty"`
	BP    int64 `json:"bp,omitempty"`
}

func encodeBreaks(bs []model.QtyBreak) string {
	out := make([]breakJSON, len(bs))
	for i, b := range bs {
		out[i] = breakJSON{Min: int64(b.MinQty), Price: int64(b.Price), BP: b.DiscountBP}
	}
	js, _ := json.Marshal(out)
	return string(js)
}

func decodeBreaks(s string) ([]model.QtyBreak, error) {
	var in []breakJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("quantity breaks %q: %w", s, model.ErrDamaged)
	}
	out := make([]model.QtyBreak, len(in))
	for i, b := range in {
		out[i] = model.QtyBreak{MinQty: model.Qty(b.Min), Price: model.Money(b.Price), DiscountBP: b.BP}
	}
	return out, nil
}

// validBreaks checks quantity breaks: positive, distinct minimum quantities,
// each either a price or a discount below 100 %.
func validBreaks(field string, bs []model.QtyBreak, v *model.ValidationErrors) {
	seen := map[model.Qty]bool{}
	for _, b := range bs {
		switch {
		case b.MinQty <= 0 || seen[b.MinQty]:
			v.Add(field, "valid.break.qty")
		case b.Price < 0 || b.DiscountBP < 0 || b.DiscountBP >= 10000 || (b.Price > 0) == (b.DiscountBP > 0):
			v.Add(field, "valid.break.value")
		}
		seen[b.MinQty] = true
	}
}

const priceListCols = `id, name, coalesce(group_id, ''), currency, valid_from, valid_to, kind, rule_bp, breaks, active, version`

func scanPriceList(sc scanner) (model.PriceList, error) {
	var l model.PriceList
	var from, to, breaks string
	if err := sc.Scan(&l.ID, &l.Name, &l.GroupID, &l.Currency, &from, &to, &l.Kind, &l.RuleBP, &breaks, &l.Active, &l.Version); err != nil {
		return l, err
	}
	l.ValidFrom, l.ValidTo = parseDateOnly(from), parseDateOnly(to)
	var err error
	l.Breaks, err = decodeBreaks(breaks)
	return l, err
}

// PriceLists implements model.CatalogService: by name.
func (ss *Session) PriceLists(ctx context.Context) ([]model.PriceList, error) {
	if _, err := ss.reader(ctx, model.EntityPriceList); err != nil {
		return nil, fmt.Errorf("price lists: %w", err)
	}
	return loadPriceLists(ctx, ss.s.r, "")
}

func loadPriceLists(ctx context.Context, q queryer, groupID string) ([]model.PriceList, error) {
	query, args := `SELECT `+priceListCols+` FROM price_lists WHERE deleted_at IS NULL`, []any{}
	if groupID != "" {
		query, args = query+` AND group_id = ?`, append(args, groupID)
	}
	return queryAll(ctx, q, "price lists", query+` ORDER BY name_fold`, scanPriceList, args...)
}

// SavePriceList implements model.CatalogService.
func (ss *Session) SavePriceList(ctx context.Context, l model.PriceList) (model.PriceList, error) {
	l.Name, l.Currency = strings.TrimSpace(l.Name), strings.ToUpper(strings.TrimSpace(l.Currency))
	var v model.ValidationErrors
	if l.Name == "" {
		v.Add("name", model.MsgRequired)
	}
	if l.Kind != model.ListExplicit && l.Kind != model.ListRule {
		v.Add("kind", "valid.pricelist.kind")
	}
	if l.RuleBP <= -10000 {
		v.Add("rule", "valid.pricelist.rule")
	}
	if !l.ValidFrom.IsZero() && !l.ValidTo.IsZero() && l.ValidTo.Before(l.ValidFrom) {
		v.Add("valid_to", "valid.period")
	}
	validBreaks("breaks", l.Breaks, &v)
	if len(v) > 0 {
		return l, v
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if l.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, act)
		if err != nil {
			return err
		}
		var n int
		if l.Currency == "" {
			t, err := loadTaxSettings(ctx, tx)
			if err != nil {
				return err
			}
			l.Currency = t.BaseCurrency
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM currencies WHERE code = ?`, l.Currency).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.ValidationErrors{{Field: "currency", Msg: "valid.currency.unknown"}}
		}
		if l.GroupID != "" {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customer_groups WHERE id = ? AND deleted_at IS NULL`, l.GroupID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return model.ValidationErrors{{Field: "group", Msg: "import.unknown_group"}}
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM price_lists WHERE name_fold = ? AND id <> ? AND deleted_at IS NULL`,
			model.FoldText(l.Name), l.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ValidationErrors{{Field: "name", Msg: "valid.pricelist.taken"}}
		}
		now := ts(ss.s.now())
		vals := []any{l.Name, model.FoldText(l.Name), nullStr(l.GroupID), l.Currency, dateOnly(l.ValidFrom), dateOnly(l.ValidTo),
			string(l.Kind), l.RuleBP, encodeBreaks(l.Breaks), l.Active}
		fields := func(p model.PriceList) map[string]string {
			return map[string]string{"name": p.Name, "group_id": p.GroupID, "currency": p.Currency, "valid_from": dateOnly(p.ValidFrom),
				"valid_to": dateOnly(p.ValidTo), "kind": string(p.Kind), "rule_bp": fmt.Sprint(p.RuleBP), "breaks": encodeBreaks(p.Breaks),
				"active": fmt.Sprint(p.Active)}
		}
		if l.ID == "" {
			l.ID, l.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO price_lists (id, name, name_fold, group_id, currency, valid_from, valid_to, kind, rule_bp,
				breaks, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(append([]any{l.ID}, vals...), now, now)...); err != nil {
				return fmt.Errorf("create price list %q: %w", l.Name, err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityPriceList, l.ID, model.Diff(nil, fields(l)))
		}
		old, err := scanPriceList(tx.QueryRowContext(ctx, `SELECT `+priceListCols+` FROM price_lists WHERE id = ? AND deleted_at IS NULL`, l.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("price list %s: %w", l.ID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old.Version != l.Version {
			return fmt.Errorf("price list %s: %w", l.ID, model.ErrStale)
		}
		if old.Kind != l.Kind && old.Kind == model.ListExplicit {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM price_list_items WHERE list_id = ?`, l.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return model.ValidationErrors{{Field: "kind", Msg: "valid.pricelist.has_items"}}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE price_lists SET (name, name_fold, group_id, currency, valid_from, valid_to, kind, rule_bp, breaks,
			active, updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1 WHERE id = ?`, append(append(vals, now), l.ID)...); err != nil {
			return fmt.Errorf("update price list %s: %w", l.ID, err)
		}
		l.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPriceList, l.ID, model.Diff(fields(old), fields(l)))
	})
	return l, err
}

// PriceListItems implements model.CatalogService: by product name.
func (ss *Session) PriceListItems(ctx context.Context, listID string) ([]model.PriceListItem, error) {
	if _, err := ss.reader(ctx, model.EntityPriceList); err != nil {
		return nil, fmt.Errorf("price list items: %w", err)
	}
	return loadPriceItems(ctx, ss.s.r, `i.list_id = ?`, listID)
}

func loadPriceItems(ctx context.Context, q queryer, where string, args ...any) ([]model.PriceListItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.list_id, i.product_id, i.price, i.breaks FROM price_list_items i
		JOIN products p ON p.id = i.product_id WHERE `+where+` ORDER BY p.name_fold, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("price list items: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.PriceListItem
	for rows.Next() {
		var it model.PriceListItem
		var breaks string
		if err := rows.Scan(&it.ListID, &it.ProductID, &it.Price, &breaks); err != nil {
			return nil, err
		}
		if it.Breaks, err = decodeBreaks(breaks); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// SetPriceListItems implements model.CatalogService: all or none.
func (ss *Session) SetPriceListItems(ctx context.Context, listID string, items []model.PriceListItem, remove []string) error {
	for _, it := range items {
		var v model.ValidationErrors
		if it.Price < 0 {
			v.Add("price", "valid.price.negative")
		}
		validBreaks("breaks", it.Breaks, &v)
		if len(v) > 0 {
			return fmt.Errorf("price of product %s: %w", it.ProductID, v)
		}
	}
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, model.ActUpdate)
		if err != nil {
			return err
		}
		var kind string
		err = tx.QueryRowContext(ctx, `SELECT kind FROM price_lists WHERE id = ? AND deleted_at IS NULL`, listID).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("price list %s: %w", listID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if kind != string(model.ListExplicit) {
			return model.ValidationErrors{{Field: "kind", Msg: "valid.pricelist.rule_has_no_items"}}
		}
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO price_list_items (list_id, product_id, price, breaks) VALUES (?, ?, ?, ?)
				ON CONFLICT (list_id, product_id) DO UPDATE SET price = excluded.price, breaks = excluded.breaks`,
				listID, it.ProductID, int64(it.Price), encodeBreaks(it.Breaks)); err != nil {
				return fmt.Errorf("price of %s: %w", it.ProductID, err)
			}
		}
		for _, id := range remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM price_list_items WHERE list_id = ? AND product_id = ?`, listID, id); err != nil {
				return err
			}
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPriceList, listID, []model.Change{
			{Field: "items", New: fmt.Sprintf("%d prices set, %d removed", len(items), len(remove))}})
	})
}

const individualCols = `id, customer_id, product_id, price, currency, valid_from, valid_to, note, version`

func scanIndividual(sc scanner) (model.IndividualPrice, error) {
	var p model.IndividualPrice
	var from, to string
	err := sc.Scan(&p.ID, &p.CustomerID, &p.ProductID, &p.Price, &p.Currency, &from, &to, &p.Note, &p.Version)
	p.ValidFrom, p.ValidTo = parseDateOnly(from), parseDateOnly(to)
	return p, err
}

// IndividualPrices implements model.CatalogService. A seller sees those of
// the customers visible to them.
func (ss *Session) IndividualPrices(ctx context.Context, customerID string) ([]model.IndividualPrice, error) {
	u, err := ss.reader(ctx, model.EntityPriceList)
	if err != nil {
		return nil, fmt.Errorf("individual prices: %w", err)
	}
	if _, err := ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, customerID); err != nil {
		return nil, err
	}
	return loadIndividual(ctx, ss.s.r, customerID)
}

func loadIndividual(ctx context.Context, q queryer, customerID string) ([]model.IndividualPrice, error) {
	return queryAll(ctx, q, "individual prices", `SELECT `+individualCols+` FROM individual_prices
		WHERE customer_id = ? AND deleted_at IS NULL ORDER BY product_id, valid_from`, scanIndividual, customerID)
}

// SaveIndividualPrice implements model.CatalogService.
func (ss *Session) SaveIndividualPrice(ctx context.Context, p model.IndividualPrice) (model.IndividualPrice, error) {
	p.Note, p.Currency = strings.TrimSpace(p.Note), strings.ToUpper(strings.TrimSpace(p.Currency))
	var v model.ValidationErrors
	if p.Price < 0 {
		v.Add("price", "valid.price.negative")
	}
	if p.CustomerID == "" {
		v.Add("customer", model.MsgRequired)
	}
	if p.ProductID == "" {
		v.Add("product", model.MsgRequired)
	}
	if !p.ValidFrom.IsZero() && !p.ValidTo.IsZero() && p.ValidTo.Before(p.ValidFrom) {
		v.Add("valid_to", "valid.period")
	}
	if len(v) > 0 {
		return p, v
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if p.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, act)
		if err != nil {
			return err
		}
		if _, err := loadProduct(ctx, tx, p.ProductID, false); err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, p.CustomerID); err != nil {
			return err
		}
		if p.Currency == "" {
			t, err := loadTaxSettings(ctx, tx)
			if err != nil {
				return err
			}
			p.Currency = t.BaseCurrency
		}
		now := ts(ss.s.now())
		vals := []any{p.CustomerID, p.ProductID, int64(p.Price), p.Currency, dateOnly(p.ValidFrom), dateOnly(p.ValidTo), p.Note}
		change := []model.Change{{Field: "customer_id", New: p.CustomerID}, {Field: "product_id", New: p.ProductID},
			{Field: "price", New: fmt.Sprint(int64(p.Price)) + " " + p.Currency}, {Field: "valid", New: dateOnly(p.ValidFrom) + ".." + dateOnly(p.ValidTo)}}
		if p.ID == "" {
			p.ID, p.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO individual_prices (id, customer_id, product_id, price, currency, valid_from, valid_to, note,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(append([]any{p.ID}, vals...), now, now)...); err != nil {
				return fmt.Errorf("create individual price: %w", err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityPriceList, p.ID, change)
		}
		res, err := tx.ExecContext(ctx, `UPDATE individual_prices SET (customer_id, product_id, price, currency, valid_from, valid_to, note, updated_at)
			= (?, ?, ?, ?, ?, ?, ?, ?), version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			append(append(vals, now), p.ID, p.Version)...)
		if err != nil {
			return fmt.Errorf("update individual price %s: %w", p.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("individual price %s: %w", p.ID, model.ErrStale)
		}
		p.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPriceList, p.ID, change)
	})
	return p, err
}

// DeleteIndividualPrice implements model.CatalogService.
func (ss *Session) DeleteIndividualPrice(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, model.ActDelete)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE individual_prices SET deleted_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`,
			ts(ss.s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("individual price %s: %w", id, model.ErrNotFound)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityPriceList, id, nil)
	})
}

// KitComponents implements model.CatalogService.
func (ss *Session) KitComponents(ctx context.Context, kitID string) ([]model.KitComponent, error) {
	if _, err := ss.reader(ctx, model.EntityProduct); err != nil {
		return nil, fmt.Errorf("kit components: %w", err)
	}
	rows, err := ss.s.r.QueryContext(ctx, `SELECT kit_id, product_id, qty, optional, choice, sort FROM kit_components WHERE kit_id = ?`, kitID)
	if err != nil {
		return nil, fmt.Errorf("kit components: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.KitComponent
	for rows.Next() {
		var c model.KitComponent
		if err := rows.Scan(&c.KitID, &c.ProductID, &c.Qty, &c.Optional, &c.Choice, &c.Sort); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Sort < out[j].Sort })
	return out, rows.Err()
}

// SetKitComponents implements model.CatalogService: the kit's components
// become exactly comps (validated by model.ValidateKit; components must be
// goods or services, not kits).
func (ss *Session) SetKitComponents(ctx context.Context, kitID string, comps []model.KitComponent) error {
	for i := range comps {
		comps[i].KitID = kitID
		comps[i].Choice = strings.TrimSpace(comps[i].Choice)
	}
	if err := model.ValidateKit(kitID, comps); err != nil {
		return err
	}
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActUpdate)
		if err != nil {
			return err
		}
		kit, err := loadProduct(ctx, tx, kitID, false)
		if err != nil {
			return err
		}
		if kit.Kind != model.KindKit {
			return model.ValidationErrors{{Field: "kind", Msg: "valid.kit.not_kit"}}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM kit_components WHERE kit_id = ?`, kitID); err != nil {
			return err
		}
		for i, c := range comps {
			p, err := loadProduct(ctx, tx, c.ProductID, false)
			if err != nil {
				return err
			}
			if p.Kind == model.KindKit {
				return model.ValidationErrors{{Field: "component", Msg: "valid.kit.nested"}}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO kit_components (kit_id, product_id, qty, optional, choice, sort) VALUES (?, ?, ?, ?, ?, ?)`,
				kitID, c.ProductID, int64(c.Qty), c.Optional, c.Choice, i); err != nil {
				return fmt.Errorf("kit component %s: %w", c.ProductID, err)
			}
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityProduct, kitID, []model.Change{
			{Field: "components", New: fmt.Sprintf("%d components", len(comps))}})
	})
}

// AdjustPriceList implements model.CatalogService (the "+5 %" of the price
// list editor), in one transaction.
func (ss *Session) AdjustPriceList(ctx context.Context, listID string, bp int64, categoryID string) (int, error) {
	if bp <= -10000 {
		return 0, model.ValidationErrors{{Field: "rule", Msg: "valid.pricelist.rule"}}
	}
	n := 0
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		n = 0
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, model.ActUpdate)
		if err != nil {
			return err
		}
		var kind string
		err = tx.QueryRowContext(ctx, `SELECT kind FROM price_lists WHERE id = ? AND deleted_at IS NULL`, listID).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("price list %s: %w", listID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if kind != string(model.ListExplicit) {
			return model.ValidationErrors{{Field: "kind", Msg: "valid.pricelist.rule_has_no_items"}}
		}
		where, args := `i.list_id = ?`, []any{listID}
		if categoryID != "" {
			where += ` AND p.category_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
				SELECT id FROM sub)`
			args = append(args, categoryID)
		}
		items, err := loadPriceItems(ctx, tx, where, args...)
		if err != nil {
			return err
		}
		adj := func(m model.Money) model.Money { return model.Money(model.RoundDiv(int64(m)*(10000+bp), 10000)) }
		for _, it := range items {
			newPrice := adj(it.Price)
			breaks := append([]model.QtyBreak(nil), it.Breaks...)
			for i := range breaks {
				if breaks[i].Price > 0 {
					breaks[i].Price = adj(breaks[i].Price)
				}
			}
			if newPrice == it.Price && encodeBreaks(breaks) == encodeBreaks(it.Breaks) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE price_list_items SET price = ?, breaks = ? WHERE list_id = ? AND product_id = ?`,
				int64(newPrice), encodeBreaks(breaks), listID, it.ProductID); err != nil {
				return err
			}
			n++
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPriceList, listID, []model.Change{
			{Field: "adjust", New: fmt.Sprintf("%+d bp on %d prices (category %s)", bp, n, categoryID)}})
	})
	return n, err
}

// DeletePriceList implements model.CatalogService.
func (ss *Session) DeletePriceList(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPriceList, model.ActDelete)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE price_lists SET deleted_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`,
			ts(ss.s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("price list %s: %w", id, model.ErrNotFound)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityPriceList, id, nil)
	})
}
