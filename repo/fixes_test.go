package repo_test

import (
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// Cyrillic logins are unique and matched regardless of case (SQLite's NOCASE
// folds only Latin letters, so repo folds in Go).
func TestCyrillicLoginIgnoresCase(t *testing.T) {
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	as := s.Session(admin)
	if _, err := as.CreateUser(t.Context(), model.NewUser{Login: "мария", FullName: "Мария", Role: model.RoleSeller, Password: testPassword}); err != nil {
		t.Fatalf("create мария: %v", err)
	}
	_, err := as.CreateUser(t.Context(), model.NewUser{Login: "МАРИЯ", FullName: "Мария 2", Role: model.RoleSeller, Password: testPassword})
	if got := fieldsOf(err); len(got) != 1 || got[0] != "login" {
		t.Errorf("create МАРИЯ: got fields %v (err %v), want [login]", got, err)
	}
	if err := login(t, s, "Мария", testPassword); err != nil {
		t.Errorf("login as Мария: %v", err)
	}
}

// A user demoted or disabled by an administrator reads with the new role at
// once, not only writes.
func TestReadsUseTheCurrentRole(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	as := s.Session(tm.admin)
	createCustomer(t, s.Session(tm.seller2), "ООО «Чужой»", "")
	head := s.Session(tm.head)
	if got, err := head.CountCustomers(t.Context(), model.CustomerFilter{}); err != nil || got != 1 {
		t.Fatalf("head count before demotion: got %d, %v; want 1", got, err)
	}
	role := model.RoleSeller
	if _, err := as.UpdateUser(t.Context(), tm.head.ID, model.UserUpdate{Role: &role, Version: tm.head.Version}); err != nil {
		t.Fatal(err)
	}
	if got, err := head.CountCustomers(t.Context(), model.CustomerFilter{}); err != nil || got != 0 {
		t.Errorf("demoted head count: got %d, %v; want 0", got, err)
	}
	if _, err := head.FindAudit(t.Context(), model.AuditFilter{}); err == nil {
		t.Error("demoted head still reads the audit log")
	}
	off := false
	acc := findUser(t, as, tm.accountant.ID)
	if _, err := as.UpdateUser(t.Context(), acc.ID, model.UserUpdate{Active: &off, Version: acc.Version}); err != nil {
		t.Fatal(err)
	}
	accS := s.Session(tm.accountant)
	_, err := accS.FindCustomers(t.Context(), model.CustomerFilter{})
	wantErr(t, "disabled accountant lists customers", err, model.ErrForbidden)
	before, _ := repo.ListBackups(s.Path(), s.BackupDir())
	_, err = accS.BackupNow(t.Context())
	wantErr(t, "disabled accountant backs up", err, model.ErrForbidden)
	if after, _ := repo.ListBackups(s.Path(), s.BackupDir()); len(after) != len(before) {
		t.Errorf("a refused backup still wrote a file: %d backups, want %d", len(after), len(before))
	}
	err = accS.ChangePassword(t.Context(), testPassword, "another1pass")
	wantErr(t, "disabled accountant changes password", err, model.ErrForbidden)
}
