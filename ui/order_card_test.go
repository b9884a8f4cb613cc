package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// withDocTabs gives the card the orders and documents tabs for a test.
func withDocTabs(t *testing.T) {
	t.Helper()
	old := cardTabs
	cardTabs = []cardTab{{key: "profile", title: "card.profile", visible: canReadCustomers, build: buildProfileTab},
		{key: "orders", title: "nav.orders", visible: canReadCustomers, build: buildOrdersTab},
		{key: "docs", title: "nav.documents", visible: canReadCustomers, build: buildDocsTab}}
	t.Cleanup(func() { cardTabs = old })
}

// TestOrderCardTabs lists a customer's orders and documents on the card and
// makes a new order for the customer from it.
func TestOrderCardTabs(t *testing.T) {
	withDocTabs(t)
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	res := f.confirmed(1)
	f.draft("seller", model.DocQuote, f.goods, 2)
	c := h.openCard(f.cust.ID)

	orders := h.tab(c, "nav.orders")
	h.settle()
	if !hasLabel(orders, res.Order.Number) || hasLabel(orders, res.Invoice.Number) || hasLabel(orders, en("doc.draft")) {
		t.Errorf("orders tab: %q", labelsIn(orders))
	}
	quotes := findAll(orders, func(s *widget.Select) bool { return s.Selected == en("order_kinds.order") })
	if len(quotes) != 1 {
		t.Fatalf("orders tab: %d kind choices", len(quotes))
	}
	quotes[0].SetSelected(en("order_kinds.quote"))
	h.settle()
	if !hasLabel(orders, en("doc.draft")) || hasLabel(orders, res.Order.Number) {
		t.Errorf("quotes on the tab: %q", labelsIn(orders))
	}
	test.Tap(buttonIn(t, orders, en("orders.new_order")))
	o := h.orderForm()
	if o.doc.Kind != model.DocOrder || o.cust.value.id != f.cust.ID || o.cust.entry.Text != f.cust.Name {
		t.Errorf("new order from the card: %s for %q %q", o.doc.Kind, o.cust.value.id, o.cust.entry.Text)
	}
	h.a.shell.back()
	h.settle()

	docs := h.tab(c, "nav.documents")
	h.settle()
	for _, n := range []string{res.Order.Number, res.Invoice.Number, res.Waybill.Number, en("doc.draft")} {
		if !hasLabel(docs, n) {
			t.Errorf("documents tab lacks %q: %q", n, labelsIn(docs))
		}
	}
	test.Tap(buttonIn(t, docs, en("statement.open")))
	if top := h.win.Canvas().Overlays().Top(); top == nil {
		t.Error("no statement dialog")
	}
	h.closeDialogs()
	test.Tap(buttonIn(t, docs, en("contract.open")))
	h.settle()
	if top := h.win.Canvas().Overlays().Top(); top == nil {
		t.Error("no contract dialog")
	}
	h.closeDialogs()
}
