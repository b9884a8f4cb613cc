package model

import (
	"slices"
	"strings"
)

// Message keys of product import problems.
const (
	MsgImportNoProductName = "import.product.no_name"      // the row has no product name
	MsgImportUnknownUnit   = "import.product.unknown_unit" // not a unit of Units by code, symbol or name
	MsgImportUnknownVAT    = "import.product.unknown_vat"  // not 22 %, 20 %, 10 %, 0 % or «без НДС»
	MsgImportUnknownPKind  = "import.product.unknown_kind" // neither goods, service nor kit
	MsgImportBadMoney      = "import.product.bad_amount"   // not an amount (or more than 2 decimals)
	MsgImportBadWeight     = "import.product.bad_weight"   // not a weight in kg with up to 3 decimals
	MsgImportBadFlag       = "import.product.bad_flag"     // not yes/no
)

// ProductImportFields lists the importable product fields in display order
// (the keys of a product ColumnMapping and of the "pfield.<key>" labels).
var ProductImportFields = []string{
	"sku", "name", "description", "category", "kind", "unit", "barcode", "base_price", "cost_price", "floor_price",
	"vat", "weight", "active", "seller_note",
}

// productHeaders holds, per field, the header texts spreadsheets (1C,
// МойСклад, Excel price lists, other CRMs) use for it; the first Russian and
// English texts are what ProductTemplateHeader writes.
var productHeaders = map[string]struct{ ru, en []string }{
	"sku":         {[]string{"Артикул", "Код товара", "Код", "Артикул товара"}, []string{"SKU", "Article", "Item code", "Product code", "Code", "Part number"}},
	"name":        {[]string{"Наименование", "Название", "Товар", "Наименование товара", "Номенклатура", "Товар/услуга"}, []string{"Name", "Product", "Product name", "Item", "Item name", "Description 1"}},
	"description": {[]string{"Описание", "Полное описание"}, []string{"Description", "Long description"}},
	"category":    {[]string{"Категория", "Группа", "Раздел", "Группа товаров", "Категория товара"}, []string{"Category", "Group", "Product category", "Section"}},
	"kind":        {[]string{"Тип", "Вид", "Вид номенклатуры", "Тип товара"}, []string{"Type", "Kind", "Product type", "Item type"}},
	"unit":        {[]string{"Единица", "Ед. изм.", "Ед.", "Единица измерения", "Ед. измерения"}, []string{"Unit", "UoM", "Unit of measure", "Units"}},
	"barcode":     {[]string{"Штрихкод", "Штрих-код", "EAN", "EAN-13"}, []string{"Barcode", "EAN13", "GTIN"}},
	"base_price":  {[]string{"Цена", "Цена продажи", "Базовая цена", "Розничная цена", "Цена, руб.", "Цена с НДС"}, []string{"Price", "Base price", "Sale price", "Unit price", "List price"}},
	"cost_price":  {[]string{"Себестоимость", "Закупочная цена", "Цена закупки", "Цена поставщика"}, []string{"Cost", "Cost price", "Purchase price", "Buy price"}},
	"floor_price": {[]string{"Минимальная цена", "Мин. цена", "Минимальная цена продажи"}, []string{"Minimum price", "Min price", "Floor price"}},
	"vat":         {[]string{"НДС", "Ставка НДС", "НДС, %"}, []string{"VAT", "VAT rate", "Tax", "Tax rate"}},
	"weight":      {[]string{"Вес, кг", "Вес", "Масса, кг", "Масса"}, []string{"Weight, kg", "Weight", "Weight (kg)"}},
	"active":      {[]string{"Активен", "Активный", "В продаже"}, []string{"Active", "Enabled", "For sale"}},
	"seller_note": {[]string{"Заметка для продавцов", "Заметка", "Примечание"}, []string{"Note for sellers", "Note", "Notes", "Comment"}},
}

var productHeaderIndex = func() map[string]string {
	idx := map[string]string{}
	for field, h := range productHeaders {
		for _, s := range slices.Concat(h.ru, h.en) {
			idx[headerKey(s)] = field
		}
	}
	return idx
}()

// GuessProductMapping maps each column whose header names a product field;
// a field is mapped at most once (the first column wins).
func GuessProductMapping(header []string) ColumnMapping {
	m := ColumnMapping{}
	seen := map[string]bool{}
	for i, h := range header {
		if f := productHeaderIndex[headerKey(h)]; f != "" && !seen[f] {
			seen[f] = true
			m[i] = f
		}
	}
	return m
}

// ProductTemplateHeader is the header row of a product template or export
// in lang ("ru", otherwise English), one column per ProductImportFields key.
func ProductTemplateHeader(lang string) []string {
	out := make([]string, len(ProductImportFields))
	for i, f := range ProductImportFields {
		if lang == "ru" {
			out[i] = productHeaders[f].ru[0]
		} else {
			out[i] = productHeaders[f].en[0]
		}
	}
	return out
}

// ProductImport is one row of an imported product file. CategoryPath is the
// category from the root ("Инструменты / Дрели" gives two names); the
// importer finds or creates it.
type ProductImport struct {
	Row          int
	Product      Product
	CategoryPath []string
	// Fields are the ProductImportFields the row fills: an update changes
	// only those (an empty cell never erases anything).
	Fields []string
}

var importProductKinds = map[string]ProductKind{
	"товар": KindGoods, "товары": KindGoods, "goods": KindGoods, "product": KindGoods, "продукция": KindGoods,
	"услуга": KindService, "услуги": KindService, "service": KindService, "работа": KindService,
	"комплект": KindKit, "набор": KindKit, "kit": KindKit, "bundle": KindKit,
}

var importVAT = map[string]VATCategory{
	"22": VATStandard, "20": VATStandard, "18": VATStandard, "10": VATReduced, "0": VATZero,
	"безндс": VATNone, "ндснеоблагается": VATNone, "необлагается": VATNone, "none": VATNone, "exempt": VATNone, "novat": VATNone,
}

var importFlags = map[string]bool{"да": true, "yes": true, "1": true, "true": true, "активен": true, "+": true,
	"нет": false, "no": false, "0": false, "false": false, "неактивен": false, "-": false}

// importUnit finds a unit by OKEI code (Excel may strip the leading zero
// of 006), symbol with or without a dot, Russian name or English symbol.
func importUnit(cell string) (string, bool) {
	k := headerKey(cell)
	for _, u := range Units {
		if k == u.Code || k == strings.TrimLeft(u.Code, "0") || k == headerKey(u.Symbol) || k == headerKey(u.Name) || k == headerKey(u.En) {
			return u.Code, true
		}
	}
	switch k {
	case "штук", "штуки", "pc", "piece", "pieces", "ea", "each":
		return "796", true
	case "метр", "метров", "meter", "metre", "meters", "mtr":
		return "006", true
	case "кгр", "килограммов", "kilogram":
		return "166", true
	case "час", "часов", "hour", "hours", "hr":
		return "356", true
	case "услед", "услуга", "service":
		return "876", true
	}
	return "", false
}

// ParseProductRow turns one file row into a ProductImport, like
// ParseImportRow for customers: every problem of the row is returned, with
// its column and cell. A row without a name but with an SKU or barcode is
// kept (a price update names products by SKU); the importer refuses it only
// if it would create a product. Amounts are read by ParseMoney (never rounded), VAT
// as 22 %, 20 % or 18 % (all the standard rate of their date), 10 %, 0 % or
// «без НДС»; the weight in kilograms with up to three decimals; active as
// да/нет (empty: active). A row whose mapped cells are all empty gives Row 0.
func ParseProductRow(row int, header []string, cells []string, m ColumnMapping) (ProductImport, []RowError) {
	p, empty := newRowParse(header, cells, m, ProductImportFields)
	if empty {
		return ProductImport{}, nil
	}
	get := func(f string) string { v, _ := p.value(f); return v }
	pr := Product{SKU: get("sku"), Name: get("name"), Description: get("description"), SellerNote: get("seller_note"), Active: true}
	pr.Barcode = p.number("barcode")
	if pr.Name == "" && pr.SKU == "" && pr.Barcode == "" {
		p.fail("name", MsgImportNoProductName)
	}
	if v := get("kind"); v != "" {
		if k, ok := importProductKinds[headerKey(v)]; ok {
			pr.Kind = k
		} else {
			p.fail("kind", MsgImportUnknownPKind)
		}
	}
	if v := get("unit"); v != "" {
		if code, ok := importUnit(v); ok {
			pr.UnitCode = code
		} else {
			p.fail("unit", MsgImportUnknownUnit)
		}
	}
	money := func(field string, dst *Money) {
		if v := get(field); v != "" {
			m, err := ParseMoney(v, 2)
			if err != nil || m < 0 {
				p.fail(field, MsgImportBadMoney)
				return
			}
			*dst = m
		}
	}
	money("base_price", &pr.BasePrice)
	money("cost_price", &pr.CostPrice)
	money("floor_price", &pr.FloorPrice)
	if v := get("vat"); v != "" {
		k := strings.TrimSuffix(headerKey(strings.ReplaceAll(v, "%", "")), "ндс")
		if c, ok := importVAT[k]; ok {
			pr.VAT = c
		} else if c, ok := importVAT[headerKey(v)]; ok {
			pr.VAT = c
		} else {
			p.fail("vat", MsgImportUnknownVAT)
		}
	}
	if v := get("weight"); v != "" {
		kg := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(v, "кг"), "kg"))
		e4, err := ParseDecimalE4(kg)
		if err != nil || e4 < 0 || e4%10 != 0 {
			p.fail("weight", MsgImportBadWeight)
		} else {
			pr.WeightGrams = e4 / 10
		}
	}
	if v := get("active"); v != "" {
		if on, ok := importFlags[headerKey(v)]; ok {
			pr.Active = on
		} else {
			p.fail("active", MsgImportBadFlag)
		}
	}
	var path []string
	if v := get("category"); v != "" {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '>' || r == '\\' || r == '|' }) {
			if part = strings.TrimSpace(part); part != "" {
				path = append(path, part)
			}
		}
	}
	pr = pr.Normalize()
	columns := map[string]string{"weight_grams": "weight"}
	for _, ve := range FieldErrors(pr.Validate()) {
		field := ve.Field
		if f, ok := columns[field]; ok {
			field = f
		}
		if p.bad[field] || field == "name" && pr.Name == "" { // a row that names an existing product by SKU or barcode needs no name
			continue
		}
		p.fail(field, ve.Msg)
	}
	errs := p.rowErrors(row)
	var filled []string
	for _, f := range ProductImportFields {
		if get(f) != "" {
			filled = append(filled, f)
		}
	}
	return ProductImport{Row: row, Product: pr, CategoryPath: path, Fields: filled}, errs
}
