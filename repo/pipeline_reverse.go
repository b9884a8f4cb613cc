package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sdelka/model"
)

// Reverse pricing (PipelineService): the customer states what they need and
// the price they are willing to pay; ReverseMatches shows the products that
// could meet it with the economics at that price, and AcceptReverse makes a
// deal at it (through the approval rules like any deal).

// reverseCandidates is how many products ReverseMatches prices at most.
const reverseCandidates = 200

const reverseCols = `r.id, r.num, r.customer_id, coalesce(c.name, ''), r.requirements, coalesce(r.category_id, ''), r.qty, r.wanted_price,
	r.currency, r.status, coalesce(r.product_id, ''), coalesce(r.deal_id, ''), r.owner_id, coalesce(u.full_name, ''), r.note, r.version, r.created_at`

const reverseFrom = ` FROM reverse_requests r LEFT JOIN customers c ON c.id = r.customer_id LEFT JOIN users u ON u.id = r.owner_id`

func scanReverse(sc scanner) (model.ReverseRequest, error) {
	var r model.ReverseRequest
	var status string
	var created sql.NullString
	err := sc.Scan(&r.ID, &r.Num, &r.CustomerID, &r.CustomerName, &r.Requirements, &r.CategoryID, &r.Qty, &r.WantedPrice,
		&r.Currency, &status, &r.ProductID, &r.DealID, &r.OwnerID, &r.OwnerName, &r.Note, &r.Version, &created)
	r.Status, r.Created = model.ReverseStatus(status), parseTS(created)
	return r, err
}

func loadReverse(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.ReverseRequest, error) {
	vis, args := visibility(u, model.EntityReverse, act, "r")
	rs, err := queryAll(ctx, q, "reverse request "+id, `SELECT `+reverseCols+reverseFrom+` WHERE r.id = ? AND r.deleted_at IS NULL AND `+vis,
		scanReverse, append([]any{id}, args...)...)
	if err != nil {
		return model.ReverseRequest{}, err
	}
	if len(rs) == 0 {
		return model.ReverseRequest{}, fmt.Errorf("reverse request %s: %w", id, model.ErrNotFound)
	}
	return rs[0], nil
}

func reverseAudit(r model.ReverseRequest) map[string]string {
	return map[string]string{"customer_id": r.CustomerID, "requirements": r.Requirements, "category_id": r.CategoryID,
		"qty": strconv.FormatInt(int64(r.Qty), 10), "wanted_price": strconv.FormatInt(int64(r.WantedPrice), 10), "currency": r.Currency,
		"status": string(r.Status), "product_id": r.ProductID, "deal_id": r.DealID, "owner_id": r.OwnerID, "note": r.Note}
}

// FindReverseRequests implements model.PipelineService: newest first.
func (ss *Session) FindReverseRequests(ctx context.Context, status model.ReverseStatus, limit int) ([]model.ReverseRequest, error) {
	u, err := ss.reader(ctx, model.EntityReverse)
	if err != nil {
		return nil, fmt.Errorf("reverse requests: %w", err)
	}
	vis, args := visibility(u, model.EntityReverse, model.ActRead, "r")
	where := vis + ` AND r.deleted_at IS NULL`
	if status != "" {
		where += ` AND r.status = ?`
		args = append(args, string(status))
	}
	args = append(args, model.PageLimit(limit))
	return queryAll(ctx, ss.s.r, "reverse requests", `SELECT `+reverseCols+reverseFrom+` WHERE `+where+
		` ORDER BY r.created_at DESC, r.id DESC LIMIT ?`, scanReverse, args...)
}

// SaveReverseRequest implements model.PipelineService. A request that is
// no longer open cannot change (ErrStale: someone closed it meanwhile).
func (ss *Session) SaveReverseRequest(ctx context.Context, r model.ReverseRequest) (model.ReverseRequest, error) {
	r.Requirements, r.Note, r.Currency = strings.TrimSpace(r.Requirements), strings.TrimSpace(r.Note), strings.TrimSpace(r.Currency)
	if err := r.Validate().Err(); err != nil {
		return r, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if r.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityReverse, act)
		if err != nil {
			return err
		}
		var old model.ReverseRequest
		if r.ID != "" {
			if old, err = loadReverse(ctx, tx, actor, model.ActUpdate, r.ID); err != nil {
				return err
			}
			if old.Version != r.Version || old.Status != model.ReverseOpen {
				return model.StaleError("reverse request", r.ID, r.Version)
			}
		}
		if err := ss.reverseRefs(ctx, tx, actor, &r); err != nil {
			return err
		}
		now := ss.s.now()
		r.Status, r.ProductID, r.DealID = model.ReverseOpen, "", ""
		if r.ID == "" {
			if r.OwnerID == "" {
				r.OwnerID = actor.ID
			}
			if err := checkAssignee(ctx, tx, actor, model.EntityReverse, r.OwnerID); err != nil {
				return err
			}
			r.ID, r.Version, r.Created = ss.s.newID(), 1, now
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM reverse_requests`).Scan(&r.Num); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO reverse_requests (id, num, customer_id, requirements, category_id, qty, wanted_price,
				currency, status, owner_id, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
				r.ID, r.Num, r.CustomerID, r.Requirements, nullStr(r.CategoryID), int64(r.Qty), int64(r.WantedPrice), r.Currency,
				r.OwnerID, r.Note, ts(now), ts(now)); err != nil {
				return fmt.Errorf("create reverse request: %w", err)
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityReverse, r.ID, model.Diff(nil, reverseAudit(r))); err != nil {
				return err
			}
		} else {
			if r.OwnerID == "" {
				r.OwnerID = old.OwnerID
			}
			if r.OwnerID != old.OwnerID {
				if err := checkAssignee(ctx, tx, actor, model.EntityReverse, r.OwnerID); err != nil {
					return err
				}
			}
			res, err := tx.ExecContext(ctx, `UPDATE reverse_requests SET customer_id = ?, requirements = ?, category_id = ?, qty = ?,
				wanted_price = ?, currency = ?, owner_id = ?, note = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND status = 'open' AND deleted_at IS NULL`,
				r.CustomerID, r.Requirements, nullStr(r.CategoryID), int64(r.Qty), int64(r.WantedPrice), r.Currency, r.OwnerID, r.Note,
				ts(now), r.ID, r.Version)
			if err := staleCheck(res, err, "reverse request", r.ID, r.Version); err != nil {
				return err
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityReverse, r.ID, model.Diff(reverseAudit(old), reverseAudit(r))); err != nil {
				return err
			}
		}
		r, err = loadReverse(ctx, tx, actor, model.ActRead, r.ID)
		return err
	})
	return r, err
}

// reverseRefs checks the request's customer (visible to the actor),
// category and currency (the base currency when empty).
func (ss *Session) reverseRefs(ctx context.Context, tx *sql.Tx, actor model.User, r *model.ReverseRequest) error {
	if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, r.CustomerID); err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
		}
		return err
	}
	var n int
	if r.CategoryID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = ? AND deleted_at IS NULL`, r.CategoryID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.ValidationErrors{{Field: "category", Msg: "valid.category.unknown"}}
		}
	}
	if r.Currency == "" {
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		r.Currency = tax.BaseCurrency
	}
	cs, err := loadCurrencies(ctx, tx)
	if err != nil {
		return err
	}
	if _, ok := model.CurrencyByCode(cs, r.Currency); !ok {
		return model.ValidationErrors{{Field: "currency", Msg: "valid.choice"}}
	}
	return nil
}

// reverseCandidateIDs finds the products that could meet the request: the
// active products of its category and the categories below, or, without a
// category, those the catalog search finds by the words of the
// requirements — all the words first, any of them (best matches first)
// when no product has all.
func reverseCandidateIDs(ctx context.Context, q queryer, r model.ReverseRequest) ([]string, error) {
	ids := func(where string, args ...any) ([]string, error) {
		return queryAll(ctx, q, "reverse candidates", `SELECT p.id FROM products p WHERE `+where, func(sc scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		}, args...)
	}
	if r.CategoryID != "" {
		where, args := productWhere(model.ProductFilter{ActiveOnly: true, CategoryID: r.CategoryID})
		return ids(where+` ORDER BY p.name_fold, p.id LIMIT ?`, append(args, reverseCandidates)...)
	}
	terms := model.SearchTerms(r.Requirements)
	if len(terms) == 0 {
		return nil, nil
	}
	where, args := productWhere(model.ProductFilter{ActiveOnly: true, Query: r.Requirements})
	found, err := ids(where+` ORDER BY p.name_fold, p.id LIMIT ?`, append(args, reverseCandidates)...)
	if err != nil || len(found) > 0 || len(terms) == 1 {
		return found, err
	}
	parts := strings.Split(model.FTSQuery(terms), " ")
	return ids(`p.num IN (SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rank LIMIT ?) AND p.deleted_at IS NULL AND p.active = 1
		ORDER BY p.name_fold, p.id`, strings.Join(parts, " OR "), reverseCandidates)
}

// ReverseMatches implements model.PipelineService: each candidate priced
// for the customer (the price it would get today), its cost and floor in
// the request's currency and its available stock at all warehouses, the
// economics at the wanted price by model.MatchEconomics; those not below
// the floor first, then by margin.
func (ss *Session) ReverseMatches(ctx context.Context, id string, limit int) ([]model.ReverseMatch, error) {
	u, err := ss.reader(ctx, model.EntityReverse)
	if err != nil {
		return nil, fmt.Errorf("reverse matches: %w", err)
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	r, err := loadReverse(ctx, tx, u, model.ActRead, id)
	if err != nil {
		return nil, err
	}
	ids, err := reverseCandidateIDs(ctx, tx, r)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	day := ss.s.today()
	pd, err := ss.loadPriceData(ctx, tx, u, r.CustomerID, "", ids, day, r.Currency)
	if err != nil {
		return nil, err
	}
	lines := make([]model.DocLine, len(ids))
	for i, id := range ids {
		lines[i] = model.DocLine{ProductID: id}
	}
	avail, err := availability(ctx, tx, lines, "")
	if err != nil {
		return nil, err
	}
	qty := r.Qty
	if qty <= 0 {
		qty = model.QtyOne
	}
	out := make([]model.ReverseMatch, 0, len(ids))
	for _, id := range ids {
		p, ok := pd.products[id]
		if !ok {
			continue
		}
		res, err := pd.resolve(id, qty)
		if err != nil {
			return nil, err
		}
		m := model.ReverseMatch{ProductID: id, SKU: p.SKU, Name: p.Name, ListPrice: res.Price, Wanted: r.WantedPrice, Available: avail[id]}
		if m.Cost, err = pd.fromBase(p.CostPrice); err != nil {
			return nil, err
		}
		if m.Floor, err = pd.fromBase(p.FloorPrice); err != nil {
			return nil, err
		}
		out = append(out, model.MatchEconomics(m))
	}
	model.RankMatches(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// fromBase converts an amount of the base currency (a product's cost or
// floor price) into the priced currency at the rate of the priced day.
func (d *priceData) fromBase(m model.Money) (model.Money, error) {
	to := d.in.Currency
	if m == 0 || to == "" || to == d.in.Base {
		return m, nil
	}
	from, ok := model.CurrencyByCode(d.in.Currencies, d.in.Base)
	if !ok {
		return 0, fmt.Errorf("currency %s: %w", d.in.Base, model.ErrNotFound)
	}
	cur, ok := model.CurrencyByCode(d.in.Currencies, to)
	if !ok {
		return 0, fmt.Errorf("currency %s: %w", to, model.ErrNotFound)
	}
	rate, ok := model.RateOn(d.in.Rates, to, d.in.Day)
	if !ok {
		return 0, model.ValidationErrors{{Field: "currency", Msg: "doc.err.no_rate"}}
	}
	return model.Convert(m, from, cur, model.ExchangeRate{}, rate, d.in.Base)
}

// AcceptReverse implements model.PipelineService: a deal for the customer
// with one line, the product at the wanted price (typed, so the approval
// rules judge it like any price typed on a deal), made by insertDeal as
// SaveDeal makes a new deal; the request is closed as accepted with links
// to the product and the deal.
func (ss *Session) AcceptReverse(ctx context.Context, id string, version int64, productID string) (model.Deal, error) {
	var d model.Deal
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityReverse, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadReverse(ctx, tx, actor, model.ActUpdate, id)
		if err != nil {
			return err
		}
		if old.Version != version || old.Status != model.ReverseOpen {
			return model.StaleError("reverse request", id, version)
		}
		p, err := loadProduct(ctx, tx, productID, false)
		if err != nil || !p.Active {
			return model.ValidationErrors{{Field: "product", Msg: "doc.err.product"}}
		}
		d = model.Deal{CustomerID: old.CustomerID, Title: p.Name, Currency: old.Currency, OwnerID: old.OwnerID, ReverseID: old.ID,
			Note: old.Requirements, Lines: []model.DealLine{{ProductID: p.ID, Qty: old.Qty, Price: old.WantedPrice, ManualPrice: true}}}
		if d, err = ss.insertDeal(ctx, tx, actor, d); err != nil {
			return err
		}
		now := ss.s.now()
		res, err := tx.ExecContext(ctx, `UPDATE reverse_requests SET status = 'accepted', product_id = ?, deal_id = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`, p.ID, d.ID, ts(now), id, version)
		if err := staleCheck(res, err, "reverse request", id, version); err != nil {
			return err
		}
		r := old
		r.Status, r.ProductID, r.DealID = model.ReverseAccepted, p.ID, d.ID
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityReverse, id, model.Diff(reverseAudit(old), reverseAudit(r)))
	})
	return d, err
}

// DeclineReverse implements model.PipelineService: the note is added to the
// request's note.
func (ss *Session) DeclineReverse(ctx context.Context, id string, version int64, note string) (model.ReverseRequest, error) {
	note = strings.TrimSpace(note)
	var r model.ReverseRequest
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityReverse, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadReverse(ctx, tx, actor, model.ActUpdate, id)
		if err != nil {
			return err
		}
		if old.Version != version || old.Status != model.ReverseOpen {
			return model.StaleError("reverse request", id, version)
		}
		r = old
		if note != "" {
			r.Note = strings.TrimSpace(old.Note + "\n" + note)
		}
		r.Status = model.ReverseDeclined
		res, err := tx.ExecContext(ctx, `UPDATE reverse_requests SET status = 'declined', note = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, r.Note, ts(ss.s.now()), id, version)
		if err := staleCheck(res, err, "reverse request", id, version); err != nil {
			return err
		}
		r.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityReverse, id, model.Diff(reverseAudit(old), reverseAudit(r)))
	})
	return r, err
}
