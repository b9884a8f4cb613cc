package repo_test

import (
	"fmt"
	"slices"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// accessFixture is a team with three customers: alfa owned by seller1, beta
// owned by seller2 and shared with seller1, vector owned by seller2 alone.
type accessFixture struct {
	s                  *repo.Store
	tm                 team
	admin              *repo.Session
	alfa, beta, vector model.Customer
}

func newAccessFixture(t *testing.T) *accessFixture {
	t.Helper()
	s, _ := newStore(t)
	f := &accessFixture{s: s, tm: setupTeam(t, s)}
	f.admin = s.Session(f.tm.admin)
	f.alfa = createCustomer(t, s.Session(f.tm.seller1), "ООО «Альфа»", "")
	f.beta = createCustomer(t, s.Session(f.tm.seller2), "ООО «Бета»", "")
	f.vector = createCustomer(t, s.Session(f.tm.seller2), "ООО «Вектор»", "")
	if err := s.Session(f.tm.seller2).ShareCustomer(t.Context(), f.beta.ID, f.tm.seller1.ID); err != nil {
		t.Fatalf("seller2 shares beta with seller1: %v", err)
	}
	return f
}

// user returns the fixture user by login.
func (f *accessFixture) user(login string) model.User {
	for _, u := range []model.User{f.tm.admin, f.tm.head, f.tm.seller1, f.tm.seller2, f.tm.accountant} {
		if u.Login == login {
			return u
		}
	}
	panic("no fixture user " + login)
}

// fresh creates a new customer owned by owner (as the administrator), shared
// with the users in sharedWith, so that an operation under test does not
// disturb the others.
func (f *accessFixture) fresh(t *testing.T, owner model.User, sharedWith ...model.User) model.Customer {
	t.Helper()
	c := createCustomer(t, f.admin, "ООО «Свежий» "+owner.Login, owner.ID)
	for _, u := range sharedWith {
		if err := f.admin.ShareCustomer(t.Context(), c.ID, u.ID); err != nil {
			t.Fatalf("share: %v", err)
		}
	}
	return c
}

func TestCustomerVisibility(t *testing.T) {
	t.Parallel()
	f := newAccessFixture(t)
	all := []string{f.alfa.ID, f.beta.ID, f.vector.ID}
	tests := []struct {
		login   string
		visible []string // in name order
		// seller2's customers that this user sees when filtering by owner
		ofSeller2 []string
	}{
		{"admin", all, []string{f.beta.ID, f.vector.ID}},
		{"head", all, []string{f.beta.ID, f.vector.ID}},
		{"accountant", all, []string{f.beta.ID, f.vector.ID}},
		{"seller1", []string{f.alfa.ID, f.beta.ID}, []string{f.beta.ID}},
		{"seller2", []string{f.beta.ID, f.vector.ID}, []string{f.beta.ID, f.vector.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			ss := f.s.Session(f.user(tt.login))
			cs, err := ss.FindCustomers(t.Context(), model.CustomerFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := customerIDs(cs); !slices.Equal(got, tt.visible) {
				t.Errorf("list: got %v, want %v", got, tt.visible)
			}
			n, err := ss.CountCustomers(t.Context(), model.CustomerFilter{})
			if err != nil || n != len(tt.visible) {
				t.Errorf("count: got %d, %v; want %d", n, err, len(tt.visible))
			}
			cs, err = ss.FindCustomers(t.Context(), model.CustomerFilter{OwnerID: f.tm.seller2.ID})
			if err != nil {
				t.Fatal(err)
			}
			if got := customerIDs(cs); !slices.Equal(got, tt.ofSeller2) {
				t.Errorf("list of seller2's: got %v, want %v", got, tt.ofSeller2)
			}
			for _, id := range all {
				c, err := ss.FindCustomerByID(t.Context(), id)
				if slices.Contains(tt.visible, id) {
					if err != nil || c.ID != id {
						t.Errorf("find %s: got %q, %v; want it", id, c.ID, err)
					}
				} else {
					wantErr(t, "find "+id, err, model.ErrNotFound)
				}
			}
		})
	}

	t.Run("trash follows the same rule", func(t *testing.T) {
		if err := f.admin.DeleteCustomer(t.Context(), f.vector.ID, f.vector.Version); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := f.admin.RestoreCustomer(t.Context(), f.vector.ID); err != nil {
				t.Fatal(err)
			}
		}()
		for login, want := range map[string]int{"seller1": 0, "seller2": 1, "head": 1} {
			n, err := f.s.Session(f.user(login)).CountCustomers(t.Context(), model.CustomerFilter{Deleted: true})
			if err != nil || n != want {
				t.Errorf("%s trash count: got %d, %v; want %d", login, n, err, want)
			}
		}
	})
}

// outcome per role in the matrix below: admin, head, seller (seller1),
// accountant. nil means allowed.
type outcome [4]error

var matrixRoles = [4]string{"admin", "head", "seller1", "accountant"}

var (
	allowed   error
	forbidden = model.ErrForbidden
	notFound  = model.ErrNotFound
)

func TestRoleMatrix(t *testing.T) {
	t.Parallel()
	f := newAccessFixture(t)
	seller1, seller2 := f.tm.seller1, f.tm.seller2
	userSeq := 0
	tests := []struct {
		name string
		run  func(t *testing.T, ss *repo.Session, me model.User) error
		want outcome
	}{
		{"list users", func(t *testing.T, ss *repo.Session, _ model.User) error {
			us, err := ss.FindUsers(t.Context())
			if err == nil && len(us) < 5 {
				t.Errorf("users listed: got %d, want at least 5", len(us))
			}
			return err
		}, outcome{allowed, allowed, allowed, allowed}},
		{"read company", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c, err := ss.Company(t.Context())
			if err == nil && c.INN != "7707083893" {
				t.Errorf("company INN: got %q, want 7707083893", c.INN)
			}
			return err
		}, outcome{allowed, allowed, allowed, allowed}},
		{"create customer for oneself", func(t *testing.T, ss *repo.Session, me model.User) error {
			c, err := ss.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Новый»"})
			if err == nil && c.OwnerID != me.ID {
				t.Errorf("owner: got %s, want the creator %s", c.OwnerID, me.ID)
			}
			return err
		}, outcome{allowed, allowed, allowed, forbidden}},
		{"create customer for seller2", func(t *testing.T, ss *repo.Session, _ model.User) error {
			_, err := ss.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Чужой»", OwnerID: seller2.ID})
			return err
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"update seller1's customer", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			c.Note = "правка"
			got, err := ss.UpdateCustomer(t.Context(), c)
			if err == nil && (got.Version != 2 || got.OwnerID != seller1.ID) {
				t.Errorf("updated: got version %d owner %s, want 2, seller1", got.Version, got.OwnerID)
			}
			return err
		}, outcome{allowed, allowed, allowed, forbidden}},
		{"update seller2's customer", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller2)
			c.Note = "правка"
			_, err := ss.UpdateCustomer(t.Context(), c)
			return err
		}, outcome{allowed, allowed, notFound, forbidden}},
		{"update seller2's customer shared with seller1", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller2, seller1)
			c.Note = "правка"
			_, err := ss.UpdateCustomer(t.Context(), c)
			return err
		}, outcome{allowed, allowed, allowed, forbidden}},
		{"reassign seller1's customer to seller2", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			c.OwnerID = seller2.ID
			_, err := ss.UpdateCustomer(t.Context(), c)
			return err
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"take over seller2's customer shared with seller1", func(t *testing.T, ss *repo.Session, me model.User) error {
			c := f.fresh(t, seller2, seller1)
			c.OwnerID = me.ID
			_, err := ss.UpdateCustomer(t.Context(), c)
			return err
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"delete seller1's customer", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			return ss.DeleteCustomer(t.Context(), c.ID, c.Version)
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"restore seller1's customer", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			if err := f.admin.DeleteCustomer(t.Context(), c.ID, c.Version); err != nil {
				t.Fatal(err)
			}
			return ss.RestoreCustomer(t.Context(), c.ID)
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"share seller1's customer with seller2", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			err := ss.ShareCustomer(t.Context(), c.ID, seller2.ID)
			if err == nil {
				if _, err := f.s.Session(seller2).FindCustomerByID(t.Context(), c.ID); err != nil {
					t.Errorf("seller2 after sharing: %v", err)
				}
			}
			return err
		}, outcome{allowed, allowed, allowed, forbidden}},
		{"share with a missing user", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller1)
			return ss.ShareCustomer(t.Context(), c.ID, "01900000-0000-7000-8000-000000000000")
		}, outcome{notFound, notFound, notFound, forbidden}},
		{"share seller2's customer with seller1", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c := f.fresh(t, seller2)
			return ss.ShareCustomer(t.Context(), c.ID, seller1.ID)
		}, outcome{allowed, allowed, notFound, forbidden}},
		{"create user", func(t *testing.T, ss *repo.Session, _ model.User) error {
			userSeq++
			_, err := ss.CreateUser(t.Context(), model.NewUser{Login: fmt.Sprintf("new%d", userSeq), FullName: "Новый", Role: model.RoleSeller, Password: testPassword})
			return err
		}, outcome{allowed, forbidden, forbidden, forbidden}},
		{"update user", func(t *testing.T, ss *repo.Session, _ model.User) error {
			u := findUser(t, f.admin, seller2.ID)
			name := u.FullName + "!"
			_, err := ss.UpdateUser(t.Context(), u.ID, model.UserUpdate{FullName: &name, Version: u.Version})
			return err
		}, outcome{allowed, forbidden, forbidden, forbidden}},
		{"make oneself admin", func(t *testing.T, ss *repo.Session, me model.User) error {
			u := findUser(t, f.admin, me.ID)
			role := model.RoleAdmin
			_, err := ss.UpdateUser(t.Context(), u.ID, model.UserUpdate{Role: &role, Version: u.Version})
			return err
		}, outcome{allowed, forbidden, forbidden, forbidden}},
		{"reset a password", func(t *testing.T, ss *repo.Session, _ model.User) error {
			return ss.ResetPassword(t.Context(), seller2.ID, testPassword+"x")
		}, outcome{allowed, forbidden, forbidden, forbidden}},
		{"update company", func(t *testing.T, ss *repo.Session, _ model.User) error {
			c, err := f.admin.Company(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			c.Phone = "+7 495 765-43-21"
			_, err = ss.UpdateCompany(t.Context(), c)
			return err
		}, outcome{allowed, forbidden, forbidden, allowed}},
		{"update settings", func(t *testing.T, ss *repo.Session, _ model.User) error {
			return ss.UpdateSettings(t.Context(), model.Settings{IdleLockMinutes: 30})
		}, outcome{allowed, forbidden, forbidden, forbidden}},
		{"read audit", func(t *testing.T, ss *repo.Session, _ model.User) error {
			es, err := ss.FindAudit(t.Context(), model.AuditFilter{})
			if err == nil && len(es) == 0 {
				t.Error("audit log is empty")
			}
			return err
		}, outcome{allowed, allowed, forbidden, forbidden}},
		{"list backups", func(t *testing.T, ss *repo.Session, _ model.User) error {
			_, err := ss.Backups(t.Context())
			return err
		}, outcome{allowed, allowed, forbidden, allowed}},
		{"back up now", func(t *testing.T, ss *repo.Session, _ model.User) error {
			_, err := ss.BackupNow(t.Context())
			return err
		}, outcome{allowed, allowed, forbidden, allowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, login := range matrixRoles {
				t.Run(login, func(t *testing.T) {
					me := f.user(login)
					err := tt.run(t, f.s.Session(me), me)
					wantErr(t, tt.name+" as "+login, err, tt.want[i])
				})
			}
		})
	}
	mustCheck(t, f.s)
}

func TestRoleChangeTakesEffectAtOnce(t *testing.T) {
	t.Parallel()
	f := newAccessFixture(t)
	setRole := func(t *testing.T, u model.User, role model.Role, active bool) {
		t.Helper()
		cur := findUser(t, f.admin, u.ID)
		if _, err := f.admin.UpdateUser(t.Context(), u.ID, model.UserUpdate{Role: &role, Active: &active, Version: cur.Version}); err != nil {
			t.Fatalf("set %s to %s active %v: %v", u.Login, role, active, err)
		}
	}

	t.Run("deactivated seller", func(t *testing.T) {
		ss := f.s.Session(f.tm.seller1) // logged in before the change
		setRole(t, f.tm.seller1, model.RoleSeller, false)
		_, err := ss.CreateCustomer(t.Context(), model.Customer{Name: "ООО «После»"})
		wantErr(t, "create", err, model.ErrForbidden)
		alfa, err := f.admin.FindCustomerByID(t.Context(), f.alfa.ID)
		if err != nil {
			t.Fatal(err)
		}
		alfa.Note = "после отключения"
		_, err = ss.UpdateCustomer(t.Context(), alfa)
		wantErr(t, "update own", err, model.ErrForbidden)
		err = ss.ShareCustomer(t.Context(), f.alfa.ID, f.tm.seller2.ID)
		wantErr(t, "share own", err, model.ErrForbidden)
		_, err = ss.BackupNow(t.Context())
		wantErr(t, "back up", err, model.ErrForbidden)

		setRole(t, f.tm.seller1, model.RoleSeller, true)
		if _, err := ss.UpdateCustomer(t.Context(), alfa); err != nil {
			t.Errorf("update after reactivation: %v", err)
		}
	})

	t.Run("head demoted to seller", func(t *testing.T) {
		ss := f.s.Session(f.tm.head)
		c := f.fresh(t, f.tm.seller2)
		setRole(t, f.tm.head, model.RoleSeller, true)
		err := ss.DeleteCustomer(t.Context(), c.ID, c.Version)
		wantErr(t, "delete", err, model.ErrForbidden)
		_, err = ss.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Для другого»", OwnerID: f.tm.seller2.ID})
		wantErr(t, "create for seller2", err, model.ErrForbidden)
		c.Note = "правка"
		_, err = ss.UpdateCustomer(t.Context(), c)
		wantErr(t, "update seller2's customer", err, model.ErrNotFound)
	})

	t.Run("accountant demoted to seller", func(t *testing.T) {
		ss := f.s.Session(f.tm.accountant)
		setRole(t, f.tm.accountant, model.RoleSeller, true)
		c, err := ss.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		c.Phone = "+7 495 000-11-22"
		_, err = ss.UpdateCompany(t.Context(), c)
		wantErr(t, "update company", err, model.ErrForbidden)
	})

	t.Run("admin demoted by another admin", func(t *testing.T) {
		admin2, err := f.admin.CreateUser(t.Context(), model.NewUser{Login: "admin2", FullName: "Второй Админ", Role: model.RoleAdmin, Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		ss := f.s.Session(f.tm.admin)
		cur := findUser(t, ss, f.tm.admin.ID)
		role := model.RoleHead
		if _, err := f.s.Session(admin2).UpdateUser(t.Context(), f.tm.admin.ID, model.UserUpdate{Role: &role, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		_, err = ss.CreateUser(t.Context(), model.NewUser{Login: "sneaky", FullName: "Хитрый", Role: model.RoleAdmin, Password: testPassword})
		wantErr(t, "create user", err, model.ErrForbidden)
		err = ss.ResetPassword(t.Context(), admin2.ID, testPassword+"x")
		wantErr(t, "reset password", err, model.ErrForbidden)
	})
	mustCheck(t, f.s)
}
