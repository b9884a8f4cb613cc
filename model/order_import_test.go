package model

import (
	"strings"
	"testing"
	"time"
)

func TestOrderGrouper(t *testing.T) {
	header := []string{"№ заказа", "ИНН покупателя", "Артикул", "Кол-во", "Цена", "Дата поставки", "Комментарий"}
	m := GuessOrderMapping(header)
	if missing := MissingOrderColumns(m); len(missing) > 0 {
		t.Fatalf("mapping %v misses %v", m, missing)
	}
	g := NewOrderGrouper(header, m)
	g.Add(2, []string{"A1", "7707083893", "CEM-50", "2", "", "01.12.2026", "срочно"})
	g.Add(3, []string{"A2", "7736207543", "NL-100", "1,5", "12,50", "", ""})
	g.Add(4, []string{"A1", "", "NL-100", "0,125", "1 234,5678", "2026-12-01", "срочно"})
	g.Add(5, []string{"", "", "", "", "", "", ""}) // blank: skipped
	orders := g.Orders()
	if len(orders) != 2 {
		t.Fatalf("got %d orders, want 2: %+v", len(orders), orders)
	}
	a1 := orders[0]
	if a1.Key != "A1" || a1.Row != 2 || a1.INN != "7707083893" || a1.Note != "срочно" || len(a1.Errs) > 0 ||
		!a1.DeliveryDate.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("A1: %+v", a1)
	}
	if len(a1.Lines) != 2 || a1.Lines[1].Row != 4 || a1.Lines[1].Qty != 125 || !a1.Lines[1].HasPrice || a1.Lines[1].PriceE4 != 12345678 {
		t.Errorf("A1 lines: %+v", a1.Lines)
	}
	if a1.Lines[0].HasPrice || a1.Column("qty", &a1.Lines[0]) != "Кол-во" {
		t.Errorf("A1 line 1: %+v", a1.Lines[0])
	}
}

func TestOrderGrouperProblems(t *testing.T) {
	header := []string{"Order", "INN", "SKU", "Qty", "Price", "Delivery date"}
	for _, tc := range []struct {
		name  string
		cells []string
		col   string
		msg   string
	}{
		{"no key", []string{"", "7707083893", "X", "1", "", ""}, "Order", MsgOrderNoKey},
		{"no SKU", []string{"A", "7707083893", "", "1", "", ""}, "SKU", MsgOrderNoSKU},
		{"no quantity", []string{"A", "7707083893", "X", "", "", ""}, "Qty", MsgOrderNoQty},
		{"a word for a quantity", []string{"A", "7707083893", "X", "ten", "", ""}, "Qty", MsgOrderBadQty},
		{"four decimals of a quantity", []string{"A", "7707083893", "X", "1,0005", "", ""}, "Qty", MsgOrderBadQty},
		{"a negative quantity", []string{"A", "7707083893", "X", "-1", "", ""}, "Qty", MsgOrderQtyPositive},
		{"zero", []string{"A", "7707083893", "X", "0,000", "", ""}, "Qty", MsgOrderQtyPositive},
		{"a negative price", []string{"A", "7707083893", "X", "1", "-5", ""}, "Price", MsgOrderBadPrice},
		{"five decimals of a price", []string{"A", "7707083893", "X", "1", "1.00001", ""}, "Price", MsgOrderBadPrice},
		{"a bad date", []string{"A", "7707083893", "X", "1", "", "31.02.2026"}, "Delivery date", MsgOrderBadDate},
		{"no INN", []string{"A", "", "X", "1", "", ""}, "INN", MsgOrderNoINN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := NewOrderGrouper(header, GuessOrderMapping(header))
			g.Add(7, tc.cells)
			var errs []RowError
			for _, o := range g.Orders() {
				errs = append(errs, o.Errs...)
			}
			if len(errs) != 1 || errs[0].Row != 7 || errs[0].Column != tc.col || errs[0].Msg != tc.msg {
				t.Errorf("problems %+v, want line 7, %q, %q", errs, tc.col, tc.msg)
			}
		})
	}
}

func TestParseOrderJSONLines(t *testing.T) {
	in := "\ufeff" + `{"order":"J1","customer_inn":"7707083893","currency":"eur","lines":[{"article":"CEM-50","quantity":10,"price":"650,00"},{"sku":"NL","qty":"2.5"}]}` + "\n\n" +
		`{"order":"J2","inn":"7707083893","items":[{"sku":"CEM-50","qty":1}],"colour":"red"}` + "\n" +
		`not json` + "\n" +
		`{"order":"J1","inn":"7707083893","lines":[]}`
	orders, err := ParseOrderJSONLines(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(orders) != 4 {
		t.Fatalf("got %d orders, want 4", len(orders))
	}
	j1 := orders[0]
	if j1.Key != "J1" || j1.INN != "7707083893" || j1.Currency != "EUR" || len(j1.Errs) > 0 || len(j1.Lines) != 2 ||
		j1.Lines[0].Qty != 10*QtyOne || j1.Lines[0].PriceE4 != 6500000 || j1.Lines[1].Qty != 2500 || j1.Lines[1].HasPrice {
		t.Errorf("J1: %+v", j1)
	}
	want := []struct {
		row      int
		col, msg string
	}{{3, "colour", MsgOrderUnknownKey}, {4, "json", MsgOrderBadJSON}, {5, "order", MsgOrderDuplicate}}
	for i, w := range want {
		found := false
		for _, e := range orders[i+1].Errs {
			found = found || e.Row == w.row && e.Column == w.col && e.Msg == w.msg
		}
		if !found {
			t.Errorf("line %d: %+v, want %q %q", w.row, orders[i+1].Errs, w.col, w.msg)
		}
	}
	if e := orders[3].Errs; len(e) != 2 || e[0].Msg != MsgOrderNoLines {
		t.Errorf("an order without lines: %+v", e)
	}
}

func TestPriceFromE4(t *testing.T) {
	for _, tc := range []struct {
		e4     int64
		digits int
		want   Money
		ok     bool
	}{{12345000, 2, 123450, true}, {12345678, 2, 0, false}, {10000, 0, 1, true}, {15000, 0, 0, false}, {12345678, 4, 12345678, true}} {
		if got, ok := PriceFromE4(tc.e4, tc.digits); got != tc.want || ok != tc.ok {
			t.Errorf("PriceFromE4(%d, %d) = %d, %v; want %d, %v", tc.e4, tc.digits, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzOrderFiles: no input makes the parsers panic, and every problem
// names a line of the input.
func FuzzOrderFiles(f *testing.F) {
	f.Add(`{"order":"A","inn":"1","lines":[{"sku":"X","qty":"1,5","price":2}]}` + "\n{")
	f.Add("Order;INN;SKU;Qty\nA;1;X;2\n;;;\n")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Count(s, "\n") + 1
		orders, err := ParseOrderJSONLines(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		rows := strings.Split(s, "\n")
		header := strings.Split(rows[0], ";")
		g := NewOrderGrouper(header, GuessOrderMapping(header))
		for i, r := range rows[1:] {
			g.Add(i+2, strings.Split(r, ";"))
		}
		for _, o := range append(orders, g.Orders()...) {
			for _, e := range o.Errs {
				if e.Row < 1 || e.Row > lines {
					t.Errorf("problem at line %d of %d", e.Row, lines)
				}
			}
		}
	})
}
