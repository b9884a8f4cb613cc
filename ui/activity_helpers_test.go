package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// workFixture is what the pipeline's work screens are tested with: a
// customer of the seller and a product with a list price of 1,000.00, a
// cost of 600.00 and a floor of 850.00.
type workFixture struct {
	h    *harness
	cust model.Customer
	prod model.Product
}

func newWorkFixture(h *harness) *workFixture {
	h.t.Helper()
	f := &workFixture{h: h}
	f.prod = h.createProduct(model.Product{SKU: "WRK-1", Name: "Перфоратор проверочный", UnitCode: "796", BasePrice: 100000,
		CostPrice: 60000, FloorPrice: 85000, VAT: model.VATStandard, Active: true})
	var err error
	if f.cust, err = h.session("seller").CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany,
		Name: "Покупатель Воронки"}); err != nil {
		h.t.Fatal(err)
	}
	return f
}

// pipe is the pipeline service of the user with this login, outside the UI.
func (h *harness) pipe(login string) model.PipelineService {
	h.t.Helper()
	return h.store.Services(h.user(login)).Pipeline
}

// loginAs logs in through the login screen as login.
func (h *harness) loginAs(login string) {
	h.t.Helper()
	h.login(login, repo.DemoPassword)
}

// activity saves an activity as the user, outside the UI.
func (f *workFixture) activity(login string, act model.Activity) model.Activity {
	f.h.t.Helper()
	if act.Kind == "" {
		act.Kind = model.ActivityCall
	}
	saved, err := f.h.pipe(login).SaveActivity(f.h.ctx, act)
	if err != nil {
		f.h.t.Fatalf("save activity %q: %v", act.Subject, err)
	}
	return saved
}

// at is today's local date at hour:minute, shifted by days.
func at(days, hour, minute int) time.Time {
	d := localDay(time.Now()).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.Local)
}

// openScreen shows sc as the shell's only screen and waits for its reads.
func (h *harness) openScreen(sc screen) {
	h.t.Helper()
	h.a.shell.open(sc)
	h.settle()
}

// labelWith finds the one visible label under root containing text.
func labelWith(t *testing.T, root fyne.CanvasObject, text string) *widget.Label {
	t.Helper()
	ls := findAll(root, func(l *widget.Label) bool { return l.Visible() && strings.Contains(l.Text, text) })
	if len(ls) != 1 {
		t.Fatalf("labels containing %q: got %d, want 1", text, len(ls))
	}
	return ls[0]
}

// labelsWith finds the visible labels under root whose text starts with
// prefix.
func labelsWith(root fyne.CanvasObject, prefix string) []*widget.Label {
	return findAll(root, func(l *widget.Label) bool { return l.Visible() && strings.HasPrefix(l.Text, prefix) })
}
