package dashreport

import (
	"fmt"

	"sdelka/model"
)

// ABCTable is the ABC analysis as text: rank, customer, class, revenue in
// currency, share and cumulative share of the period's revenue.
func ABCTable(tr model.Tr, rows []model.ABCRow, currency string) (header []string, out [][]string) {
	f := newFmt(tr, currency)
	header = []string{"№", tr.T("dash.col.customer"), tr.T("ca.col.class"), f.withCur("dash.col.revenue"),
		tr.T("dash.col.share"), tr.T("ca.col.cum_share")}
	for _, r := range rows {
		out = append(out, []string{f.count(r.Rank), r.Name, tr.T(r.Class.Key()), f.money(r.Revenue), f.pct(r.ShareBP), f.pct(r.CumBP)})
	}
	return header, out
}

// ABCClassTable sums the ABC analysis by class: customers, revenue, share
// and what the class means.
func ABCClassTable(tr model.Tr, rows []model.ABCRow, currency string) (header []string, out [][]string) {
	f := newFmt(tr, currency)
	header = []string{tr.T("ca.col.class"), tr.T("ca.col.customers"), f.withCur("dash.col.revenue"),
		tr.T("dash.col.share"), tr.T("ca.col.meaning")}
	for _, c := range model.ABCClasses {
		n, rev, bp := 0, model.Money(0), int64(0)
		for _, r := range rows {
			if r.Class == c {
				n, rev, bp = n+1, rev+r.Revenue, bp+r.ShareBP
			}
		}
		out = append(out, []string{tr.T(c.Key()), f.count(n), f.money(rev), f.pct(bp), tr.T(c.MeaningKey())})
	}
	return header, out
}

// RFMTable is the RFM analysis as text: customer, last purchase, days
// since, purchases, revenue in currency, the R-F-M scores and the
// segment's name.
func RFMTable(tr model.Tr, rows []model.RFMRow, currency string) (header []string, out [][]string) {
	f := newFmt(tr, currency)
	header = []string{tr.T("dash.col.customer"), tr.T("ca.col.last_purchase"), tr.T("ca.col.recency"),
		tr.T("ca.col.frequency"), f.withCur("dash.col.revenue"), "R-F-M", tr.T("ca.col.segment")}
	for _, r := range rows {
		out = append(out, []string{r.Name, f.date(r.LastPurchase), f.count(r.RecencyDays), f.count(r.Frequency),
			f.money(r.Monetary), fmt.Sprintf("%d-%d-%d", r.R, r.F, r.M), segmentName(tr, r.Segment)})
	}
	return header, out
}

// RFMSegmentTable sums the RFM analysis by segment, best first: customers,
// revenue and what to do with them (the segment's meaning).
func RFMSegmentTable(tr model.Tr, rows []model.RFMRow, currency string) (header []string, out [][]string) {
	f := newFmt(tr, currency)
	header = []string{tr.T("ca.col.segment"), tr.T("ca.col.customers"), f.withCur("dash.col.revenue"), tr.T("ca.col.meaning")}
	for _, sg := range model.RFMSegments {
		n, rev := 0, model.Money(0)
		for _, r := range rows {
			if r.Segment == sg.Key {
				n, rev = n+1, rev+r.Monetary
			}
		}
		out = append(out, []string{tr.T(sg.Key), f.count(n), f.money(rev), tr.T(sg.Meaning)})
	}
	return header, out
}

// segmentName is an RFM segment's translated name ("" stays "").
func segmentName(tr model.Tr, key string) string {
	if key == "" {
		return ""
	}
	return tr.T(key)
}

// RiskTable is the customers at risk as text: customer, last purchase,
// purchases, usual interval, days since the last purchase, days past the
// expected next one, revenue at stake in currency, and the responsible
// seller.
func RiskTable(tr model.Tr, rows []model.RiskRow, currency string) (header []string, out [][]string) {
	f := newFmt(tr, currency)
	header = []string{tr.T("dash.col.customer"), tr.T("ca.col.last_purchase"), tr.T("ca.col.frequency"),
		tr.T("ca.col.interval"), tr.T("ca.col.recency"), tr.T("ca.col.late"), f.withCur("dash.col.revenue"), tr.T("ca.col.owner")}
	for _, r := range rows {
		out = append(out, []string{r.Name, f.date(r.LastPurchase), f.count(r.Purchases), f.count(r.UsualIntervalDays),
			f.count(r.DaysSince), f.count(r.DaysOverdue), f.money(r.Revenue), r.Owner})
	}
	return header, out
}
