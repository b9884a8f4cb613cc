package model

import (
	"encoding/csv"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Checksum-valid requisites (Sberbank) for import rows.
const (
	imINN     = "7707083893"
	imKPP     = "773601001"
	imOGRN    = "1027700132195"
	imBIC     = "044525225"
	imCorr    = "30101810400000000225"
	imAccount = "40702810938000000001"
	imINN12   = "500100732259"
)

// testLookups is what repo.ImportLookups would give for a small database:
// folded names and codes of regions, logins and full names, group names.
func testLookups() ImportLookups {
	lk := ImportLookups{Regions: map[string]string{}, Owners: map[string]string{}, Groups: map[string]string{}}
	for _, r := range []Region{
		{Code: "01", NameRU: "Республика Адыгея", NameEN: "Republic of Adygea"},
		{Code: "16", NameRU: "Республика Татарстан", NameEN: "Republic of Tatarstan"},
		{Code: "50", NameRU: "Московская область", NameEN: "Moscow Oblast"},
		{Code: "77", NameRU: "Москва", NameEN: "Moscow"},
		{Code: "BY", NameRU: "Беларусь", NameEN: "Belarus"},
	} {
		for _, k := range []string{r.Code, r.NameRU, r.NameEN} {
			lk.Regions[FoldText(k)] = r.Code
		}
	}
	for login, u := range map[string]struct{ id, name string }{"ivanov": {"u1", "Иванов Иван"}, "petrova": {"u2", "Петрова Алёна"}} {
		lk.Owners[FoldText(login)] = u.id
		lk.Owners[FoldText(u.name)] = u.id
	}
	lk.Groups[FoldText("Опт")] = "g1"
	lk.Groups[FoldText("Розница")] = "g2"
	return lk
}

func TestGuessImportField(t *testing.T) {
	tests := []struct{ header, want string }{
		{"Наименование", "name"},
		{"  НАИМЕНОВАНИЕ  ", "name"},
		{"Полное  наименование", "name"},
		{"Контрагент", "name"},
		{"Account Name", "name"},
		{"company", "name"},
		{"Краткое наименование", "short_name"},
		{"Сокращенное наименование", "short_name"},
		{"Тип", "kind"},
		{"ОПФ", "legal_form"},
		{"ИНН", "inn"},
		{"инн:", "inn"},
		{"ИНН*", "inn"},
		{"Tax ID", "inn"},
		{"VAT-ID", "inn"},
		{"КПП", "kpp"},
		{"ОГРНИП", "ogrn"},
		{"ОГРН / ОГРНИП", "ogrn"},
		{"Юр. адрес", "legal_address"},
		{"Юр.адрес", "legal_address"},
		{"Billing Address", "legal_address"},
		{"Адрес", "postal_address"},
		{"Фактический адрес", "postal_address"},
		{"Телефон", "phone"},
		{"Тел.", "phone"},
		{"Mobile", "phone"},
		{"Телефон контакта", "contact_phone"},
		{"телефон   КОНТАКТА", "contact_phone"},
		{"Contact Phone", "contact_phone"},
		{"E-mail", "email"},
		{"e mail", "email"},
		{"EMAIL", "email"},
		{"Эл.почта", "email"},
		{"E-mail контакта", "contact_email"},
		{"Email контакта", "contact_email"},
		{"Сайт", "website"},
		{"URL", "website"},
		{"Банк", "bank_name"},
		{"БИК", "bic"},
		{"Р/с", "account"},
		{"р / с", "account"},
		{"Расчетный счет", "account"},
		{"РАСЧЁТНЫЙ СЧЁТ", "account"},
		{"Account", "account"},
		{"К/с", "corr_account"},
		{"Корр. счет", "corr_account"},
		{"Корреспондентский счет", "corr_account"},
		{"Регион", "region"},
		{"State", "region"},
		{"Отрасль", "industry"},
		{"Сегмент", "segment"},
		{"Группа", "group"},
		{"Customer group", "group"},
		{"Источник", "lead_source"},
		{"Lead Source", "lead_source"},
		{"Метки", "tags"},
		{"Комментарий", "note"},
		{"Notes", "note"},
		{"Менеджер", "owner"},
		{"Assigned to", "owner"},
		{"Sales Rep", "owner"},
		{"ФИО", "contact_name"},
		{"Контактное лицо", "contact_name"},
		{"Contact", "contact_name"},
		{"Должность", "contact_position"},
		{"Job Title", "contact_position"},
		{"ё-mail", ""},
		{"", ""},
		{"Телефон 2", ""},
		{"ИНН организации (10 цифр)", ""},
		{"Имя", ""},
		{"Наименованиее", ""},
		{"Сумма", ""},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := GuessImportField(tt.header); got != tt.want {
				t.Errorf("GuessImportField(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestImportHeadersUnambiguous(t *testing.T) {
	owner := map[string]string{}
	for _, f := range ImportFields {
		h, ok := importHeaders[f]
		if !ok || len(h.ru) == 0 || len(h.en) == 0 {
			t.Errorf("field %q has no Russian or English headers", f)
			continue
		}
		for _, s := range slices.Concat(h.ru, h.en) {
			k := headerKey(s)
			if prev, dup := owner[k]; dup && prev != f {
				t.Errorf("header %q names both %q and %q", s, prev, f)
			}
			owner[k] = f
		}
	}
	if len(importHeaders) != len(ImportFields) {
		t.Errorf("importHeaders has %d fields, ImportFields %d", len(importHeaders), len(ImportFields))
	}
}

func TestImportTemplateHeaderRoundTrip(t *testing.T) {
	for _, lang := range []string{"ru", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := ImportTemplateHeader(lang)
			if len(h) != len(ImportFields) {
				t.Fatalf("got %d columns, want %d", len(h), len(ImportFields))
			}
			for i, f := range ImportFields {
				if got := GuessImportField(h[i]); got != f {
					t.Errorf("column %d %q maps to %q, want %q", i, h[i], got, f)
				}
			}
			m := GuessMapping(h)
			for i, f := range ImportFields {
				if m[i] != f {
					t.Errorf("GuessMapping: column %d = %q, want %q", i, m[i], f)
				}
			}
		})
	}
	if got := ImportTemplateHeader("ru")[0]; got != "Наименование" {
		t.Errorf("Russian template starts with %q, want «Наименование»", got)
	}
	if got := ImportTemplateHeader("de")[0]; got != "Name" {
		t.Errorf("other languages get English, got %q", got)
	}
}

func TestGuessMapping(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   ColumnMapping
	}{
		{"empty", nil, ColumnMapping{}},
		{"unknown columns ignored", []string{"№", "Наименование", "Сумма", "ИНН"}, ColumnMapping{1: "name", 3: "inn"}},
		{"first column wins", []string{"Телефон", "Тел.", "Наименование", "Название"}, ColumnMapping{0: "phone", 2: "name"}},
		{"customer and contact phone", []string{"Телефон контакта", "Телефон"}, ColumnMapping{0: "contact_phone", 1: "phone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GuessMapping(tt.header); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("GuessMapping(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func TestLegalFormOf(t *testing.T) {
	tests := []struct{ name, want string }{
		{"ООО «Ромашка»", "ООО"},
		{"ооо Ромашка", "ООО"},
		{`ООО"Ромашка"`, "ООО"},
		{"АО «Лютик»", "АО"},
		{"ПАО Сбербанк", "ПАО"},
		{"ЗАО Тест", "ЗАО"},
		{"ОАО Тест", "ОАО"},
		{"ИП Иванов Иван Иванович", "ИП"},
		{"НКО Фонд", "НКО"},
		{"Общество с ограниченной ответственностью «Ромашка»", "ООО"},
		{"Публичное акционерное общество «Сбербанк России»", "ПАО"},
		{"Акционерное общество «Лютик»", "АО"},
		{"Индивидуальный предприниматель Пётр Ёлкин", "ИП"},
		{"LLC Acme", "LLC"},
		{"Acme LLC", "LLC"},
		{"Acme, Inc.", "Inc"},
		{"Acme Ltd.", "Ltd"},
		{"Siemens GmbH", "GmbH"},
		{"АОРТА Мед", ""},
		{"Ипподром", ""},
		{"Ромашка", ""},
		{"ООО", ""},
		{"Incognito", ""},
		{"Zinc", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LegalFormOf(tt.name); got != tt.want {
				t.Errorf("LegalFormOf(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestImportNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		mangled bool
	}{
		{"7707083893", "7707083893", false},
		{" 7707 083 893 ", "7707083893", false},
		{"7\u00a0707\u00a0083\u00a0893", "7707083893", false},
		{"7707083893.0", "7707083893", false},
		{"7707083893,00", "7707083893", false},
		{"7.707083893E+09", "7707083893", false},
		{"7,707083893E+09", "7707083893", false},
		{"7.707083893e9", "7707083893", false},
		{"5.00100732259E+11", "500100732259", false},
		{"7.71E+09", "", true},
		{"7,70708389E+09", "", true}, // a final 0 or a lost digit: cannot tell
		{"4.07028E+19", "", true},
		{"707083893", "707083893", false}, // a lost leading zero is not guessed
		{"7707083893.5", "7707083893.5", false},
		{"77-07-083893", "77-07-083893", false},
		{"77AB01001", "77AB01001", false},
		{"E+09", "E+09", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, mangled := importNumber(tt.in)
			if got != tt.want || mangled != tt.mangled {
				t.Errorf("importNumber(%q) = %q, %v; want %q, %v", tt.in, got, mangled, tt.want, tt.mangled)
			}
		})
	}
}

func TestLookupRegion(t *testing.T) {
	regions := testLookups().Regions
	tests := []struct{ cell, want string }{
		{"77", "77"},
		{"Москва", "77"},
		{"МОСКВА", "77"},
		{"Moscow", "77"},
		{"г. Москва", "77"},
		{"г Москва", "77"},
		{"Московская обл.", "50"},
		{"Московская обл", "50"},
		{"Респ. Татарстан", "16"},
		{"Татарстан", "16"},
		{"1", "01"},
		{"by", "BY"},
		{"Беларусь", "BY"},
		{"Казань", ""},
		{"99", ""},
		{"г.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			got, ok := lookupRegion(regions, tt.cell)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("lookupRegion(%q) = %q, %v; want %q", tt.cell, got, ok, tt.want)
			}
		})
	}
}

// fullRow is a valid row under ImportTemplateHeader, by field key.
func fullRow() map[string]string {
	return map[string]string{
		"name": "ПАО Сбербанк", "short_name": "Сбербанк", "kind": "Юр. лицо", "legal_form": "ПАО",
		"inn": imINN, "kpp": imKPP, "ogrn": imOGRN, "legal_address": "117312, г. Москва, ул. Вавилова, 19",
		"postal_address": "117997, Москва, ул. Вавилова, 19", "phone": "+7 (495) 500-55-50",
		"email": "SberBank@Sberbank.ru", "website": "sberbank.ru", "bank_name": "ПАО Сбербанк", "bic": imBIC,
		"account": imAccount, "corr_account": imCorr, "region": "Москва", "industry": "Банки", "segment": "Крупный",
		"group": "опт", "lead_source": "Выставка", "tags": "vip; банк | VIP, партнёр", "note": "Строка 1\nстрока 2",
		"owner": "Иванов Иван", "contact_name": "Греф Герман", "contact_position": "Председатель",
		"contact_phone": "+7 495 500-00-00; 8 916 123-45-67", "contact_email": "Gref@Sberbank.ru",
	}
}

// cellsOf lays out values by field under header h (built from ImportFields).
func cellsOf(vals map[string]string) []string {
	cells := make([]string, len(ImportFields))
	for i, f := range ImportFields {
		cells[i] = vals[f]
	}
	return cells
}

func TestParseImportRowFull(t *testing.T) {
	for _, lang := range []string{"ru", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := ImportTemplateHeader(lang)
			got, errs := ParseImportRow(7, h, cellsOf(fullRow()), GuessMapping(h), testLookups())
			if len(errs) != 0 {
				t.Fatalf("errors: %+v", errs)
			}
			want := CustomerImport{
				Row: 7,
				Customer: Customer{
					Kind: CustomerCompany, LegalForm: "ПАО", Name: "ПАО Сбербанк", ShortName: "Сбербанк",
					INN: imINN, KPP: imKPP, OGRN: imOGRN, LegalAddress: "117312, г. Москва, ул. Вавилова, 19",
					PostalAddress: "117997, Москва, ул. Вавилова, 19", Phone: "+7 (495) 500-55-50",
					Email: "sberbank@sberbank.ru", Website: "sberbank.ru", BankName: "ПАО Сбербанк", BIC: imBIC,
					Account: imAccount, CorrAccount: imCorr, RegionCode: "77", Industry: "Банки", Segment: "Крупный",
					GroupID: "g1", LeadSource: "Выставка", Tags: []string{"vip", "банк", "партнёр"},
					Note: "Строка 1\nстрока 2", OwnerID: "u1",
				},
				Contact: &Contact{
					Name: "Греф Герман", Position: "Председатель", Phones: []string{"+7 495 500-00-00", "8 916 123-45-67"},
					Emails: []string{"gref@sberbank.ru"}, Primary: true,
				},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\n%+v\nwant\n%+v\n%+v", got, got.Contact, want, want.Contact)
			}
		})
	}
}

// rowCase parses a row under a header of the given field keys' Russian
// template names; cells are by position.
type rowCase struct {
	name   string
	fields []string
	cells  []string
	check  func(t *testing.T, imp CustomerImport)
	want   []string // "Column=msg=value"
}

func fmtErrs(errs []RowError, row int, t *testing.T) []string {
	t.Helper()
	var out []string
	for _, e := range errs {
		if e.Row != row {
			t.Errorf("error %+v has row %d, want %d", e, e.Row, row)
		}
		out = append(out, e.Column+"="+e.Msg+"="+e.Value)
	}
	return out
}

func headerFor(fields []string) []string {
	ru := ImportTemplateHeader("ru")
	var h []string
	for _, f := range fields {
		h = append(h, ru[slices.Index(ImportFields, f)])
	}
	return h
}

func runRowCases(t *testing.T, tests []rowCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := headerFor(tt.fields)
			got, errs := ParseImportRow(3, h, tt.cells, GuessMapping(h), testLookups())
			if g := fmtErrs(errs, 3, t); !slices.Equal(g, tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", g, tt.want)
			}
			if got.Row != 3 {
				t.Errorf("Row = %d, want 3", got.Row)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestParseImportRowValues(t *testing.T) {
	eq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	runRowCases(t, []rowCase{
		{name: "kind: юр. лицо", fields: []string{"name", "kind"}, cells: []string{"Ромашка", "юр. лицо"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Kind", i.Customer.Kind, CustomerCompany) }},
		{name: "kind: Физ.лицо", fields: []string{"name", "kind", "inn"}, cells: []string{"Иванов Иван", "Физ.лицо", imINN12},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Kind", i.Customer.Kind, CustomerPerson) }},
		{name: "kind: person", fields: []string{"name", "kind"}, cells: []string{"Иванов Иван", "Person"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Kind", i.Customer.Kind, CustomerPerson) }},
		{name: "kind: ФЛ", fields: []string{"name", "kind"}, cells: []string{"Иванов Иван", "ФЛ"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Kind", i.Customer.Kind, CustomerPerson) }},
		{name: "kind: ИП is a company of form ИП with a 12-digit INN", fields: []string{"name", "kind", "inn"},
			cells: []string{"Иванов Иван Иванович", "ИП", imINN12},
			check: func(t *testing.T, i CustomerImport) {
				eq(t, "Kind", i.Customer.Kind, CustomerCompany)
				eq(t, "LegalForm", i.Customer.LegalForm, "ИП")
			}},
		{name: "kind defaults to company", fields: []string{"name", "inn"}, cells: []string{"Иванов Иван", imINN12},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Kind", i.Customer.Kind, CustomerCompany) }},
		{name: "legal form from the name", fields: []string{"name"}, cells: []string{"ООО «Ромашка»"},
			check: func(t *testing.T, i CustomerImport) {
				eq(t, "LegalForm", i.Customer.LegalForm, "ООО")
				eq(t, "Name", i.Customer.Name, "ООО «Ромашка»")
			}},
		{name: "legal form column wins over the name", fields: []string{"name", "legal_form"}, cells: []string{"ООО «Ромашка»", "АО"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "LegalForm", i.Customer.LegalForm, "АО") }},
		{name: "no legal form guessed for a person", fields: []string{"name", "kind"}, cells: []string{"Ип Ман", "физлицо"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "LegalForm", i.Customer.LegalForm, "") }},
		{name: "name falls back to the short name", fields: []string{"short_name"}, cells: []string{"Ромашка"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Name", i.Customer.Name, "Ромашка") }},
		{name: "identifiers: spaces stripped, Excel notation undone", fields: []string{"name", "inn", "kpp", "ogrn", "bic", "account", "corr_account"},
			cells: []string{"Сбербанк", "7,707083893E+09", "773601001.0", "1 027 700 132 195", imBIC + ".00", "4070 2810 9380 0000 0001", imCorr},
			check: func(t *testing.T, i CustomerImport) {
				c := i.Customer
				eq(t, "INN, KPP, OGRN", []string{c.INN, c.KPP, c.OGRN}, []string{imINN, imKPP, imOGRN})
				eq(t, "BIC, accounts", []string{c.BIC, c.Account, c.CorrAccount}, []string{imBIC, imAccount, imCorr})
			}},
		{name: "phone stored as a number", fields: []string{"name", "phone", "contact_name", "contact_phone"},
			cells: []string{"Ромашка", "79161234567.0", "Пётр", "7.9161234567E+10"},
			check: func(t *testing.T, i CustomerImport) {
				eq(t, "Phone", i.Customer.Phone, "79161234567")
				eq(t, "Contact phones", i.Contact.Phones, []string{"79161234567"})
			}},
		{name: "region by code, name and variants", fields: []string{"name", "region"}, cells: []string{"Ромашка", "г. Москва"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "RegionCode", i.Customer.RegionCode, "77") }},
		{name: "owner by login, any case", fields: []string{"name", "owner"}, cells: []string{"Ромашка", "PETROVA"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "OwnerID", i.Customer.OwnerID, "u2") }},
		{name: "owner by full name with ё", fields: []string{"name", "owner"}, cells: []string{"Ромашка", "петрова алена"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "OwnerID", i.Customer.OwnerID, "u2") }},
		{name: "empty owner left to the importer", fields: []string{"name", "owner"}, cells: []string{"Ромашка", " "},
			check: func(t *testing.T, i CustomerImport) { eq(t, "OwnerID", i.Customer.OwnerID, "") }},
		{name: "group by name", fields: []string{"name", "group"}, cells: []string{"Ромашка", "РОЗНИЦА"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "GroupID", i.Customer.GroupID, "g2") }},
		{name: "tags split and cleaned", fields: []string{"name", "tags"}, cells: []string{"Ромашка", " a, b;c|| A ;"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Tags", i.Customer.Tags, []string{"a", "b", "c"}) }},
		{name: "no contact without contact cells", fields: []string{"name", "contact_name", "contact_phone"}, cells: []string{"Ромашка", "", " "},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Contact", i.Contact, (*Contact)(nil)) }},
		{name: "contact from one cell", fields: []string{"name", "contact_email"}, cells: []string{"Ромашка", "A@B.RU, c@d.ru"},
			check: func(t *testing.T, i CustomerImport) {
				if i.Contact == nil {
					t.Fatal("no contact")
				}
				eq(t, "Emails", i.Contact.Emails, []string{"a@b.ru", "c@d.ru"})
			},
			want: []string{"E-mail контакта=valid.required=A@B.RU, c@d.ru"}},
		{name: "ragged: fewer cells than the header", fields: []string{"name", "inn", "kpp"}, cells: []string{"Ромашка"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "INN", i.Customer.INN, "") }},
		{name: "ragged: more cells than the header", fields: []string{"name"}, cells: []string{"Ромашка", "x", "y"},
			check: func(t *testing.T, i CustomerImport) { eq(t, "Name", i.Customer.Name, "Ромашка") }},
	})
}

func TestParseImportRowErrors(t *testing.T) {
	runRowCases(t, []rowCase{
		{name: "no name", fields: []string{"name", "inn"}, cells: []string{"", imINN},
			want: []string{"Наименование=import.no_name="}},
		{name: "no name column", fields: []string{"inn"}, cells: []string{imINN},
			want: []string{"=import.no_name="}},
		{name: "unknown kind", fields: []string{"name", "kind"}, cells: []string{"Ромашка", "робот"},
			want: []string{"Тип=import.unknown_kind=робот"}},
		{name: "unknown region", fields: []string{"name", "region"}, cells: []string{"Ромашка", "Атлантида"},
			want: []string{"Регион=import.unknown_region=Атлантида"}},
		{name: "unknown owner", fields: []string{"name", "owner"}, cells: []string{"Ромашка", "sidorov"},
			want: []string{"Ответственный=import.unknown_owner=sidorov"}},
		{name: "unknown group", fields: []string{"name", "group"}, cells: []string{"Ромашка", "VIP"},
			want: []string{"Группа клиентов=import.unknown_group=VIP"}},
		{name: "inn mangled by Excel", fields: []string{"name", "inn"}, cells: []string{"Ромашка", "7,71E+09"},
			want: []string{"ИНН=import.mangled_number=7,71E+09"}},
		{name: "account mangled by Excel", fields: []string{"name", "bic", "account"}, cells: []string{"Ромашка", imBIC, "4,07028E+19"},
			want: []string{"Расчётный счёт=import.mangled_number=4,07028E+19"}},
		{name: "inn lost its leading zero", fields: []string{"name", "inn"}, cells: []string{"Ромашка", "274062111"},
			want: []string{"ИНН=valid.inn.length=274062111"}},
		{name: "inn checksum", fields: []string{"name", "inn"}, cells: []string{"Ромашка", "7707083894"},
			want: []string{"ИНН=valid.inn.checksum=7707083894"}},
		{name: "person with a 10-digit inn", fields: []string{"name", "kind", "inn"}, cells: []string{"Иванов", "физлицо", imINN},
			want: []string{"ИНН=valid.inn.length12=" + imINN}},
		{name: "person with a kpp", fields: []string{"name", "kind", "kpp"}, cells: []string{"Иванов", "физлицо", imKPP},
			want: []string{"КПП=valid.kpp.person=" + imKPP}},
		{name: "ogrn of the wrong kind", fields: []string{"name", "inn", "ogrn"}, cells: []string{"Ромашка", imINN12, imOGRN},
			want: []string{"ОГРН=valid.ogrn.kind=" + imOGRN}},
		{name: "bad e-mail, phone, website", fields: []string{"name", "phone", "email", "website"},
			cells: []string{"Ромашка", "12", "info@", "no site"},
			want:  []string{"Телефон=valid.phone=12", "E-mail=valid.email=info@", "Сайт=valid.website=no site"}},
		{name: "two phones in the customer's cell", fields: []string{"name", "phone"}, cells: []string{"Ромашка", "8 495 123-45-67, 8 916 123-45-67"},
			want: []string{"Телефон=valid.phone=8 495 123-45-67, 8 916 123-45-67"}},
		{name: "BIC lost its leading zero", fields: []string{"name", "bic"}, cells: []string{"Ромашка", "44525225"},
			want: []string{"БИК=valid.bic.format=44525225"}},
		{name: "account without a BIC column", fields: []string{"name", "account"}, cells: []string{"Ромашка", imAccount},
			want: []string{"Расчётный счёт=valid.account.need_bic=" + imAccount}},
		{name: "account with an empty BIC cell points at the BIC", fields: []string{"name", "bic", "account"}, cells: []string{"Ромашка", "", imAccount},
			want: []string{"БИК=valid.required=", "Расчётный счёт=valid.account.need_bic=" + imAccount}},
		{name: "account key", fields: []string{"name", "bic", "account"}, cells: []string{"Ромашка", imBIC, "40702810938000000002"},
			want: []string{"Расчётный счёт=valid.account.key=40702810938000000002"}},
		{name: "tag too long", fields: []string{"name", "tags"}, cells: []string{"Ромашка", "ok, " + strings.Repeat("я", 51)},
			want: []string{"Теги=valid.tag.long=ok, " + strings.Repeat("я", 51)}},
		{name: "contact without a name", fields: []string{"name", "contact_name", "contact_phone"}, cells: []string{"Ромашка", "", "+7 916 123-45-67"},
			want: []string{"Контактное лицо=valid.required="}},
		{name: "contact without a name column", fields: []string{"name", "contact_position"}, cells: []string{"Ромашка", "Директор"},
			want: []string{"Должность контакта=valid.required=Директор"}},
		{name: "contact phone and e-mail", fields: []string{"name", "contact_name", "contact_phone", "contact_email"},
			cells: []string{"Ромашка", "Пётр", "8 916 123-45-67; 12", "petr@"},
			want:  []string{"Телефон контакта=valid.phone=8 916 123-45-67; 12", "E-mail контакта=valid.email=petr@"}},
		{name: "every problem of the row, in column order",
			fields: []string{"contact_email", "name", "kind", "inn", "region", "owner", "group", "email"},
			cells:  []string{"x", "", "робот", "7707083894", "Атлантида", "nobody", "VIP", "@"},
			want: []string{
				"E-mail контакта=valid.required=x", "E-mail контакта=valid.email=x",
				"Наименование=import.no_name=", "Тип=import.unknown_kind=робот", "ИНН=valid.inn.checksum=7707083894",
				"Регион=import.unknown_region=Атлантида", "Ответственный=import.unknown_owner=nobody",
				"Группа клиентов=import.unknown_group=VIP", "E-mail=valid.email=@",
			}},
	})
}

func TestParseImportRowEmpty(t *testing.T) {
	h := []string{"Наименование", "ИНН", "Сумма"}
	m := GuessMapping(h)
	tests := []struct {
		name  string
		cells []string
		m     ColumnMapping
	}{
		{"no cells", nil, m},
		{"blank mapped cells", []string{" ", "\t"}, m},
		{"only an unmapped cell filled", []string{"", "", "100"}, m},
		{"mapping to unknown fields only", []string{"Ромашка"}, ColumnMapping{0: "robot", -1: "name"}},
		{"nothing mapped", []string{"Ромашка", imINN}, ColumnMapping{0: "", 1: ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseImportRow(5, h, tt.cells, tt.m, testLookups())
			if !reflect.DeepEqual(got, CustomerImport{}) || errs != nil {
				t.Errorf("got %+v, %+v; want a zero import and no errors", got, errs)
			}
		})
	}
}

func TestParseImportRowUserMapping(t *testing.T) {
	// A user may map two columns to one field: the first filled one is used;
	// tags and contact phones and e-mails gather from all of them.
	h := []string{"Тел. офис", "Тел. склад", "Метка 1", "Метка 2", "Кто"}
	m := ColumnMapping{0: "phone", 1: "phone", 2: "tags", 3: "tags", 4: "name"}
	got, errs := ParseImportRow(2, h, []string{"", "+7 495 111-22-33", "a", "b", "Ромашка"}, m, ImportLookups{})
	if len(errs) != 0 {
		t.Fatalf("errors: %+v", errs)
	}
	if got.Customer.Phone != "+7 495 111-22-33" || !slices.Equal(got.Customer.Tags, []string{"a", "b"}) {
		t.Errorf("phone %q, tags %q; want the second column's phone and both tags", got.Customer.Phone, got.Customer.Tags)
	}
}

// importDoc reads docs/IMPORT.md, which must stay true to this code.
func importDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../docs/IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportDocListsHeaders(t *testing.T) {
	doc := importDoc(t)
	for _, f := range ImportFields {
		h := importHeaders[f]
		want := "| `" + f + "` | " + strings.Join(h.ru, ", ") + " | " + strings.Join(h.en, ", ") + " |\n"
		if !strings.Contains(doc, want) {
			t.Errorf("docs/IMPORT.md lacks the header row\n%s", want)
		}
	}
}

func TestImportDocExample(t *testing.T) {
	doc := importDoc(t)
	_, after, ok := strings.Cut(doc, "## Example")
	blocks := strings.Split(after, "```")
	if !ok || len(blocks) < 4 {
		t.Fatal("docs/IMPORT.md has no example section with two code blocks")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(blocks[1], "\n")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	m := GuessMapping(header)
	if len(m) != len(header) {
		t.Errorf("example header maps %d of %d columns: %v", len(m), len(header), m)
	}
	en := strings.Split(strings.TrimSpace(blocks[3]), ",")
	if got := GuessMapping(en); !reflect.DeepEqual(got, m) {
		t.Errorf("English header maps to %v, Russian to %v", got, m)
	}
	var imps []CustomerImport
	for i, cells := range rows[1:] {
		imp, errs := ParseImportRow(i+2, header, cells, m, testLookups())
		if len(errs) > 0 {
			t.Errorf("row %d: %+v", i+2, errs)
		}
		imps = append(imps, imp)
	}
	if len(imps) != 4 {
		t.Fatalf("got %d rows, want 4", len(imps))
	}
	c2, c3, c4, c5 := imps[0], imps[1].Customer, imps[2].Customer, imps[3].Customer
	got := []any{c2.Contact != nil, c2.Customer.OwnerID, c3.INN, c3.LegalForm, c3.OwnerID, c4.Kind, c4.LegalForm, c4.Tags, c4.RegionCode, c5.Kind, c5.OwnerID}
	want := []any{true, "u1", "7730000013", "ООО", "u1", CustomerCompany, "ИП", []string{"опт", "розница"}, "50", CustomerPerson, ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("example rows read as\n%v\nwant\n%v", got, want)
	}
}

// FuzzParseImportRow: random cells under the template header, mapped fully
// or partly, never panic; every problem has a message and names one of the
// header texts or the whole row.
func FuzzParseImportRow(f *testing.F) {
	f.Add(strings.Join(cellsOf(fullRow()), "\t"), uint32(0xFFFFFFFF), true)
	f.Add("\t\t7,71E+09\t\t\tфизлицо", uint32(0xFF), false)
	f.Add("Ромашка\t\tробот\t\t7707083894\t773601001.0\t\t\t\t12\t@\tx y", uint32(0x0FFF), true)
	f.Add("", uint32(0), true)
	f.Add("\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx\ty", uint32(0xF0000000), false)
	lk := testLookups()
	f.Fuzz(func(t *testing.T, row string, mask uint32, ru bool) {
		lang := "en"
		if ru {
			lang = "ru"
		}
		h := ImportTemplateHeader(lang)
		h = h[:int(mask>>27)%len(h)+1] // a shorter header than the cells, sometimes
		m := ColumnMapping{}
		for i, field := range ImportFields {
			if mask&(1<<(i%32)) != 0 {
				m[i] = field
			}
		}
		cells := strings.Split(row, "\t")
		imp, errs := ParseImportRow(9, h, cells, m, lk)
		for _, e := range errs {
			if e.Msg == "" {
				t.Errorf("empty message: %+v", e)
			}
			if e.Row != 9 {
				t.Errorf("row %d, want 9: %+v", e.Row, e)
			}
			if e.Column != "" && !slices.Contains(h, e.Column) {
				t.Errorf("column %q is not a header text: %+v", e.Column, e)
			}
		}
		if imp.Row == 0 && len(errs) > 0 {
			t.Errorf("a skipped row (Row 0) with errors %+v", errs)
		}
		if imp.Row != 0 && len(errs) == 0 {
			if err := imp.Customer.Validate(); err != nil {
				t.Errorf("row without errors does not validate: %v (%+v)", err, imp.Customer)
			}
			if imp.Contact != nil {
				if err := imp.Contact.Validate(); err != nil {
					t.Errorf("contact without errors does not validate: %v", err)
				}
			}
		}
	})
}
