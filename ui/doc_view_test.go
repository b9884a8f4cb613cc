package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// TestDocViewShipAndCreditNote ships a delivery note and returns part of
// the invoice on a credit note, with the refusals shown where they belong.
func TestDocViewShipAndCreditNote(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	f := newOrderFixture(h)
	res := f.confirmed(5)

	showDocument(h.a, res.Waybill.ID)
	v := h.docView()
	test.Tap(buttonIn(t, v.actions, en("doc.ship")))
	test.Tap(buttonIn(t, h.overlay(), en("doc.ship")))
	h.settle()
	if v.d.Status != model.StatusShipped || f.doc(res.Order.ID).Status != model.StatusShipped {
		t.Fatalf("after shipping: waybill %s, order %s", v.d.Status, f.doc(res.Order.ID).Status)
	}
	if got := h.stockOf(f.goods.ID); got != 995*model.QtyOne {
		t.Errorf("on hand after shipping: %d", got)
	}
	if len(findAll(v.actions, func(b *widget.Button) bool { return b.Text == en("doc.ship") })) != 0 {
		t.Error("a shipped delivery note still offers to ship")
	}

	showDocument(h.a, res.Invoice.ID)
	iv := h.docView()
	test.Tap(buttonIn(t, iv.actions, en("doc.credit_note")))
	dlg := h.overlay()
	qty := findAll(dlg, func(e *widget.Entry) bool { return e.PlaceHolder == "0" })
	if len(qty) != 1 {
		t.Fatalf("credit note lines: %d entries", len(qty))
	}
	qty[0].SetText("9")
	test.Tap(buttonIn(t, dlg, en("doc.credit_make")))
	if got := fieldIn(t, dlg, en("field.reason")).errorText(); got != en("doc.err.reason") {
		t.Errorf("no reason: %q", got)
	}
	fieldIn(t, dlg, en("field.reason")).entry(t).SetText("брак")
	test.Tap(buttonIn(t, dlg, en("doc.credit_make")))
	if !hasLabel(dlg, en("doc.err.credit_qty")) {
		t.Errorf("too much returned: %q", labelsIn(dlg))
	}
	qty[0].SetText("2")
	test.Tap(buttonIn(t, dlg, en("doc.credit_make")))
	cv := h.docView()
	if cv.d.Kind != model.DocCreditNote || cv.d.BaseID != res.Invoice.ID || cv.d.Totals.Gross >= 0 {
		t.Fatalf("credit note: %s base %s gross %d", cv.d.Kind, cv.d.BaseID, cv.d.Totals.Gross)
	}
	if got := h.stockOf(f.goods.ID); got != 997*model.QtyOne {
		t.Errorf("on hand after the return: %d", got)
	}
	h.a.shell.back()
	h.settle()
	inv := f.doc(res.Invoice.ID)
	want := en("doc.pay_line", en("pay_state.unpaid"), h.a.docMoney(0, inv.Currency, nil),
		h.a.docMoney(inv.Credited, inv.Currency, nil), h.a.docMoney(model.Outstanding(inv), inv.Currency, nil))
	if inv.Credited != cv.d.Totals.Gross || iv.pay.Text != want {
		t.Errorf("invoice after the return: credited %d, line %q, want %q", inv.Credited, iv.pay.Text, want)
	}
}

// TestDocViewCancelAndReissue cancels an order with a reason (its invoice
// goes with it) and reissues the cancelled invoice as a new posted one.
func TestDocViewCancelAndReissue(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	res := f.confirmed(1)

	showDocument(h.a, res.Order.ID)
	v := h.docView()
	test.Tap(buttonIn(t, v.actions, en("doc.cancel")))
	dv := h.dialog()
	test.Tap(dv.save)
	if got := fieldIn(t, dv.root, en("field.reason")).errorText(); got != en("doc.err.reason") {
		t.Errorf("no reason: %q", got)
	}
	dv.set(t, en("field.reason"), "клиент передумал")
	test.Tap(dv.save)
	h.settle()
	if v.d.Status != model.StatusCancelled || v.d.Reason != "клиент передумал" {
		t.Fatalf("after cancelling: %s %q", v.d.Status, v.d.Reason)
	}
	if got := f.doc(res.Invoice.ID).Status; got != model.StatusCancelled {
		t.Errorf("the invoice is %s", got)
	}
	if !hasLabel(v.info, "клиент передумал") {
		t.Errorf("the reason is not shown: %q", labelsIn(v.info))
	}

	showDocument(h.a, res.Invoice.ID)
	iv := h.docView()
	test.Tap(buttonIn(t, iv.actions, en("doc.reissue")))
	test.Tap(buttonIn(t, h.overlay(), en("doc.reissue")))
	nv := h.docView()
	if nv.d.ID == res.Invoice.ID || nv.d.Kind != model.DocInvoice || nv.d.Status != model.StatusPosted ||
		nv.d.ReplacesID != res.Invoice.ID || nv.d.Number == "" || nv.d.Number == res.Invoice.Number {
		t.Fatalf("reissued: %s %s %q replaces %q", nv.d.Kind, nv.d.Status, nv.d.Number, nv.d.ReplacesID)
	}
	if len(findAll(nv.links, func(b *widget.Button) bool { return b.Text == h.a.docTitle(iv.d)+" · "+h.a.docStatus(iv.d) })) != 1 {
		t.Errorf("the new invoice does not link the cancelled one: %d links", len(nv.links.Objects))
	}
}

// TestDocQuoteToOrder issues a quote from the form, makes an order of it
// in its view, and confirms the order at the quoted prices.
func TestDocQuoteToOrder(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	o := h.openOrderForm(model.Document{Kind: model.DocQuote, CustomerID: f.cust.ID})
	pick(t, o.warehouse, f.wh.ID)
	r := h.fillLine(o, 0, f.goods, "4")
	r.price.SetText("990")
	h.settle()
	test.Tap(o.issue)
	qv := h.docView()
	if qv.d.Kind != model.DocQuote || qv.d.Status != model.StatusPosted || qv.d.ValidUntil.IsZero() {
		t.Fatalf("issued: %s %s valid until %v", qv.d.Kind, qv.d.Status, qv.d.ValidUntil)
	}
	test.Tap(buttonIn(t, qv.actions, en("order.from_quote")))
	no := h.orderForm()
	if no.doc.Kind != model.DocOrder || no.doc.BaseID != qv.d.ID || len(no.lines.rows) != 1 {
		t.Fatalf("order from the quote: %s base %q, %d rows", no.doc.Kind, no.doc.BaseID, len(no.lines.rows))
	}
	if row := no.lines.rows[0]; !row.manual || row.price.Text != "990.00" {
		t.Errorf("the quoted price: %q manual %v", row.price.Text, row.manual)
	}
	test.Tap(no.confirm)
	ov := h.docView()
	if ov.d.Status != model.StatusPosted || ov.d.Lines[0].Price != 99000 {
		t.Errorf("confirmed: %s at %d", ov.d.Status, ov.d.Lines[0].Price)
	}
}
