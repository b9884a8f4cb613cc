package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestObligationsOverdueHighlighted(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	f := newPayFixture(h)
	old := f.invoiceOn(today().AddDate(0, 0, -45), 1)
	cur := f.invoice(1)
	s := newObligationsScreen(h.a).(*obligationsScreen)
	h.a.shell.open(s)
	h.settle()
	s.f.CustomerID = f.cust.ID // only the fixture's, whatever else the database has
	s.reload()
	h.settle()

	seen := map[string]bool{}
	for i, o := range s.rows {
		texts, labels := rowTexts(s.list, i)
		late := o.Overdue(today())
		wantStatus, wantImp := en("obl_status.open"), widget.MediumImportance
		if late {
			wantStatus, wantImp = en("obl_status.overdue"), widget.DangerImportance
		}
		if got := texts[len(texts)-1]; got != wantStatus {
			t.Errorf("row %d (%s, due %s): status %q, want %q", i, o.DocNumber, o.Due.Format("2006-01-02"), got, wantStatus)
		}
		for _, l := range labels {
			if l.Importance != wantImp {
				t.Errorf("row %d (%s): importance %v, want %v", i, o.DocNumber, l.Importance, wantImp)
				break
			}
		}
		if o.Party == model.CustomerToPay {
			seen[o.DocID+map[bool]string{true: " late", false: " on time"}[late]] = true
		}
		if texts[0] != en("obl_party."+string(o.Party)) || texts[3] != o.DocNumber {
			t.Errorf("row %d: %q", i, texts)
		}
	}
	if !seen[old.ID+" late"] || !seen[cur.ID+" on time"] {
		t.Errorf("payment obligations: %v; want %s late and %s on time", seen, old.Number, cur.Number)
	}

	s.overdue.SetChecked(true)
	h.settle()
	if len(s.rows) == 0 {
		t.Fatal("no overdue obligations")
	}
	for _, o := range s.rows {
		if !o.Overdue(today()) {
			t.Errorf("overdue only shows %+v", o)
		}
	}
	s.overdue.SetChecked(false)
	pick(t, s.party, string(model.OursToDeliver))
	h.settle()
	if len(s.rows) == 0 {
		t.Fatal("no delivery obligations")
	}
	for _, o := range s.rows {
		if o.Party != model.OursToDeliver {
			t.Errorf("ours only shows %+v", o)
		}
	}
	if !s.openBtn.Disabled() {
		t.Error("Open is enabled with nothing selected")
	}
	s.list.Select(0)
	if s.openBtn.Disabled() {
		t.Error("Open is disabled for a selected row")
	}
}
