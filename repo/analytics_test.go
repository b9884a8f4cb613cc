package repo_test

import (
	"errors"
	"testing"
	"time"

	"sdelka/model"
)

// TestAnalyticsPlansAndCommissions runs a sale through the dashboard, a
// plan, a commission rule, payments, closing a month, a late payment and a
// return, checking every figure by hand.
func TestAnalyticsPlansAndCommissions(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	march := model.Month{Year: 2026, Month: time.March}
	april := march.Add(1)

	// A dealer: its orders and their invoices are in the dealer channel.
	cust, err := f.seller.CreateCustomer(ctx, model.Customer{Kind: model.CustomerCompany, Name: "ООО «Дилер»", Channel: model.ChannelDealer})
	if err != nil {
		t.Fatal(err)
	}
	f.customer = cust
	// 10 × 650.00 + 1500.00 = 8000.00 net, 9760.00 with VAT 22 %.
	o := f.order(t, f.seller, f.customer.ID, f.cement, 10, f.delivery, 1)
	if o.Channel != model.ChannelDealer {
		t.Errorf("the order's channel %q, want the customer's", o.Channel)
	}
	res, err := f.seller.ConfirmOrder(ctx, o.ID, o.Version)
	if err != nil {
		t.Fatal(err)
	}
	inv := res.Invoice
	if inv.Channel != model.ChannelDealer {
		t.Errorf("the invoice's channel %q, want the order's", inv.Channel)
	}
	if inv.Totals.Net != 800000 || inv.Totals.Gross != 976000 {
		t.Fatalf("invoice totals %+v", inv.Totals)
	}

	// The dashboard: the head sees the sale, the other seller nothing.
	d, err := f.head.Dashboard(ctx, model.DashFilter{From: march, To: march})
	if err != nil {
		t.Fatal(err)
	}
	if d.Total != 800000 || len(d.Revenue) != 1 || d.Revenue[0].Net != 800000 || d.Revenue[0].Invoices != 1 {
		t.Errorf("head's revenue %d %+v, want 8000.00 in one invoice", d.Total, d.Revenue)
	}
	if len(d.BySeller) != 1 || d.BySeller[0].Key != f.tm.seller1.ID || d.BySeller[0].Net != 800000 {
		t.Errorf("by seller %+v", d.BySeller)
	}
	if len(d.ByChannel) != 1 || d.ByChannel[0].Key != string(model.ChannelDealer) || d.ByChannel[0].Net != 800000 {
		t.Errorf("by channel %+v", d.ByChannel)
	}
	dw, err := f.head.Dashboard(ctx, model.DashFilter{From: march, To: march, Channel: model.ChannelWeb})
	if err != nil {
		t.Fatal(err)
	}
	if dw.Total != 0 {
		t.Errorf("the web channel's revenue %d, want 0", dw.Total)
	}
	if len(d.Top) != 1 || d.Top[0].Key != f.customer.ID {
		t.Errorf("top customers %+v", d.Top)
	}
	var open model.Money
	for _, b := range d.Ageing {
		open += b.Amount
	}
	if open != 976000 {
		t.Errorf("receivables %d, want the whole invoice 9760.00: %+v", open, d.Ageing)
	}
	d2, err := f.s.Session(f.tm.seller2).Dashboard(ctx, model.DashFilter{From: march, To: march, OwnerID: f.tm.seller1.ID})
	if err != nil {
		t.Fatal(err)
	}
	if d2.Total != 0 || d2.Filter.OwnerID != f.tm.seller2.ID {
		t.Errorf("another seller sees %d (filter %+v)", d2.Total, d2.Filter)
	}
	rows, err := f.head.Drill(ctx, model.DrillRequest{Filter: d.Filter, Kind: model.DrillSeller, Key: f.tm.seller1.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].ID != inv.ID || rows[0].Amount != 800000 {
		t.Errorf("drill into the seller: %+v", rows)
	}
	var bucket string
	for _, b := range d.Ageing {
		if b.Invoices == 1 {
			bucket = b.Key
		}
	}
	if ag, err := f.head.Drill(ctx, model.DrillRequest{Filter: d.Filter, Kind: model.DrillAgeing, Key: bucket}); err != nil || len(ag) != 1 || ag[0].Amount != 976000 {
		t.Errorf("drill into ageing bucket %q: %v %+v", bucket, err, ag)
	}
	// The ageing buckets' edges (summed inside SQLite) agree with
	// model.BucketOf and with the drill, day by day; a due date that is
	// not a date counts as current.
	for _, days := range []int{-5, 0, 1, 30, 31, 60, 61, 90, 91, 400} {
		due := d.Today.AddDate(0, 0, -days).Format(time.DateOnly)
		rawExec(t, f.s.Path(), `UPDATE documents SET due_date = '`+due+`' WHERE id = '`+inv.ID+`'`)
		da, err := f.head.Dashboard(ctx, model.DashFilter{From: march, To: march})
		if err != nil {
			t.Fatal(err)
		}
		want := model.BucketOf(days)
		for i, b := range da.Ageing {
			if n := map[bool]int{true: 1}[i == want]; b.Invoices != n {
				t.Errorf("due %d days ago: bucket %s has %d invoices, want %d", days, b.Key, b.Invoices, n)
			}
		}
		if ag, err := f.head.Drill(ctx, model.DrillRequest{Filter: d.Filter, Kind: model.DrillAgeing, Key: da.Ageing[want].Key}); err != nil || len(ag) != 1 {
			t.Errorf("due %d days ago: drill into %s: %v %+v", days, da.Ageing[want].Key, err, ag)
		}
	}
	rawExec(t, f.s.Path(), `UPDATE documents SET due_date = 'soon' WHERE id = '`+inv.ID+`'`)
	if da, err := f.head.Dashboard(ctx, model.DashFilter{From: march, To: march}); err != nil || da.Ageing[0].Invoices != 1 {
		t.Errorf("a due date that is not a date: %v %+v", err, da.Ageing)
	}
	rawExec(t, f.s.Path(), `UPDATE documents SET due_date = '`+inv.DueDate.Format(time.DateOnly)+`' WHERE id = '`+inv.ID+`'`)
	if mon, err := f.head.Drill(ctx, model.DrillRequest{Filter: d.Filter, Kind: model.DrillRevenueMonth, Key: "2026-03"}); err != nil || len(mon) != 1 {
		t.Errorf("drill into March: %v %+v", err, mon)
	}
	if _, err := f.head.Drill(ctx, model.DrillRequest{Filter: d.Filter, Kind: "nonsense"}); !hasField(err, "kind") {
		t.Errorf("an unknown drill kind: %v", err)
	}
	if _, err := f.head.Dashboard(ctx, model.DashFilter{From: april, To: march}); !hasField(err, "to") {
		t.Errorf("a period ending before it starts: %v", err)
	}
	fc, err := f.head.Forecast(ctx, model.DashFilter{}, 6)
	if err != nil {
		t.Fatal(err)
	}
	if fc.Err == "" {
		t.Errorf("a forecast from one month of history: %+v", fc.Forecast)
	}

	ca, err := f.head.Customers(ctx, model.DashFilter{From: march, To: march})
	if err != nil {
		t.Fatal(err)
	}
	if len(ca.ABC) != 1 || ca.ABC[0].CustomerID != f.customer.ID || ca.ABC[0].Class != model.ABCClassA || ca.ABC[0].Name != "ООО «Дилер»" ||
		len(ca.RFM) != 1 || ca.RFM[0].CustomerID != f.customer.ID {
		t.Errorf("customer analysis: ABC %+v, RFM %+v", ca.ABC, ca.RFM)
	}
	if ca2, err := f.s.Session(f.tm.seller2).Customers(ctx, model.DashFilter{From: march, To: march}); err != nil || len(ca2.ABC)+len(ca2.RFM) != 0 {
		t.Errorf("another seller's customer analysis: %v %+v", err, ca2)
	}

	// A plan of 5000.00 for March.
	plans, err := f.head.Plans(ctx, march, march)
	if err != nil {
		t.Fatal(err)
	}
	var row model.PlanRow
	for _, p := range plans {
		if p.UserID == f.tm.seller1.ID {
			row = p
		}
	}
	if plans[0].UserID != "" || row.UserID == "" || row.Version != 0 || row.Name != "Мария Продавцова" {
		t.Fatalf("plan rows %+v", plans)
	}
	row.Amount = 500000
	if err := f.seller.SavePlans(ctx, []model.PlanRow{row}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller sets their own plan: %v", err)
	}
	if err := f.head.SavePlans(ctx, []model.PlanRow{row}); err != nil {
		t.Fatal(err)
	}
	if err := f.head.SavePlans(ctx, []model.PlanRow{row}); !errors.Is(err, model.ErrStale) {
		t.Errorf("saving over a plan saved meanwhile: %v", err)
	}
	own, err := f.seller.Plans(ctx, march, march)
	if err != nil {
		t.Fatal(err)
	}
	if len(own) != 1 || own[0].Amount != 500000 || own[0].Version != 1 {
		t.Errorf("the seller's own plan rows %+v", own)
	}

	// 5 % of paid revenue, ×1.2 from 100 % of the plan, 1000.00 bonus.
	if _, err := f.head.SaveCommissionRule(ctx, model.CommissionRule{Role: model.RoleSeller, BaseRateBP: 20000, ValidFrom: march.First()}); !hasField(err, "base_rate") {
		t.Errorf("a 200 %% rate: %v", err)
	}
	rule, err := f.head.SaveCommissionRule(ctx, model.CommissionRule{Role: model.RoleSeller, BaseRateBP: 500, ValidFrom: march.First(),
		Tiers: []model.CommissionTier{{FromBP: 10000, FactorBP: 12000}}, PlanBonus: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.seller.SaveCommissionRule(ctx, rule); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller edits a rule: %v", err)
	}

	// Half the invoice paid in March: 4000.00 net, 80 % of the plan.
	if _, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: f.customer.ID, Amount: 488000, Method: model.PayBank, Date: clockStart,
		Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: 488000}}}); err != nil {
		t.Fatal(err)
	}
	p, err := f.acc.Commissions(ctx, march)
	if err != nil {
		t.Fatal(err)
	}
	c := calcOf(p, f.tm.seller1.ID)
	if c == nil || c.Paid != 400000 || c.FulfilmentBP != 8000 || c.Commission != 20000 || c.Bonus != 0 || len(c.Lines) != 1 {
		t.Fatalf("March before closing: %+v", c)
	}
	if _, err := f.acc.CloseCommissions(ctx, march); !hasField(err, "month") {
		t.Errorf("closing a month not over: %v", err)
	}
	f.clk.Advance(31 * 24 * time.Hour) // 2 April
	closed, err := f.acc.CloseCommissions(ctx, march)
	if err != nil {
		t.Fatal(err)
	}
	if !closed.Closed || closed.Total.Total != c.Total {
		t.Errorf("closed March %+v", closed.Total)
	}
	if _, err := f.head.CloseCommissions(ctx, march); !hasField(err, "month") {
		t.Errorf("closing March twice: %v", err)
	}

	// The rest paid in April but dated March: March stays frozen, April
	// counts it (late). Then two bags come back.
	if _, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: f.customer.ID, Amount: 488000, Method: model.PayBank, Date: clockStart.AddDate(0, 0, 18),
		Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: 488000}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.acc.CreateCreditNote(ctx, inv.ID, []model.CreditLine{{LineNo: 1, Qty: units(2)}}, "брак", time.Time{}); err != nil {
		t.Fatal(err)
	}
	again, err := f.seller.Commissions(ctx, march)
	if err != nil {
		t.Fatal(err)
	}
	if c2 := calcOf(again, f.tm.seller1.ID); !again.Closed || c2 == nil || c2.Total != 20000 || len(c2.Lines) != 1 || len(again.Calcs) != 1 {
		t.Errorf("March after closing: %+v", again)
	}
	ap, err := f.head.Commissions(ctx, april)
	if err != nil {
		t.Fatal(err)
	}
	c = calcOf(ap, f.tm.seller1.ID)
	// 4000.00 × 5 % = 200.00 for the late payment; the return of 1300.00 net
	// of 8000.00 earned on claws back 1300/8000 × 400.00 = 65.00.
	if c == nil || len(c.Lines) != 2 || !c.Lines[0].Late || c.Lines[0].Commission != 20000 || c.Lines[1].Kind != model.CommissionCredit ||
		c.Lines[1].Base != -130000 || c.Commission != 20000-6500 || c.HasPlan {
		t.Errorf("April %+v", c)
	}
	da, err := f.head.Dashboard(ctx, model.DashFilter{From: april, To: april})
	if err != nil {
		t.Fatal(err)
	}
	if da.Total != -130000 {
		t.Errorf("April's revenue %d, want the return −1300.00", da.Total)
	}
	if err := f.head.DeleteCommissionRule(ctx, rule.ID, rule.Version); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, f.s)
}

func calcOf(p model.CommissionPeriod, userID string) *model.CommissionCalc {
	for i := range p.Calcs {
		if p.Calcs[i].UserID == userID {
			return &p.Calcs[i]
		}
	}
	return nil
}
