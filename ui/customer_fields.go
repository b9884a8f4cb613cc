package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// customerFields are the inputs of every customer field in two forms:
// requisites on the left, contact details and classification on the right.
type customerFields struct {
	a                       *App
	c                       model.Customer
	left, right             *form
	kind                    *widget.RadioGroup
	region, group, owner    *choice
	channel                 *choice
	industry, segment, lead *widget.SelectEntry
}

var customerKinds = []model.CustomerKind{model.CustomerCompany, model.CustomerPerson}

func newCustomerFields(a *App) *customerFields {
	f := &customerFields{a: a, left: newForm(a), right: newForm(a)}
	f.kind = kindRadio(a)
	f.kind.Horizontal = false // two columns share the width
	f.left.add("kind", f.kind)
	for _, n := range []string{"legal_form", "name", "short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
		"bank_name", "bic", "account", "corr_account"} {
		f.left.entry(n, "")
	}
	f.right.entry("phone", "")
	f.right.entry("email", "")
	f.right.entry("website", "")
	f.region = newChoice(a.T("field.region"), a.T("filter.none"), nil)
	f.right.add("region", f.region.sel)
	f.industry, f.segment, f.lead = widget.NewSelectEntry(nil), widget.NewSelectEntry(nil), widget.NewSelectEntry(nil)
	f.right.add("industry", f.industry)
	f.right.add("segment", f.segment)
	f.group = newChoice(a.T("field.group"), a.T("filter.none"), nil)
	f.right.add("group", f.group.sel)
	f.right.add("lead_source", f.lead)
	f.channel = newChoice(a.T("field.channel"), a.T("filter.none"), nil)
	f.channel.setOptions(salesChannelOptions(a))
	f.right.add("channel", f.channel.sel)
	f.right.entry("tags", "")
	f.owner = newChoice(a.T("field.owner"), "", nil)
	f.right.add("owner", f.owner.sel)
	f.right.entry("note", "")
	f.right.multiLine("note", 3)
	return f
}

// kindRadio chooses company or person.
func kindRadio(a *App) *widget.RadioGroup {
	r := widget.NewRadioGroup([]string{a.T("kind.company"), a.T("kind.person")}, nil)
	r.Horizontal = true
	r.Required = true
	return r
}

func kindOf(r *widget.RadioGroup) model.CustomerKind {
	for i, o := range r.Options {
		if o == r.Selected {
			return customerKinds[i]
		}
	}
	return model.CustomerCompany
}

func setKind(r *widget.RadioGroup, k model.CustomerKind) {
	for i, ck := range customerKinds {
		if ck == k || (k == "" && i == 0) {
			r.SetSelected(r.Options[i])
		}
	}
}

func (f *customerFields) setDicts(d dicts) {
	f.region.setOptions(f.a.regionOptions(d.regions))
	f.group.setOptions(groupOptions(d.groups))
	f.owner.setOptions(userOptions(d.owners))
	f.industry.SetOptions(d.items[model.DictIndustry])
	f.segment.SetOptions(d.items[model.DictSegment])
	f.lead.SetOptions(d.items[model.DictLeadSource])
}

// show fills the inputs from c.
func (f *customerFields) show(c model.Customer) {
	f.c = c
	setKind(f.kind, c.Kind)
	for n, v := range map[string]string{"legal_form": c.LegalForm, "name": c.Name, "short_name": c.ShortName, "inn": c.INN,
		"kpp": c.KPP, "ogrn": c.OGRN, "legal_address": c.LegalAddress, "postal_address": c.PostalAddress,
		"bank_name": c.BankName, "bic": c.BIC, "account": c.Account, "corr_account": c.CorrAccount} {
		f.left.setText(n, v)
	}
	for n, v := range map[string]string{"phone": c.Phone, "email": c.Email, "website": c.Website,
		"tags": strings.Join(c.Tags, ", "), "note": c.Note} {
		f.right.setText(n, v)
	}
	f.region.set(c.RegionCode)
	f.group.set(c.GroupID)
	f.owner.set(c.OwnerID)
	f.industry.SetText(c.Industry)
	f.segment.SetText(c.Segment)
	f.lead.SetText(c.LeadSource)
	f.channel.set(string(c.Channel))
	f.left.clearErrors()
	f.right.clearErrors()
}

// customer is the customer shown, as edited.
func (f *customerFields) customer() model.Customer {
	c := f.c
	c.Kind = kindOf(f.kind)
	l, r := f.left.text, f.right.text
	c.LegalForm, c.Name, c.ShortName, c.INN, c.KPP, c.OGRN = l("legal_form"), l("name"), l("short_name"), l("inn"), l("kpp"), l("ogrn")
	c.LegalAddress, c.PostalAddress, c.BankName = l("legal_address"), l("postal_address"), l("bank_name")
	c.BIC, c.Account, c.CorrAccount = l("bic"), l("account"), l("corr_account")
	c.Phone, c.Email, c.Website, c.Note = r("phone"), r("email"), r("website"), r("note")
	c.Tags = splitList(r("tags"))
	c.RegionCode, c.GroupID, c.OwnerID = f.region.value(), f.group.value(), f.owner.value()
	c.Industry, c.Segment, c.LeadSource = f.industry.Text, f.segment.Text, f.lead.Text
	c.Channel = model.Channel(f.channel.value())
	return c
}

// setErrors shows validation errors beside the fields of both forms.
func (f *customerFields) setErrors(err error) bool {
	l := f.left.setErrors(err, "")
	r := f.right.setErrors(err, "")
	return l || r
}

// setEnabled allows editing, or not; the owner only for heads and administrators.
func (f *customerFields) setEnabled(on bool) {
	f.left.setEnabled(on)
	f.right.setEnabled(on)
	if !canAssign(f.a.svc.User.Role) {
		f.owner.sel.Disable()
	}
}

// splitList splits what the user typed into entries at commas, semicolons and
// line breaks, dropping empty ones.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
