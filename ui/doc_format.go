package ui

import (
	"fyne.io/fyne/v2"

	"sdelka/model"
)

// docStatuses are the statuses a list filters by, in the order offered.
var docStatuses = []model.DocStatus{model.StatusDraft, model.StatusPosted, model.StatusShipped, model.StatusCancelled}

// payStates are the invoice payment states a list filters by.
var payStates = []model.PayState{model.PayUnpaid, model.PayPartly, model.PayOverdue, model.PayPaid, model.PayCancelled}

// docNumber is a document's printed number, or «draft» before it has one.
func (a *App) docNumber(d model.Document) string {
	if d.Number == "" {
		return a.T("doc.draft")
	}
	return d.Number
}

// docTitle names a document: «Счёт на оплату СЧ-2026-0001».
func (a *App) docTitle(d model.Document) string {
	return a.T("doc_kind."+string(d.Kind)) + " " + a.docNumber(d)
}

// statusText is a status as a document of kind shows it: a posted order is
// confirmed, a posted quote issued.
func (a *App) statusText(kind model.DocKind, s model.DocStatus) string {
	if s == model.StatusPosted {
		switch kind {
		case model.DocOrder:
			return a.T("doc_status.confirmed")
		case model.DocQuote:
			return a.T("doc_status.issued")
		}
	}
	return a.T("doc_status." + string(s))
}

// docStatus is the status of d as lists show it.
func (a *App) docStatus(d model.Document) string { return a.statusText(d.Kind, d.Status) }

// docMoney shows an amount with its currency code: «1 234,56 RUB».
func (a *App) docMoney(m model.Money, currency string, cs []model.Currency) string {
	if len(cs) == 0 {
		cs = model.DefaultCurrencies
	}
	return a.money(m, currencyDigits(cs, currency)) + " " + currency
}

// vatLabel is a line's VAT as documents print it, «без НДС» in the UI
// language.
func (a *App) vatLabel(cat model.VATCategory, bp int64) string {
	if cat == model.VATNone || cat == "" {
		return a.T("vat.none")
	}
	return model.VATLabel(cat, bp)
}

// statusOptions are the statuses of kind ("" = any kind) for a filter.
func (a *App) statusOptions(kind model.DocKind) (labels, values []string) {
	for _, s := range docStatuses {
		labels, values = append(labels, a.statusText(kind, s)), append(values, string(s))
	}
	return labels, values
}

// canDocs tells whether the user may do act on documents.
func (a *App) canDocs(act model.Action) bool {
	return model.Can(a.svc.User.Role, model.EntityDocument, act)
}

// canApproveCredit tells the roles that approve a credit-limit exception.
func (a *App) canApproveCredit() bool {
	r := a.svc.User.Role
	return r == model.RoleHead || r == model.RoleAdmin
}

// replaceScreen shows sc in place of the screen on top (a draft that became
// a posted document), so Back returns to what was below it.
func (a *App) replaceScreen(sc screen) {
	s := a.shell
	if len(s.stack) > 1 {
		s.stack = s.stack[:len(s.stack)-1]
	}
	s.push(sc)
}

// openDoc shows a loaded document: a draft quote or order in the order
// form, anything else in the document view.
func (a *App) openDoc(d model.Document) {
	a.idle.touch()
	if d.Status == model.StatusDraft && (d.Kind == model.DocQuote || d.Kind == model.DocOrder) {
		a.shell.push(newOrderForm(a, d))
		return
	}
	a.shell.push(newDocView(a, d))
}

// openByID opens a document of a list (a header without lines) once it is
// read whole.
func (a *App) openByID(d model.Document) { showDocument(a, d.ID) }

// showDocument opens the document id on top of the current screen, once it
// is read (in the background).
func showDocument(a *App, id string) {
	a.background(func() {
		d, err := a.svc.Sales.FindDocumentByID(a.ctx, id)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			if a.shell != nil {
				a.openDoc(d)
			}
		})
	})
}

// vatAt labels the VAT of one rate in totals: «НДС 22%», or «Без НДС».
func (a *App) vatAt(cat model.VATCategory, bp int64) string {
	if cat == model.VATNone || cat == "" {
		return a.T("vat.none")
	}
	return a.T("order.vat_at", model.VATLabel(cat, bp))
}
