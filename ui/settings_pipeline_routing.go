package ui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var routingFields = []model.RoutingField{model.RouteRegion, model.RouteSegment, model.RouteSource, model.RouteAny}

var routingLayout = colLayout{widths: []float32{80, 150, 140, 210, 260, 120, 50}, mins: []float32{70, 100, 110, 140, 150, 110, 50}, flex: 4}

var routingColumns = []column{{"order", 80}, {"rule_name", 150}, {"route_field", 140}, {"route_value", 210}, {"route_to", 260}}

// routeRow is one routing rule's inputs.
type routeRow struct {
	r      model.RoutingRule
	sort   *widget.Entry
	name   *widget.Entry
	field  *choice
	region *choice
	value  *widget.SelectEntry
	users  []string // the seller, or the team
	who    *widget.Button
	active *widget.Check
}

// routingEditor edits the rules that give new leads an owner: in order, by
// region, segment or source (or any lead), to one seller or in turn to a
// team. Administrators and heads edit.
type routingEditor struct {
	a       *App
	canEdit bool
	d       dicts
	rows    []*routeRow
	box     *fyne.Container
	status  *widget.Label
}

func newRoutingEditor(a *App) *routingEditor {
	return &routingEditor{a: a, canEdit: model.Can(a.svc.User.Role, model.EntityRouting, model.ActUpdate)}
}

func (e *routingEditor) build() fyne.CanvasObject {
	a := e.a
	var heads []fyne.CanvasObject
	for _, c := range routingColumns {
		heads = append(heads, newHeaderCell(a.T("col."+c.key), nil))
	}
	heads = append(heads, widget.NewLabel(""), widget.NewLabel(""))
	e.box = container.NewVBox()
	e.status = widget.NewLabel("")
	save := widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), e.submit)
	save.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon(a.T("pipeset.add_rule"), theme.ContentAddIcon(), func() {
		r := e.newRow(model.RoutingRule{Field: model.RouteRegion, Active: true, Sort: (len(e.rows) + 1) * 10})
		e.rows = append(e.rows, r)
		e.render()
	})
	if !e.canEdit {
		save.Hide()
		add.Hide()
		e.status.SetText(a.T("pipeset.read_only"))
	}
	a.loadDicts(func(d dicts) {
		e.d = d
		e.load()
	})
	bottom := container.NewBorder(nil, nil, container.NewHBox(add, save), nil, e.status)
	return container.NewBorder(container.NewVBox(container.New(routingLayout, heads...), widget.NewSeparator()), bottom, nil, nil,
		container.NewVScroll(e.box))
}

// load reads the rules in the background.
func (e *routingEditor) load() {
	a := e.a
	a.background(func() {
		rs, err := a.svc.Pipeline.RoutingRules(a.ctx)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			e.rows = nil
			for _, r := range rs {
				e.rows = append(e.rows, e.newRow(r))
			}
			e.render()
		})
	})
}

func (e *routingEditor) newRow(r model.RoutingRule) *routeRow {
	a := e.a
	row := &routeRow{r: r, sort: widget.NewEntry(), name: widget.NewEntry(), value: widget.NewSelectEntry(nil),
		active: widget.NewCheck(a.T("pipeset.active"), nil)}
	row.sort.SetText(strconv.Itoa(r.Sort))
	row.name.SetText(r.Name)
	row.active.SetChecked(r.Active)
	row.region = newChoice(a.T("choose"), "", nil)
	row.region.setOptions(a.regionOptions(e.d.regions))
	row.field = newChoice(a.T("choose"), "", func(string) { e.showValue(row) })
	row.field.setOptions(enumOptions(a, "route_field.", routingFields))
	row.field.set(string(r.Field))
	if r.Field == model.RouteRegion {
		row.region.set(r.Value)
	} else {
		row.value.SetText(r.Value)
	}
	row.users = append([]string(nil), r.Team...)
	if len(row.users) == 0 && r.UserID != "" {
		row.users = []string{r.UserID}
	}
	row.who = widget.NewButton("", func() { e.pickUsers(row) })
	row.who.Alignment = widget.ButtonAlignLeading
	e.showUsers(row)
	e.showValue(row)
	if !e.canEdit {
		for _, x := range []fyne.Disableable{row.sort, row.name, row.value, row.field.sel, row.region.sel, row.who, row.active} {
			x.Disable()
		}
	}
	return row
}

// showValue shows the region choice or the text value, by the field.
func (e *routingEditor) showValue(row *routeRow) {
	f := model.RoutingField(row.field.value())
	row.region.sel.Hidden = f != model.RouteRegion
	row.value.Hidden = f == model.RouteRegion || f == model.RouteAny
	switch f {
	case model.RouteSegment:
		row.value.SetOptions(e.d.items[model.DictSegment])
	case model.RouteSource:
		row.value.SetOptions(e.d.items[model.DictLeadSource])
	}
	row.region.sel.Refresh()
	row.value.Refresh()
}

// showUsers writes the chosen seller or team on the row's button.
func (e *routingEditor) showUsers(row *routeRow) {
	var names []string
	for _, id := range row.users {
		for _, u := range e.d.owners {
			if u.ID == id {
				names = append(names, u.FullName)
			}
		}
	}
	text := strings.Join(names, ", ")
	if len(names) > 1 {
		text = e.a.T("pipeset.team", text)
	}
	if text == "" {
		text = e.a.T("pipeset.choose_users")
	}
	row.who.SetText(shorten(text, 30))
}

// pickUsers chooses the seller or the team members.
func (e *routingEditor) pickUsers(row *routeRow) {
	a := e.a
	labels, values := userOptions(e.d.owners)
	group := widget.NewCheckGroup(labels, nil)
	for i, v := range values {
		for _, id := range row.users {
			if id == v {
				group.Selected = append(group.Selected, labels[i])
			}
		}
	}
	help := widget.NewLabel(a.T("pipeset.team_help"))
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(a.T("pipeset.route_to"), a.T("btn.ok"), a.T("btn.cancel"),
		container.NewBorder(help, nil, nil, nil, container.NewVScroll(group)), func(ok bool) {
			if !ok {
				return
			}
			row.users = nil
			for i, l := range labels {
				if slices.Contains(group.Selected, l) {
					row.users = append(row.users, values[i])
				}
			}
			e.showUsers(row)
		}, a.win)
	d.Resize(fyne.NewSize(420, 460))
	d.Show()
}

func (e *routingEditor) render() {
	e.box.Objects = nil
	for i, row := range e.rows {
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.remove(i) })
		if !e.canEdit {
			del.Disable()
		}
		value := container.NewStack(row.region.sel, row.value)
		e.box.Add(container.New(routingLayout, row.sort, row.name, row.field.sel, value, row.who, row.active, del))
	}
	e.box.Refresh()
}

// remove deletes a rule (at once for a saved one, after asking).
func (e *routingEditor) remove(i int) {
	a := e.a
	row := e.rows[i]
	drop := func() {
		e.rows = append(e.rows[:i:i], e.rows[i+1:]...)
		e.render()
	}
	if row.r.ID == "" {
		drop()
		return
	}
	a.confirm(a.T("pipeset.delete_rule"), a.T("pipeset.delete_rule_text", row.name.Text), a.T("btn.delete"), func() {
		if err := a.svc.Pipeline.DeleteRoutingRule(a.ctx, row.r.ID, row.r.Version); err != nil {
			a.showErr(err)
			return
		}
		drop()
	})
}

// read turns a row into its rule.
func (e *routingEditor) read(row *routeRow) (model.RoutingRule, bool) {
	r := row.r
	n, err := strconv.Atoi(strings.TrimSpace(row.sort.Text))
	r.Sort, r.Name = n, strings.TrimSpace(row.name.Text)
	r.Field, r.Active = model.RoutingField(row.field.value()), row.active.Checked
	switch r.Field {
	case model.RouteRegion:
		r.Value = row.region.value()
	case model.RouteAny:
		r.Value = ""
	default:
		r.Value = strings.TrimSpace(row.value.Text)
	}
	r.UserID, r.Team = "", nil
	switch len(row.users) {
	case 0:
	case 1:
		r.UserID = row.users[0]
	default:
		r.Team = append([]string(nil), row.users...)
	}
	return r, err == nil
}

// submit saves the new rules and those that changed.
func (e *routingEditor) submit() {
	a := e.a
	n := 0
	for _, row := range e.rows {
		r, ok := e.read(row)
		if !ok {
			e.status.Importance = widget.DangerImportance
			e.status.SetText(a.T("pipeset.bad_order"))
			return
		}
		if r.ID != "" && sameRule(r, row.r) {
			continue
		}
		saved, err := a.svc.Pipeline.SaveRoutingRule(a.ctx, r)
		if err != nil {
			if fe := model.FieldErrors(err); len(fe) > 0 {
				e.status.Importance = widget.DangerImportance
				e.status.SetText(a.T("pipeset.rule_problem", r.Name, a.T(fe[0].Msg)))
				return
			}
			a.showErr(err)
			return
		}
		row.r = saved
		n++
	}
	e.status.Importance = widget.SuccessImportance
	e.status.SetText(a.N("pipeset.rules_saved", int64(n)))
}

func sameRule(a, b model.RoutingRule) bool {
	return a.Sort == b.Sort && a.Name == b.Name && a.Field == b.Field && a.Value == b.Value && a.UserID == b.UserID &&
		a.Active == b.Active && strings.Join(a.Team, ",") == strings.Join(b.Team, ",")
}
