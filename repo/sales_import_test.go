package repo_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// importFixture is a team, a warehouse with cement in stock, nails, an
// inactive product, seller1's customer (INN 7707083893) and seller2's
// (INN 7736207543, which seller1 does not see).
type importFixture struct {
	head, seller  *repo.Session
	wh            model.Warehouse
	cement, nails model.Product
	mine          model.Customer
}

func newImportFixture(t *testing.T) *importFixture {
	t.Helper()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	f := &importFixture{head: s.Session(tm.head), seller: s.Session(tm.seller1)}
	f.cement = mustProduct(t, f.head, model.Product{SKU: "CEM-50", Name: "Цемент М500, 50 кг", UnitCode: "796", BasePrice: 65000,
		VAT: model.VATStandard, Active: true})
	f.nails = mustProduct(t, f.head, model.Product{SKU: "NL-100", Name: "Гвозди 100 мм", UnitCode: "166", BasePrice: 1234,
		VAT: model.VATStandard, Active: true})
	mustProduct(t, f.head, model.Product{SKU: "OLD-1", Name: "Снят с продажи", UnitCode: "796", BasePrice: 100,
		VAT: model.VATStandard, Active: false})
	var err error
	if f.wh, err = f.head.SaveWarehouse(t.Context(), model.Warehouse{Name: "Основной склад", Active: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []model.Product{f.cement, f.nails} {
		if _, err := f.head.MoveStock(t.Context(), model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: f.wh.ID,
			Qty: 100 * model.QtyOne}); err != nil {
			t.Fatal(err)
		}
	}
	if f.mine, err = f.seller.CreateCustomer(t.Context(), model.Customer{Kind: model.CustomerCompany, Name: "ООО «Покупатель»",
		INN: "7707083893"}); err != nil {
		t.Fatal(err)
	}
	if _, err = s.Session(tm.seller2).CreateCustomer(t.Context(), model.Customer{Kind: model.CustomerCompany,
		Name: "ООО «Чужой»", INN: "7736207543"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// csvOrders groups ';'-separated rows (the first is the header; file line
// numbers start at 1) as the command line's reader does.
func csvOrders(text string) []model.OrderImport {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	header := strings.Split(lines[0], ";")
	g := model.NewOrderGrouper(header, model.GuessOrderMapping(header))
	for i, l := range lines[1:] {
		g.Add(i+2, strings.Split(l, ";"))
	}
	return g.Orders()
}

func jsonOrders(t *testing.T, text string) []model.OrderImport {
	t.Helper()
	orders, err := model.ParseOrderJSONLines(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return orders
}

func (f *importFixture) countDocs(t *testing.T) int {
	t.Helper()
	n, err := f.head.CountDocuments(t.Context(), model.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportOrdersCreatesDrafts(t *testing.T) {
	f := newImportFixture(t)
	ctx := t.Context()
	csv := "Заказ;ИНН;Артикул;Кол-во;Цена;Склад;Дата доставки;Примечание\n" +
		"A1;7707083893;cem-50;2;;основной склад;15.03.2026;срочно\n" +
		"A2;7707083893;NL-100;10;;;;\n" +
		"A1;;NL-100;1,5;12.5;;;\n"
	orders := csvOrders(csv)
	orders = append(orders, jsonOrders(t, `{"order":"J1","inn":"7707083893","currency":"rub","lines":[{"sku":"CEM-50","qty":10,"price":"640.00"}]}`+"\n")...)
	docs, err := f.seller.ImportOrders(ctx, orders)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d drafts, want 3", len(docs))
	}
	a1, err := f.seller.FindDocumentByID(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Kind != model.DocOrder || a1.Status != model.StatusDraft || a1.Number != "" || a1.CustomerID != f.mine.ID ||
		a1.WarehouseID != f.wh.ID || a1.Note != "№ A1; срочно" || !a1.DeliveryDate.Equal(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("draft A1: %+v", a1)
	}
	if len(a1.Lines) != 2 {
		t.Fatalf("A1 has %d lines, want 2", len(a1.Lines))
	}
	// The first line is priced from the catalog, the second keeps the file's price.
	if l := a1.Lines[0]; l.ProductID != f.cement.ID || l.Qty != 2*model.QtyOne || l.Price != 65000 || l.ManualPrice {
		t.Errorf("line 1: %+v", l)
	}
	if l := a1.Lines[1]; l.ProductID != f.nails.ID || l.Qty != 1500 || l.Price != 1250 || !l.ManualPrice {
		t.Errorf("line 2: %+v", l)
	}
	if want, _ := model.DocTotals(a1.Lines); a1.Totals.Gross != want.Gross || a1.Totals.Gross != 65000*2+1875 {
		t.Errorf("A1 totals %+v, want gross %d", a1.Totals, 65000*2+1875)
	}
	if docs[2].Lines[0].Price != 64000 || docs[2].Currency != "RUB" {
		t.Errorf("J1: %+v", docs[2])
	}
	res, err := f.seller.ConfirmOrder(ctx, a1.ID, a1.Version)
	if err != nil {
		t.Fatalf("confirm an imported draft: %v", err)
	}
	if res.Order.Number == "" || res.Invoice.Number == "" || res.Waybill.Number == "" {
		t.Errorf("confirmed: %q %q %q", res.Order.Number, res.Invoice.Number, res.Waybill.Number)
	}
}

func TestImportOrdersRefusesBadFiles(t *testing.T) {
	f := newImportFixture(t)
	good := "A1;7707083893;CEM-50;1\n"
	head := "Order;INN;SKU;Qty\n"
	for _, tc := range []struct {
		name   string
		csv    string // or
		json   string
		want   []model.RowError // Row, Column, Msg
		wantIn string           // a Value that must be reported
	}{
		{name: "unknown INN", csv: head + good + "A2;7728168971;CEM-50;1\n",
			want: []model.RowError{{Row: 3, Column: "INN", Msg: model.MsgOrderUnknownINN}}},
		{name: "a customer the seller does not see", csv: head + good + "A2;7736207543;CEM-50;1\n",
			want: []model.RowError{{Row: 3, Column: "INN", Msg: model.MsgOrderUnknownINN}}},
		{name: "unknown SKU", csv: head + good + "A1;7707083893;NOPE-1;1\n",
			want: []model.RowError{{Row: 3, Column: "SKU", Msg: model.MsgOrderUnknownSKU}}, wantIn: "NOPE-1"},
		{name: "inactive product", csv: head + good + "A2;7707083893;old-1;1\n",
			want: []model.RowError{{Row: 3, Column: "SKU", Msg: model.MsgOrderInactive}}},
		{name: "negative quantity", csv: head + good + "A1;7707083893;NL-100;-2\n",
			want: []model.RowError{{Row: 3, Column: "Qty", Msg: model.MsgOrderQtyPositive}}},
		{name: "zero quantity and a bad number", csv: head + "A1;7707083893;NL-100;0\nA1;7707083893;CEM-50;1O\n",
			want: []model.RowError{{Row: 2, Column: "Qty", Msg: model.MsgOrderQtyPositive}, {Row: 3, Column: "Qty", Msg: model.MsgOrderBadQty}}},
		{name: "no order key", csv: head + good + ";7707083893;CEM-50;1\n",
			want: []model.RowError{{Row: 3, Column: "Order", Msg: model.MsgOrderNoKey}}},
		{name: "two INNs for one order", csv: head + good + "A1;7736207543;NL-100;1\n",
			want: []model.RowError{{Row: 3, Column: "INN", Msg: model.MsgOrderConflict}}},
		{name: "malformed JSON line", json: `{"order":"J1","inn":"7707083893","lines":[{"sku":"CEM-50","qty":"1"}]}` + "\n" +
			`{"order":"J2","inn":"7707083893","lines":[{"sku":"CEM-50","qty":"1"}]` + "\n",
			want: []model.RowError{{Row: 2, Column: "json", Msg: model.MsgOrderBadJSON}}},
		{name: "JSON problems name their key", json: "\n" + `{"order":"J1","inn":"7707083893","lines":[{"sku":"CEM-50","qty":"-1"},{"sku":"X","qty":1,"colour":"red"}]}` + "\n",
			want: []model.RowError{{Row: 2, Column: "lines[1].qty", Msg: model.MsgOrderQtyPositive},
				{Row: 2, Column: "lines[2].colour", Msg: model.MsgOrderUnknownKey}, {Row: 2, Column: "lines[2].sku", Msg: model.MsgOrderUnknownSKU}}},
		{name: "a repeated JSON order key", json: `{"order":"J1","inn":"7707083893","lines":[{"sku":"CEM-50","qty":"1"}]}` + "\n" +
			`{"order":"J1","inn":"7707083893","lines":[{"sku":"CEM-50","qty":"1"}]}` + "\n",
			want: []model.RowError{{Row: 2, Column: "order", Msg: model.MsgOrderDuplicate}}},
		{name: "a price with too many decimals", csv: "Order;INN;SKU;Qty;Price\nA1;7707083893;CEM-50;1;1.005\n",
			want: []model.RowError{{Row: 2, Column: "Price", Msg: model.MsgOrderPriceDigits}}},
		{name: "unknown warehouse", csv: "Order;INN;SKU;Qty;Warehouse\nA1;7707083893;CEM-50;1;Луна\n",
			want: []model.RowError{{Row: 2, Column: "Warehouse", Msg: model.MsgOrderUnknownWH}}},
		// The first order is written before the second fails to price (no
		// rate for USD): the transaction takes the first back too.
		{name: "a failure after the first order was written", csv: "Order;INN;SKU;Qty;Currency\n" + "A1;7707083893;CEM-50;1;\nA2;7707083893;CEM-50;1;USD\n",
			want: []model.RowError{{Row: 3, Column: "Currency", Msg: "doc.err.no_rate"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var orders []model.OrderImport
			if tc.json != "" {
				orders = jsonOrders(t, tc.json)
			} else {
				orders = csvOrders(tc.csv)
			}
			docs, err := f.seller.ImportOrders(t.Context(), orders)
			var got model.RowErrors
			if !errors.As(err, &got) {
				t.Fatalf("import: %v (%d drafts), want row errors", err, len(docs))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems %+v, want %+v", got, tc.want)
			}
			for i, w := range tc.want {
				if g := got[i]; g.Row != w.Row || g.Column != w.Column || g.Msg != w.Msg {
					t.Errorf("problem %d = line %d, %q, %q; want line %d, %q, %q", i+1, g.Row, g.Column, g.Msg, w.Row, w.Column, w.Msg)
				}
			}
			if tc.wantIn != "" && !strings.Contains(got[0].Value, tc.wantIn) {
				t.Errorf("problem value %q does not name %q", got[0].Value, tc.wantIn)
			}
			if n := f.countDocs(t); n != 0 {
				t.Errorf("%d documents created, want none", n)
			}
		})
	}
}

func TestImportOrdersAmbiguousINN(t *testing.T) {
	f := newImportFixture(t)
	if _, err := f.seller.CreateCustomer(t.Context(), model.Customer{Kind: model.CustomerCompany, Name: "ООО «Покупатель», филиал",
		INN: "7707083893", KPP: "773601001"}); err != nil {
		t.Fatal(err)
	}
	_, err := f.seller.ImportOrders(t.Context(), csvOrders("Order;INN;SKU;Qty\nA1;7707083893;CEM-50;1\n"))
	var got model.RowErrors
	if !errors.As(err, &got) || len(got) != 1 || got[0].Msg != model.MsgOrderAmbiguousINN || !strings.Contains(got[0].Value, "7707083893") {
		t.Errorf("two customers with one INN: %v", err)
	}
}
