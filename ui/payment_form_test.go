package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// openPayment opens the payment dialog and waits for the invoices.
func (h *harness) openPayment(customerID, invoiceID string, done func()) *paymentForm {
	h.t.Helper()
	pf := openPaymentForm(h.a, customerID, invoiceID, done)
	h.waitFor("the open invoices", func() bool { return pf.loaded || customerID == "" })
	h.settle()
	return pf
}

// entryOf is the allocation entry of an invoice in the dialog.
func entryOf(t *testing.T, pf *paymentForm, invoiceID string) int {
	t.Helper()
	for i, d := range pf.alloc.invoices {
		if d.ID == invoiceID {
			return i
		}
	}
	t.Fatalf("invoice %s is not offered (%d offered)", invoiceID, len(pf.alloc.invoices))
	return -1
}

func TestPaymentPartialThenRest(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newPayFixture(h)
	inv := f.invoice(3)
	gross := inv.Totals.Gross
	half := gross / 2

	dones := 0
	pf := h.openPayment(f.cust.ID, "", func() { dones++ })
	i := entryOf(t, pf, inv.ID)
	test.Type(pf.amount, h.moneyText(half))
	test.Tap(pf.alloc.auto)
	if got, want := pf.alloc.entries[i].Text, h.moneyText(half); got != want {
		t.Errorf("auto allocation: got %q, want %q", got, want)
	}
	if got, want := pf.alloc.rest.Text, en("pay.rest", h.a.money(0, 2)); got != want {
		t.Errorf("remainder: got %q, want %q", got, want)
	}
	pf.number.SetText("п/п 101")
	test.Tap(pf.save)
	h.settle()
	if dones != 1 || h.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("after save: done %d times, status %q, amount error %q", dones, pf.status.Text, pf.f.errorOf("amount"))
	}
	d := f.doc(inv.ID)
	if d.Paid != half || model.InvoiceState(d, today()) != model.PayPartly {
		t.Errorf("invoice after half: paid %d of %d, state %s", d.Paid, gross, model.InvoiceState(d, today()))
	}
	ps := f.payments()
	if len(ps) != 1 || ps[0].Number != "п/п 101" || ps[0].Method != model.PayBank || ps[0].Allocated != half {
		t.Errorf("stored payments: %+v", ps)
	}
	for _, o := range f.obligations(model.CustomerToPay) {
		if o.Status != model.ObligationOpen || o.Done != half {
			t.Errorf("obligation after half: %+v", o)
		}
	}

	// The rest: the invoice chosen beforehand brings its outstanding amount.
	pf = h.openPayment(f.cust.ID, inv.ID, func() { dones++ })
	i = entryOf(t, pf, inv.ID)
	rest := gross - half
	if pf.amount.Text != h.moneyText(rest) || pf.alloc.entries[i].Text != h.moneyText(rest) {
		t.Errorf("preselected: amount %q, allocation %q, want %q", pf.amount.Text, pf.alloc.entries[i].Text, h.moneyText(rest))
	}
	pick(t, pf.method, string(model.PayCash))
	test.Tap(pf.save)
	h.settle()
	if dones != 2 {
		t.Fatalf("the rest was not saved: %q", pf.status.Text)
	}
	if d := f.doc(inv.ID); model.InvoiceState(d, today()) != model.PayPaid || d.Paid != gross {
		t.Errorf("invoice after the rest: paid %d of %d", d.Paid, gross)
	}
	obs := f.obligations(model.CustomerToPay)
	if len(obs) == 0 {
		t.Fatal("no payment obligations")
	}
	for _, o := range obs {
		if o.Status != model.ObligationDone {
			t.Errorf("obligation after the rest: %+v", o)
		}
	}
	if b := f.balance(); b.Debt != 0 || b.Credit != 0 {
		t.Errorf("balance: %+v", b)
	}
}

func TestPaymentOverpaymentLeavesCredit(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newPayFixture(h)
	inv := f.invoice(1)
	gross := inv.Totals.Gross
	pf := h.openPayment(f.cust.ID, "", nil)
	test.Type(pf.amount, h.moneyText(gross+50000))
	test.Tap(pf.alloc.auto)
	if got, want := pf.alloc.rest.Text, en("pay.rest", h.a.money(50000, 2)); got != want {
		t.Errorf("remainder: got %q, want %q", got, want)
	}
	test.Tap(pf.save)
	h.settle()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the dialog stays: %q", pf.status.Text)
	}
	if b := f.balance(); b.Credit != 50000 || b.Debt != -50000 {
		t.Errorf("balance after overpaying: credit %d, debt %d", b.Credit, b.Debt)
	}
	if d := f.doc(inv.ID); model.InvoiceState(d, today()) != model.PayPaid {
		t.Errorf("the invoice is %s", model.InvoiceState(d, today()))
	}

	// The credit goes to the next invoice from the payments list.
	next := f.invoice(1)
	l := newPaymentList(h.a).(*paymentList)
	h.a.shell.open(l)
	h.settle()
	if len(l.rows) == 0 {
		t.Fatal("the list is empty")
	}
	row := -1
	for i, p := range l.rows {
		if p.CustomerID == f.cust.ID {
			row = i
		}
	}
	l.list.Select(row)
	if l.allocBtn.Disabled() {
		t.Fatal("Allocate remainder is disabled for a payment with credit")
	}
	test.Tap(l.allocBtn)
	h.settle()
	dlg := h.overlay()
	rest := fieldIn(t, dlg, en("pay.unallocated")).entry(t)
	if got, want := rest.Text, h.moneyText(50000); got != want || !rest.Disabled() {
		t.Errorf("remainder shown: %q (disabled %v), want %q", got, rest.Disabled(), want)
	}
	if hasLabel(dlg, inv.Number) || !hasLabel(dlg, next.Number) {
		t.Errorf("offered invoices: paid %s shown %v, open %s shown %v", inv.Number, hasLabel(dlg, inv.Number), next.Number, hasLabel(dlg, next.Number))
	}
	tap(t, dlg, en("pay.auto"))
	tap(t, dlg, en("btn.save"))
	h.settle()
	if d := f.doc(next.ID); d.Paid != 50000 {
		t.Errorf("next invoice paid %d, want 50000", d.Paid)
	}
	if ps := f.payments(); ps[0].Allocated != ps[0].Amount {
		t.Errorf("payment after allocating the rest: %+v", ps[0])
	}
	for _, p := range l.rows {
		if p.CustomerID == f.cust.ID && p.Allocated != gross+50000 {
			t.Errorf("the list was not refreshed: allocated %d", p.Allocated)
		}
	}
}

func TestPaymentAllocationOverOutstandingRefused(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	f := newPayFixture(h)
	inv := f.invoice(1)
	pf := h.openPayment(f.cust.ID, "", nil)
	test.Type(pf.amount, "abc")
	test.Tap(pf.save)
	if got := pf.f.errorOf("amount"); got != en(msgMoney) {
		t.Errorf("amount error: %q", got)
	}
	over := inv.Totals.Gross + 100
	pf.amount.SetText(h.moneyText(over))
	i := entryOf(t, pf, inv.ID)
	pf.alloc.entries[i].SetText(h.moneyText(over))
	test.Tap(pf.save)
	h.settle()
	if got, want := pf.alloc.errorOf(inv.ID), en("pay.err.alloc_over"); got != want {
		t.Errorf("message beside the invoice: got %q, want %q", got, want)
	}
	if pf.f.errorOf("amount") != "" || pf.status.Text != en("err.fix_fields") {
		t.Errorf("amount error %q, status %q", pf.f.errorOf("amount"), pf.status.Text)
	}
	if ps := f.payments(); len(ps) != 0 {
		t.Errorf("a refused payment was stored: %+v", ps)
	}
	pf.alloc.entries[i].SetText("x")
	test.Tap(pf.save)
	if got := pf.alloc.errorOf(inv.ID); got != en(msgMoney) {
		t.Errorf("unparsable allocation: %q", got)
	}
}
