package model

import (
	"strings"
	"time"
)

// ContactChannel is a way to reach a contact person.
type ContactChannel string

// Preferred ways of contact.
const (
	ChannelPhone     ContactChannel = "phone"
	ChannelEmail     ContactChannel = "email"
	ChannelMessenger ContactChannel = "messenger"
	ChannelMeeting   ContactChannel = "meeting"
)

// ContactChannels lists the ways in display order.
var ContactChannels = []ContactChannel{ChannelPhone, ChannelEmail, ChannelMessenger, ChannelMeeting}

// Contact is a person at a customer.
type Contact struct {
	ID         string
	CustomerID string
	Name       string
	Position   string
	Phones     []string
	Emails     []string
	Messengers []string // free form: "Telegram @ivanov", "WhatsApp +7 916 …"
	Birthday   string   // YYYY-MM-DD, or --MM-DD when the year is unknown; "" when unknown
	Note       string
	Preferred  ContactChannel
	Primary    bool
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Normalize trims fields and drops empty phones, e-mails and messengers.
func (c Contact) Normalize() Contact {
	c.Name, c.Position, c.Note, c.Birthday = strings.TrimSpace(c.Name), strings.TrimSpace(c.Position), strings.TrimSpace(c.Note), strings.TrimSpace(c.Birthday)
	c.Phones, c.Emails, c.Messengers = nonEmpty(c.Phones), nonEmpty(c.Emails), nonEmpty(c.Messengers)
	for i, e := range c.Emails {
		c.Emails[i] = strings.ToLower(e)
	}
	return c
}

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Validate checks a contact person.
func (c Contact) Validate() error {
	c = c.Normalize()
	var v ValidationErrors
	if c.Name == "" {
		v.Add("contact_name", MsgRequired)
	}
	for _, p := range c.Phones {
		if m := PhoneProblem(p); m != "" {
			v.Add("phones", m)
			break
		}
	}
	for _, e := range c.Emails {
		if m := EmailProblem(e); m != "" {
			v.Add("emails", m)
			break
		}
	}
	if c.Birthday != "" {
		v.Add("birthday", BirthdayProblem(c.Birthday))
	}
	switch c.Preferred {
	case "", ChannelPhone, ChannelEmail, ChannelMessenger, ChannelMeeting:
	default:
		v.Add("preferred", "valid.choice")
	}
	return v.Err()
}

// BirthdayProblem accepts YYYY-MM-DD (a real date, year 1900 to 2100) or
// --MM-DD when the year is unknown.
func BirthdayProblem(s string) string {
	if strings.HasPrefix(s, "--") {
		if _, err := time.Parse("2006-01-02", "2000"+s[1:]); err != nil {
			return "valid.date"
		}
		return ""
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Year() < 1900 || t.Year() > 2100 {
		return "valid.date"
	}
	return ""
}

// AuditFields is the contact's state as the audit log records it.
func (c Contact) AuditFields() map[string]string {
	primary := ""
	if c.Primary {
		primary = "yes"
	}
	return map[string]string{
		"customer_id": c.CustomerID, "contact_name": c.Name, "position": c.Position,
		"phones": strings.Join(c.Phones, ", "), "emails": strings.Join(c.Emails, ", "),
		"messengers": strings.Join(c.Messengers, ", "), "birthday": c.Birthday, "note": c.Note,
		"preferred": string(c.Preferred), "primary": primary,
	}
}

// CustomerSearchDoc is the folded text the search index holds for a customer:
// names, INN, OGRN, e-mails, contact names and e-mails, and every phone in
// the forms PhoneSearchTokens gives.
func CustomerSearchDoc(c Customer, contacts []Contact) string {
	parts := []string{c.Name, c.ShortName, c.INN, c.OGRN, c.Email}
	phones := []string{c.Phone}
	for _, ct := range contacts {
		parts = append(parts, ct.Name)
		parts = append(parts, ct.Emails...)
		phones = append(phones, ct.Phones...)
	}
	for _, p := range phones {
		parts = append(parts, PhoneSearchTokens(NormalizePhone(p))...)
	}
	var words []string
	for _, w := range splitWords(FoldText(strings.Join(parts, " "))) {
		if !searchStopwords[w] {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}
