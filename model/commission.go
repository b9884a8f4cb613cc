package model

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"time"
)

// Sales plans and commissions: the pure calculation of a seller's commission
// for one calendar month. The repo loads the data, calls CalculateCommission
// and stores the result of a closed period; nothing here reads the clock or
// the database.
//
// Conventions (each one tested in commission_test.go):
//
//   - Revenue is net of VAT and in the base currency. A payment allocation
//     pays every line of its invoice in proportion: the allocation's net is
//     RoundDiv(allocation × invoice net, invoice gross), spread over the lines
//     by their net with RoundDiv, and the remainder goes to the line of the
//     largest net (the first of equals), so the parts add up exactly (see
//     SpreadAllocation). Only the proportions of the lines count, so they may
//     be in the invoice's own currency; the allocation is in the base currency.
//   - Commission is counted on payments (allocations to invoices), never on
//     invoices issued. Plan fulfilment = paid net revenue of the period ÷ the
//     plan, truncated to a basis point (never rounded up: 99.995 % is 9999 bp,
//     so a plan is met only when the money really reaches it).
//   - Rates are basis points of the net (500 = 5 %). A line's rate is the
//     rule's rate for its product category, or for the nearest ancestor
//     category that has one, or else the base rate.
//   - Tiers are multipliers of every rate (FactorBP, 10000 = ×1) chosen by
//     fulfilment: the tier with the highest FromBP reached applies to the
//     whole period's paid revenue (not marginal). No tier reached = ×1.
//   - One rounding per entry: commission = RoundDiv(base × rate × factor,
//     10^8), half a kopeck away from zero, computed exactly in 128 bits.
//   - PlanBonus is added once when a plan exists (Amount > 0) and fulfilment
//     ≥ 100 %. Without a plan fulfilment is undefined: no tier, no bonus,
//     base and category rates only.
//   - A credit note (its lines' net, ≤ 0, base currency) dated in the period
//     reduces the commission of the invoice it credits, per category: it
//     reverses at most the base that invoice earned commission on in that
//     category (in earlier periods or this one) and not reversed yet — a
//     credit of the unpaid part reduces nothing — pro rata of the commission
//     earned there, cumulatively, so a full return claws back exactly what was
//     earned whatever tiers applied then. Credit notes do not reduce Paid (the
//     fulfilment of the period), only the commission.
//   - Frozen periods: a payment or credit note counts in the month of its
//     date unless that month was closed before it was recorded; then it counts
//     in the first later month that was still open when it was recorded (see
//     CommissionMonthOf). So a closed month's inputs never change and its
//     result, recomputed from the same rule and plan, stays the same. The repo
//     still stores the result at closing and forbids editing what it counted.
//   - A period's total may be negative (returns exceeding new sales); it is
//     shown as it is, not carried forward.
//   - Any sum or product that does not fit in int64 is refused with an error
//     wrapping ErrOverflow, never wrapped around.

// SalesPlan is a seller's sales target for a calendar month, net of VAT, in
// the base currency. Amount 0 means no plan.
type SalesPlan struct {
	UserID string
	Month  time.Time // any instant of the month; its own calendar counts
	Amount Money
}

// CommissionTier multiplies every rate of a rule once plan fulfilment reaches
// FromBP (10000 = 100 % of the plan). FactorBP 10000 = ×1, 12000 = ×1.2.
type CommissionTier struct {
	FromBP   int64
	FactorBP int64
}

// CommissionRule is how a seller, or every user of a role, earns commission
// from ValidFrom on. A rule with UserID set is the user's own and wins over
// the role's (see ResolveCommissionRule).
type CommissionRule struct {
	ID            string
	UserID        string // "" = the rule of Role
	Role          Role
	BaseRateBP    int64            // of paid net revenue, 500 = 5 %
	CategoryRates map[string]int64 // category ID → rate bp, for that category and its subcategories
	Tiers         []CommissionTier // by plan fulfilment; any order
	PlanBonus     Money            // fixed, when fulfilment ≥ 100 %
	ValidFrom     time.Time        // a calendar day
	Version       int64
}

// Bounds of a rule: a rate is at most 100 %, a multiplier at most ×100, so
// rate × factor (≤ 10^10) fits comfortably and so does base × rate × factor
// in the 128-bit product.
const (
	maxCommissionRateBP   = 10000
	maxCommissionFactorBP = 1_000_000
	factorOne             = 10000
)

// ValidateCommissionRule checks a rule before it is saved.
func ValidateCommissionRule(r CommissionRule) error {
	var v ValidationErrors
	if r.UserID == "" && !r.Role.Valid() {
		v.Add("role", "valid.commission.owner")
	}
	if r.BaseRateBP < 0 || r.BaseRateBP > maxCommissionRateBP {
		v.Add("base_rate", "valid.commission.rate")
	}
	for _, bp := range r.CategoryRates {
		if bp < 0 || bp > maxCommissionRateBP {
			v.Add("rates", "valid.commission.rate")
			break
		}
	}
	seen := map[int64]bool{}
	for _, t := range r.Tiers {
		if t.FromBP < 0 || t.FactorBP < 0 || t.FactorBP > maxCommissionFactorBP || seen[t.FromBP] {
			v.Add("tiers", "valid.commission.tier")
			break
		}
		seen[t.FromBP] = true
	}
	if r.PlanBonus < 0 {
		v.Add("bonus", "valid.commission.bonus")
	}
	if r.ValidFrom.IsZero() {
		v.Add("valid_from", "valid.commission.valid_from")
	}
	return v.Err()
}

// ResolveCommissionRule picks the rule for a user in the month of period:
// among rules with ValidFrom on or before the month's first day, the user's
// own with the newest ValidFrom, else the role's with the newest ValidFrom
// (of equal days, the later in rules wins). ok is false when none applies.
func ResolveCommissionRule(rules []CommissionRule, userID string, role Role, period time.Time) (CommissionRule, bool) {
	start := CommissionMonth(period)
	var own, byRole CommissionRule
	var hasOwn, hasRole bool
	for _, r := range rules {
		if dayOf(r.ValidFrom).After(start) {
			continue
		}
		switch {
		case r.UserID != "" && r.UserID == userID:
			if !hasOwn || !dayOf(r.ValidFrom).Before(dayOf(own.ValidFrom)) {
				own, hasOwn = r, true
			}
		case r.UserID == "" && r.Role == role:
			if !hasRole || !dayOf(r.ValidFrom).Before(dayOf(byRole.ValidFrom)) {
				byRole, hasRole = r, true
			}
		}
	}
	if hasOwn {
		return own, true
	}
	return byRole, hasRole
}

// CommissionMonth is the first day (UTC midnight) of t's calendar month,
// taken in t's own location: the key of a commission period.
func CommissionMonth(t time.Time) time.Time {
	y, m, _ := t.Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

// PeriodClosing says a month's commissions were closed (frozen) at ClosedAt.
type PeriodClosing struct {
	Month    time.Time // any instant of the month
	ClosedAt time.Time
}

// CommissionMonthOf is the month a payment or credit note dated date and
// recorded at recorded counts in: its date's month, or, when that month was
// closed at or before recorded, the first later month not closed by then.
// A zero recorded is before every closing.
func CommissionMonthOf(date, recorded time.Time, closings []PeriodClosing) time.Time {
	m := CommissionMonth(date)
	for range len(closings) + 1 {
		closed := false
		for _, c := range closings {
			if CommissionMonth(c.Month).Equal(m) && !recorded.IsZero() && !recorded.Before(c.ClosedAt) {
				closed = true
				break
			}
		}
		if !closed {
			return m
		}
		m = m.AddDate(0, 1, 0)
	}
	return m
}

// CommissionLine is a line of an invoice or credit note as the calculation
// needs it: the product category and the amounts.
type CommissionLine struct {
	CategoryID string // "" = uncategorised: the base rate
	Net        Money
	Gross      Money // invoice lines only
}

// PaidItem is one allocation of a payment to an invoice, with the invoice's
// lines, candidate for a seller's commission.
type PaidItem struct {
	PaymentID     string
	PaymentNumber string
	Date          time.Time // the payment's date
	Recorded      time.Time // when it was entered (decides frozen periods)
	CustomerID    string
	CustomerName  string
	InvoiceID     string
	InvoiceNumber string
	Amount        Money            // allocated, > 0, base currency, with VAT
	Lines         []CommissionLine // the invoice's lines (Net and Gross)
}

// CreditItem is a credit note posted against an invoice of the seller.
type CreditItem struct {
	CreditNoteID     string
	CreditNoteNumber string
	Date             time.Time
	Recorded         time.Time
	CustomerID       string
	CustomerName     string
	InvoiceID        string
	InvoiceNumber    string
	Lines            []CommissionLine // Net ≤ 0, base currency
}

// CommissionEntryKind tells what an entry counts.
type CommissionEntryKind string

// Entry kinds.
const (
	CommissionPayment CommissionEntryKind = "payment"
	CommissionCredit  CommissionEntryKind = "credit_note"
)

// CommissionEntry is one counted part of a payment allocation (one per
// product category of the invoice) or of a credit note, with its figures.
type CommissionEntry struct {
	Kind          CommissionEntryKind
	DocID         string // the payment or credit note
	DocNumber     string
	InvoiceID     string
	InvoiceNumber string
	CustomerID    string
	CustomerName  string
	Date          time.Time
	Late          bool   // dated in an earlier month that was closed when it was recorded
	CategoryID    string // the line's own category
	Base          Money  // net counted (negative for a credit note)
	RateBP        int64  // the category's or base rate (a credit note: its original's)
	FactorBP      int64  // the tier multiplier (a credit note: its original's)
	Commission    Money
}

// CommissionCalc is a seller's commission for one month.
type CommissionCalc struct {
	UserID       string
	Period       time.Time // the month's first day
	RuleID       string
	Plan         Money
	HasPlan      bool
	Paid         Money // net paid revenue counted (payments only)
	Credited     Money // net reversed by credit notes (≤ 0)
	FulfilmentBP int64 // Paid ÷ Plan, truncated; 0 without a plan
	FactorBP     int64 // the tier multiplier applied (10000 without a tier)
	Lines        []CommissionEntry
	Commission   Money // Σ Lines
	Bonus        Money
	Total        Money // Commission + Bonus
}

// CommissionInput is what a month's calculation needs besides the rule and
// the plan.
type CommissionInput struct {
	UserID  string
	Period  time.Time    // any instant of the month calculated
	Items   []PaidItem   // candidates: those not counting in Period are skipped
	Credits []CreditItem // likewise
	// Earlier are the seller's entries of the months before Period (the
	// Lines of their calculations): what invoices earned, for credit notes.
	Earlier        []CommissionEntry
	Closings       []PeriodClosing
	CategoryParent map[string]string // category ID → parent ID ("" = root)
}

// SpreadAllocation splits an allocation (with VAT) over an invoice's lines:
// the net paid is RoundDiv(amount × Σnet, Σgross), each line takes
// RoundDiv(net paid × its net, Σnet), and the remainder goes to the line with
// the largest |net| (the first of equals), so the parts add up to the net
// paid exactly. Errors: no lines or Σgross ≤ 0 (a *ValidationError), a sum
// out of range (ErrOverflow).
func SpreadAllocation(amount Money, lines []CommissionLine) ([]Money, error) {
	var sumNet, sumGross Money
	largest := -1
	for i, l := range lines {
		var err error
		if sumNet, err = addMoney(sumNet, l.Net); err != nil {
			return nil, err
		}
		if sumGross, err = addMoney(sumGross, l.Gross); err != nil {
			return nil, err
		}
		if largest < 0 || uabs(int64(l.Net)) > uabs(int64(lines[largest].Net)) {
			largest = i
		}
	}
	if len(lines) == 0 || sumGross <= 0 {
		return nil, &ValidationError{Field: "lines", Msg: "valid.commission.invoice"}
	}
	netPaid, ok := MulDivRound(int64(amount), int64(sumNet), int64(sumGross))
	if !ok {
		return nil, ErrOverflow
	}
	parts := make([]Money, len(lines))
	if sumNet == 0 {
		return parts, nil
	}
	var sum Money
	for i, l := range lines {
		p, ok := MulDivRound(netPaid, int64(l.Net), int64(sumNet))
		if !ok {
			return nil, ErrOverflow
		}
		parts[i] = Money(p)
		var err error
		if sum, err = addMoney(sum, parts[i]); err != nil {
			return nil, err
		}
	}
	if sum == math.MinInt64 {
		return nil, ErrOverflow
	}
	rest, ok := addInt64(netPaid, -int64(sum))
	if !ok {
		return nil, ErrOverflow
	}
	fixed, ok := addInt64(int64(parts[largest]), rest)
	if !ok {
		return nil, ErrOverflow
	}
	parts[largest] = Money(fixed)
	return parts, nil
}

// CategoryRate is the rate of a line of category cat under rule: the rate of
// cat or of its nearest ancestor that has one (parent maps a category to its
// parent), else the base rate. A cycle in parent ends the walk.
func CategoryRate(rule CommissionRule, cat string, parent map[string]string) int64 {
	for steps := 0; cat != "" && steps <= len(parent); steps++ {
		if bp, ok := rule.CategoryRates[cat]; ok {
			return bp
		}
		cat = parent[cat]
	}
	return rule.BaseRateBP
}

// TierFactor is the multiplier of the highest tier whose FromBP the
// fulfilment reaches; 10000 (×1) when none is reached or hasPlan is false.
func TierFactor(tiers []CommissionTier, fulfilmentBP int64, hasPlan bool) int64 {
	factor, best := int64(factorOne), int64(-1)
	if !hasPlan {
		return factor
	}
	for _, t := range tiers {
		if t.FromBP <= fulfilmentBP && t.FromBP > best {
			factor, best = t.FactorBP, t.FromBP
		}
	}
	return factor
}

// FulfilmentBP is paid ÷ plan in basis points, truncated (never rounded up),
// saturating at MaxInt64; 0 when plan ≤ 0 or paid ≤ 0.
func FulfilmentBP(paid, plan Money) int64 {
	if plan <= 0 || paid <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(paid), 10000)
	if hi >= uint64(plan) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(plan))
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
}

// commissionOf is RoundDiv(base × rate × factor, 10^8), exact.
func commissionOf(base Money, rateBP, factorBP int64) (Money, error) {
	c, ok := MulDivRound(int64(base), rateBP*factorBP, factorOne*factorOne)
	if !ok {
		return 0, ErrOverflow
	}
	return Money(c), nil
}

// ErrCommissionInput: the data handed to CalculateCommission is inconsistent
// (a rule or plan of another user, a negative allocation, a positive credit).
var ErrCommissionInput = errors.New("inconsistent commission input")

type earnKey struct{ invoice, category string }

type earnSum struct {
	base, comm         Money // payments
	revBase, revComm   Money // credit notes so far (≤ 0)
	lastRate, lastFact int64
}

// CalculateCommission computes a seller's commission for the month of
// in.Period under rule and plan (see the conventions at the top of this
// file). Items and credits counting in another month are skipped. Entries
// are in the order of date, recording time, document number, invoice number,
// then category (first appearance on the invoice). Errors wrap ErrOverflow
// or ErrCommissionInput, or are a *ValidationError for a rule not valid.
func CalculateCommission(rule CommissionRule, plan SalesPlan, in CommissionInput) (CommissionCalc, error) {
	period := CommissionMonth(in.Period)
	calc := CommissionCalc{UserID: in.UserID, Period: period, RuleID: rule.ID, FactorBP: factorOne}
	fail := func(err error) (CommissionCalc, error) {
		return CommissionCalc{}, fmt.Errorf("commission of %s for %s: %w", in.UserID, period.Format("2006-01"), err)
	}
	if err := ValidateCommissionRule(rule); err != nil {
		return fail(err)
	}
	if rule.UserID != "" && rule.UserID != in.UserID {
		return fail(fmt.Errorf("rule %s is of user %s: %w", rule.ID, rule.UserID, ErrCommissionInput))
	}
	if (plan.UserID != "" && plan.UserID != in.UserID) || plan.Amount < 0 ||
		(plan.Amount > 0 && !CommissionMonth(plan.Month).Equal(period)) {
		return fail(fmt.Errorf("plan of %s for %s: %w", plan.UserID, CommissionMonth(plan.Month).Format("2006-01"), ErrCommissionInput))
	}
	calc.Plan, calc.HasPlan = plan.Amount, plan.Amount > 0

	items := make([]PaidItem, 0, len(in.Items))
	for _, it := range in.Items {
		if CommissionMonthOf(it.Date, it.Recorded, in.Closings).Equal(period) {
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if !a.Recorded.Equal(b.Recorded) {
			return a.Recorded.Before(b.Recorded)
		}
		if a.PaymentNumber != b.PaymentNumber {
			return a.PaymentNumber < b.PaymentNumber
		}
		return a.InvoiceNumber < b.InvoiceNumber
	})

	// Pass 1: the bases of the payments, and Paid.
	for _, it := range items {
		if it.Amount <= 0 {
			return fail(fmt.Errorf("payment %s to %s: allocation %d: %w", it.PaymentNumber, it.InvoiceNumber, it.Amount, ErrCommissionInput))
		}
		parts, err := SpreadAllocation(it.Amount, it.Lines)
		if err != nil {
			return fail(fmt.Errorf("payment %s to %s: %w", it.PaymentNumber, it.InvoiceNumber, err))
		}
		idx := map[string]int{}
		for i, l := range it.Lines {
			k, ok := idx[l.CategoryID]
			if !ok {
				k = len(calc.Lines)
				idx[l.CategoryID] = k
				calc.Lines = append(calc.Lines, CommissionEntry{
					Kind: CommissionPayment, DocID: it.PaymentID, DocNumber: it.PaymentNumber,
					InvoiceID: it.InvoiceID, InvoiceNumber: it.InvoiceNumber,
					CustomerID: it.CustomerID, CustomerName: it.CustomerName,
					Date: it.Date, Late: CommissionMonth(it.Date).Before(period),
					CategoryID: l.CategoryID, RateBP: CategoryRate(rule, l.CategoryID, in.CategoryParent),
				})
			}
			e := &calc.Lines[k]
			if e.Base, err = addMoney(e.Base, parts[i]); err != nil {
				return fail(err)
			}
			if calc.Paid, err = addMoney(calc.Paid, parts[i]); err != nil {
				return fail(err)
			}
		}
	}

	// The tier, then pass 2: the commission of each payment entry.
	if calc.HasPlan {
		calc.FulfilmentBP = FulfilmentBP(calc.Paid, calc.Plan)
	}
	calc.FactorBP = TierFactor(rule.Tiers, calc.FulfilmentBP, calc.HasPlan)
	earned := map[earnKey]*earnSum{}
	sumOf := func(k earnKey) *earnSum {
		s := earned[k]
		if s == nil {
			s = &earnSum{}
			earned[k] = s
		}
		return s
	}
	record := func(e CommissionEntry) error {
		s := sumOf(earnKey{e.InvoiceID, e.CategoryID})
		var err error
		if e.Kind == CommissionPayment {
			if s.base, err = addMoney(s.base, e.Base); err != nil {
				return err
			}
			if s.comm, err = addMoney(s.comm, e.Commission); err != nil {
				return err
			}
			s.lastRate, s.lastFact = e.RateBP, e.FactorBP
			return nil
		}
		if s.revBase, err = addMoney(s.revBase, e.Base); err != nil {
			return err
		}
		s.revComm, err = addMoney(s.revComm, e.Commission)
		return err
	}
	for _, e := range in.Earlier {
		if err := record(e); err != nil {
			return fail(err)
		}
	}
	for i := range calc.Lines {
		e := &calc.Lines[i]
		e.FactorBP = calc.FactorBP
		c, err := commissionOf(e.Base, e.RateBP, e.FactorBP)
		if err != nil {
			return fail(fmt.Errorf("payment %s to %s: %w", e.DocNumber, e.InvoiceNumber, err))
		}
		e.Commission = c
		if err := record(*e); err != nil {
			return fail(err)
		}
	}

	// Credit notes: reverse what their invoices earned, pro rata.
	credits := make([]CreditItem, 0, len(in.Credits))
	for _, c := range in.Credits {
		if CommissionMonthOf(c.Date, c.Recorded, in.Closings).Equal(period) {
			credits = append(credits, c)
		}
	}
	sort.SliceStable(credits, func(i, j int) bool {
		a, b := credits[i], credits[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if !a.Recorded.Equal(b.Recorded) {
			return a.Recorded.Before(b.Recorded)
		}
		return a.CreditNoteNumber < b.CreditNoteNumber
	})
	for _, c := range credits {
		var cats []string
		byCat := map[string]Money{}
		for _, l := range c.Lines {
			if l.Net > 0 {
				return fail(fmt.Errorf("credit note %s: line net %d > 0: %w", c.CreditNoteNumber, l.Net, ErrCommissionInput))
			}
			if _, ok := byCat[l.CategoryID]; !ok {
				cats = append(cats, l.CategoryID)
			}
			var err error
			if byCat[l.CategoryID], err = addMoney(byCat[l.CategoryID], l.Net); err != nil {
				return fail(err)
			}
		}
		for _, cat := range cats {
			s := earned[earnKey{c.InvoiceID, cat}]
			if s == nil {
				continue // nothing earned on it: nothing to reverse
			}
			remaining, ok := addInt64(int64(s.base), int64(s.revBase))
			if !ok {
				return fail(ErrOverflow)
			}
			if remaining <= 0 || byCat[cat] == 0 {
				continue
			}
			take := min(uabs(int64(byCat[cat])), uint64(remaining))
			newRev := -int64(s.revBase) + int64(take) // ≤ s.base
			target, ok := MulDivRound(newRev, int64(s.comm), int64(s.base))
			if !ok {
				return fail(ErrOverflow)
			}
			comm, ok := addInt64(-target, -int64(s.revComm))
			if !ok {
				return fail(ErrOverflow)
			}
			e := CommissionEntry{
				Kind: CommissionCredit, DocID: c.CreditNoteID, DocNumber: c.CreditNoteNumber,
				InvoiceID: c.InvoiceID, InvoiceNumber: c.InvoiceNumber,
				CustomerID: c.CustomerID, CustomerName: c.CustomerName,
				Date: c.Date, Late: CommissionMonth(c.Date).Before(period),
				CategoryID: cat, Base: Money(-int64(take)), RateBP: s.lastRate, FactorBP: s.lastFact,
				Commission: Money(comm),
			}
			if err := record(e); err != nil {
				return fail(err)
			}
			var err error
			if calc.Credited, err = addMoney(calc.Credited, e.Base); err != nil {
				return fail(err)
			}
			calc.Lines = append(calc.Lines, e)
		}
	}

	for _, e := range calc.Lines {
		var err error
		if calc.Commission, err = addMoney(calc.Commission, e.Commission); err != nil {
			return fail(err)
		}
	}
	if calc.HasPlan && calc.FulfilmentBP >= factorOne {
		calc.Bonus = rule.PlanBonus
	}
	total, err := addMoney(calc.Commission, calc.Bonus)
	if err != nil {
		return fail(err)
	}
	calc.Total = total
	return calc, nil
}

// CommissionSummaryRow is one seller's totals over the calculations given
// (normally one month's, for the accountant).
type CommissionSummaryRow struct {
	UserID     string
	Periods    int
	Paid       Money
	Credited   Money
	Commission Money
	Bonus      Money
	Total      Money
}

// CommissionSummary totals calculations per seller, sorted by UserID, and
// the grand total (UserID ""). Errors wrap ErrOverflow.
func CommissionSummary(calcs []CommissionCalc) ([]CommissionSummaryRow, CommissionSummaryRow, error) {
	idx := map[string]int{}
	var rows []CommissionSummaryRow
	var all CommissionSummaryRow
	add := func(r *CommissionSummaryRow, c CommissionCalc) error {
		r.Periods++
		for _, p := range []struct {
			dst *Money
			v   Money
		}{{&r.Paid, c.Paid}, {&r.Credited, c.Credited}, {&r.Commission, c.Commission}, {&r.Bonus, c.Bonus}, {&r.Total, c.Total}} {
			s, err := addMoney(*p.dst, p.v)
			if err != nil {
				return fmt.Errorf("commission summary of %s: %w", c.UserID, err)
			}
			*p.dst = s
		}
		return nil
	}
	for _, c := range calcs {
		i, ok := idx[c.UserID]
		if !ok {
			i = len(rows)
			idx[c.UserID] = i
			rows = append(rows, CommissionSummaryRow{UserID: c.UserID})
		}
		if err := add(&rows[i], c); err != nil {
			return nil, CommissionSummaryRow{}, err
		}
		if err := add(&all, c); err != nil {
			return nil, CommissionSummaryRow{}, err
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].UserID < rows[j].UserID })
	return rows, all, nil
}
