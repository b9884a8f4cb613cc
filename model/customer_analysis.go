package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Customer analysis: ABC by revenue, RFM segments and customers at risk.
// These are pure functions over CustomerSales the caller has loaded; the
// current day is passed in, never read from the clock.
//
// Conventions shared by all three:
//   - Days are calendar days: a Purchase.Day counts by its date in its own
//     location (dates from the database are UTC midnight), like dayOf.
//   - A purchase is a Purchase with a positive Amount. A credit note (a
//     negative Amount) reduces the customer's revenue and monetary value but
//     is not a purchase: it neither counts in the frequency nor moves the
//     last purchase day. A zero Amount is neither.
//   - Several purchases on the same day are one purchase (one visit) for
//     frequency, recency and intervals; their amounts all count. Otherwise
//     two invoices for one order would double a frequency and put a gap of
//     zero days into the usual interval.
//   - RFM and AtRisk ignore whatever is dated after today (a future-dated
//     invoice or credit note) rather than failing: a dashboard must still
//     show. ABC looks at its period only.

// CustomerSales is one customer's sales history, the input of the analyses.
type CustomerSales struct {
	CustomerID, Name string
	Purchases        []Purchase // in any order
}

// Purchase is one order or invoice: its day and its net revenue in the base
// currency. A credit note is a Purchase with a negative Amount.
type Purchase struct {
	Day    time.Time
	Amount Money
}

// ABCClass is a customer's class by revenue.
type ABCClass string

// The ABC classes.
const (
	ABCClassA ABCClass = "A" // the few customers who bring most of the revenue
	ABCClassB ABCClass = "B"
	ABCClassC ABCClass = "C"
)

// Key is the class's translation key: abc.a, abc.b, abc.c.
func (c ABCClass) Key() string { return "abc." + strings.ToLower(string(c)) }

// MeaningKey is the key of the class's explanation: abc.a.meaning, ….
func (c ABCClass) MeaningKey() string { return c.Key() + ".meaning" }

// ABCClasses lists the classes in display order.
var ABCClasses = []ABCClass{ABCClassA, ABCClassB, ABCClassC}

// Default ABC boundaries in basis points of the period's revenue.
const (
	DefaultABCABP = 8000 // A: up to 80 %
	DefaultABCBBP = 9500 // B: up to 95 %, C the rest
)

// ABCRow is one customer in the ABC analysis.
type ABCRow struct {
	CustomerID, Name string
	Class            ABCClass
	Revenue          Money // net revenue in the period (credit notes subtracted)
	ShareBP          int64 // Revenue / total positive revenue, 0 when Revenue ≤ 0
	CumBP            int64 // cumulative share up to and including this row
	Rank             int   // 1-based position in the sorted list
}

// ABC classifies customers by their net revenue in the period from..to
// (calendar days, both inclusive). Every customer given gets a row, sorted by
// revenue descending, ties by name then ID (byte order), so that the result
// does not depend on the input order.
//
// Shares are of the total positive revenue (the sum over customers whose
// revenue is above zero), in basis points rounded half away from zero
// (RoundDiv); the last customer with positive revenue has CumBP 10000.
// Class by CumBP as shown: A while CumBP ≤ aBP, B while CumBP ≤ bBP, C
// after. The customer whose share crosses a boundary belongs to the lower
// class (the one crossing 80 % is B): class A then never holds more than
// aBP of the revenue. One exception: the top customer is A whenever its
// revenue is positive, so that A is not empty when one customer dominates
// (a single customer with all the revenue is A, not C).
// Customers with zero or negative revenue are C with ShareBP 0 and the
// CumBP of the row before them.
//
// aBP or bBP ≤ 0 take the defaults (DefaultABCABP, DefaultABCBBP); both are
// capped at 10000 and bBP below aBP is raised to aBP (no class B then). It
// panics if the total revenue exceeds int64 (see ErrOverflow).
func ABC(customers []CustomerSales, from, to time.Time, aBP, bBP int64) []ABCRow {
	if aBP <= 0 {
		aBP = DefaultABCABP
	}
	if bBP <= 0 {
		bBP = DefaultABCBBP
	}
	aBP, bBP = min(aBP, 10000), min(bBP, 10000)
	bBP = max(bBP, aBP)
	if len(customers) == 0 {
		return nil
	}
	fd, td := dayNumber(from), dayNumber(to)
	order := make([]sortPair, len(customers))
	var total int64
	for i := range customers {
		var s int64
		for _, p := range customers[i].Purchases {
			if d := dayNumber(p.Day); d >= fd && d <= td {
				s = mustAdd(s, int64(p.Amount))
			}
		}
		order[i] = sortPair{key: descKey(s), i: i}
		if s > 0 {
			total = mustAdd(total, s)
		}
	}
	radixSort(order, make([]sortPair, len(order)))
	sortTies(order, func(a, b sortPair) bool { return a.key == b.key }, func(a, b sortPair) int {
		return compareCustomer(&customers[a.i], &customers[b.i])
	})
	rows := make([]ABCRow, len(order))
	var cum, cumBP int64
	for k, o := range order {
		c := &customers[o.i]
		rev := fromDescKey(o.key)
		r := ABCRow{CustomerID: c.CustomerID, Name: c.Name, Class: ABCClassC, Revenue: Money(rev), Rank: k + 1}
		if rev > 0 {
			cum += rev // ≤ total, cannot overflow
			r.ShareBP = mustMulDiv(rev, 10000, total)
			cumBP = mustMulDiv(cum, 10000, total)
			switch {
			case k == 0 || cumBP <= aBP:
				r.Class = ABCClassA
			case cumBP <= bBP:
				r.Class = ABCClassB
			}
		}
		r.CumBP = cumBP
		rows[k] = r
	}
	return rows
}

// sortPair is a sort key and the index of what it sorts.
type sortPair struct {
	key uint64
	i   int
}

// ascKey maps int64 order onto uint64 order; descKey reverses it.
func ascKey(v int64) uint64      { return uint64(v) ^ 1<<63 }
func descKey(v int64) uint64     { return ^ascKey(v) }
func fromDescKey(k uint64) int64 { return int64(^k ^ 1<<63) }

// radixSort sorts a by key, stably, in at most eight passes of one byte
// (a pass is skipped when every key has the same byte there): linear, and
// several times faster than a comparison sort on a million keys. buf is
// scratch space of the same length.
func radixSort(a, buf []sortPair) {
	if len(a) < 2 {
		return
	}
	src, dst := a, buf
	for shift := 0; shift < 64; shift += 8 {
		var count [256]int
		for _, p := range src {
			count[byte(p.key>>shift)]++
		}
		if count[byte(src[0].key>>shift)] == len(src) {
			continue
		}
		sum := 0
		for k, c := range count {
			count[k], sum = sum, sum+c
		}
		for _, p := range src {
			b := byte(p.key >> shift)
			dst[count[b]] = p
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// sortTies sorts by cmp each run of consecutive elements that are the same.
func sortTies(a []sortPair, same func(a, b sortPair) bool, cmp func(a, b sortPair) int) {
	for lo := 0; lo < len(a); {
		hi := lo + 1
		for hi < len(a) && same(a[lo], a[hi]) {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(a[lo:hi], cmp)
		}
		lo = hi
	}
}

// compareCustomer orders customers by name, then ID (byte order).
func compareCustomer(a, b *CustomerSales) int {
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.CustomerID, b.CustomerID)
}

// RFM segment keys (translation keys; the explanation is Key + ".meaning").
const (
	RFMChampions     = "rfm.champions"
	RFMLoyal         = "rfm.loyal"
	RFMPotential     = "rfm.potential"
	RFMNew           = "rfm.new"
	RFMNeedAttention = "rfm.need_attention"
	RFMAtRisk        = "rfm.at_risk"
	RFMCantLose      = "rfm.cant_lose"
	RFMHibernating   = "rfm.hibernating"
	RFMLost          = "rfm.lost"
)

// RFMSegment names a segment and the key of its meaning.
type RFMSegment struct {
	Key     string // e.g. rfm.champions
	Meaning string // e.g. rfm.champions.meaning
}

// RFMSegments are the segments in display order (best first).
var RFMSegments = []RFMSegment{
	{RFMChampions, RFMChampions + ".meaning"},
	{RFMLoyal, RFMLoyal + ".meaning"},
	{RFMPotential, RFMPotential + ".meaning"},
	{RFMNew, RFMNew + ".meaning"},
	{RFMNeedAttention, RFMNeedAttention + ".meaning"},
	{RFMAtRisk, RFMAtRisk + ".meaning"},
	{RFMCantLose, RFMCantLose + ".meaning"},
	{RFMHibernating, RFMHibernating + ".meaning"},
	{RFMLost, RFMLost + ".meaning"},
}

// rfmBox is a block of score combinations, each range inclusive.
type rfmBox struct {
	seg                string
	rLo, rHi, fLo, fHi int
	mLo, mHi           int
}

// rfmBoxes is the segment table. The boxes are disjoint and cover all 125
// combinations of R, F, M in 1..5 (a test checks both):
//
//	R 4–5  F 4–5 M 4–5        champions      bought lately, often, a lot
//	R 4–5  F 3, or F 4–5 M 1–3 loyal
//	R 3    F 3–5              loyal
//	R 4–5  F 2                potential      recent, a second purchase
//	R 4–5  F 1                new            recent, one purchase
//	R 3    F 1–2              need_attention
//	R 1–2  F 4–5 M 4–5        cant_lose      the best customers, gone quiet
//	R 1–2  F 3, or F 4–5 M 1–3, or F 1–2 M 3–5   at_risk
//	R 2    F 1–2 M 1–2        hibernating
//	R 1    F 1–2 M 1–2        lost
var rfmBoxes = []rfmBox{
	{RFMChampions, 4, 5, 4, 5, 4, 5},
	{RFMLoyal, 4, 5, 3, 3, 1, 5},
	{RFMLoyal, 4, 5, 4, 5, 1, 3},
	{RFMLoyal, 3, 3, 3, 5, 1, 5},
	{RFMPotential, 4, 5, 2, 2, 1, 5},
	{RFMNew, 4, 5, 1, 1, 1, 5},
	{RFMNeedAttention, 3, 3, 1, 2, 1, 5},
	{RFMCantLose, 1, 2, 4, 5, 4, 5},
	{RFMAtRisk, 1, 2, 3, 3, 1, 5},
	{RFMAtRisk, 1, 2, 4, 5, 1, 3},
	{RFMAtRisk, 1, 2, 1, 2, 3, 5},
	{RFMHibernating, 2, 2, 1, 2, 1, 2},
	{RFMLost, 1, 1, 1, 2, 1, 2},
}

// rfmTable[r-1][f-1][m-1] is the segment of a score combination.
var rfmTable = func() (t [5][5][5]string) {
	for _, b := range rfmBoxes {
		for r := b.rLo; r <= b.rHi; r++ {
			for f := b.fLo; f <= b.fHi; f++ {
				for m := b.mLo; m <= b.mHi; m++ {
					t[r-1][f-1][m-1] = b.seg
				}
			}
		}
	}
	return t
}()

// RFMSegmentOf returns the segment key of the scores r, f, m (1..5 each),
// or "" when a score is out of range.
func RFMSegmentOf(r, f, m int) string {
	if r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5 {
		return ""
	}
	return rfmTable[r-1][f-1][m-1]
}

// RFMRow is one customer's recency, frequency and monetary value, their
// scores and segment.
type RFMRow struct {
	CustomerID, Name string
	LastPurchase     time.Time // the last purchase day (UTC midnight)
	RecencyDays      int       // days from LastPurchase to today
	Frequency        int       // purchase days from from to today
	Monetary         Money     // net revenue from from to today, credit notes subtracted
	R, F, M          int       // scores 1..5, 5 best
	Segment          string    // a key of RFMSegments
}

// RFM scores the customers who bought (made at least one purchase) between
// from and today, both inclusive; customers who did not buy in that window
// get no row (ABC shows what they brought; AtRisk lists those whose rhythm
// broke off). What is dated after today is ignored.
//
// Scores are relative, by fifths of the buyers: a customer's score on a
// measure is 1 + ⌊5·L/n⌋, where n is the number of buyers and L the number
// of buyers strictly worse on that measure (a longer recency, a lower
// frequency, a lower monetary value). Equal values therefore get equal
// scores — a tie takes the score of its lowest member, as SQL's RANK does —
// and the worst value always scores 1: with many one-time buyers, all of
// them have F = 1. When all buyers are equal on a measure (and with a single
// buyer) everyone scores 1 on it: there is nothing to rank, so a single
// buyer is "lost" whatever he did; RFM means something from a few dozen
// buyers on.
//
// Rows are sorted by segment in RFMSegments order, then monetary value
// descending, then name and ID.
func RFM(customers []CustomerSales, today time.Time, from time.Time) []RFMRow {
	td, fd := dayNumber(today), dayNumber(from)
	acc := make([]rfmAcc, 0, len(customers))
	days := make([]int64, 0, 16)
	for i := range customers {
		days = days[:0]
		var mon int64
		for _, p := range customers[i].Purchases {
			d := dayNumber(p.Day)
			if d < fd || d > td {
				continue
			}
			mon = mustAdd(mon, int64(p.Amount))
			if p.Amount > 0 {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			continue
		}
		freq, last := distinctDays(days)
		acc = append(acc, rfmAcc{i: i, last: last, freq: int32(freq), mon: mon})
	}
	n := len(acc)
	if n == 0 {
		return nil
	}
	vals := make([]int64, n)
	for k := range acc {
		vals[k] = acc[k].last // a later last purchase is better
	}
	scoreFifths(vals, func(k, s int) { acc[k].r = int8(s) })
	for k := range acc {
		vals[k] = int64(acc[k].freq)
	}
	scoreFifths(vals, func(k, s int) { acc[k].f = int8(s) })
	for k := range acc {
		vals[k] = acc[k].mon
	}
	scoreFifths(vals, func(k, s int) { acc[k].m = int8(s) })

	// Order: segment, then monetary descending (radix by monetary, then a
	// stable counting pass by segment), then name and ID within ties.
	byMon := make([]sortPair, n)
	for k := range acc {
		a := &acc[k]
		a.seg = int8(rfmSegIndex[a.r-1][a.f-1][a.m-1])
		byMon[k] = sortPair{key: descKey(a.mon), i: k}
	}
	order := make([]sortPair, n)
	radixSort(byMon, order)
	start := make([]int, len(RFMSegments)+1)
	for k := range acc {
		start[acc[k].seg+1]++
	}
	for s := 1; s < len(start); s++ {
		start[s] += start[s-1]
	}
	for _, p := range byMon {
		s := acc[p.i].seg
		order[start[s]] = p
		start[s]++
	}
	sortTies(order, func(a, b sortPair) bool { return a.key == b.key && acc[a.i].seg == acc[b.i].seg },
		func(a, b sortPair) int {
			return compareCustomer(&customers[acc[a.i].i], &customers[acc[b.i].i])
		})
	rows := make([]RFMRow, n)
	for k, p := range order {
		a := &acc[p.i]
		c := &customers[a.i]
		rows[k] = RFMRow{
			CustomerID: c.CustomerID, Name: c.Name,
			LastPurchase: dayTime(a.last), RecencyDays: int(td - a.last),
			Frequency: int(a.freq), Monetary: Money(a.mon),
			R: int(a.r), F: int(a.f), M: int(a.m), Segment: RFMSegments[a.seg].Key,
		}
	}
	return rows
}

// rfmAcc is one buyer while RFM works: the customer's index, last purchase
// day, frequency, monetary value, scores and segment index.
type rfmAcc struct {
	i         int
	last, mon int64
	freq      int32
	r, f, m   int8
	seg       int8
}

// rfmSegIndex[r-1][f-1][m-1] is the index in RFMSegments of a combination.
var rfmSegIndex = func() (t [5][5][5]int) {
	for r := range t {
		for f := range t[r] {
			for m := range t[r][f] {
				t[r][f][m] = slices.IndexFunc(RFMSegments, func(s RFMSegment) bool { return s.Key == rfmTable[r][f][m] })
			}
		}
	}
	return t
}()

// scoreFifths calls set(i, 1+⌊5·L/n⌋) for every value, L being the number
// of values strictly below vals[i]. A narrow range of values (days,
// frequencies) is counted in O(n + range); a wide one is radix-sorted.
func scoreFifths(vals []int64, set func(i, score int)) {
	n := len(vals)
	lo, hi := slices.Min(vals), slices.Max(vals)
	if span := uint64(hi) - uint64(lo); span < uint64(4*n+64) {
		below := make([]int, span+1)
		for _, v := range vals {
			below[v-lo]++
		}
		run := 0
		for k, c := range below {
			below[k], run = run, run+c
		}
		for i, v := range vals {
			set(i, 1+5*below[v-lo]/n)
		}
		return
	}
	ps := make([]sortPair, n)
	for i, v := range vals {
		ps[i] = sortPair{key: ascKey(v), i: i}
	}
	radixSort(ps, make([]sortPair, n))
	l := 0
	for k, p := range ps {
		if p.key != ps[l].key {
			l = k
		}
		set(p.i, 1+5*l/n)
	}
}

// RiskRow is a customer whose usual purchase rhythm has broken off.
type RiskRow struct {
	CustomerID, Name  string
	LastPurchase      time.Time // the last purchase day (UTC midnight)
	Purchases         int       // purchase days up to today
	UsualIntervalDays int       // median gap between purchase days, rounded half up
	DaysSince         int       // days from LastPurchase to today
	DaysOverdue       int       // DaysSince − UsualIntervalDays: how late the expected next purchase is
	Revenue           Money     // net revenue up to today: what is at stake
	Owner             string    // the responsible seller's name (filled by the repository; "" when none)
}

// AtRiskMinPurchases is the fewest purchase days that make a usual
// interval: with two there is a single gap, which is no rhythm.
const AtRiskMinPurchases = 3

// AtRisk lists the customers with at least AtRiskMinPurchases purchase days
// up to today whose days since the last purchase exceed twice their usual
// interval, sorted by revenue at stake (their net revenue in the history
// given, up to today) descending, then name and ID. The caller chooses the
// history (all of it, or the last years).
//
// The usual interval is the median of the gaps between consecutive purchase
// days (with an even number of gaps, the mean of the middle two), not the
// mean: one long pause (a holiday, a year without a project) or a burst of
// orders in one week would drag a mean far from the customer's rhythm, while
// the median stays with the typical gap. The comparison is exact: with gaps
// 45 and 66 the interval is 55.5 days and the customer is at risk after more
// than 111 days (UsualIntervalDays shows 56). What is dated after today is
// ignored.
func AtRisk(customers []CustomerSales, today time.Time) []RiskRow {
	td := dayNumber(today)
	var rows []RiskRow
	days := make([]int64, 0, 16)
	gaps := make([]int64, 0, 16)
	for i := range customers {
		c := &customers[i]
		days = days[:0]
		var rev int64
		for _, p := range c.Purchases {
			d := dayNumber(p.Day)
			if d > td {
				continue
			}
			rev = mustAdd(rev, int64(p.Amount))
			if p.Amount > 0 {
				days = append(days, d)
			}
		}
		if len(days) < AtRiskMinPurchases {
			continue
		}
		sortDays(days)
		days = slices.Compact(days)
		if len(days) < AtRiskMinPurchases {
			continue
		}
		gaps = gaps[:0]
		for k := 1; k < len(days); k++ {
			gaps = append(gaps, days[k]-days[k-1])
		}
		sortDays(gaps)
		mid := len(gaps) / 2
		twice := 2 * gaps[mid] // twice the median, exact
		if len(gaps)%2 == 0 {
			twice = gaps[mid-1] + gaps[mid]
		}
		last := days[len(days)-1]
		since := td - last
		if since <= twice {
			continue
		}
		usual := (twice + 1) / 2
		rows = append(rows, RiskRow{
			CustomerID: c.CustomerID, Name: c.Name,
			LastPurchase: dayTime(last), Purchases: len(days),
			UsualIntervalDays: int(usual), DaysSince: int(since), DaysOverdue: int(since - usual),
			Revenue: Money(rev),
		})
	}
	slices.SortFunc(rows, func(a, b RiskRow) int {
		if a.Revenue != b.Revenue {
			return cmp.Compare(b.Revenue, a.Revenue)
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.CustomerID, b.CustomerID)
	})
	return rows
}

// distinctDays sorts days in place and returns how many differ and the last.
func distinctDays(days []int64) (n int, last int64) {
	sortDays(days)
	n = 1
	for k := 1; k < len(days); k++ {
		if days[k] != days[k-1] {
			n++
		}
	}
	return n, days[len(days)-1]
}

// sortDays sorts a few values by insertion (a customer has a handful of
// purchases), many by slices.Sort.
func sortDays(d []int64) {
	if len(d) > 12 {
		slices.Sort(d)
		return
	}
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j] < d[j-1]; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// dayNumber is t's calendar date (in t's location) as days since 1970-01-01.
func dayNumber(t time.Time) int64 {
	s := t.Unix()
	if t.Location() != time.UTC {
		_, off := t.Zone()
		s += int64(off)
	}
	if s < 0 {
		return (s - 86399) / 86400
	}
	return s / 86400
}

// dayTime is the UTC midnight of a day number.
func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

// mustAdd is a + b for sums of validated amounts; it panics on overflow.
func mustAdd(a, b int64) int64 {
	s, ok := addInt64(a, b)
	if !ok {
		panic("model: " + ErrOverflow.Error())
	}
	return s
}
