package model

import (
	"errors"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// ErrOverflow: an amount or quantity does not fit in 64 bits. No real
// document comes near (int64 kopecks are ±9.2·10^16 roubles), so meeting it
// means the input was not validated.
var ErrOverflow = errors.New("amount out of range")

// VATRateRow is one row of the dated VAT table: from From (a calendar day,
// inclusive) the category is taxed at BP basis points (2200 = 22 %), until
// the next row of the same category takes over.
type VATRateRow struct {
	Category VATCategory
	From     time.Time // a calendar date (UTC midnight); the zero time = since ever
	BP       int64
}

// VATTable is the Russian VAT as data: standard 20 % until 2025-12-31 and
// 22 % from 2026-01-01 (Federal Law 425-FZ), reduced 10 %, zero 0 % (export).
// VATNone («Без НДС») has no row: it has no rate at all, which is not the
// same as 0 % (documents say «Без НДС», not «НДС 0%»). A future change of rate
// is a new row here, never an if at a call site.
var VATTable = []VATRateRow{
	{Category: VATStandard, From: time.Time{}, BP: 2000},
	{Category: VATStandard, From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), BP: 2200},
	{Category: VATReduced, From: time.Time{}, BP: 1000},
	{Category: VATZero, From: time.Time{}, BP: 0},
}

// VATRateOn returns the rate of cat on day from table (normally VATTable):
// the row of that category with the latest From on or before day. Days are
// compared as calendar dates, each taken in its own location, as
// PriceList.ValidOn does (dates from the database are UTC midnight, so for
// them this is the UTC date; a local "now" counts by the local calendar, which
// is the date a document bears). ok is false for VATNone, for an unknown
// category, and for a day before the category's first row.
func VATRateOn(cat VATCategory, day time.Time, table []VATRateRow) (bp int64, ok bool) {
	if cat == VATNone {
		return 0, false
	}
	d := dayOf(day)
	var best time.Time
	for _, r := range table {
		if r.Category != cat {
			continue
		}
		from := dayOf(r.From)
		if from.After(d) || (ok && from.Before(best)) {
			continue
		}
		// A later row with the same From replaces an earlier one.
		bp, best, ok = r.BP, from, true
	}
	return bp, ok
}

// VATLabel is the rate as documents print it: "22%", "10%", "0%", a
// fractional rate with a decimal comma ("5,5%"), and «Без НДС» for VATNone
// whatever bp is.
func VATLabel(cat VATCategory, bp int64) string {
	if cat == VATNone {
		return "Без НДС"
	}
	neg := bp < 0
	u := uabs(bp)
	s := strconv.FormatUint(u/100, 10)
	if frac := u % 100; frac != 0 {
		f := strings.TrimRight(strconv.FormatUint(100+frac, 10)[1:], "0")
		s += "," + f
	}
	if neg {
		s = "-" + s
	}
	return s + "%"
}

// RoundDiv is the one rounding rule of Sdelka: num/den rounded to the
// nearest integer, a half rounded away from zero (commercial rounding:
// 0.5 kopeck becomes 1, −0.5 becomes −1), so that a credit note is exactly
// the negative of the invoice it reverses. It is exact for every int64 num
// and den (the remainder is compared in unsigned arithmetic, nothing
// overflows). It panics when den is 0, like integer division, and for
// MinInt64/−1, whose quotient does not fit. Products that may overflow go
// through MulDivRound instead of multiplying first.
func RoundDiv(num, den int64) int64 {
	q, ok := MulDivRound(num, 1, den)
	if !ok {
		panic("model.RoundDiv: quotient out of range")
	}
	return q
}

// MulDivRound is RoundDiv(a×b, den) computed exactly with a 128-bit
// intermediate product (math/bits), so a price × quantity that overflows
// int64 still divides back correctly. ok is false when the rounded result
// does not fit in int64. It panics when den is 0.
func MulDivRound(a, b, den int64) (q int64, ok bool) {
	if den == 0 {
		panic("model.MulDivRound: division by zero")
	}
	neg := (a < 0) != (b < 0) != (den < 0)
	if a == 0 || b == 0 {
		return 0, true
	}
	ud := uabs(den)
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi >= ud {
		return 0, false // the quotient needs more than 64 bits
	}
	uq, r := bits.Div64(hi, lo, ud)
	if r >= ud-r { // 2r ≥ d without overflowing: at least half
		if uq == math.MaxUint64 {
			return 0, false
		}
		uq++
	}
	return fromMagnitude(uq, neg)
}

// uabs is |x| as uint64, exact even for MinInt64.
func uabs(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1
	}
	return uint64(x)
}

// fromMagnitude gives ±u as int64; ok is false when it does not fit.
func fromMagnitude(u uint64, neg bool) (int64, bool) {
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return int64(-u), true // -(1<<63) wraps to MinInt64, as wanted
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// LineAmounts are a document line's money: Net + VAT == Gross, always.
type LineAmounts struct {
	Net, VAT, Gross Money
}

// LineTotal computes a document line from the unit price, the quantity (in
// thousandths, negative on a credit note) and the VAT rate in basis points.
//
// Rounding: the line amount is MulDivRound(price × qty, 1000) — rounded once,
// half away from zero — and the VAT is rounded once more from that amount;
// the third figure is their difference or sum, never rounded on its own, so
// Net + VAT == Gross holds exactly. Precedence of the flags:
//   - noVAT (the company does not charge VAT, «Без НДС») wins: VAT is 0 and
//     Net = Gross = the amount, whatever vatBP and pricesIncludeVAT say;
//   - pricesIncludeVAT: the amount is Gross, VAT = RoundDiv(Gross × bp,
//     10000 + bp) is the tax contained in it, Net = Gross − VAT;
//   - otherwise the amount is Net, VAT = RoundDiv(Net × bp, 10000),
//     Gross = Net + VAT.
//
// Because the rounding is symmetric, LineTotal(p, −q) is exactly the
// negative of LineTotal(p, q). It panics on a negative (or absurd) vatBP or when a figure
// exceeds int64 (see ErrOverflow: inputs are validated long before).
func LineTotal(price Money, qty Qty, vatBP int64, noVAT, pricesIncludeVAT bool) LineAmounts {
	if vatBP < 0 || vatBP > math.MaxInt64-10000 {
		panic("model.LineTotal: VAT rate out of range")
	}
	amt := mustMulDiv(int64(price), int64(qty), 1000)
	if noVAT {
		return LineAmounts{Net: Money(amt), Gross: Money(amt)}
	}
	if pricesIncludeVAT {
		vat := mustMulDiv(amt, vatBP, 10000+vatBP)
		return LineAmounts{Net: Money(amt - vat), VAT: Money(vat), Gross: Money(amt)}
	}
	vat := mustMulDiv(amt, vatBP, 10000)
	gross, ok := addInt64(amt, vat)
	if !ok {
		panic("model.LineTotal: " + ErrOverflow.Error())
	}
	return LineAmounts{Net: Money(amt), VAT: Money(vat), Gross: Money(gross)}
}

// mustMulDiv is MulDivRound for callers whose inputs are validated.
func mustMulDiv(a, b, den int64) int64 {
	q, ok := MulDivRound(a, b, den)
	if !ok {
		panic("model: " + ErrOverflow.Error())
	}
	return q
}

// addInt64 is a + b; ok is false when it overflows.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
