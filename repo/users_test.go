package repo_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"sdelka/model"
)

func TestSetup(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	g := s.Gate()
	need, err := g.NeedsSetup(t.Context())
	if err != nil || !need {
		t.Fatalf("NeedsSetup before: got %v, %v; want true", need, err)
	}

	t.Run("invalid input is refused as a whole", func(t *testing.T) {
		bad := testCompany()
		bad.INN = "7707083894"
		bad.Account = "40702810938000000002"
		_, err := g.Setup(t.Context(), bad, model.NewUser{Login: "ad", FullName: "", Password: "short"})
		want := []string{"inn", "account", "admin_login", "admin_full_name", "admin_password"}
		if got := fieldsOf(err); !slices.Equal(got, want) {
			t.Errorf("fields: got %v (%v), want %v", got, err, want)
		}
		if need, err := g.NeedsSetup(t.Context()); err != nil || !need {
			t.Errorf("NeedsSetup after a refused setup: got %v, %v; want true", need, err)
		}
	})

	// The wizard always makes an administrator, whatever role is passed.
	admin, err := g.Setup(t.Context(), testCompany(), model.NewUser{Login: "admin", FullName: "Ольга Админова", Role: model.RoleSeller, Password: testPassword})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	if admin.Role != model.RoleAdmin || !admin.Active || admin.Version != 1 {
		t.Errorf("admin: got role %s active %v version %d, want admin, true, 1", admin.Role, admin.Active, admin.Version)
	}
	if need, err := g.NeedsSetup(t.Context()); err != nil || need {
		t.Errorf("NeedsSetup after: got %v, %v; want false", need, err)
	}
	c, err := s.Session(admin).Company(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := testCompany(); c.Name != want.Name || c.Account != want.Account || c.Version != 1 {
		t.Errorf("company: got %q account %q version %d, want %q %q 1", c.Name, c.Account, c.Version, want.Name, want.Account)
	}

	_, err = g.Setup(t.Context(), testCompany(), model.NewUser{Login: "admin2", FullName: "Ещё Админ", Password: testPassword})
	wantErr(t, "second setup", err, model.ErrAlreadySetUp)
	if us, err := s.Session(admin).FindUsers(t.Context()); err != nil || len(us) != 1 {
		t.Errorf("users after the second setup: got %d, %v; want 1", len(us), err)
	}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	tests := []struct {
		name, login, password string
		wantID                string
		wantErr               error
	}{
		{"right password", "seller1", testPassword, tm.seller1.ID, nil},
		{"login in capitals", "SELLER1", testPassword, tm.seller1.ID, nil},
		{"login with spaces", "  seller1 ", testPassword, tm.seller1.ID, nil},
		{"wrong password", "seller1", "Parol-2027", "", model.ErrBadCredentials},
		{"password in other case", "seller1", "PAROL-2026", "", model.ErrBadCredentials},
		{"empty password", "seller1", "", "", model.ErrBadCredentials},
		{"unknown login", "nobody", testPassword, "", model.ErrBadCredentials},
		{"empty login", "", "", "", model.ErrBadCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := s.Gate().Login(t.Context(), tt.login, tt.password)
			wantErr(t, "login", err, tt.wantErr)
			if u.ID != tt.wantID {
				t.Errorf("user: got %q, want %q", u.ID, tt.wantID)
			}
			var locked *model.LockedError
			if errors.As(err, &locked) {
				t.Errorf("one wrong password locked the account: %v", err)
			}
		})
	}
	if got := findUser(t, s.Session(tm.admin), tm.seller1.ID).FailedLogins; got != 3 {
		t.Errorf("failed logins of seller1: got %d, want 3", got)
	}
}

func TestLoginLockout(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	as := s.Session(admin)
	u, err := as.CreateUser(t.Context(), model.NewUser{Login: "seller1", FullName: "Мария", Role: model.RoleSeller, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	const wrong = "Wrong-pass-1"
	policy := model.DefaultLoginPolicy

	for i := 1; i < policy.MaxFailures; i++ {
		wantErr(t, "wrong password", login(t, s, "seller1", wrong), model.ErrBadCredentials)
		clk.Advance(time.Second)
	}
	if got := findUser(t, as, u.ID).FailedLogins; got != policy.MaxFailures-1 {
		t.Fatalf("failed logins: got %d, want %d", got, policy.MaxFailures-1)
	}
	lockedAt := clk.Now()
	err = login(t, s, "seller1", wrong)
	var locked *model.LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("wrong password number %d: got %v, want *model.LockedError", policy.MaxFailures, err)
	}
	if want := lockedAt.Add(policy.LockFor); !locked.Until.Equal(want) {
		t.Errorf("locked until: got %v, want %v", locked.Until, want)
	}

	clk.Advance(policy.LockFor - 2*time.Second)
	err = login(t, s, "seller1", testPassword)
	if !errors.As(err, &locked) {
		t.Fatalf("right password while locked: got %v, want *model.LockedError", err)
	}
	if got := findUser(t, as, u.ID); got.FailedLogins != policy.MaxFailures || !got.LockedUntil.Equal(lockedAt.Add(policy.LockFor)) {
		t.Errorf("while locked: got %d failures, locked until %v", got.FailedLogins, got.LockedUntil)
	}

	clk.Advance(3 * time.Second) // the lock has run out
	got, err := s.Gate().Login(t.Context(), "seller1", testPassword)
	if err != nil {
		t.Fatalf("right password after the lock: %v", err)
	}
	if got.FailedLogins != 0 || !got.LockedUntil.IsZero() {
		t.Errorf("after login: got %d failures, locked until %v; want 0, zero", got.FailedLogins, got.LockedUntil)
	}
	if stored := findUser(t, as, u.ID); stored.FailedLogins != 0 || !stored.LockedUntil.IsZero() {
		t.Errorf("stored after login: got %d failures, locked until %v; want 0, zero", stored.FailedLogins, stored.LockedUntil)
	}

	t.Run("a success resets the count", func(t *testing.T) {
		for range policy.MaxFailures - 1 {
			wantErr(t, "wrong password", login(t, s, "seller1", wrong), model.ErrBadCredentials)
		}
		wantErr(t, "right password", login(t, s, "seller1", testPassword), nil)
		for range policy.MaxFailures - 1 {
			wantErr(t, "wrong password", login(t, s, "seller1", wrong), model.ErrBadCredentials)
		}
		wantErr(t, "right password", login(t, s, "seller1", testPassword), nil)
	})

	t.Run("an expired lock starts the count again", func(t *testing.T) {
		for range policy.MaxFailures {
			login(t, s, "seller1", wrong)
		}
		clk.Advance(policy.LockFor)
		wantErr(t, "wrong password after the lock", login(t, s, "seller1", wrong), model.ErrBadCredentials)
		if got := findUser(t, as, u.ID).FailedLogins; got != 1 {
			t.Errorf("failed logins: got %d, want 1", got)
		}
	})

	t.Run("reset password unlocks", func(t *testing.T) {
		for range policy.MaxFailures {
			login(t, s, "seller1", wrong)
		}
		if err := login(t, s, "seller1", testPassword); !errors.As(err, &locked) {
			t.Fatalf("locked: got %v", err)
		}
		const fresh = "Novyi-parol-7"
		if err := as.ResetPassword(t.Context(), u.ID, fresh); err != nil {
			t.Fatalf("reset: %v", err)
		}
		wantErr(t, "new password at once", login(t, s, "seller1", fresh), nil)
		wantErr(t, "old password", login(t, s, "seller1", testPassword), model.ErrBadCredentials)
		err := as.ResetPassword(t.Context(), u.ID, "seller1-2026")
		if got, want := fieldsOf(err), []string{"password"}; !slices.Equal(got, want) {
			t.Errorf("reset to a password containing the login: got fields %v (%v), want %v", got, err, want)
		}
	})
}

func TestLoginInactive(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	as := s.Session(tm.admin)
	off := false
	if _, err := as.UpdateUser(t.Context(), tm.seller2.ID, model.UserUpdate{Active: &off, Version: tm.seller2.Version}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "right password", login(t, s, "seller2", testPassword), model.ErrInactive)
	// A wrong password says nothing about the account being disabled.
	wantErr(t, "wrong password", login(t, s, "seller2", "Wrong-pass-1"), model.ErrBadCredentials)
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	as := s.Session(tm.admin)
	tests := []struct {
		name string
		n    model.NewUser
		want []string
	}{
		{"same login", model.NewUser{Login: "seller1", FullName: "Двойник", Role: model.RoleSeller, Password: testPassword}, []string{"login"}},
		{"same login in capitals", model.NewUser{Login: "Seller1", FullName: "Двойник", Role: model.RoleSeller, Password: testPassword}, []string{"login"}},
		{"same login with spaces", model.NewUser{Login: " HEAD ", FullName: "Двойник", Role: model.RoleSeller, Password: testPassword}, []string{"login"}},
		{"short login", model.NewUser{Login: "ab", FullName: "Коротыш", Role: model.RoleSeller, Password: testPassword}, []string{"login"}},
		{"login starting with a digit", model.NewUser{Login: "1seller", FullName: "Цифра", Role: model.RoleSeller, Password: testPassword}, []string{"login"}},
		{"no name", model.NewUser{Login: "noname", FullName: "  ", Role: model.RoleSeller, Password: testPassword}, []string{"full_name"}},
		{"unknown role", model.NewUser{Login: "boss", FullName: "Босс", Role: "owner", Password: testPassword}, []string{"role"}},
		{"short password", model.NewUser{Login: "shorty", FullName: "Пароль", Role: model.RoleSeller, Password: "a1"}, []string{"password"}},
		{"password without digits", model.NewUser{Login: "letters", FullName: "Пароль", Role: model.RoleSeller, Password: "onlyletters"}, []string{"password"}},
		{"password contains login", model.NewUser{Login: "ivanov", FullName: "Иванов", Role: model.RoleSeller, Password: "Ivanov2026"}, []string{"password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := as.CreateUser(t.Context(), tt.n)
			var v model.ValidationErrors
			if !errors.As(err, &v) {
				t.Fatalf("got %v, want model.ValidationErrors", err)
			}
			if got := fieldsOf(err); !slices.Equal(got, tt.want) {
				t.Errorf("fields: got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	users, err := as.FindUsers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var logins []string
	for _, u := range users {
		logins = append(logins, u.Login)
	}
	if want := []string{"accountant", "admin", "head", "seller1", "seller2"}; !slices.Equal(logins, want) {
		t.Errorf("users: got %v, want %v", logins, want)
	}
}

func TestUpdateUserErrors(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	as := s.Session(tm.admin)
	blank, bad := "  ", model.Role("owner")
	_, err := as.UpdateUser(t.Context(), "01900000-0000-7000-8000-000000000000", model.UserUpdate{FullName: &blank, Version: 1})
	wantErr(t, "missing user", err, model.ErrNotFound)
	_, err = as.UpdateUser(t.Context(), tm.seller1.ID, model.UserUpdate{FullName: &blank, Role: &bad, Version: tm.seller1.Version})
	if got, want := fieldsOf(err), []string{"full_name", "role"}; !slices.Equal(got, want) {
		t.Errorf("invalid update: got fields %v (%v), want %v", got, err, want)
	}
	err = as.ResetPassword(t.Context(), "01900000-0000-7000-8000-000000000000", testPassword)
	wantErr(t, "reset the password of a missing user", err, model.ErrNotFound)
	if got := findUser(t, as, tm.seller1.ID); got.FullName != tm.seller1.FullName || got.Version != tm.seller1.Version {
		t.Errorf("after refusals: got %q version %d, want unchanged", got.FullName, got.Version)
	}
}

func TestLastAdmin(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	as := s.Session(admin)
	head, off := model.RoleHead, false

	_, err := as.UpdateUser(t.Context(), admin.ID, model.UserUpdate{Role: &head, Version: admin.Version})
	wantErr(t, "demote the only admin", err, model.ErrLastAdmin)
	_, err = as.UpdateUser(t.Context(), admin.ID, model.UserUpdate{Active: &off, Version: admin.Version})
	wantErr(t, "deactivate the only admin", err, model.ErrLastAdmin)
	if got := findUser(t, as, admin.ID); got.Role != model.RoleAdmin || !got.Active || got.Version != admin.Version {
		t.Errorf("admin after refusals: got %s active %v version %d; want unchanged", got.Role, got.Active, got.Version)
	}

	second, err := as.CreateUser(t.Context(), model.NewUser{Login: "admin2", FullName: "Второй Админ", Role: model.RoleAdmin, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	// An inactive second admin does not count.
	if _, err := as.UpdateUser(t.Context(), second.ID, model.UserUpdate{Active: &off, Version: second.Version}); err != nil {
		t.Fatal(err)
	}
	_, err = as.UpdateUser(t.Context(), admin.ID, model.UserUpdate{Role: &head, Version: admin.Version})
	wantErr(t, "demote with only an inactive second admin", err, model.ErrLastAdmin)

	on := true
	if _, err := as.UpdateUser(t.Context(), second.ID, model.UserUpdate{Active: &on, Version: second.Version + 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := as.UpdateUser(t.Context(), admin.ID, model.UserUpdate{Role: &head, Version: admin.Version}); err != nil {
		t.Fatalf("demote with a second admin: %v", err)
	}
	cur := findUser(t, as, second.ID)
	_, err = s.Session(second).UpdateUser(t.Context(), second.ID, model.UserUpdate{Active: &off, Version: cur.Version})
	wantErr(t, "the new only admin deactivates themselves", err, model.ErrLastAdmin)
	mustCheck(t, s)
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	u, err := s.Session(admin).CreateUser(t.Context(), model.NewUser{Login: "seller1", FullName: "Мария", Role: model.RoleSeller, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	ss := s.Session(u)
	const fresh = "Novyi-parol-7"
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"wrong old password", "Wrong-pass-1", fresh, []string{"old_password"}},
		{"new too short", testPassword, "abc1", []string{"password"}},
		{"new contains the login", testPassword, "Seller1-parol", []string{"password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ss.ChangePassword(t.Context(), tt.old, tt.new)
			if got := fieldsOf(err); !slices.Equal(got, tt.want) {
				t.Errorf("fields: got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	wantErr(t, "old password still works", login(t, s, "seller1", testPassword), nil)

	if err := ss.ChangePassword(t.Context(), testPassword, fresh); err != nil {
		t.Fatalf("change: %v", err)
	}
	wantErr(t, "new password", login(t, s, "seller1", fresh), nil)
	wantErr(t, "old password", login(t, s, "seller1", testPassword), model.ErrBadCredentials)
}
