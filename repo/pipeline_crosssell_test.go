package repo_test

import (
	"database/sql"
	"maps"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// crossFixture is a posted order history with known answers, over four
// services (no stock needed):
//
//	orders 1–4: A B     order 5: A C    order 6: A    order 7: B
//	orders 8–9: C D     order 10: D
//
// plus orders that must not count: three cancelled A C orders and a draft A C.
// So: 10 orders; A in 6, B in 5, C in 3, D in 3; A+B in 4, C+D in 2, A+C in 1
// (kept only from 2 together up).
type crossFixture struct {
	*pipeFixture
	a, b, c, d model.Product
	cust       model.Customer
}

func newCrossFixture(t *testing.T) *crossFixture {
	t.Helper()
	f := &crossFixture{pipeFixture: newPipeFixture(t)}
	ctx := t.Context()
	svc := func(sku, name string) model.Product {
		return mustProduct(t, f.head, model.Product{SKU: sku, Name: name, Kind: model.KindService, UnitCode: "796", BasePrice: 10000,
			VAT: model.VATStandard, Active: true})
	}
	f.a, f.b, f.c, f.d = svc("A", "Монтаж"), svc("B", "Настройка"), svc("C", "Обучение"), svc("D", "Поддержка")
	f.cust = createCustomer(t, f.sel1, "ООО «Постоянный»", "")
	order := func(ps ...model.Product) model.Document {
		d := model.Document{Kind: model.DocOrder, CustomerID: f.cust.ID}
		for _, p := range ps {
			d.Lines = append(d.Lines, model.DocLine{ProductID: p.ID, Qty: model.QtyOne})
		}
		d, err := f.sel1.SaveDraft(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	post := func(ps ...model.Product) model.Document {
		d := order(ps...)
		res, err := f.sel1.ConfirmOrder(ctx, d.ID, d.Version)
		if err != nil {
			t.Fatal(err)
		}
		return res.Order
	}
	for range 4 {
		post(f.a, f.b)
	}
	post(f.a, f.c, f.a) // a repeated product counts once
	post(f.a)
	post(f.b)
	post(f.c, f.d)
	post(f.c, f.d)
	post(f.d)
	for range 3 {
		o := post(f.a, f.c)
		if _, err := f.head.CancelDocument(ctx, o.ID, o.Version, "отказ"); err != nil {
			t.Fatal(err)
		}
	}
	order(f.a, f.c)
	return f
}

func TestPipelineCrossSellRefresh(t *testing.T) {
	f := newCrossFixture(t)
	info, err := f.sel1.RefreshCrossSell(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.Orders != 10 || info.Products != 4 || info.Pairs != 4 || !info.ComputedAt.Equal(f.clk.Now()) {
		t.Fatalf("statistics: %+v", info)
	}
	path := f.s.Path()
	for _, x := range []struct {
		q    string
		want int64
	}{
		{`SELECT orders FROM crosssell_items i JOIN products p ON p.id = i.product_id WHERE p.sku = 'A'`, 6},
		{`SELECT orders FROM crosssell_items i JOIN products p ON p.id = i.product_id WHERE p.sku = 'B'`, 5},
		{`SELECT orders FROM crosssell_items i JOIN products p ON p.id = i.product_id WHERE p.sku = 'C'`, 3},
		{`SELECT orders FROM crosssell_items i JOIN products p ON p.id = i.product_id WHERE p.sku = 'D'`, 3},
		{`SELECT together FROM crosssell_pairs x JOIN products p ON p.id = x.product_id JOIN products o ON o.id = x.other_id
			WHERE p.sku = 'A' AND o.sku = 'B'`, 4},
		{`SELECT together FROM crosssell_pairs x JOIN products p ON p.id = x.product_id JOIN products o ON o.id = x.other_id
			WHERE p.sku = 'B' AND o.sku = 'A'`, 4},
		{`SELECT together FROM crosssell_pairs x JOIN products p ON p.id = x.product_id JOIN products o ON o.id = x.other_id
			WHERE p.sku = 'D' AND o.sku = 'C'`, 2},
		{`SELECT count(*) FROM crosssell_pairs`, 4},
	} {
		if got := rawInt(t, path, x.q); got != x.want {
			t.Errorf("%s: %d, want %d", x.q, got, x.want)
		}
	}
	// Refreshing again replaces the statistics.
	f.clk.Advance(3600e9)
	info2, err := f.head.RefreshCrossSell(t.Context())
	if err != nil || info2.Orders != 10 || info2.Pairs != 4 || !info2.ComputedAt.After(info.ComputedAt) {
		t.Errorf("second refresh: %v %+v", err, info2)
	}
	if _, err := f.s.Session(f.tm.accountant).RefreshCrossSell(t.Context()); err == nil {
		t.Errorf("the accountant refreshes the deal statistics")
	}
	// The app's start refresh: kept within a day, recomputed after it.
	f.clk.Advance(23 * 3600e9)
	if got, done, err := f.s.RefreshCrossSellIfOlder(t.Context(), 24*3600e9); err != nil || done || !got.ComputedAt.Equal(info2.ComputedAt) {
		t.Errorf("23 hours later: refreshed %v, %+v, %v", done, got, err)
	}
	f.clk.Advance(2 * 3600e9)
	if got, done, err := f.s.RefreshCrossSellIfOlder(t.Context(), 24*3600e9); err != nil || !done || !got.ComputedAt.Equal(f.clk.Now()) {
		t.Errorf("25 hours later: refreshed %v, %+v, %v", done, got, err)
	}
}

func crossDeal(t *testing.T, ss *repo.Session, customerID string, ps ...model.Product) model.Deal {
	t.Helper()
	d := model.Deal{CustomerID: customerID, Title: "Сделка"}
	for _, p := range ps {
		d.Lines = append(d.Lines, model.DealLine{ProductID: p.ID, Qty: model.QtyOne})
	}
	d, err := ss.SaveDeal(t.Context(), d)
	if err != nil {
		t.Fatalf("save deal: %v", err)
	}
	return d
}

func TestPipelineCrossSellSuggest(t *testing.T) {
	f := newCrossFixture(t)
	ctx := t.Context()
	withA := crossDeal(t, f.sel1, f.cust.ID, f.a)
	got, info, err := f.sel1.CrossSell(ctx, withA.ID, 5)
	if err != nil || len(got) != 0 || info.Orders != 0 {
		t.Fatalf("before the first refresh: %v %+v %+v", err, got, info)
	}
	if _, err := f.head.RefreshCrossSell(ctx); err != nil {
		t.Fatal(err)
	}
	got, info, err = f.sel1.CrossSell(ctx, withA.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	// B given A: together 4 of the 6 orders with A → 66.67 %; support 4/10;
	// lift = 4 × 10 / (6 × 5) = 1.333.
	want := model.Suggestion{ProductID: f.b.ID, SKU: "B", Name: "Настройка", Because: f.a.ID, BecauseName: "Монтаж", Together: 4,
		WithBecause: 6, Orders: 10, ConfidenceBP: 6667, SupportBP: 4000, LiftE3: 1333}
	if info.Orders != 10 || len(got) != 1 || got[0] != want {
		t.Fatalf("suggestions for A: %+v, want %+v", got, want)
	}
	// With A and C: D given C (2 of 3 → 66.67 %, lift 2 × 10 / (3 × 3) = 2.222)
	// ranks before B given A (same confidence, lower lift).
	withAC := crossDeal(t, f.sel1, f.cust.ID, f.a, f.c)
	got, _, err = f.sel1.CrossSell(ctx, withAC.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ProductID != f.d.ID || got[0].ConfidenceBP != 6667 || got[0].LiftE3 != 2222 || got[0].BecauseName != "Обучение" ||
		got[1].ProductID != f.b.ID {
		t.Errorf("suggestions for A and C: %+v", got)
	}
	if got, _, _ := f.sel1.CrossSell(ctx, withAC.ID, 1); len(got) != 1 || got[0].ProductID != f.d.ID {
		t.Errorf("limit 1: %+v", got)
	}
	// An inactive product is not suggested.
	d := f.d
	d.Active = false
	if _, err := f.head.UpdateProduct(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := f.sel1.CrossSell(ctx, withAC.ID, 5); len(got) != 1 || got[0].ProductID != f.b.ID {
		t.Errorf("without the inactive product: %+v", got)
	}
	// Another seller cannot ask about the deal.
	if _, _, err := f.sel2.CrossSell(ctx, withA.ID, 5); err == nil {
		t.Errorf("another seller's deal")
	}
}

// TestPipelineCrossSellMany refreshes from 5,000 generated orders (the
// reader hands baskets to the counter in batches) and compares what is
// stored with the statistics counted while generating them.
func TestPipelineCrossSellMany(t *testing.T) {
	s, admin, _, _, _, want := crossBenchStore(t, 5000)
	info, err := s.Session(admin).RefreshCrossSell(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.Orders != 5000 || info.Orders != want.Orders || info.Products != len(want.Items) || info.Pairs != len(want.Pairs) {
		t.Fatalf("statistics %+v, want %d orders, %d products, %d pairs", info, want.Orders, len(want.Items), len(want.Pairs))
	}
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := map[string]int{}
	rows, err := db.Query(`SELECT product_id, orders FROM crosssell_items`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		got[id] = n
	}
	rows.Close()
	if !maps.Equal(got, want.Items) {
		t.Errorf("items differ: %d stored, %d counted", len(got), len(want.Items))
	}
	pairs := map[model.CrossPair]bool{}
	rows, err = db.Query(`SELECT product_id, other_id, together FROM crosssell_pairs`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p model.CrossPair
		if err := rows.Scan(&p.Product, &p.Other, &p.Together); err != nil {
			t.Fatal(err)
		}
		pairs[p] = true
	}
	rows.Close()
	for _, p := range want.Pairs {
		if !pairs[p] {
			t.Fatalf("pair %+v not stored", p)
		}
	}
}
