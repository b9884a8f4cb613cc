package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func ymd(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func caRub(r int64) Money { return Money(r * 100) }

func caBuy(day string, r int64) Purchase { return Purchase{Day: ymd(day), Amount: caRub(r)} }

// analysisData is twelve customers; amounts in roubles. The ABC period and
// the RFM window are 2026-01-01 … 2026-06-30 (today). Day of year: Jan 31,
// Feb 59, Mar 90, Apr 120, May 151, Jun 181, so the recency of a purchase in
// 2026 is 181 − its day of year.
func analysisData() []CustomerSales {
	return []CustomerSales{
		{"c01", "Альфа", []Purchase{caBuy("2026-01-15", 100), caBuy("2026-02-15", 100), caBuy("2026-03-15", 100),
			caBuy("2026-04-15", 100), caBuy("2026-06-25", 70), caBuy("2026-07-15", 999)}}, // the last is after today
		{"c02", "Бета", []Purchase{caBuy("2026-02-20", 50), caBuy("2026-01-05", 150), caBuy("2026-01-20", 150), caBuy("2026-02-05", 150)}},
		{"c03", "Вега", []Purchase{caBuy("2026-03-10", 100), caBuy("2026-04-20", 100), caBuy("2026-06-10", 100)}},
		{"c04", "Гамма", []Purchase{caBuy("2026-06-28", 250)}},
		{"c05", "Дельта", []Purchase{caBuy("2026-05-20", 60), caBuy("2026-06-15", 60)}},
		{"c06", "Ёж", []Purchase{caBuy("2026-01-10", 80), caBuy("2026-02-10", 80), caBuy("2026-03-05", 40), caBuy("2026-03-05", 40)}}, // two orders one day
		{"c07", "Жук", []Purchase{caBuy("2026-03-01", 10), caBuy("2026-04-01", 30), caBuy("2026-05-01", -10)}},                        // a credit note
		{"c08", "Зима", []Purchase{caBuy("2025-10-01", 50), caBuy("2025-11-15", 50), caBuy("2026-01-20", 30)}},
		{"c09", "Ирис", []Purchase{caBuy("2026-06-01", 70), caBuy("2026-06-02", -70)}}, // fully credited
		{"c10", "Кедр", []Purchase{caBuy("2026-03-10", 20), caBuy("2026-04-10", 20), caBuy("2026-05-10", 20)}},
		{"c11", "Лён", []Purchase{caBuy("2025-12-01", 300), caBuy("2026-02-01", -50)}}, // only a credit note in the period
		{"c12", "Мир", []Purchase{caBuy("2025-09-01", 100), caBuy("2025-10-01", 100), caBuy("2025-11-01", 100), caBuy("2025-12-01", 100)}},
	}
}

// TestABCConstructed: revenue in the period (Альфа's 999 of 15 July is
// outside), sorted, with the positive total 470+500+300+250+120+240+30+30+60
// = 2000:
//
//	rank  customer  revenue  share  cum    class
//	1     Бета      500      2500   2500   A
//	2     Альфа     470      2350   4850   A
//	3     Вега      300      1500   6350   A
//	4     Гамма     250      1250   7600   A
//	5     Ёж        240      1200   8800   B  crosses 80 %: the lower class
//	6     Дельта    120       600   9400   B
//	7     Кедр       60       300   9700   C  crosses 95 %
//	8     Жук        30       150   9850   C  30 = 10 + 30 − 10
//	9     Зима       30       150  10000   C  tie with Жук: by name, Ж < З
//	10    Ирис        0         0  10000   C  70 − 70
//	11    Мир         0         0  10000   C  bought only before the period
//	12    Лён       −50         0  10000   C  a credit note in the period
func TestABCConstructed(t *testing.T) {
	got := ABC(analysisData(), ymd("2026-01-01"), ymd("2026-06-30"), 0, 0)
	want := []ABCRow{
		{"c02", "Бета", ABCClassA, caRub(500), 2500, 2500, 1},
		{"c01", "Альфа", ABCClassA, caRub(470), 2350, 4850, 2},
		{"c03", "Вега", ABCClassA, caRub(300), 1500, 6350, 3},
		{"c04", "Гамма", ABCClassA, caRub(250), 1250, 7600, 4},
		{"c06", "Ёж", ABCClassB, caRub(240), 1200, 8800, 5},
		{"c05", "Дельта", ABCClassB, caRub(120), 600, 9400, 6},
		{"c10", "Кедр", ABCClassC, caRub(60), 300, 9700, 7},
		{"c07", "Жук", ABCClassC, caRub(30), 150, 9850, 8},
		{"c08", "Зима", ABCClassC, caRub(30), 150, 10000, 9},
		{"c09", "Ирис", ABCClassC, 0, 0, 10000, 10},
		{"c12", "Мир", ABCClassC, 0, 0, 10000, 11},
		{"c11", "Лён", ABCClassC, caRub(-50), 0, 10000, 12},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ABC:\n got  %v\n want %v", got, want)
	}
	// The input order does not matter.
	rev := analysisData()
	slices.Reverse(rev)
	if got2 := ABC(rev, ymd("2026-01-01"), ymd("2026-06-30"), DefaultABCABP, DefaultABCBBP); !slices.Equal(got2, want) {
		t.Errorf("ABC of the reversed input differs:\n got  %v\n want %v", got2, want)
	}
}

func abcClasses(rows []ABCRow) string {
	s := ""
	for _, r := range rows {
		s += string(r.Class)
	}
	return s
}

// caOneEach makes customers c1, c2, … with one purchase each of the amounts.
func caOneEach(amounts ...int64) []CustomerSales {
	cs := make([]CustomerSales, len(amounts))
	for i, a := range amounts {
		id := fmt.Sprintf("c%02d", i+1)
		cs[i] = CustomerSales{id, "N" + id, []Purchase{caBuy("2026-03-01", a)}}
	}
	return cs
}

func TestABCEdges(t *testing.T) {
	tests := []struct {
		name     string
		cs       []CustomerSales
		aBP, bBP int64
		want     string // classes by rank
		cum      []int64
	}{
		{"no customers", nil, 0, 0, "", nil},
		{"one customer has all: the top is A", caOneEach(5), 0, 0, "A", []int64{10000}},
		{"a dominant customer is A, the next crosses 95 %", caOneEach(90, 6, 4), 0, 0, "ACC", []int64{9000, 9600, 10000}},
		{"exactly 80 % and 95 % stay in the upper class", caOneEach(50, 30, 15, 5), 0, 0, "AABC", []int64{5000, 8000, 9500, 10000}},
		{"crossing 80 % is B", caOneEach(70, 20, 10), 0, 0, "ABC", []int64{7000, 9000, 10000}},
		{"ten equal: ties by name, 8 A, 1 B, 1 C", caOneEach(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 0, 0, "AAAAAAAABC",
			[]int64{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000}},
		{"four equal", caOneEach(1, 1, 1, 1), 0, 0, "AAAC", []int64{2500, 5000, 7500, 10000}},
		{"all zero or negative are C", caOneEach(0, -5, 0), 0, 0, "CCC", []int64{0, 0, 0}},
		{"negative after positive", caOneEach(-5, 10), 0, 0, "AC", []int64{10000, 10000}},
		{"custom 50/90", caOneEach(40, 30, 20, 10), 5000, 9000, "ABBC", []int64{4000, 7000, 9000, 10000}},
		{"b below a: no B", caOneEach(40, 30, 20, 10), 8000, 7000, "AACC", []int64{4000, 7000, 9000, 10000}},
		{"a above 100 % is capped: all A", caOneEach(40, 30, 20, 10), 20000, 30000, "AAAA", []int64{4000, 7000, 9000, 10000}},
		{"rounded cum: 1/3 each", caOneEach(1, 1, 1), 0, 0, "AAC", []int64{3333, 6667, 10000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := ABC(tt.cs, ymd("2026-01-01"), ymd("2026-12-31"), tt.aBP, tt.bBP)
			if got := abcClasses(rows); got != tt.want {
				t.Errorf("classes = %q, want %q (%v)", got, tt.want, rows)
			}
			var cum []int64
			for i, r := range rows {
				cum = append(cum, r.CumBP)
				if r.Rank != i+1 {
					t.Errorf("row %d rank = %d", i, r.Rank)
				}
			}
			if !slices.Equal(cum, tt.cum) {
				t.Errorf("cum = %v, want %v", cum, tt.cum)
			}
		})
	}
}

func TestABCPeriodBoundsAndLocation(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	cs := []CustomerSales{{"c1", "A", []Purchase{
		caBuy("2025-12-31", 1000), // before
		caBuy("2026-01-01", 1),    // first day: in
		caBuy("2026-01-31", 2),    // last day: in
		caBuy("2026-02-01", 1000), // after
		// 00:30 on 1 February in Moscow is 31 January 21:30 UTC, but its
		// date is the one it bears: 1 February, outside.
		{Day: time.Date(2026, 2, 1, 0, 30, 0, 0, msk), Amount: caRub(1000)},
		// 23:00 on 31 January in Moscow: inside.
		{Day: time.Date(2026, 1, 31, 23, 0, 0, 0, msk), Amount: caRub(4)},
	}}}
	rows := ABC(cs, ymd("2026-01-01"), ymd("2026-01-31"), 0, 0)
	if got, want := rows[0].Revenue, caRub(7); got != want {
		t.Errorf("revenue = %d, want %d", got, want)
	}
}

// TestRFMConstructed: the ten customers who bought in 2026-01-01 …
// 2026-06-30 (Лён has only a credit note there, Мир only older purchases:
// no row). n = 10, so a score is 1 + ⌊5L/10⌋ = 1 + ⌊L/2⌋, L the number of
// buyers strictly worse.
//
// Recency, worst first: Зима 161 (L0→1), Бета 130 (L1→1), Ёж 117 (L2→2),
// Жук 90 (L3→2), Кедр 51 (L4→3), Ирис 29 (L5→3), Вега 20 (L6→4),
// Дельта 15 (L7→4), Альфа 5 (L8→5; her 15 July is after today), Гамма 2
// (L9→5).
//
// Frequency (purchase days; Ёж's two orders of 5 March are one, credit notes
// are none): 1 — Гамма, Зима (only 20 January in the window), Ирис: L0→1;
// 2 — Дельта, Жук: L3→2; 3 — Вега, Ёж, Кедр: L5→3; 4 — Бета: L8→5;
// 5 — Альфа: L9→5.
//
// Monetary: Ирис 0 (L0→1), Жук 30 and Зима 30 (L1→1), Кедр 60 (L3→2),
// Дельта 120 (L4→3), Ёж 240 (L5→3), Гамма 250 (L6→4), Вега 300 (L7→4),
// Альфа 470 (L8→5), Бета 500 (L9→5).
//
// Segments (rows sorted by segment, then monetary descending):
//
//	Альфа  555 champions
//	Вега   434 loyal           (R 4–5, F 3)
//	Кедр   332 loyal           (R 3, F ≥ 3)
//	Дельта 423 potential
//	Гамма  514 new
//	Ирис   311 need_attention
//	Ёж     233 at_risk
//	Бета   155 cant_lose
//	Жук    221 hibernating
//	Зима   111 lost
func TestRFMConstructed(t *testing.T) {
	got := RFM(analysisData(), ymd("2026-06-30"), ymd("2026-01-01"))
	want := []RFMRow{
		{"c01", "Альфа", ymd("2026-06-25"), 5, 5, caRub(470), 5, 5, 5, RFMChampions},
		{"c03", "Вега", ymd("2026-06-10"), 20, 3, caRub(300), 4, 3, 4, RFMLoyal},
		{"c10", "Кедр", ymd("2026-05-10"), 51, 3, caRub(60), 3, 3, 2, RFMLoyal},
		{"c05", "Дельта", ymd("2026-06-15"), 15, 2, caRub(120), 4, 2, 3, RFMPotential},
		{"c04", "Гамма", ymd("2026-06-28"), 2, 1, caRub(250), 5, 1, 4, RFMNew},
		{"c09", "Ирис", ymd("2026-06-01"), 29, 1, 0, 3, 1, 1, RFMNeedAttention},
		{"c06", "Ёж", ymd("2026-03-05"), 117, 3, caRub(240), 2, 3, 3, RFMAtRisk},
		{"c02", "Бета", ymd("2026-02-20"), 130, 4, caRub(500), 1, 5, 5, RFMCantLose},
		{"c07", "Жук", ymd("2026-04-01"), 90, 2, caRub(30), 2, 2, 1, RFMHibernating},
		{"c08", "Зима", ymd("2026-01-20"), 161, 1, caRub(30), 1, 1, 1, RFMLost},
	}
	if len(got) != len(want) {
		t.Fatalf("RFM: %d rows, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
}

func TestRFMEdges(t *testing.T) {
	today := ymd("2026-06-30")
	from := ymd("2026-01-01")
	t.Run("no customers", func(t *testing.T) {
		if got := RFM(nil, today, from); len(got) != 0 {
			t.Errorf("got %v", got)
		}
	})
	t.Run("one buyer scores 1 everywhere", func(t *testing.T) {
		got := RFM(caOneEach(100), today, from)
		if len(got) != 1 || got[0].R != 1 || got[0].F != 1 || got[0].M != 1 || got[0].Segment != RFMLost {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("all equal: equal scores", func(t *testing.T) {
		for _, r := range RFM(caOneEach(7, 7, 7, 7, 7, 7), today, from) {
			if r.R != 1 || r.F != 1 || r.M != 1 {
				t.Errorf("got %+v, want 1 1 1", r)
			}
		}
	})
	t.Run("five distinct: 1 to 5", func(t *testing.T) {
		rows := RFM(caOneEach(10, 20, 30, 40, 50), today, from)
		var ms []int
		for _, r := range rows {
			ms = append(ms, r.M)
		}
		slices.Sort(ms)
		if want := []int{1, 2, 3, 4, 5}; !slices.Equal(ms, want) {
			t.Errorf("M = %v, want %v", ms, want)
		}
	})
	t.Run("credit note only or future only: no row", func(t *testing.T) {
		cs := []CustomerSales{
			{"c1", "A", []Purchase{caBuy("2026-03-01", -10)}},
			{"c2", "B", []Purchase{caBuy("2026-07-01", 10)}},
			{"c3", "C", []Purchase{caBuy("2025-12-31", 10)}},
			{"c4", "D", []Purchase{caBuy("2026-01-01", 10), caBuy("2026-07-01", -10)}}, // a future credit note is ignored too
		}
		got := RFM(cs, today, from)
		if len(got) != 1 || got[0].CustomerID != "c4" || got[0].Monetary != caRub(10) || got[0].RecencyDays != 180 {
			t.Errorf("got %+v, want only c4 with 10 ₽, 180 days", got)
		}
	})
	t.Run("purchase today", func(t *testing.T) {
		got := RFM([]CustomerSales{{"c1", "A", []Purchase{caBuy("2026-06-30", 1)}}}, today, from)
		if len(got) != 1 || got[0].RecencyDays != 0 || got[0].Frequency != 1 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("wide monetary range is sorted, not counted", func(t *testing.T) {
		rows := RFM(caOneEach(1, 1_000_000_000, 5, 1_000_000_000), today, from)
		m := map[string]int{}
		for _, r := range rows {
			m[r.CustomerID] = r.M
		}
		if want := map[string]int{"c01": 1, "c02": 3, "c03": 2, "c04": 3}; fmt.Sprint(m) != fmt.Sprint(want) {
			t.Errorf("M = %v, want %v", m, want)
		}
	})
}

func TestScoreFifths(t *testing.T) {
	tests := []struct {
		vals []int64
		want []int
	}{
		{[]int64{5}, []int{1}},
		{[]int64{1, 2, 3, 4, 5}, []int{1, 2, 3, 4, 5}},
		{[]int64{5, 4, 3, 2, 1}, []int{5, 4, 3, 2, 1}},
		{[]int64{1, 1, 1, 2}, []int{1, 1, 1, 4}}, // L=3 of 4: 1+15/4
		{[]int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		{[]int64{-1 << 62, 0, 1 << 62}, []int{1, 2, 4}}, // wide: sorted path
		{[]int64{7, 7, 9, 9}, []int{1, 1, 3, 3}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.vals), func(t *testing.T) {
			got := make([]int, len(tt.vals))
			scoreFifths(tt.vals, func(i, s int) { got[i] = s })
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRFMSegmentTable: every one of the 125 combinations is in exactly one
// box, of a segment in RFMSegments, and every segment is reachable.
func TestRFMSegmentTable(t *testing.T) {
	known := map[string]bool{}
	for _, s := range RFMSegments {
		if s.Meaning != s.Key+".meaning" {
			t.Errorf("%s: meaning key %q", s.Key, s.Meaning)
		}
		known[s.Key] = true
	}
	used := map[string]bool{}
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			for m := 1; m <= 5; m++ {
				var in []string
				for _, b := range rfmBoxes {
					if r >= b.rLo && r <= b.rHi && f >= b.fLo && f <= b.fHi && m >= b.mLo && m <= b.mHi {
						in = append(in, b.seg)
					}
				}
				if len(in) != 1 {
					t.Errorf("%d%d%d is in %d boxes: %v", r, f, m, len(in), in)
					continue
				}
				if !known[in[0]] {
					t.Errorf("%d%d%d: segment %q not in RFMSegments", r, f, m, in[0])
				}
				if got := RFMSegmentOf(r, f, m); got != in[0] {
					t.Errorf("RFMSegmentOf(%d,%d,%d) = %q, want %q", r, f, m, got, in[0])
				}
				used[in[0]] = true
			}
		}
	}
	for k := range known {
		if !used[k] {
			t.Errorf("segment %s is never used", k)
		}
	}
	for _, c := range [][3]int{{0, 1, 1}, {1, 6, 1}, {1, 1, -1}} {
		if got := RFMSegmentOf(c[0], c[1], c[2]); got != "" {
			t.Errorf("RFMSegmentOf%v = %q, want \"\"", c, got)
		}
	}
	tests := []struct {
		r, f, m int
		want    string
	}{
		{5, 5, 5, RFMChampions}, {4, 4, 4, RFMChampions}, {3, 5, 5, RFMLoyal}, {5, 5, 3, RFMLoyal},
		{5, 2, 5, RFMPotential}, {5, 1, 5, RFMNew}, {3, 2, 5, RFMNeedAttention},
		{1, 5, 5, RFMCantLose}, {2, 4, 4, RFMCantLose}, {1, 5, 3, RFMAtRisk}, {2, 1, 5, RFMAtRisk},
		{2, 2, 2, RFMHibernating}, {1, 2, 2, RFMLost},
	}
	for _, tt := range tests {
		if got := RFMSegmentOf(tt.r, tt.f, tt.m); got != tt.want {
			t.Errorf("RFMSegmentOf(%d,%d,%d) = %q, want %q", tt.r, tt.f, tt.m, got, tt.want)
		}
	}
}

// TestAtRiskConstructed, today 2026-06-30, all history up to today:
//
//	Альфа  gaps 31 28 31 71 → median 31, limit 62; 5 days since: no
//	Бета   Jan 5, 20, Feb 5, 20: gaps 15 16 15 → 15, limit 30; 130 since: yes,
//	       overdue 130 − 15 = 115, revenue 500
//	Вега   gaps 41 51 → 46, limit 92; 20 since: no
//	Гамма, Дельта, Жук, Ирис, Лён: fewer than 3 purchase days
//	Ёж     Jan 10, Feb 10, Mar 5 (twice: one day): gaps 31 23 → 27, limit 54;
//	       117 since: yes, overdue 90, revenue 240
//	Зима   2025-10-01, 2025-11-15, 2026-01-20: gaps 45 66 → 55.5, limit 111;
//	       161 since: yes, usual shown 56, overdue 105, revenue 130
//	Кедр   gaps 31 30 → 30.5, limit 61; 51 since: no
//	Мир    2025-09-01 … 2025-12-01 monthly: gaps 30 31 30 → 30, limit 60;
//	       211 since: yes, overdue 181, revenue 400
//
// By revenue: Бета 500, Мир 400, Ёж 240, Зима 130.
func TestAtRiskConstructed(t *testing.T) {
	got := AtRisk(analysisData(), ymd("2026-06-30"))
	want := []RiskRow{
		{"c02", "Бета", ymd("2026-02-20"), 4, 15, 130, 115, caRub(500), ""},
		{"c12", "Мир", ymd("2025-12-01"), 4, 30, 211, 181, caRub(400), ""},
		{"c06", "Ёж", ymd("2026-03-05"), 3, 27, 117, 90, caRub(240), ""},
		{"c08", "Зима", ymd("2026-01-20"), 3, 56, 161, 105, caRub(130), ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("AtRisk:\n got  %+v\n want %+v", got, want)
	}
}

func TestAtRiskEdges(t *testing.T) {
	every10 := func(n int, start string) []Purchase {
		var ps []Purchase
		for i := 0; i < n; i++ {
			ps = append(ps, Purchase{Day: ymd(start).AddDate(0, 0, 10*i), Amount: caRub(10)})
		}
		return ps
	}
	// Purchases on Jan 1, 11, 21 (last): usual 10, at risk after more than 20 days.
	tests := []struct {
		name  string
		ps    []Purchase
		today string
		want  int // rows
	}{
		{"exactly twice the interval: not yet", every10(3, "2026-01-01"), "2026-02-10", 0},
		{"one day more: at risk", every10(3, "2026-01-01"), "2026-02-11", 1},
		{"two purchase days are no rhythm", every10(2, "2026-01-01"), "2026-12-31", 0},
		{"same-day purchases are one", append(every10(2, "2026-01-01"), caBuy("2026-01-11", 5)), "2026-12-31", 0},
		{"credit notes are not purchases", append(every10(2, "2026-01-01"), caBuy("2026-01-05", -5)), "2026-12-31", 0},
		{"future purchases are ignored", append(every10(3, "2026-01-01"), caBuy("2026-12-01", 5)), "2026-06-30", 1},
		{"today before every purchase", every10(3, "2026-01-01"), "2025-12-31", 0},
		{"one long pause does not move the median",
			[]Purchase{caBuy("2025-01-01", 1), caBuy("2025-01-11", 1), caBuy("2025-01-21", 1), caBuy("2025-12-01", 1)}, "2025-12-22", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AtRisk([]CustomerSales{{"c1", "A", tt.ps}}, ymd(tt.today))
			if len(got) != tt.want {
				t.Errorf("got %+v, want %d rows", got, tt.want)
			}
		})
	}
	if got := AtRisk(nil, ymd("2026-01-01")); len(got) != 0 {
		t.Errorf("no customers: %v", got)
	}
}

func TestABCClassKeys(t *testing.T) {
	for c, want := range map[ABCClass]string{ABCClassA: "abc.a", ABCClassB: "abc.b", ABCClassC: "abc.c"} {
		if c.Key() != want || c.MeaningKey() != want+".meaning" {
			t.Errorf("%s: %s %s", c, c.Key(), c.MeaningKey())
		}
	}
}

func TestDayNumber(t *testing.T) {
	tests := []struct {
		t    time.Time
		want int64
	}{
		{time.Unix(0, 0).UTC(), 0},
		{time.Unix(-1, 0).UTC(), -1},
		{time.Unix(-86400, 0).UTC(), -1},
		{time.Unix(-86401, 0).UTC(), -2},
		{time.Date(1970, 1, 2, 0, 30, 0, 0, time.FixedZone("MSK", 3*3600)), 1},
		{time.Date(1970, 1, 1, 23, 30, 0, 0, time.FixedZone("X", -5*3600)), 0},
	}
	for _, tt := range tests {
		if got := dayNumber(tt.t); got != tt.want {
			t.Errorf("dayNumber(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if got := dayTime(dayNumber(ymd("2026-02-20"))); !got.Equal(ymd("2026-02-20")) {
		t.Errorf("dayTime = %v", got)
	}
}

// benchCustomers makes n customers with 5 purchases each over two years.
func benchCustomers(n int) []CustomerSales {
	cs := make([]CustomerSales, n)
	base := ymd("2025-01-01")
	x := uint64(88172645463325252)
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	for i := range cs {
		ps := make([]Purchase, 5)
		for k := range ps {
			ps[k] = Purchase{Day: base.AddDate(0, 0, int(next()%730)), Amount: Money(next()%10_000_000 + 1)}
		}
		cs[i] = CustomerSales{CustomerID: fmt.Sprintf("%016x", next()), Name: fmt.Sprintf("Customer %d", next()%100000), Purchases: ps}
	}
	return cs
}

var benchData []CustomerSales

func benchSet(b *testing.B) []CustomerSales {
	if benchData == nil {
		benchData = benchCustomers(1_000_000)
	}
	b.ResetTimer()
	return benchData
}

func BenchmarkABC1M(b *testing.B) {
	cs := benchSet(b)
	for b.Loop() {
		ABC(cs, ymd("2026-01-01"), ymd("2026-12-31"), 0, 0)
	}
}

func BenchmarkRFM1M(b *testing.B) {
	cs := benchSet(b)
	for b.Loop() {
		RFM(cs, ymd("2026-12-31"), ymd("2026-01-01"))
	}
}

func BenchmarkAtRisk1M(b *testing.B) {
	cs := benchSet(b)
	for b.Loop() {
		AtRisk(cs, ymd("2026-12-31"))
	}
}
