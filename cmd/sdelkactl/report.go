package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/reports/charts"
	"sdelka/reports/commissionpdf"
	"sdelka/reports/dashreport"
	"sdelka/reports/tabular"
)

// reportKinds are what `sdelkactl report --kind` offers, and the dashboard
// sections a management PDF of each kind shows.
var reportKinds = map[string][]dashreport.Section{
	"revenue":  {dashreport.SectionRevenue, dashreport.SectionSellers, dashreport.SectionChannels, dashreport.SectionRegions, dashreport.SectionSegments, dashreport.SectionGroups, dashreport.SectionTop, dashreport.SectionPlans},
	"funnel":   {dashreport.SectionFunnel, dashreport.SectionLost, dashreport.SectionSources},
	"pipeline": {dashreport.SectionPipeline},
	"ageing":   {dashreport.SectionAgeing},
	"forecast": nil,
	"abc":      nil,
	"rfm":      nil,
}

// parseReportMonth reads --from/--to: YYYY-MM or a date YYYY-MM-DD (its
// month counts).
func parseReportMonth(flag, s string) (model.Month, error) {
	if s == "" {
		return model.Month{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return model.MonthOf(t), nil
	}
	m, err := model.ParseMonth(s)
	if err != nil {
		return m, fmt.Errorf("--%s %q: want YYYY-MM or YYYY-MM-DD", flag, s)
	}
	return m, nil
}

// runReport is `sdelkactl report`: one analytics figure as CSV, PNG or a
// PDF report, computed as the dashboard computes it for the head of sales.
func runReport(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("report", "report --db PATH --kind revenue|funnel|pipeline|ageing|forecast|abc|rfm [--from D --to D] [--format csv|png|pdf] --out FILE", out)
	db := fs.String("db", "", "database file")
	kind := fs.String("kind", "", "revenue, funnel, pipeline, ageing, forecast, abc or rfm")
	from := fs.String("from", "", "first month of the period: YYYY-MM or a date (default: 11 months before --to)")
	to := fs.String("to", "", "last month of the period: YYYY-MM or a date (default: the current month)")
	format := fs.String("format", "", "csv, png or pdf (default: from the file name)")
	outFile := fs.String("out", "", "file to write")
	lang := fs.String("lang", "ru", "language: ru or en")
	seller := fs.String("seller", "", "only this seller's records (login or full name)")
	channel := fs.String("channel", "", "only this sales channel: direct, dealer, retail, web")
	region := fs.String("region", "", "only customers of this region code (77, 78, …)")
	segment := fs.String("segment", "", "only customers of this segment")
	horizon := fs.Int("horizon", 12, "forecast: months ahead (3, 6 or 12)")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	sections, ok := reportKinds[*kind]
	if !ok || *outFile == "" {
		fmt.Fprintln(out, "give --kind (revenue, funnel, pipeline, ageing, forecast, abc, rfm) and --out FILE")
		return errUsage
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*outFile)), ".")
	}
	if f != "csv" && f != "png" && f != "pdf" {
		return fmt.Errorf("format %q: want csv, png or pdf", f)
	}
	if f == "png" && (*kind == "abc" || *kind == "rfm") {
		return fmt.Errorf("--kind %s is a list of customers: write it as csv or pdf", *kind)
	}
	if *horizon != 3 && *horizon != 6 && *horizon != 12 {
		return fmt.Errorf("--horizon %d: want 3, 6 or 12", *horizon)
	}
	var filter model.DashFilter
	var err error
	if filter.From, err = parseReportMonth("from", *from); err != nil {
		return err
	}
	if filter.To, err = parseReportMonth("to", *to); err != nil {
		return err
	}
	ch, ok := model.ParseChannel(*channel)
	if !ok {
		return fmt.Errorf("--channel %q: want direct, dealer, retail or web", *channel)
	}
	filter.Channel, filter.RegionCode, filter.Segment = ch, strings.TrimSpace(*region), strings.TrimSpace(*segment)
	tr := assets.MustCatalog().Lang(*lang)
	if *lang != "en" {
		tr = assets.MustCatalog().Lang("ru")
	}

	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	var filterText []string
	if *seller != "" {
		users, err := svc.Users.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if model.FoldText(u.Login) == model.FoldText(*seller) || model.FoldText(u.FullName) == model.FoldText(*seller) {
				filter.OwnerID = u.ID
				filterText = append(filterText, tr.T("field.owner")+": "+u.FullName)
			}
		}
		if filter.OwnerID == "" {
			return fmt.Errorf("--seller %q: no such user", *seller)
		}
	}
	if ch != "" {
		filterText = append(filterText, tr.T("field.channel")+": "+tr.T(ch.Key()))
	}
	if filter.RegionCode != "" {
		filterText = append(filterText, tr.T("field.region")+": "+filter.RegionCode)
	}
	if filter.Segment != "" {
		filterText = append(filterText, tr.T("field.segment")+": "+filter.Segment)
	}
	if err := filter.Validate(); err != nil {
		return describe(err)
	}
	company := ""
	if c, err := svc.Company.Company(ctx); err == nil {
		company = c.Name
	}
	start := time.Now()
	var header []string
	var rows [][]string
	var data []byte
	switch *kind {
	case "forecast":
		v, err := svc.Analytics.Forecast(ctx, filter, *horizon)
		if err != nil {
			return err
		}
		tax, err := svc.Catalog.TaxSettings(ctx)
		if err != nil {
			return err
		}
		switch f {
		case "csv":
			header, rows = dashreport.ForecastTable(tr, v, tax.BaseCurrency)
		case "png":
			data, err = dashreport.ForecastChart(tr, v, charts.Options{Width: 800, Height: 400, Scale: 2, Lang: tr.Code(), Money: dashreport.ChartMoney(tr, tax.BaseCurrency)})
		default:
			data, err = dashreport.ForecastPDF(tr, v, tax.BaseCurrency, filterText, company, time.Now(), 2)
		}
		if err != nil {
			return err
		}
	case "abc", "rfm":
		a, err := svc.Analytics.Customers(ctx, filter)
		if err != nil {
			return err
		}
		tax, err := svc.Catalog.TaxSettings(ctx)
		if err != nil {
			return err
		}
		switch {
		case f == "csv" && *kind == "abc":
			header, rows = dashreport.ABCTable(tr, a.ABC, tax.BaseCurrency)
		case f == "csv":
			header, rows = dashreport.RFMTable(tr, a.RFM, tax.BaseCurrency)
		case *kind == "abc":
			data, err = dashreport.CustomersPDF(tr, a, []dashreport.CustomerPart{dashreport.PartABC}, tax.BaseCurrency, filterText, company)
		default:
			data, err = dashreport.CustomersPDF(tr, a, []dashreport.CustomerPart{dashreport.PartRFM, dashreport.PartRisk}, tax.BaseCurrency, filterText, company)
		}
		if err != nil {
			return err
		}
	default:
		d, err := svc.Analytics.Dashboard(ctx, filter)
		if err != nil {
			return describe(err)
		}
		switch f {
		case "csv":
			header, rows = dashreport.Table(tr, d, sections[0])
		case "png":
			data, _, err = dashreport.Chart(tr, d, sections[0], charts.Options{Width: 800, Height: 400, Scale: 2, Lang: tr.Code(),
				Title: tr.T(sections[0].TitleKey()), Money: dashreport.ChartMoney(tr, d.Currency)})
		default:
			data, err = dashreport.ManagementPDF(tr, d, sections, filterText, company, 2)
		}
		if err != nil {
			return err
		}
	}
	if f == "csv" {
		var buf bytes.Buffer
		w, err := tabular.NewWriter(&buf, tabular.CSV, *kind)
		if err != nil {
			return err
		}
		for _, r := range append([][]string{header}, rows...) {
			if err := w.Write(r); err != nil {
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	if err := writeFileAtomic(*outFile, data); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s report (%s) written to %s in %s\n", *kind, f, *outFile, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a failure never leaves a half-written file.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".part"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// runCommissions is `sdelkactl commissions`: a month's commissions per
// seller as a table, and with --out the accountant's summary PDF (with
// --seller, that seller's statement instead).
func runCommissions(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("commissions", "commissions --db PATH --period YYYY-MM [--seller LOGIN] [--out FILE.pdf] [--lang ru|en]", out)
	db := fs.String("db", "", "database file")
	period := fs.String("period", "", "the month: YYYY-MM")
	seller := fs.String("seller", "", "with --out: this seller's statement instead of the summary")
	outFile := fs.String("out", "", "write the summary (or the seller's statement) as PDF")
	lang := fs.String("lang", "ru", "language: ru or en")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	m, err := model.ParseMonth(*period)
	if err != nil || *period == "" {
		fmt.Fprintln(out, "give --period YYYY-MM")
		return errUsage
	}
	tr := assets.MustCatalog().Lang("ru")
	if *lang == "en" {
		tr = assets.MustCatalog().Lang("en")
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := svc.Analytics.Commissions(ctx, m)
	if err != nil {
		return describe(err)
	}
	state := "open (preliminary)"
	if p.Closed {
		state = "closed " + p.ClosedAt.Local().Format("2006-01-02 15:04")
	}
	fmt.Fprintf(out, "commissions %s, %s, %s\n", m, state, p.Currency)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	money := func(m model.Money) string { return model.FormatMoney(m, 2, ".", " ") }
	fmt.Fprintln(tw, "seller\tpaid\tfulfilment\tcommission\tbonus\ttotal\tentries\t")
	for _, c := range p.Calcs {
		ful := "—"
		if c.HasPlan {
			ful = dashreport.Percent(tr, c.FulfilmentBP)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", p.Names[c.UserID], money(c.Paid), ful, money(c.Commission), money(c.Bonus),
			money(c.Total), len(c.Lines))
	}
	fmt.Fprintf(tw, "total\t%s\t\t%s\t%s\t%s\t\t\n", money(p.Total.Paid), money(p.Total.Commission), money(p.Total.Bonus), money(p.Total.Total))
	if err := tw.Flush(); err != nil {
		return err
	}
	if *outFile == "" {
		return nil
	}
	company := ""
	if c, err := svc.Company.Company(ctx); err == nil {
		company = c.Name
	}
	var data []byte
	if *seller != "" {
		id := ""
		for uid, name := range p.Names {
			if model.FoldText(name) == model.FoldText(*seller) {
				id = uid
			}
		}
		users, err := svc.Users.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if model.FoldText(u.Login) == model.FoldText(*seller) {
				id = u.ID
			}
		}
		if id == "" {
			return fmt.Errorf("--seller %q: no such user", *seller)
		}
		data, err = commissionpdf.Statement(tr, p, id, company, commissionpdf.CategoryNames(p.Categories))
		if err != nil {
			return err
		}
	} else if data, err = commissionpdf.Summary(tr, p, company); err != nil {
		return err
	}
	if err := writeFileAtomic(*outFile, data); err != nil {
		return err
	}
	fmt.Fprintf(out, "written to %s\n", *outFile)
	return nil
}
