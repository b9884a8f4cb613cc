package ui

import (
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// A sales head sets a group's credit limit in the groups dialog; a customer
// of the group without terms of its own inherits it.
func TestGroupTermsEditor(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	a := h.a
	groups, err := a.svc.Customers.Groups(a.ctx)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v", err)
	}
	g := groups[0]
	te := newGroupTermsEditor(a, g.ID)
	te.build()
	var d catalogDicts
	a.loadCatalogDicts(func(cd catalogDicts) { d = cd })
	h.settle()
	te.setDicts(d)
	te.load()
	h.settle()
	te.hasLimit.SetChecked(true)
	te.limit.SetText("1234.50")
	te.submit()
	h.settle()
	got, err := a.svc.Sales.GroupTerms(a.ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.HasLimit || got.CreditLimit != 123450 || got.GroupID != g.ID {
		t.Fatalf("group terms after saving: %+v", got)
	}
	cs, err := a.svc.Customers.FindCustomers(a.ctx, model.CustomerFilter{GroupID: g.ID, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		eff, own, err := a.svc.Sales.Terms(a.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !own.HasLimit && (!eff.HasLimit || eff.CreditLimit != 123450) {
			t.Errorf("customer %s does not inherit the group's limit: %+v", c.Name, eff)
		}
	}
}
