package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealStageLayout: stage, responsible, due date, result, done.
var dealStageLayout = colLayout{widths: []float32{210, 200, 120, 360, 110}, mins: []float32{150, 150, 100, 160, 90}, flex: 3}

// dealStages is the deal's stages panel: every open stage of the pipeline
// with its one responsible employee (chosen from the users), its due date,
// the result recorded and when; the current stage highlighted, an overdue
// due date red. Under it: record the current stage's result, move to the
// next stage, win, lose.
type dealStages struct {
	df     *dealForm
	rows   *fyne.Container
	record *widget.Button
	next   *widget.Button
	won    *widget.Button
	lost   *widget.Button
	reopen *widget.Button
	deal   model.Deal
	pipe   model.Pipeline
	resp   map[string]*choice // by stage ID
	due    map[string]*widget.Entry
}

func newDealStages(df *dealForm) *dealStages {
	a := df.a
	s := &dealStages{df: df, rows: container.NewVBox()}
	s.record = widget.NewButtonWithIcon(a.T("deal.record_result"), theme.DocumentCreateIcon(), s.recordResult)
	s.next = widget.NewButtonWithIcon(a.T("deal.next_stage"), theme.NavigateNextIcon(), s.moveNext)
	s.next.Importance = widget.HighImportance
	s.won = widget.NewButtonWithIcon(a.T("deal.win"), theme.ConfirmIcon(), func() { s.moveKind(model.StageWon) })
	s.won.Importance = widget.SuccessImportance
	s.lost = widget.NewButtonWithIcon(a.T("deal.lose"), theme.CancelIcon(), func() { s.moveKind(model.StageLost) })
	s.lost.Importance = widget.DangerImportance
	s.reopen = widget.NewButtonWithIcon(a.T("deal.reopen"), theme.ViewRefreshIcon(), func() { s.moveKind(model.StageOpen) })
	return s
}

func (s *dealStages) object() fyne.CanvasObject {
	a := s.df.a
	var heads []fyne.CanvasObject
	for _, k := range []string{"stage", "responsible", "due", "result", "done"} {
		heads = append(heads, newHeaderCell(a.T("col."+k), nil))
	}
	return container.NewVBox(container.New(dealStageLayout, heads...), widget.NewSeparator(), s.rows)
}

// show lays out the stages of a deal.
func (s *dealStages) show(d model.Deal, p model.Pipeline) {
	a := s.df.a
	s.deal, s.pipe = d, p
	s.resp, s.due = map[string]*choice{}, map[string]*widget.Entry{}
	recs := map[string]model.DealStage{}
	for _, r := range d.Stages {
		recs[r.StageID] = r
	}
	cur, _ := p.StageByID(d.StageID)
	canMove := d.ID != "" && s.df.canEdit
	open := d.Status == model.DealOpen
	s.rows.Objects = nil
	for _, st := range p.Stages {
		if st.Kind != model.StageOpen {
			continue
		}
		r, has := recs[st.ID]
		name := widget.NewLabelWithStyle(stageName(a, st), fyne.TextAlignLeading, fyne.TextStyle{Bold: st.ID == d.StageID})
		name.Truncation = fyne.TextTruncateEllipsis
		resp := newChoice(a.T("deal.nobody"), "", nil)
		resp.setOptions(userOptions(s.df.d.users))
		resp.set(r.ResponsibleID)
		due := widget.NewEntry()
		due.SetPlaceHolder(a.T("format.date_hint"))
		due.SetText(a.dayInput(r.Due))
		ahead := open && st.Sort >= cur.Sort && canMove
		stageID := st.ID
		resp.onChange = func(string) { s.setResponsible(stageID) }
		due.OnSubmitted = func(string) { s.setResponsible(stageID) }
		if !ahead {
			resp.sel.Disable()
			due.Disable()
		}
		s.resp[st.ID], s.due[st.ID] = resp, due
		result := widget.NewLabel(r.Result)
		result.Wrapping = fyne.TextWrapWord
		if r.Result == "" && st.ID == d.StageID {
			result.SetText(stageResultHint(a, st))
			result.Importance = widget.LowImportance
		}
		done := widget.NewLabel("")
		if !r.DoneAt.IsZero() {
			done.SetText(a.dayInput(r.DoneAt))
		}
		overdue := has && open && st.ID == d.StageID && !r.Due.IsZero() && model.DaysBetween(today(), r.Due) < 0
		var dueCell fyne.CanvasObject = due
		if overdue {
			warn := widget.NewLabel(a.T("deal.overdue"))
			warn.Importance = widget.DangerImportance
			dueCell = container.NewVBox(due, warn)
		}
		cells := container.New(dealStageLayout, name, resp.sel, dueCell, result, done)
		var row fyne.CanvasObject = cells
		if st.ID == d.StageID {
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			if overdue {
				bg.FillColor = withAlpha(theme.Color(theme.ColorNameError), 0x40)
			}
			bg.CornerRadius = theme.InputRadiusSize()
			row = container.NewStack(bg, cells)
		}
		s.rows.Add(row)
	}
	s.rows.Refresh()
	_, hasNext := p.NextOpen(d.StageID)
	for _, b := range []*widget.Button{s.record, s.next, s.won, s.lost} {
		b.Hidden = !canMove || !open
	}
	if !hasNext {
		s.next.Hide()
	}
	s.reopen.Hidden = !canMove || open
}

// setResponsible saves the responsible and due date of a stage (the form's
// edits saved first).
func (s *dealStages) setResponsible(stageID string) {
	a := s.df.a
	a.idle.touch()
	day, ok := optionalDay(a, s.due[stageID].Text)
	if !ok {
		s.df.showMsg(a.T(msgDate))
		return
	}
	user := s.resp[stageID].value()
	s.df.saved(func(d model.Deal) {
		d, err := a.svc.Pipeline.SetResponsible(a.ctx, d.ID, d.Version, stageID, user, day)
		if err != nil {
			a.showDealErr(err)
			s.df.reload()
			return
		}
		a.shell.setStatus(a.T("deal.responsible_set"))
		s.df.reloadWith(d.ID)
	})
}

// recordResult records the current stage's result (the form's edits saved
// first).
func (s *dealStages) recordResult() {
	s.df.saved(func(d model.Deal) {
		s.df.a.recordResultDialog(s.pipe, d, func(d model.Deal) { s.df.reloadWith(d.ID) })
	})
}

// moveNext moves the deal to the next open stage.
func (s *dealStages) moveNext() {
	if next, ok := s.pipe.NextOpen(s.deal.StageID); ok {
		s.move(next.ID)
	}
}

// moveKind wins or loses the deal, or reopens it into the first open
// stage.
func (s *dealStages) moveKind(k model.StageKind) {
	if st, ok := s.pipe.StageOfKind(k); ok {
		s.move(st.ID)
	}
}

// move moves the deal to stage to (the form's edits saved first).
func (s *dealStages) move(to string) {
	a := s.df.a
	a.idle.touch()
	s.df.saved(func(d model.Deal) {
		a.moveLoaded(s.pipe, s.df.d.reasons, d, to, func(d model.Deal) { s.df.reloadWith(d.ID) })
	})
}

// withAlpha is c made see-through to alpha (0–255).
func withAlpha(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
}
