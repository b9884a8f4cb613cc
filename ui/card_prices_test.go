package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// pricesTabOf shows the card's prices tab and returns its list, loaded.
func (h *harness) pricesTabOf(c *customerCard) (*widget.List, fyne.CanvasObject) {
	h.t.Helper()
	content := h.tab(c, "card.prices")
	h.settle()
	lists := findAll[*widget.List](content, nil)
	if len(lists) != 1 {
		h.t.Fatalf("lists in the prices tab: %d", len(lists))
	}
	return lists[0], content
}

func TestCardIndividualPrices(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	admin := h.session("admin")
	cust, err := admin.CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany, Name: "ООО «Индивидуал»"})
	if err != nil {
		t.Fatal(err)
	}
	p := h.createProduct(model.Product{SKU: "IP-1", Name: "Шуруповёрт индивидуальный", BasePrice: 500000, Active: true})
	c := h.openCard(cust.ID)
	list, content := h.pricesTabOf(c)
	if n := list.Length(); n != 0 {
		t.Fatalf("a new customer has %d prices", n)
	}

	t.Run("add a price", func(t *testing.T) {
		tap(t, content, en("prices.add"))
		d := h.dialog()
		lk := findAll(d.root, func(e *widget.Entry) bool { return e.PlaceHolder == en("price.product_hint") })[0]
		test.Type(lk, p.Name)
		h.settle()
		test.Tap(buttonIn(t, h.overlay(), "IP-1 · "+p.Name))
		d.set(t, en("field.price"), "4500 руб 50")
		test.Tap(d.save)
		if got := fieldIn(t, d.root, en("field.price")).errorText(); got != en(msgMoney) {
			t.Errorf("price error: %q", got)
		}
		d.set(t, en("field.price"), "4500.50")
		d.set(t, en("field.valid_to"), "31.12.2026")
		d.set(t, en("field.note"), "Договорная")
		test.Tap(d.save)
		h.settle()
		ps, err := admin.IndividualPrices(h.ctx, cust.ID)
		if err != nil || len(ps) != 1 {
			t.Fatalf("stored: %v, %v", ps, err)
		}
		if x := ps[0]; x.ProductID != p.ID || x.Price != 450050 || x.Currency != "RUB" || x.ValidTo.Format("2006-01-02") != "2026-12-31" || x.Note != "Договорная" {
			t.Errorf("stored: %+v", x)
		}
		if n := list.Length(); n != 1 {
			t.Fatalf("the tab shows %d prices", n)
		}
		o := list.CreateItem()
		list.UpdateItem(0, o)
		var texts []string
		for _, l := range o.(*tapRow).content.(*fyne.Container).Objects {
			texts = append(texts, l.(*widget.Label).Text)
		}
		want := []string{"IP-1 · " + p.Name, "4,500.50", "RUB", en("period.to", "2026-12-31"), "Договорная"}
		for i := range want {
			if texts[i] != want[i] {
				t.Errorf("row: %q, want %q", texts, want)
				break
			}
		}
	})

	t.Run("the customer's price list is written", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "c.pdf")
		if _, err := h.a.writePriceSheet(path, sheetPDF, cust.ID, "", today(), ""); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Error("not a PDF")
		}
	})

	t.Run("delete the price", func(t *testing.T) {
		list.Select(0)
		tap(t, content, en("btn.delete"))
		test.Tap(buttonIn(t, h.overlay(), en("btn.delete")))
		h.settle()
		if ps, _ := admin.IndividualPrices(h.ctx, cust.ID); len(ps) != 0 {
			t.Errorf("left: %v", ps)
		}
		if n := list.Length(); n != 0 {
			t.Errorf("the tab still shows %d prices", n)
		}
	})
}

func TestCardPricesSellerReadOnly(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	cs := h.findCustomers("seller", model.CustomerFilter{Limit: 1})
	if len(cs) == 0 {
		t.Fatal("the seller has no customers")
	}
	c := h.openCard(cs[0].ID)
	_, content := h.pricesTabOf(c)
	for _, key := range []string{"prices.add", "btn.open", "btn.delete"} {
		if !buttonIn(t, content, en(key)).Disabled() {
			t.Errorf("%q is enabled for a seller", en(key))
		}
	}
	if buttonIn(t, content, en("prices.print")).Disabled() {
		t.Error("a seller cannot print the customer's price list")
	}
}
