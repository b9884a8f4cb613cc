package ui

import (
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// Formatting shared by the pipeline's work screens: leads, activities,
// approvals, reverse pricing and their settings.

// bpText shows basis points as a percentage in the UI language: «18 %»,
// «12,5 %».
func (a *App) bpText(bp int64) string { return a.bpInput(bp) + "\u00a0%" }

// bpInput shows basis points for an entry: «12,5».
func (a *App) bpInput(bp int64) string {
	return strings.Replace(model.FormatBP(bp), ".", a.T("format.decimal"), 1)
}

// parseBP reads a percentage between 0 and 100 with up to two decimals.
func parseBP(s string) (int64, bool) {
	bp, ok := parsePercent(s)
	return bp, ok && bp >= 0 && bp <= 10000
}

// clockFormat is how times of day are shown and typed.
const clockFormat = "15:04"

// dueText shows an activity's due date and time in the UI's format.
func (a *App) dueText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(a.T("format.date") + " " + clockFormat)
}

// parseClock reads «14:30» (or «14.30», «9») as hours and minutes.
func parseClock(s string) (h, m int, ok bool) {
	s = strings.TrimSpace(strings.Replace(s, ".", ":", 1))
	if s == "" {
		return 0, 0, false
	}
	hs, ms, found := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := 0, error(nil)
	if found {
		m, err2 = strconv.Atoi(ms)
	}
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// localDay is midnight of t's local calendar day.
func localDay(t time.Time) time.Time {
	y, m, d := t.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// weekStart is the Monday of t's week, at local midnight.
func weekStart(t time.Time) time.Time {
	d := localDay(t)
	back := (int(d.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return d.AddDate(0, 0, -back)
}

// reminderLeads are the reminder choices: minutes before the due time; -1
// is no reminder.
var reminderLeads = []int{-1, 0, 15, 60, 24 * 60}

// reminderKey names a reminder choice.
func reminderKey(lead int) string {
	switch lead {
	case -1:
		return "activity.remind.none"
	case 0:
		return "activity.remind.at_due"
	case 15:
		return "activity.remind.15m"
	case 60:
		return "activity.remind.1h"
	}
	return "activity.remind.1d"
}

// reminderLead is the choice an activity's reminder time matches (the
// nearest one for a time set elsewhere).
func reminderLead(act model.Activity) int {
	if act.RemindAt.IsZero() {
		return -1
	}
	before := int(act.Due.Sub(act.RemindAt) / time.Minute)
	best := 0
	for _, l := range reminderLeads[1:] {
		if abs(before-l) < abs(before-best) {
			best = l
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// activityKindKey names a kind of activity.
func activityKindKey(k model.ActivityKind) string { return "activity.kind." + string(k) }

// activityLine describes an activity in one line: time, kind, subject and
// what it belongs to.
func (a *App) activityLine(act model.Activity, withDate bool) string {
	when := act.Due.Local().Format(clockFormat)
	if withDate {
		when = a.dueText(act.Due)
	}
	parts := []string{when, a.T(activityKindKey(act.Kind)), act.Subject}
	for _, s := range []string{act.CustomerName, act.ContactName, act.DealTitle, act.LeadName} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if act.OwnerID != "" && act.OwnerID != a.svc.User.ID {
		parts = append(parts, act.OwnerName)
	}
	if act.Done() {
		parts = append(parts, a.T("activity.done_mark"))
	}
	return strings.Join(parts, " · ")
}

// timelineByDefault says whether completing an activity of kind k writes the
// customer's timeline unless unticked: calls, meetings and e-mails.
func timelineByDefault(k model.ActivityKind) bool { return k != model.ActivityTask }

// canSeeEveryone tells the heads and administrators, who see everyone's
// activities and decide approvals.
func (a *App) canSeeEveryone() bool {
	return model.ScopeFor(a.svc.User.Role, model.EntityActivity, model.ActRead) == model.ScopeAll
}
