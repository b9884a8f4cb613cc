package ui

import (
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// calendarLimit bounds a week's read.
const calendarLimit = 1000

// calendar is the week calendar of activities: seven day columns Monday to
// Sunday, today highlighted, each activity a small button with its time
// (a tap opens it), a new activity on any day, and the weeks before and
// after.
type calendar struct {
	a        *App
	everyone bool
	start    time.Time // the Monday shown, at local midnight
	acts     []model.Activity
	grid     *fyne.Container
	week     *widget.Label
	onChange func() // an activity changed (My day reloads)
	gen      int
}

func newCalendar(a *App) *calendar { return &calendar{a: a, start: weekStart(time.Now())} }

func (c *calendar) build() fyne.CanvasObject {
	a := c.a
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.shift(-7) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.shift(7) })
	this := widget.NewButton(a.T("calendar.this_week"), func() { c.start = weekStart(time.Now()); c.reload() })
	c.week = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.grid = container.NewGridWithColumns(7)
	c.reload()
	return container.NewBorder(container.NewHBox(prev, this, next, c.week), nil, nil, nil, c.grid)
}

// shift moves the week shown by days.
func (c *calendar) shift(days int) {
	c.a.idle.touch()
	c.start = c.start.AddDate(0, 0, days)
	c.reload()
}

// reload reads the week's activities in the background.
func (c *calendar) reload() {
	a := c.a
	c.gen++
	gen := c.gen
	f := model.ActivityFilter{AllOwners: c.everyone, From: c.start, To: c.start.AddDate(0, 0, 7), Limit: calendarLimit}
	c.week.SetText(a.showDay(c.start) + " – " + a.showDay(c.start.AddDate(0, 0, 6)))
	a.background(func() {
		acts, err := a.svc.Pipeline.FindActivities(a.ctx, f)
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			sort.SliceStable(acts, func(i, j int) bool { return acts[i].Due.Before(acts[j].Due) })
			c.acts = acts
			c.render()
		})
	})
}

func (c *calendar) changed() {
	c.reload()
	if c.onChange != nil {
		c.onChange()
	}
}

// render lays out the seven days.
func (c *calendar) render() {
	a := c.a
	c.grid.Objects = nil
	todayStart := localDay(time.Now())
	for i := range 7 {
		day := c.start.AddDate(0, 0, i)
		head := widget.NewLabelWithStyle(a.T(fmt.Sprintf("calendar.wd%d", i+1))+"\n"+a.showDay(day), fyne.TextAlignCenter, fyne.TextStyle{})
		head.Truncation = fyne.TextTruncateEllipsis
		isToday := day.Equal(todayStart)
		if isToday {
			head.TextStyle.Bold = true
			head.Importance = widget.HighImportance
		}
		items := container.NewVBox()
		for _, act := range c.acts {
			if !localDay(act.Due).Equal(day) {
				continue
			}
			items.Add(c.item(act))
		}
		add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
			due := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, time.Local)
			a.editActivity(model.Activity{Due: due}, func(model.Activity) { c.changed() })
		})
		add.Importance = widget.LowImportance
		col := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), add, nil, nil, container.NewVScroll(items))
		if isToday {
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			bg.CornerRadius = theme.InputRadiusSize()
			c.grid.Add(container.NewStack(bg, col))
		} else {
			c.grid.Add(col)
		}
	}
	c.grid.Refresh()
}

// item is an activity in its day: a small tappable box with its time and
// subject (red when overdue, dim when done); a tap opens it.
func (c *calendar) item(act model.Activity) fyne.CanvasObject {
	a := c.a
	text := act.Due.Local().Format(clockFormat) + " " + act.Subject
	if act.Done() {
		text = "✓ " + text
	}
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	switch {
	case act.Done():
		l.Importance = widget.LowImportance
	case act.Due.Before(time.Now()):
		l.Importance = widget.DangerImportance
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	bg.CornerRadius = theme.InputRadiusSize()
	return newTapArea(container.NewStack(bg, l), func() {
		a.idle.touch()
		a.editActivity(act, func(model.Activity) { c.changed() })
	})
}

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
