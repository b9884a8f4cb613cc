package ui

import (
	"testing"

	"sdelka/model"
)

// TestDealDynamicKeysAreTranslated checks the keys the deal screens build at
// run time, which the source scan of assets cannot see.
func TestDealDynamicKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, s := range dealStatuses {
		keys = append(keys, dealStatusKey+string(s))
	}
	for code := range seededStages {
		keys = append(keys, stageCodeKey+code)
		if code != model.StageCodeWon && code != model.StageCodeLost {
			keys = append(keys, "stage.result."+code)
		}
	}
	for _, p := range boardPeriods {
		keys = append(keys, "board.period."+p)
	}
	for _, cols := range [][]column{dealColumns, cardDealColumns, dealLineColumns} {
		for _, c := range cols {
			keys = append(keys, "col."+c.key)
		}
	}
	for _, k := range []string{"done", "due", "responsible", "result", "stage"} {
		keys = append(keys, "col."+k)
	}
	keys = append(keys, "nav.deals", "field.deal_owner", "field.stage", "field.result", "field.expected_result",
		"field.lost_reason", "field.probability", "field.payment_days", model.MsgStageResultNeeded, model.MsgLostReasonNeeded,
		model.ReasonBase, model.ReasonList)
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}

// TestDealStageNames shows the seeded stages in the UI language while they
// keep their seeded names, and renamed stages as typed.
func TestDealStageNames(t *testing.T) {
	h := newHarness(t, false, "en")
	h.a.svc = &model.Services{User: model.User{Role: model.RoleAdmin}}
	st := model.Stage{Code: model.StageNegotiation, Name: "Переговоры и договор", ExpectedResult: "Условия согласованы, договор подписан"}
	if got := stageName(h.a, st); got != "Negotiation and contract" {
		t.Errorf("en name %q", got)
	}
	if got := stageResultHint(h.a, st); got != "Terms agreed, the contract signed" {
		t.Errorf("en result %q", got)
	}
	renamed := st
	renamed.Name, renamed.ExpectedResult = "Переговоры", "Подписан договор"
	if stageName(h.a, renamed) != "Переговоры" || stageResultHint(h.a, renamed) != "Подписан договор" {
		t.Errorf("renamed: %q, %q", stageName(h.a, renamed), stageResultHint(h.a, renamed))
	}
	h.a.tr = catalog.Lang("ru")
	if got := stageName(h.a, st); got != "Переговоры и договор" {
		t.Errorf("ru name %q", got)
	}
	if got := priceReasonText(h.a, model.ReasonList); got != "Прайс-лист" {
		t.Errorf("ru list reason %q", got)
	}
}
