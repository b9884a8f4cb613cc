package model

import "strings"

// Company holds our own company's requisites, printed on every document.
type Company struct {
	Name            string // full legal name, e.g. «Общество с ограниченной ответственностью «Ромашка»»
	ShortName       string
	INN             string
	KPP             string
	OGRN            string
	LegalAddress    string
	PostalAddress   string
	Phone           string
	Email           string
	BankName        string
	BIC             string
	Account         string // settlement account (расчётный счёт)
	CorrAccount     string // correspondent account
	Director        string
	ChiefAccountant string
	Logo            []byte // PNG or JPEG
	Stamp           []byte
	Signature       []byte
	Version         int64
}

// Normalize trims surrounding spaces from every text field.
func (c Company) Normalize() Company {
	for _, p := range []*string{&c.Name, &c.ShortName, &c.INN, &c.KPP, &c.OGRN, &c.LegalAddress,
		&c.PostalAddress, &c.Phone, &c.Email, &c.BankName, &c.BIC, &c.Account, &c.CorrAccount,
		&c.Director, &c.ChiefAccountant} {
		*p = strings.TrimSpace(*p)
	}
	return c
}

// Validate checks the requisites: name and INN are required; everything
// entered is checked (checksums, lengths, the account key against the BIC).
// KPP applies to organisations (10-digit INN) only.
func (c Company) Validate() error {
	c = c.Normalize()
	var v ValidationErrors
	if c.Name == "" {
		v.Add("name", MsgRequired)
	}
	if c.INN == "" {
		v.Add("inn", MsgRequired)
	} else {
		v.Add("inn", INNProblem(c.INN))
	}
	if c.KPP != "" {
		if len(c.INN) == 12 {
			v.Add("kpp", "valid.kpp.person")
		} else {
			v.Add("kpp", KPPProblem(c.KPP))
		}
	}
	if c.OGRN != "" {
		// A 13-digit OGRN belongs to an organisation (10-digit INN), a
		// 15-digit OGRNIP to a sole trader (12-digit INN).
		p := OGRNProblem(c.OGRN)
		if p == "" && (len(c.INN) == 10 || len(c.INN) == 12) && (len(c.OGRN) == 13) != (len(c.INN) == 10) {
			p = "valid.ogrn.kind"
		}
		v.Add("ogrn", p)
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		v.Add("email", "valid.email")
	}
	if c.BIC != "" {
		v.Add("bic", BICProblem(c.BIC))
	}
	if c.Account != "" {
		v.Add("account", AccountProblem(c.BIC, c.Account))
	}
	if c.CorrAccount != "" {
		v.Add("corr_account", CorrAccountProblem(c.BIC, c.CorrAccount))
	}
	if (c.Account != "" || c.CorrAccount != "") && c.BIC == "" {
		v.Add("bic", MsgRequired)
	}
	return v.Err()
}
