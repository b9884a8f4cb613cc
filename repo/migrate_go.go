package repo

import (
	"context"
	"database/sql"
	"fmt"

	"sdelka/model"
)

// goSteps run inside a migration's transaction, after its SQL, for what SQL
// cannot do (SQLite folds no Cyrillic, knows no phone rules, makes no UUIDv7).
var goSteps = map[int]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	2: migrateCustomerBase,
	4: migrateSales,
}

// migrateSales seeds the number series and the default contract templates.
func migrateSales(ctx context.Context, s *Store, tx *sql.Tx) error {
	now := ts(s.now())
	for _, k := range model.DocKinds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO number_series (kind, mask, updated_at) VALUES (?, ?, ?)`,
			string(k), model.DefaultSeries[k], now); err != nil {
			return fmt.Errorf("seed series: %w", err)
		}
	}
	for _, t := range model.DefaultTemplates() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO doc_templates (id, kind, lang, name, body, is_default, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, s.newID(), string(t.Kind), t.Lang, t.Name, t.Body, now, now); err != nil {
			return fmt.Errorf("seed templates: %w", err)
		}
	}
	return nil
}

// defaultGroups are the customer groups a new database starts with.
var defaultGroups = []string{"Розница", "Опт", "Дилеры", "Ключевые клиенты"}

func migrateCustomerBase(ctx context.Context, s *Store, tx *sql.Tx) error {
	now := ts(s.now())
	for _, g := range defaultGroups {
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_groups (id, name, name_fold, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			s.newID(), g, model.FoldText(g), now, now); err != nil {
			return fmt.Errorf("seed groups: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, inn, phone, email FROM customers`)
	if err != nil {
		return err
	}
	type fix struct{ id, phone, doc string }
	var fixes []fix
	for rows.Next() {
		var c model.Customer
		if err := rows.Scan(&c.ID, &c.Name, &c.INN, &c.Phone, &c.Email); err != nil {
			rows.Close()
			return err
		}
		fixes = append(fixes, fix{c.ID, model.NormalizePhone(c.Phone), model.CustomerSearchDoc(c, nil)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE customers SET phone_norm = ?, search_doc = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range fixes {
		if _, err := stmt.ExecContext(ctx, f.phone, f.doc, f.id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')`)
	return err
}
