package model_test

import (
	"strings"
	"testing"

	"sdelka/model"
)

// ean13Check computes the check digit the long way round, as GS1 describes
// it: from the right, digits alternately weighted 3 and 1.
func ean13Check(first12 string) byte {
	sum := 0
	for i := 11; i >= 0; i-- {
		w := 1
		if (11-i)%2 == 0 {
			w = 3
		}
		sum += int(first12[i]-'0') * w
	}
	return byte('0' + (10-sum%10)%10)
}

func TestValidEAN13(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"4006381333931", true}, // the textbook example
		{"5901234123457", true}, // GS1's example
		{"4600682000013", true}, // a Russian (460) prefix
		{"4601234567893", true},
		{"9780306406157", true}, // an ISBN-13
		{"4820024700016", true},
		{"0000000000000", true},
		{"4006381333932", false}, // wrong check digit
		{"4006381333930", false},
		{"5901234123450", false},
		{"4060381333931", false}, // two digits swapped
		{"400638133393", false},  // 12 digits
		{"40063813339310", false},
		{"", false},
		{"400638133393a", false},
		{"4006381 33931", false},
		{" 4006381333931", false}, // not trimmed
		{"4006381333931 ", false},
		{"４００６３８１３３３９３１", false}, // full-width digits
		{"-006381333931", false},
	}
	for _, tc := range tests {
		if got := model.ValidEAN13(tc.code); got != tc.want {
			t.Errorf("ValidEAN13(%q): got %v, want %v", tc.code, got, tc.want)
		}
		if len(tc.code) == 13 && tc.want && ean13Check(tc.code[:12]) != tc.code[12] {
			t.Errorf("table row %q is not valid by the reference algorithm", tc.code)
		}
	}
}

func TestValidEAN13ExactlyOneCheckDigit(t *testing.T) {
	for _, base := range []string{"460068200001", "590123412345", "000000000000", "999999999999", "123456789012"} {
		valid := 0
		for d := byte('0'); d <= '9'; d++ {
			if model.ValidEAN13(base + string(d)) {
				valid++
				if d != ean13Check(base) {
					t.Errorf("%s%c accepted, want check digit %c", base, d, ean13Check(base))
				}
			}
		}
		if valid != 1 {
			t.Errorf("%s: %d check digits accepted, want exactly one", base, valid)
		}
	}
}

// goodProduct passes Validate.
func goodProduct() model.Product {
	return model.Product{
		SKU: "A-100", Name: "Стол письменный", Kind: model.KindGoods, UnitCode: "796", Barcode: "4600682000013",
		BasePrice: 1000000, CostPrice: 600000, FloorPrice: 800000, VAT: model.VATStandard, WeightGrams: 25000,
		Image: []byte("\x89PNG\r\n\x1a\n rest"),
	}
}

func TestProductValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *model.Product)
		want []string
	}{
		{"valid", func(p *model.Product) {}, nil},
		{"defaults from Normalize", func(p *model.Product) {
			*p = model.Product{Name: " Услуга "}
		}, nil},
		{"service", func(p *model.Product) { p.Kind, p.UnitCode = model.KindService, "356" }, nil},
		{"kit with fixed price", func(p *model.Product) { p.Kind, p.KitPricing = model.KindKit, model.KitFixed }, nil},
		{"kit with default pricing", func(p *model.Product) { p.Kind, p.KitPricing = model.KindKit, "" }, nil},
		{"goods ignore kit pricing", func(p *model.Product) { p.KitPricing = "weird" }, nil},
		{"every VAT category", func(p *model.Product) { p.VAT = model.VATNone }, nil},
		{"zero prices and weight", func(p *model.Product) { p.BasePrice, p.CostPrice, p.FloorPrice, p.WeightGrams = 0, 0, 0, 0 }, nil},
		{"no barcode", func(p *model.Product) { p.Barcode = "  " }, nil},
		{"barcode with spaces around", func(p *model.Product) { p.Barcode = " 4006381333931 " }, nil},
		{"JPEG image", func(p *model.Product) { p.Image = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0} }, nil},
		{"no image", func(p *model.Product) { p.Image = nil }, nil},
		{"image at the limit", func(p *model.Product) {
			p.Image = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, model.MaxImageBytes-8)...)
		}, nil},
		{"SKU at the limit in Cyrillic", func(p *model.Product) { p.SKU = strings.Repeat("Ж", model.MaxSKULen) }, nil},
		{"name required", func(p *model.Product) { p.Name = " \t" }, []string{"name=" + model.MsgRequired}},
		{"name too long", func(p *model.Product) { p.Name = strings.Repeat("я", model.MaxProductNameLen+1) }, []string{"name=" + model.MsgNameTooLong}},
		{"SKU too long", func(p *model.Product) { p.SKU = strings.Repeat("Ж", model.MaxSKULen+1) }, []string{"sku=" + model.MsgSKUTooLong}},
		{"bad barcode", func(p *model.Product) { p.Barcode = "4006381333932" }, []string{"barcode=" + model.MsgBarcode}},
		{"EAN-8 is not EAN-13", func(p *model.Product) { p.Barcode = "96385074" }, []string{"barcode=" + model.MsgBarcode}},
		{"unknown unit", func(p *model.Product) { p.UnitCode = "999" }, []string{"unit=" + model.MsgUnit}},
		{"unit by symbol is not a code", func(p *model.Product) { p.UnitCode = "шт" }, []string{"unit=" + model.MsgUnit}},
		{"negative prices", func(p *model.Product) { p.BasePrice, p.CostPrice, p.FloorPrice = -1, -1, -1 },
			[]string{"base_price=" + model.MsgPriceNegative, "cost_price=" + model.MsgPriceNegative, "floor_price=" + model.MsgPriceNegative}},
		{"unknown VAT", func(p *model.Product) { p.VAT = "18" }, []string{"vat=" + model.MsgVAT}},
		{"unknown kind", func(p *model.Product) { p.Kind = "gift" }, []string{"kind=" + model.MsgProductKind}},
		{"kit with unknown pricing", func(p *model.Product) { p.Kind, p.KitPricing = model.KindKit, "weird" }, []string{"kit_pricing=" + model.MsgKitPricing}},
		{"negative weight", func(p *model.Product) { p.WeightGrams = -1 }, []string{"weight_grams=" + model.MsgWeightNegative}},
		{"image too large", func(p *model.Product) {
			p.Image = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, model.MaxImageBytes-7)...)
		}, []string{"image=" + model.MsgImageSize}},
		{"image not PNG or JPEG", func(p *model.Product) { p.Image = []byte("GIF89a...") }, []string{"image=" + model.MsgImageFormat}},
		{"everything wrong at once", func(p *model.Product) {
			*p = model.Product{SKU: strings.Repeat("x", 65), Barcode: "1", UnitCode: "0", BasePrice: -5, VAT: "x", Kind: "x", WeightGrams: -5, Image: []byte("x")}
		}, []string{"name=" + model.MsgRequired, "sku=" + model.MsgSKUTooLong, "barcode=" + model.MsgBarcode, "unit=" + model.MsgUnit,
			"base_price=" + model.MsgPriceNegative, "vat=" + model.MsgVAT, "kind=" + model.MsgProductKind,
			"weight_grams=" + model.MsgWeightNegative, "image=" + model.MsgImageFormat}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := goodProduct()
			tc.edit(&p)
			checkProblems(t, p.Validate(), tc.want...)
		})
	}
}

func TestCatalogMessageKeys(t *testing.T) {
	keys := []string{
		model.MsgQtyPositive, model.MsgKitChoiceMissing, model.MsgKitChoiceUnknown, model.MsgKitSelf, model.MsgKitQty,
		model.MsgKitChoiceSingle, model.MsgKitDuplicate, model.MsgStockQty, model.MsgStockSameWarehouse, model.MsgStockKind,
		model.MsgStockExtraWarehouse, model.MsgSKUTooLong, model.MsgBarcode, model.MsgUnit, model.MsgPriceNegative, model.MsgVAT,
		model.MsgProductKind, model.MsgKitPricing, model.MsgWeightNegative, model.MsgImageSize, model.MsgImageFormat, model.MsgNameTooLong,
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !strings.HasPrefix(k, "valid.") || seen[k] {
			t.Errorf("key %q: got duplicate or bad prefix, want a unique valid.* key", k)
		}
		seen[k] = true
	}
	reasons := []string{model.ReasonIndividual, model.ReasonList, model.ReasonListBreak, model.ReasonRule, model.ReasonRuleBreak, model.ReasonBase}
	for _, k := range reasons {
		if !strings.HasPrefix(k, "price.reason.") || seen[k] {
			t.Errorf("reason %q: got duplicate or bad prefix, want a unique price.reason.* key", k)
		}
		seen[k] = true
	}
}
