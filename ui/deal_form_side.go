package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealSide is what the deal form shows around the terms: the approval
// banner (the state, the reasons in words and the decision's comment), the
// totals, the history of moves and the documents made from the deal.
type dealSide struct {
	df       *dealForm
	banner   *widget.Label
	totals   *fyne.Container
	weighted *widget.Label
	history  *fyne.Container
	docs     *fyne.Container
	deal     model.Deal
	latest   *model.Approval // the deal's newest approval request
	live     []model.ApprovalReason
	liveOK   bool // live are the reasons of the terms on the form
	moves    []model.StageMove
	docList  []model.Document
	gen      int
}

func newDealSide(df *dealForm) *dealSide {
	s := &dealSide{df: df, banner: widget.NewLabel(""), totals: container.New(layout.NewFormLayout()), weighted: widget.NewLabel(""),
		history: container.NewVBox(), docs: container.NewVBox()}
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()
	s.weighted.Wrapping = fyne.TextWrapWord
	return s
}

func (s *dealSide) bannerObject() fyne.CanvasObject { return s.banner }

func (s *dealSide) totalsObject() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.df.a.T("deal.totals"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(title, s.totals, s.weighted)
}

func (s *dealSide) historyObject() fyne.CanvasObject { return s.history }

func (s *dealSide) docsObject() fyne.CanvasObject { return s.docs }

// show shows a deal as saved and reads its approval, history and documents.
func (s *dealSide) show(d model.Deal, p model.Pipeline) {
	a := s.df.a
	s.deal, s.latest, s.liveOK = d, nil, false
	s.showTotals(d)
	s.render()
	s.gen++
	gen := s.gen
	s.history.Objects, s.docs.Objects = nil, nil
	if d.ID == "" {
		s.history.Add(widget.NewLabel(a.T("deal.history.none")))
		s.docs.Add(widget.NewLabel(a.T("deal.docs.none")))
		return
	}
	a.background(func() {
		aps, err1 := a.svc.Pipeline.FindApprovals(a.ctx, "", d.ID, 1)
		moves, err2 := a.svc.Pipeline.StageHistory(a.ctx, d.ID)
		docs, err3 := a.svc.Pipeline.DealDocuments(a.ctx, d.ID)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			for _, err := range []error{err1, err2, err3} {
				if err != nil {
					a.showErr(err)
					return
				}
			}
			if len(aps) > 0 {
				s.latest = &aps[0]
			}
			s.moves, s.docList = moves, docs
			s.render()
			s.showHistory(p)
			s.showDocs()
		})
	})
}

// showLive shows the totals and the approval reasons of the terms as the
// form has them (ok false: they could not be priced).
func (s *dealSide) showLive(d model.Deal, reasons []model.ApprovalReason, ok bool) {
	s.live, s.liveOK = reasons, ok
	if ok {
		s.showTotals(d)
	}
	s.render()
}

// showTotals shows net, VAT by rate, gross and the weighted amount.
func (s *dealSide) showTotals(d model.Deal) {
	a := s.df.a
	cs := s.df.d.cat.currencies
	s.totals.Objects = nil
	row := func(label, value string, bold bool) {
		s.totals.Add(widget.NewLabel(label))
		s.totals.Add(widget.NewLabelWithStyle(value, fyne.TextAlignTrailing, fyne.TextStyle{Bold: bold}))
	}
	if len(d.Lines) > 0 {
		row(a.T("order.net"), a.docMoney(d.Totals.Net, d.Currency, cs), false)
		for _, r := range d.Totals.ByRate {
			row(a.vatAt(r.Cat, r.BP), a.docMoney(r.VAT, d.Currency, cs), false)
		}
		row(a.T("order.gross"), a.docMoney(d.Totals.Gross, d.Currency, cs), true)
	} else {
		row(a.T("field.amount"), a.docMoney(d.Amount, d.Currency, cs), true)
	}
	s.totals.Refresh()
	st, _ := s.df.pipe.StageByID(d.StageID)
	prob := model.DealProbability(d, st)
	base := s.df.d.cat.tax.BaseCurrency
	s.weighted.SetText(a.T("deal.weighted", a.bpText(prob), a.docMoney(model.Weighted(d.AmountBase, prob), base, cs)))
}

// render writes the approval banner: the saved state with its decision,
// and the reasons (those of the terms on the form once priced).
func (s *dealSide) render() {
	a := s.df.a
	d := s.deal
	var lines []string
	s.banner.Importance = widget.WarningImportance
	switch d.Approval {
	case model.ApprovalPending:
		lines = append(lines, a.T("deal.approval.pending_long"))
	case model.ApprovalApproved:
		s.banner.Importance = widget.SuccessImportance
		lines = append(lines, a.T("deal.approval.approved_long"))
	case model.ApprovalRejected:
		s.banner.Importance = widget.DangerImportance
		lines = append(lines, a.T("deal.approval.rejected_long"))
	}
	if ap := s.latest; ap != nil && !ap.DecidedAt.IsZero() && d.Approval != model.ApprovalNone {
		decided := a.T("approvals.decided", a.T("approval_status."+string(ap.Status)), ap.DecidedByName, a.dueText(ap.DecidedAt))
		if ap.Comment != "" {
			decided += " · " + a.T("approvals.comment_was", ap.Comment)
		}
		lines = append(lines, decided)
	}
	reasons := s.live
	if !s.liveOK && s.latest != nil {
		reasons = s.latest.Reasons
	}
	if s.liveOK && len(reasons) > 0 && d.Approval == model.ApprovalNone {
		lines = append(lines, a.T("deal.approval.will_need"))
	}
	if s.liveOK && len(reasons) == 0 && d.Approval != model.ApprovalNone {
		lines = append(lines, a.T("deal.approval.no_longer"))
	}
	for _, r := range reasons {
		lines = append(lines, "• "+a.approvalReasonText(r, d.Currency, s.df.d.cat))
	}
	if len(lines) == 0 {
		s.banner.Hide()
		return
	}
	s.banner.SetText(strings.Join(lines, "\n"))
	s.banner.Show()
	s.banner.Refresh()
}

// showHistory lists the moves, oldest first.
func (s *dealSide) showHistory(p model.Pipeline) {
	a := s.df.a
	s.history.Objects = nil
	if len(s.moves) == 0 {
		s.history.Add(widget.NewLabel(a.T("deal.history.none")))
	}
	for _, m := range s.moves {
		text := a.dueText(m.At) + " · " + m.UserName + " · "
		if m.FromStage == "" {
			text += a.T("deal.history.created", stageNameByID(a, p, m.ToStage, m.ToName))
		} else {
			text += stageNameByID(a, p, m.FromStage, m.FromName) + " → " + stageNameByID(a, p, m.ToStage, m.ToName)
		}
		if m.Result != "" {
			text += "\n    " + m.Result
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		s.history.Add(l)
	}
	s.history.Refresh()
}

// showDocs lists the documents; a tap opens one.
func (s *dealSide) showDocs() {
	a := s.df.a
	s.docs.Objects = nil
	if len(s.docList) == 0 {
		s.docs.Add(widget.NewLabel(a.T("deal.docs.none")))
	}
	for _, d := range s.docList {
		text := a.docTitle(d) + " · " + a.dayInput(d.Date) + " · " + a.docStatus(d)
		if d.Kind.HasLines() {
			text += " · " + a.docMoney(d.Totals.Gross, d.Currency, s.df.d.cat.currencies)
		}
		b := widget.NewButtonWithIcon(text, theme.DocumentIcon(), func() { a.idle.touch(); showDocument(a, d.ID) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.docs.Add(b)
	}
	s.docs.Refresh()
}
