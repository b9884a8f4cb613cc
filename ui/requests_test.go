package ui

import (
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

func TestServiceRequestStatus(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	admin := h.session("admin")
	cust := h.findCustomers("admin", model.CustomerFilter{})[0]
	r, err := admin.SaveServiceRequest(h.ctx, model.ServiceRequest{CustomerID: cust.ID, Subject: "Сломался принтер",
		Priority: model.PriorityHigh, Status: model.RequestOpen})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := h.openNav("requests").(*requestsScreen)
	if !ok {
		t.Fatalf("requests screen: got %T", h.a.shell.screen)
	}
	row := -1
	for i, x := range s.rows {
		if x.ID == r.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the request is not listed (%d rows)", len(s.rows))
	}
	s.table.Select(tableCell(row))
	s.status.sel.SetSelected(en("status.resolved"))
	h.settle()
	got, err := admin.FindServiceRequests(h.ctx, model.ServiceRequestFilter{CustomerID: cust.ID})
	if err != nil || len(got) == 0 {
		t.Fatal(err)
	}
	for _, x := range got {
		if x.ID == r.ID && (x.Status != model.RequestResolved || x.ResolvedAt.IsZero()) {
			t.Errorf("after the change: status %q resolved at %v", x.Status, x.ResolvedAt)
		}
	}
	for _, x := range s.rows {
		if x.ID == r.ID {
			t.Error("a resolved request is still listed with «open only»")
		}
	}
	// Open the customer from the list.
	s.rows = append(s.rows, got[0])
	s.sel = len(s.rows) - 1
	s.openCustomer()
	if c := h.card(); c.id != cust.ID {
		t.Errorf("card of %s, want %s", c.id, cust.ID)
	}
}
