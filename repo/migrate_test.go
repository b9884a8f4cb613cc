package repo_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// A database written by schema version 1 (the spine) opens in this version:
// it is copied first, customers get numbers, folded search documents and
// normalised phones, the search index finds them, and the check passes.
func TestMigrateVersion1Database(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	v1, err := os.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{string(v1), "PRAGMA application_id = 1396984641", "PRAGMA user_version = 1",
		`INSERT INTO users (id, login, login_fold, full_name, role, password_hash, created_at, updated_at)
			VALUES ('u1', 'admin', 'admin', 'Админ', 'admin', 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
		`INSERT INTO customers (id, kind, name, name_fold, inn, phone, email, owner_id, created_at, updated_at)
			VALUES ('c1', 'company', 'ООО «Ёлка»', 'ооо «елка»', '7707083893', '8 (916) 123-45-67', 'Office@Elka.ru', 'u1',
			'2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z'),
			('c2', 'company', 'АО «Волга»', 'ао «волга»', '', '', '', 'u1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()
	if repo.ApplicationID != 1396984641 {
		t.Fatalf("the test writes application id 1396984641, repo uses %d", repo.ApplicationID)
	}

	s, err := repo.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Migrated != 1 || s.PreMigrateBackup == "" {
		t.Errorf("migrated from %d, backup %q; want from 1 with a copy", s.Migrated, s.PreMigrateBackup)
	}
	if _, err := repo.Inspect(t.Context(), s.PreMigrateBackup); err != nil {
		t.Errorf("the pre-migration copy is not usable: %v", err)
	}
	ss := s.Session(repo.System)
	cs, err := ss.FindCustomers(t.Context(), model.CustomerFilter{Sort: model.SortByCreated})
	if err != nil || len(cs) != 2 {
		t.Fatalf("customers after migration: %+v, %v", cs, err)
	}
	if cs[0].ID != "c2" || cs[0].Num != 1 || cs[1].Num != 2 || cs[1].Email != "office@elka.ru" {
		t.Errorf("numbers follow creation order and e-mails are folded: %+v", cs)
	}
	for _, q := range []string{"елка", "916123", "7707083893"} {
		hits, err := ss.SearchCustomers(t.Context(), q, 5)
		if err != nil || len(hits) != 1 || hits[0].Customer.ID != "c1" {
			t.Errorf("search %q after migration: %+v, %v", q, hits, err)
		}
	}
	groups, err := ss.Groups(t.Context())
	if err != nil || len(groups) == 0 {
		t.Errorf("default groups: %v, %v", groups, err)
	}
	mustCheck(t, s)
}
