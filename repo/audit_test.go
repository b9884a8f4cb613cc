package repo_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// auditOf returns the audit entries of one record, newest first.
func auditOf(t *testing.T, ss *repo.Session, e model.Entity, id string) []model.AuditEntry {
	t.Helper()
	es, err := ss.FindAudit(t.Context(), model.AuditFilter{Entity: e, EntityID: id})
	if err != nil {
		t.Fatalf("audit of %s %s: %v", e, id, err)
	}
	return es
}

func TestAuditRecordsWhoAndWhat(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	tm := setupTeam(t, s)
	as := s.Session(tm.admin)

	clk.Advance(time.Minute)
	created := clk.Now()
	c, err := s.Session(tm.seller1).CreateCustomer(t.Context(), model.Customer{Name: "ООО «Альфа»", Phone: "+7 495 111-22-33"})
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	updated := clk.Now()
	c.Name = "ООО «Альфа Плюс»"
	if c, err = s.Session(tm.head).UpdateCustomer(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	if err := s.Session(tm.seller1).ShareCustomer(t.Context(), c.ID, tm.seller2.ID); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	if err := as.DeleteCustomer(t.Context(), c.ID, c.Version); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	if err := s.Session(tm.head).RestoreCustomer(t.Context(), c.ID); err != nil {
		t.Fatal(err)
	}

	type row struct {
		Action  model.AuditAction
		UserID  string
		Login   string
		Changes []model.Change
	}
	var got []row
	es := auditOf(t, as, model.EntityCustomer, c.ID)
	for _, e := range es {
		got = append(got, row{e.Action, e.UserID, e.UserLogin, e.Changes})
	}
	want := []row{
		{model.AuditRestore, tm.head.ID, "head", []model.Change{}},
		{model.AuditDelete, tm.admin.ID, "admin", []model.Change{}},
		{model.AuditUpdate, tm.seller1.ID, "seller1", []model.Change{{Field: "shared_with", New: tm.seller2.ID}}},
		{model.AuditUpdate, tm.head.ID, "head", []model.Change{{Field: "name", Old: "ООО «Альфа»", New: "ООО «Альфа Плюс»"}}},
		{model.AuditCreate, tm.seller1.ID, "seller1", []model.Change{
			{Field: "kind", New: "company"},
			{Field: "name", New: "ООО «Альфа»"},
			{Field: "owner_id", New: tm.seller1.ID},
			{Field: "phone", New: "+7 495 111-22-33"},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("customer audit:\n got %+v\nwant %+v", got, want)
	}
	if len(es) == len(want) {
		if !es[4].At.Equal(created) || !es[3].At.Equal(updated) {
			t.Errorf("times: got create %v update %v, want %v %v", es[4].At, es[3].At, created, updated)
		}
		for i := 1; i < len(es); i++ {
			if es[i].Seq >= es[i-1].Seq {
				t.Errorf("not newest first: seq %d after %d", es[i].Seq, es[i-1].Seq)
			}
		}
	}

	t.Run("user changes", func(t *testing.T) {
		role := model.RoleHead
		if _, err := as.UpdateUser(t.Context(), tm.seller2.ID, model.UserUpdate{Role: &role, Version: tm.seller2.Version}); err != nil {
			t.Fatal(err)
		}
		es := auditOf(t, as, model.EntityUser, tm.seller2.ID)
		if len(es) != 2 {
			t.Fatalf("user audit: got %d entries, want create and update", len(es))
		}
		wantUpd := []model.Change{{Field: "role", Old: "seller", New: "head"}}
		if es[0].Action != model.AuditUpdate || es[0].UserID != tm.admin.ID || !reflect.DeepEqual(es[0].Changes, wantUpd) {
			t.Errorf("update: got %s by %s %+v, want update by admin %+v", es[0].Action, es[0].UserLogin, es[0].Changes, wantUpd)
		}
		wantNew := []model.Change{
			{Field: "active", New: "true"},
			{Field: "full_name", New: tm.seller2.FullName},
			{Field: "login", New: "seller2"},
			{Field: "role", New: "seller"},
			{Field: "password", New: "***"},
		}
		if es[1].Action != model.AuditCreate || es[1].UserLogin != "admin" || !reflect.DeepEqual(es[1].Changes, wantNew) {
			t.Errorf("create: got %s by %s %+v, want create by admin %+v", es[1].Action, es[1].UserLogin, es[1].Changes, wantNew)
		}
	})

	t.Run("company changes", func(t *testing.T) {
		co, err := as.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		co.Phone = "+7 495 765-43-21"
		if _, err := s.Session(tm.accountant).UpdateCompany(t.Context(), co); err != nil {
			t.Fatal(err)
		}
		es, err := as.FindAudit(t.Context(), model.AuditFilter{Entity: model.EntityCompany})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 || es[1].Action != model.AuditCreate || es[1].UserLogin != "admin" {
			t.Fatalf("company audit: got %+v, want update and the setup's create", es)
		}
		want := []model.Change{{Field: "phone", New: "+7 495 765-43-21"}}
		if es[0].UserLogin != "accountant" || !reflect.DeepEqual(es[0].Changes, want) {
			t.Errorf("update: got by %s %+v, want by accountant %+v", es[0].UserLogin, es[0].Changes, want)
		}
	})

	t.Run("logins and backups", func(t *testing.T) {
		login(t, s, "seller1", "Wrong-pass-1")
		login(t, s, "seller1", testPassword)
		es := auditOf(t, as, model.EntitySession, tm.seller1.ID)
		if len(es) != 2 || es[0].Action != model.AuditLogin || es[1].Action != model.AuditLoginFailed {
			t.Fatalf("session audit: got %+v, want login after login_failed", es)
		}
		if want := []model.Change{{Field: "failed_logins", Old: "0", New: "1"}}; !reflect.DeepEqual(es[1].Changes, want) {
			t.Errorf("login_failed changes: got %+v, want %+v", es[1].Changes, want)
		}
		b, err := s.Session(tm.accountant).BackupNow(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		es = auditOf(t, as, model.EntityBackup, b.Name)
		if len(es) != 1 || es[0].Action != model.AuditBackup || es[0].UserLogin != "accountant" {
			t.Errorf("backup audit: got %+v, want one backup entry by accountant", es)
		}
	})
	mustCheck(t, s)
}

func TestFindAuditPages(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	as := s.Session(admin)
	for i := range 5 {
		createCustomer(t, as, "ООО «Клиент "+strconv.Itoa(i)+"»", "")
	}
	var seqs []int64
	f := model.AuditFilter{Entity: model.EntityCustomer, Limit: 2}
	for range 10 {
		es, err := as.FindAudit(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 {
			break
		}
		if len(es) > 2 {
			t.Fatalf("page of %d, want at most 2", len(es))
		}
		for _, e := range es {
			if e.Entity != model.EntityCustomer {
				t.Errorf("entry %d is about %s, want customer", e.Seq, e.Entity)
			}
			seqs = append(seqs, e.Seq)
		}
		f.BeforeSeq = es[len(es)-1].Seq
	}
	// Setup wrote the admin (1) and the company (2); customers are 3–7.
	if want := []int64{7, 6, 5, 4, 3}; !slices.Equal(seqs, want) {
		t.Errorf("pages: got seqs %v, want %v", seqs, want)
	}
}

func TestAuditNeverHoldsPasswords(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	passwords := map[string]string{
		"setup":        "Setup-secret-11",
		"create user":  "Create-secret-22",
		"reset":        "Reset-secret-33",
		"change":       "Change-secret-44",
		"wrong":        "Wrong-secret-55",
		"wrong lookup": "Unknown-secret-66",
	}
	admin, err := s.Gate().Setup(t.Context(), testCompany(), model.NewUser{Login: "admin", FullName: "Админ", Password: passwords["setup"]})
	if err != nil {
		t.Fatal(err)
	}
	as := s.Session(admin)
	u, err := as.CreateUser(t.Context(), model.NewUser{Login: "seller1", FullName: "Мария", Role: model.RoleSeller, Password: passwords["create user"]})
	if err != nil {
		t.Fatal(err)
	}
	if err := as.ResetPassword(t.Context(), u.ID, passwords["reset"]); err != nil {
		t.Fatal(err)
	}
	if err := s.Session(u).ChangePassword(t.Context(), passwords["reset"], passwords["change"]); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "wrong password", login(t, s, "seller1", passwords["wrong"]), model.ErrBadCredentials)
	wantErr(t, "unknown login", login(t, s, "nobody", passwords["wrong lookup"]), model.ErrBadCredentials)
	wantErr(t, "right password", login(t, s, "seller1", passwords["change"]), nil)

	es, err := as.FindAudit(t.Context(), model.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var pwChanges int
	for _, e := range es {
		for _, c := range e.Changes {
			if c.Field == "password" {
				pwChanges++
				if (c.Old != "" && c.Old != "***") || c.New != "***" {
					t.Errorf("entry %d password change: got %q → %q, want masked", e.Seq, c.Old, c.New)
				}
			}
		}
	}
	// Two users created, one reset, one change.
	if pwChanges != 4 {
		t.Errorf("password changes logged: got %d, want 4", pwChanges)
	}
	mustCheck(t, s)
	closeStore(t, s)

	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for what, pw := range passwords {
		for _, enc := range [][]byte{[]byte(pw), utf16le(pw)} {
			if bytes.Contains(raw, enc) {
				t.Errorf("the %s password %q is stored in clear text in the database file", what, pw)
			}
		}
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// auditedDB makes a healthy database with a few audited changes and returns
// its (closed) path and the number of audit entries.
func auditedDB(t *testing.T) (string, int64) {
	t.Helper()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	for _, name := range []string{"ООО «Альфа»", "ООО «Бета»", "ООО «Вектор»"} {
		clk.Advance(time.Second)
		c := createCustomer(t, ss, name, "")
		c.Note = "важный клиент"
		if _, err := ss.UpdateCustomer(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	mustCheck(t, s)
	es, err := ss.FindAudit(t.Context(), model.AuditFilter{Limit: 1})
	if err != nil || len(es) != 1 {
		t.Fatalf("last audit entry: %v, %v", es, err)
	}
	closeStore(t, s)
	return s.Path(), es[0].Seq
}

// rawAuditRow reads one audit entry with plain SQL, as a tamperer would.
func rawAuditRow(t *testing.T, path string, seq int64) model.AuditEntry {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var e model.AuditEntry
	var at, action, entity, changes string
	err = db.QueryRow(`SELECT seq, at, user_id, user_login, action, entity, entity_id, changes, prev_hash, hash FROM audit_log WHERE seq = ?`, seq).
		Scan(&e.Seq, &at, &e.UserID, &e.UserLogin, &action, &entity, &e.EntityID, &changes, &e.PrevHash, &e.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if e.At, err = time.Parse("2006-01-02T15:04:05.000Z", at); err != nil {
		t.Fatal(err)
	}
	e.Action, e.Entity = model.AuditAction(action), model.Entity(entity)
	if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
		t.Fatal(err)
	}
	return e
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func TestCheckDetectsAuditTampering(t *testing.T) {
	t.Parallel()
	base, last := auditedDB(t)
	if last < 6 {
		t.Fatalf("fixture has %d audit entries, want at least 6", last)
	}
	lastS, prevS := strconv.FormatInt(last, 10), strconv.FormatInt(last-1, 10)
	tests := []struct {
		name      string
		tamper    func(t *testing.T, path string) []string
		wantWhere string
	}{
		{"changes of a row altered", func(t *testing.T, path string) []string {
			return []string{`UPDATE audit_log SET changes = '[{"f":"name","o":"","n":"ООО «Подделка»"}]' WHERE seq = 4`}
		}, "audit entry 4"},
		{"author of a row altered", func(t *testing.T, path string) []string {
			return []string{`UPDATE audit_log SET user_login = 'head' WHERE seq = 4`}
		}, "audit entry 4"},
		{"changes of a row are not JSON", func(t *testing.T, path string) []string {
			return []string{`UPDATE audit_log SET changes = 'стёрто' WHERE seq = 4`}
		}, "audit entry 4"},
		{"row altered and re-hashed", func(t *testing.T, path string) []string {
			e := rawAuditRow(t, path, 4)
			e.UserLogin = "head"
			h := model.AuditHash(e.PrevHash, e)
			return []string{`UPDATE audit_log SET user_login = 'head', hash = ` + sqlQuote(h) + ` WHERE seq = 4`}
		}, "audit entry 5"},
		{"middle row deleted", func(t *testing.T, path string) []string {
			return []string{`DELETE FROM audit_log WHERE seq = 4`}
		}, "audit entry 5"},
		{"last row deleted", func(t *testing.T, path string) []string {
			return []string{`DELETE FROM audit_log WHERE seq = ` + lastS}
		}, "audit entry " + prevS},
		{"head hash replaced", func(t *testing.T, path string) []string {
			e := rawAuditRow(t, path, last-1)
			return []string{`UPDATE app_meta SET value = ` + sqlQuote(lastS+":"+e.Hash) + ` WHERE key = 'audit_head'`}
		}, "audit entry " + lastS},
		{"head moved back", func(t *testing.T, path string) []string {
			e := rawAuditRow(t, path, last-1)
			return []string{`UPDATE app_meta SET value = ` + sqlQuote(prevS+":"+e.Hash) + ` WHERE key = 'audit_head'`}
		}, "audit entry " + lastS},
		{"head deleted", func(t *testing.T, path string) []string {
			return []string{`DELETE FROM app_meta WHERE key = 'audit_head'`}
		}, "audit entry " + lastS},
		{"head garbled", func(t *testing.T, path string) []string {
			return []string{`UPDATE app_meta SET value = 'garbage' WHERE key = 'audit_head'`}
		}, "audit log"},
	}
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "sdelka.db")
			writeFile(t, path, b)
			rawExec(t, path, tt.tamper(t, path)...)

			s := openStore(t, path, nil)
			probs, err := s.Check(t.Context())
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			found := false
			for _, p := range probs {
				found = found || p.Where == tt.wantWhere
				if !strings.HasPrefix(p.Where, "audit ") {
					t.Errorf("unexpected problem outside the audit log: %s", p)
				}
			}
			if !found {
				t.Errorf("check: got problems\n%swant one at %q", problemText(probs), tt.wantWhere)
			}
		})
	}

	t.Run("untouched copy is healthy", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sdelka.db")
		writeFile(t, path, b)
		mustCheck(t, openStore(t, path, nil))
	})
}
