package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var cardOrderColumns = []column{{"number", 150}, {"date", 100}, {"status", 130}, {"total", 170}, {"owner", 170}}

// ordersTab is the card's tab of the customer's orders or quotes, newest
// first, with new ones made for the customer.
type ordersTab struct {
	c        *customerCard
	kind     *choice
	table    *docTable
	newOrder *widget.Button
	newQuote *widget.Button
	open     *widget.Button
}

// buildOrdersTab is the card tab's build (cardTab.build).
func buildOrdersTab(c *customerCard) fyne.CanvasObject { return newOrdersTab(c).build() }

func newOrdersTab(c *customerCard) *ordersTab { return &ordersTab{c: c} }

func (t *ordersTab) build() fyne.CanvasObject {
	c := t.c
	a := c.a
	t.kind = newChoice(a.T("choose"), "", func(string) { t.reload() })
	var labels, values []string
	for _, k := range orderKinds {
		labels, values = append(labels, a.T("order_kinds."+string(k))), append(values, string(k))
	}
	t.kind.setOptions(labels, values)
	t.kind.set(string(model.DocOrder))
	t.newOrder = widget.NewButtonWithIcon(a.T("orders.new_order"), theme.ContentAddIcon(), func() { t.create(model.DocOrder) })
	t.newQuote = widget.NewButtonWithIcon(a.T("orders.new_quote"), theme.ContentAddIcon(), func() { t.create(model.DocQuote) })
	if !a.canDocs(model.ActCreate) {
		t.newOrder.Hide()
		t.newQuote.Hide()
	}
	t.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { t.table.open() })
	t.open.Disable()
	t.table = newDocTable(a, cardOrderColumns, 3, false, a.openByID)
	t.table.onChange = func() {
		if _, ok := t.table.selected(); ok {
			t.open.Enable()
		} else {
			t.open.Disable()
		}
	}
	tools := container.NewBorder(nil, nil, narrow(t.kind.sel, 180), container.NewHBox(t.newOrder, t.newQuote, t.open))
	obj := container.NewBorder(tools, nil, nil, nil, t.table.object())
	a.loadCatalogDicts(func(d catalogDicts) {
		t.table.cs = d.currencies
		c.onLoad(func(model.CustomerCard) { t.reload() })
	})
	return obj
}

// reload reads the customer's documents of the chosen kind again.
func (t *ordersTab) reload() {
	t.table.load(model.DocFilter{Kind: model.DocKind(t.kind.value()), CustomerID: t.c.id})
}

// create opens the form of a new order or quote for the customer.
func (t *ordersTab) create(kind model.DocKind) {
	a := t.c.a
	a.idle.touch()
	a.shell.push(newOrderForm(a, model.Document{Kind: kind, CustomerID: t.c.id, CustomerName: t.c.data.Customer.Name}))
}
