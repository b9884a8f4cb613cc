package ui

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
	"sdelka/reports/dashreport"
	"sdelka/reports/tabular"
)

// TestCustomerAnalysisScreen checks that the ABC tab lists the demo
// customers with their classes and class meanings, that choosing an RFM
// segment lists only its customers with its meaning, and that a double tap
// opens the customer's card.
func TestCustomerAnalysisScreen(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	s, ok := h.openNav("analytics_customers").(*customerAnalysis)
	if !ok {
		t.Fatalf("screen is %T", h.a.shell.screen)
	}
	h.settle()
	if !s.loaded || len(s.data.ABC) == 0 {
		t.Fatalf("loaded %v, %d ABC rows", s.loaded, len(s.data.ABC))
	}
	if len(s.abc.rows) != len(s.data.ABC) {
		t.Fatalf("ABC list %d rows, analysis %d", len(s.abc.rows), len(s.data.ABC))
	}
	classes := map[string]int{}
	for i, r := range s.abc.rows {
		if r[1] != s.data.ABC[i].Name {
			t.Errorf("row %d customer %q, want %q", i, r[1], s.data.ABC[i].Name)
		}
		classes[r[2]]++
	}
	if classes[en("abc.a")] == 0 || classes[en("abc.c")] == 0 {
		t.Errorf("classes shown %v, want A and C on the demo data", classes)
	}
	for _, c := range model.ABCClasses {
		if !strings.Contains(s.abcClasses.Text, en(c.MeaningKey())) {
			t.Errorf("class totals lack the meaning of %s: %q", c, s.abcClasses.Text)
		}
	}

	// An RFM segment with customers: only they are listed, with its meaning.
	seg := ""
	for _, r := range s.data.RFM {
		seg = r.Segment
		break
	}
	if seg == "" {
		t.Fatal("no RFM rows on the demo data")
	}
	want := 0
	for _, r := range s.data.RFM {
		if r.Segment == seg {
			want++
		}
	}
	i := slices.Index(s.segment.values, seg)
	pickOption(t, s.segment, s.segment.labels[i])
	if len(s.rfm.rows) != want || len(s.rfm.rows) == len(s.data.RFM) && want != len(s.data.RFM) {
		t.Errorf("segment %s lists %d rows, want %d", seg, len(s.rfm.rows), want)
	}
	for _, r := range s.rfm.rows {
		if r[8] != en(seg) {
			t.Errorf("row of segment %q in the %s list", r[8], seg)
		}
	}
	if !strings.Contains(s.segMeaning.Text, en(seg+".meaning")) {
		t.Errorf("segment meaning %q", s.segMeaning.Text)
	}

	s.tabs.SelectIndex(1)
	s.rfm.list.Select(0)
	shot(t, h, "customers-rfm")
	sheet, header, rows := s.table()
	if sheet != "RFM" || len(rows) != want || len(header) == 0 {
		t.Errorf("RFM export: sheet %q, %d rows, want %d", sheet, len(rows), want)
	}
	var buf bytes.Buffer
	if err := writeTable(&buf, tabular.CSV, sheet, header, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), s.rfmRows[0].Name) || !strings.Contains(buf.String(), en(seg)) {
		t.Errorf("CSV of the RFM tab lacks %q: %.300s", s.rfmRows[0].Name, buf.String())
	}
	s.tabs.SelectIndex(2)
	shot(t, h, "customers-risk")
	if sheet, _, rows := s.table(); sheet != "At risk" || len(rows) != len(s.data.AtRisk) {
		t.Errorf("risk export: %q, %d rows", sheet, len(rows))
	}
	if len(s.risk.rows) == 0 || s.risk.rows[0][7] == "" {
		t.Errorf("at-risk rows without the responsible seller: %v", s.risk.rows)
	}
	s.tabs.SelectIndex(0)
	shot(t, h, "customers-abc")
	s.abc.list.Select(0)
	s.abc.open(0)
	h.settle()
	if c, ok := h.a.shell.screen.(*customerCard); !ok || c.id != s.data.ABC[0].CustomerID {
		t.Fatalf("double tap opened %T", h.a.shell.screen)
	}
}

// TestPlansScreen edits a cell of the plan grid, saves it and reads it back;
// a plan changed meanwhile by someone else is refused with the stale
// message; a seller sees the plans read-only.
func TestPlansScreen(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	s := h.openNav("plans").(*plansScreen)
	h.settle()
	if len(s.cells) < 2 || s.cells[0][0] == nil || s.cells[0][0].row.UserID != "" {
		t.Fatalf("grid rows %d; the first must be the team", len(s.cells))
	}
	c := s.cells[1][2] // the first seller, March
	c.entry.SetText(h.moneyText(1234567))
	test.Tap(s.save)
	h.settle()
	from, to := s.months()
	rows, err := h.session("head").Plans(h.ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	saved := false
	for _, r := range rows {
		if r.UserID == c.row.UserID && r.Month == from.Add(2) {
			saved = r.Amount == 1234567
		}
	}
	if !saved {
		t.Fatal("the edited plan was not stored")
	}
	s = h.openNav("plans").(*plansScreen)
	h.settle()
	if got := s.cells[1][2].entry.Text; got != h.a.money(1234567, 2) {
		t.Fatalf("reloaded cell %q", got)
	}
	shot(t, h, "plans")
	if !strings.Contains(s.status.Text, "1") {
		t.Errorf("status %q", s.status.Text)
	}

	// Someone else changes the same plan; our edit is refused as stale.
	r := s.cells[1][2].row
	r.Amount = 2000000
	if err := h.session("admin").SavePlans(h.ctx, []model.PlanRow{r}); err != nil {
		t.Fatal(err)
	}
	s.cells[1][2].entry.SetText(h.moneyText(3000000))
	test.Tap(s.save)
	h.settle()
	if !s.msg.Visible() || s.msg.Text != en("plan.stale") {
		t.Errorf("stale save shows %q (visible %v)", s.msg.Text, s.msg.Visible())
	}
	h.closeDialogs()

	// Not an amount: named, nothing saved.
	s.cells[1][3].entry.SetText("abc")
	test.Tap(s.save)
	if !s.msg.Visible() || !strings.Contains(s.msg.Text, "abc") && !strings.Contains(s.msg.Text, s.cells[1][3].row.Name) {
		t.Errorf("bad amount message %q", s.msg.Text)
	}

	h2 := newHarness(t, true, "en")
	h2.login("seller", repo.DemoPassword)
	ss := h2.openNav("plans").(*plansScreen)
	h2.settle()
	if ss.save.Visible() {
		t.Error("a seller sees Save")
	}
	if len(ss.cells) == 0 {
		t.Fatal("a seller sees no plans")
	}
	for _, row := range ss.cells {
		for _, c := range row {
			if c != nil && !c.entry.Disabled() {
				t.Fatal("a seller can edit a plan cell")
			}
		}
	}
}

// TestCommissionsScreen pays an invoice of the seller under a 10 % rule of
// his own and checks the summary and the entries, then closes last month.
func TestCommissionsScreen(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	seller := h.user("seller")
	cur := model.MonthOf(today())
	if _, err := h.session("head").SaveCommissionRule(h.ctx, model.CommissionRule{UserID: seller.ID, BaseRateBP: 1000,
		ValidFrom: cur.Add(-2).First()}); err != nil {
		t.Fatal(err)
	}
	f := newPayFixture(h)
	inv := f.invoiceWith(h.session("seller"), 2)
	if inv.OwnerID != seller.ID {
		t.Fatalf("invoice owner %s, want the seller", inv.OwnerID)
	}
	if _, err := h.session("accountant").RecordPayment(h.ctx, model.Payment{CustomerID: f.cust.ID, Date: today(),
		Amount: inv.Totals.Gross, Method: model.PayBank, Number: "п/п 777",
		Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: inv.Totals.Gross}}}); err != nil {
		t.Fatal(err)
	}
	s := h.openNav("commissions").(*commissionsScreen)
	h.settle()
	if !s.loaded || s.period.Month != cur {
		t.Fatalf("loaded %v, month %v", s.loaded, s.period.Month)
	}
	idx := slices.IndexFunc(s.period.Calcs, func(c model.CommissionCalc) bool { return c.UserID == seller.ID })
	if idx < 0 {
		t.Fatal("no calculation for the seller")
	}
	calc := s.period.Calcs[idx]
	tr := h.a.tr
	if calc.Commission <= 0 || s.summary.rows[idx][5] != dashreport.Money(tr, s.period.Currency, calc.Commission) {
		t.Fatalf("summary row %v, commission %d", s.summary.rows[idx], calc.Commission)
	}
	if s.totals[7].Text != dashreport.Money(tr, s.period.Currency, s.period.Total.Total) {
		t.Errorf("totals %q", s.totals[7].Text)
	}
	s.summary.list.Select(idx)
	found := false
	for i, r := range s.entries.rows {
		e := calc.Lines[i]
		if r[2] == inv.Number && r[3] == f.cust.Name && strings.Contains(r[1], e.DocNumber) {
			found = true
			want := model.Money(int64(e.Base) * 1000 / 10000)
			if e.Commission != want || r[8] != dashreport.Money(tr, s.period.Currency, want) || r[6] != dashreport.Rate(tr, 1000) {
				t.Errorf("entry %v: commission %d, want %d", r, e.Commission, want)
			}
		}
	}
	if !found {
		t.Fatalf("the payment of %s is not among the entries %v", inv.Number, s.entries.rows)
	}
	if !s.stmtB.Visible() || s.stmtB.Disabled() {
		t.Error("statement PDF not offered for the selected seller")
	}
	if s.closeB.Disabled() == false {
		t.Error("the current month can be closed")
	}
	shot(t, h, "commissions")

	// Close last month.
	prev := cur.Add(-1)
	pickOption(t, s.month, dashreport.LongMonth(tr, prev))
	h.settle()
	if s.period.Month != prev || s.period.Closed || s.closeB.Disabled() {
		t.Fatalf("last month: %v closed %v, button disabled %v", s.period.Month, s.period.Closed, s.closeB.Disabled())
	}
	test.Tap(s.closeB)
	test.Tap(buttonIn(t, h.overlay(), en("comm.close")))
	h.settle()
	if !s.period.Closed || !s.closeB.Disabled() {
		t.Fatalf("after closing: closed %v", s.period.Closed)
	}
	want := en("comm.closed_by", dashreport.Date(tr, s.period.ClosedAt), h.user("head").FullName)
	if s.state.Text != want {
		t.Errorf("state %q, want %q", s.state.Text, want)
	}
	if os.Getenv("SDELKA_UI_PNG") != "" {
		h.a.SetLanguage("ru")
		h.settle()
		if rs, ok := h.a.shell.screen.(*commissionsScreen); ok && len(rs.period.Calcs) > 0 {
			rs.summary.list.Select(len(rs.period.Calcs) - 1)
		}
		shot(t, h, "commissions-ru")
	}
}

// TestCommissionRuleValidation opens the rules from the commissions screen
// and saves a rule with a 200 % rate: the message appears beside the rate.
func TestCommissionRuleValidation(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	s := h.openNav("commissions").(*commissionsScreen)
	h.settle()
	test.Tap(s.rulesB)
	h.settle()
	rs, ok := h.a.shell.screen.(*rulesScreen)
	if !ok {
		t.Fatalf("screen is %T", h.a.shell.screen)
	}
	if len(rs.rules) == 0 || len(rs.list.rows) != len(rs.rules) {
		t.Fatalf("rules %d, rows %d", len(rs.rules), len(rs.list.rows))
	}
	n := len(rs.rules)
	shot(t, h, "commission-rules")
	test.Tap(buttonIn(t, h.a.shell.content, en("btn.new")))
	d := h.dialog()
	test.Tap(buttonIn(t, d.root, en("comm.add_rate")))
	test.Tap(buttonIn(t, d.root, en("comm.add_tier")))
	rf := rs.form
	if len(rf.rates) != 1 || len(rf.tiers) != 1 || len(rf.s.cats.cats) == 0 {
		t.Fatalf("rate rows %d, tier rows %d, categories %d", len(rf.rates), len(rf.tiers), len(rf.s.cats.cats))
	}
	cat := rf.s.cats.cats[0]
	pickOption(t, rf.rates[0].cat, rf.rates[0].cat.labels[0])
	rf.rates[0].right.SetText("4")
	rf.tiers[0].left.SetText("100")
	rf.tiers[0].right.SetText("1" + h.a.T("format.decimal") + "25")
	d.set(t, en("field.base_rate"), "200")
	test.Tap(d.save)
	if got := fieldIn(t, d.root, en("field.base_rate")).errorText(); got != en("valid.commission.rate") {
		t.Fatalf("message beside the rate %q", got)
	}
	shot(t, h, "commission-rule")
	d.set(t, en("field.base_rate"), "7"+h.a.T("format.decimal")+"5")
	test.Tap(d.save)
	h.settle()
	if rs.dlg.open {
		t.Fatal("the dialog stayed open after a valid rule")
	}
	if len(rs.rules) != n+1 {
		t.Fatalf("rules %d after adding, want %d", len(rs.rules), n+1)
	}
	var added *model.CommissionRule
	for i, r := range rs.rules {
		if r.BaseRateBP == 750 {
			added = &rs.rules[i]
		}
	}
	if added == nil || added.Role != model.RoleSeller || added.CategoryRates[cat.ID] != 400 ||
		len(added.Tiers) != 1 || added.Tiers[0] != (model.CommissionTier{FromBP: 10000, FactorBP: 12500}) {
		t.Fatalf("saved rule %+v", added)
	}
}

// shot writes the window as name.png into SDELKA_UI_PNG when it is set.
func shot(t *testing.T, h *harness, name string) {
	t.Helper()
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		return
	}
	h.settle()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
