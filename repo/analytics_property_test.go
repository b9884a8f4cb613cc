package repo_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// TestSummaryTablesEqualRecomputation drives random sequences of the
// writes that feed the analytics summary tables — orders confirmed into
// invoices, shipments, credit notes, cancellations, payments, customers
// changing region, segment, group, channel and owner, customers deleted and
// restored, deals created, moved, reassigned and deleted — through the real
// services, and after each sequence has `check` recompute sales_cm,
// sales_cube, sales_dim, sales_slice, sales_bound and funnel_cube from the
// documents and the stage history: every row must be equal. The filtered
// dashboards must agree with the unfiltered one, and top customers found
// through sales_bound with those found by grouping.
func TestSummaryTablesEqualRecomputation(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			f := newDealFixture(t)
			ctx := t.Context()
			rng := rand.New(rand.NewPCG(seed, 7))
			owners := []string{f.tm.seller1.ID, f.tm.seller2.ID, f.tm.head.ID}
			regions := []string{"", "77", "78", "16"}
			segments := []string{"", "Малый бизнес", "Крупный бизнес"}
			channels := append([]model.Channel{""}, model.Channels...)
			grp, err := f.head.SaveGroup(ctx, model.CustomerGroup{Name: "Крупный опт (тест)"})
			if err != nil {
				t.Fatal(err)
			}
			groups := []string{"", grp.ID}
			var custs []model.Customer
			for i := range 4 {
				c, err := f.head.CreateCustomer(ctx, model.Customer{Kind: model.CustomerCompany, Name: fmt.Sprintf("ООО «Клиент %d»", i),
					OwnerID: owners[i%2], Channel: channels[i%len(channels)]})
				if err != nil {
					t.Fatal(err)
				}
				custs = append(custs, c)
			}
			var invoices []model.Document
			var deals []model.Deal
			codes := []string{}
			for _, s := range f.pipe.Stages {
				codes = append(codes, s.Code)
			}
			ops := 0
			for step := 0; step < 60; step++ {
				f.clk.Advance(time.Duration(rng.IntN(40)) * time.Hour)
				switch k := rng.IntN(10); {
				case k < 3: // an order confirmed into a posted invoice
					ci := rng.IntN(len(custs))
					o := model.Document{Kind: model.DocOrder, CustomerID: custs[ci].ID, WarehouseID: f.wh.ID,
						Channel: channels[rng.IntN(len(channels))],
						Lines:   []model.DocLine{{ProductID: f.delivery.ID, Qty: units(int64(1 + rng.IntN(3)))}}}
					o, err := f.head.SaveDraft(ctx, o)
					if err != nil {
						t.Fatal(err)
					}
					res, err := f.head.ConfirmOrder(ctx, o.ID, o.Version)
					if err != nil {
						t.Fatal(err)
					}
					invoices = append(invoices, res.Invoice)
					ops++
				case k == 3 && len(invoices) > 0: // a return of one unit
					inv := invoices[rng.IntN(len(invoices))]
					if _, err := f.acc.CreateCreditNote(ctx, inv.ID, []model.CreditLine{{LineNo: 1, Qty: units(1)}}, "возврат", time.Time{}); err == nil {
						ops++
					}
				case k == 4 && len(invoices) > 0: // cancel an invoice (refused when paid or credited)
					i := rng.IntN(len(invoices))
					cur, err := f.acc.FindDocumentByID(ctx, invoices[i].ID)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := f.head.CancelDocument(ctx, cur.ID, cur.Version, "ошибка"); err == nil {
						ops++
					}
				case k == 5 && len(invoices) > 0: // a payment
					inv, err := f.acc.FindDocumentByID(ctx, invoices[rng.IntN(len(invoices))].ID)
					if err != nil {
						t.Fatal(err)
					}
					if due := inv.Totals.Gross + inv.Credited - inv.Paid; inv.Status == model.StatusPosted && due > 0 {
						amt := max(due/2, 1)
						if _, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: inv.CustomerID, Amount: amt, Method: model.PayBank,
							Date: f.clk.Now(), Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: amt}}}); err != nil {
							t.Fatal(err)
						}
						ops++
					}
				case k == 6: // a customer's dimensions change
					i := rng.IntN(len(custs))
					c, err := f.head.FindCustomerByID(ctx, custs[i].ID)
					if err != nil {
						t.Fatal(err)
					}
					c.RegionCode, c.Segment = regions[rng.IntN(len(regions))], segments[rng.IntN(len(segments))]
					c.GroupID, c.Channel, c.OwnerID = groups[rng.IntN(len(groups))], channels[rng.IntN(len(channels))], owners[rng.IntN(len(owners))]
					if custs[i], err = f.head.UpdateCustomer(ctx, c); err != nil {
						t.Fatal(err)
					}
					ops++
				case k == 7: // a new deal
					d := model.Deal{CustomerID: custs[rng.IntN(len(custs))].ID, Title: fmt.Sprintf("Сделка %d", step),
						Lines: []model.DealLine{{ProductID: f.delivery.ID, Qty: units(1)}}}
					d, err := f.head.SaveDeal(ctx, d)
					if err != nil {
						t.Fatal(err)
					}
					deals = append(deals, d)
					ops++
				case k == 8 && len(deals) > 0: // a move to a random stage (refusals are fine)
					i := rng.IntN(len(deals))
					code := codes[rng.IntN(len(codes))]
					n, err := f.head.MoveDeal(ctx, model.MoveRequest{DealID: deals[i].ID, Version: deals[i].Version, ToStageID: f.stage[code].ID,
						Result: "итог этапа", LostReason: "Цена"})
					if err == nil {
						deals[i] = n
						ops++
					}
				case k == 9 && len(deals) > 0: // reassign or delete a deal
					i := rng.IntN(len(deals))
					d := deals[i]
					if rng.IntN(3) == 0 {
						if err := f.head.DeleteDeal(ctx, d.ID, d.Version); err == nil {
							deals = append(deals[:i], deals[i+1:]...)
							ops++
						}
					} else if d.Status == model.DealOpen {
						d.OwnerID = owners[rng.IntN(len(owners))]
						if n, err := f.head.SaveDeal(ctx, d); err == nil {
							deals[i] = n
							ops++
						}
					}
				}
			}
			if ops < 25 {
				t.Fatalf("only %d writes took effect", ops)
			}
			mustCheck(t, f.s)
			// The filtered dashboard (read from the cube) agrees with the
			// unfiltered one (read from sales_dim), dimension by dimension.
			period := model.DashFilter{From: model.Month{Year: 2026, Month: time.January}, To: model.Month{Year: 2026, Month: time.December}}
			all, err := f.head.Dashboard(ctx, period)
			if err != nil {
				t.Fatal(err)
			}
			// Filtered by one channel, region, segment or group (read from
			// sales_slice) or by that and a seller (from the cube), each
			// breakdown sums to what the unfiltered dashboard says of the
			// value.
			type dimSet struct {
				name string
				list []model.DimAmount
				set  func(f *model.DashFilter, k string)
			}
			for _, ds := range []dimSet{
				{"channel", all.ByChannel, func(f *model.DashFilter, k string) { f.Channel = model.Channel(k) }},
				{"region", all.ByRegion, func(f *model.DashFilter, k string) { f.RegionCode = k }},
				{"segment", all.BySegment, func(f *model.DashFilter, k string) { f.Segment = k }},
				{"group", all.ByGroup, func(f *model.DashFilter, k string) { f.GroupID = k }},
			} {
				for _, x := range ds.list {
					if x.Key == "" {
						continue
					}
					fl := period
					ds.set(&fl, x.Key)
					d, err := f.head.Dashboard(ctx, fl)
					if err != nil {
						t.Fatal(err)
					}
					sum := func(l []model.DimAmount) (n model.Money) {
						for _, y := range l {
							n += y.Net
						}
						return n
					}
					if d.Total != x.Net || sum(d.BySeller) != x.Net || sum(d.ByRegion) != x.Net || sum(d.ByChannel) != x.Net ||
						sum(d.BySegment) != x.Net || sum(d.ByGroup) != x.Net {
						t.Errorf("%s %s: total %d, by seller %d, region %d, channel %d, segment %d, group %d; unfiltered says %d",
							ds.name, x.Key, d.Total, sum(d.BySeller), sum(d.ByRegion), sum(d.ByChannel), sum(d.BySegment), sum(d.ByGroup), x.Net)
					}
					// The same with each seller: the parts add up to the value.
					var bySellers model.Money
					for _, o := range all.BySeller {
						fo := fl
						fo.OwnerID = o.Key
						do, err := f.head.Dashboard(ctx, fo)
						if err != nil {
							t.Fatal(err)
						}
						bySellers += do.Total
					}
					if bySellers != x.Net {
						t.Errorf("%s %s: the sellers' dashboards sum to %d, not %d", ds.name, x.Key, bySellers, x.Net)
					}
				}
			}
			// The funnel counted from the moves (as under several customer
			// dimensions) equals funnel_cube's, unfiltered and per seller,
			// and the funnels of the channels add up to the whole.
			funnels := func(fl model.DashFilter) string {
				d, err := f.head.Dashboard(ctx, fl)
				if err != nil {
					t.Fatal(err)
				}
				return fmt.Sprintf("%+v", d.Funnel.Stages)
			}
			// So does funnel_slice's, for each channel and region with and
			// without a seller.
			for _, o := range append([]string{""}, owners...) {
				for _, dim := range []model.DashFilter{{}, {Channel: model.ChannelDealer}, {Channel: model.ChannelWeb}, {RegionCode: "77"}, {RegionCode: "16"}} {
					fl := period
					fl.OwnerID, fl.Channel, fl.RegionCode = o, dim.Channel, dim.RegionCode
					cube := funnels(fl)
					repo.SetFunnelFromMoves(true)
					moves := funnels(fl)
					repo.SetFunnelFromMoves(false)
					if cube != moves {
						t.Errorf("funnel of %+v: the summary says %s, the moves %s", fl, cube, moves)
					}
				}
			}
			var entered, enteredByChannel int
			for _, ch := range channels {
				fl := period
				fl.Channel = ch
				d, err := f.head.Dashboard(ctx, fl)
				if err != nil {
					t.Fatal(err)
				}
				for _, st := range d.Funnel.Stages {
					if ch == "" {
						entered += st.Entered
					} else {
						enteredByChannel += st.Entered
					}
				}
			}
			if entered == 0 || enteredByChannel == 0 {
				t.Errorf("no stage moves in the period to compare (%d, %d by channel)", entered, enteredByChannel)
			}
			if noChannel := movesOfCustomersWithoutChannel(t, f.s.Path(), all.Funnel.PipelineID, period); entered-noChannel != enteredByChannel {
				t.Errorf("the channels' funnels count %d entries, the whole funnel %d of which %d are of customers without a channel",
					enteredByChannel, entered, noChannel)
			}
			// Top customers found by walking sales_bound equal those found by
			// grouping, under each filter, for short lists (the fixture has
			// four customers), with batches of one customer and more, and with
			// a walk too short to prove anything.
			proved := 0
			filters := []model.DashFilter{period}
			for _, ch := range channels[1:] {
				fl := period
				fl.Channel = ch
				filters = append(filters, fl)
			}
			for _, r := range regions[1:] {
				fl := period
				fl.RegionCode = r
				filters = append(filters, fl)
			}
			for _, o := range owners {
				fl := period
				fl.OwnerID = o
				filters = append(filters, fl)
			}
			for _, fl := range filters {
				for _, n := range []int{1, 2, 3, 10} {
					for _, walk := range [][2]int{{1, 1}, {1, 1000}, {2, 1000}, {64, 1000}} {
						bound, ok, grouped, err := f.head.TopBothWays(fl, n, walk[0], walk[1])
						if err != nil {
							t.Fatal(err)
						}
						if !ok {
							continue
						}
						proved++
						if fmt.Sprint(bound) != fmt.Sprint(grouped) {
							t.Errorf("top %d of %+v: walking the bounds gives %v, grouping %v", n, fl, bound, grouped)
						}
					}
				}
			}
			if proved == 0 {
				t.Error("walking the bounds never proved a top list")
			}
			// The check is not blind: a drifted row of each table is found.
			for _, q := range []string{
				`UPDATE sales_cm SET net = net + 1 WHERE customer_id = (SELECT min(customer_id) FROM sales_cm)`,
				`UPDATE sales_cube SET invoices = invoices + 1 WHERE month = (SELECT min(month) FROM sales_cube)`,
				`UPDATE sales_dim SET docs = docs + 1 WHERE owner_id = '*' AND dim = 'all'`,
				`UPDATE funnel_cube SET entered = entered + 1 WHERE stage_id = (SELECT min(stage_id) FROM funnel_cube)`,
				`UPDATE sales_slice SET net = net + 1 WHERE fdim = 'channel' AND dim = 'all' AND month = (SELECT min(month) FROM sales_slice)`,
				`UPDATE sales_bound SET bound = bound + 1 WHERE customer_id = (SELECT min(customer_id) FROM sales_bound)`,
				`UPDATE deals SET cust_segment = cust_segment || '*' WHERE id = (SELECT min(id) FROM deals)`,
				`UPDATE funnel_slice SET timed = timed + 1 WHERE fdim = 'channel' AND stage_id = (SELECT min(stage_id) FROM funnel_slice)`,
			} {
				rawExec(t, f.s.Path(), q)
			}
			probs, err := f.s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]bool{}
			for _, p := range probs {
				found[strings.Fields(p.Where)[0]] = true
			}
			for _, tab := range []string{"sales_cm", "sales_cube", "sales_dim", "sales_slice", "sales_bound", "funnel_cube", "funnel_slice", "deal"} {
				if !found[tab] {
					t.Errorf("a drifted %s was not reported: %v", tab, probs)
				}
			}
		})
	}
}

// movesOfCustomersWithoutChannel counts, from the source tables, the stage
// moves into a stage in the period of deals of customers without a channel.
func movesOfCustomersWithoutChannel(t *testing.T, path, pipelineID string, period model.DashFilter) int {
	t.Helper()
	return int(rawInt(t, path, `SELECT count(*) FROM deal_stage_history h JOIN deals dl ON dl.id = h.deal_id JOIN customers c ON c.id = dl.customer_id
		WHERE h.pipeline_id = ? AND h.owner_id IS NOT NULL AND c.channel = '' AND h.at >= ? AND h.at < ?`,
		pipelineID, period.From.First().Format("2006-01-02"), period.To.Add(1).First().Format("2006-01-02")))
}
