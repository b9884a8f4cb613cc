package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// paymentsTabOf opens the customer's card with the payments tab in front and
// waits for it to load. The tab is built here as cardTabs builds it, so the
// test does not depend on where the card lists it.
func (h *harness) paymentsTabOf(customerID string) (*paymentsTab, fyne.CanvasObject) {
	h.t.Helper()
	c := h.openCard(customerID)
	pt := newPaymentsTab(c)
	obj := pt.build()
	c.tabs.Append(container.NewTabItem(h.a.T("nav.payments"), obj))
	c.tabs.SelectIndex(len(c.tabs.Items) - 1)
	h.waitFor("the payments tab", func() bool { return pt.loaded && pt.terms.loaded })
	h.settle()
	return pt, obj
}

func TestPaymentsTabBalanceAndRegister(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newPayFixture(h)
	f.invoiceOn(today().AddDate(0, 0, -45), 1)
	f.invoice(2)
	if _, err := h.session("accountant").RecordPayment(h.ctx, model.Payment{CustomerID: f.cust.ID, Date: today(), Amount: 100000,
		Method: model.PayCash, Number: "ПКО 5"}); err != nil {
		t.Fatal(err)
	}
	pt, obj := h.paymentsTabOf(f.cust.ID)
	b := f.balance()
	for k, m := range map[string]model.Money{"debt": b.Debt, "overdue": b.Overdue, "credit": b.Credit, "invoiced": b.Invoiced, "paid": b.Paid} {
		if got, want := pt.figures[k].Text, h.a.money(m, 2)+" "+b.Currency; got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	if b.Overdue <= 0 || pt.figures["overdue"].Importance != widget.DangerImportance {
		t.Errorf("overdue %d shown with importance %v", b.Overdue, pt.figures["overdue"].Importance)
	}
	if got, want := pt.ageing.Text, en("balance.ageing", h.a.money(b.Ageing.Days0to30, 2), h.a.money(b.Ageing.Days31to60, 2),
		h.a.money(b.Ageing.Days61to90, 2), h.a.money(b.Ageing.Over90, 2)); got != want {
		t.Errorf("ageing: got %q, want %q", got, want)
	}
	if len(pt.rows) != 1 {
		t.Fatalf("payments shown: %d", len(pt.rows))
	}
	texts, _ := rowTexts(pt.list, 0)
	if texts[1] != "ПКО 5" || texts[2] != en("pay_method.cash") || texts[5] != h.a.money(100000, 2) {
		t.Errorf("payment row: %q", texts)
	}
	pt.list.Select(0)
	if pt.allocBtn.Disabled() {
		t.Error("Allocate remainder is disabled for an unallocated payment")
	}

	tap(t, obj, en("pay.register"))
	h.settle()
	dlg := h.overlay()
	if !hasLabel(dlg, f.cust.Name) {
		t.Error("the dialog does not name the customer")
	}
	test.Type(fieldIn(t, dlg, en("field.amount")).entry(t), "500")
	tap(t, dlg, en("pay.auto"))
	tap(t, dlg, en("btn.save"))
	h.settle()
	if len(pt.rows) != 2 {
		t.Errorf("after registering: %d payments shown", len(pt.rows))
	}
}

func TestTermsEditing(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	f := newPayFixture(h)
	pt, _ := h.paymentsTabOf(f.cust.ID)
	te := pt.terms
	if te.hasTerms.Checked || te.hasTerms.Disabled() || !te.prepay.Disabled() || !te.save.Visible() {
		t.Fatalf("initial state: own %v, own disabled %v, prepay disabled %v", te.hasTerms.Checked, te.hasTerms.Disabled(), te.prepay.Disabled())
	}
	if !strings.Contains(te.effective.Text, en("terms.effective_terms", en("terms.none"))) {
		t.Errorf("effective: %q", te.effective.Text)
	}
	te.hasTerms.SetChecked(true)
	te.prepay.SetText("30")
	te.netDays.SetText("14")
	te.hasLimit.SetChecked(true)
	te.limit.SetText("100000")
	pick(t, te.lang, "en")
	test.Tap(te.save)
	h.settle()
	eff, own, err := h.session("head").Terms(h.ctx, f.cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !own.HasTerms || own.Terms.PrepayBP != 3000 || own.Terms.NetDays != 14 || !own.HasLimit || own.CreditLimit != 10000000 || own.DocLang != "en" {
		t.Fatalf("stored: %+v (status %q)", own, te.status.Text)
	}
	if !strings.Contains(te.effective.Text, model.TermsText(eff.Terms, "en")) || te.status.Text != en("settings.saved") {
		t.Errorf("effective %q, status %q", te.effective.Text, te.status.Text)
	}

	t.Run("instalments", func(t *testing.T) {
		test.Tap(te.addInst)
		test.Tap(te.addInst)
		te.insts[0].days.SetText("10")
		te.insts[0].share.SetText("30")
		te.insts[1].days.SetText("30")
		te.insts[1].share.SetText("30")
		test.Tap(te.save)
		if got, want := te.f.errorOf("instalments"), en("terms.err.instalment_sum"); got != want {
			t.Errorf("30 + 30 + 30: message %q, want %q", got, want)
		}
		te.insts[1].share.SetText("40")
		test.Tap(te.save)
		h.settle()
		_, own, _ := h.session("head").Terms(h.ctx, f.cust.ID)
		if len(own.Terms.Instalments) != 2 || own.Terms.Instalments[1] != (model.Instalment{Days: 30, ShareBP: 4000}) {
			t.Errorf("stored schedule: %+v", own.Terms)
		}
		if len(te.insts) != 2 || te.insts[1].share.Text != "40" {
			t.Errorf("schedule shown after saving: %d rows", len(te.insts))
		}
	})

	t.Run("inherited from the group", func(t *testing.T) {
		admin := h.session("admin")
		g, err := admin.SaveGroup(h.ctx, model.CustomerGroup{Name: "Оптовики с лимитом"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := admin.FindCustomerByID(h.ctx, f.cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.GroupID = g.ID
		if _, err := admin.UpdateCustomer(h.ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := admin.SaveTerms(h.ctx, model.CustomerTerms{GroupID: g.ID, HasLimit: true, CreditLimit: 5000000}); err != nil {
			t.Fatal(err)
		}
		te.hasLimit.SetChecked(false)
		test.Tap(te.save)
		h.settle()
		want := en("terms.effective_limit", h.a.money(5000000, 2)+" "+pt.d.tax.BaseCurrency) + " " + en("terms.from_group")
		if !strings.Contains(te.effective.Text, want) {
			t.Errorf("effective: %q, want a line %q", te.effective.Text, want)
		}
		if te.limit.Text != h.moneyText(5000000) || !te.limit.Disabled() {
			t.Errorf("the group's limit is not shown greyed: %q", te.limit.Text)
		}
	})
}

func TestTermsReadOnlyForSeller(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newPayFixture(h)
	pt, _ := h.paymentsTabOf(f.cust.ID)
	te := pt.terms
	if te.save.Visible() || !te.hasTerms.Disabled() || !te.hasLimit.Disabled() || !te.lang.sel.Disabled() || !te.prepay.Disabled() {
		t.Errorf("a seller can edit the terms: save %v, own %v, limit %v", te.save.Visible(), !te.hasTerms.Disabled(), !te.hasLimit.Disabled())
	}
	if te.status.Text != en("terms.read_only") {
		t.Errorf("status: %q", te.status.Text)
	}
	if pt.register.Visible() {
		t.Error("a seller may not register payments")
	}
	built := buildPaymentsTab(h.card()) // as the card's tab registry builds it
	h.settle()
	for _, b := range findAll(built, func(b *widget.Button) bool { return b.Text == en("pay.register") || b.Text == en("btn.save") }) {
		if b.Visible() {
			t.Errorf("a seller sees %q", b.Text)
		}
	}
	if _, err := h.session("seller").SaveTerms(h.ctx, model.CustomerTerms{CustomerID: f.cust.ID, HasLimit: true}); err == nil {
		t.Error("the service let a seller save terms")
	}
}
