package repo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"sdelka/model"
)

const interactionCols = `i.id, i.customer_id, coalesce(i.contact_id, ''), coalesce(ct.name, ''), i.kind, i.at, i.author_id,
	coalesce(u.full_name, ''), i.text, i.impression, i.impression_note, i.version, i.created_at`

const interactionFrom = ` FROM interactions i LEFT JOIN contacts ct ON ct.id = i.contact_id LEFT JOIN users u ON u.id = i.author_id`

func queryInteractions(ctx context.Context, q queryer, where string, args ...any) ([]model.Interaction, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+interactionCols+interactionFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Interaction
	for rows.Next() {
		var it model.Interaction
		var kind, imp string
		var at, created sql.NullString
		if err := rows.Scan(&it.ID, &it.CustomerID, &it.ContactID, &it.ContactName, &kind, &at, &it.AuthorID, &it.AuthorName,
			&it.Text, &imp, &it.ImpressionNote, &it.Version, &created); err != nil {
			return nil, err
		}
		it.Kind, it.Impression, it.At, it.CreatedAt = model.InteractionKind(kind), model.Impression(imp), parseTS(at), parseTS(created)
		out = append(out, it)
	}
	return out, rows.Err()
}

// AddInteraction implements model.CustomerService.
func (ss *Session) AddInteraction(ctx context.Context, it model.Interaction) (model.Interaction, error) {
	it.Text, it.ImpressionNote = strings.TrimSpace(it.Text), strings.TrimSpace(it.ImpressionNote)
	if it.At.IsZero() {
		it.At = ss.s.now()
	}
	if err := it.Validate(); err != nil {
		return it, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, it.CustomerID); err != nil {
			return err
		}
		if it.ContactID != "" {
			c, err := contactByID(ctx, tx, it.ContactID)
			if err != nil || c.CustomerID != it.CustomerID {
				return model.ValidationErrors{{Field: "contact", Msg: "valid.choice"}}
			}
			it.ContactName = c.Name
		}
		it, err = ss.s.insertInteraction(ctx, tx, actor, it)
		return err
	})
	return it, err
}

func (s *Store) insertInteraction(ctx context.Context, tx *sql.Tx, actor model.User, it model.Interaction) (model.Interaction, error) {
	now := s.now()
	it.ID, it.Version, it.CreatedAt, it.AuthorID, it.AuthorName = s.newID(), 1, now, actor.ID, actor.FullName
	if _, err := tx.ExecContext(ctx, `INSERT INTO interactions (id, customer_id, contact_id, kind, at, author_id, text, impression, impression_note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, it.ID, it.CustomerID, nullStr(it.ContactID), string(it.Kind), ts(it.At), actor.ID, it.Text,
		string(it.Impression), it.ImpressionNote, ts(now), ts(now)); err != nil {
		return it, fmt.Errorf("add timeline entry: %w", err)
	}
	return it, s.audit(ctx, tx, actor, model.AuditCreate, model.EntityInteraction, it.ID, model.Diff(nil, map[string]string{
		"customer_id": it.CustomerID, "contact_id": it.ContactID, "kind": string(it.Kind), "at": ts(it.At),
		"text": it.Text, "impression": string(it.Impression), "impression_note": it.ImpressionNote}))
}

// FindInteractions implements model.CustomerService.
func (ss *Session) FindInteractions(ctx context.Context, customerID, beforeID string, limit int) ([]model.Interaction, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, err
	}
	if _, err := ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, customerID); err != nil {
		return nil, err
	}
	where := `i.customer_id = ? AND i.deleted_at IS NULL`
	args := []any{customerID}
	if beforeID != "" {
		where += ` AND (i.at, i.id) < (SELECT at, id FROM interactions WHERE id = ?)`
		args = append(args, beforeID)
	}
	args = append(args, model.PageLimit(limit))
	return queryInteractions(ctx, ss.s.r, where+` ORDER BY i.at DESC, i.id DESC LIMIT ?`, args...)
}

const requestCols = `sr.id, sr.num, sr.customer_id, coalesce(c.name, ''), sr.subject, sr.description, sr.priority, sr.status,
	coalesce(sr.responsible_id, ''), coalesce(u.full_name, ''), sr.opened_at, sr.due_date, sr.resolved_at, sr.closed_at, sr.version, sr.updated_at`

const requestFrom = ` FROM service_requests sr JOIN customers c ON c.id = sr.customer_id LEFT JOIN users u ON u.id = sr.responsible_id`

func queryRequests(ctx context.Context, q queryer, where string, args ...any) ([]model.ServiceRequest, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+requestCols+requestFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("service requests: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.ServiceRequest
	for rows.Next() {
		var r model.ServiceRequest
		var prio, status string
		var opened, resolved, closed, updated sql.NullString
		if err := rows.Scan(&r.ID, &r.Num, &r.CustomerID, &r.CustomerName, &r.Subject, &r.Description, &prio, &status,
			&r.ResponsibleID, &r.ResponsibleName, &opened, &r.DueDate, &resolved, &closed, &r.Version, &updated); err != nil {
			return nil, err
		}
		r.Priority, r.Status = model.RequestPriority(prio), model.RequestStatus(status)
		r.OpenedAt, r.ResolvedAt, r.ClosedAt, r.UpdatedAt = parseTS(opened), parseTS(resolved), parseTS(closed), parseTS(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

func requestAudit(r model.ServiceRequest) map[string]string {
	return map[string]string{"customer_id": r.CustomerID, "subject": r.Subject, "description": r.Description,
		"priority": string(r.Priority), "status": string(r.Status), "responsible_id": r.ResponsibleID, "due_date": r.DueDate}
}

// SaveServiceRequest implements model.CustomerService.
func (ss *Session) SaveServiceRequest(ctx context.Context, r model.ServiceRequest) (model.ServiceRequest, error) {
	r.Subject, r.Description = strings.TrimSpace(r.Subject), strings.TrimSpace(r.Description)
	if r.Priority == "" {
		r.Priority = model.PriorityNormal
	}
	if r.Status == "" {
		r.Status = model.RequestOpen
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		var old model.ServiceRequest
		if r.ID != "" {
			olds, err := queryRequests(ctx, tx, `sr.id = ? AND sr.deleted_at IS NULL`, r.ID)
			if err != nil {
				return err
			}
			if len(olds) == 0 {
				return fmt.Errorf("service request %s: %w", r.ID, model.ErrNotFound)
			}
			old = olds[0]
			r.CustomerID = old.CustomerID
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, r.CustomerID); err != nil {
			return err
		}
		if r.ResponsibleID != "" {
			if _, err := findUser(ctx, tx, "id = ? AND active = 1", r.ResponsibleID); err != nil {
				return model.ValidationErrors{{Field: "responsible", Msg: "valid.owner"}}
			}
		}
		now := ss.s.now()
		if old.ID == "" {
			r = r.WithStatus(r.Status, now)
			r.ID, r.Version, r.OpenedAt, r.UpdatedAt = ss.s.newID(), 1, now, now
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM service_requests`).Scan(&r.Num); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO service_requests (id, num, customer_id, subject, description, priority, status, responsible_id,
				opened_at, due_date, resolved_at, closed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				r.ID, r.Num, r.CustomerID, r.Subject, r.Description, string(r.Priority), string(r.Status), nullStr(r.ResponsibleID),
				ts(now), r.DueDate, nullTS(r.ResolvedAt), nullTS(r.ClosedAt), ts(now), ts(now)); err != nil {
				return fmt.Errorf("create service request: %w", err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityRequest, r.ID, model.Diff(nil, requestAudit(r)))
		}
		if r.Status != old.Status {
			moved := old.WithStatus(r.Status, now)
			r.ResolvedAt, r.ClosedAt = moved.ResolvedAt, moved.ClosedAt
		} else {
			r.ResolvedAt, r.ClosedAt = old.ResolvedAt, old.ClosedAt
		}
		res, err := tx.ExecContext(ctx, `UPDATE service_requests SET subject = ?, description = ?, priority = ?, status = ?, responsible_id = ?,
			due_date = ?, resolved_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			r.Subject, r.Description, string(r.Priority), string(r.Status), nullStr(r.ResponsibleID), r.DueDate,
			nullTS(r.ResolvedAt), nullTS(r.ClosedAt), ts(now), r.ID, r.Version)
		if err := staleCheck(res, err, "service request", r.ID, r.Version); err != nil {
			return err
		}
		r.Num, r.OpenedAt, r.Version, r.UpdatedAt = old.Num, old.OpenedAt, r.Version+1, now
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityRequest, r.ID, model.Diff(requestAudit(old), requestAudit(r)))
	})
	return r, err
}

// FindServiceRequests implements model.CustomerService.
func (ss *Session) FindServiceRequests(ctx context.Context, f model.ServiceRequestFilter) ([]model.ServiceRequest, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, err
	}
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	where := vis + ` AND sr.deleted_at IS NULL AND c.deleted_at IS NULL`
	if f.CustomerID != "" {
		where += ` AND sr.customer_id = ?`
		args = append(args, f.CustomerID)
	}
	if f.ResponsibleID != "" {
		where += ` AND sr.responsible_id = ?`
		args = append(args, f.ResponsibleID)
	}
	if f.OpenOnly {
		where += ` AND sr.status IN ('open', 'in_progress')`
	}
	args = append(args, model.PageLimit(f.Limit))
	return queryRequests(ctx, ss.s.r, where+` ORDER BY sr.opened_at DESC, sr.id DESC LIMIT ?`, args...)
}

// CustomerCard implements model.CustomerService: one read transaction, so
// the card is a consistent picture.
func (ss *Session) CustomerCard(ctx context.Context, id string, timeline int) (model.CustomerCard, error) {
	var card model.CustomerCard
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return card, err
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return card, mapErr(err)
	}
	defer tx.Rollback()
	if card.Customer, err = ss.loadCustomer(ctx, tx, u, model.ActRead, id); err != nil {
		return card, err
	}
	contacts, err := loadContacts(ctx, tx, []string{id})
	if err != nil {
		return card, err
	}
	card.Contacts = contacts[id]
	if card.Timeline, err = queryInteractions(ctx, tx, `i.customer_id = ? AND i.deleted_at IS NULL ORDER BY i.at DESC, i.id DESC LIMIT ?`,
		id, model.PageLimit(timeline)); err != nil {
		return card, err
	}
	if card.Requests, err = queryRequests(ctx, tx, `sr.customer_id = ? AND sr.deleted_at IS NULL ORDER BY sr.opened_at DESC LIMIT 200`, id); err != nil {
		return card, err
	}
	return card, nil
}
