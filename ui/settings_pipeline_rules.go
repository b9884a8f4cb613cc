package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// reasonRow is one lost reason's inputs.
type reasonRow struct {
	r      model.LostReason
	name   *widget.Entry
	active *widget.Check
}

// lostReasonsEditor edits the dictionary of reasons a deal is lost for:
// add, rename, deactivate (administrators).
type lostReasonsEditor struct {
	a       *App
	canEdit bool
	rows    []*reasonRow
	box     *fyne.Container
	status  *widget.Label
}

func newLostReasonsEditor(a *App) *lostReasonsEditor {
	return &lostReasonsEditor{a: a, canEdit: model.Can(a.svc.User.Role, model.EntityPipeline, model.ActUpdate)}
}

func (e *lostReasonsEditor) build() fyne.CanvasObject {
	a := e.a
	e.box = container.NewVBox()
	e.status = widget.NewLabel("")
	save := widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), e.submit)
	save.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon(a.T("pipeset.add_reason"), theme.ContentAddIcon(), func() {
		r := e.newRow(model.LostReason{Active: true})
		e.rows = append(e.rows, r)
		e.box.Add(e.rowObject(r))
		a.win.Canvas().Focus(r.name)
	})
	if !e.canEdit {
		save.Hide()
		add.Hide()
		e.status.SetText(a.T("pipeset.read_only"))
	}
	a.background(func() {
		rs, err := a.svc.Pipeline.LostReasons(a.ctx)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			e.rows = nil
			e.box.Objects = nil
			for _, r := range rs {
				row := e.newRow(r)
				e.rows = append(e.rows, row)
				e.box.Add(e.rowObject(row))
			}
			e.box.Refresh()
		})
	})
	return container.NewBorder(nil, container.NewBorder(nil, nil, container.NewHBox(add, save), nil, e.status), nil, nil,
		container.NewVScroll(e.box))
}

func (e *lostReasonsEditor) newRow(r model.LostReason) *reasonRow {
	row := &reasonRow{r: r, name: widget.NewEntry(), active: widget.NewCheck(e.a.T("pipeset.active"), nil)}
	row.name.SetText(r.Name)
	row.active.SetChecked(r.Active)
	if !e.canEdit {
		row.name.Disable()
		row.active.Disable()
	}
	return row
}

func (e *lostReasonsEditor) rowObject(r *reasonRow) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, r.active, narrow(r.name, 480))
}

// submit saves the reasons that changed or are new.
func (e *lostReasonsEditor) submit() {
	a := e.a
	n := 0
	for _, row := range e.rows {
		name := strings.TrimSpace(row.name.Text)
		if name == row.r.Name && row.active.Checked == row.r.Active && row.r.ID != "" {
			continue
		}
		if name == "" && row.r.ID == "" {
			continue
		}
		r := row.r
		r.Name, r.Active = name, row.active.Checked
		if r.ID == "" {
			r.Sort = (len(e.rows) + n) * 10
		}
		saved, err := a.svc.Pipeline.SaveLostReason(a.ctx, r)
		if err != nil {
			a.showErr(err)
			return
		}
		row.r = saved
		n++
	}
	e.status.Importance = widget.SuccessImportance
	e.status.SetText(a.N("pipeset.reasons_saved", int64(n)))
}

// ruleRow is one approval rule's inputs.
type ruleRow struct {
	r         model.ApprovalRule
	active    *widget.Check
	threshold *widget.Entry
	msg       *widget.Label
}

// approvalRulesEditor edits the approval rules: each kind active or not,
// with its threshold (a discount in %, days, an amount in the base
// currency; the floor rule has none).
type approvalRulesEditor struct {
	a       *App
	canEdit bool
	d       catalogDicts
	rows    []*ruleRow
	grid    *fyne.Container
	status  *widget.Label
}

func newApprovalRulesEditor(a *App) *approvalRulesEditor {
	return &approvalRulesEditor{a: a, canEdit: model.Can(a.svc.User.Role, model.EntityPipeline, model.ActUpdate)}
}

func (e *approvalRulesEditor) build() fyne.CanvasObject {
	a := e.a
	e.grid = container.New(layout.NewFormLayout())
	e.status = widget.NewLabel("")
	save := widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), e.submit)
	save.Importance = widget.HighImportance
	if !e.canEdit {
		save.Hide()
		e.status.SetText(a.T("pipeset.read_only"))
	}
	a.loadCatalogDicts(func(d catalogDicts) {
		e.d = d
		a.background(func() {
			rs, err := a.svc.Pipeline.ApprovalRules(a.ctx)
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
					return
				}
				e.show(rs)
			})
		})
	})
	help := widget.NewLabel(a.T("pipeset.rules_help"))
	help.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewVBox(help, e.grid, container.NewBorder(nil, nil, save, nil, e.status)))
}

func (e *approvalRulesEditor) show(rs []model.ApprovalRule) {
	a := e.a
	e.rows = nil
	e.grid.Objects = nil
	for _, k := range model.ApprovalRuleKinds {
		for _, r := range rs {
			if r.Kind != k {
				continue
			}
			row := &ruleRow{r: r, active: widget.NewCheck(a.T("pipeset.active"), nil), threshold: widget.NewEntry(), msg: widget.NewLabel("")}
			row.active.SetChecked(r.Active)
			row.threshold.SetText(e.thresholdInput(r))
			row.msg.Importance = widget.DangerImportance
			row.msg.Hide()
			if r.Kind == model.RuleFloor {
				row.threshold.Hide()
			}
			if !e.canEdit {
				row.active.Disable()
				row.threshold.Disable()
			}
			e.rows = append(e.rows, row)
			unit := widget.NewLabel(e.unit(k))
			e.grid.Add(widget.NewLabel(a.T("approval_rule." + string(k))))
			size := fyne.NewSize(180, row.threshold.MinSize().Height)
			e.grid.Add(container.NewBorder(nil, row.msg, row.active, nil, container.NewHBox(container.NewGridWrap(size, row.threshold), unit)))
		}
	}
	e.grid.Refresh()
}

// unit names what a kind's threshold counts.
func (e *approvalRulesEditor) unit(k model.ApprovalRuleKind) string {
	switch k {
	case model.RuleDiscount:
		return "%"
	case model.RuleDeferral:
		return e.a.T("pipeset.days")
	case model.RuleAmount:
		return e.d.tax.BaseCurrency
	}
	return ""
}

func (e *approvalRulesEditor) thresholdInput(r model.ApprovalRule) string {
	switch r.Kind {
	case model.RuleDiscount:
		return e.a.bpInput(r.Threshold)
	case model.RuleAmount:
		return e.a.moneyInput(model.Money(r.Threshold), e.d.baseDigits())
	}
	return strconv.FormatInt(r.Threshold, 10)
}

// submit saves the rules that changed.
func (e *approvalRulesEditor) submit() {
	a := e.a
	n, bad := 0, false
	for _, row := range e.rows {
		r := row.r
		row.msg.Hide()
		s := strings.TrimSpace(row.threshold.Text)
		var ok bool
		switch r.Kind {
		case model.RuleDiscount:
			r.Threshold, ok = parseBP(s)
		case model.RuleAmount:
			m, err := model.ParseMoney(s, e.d.baseDigits())
			r.Threshold, ok = int64(m), err == nil && m >= 0
		case model.RuleDeferral:
			d, err := strconv.Atoi(s)
			r.Threshold, ok = int64(d), err == nil && d >= 0
		default:
			ok = true
		}
		if !ok {
			row.msg.SetText(a.T("valid.number"))
			row.msg.Show()
			bad = true
			continue
		}
		r.Active = row.active.Checked
		if r.Active == row.r.Active && r.Threshold == row.r.Threshold {
			continue
		}
		saved, err := a.svc.Pipeline.SaveApprovalRule(a.ctx, r)
		if err != nil {
			a.showErr(err)
			return
		}
		row.r = saved
		n++
	}
	if bad {
		e.status.Importance = widget.DangerImportance
		e.status.SetText(a.T("err.fix_fields"))
		return
	}
	e.status.Importance = widget.SuccessImportance
	e.status.SetText(a.N("pipeset.rules_saved", int64(n)))
}
