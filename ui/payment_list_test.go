package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestPaymentListAndReceivables(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newPayFixture(h)
	old := f.invoiceOn(today().AddDate(0, 0, -45), 2)
	cur := f.invoice(1)
	acc := h.session("accountant")
	for i := range 120 {
		p := model.Payment{CustomerID: f.cust.ID, Date: today(), Amount: model.Money(1000 + i), Method: model.PayCard}
		if i == 119 {
			p.Amount, p.Number = cur.Totals.Gross, "п/п 7"
			p.Allocations = []model.Allocation{{InvoiceID: cur.ID, Amount: cur.Totals.Gross - 100}}
		}
		if _, err := acc.RecordPayment(h.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	l := newPaymentList(h.a).(*paymentList)
	h.a.shell.open(l)
	h.settle()

	ag, err := acc.Receivables(h.ctx, today())
	if err != nil {
		t.Fatal(err)
	}
	if ag.Days31to60 < model.Outstanding(old) {
		t.Fatalf("the 45-day-old invoice is not in 31–60: %+v", ag)
	}
	if got, want := l.ageing[1].Text, h.a.money(ag.Days31to60, 2)+" "+l.d.tax.BaseCurrency; got != want {
		t.Errorf("31–60: got %q, want %q", got, want)
	}
	if got, want := l.ageing[4].Text, h.a.money(ag.Total(), 2)+" "+l.d.tax.BaseCurrency; got != want {
		t.Errorf("total: got %q, want %q", got, want)
	}
	if l.ageing[1].Importance != widget.DangerImportance {
		t.Error("overdue receivables are not in red")
	}

	t.Run("newest first, paged", func(t *testing.T) {
		if len(l.rows) != paymentPage {
			t.Fatalf("first page: %d rows", len(l.rows))
		}
		for i := 1; i < len(l.rows); i++ {
			if l.rows[i].Num >= l.rows[i-1].Num {
				t.Fatalf("row %d (num %d) after num %d", i, l.rows[i].Num, l.rows[i-1].Num)
			}
		}
		texts, _ := rowTexts(l.list, 0)
		want := []string{h.a.dayInput(today()), "п/п 7", f.cust.Name, en("pay_method.card"), h.a.money(cur.Totals.Gross, 2) + " RUB",
			h.a.money(cur.Totals.Gross-100, 2), h.a.money(100, 2)}
		for i := range want {
			if texts[i] != want[i] {
				t.Errorf("row 0: %q, want %q", texts, want)
				break
			}
		}
		rowTexts(l.list, paymentPage-10) // scrolling near the end reads on
		h.settle()
		if len(l.rows) < 120 {
			t.Errorf("after scrolling: %d rows, want at least 120", len(l.rows))
		}
	})

	t.Run("filters", func(t *testing.T) {
		h.pickHit(l.cust, "Плательщик", f.cust.Name)
		if len(l.rows) != paymentPage {
			t.Errorf("the customer's payments: %d, want a page of %d", len(l.rows), paymentPage)
		}
		for _, p := range l.rows {
			if p.CustomerID != f.cust.ID {
				t.Fatalf("another customer's payment: %+v", p)
			}
		}
		l.from.SetText(h.a.dayInput(today().AddDate(0, 0, 1)))
		h.settle()
		if len(l.rows) != 0 {
			t.Errorf("payments after tomorrow: %d", len(l.rows))
		}
		l.from.SetText("")
		h.settle()
	})

	t.Run("allocate remainder", func(t *testing.T) {
		if l.allocBtn.Disabled() == false {
			t.Error("Allocate remainder is enabled with nothing selected")
		}
		l.list.Select(0)
		if l.allocBtn.Disabled() {
			t.Error("Allocate remainder is disabled for a payment with a remainder")
		}
	})
}

func TestPaymentListForSeller(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	l := newPaymentList(h.a).(*paymentList)
	h.a.shell.open(l)
	h.settle()
	if l.newBtn.Visible() || l.allocBtn.Visible() {
		t.Errorf("a seller may not record payments: new %v, allocate %v", l.newBtn.Visible(), l.allocBtn.Visible())
	}
}
