package model_test

import (
	"testing"

	"sdelka/model"
)

func TestGuessProductMapping(t *testing.T) {
	header := []string{"Артикул", "Номенклатура", "Ед. изм.", "Цена, руб.", "Ставка НДС", "Штрих-код", "Группа", "Вес, кг", "Что-то ещё"}
	m := model.GuessProductMapping(header)
	want := map[int]string{0: "sku", 1: "name", 2: "unit", 3: "base_price", 4: "vat", 5: "barcode", 6: "category", 7: "weight"}
	for c, f := range want {
		if m[c] != f {
			t.Errorf("column %d %q: mapped to %q, want %q", c, header[c], m[c], f)
		}
	}
	if _, ok := m[8]; ok {
		t.Errorf("an unknown header was mapped: %q", m[8])
	}
	for _, lang := range []string{"ru", "en"} {
		h := model.ProductTemplateHeader(lang)
		back := model.GuessProductMapping(h)
		for i, f := range model.ProductImportFields {
			if back[i] != f {
				t.Errorf("%s template column %q maps to %q, want %q", lang, h[i], back[i], f)
			}
		}
	}
}

func TestParseProductRow(t *testing.T) {
	header := []string{"Артикул", "Наименование", "Ед.", "Цена", "НДС", "Штрихкод", "Категория", "Вес, кг", "Тип", "Активен"}
	m := model.GuessProductMapping(header)
	tests := []struct {
		name  string
		cells []string
		check func(t *testing.T, p model.ProductImport)
		errs  map[string]string // column → message
	}{
		{"full row", []string{"DR-1", "Дрель «Ёрш»", "шт.", "5 490,00", "22%", "4006381333931", "Инструменты / Дрели", "1,75", "Товар", "да"},
			func(t *testing.T, p model.ProductImport) {
				pr := p.Product
				if pr.SKU != "DR-1" || pr.UnitCode != "796" || pr.BasePrice != 549000 || pr.VAT != model.VATStandard || pr.Barcode != "4006381333931" ||
					pr.WeightGrams != 1750 || pr.Kind != model.KindGoods || !pr.Active || len(p.CategoryPath) != 2 || p.CategoryPath[1] != "Дрели" {
					t.Errorf("got %+v, path %q", pr, p.CategoryPath)
				}
			}, nil},
		{"service without VAT, unit by code Excel stripped", []string{"", "Доставка", "6", "1500", "без НДС", "", "", "", "услуга", "нет"},
			func(t *testing.T, p model.ProductImport) {
				if p.Product.UnitCode != "006" || p.Product.VAT != model.VATNone || p.Product.Kind != model.KindService || p.Product.Active {
					t.Errorf("got %+v", p.Product)
				}
			}, nil},
		{"20 % is the standard rate", []string{"", "Кабель", "м", "45.5", "20 %", "", "", "", "", ""},
			func(t *testing.T, p model.ProductImport) {
				if p.Product.VAT != model.VATStandard || p.Product.BasePrice != 4550 {
					t.Errorf("got %+v", p.Product)
				}
			}, nil},
		{"every problem of the row", []string{"", "", "коробка", "12,345", "15%", "4006381333932", "", "-1", "штука", "может быть"}, nil,
			map[string]string{"Ед.": "import.product.unknown_unit", "Цена": "import.product.bad_amount",
				"НДС": "import.product.unknown_vat", "Штрихкод": "valid.barcode", "Вес, кг": "import.product.bad_weight",
				"Тип": "import.product.unknown_kind", "Активен": "import.product.bad_flag"}},
		{"nothing names the product", []string{"", "", "", "100", "", "", "", "", "", ""}, nil,
			map[string]string{"Наименование": "import.product.no_name"}},
		{"Excel lost the barcode's digits", []string{"", "Клей", "", "", "", "4,60068E+12", "", "", "", ""}, nil,
			map[string]string{"Штрихкод": "import.mangled_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := model.ParseProductRow(7, header, tt.cells, m)
			got := map[string]string{}
			for _, e := range errs {
				if e.Row != 7 {
					t.Errorf("problem on row %d, want 7", e.Row)
				}
				got[e.Column] = e.Msg
			}
			if len(got) != len(tt.errs) {
				t.Errorf("problems %v, want %v", got, tt.errs)
			}
			for c, msg := range tt.errs {
				if got[c] != msg {
					t.Errorf("column %q: %q, want %q (all: %v)", c, got[c], msg, got)
				}
			}
			if tt.check != nil && len(errs) == 0 {
				tt.check(t, p)
			}
		})
	}
	// A row with an SKU and no name is a price update of an existing product.
	if p, errs := model.ParseProductRow(8, header, []string{"DR-1", "", "", "5000", "", "", "", "", "", ""}, m); len(errs) != 0 || p.Product.BasePrice != 500000 ||
		len(p.Fields) != 2 || p.Fields[0] != "sku" || p.Fields[1] != "base_price" {
		t.Errorf("a price update row: %+v, %v", p, errs)
	}
	if p, errs := model.ParseProductRow(9, header, make([]string, 10), m); p.Row != 0 || errs != nil {
		t.Errorf("an empty row: %+v, %v", p, errs)
	}
}
