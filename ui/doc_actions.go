package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// showActions puts up the actions the document's kind and status and the
// user's role allow.
func (v *docView) showActions() {
	a, d := v.a, v.d
	v.actions.Objects = nil
	add := func(key string, icon fyne.Resource, on bool, f func()) {
		if on {
			v.actions.Add(widget.NewButtonWithIcon(a.T(key), icon, func() { a.idle.touch(); f() }))
		}
	}
	upd, create := a.canDocs(model.ActUpdate), a.canDocs(model.ActCreate)
	posted := d.Status == model.StatusPosted
	add("doc.print", theme.DocumentPrintIcon(), true, func() { a.printDocument(d.ID) })
	add("doc.ship", theme.UploadIcon(), d.Kind == model.DocWaybill && posted && upd, v.ship)
	add("pay.register", theme.ContentAddIcon(), d.Kind == model.DocInvoice && posted && model.Outstanding(d) > 0 &&
		model.Can(a.svc.User.Role, model.EntityPayment, model.ActCreate), func() { showPaymentDialog(a, d.CustomerID, d.ID, v.reload) })
	add("doc.credit_note", theme.ContentUndoIcon(), d.Kind == model.DocInvoice && posted && upd, v.creditNote)
	add("order.from_quote", theme.ContentCopyIcon(), d.Kind == model.DocQuote && posted && create, v.orderFromQuote)
	add("ins.open", theme.FileIcon(), d.Kind == model.DocOrder, func() { showInsuranceDialog(a, v.d, nil) })
	add("doc.post", theme.ConfirmIcon(), d.Status == model.StatusDraft && (d.Kind == model.DocInvoice || d.Kind == model.DocContract) && upd, v.post)
	add("doc.reissue", theme.ViewRefreshIcon(), d.Status == model.StatusCancelled && create &&
		(d.Kind == model.DocInvoice || d.Kind == model.DocQuote || d.Kind == model.DocContract), v.reissue)
	add("doc.cancel", theme.CancelIcon(), posted && upd &&
		(d.Kind == model.DocOrder || d.Kind == model.DocInvoice || d.Kind == model.DocQuote || d.Kind == model.DocContract), v.cancel)
	v.actions.Refresh()
}

// changedTo shows the document as an action left it, with its links read
// again.
func (v *docView) changedTo(d model.Document, status string) {
	v.show(d)
	v.loadRelated()
	v.a.shell.setStatus(status)
}

// ship ships the delivery note today, after asking.
func (v *docView) ship() {
	a, d := v.a, v.d
	a.confirm(a.T("doc.ship"), a.T("doc.ship_confirm", d.Number), a.T("doc.ship"), func() {
		s, err := a.svc.Sales.ShipWaybill(a.ctx, d.ID, d.Version, today())
		if err != nil {
			a.showErr(err)
			return
		}
		v.changedTo(s, a.T("doc.shipped", s.Number))
	})
}

// cancel cancels the document with a reason.
func (v *docView) cancel() {
	a, d := v.a, v.d
	f := newForm(a)
	f.entry("reason", "")
	f.multiLine("reason", 3)
	a.formDialog(a.T("doc.cancel_title", a.docTitle(d)), f, fyne.NewSize(560, 280), func() error {
		c, err := a.svc.Sales.CancelDocument(a.ctx, d.ID, d.Version, f.text("reason"))
		if err != nil {
			return err
		}
		v.changedTo(c, a.T("doc.cancelled", a.docTitle(c)))
		return nil
	})
}

// reissue makes a corrected copy of a cancelled document: an invoice is
// posted at once, a quote opens as a draft to edit.
func (v *docView) reissue() {
	a, d := v.a, v.d
	a.confirm(a.T("doc.reissue"), a.T("doc.reissue_confirm", a.docTitle(d)), a.T("doc.reissue"), func() {
		n, err := a.svc.Sales.ReissueDocument(a.ctx, d.ID)
		if err != nil {
			a.showErr(err)
			return
		}
		if d.Kind == model.DocInvoice {
			p, err := a.svc.Sales.PostDocument(a.ctx, n.ID, n.Version)
			if err != nil {
				a.showErr(err) // the draft opens with its Post action
			} else {
				n = p
			}
		}
		a.openDoc(n)
	})
}

// post posts a draft invoice or contract.
func (v *docView) post() {
	a, d := v.a, v.d
	p, err := a.svc.Sales.PostDocument(a.ctx, d.ID, d.Version)
	if err != nil {
		a.showErr(err)
		return
	}
	v.changedTo(p, a.T("doc.posted", a.docTitle(p)))
}

// orderFromQuote opens a draft order with the quote's lines and prices.
func (v *docView) orderFromQuote() {
	a := v.a
	o, err := a.svc.Sales.OrderFromQuote(a.ctx, v.d.ID)
	if err != nil {
		a.showErr(err)
		return
	}
	a.shell.push(newOrderForm(a, o))
}

// creditNote returns goods of the invoice on a credit note, then opens it.
func (v *docView) creditNote() {
	a := v.a
	showCreditNoteDialog(a, v.d, func(cn model.Document) {
		v.reload()
		a.shell.push(newDocView(a, cn))
	})
}
