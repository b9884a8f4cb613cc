package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

func TestPipelineSettingsSaveARenamedStageAndANewLostReason(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("admin")
	h.loginAs("admin")
	set := h.openNav("settings").(*settings)
	set.tab(t, en("settings.pipeline"))
	e := newStagesEditor(h.a)
	h.openScreen(screenOf(e.build()))
	if len(e.rows) != 7 {
		t.Fatalf("stages shown: %d", len(e.rows))
	}
	e.rows[1].name.SetText("Презентация продукта")
	e.rows[1].prob.SetText("35")
	test.Tap(e.save)
	h.settle()
	if e.status.Text != en("settings.saved") {
		t.Fatalf("status %q", e.status.Text)
	}
	ps, err := h.pipe("admin").Pipelines(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := ps[0].Stages[1]
	if st.Name != "Презентация продукта" || st.ProbabilityBP != 3500 || st.Code != model.StagePresentation {
		t.Errorf("stage after saving: %+v", st)
	}
	// A stage with deals in it cannot be removed: the editor says why.
	for i, r := range e.rows {
		if r.s.Code == model.StageDelivery {
			e.remove(i)
			break
		}
	}
	test.Tap(e.save)
	h.settle()
	if e.status.Text != en("pipeset.stage_in_use") {
		t.Errorf("removing a stage in use: status %q", e.status.Text)
	}
	e.load()
	h.settle()
	// A bad probability is refused before saving.
	e.rows[0].prob.SetText("140")
	test.Tap(e.save)
	if e.status.Text != en("pipeset.bad_numbers") {
		t.Errorf("status %q", e.status.Text)
	}

	ar := newApprovalRulesEditor(h.a)
	h.openScreen(screenOf(ar.build()))
	for _, row := range ar.rows {
		switch row.r.Kind {
		case model.RuleDiscount:
			row.threshold.SetText("12.5")
		case model.RuleDeferral:
			row.active.SetChecked(false)
		}
	}
	ar.submit()
	rules, err := h.pipe("admin").ApprovalRules(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.Kind == model.RuleDiscount && r.Threshold != 1250 || r.Kind == model.RuleDeferral && r.Active {
			t.Errorf("rule after saving: %+v", r)
		}
	}

	r := newLostReasonsEditor(h.a)
	obj := r.build()
	h.openScreen(screenOf(obj))
	before := len(r.rows)
	tap(t, obj, en("pipeset.add_reason"))
	r.rows[len(r.rows)-1].name.SetText("Ушли к конкуренту с доставкой")
	r.rows[0].active.SetChecked(false)
	tap(t, obj, en("btn.save"))
	h.settle()
	reasons, err := h.pipe("admin").LostReasons(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reasons) != before+1 {
		t.Fatalf("reasons: %d, want %d", len(reasons), before+1)
	}
	found := false
	for _, x := range reasons {
		found = found || x.Name == "Ушли к конкуренту с доставкой" && x.Active
		if x.ID == r.rows[0].r.ID && x.Active {
			t.Error("the first reason is still active")
		}
	}
	if !found {
		t.Error("the new reason is not saved")
	}
}

func TestPipelineSettingsAreReadOnlyForSellersAndHeadsEditRouting(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	h.loginAs("head")
	st := newStagesEditor(h.a)
	h.openScreen(screenOf(st.build()))
	if st.save.Visible() || !st.rows[0].name.Disabled() {
		t.Error("a head edits the stages")
	}
	re := newRoutingEditor(h.a)
	obj := re.build()
	h.openScreen(screenOf(obj))
	tap(t, obj, en("pipeset.add_rule"))
	row := re.rows[len(re.rows)-1]
	row.name.SetText("Выставки — команде")
	pick(t, row.field, string(model.RouteSource))
	row.value.SetText("Выставка")
	row.users = []string{h.user("seller").ID, h.user("seller2").ID}
	tap(t, obj, en("btn.save"))
	h.settle()
	rules, err := h.pipe("head").RoutingRules(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rule model.RoutingRule
	for _, r := range rules {
		if r.Name == "Выставки — команде" {
			rule = r
		}
	}
	if len(rule.Team) != 2 || rule.Field != model.RouteSource || rule.Value != "Выставка" || !rule.Active {
		t.Fatalf("the rule: %+v", rule)
	}
	h.a.Logout()
	h.loginAs("seller")
	re = newRoutingEditor(h.a)
	obj = re.build()
	h.openScreen(screenOf(obj))
	if len(re.rows) != len(rules) || !re.rows[0].name.Disabled() {
		t.Error("a seller edits the routing rules")
	}
	if len(findAll(obj, func(b *widget.Button) bool { return b.Text == en("btn.save") && b.Visible() })) != 0 {
		t.Error("a seller is offered Save")
	}
}

// shownObject is a built object shown as a screen of the shell.
type shownObject struct{ obj fyne.CanvasObject }

func (s shownObject) build() fyne.CanvasObject { return s.obj }

func screenOf(o fyne.CanvasObject) screen { return shownObject{o} }
