package ui

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// TestOrderToCash walks the flow: a new order in the form, priced from the
// catalog; confirmed; the invoice printed to PDF and opened; paid in the
// payment dialog; the invoice then shows paid.
func TestOrderToCash(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	f := newOrderFixture(h)
	dir, opened := printInto(t)

	o := h.openOrderForm(model.Document{Kind: model.DocOrder})
	if o.confirm.Hidden || !o.issue.Hidden || !o.del.Hidden {
		t.Errorf("a new order: confirm hidden %v, issue hidden %v, delete hidden %v", o.confirm.Hidden, o.issue.Hidden, o.del.Hidden)
	}
	h.pickHit(o.cust, "Заказчик пров", f.cust.Name)
	pick(t, o.warehouse, f.wh.ID)
	r := h.fillLine(o, 0, f.goods, "3")
	if !o.checked {
		t.Fatalf("no check after the line: summary %q", o.summary.hint.Text)
	}
	c := h.checkOf("admin", o)
	if got, want := r.price.Text, h.a.moneyInput(c.Lines[0].Price, 2); got != want || r.manual {
		t.Errorf("catalog price: got %q (manual %v), want %q", got, r.manual, want)
	}
	if got, want := r.stock.Text, en("order.available", "1,000"); got != want {
		t.Errorf("stock: got %q, want %q", got, want)
	}
	if total := h.a.docMoney(c.Totals.Gross, "RUB", nil); !hasLabel(o.summary.box, total) {
		t.Errorf("totals %q lack the gross %q", labelsIn(o.summary.box), total)
	}
	if got, want := o.summary.credit.Text, en("order.credit_none"); got != want {
		t.Errorf("credit: got %q, want %q", got, want)
	}

	// A typed price is kept as the seller's.
	r.price.SetText("950")
	h.settle()
	if !r.manual {
		t.Error("a typed price is not taken as manual")
	}
	c = h.checkOf("admin", o)
	if c.Lines[0].Price != 95000 {
		t.Errorf("checked price: got %d, want 95000", c.Lines[0].Price)
	}
	if !hasLabel(o.summary.box, h.a.docMoney(c.Totals.Gross, "RUB", nil)) {
		t.Errorf("totals %q do not follow the typed price", labelsIn(o.summary.box))
	}

	test.Tap(o.confirm)
	h.settle()
	v := h.docView()
	if v.d.Kind != model.DocOrder || v.d.Status != model.StatusPosted || v.d.Number == "" {
		t.Fatalf("after confirming: %s %s %q", v.d.Kind, v.d.Status, v.d.Number)
	}
	var inv, wb model.Document
	for _, d := range v.related {
		switch d.Kind {
		case model.DocInvoice:
			inv = d
		case model.DocWaybill:
			wb = d
		}
	}
	if inv.ID == "" || wb.ID == "" {
		t.Fatalf("related documents: %+v", v.related)
	}
	dlg := h.overlay()
	if want := en("order.confirmed_goods", v.d.Number, inv.Number, wb.Number); !hasLabel(dlg, want) {
		t.Errorf("the confirmation says %q, want %q", labelsIn(dlg), want)
	}
	test.Tap(buttonIn(t, dlg, en("doc.print_of", h.a.docTitle(inv))))
	h.settle()
	files := pdfsIn(t, dir)
	if len(files) != 1 || len(*opened) != 1 || filepath.Base((*opened)[0]) != files[0] {
		t.Fatalf("printed %v, opened %v", files, *opened)
	}
	h.closeDialogs()

	// The invoice through its link: unpaid, then paid in the payment dialog.
	test.Tap(buttonPrefix(t, v.links, h.a.docTitle(inv)))
	iv := h.docView()
	if iv.d.ID != inv.ID {
		t.Fatalf("the link opened %s", iv.d.Number)
	}
	zero, gross := h.a.docMoney(0, inv.Currency, nil), h.a.docMoney(inv.Totals.Gross, inv.Currency, nil)
	if want := en("doc.pay_line", en("pay_state.unpaid"), zero, zero, gross); iv.pay.Text != want {
		t.Errorf("payment line: got %q, want %q", iv.pay.Text, want)
	}
	test.Tap(buttonIn(t, iv.actions, en("pay.register")))
	h.settle()
	test.Tap(buttonIn(t, h.overlay(), en("btn.save")))
	h.settle()
	if got := f.doc(inv.ID); model.InvoiceState(got, today()) != model.PayPaid {
		t.Fatalf("the invoice is %s after paying", model.InvoiceState(got, today()))
	}
	want := en("doc.pay_line", en("pay_state.paid"), gross, zero, zero)
	if iv.pay.Text != want {
		t.Errorf("payment line after paying: got %q, want %q", iv.pay.Text, want)
	}
	if len(findAll(iv.actions, func(b *widget.Button) bool { return b.Text == en("pay.register") })) != 0 {
		t.Error("a paid invoice still offers to register a payment")
	}
}

// TestOrderCreditLimit checks that a seller sees the credit check's figures
// and that approval is needed, that confirming is refused with the figures,
// and that a head approves the exception and confirms.
func TestOrderCreditLimit(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	if _, err := h.session("head").SaveTerms(h.ctx, model.CustomerTerms{CustomerID: f.cust.ID, HasLimit: true,
		CreditLimit: 10000}); err != nil {
		t.Fatal(err)
	}
	o := h.openOrderForm(model.Document{Kind: model.DocOrder, CustomerID: f.cust.ID})
	if o.cust.value.id != f.cust.ID || o.cust.entry.Text != f.cust.Name {
		t.Fatalf("customer prefilled: %q %q", o.cust.value.id, o.cust.entry.Text)
	}
	pick(t, o.warehouse, f.wh.ID)
	h.fillLine(o, 0, f.goods, "2")
	var ce *model.CreditLimitError
	if c := h.checkOf("seller", o); !errors.As(c.Credit, &ce) {
		t.Fatalf("the check passes: %v", c.Credit)
	}
	figures := h.a.creditText(ce, nil)
	if want := figures + "\n" + en("order.credit_need_approval"); o.summary.credit.Text != want {
		t.Errorf("credit panel: got %q, want %q", o.summary.credit.Text, want)
	}
	if !o.approve.Hidden {
		t.Error("a seller is offered to approve")
	}
	test.Tap(o.confirm)
	h.settle()
	if !hasLabel(h.overlay(), figures) {
		t.Errorf("the refusal says %q, want %q", labelsIn(h.overlay()), figures)
	}
	h.closeDialogs()
	if o.doc.ID == "" || o.doc.Status != model.StatusDraft || f.doc(o.doc.ID).Status != model.StatusDraft {
		t.Fatalf("after the refusal the order is %q %s", o.doc.ID, o.doc.Status)
	}
	id := o.doc.ID

	h.a.Logout()
	h.login("head", repo.DemoPassword)
	showDocument(h.a, id)
	o = h.orderForm()
	if o.approve.Hidden {
		t.Fatalf("a head is not offered to approve; credit panel %q", o.summary.credit.Text)
	}
	if want := figures + "\n" + en("order.credit_can_approve"); o.summary.credit.Text != want {
		t.Errorf("credit panel for a head: got %q, want %q", o.summary.credit.Text, want)
	}
	test.Tap(o.approve)
	v := h.dialog()
	v.set(t, en("field.note"), "надёжный клиент")
	test.Tap(v.save)
	h.settle()
	if o.doc.CreditApproved == "" || !o.approve.Hidden {
		t.Fatalf("after approving: %q, approve hidden %v", o.doc.CreditApproved, o.approve.Hidden)
	}
	test.Tap(o.confirm)
	h.settle()
	if !hasLabelPrefix(h.overlay(), en("order.confirmed_title")) {
		t.Fatalf("confirming after the approval: %q", labelsIn(h.overlay()))
	}
	if got := h.docView().d; got.Status != model.StatusPosted || got.CreditApproved == "" {
		t.Errorf("confirmed over the limit: %s, approval %q", got.Status, got.CreditApproved)
	}
}

// TestOrderShortStock marks a line with more than is available and explains
// the refusal to confirm with the product and the figures.
func TestOrderShortStock(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	o := h.openOrderForm(model.Document{Kind: model.DocOrder, CustomerID: f.cust.ID})
	pick(t, o.warehouse, f.wh.ID)
	h.fillLine(o, 0, f.goods, "1")
	short := h.fillLine(o, 1, f.scarce, "5")
	if got := o.lines.short(); !slices.Equal(got, []int{1}) {
		t.Errorf("short rows: got %v, want [1]", got)
	}
	if got, want := short.stock.Text, en("order.short", "2"); got != want || short.stock.Importance != widget.DangerImportance {
		t.Errorf("short line: %q (importance %v), want %q", got, short.stock.Importance, want)
	}
	test.Tap(o.confirm)
	h.settle()
	want := en("err.insufficient_stock_of", f.scarce.Name, en("stock_what.available"), "2", "5")
	if !hasLabel(h.overlay(), want) {
		t.Errorf("the refusal says %q, want %q", labelsIn(h.overlay()), want)
	}
	h.closeDialogs()
	short.qty.SetText("2")
	h.settle()
	if got := o.lines.short(); len(got) != 0 {
		t.Errorf("short rows after fixing: %v", got)
	}
	test.Tap(o.confirm)
	if got := h.docView().d.Status; got != model.StatusPosted {
		t.Errorf("the order is %s", got)
	}
}

// TestOrderFormValidation shows what does not parse beside its line, and
// the service's messages beside the fields.
func TestOrderFormValidation(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	o := h.openOrderForm(model.Document{Kind: model.DocQuote})
	test.Tap(o.save)
	h.settle()
	if got := o.f.errorOf("customer"); got != en("doc.err.customer") {
		t.Errorf("no customer: %q", got)
	}
	h.pickHit(o.cust, "Заказчик пров", f.cust.Name)
	test.Tap(o.save)
	h.settle()
	if !o.lines.msg.Visible() || o.lines.msg.Text != en("doc.err.no_lines") {
		t.Errorf("no lines: %q", o.lines.msg.Text)
	}
	r := h.fillLine(o, 0, f.goods, "abc")
	if !r.msg.Visible() || r.msg.Text != en(msgQty) {
		t.Errorf("a bad quantity: %q", r.msg.Text)
	}
	r.qty.SetText("1")
	o.due.SetText("31.02.2026")
	test.Tap(o.save)
	h.settle()
	if got := o.f.errorOf("valid_until"); got != en(msgDate) {
		t.Errorf("a bad date: %q", got)
	}
	o.due.SetText("")
	test.Tap(o.save)
	h.settle()
	if o.doc.ID == "" || o.status.Text != en("order.saved") {
		t.Fatalf("not saved: %q", o.status.Text)
	}
	if o.del.Hidden || o.toOrder.Hidden {
		t.Errorf("a saved quote: delete hidden %v, make order hidden %v", o.del.Hidden, o.toOrder.Hidden)
	}
}
