package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Message keys of import problems that are not field validation.
const (
	MsgImportNoName        = "import.no_name"        // the row has no customer name
	MsgImportUnknownKind   = "import.unknown_kind"   // the type is neither company nor person
	MsgImportUnknownRegion = "import.unknown_region" // no region by that name or code
	MsgImportUnknownOwner  = "import.unknown_owner"  // no active user by that login or name
	MsgImportUnknownGroup  = "import.unknown_group"  // no customer group by that name
	MsgImportMangledNumber = "import.mangled_number" // Excel turned the number into 7,7E+09 and lost digits
)

// ImportFields lists the importable field keys in display order. They are
// the keys of ColumnMapping values and of the "field.<key>" labels.
var ImportFields = []string{
	"name", "short_name", "kind", "legal_form", "inn", "kpp", "ogrn", "legal_address", "postal_address",
	"phone", "email", "website", "bank_name", "bic", "account", "corr_account", "region", "industry",
	"segment", "group", "lead_source", "channel", "tags", "note", "owner",
	"contact_name", "contact_position", "contact_phone", "contact_email",
}

// importHeaders holds, per field, the header texts spreadsheets use for it.
// The first Russian and the first English text are what
// ImportTemplateHeader writes. A header names one field only: "Телефон" is
// the customer's phone, "Телефон контакта" the contact's.
var importHeaders = map[string]struct{ ru, en []string }{
	"name": {
		[]string{"Наименование", "Название", "Полное наименование", "Наименование организации", "Название организации",
			"Название компании", "Организация", "Компания", "Клиент", "Контрагент", "Покупатель", "Наименование клиента",
			"Наименование контрагента"},
		[]string{"Name", "Company", "Company name", "Customer", "Customer name", "Account name", "Organization",
			"Organisation", "Organization name"},
	},
	"short_name": {
		[]string{"Краткое наименование", "Сокращённое наименование", "Краткое название"},
		[]string{"Short name", "Short company name"},
	},
	"kind": {
		[]string{"Тип", "Вид", "Тип клиента", "Вид клиента"},
		[]string{"Type", "Customer type", "Kind"},
	},
	"legal_form": {
		[]string{"ОПФ", "Форма", "Организационно-правовая форма", "Правовая форма"},
		[]string{"Legal form", "Legal entity type"},
	},
	"inn": {
		[]string{"ИНН", "ИНН клиента", "ИНН контрагента"},
		[]string{"INN", "Tax ID", "VAT ID", "VAT number", "TIN", "Taxpayer ID"},
	},
	"kpp": {
		[]string{"КПП"},
		[]string{"KPP"},
	},
	"ogrn": {
		[]string{"ОГРН", "ОГРНИП", "ОГРН/ОГРНИП", "ОГРН (ОГРНИП)"},
		[]string{"OGRN", "OGRNIP", "OGRN/OGRNIP", "PSRN"},
	},
	"legal_address": {
		[]string{"Юридический адрес", "Юр. адрес", "Адрес регистрации"},
		[]string{"Legal address", "Registered address", "Billing address"},
	},
	"postal_address": {
		[]string{"Почтовый адрес", "Фактический адрес", "Адрес"},
		[]string{"Postal address", "Address", "Mailing address"},
	},
	"phone": {
		[]string{"Телефон", "Тел.", "Телефоны", "Мобильный", "Мобильный телефон", "Рабочий телефон"},
		[]string{"Phone", "Phone number", "Telephone", "Tel", "Mobile", "Mobile phone", "Work phone", "Business phone"},
	},
	"email": {
		[]string{"E-mail", "Эл. почта", "Электронная почта", "Почта", "Адрес электронной почты"},
		[]string{"Email", "Mail", "Email address"},
	},
	"website": {
		[]string{"Сайт", "Веб-сайт"},
		[]string{"Website", "Web site", "Web", "Site", "URL"},
	},
	"bank_name": {
		[]string{"Банк", "Наименование банка"},
		[]string{"Bank", "Bank name"},
	},
	"bic": {
		[]string{"БИК", "БИК банка"},
		[]string{"BIC"},
	},
	"account": {
		[]string{"Расчётный счёт", "Р/с", "Р/сч"},
		[]string{"Account", "Account number", "Bank account", "Settlement account"},
	},
	"corr_account": {
		[]string{"Корреспондентский счёт", "К/с", "К/сч", "Корр. счёт"},
		[]string{"Correspondent account", "Corr. account"},
	},
	"region": {
		[]string{"Регион", "Область", "Субъект", "Субъект РФ"},
		[]string{"Region", "State", "Province"},
	},
	"industry": {
		[]string{"Отрасль", "Сфера деятельности"},
		[]string{"Industry"},
	},
	"segment": {
		[]string{"Сегмент"},
		[]string{"Segment"},
	},
	"group": {
		[]string{"Группа клиентов", "Группа", "Группа клиента"},
		[]string{"Customer group", "Group"},
	},
	"lead_source": {
		[]string{"Источник", "Источник лида", "Источник клиента"},
		[]string{"Lead source", "Source"},
	},
	"channel": {
		[]string{"Канал продаж", "Канал сбыта", "Канал"},
		[]string{"Sales channel", "Channel"},
	},
	"tags": {
		[]string{"Теги", "Тэги", "Метки", "Тег", "Метка"},
		[]string{"Tags", "Labels", "Tag", "Label"},
	},
	"note": {
		[]string{"Примечание", "Примечания", "Комментарий", "Комментарии", "Описание", "Заметки"},
		[]string{"Note", "Notes", "Description", "Comment", "Comments"},
	},
	"owner": {
		[]string{"Ответственный", "Менеджер", "Ответственный менеджер"},
		[]string{"Owner", "Responsible", "Assigned to", "Sales rep", "Manager", "Account manager"},
	},
	"contact_name": {
		[]string{"Контактное лицо", "Контакт", "ФИО", "ФИО контакта", "ФИО контактного лица"},
		[]string{"Contact name", "Contact", "Contact person"},
	},
	"contact_position": {
		[]string{"Должность контакта", "Должность", "Должность контактного лица"},
		[]string{"Contact position", "Position", "Title", "Job title", "Contact title"},
	},
	"contact_phone": {
		[]string{"Телефон контакта", "Телефон контактного лица", "Мобильный контакта"},
		[]string{"Contact phone", "Contact phone number", "Contact mobile"},
	},
	"contact_email": {
		[]string{"E-mail контакта", "Эл. почта контакта", "Почта контакта", "E-mail контактного лица"},
		[]string{"Contact email", "Contact e-mail"},
	},
}

// importHeaderIndex maps headerKey(text) of every header text to its field.
var importHeaderIndex = func() map[string]string {
	idx := map[string]string{}
	for field, h := range importHeaders {
		for _, s := range slices.Concat(h.ru, h.en) {
			idx[headerKey(s)] = field
		}
	}
	return idx
}()

// headerKey folds a header (or a choice like "Юр. лицо") for comparison:
// FoldText, then only letters and digits, so "E-mail", "e mail " and "EMAIL"
// are one key and "Р/с" is "рс".
func headerKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, FoldText(s))
}

// GuessImportField returns the field key a spreadsheet column header names,
// or "" when it is not a known header. Matching ignores case, ё/е,
// punctuation and spaces, but is otherwise exact: a header that merely
// resembles a known one is left for the user to map rather than guessed
// wrong.
func GuessImportField(header string) string {
	return importHeaderIndex[headerKey(header)]
}

// ColumnMapping assigns file columns (0-based index) to field keys of
// ImportFields; a column that is absent or mapped to "" is ignored.
type ColumnMapping map[int]string

// GuessMapping maps each column whose header GuessImportField knows. A
// field is mapped at most once: the first column naming it wins.
func GuessMapping(header []string) ColumnMapping {
	m := ColumnMapping{}
	seen := map[string]bool{}
	for i, h := range header {
		if f := GuessImportField(h); f != "" && !seen[f] {
			seen[f] = true
			m[i] = f
		}
	}
	return m
}

// ImportTemplateHeader is a header row for an import template or an export
// in lang ("ru", otherwise English), one column per ImportFields key, in that
// order; GuessImportField maps each back to its key.
func ImportTemplateHeader(lang string) []string {
	out := make([]string, len(ImportFields))
	for i, f := range ImportFields {
		if lang == "ru" {
			out[i] = importHeaders[f].ru[0]
		} else {
			out[i] = importHeaders[f].en[0]
		}
	}
	return out
}

// kindSoleTrader marks the words for a sole trader in importKinds: a
// company (its 12-digit INN is allowed) of legal form ИП.
const kindSoleTrader CustomerKind = "sole_trader"

// importKinds maps headerKey of the texts a type column holds to a kind.
var importKinds = func() map[string]CustomerKind {
	m := map[string]CustomerKind{}
	for _, s := range []string{"company", "Юрлицо", "Юр. лицо", "Юридическое лицо", "Организация", "Компания", "ЮЛ",
		"Organization", "Organisation", "Legal entity", "Business"} {
		m[headerKey(s)] = CustomerCompany
	}
	for _, s := range []string{"person", "Физлицо", "Физ. лицо", "Физическое лицо", "Частное лицо", "ФЛ",
		"Individual", "Private person", "Private"} {
		m[headerKey(s)] = CustomerPerson
	}
	for _, s := range []string{"ИП", "Индивидуальный предприниматель", "Sole trader", "Sole proprietor"} {
		m[headerKey(s)] = kindSoleTrader
	}
	return m
}()

// legalForms are the legal forms recognised at the start of a name (folded
// text → the form as written), longest first so that "публичное
// акционерное общество" wins over "акционерное общество". latinForms are
// recognised at the end of a name too.
var legalForms = []struct{ prefix, form string }{
	{"общество с ограниченной ответственностью", "ООО"},
	{"публичное акционерное общество", "ПАО"},
	{"закрытое акционерное общество", "ЗАО"},
	{"открытое акционерное общество", "ОАО"},
	{"индивидуальный предприниматель", "ИП"},
	{"акционерное общество", "АО"},
	{"ооо", "ООО"}, {"пао", "ПАО"}, {"зао", "ЗАО"}, {"оао", "ОАО"}, {"нко", "НКО"}, {"ао", "АО"}, {"ип", "ИП"},
}

var latinForms = []struct{ prefix, form string }{{"gmbh", "GmbH"}, {"llc", "LLC"}, {"ltd", "Ltd"}, {"inc", "Inc"}}

// LegalFormOf finds the legal form a customer's name starts with (ООО, АО,
// ПАО, ЗАО, ОАО, ИП, НКО, their spelt-out forms, LLC, Ltd, Inc, GmbH) or,
// for the Latin ones, ends with ("Acme, Inc."); "" when there is none.
func LegalFormOf(name string) string {
	f := FoldText(name)
	for _, lf := range slices.Concat(legalForms, latinForms) {
		// The form must be a word of its own: not "АОРТА", "Ипподром".
		if rest, ok := strings.CutPrefix(f, lf.prefix); ok && rest != "" && !isWordRune([]rune(rest)[0]) {
			return lf.form
		}
	}
	tail := strings.TrimRight(f, ".")
	for _, lf := range latinForms {
		if head, ok := strings.CutSuffix(tail, lf.prefix); ok && head != "" && !isWordRune([]rune(head)[len([]rune(head))-1]) {
			return lf.form
		}
	}
	return ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// importNumber cleans a number-like identifier cell (INN, KPP, OGRN, BIC,
// accounts): spaces are removed, and what Excel does to long numbers is
// undone when nothing was lost: "7707083893.0" and "7707083893,00" (a
// number cell shown with decimals) and "7.707083893E+09" (scientific
// notation carrying every digit) give "7707083893". Scientific notation that
// dropped digits ("7,71E+09") cannot be undone: mangled reports it. Leading
// zeros Excel removed are not guessed back.
func importNumber(s string) (digits string, mangled bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if d, ok, lost := excelNumber(s); ok {
		return d, lost
	}
	return s, false
}

// excelNumber recognises a plain number as Excel writes it: digits with an
// all-zero fraction, or d.dddE+n. ok is false for anything else; lost is
// true for scientific notation without all the digits.
func excelNumber(s string) (digits string, ok, lost bool) {
	if s == "" {
		return "", false, false
	}
	mant, exp, sci := strings.Cut(strings.ToUpper(s), "E")
	intPart, frac, _ := strings.Cut(strings.ReplaceAll(mant, ",", "."), ".")
	if !allDigits(intPart) || intPart == "" || (frac != "" && !allDigits(frac)) {
		return "", false, false
	}
	if !sci {
		if strings.Trim(frac, "0") != "" {
			return "", false, false
		}
		return intPart, true, false
	}
	e, err := strconv.Atoi(strings.TrimPrefix(exp, "+"))
	if err != nil || e < 0 || e > 40 || len(intPart) != 1 {
		return "", false, false
	}
	if len(frac) != e {
		return "", true, true
	}
	return intPart + frac, true, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lookupRegion resolves a region cell through regions (folded names and
// codes → code), trying the forms people write: "г. Москва", "Московская
// обл.", "Респ. Татарстан", "Татарстан", and a code Excel stripped of its
// leading zero ("1" for "01").
func lookupRegion(regions map[string]string, cell string) (string, bool) {
	k := FoldText(cell)
	if code, ok := regions[k]; ok {
		return code, true
	}
	if len(k) == 1 && k[0] >= '1' && k[0] <= '9' {
		if code, ok := regions["0"+k]; ok {
			return code, true
		}
	}
	words := strings.Fields(strings.NewReplacer(".", ". ", ",", " ").Replace(k))
	var out []string
	for i, w := range words {
		switch strings.TrimSuffix(w, ".") {
		case "г", "город":
			if i == 0 {
				continue
			}
		case "обл":
			w = "область"
		case "респ":
			w = "республика"
		case "ао":
			w = "автономный округ"
		}
		out = append(out, w)
	}
	k = strings.Join(out, " ")
	for _, try := range []string{k, "республика " + k} {
		if code, ok := regions[try]; ok {
			return code, true
		}
	}
	return "", false
}

// rowParse collects one row's values and problems.
type rowParse struct {
	header []string
	cells  []string
	cols   map[string][]int // field → the columns mapped to it, in order
	errs   []indexedError
	bad    map[string]bool // fields that already have a problem
}

type indexedError struct {
	col int // -1 for the whole row
	err RowError
}

// value returns the first non-empty cell of field and its column (the first
// mapped column when all are empty, -1 when the field is not mapped).
func (p *rowParse) value(field string) (string, int) {
	cols := p.cols[field]
	for _, c := range cols {
		if c < len(p.cells) && p.cells[c] != "" {
			return p.cells[c], c
		}
	}
	if len(cols) > 0 {
		return "", cols[0]
	}
	return "", -1
}

// values returns every non-empty cell of field, split on the separators.
func (p *rowParse) values(field, seps string) []string {
	var out []string
	for _, c := range p.cols[field] {
		if c < len(p.cells) {
			out = append(out, strings.FieldsFunc(p.cells[c], func(r rune) bool { return strings.ContainsRune(seps, r) })...)
		}
	}
	return out
}

func (p *rowParse) add(col int, msg string) {
	e := RowError{Msg: msg}
	if col >= 0 {
		if col < len(p.header) {
			e.Column = p.header[col]
		}
		if col < len(p.cells) {
			e.Value = p.cells[col]
		}
	}
	p.errs = append(p.errs, indexedError{col, e})
}

// fail records a problem of field.
func (p *rowParse) fail(field, msg string) {
	_, col := p.value(field)
	p.bad[field] = true
	p.add(col, msg)
}

// number reads an identifier field through importNumber.
func (p *rowParse) number(field string) string {
	v, _ := p.value(field)
	d, mangled := importNumber(v)
	if mangled {
		p.fail(field, MsgImportMangledNumber)
	}
	return d
}

// phoneCell reads a phone cell, undoing Excel's number formats only when the
// cell is a bare number ("79161234567.0", "7.9161234567E+10").
func phoneCell(v string) string {
	if d, ok, lost := excelNumber(strings.TrimSpace(v)); ok && !lost {
		return d
	}
	return v
}

// validationColumns maps the Field of Customer.Validate and Contact.Validate
// problems to import fields.
var validationColumns = map[string]string{"phones": "contact_phone", "emails": "contact_email"}

// ParseImportRow turns one file row into a CustomerImport. cells are the
// row's cells (any number of them), header the file's header texts (for
// RowError.Column), m the column mapping. Text is resolved as documented in
// docs/IMPORT.md: the type, the legal form (read from the name when there is
// no column for it), identifiers Excel turned into numbers, the region by
// name or code, the owner by login or full name (an empty owner is left
// empty: the importer assigns the importing user), the group by name, tags
// split on ",", ";" and "|". A contact person is made when any contact cell
// is filled; several contact phones or e-mails may share a cell, separated
// by "," or ";".
//
// The row's problems are all returned, ordered by column: the import keys
// above and the "valid.*" keys of Customer.Validate and Contact.Validate,
// each with the header text of the column it came from ("" for the whole
// row) and the cell's text. A row whose mapped cells are all empty gives a
// zero CustomerImport (Row 0) and no problems: callers skip it.
func ParseImportRow(row int, header []string, cells []string, m ColumnMapping, lk ImportLookups) (CustomerImport, []RowError) {
	p, empty := newRowParse(header, cells, m, ImportFields)
	if empty {
		return CustomerImport{}, nil
	}
	get := func(f string) string { v, _ := p.value(f); return v }

	c := Customer{
		Name: get("name"), ShortName: get("short_name"), LegalForm: get("legal_form"),
		LegalAddress: get("legal_address"), PostalAddress: get("postal_address"),
		Phone: phoneCell(get("phone")), Email: get("email"), Website: get("website"), BankName: get("bank_name"),
		Industry: get("industry"), Segment: get("segment"), LeadSource: get("lead_source"), Note: get("note"),
		Tags: p.values("tags", ",;|"),
	}
	c.INN, c.KPP, c.OGRN = p.number("inn"), p.number("kpp"), p.number("ogrn")
	c.BIC, c.Account, c.CorrAccount = p.number("bic"), p.number("account"), p.number("corr_account")
	if c.Name == "" {
		c.Name = c.ShortName
	}
	if c.Name == "" {
		p.fail("name", MsgImportNoName)
	}

	c.Kind = CustomerCompany
	if v := get("kind"); v != "" {
		switch k := importKinds[headerKey(v)]; k {
		case CustomerCompany, CustomerPerson:
			c.Kind = k
		case kindSoleTrader:
			if c.LegalForm == "" {
				c.LegalForm = "ИП"
			}
		default:
			p.fail("kind", MsgImportUnknownKind)
		}
	}
	if c.LegalForm == "" && c.Kind == CustomerCompany {
		c.LegalForm = LegalFormOf(c.Name)
	}

	if v := get("region"); v != "" {
		if code, ok := lookupRegion(lk.Regions, v); ok {
			c.RegionCode = code
		} else {
			p.fail("region", MsgImportUnknownRegion)
		}
	}
	if v := get("channel"); v != "" {
		if ch, ok := ParseChannel(v); ok {
			c.Channel = ch
		} else {
			p.fail("channel", MsgChannelUnknown)
		}
	}
	if v := get("owner"); v != "" {
		if id, ok := lk.Owners[FoldText(v)]; ok {
			c.OwnerID = id
		} else {
			p.fail("owner", MsgImportUnknownOwner)
		}
	}
	if v := get("group"); v != "" {
		if id, ok := lk.Groups[FoldText(v)]; ok {
			c.GroupID = id
		} else {
			p.fail("group", MsgImportUnknownGroup)
		}
	}

	for _, ve := range FieldErrors(c.Validate()) {
		field := ve.Field
		switch {
		case p.bad[field] || field == "name" || field == "kind":
			continue // already reported in import terms
		case field == "bic" && len(p.cols["bic"]) == 0:
			// Accounts without a BIC column: the account's own problem
			// (valid.account.need_bic) says it; otherwise point at it.
			if !p.bad["account"] && !p.bad["corr_account"] {
				acc := "account"
				if v, _ := p.value(acc); v == "" {
					acc = "corr_account"
				}
				_, col := p.value(acc)
				p.add(col, ve.Msg)
			}
			continue
		}
		p.fail(field, ve.Msg)
	}

	imp := CustomerImport{Row: row, Customer: c.Normalize()}
	if get("contact_name") != "" || get("contact_position") != "" ||
		len(p.values("contact_phone", ",;")) > 0 || len(p.values("contact_email", ",;")) > 0 {
		ct := Contact{Name: get("contact_name"), Position: get("contact_position"), Primary: true}
		for _, ph := range p.values("contact_phone", ",;") {
			ct.Phones = append(ct.Phones, phoneCell(ph))
		}
		ct.Emails = p.values("contact_email", ",;")
		for _, ve := range FieldErrors(ct.Validate()) {
			field := ve.Field
			if f, ok := validationColumns[field]; ok {
				field = f
			}
			if field == "contact_name" && len(p.cols[field]) == 0 {
				// No name column: point at the contact cell that is filled.
				for _, f := range []string{"contact_position", "contact_phone", "contact_email"} {
					if v, _ := p.value(f); v != "" {
						field = f
						break
					}
				}
			}
			p.fail(field, ve.Msg)
		}
		ct = ct.Normalize()
		imp.Contact = &ct
	}

	return imp, p.rowErrors(row)
}

// newRowParse trims a row's cells and maps the columns of m that name one
// of fields; empty says every mapped cell is empty (the row is skipped).
func newRowParse(header, cells []string, m ColumnMapping, fields []string) (p *rowParse, empty bool) {
	p = &rowParse{header: header, cells: make([]string, len(cells)), cols: map[string][]int{}, bad: map[string]bool{}}
	for i, c := range cells {
		p.cells[i] = strings.TrimSpace(c)
	}
	cols := make([]int, 0, len(m))
	for c, f := range m {
		if c >= 0 && slices.Contains(fields, f) {
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	empty = true
	for _, c := range cols {
		p.cols[m[c]] = append(p.cols[m[c]], c)
		if c < len(p.cells) && p.cells[c] != "" {
			empty = false
		}
	}
	return p, empty
}

// rowErrors are the row's problems ordered by column, whole-row problems last.
func (p *rowParse) rowErrors(row int) []RowError {
	slices.SortStableFunc(p.errs, func(a, b indexedError) int {
		ac, bc := a.col, b.col
		if ac < 0 {
			ac = len(p.cells) + len(p.header) + 1
		}
		if bc < 0 {
			bc = len(p.cells) + len(p.header) + 1
		}
		return ac - bc
	})
	var errs []RowError
	for _, e := range p.errs {
		e.err.Row = row
		errs = append(errs, e.err)
	}
	return errs
}
