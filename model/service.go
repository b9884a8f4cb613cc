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
	Catalog   CatalogService
	Sales     SalesService
	Pipeline  PipelineService
	Analytics AnalyticsService
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

// CustomerService reads and changes the customer base within the user's
// visibility: sellers their own and shared customers, heads and
// administrators all, the accountant all for reading.
type CustomerService interface {
	// FindCustomers returns one page in the filter's order.
	FindCustomers(ctx context.Context, f CustomerFilter) ([]Customer, error)
	// CountCustomers counts what FindCustomers would page through.
	CountCustomers(ctx context.Context, f CustomerFilter) (int, error)
	// EachCustomer calls fn for every customer the filter selects, in its
	// order, without holding them all in memory (export). fn's error stops it.
	EachCustomer(ctx context.Context, f CustomerFilter, fn func(Customer) error) error
	// SearchCustomers is the search as you type: exact INN and phone hits
	// first, then prefix matches over names, INN, contacts, phones and
	// e-mails; at most limit hits.
	SearchCustomers(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// FindCustomerByID errors: ErrNotFound (also when not visible).
	FindCustomerByID(ctx context.Context, id string) (Customer, error)
	// CustomerCard loads everything the card shows in one read.
	CustomerCard(ctx context.Context, id string, timeline int) (CustomerCard, error)
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
	// FindDuplicates lists visible customers (other than c itself) with the
	// same INN, e-mail or phone as c or its contacts.
	FindDuplicates(ctx context.Context, c Customer, contacts []Contact) ([]Duplicate, error)
	// MergeCustomers moves every contact, timeline entry, service request,
	// share and tag of drop to keep, fills keep's empty fields from drop, and
	// moves drop to the trash; audited. Errors: ErrNotFound, ErrForbidden,
	// ErrStale (versions as loaded).
	MergeCustomers(ctx context.Context, keepID string, keepVersion int64, dropID string, dropVersion int64) (Customer, error)
	// AssignCustomers gives the customers to a seller (heads, administrators).
	AssignCustomers(ctx context.Context, ids []string, ownerID string) (int, error)
	// TagCustomers adds a tag to the customers.
	TagCustomers(ctx context.Context, ids []string, tag string) (int, error)

	// SaveContact creates (empty ID) or updates a contact person. Marking one
	// primary unmarks the others. Errors: ValidationErrors, ErrStale,
	// ErrNotFound, ErrForbidden.
	SaveContact(ctx context.Context, c Contact) (Contact, error)
	// PrimaryContacts returns the primary (else the first) contact of each
	// of the given customers that has one, in one read.
	PrimaryContacts(ctx context.Context, customerIDs []string) (map[string]Contact, error)
	// DeleteContact removes a contact person (audited).
	DeleteContact(ctx context.Context, id string, version int64) error
	// AddInteraction records a timeline entry by the caller.
	AddInteraction(ctx context.Context, i Interaction) (Interaction, error)
	// FindInteractions pages a customer's timeline, newest first; pass the
	// last entry's ID to get older ones.
	FindInteractions(ctx context.Context, customerID, beforeID string, limit int) ([]Interaction, error)
	// SaveServiceRequest creates (empty ID) or updates a service request;
	// status changes stamp resolved and closed times.
	SaveServiceRequest(ctx context.Context, r ServiceRequest) (ServiceRequest, error)
	// FindServiceRequests lists requests of visible customers, newest first.
	FindServiceRequests(ctx context.Context, f ServiceRequestFilter) ([]ServiceRequest, error)

	// Regions lists the region dictionary.
	Regions(ctx context.Context) ([]Region, error)
	// DictItems lists an editable dictionary's entries, sorted.
	DictItems(ctx context.Context, kind DictKind) ([]string, error)
	// Groups lists the customer groups.
	Groups(ctx context.Context) ([]CustomerGroup, error)
	// SaveGroup creates (empty ID) or renames a customer group (heads, administrators).
	SaveGroup(ctx context.Context, g CustomerGroup) (CustomerGroup, error)
	// Tags lists every tag in use, sorted.
	Tags(ctx context.Context) ([]string, error)
	// SavedFilters lists the caller's saved filters.
	SavedFilters(ctx context.Context) ([]SavedFilter, error)
	// SaveFilter keeps f under name for the caller (replacing one of that name).
	SaveFilter(ctx context.Context, name string, f CustomerFilter) (SavedFilter, error)
	// DeleteSavedFilter forgets one.
	DeleteSavedFilter(ctx context.Context, id string) error

	// ImportLookups returns what ParseImportRow needs to resolve regions,
	// owners and groups.
	ImportLookups(ctx context.Context) (ImportLookups, error)
	// ImportCustomers writes the rows of src in one transaction: rows matched
	// by INN, then e-mail, then phone update the match (Update) or are
	// skipped; the rest are created. When src reports any problem and
	// SkipInvalid is off, it imports nothing (and still reads the whole
	// source, so every problem is listed). progress is called after every
	// chunk; cancelling ctx rolls everything back.
	ImportCustomers(ctx context.Context, src ImportSource, o ImportOptions, progress func(ImportProgress)) (ImportResult, error)
}

// SearchHit is one search result: a customer and, when the match was a
// contact person, that contact's name.
type SearchHit struct {
	Customer Customer
	Contact  string
	Exact    bool // matched INN or phone exactly
}

// Duplicate is a customer that shares an identifier with the one being saved.
type Duplicate struct {
	Customer Customer
	By       string // "inn", "email" or "phone"
	Value    string
}

// CustomerCard is what the customer card shows.
type CustomerCard struct {
	Customer Customer
	Contacts []Contact
	Timeline []Interaction // newest first
	Requests []ServiceRequest
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
