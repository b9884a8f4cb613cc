package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// approvalsLimit bounds the inbox's read.
const approvalsLimit = 500

var approvalColumns = []column{{"deal", 240}, {"customer", 200}, {"amount", 150}, {"requested_by", 150}, {"requested_at", 140},
	{"approval_state", 110}}

// approvalsInbox is «Согласования»: the deal terms waiting for a head's
// decision (sellers: their own requests, read only), each with its reasons
// in words, approve or reject with a comment, the deal; and the history of
// decided requests.
type approvalsInbox struct {
	a        *App
	history  bool
	rows     []model.Approval
	sel      int
	d        catalogDicts
	table    *widget.Table
	count    *widget.Label
	detail   *widget.Label
	reasons  *widget.Label
	comment  *widget.Entry
	msg      *widget.Label
	approve  *widget.Button
	reject   *widget.Button
	openDeal *widget.Button
	gen      int
}

func newApprovalsInbox(a *App) *approvalsInbox { return &approvalsInbox{a: a, sel: -1} }

// canDecide tells the heads and administrators.
func (s *approvalsInbox) canDecide() bool {
	return model.Can(s.a.svc.User.Role, model.EntityApproval, model.ActUpdate)
}

func (s *approvalsInbox) build() fyne.CanvasObject {
	a := s.a
	title := widget.NewLabelWithStyle(a.T("nav.approvals"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	view := widget.NewRadioGroup([]string{a.T("approvals.pending"), a.T("approvals.history")}, func(v string) {
		s.history = v == a.T("approvals.history")
		s.reload()
	})
	view.Horizontal = true
	view.SetSelected(a.T("approvals.pending"))
	var header fyne.CanvasObject
	s.table, header = newTable(a, approvalColumns, func() (int, int) { return len(s.rows), len(approvalColumns) }, s.cell)
	s.table.OnSelected = func(id widget.TableCellID) { s.sel = id.Row; a.idle.touch(); s.showDetail() }
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.reasons = widget.NewLabel("")
	s.reasons.Wrapping = fyne.TextWrapWord
	s.comment = widget.NewEntry()
	s.comment.SetPlaceHolder(a.T("approvals.comment"))
	s.msg = widget.NewLabel("")
	s.msg.Importance = widget.DangerImportance
	s.msg.Hide()
	s.approve = widget.NewButtonWithIcon(a.T("approvals.approve"), theme.ConfirmIcon(), func() { s.decide(true) })
	s.approve.Importance = widget.HighImportance
	s.reject = widget.NewButtonWithIcon(a.T("approvals.reject"), theme.CancelIcon(), func() { s.decide(false) })
	s.reject.Importance = widget.DangerImportance
	s.openDeal = widget.NewButtonWithIcon(a.T("approvals.open_deal"), theme.DocumentIcon(), func() {
		if ap, ok := s.selected(); ok {
			openDeal(a, ap.DealID)
		}
	})
	if !s.canDecide() {
		s.approve.Hide()
		s.reject.Hide()
		s.comment.Hide()
	}
	actions := container.NewBorder(nil, s.msg, nil, container.NewHBox(s.approve, s.reject, s.openDeal), s.comment)
	panel := container.NewVBox(widget.NewSeparator(), s.detail, s.reasons, actions)
	s.showDetail()
	a.loadCatalogDicts(func(d catalogDicts) {
		s.d = d
		s.reload()
	})
	top := container.NewVBox(container.NewHBox(title, view), widget.NewSeparator(), header)
	return container.NewBorder(top, container.NewVBox(s.count, panel), nil, nil, s.table)
}

func (s *approvalsInbox) cell(id widget.TableCellID, l *widget.Label) {
	a := s.a
	if id.Row >= len(s.rows) {
		return
	}
	ap := s.rows[id.Row]
	switch approvalColumns[id.Col].key {
	case "deal":
		l.SetText(a.approvalDeal(ap.DealNum, ap.DealTitle))
	case "customer":
		l.SetText(ap.CustomerName)
	case "amount":
		l.SetText(a.docMoney(ap.Amount, ap.Currency, s.d.currencies))
	case "requested_by":
		l.SetText(ap.RequestedByName)
	case "requested_at":
		l.SetText(a.dueText(ap.RequestedAt))
	case "approval_state":
		l.SetText(a.T("approval_status." + string(ap.Status)))
	}
}

// approvalDeal names a deal: «№ 12 · Поставка кирпича».
func (a *App) approvalDeal(num int64, title string) string {
	return fmt.Sprintf("№ %d · %s", num, title)
}

// reload reads the pending requests or the history in the background.
func (s *approvalsInbox) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	status := model.ApprovalStatusPending
	if s.history {
		status = ""
	}
	history := s.history
	a.background(func() {
		rows, err := a.svc.Pipeline.FindApprovals(a.ctx, status, "", approvalsLimit)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.rows = nil
			for _, r := range rows {
				if !history || r.Status != model.ApprovalStatusPending {
					s.rows = append(s.rows, r)
				}
			}
			s.sel = -1
			s.table.UnselectAll()
			s.table.Refresh()
			s.count.SetText(a.N("approvals.count", int64(len(s.rows))))
			s.showDetail()
		})
	})
}

// reshow reloads when the inbox is shown again (back from a deal).
func (s *approvalsInbox) reshow() { s.reload() }

func (s *approvalsInbox) selected() (model.Approval, bool) {
	if s.sel < 0 || s.sel >= len(s.rows) {
		return model.Approval{}, false
	}
	return s.rows[s.sel], true
}

// showDetail shows the selected request: who asked, when, the reasons and
// the decision.
func (s *approvalsInbox) showDetail() {
	a := s.a
	s.msg.Hide()
	ap, ok := s.selected()
	if !ok {
		s.detail.SetText(a.T("approvals.choose"))
		s.reasons.SetText("")
		s.approve.Disable()
		s.reject.Disable()
		s.openDeal.Disable()
		return
	}
	parts := []string{a.approvalDeal(ap.DealNum, ap.DealTitle), ap.CustomerName, a.docMoney(ap.Amount, ap.Currency, s.d.currencies),
		a.T("approvals.asked", ap.RequestedByName, a.dueText(ap.RequestedAt))}
	if !ap.DecidedAt.IsZero() {
		parts = append(parts, a.T("approvals.decided", a.T("approval_status."+string(ap.Status)), ap.DecidedByName, a.dueText(ap.DecidedAt)))
	}
	if ap.Comment != "" {
		parts = append(parts, a.T("approvals.comment_was", ap.Comment))
	}
	s.detail.SetText(strings.Join(parts, " · "))
	var lines []string
	for _, r := range ap.Reasons {
		lines = append(lines, "• "+a.approvalReasonText(r, ap.Currency, s.d))
	}
	s.reasons.SetText(strings.Join(lines, "\n"))
	s.openDeal.Enable()
	if ap.Status == model.ApprovalStatusPending && s.canDecide() {
		s.approve.Enable()
		s.reject.Enable()
	} else {
		s.approve.Disable()
		s.reject.Disable()
	}
}

// decide approves or rejects the selected request with the comment; a
// rejection needs one.
func (s *approvalsInbox) decide(approve bool) {
	a := s.a
	a.idle.touch()
	ap, ok := s.selected()
	if !ok || !s.canDecide() {
		return
	}
	comment := strings.TrimSpace(s.comment.Text)
	if !approve && comment == "" {
		s.msg.SetText(a.T("approvals.comment_needed"))
		s.msg.Show()
		return
	}
	done, err := a.svc.Pipeline.DecideApproval(a.ctx, ap.ID, ap.Version, approve, comment)
	if err != nil {
		a.showErr(err)
		s.reload()
		return
	}
	s.comment.SetText("")
	a.shell.setStatus(a.T("approvals.done", a.approvalDeal(ap.DealNum, ap.DealTitle), a.T("approval_status."+string(done.Status))))
	s.reload()
}

// approvalReasonText says in words which rule a deal's terms break:
// «discount 18 % on line 2 (SKU name) > 15 %», «price 900.00 below floor
// 1,000.00 on line 1 (…)», «payment in 60 days > 45», «amount
// 6,000,000.00 RUB > 5,000,000.00 RUB».
func (a *App) approvalReasonText(r model.ApprovalReason, currency string, d catalogDicts) string {
	switch r.Kind {
	case model.RuleDiscount:
		return a.T("approvals.reason.discount", a.bpText(r.Actual), r.Line, r.Product, a.bpText(r.Threshold))
	case model.RuleFloor:
		digits := currencyDigits(d.currencies, currency)
		return a.T("approvals.reason.floor", a.money(model.Money(r.Actual), digits), a.money(model.Money(r.Threshold), digits), r.Line, r.Product)
	case model.RuleDeferral:
		return a.T("approvals.reason.deferral", r.Actual, r.Threshold)
	case model.RuleAmount:
		base := d.tax.BaseCurrency
		return a.T("approvals.reason.amount", a.docMoney(model.Money(r.Actual), base, d.currencies), a.docMoney(model.Money(r.Threshold), base, d.currencies))
	}
	return string(r.Kind)
}
