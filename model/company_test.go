package model_test

import (
	"reflect"
	"testing"

	"sdelka/model"
)

// Real, checksum-valid requisites (Sberbank) used as the valid baseline.
const (
	coINN     = "7707083893"
	coKPP     = "773601001"
	coOGRN    = "1027700132195"
	coBIC     = "044525225"
	coCorr    = "30101810400000000225"
	coAccount = "40702810938000000001"
	coINN12   = "500100732259"    // a valid individual's INN
	coOGRNIP  = "304500116000157" // a valid OGRNIP
)

func validCompany() model.Company {
	return model.Company{
		Name:            "Общество с ограниченной ответственностью «Ромашка»",
		ShortName:       "ООО «Ромашка»",
		INN:             coINN,
		KPP:             coKPP,
		OGRN:            coOGRN,
		LegalAddress:    "г. Москва, ул. Ленина, д. 1",
		PostalAddress:   "г. Москва, а/я 1",
		Phone:           "+7 495 123-45-67",
		Email:           "info@romashka.ru",
		BankName:        "ПАО Сбербанк",
		BIC:             coBIC,
		Account:         coAccount,
		CorrAccount:     coCorr,
		Director:        "Иванов И. И.",
		ChiefAccountant: "Петрова П. П.",
	}
}

func TestCompanyValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*model.Company)
		want []string
	}{
		{"fully valid", func(*model.Company) {}, nil},
		{"only name and inn", func(c *model.Company) { *c = model.Company{Name: "Ромашка", INN: coINN} }, nil},
		{"surrounding spaces are trimmed", func(c *model.Company) {
			c.Name, c.INN, c.KPP, c.OGRN = "  Ромашка ", " "+coINN+" ", "\t"+coKPP, coOGRN+"\n"
			c.BIC, c.Account, c.CorrAccount, c.Email = " "+coBIC, coAccount+" ", " "+coCorr+" ", " a@b "
		}, nil},
		{"sole proprietor: 12-digit inn, ogrnip, no kpp", func(c *model.Company) {
			c.INN, c.KPP, c.OGRN = coINN12, "", coOGRNIP
		}, nil},
		{"kpp with letters in place 5-6", func(c *model.Company) { c.KPP = "7736AB001" }, nil},

		{"name empty", func(c *model.Company) { c.Name = "" }, []string{"name=valid.required"}},
		{"name blank", func(c *model.Company) { c.Name = "   " }, []string{"name=valid.required"}},
		{"inn empty", func(c *model.Company) { c.INN = "" }, []string{"inn=valid.required"}},
		{"inn checksum", func(c *model.Company) { c.INN = "7707083894" }, []string{"inn=valid.inn.checksum"}},
		{"inn length", func(c *model.Company) { c.INN = "770708389" }, []string{"inn=valid.inn.length"}},
		{"inn letters", func(c *model.Company) { c.INN = "770708389O" }, []string{"inn=valid.digits_only"}},
		{"kpp format", func(c *model.Company) { c.KPP = "77360100" }, []string{"kpp=valid.kpp.format"}},
		{"kpp lower case letters", func(c *model.Company) { c.KPP = "7736ab001" }, []string{"kpp=valid.kpp.format"}},
		{"kpp with a 12-digit inn", func(c *model.Company) { c.INN, c.OGRN = coINN12, coOGRNIP }, []string{"kpp=valid.kpp.person"}},
		{"ogrn checksum", func(c *model.Company) { c.OGRN = "1027700132196" }, []string{"ogrn=valid.ogrn.checksum"}},
		{"ogrn length", func(c *model.Company) { c.OGRN = "102770013219" }, []string{"ogrn=valid.ogrn.length"}},
		{"ogrnip with a 10-digit inn", func(c *model.Company) { c.OGRN = coOGRNIP }, []string{"ogrn=valid.ogrn.kind"}},
		{"ogrn with a 12-digit inn", func(c *model.Company) { c.INN, c.KPP = coINN12, "" }, []string{"ogrn=valid.ogrn.kind"}},
		{"email without @", func(c *model.Company) { c.Email = "info.romashka.ru" }, []string{"email=valid.email"}},
		{"account with wrong key", func(c *model.Company) { c.Account = "40702810938000000002" }, []string{"account=valid.account.key"}},
		{"account length", func(c *model.Company) { c.Account = "4070281093800000000" }, []string{"account=valid.account.length"}},
		{"corr account with wrong prefix", func(c *model.Company) { c.CorrAccount = "30201810400000000225" }, []string{"corr_account=valid.corr.prefix"}},
		{"corr account with wrong key", func(c *model.Company) { c.CorrAccount = "30101810400000000226" }, []string{"corr_account=valid.account.key"}},

		// A bad or missing BIC is reported on the BIC; the accounts that
		// depend on it also say they cannot be checked.
		{"bic 8 digits", func(c *model.Company) { c.BIC = "04452522" }, []string{
			"bic=valid.bic.format", "account=valid.account.need_bic", "corr_account=valid.account.need_bic",
		}},
		{"bic 8 digits without accounts", func(c *model.Company) { c.BIC, c.Account, c.CorrAccount = "04452522", "", "" },
			[]string{"bic=valid.bic.format"}},
		{"account given without bic", func(c *model.Company) { c.BIC, c.CorrAccount = "", "" }, []string{
			"account=valid.account.need_bic", "bic=valid.required",
		}},
		{"corr account given without bic", func(c *model.Company) { c.BIC, c.Account = "", "" }, []string{
			"corr_account=valid.account.need_bic", "bic=valid.required",
		}},
		{"no bank details at all", func(c *model.Company) { c.BIC, c.Account, c.CorrAccount, c.BankName = "", "", "", "" }, nil},
		{"bic without accounts", func(c *model.Company) { c.Account, c.CorrAccount = "", "" }, nil},

		{"everything wrong, in field order", func(c *model.Company) {
			*c = model.Company{INN: "1", KPP: "1", OGRN: "1", Email: "x", BIC: "1", Account: "1", CorrAccount: "1"}
		}, []string{
			"name=valid.required", "inn=valid.inn.length", "kpp=valid.kpp.format", "ogrn=valid.ogrn.length",
			"email=valid.email", "bic=valid.bic.format", "account=valid.account.length", "corr_account=valid.account.length",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := validCompany()
			tc.edit(&c)
			checkProblems(t, c.Validate(), tc.want...)
		})
	}
}

func TestCompanyNormalize(t *testing.T) {
	logo := []byte{0x89, 'P', 'N', 'G'}
	in := model.Company{
		Name: "  Ромашка\t", ShortName: " ООО ", INN: " 7707083893 ", KPP: "\n773601001", OGRN: "1027700132195 ",
		LegalAddress: " Москва ", PostalAddress: " а/я 1 ", Phone: " +7 495 ", Email: " a@b ", BankName: " Сбер ",
		BIC: " 044525225 ", Account: " 4070 ", CorrAccount: " 3010 ", Director: " Иванов ", ChiefAccountant: " Петрова ",
		Logo: logo, Version: 4,
	}
	want := model.Company{
		Name: "Ромашка", ShortName: "ООО", INN: "7707083893", KPP: "773601001", OGRN: "1027700132195",
		LegalAddress: "Москва", PostalAddress: "а/я 1", Phone: "+7 495", Email: "a@b", BankName: "Сбер",
		BIC: "044525225", Account: "4070", CorrAccount: "3010", Director: "Иванов", ChiefAccountant: "Петрова",
		Logo: logo, Version: 4,
	}
	got := in.Normalize()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Normalize:\n got %+v\nwant %+v", got, want)
	}
	if in.Name != "  Ромашка\t" {
		t.Errorf("Normalize changed its receiver: got Name %q, want %q", in.Name, "  Ромашка\t")
	}
	inner := model.Company{Name: "ООО  «Ромашка»"}
	if got, want := inner.Normalize().Name, "ООО  «Ромашка»"; got != want {
		t.Errorf("Normalize inner spaces: got %q, want %q", got, want)
	}
}
