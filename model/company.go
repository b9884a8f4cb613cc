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
	IBAN            string // for euro invoices (EPC QR); "" when none
	SWIFT           string // the bank's BIC/SWIFT for euro payments
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
		&c.Director, &c.ChiefAccountant, &c.SWIFT} {
		*p = strings.TrimSpace(*p)
	}
	c.IBAN = strings.ToUpper(strings.Join(strings.Fields(c.IBAN), ""))
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
		v.Add("ogrn", OGRNForINNProblem(c.OGRN, c.INN))
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		v.Add("email", "valid.email")
	}
	v.addBank(c.BIC, c.Account, c.CorrAccount)
	return v.Err()
}

// OGRNForINNProblem checks an OGRN and that its kind fits the INN: a 13-digit
// OGRN belongs to an organisation (10-digit INN), a 15-digit OGRNIP to a sole
// trader (12-digit INN).
func OGRNForINNProblem(ogrn, inn string) string {
	p := OGRNProblem(ogrn)
	if p == "" && (len(inn) == 10 || len(inn) == 12) && (len(ogrn) == 13) != (len(inn) == 10) {
		p = "valid.ogrn.kind"
	}
	return p
}

// addBank checks bank details as entered: BIC, settlement and correspondent
// accounts with their key checks against the BIC, which they require.
func (v *ValidationErrors) addBank(bic, account, corr string) {
	if bic != "" {
		v.Add("bic", BICProblem(bic))
	}
	if account != "" {
		v.Add("account", AccountProblem(bic, account))
	}
	if corr != "" {
		v.Add("corr_account", CorrAccountProblem(bic, corr))
	}
	if (account != "" || corr != "") && bic == "" {
		v.Add("bic", MsgRequired)
	}
}
