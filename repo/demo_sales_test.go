package repo_test

import (
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// TestDemoSales generates a small sales history and checks that the store's
// own integrity check finds nothing, and that it looks like what the
// service methods would have written.
func TestDemoSales(t *testing.T) {
	s, clk := newStore(t)
	ctx := t.Context()
	if err := s.DemoWithCustomers(ctx, 3, 60); err != nil {
		t.Fatalf("demo: %v", err)
	}
	if err := s.DemoSales(ctx, 3, 400); err != nil {
		t.Fatalf("demo sales: %v", err)
	}
	probs, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("check: %s", p)
	}
	acc := s.Session(repo.System)
	count := func(f model.DocFilter) int {
		t.Helper()
		n, err := acc.CountDocuments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	orders := count(model.DocFilter{Kind: model.DocOrder})
	if orders != 400 {
		t.Errorf("%d orders, want 400", orders)
	}
	invoices := count(model.DocFilter{Kind: model.DocInvoice})
	drafts := count(model.DocFilter{Kind: model.DocOrder, Status: model.StatusDraft})
	if invoices != orders-drafts {
		t.Errorf("%d invoices for %d orders of which %d drafts", invoices, orders, drafts)
	}
	for _, k := range []model.DocKind{model.DocQuote, model.DocWaybill, model.DocContract, model.DocStatement} {
		if n := count(model.DocFilter{Kind: k}); n == 0 {
			t.Errorf("no %s", k)
		}
	}
	today := clk.Now()
	for _, st := range []model.PayState{model.PayPaid, model.PayOverdue, model.PayUnpaid} {
		if n := count(model.DocFilter{Kind: model.DocInvoice, PayState: st, Today: today}); n == 0 {
			t.Errorf("no %s invoices", st)
		}
	}
	if n := count(model.DocFilter{Kind: model.DocInvoice, PayState: model.PayPaid, Today: today}); n < invoices*3/4 {
		t.Errorf("%d of %d invoices paid, want most", n, invoices)
	}
	// Three years up to today, numbered by the series masks per year.
	newest, err := acc.FindDocuments(ctx, model.DocFilter{Kind: model.DocInvoice, Limit: 1})
	if err != nil || len(newest) != 1 {
		t.Fatalf("newest invoice: %v", err)
	}
	all, err := acc.FindDocuments(ctx, model.DocFilter{Kind: model.DocInvoice, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	oldest := all[len(all)-1]
	if y := today.Year(); newest[0].Date.Year() != y || !strings.HasPrefix(newest[0].Number, "СЧ-2026-") || oldest.Number != "СЧ-2023-0001" {
		t.Errorf("invoices from %s %s to %s %s", oldest.Number, oldest.Date.Format(time.DateOnly), newest[0].Number,
			newest[0].Date.Format(time.DateOnly))
	}
	if d := today.Sub(oldest.Date).Hours() / 24; d < 3*365-10 {
		t.Errorf("the oldest invoice is %.0f days old, want about three years", d)
	}
	// An invoice prints its order's lines, with the VAT rate of its day.
	inv, err := acc.FindDocumentByID(ctx, oldest.ID)
	if err != nil {
		t.Fatal(err)
	}
	ord, err := acc.FindDocumentByID(ctx, inv.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) == 0 || len(inv.Lines) != len(ord.Lines) || inv.Lines[0].Name != ord.Lines[0].Name || inv.Totals.Gross != ord.Totals.Gross {
		t.Errorf("invoice %s lines %d, order %s lines %d", inv.Number, len(inv.Lines), ord.Number, len(ord.Lines))
	}
	if inv.Lines[0].VATBP != 2000 || newest[0].Totals.VAT == 0 {
		t.Errorf("VAT of a 2023 line: %d bp, want 2000", inv.Lines[0].VATBP)
	}
	// Every draft can be confirmed: its goods are in stock.
	users, err := acc.FindUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var admin model.User
	for _, u := range users {
		if u.Role == model.RoleAdmin {
			admin = u
		}
	}
	ds, err := acc.FindDocuments(ctx, model.DocFilter{Kind: model.DocOrder, Status: model.StatusDraft})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if _, err := s.Session(admin).ConfirmOrder(ctx, d.ID, d.Version); err != nil && !strings.Contains(err.Error(), "credit limit") {
			t.Errorf("confirm demo draft %s: %v", d.ID, err)
		}
	}
	if probs, err := s.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("check after confirming the drafts: %v %v", probs, err)
	}
	if err := s.DemoSales(ctx, 3, 10); err == nil {
		t.Error("demo sales over existing documents: no error")
	}
}
