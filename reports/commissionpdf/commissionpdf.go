// Package commissionpdf prints a month's sales commissions: a seller's
// statement, listing every payment and credit note the calculation
// counted, and the accountant's summary of all sellers. It lays out with
// reports/dashreport's report writer (A4, Cyrillic fonts, table headings
// repeated on every page, page numbers) and never queries: the caller
// hands it the model.CommissionPeriod.
package commissionpdf

import (
	"fmt"
	"sort"

	"sdelka/model"
	"sdelka/reports/dashreport"
)

// options are what a statement can be given besides the period.
type options struct {
	categories map[string]string
}

// Option adjusts a statement.
type Option func(*options)

// CategoryNames gives the product categories' names by ID, printed in the
// statement's category column (without them the column shows the IDs).
func CategoryNames(names map[string]string) Option {
	return func(o *options) { o.categories = names }
}

// Statement writes one seller's statement for the month of p: the
// company, the seller, the month and whether it is closed (with the date)
// or a preliminary calculation; the plan, the net paid revenue, credit
// notes, fulfilment and the tier multiplier; every counted entry (date,
// payment or credit note, invoice, customer, category, base, rate,
// multiplier, commission; an entry counted late is marked); and the
// commission, plan bonus and total. Errors: model.ErrNotFound when p has
// no calculation for userID, or the PDF writer's.
func Statement(tr model.Tr, p model.CommissionPeriod, userID string, company string, opts ...Option) ([]byte, error) {
	var o options
	for _, fn := range opts {
		fn(&o)
	}
	var c *model.CommissionCalc
	for i := range p.Calcs {
		if p.Calcs[i].UserID == userID {
			c = &p.Calcs[i]
			break
		}
	}
	if c == nil {
		return nil, fmt.Errorf("commission statement of %s for %s: %w", userID, p.Month, model.ErrNotFound)
	}
	money := func(m model.Money) string { return dashreport.Money(tr, p.Currency, m) }
	cur := func(key string) string { return tr.T(key) + ", " + currency(p) }

	plan, fulfilment := "—", "—"
	if c.HasPlan {
		plan, fulfilment = money(c.Plan), dashreport.Percent(tr, c.FulfilmentBP)
	}
	figures := dashreport.Block{
		Title:  tr.T("comm.figures"),
		Header: []string{cur("dash.col.plan"), cur("comm.col.paid"), cur("comm.col.credited"), tr.T("dash.col.fulfilment"), tr.T("comm.col.factor")},
		Rows:   [][]string{{plan, money(c.Paid), money(c.Credited), fulfilment, dashreport.Factor(tr, c.FactorBP)}},
	}

	entries := dashreport.Block{
		Title: tr.T("comm.entries"),
		Header: []string{tr.T("comm.col.date"), tr.T("comm.col.document"), tr.T("comm.col.invoice"), tr.T("dash.col.customer"),
			tr.T("comm.col.category"), cur("comm.col.base"), tr.T("comm.col.rate"), tr.T("comm.col.factor_short"), cur("comm.col.commission")},
	}
	late := false
	for _, e := range c.Lines {
		date := dashreport.Date(tr, e.Date)
		if e.Late {
			date += "\u00a0*" // kept with the date
			late = true
		}
		doc := tr.T("comm.kind.payment", e.DocNumber)
		if e.Kind == model.CommissionCredit {
			doc = tr.T("comm.kind.credit_note", e.DocNumber)
		}
		entries.Rows = append(entries.Rows, []string{date, doc, e.InvoiceNumber, e.CustomerName, category(tr, o, e.CategoryID),
			money(e.Base), dashreport.Rate(tr, e.RateBP), dashreport.Factor(tr, e.FactorBP), money(e.Commission)})
	}
	switch {
	case len(c.Lines) == 0:
		entries.Header, entries.Notes = nil, []string{tr.T("comm.no_entries")}
	case late:
		entries.Notes = []string{tr.T("comm.late_note")}
	}

	totals := dashreport.Block{
		Title:  tr.T("comm.totals"),
		Header: []string{tr.T("comm.col.item"), cur("dash.col.amount")},
		Rows: [][]string{
			{tr.T("comm.row.commission"), money(c.Commission)},
			{tr.T("comm.row.bonus"), money(c.Bonus)},
			{tr.T("comm.row.total"), money(c.Total)},
		},
		Bold: []int{2},
	}
	return dashreport.WritePDF(tr, dashreport.Document{
		Title:   tr.T("comm.statement_title"),
		Heading: heading(tr, p, company, tr.T("comm.seller", name(p, userID))),
		Lines:   statusLines(tr, p),
		Blocks:  []dashreport.Block{figures, entries, totals},
		Author:  company,
		Created: p.ClosedAt,
	})
}

// Summary writes the accountant's summary of the month of p: one row per
// seller (plan, paid net revenue, fulfilment, commission, bonus, total),
// by name, and the total row. The error is the PDF writer's.
func Summary(tr model.Tr, p model.CommissionPeriod, company string) ([]byte, error) {
	money := func(m model.Money) string { return dashreport.Money(tr, p.Currency, m) }
	cur := func(key string) string { return tr.T(key) + ", " + currency(p) }
	calcs := map[string]model.CommissionCalc{}
	for _, c := range p.Calcs {
		calcs[c.UserID] = c
	}
	rows := append([]model.CommissionSummaryRow(nil), p.Summary...)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := name(p, rows[i].UserID), name(p, rows[j].UserID)
		if a != b {
			return a < b
		}
		return rows[i].UserID < rows[j].UserID
	})
	bl := dashreport.Block{
		Header: []string{tr.T("dash.col.seller"), cur("dash.col.plan"), cur("comm.col.paid"), tr.T("dash.col.fulfilment"),
			cur("comm.col.commission"), cur("comm.col.bonus"), cur("comm.col.total")},
	}
	var plans model.Money
	for _, r := range rows {
		plan, fulfilment := "—", "—"
		if c, ok := calcs[r.UserID]; ok && c.HasPlan {
			plan, fulfilment = money(c.Plan), dashreport.Percent(tr, c.FulfilmentBP)
			plans += c.Plan
		}
		bl.Rows = append(bl.Rows, []string{name(p, r.UserID), plan, money(r.Paid), fulfilment, money(r.Commission), money(r.Bonus), money(r.Total)})
	}
	bl.Rows = append(bl.Rows, []string{tr.T("dash.total"), money(plans), money(p.Total.Paid), "—",
		money(p.Total.Commission), money(p.Total.Bonus), money(p.Total.Total)})
	bl.Bold = []int{len(bl.Rows) - 1}
	return dashreport.WritePDF(tr, dashreport.Document{
		Title:   tr.T("comm.summary_title"),
		Heading: heading(tr, p, company, ""),
		Lines:   statusLines(tr, p),
		Blocks:  []dashreport.Block{bl},
		Author:  company,
		Created: p.ClosedAt,
	})
}

// heading is the company, the seller (when given) and the month.
func heading(tr model.Tr, p model.CommissionPeriod, company, seller string) []string {
	var h []string
	if company != "" {
		h = append(h, company)
	}
	if seller != "" {
		h = append(h, seller)
	}
	return append(h, tr.T("mgmt.period", dashreport.LongMonth(tr, p.Month)))
}

// statusLines say whether the month is closed (when, by whom) or the
// calculation is preliminary, and the currency.
func statusLines(tr model.Tr, p model.CommissionPeriod) []string {
	var status string
	switch {
	case !p.Closed:
		status = tr.T("comm.preliminary")
	case p.Names[p.ClosedBy] != "":
		status = tr.T("comm.closed_by", dashreport.Date(tr, p.ClosedAt), p.Names[p.ClosedBy])
	default:
		status = tr.T("comm.closed", dashreport.Date(tr, p.ClosedAt))
	}
	return []string{status, tr.T("mgmt.currency", currency(p))}
}

// name is a seller's name, the ID when p has none.
func name(p model.CommissionPeriod, userID string) string {
	if n := p.Names[userID]; n != "" {
		return n
	}
	return userID
}

// currency is the period's currency code, RUB when not set.
func currency(p model.CommissionPeriod) string {
	if p.Currency == "" {
		return "RUB"
	}
	return p.Currency
}

// category is a category's name for the statement.
func category(tr model.Tr, o options, id string) string {
	if id == "" {
		return tr.T("comm.category_none")
	}
	if n := o.categories[id]; n != "" {
		return n
	}
	return id
}
