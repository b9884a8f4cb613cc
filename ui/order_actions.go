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

// saveDraft saves the form as a draft and shows what was saved; it reports
// whether it succeeded (the fields say why not).
func (o *orderForm) saveDraft() (model.Document, bool) {
	a := o.a
	a.idle.touch()
	o.checking.cancel()
	d, sent, ok := o.draft()
	if !ok {
		o.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
		return d, false
	}
	saved, err := a.svc.Sales.SaveDraft(a.ctx, d)
	if err != nil {
		o.failed(err, sent)
		return d, false
	}
	o.saved(saved, sent)
	o.setStatus(a.T("order.saved"), widget.SuccessImportance)
	return saved, true
}

// saved takes the saved draft's ID, version and line snapshots; the rows
// stay as they are (the focus too).
func (o *orderForm) saved(d model.Document, sent []*lineRow) {
	o.doc = d
	for i, r := range sent {
		if i < len(d.Lines) {
			r.line = d.Lines[i]
		}
	}
	o.title.SetText(o.a.T("order_draft." + string(d.Kind)))
	o.updateActions()
}

// failed shows validation messages beside their fields and lines, the
// rest in a dialog (a refused credit check with its figures).
func (o *orderForm) failed(err error, sent []*lineRow) {
	a := o.a
	onForm := o.f.setErrors(err, "")
	onLines := o.lines.setErrors(err, sent)
	if onForm || onLines {
		o.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
		return
	}
	text, _ := a.errText(err)
	o.setStatus(text, widget.DangerImportance)
	a.showErr(err)
}

func (o *orderForm) setStatus(text string, imp widget.Importance) {
	o.status.Importance = imp
	o.status.SetText(text)
}

// deleteDraft removes the draft after asking, and goes back.
func (o *orderForm) deleteDraft() {
	a := o.a
	a.confirm(a.T("order.delete"), a.T("order.delete_confirm"), a.T("btn.delete"), func() {
		if err := a.svc.Sales.DeleteDraft(a.ctx, o.doc.ID, o.doc.Version); err != nil {
			a.showErr(err)
			return
		}
		a.shell.back()
	})
}

// issueQuote saves the quote and issues it: it gets its number.
func (o *orderForm) issueQuote() {
	a := o.a
	d, ok := o.saveDraft()
	if !ok {
		return
	}
	q, err := a.svc.Sales.PostQuote(a.ctx, d.ID, d.Version)
	if err != nil {
		o.failed(err, nil)
		return
	}
	a.replaceScreen(newDocView(a, q))
	a.shell.setStatus(a.T("order.issued", q.Number))
}

// orderFromQuote saves the quote and opens a draft order with its lines.
func (o *orderForm) orderFromQuote() {
	a := o.a
	d, ok := o.saveDraft()
	if !ok {
		return
	}
	n, err := a.svc.Sales.OrderFromQuote(a.ctx, d.ID)
	if err != nil {
		o.failed(err, nil)
		return
	}
	a.shell.push(newOrderForm(a, n))
}

// confirmOrder saves the order and confirms it: it is numbered, its stock
// reserved, an invoice and a delivery note posted.
func (o *orderForm) confirmOrder() {
	a := o.a
	d, ok := o.saveDraft()
	if !ok {
		return
	}
	res, err := a.svc.Sales.ConfirmOrder(a.ctx, d.ID, d.Version)
	if err != nil {
		if errors.Is(err, model.ErrCreditLimit) {
			o.changed() // the panel shows the figures and who may approve
		}
		o.failed(err, nil)
		return
	}
	a.replaceScreen(newDocView(a, res.Order))
	showConfirmed(a, res)
}

// approveCredit records a head's approval of confirming over the limit.
func (o *orderForm) approveCredit() {
	a := o.a
	f := newForm(a)
	note := f.entry("note", "")
	note.SetPlaceHolder(a.T("order.approve_hint"))
	var fd *formDlg
	fd = a.formDialog(a.T("order.approve"), f, fyne.NewSize(560, 220), func() error {
		d, ok := o.saveDraft()
		if !ok {
			fd.dlg.Hide()
			return errPending
		}
		approved, err := a.svc.Sales.ApproveCredit(a.ctx, d.ID, d.Version, strings.TrimSpace(note.Text))
		if err != nil {
			return err
		}
		o.show(approved)
		o.setStatus(a.T("order.approved"), widget.SuccessImportance)
		return nil
	})
}

// showConfirmed tells what confirming an order posted and offers to print
// the invoice and the delivery note.
func showConfirmed(a *App, res model.ConfirmResult) {
	text := a.T("order.confirmed", res.Order.Number, res.Invoice.Number)
	if res.Waybill.ID != "" {
		text = a.T("order.confirmed_goods", res.Order.Number, res.Invoice.Number, res.Waybill.Number)
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	printBtn := func(doc model.Document) *widget.Button {
		return widget.NewButtonWithIcon(a.T("doc.print_of", a.docTitle(doc)), theme.DocumentPrintIcon(), func() {
			a.printDocument(doc.ID)
		})
	}
	buttons := container.NewHBox(printBtn(res.Invoice))
	if res.Waybill.ID != "" {
		buttons.Add(printBtn(res.Waybill))
	}
	d = dialog.NewCustom(a.T("order.confirmed_title"), a.T("btn.close"), container.NewVBox(l, buttons), a.win)
	d.Resize(fyne.NewSize(620, d.MinSize().Height))
	d.Show()
}
