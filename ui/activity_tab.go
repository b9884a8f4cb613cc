package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// cardActivities is how many activities the card's tab shows.
const cardActivities = 200

// activitiesTab is the card's «Дела» tab: the customer's activities, open
// ones first by due time, with a new one for the customer.
type activitiesTab struct {
	c    *customerCard
	box  *fyne.Container
	add  *widget.Button
	name string
	gen  int
}

// buildActivitiesTab is the customer card's activities tab.
func buildActivitiesTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	t := &activitiesTab{c: c, box: container.NewVBox()}
	t.add = widget.NewButtonWithIcon(a.T("activity.new"), theme.ContentAddIcon(), func() {
		a.editActivity(model.Activity{CustomerID: c.id, CustomerName: t.name}, func(model.Activity) { t.reload() })
	})
	if !model.Can(a.svc.User.Role, model.EntityActivity, model.ActCreate) {
		t.add.Hide()
	}
	c.onLoad(func(d model.CustomerCard) {
		t.name = d.Customer.Name
		t.reload()
	})
	return container.NewBorder(container.NewHBox(t.add), nil, nil, nil, container.NewVScroll(t.box))
}

// reload reads the customer's activities in the background.
func (t *activitiesTab) reload() {
	a := t.c.a
	t.gen++
	gen := t.gen
	f := model.ActivityFilter{CustomerID: t.c.id, AllOwners: a.canSeeEveryone(), Limit: cardActivities}
	a.background(func() {
		acts, err := a.svc.Pipeline.FindActivities(a.ctx, f)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			t.render(acts)
		})
	})
}

func (t *activitiesTab) render(acts []model.Activity) {
	a := t.c.a
	t.box.Objects = nil
	if len(acts) == 0 {
		l := widget.NewLabel(a.T("activity.none"))
		l.Importance = widget.LowImportance
		t.box.Add(l)
	}
	now := time.Now()
	var open, done []model.Activity
	for _, x := range acts {
		if x.Done() {
			done = append(done, x)
		} else {
			open = append(open, x)
		}
	}
	changed := func() { t.reload(); t.c.reload() }
	for _, x := range open {
		t.box.Add(a.activityRow(x, x.Due.Before(now), true, changed))
	}
	if len(done) > 0 {
		t.box.Add(widget.NewLabelWithStyle(a.T("activity.done_list"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for i := len(done) - 1; i >= 0; i-- {
		x := done[i]
		line := a.activityLine(x, true)
		if x.Outcome != "" {
			line += " — " + x.Outcome
		}
		l := widget.NewLabel(line)
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = widget.LowImportance
		t.box.Add(l)
	}
	t.box.Refresh()
}
