package dashreport

import (
	"fmt"
	"time"

	"sdelka/model"
	"sdelka/reports/charts"
)

// pdfChartScale is the scale charts are drawn at for a PDF when the
// caller gives none: sharp when printed.
const pdfChartScale = 2

// chartOptions are the options of a chart embedded in a PDF.
func chartOptions(tr model.Tr, scale float64) charts.Options {
	if !(scale > 0) {
		scale = pdfChartScale
	}
	return charts.Options{Width: 800, Height: 400, Scale: scale, Lang: tr.Code()}
}

// SectionBlock is a section of d as a report block: its title, its chart
// (drawn at scale) and its table with the totals in bold.
func SectionBlock(tr model.Tr, d model.Dashboard, s Section, scale float64) (Block, error) {
	o := chartOptions(tr, scale)
	if n := barRows(d, s); n >= 0 {
		// Horizontal bars: as tall as their rows need, not a fixed box.
		o.Height = min(max(90+34*n, 160), o.Height)
	}
	png, _, err := Chart(tr, d, s, o)
	if err != nil {
		return Block{}, err
	}
	header, rows := Table(tr, d, s)
	return Block{Title: tr.T(s.TitleKey()), PNG: png, Header: header, Rows: rows, Bold: totalRows(tr, rows)}, nil
}

// totalRows are the indexes of the rows that total a table.
func totalRows(tr model.Tr, rows [][]string) []int {
	total := tr.T("dash.total")
	var out []int
	for i, r := range rows {
		if len(r) > 0 && r[0] == total {
			out = append(out, i)
		}
	}
	return out
}

// reportHeading is the company and the period.
func reportHeading(tr model.Tr, company, period string) []string {
	var h []string
	if company != "" {
		h = append(h, company)
	}
	if period != "" {
		h = append(h, tr.T("mgmt.period", period))
	}
	return h
}

// reportLines are the filters, the currency and the date.
func reportLines(tr model.Tr, filterText []string, currency string, today time.Time) []string {
	lines := append([]string(nil), filterText...)
	if currency != "" {
		lines = append(lines, tr.T("mgmt.currency", currency))
	}
	if !today.IsZero() {
		lines = append(lines, tr.T("mgmt.as_of", newFmt(tr, "").date(today)))
	}
	return lines
}

// ManagementPDF writes the management report: the title, the company,
// the period and each filter (filterText: ready lines such as «Менеджер:
// Иванов», since names need the database), then each chosen section's
// chart (drawn at scale; 0 means 2) and table, with page numbers. No
// sections means all of them.
func ManagementPDF(tr model.Tr, d model.Dashboard, sections []Section, filterText []string, company string, scale float64) ([]byte, error) {
	if len(sections) == 0 {
		sections = Sections
	}
	blocks := make([]Block, 0, len(sections))
	for _, s := range sections {
		bl, err := SectionBlock(tr, d, s, scale)
		if err != nil {
			return nil, fmt.Errorf("management report: %w", err)
		}
		blocks = append(blocks, bl)
	}
	return WritePDF(tr, Document{
		Title:   tr.T("mgmt.title"),
		Heading: reportHeading(tr, company, PeriodText(tr, d.Filter)),
		Lines:   reportLines(tr, filterText, d.Currency, d.Today),
		Blocks:  blocks,
		Author:  company,
		Created: d.Today,
	})
}

// ForecastPDF writes the revenue forecast: the chart (drawn at scale; 0
// means 2), the method and its backtest error, and the table; or, when
// there is too little history, the message instead of numbers.
func ForecastPDF(tr model.Tr, v model.ForecastView, currency string, filterText []string, company string, today time.Time, scale float64) ([]byte, error) {
	png, err := ForecastChart(tr, v, chartOptions(tr, scale))
	if err != nil {
		return nil, fmt.Errorf("forecast report: %w", err)
	}
	header, rows := ForecastTable(tr, v, currency)
	return WritePDF(tr, Document{
		Title:   tr.T("fc.title"),
		Heading: reportHeading(tr, company, ""),
		Lines:   reportLines(tr, filterText, currency, today),
		Blocks:  []Block{{PNG: png, Notes: ForecastSummary(tr, v)}, {Header: header, Rows: rows}},
		Author:  company,
		Created: today,
	})
}

// CustomerPart is a part of the customer analysis report.
type CustomerPart string

// The customer analysis report's parts.
const (
	PartABC  CustomerPart = "abc"
	PartRFM  CustomerPart = "rfm"
	PartRisk CustomerPart = "risk"
)

// CustomersPDF writes the chosen parts of the customer analysis (none
// means all): ABC by class and by customer, RFM by segment with what each
// means and by customer, and the customers at risk.
func CustomersPDF(tr model.Tr, a model.CustomerAnalysis, parts []CustomerPart, currency string, filterText []string, company string) ([]byte, error) {
	if len(parts) == 0 {
		parts = []CustomerPart{PartABC, PartRFM, PartRisk}
	}
	var blocks []Block
	for _, p := range parts {
		switch p {
		case PartABC:
			h1, r1 := ABCClassTable(tr, a.ABC, currency)
			h2, r2 := ABCTable(tr, a.ABC, currency)
			blocks = append(blocks, Block{Title: tr.T("ca.abc_title"), Header: h1, Rows: r1}, Block{Header: h2, Rows: r2})
		case PartRFM:
			h1, r1 := RFMSegmentTable(tr, a.RFM, currency)
			h2, r2 := RFMTable(tr, a.RFM, currency)
			blocks = append(blocks, Block{Title: tr.T("ca.rfm_title"), Header: h1, Rows: r1}, Block{Header: h2, Rows: r2})
		case PartRisk:
			h, r := RiskTable(tr, a.AtRisk, currency)
			bl := Block{Title: tr.T("ca.risk_title"), Header: h, Rows: r, Notes: []string{tr.T("ca.risk_note")}}
			if len(r) == 0 {
				bl.Header, bl.Notes = nil, []string{tr.T("ca.risk_none")}
			}
			blocks = append(blocks, bl)
		default:
			return nil, fmt.Errorf("customer analysis report: unknown part %q", p)
		}
	}
	period := PeriodText(tr, model.DashFilter{From: a.From, To: a.To})
	return WritePDF(tr, Document{
		Title:   tr.T("ca.title"),
		Heading: reportHeading(tr, company, period),
		Lines:   reportLines(tr, filterText, currency, a.Today),
		Blocks:  blocks,
		Author:  company,
		Created: a.Today,
	})
}

// barRows is how many horizontal bars a section draws, -1 for a section
// drawn otherwise.
func barRows(d model.Dashboard, s Section) int {
	switch s {
	case SectionSellers, SectionRegions, SectionSegments, SectionGroups, SectionTop:
		return len(dimRows(d, s))
	case SectionAgeing:
		return len(ageingRows(d))
	case SectionSources:
		return len(d.Sources)
	}
	return -1
}
