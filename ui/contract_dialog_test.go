package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

func TestContractDialog(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	f := newPayFixture(h)
	if _, err := h.session("head").SaveTerms(h.ctx, model.CustomerTerms{CustomerID: f.cust.ID, HasTerms: true,
		Terms: model.PaymentTerms{PrepayBP: 5000, NetDays: 10}, DocLang: "en"}); err != nil {
		t.Fatal(err)
	}
	dones := 0
	cd := openContractDialog(h.a, f.cust.ID, func() { dones++ })
	h.waitFor("the templates", func() bool { return cd.loaded })
	h.settle()
	var chosen model.DocTemplate
	for _, tm := range cd.templates {
		if tm.ID == cd.tmpl.value() {
			chosen = tm
		}
	}
	if chosen.Lang != "en" || !chosen.IsDefault {
		t.Errorf("chosen template %q (%s), want the English default", chosen.Name, chosen.Lang)
	}
	if !cd.body.Disabled() || !cd.post.Disabled() || cd.create.Disabled() {
		t.Error("before the draft only Create is offered")
	}
	test.Tap(cd.create)
	if dones != 1 || cd.doc.ID == "" || cd.doc.Status != model.StatusDraft {
		t.Fatalf("draft: %+v, done %d, status %q", cd.doc.Status, dones, cd.status.Text)
	}
	if !strings.Contains(cd.body.Text, f.cust.Name) || !strings.Contains(cd.body.Text, model.TermsText(model.PaymentTerms{PrepayBP: 5000, NetDays: 10}, "en")) {
		t.Errorf("the draft's text lacks the buyer or the terms:\n%s", cd.body.Text)
	}
	if !strings.Contains(cd.body.Text, "{{number}}") && !strings.Contains(chosen.Body, "{{number}}") {
		t.Log("the template has no number placeholder")
	}

	cd.body.SetText("")
	test.Tap(cd.saveText)
	if cd.f.errorOf("body") == "" {
		t.Error("an empty text was not refused beside the field")
	}
	cd.body.SetText("Agreement {{number}} of {{date}} with " + f.cust.Name + ". Special clause 7.")
	test.Tap(cd.post)
	h.settle()
	d, err := h.session("seller").FindDocumentByID(h.ctx, cd.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantNo := d.Number
	if d.Status != model.StatusPosted || !strings.HasPrefix(d.Number, fmt.Sprintf("Д-%d-", today().Year())) || !strings.Contains(d.Body, "Special clause 7") || !strings.Contains(d.Body, wantNo) {
		t.Errorf("posted: %s %q, body %q", d.Status, d.Number, d.Body)
	}
	if dones != 2 {
		t.Errorf("done ran %d times, want 2", dones)
	}
	top := h.overlay()
	if !hasLabel(top, en("contract.posted_open", wantNo)) {
		t.Error("no offer to open the contract")
	}
}
