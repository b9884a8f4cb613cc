package ui

import (
	"testing"

	"sdelka/model"
)

// TestPaymentDynamicKeysAreTranslated checks the keys the payment, terms,
// obligations, numbering and template screens build at run time, which the
// source scan of assets cannot see.
func TestPaymentDynamicKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, k := range model.DocKinds {
		keys = append(keys, "doc_kind."+string(k))
	}
	for _, m := range paymentMethods {
		keys = append(keys, "pay_method."+string(m))
	}
	for _, p := range []model.ObligationParty{model.OursToDeliver, model.CustomerToPay} {
		keys = append(keys, "obl_party."+string(p))
	}
	for _, s := range []string{model.ObligationOpen, model.ObligationDone, model.ObligationVoid, "overdue"} {
		keys = append(keys, "obl_status."+s)
	}
	for _, k := range balanceKeys {
		keys = append(keys, "balance."+k)
	}
	for _, l := range []string{"ru", "en"} {
		keys = append(keys, "lang."+l)
	}
	for _, k := range []string{"invoice", "date", "due", "outstanding", "allocate"} {
		keys = append(keys, "col."+k)
	}
	for _, cols := range [][]column{paymentColumns, obligationColumns, cardPaymentColumns} {
		for _, c := range cols {
			keys = append(keys, "col."+c.key)
		}
	}
	keys = append(keys, ageingKeys...)
	keys = append(keys, "nav.payments", "nav.obligations", msgPercent, msgMoney, msgDate, "valid.number")
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}
