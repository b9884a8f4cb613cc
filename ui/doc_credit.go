package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var creditLineLayout = colLayout{widths: []float32{44, 310, 130, 120}, mins: []float32{40, 160, 110, 100}, flex: 1}

// creditNoteDialog returns goods of a posted invoice: a quantity to return
// per line (empty: none) and the reason. The service refuses more than is
// left to return on a line; its message shows under the line.
type creditNoteDialog struct {
	a      *App
	inv    model.Document
	f      *form
	qty    []*widget.Entry // per invoice line
	msgs   []*widget.Label
	status *widget.Label
	save   *widget.Button
	dlg    dialog.Dialog
	done   func(model.Document)
}

// showCreditNoteDialog asks what to return of inv; done gets the posted
// credit note.
func showCreditNoteDialog(a *App, inv model.Document, done func(model.Document)) *creditNoteDialog {
	c := &creditNoteDialog{a: a, inv: inv, done: done}
	c.dlg = dialog.NewCustom(a.T("doc.credit_title", inv.Number), a.T("btn.close"), c.build(), a.win)
	c.dlg.Resize(fyne.NewSize(720, 560))
	c.dlg.Show()
	return c
}

func (c *creditNoteDialog) build() fyne.CanvasObject {
	a := c.a
	hint := widget.NewLabel(a.T("doc.credit_hint"))
	hint.Wrapping = fyne.TextWrapWord
	heads := []fyne.CanvasObject{newHeaderCell(a.T("col.number"), nil), newHeaderCell(a.T("col.name"), nil),
		newHeaderCell(a.T("col.qty"), nil), newHeaderCell(a.T("doc.credit_qty"), nil)}
	rows := container.NewVBox(container.New(creditLineLayout, heads...), widget.NewSeparator())
	for _, l := range c.inv.Lines {
		e := widget.NewEntry()
		e.SetPlaceHolder("0")
		msg := widget.NewLabel("")
		msg.Importance = widget.DangerImportance
		msg.Hide()
		name := widget.NewLabel(l.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		qty := widget.NewLabel(a.qty(l.Qty) + " " + l.Unit)
		qty.Alignment = fyne.TextAlignTrailing
		c.qty, c.msgs = append(c.qty, e), append(c.msgs, msg)
		rows.Add(container.New(creditLineLayout, widget.NewLabel(strconv.Itoa(l.No)), name, qty, e))
		rows.Add(msg)
	}
	all := widget.NewButton(a.T("doc.credit_all"), func() {
		for i, l := range c.inv.Lines {
			c.qty[i].SetText(a.qty(l.Qty))
		}
	})
	c.f = newForm(a)
	c.f.entry("reason", "")
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.save = widget.NewButton(a.T("doc.credit_make"), c.submit)
	c.save.Importance = widget.HighImportance
	bottom := container.NewVBox(container.NewHBox(all), c.f.grid, c.status, c.save)
	return container.NewBorder(hint, bottom, nil, nil, container.NewVScroll(rows))
}

// submit posts the credit note of the quantities typed.
func (c *creditNoteDialog) submit() {
	a := c.a
	var lines []model.CreditLine
	var sent []int
	ok := true
	for i, e := range c.qty {
		c.msgs[i].Hide()
		s := strings.TrimSpace(e.Text)
		if s == "" {
			continue
		}
		q, err := parseQty(s)
		if err != nil || q < 0 {
			c.rowError(i, a.T(msgQty))
			ok = false
			continue
		}
		if q == 0 {
			continue
		}
		lines = append(lines, model.CreditLine{LineNo: c.inv.Lines[i].No, Qty: q})
		sent = append(sent, i)
	}
	if !ok {
		c.setStatus(a.T("err.fix_fields"))
		return
	}
	if len(lines) == 0 {
		c.setStatus(a.T("doc.credit_none"))
		return
	}
	cn, err := a.svc.Sales.CreateCreditNote(a.ctx, c.inv.ID, lines, c.f.text("reason"), today())
	if err != nil {
		c.failed(err, sent)
		return
	}
	c.dlg.Hide()
	if c.done != nil {
		c.done(cn)
	}
}

// failed shows the reason's and the lines' messages, other errors in a
// dialog.
func (c *creditNoteDialog) failed(err error, sent []int) {
	a := c.a
	shown := c.f.setErrors(err, "")
	for _, e := range model.FieldErrors(err) {
		var n int
		if _, scanErr := fmt.Sscanf(e.Field, "lines.%d", &n); scanErr == nil && n >= 1 && n <= len(sent) {
			c.rowError(sent[n-1], a.T(e.Msg))
			shown = true
		}
	}
	if shown {
		c.setStatus(a.T("err.fix_fields"))
		return
	}
	c.setStatus("")
	a.showErr(err)
}

func (c *creditNoteDialog) rowError(i int, text string) {
	c.msgs[i].SetText(text)
	c.msgs[i].Show()
}

func (c *creditNoteDialog) setStatus(text string) {
	c.status.Importance = widget.DangerImportance
	c.status.SetText(text)
}
