package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// dealFixture is what the deal screens are tested with: a customer of the
// seller and two products (a list price of 1,000.00 with a floor of 850.00,
// and one of 500.00).
type dealFixture struct {
	h     *harness
	cust  model.Customer
	brick model.Product
	tile  model.Product
}

func newDealFixture(h *harness) *dealFixture {
	h.t.Helper()
	f := &dealFixture{h: h}
	f.brick = h.createProduct(model.Product{SKU: "DEAL-1", Name: "Кирпич для сделки", UnitCode: "796", BasePrice: 100000,
		CostPrice: 60000, FloorPrice: 85000, VAT: model.VATStandard, Active: true})
	f.tile = h.createProduct(model.Product{SKU: "DEAL-2", Name: "Плитка для сделки", UnitCode: "796", BasePrice: 50000,
		VAT: model.VATStandard, Active: true})
	var err error
	if f.cust, err = h.session("seller").CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany,
		Name: "Покупатель Сделок"}); err != nil {
		h.t.Fatal(err)
	}
	return f
}

// dealSvc is the pipeline service of the user with this login, outside the
// UI (the session itself while Store.Services does not offer it yet).
func (h *harness) dealSvc(login string) model.PipelineService {
	h.t.Helper()
	u := h.user(login)
	if svc := h.store.Services(u).Pipeline; svc != nil {
		return svc
	}
	return h.store.Session(u)
}

// dealLogin logs in through the login screen and makes sure the App has
// the pipeline service.
func (h *harness) dealLogin(login string) {
	h.t.Helper()
	h.login(login, repo.DemoPassword)
	if h.a.svc.Pipeline == nil {
		h.a.svc.Pipeline = h.store.Session(h.a.svc.User)
	}
}

// saveDeal saves a deal as the user, outside the UI.
func (f *dealFixture) saveDeal(login string, d model.Deal) model.Deal {
	f.h.t.Helper()
	if d.CustomerID == "" {
		d.CustomerID = f.cust.ID
	}
	saved, err := f.h.dealSvc(login).SaveDeal(f.h.ctx, d)
	if err != nil {
		f.h.t.Fatalf("save deal %q: %v", d.Title, err)
	}
	return saved
}

// deal reads a deal as the administrator.
func (f *dealFixture) deal(id string) model.Deal {
	f.h.t.Helper()
	d, err := f.h.dealSvc("admin").FindDealByID(f.h.ctx, id)
	if err != nil {
		f.h.t.Fatal(err)
	}
	return d
}

// stage is the default pipeline's stage with code.
func (f *dealFixture) stage(code string) model.Stage {
	f.h.t.Helper()
	ps, err := f.h.dealSvc("admin").Pipelines(f.h.ctx)
	if err != nil {
		f.h.t.Fatal(err)
	}
	for _, p := range ps {
		if !p.IsDefault {
			continue
		}
		for _, s := range p.Stages {
			if s.Code == code {
				return s
			}
		}
	}
	f.h.t.Fatalf("no stage %q", code)
	return model.Stage{}
}

// dealForm is the deal form on top of the shell, loaded.
func (h *harness) dealForm() *dealForm {
	h.t.Helper()
	h.settle()
	df, ok := h.a.shell.screen.(*dealForm)
	if !ok {
		h.t.Fatalf("screen is %T, want *dealForm", h.a.shell.screen)
	}
	h.waitFor("the deal form to load", func() bool { return df.loaded })
	h.settle()
	return df
}

// openBoard shows the board and waits for it.
func (h *harness) openBoard() *dealBoard {
	h.t.Helper()
	b := newDealBoard(h.a)
	h.a.shell.open(b)
	h.waitFor("the board", func() bool { return b.loaded })
	h.settle()
	return b
}

// boardCard finds the deal's card on the board: its column and the card.
func boardCard(t *testing.T, b *dealBoard, id string) (int, model.DealCard) {
	t.Helper()
	for i, col := range b.board.Columns {
		for _, c := range col.Cards {
			if c.ID == id {
				return i, c
			}
		}
	}
	t.Fatalf("no card of deal %s on the board", id)
	return -1, model.DealCard{}
}

// answerMove fills the move dialog on screen (a result, or the lost reason
// by name) and presses Move.
func (h *harness) answerMove(result, reason string) {
	h.t.Helper()
	d := h.overlay()
	if result != "" {
		fieldIn(h.t, d, en("field.result")).entry(h.t).SetText(result)
	}
	if reason != "" {
		sels := findAll[*widget.Select](d, nil)
		if len(sels) != 1 {
			h.t.Fatalf("move dialog: %d selects, want 1", len(sels))
		}
		sels[0].SetSelected(reason)
	}
	test.Tap(buttonIn(h.t, d, en("deal.move")))
	h.settle()
}

// typeInto types text into an entry, replacing what it had.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// labelsOf are the texts of the visible labels under root, joined.
func labelsOf(root fyne.CanvasObject) string {
	var out []string
	for _, l := range findAll(root, func(l *widget.Label) bool { return l.Visible() && l.Text != "" }) {
		out = append(out, l.Text)
	}
	return strings.Join(out, " | ")
}
