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

// System is the actor of changes made by sdelkactl and by the app itself
// rather than by a logged-in user.
var System = model.User{ID: "system", Login: "system", Role: model.RoleAdmin, Active: true}

const auditHeadKey = "audit_head"

// audit appends one entry to the hash-chained log inside tx and moves the
// chain head kept in app_meta.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor model.User, action model.AuditAction, entity model.Entity, id string, changes []model.Change) error {
	seq, prev, err := auditHead(ctx, tx)
	if err != nil {
		return err
	}
	if changes == nil {
		changes = []model.Change{}
	}
	e := model.AuditEntry{
		Seq: seq + 1, At: s.now().UTC().Truncate(time.Millisecond), UserID: actor.ID, UserLogin: actor.Login,
		Action: action, Entity: entity, EntityID: id, Changes: changes, PrevHash: prev,
	}
	e.Hash = model.AuditHash(prev, e)
	if err := insertAudit(ctx, tx, e); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO app_meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, auditHeadKey, strconv.FormatInt(e.Seq, 10)+":"+e.Hash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

// insertAudit writes one audit entry whose hash is already computed.
func insertAudit(ctx context.Context, tx *sql.Tx, e model.AuditEntry) error {
	js, err := json.Marshal(e.Changes)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Entity, e.EntityID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, user_id, user_login, action, entity, entity_id, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, ts(e.At), e.UserID, e.UserLogin, string(e.Action), string(e.Entity), e.EntityID, string(js), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Entity, e.EntityID, err)
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func auditHead(ctx context.Context, q queryer) (int64, string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM app_meta WHERE key = ?`, auditHeadKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, model.AuditGenesis, nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("audit head: %w", err)
	}
	seqText, hash, ok := strings.Cut(v, ":")
	seq, perr := strconv.ParseInt(seqText, 10, 64)
	if !ok || perr != nil {
		return 0, "", fmt.Errorf("audit head %q is malformed: %w", v, model.ErrDamaged)
	}
	return seq, hash, nil
}

func scanAudit(rows *sql.Rows) (model.AuditEntry, error) {
	var e model.AuditEntry
	var at sql.NullString
	var action, entity, changes string
	if err := rows.Scan(&e.Seq, &at, &e.UserID, &e.UserLogin, &action, &entity, &e.EntityID, &changes, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.At, e.Action, e.Entity = parseTS(at), model.AuditAction(action), model.Entity(entity)
	if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
		return e, fmt.Errorf("audit entry %d: changes are not JSON: %w", e.Seq, err)
	}
	return e, nil
}

const auditCols = `seq, at, user_id, user_login, action, entity, entity_id, changes, prev_hash, hash`

// FindAudit implements model.AuditService.
func (ss *Session) FindAudit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	if _, err := ss.reader(ctx, model.EntityAudit); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	q := `SELECT ` + auditCols + ` FROM audit_log WHERE 1=1`
	var args []any
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, string(f.Entity))
	}
	if f.EntityID != "" {
		q += ` AND entity_id = ?`
		args = append(args, f.EntityID)
	}
	if f.BeforeSeq > 0 {
		q += ` AND seq < ?`
		args = append(args, f.BeforeSeq)
	}
	q += ` ORDER BY seq DESC LIMIT ?`
	args = append(args, model.PageLimit(f.Limit))
	rows, err := ss.s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
