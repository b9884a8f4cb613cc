package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// myDayLimit bounds each of My day's reads.
const myDayLimit = 500

// myDay is «Мой день»: the user's open activities due today and those
// overdue (heads: everyone's with the switch), with their actions, and a
// switch to the week calendar.
type myDay struct {
	a        *App
	everyone bool
	overdue  []model.Activity
	todays   []model.Activity
	box      *fyne.Container
	count    *widget.Label
	body     *fyne.Container
	list     fyne.CanvasObject
	cal      *calendar
	calObj   fyne.CanvasObject
	toggle   *widget.Button
	showCal  bool
	gen      int
}

func newMyDay(a *App) *myDay { return &myDay{a: a} }

func (s *myDay) build() fyne.CanvasObject {
	a := s.a
	title := widget.NewLabelWithStyle(a.T("nav.my_day"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	everyone := widget.NewCheck(a.T("myday.everyone"), func(on bool) {
		s.everyone = on
		if s.cal != nil {
			s.cal.everyone = on
			s.cal.reload()
		}
		s.reload()
	})
	if !a.canSeeEveryone() {
		everyone.Hide()
	}
	add := widget.NewButtonWithIcon(a.T("activity.new"), theme.ContentAddIcon(), func() {
		a.editActivity(model.Activity{}, func(model.Activity) { s.changed() })
	})
	s.toggle = widget.NewButtonWithIcon(a.T("myday.calendar"), theme.GridIcon(), s.switchView)
	s.box = container.NewVBox()
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.list = container.NewBorder(nil, s.count, nil, nil, container.NewVScroll(s.box))
	s.body = container.NewStack(s.list)
	tools := container.NewBorder(nil, nil, container.NewHBox(title, everyone), container.NewHBox(add, s.toggle))
	s.reload()
	return container.NewBorder(container.NewVBox(tools, widget.NewSeparator()), nil, nil, nil, s.body)
}

// switchView shows the week calendar instead of the day, or back.
func (s *myDay) switchView() {
	a := s.a
	a.idle.touch()
	s.showCal = !s.showCal
	if s.showCal {
		if s.cal == nil {
			s.cal = newCalendar(a)
			s.cal.everyone = s.everyone
			s.cal.onChange = s.reload
			s.calObj = s.cal.build()
		} else {
			s.cal.reload()
		}
		s.body.Objects = []fyne.CanvasObject{s.calObj}
		s.toggle.SetText(a.T("myday.list"))
		s.toggle.SetIcon(theme.ListIcon())
	} else {
		s.body.Objects = []fyne.CanvasObject{s.list}
		s.toggle.SetText(a.T("myday.calendar"))
		s.toggle.SetIcon(theme.GridIcon())
		s.reload()
	}
	s.body.Refresh()
}

// changed reloads what is shown after an activity changed.
func (s *myDay) changed() {
	s.reload()
	if s.cal != nil {
		s.cal.reload()
	}
}

// reshow reloads when the screen is shown again (back from a deal).
func (s *myDay) reshow() { s.changed() }

// reload reads today's and the overdue activities in the background.
func (s *myDay) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	start := localDay(time.Now())
	base := model.ActivityFilter{AllOwners: s.everyone, OpenOnly: true, Limit: myDayLimit}
	day, late := base, base
	day.From, day.To = start, start.AddDate(0, 0, 1)
	late.From, late.Overdue = start, true
	a.background(func() {
		todays, err := a.svc.Pipeline.FindActivities(a.ctx, day)
		var overdue []model.Activity
		if err == nil {
			overdue, err = a.svc.Pipeline.FindActivities(a.ctx, late)
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.todays, s.overdue = todays, nil
			seen := map[string]bool{}
			for _, x := range todays {
				seen[x.ID] = true
			}
			for _, x := range overdue {
				if !seen[x.ID] && x.Due.Before(start) {
					s.overdue = append(s.overdue, x)
				}
			}
			s.render()
		})
	})
}

func (s *myDay) render() {
	a := s.a
	s.box.Objects = nil
	section := func(key string, acts []model.Activity, overdue bool) {
		h := widget.NewLabelWithStyle(a.N(key, int64(len(acts))), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if overdue {
			h.Importance = widget.DangerImportance
		}
		s.box.Add(h)
		if len(acts) == 0 {
			l := widget.NewLabel(a.T("myday.nothing"))
			l.Importance = widget.LowImportance
			s.box.Add(l)
		}
		for _, act := range acts {
			s.box.Add(a.activityRow(act, overdue, overdue, s.changed))
		}
	}
	if len(s.overdue) > 0 {
		section("myday.overdue", s.overdue, true)
		s.box.Add(widget.NewSeparator())
	}
	section("myday.today", s.todays, false)
	s.box.Refresh()
	s.count.SetText(a.T("myday.summary", a.showDay(localDay(time.Now())), len(s.todays), len(s.overdue)))
}
