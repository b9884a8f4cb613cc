package repo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"sdelka/model"
)

const companyCols = `name, short_name, inn, kpp, ogrn, legal_address, postal_address, phone, email, bank_name, bic,
	account, corr_account, director, chief_accountant, logo, stamp, signature, iban, swift, version`

func scanCompany(row interface{ Scan(...any) error }) (model.Company, string, error) {
	var c model.Company
	var id string
	err := row.Scan(&id, &c.Name, &c.ShortName, &c.INN, &c.KPP, &c.OGRN, &c.LegalAddress, &c.PostalAddress, &c.Phone,
		&c.Email, &c.BankName, &c.BIC, &c.Account, &c.CorrAccount, &c.Director, &c.ChiefAccountant,
		&c.Logo, &c.Stamp, &c.Signature, &c.IBAN, &c.SWIFT, &c.Version)
	return c, id, err
}

func loadCompany(ctx context.Context, q queryer) (model.Company, string, error) {
	c, id, err := scanCompany(q.QueryRowContext(ctx, `SELECT id, `+companyCols+` FROM company WHERE deleted_at IS NULL`))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Company{}, "", nil
	}
	if err != nil {
		return c, "", fmt.Errorf("load company: %w", mapErr(err))
	}
	return c, id, nil
}

// Company implements model.CompanyService.
func (ss *Session) Company(ctx context.Context) (model.Company, error) {
	c, _, err := loadCompany(ctx, ss.s.r)
	return c, err
}

// UpdateCompany implements model.CompanyService.
func (ss *Session) UpdateCompany(ctx context.Context, c model.Company) (model.Company, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	var out model.Company
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCompany, model.ActUpdate)
		if err != nil {
			return err
		}
		out, err = ss.s.saveCompany(ctx, tx, actor, c)
		return err
	})
	return out, err
}

func companyAudit(c model.Company) map[string]string {
	img := func(b []byte) string {
		if len(b) == 0 {
			return ""
		}
		return fmt.Sprintf("image %d bytes sha256:%x", len(b), sha256.Sum256(b))
	}
	return map[string]string{
		"name": c.Name, "short_name": c.ShortName, "inn": c.INN, "kpp": c.KPP, "ogrn": c.OGRN,
		"legal_address": c.LegalAddress, "postal_address": c.PostalAddress, "phone": c.Phone, "email": c.Email,
		"bank_name": c.BankName, "bic": c.BIC, "account": c.Account, "corr_account": c.CorrAccount,
		"director": c.Director, "chief_accountant": c.ChiefAccountant, "iban": c.IBAN, "swift": c.SWIFT,
		"logo": img(c.Logo), "stamp": img(c.Stamp), "signature": img(c.Signature),
	}
}

// saveCompany inserts the single company row or updates it when c.Version
// matches the stored one.
func (s *Store) saveCompany(ctx context.Context, tx *sql.Tx, actor model.User, c model.Company) (model.Company, error) {
	c = c.Normalize()
	old, id, err := loadCompany(ctx, tx)
	if err != nil {
		return c, err
	}
	now := ts(s.now())
	args := []any{c.Name, c.ShortName, c.INN, c.KPP, c.OGRN, c.LegalAddress, c.PostalAddress, c.Phone, c.Email,
		c.BankName, c.BIC, c.Account, c.CorrAccount, c.Director, c.ChiefAccountant, c.Logo, c.Stamp, c.Signature, c.IBAN, c.SWIFT}
	action := model.AuditUpdate
	if id == "" {
		id, action, c.Version = s.newID(), model.AuditCreate, 1
		_, err = tx.ExecContext(ctx, `INSERT INTO company (id, `+companyCols+`, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, append(append([]any{id}, args...), now, now)...)
		if err != nil {
			return c, fmt.Errorf("create company: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE company SET name = ?, short_name = ?, inn = ?, kpp = ?, ogrn = ?, legal_address = ?,
			postal_address = ?, phone = ?, email = ?, bank_name = ?, bic = ?, account = ?, corr_account = ?, director = ?,
			chief_accountant = ?, logo = ?, stamp = ?, signature = ?, iban = ?, swift = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, append(args, now, id, c.Version)...)
		if err := staleCheck(res, err, "company", id, c.Version); err != nil {
			return c, err
		}
		c.Version++
	}
	return c, s.audit(ctx, tx, actor, action, model.EntityCompany, id, model.Diff(companyAudit(old), companyAudit(c)))
}

const idleLockKey = "idle_lock_minutes"

// DefaultIdleLockMinutes is the idle time after which the window locks until
// an administrator changes it.
const DefaultIdleLockMinutes = 15

// Settings implements model.SettingsService.
func (ss *Session) Settings(ctx context.Context) (model.Settings, error) {
	st := model.Settings{IdleLockMinutes: DefaultIdleLockMinutes}
	var v string
	err := ss.s.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, idleLockKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("settings: %w", mapErr(err))
	}
	if n, err := strconv.Atoi(v); err == nil {
		st.IdleLockMinutes = n
	}
	return st, nil
}

// UpdateSettings implements model.SettingsService.
func (ss *Session) UpdateSettings(ctx context.Context, st model.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	old, err := ss.Settings(ctx)
	if err != nil {
		return err
	}
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntitySettings, model.ActUpdate)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			idleLockKey, strconv.Itoa(st.IdleLockMinutes), ts(ss.s.now())); err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntitySettings, idleLockKey,
			model.Diff(map[string]string{idleLockKey: strconv.Itoa(old.IdleLockMinutes)}, map[string]string{idleLockKey: strconv.Itoa(st.IdleLockMinutes)}))
	})
}
