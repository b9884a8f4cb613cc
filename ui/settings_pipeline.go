package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// pipelineSettingsTab is the settings' «Воронка продаж» tab: the stages of
// the pipeline, the lost reasons, the approval rules and the lead routing
// rules. Administrators edit; heads edit the routing rules; others read.
func pipelineSettingsTab(a *App) fyne.CanvasObject {
	tabs := container.NewAppTabs(
		container.NewTabItem(a.T("pipeset.stages"), newStagesEditor(a).build()),
		container.NewTabItem(a.T("pipeset.lost_reasons"), newLostReasonsEditor(a).build()),
		container.NewTabItem(a.T("pipeset.approval_rules"), newApprovalRulesEditor(a).build()),
		container.NewTabItem(a.T("pipeset.routing"), newRoutingEditor(a).build()))
	return tabs
}

// canSeePipelineSettings tells who sees the tab.
func canSeePipelineSettings(r model.Role) bool {
	return model.Can(r, model.EntityPipeline, model.ActRead)
}

// stageRow is the inputs of one stage.
type stageRow struct {
	s      model.Stage
	name   *widget.Entry
	prob   *widget.Entry
	result *widget.Entry
	role   *choice
	days   *widget.Entry
}

var stageLayout = colLayout{widths: []float32{190, 80, 320, 160, 80, 130}, mins: []float32{120, 60, 160, 120, 60, 130}, flex: 2}

var stageColumns = []column{{"stage", 190}, {"probability", 80}, {"expected_result", 320}, {"default_role", 160},
	{"norm_days", 80}}

// stagesEditor edits the default pipeline's stages: name, probability,
// expected result, default role and days norm; open stages are added,
// removed and reordered; won and lost stay last.
type stagesEditor struct {
	a       *App
	canEdit bool
	p       model.Pipeline
	rows    []*stageRow
	box     *fyne.Container
	status  *widget.Label
	save    *widget.Button
	add     *widget.Button
}

func newStagesEditor(a *App) *stagesEditor {
	return &stagesEditor{a: a, canEdit: model.Can(a.svc.User.Role, model.EntityPipeline, model.ActUpdate)}
}

func (e *stagesEditor) build() fyne.CanvasObject {
	a := e.a
	var heads []fyne.CanvasObject
	for _, c := range stageColumns {
		heads = append(heads, newHeaderCell(a.T("col."+c.key), nil))
	}
	heads = append(heads, widget.NewLabel(""))
	e.box = container.NewVBox()
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	e.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), e.submit)
	e.save.Importance = widget.HighImportance
	e.add = widget.NewButtonWithIcon(a.T("pipeset.add_stage"), theme.ContentAddIcon(), e.addStage)
	if !e.canEdit {
		e.save.Hide()
		e.add.Hide()
		e.status.SetText(a.T("pipeset.read_only"))
	}
	e.load()
	bottom := container.NewBorder(nil, nil, container.NewHBox(e.add, e.save), nil, e.status)
	return container.NewBorder(container.NewVBox(container.New(stageLayout, heads...), widget.NewSeparator()), bottom, nil, nil,
		container.NewVScroll(e.box))
}

// load reads the default pipeline in the background.
func (e *stagesEditor) load() {
	a := e.a
	a.background(func() {
		ps, err := a.svc.Pipeline.Pipelines(a.ctx)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			if len(ps) == 0 {
				return
			}
			e.p = ps[0]
			e.rows = nil
			for _, s := range e.p.Stages {
				e.rows = append(e.rows, e.newRow(s))
			}
			e.render()
		})
	})
}

func (e *stagesEditor) newRow(s model.Stage) *stageRow {
	a := e.a
	r := &stageRow{s: s, name: widget.NewEntry(), prob: widget.NewEntry(), result: widget.NewEntry(), days: widget.NewEntry()}
	r.name.SetText(s.Name)
	r.prob.SetText(a.bpInput(s.ProbabilityBP))
	r.result.SetText(s.ExpectedResult)
	r.days.SetText(strconv.Itoa(s.NormDays))
	r.role = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	r.role.setOptions(enumOptions(a, "role.", model.Roles))
	r.role.set(string(s.DefaultRole))
	if s.Kind != model.StageOpen {
		r.prob.Disable()
		r.days.Disable()
		r.role.sel.Disable()
	}
	if !e.canEdit {
		for _, x := range []*widget.Entry{r.name, r.prob, r.result, r.days} {
			x.Disable()
		}
		r.role.sel.Disable()
	}
	return r
}

// render lays the rows out in their order with their move and remove
// buttons.
func (e *stagesEditor) render() {
	e.box.Objects = nil
	for i, r := range e.rows {
		var btns []fyne.CanvasObject
		if e.canEdit && r.s.Kind == model.StageOpen {
			up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.move(i, -1) })
			down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.move(i, 1) })
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.remove(i) })
			if i == 0 {
				up.Disable()
			}
			if i+1 >= len(e.rows) || e.rows[i+1].s.Kind != model.StageOpen {
				down.Disable()
			}
			btns = append(btns, up, down, del)
		} else if r.s.Kind != model.StageOpen {
			l := widget.NewLabel(e.a.T("stage_kind." + string(r.s.Kind)))
			l.Importance = widget.LowImportance
			btns = append(btns, l)
		}
		if r.s.Kind != model.StageOpen {
			e.box.Add(container.New(stageLayout, r.name, widget.NewLabel(""), r.result, widget.NewLabel(""), widget.NewLabel(""),
				container.NewHBox(btns...)))
			continue
		}
		e.box.Add(container.New(stageLayout, r.name, r.prob, r.result, r.role.sel, r.days, container.NewHBox(btns...)))
	}
	e.box.Refresh()
}

func (e *stagesEditor) move(i, d int) {
	j := i + d
	if j < 0 || j >= len(e.rows) || e.rows[j].s.Kind != model.StageOpen {
		return
	}
	e.rows[i], e.rows[j] = e.rows[j], e.rows[i]
	e.render()
}

func (e *stagesEditor) remove(i int) {
	e.rows = append(e.rows[:i:i], e.rows[i+1:]...)
	e.render()
}

// addStage adds an open stage after the last open one.
func (e *stagesEditor) addStage() {
	at := 0
	for i, r := range e.rows {
		if r.s.Kind == model.StageOpen {
			at = i + 1
		}
	}
	r := e.newRow(model.Stage{Kind: model.StageOpen, PipelineID: e.p.ID, DefaultRole: model.RoleSeller})
	e.rows = append(e.rows[:at:at], append([]*stageRow{r}, e.rows[at:]...)...)
	e.render()
	e.a.win.Canvas().Focus(r.name)
}

// read turns the rows into the pipeline's stages in their order.
func (e *stagesEditor) read() (model.Pipeline, bool) {
	p := e.p
	p.Stages = nil
	ok := true
	for i, r := range e.rows {
		s := r.s
		s.Name, s.ExpectedResult = strings.TrimSpace(r.name.Text), strings.TrimSpace(r.result.Text)
		s.Sort = (i + 1) * 10
		s.DefaultRole = model.Role(r.role.value())
		bp, okP := parseBP(r.prob.Text)
		days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
		if !okP || err != nil || days < 0 {
			ok = false
		}
		s.ProbabilityBP, s.NormDays = bp, days
		p.Stages = append(p.Stages, s)
	}
	return p, ok
}

func (e *stagesEditor) submit() {
	a := e.a
	p, ok := e.read()
	e.status.Importance = widget.DangerImportance
	if !ok {
		e.status.SetText(a.T("pipeset.bad_numbers"))
		e.status.Refresh()
		return
	}
	saved, err := a.svc.Pipeline.SavePipeline(a.ctx, p)
	switch {
	case errors.Is(err, model.ErrStageInUse):
		e.status.SetText(a.T("pipeset.stage_in_use"))
	case len(model.FieldErrors(err)) > 0:
		msgs := []string{a.T("err.fix_fields")}
		for _, fe := range model.FieldErrors(err) {
			msgs = append(msgs, a.T(fe.Msg))
		}
		e.status.SetText(strings.Join(msgs, " "))
	case err != nil:
		a.showErr(err)
		return
	default:
		e.p = saved
		e.rows = nil
		for _, s := range saved.Stages {
			e.rows = append(e.rows, e.newRow(s))
		}
		e.render()
		e.status.Importance = widget.SuccessImportance
		e.status.SetText(a.T("settings.saved"))
	}
	e.status.Refresh()
}
