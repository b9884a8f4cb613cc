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

// Customer is a buyer: a company or a private person, with everything the
// customer base keeps about it. Contacts, the timeline and service requests
// are records of their own (Contact, Interaction, ServiceRequest).
type Customer struct {
	ID            string
	Num           int64 // sequential customer number, shown to people
	Kind          CustomerKind
	LegalForm     string // ООО, АО, ИП …
	Name          string // full name
	ShortName     string
	INN           string
	KPP           string
	OGRN          string // OGRN (13 digits) or OGRNIP (15)
	LegalAddress  string
	PostalAddress string
	Phone         string // as entered; matched by NormalizePhone
	Email         string
	Website       string
	BankName      string
	BIC           string
	Account       string
	CorrAccount   string
	RegionCode    string // Region.Code
	RegionName    string // filled on read: the Russian name (the UI shows Region.Name(lang) by code)
	Industry      string
	Segment       string
	GroupID       string // CustomerGroup.ID; drives prices
	GroupName     string // filled on read
	LeadSource    string
	Channel       Channel // the sales channel new orders default to
	Tags          []string
	Note          string
	OwnerID       string // the responsible seller
	OwnerName     string // filled on read
	OpenRequests  int    // open service requests, filled on read
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeletedAt     time.Time // zero unless in the trash
}

// Normalize trims surrounding spaces, defaults the kind, folds the e-mail to
// lower case and cleans the tags (trimmed, no empties or repeats).
func (c Customer) Normalize() Customer {
	for _, p := range []*string{&c.LegalForm, &c.Name, &c.ShortName, &c.INN, &c.KPP, &c.OGRN, &c.LegalAddress,
		&c.PostalAddress, &c.Phone, &c.Email, &c.Website, &c.BankName, &c.BIC, &c.Account, &c.CorrAccount,
		&c.RegionCode, &c.Industry, &c.Segment, &c.LeadSource, &c.Note} {
		*p = strings.TrimSpace(*p)
	}
	c.Email = strings.ToLower(c.Email)
	if c.Kind == "" {
		c.Kind = CustomerCompany
	}
	c.Tags = CleanTags(c.Tags)
	return c
}

// CleanTags trims tags and drops empty and repeated ones (compared folded),
// keeping the first spelling and order.
func CleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		if k := FoldText(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// Validate checks a customer before it is saved: the name is required;
// everything entered is checked (INN length by kind and checksum, KPP only for
// organisations, OGRN/OGRNIP against the INN, bank account keys, e-mail,
// phone, website).
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
		p := INNProblem(c.INN)
		if p == "" && c.Kind == CustomerPerson && len(c.INN) != 12 {
			p = "valid.inn.length12"
		}
		v.Add("inn", p)
	}
	if c.KPP != "" {
		if len(c.INN) == 12 || c.Kind == CustomerPerson {
			v.Add("kpp", "valid.kpp.person")
		} else {
			v.Add("kpp", KPPProblem(c.KPP))
		}
	}
	if c.OGRN != "" {
		v.Add("ogrn", OGRNForINNProblem(c.OGRN, c.INN))
	}
	if !c.Channel.Valid() {
		v.Add("channel", MsgChannelUnknown)
	}
	if c.Email != "" {
		v.Add("email", EmailProblem(c.Email))
	}
	if c.Phone != "" {
		v.Add("phone", PhoneProblem(c.Phone))
	}
	if c.Website != "" && (strings.ContainsAny(c.Website, " \t<>\"") || !strings.Contains(c.Website, ".")) {
		v.Add("website", "valid.website")
	}
	v.addBank(c.BIC, c.Account, c.CorrAccount)
	for _, t := range c.Tags {
		if len([]rune(t)) > 50 {
			v.Add("tags", "valid.tag.long")
			break
		}
	}
	return v.Err()
}

// AuditFields is the customer's state as the audit log records it.
func (c Customer) AuditFields() map[string]string {
	return map[string]string{
		"kind": string(c.Kind), "legal_form": c.LegalForm, "name": c.Name, "short_name": c.ShortName,
		"inn": c.INN, "kpp": c.KPP, "ogrn": c.OGRN, "legal_address": c.LegalAddress, "postal_address": c.PostalAddress,
		"phone": c.Phone, "email": c.Email, "website": c.Website, "bank_name": c.BankName, "bic": c.BIC,
		"account": c.Account, "corr_account": c.CorrAccount, "region": c.RegionCode, "industry": c.Industry,
		"segment": c.Segment, "group_id": c.GroupID, "lead_source": c.LeadSource, "channel": string(c.Channel), "tags": strings.Join(c.Tags, ", "),
		"note": c.Note, "owner_id": c.OwnerID,
	}
}

// EmailProblem checks an e-mail address loosely: one @ with text on both
// sides, a dot in the domain, no spaces. Returns a message key or "".
func EmailProblem(s string) string {
	local, domain, ok := strings.Cut(strings.TrimSpace(s), "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.ContainsAny(s, " ,;<>()[]\t") || strings.Contains(domain, "@") {
		return "valid.email"
	}
	return ""
}

// CustomerSort is an order the customer list offers. Each has an index, so a
// page in any of them is a keyset seek.
type CustomerSort string

// Sort orders of the customer list.
const (
	SortByName    CustomerSort = "name"
	SortByINN     CustomerSort = "inn"
	SortByCreated CustomerSort = "created"
	SortByUpdated CustomerSort = "updated"
)

// CustomerSorts lists the orders in display order.
var CustomerSorts = []CustomerSort{SortByName, SortByINN, SortByCreated, SortByUpdated}

// CustomerFilter selects a page of customers. Pages are keyset-based: pass the
// previous page's last row's SortKey and ID as AfterKey/AfterID. Offset is for
// a jump deep into the list (a dragged scroll bar) and costs more.
type CustomerFilter struct {
	Query           string // prefix search over names, INN, contacts, phones, e-mails
	OwnerID         string // only this seller's customers
	RegionCode      string
	Segment         string
	Industry        string
	GroupID         string
	Tag             string
	LeadSource      string
	HasOpenRequests bool
	IDs             []string // only these (bulk actions on a selection)
	Deleted         bool     // the trash instead of live records
	Sort            CustomerSort
	Desc            bool
	AfterKey        string
	AfterID         string
	Offset          int
	Limit           int // 1–1000; 0 means 100
}

// SortKey is the value of c that the list is ordered by under s; the keyset
// cursor of the next page.
func (c Customer) SortKey(s CustomerSort) string {
	switch s {
	case SortByINN:
		return c.INN
	case SortByCreated:
		return c.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	case SortByUpdated:
		return c.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return FoldText(c.Name)
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

// MergeCustomerFields is the record kept when drop is merged into keep:
// keep's values win; its empty fields are filled from drop; tags are united;
// both notes are kept.
func MergeCustomerFields(keep, drop Customer) Customer {
	fill := func(k *string, d string) {
		if strings.TrimSpace(*k) == "" {
			*k = d
		}
	}
	fill(&keep.LegalForm, drop.LegalForm)
	fill(&keep.ShortName, drop.ShortName)
	fill(&keep.INN, drop.INN)
	fill(&keep.KPP, drop.KPP)
	fill(&keep.OGRN, drop.OGRN)
	fill(&keep.LegalAddress, drop.LegalAddress)
	fill(&keep.PostalAddress, drop.PostalAddress)
	fill(&keep.Phone, drop.Phone)
	fill(&keep.Email, drop.Email)
	fill(&keep.Website, drop.Website)
	if keep.BIC == "" && keep.Account == "" && keep.CorrAccount == "" && keep.BankName == "" {
		keep.BankName, keep.BIC, keep.Account, keep.CorrAccount = drop.BankName, drop.BIC, drop.Account, drop.CorrAccount
	}
	fill(&keep.RegionCode, drop.RegionCode)
	fill(&keep.Industry, drop.Industry)
	fill(&keep.Segment, drop.Segment)
	fill(&keep.GroupID, drop.GroupID)
	fill(&keep.LeadSource, drop.LeadSource)
	if keep.Channel == "" {
		keep.Channel = drop.Channel
	}
	keep.Tags = CleanTags(append(append([]string(nil), keep.Tags...), drop.Tags...))
	if d := strings.TrimSpace(drop.Note); d != "" && d != strings.TrimSpace(keep.Note) {
		if strings.TrimSpace(keep.Note) == "" {
			keep.Note = d
		} else {
			keep.Note = strings.TrimSpace(keep.Note) + "\n" + d
		}
	}
	return keep
}
