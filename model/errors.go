package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors callers branch on with errors.Is. Services wrap them with the
// operation and key; the UI turns them into friendly, translated messages.
var (
	// ErrNotFound: the record does not exist or is not visible to the user.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a unique value (login, INN …) is already taken.
	ErrConflict = errors.New("conflict")
	// ErrStale: the record was changed by someone else since it was loaded.
	ErrStale = errors.New("record changed by someone else")
	// ErrForbidden: the user's role does not allow the operation.
	ErrForbidden = errors.New("forbidden")
	// ErrBadCredentials: unknown login or wrong password (deliberately the same).
	ErrBadCredentials = errors.New("wrong login or password")
	// ErrInactive: the account is disabled.
	ErrInactive = errors.New("account disabled")
	// ErrDamaged: the database file is damaged or is not a database at all.
	ErrDamaged = errors.New("database damaged")
	// ErrForeign: the file is an SQLite database of some other program.
	ErrForeign = errors.New("not a Sdelka database")
	// ErrNewerSchema: the database was written by a newer version of Sdelka.
	ErrNewerSchema = errors.New("database is from a newer version of Sdelka")
	// ErrAlreadySetUp: the first-run wizard was already completed.
	ErrAlreadySetUp = errors.New("already set up")
	// ErrLastAdmin: the change would leave no active administrator.
	ErrLastAdmin = errors.New("last administrator")
	// ErrBusy: another program holds the database for too long.
	ErrBusy = errors.New("database busy")
)

// LockedError says the account is locked after too many wrong passwords.
type LockedError struct {
	Until time.Time
}

func (e *LockedError) Error() string {
	return "account locked until " + e.Until.UTC().Format(time.RFC3339)
}

// ValidationError names a field and what is wrong with it. Msg is a
// translation key (see assets/i18n), so model stays language-neutral.
type ValidationError struct {
	Field string
	Msg   string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Msg }

// ValidationErrors is a list of field problems returned together, so a form can
// mark every bad field at once.
type ValidationErrors []*ValidationError

func (v ValidationErrors) Error() string {
	parts := make([]string, len(v))
	for i, e := range v {
		parts[i] = e.Error()
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Err returns v as an error, or nil when it is empty.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// Add appends a problem when msg is not empty.
func (v *ValidationErrors) Add(field, msg string) {
	if msg != "" {
		*v = append(*v, &ValidationError{Field: field, Msg: msg})
	}
}

// FieldErrors extracts the per-field problems from err (one ValidationError or
// ValidationErrors, possibly wrapped); nil when err carries none.
func FieldErrors(err error) ValidationErrors {
	var many ValidationErrors
	if errors.As(err, &many) {
		return many
	}
	var one *ValidationError
	if errors.As(err, &one) {
		return ValidationErrors{one}
	}
	return nil
}

// StaleError wraps ErrStale with what was expected, for messages and logs.
func StaleError(entity, id string, want int64) error {
	return fmt.Errorf("%s %s version %d: %w", entity, id, want, ErrStale)
}
