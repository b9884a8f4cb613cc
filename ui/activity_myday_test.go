package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestMyDayShowsTodayAndOverdueAndCompletesIntoTheTimeline(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	f := newWorkFixture(h)
	today := f.activity("seller", model.Activity{Kind: model.ActivityCall, Subject: "Позвонить по поставке", Due: at(0, 12, 0),
		CustomerID: f.cust.ID})
	late := f.activity("seller", model.Activity{Kind: model.ActivityTask, Subject: "Отправить прайс", Due: at(-2, 10, 0),
		CustomerID: f.cust.ID})
	f.activity("seller", model.Activity{Kind: model.ActivityMeeting, Subject: "Встреча на следующей неделе", Due: at(9, 10, 0),
		CustomerID: f.cust.ID})
	f.activity("seller2", model.Activity{Kind: model.ActivityCall, Subject: "Чужой звонок", Due: at(0, 11, 0)})
	h.loginAs("seller")
	d := newMyDay(h.a)
	h.openScreen(d)
	root := h.a.shell.content
	if actIndex(d.todays, today.ID) < 0 || actIndex(d.todays, late.ID) >= 0 {
		t.Fatalf("today: %d activities without the call or with the overdue task", len(d.todays))
	}
	if actIndex(d.overdue, late.ID) < 0 || actIndex(d.overdue, today.ID) >= 0 {
		t.Fatalf("overdue: %d activities without the task or with today's call", len(d.overdue))
	}
	for _, x := range append(append([]model.Activity(nil), d.todays...), d.overdue...) {
		if x.OwnerID != h.a.svc.User.ID || x.Done() {
			t.Fatalf("My day shows %q of %s, done %v", x.Subject, x.OwnerName, x.Done())
		}
	}
	if l := labelWith(t, root, "Отправить прайс"); l.Importance != widget.DangerImportance {
		t.Errorf("the overdue activity is not red: %v", l.Importance)
	}
	labelWith(t, root, "12:00 · Call · Позвонить по поставке · Покупатель Воронки")
	if hasLabelContaining(root, "Чужой звонок") || hasLabelContaining(root, "следующей неделе") {
		t.Error("My day shows another user's or a later activity")
	}
	// Completing the call writes the customer's timeline (on by default for calls).
	dlg := h.a.completeActivity(d.todays[actIndex(d.todays, today.ID)], func(model.Activity) { d.changed() })
	box := h.overlay()
	checks := findAll(box, func(c *widget.Check) bool { return c.Text == en("activity.to_timeline") })
	if len(checks) != 1 || !checks[0].Checked {
		t.Fatalf("the timeline check is not on for a call: %d", len(checks))
	}
	fieldIn(t, box, en("field.outcome")).entry(t).SetText("Договорились о встрече")
	dlg.submit()
	h.settle()
	if dlg.open || actIndex(d.todays, today.ID) >= 0 {
		t.Fatalf("after completing: dialog open %v, still today %v", dlg.open, actIndex(d.todays, today.ID) >= 0)
	}
	card, err := h.session("seller").CustomerCard(h.ctx, f.cust.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range card.Timeline {
		found = found || strings.Contains(e.Text, "Договорились о встрече")
	}
	if !found {
		t.Errorf("the outcome is not in the timeline: %+v", card.Timeline)
	}
	// A task does not go to the timeline unless ticked.
	h.a.completeActivity(late, nil)
	checks = findAll(h.overlay(), func(c *widget.Check) bool { return c.Text == en("activity.to_timeline") })
	if len(checks) != 1 || checks[0].Checked {
		t.Error("the timeline check is on for a task")
	}
	h.closeDialogs()
}

func TestCalendarShowsAnActivityOnItsWeekday(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	f := newWorkFixture(h)
	due := at(0, 15, 30)
	f.activity("seller", model.Activity{Kind: model.ActivityMeeting, Subject: "Показ образцов WRK", Due: due, CustomerID: f.cust.ID})
	h.loginAs("seller")
	d := newMyDay(h.a)
	h.openScreen(d)
	test := buttonIn(t, h.a.shell.content, en("myday.calendar"))
	test.OnTapped()
	h.settle()
	c := d.cal
	if c == nil || len(c.grid.Objects) != 7 {
		t.Fatal("the calendar has no seven days")
	}
	day := (int(due.Weekday()) + 6) % 7
	for i, col := range c.grid.Objects {
		got := len(labelsWith(col, "15:30 Показ образцов WRK"))
		if want := map[bool]int{true: 1, false: 0}[i == day]; got != want {
			t.Errorf("day %d: %d buttons, want %d", i, got, want)
		}
	}
	if !hasLabelContaining(c.grid.Objects[day], h.a.showDay(localDay(due))) {
		t.Error("the day's column does not show its date")
	}
	// The next week has none of it.
	c.shift(7)
	h.settle()
	if n := len(labelsWith(c.grid, "15:30 Показ образцов WRK")); n != 0 {
		t.Errorf("next week shows %d activities", n)
	}
}

func TestRemindersNotifyOnce(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	f := newWorkFixture(h)
	h.loginAs("seller")
	stopReminders(h.a) // the ticker started at login; this test runs its own
	h.settle()
	now := time.Now()
	f.activity("seller", model.Activity{Kind: model.ActivityCall, Subject: "Напомнить о звонке", Due: now.Add(10 * time.Minute),
		RemindAt: now.Add(-time.Minute), CustomerID: f.cust.ID})
	var sent atomic.Int32 // notifications of this activity (the demo's may come too)
	var title string
	oldEvery, oldNow, oldNotify := reminderEvery, reminderNow, notify
	reminderEvery, reminderNow = 20*time.Millisecond, func() time.Time { return now }
	notify = func(n *fyne.Notification) {
		if strings.Contains(n.Content, "Напомнить о звонке") {
			sent.Add(1)
			title = n.Title + " " + n.Content
		}
	}
	t.Cleanup(func() { reminderEvery, reminderNow, notify = oldEvery, oldNow, oldNotify })
	startReminders(h.a)
	t.Cleanup(func() { stopReminders(h.a) })
	deadline := time.Now().Add(300 * time.Millisecond)
	for time.Now().Before(deadline) {
		h.fa.drv.pump()
		time.Sleep(5 * time.Millisecond)
	}
	stopReminders(h.a)
	h.settle()
	if sent.Load() != 1 {
		t.Fatalf("notifications: %d, want 1", sent.Load())
	}
	if !strings.Contains(title, "Call at") {
		t.Errorf("notification %q", title)
	}
	if remindersRunning(h.a) {
		t.Error("the ticker still runs after stop")
	}
	showReminder(h.a, model.Activity{Kind: model.ActivityMeeting, Subject: "Строка состояния", Due: now})
	if !strings.Contains(h.a.shell.status.Text, "Meeting at") || !strings.Contains(h.a.shell.status.Text, "Строка состояния") {
		t.Errorf("status line %q", h.a.shell.status.Text)
	}
}

func TestCardActivitiesTabListsTheCustomersActivities(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	f := newWorkFixture(h)
	f.activity("seller", model.Activity{Kind: model.ActivityMeeting, Subject: "Встреча у клиента", Due: at(1, 11, 0), CustomerID: f.cust.ID})
	f.activity("seller", model.Activity{Kind: model.ActivityCall, Subject: "Звонок другому", Due: at(1, 12, 0)})
	h.loginAs("seller")
	c := h.openCard(f.cust.ID)
	tab := h.tab(c, "card.activities")
	h.settle()
	if !hasLabelContaining(tab, "Встреча у клиента") || hasLabelContaining(tab, "Звонок другому") {
		t.Fatal("the tab does not show just the customer's activities")
	}
	tap(t, tab, en("activity.new"))
	h.settle()
	if got := findAll(h.overlay(), func(e *widget.Entry) bool { return e.Text == f.cust.Name }); len(got) != 1 {
		t.Error("a new activity from the card is not for the customer")
	}
	h.closeDialogs()
}

// actIndex is the position of the activity with id, or -1.
func actIndex(acts []model.Activity, id string) int {
	for i, a := range acts {
		if a.ID == id {
			return i
		}
	}
	return -1
}

func TestRemindersRunWhileLoggedInAndUnlocked(t *testing.T) {
	h := newHarness(t, true, "en")
	h.loginAs("seller")
	t.Cleanup(func() { stopReminders(h.a) })
	if !remindersRunning(h.a) {
		t.Skip("startReminders is not called after login yet (ui/app.go)")
	}
	h.a.lock()
	if remindersRunning(h.a) {
		t.Error("reminders run behind the lock")
	}
	v := h.loginScreen("en")
	test.Type(v.password, repo.DemoPassword)
	test.Tap(v.submit)
	h.settle()
	if !remindersRunning(h.a) {
		t.Error("reminders do not run after the unlock")
	}
	h.a.Logout()
	if remindersRunning(h.a) {
		t.Error("reminders run after the logout")
	}
}

func TestActivityFormSavesWithReminderAndChecksTheTime(t *testing.T) {
	h := newHarness(t, true, "en")
	f := newWorkFixture(h)
	h.loginAs("seller")
	d := newMyDay(h.a)
	h.openScreen(d)
	af := h.a.editActivity(model.Activity{}, func(model.Activity) { d.changed() })
	h.settle()
	pick(t, af.kind, string(model.ActivityMeeting))
	af.f.setText("subject", "Встреча по образцам")
	af.f.setText("due", h.a.showDay(localDay(time.Now())))
	af.f.setText("due_time", "25:00")
	pick(t, af.remind, "60")
	h.pickHit(af.customer, "Покупатель Вор", "Покупатель Воронки")
	af.dlg.submit()
	if !af.dlg.open || af.f.errorOf("due_time") != en("valid.time") {
		t.Fatalf("a bad time: open %v, message %q", af.dlg.open, af.f.errorOf("due_time"))
	}
	af.f.setText("due_time", "23:45")
	af.dlg.submit()
	h.settle()
	if af.dlg.open {
		t.Fatalf("the dialog stays open: %q %q", af.f.errorOf("subject"), af.f.errorOf("due"))
	}
	saved := af.act
	if saved.ID == "" || saved.CustomerID != f.cust.ID || saved.Kind != model.ActivityMeeting {
		t.Fatalf("saved %+v", saved)
	}
	if got := saved.Due.Sub(saved.RemindAt); got != time.Hour {
		t.Errorf("reminder %v before the due time, want 1h", got)
	}
	if actIndex(d.todays, saved.ID) < 0 {
		t.Error("the new activity is not in My day")
	}
}
