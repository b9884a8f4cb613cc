package ui

import (
	"fmt"
	"testing"

	"sdelka/model"
)

// TestOrderDynamicKeysAreTranslated checks the keys the order and document
// screens build at run time, which the source scan of assets cannot see.
func TestOrderDynamicKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, s := range docStatuses {
		keys = append(keys, "doc_status."+string(s))
	}
	for _, s := range payStates {
		keys = append(keys, "pay_state."+string(s))
	}
	for _, s := range insStatuses {
		keys = append(keys, "ins_status."+string(s))
	}
	for _, k := range orderKinds {
		keys = append(keys, "order_kinds."+string(k), "order_new."+string(k), "order_draft."+string(k))
	}
	for _, k := range model.DocKinds {
		keys = append(keys, "doc_kind."+string(k))
	}
	for _, cols := range [][]column{orderColumns, docListColumns, cardOrderColumns, cardDocColumns, orderLineColumns,
		docLineColumns, insuranceColumns} {
		for _, c := range cols {
			keys = append(keys, "col."+c.key)
		}
	}
	keys = append(keys, "doc.print", "doc.ship", "doc.credit_note", "doc.cancel", "doc.post", "doc.reissue", "ins.open",
		"order.from_quote", "pay.register", "field.delivery_date", "field.valid_until", "field.credit_approved", "field.period",
		"nav.orders", "nav.documents", "stock_what.available")
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}

// TestOrderErrorTexts checks the friendly texts of the sales errors, with
// their figures, in both languages.
func TestOrderErrorTexts(t *testing.T) {
	credit := &model.CreditLimitError{Limit: 1000000, Outstanding: 250000, Order: 900000, Over: 150000, Currency: "RUB"}
	short := &model.InsufficientStockError{ProductName: "Кирпич", What: "available", Have: 2000, Want: 5500}
	cases := []struct {
		name string
		err  error
		en   string
		ru   string
	}{
		{"credit limit", fmt.Errorf("confirm order x: %w", credit),
			"The customer's credit limit would be exceeded: limit 10,000.00 RUB, debt 2,500.00 RUB, this order 9,000.00 RUB, over by 1,500.00 RUB.",
			"Будет превышен кредитный лимит клиента: лимит 10\u00a0000,00 RUB, долг 2\u00a0500,00 RUB, этот заказ 9\u00a0000,00 RUB, превышение 1\u00a0500,00 RUB."},
		{"posted", fmt.Errorf("order З-1: %w", model.ErrPosted), en("err.posted"), ru("err.posted")},
		{"payments", fmt.Errorf("invoice СЧ-1: %w", model.ErrHasPayments), en("err.has_payments"), ru("err.has_payments")},
		{"stock", fmt.Errorf("reserve stock: %w", short), "Not enough «Кирпич»: available 2, but 5.5 is needed.",
			"Недостаточно товара «Кирпич»: доступно 2, а требуется 5,5."},
	}
	for _, lang := range []string{"en", "ru"} {
		h := newHarness(t, false, lang)
		for _, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				got, known := h.a.errText(c.err)
				want := c.en
				if lang == "ru" {
					want = c.ru
				}
				if got != want || !known {
					t.Errorf("got %q (known %v), want %q", got, known, want)
				}
			})
		}
	}
}
