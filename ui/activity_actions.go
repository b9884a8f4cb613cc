package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// completeActivity asks for the outcome of an activity and marks it done;
// the check writes the outcome into the customer's timeline (on by default
// for calls, meetings and e-mails). done runs after.
func (a *App) completeActivity(act model.Activity, done func(model.Activity)) *formDlg {
	f := newForm(a)
	f.entry("outcome", "")
	f.multiLine("outcome", 3)
	timeline := widget.NewCheck(a.T("activity.to_timeline"), nil)
	timeline.SetChecked(timelineByDefault(act.Kind) && act.CustomerID != "")
	if act.CustomerID == "" {
		timeline.Disable()
	}
	f.add("timeline", timeline)
	return a.formDialog(a.T("activity.complete_title", act.Subject), f, fyne.NewSize(520, 320), func() error {
		saved, err := a.svc.Pipeline.CompleteActivity(a.ctx, act.ID, act.Version, f.text("outcome"), timeline.Checked)
		if err != nil {
			return err
		}
		a.shell.setStatus(a.T("activity.completed", act.Subject))
		if done != nil {
			done(saved)
		}
		return nil
	})
}

// rescheduleActivity moves an activity to another date and time; its
// reminder keeps its distance from the due time.
func (a *App) rescheduleActivity(act model.Activity, done func(model.Activity)) *formDlg {
	f := newForm(a)
	next := act.Due.AddDate(0, 0, 1)
	if next.Before(time.Now()) {
		next = time.Date(time.Now().Year(), time.Now().Month(), time.Now().Day()+1, act.Due.Local().Hour(), act.Due.Local().Minute(), 0, 0, time.Local)
	}
	day := f.entry("due", a.showDay(localDay(next)))
	day.SetPlaceHolder(a.T("format.date_hint"))
	f.entry("due_time", next.Local().Format(clockFormat))
	return a.formDialog(a.T("activity.reschedule_title", act.Subject), f, fyne.NewSize(460, 240), func() error {
		d, ok := parseDay(a, f.text("due"))
		h, m, okClock := parseClock(f.text("due_time"))
		var v model.ValidationErrors
		if !ok {
			v.Add("due", msgDate)
		}
		if !okClock {
			v.Add("due_time", "valid.time")
		}
		if len(v) > 0 {
			return v
		}
		n := act
		n.Due = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, time.Local)
		if !act.RemindAt.IsZero() {
			n.RemindAt = n.Due.Add(act.RemindAt.Sub(act.Due))
			n.RemindedAt = time.Time{}
		}
		saved, err := a.svc.Pipeline.SaveActivity(a.ctx, n)
		if err != nil {
			return err
		}
		a.shell.setStatus(a.T("activity.rescheduled", act.Subject, a.dueText(saved.Due)))
		if done != nil {
			done(saved)
		}
		return nil
	})
}

// openActivityTarget opens what the activity is about: its deal, else its
// customer.
func (a *App) openActivityTarget(act model.Activity) {
	a.idle.touch()
	switch {
	case act.DealID != "":
		openDeal(a, act.DealID)
	case act.CustomerID != "":
		a.shell.openCustomer(act.CustomerID)
	}
}

// activityRow is one activity with its actions: done, reschedule and open
// (the deal or the customer); tapping the text edits it. overdue shows it
// in red.
func (a *App) activityRow(act model.Activity, overdue, withDate bool, changed func()) fyne.CanvasObject {
	text := widget.NewLabel(a.activityLine(act, withDate))
	text.Truncation = fyne.TextTruncateEllipsis
	if overdue {
		text.Importance = widget.DangerImportance
	}
	if act.Done() {
		text.Importance = widget.LowImportance
	}
	edit := newTapArea(text, func() { a.editActivity(act, func(model.Activity) { changed() }) })
	// Three slots of one width in every row, so that the texts line up.
	btns := []fyne.CanvasObject{widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")}
	if !act.Done() {
		btns[0] = widget.NewButton(a.T("activity.complete"), func() { a.completeActivity(act, func(model.Activity) { changed() }) })
		btns[1] = widget.NewButton(a.T("activity.reschedule"), func() { a.rescheduleActivity(act, func(model.Activity) { changed() }) })
	}
	if act.DealID != "" {
		btns[2] = widget.NewButton(a.T("activity.open_deal"), func() { a.openActivityTarget(act) })
	} else if act.CustomerID != "" {
		btns[2] = widget.NewButton(a.T("activity.open_customer"), func() { a.openActivityTarget(act) })
	}
	return container.NewBorder(nil, nil, nil, container.NewGridWithColumns(3, btns...), edit)
}
