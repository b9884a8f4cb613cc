package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// Activities (PipelineService): calls, meetings, tasks and logged e-mails
// tied to a deal (and its stage), a customer, a contact or a lead, with due
// times and reminders. Sellers work with their own; heads and
// administrators with everyone's.

const activityCols = `a.id, a.kind, a.subject, a.note, a.due_at, a.duration_min, a.remind_at, a.reminded_at,
	coalesce(a.deal_id, ''), coalesce(d.title, ''), coalesce(a.stage_id, ''), coalesce(st.name, ''),
	coalesce(a.customer_id, ''), coalesce(c.name, ''), coalesce(a.contact_id, ''), coalesce(ct.name, ''),
	coalesce(a.lead_id, ''), coalesce(l.company, ''), coalesce(l.name, ''), a.owner_id, coalesce(u.full_name, ''),
	a.done_at, a.outcome, coalesce(a.interaction_id, ''), a.version, a.created_at`

const activityFrom = ` FROM activities a LEFT JOIN deals d ON d.id = a.deal_id LEFT JOIN pipeline_stages st ON st.id = a.stage_id
	LEFT JOIN customers c ON c.id = a.customer_id LEFT JOIN contacts ct ON ct.id = a.contact_id
	LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN users u ON u.id = a.owner_id`

func scanActivity(sc scanner) (model.Activity, error) {
	var a model.Activity
	var kind, leadCompany, leadName string
	var due, remind, reminded, done, created sql.NullString
	err := sc.Scan(&a.ID, &kind, &a.Subject, &a.Note, &due, &a.DurationMin, &remind, &reminded,
		&a.DealID, &a.DealTitle, &a.StageID, &a.StageName, &a.CustomerID, &a.CustomerName, &a.ContactID, &a.ContactName,
		&a.LeadID, &leadCompany, &leadName, &a.OwnerID, &a.OwnerName, &done, &a.Outcome, &a.InteractionID, &a.Version, &created)
	a.Kind = model.ActivityKind(kind)
	a.Due, a.RemindAt, a.RemindedAt, a.DoneAt, a.Created = parseTS(due), parseTS(remind), parseTS(reminded), parseTS(done), parseTS(created)
	a.LeadName = model.Lead{Company: leadCompany, Name: leadName}.DisplayName()
	return a, err
}

// FindActivities implements model.PipelineService: by due time.
func (ss *Session) FindActivities(ctx context.Context, f model.ActivityFilter) ([]model.Activity, error) {
	u, err := ss.reader(ctx, model.EntityActivity)
	if err != nil {
		return nil, fmt.Errorf("find activities: %w", err)
	}
	vis, args := visibility(u, model.EntityActivity, model.ActRead, "a")
	where := []string{vis, "a.deleted_at IS NULL"}
	add := func(cond string, v ...any) {
		where = append(where, cond)
		args = append(args, v...)
	}
	switch {
	case f.OwnerID != "":
		add("a.owner_id = ?", f.OwnerID)
	case !f.AllOwners:
		add("a.owner_id = ?", u.ID)
	}
	if f.Overdue {
		from := f.From
		if from.IsZero() {
			from = ss.s.now()
		}
		add("a.done_at IS NULL AND a.due_at < ?", ts(from))
	} else {
		if !f.From.IsZero() {
			add("a.due_at >= ?", ts(f.From))
		}
		if !f.To.IsZero() {
			add("a.due_at < ?", ts(f.To))
		}
		if f.OpenOnly {
			add("a.done_at IS NULL")
		}
	}
	if f.DealID != "" {
		add("a.deal_id = ?", f.DealID)
	}
	if f.CustomerID != "" {
		add("a.customer_id = ?", f.CustomerID)
	}
	if f.LeadID != "" {
		add("a.lead_id = ?", f.LeadID)
	}
	args = append(args, model.PageLimit(f.Limit))
	return queryAll(ctx, ss.s.r, "find activities", `SELECT `+activityCols+activityFrom+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY a.due_at, a.id LIMIT ?`, scanActivity, args...)
}

// loadActivity loads a live activity that u may act on with act.
func loadActivity(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.Activity, error) {
	vis, args := visibility(u, model.EntityActivity, act, "a")
	as, err := queryAll(ctx, q, "activity "+id, `SELECT `+activityCols+activityFrom+` WHERE a.id = ? AND a.deleted_at IS NULL AND `+vis,
		scanActivity, append([]any{id}, args...)...)
	if err != nil {
		return model.Activity{}, err
	}
	if len(as) == 0 {
		return model.Activity{}, fmt.Errorf("activity %s: %w", id, model.ErrNotFound)
	}
	return as[0], nil
}

func activityAudit(a model.Activity) map[string]string {
	return map[string]string{"kind": string(a.Kind), "subject": a.Subject, "note": a.Note, "due_at": ts(a.Due),
		"duration_min": strconv.Itoa(a.DurationMin), "remind_at": tsOrEmpty(a.RemindAt), "deal_id": a.DealID, "stage_id": a.StageID,
		"customer_id": a.CustomerID, "contact_id": a.ContactID, "lead_id": a.LeadID, "owner_id": a.OwnerID,
		"done_at": tsOrEmpty(a.DoneAt), "outcome": a.Outcome, "interaction_id": a.InteractionID}
}

func tsOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ts(t)
}

// activityLinks checks what the activity is tied to and completes it: a
// deal gives its current stage (unless one is given) and its customer; a
// contact gives its customer.
func (ss *Session) activityLinks(ctx context.Context, tx *sql.Tx, actor model.User, a *model.Activity) error {
	if a.DealID != "" {
		var stage, customer string
		err := tx.QueryRowContext(ctx, `SELECT stage_id, customer_id FROM deals WHERE id = ? AND deleted_at IS NULL`, a.DealID).Scan(&stage, &customer)
		if errors.Is(err, sql.ErrNoRows) {
			return model.ValidationErrors{{Field: "deal", Msg: "valid.choice"}}
		}
		if err != nil {
			return err
		}
		if a.StageID == "" {
			a.StageID = stage
		}
		if a.CustomerID == "" {
			a.CustomerID = customer
		}
	} else {
		a.StageID = ""
	}
	if a.StageID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pipeline_stages WHERE id = ? AND deleted_at IS NULL`, a.StageID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.ValidationErrors{{Field: "stage", Msg: "valid.choice"}}
		}
	}
	if a.ContactID != "" {
		c, err := contactByID(ctx, tx, a.ContactID)
		if err != nil || (a.CustomerID != "" && c.CustomerID != a.CustomerID) {
			return model.ValidationErrors{{Field: "contact", Msg: "valid.choice"}}
		}
		a.CustomerID = c.CustomerID
	}
	if a.CustomerID != "" {
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, a.CustomerID); err != nil {
			if errors.Is(err, model.ErrNotFound) {
				return model.ValidationErrors{{Field: "customer", Msg: "valid.choice"}}
			}
			return err
		}
	}
	if a.LeadID != "" {
		if _, err := loadLead(ctx, tx, actor, model.ActRead, a.LeadID); err != nil {
			if errors.Is(err, model.ErrNotFound) {
				return model.ValidationErrors{{Field: "lead", Msg: "valid.choice"}}
			}
			return err
		}
	}
	return nil
}

// SaveActivity implements model.PipelineService.
func (ss *Session) SaveActivity(ctx context.Context, a model.Activity) (model.Activity, error) {
	a.Subject, a.Note = strings.TrimSpace(a.Subject), strings.TrimSpace(a.Note)
	if err := a.Validate().Err(); err != nil {
		return a, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if a.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityActivity, act)
		if err != nil {
			return err
		}
		var old model.Activity
		if a.ID != "" {
			if old, err = loadActivity(ctx, tx, actor, model.ActUpdate, a.ID); err != nil {
				return err
			}
			if old.Version != a.Version {
				return model.StaleError("activity", a.ID, a.Version)
			}
			if a.OwnerID == "" {
				a.OwnerID = old.OwnerID
			}
		} else if a.OwnerID == "" {
			a.OwnerID = actor.ID
		}
		if a.OwnerID != old.OwnerID {
			if err := checkAssignee(ctx, tx, actor, model.EntityActivity, a.OwnerID); err != nil {
				return err
			}
		}
		if err := ss.activityLinks(ctx, tx, actor, &a); err != nil {
			return err
		}
		now := ss.s.now()
		if a.ID == "" {
			a.ID, a.Version, a.Created = ss.s.newID(), 1, now
			a.DoneAt, a.Outcome, a.InteractionID, a.RemindedAt = time.Time{}, "", "", time.Time{}
			if _, err := tx.ExecContext(ctx, `INSERT INTO activities (id, kind, subject, note, due_at, duration_min, remind_at, deal_id,
				stage_id, customer_id, contact_id, lead_id, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				a.ID, string(a.Kind), a.Subject, a.Note, ts(a.Due), a.DurationMin, nullTS(a.RemindAt), nullStr(a.DealID), nullStr(a.StageID),
				nullStr(a.CustomerID), nullStr(a.ContactID), nullStr(a.LeadID), a.OwnerID, ts(now), ts(now)); err != nil {
				return fmt.Errorf("create activity: %w", err)
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityActivity, a.ID, model.Diff(nil, activityAudit(a))); err != nil {
				return err
			}
		} else {
			// A reminder moved to another time is shown again.
			a.RemindedAt = old.RemindedAt
			if !a.RemindAt.Equal(old.RemindAt) {
				a.RemindedAt = time.Time{}
			}
			a.DoneAt, a.Outcome, a.InteractionID, a.Created = old.DoneAt, old.Outcome, old.InteractionID, old.Created
			res, err := tx.ExecContext(ctx, `UPDATE activities SET kind = ?, subject = ?, note = ?, due_at = ?, duration_min = ?, remind_at = ?,
				reminded_at = ?, deal_id = ?, stage_id = ?, customer_id = ?, contact_id = ?, lead_id = ?, owner_id = ?, updated_at = ?,
				version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
				string(a.Kind), a.Subject, a.Note, ts(a.Due), a.DurationMin, nullTS(a.RemindAt), nullTS(a.RemindedAt), nullStr(a.DealID),
				nullStr(a.StageID), nullStr(a.CustomerID), nullStr(a.ContactID), nullStr(a.LeadID), a.OwnerID, ts(now), a.ID, a.Version)
			if err := staleCheck(res, err, "activity", a.ID, a.Version); err != nil {
				return err
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityActivity, a.ID, model.Diff(activityAudit(old), activityAudit(a))); err != nil {
				return err
			}
		}
		a, err = loadActivity(ctx, tx, actor, model.ActRead, a.ID)
		return err
	})
	return a, err
}

// timelineKind is the kind of timeline entry a completed activity writes.
func timelineKind(k model.ActivityKind) model.InteractionKind {
	switch k {
	case model.ActivityCall:
		return model.InteractionCall
	case model.ActivityMeeting:
		return model.InteractionMeeting
	case model.ActivityEmail:
		return model.InteractionEmail
	}
	return model.InteractionNote
}

// CompleteActivity implements model.PipelineService. An activity tied to
// no customer writes no timeline entry. Completing one already done is
// ErrStale (someone completed it meanwhile).
func (ss *Session) CompleteActivity(ctx context.Context, id string, version int64, outcome string, toTimeline bool) (model.Activity, error) {
	outcome = strings.TrimSpace(outcome)
	var a model.Activity
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityActivity, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadActivity(ctx, tx, actor, model.ActUpdate, id)
		if err != nil {
			return err
		}
		if old.Version != version || old.Done() {
			return model.StaleError("activity", id, version)
		}
		a = old
		now := ss.s.now()
		if toTimeline && a.CustomerID != "" {
			text := a.Subject
			if outcome != "" {
				text += "\n" + outcome
			}
			it, err := ss.s.insertInteraction(ctx, tx, actor, model.Interaction{CustomerID: a.CustomerID, ContactID: a.ContactID,
				Kind: timelineKind(a.Kind), At: now, Text: text})
			if err != nil {
				return err
			}
			a.InteractionID = it.ID
		}
		res, err := tx.ExecContext(ctx, `UPDATE activities SET done_at = ?, outcome = ?, interaction_id = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, ts(now), outcome, nullStr(a.InteractionID), ts(now), id, version)
		if err := staleCheck(res, err, "activity", id, version); err != nil {
			return err
		}
		a.DoneAt, a.Outcome, a.Version = now, outcome, version+1
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityActivity, id, model.Diff(activityAudit(old), activityAudit(a)))
	})
	return a, err
}

// DeleteActivity implements model.PipelineService (soft delete).
func (ss *Session) DeleteActivity(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityActivity, model.ActDelete)
		if err != nil {
			return err
		}
		old, err := loadActivity(ctx, tx, actor, model.ActDelete, id)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		res, err := tx.ExecContext(ctx, `UPDATE activities SET deleted_at = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, now, now, id, version)
		if err := staleCheck(res, err, "activity", id, version); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityActivity, id, model.Diff(activityAudit(old), nil))
	})
}

// dueReminderWhere selects the caller's open activities whose reminder is
// due and not shown yet (the activities_remind index).
const dueReminderWhere = `a.owner_id = ? AND a.deleted_at IS NULL AND a.done_at IS NULL AND a.reminded_at IS NULL
	AND a.remind_at IS NOT NULL AND a.remind_at <= ?`

// DueReminders implements model.PipelineService: a cheap read first (the
// app polls it), then one write transaction marks what it returns as shown.
// Marking is not an edit of the activity: no new version, no audit entry.
func (ss *Session) DueReminders(ctx context.Context, now time.Time) ([]model.Activity, error) {
	u, err := ss.reader(ctx, model.EntityActivity)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	var n int
	if err := ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM activities a WHERE `+dueReminderWhere, u.ID, ts(now)).Scan(&n); err != nil {
		return nil, fmt.Errorf("reminders: %w", mapErr(err))
	}
	if n == 0 {
		return nil, nil
	}
	var out []model.Activity
	err = ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.actor(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = queryAll(ctx, tx, "reminders", `SELECT `+activityCols+activityFrom+` WHERE `+dueReminderWhere+` ORDER BY a.remind_at, a.id`,
			scanActivity, actor.ID, ts(now)); err != nil || len(out) == 0 {
			return err
		}
		ids := make([]string, len(out))
		for i, a := range out {
			ids[i] = a.ID
		}
		js, _ := json.Marshal(ids)
		shown := now
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET reminded_at = ? WHERE id IN (SELECT value FROM json_each(?))`, ts(shown), string(js)); err != nil {
			return fmt.Errorf("reminders: %w", err)
		}
		for i := range out {
			out[i].RemindedAt = shown
		}
		return nil
	})
	return out, err
}
