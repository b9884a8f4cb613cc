package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var cardDocColumns = []column{{"number", 150}, {"document", 190}, {"date", 100}, {"status", 120}, {"total", 160},
	{"pay_state", 130}}

// docsTab is the card's tab of all the customer's documents, newest first,
// with the contract and statement dialogs.
type docsTab struct {
	c     *customerCard
	kind  *choice
	table *docTable
	open  *widget.Button
}

// buildDocsTab is the card tab's build (cardTab.build).
func buildDocsTab(c *customerCard) fyne.CanvasObject { return newDocsTab(c).build() }

func newDocsTab(c *customerCard) *docsTab { return &docsTab{c: c} }

func (t *docsTab) build() fyne.CanvasObject {
	c := t.c
	a := c.a
	t.kind = newChoice(a.T("docs.any_kind"), a.T("docs.any_kind"), func(string) { t.reload() })
	var labels, values []string
	for _, k := range model.DocKinds {
		labels, values = append(labels, a.T("doc_kind."+string(k))), append(values, string(k))
	}
	t.kind.setOptions(labels, values)
	t.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { t.table.open() })
	t.open.Disable()
	contract := widget.NewButtonWithIcon(a.T("contract.open"), theme.FileTextIcon(), func() { showContractDialog(a, c.id, t.reload) })
	statement := widget.NewButtonWithIcon(a.T("statement.open"), theme.DocumentIcon(), func() { showStatementDialog(a, c.id, t.reload) })
	if !a.canDocs(model.ActCreate) {
		contract.Hide()
		statement.Hide()
	}
	t.table = newDocTable(a, cardDocColumns, 1, false, a.openByID)
	t.table.onChange = func() {
		if _, ok := t.table.selected(); ok {
			t.open.Enable()
		} else {
			t.open.Disable()
		}
	}
	tools := container.NewBorder(nil, nil, container.NewHBox(narrow(t.kind.sel, 220), t.open), container.NewHBox(contract, statement))
	obj := container.NewBorder(tools, nil, nil, nil, t.table.object())
	a.loadCatalogDicts(func(d catalogDicts) {
		t.table.cs = d.currencies
		c.onLoad(func(model.CustomerCard) { t.reload() })
	})
	return obj
}

// reload reads the customer's documents again.
func (t *docsTab) reload() {
	t.table.load(model.DocFilter{Kind: model.DocKind(t.kind.value()), CustomerID: t.c.id})
}
