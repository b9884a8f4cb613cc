package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// pickHit types q into a lookup and taps the hit labelled label.
func (h *harness) pickHit(l *lookup, q, label string) {
	h.t.Helper()
	l.entry.SetText("")
	test.Type(l.entry, q)
	h.settle()
	hits := findAll(l.hits, func(b *widget.Button) bool { return b.Text == label })
	if len(hits) != 1 {
		var shown []string
		for _, b := range findAll[*widget.Button](l.hits, nil) {
			shown = append(shown, b.Text)
		}
		h.t.Fatalf("hits for %q: %q, want one %q", q, shown, label)
	}
	test.Tap(hits[0])
	h.settle()
}

func TestPriceCheck(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	admin := h.session("admin")
	groups, err := admin.Groups(h.ctx)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v (%d)", err, len(groups))
	}
	group := groups[0]
	cust, err := admin.CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany, Name: "ООО «Оптовик Проверочный»", GroupID: group.ID})
	if err != nil {
		t.Fatal(err)
	}
	p := h.createProduct(model.Product{SKU: "PC-77", Name: "Уровень проверочный", BasePrice: 100000, FloorPrice: 78000, Active: true})
	list, err := admin.SavePriceList(h.ctx, model.PriceList{Name: "Тестовый опт", GroupID: group.ID, Currency: "RUB",
		ValidFrom: today(), Kind: model.ListExplicit, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.SetPriceListItems(h.ctx, list.ID, []model.PriceListItem{{ProductID: p.ID, Price: 80000,
		Breaks: []model.QtyBreak{{MinQty: 10000, Price: 75000}}}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := admin.SaveCurrency(h.ctx, model.Currency{Code: "GBP", NumCode: "826", Name: "Фунт стерлингов", Symbol: "£", MinorDigits: 2}); err != nil {
		t.Fatal(err)
	}
	tax, err := admin.TaxSettings(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	pc, ok := h.openNav("price_check").(*priceCheck)
	if !ok {
		t.Fatalf("screen is %T, want *priceCheck", h.a.shell.screen)
	}
	h.pickHit(pc.customer, "Оптовик", cust.Name)
	h.pickHit(pc.product, "проверочный", "PC-77 · Уровень проверочный")
	out := func(k string) string { return pc.out[k].Text }

	t.Run("the group's list price and its reason", func(t *testing.T) {
		if !pc.shown {
			t.Fatalf("no price shown; status %q", pc.status.Text)
		}
		if got, want := out("price"), "800.00 RUB / pcs"; got != want {
			t.Errorf("price: got %q, want %q", got, want)
		}
		if got, want := out("base"), "1,000.00 RUB"; got != want {
			t.Errorf("base price: got %q, want %q", got, want)
		}
		if got, want := out("reason"), en("price.reason.list", "Тестовый опт"); got != want {
			t.Errorf("reason: got %q, want %q", got, want)
		}
		if got, want := out("break"), en("price.no_break"); got != want {
			t.Errorf("break: got %q, want %q", got, want)
		}
		if pc.floor.Visible() {
			t.Error("below-floor warning shown for 800 > 780")
		}
	})

	t.Run("a quantity break, a price below the floor and the line total", func(t *testing.T) {
		fieldIn(t, h.a.shell.content, en("field.qty")).entry(t).SetText("10")
		h.settle()
		if got, want := out("price"), "750.00 RUB / pcs"; got != want {
			t.Errorf("price: got %q, want %q", got, want)
		}
		if got, want := out("reason"), en("price.reason.list_break", "Тестовый опт"); got != want {
			t.Errorf("reason: got %q, want %q", got, want)
		}
		if got, want := out("break"), en("price.break_price", "10", "pcs", "750.00 RUB"); got != want {
			t.Errorf("break: got %q, want %q", got, want)
		}
		if !pc.floor.Visible() {
			t.Error("no below-floor warning for 750 < 780")
		}
		bp, _ := model.VATRateOn(model.VATStandard, today(), model.VATTable)
		line := model.LineTotal(75000, 10000, bp, tax.NoVAT, tax.PricesIncludeVAT)
		if got, want := out("gross"), model.FormatMoney(line.Gross, 2, ".", ",")+" RUB"; got != want {
			t.Errorf("gross: got %q, want %q", got, want)
		}
		if got, want := out("vat"), model.VATLabel(model.VATStandard, bp)+": "+model.FormatMoney(line.VAT, 2, ".", ",")+" RUB"; got != want {
			t.Errorf("VAT: got %q, want %q", got, want)
		}
	})

	t.Run("a bad date is refused beside the field", func(t *testing.T) {
		date := fieldIn(t, h.a.shell.content, en("field.date"))
		date.entry(t).SetText("31.02.2026")
		h.settle()
		if got := date.errorText(); got != en("valid.date") {
			t.Errorf("date error: got %q", got)
		}
		if pc.shown {
			t.Error("a price is shown for a bad date")
		}
		date.entry(t).SetText(h.a.showDay(today()))
		h.settle()
	})

	t.Run("a currency without a rate is explained", func(t *testing.T) {
		pc.currency.set("GBP")
		pc.changed()
		h.settle()
		if want := en("price.no_rate", "GBP", h.a.showDay(today())); pc.shown || pc.status.Text != want {
			t.Errorf("status %q (price shown %v), want %q", pc.status.Text, pc.shown, want)
		}
		pc.currency.set("RUB")
	})

	t.Run("without a customer the base price applies", func(t *testing.T) {
		pc.customer.entry.SetText("")
		fieldIn(t, h.a.shell.content, en("field.qty")).entry(t).SetText("1")
		h.settle()
		if got, want := out("price"), "1,000.00 RUB / pcs"; got != want {
			t.Errorf("price: got %q, want %q", got, want)
		}
		if got, want := out("reason"), en("price.reason.base"); got != want {
			t.Errorf("reason: got %q, want %q", got, want)
		}
	})
}
