package model

import (
	"context"
	"strings"
)

// CustomerExportRow is the customer as a spreadsheet row in ImportFields
// order, with names (region, group, owner) rather than IDs, so that an export
// imports back. primary is the customer's primary contact, if any.
func CustomerExportRow(c Customer, primary *Contact) []string {
	out := make([]string, len(ImportFields))
	for i, f := range ImportFields {
		out[i] = exportValue(c, primary, f)
	}
	return out
}

func exportValue(c Customer, p *Contact, field string) string {
	switch field {
	case "name":
		return c.Name
	case "short_name":
		return c.ShortName
	case "kind":
		return string(c.Kind)
	case "legal_form":
		return c.LegalForm
	case "inn":
		return c.INN
	case "kpp":
		return c.KPP
	case "ogrn":
		return c.OGRN
	case "legal_address":
		return c.LegalAddress
	case "postal_address":
		return c.PostalAddress
	case "phone":
		return c.Phone
	case "email":
		return c.Email
	case "website":
		return c.Website
	case "bank_name":
		return c.BankName
	case "bic":
		return c.BIC
	case "account":
		return c.Account
	case "corr_account":
		return c.CorrAccount
	case "region":
		if c.RegionName != "" {
			return c.RegionName
		}
		return c.RegionCode
	case "industry":
		return c.Industry
	case "segment":
		return c.Segment
	case "group":
		return c.GroupName
	case "lead_source":
		return c.LeadSource
	case "channel":
		return ChannelName(c.Channel)
	case "tags":
		return strings.Join(c.Tags, ", ")
	case "note":
		return c.Note
	case "owner":
		return c.OwnerName
	}
	if p == nil {
		return ""
	}
	switch field {
	case "contact_name":
		return p.Name
	case "contact_position":
		return p.Position
	case "contact_phone":
		return strings.Join(p.Phones, ", ")
	case "contact_email":
		return strings.Join(p.Emails, ", ")
	}
	return ""
}

// EachCustomerWithContact calls fn for every customer the filter selects,
// with its primary contact (nil when it has none), loading the contacts 500
// customers at a time: what an export needs.
func EachCustomerWithContact(ctx context.Context, svc CustomerService, f CustomerFilter, fn func(Customer, *Contact) error) error {
	var batch []Customer
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ids := make([]string, len(batch))
		for i, c := range batch {
			ids[i] = c.ID
		}
		primary, err := svc.PrimaryContacts(ctx, ids)
		if err != nil {
			return err
		}
		for _, c := range batch {
			var p *Contact
			if ct, ok := primary[c.ID]; ok {
				p = &ct
			}
			if err := fn(c, p); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	err := svc.EachCustomer(ctx, f, func(c Customer) error {
		batch = append(batch, c)
		if len(batch) == 500 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
