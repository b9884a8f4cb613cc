package repo_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// The session must offer every service the UI is given.
var (
	_ model.CompanyService  = (*repo.Session)(nil)
	_ model.UserService     = (*repo.Session)(nil)
	_ model.CustomerService = (*repo.Session)(nil)
	_ model.AuditService    = (*repo.Session)(nil)
	_ model.BackupService   = (*repo.Session)(nil)
	_ model.SettingsService = (*repo.Session)(nil)
)

// testPassword is the password of every fixture user. It satisfies the
// password policy and contains none of the fixture logins.
const testPassword = "Parol-2026"

// clockStart is when every fake clock starts: a Monday morning, in UTC like
// the timestamps the store writes.
var clockStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fakeClock is a settable clock for Options.Now, safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: clockStart} }

// Now returns the current fake time.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var closedStores sync.Map // *repo.Store → struct{}

// openStore opens the database at path with the fake clock (the real clock
// when clk is nil) and closes it when the test ends.
func openStore(t *testing.T, path string, clk *fakeClock) *repo.Store {
	t.Helper()
	o := repo.Options{}
	if clk != nil {
		o.Now = clk.Now
	}
	s, err := repo.OpenWith(t.Context(), path, o)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { closeStore(t, s) })
	return s
}

// closeStore closes s once; later calls (the cleanup) do nothing.
func closeStore(t *testing.T, s *repo.Store) {
	t.Helper()
	if _, done := closedStores.LoadOrStore(s, struct{}{}); done {
		return
	}
	if err := s.Close(); err != nil {
		t.Errorf("close %s: %v", s.Path(), err)
	}
}

// newStore opens a new, empty database in a temporary folder.
func newStore(t *testing.T) (*repo.Store, *fakeClock) {
	t.Helper()
	clk := newClock()
	return openStore(t, filepath.Join(t.TempDir(), "sdelka.db"), clk), clk
}

// testCompany returns valid requisites of our own company.
func testCompany() model.Company {
	return model.Company{
		Name:        "Общество с ограниченной ответственностью «Тест»",
		ShortName:   "ООО «Тест»",
		INN:         "7707083893",
		KPP:         "773601001",
		OGRN:        "1027700132195",
		BankName:    "ПАО Сбербанк",
		BIC:         "044525225",
		CorrAccount: "30101810400000000225",
		Account:     "40702810938000000001",
		Director:    "Иванов Иван Иванович",
	}
}

// setupAdmin runs the first-run wizard and returns the administrator.
func setupAdmin(t *testing.T, s *repo.Store) model.User {
	t.Helper()
	admin, err := s.Gate().Setup(t.Context(), testCompany(), model.NewUser{Login: "admin", FullName: "Ольга Админова", Password: testPassword})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	return admin
}

// team is one user of every role plus a second seller.
type team struct {
	admin, head, seller1, seller2, accountant model.User
}

// setupTeam runs the wizard and has the administrator create the others.
func setupTeam(t *testing.T, s *repo.Store) team {
	t.Helper()
	tm := team{admin: setupAdmin(t, s)}
	as := s.Session(tm.admin)
	for _, x := range []struct {
		u    *model.User
		n    model.NewUser
		role model.Role
	}{
		{&tm.head, model.NewUser{Login: "head", FullName: "Андрей Главный"}, model.RoleHead},
		{&tm.seller1, model.NewUser{Login: "seller1", FullName: "Мария Продавцова"}, model.RoleSeller},
		{&tm.seller2, model.NewUser{Login: "seller2", FullName: "Дмитрий Продавцов"}, model.RoleSeller},
		{&tm.accountant, model.NewUser{Login: "accountant", FullName: "Елена Счётова"}, model.RoleAccountant},
	} {
		x.n.Role, x.n.Password = x.role, testPassword
		u, err := as.CreateUser(t.Context(), x.n)
		if err != nil {
			t.Fatalf("create user %s: %v", x.n.Login, err)
		}
		*x.u = u
	}
	return tm
}

// createCustomer creates a company customer named name owned by ownerID (the
// caller when empty), acting as ss.
func createCustomer(t *testing.T, ss *repo.Session, name, ownerID string) model.Customer {
	t.Helper()
	c, err := ss.CreateCustomer(t.Context(), model.Customer{Kind: model.CustomerCompany, Name: name, OwnerID: ownerID})
	if err != nil {
		t.Fatalf("create customer %q: %v", name, err)
	}
	return c
}

// fileSHA returns the SHA-256 of the file's bytes.
func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// rawExec runs statements on the file with plain database/sql, the way
// another program (or a tamperer) would, and closes it again.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// rawInt reads one integer with plain database/sql.
func rawInt(t *testing.T, path, q string, args ...any) int64 {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// mustCheck fails the test when Check finds anything wrong.
func mustCheck(t *testing.T, s *repo.Store) {
	t.Helper()
	probs, err := s.Check(t.Context())
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if len(probs) > 0 {
		t.Fatalf("check found %d problems, want none:\n%s", len(probs), problemText(probs))
	}
	mustSearchIndexMatch(t, s.Path())
}

// mustSearchIndexMatch runs FTS5's integrity check, which compares the
// search index with every customer's search_doc (it is an INSERT, so it
// needs a writable connection; the transaction is rolled back).
func mustSearchIndexMatch(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(t.Context(), `INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("search index does not match the customers: %v", err)
	}
}

func problemText(probs []repo.Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// wantErr fails unless err matches want: nil means success.
func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("%s: got error %v, want success", what, err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("%s: got error %v, want %v", what, err, want)
	}
}

// fieldsOf lists the fields named by a validation error, in order.
func fieldsOf(err error) []string {
	var out []string
	for _, e := range model.FieldErrors(err) {
		out = append(out, e.Field)
	}
	return out
}

// customerIDs lists the IDs of cs.
func customerIDs(cs []model.Customer) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// findUser returns user id as listed by ss.
func findUser(t *testing.T, ss *repo.Session, id string) model.User {
	t.Helper()
	users, err := ss.FindUsers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.ID == id {
			return u
		}
	}
	t.Fatalf("user %s not listed", id)
	return model.User{}
}

// login tries a password and returns the error.
func login(t *testing.T, s *repo.Store, name, password string) error {
	t.Helper()
	_, err := s.Gate().Login(t.Context(), name, password)
	return err
}

// testCancelled returns a context to cancel for cancellation tests.
func testCancelled(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	return context.WithCancel(t.Context())
}
