package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// TestInsuranceDialog adds a policy to an order (what does not parse and
// what the model refuses shown beside the fields) and edits it.
func TestInsuranceDialog(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newOrderFixture(h)
	res := f.confirmed(1)
	showDocument(h.a, res.Order.ID)
	v := h.docView()
	test.Tap(buttonIn(t, v.actions, en("ins.open")))
	h.settle()
	list := h.overlay()
	if !hasLabel(list, en("ins.none")) {
		t.Errorf("an uninsured order: %q", labelsIn(list))
	}
	test.Tap(buttonIn(t, list, en("ins.add")))
	d := h.dialog()
	d.set(t, en("field.insured"), "12,5,0")
	test.Tap(d.save)
	if got := fieldIn(t, d.root, en("field.insured")).errorText(); got != en(msgMoney) {
		t.Errorf("a bad amount: %q", got)
	}
	d.set(t, en("field.insured"), "500000")
	d.set(t, en("field.premium"), "1250.50")
	test.Tap(d.save)
	if got := fieldIn(t, d.root, en("field.insurer")).errorText(); got != en("ins.err.insurer") {
		t.Errorf("no insurer: %q", got)
	}
	d.set(t, en("field.insurer"), "СК «Надёжная»")
	d.set(t, en("field.number"), "ГР-2026/15")
	test.Tap(d.save)
	h.settle()
	ps, err := h.session("seller").Insurance(h.ctx, res.Order.ID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("policies: %v %+v", err, ps)
	}
	p := ps[0]
	if p.Insured != 50000000 || p.Premium != 125050 || p.Status != model.InsActive || p.Currency != res.Order.Currency {
		t.Errorf("stored policy: %+v", p)
	}
	if !hasLabel(list, "СК «Надёжная»") || !hasLabel(list, h.a.docMoney(p.Insured, p.Currency, nil)) {
		t.Errorf("the list after adding: %q", labelsIn(list))
	}
	edits := findAll(list, func(b *widget.Button) bool { return b.Text == "" && b.Visible() })
	if len(edits) != 1 {
		t.Fatalf("edit buttons: %d", len(edits))
	}
	test.Tap(edits[0])
	d = h.dialog()
	sels := findAll[*widget.Select](d.root, nil)
	if len(sels) != 1 || sels[0].Selected != en("ins_status.active") {
		t.Fatalf("status choices: %d", len(sels))
	}
	sels[0].SetSelected(en("ins_status.claimed"))
	test.Tap(d.save)
	h.settle()
	ps, _ = h.session("seller").Insurance(h.ctx, res.Order.ID)
	if len(ps) != 1 || ps[0].Status != model.InsClaimed || ps[0].Version != p.Version+1 {
		t.Errorf("after editing: %+v", ps)
	}
	if !hasLabel(list, en("ins_status.claimed")) {
		t.Errorf("the list after editing: %q", labelsIn(list))
	}
}
