package model

import (
	"context"
	"time"
)

// Gate is what the app can do before anyone has logged in.
type Gate interface {
	// NeedsSetup reports whether the database is new and the first-run wizard
	// must create the company and the administrator.
	NeedsSetup(ctx context.Context) (bool, error)
	// Setup saves the company requisites and creates the first administrator.
	// Errors: ValidationErrors, ErrAlreadySetUp.
	Setup(ctx context.Context, c Company, admin NewUser) (User, error)
	// Login checks a password. Errors: ErrBadCredentials, ErrInactive,
	// *LockedError.
	Login(ctx context.Context, login, password string) (User, error)
	// DemoLogins lists the demo users and passwords; empty unless the database
	// was made by `sdelkactl demo`.
	DemoLogins(ctx context.Context) ([]DemoLogin, error)
}

// DemoLogin is a user name and password shown on the login screen of a demo
// database.
type DemoLogin struct {
	Login    string
	Password string
	Role     Role
}

// Services are the operations of one logged-in user; every change they make is
// attributed to that user in the audit log.
type Services struct {
	User      User
	Company   CompanyService
	Users     UserService
	Customers CustomerService
	Audit     AuditService
	Backups   BackupService
	Settings  SettingsService
}

// CompanyService reads and changes our own company's requisites.
type CompanyService interface {
	// Company returns the requisites (zero value before setup).
	Company(ctx context.Context) (Company, error)
	// UpdateCompany saves c; c.Version is the version loaded. Errors:
	// ValidationErrors, ErrStale, ErrForbidden.
	UpdateCompany(ctx context.Context, c Company) (Company, error)
}

// UserService manages users. Changes need the administrator role except
// ChangePassword, which changes the caller's own password.
type UserService interface {
	FindUsers(ctx context.Context) ([]User, error)
	// CreateUser errors: ValidationErrors, ErrConflict (login taken), ErrForbidden.
	CreateUser(ctx context.Context, n NewUser) (User, error)
	// UpdateUser errors: ValidationErrors, ErrStale, ErrNotFound, ErrForbidden,
	// ErrLastAdmin.
	UpdateUser(ctx context.Context, id string, u UserUpdate) (User, error)
	// ResetPassword sets a new password and unlocks the account.
	ResetPassword(ctx context.Context, id, password string) error
	// ChangePassword errors: ValidationErrors (field old_password when the old
	// password is wrong, password when the new one breaks the policy),
	// ErrForbidden when the account was disabled.
	ChangePassword(ctx context.Context, old, new string) error
}

// CustomerService reads and changes customers within the user's visibility.
type CustomerService interface {
	// FindCustomers returns one page in (name, id) order.
	FindCustomers(ctx context.Context, f CustomerFilter) ([]Customer, error)
	// CountCustomers counts what FindCustomers would page through.
	CountCustomers(ctx context.Context, f CustomerFilter) (int, error)
	// FindCustomerByID errors: ErrNotFound (also when not visible).
	FindCustomerByID(ctx context.Context, id string) (Customer, error)
	// CreateCustomer errors: ValidationErrors, ErrForbidden. An empty OwnerID
	// makes the caller the owner.
	CreateCustomer(ctx context.Context, c Customer) (Customer, error)
	// UpdateCustomer saves c; c.Version is the version loaded. Errors:
	// ValidationErrors, ErrStale, ErrNotFound, ErrForbidden.
	UpdateCustomer(ctx context.Context, c Customer) (Customer, error)
	// DeleteCustomer moves the customer to the trash. Errors: ErrStale,
	// ErrNotFound, ErrForbidden.
	DeleteCustomer(ctx context.Context, id string, version int64) error
	// RestoreCustomer takes it back out of the trash.
	RestoreCustomer(ctx context.Context, id string) error
	// ShareCustomer lets another user see and edit the customer.
	ShareCustomer(ctx context.Context, id, userID string) error
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Entity    Entity // empty for all
	EntityID  string
	BeforeSeq int64 // page: entries with Seq below this; 0 for the newest
	Limit     int
}

// AuditService reads the audit log (administrators and sales heads).
type AuditService interface {
	FindAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// Backup is one backup copy of the database.
type Backup struct {
	Path      string
	Name      string
	At        time.Time
	SizeBytes int64
	Auto      bool // made automatically (rotated) rather than before a migration or by hand
}

// BackupService lists and makes backups. Restoring replaces the open database,
// so the app does it (see Restorer) with everyone logged out.
type BackupService interface {
	Backups(ctx context.Context) ([]Backup, error)
	BackupNow(ctx context.Context) (Backup, error)
}

// Settings are the database-wide preferences an administrator sets.
type Settings struct {
	IdleLockMinutes int // 0: never lock
}

// SettingsService reads and changes Settings.
type SettingsService interface {
	Settings(ctx context.Context) (Settings, error)
	// UpdateSettings errors: ValidationErrors, ErrForbidden.
	UpdateSettings(ctx context.Context, s Settings) error
}

// Validate checks the settings' ranges.
func (s Settings) Validate() error {
	var v ValidationErrors
	if s.IdleLockMinutes < 0 || s.IdleLockMinutes > 24*60 {
		v.Add("idle_lock_minutes", "valid.range")
	}
	return v.Err()
}
