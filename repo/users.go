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

// Session is the services of one logged-in user (or System). Every change it
// makes is checked against the user's current role and written to the audit
// log in the user's name.
type Session struct {
	s    *Store
	user model.User
}

// Session returns the services acting as u.
func (s *Store) Session(u model.User) *Session { return &Session{s: s, user: u} }

// Services returns the model.Services of user u, all backed by this store.
func (s *Store) Services(u model.User) model.Services {
	ss := s.Session(u)
	return model.Services{User: u, Company: ss, Users: ss, Customers: ss, Audit: ss, Backups: ss, Settings: ss, Catalog: ss, Sales: ss, Pipeline: ss, Analytics: ss}
}

// actor reloads the session's user inside tx, so that a role changed or an
// account disabled by an administrator takes effect at once.
func (ss *Session) actor(ctx context.Context, tx *sql.Tx) (model.User, error) {
	if ss.user.ID == System.ID {
		return System, nil
	}
	u, err := findUser(ctx, tx, "id = ?", ss.user.ID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !u.Active) {
		return u, fmt.Errorf("user %s: %w", ss.user.Login, model.ErrForbidden)
	}
	return u, err
}

// reader reloads the session's user for a read, so that a demoted or disabled
// user reads with their current role at once, and checks that the role may
// read entity e.
func (ss *Session) reader(ctx context.Context, e model.Entity) (model.User, error) {
	if ss.user.ID == System.ID {
		return System, nil
	}
	u, err := findUser(ctx, ss.s.r, "id = ?", ss.user.ID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !u.Active) {
		return u, fmt.Errorf("user %s: %w", ss.user.Login, model.ErrForbidden)
	}
	if err != nil {
		return u, err
	}
	if !model.Can(u.Role, e, model.ActRead) {
		return u, fmt.Errorf("read %s as %s: %w", e, u.Role, model.ErrForbidden)
	}
	return u, nil
}

// allow reloads the actor and checks that the role permits a on e at all.
func (ss *Session) allow(ctx context.Context, tx *sql.Tx, e model.Entity, a model.Action) (model.User, error) {
	u, err := ss.actor(ctx, tx)
	if err != nil {
		return u, err
	}
	if !model.Can(u.Role, e, a) {
		return u, fmt.Errorf("%s %s as %s: %w", a, e, u.Role, model.ErrForbidden)
	}
	return u, nil
}

const userCols = `id, login, full_name, role, active, failed_logins, locked_until, version, created_at, updated_at`

func scanUser(row interface{ Scan(...any) error }) (model.User, string, error) {
	var u model.User
	var role string
	var active int
	var locked, created, updated sql.NullString
	var hash string
	err := row.Scan(&u.ID, &u.Login, &u.FullName, &role, &active, &u.FailedLogins, &locked, &u.Version, &created, &updated, &hash)
	u.Role, u.Active = model.Role(role), active == 1
	u.LockedUntil, u.CreatedAt, u.UpdatedAt = parseTS(locked), parseTS(created), parseTS(updated)
	return u, hash, err
}

func findUserWithHash(ctx context.Context, q queryer, where string, args ...any) (model.User, string, error) {
	u, hash, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE deleted_at IS NULL AND `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", fmt.Errorf("user: %w", model.ErrNotFound)
	}
	if err != nil {
		return u, "", fmt.Errorf("user: %w", mapErr(err))
	}
	return u, hash, nil
}

func findUser(ctx context.Context, q queryer, where string, args ...any) (model.User, error) {
	u, _, err := findUserWithHash(ctx, q, where, args...)
	return u, err
}

func userAudit(u model.User) map[string]string {
	return map[string]string{"login": u.Login, "full_name": u.FullName, "role": string(u.Role), "active": strconv.FormatBool(u.Active)}
}

func (s *Store) insertUser(ctx context.Context, tx *sql.Tx, actor model.User, n model.NewUser) (model.User, error) {
	n.Login, n.FullName = strings.TrimSpace(n.Login), strings.TrimSpace(n.FullName)
	if err := n.Validate(); err != nil {
		return model.User{}, err
	}
	hash, err := hashPassword(n.Password)
	if err != nil {
		return model.User{}, err
	}
	now := s.now()
	u := model.User{ID: s.newID(), Login: n.Login, FullName: n.FullName, Role: n.Role, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	_, err = tx.ExecContext(ctx, `INSERT INTO users (id, login, login_fold, full_name, role, password_hash, active, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 1)`, u.ID, u.Login, model.FoldText(u.Login), u.FullName, string(u.Role), hash, ts(now), ts(now))
	if err != nil {
		if err = mapErr(err); errors.Is(err, model.ErrConflict) {
			return u, model.ValidationErrors{{Field: "login", Msg: "valid.login.taken"}}
		}
		return u, fmt.Errorf("create user %s: %w", n.Login, err)
	}
	ch := model.Diff(nil, userAudit(u))
	ch = append(ch, model.Change{Field: "password", Old: "", New: "***"})
	return u, s.audit(ctx, tx, actor, model.AuditCreate, model.EntityUser, u.ID, ch)
}

// FindUsers implements model.UserService: every user, by login.
func (ss *Session) FindUsers(ctx context.Context) ([]model.User, error) {
	if _, err := ss.reader(ctx, model.EntityUser); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	rows, err := ss.s.r.QueryContext(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE deleted_at IS NULL ORDER BY login`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		u, _, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CreateUser implements model.UserService.
func (ss *Session) CreateUser(ctx context.Context, n model.NewUser) (model.User, error) {
	var u model.User
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityUser, model.ActCreate)
		if err != nil {
			return err
		}
		u, err = ss.s.insertUser(ctx, tx, actor, n)
		return err
	})
	return u, err
}

// UpdateUser implements model.UserService.
func (ss *Session) UpdateUser(ctx context.Context, id string, upd model.UserUpdate) (model.User, error) {
	var u model.User
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityUser, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := findUser(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		if old.Version != upd.Version {
			return model.StaleError("user", id, upd.Version)
		}
		u = old
		if upd.FullName != nil {
			u.FullName = strings.TrimSpace(*upd.FullName)
		}
		if upd.Role != nil {
			u.Role = *upd.Role
		}
		if upd.Active != nil {
			u.Active = *upd.Active
		}
		var v model.ValidationErrors
		if u.FullName == "" {
			v.Add("full_name", model.MsgRequired)
		}
		if !u.Role.Valid() {
			v.Add("role", "valid.role")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if old.Role == model.RoleAdmin && old.Active && (u.Role != model.RoleAdmin || !u.Active) {
			var admins int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND deleted_at IS NULL AND id <> ?`, id).Scan(&admins); err != nil {
				return err
			}
			if admins == 0 {
				return fmt.Errorf("update user %s: %w", old.Login, model.ErrLastAdmin)
			}
		}
		u.UpdatedAt, u.Version = ss.s.now(), old.Version+1
		res, err := tx.ExecContext(ctx, `UPDATE users SET full_name = ?, role = ?, active = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, u.FullName, string(u.Role), boolInt(u.Active), ts(u.UpdatedAt), id, upd.Version)
		if err := staleCheck(res, err, "user", id, upd.Version); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityUser, id, model.Diff(userAudit(old), userAudit(u)))
	})
	return u, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// staleCheck turns "no row updated" into ErrStale.
func staleCheck(res sql.Result, err error, entity, id string, version int64) error {
	if err != nil {
		return fmt.Errorf("update %s %s: %w", entity, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return model.StaleError(entity, id, version)
	}
	return nil
}

// ResetPassword implements model.UserService (administrators).
func (ss *Session) ResetPassword(ctx context.Context, id, password string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityUser, model.ActUpdate)
		if err != nil {
			return err
		}
		u, err := findUser(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		return ss.s.setPassword(ctx, tx, actor, u, password)
	})
}

func (s *Store) setPassword(ctx context.Context, tx *sql.Tx, actor, u model.User, password string) error {
	if p := model.PasswordProblem(password, u.Login); p != "" {
		return model.ValidationErrors{{Field: "password", Msg: p}}
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?, version = version + 1 WHERE id = ?`,
		hash, ts(s.now()), u.ID); err != nil {
		return fmt.Errorf("set password of %s: %w", u.Login, err)
	}
	return s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityUser, u.ID, []model.Change{{Field: "password", Old: "***", New: "***"}})
}

// ChangePassword implements model.UserService: the caller's own password.
func (ss *Session) ChangePassword(ctx context.Context, old, new string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		if _, err := ss.actor(ctx, tx); err != nil {
			return err
		}
		u, hash, err := findUserWithHash(ctx, tx, "id = ?", ss.user.ID)
		if err != nil {
			return err
		}
		if !checkPassword(hash, old) {
			return model.ValidationErrors{{Field: "old_password", Msg: "valid.password.wrong"}}
		}
		return ss.s.setPassword(ctx, tx, u, u, new)
	})
}

// Gate returns the pre-login operations.
func (s *Store) Gate() model.Gate { return gate{s} }

type gate struct{ s *Store }

// NeedsSetup implements model.Gate.
func (g gate) NeedsSetup(ctx context.Context) (bool, error) {
	var n int
	if err := g.s.r.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND deleted_at IS NULL`).Scan(&n); err != nil {
		return false, fmt.Errorf("needs setup: %w", mapErr(err))
	}
	return n == 0, nil
}

// Setup implements model.Gate: the first-run wizard's company and administrator.
func (g gate) Setup(ctx context.Context, c model.Company, admin model.NewUser) (model.User, error) {
	admin.Role = model.RoleAdmin
	var v model.ValidationErrors
	if err := c.Validate(); err != nil {
		v = append(v, model.FieldErrors(err)...)
	}
	if err := admin.Validate(); err != nil {
		for _, e := range model.FieldErrors(err) {
			v = append(v, &model.ValidationError{Field: "admin_" + e.Field, Msg: e.Msg})
		}
	}
	if err := v.Err(); err != nil {
		return model.User{}, err
	}
	var u model.User
	err := g.s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin'`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ErrAlreadySetUp
		}
		var err error
		if u, err = g.s.insertUser(ctx, tx, System, admin); err != nil {
			return err
		}
		_, err = g.s.saveCompany(ctx, tx, u, c)
		return err
	})
	return u, err
}

// Login implements model.Gate. Wrong passwords are counted and lock the
// account per the login policy; both outcomes are audited.
func (g gate) Login(ctx context.Context, login, password string) (model.User, error) {
	var u model.User
	var result error
	err := g.s.write(ctx, func(tx *sql.Tx) error {
		var hash string
		var err error
		u, hash, err = findUserWithHash(ctx, tx, "login_fold = ?", model.FoldText(login))
		if errors.Is(err, model.ErrNotFound) {
			checkPassword(dummyHash, password) // same time as a real check
			result = model.ErrBadCredentials
			return nil
		}
		if err != nil {
			return err
		}
		now := g.s.now()
		switch {
		case u.Locked(now):
			result = &model.LockedError{Until: u.LockedUntil}
			return nil
		case !checkPassword(hash, password):
			failures, until := g.s.policy.AfterFailure(u, now)
			if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?`, failures, nullTS(until), u.ID); err != nil {
				return err
			}
			result = model.ErrBadCredentials
			if !until.IsZero() {
				result = &model.LockedError{Until: until}
			}
			return g.s.audit(ctx, tx, u, model.AuditLoginFailed, model.EntitySession, u.ID,
				[]model.Change{{Field: "failed_logins", Old: strconv.Itoa(u.FailedLogins), New: strconv.Itoa(failures)}})
		case !u.Active:
			result = model.ErrInactive
			return nil
		}
		if u.FailedLogins > 0 || !u.LockedUntil.IsZero() {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?`, u.ID); err != nil {
				return err
			}
			u.FailedLogins, u.LockedUntil = 0, time.Time{}
		}
		return g.s.audit(ctx, tx, u, model.AuditLogin, model.EntitySession, u.ID, nil)
	})
	if err != nil {
		return model.User{}, fmt.Errorf("login %s: %w", login, err)
	}
	if result != nil {
		return model.User{}, result
	}
	return u, nil
}

var dummyHash, _ = hashPassword("timing-equaliser-1")

const demoLoginsKey = "demo_logins"

// DemoLogins implements model.Gate.
func (g gate) DemoLogins(ctx context.Context) ([]model.DemoLogin, error) {
	var js string
	err := g.s.r.QueryRowContext(ctx, `SELECT value FROM app_meta WHERE key = ?`, demoLoginsKey).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("demo logins: %w", mapErr(err))
	}
	var out []model.DemoLogin
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		return nil, fmt.Errorf("demo logins: %w", err)
	}
	return out, nil
}
