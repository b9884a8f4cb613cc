// Package dashreport is the one place that turns analytics results into
// what people see: a dashboard figure's chart (PNG and the rectangles of its
// elements), the records behind a clicked element, the figure as a text
// table, the forecast and customer-analysis tables, and the management
// report PDF. The UI, the command line and the PDF all call it, so a chart,
// its table and the list a click opens never disagree.
//
// It never queries: the caller hands it a model.Dashboard (or a forecast,
// customer analysis or commission period) and a translator. Amounts are
// printed with the digits of the dashboard's currency in the translator's
// language; percentages from basis points with one decimal, an undefined
// one (-1) as «—».
package dashreport

import (
	"bytes"
	"fmt"

	"sdelka/model"
	"sdelka/reports/charts"
)

// Section is one figure of the dashboard.
type Section string

// The dashboard's figures.
const (
	SectionRevenue  Section = "revenue"  // revenue by month, the period against a year earlier
	SectionSellers  Section = "sellers"  // revenue by seller
	SectionRegions  Section = "regions"  // revenue by region
	SectionSegments Section = "segments" // revenue by customer segment
	SectionGroups   Section = "groups"   // revenue by customer group
	SectionChannels Section = "channels" // revenue by sales channel
	SectionTop      Section = "top"      // top customers
	SectionFunnel   Section = "funnel"   // deals entering each stage, conversion, days, win rate
	SectionLost     Section = "lost"     // lost reasons
	SectionPipeline Section = "pipeline" // open deals by expected close month, amount and weighted
	SectionAgeing   Section = "ageing"   // receivables by days past due
	SectionSources  Section = "sources"  // lead sources: leads, conversion, revenue
	SectionPlans    Section = "plans"    // plan against actual per seller
)

// Sections are the figures in display order.
var Sections = []Section{
	SectionRevenue, SectionSellers, SectionRegions, SectionSegments, SectionGroups, SectionChannels,
	SectionTop, SectionFunnel, SectionLost, SectionPipeline, SectionAgeing, SectionSources, SectionPlans,
}

// TitleKey is the translation key of the section's title.
func (s Section) TitleKey() string { return "dash.section." + string(s) }

// ParseSection reads a section's name ("revenue", "funnel", …).
func ParseSection(name string) (Section, bool) {
	for _, s := range Sections {
		if string(s) == name {
			return s, true
		}
	}
	return "", false
}

// Chart draws a section of d. The options' language defaults to tr's and
// its amount format to whole units of d.Currency; the title is the
// caller's (the UI and the PDF print it outside the image). Each hit's
// Index is the element DrillFor turns into a record list. The only error is
// an unknown section or the renderer's.
func Chart(tr model.Tr, d model.Dashboard, s Section, o charts.Options) (png []byte, hits []charts.Hit, err error) {
	f := newFmt(tr, d.Currency)
	if o.Lang == "" {
		o.Lang = tr.Code()
	}
	if o.Money == nil {
		o.Money = f.whole
	}
	var buf bytes.Buffer
	switch s {
	case SectionRevenue:
		months := make([]string, len(d.Revenue))
		cur := make([]model.Money, len(d.Revenue))
		prev := make([]model.Money, len(d.Revenue))
		for i, m := range d.Revenue {
			months[i], cur[i] = f.month(m.Month), m.Net
			if i < len(d.PrevYear) {
				prev[i] = d.PrevYear[i].Net
			}
		}
		curName, prevName := revenueSeriesNames(f, d)
		hits, err = charts.MonthBars(&buf, o, months,
			charts.MoneySeries{Name: curName, Values: cur},
			charts.MoneySeries{Name: prevName, Values: prev[:min(len(prev), len(d.PrevYear))]})
	case SectionSellers, SectionRegions, SectionSegments, SectionGroups, SectionTop:
		rows := dimRows(d, s)
		labels, values := make([]string, len(rows)), make([]model.Money, len(rows))
		for i, r := range rows {
			labels[i], values[i] = dimLabel(f, s, r), r.Net
		}
		hits, err = charts.Bars(&buf, o, labels, values)
	case SectionChannels:
		labels, values := make([]string, len(d.ByChannel)), make([]model.Money, len(d.ByChannel))
		for i, r := range d.ByChannel {
			labels[i], values[i] = dimLabel(f, s, r), r.Net
		}
		hits, err = charts.Pie(&buf, o, labels, values)
	case SectionFunnel:
		stages := funnelStages(d)
		names, counts := make([]string, len(stages)), make([]int, len(stages))
		for i, st := range stages {
			names[i], counts[i] = st.Name, st.Entered
		}
		hits, err = charts.Funnel(&buf, o, names, counts)
	case SectionLost:
		rs := d.Funnel.LostReasons
		labels, counts := make([]string, len(rs)), make([]int, len(rs))
		for i, r := range rs {
			labels[i], counts[i] = countLabel(f, r), r.Count
		}
		hits, err = charts.PieCounts(&buf, o, labels, counts)
	case SectionPipeline:
		months := make([]string, len(d.Pipeline))
		amount, weighted := make([]model.Money, len(d.Pipeline)), make([]model.Money, len(d.Pipeline))
		for i, p := range d.Pipeline {
			months[i], amount[i], weighted[i] = f.month(p.Month), p.Amount, p.Weighted
		}
		hits, err = charts.MonthBars(&buf, o, months,
			charts.MoneySeries{Name: tr.T("dash.col.amount"), Values: amount},
			charts.MoneySeries{Name: tr.T("dash.col.weighted"), Values: weighted})
	case SectionAgeing:
		bs := ageingRows(d)
		labels, values := make([]string, len(bs)), make([]model.Money, len(bs))
		for i, b := range bs {
			labels[i], values[i] = tr.T(b.Key), b.Amount
		}
		hits, err = charts.Bars(&buf, o, labels, values)
	case SectionSources:
		labels, values := make([]string, len(d.Sources)), make([]model.Money, len(d.Sources))
		for i, src := range d.Sources {
			labels[i], values[i] = orNotSet(f, src.Source), src.Revenue
		}
		hits, err = charts.Bars(&buf, o, labels, values)
	case SectionPlans:
		ps := planSellers(d)
		names := make([]string, len(ps))
		plan, fact := make([]model.Money, len(ps)), make([]model.Money, len(ps))
		for i, p := range ps {
			names[i], plan[i], fact[i] = planName(f, p), p.Plan, p.Fact
		}
		hits, err = charts.MonthBars(&buf, o, names,
			charts.MoneySeries{Name: tr.T("dash.col.plan"), Values: plan},
			charts.MoneySeries{Name: tr.T("dash.col.fact"), Values: fact})
	default:
		return nil, nil, fmt.Errorf("dashboard chart: unknown section %q", s)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("dashboard chart %s: %w", s, err)
	}
	return buf.Bytes(), hits, nil
}

// revenueSeriesNames names the period's and the year-earlier series: the
// years when the period lies within one year («2026», «2025»), else
// «Период» and «Годом ранее».
func revenueSeriesNames(f fmtr, d model.Dashboard) (cur, prev string) {
	if n := len(d.Revenue); n > 0 && d.Revenue[0].Month.Year == d.Revenue[n-1].Month.Year && d.Revenue[0].Month.Year > 0 {
		y := d.Revenue[0].Month.Year
		return fmt.Sprint(y), fmt.Sprint(y - 1)
	}
	return f.tr.T("dash.series.period"), f.tr.T("dash.col.prev_year")
}

// DrillFor maps a clicked chart element (a hit of Chart for the same d and
// s) to the records behind it, under d's filter. ok is false for a hit
// that stands for no records (the team's plan, an index out of range, an
// unknown section).
func DrillFor(d model.Dashboard, s Section, h charts.Hit) (model.DrillRequest, bool) {
	r := model.DrillRequest{Filter: d.Filter}
	i := h.Index
	in := func(n int) bool { return i >= 0 && i < n }
	switch s {
	case SectionRevenue:
		if h.Series == 1 {
			if !in(len(d.PrevYear)) {
				return r, false
			}
			r.Kind, r.Key = model.DrillRevenueMonth, d.PrevYear[i].Month.String()
			return r, true
		}
		if !in(len(d.Revenue)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillRevenueMonth, d.Revenue[i].Month.String()
	case SectionSellers, SectionRegions, SectionSegments, SectionGroups, SectionChannels, SectionTop:
		rows := dimRows(d, s)
		if !in(len(rows)) {
			return r, false
		}
		r.Kind, r.Key = dimKinds[s], rows[i].Key
	case SectionFunnel:
		stages := funnelStages(d)
		if !in(len(stages)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillStage, stages[i].StageID
	case SectionLost:
		if !in(len(d.Funnel.LostReasons)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillLostReason, d.Funnel.LostReasons[i].Key
	case SectionPipeline:
		if !in(len(d.Pipeline)) {
			return r, false
		}
		r.Kind = model.DrillPipeline
		if m := d.Pipeline[i].Month; !m.IsZero() {
			r.Key = m.String()
		}
	case SectionAgeing:
		bs := ageingRows(d)
		if !in(len(bs)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillAgeing, bs[i].Key
	case SectionSources:
		if !in(len(d.Sources)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillLeadSource, d.Sources[i].Source
	case SectionPlans:
		ps := planSellers(d)
		if !in(len(ps)) {
			return r, false
		}
		r.Kind, r.Key = model.DrillPlan, ps[i].UserID
	default:
		return r, false
	}
	return r, true
}

// dimKinds are the drill kinds of the revenue breakdowns.
var dimKinds = map[Section]model.DrillKind{
	SectionSellers: model.DrillSeller, SectionRegions: model.DrillRegion, SectionSegments: model.DrillSegment,
	SectionGroups: model.DrillGroup, SectionChannels: model.DrillChannel, SectionTop: model.DrillCustomer,
}

// dimRows are the rows of a revenue breakdown.
func dimRows(d model.Dashboard, s Section) []model.DimAmount {
	switch s {
	case SectionSellers:
		return d.BySeller
	case SectionRegions:
		return d.ByRegion
	case SectionSegments:
		return d.BySegment
	case SectionGroups:
		return d.ByGroup
	case SectionChannels:
		return d.ByChannel
	case SectionTop:
		return d.Top
	}
	return nil
}

// dimLabel is a breakdown row's text: a channel's translated name, the
// label, the key when there is no label, or «не указано».
func dimLabel(f fmtr, s Section, r model.DimAmount) string {
	if s == SectionChannels && r.Key != "" {
		if k := model.Channel(r.Key).Key(); f.tr.Has(k) {
			return f.tr.T(k)
		}
	}
	if r.Label != "" {
		return r.Label
	}
	return orNotSet(f, r.Key)
}

// countLabel is a lost reason's text.
func countLabel(f fmtr, r model.DimCount) string {
	if r.Label != "" {
		return r.Label
	}
	return orNotSet(f, r.Key)
}

// orNotSet is s, or «не указано» for "".
func orNotSet(f fmtr, s string) string {
	if s == "" {
		return f.tr.T("dash.not_set")
	}
	return s
}

// funnelStages are the stages the funnel chart draws: the open stages and
// the won stage (a lost stage is not a step of the funnel; the lost
// reasons chart shows it).
func funnelStages(d model.Dashboard) []model.FunnelStage {
	var out []model.FunnelStage
	for _, st := range d.Funnel.Stages {
		if st.Kind != model.StageLost {
			out = append(out, st)
		}
	}
	return out
}

// ageingRows are the ageing buckets, or the empty buckets when d has none.
func ageingRows(d model.Dashboard) []model.AgeingBucket {
	if len(d.Ageing) > 0 {
		return d.Ageing
	}
	return model.AgeingBuckets
}

// planSellers are the sellers' plans without the team's (whose size would
// flatten every seller's bars).
func planSellers(d model.Dashboard) []model.PlanFact {
	var out []model.PlanFact
	for _, p := range d.Plans {
		if p.UserID != "" {
			out = append(out, p)
		}
	}
	return out
}

// planName is the seller's name, or «Команда» for the team.
func planName(f fmtr, p model.PlanFact) string {
	if p.UserID == "" {
		return f.tr.T("dash.team")
	}
	if p.Name != "" {
		return p.Name
	}
	return p.UserID
}
