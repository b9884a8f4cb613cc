package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"sdelka/model"
)

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
	in := model.PriceInput{CustomerID: customerID, Day: day, Currency: currency}
	if customerID != "" {
		c, err := ss.loadCustomer(ctx, tx, u, model.ActRead, customerID)
		if err != nil {
			return nil, err
		}
		in.GroupID = c.GroupID
	}
	ids := make([]string, 0, len(lines))
	seen := map[string]bool{}
	for _, l := range lines {
		if !seen[l.ProductID] {
			seen[l.ProductID] = true
			ids = append(ids, l.ProductID)
		}
	}
	js, _ := json.Marshal(ids)
	idList := string(js)
	products := map[string]model.Product{}
	rows, err := tx.QueryContext(ctx, `SELECT `+productCols+` FROM products p WHERE p.id IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL`, idList)
	if err != nil {
		return nil, fmt.Errorf("price order: %w", mapErr(err))
	}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		products[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if customerID != "" {
		all, err := loadIndividual(ctx, tx, customerID, "")
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			if seen[p.ProductID] {
				in.Individual = append(in.Individual, p)
			}
		}
	}
	if in.GroupID != "" {
		if in.Lists, err = loadPriceLists(ctx, tx, in.GroupID); err != nil {
			return nil, err
		}
		if len(in.Lists) > 0 {
			listIDs := make([]string, len(in.Lists))
			for i, l := range in.Lists {
				listIDs[i] = l.ID
			}
			lj, _ := json.Marshal(listIDs)
			if in.Items, err = loadPriceItems(ctx, tx, `i.list_id IN (SELECT value FROM json_each(?)) AND i.product_id IN (SELECT value FROM json_each(?))`,
				string(lj), idList); err != nil {
				return nil, err
			}
		}
	}
	tax, err := loadTaxSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	in.Base = tax.BaseCurrency
	if in.Currencies, err = loadCurrencies(ctx, tx); err != nil {
		return nil, err
	}
	if in.Rates, err = loadRates(ctx, tx, day); err != nil {
		return nil, err
	}
	out := make([]model.PriceResult, len(lines))
	for i, l := range lines {
		p, ok := products[l.ProductID]
		if !ok {
			return nil, fmt.Errorf("price order line %d: product %s: %w", i+1, l.ProductID, model.ErrNotFound)
		}
		in.Product, in.Qty = p, l.Qty
		if out[i], err = model.ResolvePrice(in); err != nil {
			return nil, fmt.Errorf("price order line %d: %w", i+1, err)
		}
	}
	return out, nil
}
