package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"sdelka/model"
)

// priceData is what model.ResolvePrice needs for some products, loaded from
// one read snapshot.
type priceData struct {
	in       model.PriceInput
	products map[string]model.Product
	order    []string // product IDs in the order loaded
	tax      model.TaxSettings
	kits     map[string][]model.KitComponent // components of the kits priced as a sum
}

// loadPriceData loads the products (ids, or every active product when ids
// is nil), the customer's group (or groupID) and individual prices, the
// group's lists and their items, the currencies and the rates on day.
func (ss *Session) loadPriceData(ctx context.Context, tx *sql.Tx, u model.User, customerID, groupID string, ids []string, day time.Time,
	currency string) (*priceData, error) {
	d := &priceData{in: model.PriceInput{CustomerID: customerID, GroupID: groupID, Day: day, Currency: currency}, products: map[string]model.Product{}}
	if customerID != "" {
		c, err := ss.loadCustomer(ctx, tx, u, model.ActRead, customerID)
		if err != nil {
			return nil, err
		}
		d.in.GroupID = c.GroupID
	}
	query, args := `SELECT `+productCols+` FROM products p WHERE p.deleted_at IS NULL AND p.active = 1 ORDER BY p.name_fold, p.id`, []any{}
	if ids != nil {
		js, _ := json.Marshal(ids)
		query, args = `SELECT `+productCols+` FROM products p WHERE p.id IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL`, []any{string(js)}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("prices: %w", mapErr(err))
	}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		d.products[p.ID] = p
		d.order = append(d.order, p.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := d.loadKits(ctx, tx); err != nil {
		return nil, err
	}
	if customerID != "" {
		all, err := loadIndividual(ctx, tx, customerID)
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			if _, ok := d.products[p.ProductID]; ok {
				d.in.Individual = append(d.in.Individual, p)
			}
		}
	}
	if d.in.GroupID != "" {
		if d.in.Lists, err = loadPriceLists(ctx, tx, d.in.GroupID); err != nil {
			return nil, err
		}
		if len(d.in.Lists) > 0 {
			listIDs := make([]string, len(d.in.Lists))
			for i, l := range d.in.Lists {
				listIDs[i] = l.ID
			}
			lj, _ := json.Marshal(listIDs)
			where, args := `i.list_id IN (SELECT value FROM json_each(?))`, []any{string(lj)}
			if ids != nil {
				all := make([]string, 0, len(d.products))
				for id := range d.products {
					all = append(all, id) // the asked products and their kits' components
				}
				pj, _ := json.Marshal(all)
				where, args = where+` AND i.product_id IN (SELECT value FROM json_each(?))`, append(args, string(pj))
			}
			if d.in.Items, err = loadPriceItems(ctx, tx, where, args...); err != nil {
				return nil, err
			}
		}
	}
	if d.tax, err = loadTaxSettings(ctx, tx); err != nil {
		return nil, err
	}
	d.in.Base = d.tax.BaseCurrency
	if d.in.Currencies, err = loadCurrencies(ctx, tx); err != nil {
		return nil, err
	}
	if d.in.Rates, err = loadRates(ctx, tx, day); err != nil {
		return nil, err
	}
	return d, nil
}

// loadKits loads the components of the kits priced as a sum, and the
// component products not loaded yet (also inactive ones: a kit still
// contains them).
func (d *priceData) loadKits(ctx context.Context, tx *sql.Tx) error {
	var kitIDs []string
	for id, p := range d.products {
		if p.Kind == model.KindKit && p.KitPricing == model.KitSum {
			kitIDs = append(kitIDs, id)
		}
	}
	if len(kitIDs) == 0 {
		return nil
	}
	d.kits = map[string][]model.KitComponent{}
	js, _ := json.Marshal(kitIDs)
	rows, err := tx.QueryContext(ctx, `SELECT kit_id, product_id, qty, optional, choice, sort FROM kit_components
		WHERE kit_id IN (SELECT value FROM json_each(?)) ORDER BY kit_id, sort`, string(js))
	if err != nil {
		return mapErr(err)
	}
	var missing []string
	for rows.Next() {
		var c model.KitComponent
		if err := rows.Scan(&c.KitID, &c.ProductID, &c.Qty, &c.Optional, &c.Choice, &c.Sort); err != nil {
			rows.Close()
			return err
		}
		d.kits[c.KitID] = append(d.kits[c.KitID], c)
		if _, ok := d.products[c.ProductID]; !ok {
			missing = append(missing, c.ProductID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range missing {
		p, err := loadProduct(ctx, tx, id, false)
		if err != nil {
			return err
		}
		d.products[id] = p
	}
	return nil
}

// resolve prices product id at qty. A kit priced as a sum is the sum of its
// components, each resolved for the same customer, day and currency at the
// quantity the kits need, with the first product of each choice group and
// no optional components (the price a customer sees before choosing).
func (d *priceData) resolve(id string, qty model.Qty) (model.PriceResult, error) {
	p := d.products[id]
	if comps, ok := d.kits[id]; ok && p.Kind == model.KindKit && p.KitPricing == model.KitSum {
		chosen := map[string]string{}
		for _, c := range comps {
			if _, ok := chosen[c.Choice]; c.Choice != "" && !ok {
				chosen[c.Choice] = c.ProductID
			}
		}
		lines, err := model.ExpandKit(qty, comps, chosen, nil)
		if err != nil {
			return model.PriceResult{}, fmt.Errorf("kit %s: %w", p.SKU, err)
		}
		unit, base := map[string]model.Money{}, map[string]model.Money{}
		for _, l := range lines {
			r, err := d.resolve(l.ProductID, l.Qty)
			if err != nil {
				return model.PriceResult{}, fmt.Errorf("kit %s: %w", p.SKU, err)
			}
			unit[l.ProductID], base[l.ProductID] = r.Price, r.BasePrice
		}
		return model.PriceResult{Price: model.KitPrice(model.KitSum, 0, lines, unit, qty), Source: model.SourceKit,
			BasePrice: model.KitPrice(model.KitSum, 0, lines, base, qty), Reason: model.ReasonKitSum}, nil
	}
	in := d.in
	in.Product, in.Qty = p, qty
	return model.ResolvePrice(in)
}

// PriceOrder implements model.CatalogService: one read transaction loads
// the customer's group and individual prices, the group's lists and their
// items for the products, the currencies and the rates in force, then
// model.ResolvePrice prices each line.
func (ss *Session) PriceOrder(ctx context.Context, customerID string, day time.Time, currency string, lines []model.PriceLine) ([]model.PriceResult, error) {
	u, err := ss.reader(ctx, model.EntityPriceList)
	if err != nil {
		return nil, fmt.Errorf("price order: %w", err)
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("price order: %w", mapErr(err))
	}
	defer tx.Rollback()
	ids := make([]string, 0, len(lines))
	seen := map[string]bool{}
	for _, l := range lines {
		if !seen[l.ProductID] {
			seen[l.ProductID] = true
			ids = append(ids, l.ProductID)
		}
	}
	d, err := ss.loadPriceData(ctx, tx, u, customerID, "", ids, day, currency)
	if err != nil {
		return nil, err
	}
	out := make([]model.PriceResult, len(lines))
	for i, l := range lines {
		if _, ok := d.products[l.ProductID]; !ok {
			return nil, fmt.Errorf("price order line %d: product %s: %w", i+1, l.ProductID, model.ErrNotFound)
		}
		if out[i], err = d.resolve(l.ProductID, l.Qty); err != nil {
			return nil, fmt.Errorf("price order line %d: %w", i+1, err)
		}
	}
	return out, nil
}

// PriceSheet implements model.CatalogService.
func (ss *Session) PriceSheet(ctx context.Context, customerID, groupID string, day time.Time, currency string) (model.PriceSheet, error) {
	var sheet model.PriceSheet
	u, err := ss.reader(ctx, model.EntityPriceList)
	if err != nil {
		return sheet, fmt.Errorf("price list: %w", err)
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return sheet, fmt.Errorf("price list: %w", mapErr(err))
	}
	defer tx.Rollback()
	if customerID == "" && groupID != "" {
		err := tx.QueryRowContext(ctx, `SELECT name FROM customer_groups WHERE id = ? AND deleted_at IS NULL`, groupID).Scan(&sheet.For)
		if err != nil {
			return sheet, fmt.Errorf("group %s: %w", groupID, model.ErrNotFound)
		}
	}
	d, err := ss.loadPriceData(ctx, tx, u, customerID, groupID, nil, day, currency)
	if err != nil {
		return sheet, err
	}
	if customerID != "" {
		c, err := ss.loadCustomer(ctx, tx, u, model.ActRead, customerID)
		if err != nil {
			return sheet, err
		}
		sheet.For = c.Name
	}
	sheet.Day, sheet.Tax = day, d.tax
	code := currency
	if code == "" {
		code = d.tax.BaseCurrency
	}
	for _, c := range d.in.Currencies {
		if c.Code == code {
			sheet.Currency = c
		}
	}
	cats, err := ss.categoriesIn(ctx, tx)
	if err != nil {
		return sheet, err
	}
	byCat := map[string][]model.PriceSheetLine{}
	for _, id := range d.order {
		p := d.products[id]
		res, err := d.resolve(id, model.QtyOne)
		if err != nil {
			return sheet, err
		}
		line := model.PriceSheetLine{Product: p, Price: res, VAT: sheetVAT(p, day, d.tax)}
		for _, b := range applicableBreaks(d.in, id, res) {
			if b.MinQty <= model.QtyOne {
				continue
			}
			br, err := d.resolve(id, b.MinQty)
			if err != nil {
				return sheet, err
			}
			if br.Price != res.Price {
				line.Breaks = append(line.Breaks, model.SheetBreak{MinQty: b.MinQty, Price: br.Price})
			}
		}
		byCat[p.CategoryID] = append(byCat[p.CategoryID], line)
	}
	paths := map[string]string{}
	for _, c := range cats {
		paths[c.ID] = c.Name
		if c.ParentID != "" {
			paths[c.ID] = paths[c.ParentID] + " / " + c.Name
		}
	}
	for _, c := range cats {
		if lines := byCat[c.ID]; len(lines) > 0 {
			sheet.Sections = append(sheet.Sections, model.PriceSheetSection{Category: paths[c.ID], Lines: lines})
		}
	}
	if lines := byCat[""]; len(lines) > 0 {
		sheet.Sections = append(sheet.Sections, model.PriceSheetSection{Lines: lines})
	}
	return sheet, nil
}

// categoriesIn is Categories in tree order inside tx.
func (ss *Session) categoriesIn(ctx context.Context, tx *sql.Tx) ([]model.Category, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(parent_id, ''), name, sort, version FROM categories WHERE deleted_at IS NULL ORDER BY sort, name_fold`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var all []model.Category
	for rows.Next() {
		var c model.Category
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name, &c.Sort, &c.Version); err != nil {
			return nil, err
		}
		all = append(all, c)
	}
	return model.CategoryTreeOrder(all), rows.Err()
}

// applicableBreaks are the quantity breaks of the list a price came from.
func applicableBreaks(in model.PriceInput, productID string, res model.PriceResult) []model.QtyBreak {
	if res.Source != model.SourceList {
		return nil
	}
	for _, l := range in.Lists {
		if l.ID != res.ListID {
			continue
		}
		if l.Kind == model.ListRule {
			return l.Breaks
		}
		for _, it := range in.Items {
			if it.ListID == l.ID && it.ProductID == productID {
				return it.Breaks
			}
		}
	}
	return nil
}

// sheetVAT is the VAT as a price list prints it for p on day.
func sheetVAT(p model.Product, day time.Time, t model.TaxSettings) string {
	if t.NoVAT {
		return model.VATLabel(model.VATNone, 0)
	}
	bp, ok := model.VATRateOn(p.VAT, day, model.VATTable)
	if !ok {
		return model.VATLabel(model.VATNone, 0)
	}
	return model.VATLabel(p.VAT, bp)
}
