package model_test

import (
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

func TestLoginProblem(t *testing.T) {
	const (
		ok     = ""
		length = "valid.login.length"
		chars  = "valid.login.chars"
	)
	tests := []struct {
		name, login, want string
	}{
		{"empty", "", model.MsgRequired},
		{"one letter", "a", length},
		{"two letters", "ab", length},
		{"three letters", "abc", ok},
		{"cyrillic", "иван", ok},
		{"two cyrillic runes are four bytes", "ив", length},
		{"three cyrillic runes", "ива", ok},
		{"32 latin", strings.Repeat("a", 32), ok},
		{"33 latin", strings.Repeat("a", 33), length},
		{"32 cyrillic runes are 64 bytes", strings.Repeat("ж", 32), ok},
		{"33 cyrillic runes", strings.Repeat("ж", 33), length},
		{"17 cyrillic runes are 34 bytes", strings.Repeat("ж", 17), ok},
		{"mixed case and punctuation", "Ivan.Petrov_2-x", ok},
		{"cyrillic with dot", "Иван.Петров", ok},
		{"letter then digits", "a12", ok},
		{"starts with digit", "1ivan", chars},
		{"all digits", "12345", chars},
		{"starts with dot", ".ivan", chars},
		{"starts with underscore", "_ivan", chars},
		{"starts with hyphen", "-ivan", chars},
		{"space inside", "ivan petrov", chars},
		{"leading space", " ivan", chars},
		{"at sign", "ivan@mail", chars},
		{"slash", "iv/an", chars},
		{"cyrillic with bang", "иван!", chars},
		{"emoji", "ivan😀", chars},
		{"invalid utf-8", "a\xffb", chars},
		{"too short wins over bad chars", "1!", length},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.LoginProblem(tc.login); got != tc.want {
				t.Errorf("LoginProblem(%q): got %q, want %q", tc.login, got, tc.want)
			}
		})
	}
}

func TestPasswordProblem(t *testing.T) {
	const (
		ok    = ""
		short = "valid.password.short"
		long  = "valid.password.long"
		mix   = "valid.password.mix"
		login = "valid.password.login"
	)
	tests := []struct {
		name, password, login, want string
	}{
		{"empty", "", "ivan", short},
		{"7 latin", "abcd123", "ivan", short},
		{"8 latin", "abcd1234", "ivan", ok},
		{"7 cyrillic runes are 13 bytes", "пароль1", "ivan", short},
		{"8 cyrillic runes", "пароль12", "ivan", ok},
		{"5 runes in 9 bytes", "ёёёё1", "ivan", short},
		{"no digit", "abcdefgh", "ivan", mix},
		{"no digit cyrillic", "парольпароль", "ivan", mix},
		{"no letter", "12345678", "ivan", mix},
		{"symbols and digits only", "!@#$1234", "ivan", mix},
		{"symbols and letters only", "!@#$abcd", "ivan", mix},
		{"contains login", "ivan2024x", "ivan", login},
		{"is login plus digit", "ivanivan1", "ivan", login},
		{"contains login upper case", "xIVAN2024", "ivan", login},
		{"login upper, password lower", "xivan2024", "IVAN", login},
		{"contains cyrillic login other case", "мойИВАН99", "Иван", login},
		{"login differs by one letter", "ivam2024x", "ivan", ok},
		{"no login given", "abcd1234", "", ok},
		{"128 latin", strings.Repeat("a", 127) + "1", "ivan", ok},
		{"129 latin", strings.Repeat("a", 128) + "1", "ivan", long},
		{"128 cyrillic runes are 255 bytes", strings.Repeat("ж", 127) + "1", "ivan", ok},
		{"129 cyrillic runes", strings.Repeat("ж", 128) + "1", "ivan", long},
		{"short wins over mix", "abc", "ivan", short},
		{"long wins over mix", strings.Repeat("a", 129), "ivan", long},
		{"mix wins over login", "ivanivan", "ivan", mix},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.PasswordProblem(tc.password, tc.login); got != tc.want {
				t.Errorf("PasswordProblem(%q, %q): got %q, want %q", tc.password, tc.login, got, tc.want)
			}
		})
	}
	if got := model.MinPasswordLen; got != 8 {
		t.Errorf("MinPasswordLen: got %d, want 8", got)
	}
}

func TestNewUserValidate(t *testing.T) {
	valid := model.NewUser{Login: "ivan", FullName: "Иван Петров", Role: model.RoleSeller, Password: "s3cretpass"}
	tests := []struct {
		name string
		edit func(*model.NewUser)
		want []string
	}{
		{"valid", func(*model.NewUser) {}, nil},
		{"valid cyrillic login", func(n *model.NewUser) { n.Login = "иван" }, nil},
		{"every role", func(n *model.NewUser) { n.Role = model.RoleAccountant }, nil},
		{"empty login", func(n *model.NewUser) { n.Login = "" }, []string{"login=valid.required"}},
		{"short login", func(n *model.NewUser) { n.Login = "iv" }, []string{"login=valid.login.length"}},
		{"login starts with digit", func(n *model.NewUser) { n.Login = "1van" }, []string{"login=valid.login.chars"}},
		{"empty full name", func(n *model.NewUser) { n.FullName = "" }, []string{"full_name=valid.required"}},
		{"blank full name", func(n *model.NewUser) { n.FullName = " \t " }, []string{"full_name=valid.required"}},
		{"empty role", func(n *model.NewUser) { n.Role = "" }, []string{"role=valid.role"}},
		{"unknown role", func(n *model.NewUser) { n.Role = "root" }, []string{"role=valid.role"}},
		{"short password", func(n *model.NewUser) { n.Password = "a1" }, []string{"password=valid.password.short"}},
		{"password without digit", func(n *model.NewUser) { n.Password = "secretpass" }, []string{"password=valid.password.mix"}},
		{"password contains login", func(n *model.NewUser) { n.Password = "IVAN12345" }, []string{"password=valid.password.login"}},
		{"everything empty", func(n *model.NewUser) { *n = model.NewUser{} }, []string{
			"login=valid.required", "full_name=valid.required", "role=valid.role", "password=valid.password.short",
		}},
		{"login and password bad", func(n *model.NewUser) { n.Login = "x"; n.Password = "xxxxxxxx" }, []string{
			"login=valid.login.length", "password=valid.password.mix",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := valid
			tc.edit(&n)
			err := n.Validate()
			checkProblems(t, err, tc.want...)
			if len(tc.want) > 0 {
				if _, ok := err.(model.ValidationErrors); !ok {
					t.Errorf("Validate() type: got %T, want model.ValidationErrors", err)
				}
			}
		})
	}
}

func TestUserLocked(t *testing.T) {
	until := time.Date(2026, 3, 1, 10, 15, 0, 0, time.UTC)
	msk := time.FixedZone("MSK", 3*60*60)
	tests := []struct {
		name  string
		until time.Time
		now   time.Time
		want  bool
	}{
		{"never locked", time.Time{}, until, false},
		{"never locked, zero now", time.Time{}, time.Time{}, false},
		{"long before until", until, until.Add(-time.Hour), true},
		{"1ns before until", until, until.Add(-time.Nanosecond), true},
		{"at until", until, until, false},
		{"at until in another zone", until, until.In(msk), false},
		{"1ns before until in another zone", until, until.Add(-time.Nanosecond).In(msk), true},
		{"after until", until, until.Add(time.Second), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := model.User{LockedUntil: tc.until}
			if got := u.Locked(tc.now); got != tc.want {
				t.Errorf("Locked(%v) with LockedUntil %v: got %v, want %v", tc.now, tc.until, got, tc.want)
			}
		})
	}
}

func TestDefaultLoginPolicy(t *testing.T) {
	p := model.DefaultLoginPolicy
	if p.MaxFailures != 5 || p.LockFor != 15*time.Minute {
		t.Errorf("DefaultLoginPolicy: got %+v, want 5 failures, 15m", p)
	}
}

func TestAfterFailureCounts(t *testing.T) {
	p := model.DefaultLoginPolicy
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	u := model.User{ID: "u1", Login: "ivan"}
	var now time.Time
	for i := 1; i <= 5; i++ {
		now = start.Add(time.Duration(i) * time.Second)
		failures, until := p.AfterFailure(u, now)
		if failures != i {
			t.Fatalf("failure %d: got count %d, want %d", i, failures, i)
		}
		if i < 5 && !until.IsZero() {
			t.Fatalf("failure %d: got lockedUntil %v, want zero", i, until)
		}
		if i == 5 {
			if want := now.Add(15 * time.Minute); !until.Equal(want) {
				t.Fatalf("failure 5: got lockedUntil %v, want %v", until, want)
			}
		}
		u.FailedLogins, u.LockedUntil = failures, until
		if got, want := u.Locked(now), i == 5; got != want {
			t.Fatalf("after failure %d: got Locked %v, want %v", i, got, want)
		}
	}
	lockedAt := now
	until := u.LockedUntil

	t.Run("locked until the boundary", func(t *testing.T) {
		if !u.Locked(until.Add(-time.Nanosecond)) {
			t.Errorf("Locked 1ns before %v: got false, want true", until)
		}
		if u.Locked(until) {
			t.Errorf("Locked at %v: got true, want false", until)
		}
	})
	t.Run("expired lock restarts the count at the boundary", func(t *testing.T) {
		failures, lu := p.AfterFailure(u, until)
		if failures != 1 || !lu.IsZero() {
			t.Errorf("AfterFailure at %v: got (%d, %v), want (1, zero)", until, failures, lu)
		}
	})
	t.Run("expired lock restarts the count later", func(t *testing.T) {
		later := until.Add(24 * time.Hour)
		failures, lu := p.AfterFailure(u, later)
		if failures != 1 || !lu.IsZero() {
			t.Errorf("AfterFailure at %v: got (%d, %v), want (1, zero)", later, failures, lu)
		}
	})
	t.Run("failure while locked keeps counting and renews the lock", func(t *testing.T) {
		at := lockedAt.Add(time.Minute)
		failures, lu := p.AfterFailure(u, at)
		if want := at.Add(15 * time.Minute); failures != 6 || !lu.Equal(want) {
			t.Errorf("AfterFailure at %v: got (%d, %v), want (6, %v)", at, failures, lu, want)
		}
	})
}

func TestAfterFailureTable(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	strict := model.LoginPolicy{MaxFailures: 3, LockFor: time.Hour}
	tests := []struct {
		name      string
		p         model.LoginPolicy
		u         model.User
		wantCount int
		wantUntil time.Time
	}{
		{"first failure", strict, model.User{}, 1, time.Time{}},
		{"below max", strict, model.User{FailedLogins: 1}, 2, time.Time{}},
		{"reaches max", strict, model.User{FailedLogins: 2}, 3, now.Add(time.Hour)},
		{"above max without a lock", strict, model.User{FailedLogins: 7}, 8, now.Add(time.Hour)},
		{"lock ran out an hour ago", strict, model.User{FailedLogins: 3, LockedUntil: now.Add(-time.Hour)}, 1, time.Time{}},
		{"lock runs out now", strict, model.User{FailedLogins: 3, LockedUntil: now}, 1, time.Time{}},
		{"lock still on", strict, model.User{FailedLogins: 3, LockedUntil: now.Add(time.Nanosecond)}, 4, now.Add(time.Hour)},
		{"default policy fifth", model.DefaultLoginPolicy, model.User{FailedLogins: 4}, 5, now.Add(15 * time.Minute)},
		{"default policy fourth", model.DefaultLoginPolicy, model.User{FailedLogins: 3}, 4, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			count, until := tc.p.AfterFailure(tc.u, now)
			if count != tc.wantCount || !until.Equal(tc.wantUntil) {
				t.Errorf("AfterFailure(%+v): got (%d, %v), want (%d, %v)", tc.u, count, until, tc.wantCount, tc.wantUntil)
			}
		})
	}
}
