package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// stockMoves are the movements entered by hand, with their buttons' icons.
var stockMoves = []struct {
	kind model.MovementKind
	icon fyne.Resource
}{{model.MoveReceipt, theme.ContentAddIcon()}, {model.MoveWriteOff, theme.ContentRemoveIcon()},
	{model.MoveTransfer, theme.MailForwardIcon()}}

// stockPanel shows a product's stock per warehouse under its form, with
// buttons for a receipt, a write-off and a transfer. It is shown for goods
// that have been saved.
type stockPanel struct {
	a      *App
	d      catalogDicts
	p      model.Product
	box    *fyne.Container
	rows   *fyne.Container
	status *widget.Label
	bals   []model.StockBalance
	gen    int
	resize func() // lays out what holds the panel after it grew or shrank
}

func newStockPanel(a *App) *stockPanel { return &stockPanel{a: a} }

func (s *stockPanel) build() fyne.CanvasObject {
	a := s.a
	title := widget.NewLabelWithStyle(a.T("stock.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.rows = container.NewVBox()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox()
	if model.Can(a.svc.User.Role, model.EntityStock, model.ActCreate) {
		for _, m := range stockMoves {
			buttons.Add(widget.NewButtonWithIcon(a.T("stock_move."+string(m.kind)), m.icon, func() { s.move(m.kind) }))
		}
	}
	s.box = container.NewVBox(widget.NewSeparator(), title, s.rows, buttons, s.status)
	s.box.Hide()
	return s.box
}

func (s *stockPanel) setDicts(d catalogDicts) { s.d = d }

// show shows the stock of p, or hides the panel for what has none.
func (s *stockPanel) show(p model.Product) {
	s.p = p
	if p.ID == "" || p.Kind != model.KindGoods {
		s.box.Hide()
		s.resized()
		return
	}
	s.box.Show()
	s.resized()
	s.reload()
}

// reload reads the balances in the background.
func (s *stockPanel) reload() {
	a := s.a
	s.gen++
	gen, id := s.gen, s.p.ID
	a.background(func() {
		bals, err := a.svc.Catalog.Stock(a.ctx, id)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.bals = bals
			s.showRows()
		})
	})
}

// stockCols are the widths of the stock table's columns: warehouse, on hand,
// reserved, available.
var stockCols = colLayout{widths: []float32{300, 120, 120, 120}, mins: []float32{160, 90, 90, 90}, flex: -1}

func (s *stockPanel) showRows() {
	a := s.a
	s.rows.Objects = nil
	row := func(bold bool, texts ...string) {
		var cells []fyne.CanvasObject
		for i, t := range texts {
			l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, l)
		}
		s.rows.Add(container.New(stockCols, cells...))
	}
	row(true, a.T("col.warehouse"), a.T("col.on_hand"), a.T("col.reserved"), a.T("col.available"))
	if len(s.bals) == 0 {
		row(false, a.T("stock.none"), "", "", "")
	}
	for _, b := range s.bals {
		row(false, s.d.warehouseName(b.WarehouseID), a.qty(b.OnHand), a.qty(b.Reserved), a.qty(b.Available()))
	}
	s.rows.Refresh()
	s.resized()
}

func (s *stockPanel) resized() {
	if s.resize != nil {
		s.resize()
	}
}

// stockDialog is the open movement dialog.
type stockDialog struct {
	s        *stockPanel
	kind     model.MovementKind
	f        *form
	from, to *choice
	status   *widget.Label
	dlg      dialog.Dialog
}

// move opens the dialog of a receipt, write-off or transfer.
func (s *stockPanel) move(kind model.MovementKind) {
	a := s.a
	sd := &stockDialog{s: s, kind: kind, f: newForm(a)}
	labels, values := warehouseOptions(s.d.warehouses)
	first := ""
	if len(values) > 0 {
		first = values[0]
	}
	if kind != model.MoveReceipt {
		sd.from = newChoice(a.T("choose"), "", nil)
		sd.from.setOptions(labels, values)
		sd.from.set(first)
		sd.f.add("from", sd.from.sel)
	}
	if kind != model.MoveWriteOff {
		sd.to = newChoice(a.T("choose"), "", nil)
		sd.to.setOptions(labels, values)
		if kind == model.MoveReceipt {
			sd.to.set(first)
		}
		sd.f.add("to", sd.to.sel)
	}
	sd.f.entry("qty", "").SetPlaceHolder(a.T("stock.qty_hint", a.unitSymbol(s.p.UnitCode)))
	sd.f.entry("note", "")
	sd.status = widget.NewLabel("")
	sd.status.Importance = widget.DangerImportance
	sd.status.Wrapping = fyne.TextWrapWord
	save := widget.NewButton(a.T("btn.save"), sd.save)
	save.Importance = widget.HighImportance
	content := container.NewVBox(widget.NewLabel(s.p.Name), sd.f.grid, sd.status, save)
	sd.dlg = dialog.NewCustom(a.T("stock_move."+string(kind)), a.T("btn.close"), content, a.win)
	sd.dlg.Resize(fyne.NewSize(520, sd.dlg.MinSize().Height))
	sd.dlg.Show()
}

// save records the movement; a shortfall is explained with the figures.
func (sd *stockDialog) save() {
	s, a := sd.s, sd.s.a
	m := model.StockMovement{Kind: sd.kind, ProductID: s.p.ID, Note: strings.TrimSpace(sd.f.text("note"))}
	if sd.from != nil {
		m.FromID = sd.from.value()
	}
	if sd.to != nil {
		m.ToID = sd.to.value()
	}
	q, err := parseQty(sd.f.text("qty"))
	m.Qty = q
	if err == nil {
		err = model.ValidateMovement(m)
	} else {
		err = model.ValidationErrors{{Field: "qty", Msg: msgQty}}
	}
	if err == nil {
		_, err = a.svc.Catalog.MoveStock(a.ctx, m)
	}
	var short *model.InsufficientStockError
	switch {
	case err == nil:
		sd.dlg.Hide()
		s.status.SetText(a.T("stock.done", a.T("stock_move."+string(sd.kind)), a.qty(m.Qty), a.unitSymbol(s.p.UnitCode)))
		s.reload()
	case errors.As(err, &short):
		sd.f.clearErrors()
		sd.status.SetText(a.T("stock.short", s.d.warehouseName(short.WarehouseID), a.T(stockWhat(short.What)),
			a.qty(short.Have), a.qty(short.Want)))
	case sd.f.setErrors(err, ""):
		sd.status.SetText(a.T("err.fix_fields"))
	default:
		sd.status.SetText("")
		a.showErr(err)
	}
}

// stockWhat is the translation key of what an InsufficientStockError lacks
// ("on hand", "available", "reserved").
func stockWhat(what string) string {
	return "stock_what." + strings.ReplaceAll(what, " ", "_")
}
