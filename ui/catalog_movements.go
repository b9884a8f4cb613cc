package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// movementLimit is how many of a product's latest movements the history shows.
const movementLimit = 500

var movementColumns = []column{{"when", 150}, {"kind", 120}, {"from", 200}, {"to", 200}, {"qty", 100}, {"note", 170}, {"user", 150}}

// movementHistory is the dialog of a product's stock movements, newest first.
type movementHistory struct {
	a      *App
	d      catalogDicts
	p      model.Product
	moves  []model.StockMovement
	users  map[string]string // full names by ID
	table  *widget.Table
	count  *widget.Label
	loaded bool
}

// showMovements opens the history of p's stock movements.
func (a *App) showMovements(p model.Product, d catalogDicts) *movementHistory {
	mh := &movementHistory{a: a, d: d, p: p, users: map[string]string{}}
	var header fyne.CanvasObject
	mh.table, header = newTable(a, movementColumns, func() (int, int) { return len(mh.moves), len(movementColumns) }, mh.cell)
	for i, cell := range header.(*fyne.Container).Objects {
		if movementColumns[i].key == "qty" {
			cell.(*fyne.Container).Objects[0].(*widget.Label).Alignment = fyne.TextAlignTrailing
		}
	}
	mh.count = widget.NewLabel(a.T("customers.loading"))
	content := container.NewBorder(header, mh.count, nil, nil, mh.table)
	dlg := dialog.NewCustom(a.T("movements.title", p.Name), a.T("btn.close"), content, a.win)
	dlg.Resize(fyne.NewSize(1120, 560))
	dlg.Show()
	mh.load()
	return mh
}

// load reads the movements and the users' names in the background.
func (mh *movementHistory) load() {
	a := mh.a
	id := mh.p.ID
	a.background(func() {
		moves, err := a.svc.Catalog.Movements(a.ctx, model.MovementFilter{ProductID: id, Limit: movementLimit})
		users, uerr := a.svc.Users.FindUsers(a.ctx)
		fyne.Do(func() {
			if err := errors.Join(err, uerr); err != nil {
				a.showErr(err)
			}
			for _, u := range users {
				mh.users[u.ID] = u.FullName
			}
			mh.moves, mh.loaded = moves, true
			mh.table.Refresh()
			switch {
			case len(moves) == 0:
				mh.count.SetText(a.T("movements.none"))
			case len(moves) == movementLimit:
				mh.count.SetText(a.T("movements.latest", a.tr.Int(movementLimit)))
			default:
				mh.count.SetText(a.N("movements.count", int64(len(moves))))
			}
		})
	})
}

func (mh *movementHistory) cell(id widget.TableCellID, l *widget.Label) {
	a := mh.a
	key := movementColumns[id.Col].key
	l.Alignment = fyne.TextAlignLeading
	if key == "qty" {
		l.Alignment = fyne.TextAlignTrailing
	}
	if id.Row >= len(mh.moves) {
		l.SetText("")
		return
	}
	m := mh.moves[id.Row]
	text := ""
	switch key {
	case "when":
		text = a.tr.DateTime(m.At)
	case "kind":
		text = a.T("stock_move." + string(m.Kind))
	case "from":
		if m.FromID != "" {
			text = mh.d.warehouseName(m.FromID)
		}
	case "to":
		if m.ToID != "" {
			text = mh.d.warehouseName(m.ToID)
		}
	case "qty":
		text = movementSign(m.Kind) + a.qty(m.Qty) + " " + a.unitSymbol(mh.p.UnitCode)
	case "note":
		text = m.Note
		if m.DocRef != "" {
			text = m.DocRef + " " + text
		}
	case "user":
		text = mh.users[m.UserID]
	}
	l.SetText(text)
}

// movementSign is how a kind changes the stock on hand: "+", "−" or "" (a
// transfer or a reservation leaves the total on hand as it is).
func movementSign(k model.MovementKind) string {
	switch k {
	case model.MoveReceipt:
		return "+"
	case model.MoveWriteOff, model.MoveShip:
		return "−"
	}
	return ""
}

// movementKinds are every movement kind the history may show.
var movementKinds = []model.MovementKind{model.MoveReceipt, model.MoveWriteOff, model.MoveTransfer, model.MoveReserve,
	model.MoveUnreserve, model.MoveShip}
