package ui

import (
	"fmt"
	"testing"

	"sdelka/model"
)

// TestWorkDynamicKeysAreTranslated checks the keys the leads, activities,
// approvals, reverse-pricing and pipeline-settings screens build at run time.
func TestWorkDynamicKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, s := range leadStatuses {
		keys = append(keys, "lead_status."+string(s))
	}
	for _, k := range model.ActivityKinds {
		keys = append(keys, activityKindKey(k))
	}
	for _, l := range reminderLeads {
		keys = append(keys, reminderKey(l))
	}
	for _, s := range []model.ApprovalStatus{model.ApprovalStatusPending, model.ApprovalStatusApproved, model.ApprovalStatusRejected,
		model.ApprovalStatusSuperseded} {
		keys = append(keys, "approval_status."+string(s))
	}
	for _, k := range model.ApprovalRuleKinds {
		keys = append(keys, "approval_rule."+string(k))
	}
	for _, s := range reverseStatuses {
		keys = append(keys, "reverse_status."+string(s))
	}
	for _, f := range routingFields {
		keys = append(keys, "route_field."+string(f))
	}
	for _, k := range []model.StageKind{model.StageOpen, model.StageWon, model.StageLost} {
		keys = append(keys, "stage_kind."+string(k))
	}
	for i := 1; i <= 7; i++ {
		keys = append(keys, fmt.Sprintf("calendar.wd%d", i))
	}
	for _, c := range matchColumns {
		keys = append(keys, "col."+c.key)
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

// TestReasonsInWords checks how approval reasons and percentages read in
// both languages.
func TestReasonsInWords(t *testing.T) {
	h := newHarness(t, false, "en")
	a := h.a
	d := catalogDicts{currencies: model.DefaultCurrencies, tax: model.TaxSettings{BaseCurrency: "RUB"}}
	cases := []struct {
		r    model.ApprovalReason
		want string
	}{
		{model.ApprovalReason{Kind: model.RuleDiscount, Line: 2, Product: "SKU-1 Дрель", Threshold: 1500, Actual: 1800},
			"discount 18\u00a0% on line 2 (SKU-1 Дрель) > 15\u00a0%"},
		{model.ApprovalReason{Kind: model.RuleDiscount, Line: 1, Product: "X", Threshold: 1500, Actual: 1250},
			"discount 12.5\u00a0% on line 1 (X) > 15\u00a0%"},
		{model.ApprovalReason{Kind: model.RuleFloor, Line: 1, Product: "X", Threshold: 100000, Actual: 90000},
			"price 900.00 below floor 1,000.00 on line 1 (X)"},
		{model.ApprovalReason{Kind: model.RuleDeferral, Threshold: 45, Actual: 60}, "payment in 60 days > 45"},
		{model.ApprovalReason{Kind: model.RuleAmount, Threshold: 500000000, Actual: 600000000},
			"amount 6,000,000.00 RUB > 5,000,000.00 RUB"},
	}
	for _, c := range cases {
		if got := a.approvalReasonText(c.r, "RUB", d); got != c.want {
			t.Errorf("%s: %q, want %q", c.r.Kind, got, c.want)
		}
	}
	a.tr = catalog.Lang("ru")
	if got, want := a.approvalReasonText(cases[1].r, "RUB", d), "скидка 12,5\u00a0% в строке 1 (X) > 15\u00a0%"; got != want {
		t.Errorf("ru: %q, want %q", got, want)
	}
}
