package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// User is a person who logs in to Sdelka.
type User struct {
	ID           string
	Login        string
	FullName     string
	Role         Role
	Active       bool
	FailedLogins int
	LockedUntil  time.Time // zero when not locked
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NewUser is what an administrator enters to create a user.
type NewUser struct {
	Login    string
	FullName string
	Role     Role
	Password string
}

// UserUpdate changes a user's profile; nil fields stay as they are. Version is
// the one the editor loaded.
type UserUpdate struct {
	FullName *string
	Role     *Role
	Active   *bool
	Version  int64
}

// Validate checks the fields of a new user, password policy included.
func (n NewUser) Validate() error {
	var v ValidationErrors
	v.Add("login", LoginProblem(n.Login))
	if strings.TrimSpace(n.FullName) == "" {
		v.Add("full_name", MsgRequired)
	}
	if !n.Role.Valid() {
		v.Add("role", "valid.role")
	}
	v.Add("password", PasswordProblem(n.Password, n.Login))
	return v.Err()
}

// LoginProblem checks a login name: 3–32 characters of letters, digits, '.',
// '_' or '-', starting with a letter. Returns a message key or "".
func LoginProblem(login string) string {
	if login == "" {
		return MsgRequired
	}
	n := utf8.RuneCountInString(login)
	if n < 3 || n > 32 {
		return "valid.login.length"
	}
	for i, r := range login {
		switch {
		case unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || r == '.' || r == '_' || r == '-'):
		default:
			return "valid.login.chars"
		}
	}
	return ""
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// PasswordProblem applies the password policy: at least MinPasswordLen
// characters, at least one letter and one digit, not the login itself, at most
// 128 characters. Returns a message key or "".
func PasswordProblem(password, login string) string {
	n := utf8.RuneCountInString(password)
	if n < MinPasswordLen {
		return "valid.password.short"
	}
	if n > 128 {
		return "valid.password.long"
	}
	var letter, digit bool
	for _, r := range password {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	if !letter || !digit {
		return "valid.password.mix"
	}
	if login != "" && strings.Contains(strings.ToLower(password), strings.ToLower(login)) {
		return "valid.password.login"
	}
	return ""
}

// LoginPolicy is how wrong passwords lock an account.
type LoginPolicy struct {
	MaxFailures int           // wrong passwords in a row that lock the account
	LockFor     time.Duration // how long it stays locked
}

// DefaultLoginPolicy locks for 15 minutes after five wrong passwords.
var DefaultLoginPolicy = LoginPolicy{MaxFailures: 5, LockFor: 15 * time.Minute}

// Locked reports whether the user is locked at now.
func (u User) Locked(now time.Time) bool {
	return !u.LockedUntil.IsZero() && now.Before(u.LockedUntil)
}

// AfterFailure returns the failure count and lock time after one more wrong
// password at now. A lock that has run out starts the count again.
func (p LoginPolicy) AfterFailure(u User, now time.Time) (failures int, lockedUntil time.Time) {
	failures = u.FailedLogins
	if !u.LockedUntil.IsZero() && !now.Before(u.LockedUntil) {
		failures = 0
	}
	failures++
	if failures >= p.MaxFailures {
		return failures, now.Add(p.LockFor)
	}
	return failures, time.Time{}
}
