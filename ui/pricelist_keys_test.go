package ui

import "testing"

// TestPriceListDynamicKeysAreTranslated checks the keys the price list, kit,
// movement and tax screens build at run time.
func TestPriceListDynamicKeysAreTranslated(t *testing.T) {
	keys := []string{"print." + sheetPDF, "print." + sheetXLSX, msgPercent, msgBreaks, "col.component", "col.qty",
		"col.optional", "col.choice"}
	for _, k := range listKinds {
		keys = append(keys, "pricelist_kind."+string(k))
	}
	for _, k := range movementKinds {
		keys = append(keys, "stock_move."+string(k))
	}
	for _, cols := range [][]column{priceListColumns, priceItemColumns, cardPriceColumns, currencyColumns, movementColumns} {
		for _, c := range cols {
			keys = append(keys, "col."+c.key)
		}
	}
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}
