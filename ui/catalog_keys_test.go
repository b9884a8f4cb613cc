package ui

import (
	"testing"

	"sdelka/model"
)

// TestCatalogDynamicKeysAreTranslated checks the keys the catalog screens
// build at run time, which the source scan of assets cannot see.
func TestCatalogDynamicKeysAreTranslated(t *testing.T) {
	keys := []string{model.ReasonIndividual, model.ReasonList, model.ReasonListBreak, model.ReasonRule,
		model.ReasonRuleBreak, model.ReasonBase, "vat.none", "rate_source.manual", "rate_source." + rateSource("cbr")}
	for _, k := range productKinds {
		keys = append(keys, "product_kind."+string(k))
	}
	for _, c := range vatCategories {
		keys = append(keys, "vat."+string(c))
	}
	for _, m := range stockMoves {
		keys = append(keys, "stock_move."+string(m.kind))
	}
	for _, w := range []string{"on hand", "available", "reserved"} {
		keys = append(keys, stockWhat(w))
	}
	for _, k := range priceOut {
		keys = append(keys, "price_line."+k)
	}
	for _, c := range append(append([]column{}, productColumns...), rateColumns...) {
		keys = append(keys, "col."+c.key)
	}
	keys = append(keys, "col.warehouse", "col.reserved", msgMoney, msgWeight, msgQty, msgDate)
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}
