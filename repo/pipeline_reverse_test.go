package repo_test

import (
	"errors"
	"testing"

	"sdelka/model"
)

// reverseFixture is a catalog of laptops (a category with a subcategory),
// a monitor elsewhere, stock of one laptop and a customer of seller1.
type reverseFixture struct {
	*pipeFixture
	laptops                     model.Category
	office, gaming, student, tv model.Product
	cust                        model.Customer
}

func newReverseFixture(t *testing.T) *reverseFixture {
	t.Helper()
	f := &reverseFixture{pipeFixture: newPipeFixture(t)}
	ctx := t.Context()
	if err := f.head.SaveTaxSettings(ctx, model.TaxSettings{BaseCurrency: "RUB"}); err != nil {
		t.Fatal(err)
	}
	cat := func(name, parent string) model.Category {
		c, err := f.head.SaveCategory(ctx, model.Category{Name: name, ParentID: parent})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	f.laptops = cat("Ноутбуки", "")
	games := cat("Игровые", f.laptops.ID)
	monitors := cat("Мониторы", "")
	prod := func(sku, name, catID string, base, cost, floor model.Money, active bool) model.Product {
		return mustProduct(t, f.head, model.Product{SKU: sku, Name: name, CategoryID: catID, UnitCode: "796", BasePrice: base, CostPrice: cost,
			FloorPrice: floor, VAT: model.VATStandard, Active: active})
	}
	f.office = prod("NB-14", "Ноутбук офисный 14", f.laptops.ID, 100000, 60000, 80000, true)
	f.gaming = prod("NB-16G", "Ноутбук игровой 16", games.ID, 90000, 85000, 0, true)
	f.student = prod("NB-15S", "Ноутбук ученический 15", f.laptops.ID, 80000, 50000, 70000, true)
	f.tv = prod("MN-27", "Монитор 27", monitors.ID, 30000, 20000, 0, true)
	prod("NB-OLD", "Ноутбук старый", f.laptops.ID, 10000, 5000, 0, false)
	wh, err := f.head.SaveWarehouse(ctx, model.Warehouse{Name: "Склад", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.MoveStock(ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: f.student.ID, ToID: wh.ID, Qty: units(10)}); err != nil {
		t.Fatal(err)
	}
	f.cust = createCustomer(t, f.sel1, "ООО «Школа»", "")
	return f
}

func (f *reverseFixture) request(t *testing.T, r model.ReverseRequest) model.ReverseRequest {
	t.Helper()
	if r.CustomerID == "" {
		r.CustomerID = f.cust.ID
	}
	r, err := f.sel1.SaveReverseRequest(t.Context(), r)
	if err != nil {
		t.Fatalf("save reverse request: %v", err)
	}
	return r
}

func matchIDs(ms []model.ReverseMatch) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.SKU
	}
	return out
}

func TestPipelineReverseMatches(t *testing.T) {
	f := newReverseFixture(t)
	ctx := t.Context()
	if _, err := f.sel1.SaveReverseRequest(ctx, model.ReverseRequest{}); len(fieldsOf(err)) != 4 {
		t.Fatalf("an empty request: %v", err)
	}
	r := f.request(t, model.ReverseRequest{Requirements: "Ноутбуки для класса", CategoryID: f.laptops.ID, Qty: units(2), WantedPrice: 75000})
	if r.Num != 1 || r.Status != model.ReverseOpen || r.Currency != "RUB" || r.OwnerID != f.tm.seller1.ID || r.CustomerName != "ООО «Школа»" {
		t.Fatalf("saved: %+v", r)
	}
	ms, err := f.sel1.ReverseMatches(ctx, r.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := matchIDs(ms); len(s) != 3 || s[0] != "NB-15S" || s[1] != "NB-14" || s[2] != "NB-16G" {
		t.Fatalf("the category and its subcategory, active only; at a loss last, below floor before it, then by margin: %v", s)
	}
	// 750.00 against the student laptop: list 800.00, cost 500.00, floor 700.00.
	want := model.ReverseMatch{ProductID: f.student.ID, SKU: "NB-15S", Name: "Ноутбук ученический 15", ListPrice: 80000, Wanted: 75000,
		Cost: 50000, Floor: 70000, Margin: 25000, MarginBP: 3333, DiscountBP: 625, Available: units(10)}
	if ms[0] != want {
		t.Errorf("student laptop: %+v, want %+v", ms[0], want)
	}
	if g := ms[2]; g.Margin != -10000 || !g.BelowCost || g.BelowFloor || g.DiscountBP != 1667 || g.Available != 0 {
		t.Errorf("gaming laptop (below cost, no floor): %+v", g)
	}
	if o := ms[1]; !o.BelowFloor || o.BelowCost || o.Margin != 15000 || o.MarginBP != 2000 || o.DiscountBP != 2500 {
		t.Errorf("office laptop (below floor): %+v", o)
	}
	if ms, _ := f.sel1.ReverseMatches(ctx, r.ID, 1); len(ms) != 1 {
		t.Errorf("limit: %d", len(ms))
	}

	// Without a category: the words of the requirements — all of them …
	w := f.request(t, model.ReverseRequest{Requirements: "игровой ноутбук", Qty: units(1), WantedPrice: 88000})
	if ms, err := f.sel1.ReverseMatches(ctx, w.ID, 0); err != nil || len(ms) != 1 || ms[0].SKU != "NB-16G" {
		t.Errorf("all the words: %v %v", err, matchIDs(ms))
	}
	// … or, when no product has them all, any of them.
	w.Requirements = "ноутбук с большим экраном для игр"
	w, err = f.sel1.SaveReverseRequest(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := f.sel1.ReverseMatches(ctx, w.ID, 0); err != nil || len(ms) != 3 {
		t.Errorf("any of the words: %v %v", err, matchIDs(ms))
	}

	// In another currency: the list price, cost and floor at the rate.
	day := f.clk.Now().Truncate(24 * 3600e9)
	if err := f.head.SaveRates(ctx, []model.ExchangeRate{{Currency: "USD", Date: day, Nominal: 1, ValueE4: 1000000}}); err != nil {
		t.Fatal(err)
	}
	f.clk.Advance(60e9)
	u := f.request(t, model.ReverseRequest{Requirements: "ученический", Qty: units(1), WantedPrice: 750, Currency: "USD"})
	ms, err = f.sel1.ReverseMatches(ctx, u.ID, 0)
	if err != nil || len(ms) != 1 {
		t.Fatalf("in dollars: %v %v", err, matchIDs(ms))
	}
	if m := ms[0]; m.ListPrice != 800 || m.Cost != 500 || m.Floor != 700 || m.Margin != 250 || m.BelowFloor {
		t.Errorf("in dollars: %+v", m)
	}

	// Visibility.
	if rs, err := f.sel2.FindReverseRequests(ctx, "", 0); err != nil || len(rs) != 0 {
		t.Errorf("another seller's list: %v %d", err, len(rs))
	}
	if rs, err := f.head.FindReverseRequests(ctx, model.ReverseOpen, 0); err != nil || len(rs) != 3 || rs[0].ID != u.ID {
		t.Errorf("a head sees all, newest first: %v %d", err, len(rs))
	}
	if _, err := f.sel2.ReverseMatches(ctx, r.ID, 0); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("another seller's matches: %v", err)
	}

	// Declining closes it for good.
	d, err := f.sel1.DeclineReverse(ctx, w.ID, w.Version, "Не поставляем")
	if err != nil || d.Status != model.ReverseDeclined || d.Note != "Не поставляем" {
		t.Fatalf("declined: %v %+v", err, d)
	}
	if _, err := f.sel1.SaveReverseRequest(ctx, d); !errors.Is(err, model.ErrStale) {
		t.Errorf("editing a declined request: %v", err)
	}
	if rs, _ := f.sel1.FindReverseRequests(ctx, model.ReverseDeclined, 0); len(rs) != 1 {
		t.Errorf("declined list: %d", len(rs))
	}
	mustCheck(t, f.s)
}

func TestPipelineReverseAccept(t *testing.T) {
	f := newReverseFixture(t)
	ctx := t.Context()
	r := f.request(t, model.ReverseRequest{Requirements: "Ноутбуки для класса", CategoryID: f.laptops.ID, Qty: units(2), WantedPrice: 75000})
	if _, err := f.sel1.AcceptReverse(ctx, r.ID, r.Version+1, f.office.ID); !errors.Is(err, model.ErrStale) {
		t.Fatalf("stale accept: %v", err)
	}
	d, err := f.sel1.AcceptReverse(ctx, r.ID, r.Version, f.office.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == "" || d.ReverseID != r.ID || d.CustomerID != f.cust.ID || d.OwnerID != f.tm.seller1.ID || len(d.Lines) != 1 {
		t.Fatalf("deal: %+v", d)
	}
	if l := d.Lines[0]; l.ProductID != f.office.ID || l.Price != 75000 || l.Qty != units(2) || l.FloorPrice != 80000 {
		t.Errorf("the line at the wanted price: %+v", l)
	}
	if d.Approval != model.ApprovalPending {
		t.Errorf("below the floor: the deal waits for approval, got %q", d.Approval)
	}
	got, err := f.sel1.FindDealByID(ctx, d.ID)
	if err != nil || got.ReverseID != r.ID || got.Approval != model.ApprovalPending {
		t.Errorf("stored deal: %v %+v", err, got)
	}
	rs, err := f.sel1.FindReverseRequests(ctx, "", 0)
	if err != nil || len(rs) != 1 || rs[0].Status != model.ReverseAccepted || rs[0].DealID != d.ID || rs[0].ProductID != f.office.ID {
		t.Errorf("request accepted: %v %+v", err, rs)
	}
	if _, err := f.sel1.AcceptReverse(ctx, r.ID, rs[0].Version, f.office.ID); !errors.Is(err, model.ErrStale) {
		t.Errorf("accepting twice: %v", err)
	}
	// A price above the floor needs no approval.
	r2 := f.request(t, model.ReverseRequest{Requirements: "Один ноутбук", Qty: units(1), WantedPrice: 78000})
	d2, err := f.sel1.AcceptReverse(ctx, r2.ID, r2.Version, f.student.ID)
	if err != nil || d2.Approval != model.ApprovalNone {
		t.Errorf("above the floor: %v %q", err, d2.Approval)
	}
	mustCheck(t, f.s)
}
