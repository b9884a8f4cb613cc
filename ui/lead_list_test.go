package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

func TestLeadIsRoutedByRegionAndConverted(t *testing.T) {
	h := newHarness(t, true, "en")
	admin := h.pipe("admin")
	regions, err := h.session("admin").Regions(h.ctx)
	if err != nil || len(regions) < 2 {
		t.Fatalf("regions: %d, %v", len(regions), err)
	}
	region := regions[1]
	seller2 := h.user("seller2")
	if _, err := admin.SaveRoutingRule(h.ctx, model.RoutingRule{Name: "Регион — Соколову", Sort: -1, Field: model.RouteRegion,
		Value: region.Code, UserID: seller2.ID, Active: true}); err != nil {
		t.Fatal(err)
	}
	h.loginAs("head")
	l := newLeadList(h.a)
	h.openScreen(l)
	lf := h.a.editLead(model.Lead{}, l.saved)
	h.settle()
	box := h.overlay()
	fieldIn(t, box, en("field.person")).entry(t).SetText("Игорь Лидов")
	fieldIn(t, box, en("field.company")).entry(t).SetText("ООО «Лид из региона»")
	lf.f.setText("source", "Выставка")
	pick(t, lf.region, region.Code)
	lf.dlg.submit()
	h.settle()
	if lf.dlg.open {
		t.Fatalf("the lead dialog stays open: %q", fieldIn(t, box, en("field.person")).errorText())
	}
	if !hasLabelContaining(h.overlay(), "Регион — Соколову") || !hasLabelContaining(h.overlay(), seller2.FullName) {
		t.Error("the dialog after saving does not say which rule chose whom")
	}
	h.closeDialogs()
	row := leadRow(l, "Игорь Лидов")
	if row < 0 {
		t.Fatalf("the lead is not among %d shown", len(l.rows))
	}
	ld := l.rows[row]
	if ld.OwnerID != seller2.ID || ld.RoutedBy != "Регион — Соколову" {
		t.Fatalf("lead owner %q routed by %q", ld.OwnerName, ld.RoutedBy)
	}
	cells := map[string]string{}
	for i, c := range leadColumns {
		cells[c.key] = cellText(l.cell, row, i)
	}
	if cells["routed_by"] != "Регион — Соколову" || cells["region"] != region.Name("en") || cells["owner"] != seller2.FullName {
		t.Errorf("row: %v", cells)
	}
	// Convert it into a new customer with a deal.
	l.table.Select(tableCell(row))
	h.settle()
	test.Tap(buttonIn(t, h.a.shell.content, en("leads.convert")))
	h.settle()
	conv := h.overlay()
	if got := fieldIn(t, conv, en("field.deal_title")).entry(t).Text; got != "ООО «Лид из региона»" {
		t.Errorf("deal title %q", got)
	}
	fieldIn(t, conv, en("field.amount")).entry(t).SetText("150000")
	test.Tap(buttonIn(t, conv, en("convert.do")))
	h.settle()
	done := h.overlay()
	buttonIn(t, done, en("convert.open_deal"))
	buttonIn(t, done, en("convert.open_customer"))
	h.closeDialogs()
	got, err := h.pipe("head").FindLeadByID(h.ctx, ld.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != model.LeadConverted || got.CustomerID == "" || got.DealID == "" {
		t.Fatalf("converted lead: %+v", got)
	}
	if _, err := h.session("head").CustomerCard(h.ctx, got.CustomerID, 0); err != nil {
		t.Errorf("the customer: %v", err)
	}
	deal, err := h.pipe("head").FindDealByID(h.ctx, got.DealID)
	if err != nil {
		t.Fatal(err)
	}
	if deal.CustomerID != got.CustomerID || deal.Amount != 15000000 || !strings.Contains(deal.Title, "Лид из региона") {
		t.Errorf("deal: customer %q amount %d title %q", deal.CustomerID, deal.Amount, deal.Title)
	}
}

// cellText is the text a table's fill function gives a cell.
func cellText(fill func(id widget.TableCellID, l *widget.Label), row, col int) string {
	l := widget.NewLabel("")
	fill(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

// leadRow is the row of the lead of this person, or -1.
func leadRow(l *leadList, person string) int {
	for i, ld := range l.rows {
		if ld.Name == person {
			return i
		}
	}
	return -1
}

func TestLeadNeedsANameAndDisqualifies(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	h.loginAs("seller")
	l := newLeadList(h.a)
	h.openScreen(l)
	lf := h.a.editLead(model.Lead{}, l.saved)
	h.settle()
	lf.dlg.submit()
	h.settle()
	if !lf.dlg.open || lf.f.errorOf("person") != en(model.MsgLeadName) {
		t.Fatalf("an empty lead: open %v, message %q", lf.dlg.open, lf.f.errorOf("person"))
	}
	lf.f.setText("person", "Пётр Пустой")
	lf.dlg.submit()
	h.settle()
	h.closeDialogs()
	row := leadRow(l, "Пётр Пустой")
	if row < 0 {
		t.Fatalf("the lead is not among %d shown", len(l.rows))
	}
	d := h.a.disqualifyLead(l.rows[row], l.saved)
	d.submit()
	if !d.open {
		t.Fatal("disqualified without a reason")
	}
	fieldIn(t, h.overlay(), en("field.reason")).entry(t).SetText("Нет бюджета")
	d.submit()
	h.settle()
	if d.open || leadRow(l, "Пётр Пустой") >= 0 {
		t.Fatalf("after disqualifying: open %v, still listed %v", d.open, leadRow(l, "Пётр Пустой") >= 0)
	}
}

func TestLeadConvertsIntoAnExistingCustomerWithoutADeal(t *testing.T) {
	h := newHarness(t, true, "en")
	f := newWorkFixture(h)
	ld, err := h.pipe("seller").SaveLead(h.ctx, model.Lead{Name: "Анна Существующая", Company: "Покупатель Воронки", OwnerID: h.user("seller").ID})
	if err != nil {
		t.Fatal(err)
	}
	h.loginAs("seller")
	l := newLeadList(h.a)
	h.openScreen(l)
	c := h.a.convertLead(ld, nil)
	c.target.SetSelected(en("convert.existing_customer"))
	c.dlg.submit()
	if c.f.errorOf("customer") != en(model.MsgDealCustomer) {
		t.Fatalf("no customer chosen: %q", c.f.errorOf("customer"))
	}
	h.pickHit(c.customer, "Покупатель Вор", "Покупатель Воронки")
	c.noDeal.SetChecked(true)
	c.dlg.submit()
	h.settle()
	if c.dlg.open {
		t.Fatal("the conversion dialog stays open")
	}
	buttonIn(t, h.overlay(), en("convert.open_customer"))
	if len(findAll(h.overlay(), func(b *widget.Button) bool { return b.Text == en("convert.open_deal") })) != 0 {
		t.Error("a deal is offered without one")
	}
	got, err := h.pipe("seller").FindLeadByID(h.ctx, ld.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != model.LeadConverted || got.CustomerID != f.cust.ID || got.DealID != "" {
		t.Errorf("lead after converting: status %q customer %q deal %q", got.Status, got.CustomerID, got.DealID)
	}
}
