package dashreport

import (
	"sdelka/model"
)

// Table is a section of d as text: the column headings and the rows, the
// totals last where the figure has them. Amount columns name the currency
// in their heading; cells hold the amounts with its decimals. An unknown
// section gives no columns and no rows.
func Table(tr model.Tr, d model.Dashboard, s Section) (header []string, rows [][]string) {
	f := newFmt(tr, d.Currency)
	switch s {
	case SectionRevenue:
		header = []string{tr.T("dash.col.month"), f.withCur("dash.col.revenue"), f.withCur("dash.col.prev_year"),
			tr.T("dash.col.change"), tr.T("dash.col.invoices")}
		for i, m := range d.Revenue {
			prev, prevText := model.Money(0), ""
			if i < len(d.PrevYear) {
				prev = d.PrevYear[i].Net
				prevText = f.money(prev)
			}
			rows = append(rows, []string{f.month(m.Month), f.money(m.Net), prevText, f.change(m.Net, prev), f.count(m.Invoices)})
		}
		invoices := 0
		for _, m := range d.Revenue {
			invoices += m.Invoices
		}
		rows = append(rows, []string{tr.T("dash.total"), f.money(d.Total), f.money(d.PrevTotal),
			f.change(d.Total, d.PrevTotal), f.count(invoices)})
	case SectionSellers, SectionRegions, SectionSegments, SectionGroups, SectionChannels, SectionTop:
		dims := dimRows(d, s)
		header = []string{tr.T(dimColumn[s]), f.withCur("dash.col.revenue"), tr.T("dash.col.share"), tr.T("dash.col.invoices")}
		// Shares are of the period's revenue, so the top customers' shares
		// say how much of it they bring.
		total := d.Total
		if total <= 0 {
			total = 0
			for _, r := range dims {
				if r.Net > 0 {
					total += r.Net
				}
			}
		}
		var sum model.Money
		invoices := 0
		for _, r := range dims {
			rows = append(rows, []string{dimLabel(f, s, r), f.money(r.Net), share(f, r.Net, total), f.count(r.Invoices)})
			sum += r.Net
			invoices += r.Invoices
		}
		if s != SectionTop && len(dims) > 0 {
			rows = append(rows, []string{tr.T("dash.total"), f.money(sum), share(f, sum, total), f.count(invoices)})
		}
	case SectionFunnel:
		header = []string{tr.T("dash.col.stage"), tr.T("dash.col.entered"), tr.T("dash.col.conversion"), tr.T("dash.col.avg_days")}
		for _, st := range d.Funnel.Stages {
			conv := "—"
			if st.Kind == model.StageOpen {
				conv = f.pct(st.ConversionBP)
			}
			days := "—"
			if st.Left > 0 {
				days = f.days(st.AvgDays)
			}
			rows = append(rows, []string{st.Name, f.count(st.Entered), conv, days})
		}
		rows = append(rows,
			[]string{tr.T("dash.won"), f.count(d.Funnel.Won), "", ""},
			[]string{tr.T("dash.lost"), f.count(d.Funnel.Lost), "", ""},
			[]string{tr.T("dash.win_rate"), "", f.pct(d.Funnel.WinRateBP), ""})
	case SectionLost:
		header = []string{tr.T("dash.col.reason"), tr.T("dash.col.deals"), tr.T("dash.col.share"), f.withCur("dash.col.amount")}
		total, amount := 0, model.Money(0)
		for _, r := range d.Funnel.LostReasons {
			total += r.Count
			amount += r.Amount
		}
		for _, r := range d.Funnel.LostReasons {
			rows = append(rows, []string{countLabel(f, r), f.count(r.Count), share(f, model.Money(r.Count), model.Money(total)), f.money(r.Amount)})
		}
		if len(d.Funnel.LostReasons) > 0 {
			rows = append(rows, []string{tr.T("dash.total"), f.count(total), share(f, model.Money(total), model.Money(total)), f.money(amount)})
		}
	case SectionPipeline:
		header = []string{tr.T("dash.col.close_month"), tr.T("dash.col.deals"), f.withCur("dash.col.amount"), f.withCur("dash.col.weighted")}
		deals, amount, weighted := 0, model.Money(0), model.Money(0)
		for _, p := range d.Pipeline {
			rows = append(rows, []string{f.month(p.Month), f.count(p.Deals), f.money(p.Amount), f.money(p.Weighted)})
			deals, amount, weighted = deals+p.Deals, amount+p.Amount, weighted+p.Weighted
		}
		if len(d.Pipeline) > 0 {
			rows = append(rows, []string{tr.T("dash.total"), f.count(deals), f.money(amount), f.money(weighted)})
		}
	case SectionAgeing:
		header = []string{tr.T("dash.col.overdue"), tr.T("dash.col.invoices"), f.withCur("dash.col.open_amount"), tr.T("dash.col.share")}
		bs := ageingRows(d)
		invoices, amount := 0, model.Money(0)
		for _, b := range bs {
			invoices, amount = invoices+b.Invoices, amount+b.Amount
		}
		for _, b := range bs {
			rows = append(rows, []string{tr.T(b.Key), f.count(b.Invoices), f.money(b.Amount), share(f, b.Amount, amount)})
		}
		rows = append(rows,
			[]string{tr.T("dash.total"), f.count(invoices), f.money(amount), share(f, amount, amount)},
			[]string{tr.T("dash.overdue_theirs"), f.count(d.Overdue.Theirs), f.money(d.Overdue.TheirsAmount), ""},
			[]string{tr.T("dash.overdue_ours"), f.count(d.Overdue.Ours), f.money(d.Overdue.OursAmount), ""})
	case SectionSources:
		header = []string{tr.T("dash.col.source"), tr.T("dash.col.leads"), tr.T("dash.col.converted"),
			tr.T("dash.col.conversion"), f.withCur("dash.col.revenue")}
		leads, conv, revenue := 0, 0, model.Money(0)
		for _, src := range d.Sources {
			rows = append(rows, []string{orNotSet(f, src.Source), f.count(src.Leads), f.count(src.Converted),
				f.pct(src.ConversionBP), f.money(src.Revenue)})
			leads, conv, revenue = leads+src.Leads, conv+src.Converted, revenue+src.Revenue
		}
		if len(d.Sources) > 0 {
			bp := int64(-1)
			if leads > 0 {
				bp = int64(conv) * 10000 / int64(leads)
			}
			rows = append(rows, []string{tr.T("dash.total"), f.count(leads), f.count(conv), f.pct(bp), f.money(revenue)})
		}
	case SectionPlans:
		header = []string{tr.T("dash.col.seller"), f.withCur("dash.col.plan"), f.withCur("dash.col.fact"), tr.T("dash.col.fulfilment")}
		for _, p := range d.Plans {
			plan := "—"
			if p.Plan > 0 {
				plan = f.money(p.Plan)
			}
			rows = append(rows, []string{planName(f, p), plan, f.money(p.Fact), f.pct(p.FulfilmentBP)})
		}
	}
	return header, rows
}

// dimColumn is the heading of a breakdown's first column.
var dimColumn = map[Section]string{
	SectionSellers: "dash.col.seller", SectionRegions: "dash.col.region", SectionSegments: "dash.col.segment",
	SectionGroups: "dash.col.group", SectionChannels: "dash.col.channel", SectionTop: "dash.col.customer",
}

// share is part ÷ total as a percentage; «—» when total is not positive.
func share(f fmtr, part, total model.Money) string {
	if total <= 0 {
		return "—"
	}
	bp, ok := model.MulDivRound(int64(part), 10000, int64(total))
	if !ok {
		return "—"
	}
	if bp < 0 {
		return "-" + f.pct(-bp)
	}
	return f.pct(bp)
}
