package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// Reminders of activities: while a user is logged in and the window is not
// locked, a ticker asks the service for the reminders that have come due
// (DueReminders marks them shown, so each appears once) and shows each as a
// desktop notification and on the status line.

// The ticker's interval, its clock and the notification sender; tests
// replace them.
var (
	reminderEvery = 30 * time.Second
	reminderNow   = time.Now
	notify        = func(n *fyne.Notification) { fyne.CurrentApp().SendNotification(n) }
)

// reminderStops are the running tickers by App, each stopped by closing its
// channel.
var (
	reminderMu    sync.Mutex
	reminderStops = map[*App]chan struct{}{}
)

// startReminders starts the reminder ticker of the logged-in user (once;
// starting again restarts it). It checks at once, then every reminderEvery.
func startReminders(a *App) {
	if a.svc == nil || a.svc.Pipeline == nil || !model.Can(a.svc.User.Role, model.EntityActivity, model.ActRead) {
		return
	}
	stopReminders(a)
	stop := make(chan struct{})
	reminderMu.Lock()
	reminderStops[a] = stop
	reminderMu.Unlock()
	svc := a.svc
	every := reminderEvery
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			checkReminders(a, svc, stop)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
}

// stopReminders stops the ticker (logout, lock); harmless when none runs.
func stopReminders(a *App) {
	reminderMu.Lock()
	defer reminderMu.Unlock()
	if stop, ok := reminderStops[a]; ok {
		close(stop)
		delete(reminderStops, a)
	}
}

// remindersRunning tells whether a ticker runs for a.
func remindersRunning(a *App) bool {
	reminderMu.Lock()
	defer reminderMu.Unlock()
	_, ok := reminderStops[a]
	return ok
}

// checkReminders reads the due reminders off the UI goroutine and shows
// them on it, unless the ticker was stopped meanwhile.
func checkReminders(a *App, svc *model.Services, stop chan struct{}) {
	a.busy.Add(1)
	defer a.busy.Add(-1)
	select {
	case <-stop:
		return
	default:
	}
	acts, err := svc.Pipeline.DueReminders(a.ctx, reminderNow())
	if err != nil {
		logf("reminders: %v", err)
		return
	}
	if len(acts) == 0 {
		return
	}
	fyne.Do(func() {
		select {
		case <-stop:
			return
		default:
		}
		for _, act := range acts {
			showReminder(a, act)
		}
	})
}

// showReminder is one reminder: a desktop notification and the status line.
func showReminder(a *App, act model.Activity) {
	title := a.T("reminder.title", a.T(activityKindKey(act.Kind)), act.Due.Local().Format(clockFormat))
	text := act.Subject
	for _, s := range []string{act.CustomerName, act.DealTitle} {
		if s != "" {
			text += " · " + s
		}
	}
	notify(fyne.NewNotification(title, text))
	if a.shell != nil {
		a.shell.setStatus(title + ": " + text)
	}
}
