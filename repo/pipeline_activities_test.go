package repo_test

import (
	"errors"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

func mustActivity(t *testing.T, ss *repo.Session, a model.Activity) model.Activity {
	t.Helper()
	a, err := ss.SaveActivity(t.Context(), a)
	if err != nil {
		t.Fatalf("save activity %q: %v", a.Subject, err)
	}
	return a
}

func subjects(as []model.Activity) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Subject
	}
	return out
}

func TestPipelineActivitiesMyDay(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	now := f.clk.Now() // Monday 09:00 UTC
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	cust := createCustomer(t, f.sel1, "ООО «Клиент»", "")
	ct, err := f.sel1.SaveContact(ctx, model.Contact{CustomerID: cust.ID, Name: "Сергей"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.sel1.SaveActivity(ctx, model.Activity{Kind: "fax"}); len(fieldsOf(err)) != 3 {
		t.Fatalf("no subject, no due time, unknown kind: %v", err)
	}
	late := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityCall, Subject: "Перезвонить", Due: today.Add(-24*time.Hour + 15*time.Hour),
		ContactID: ct.ID})
	if late.CustomerID != cust.ID || late.CustomerName != "ООО «Клиент»" || late.ContactName != "Сергей" || late.OwnerID != f.tm.seller1.ID ||
		late.OwnerName != "Мария Продавцова" {
		t.Errorf("the contact gives the customer, names filled: %+v", late)
	}
	doneLate := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityTask, Subject: "Отправить КП", Due: today.Add(-48 * time.Hour), CustomerID: cust.ID})
	meeting := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityMeeting, Subject: "Встреча", Due: today.Add(14 * time.Hour), DurationMin: 60,
		CustomerID: cust.ID})
	task := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityTask, Subject: "Счёт", Due: today.Add(10 * time.Hour), CustomerID: cust.ID})
	mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityEmail, Subject: "Завтра", Due: today.Add(34 * time.Hour)})
	mustActivity(t, f.sel2, model.Activity{Kind: model.ActivityCall, Subject: "Чужой звонок", Due: today.Add(11 * time.Hour)})
	if _, err := f.sel1.CompleteActivity(ctx, doneLate.ID, doneLate.Version, "", false); err != nil {
		t.Fatal(err)
	}

	day := model.ActivityFilter{From: today, To: today.Add(24 * time.Hour)}
	got, err := f.sel1.FindActivities(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if s := subjects(got); len(s) != 2 || s[0] != "Счёт" || s[1] != "Встреча" {
		t.Errorf("today, by due time: %v", s)
	}
	got, _ = f.sel1.FindActivities(ctx, model.ActivityFilter{Overdue: true, From: today})
	if s := subjects(got); len(s) != 1 || s[0] != "Перезвонить" {
		t.Errorf("overdue (open, before today): %v", s)
	}
	got, _ = f.head.FindActivities(ctx, day)
	if len(got) != 0 {
		t.Errorf("a head's own day: %v", subjects(got))
	}
	day.AllOwners = true
	got, _ = f.head.FindActivities(ctx, day)
	if len(got) != 3 {
		t.Errorf("a head sees everyone's: %v", subjects(got))
	}
	got, _ = f.sel1.FindActivities(ctx, day)
	if len(got) != 2 {
		t.Errorf("a seller asking for everyone's sees their own: %v", subjects(got))
	}
	got, _ = f.sel1.FindActivities(ctx, model.ActivityFilter{CustomerID: cust.ID, OpenOnly: true})
	if len(got) != 3 {
		t.Errorf("the customer's open activities: %v", subjects(got))
	}
	if _, err := f.sel2.CompleteActivity(ctx, task.ID, task.Version, "", false); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("completing another seller's activity: %v", err)
	}

	// Completing into the timeline: a call as a call, a task as a note.
	c1, err := f.sel1.CompleteActivity(ctx, late.ID, late.Version, "Договорились о встрече", true)
	if err != nil {
		t.Fatal(err)
	}
	if !c1.Done() || c1.Outcome != "Договорились о встрече" || c1.InteractionID == "" || c1.Version != late.Version+1 {
		t.Errorf("completed: %+v", c1)
	}
	if _, err := f.sel1.CompleteActivity(ctx, late.ID, c1.Version, "ещё раз", true); !errors.Is(err, model.ErrStale) {
		t.Errorf("completing twice: %v", err)
	}
	if _, err := f.sel1.CompleteActivity(ctx, task.ID, task.Version, "", true); err != nil {
		t.Fatal(err)
	}
	tl, err := f.sel1.FindInteractions(ctx, cust.ID, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 2 {
		t.Fatalf("timeline: %+v", tl)
	}
	var call, note model.Interaction
	for _, it := range tl {
		switch it.Kind {
		case model.InteractionCall:
			call = it
		case model.InteractionNote:
			note = it
		}
	}
	if call.ID != c1.InteractionID || call.Text != "Перезвонить\nДоговорились о встрече" || call.ContactID != ct.ID || note.Text != "Счёт" {
		t.Errorf("timeline entries: call %+v, note %+v", call, note)
	}
	got, _ = f.sel1.FindActivities(ctx, model.ActivityFilter{Overdue: true, From: today})
	if len(got) != 0 {
		t.Errorf("nothing overdue after completing: %v", subjects(got))
	}

	// Editing and deleting.
	meeting.Subject, meeting.Due = "Встреча в офисе", meeting.Due.Add(time.Hour)
	m2, err := f.sel1.SaveActivity(ctx, meeting)
	if err != nil {
		t.Fatal(err)
	}
	if m2.Version != 2 || m2.Subject != "Встреча в офисе" || !m2.Due.Equal(today.Add(15*time.Hour)) {
		t.Errorf("edited: %+v", m2)
	}
	if _, err := f.sel1.SaveActivity(ctx, meeting); !errors.Is(err, model.ErrStale) {
		t.Errorf("stale edit: %v", err)
	}
	m2.OwnerID = f.tm.seller2.ID
	if _, err := f.sel1.SaveActivity(ctx, m2); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller hands an activity over: %v", err)
	}
	m2.OwnerID = ""
	if err := f.sel1.DeleteActivity(ctx, m2.ID, m2.Version); err != nil {
		t.Fatal(err)
	}
	got, _ = f.sel1.FindActivities(ctx, model.ActivityFilter{From: today, To: today.Add(24 * time.Hour)})
	if len(got) != 1 {
		t.Errorf("after deleting: %v", subjects(got))
	}
	mustCheck(t, f.s)
}

func TestPipelineActivityReminders(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	now := f.clk.Now()
	a := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityCall, Subject: "Позвонить", Due: now.Add(time.Hour), RemindAt: now.Add(45 * time.Minute)})
	mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityTask, Subject: "Без напоминания", Due: now.Add(time.Hour)})
	mustActivity(t, f.sel2, model.Activity{Kind: model.ActivityCall, Subject: "Чужое", Due: now.Add(time.Hour), RemindAt: now})
	done := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityTask, Subject: "Сделано", Due: now, RemindAt: now})
	if _, err := f.sel1.CompleteActivity(ctx, done.ID, done.Version, "", false); err != nil {
		t.Fatal(err)
	}
	got, err := f.sel1.DueReminders(ctx, now.Add(30*time.Minute))
	if err != nil || len(got) != 0 {
		t.Fatalf("nothing due yet: %v %v", err, subjects(got))
	}
	at := now.Add(50 * time.Minute)
	got, err = f.sel1.DueReminders(ctx, at)
	if err != nil || len(got) != 1 || got[0].ID != a.ID || !got[0].RemindedAt.Equal(at) {
		t.Fatalf("due once: %v %+v", err, got)
	}
	if got, _ := f.sel1.DueReminders(ctx, at.Add(time.Minute)); len(got) != 0 {
		t.Errorf("returned twice: %v", subjects(got))
	}
	// Marking as shown is not an edit: the loaded version still saves, and a
	// reminder moved to a new time is shown again.
	a.RemindAt = at.Add(time.Hour)
	a2, err := f.sel1.SaveActivity(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !a2.RemindedAt.IsZero() {
		t.Errorf("a moved reminder is not shown yet: %+v", a2)
	}
	a2.Subject = "Позвонить обязательно"
	a3, err := f.sel1.SaveActivity(ctx, a2)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.sel1.DueReminders(ctx, at.Add(2*time.Hour)); len(got) != 1 || got[0].Subject != "Позвонить обязательно" {
		t.Errorf("the moved reminder: %v", subjects(got))
	}
	a3.Subject = "Ещё раз"
	if a4, err := f.sel1.SaveActivity(ctx, a3); err != nil || a4.RemindedAt.IsZero() {
		t.Errorf("editing the text keeps it shown: %v %+v", err, a4)
	}
	if got, _ := f.sel2.DueReminders(ctx, at); len(got) != 1 || got[0].Subject != "Чужое" {
		t.Errorf("the other seller's own reminder: %v", subjects(got))
	}
}
