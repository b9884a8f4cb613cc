package ui

import (
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// TestOrderListPagesAndFilters searches the orders by customer, pages
// through more than a page, filters by status and kind and opens a draft.
func TestOrderListPagesAndFilters(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	const drafts = docPage + 25
	for range drafts {
		f.draft("seller", model.DocOrder, f.goods, 1)
	}
	res := f.confirmed(1)
	l := newOrderList(h.a).(*orderList)
	h.a.shell.open(l)
	h.waitFor("the orders", func() bool { return !l.table.busy() })
	test.Type(l.search, "заказчик пров")
	h.settle()
	if l.table.total != drafts+1 || len(l.table.rows) != docPage {
		t.Fatalf("found %d, shown %d, want %d and a page of %d", l.table.total, len(l.table.rows), drafts+1, docPage)
	}
	first := docRowTexts(l.table, 0)
	want := []string{res.Order.Number, h.a.dayInput(today()), f.cust.Name, en("doc_status.confirmed"),
		h.a.docMoney(res.Order.Totals.Gross, "RUB", nil), res.Order.OwnerName}
	if fmt.Sprint(first) != fmt.Sprint(want) {
		t.Errorf("newest row: got %q, want %q", first, want)
	}
	docRowTexts(l.table, docPage-1) // scrolling near the end reads the next page
	h.settle()
	if len(l.table.rows) != drafts+1 {
		t.Errorf("after scrolling: %d rows, want %d", len(l.table.rows), drafts+1)
	}
	if got := docRowTexts(l.table, drafts); got[0] != en("doc.draft") || got[3] != en("doc_status.draft") {
		t.Errorf("a draft's row: %q", got)
	}
	pick(t, l.status, string(model.StatusPosted))
	h.settle()
	if len(l.table.rows) != 1 || l.table.rows[0].ID != res.Order.ID {
		t.Errorf("confirmed only: %d rows", len(l.table.rows))
	}
	pick(t, l.kind, string(model.DocQuote))
	h.settle()
	if len(l.table.rows) != 0 || l.status.sel.Options[2] != en("doc_status.issued") {
		t.Errorf("quotes: %d rows, status options %q", len(l.table.rows), l.status.sel.Options)
	}
	pick(t, l.kind, string(model.DocOrder))
	pick(t, l.status, string(model.StatusDraft))
	h.settle()
	l.table.list.Select(3)
	test.Tap(l.open)
	o := h.orderForm()
	if o.doc.ID != l.table.rows[3].ID || o.cust.value.id != f.cust.ID || len(o.lines.rows) != 1 ||
		o.lines.rows[0].line.ProductID != f.goods.ID || o.lines.rows[0].product.entry.Text != f.goods.SKU+" · "+f.goods.Name {
		t.Errorf("opened draft %q for %q with %d rows", o.doc.ID, o.cust.value.id, len(o.lines.rows))
	}
	test.Tap(o.del)
	test.Tap(buttonIn(t, h.overlay(), en("btn.delete")))
	h.settle()
	if _, err := h.session("seller").FindDocumentByID(h.ctx, o.doc.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the deleted draft: %v", err)
	}
	if h.a.shell.screen != l || l.table.total != drafts-1 {
		t.Errorf("back on %T with %d drafts", h.a.shell.screen, l.table.total)
	}
	test.Tap(l.newQuote)
	if o := h.orderForm(); o.doc.Kind != model.DocQuote || o.due != fieldIn(t, o.f.grid, en("field.valid_until")).input {
		t.Errorf("new quote: %s", o.doc.Kind)
	}
}
