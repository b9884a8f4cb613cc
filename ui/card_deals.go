package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// cardDealsLimit bounds the card's read of a customer's deals.
const cardDealsLimit = 500

var cardDealColumns = []column{{"deal_title", 240}, {"stage", 160}, {"amount", 150}, {"expected_close", 110}, {"responsible", 150},
	{"deal_owner", 150}}

// dealsTab is the card's tab of the customer's deals, the newest changed
// first, with a new deal made for the customer.
type dealsTab struct {
	c     *customerCard
	d     dealDicts
	rows  []model.Deal
	sel   int
	table *widget.Table
	count *widget.Label
	open  *widget.Button
	gen   int
}

// buildDealsTab is the card tab's build (cardTab.build).
func buildDealsTab(c *customerCard) fyne.CanvasObject { return (&dealsTab{c: c, sel: -1}).build() }

func (t *dealsTab) build() fyne.CanvasObject {
	a := t.c.a
	add := widget.NewButtonWithIcon(a.T("deals.new"), theme.ContentAddIcon(), func() { newDealFor(a, t.c.id) })
	if !model.Can(a.svc.User.Role, model.EntityDeal, model.ActCreate) {
		add.Hide()
	}
	t.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), t.openSelected)
	t.open.Disable()
	var header fyne.CanvasObject
	t.table, header = newTable(a, cardDealColumns, func() (int, int) { return len(t.rows), len(cardDealColumns) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) { t.sel = id.Row; a.idle.touch(); t.open.Enable() }
	t.count = widget.NewLabel("")
	t.count.Importance = widget.LowImportance
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(add, t.open))
	a.loadDealDicts(func(d dealDicts) {
		t.d = d
		t.c.onLoad(func(model.CustomerCard) { t.reload() })
	})
	return container.NewBorder(container.NewVBox(tools, header), t.count, nil, nil, t.table)
}

func (t *dealsTab) cell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(t.rows) {
		return
	}
	d := t.rows[id.Row]
	l.Importance = widget.MediumImportance
	if d.Status == model.DealLost {
		l.Importance = widget.LowImportance
	}
	text := t.c.a.dealCell(d, cardDealColumns[id.Col].key, t.d)
	if cardDealColumns[id.Col].key == "stage" && d.Status != model.DealOpen {
		text = dealStatusText(t.c.a, d.Status)
	}
	l.SetText(text)
}

// reload reads the customer's deals.
func (t *dealsTab) reload() {
	a := t.c.a
	t.gen++
	gen := t.gen
	id := t.c.id
	a.background(func() {
		rows, err := a.svc.Pipeline.FindDeals(a.ctx, model.DealFilter{CustomerID: id, Sort: model.DealSortUpdated, Desc: true,
			Limit: cardDealsLimit})
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			t.rows, t.sel = rows, -1
			t.table.UnselectAll()
			t.table.Refresh()
			t.open.Disable()
			t.count.SetText(a.N("deals.count", int64(len(rows))))
		})
	})
}

func (t *dealsTab) openSelected() {
	if t.sel >= 0 && t.sel < len(t.rows) {
		openDeal(t.c.a, t.rows[t.sel].ID)
	}
}
