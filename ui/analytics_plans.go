package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// planYearsBack and planYearsAhead bound the years a plan can be entered for.
const (
	planYearsBack  = 5
	planYearsAhead = 2
)

// Widths of the plan grid's columns.
const (
	planNameWidth  = 190
	planMonthWidth = 125
)

// planCell is one month of one row of the plan grid: the entry and the
// plan as it was read.
type planCell struct {
	row   model.PlanRow
	entry *widget.Entry
}

// plansScreen is the sales plans of a year: a row for the team and one for
// each seller, a column per month. Heads and administrators edit the
// amounts and save the changed cells at once; everyone else reads them.
type plansScreen struct {
	a      *App
	year   *choice
	grid   *fyne.Container
	save   *widget.Button
	msg    *widget.Label // a cell that is not an amount
	status *widget.Label
	cells  [][]*planCell // rows × 12 months
	digits int
	edit   bool
	gen    int
	note   string // what the next fill shows in the status line instead of the help
}

// newPlansScreen is the sales plans screen of the sidebar.
func newPlansScreen(a *App) screen { return &plansScreen{a: a, digits: 2} }

// build lays out the year choice, Save and the grid, and reads the year.
func (s *plansScreen) build() fyne.CanvasObject {
	a := s.a
	s.edit = model.Can(a.svc.User.Role, model.EntityPlan, model.ActUpdate)
	s.year = newChoice(a.T("plan.year"), "", func(string) { s.reload() })
	var years []string
	cur := today().Year()
	for y := cur + planYearsAhead; y >= cur-planYearsBack; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year.setOptions(years, years)
	s.year.set(strconv.Itoa(cur))
	s.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), s.saveChanges)
	s.save.Importance = widget.HighImportance
	if !s.edit {
		s.save.Hide()
	}
	s.msg = widget.NewLabel("")
	s.msg.Importance = widget.DangerImportance
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Hide()
	s.status = lowLabel()
	s.grid = container.NewVBox()
	title := widget.NewLabelWithStyle(a.T("plan.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(title, widget.NewLabel(a.T("plan.year")),
		fixedWidth(s.year.sel, 110)), s.save), s.msg, widget.NewSeparator())
	a.loadCatalogDicts(func(d catalogDicts) {
		s.digits = d.baseDigits()
		s.reload()
	})
	return container.NewBorder(top, s.status, nil, nil, container.NewScroll(s.grid))
}

// months are the months of the chosen year.
func (s *plansScreen) months() (from, to model.Month) {
	y, err := strconv.Atoi(s.year.value())
	if err != nil {
		y = today().Year()
	}
	return model.Month{Year: y, Month: time.January}, model.Month{Year: y, Month: time.December}
}

// reload reads the year's plans in the background and rebuilds the grid.
func (s *plansScreen) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	from, to := s.months()
	a.background(func() {
		rows, err := a.svc.Analytics.Plans(a.ctx, from, to)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.fill(rows)
		})
	})
}

// fill lays out a grid row per user (the team first, as the service lists
// them) with an entry per month.
func (s *plansScreen) fill(rows []model.PlanRow) {
	a := s.a
	s.msg.Hide()
	widths := []float32{planNameWidth}
	for range 12 {
		widths = append(widths, planMonthWidth)
	}
	lay := colLayout{widths: widths, mins: widths}
	from, _ := s.months()
	heads := []fyne.CanvasObject{widget.NewLabelWithStyle(a.T("dash.col.seller"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for i := range 12 {
		heads = append(heads, widget.NewLabelWithStyle(a.monthText(from.Add(i)), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	objs := []fyne.CanvasObject{container.New(lay, heads...), widget.NewSeparator()}
	s.cells = nil
	index := map[string]int{}
	for _, r := range rows {
		i, ok := index[r.UserID]
		if !ok {
			i = len(s.cells)
			index[r.UserID] = i
			s.cells = append(s.cells, make([]*planCell, 12))
		}
		m := len(model.MonthsBetween(from, r.Month)) - 1
		if m < 0 || m >= 12 {
			continue
		}
		e := widget.NewEntry()
		if r.Amount != 0 {
			e.SetText(a.money(r.Amount, s.digits))
		}
		if !s.edit {
			e.Disable()
		}
		s.cells[i][m] = &planCell{row: r, entry: e}
	}
	for _, row := range s.cells {
		name := ""
		line := make([]fyne.CanvasObject, 0, 13)
		line = append(line, nil)
		for _, c := range row {
			if c == nil {
				line = append(line, widget.NewLabel(""))
				continue
			}
			name = c.row.Name
			if c.row.UserID == "" {
				name = a.T("plan.team")
			}
			line = append(line, c.entry)
		}
		l := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: row[0] != nil && row[0].row.UserID == ""})
		l.Truncation = fyne.TextTruncateEllipsis
		line[0] = l
		objs = append(objs, container.New(lay, line...))
	}
	s.grid.Objects = objs
	s.grid.Refresh()
	switch {
	case s.note != "":
		s.status.SetText(s.note)
		s.note = ""
	case s.edit:
		s.status.SetText(a.T("plan.help"))
	default:
		s.status.SetText(a.T("plan.read_only"))
	}
}

// changes are the cells whose amount differs from what was read; bad
// names the first cell that is not an amount ("" when all are).
func (s *plansScreen) changes() (out []model.PlanRow, bad string) {
	for _, row := range s.cells {
		for _, c := range row {
			if c == nil {
				continue
			}
			text := strings.TrimSpace(c.entry.Text)
			var amt model.Money
			if text != "" {
				var err error
				if amt, err = model.ParseMoney(text, s.digits); err != nil || amt < 0 {
					name := c.row.Name
					if c.row.UserID == "" {
						name = s.a.T("plan.team")
					}
					return nil, name + ", " + s.a.monthText(c.row.Month)
				}
			}
			if amt != c.row.Amount {
				r := c.row
				r.Amount = amt
				out = append(out, r)
			}
		}
	}
	return out, ""
}

// saveChanges stores the changed cells; a plan someone else changed in the
// meantime is refused as a whole and the user is offered to read again.
func (s *plansScreen) saveChanges() {
	a := s.a
	a.idle.touch()
	rows, bad := s.changes()
	if bad != "" {
		s.msg.SetText(a.T("plan.bad_amount", bad))
		s.msg.Show()
		return
	}
	s.msg.Hide()
	if len(rows) == 0 {
		s.status.SetText(a.T("plan.no_changes"))
		return
	}
	s.save.Disable()
	a.background(func() {
		err := a.svc.Analytics.SavePlans(a.ctx, rows)
		fyne.Do(func() {
			s.save.Enable()
			switch {
			case errors.Is(err, model.ErrStale):
				s.msg.SetText(a.T("plan.stale"))
				s.msg.Show()
				a.confirm(a.T("plan.title"), a.T("plan.stale"), a.T("plan.reload"), s.reload)
			case err != nil:
				a.showErr(err)
			default:
				s.note = a.N("plan.saved", int64(len(rows)))
				s.reload()
			}
		})
	})
}
