package dashreport

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/reports/charts"
)

func tr(t *testing.T, lang string) model.Tr {
	t.Helper()
	c, err := assets.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.Lang(lang)
}

func mon(y int, m time.Month) model.Month { return model.Month{Year: y, Month: m} }

// filled is a small dashboard with every figure set: January–March 2026.
func filled() model.Dashboard {
	return model.Dashboard{
		Filter:   model.DashFilter{From: mon(2026, 1), To: mon(2026, 3), OwnerID: "u1"},
		Currency: "RUB",
		Today:    time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC),
		Revenue: []model.MonthAmount{
			{Month: mon(2026, 1), Net: 123456789, Invoices: 12},
			{Month: mon(2026, 2), Net: 0},
			{Month: mon(2026, 3), Net: 50000000, Invoices: 3},
		},
		PrevYear: []model.MonthAmount{
			{Month: mon(2025, 1), Net: 100000000, Invoices: 10},
			{Month: mon(2025, 2), Net: 20000000, Invoices: 2},
			{Month: mon(2025, 3), Net: 0},
		},
		Total:     173456789,
		PrevTotal: 120000000,
		BySeller:  []model.DimAmount{{Key: "u1", Label: "Иванов Иван", Net: 150000000, Invoices: 10}, {Key: "", Label: "", Net: 23456789, Invoices: 5}},
		ByRegion:  []model.DimAmount{{Key: "77", Label: "Москва", Net: 173456789, Invoices: 15}},
		BySegment: []model.DimAmount{{Key: "опт", Label: "опт", Net: 100000000, Invoices: 5}, {Key: "", Net: 73456789, Invoices: 10}},
		ByGroup:   []model.DimAmount{{Key: "g1", Label: "Дилеры Урала", Net: 173456789, Invoices: 15}},
		ByChannel: []model.DimAmount{{Key: "dealer", Net: 120000000, Invoices: 9}, {Key: "", Net: 53456789, Invoices: 6}},
		Top:       []model.DimAmount{{Key: "c1", Label: "ООО «Ромашка»", Net: 90000000, Invoices: 4}, {Key: "c2", Label: "ИП Петров", Net: 10000000, Invoices: 1}},
		Funnel: model.Funnel{
			Stages: []model.FunnelStage{
				{StageID: "s1", Name: "Квалификация", Kind: model.StageOpen, Entered: 40, Left: 30, AvgDays: 3.25, ConversionBP: 5000},
				{StageID: "s2", Name: "Предложение", Kind: model.StageOpen, Entered: 20, Left: 15, AvgDays: 7.5, ConversionBP: 5000},
				{StageID: "s3", Name: "Выиграна", Kind: model.StageWon, Entered: 10},
				{StageID: "s4", Name: "Проиграна", Kind: model.StageLost, Entered: 8},
			},
			Won: 10, Lost: 8, WonAmount: 90000000, WinRateBP: 5556,
			LostReasons: []model.DimCount{{Key: "Дорого", Label: "Дорого", Count: 5, Amount: 5000000}, {Key: "", Count: 3, Amount: 100}},
		},
		Pipeline: []model.PipelineMonth{
			{Month: mon(2026, 4), Deals: 3, Amount: 30000000, Weighted: 15000000},
			{Deals: 1, Amount: 1000000, Weighted: 100000},
		},
		Ageing: []model.AgeingBucket{
			{Key: "ageing.current", FromDays: -1, ToDays: 0, Invoices: 2, Amount: 2000000},
			{Key: "ageing.1_30", FromDays: 1, ToDays: 30, Invoices: 1, Amount: 500000},
			{Key: "ageing.31_60", FromDays: 31, ToDays: 60},
			{Key: "ageing.61_90", FromDays: 61, ToDays: 90},
			{Key: "ageing.90_plus", FromDays: 91, ToDays: -1, Invoices: 1, Amount: 1500000},
		},
		Overdue: model.OverdueSummary{Ours: 1, Theirs: 2, OursAmount: 10000, TheirsAmount: 2000000},
		Sources: []model.LeadSourceStat{
			{Source: "Сайт", Leads: 10, Converted: 4, ConversionBP: 4000, Revenue: 60000000},
			{Source: "", Leads: 0, Converted: 0, ConversionBP: -1, Revenue: 1000},
		},
		Plans: []model.PlanFact{
			{UserID: "", Plan: 200000000, Fact: 173456789, FulfilmentBP: 8672},
			{UserID: "u1", Name: "Иванов Иван", Plan: 150000000, Fact: 150000000, FulfilmentBP: 10000},
			{UserID: "u2", Name: "Петрова Анна", Fact: 23456789, FulfilmentBP: -1},
		},
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	return img
}

func TestEverySectionRenders(t *testing.T) {
	for _, lang := range []string{"ru", "en"} {
		for name, d := range map[string]model.Dashboard{"empty": {}, "filled": filled()} {
			for _, s := range Sections {
				t.Run(lang+"/"+name+"/"+string(s), func(t *testing.T) {
					b, hits, err := Chart(tr(t, lang), d, s, charts.Options{Width: 400, Height: 250})
					if err != nil {
						t.Fatal(err)
					}
					img := decodePNG(t, b)
					if got := img.Bounds().Dx(); got != 400 {
						t.Errorf("width %d, want 400", got)
					}
					if name == "filled" && len(hits) == 0 {
						t.Errorf("no hits on a filled chart")
					}
					if name == "filled" {
						// Every element clicked maps to records.
						for _, h := range hits {
							if _, ok := DrillFor(d, s, h); !ok {
								t.Errorf("hit %+v maps to nothing", h)
							}
						}
					}
				})
			}
		}
	}
	if _, _, err := Chart(tr(t, "ru"), filled(), Section("nope"), charts.Options{}); err == nil {
		t.Error("an unknown section drew a chart")
	}
}

func TestDrillFor(t *testing.T) {
	d := filled()
	tests := []struct {
		s       Section
		index   int
		series  int
		kind    model.DrillKind
		key     string
		missing bool
	}{
		{s: SectionRevenue, index: 2, kind: model.DrillRevenueMonth, key: "2026-03"},
		{s: SectionRevenue, index: 0, series: 1, kind: model.DrillRevenueMonth, key: "2025-01"},
		{s: SectionSellers, index: 0, kind: model.DrillSeller, key: "u1"},
		{s: SectionSellers, index: 1, kind: model.DrillSeller, key: ""},
		{s: SectionRegions, index: 0, kind: model.DrillRegion, key: "77"},
		{s: SectionSegments, index: 0, kind: model.DrillSegment, key: "опт"},
		{s: SectionGroups, index: 0, kind: model.DrillGroup, key: "g1"},
		{s: SectionChannels, index: 0, kind: model.DrillChannel, key: "dealer"},
		{s: SectionTop, index: 1, kind: model.DrillCustomer, key: "c2"},
		{s: SectionFunnel, index: 1, kind: model.DrillStage, key: "s2"},
		{s: SectionFunnel, index: 2, kind: model.DrillStage, key: "s3"},
		{s: SectionFunnel, index: 3, missing: true}, // the lost stage is not drawn
		{s: SectionLost, index: 0, kind: model.DrillLostReason, key: "Дорого"},
		{s: SectionPipeline, index: 0, series: 1, kind: model.DrillPipeline, key: "2026-04"},
		{s: SectionPipeline, index: 1, kind: model.DrillPipeline, key: ""},
		{s: SectionAgeing, index: 4, kind: model.DrillAgeing, key: "ageing.90_plus"},
		{s: SectionSources, index: 0, kind: model.DrillLeadSource, key: "Сайт"},
		{s: SectionPlans, index: 0, kind: model.DrillPlan, key: "u1"}, // the team is not drawn
		{s: SectionPlans, index: 1, series: 1, kind: model.DrillPlan, key: "u2"},
		{s: SectionPlans, index: 2, missing: true},
		{s: SectionSellers, index: -1, missing: true},
	}
	for _, tc := range tests {
		r, ok := DrillFor(d, tc.s, charts.Hit{Index: tc.index, Series: tc.series})
		if ok == tc.missing {
			t.Errorf("%s #%d: ok = %v", tc.s, tc.index, ok)
			continue
		}
		if tc.missing {
			continue
		}
		if r.Kind != tc.kind || r.Key != tc.key || r.Filter != d.Filter {
			t.Errorf("%s #%d/%d: got %s %q (filter %+v), want %s %q", tc.s, tc.index, tc.series, r.Kind, r.Key, r.Filter, tc.kind, tc.key)
		}
	}
	// The hits the chart returns carry the indexes DrillFor expects.
	_, hits, err := Chart(tr(t, "ru"), d, SectionFunnel, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 {
		t.Fatalf("funnel hits %d, want 3 (open and won stages)", len(hits))
	}
	if r, _ := DrillFor(d, SectionFunnel, hits[2]); r.Key != "s3" {
		t.Errorf("the funnel's third bar opens %q, want s3", r.Key)
	}
}

func cell(t *testing.T, rows [][]string, i, j int) string {
	t.Helper()
	if i >= len(rows) || j >= len(rows[i]) {
		t.Fatalf("no cell %d,%d in %q", i, j, rows)
	}
	return rows[i][j]
}

func TestTable(t *testing.T) {
	d := filled()
	nb := "\u00a0"
	tests := []struct {
		lang   string
		s      Section
		head   string // the heading of column col
		col    int
		row    int
		want   string
		column int
	}{
		{"ru", SectionRevenue, "Выручка, RUB", 1, 0, "1" + nb + "234" + nb + "567,89", 1},
		{"en", SectionRevenue, "Revenue, RUB", 1, 0, "1,234,567.89", 1},
		{"ru", SectionRevenue, "Изменение", 3, 0, "+23,5" + nb + "%", 3},
		{"en", SectionRevenue, "Change", 3, 2, "—", 3}, // nothing a year earlier
		{"ru", SectionRevenue, "Месяц", 0, 3, "Итого", 0},
		{"ru", SectionRevenue, "Месяц", 0, 0, "янв 2026", 0},
		{"en", SectionRevenue, "Month", 0, 0, "Jan 2026", 0},
		{"ru", SectionSellers, "Менеджер", 0, 1, "Не указано", 0},
		{"ru", SectionChannels, "Канал продаж", 0, 0, "Дилеры", 0},
		{"en", SectionChannels, "Sales channel", 0, 0, "Dealers", 0},
		{"ru", SectionSellers, "Доля", 2, 0, "86,5" + nb + "%", 2},
		{"ru", SectionFunnel, "Конверсия", 2, 0, "50,0" + nb + "%", 2},
		{"ru", SectionFunnel, "Дней на этапе (в среднем)", 3, 0, "3,3", 3},
		{"en", SectionFunnel, "Avg. days in stage", 3, 1, "7.5", 3},
		{"ru", SectionFunnel, "Этап", 0, 6, "Доля выигранных", 0},
		{"ru", SectionFunnel, "Конверсия", 2, 6, "55,6" + nb + "%", 2},
		{"ru", SectionPipeline, "Ожидаемое закрытие", 0, 1, "Без даты", 0},
		{"en", SectionPipeline, "Weighted, RUB", 3, 2, "151,000.00", 3},
		{"ru", SectionAgeing, "Просрочка", 0, 4, "Более 90 дней", 0},
		{"en", SectionAgeing, "Share", 3, 0, "50.0%", 3},
		{"ru", SectionSources, "Конверсия", 3, 1, "—", 3},
		{"ru", SectionSources, "Конверсия", 3, 2, "40,0" + nb + "%", 3},
		{"ru", SectionPlans, "Менеджер", 0, 0, "Команда", 0},
		{"ru", SectionPlans, "Выполнение", 3, 0, "86,7" + nb + "%", 3},
		{"en", SectionPlans, "Plan, RUB", 1, 2, "—", 1},
		{"ru", SectionLost, "Причина", 0, 1, "Не указано", 0},
	}
	for _, tc := range tests {
		header, rows := Table(tr(t, tc.lang), d, tc.s)
		if header[tc.col] != tc.head {
			t.Errorf("%s %s: heading %d = %q, want %q", tc.lang, tc.s, tc.col, header[tc.col], tc.head)
		}
		if got := cell(t, rows, tc.row, tc.column); got != tc.want {
			t.Errorf("%s %s: cell %d,%d = %q, want %q", tc.lang, tc.s, tc.row, tc.column, got, tc.want)
		}
	}
	for _, s := range Sections {
		header, rows := Table(tr(t, "ru"), model.Dashboard{}, s)
		if len(header) == 0 {
			t.Errorf("%s: no columns", s)
		}
		for _, r := range rows {
			if len(r) != len(header) {
				t.Errorf("%s: row %q has %d cells for %d columns", s, r, len(r), len(header))
			}
		}
	}
}

func TestForecast(t *testing.T) {
	ru := tr(t, "ru")
	first := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var hist []model.MonthPoint
	for i := range 24 {
		hist = append(hist, model.MonthPoint{Month: first.AddDate(0, i, 0), Amount: model.Money(100000 + 1000*i)})
	}
	fc, err := model.ForecastRevenue(hist, 3)
	if err != nil {
		t.Fatal(err)
	}
	pipe := []model.MonthPoint{{Month: fc.Points[0].Month, Amount: 99999999}}
	v := model.ForecastView{History: hist, Forecast: fc, Pipeline: pipe, Combined: model.CombineWithPipeline(fc, pipe)}
	b, err := ForecastChart(ru, v, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	decodePNG(t, b)
	header, rows := ForecastTable(ru, v, "RUB")
	if len(rows) != 12+3 || len(header) != 7 {
		t.Fatalf("got %d rows, %d columns; want 15, 7", len(rows), len(header))
	}
	if got := rows[12][0]; got != "янв 2026" {
		t.Errorf("first forecast month %q", got)
	}
	if got := rows[12][6]; got != "999\u00a0999,99" {
		t.Errorf("combined with the pipeline %q, want the pipeline's 999 999,99", got)
	}
	sum := strings.Join(ForecastSummary(ru, v), "\n")
	if !strings.Contains(sum, "MAPE") || !strings.Contains(sum, "Хольта") {
		t.Errorf("summary %q lacks the method or MAPE", sum)
	}

	short := model.ForecastView{History: hist[:5], Err: model.MsgTooLittleHistory}
	if b, err = ForecastChart(ru, short, charts.Options{}); err != nil {
		t.Fatal(err)
	}
	decodePNG(t, b)
	_, rows = ForecastTable(ru, short, "RUB")
	if last := rows[len(rows)-1][0]; last != ru.T(model.MsgTooLittleHistory) || rows[len(rows)-1][2] != "" {
		t.Errorf("too little history: last row %q", rows[len(rows)-1])
	}
	if got := ForecastSummary(ru, short); len(got) != 1 || !strings.Contains(got[0], "12") {
		t.Errorf("summary %q", got)
	}
}

func TestCustomerTables(t *testing.T) {
	ru := tr(t, "ru")
	abc := []model.ABCRow{{CustomerID: "c1", Name: "Ромашка", Class: model.ABCClassA, Revenue: 80000, ShareBP: 8000, CumBP: 8000, Rank: 1},
		{CustomerID: "c2", Name: "Лютик", Class: model.ABCClassC, Revenue: 20000, ShareBP: 2000, CumBP: 10000, Rank: 2}}
	_, rows := ABCTable(ru, abc, "RUB")
	if got := strings.Join(rows[0], "|"); got != "1|Ромашка|A|800,00|80,0\u00a0%|80,0\u00a0%" {
		t.Errorf("ABC row %q", got)
	}
	_, rows = ABCClassTable(ru, abc, "RUB")
	if len(rows) != 3 || rows[2][1] != "1" || rows[2][4] != ru.T("abc.c.meaning") {
		t.Errorf("ABC classes %q", rows)
	}
	day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	rfm := []model.RFMRow{{CustomerID: "c1", Name: "Ромашка", LastPurchase: day, RecencyDays: 10, Frequency: 7, Monetary: 123400, R: 5, F: 4, M: 4, Segment: model.RFMChampions}}
	_, rows = RFMTable(ru, rfm, "RUB")
	if got := strings.Join(rows[0], "|"); got != "Ромашка|05.03.2026|10|7|1\u00a0234,00|5-4-4|Чемпионы" && !strings.HasSuffix(got, "|"+ru.T(model.RFMChampions)) {
		t.Errorf("RFM row %q", got)
	}
	_, rows = RFMSegmentTable(ru, rfm, "RUB")
	if len(rows) != len(model.RFMSegments) || rows[0][1] != "1" || rows[0][3] != ru.T(model.RFMChampions+".meaning") {
		t.Errorf("RFM segments %q", rows)
	}
	_, rows = RiskTable(tr(t, "en"), []model.RiskRow{{Name: "Lutik", LastPurchase: day, Purchases: 4, UsualIntervalDays: 30, DaysSince: 70, DaysOverdue: 40, Revenue: 500000, Owner: "Ivanov"}}, "RUB")
	if got := strings.Join(rows[0], "|"); got != "Lutik|2026-03-05|4|30|70|40|5,000.00|Ivanov" {
		t.Errorf("risk row %q", got)
	}
}

// TestKeysTranslated checks that every key the package uses exists in
// both languages (the catalog test does not scan reports/*/).
func TestKeysTranslated(t *testing.T) {
	re := regexp.MustCompile(`"((?:dash|mgmt|fc|ca|ageing)\.[a-z_0-9.]*[a-z_0-9])"`)
	files, _ := filepath.Glob("*.go")
	keys := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	for _, s := range Sections {
		keys[s.TitleKey()] = true
	}
	for _, b := range model.AgeingBuckets {
		keys[b.Key] = true
	}
	for _, c := range model.Channels {
		keys[c.Key()] = true
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys", len(keys))
	}
	for _, lang := range []string{"ru", "en"} {
		l := tr(t, lang)
		for k := range keys {
			if !l.Has(k) {
				t.Errorf("%s: no text for %s", lang, k)
			}
		}
	}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestManagementPDF(t *testing.T) {
	ru := tr(t, "ru")
	pdf, err := ManagementPDF(ru, filled(), nil, []string{"Менеджер: Иванов Иван"}, "ООО «Сделка»", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	txt := pdfText(t, pdf)
	for _, want := range []string{
		"Отчёт для руководителя", "ООО «Сделка»", "Период: январь 2026 — март 2026", "Менеджер: Иванов Иван",
		"Выручка по месяцам", "Воронка продаж", "1 234 567,89", "ООО «Ромашка»", "Более 90 дней", "Страница 1 из ",
	} {
		if !strings.Contains(strings.ReplaceAll(txt, "\u00a0", " "), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	pages := regexp.MustCompile(`Страница 1 из (\d+)`).FindStringSubmatch(txt)
	if pages == nil || pages[1] == "1" {
		t.Errorf("thirteen charts on one page? %q", pages)
	}

	en, err := ManagementPDF(tr(t, "en"), model.Dashboard{}, []Section{SectionRevenue, SectionFunnel}, nil, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if txt := pdfText(t, en); !strings.Contains(txt, "Management report") || !strings.Contains(txt, "Page 1 of 1") {
		t.Errorf("an empty English report:\n%s", txt)
	}
}

func TestLongTableRepeatsHeading(t *testing.T) {
	ru := tr(t, "ru")
	var rows [][]string
	for i := range 150 {
		rows = append(rows, []string{"Клиент " + ru.Int(int64(i)), "1\u00a0000,00"})
	}
	pdf, err := TablesPDF(ru, "Проверка", []string{"ООО «Сделка»"}, nil, []Block{{Title: "Таблица", Header: []string{"Заголовок клиента", "Сумма"}, Rows: rows}})
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	if n := strings.Count(txt, "Заголовок клиента"); n < 2 {
		t.Errorf("the heading is printed %d times over %d pages", n, strings.Count(txt, "Страница"))
	}
	if !strings.Contains(txt, "Клиент 149") {
		t.Error("the last row is missing")
	}
}

func TestForecastAndCustomersPDF(t *testing.T) {
	ru := tr(t, "ru")
	pdf, err := ForecastPDF(ru, model.ForecastView{Err: model.MsgTooLittleHistory}, "RUB", nil, "ООО «Сделка»", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 1)
	if err != nil {
		t.Fatal(err)
	}
	if txt := pdfText(t, pdf); !strings.Contains(txt, "Прогноз выручки") || !strings.Contains(txt, "12 месяцев") {
		t.Errorf("forecast report:\n%s", txt)
	}
	a := model.CustomerAnalysis{From: mon(2026, 1), To: mon(2026, 3), Today: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		ABC: []model.ABCRow{{Name: "Ромашка", Class: model.ABCClassA, Revenue: 100, ShareBP: 10000, CumBP: 10000, Rank: 1}}}
	pdf, err = CustomersPDF(ru, a, nil, "RUB", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	for _, want := range []string{"ABC-анализ по выручке", "Ромашка", "RFM-сегменты", "Клиенты под угрозой ухода"} {
		if !strings.Contains(txt, want) {
			t.Errorf("customer report lacks %q", want)
		}
	}
	if _, err := CustomersPDF(ru, a, []CustomerPart{"xyz"}, "RUB", nil, ""); err == nil {
		t.Error("an unknown part was accepted")
	}
}

// TestPageNumbersMatchPages renders reports of 1..13 sections (pages
// filling to different heights) and checks that every page carries its
// number and the PDF has as many pages as the numbers say: no footer
// pushed onto a page of its own.
func TestPageNumbersMatchPages(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed (poppler-utils)")
	}
	ru := tr(t, "ru")
	for n := 1; n <= len(Sections); n++ {
		pdf, err := ManagementPDF(ru, filled(), Sections[:n], nil, "", 1)
		if err != nil {
			t.Fatal(err)
		}
		txt := pdfText(t, pdf)
		path := filepath.Join(t.TempDir(), "p.pdf")
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(info))
		numbers := regexp.MustCompile(`Страница (\d+) из (\d+)`).FindAllStringSubmatch(txt, -1)
		if pages == nil || len(numbers) == 0 {
			t.Fatalf("%d sections: no page count or numbers", n)
		}
		if numbers[0][2] != pages[1] || strconv.Itoa(len(numbers)) != pages[1] {
			t.Errorf("%d sections: %s pages, numbered %d times «из %s»", n, pages[1], len(numbers), numbers[0][2])
		}
	}
}
