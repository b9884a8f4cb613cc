package model

import (
	"strings"
	"time"
)

// CustomerKind tells a company from a private person.
type CustomerKind string

// Customer kinds.
const (
	CustomerCompany CustomerKind = "company"
	CustomerPerson  CustomerKind = "person"
)

// Customer is a buyer: a company or a private person. This is the core record
// that the customer-base capability extends (contacts, region, timeline …).
type Customer struct {
	ID        string
	Kind      CustomerKind
	Name      string
	INN       string
	KPP       string
	Phone     string
	Email     string
	Note      string
	OwnerID   string // the responsible seller
	OwnerName string // filled on read
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt time.Time // zero unless in the trash
}

// Normalize trims surrounding spaces and defaults the kind.
func (c Customer) Normalize() Customer {
	for _, p := range []*string{&c.Name, &c.INN, &c.KPP, &c.Phone, &c.Email, &c.Note} {
		*p = strings.TrimSpace(*p)
	}
	if c.Kind == "" {
		c.Kind = CustomerCompany
	}
	return c
}

// Validate checks a customer before it is saved.
func (c Customer) Validate() error {
	c = c.Normalize()
	var v ValidationErrors
	if c.Name == "" {
		v.Add("name", MsgRequired)
	}
	if c.Kind != CustomerCompany && c.Kind != CustomerPerson {
		v.Add("kind", "valid.kind")
	}
	if c.INN != "" {
		if c.Kind == CustomerCompany {
			v.Add("inn", INNProblem(c.INN))
		} else if p := INNProblem(c.INN); p != "" || len(c.INN) != 12 {
			if p == "" {
				p = "valid.inn.length12"
			}
			v.Add("inn", p)
		}
	}
	if c.KPP != "" {
		v.Add("kpp", KPPProblem(c.KPP))
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		v.Add("email", "valid.email")
	}
	if c.Phone != "" && len(DigitsOnly(c.Phone)) < 5 {
		v.Add("phone", "valid.phone")
	}
	return v.Err()
}

// AuditFields is the customer's state as the audit log records it.
func (c Customer) AuditFields() map[string]string {
	return map[string]string{
		"kind": string(c.Kind), "name": c.Name, "inn": c.INN, "kpp": c.KPP,
		"phone": c.Phone, "email": c.Email, "note": c.Note, "owner_id": c.OwnerID,
	}
}

// CustomerFilter selects a page of customers. Pages are keyset-based: pass the
// last row's Name and ID of the previous page as AfterName/AfterID.
type CustomerFilter struct {
	Query     string // prefix of the name, or digits of the INN
	OwnerID   string // only this seller's customers
	Deleted   bool   // the trash instead of live records
	AfterName string
	AfterID   string
	Limit     int // 1–1000; 0 means 100
}

// PageLimit clamps a requested page size.
func PageLimit(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}

// FoldText folds text for searching: lower case (Cyrillic included), ё as е,
// runs of white space as one space, trimmed.
func FoldText(s string) string {
	s = strings.ToLower(s)
	// Text pasted from macOS often carries decomposed letters: е + U+0308
	// (ё) and и + U+0306 (й). Compose й, and fold both ё forms to е.
	s = strings.ReplaceAll(s, "и\u0306", "й")
	s = strings.ReplaceAll(s, "е\u0308", "е")
	s = strings.ReplaceAll(s, "ё", "е")
	return strings.Join(strings.Fields(s), " ")
}
