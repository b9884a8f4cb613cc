package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// orderSummary is the order form's panel of what the service's check says:
// the totals (net, VAT per rate, gross), the credit check with its figures
// and the customer's balance. It shows figures; it computes none.
type orderSummary struct {
	a       *App
	hint    *widget.Label
	totals  *fyne.Container
	credit  *widget.Label
	balance *widget.Label
	box     *fyne.Container
}

func newOrderSummary(a *App) *orderSummary {
	s := &orderSummary{a: a, hint: widget.NewLabel(a.T("order.check_hint")), totals: container.New(layout.NewFormLayout()),
		credit: widget.NewLabel(""), balance: widget.NewLabel("")}
	for _, l := range []*widget.Label{s.hint, s.credit, s.balance} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.hint.Importance = widget.LowImportance
	s.credit.Hide()
	s.balance.Hide()
	return s
}

func (s *orderSummary) object() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.a.T("order.summary"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.box = container.NewVBox(title, s.hint, s.totals, s.credit, s.balance)
	return s.box
}

// waiting drops the figures and says why there are none.
func (s *orderSummary) waiting(text string, failed bool) {
	s.hint.SetText(text)
	s.hint.Importance = widget.LowImportance
	if failed {
		s.hint.Importance = widget.DangerImportance
	}
	s.hint.Show()
	s.hint.Refresh()
	s.totals.Objects = nil
	s.totals.Refresh()
	s.credit.Hide()
	s.balance.Hide()
}

// show puts a check of doc (in currency) on the panel; cs give the digits.
func (s *orderSummary) show(c model.OrderCheck, doc model.Document, currency string, cs []model.Currency) {
	a := s.a
	s.hint.Hide()
	s.totals.Objects = nil
	row := func(label, value string, bold bool) {
		s.totals.Add(widget.NewLabel(label))
		s.totals.Add(widget.NewLabelWithStyle(value, fyne.TextAlignTrailing, fyne.TextStyle{Bold: bold}))
	}
	row(a.T("order.net"), a.docMoney(c.Totals.Net, currency, cs), false)
	for _, r := range c.Totals.ByRate {
		row(a.vatAt(r.Cat, r.BP), a.docMoney(r.VAT, currency, cs), false)
	}
	row(a.T("order.gross"), a.docMoney(c.Totals.Gross, currency, cs), true)
	s.totals.Refresh()
	s.showCredit(c, doc, cs)
	b := c.Balance
	s.balance.SetText(a.T("order.balance", a.docMoney(b.Debt, b.Currency, cs), a.docMoney(b.Overdue, b.Currency, cs),
		a.docMoney(b.Credit, b.Currency, cs)))
	s.balance.Importance = widget.MediumImportance
	if b.Overdue > 0 {
		s.balance.Importance = widget.WarningImportance
	}
	s.balance.Show()
	s.balance.Refresh()
	if s.box != nil {
		s.box.Refresh()
	}
}

// showCredit explains the credit check: no limit, within it, or over it
// with the figures and who must approve.
func (s *orderSummary) showCredit(c model.OrderCheck, doc model.Document, cs []model.Currency) {
	a := s.a
	var ce *model.CreditLimitError
	switch {
	case !c.NeedsCheck:
		s.credit.SetText(a.T("order.credit_none"))
		s.credit.Importance = widget.LowImportance
	case errors.As(c.Credit, &ce):
		text := a.creditText(ce, cs)
		switch {
		case doc.CreditApproved != "":
			text += "\n" + a.T("order.credit_approved", doc.CreditApproved)
			s.credit.Importance = widget.WarningImportance
		case a.canApproveCredit():
			text += "\n" + a.T("order.credit_can_approve")
			s.credit.Importance = widget.DangerImportance
		default:
			text += "\n" + a.T("order.credit_need_approval")
			s.credit.Importance = widget.DangerImportance
		}
		s.credit.SetText(text)
	default:
		s.credit.SetText(a.T("order.credit_ok", a.docMoney(c.Terms.CreditLimit, c.Balance.Currency, cs)))
		s.credit.Importance = widget.SuccessImportance
	}
	s.credit.Show()
	s.credit.Refresh()
}

// creditText gives the figures of a refused credit check.
func (a *App) creditText(ce *model.CreditLimitError, cs []model.Currency) string {
	return a.T("err.credit_limit", a.docMoney(ce.Limit, ce.Currency, cs), a.docMoney(ce.Outstanding, ce.Currency, cs),
		a.docMoney(ce.Order, ce.Currency, cs), a.docMoney(ce.Over, ce.Currency, cs))
}
