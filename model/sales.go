package model

import (
	"errors"
	"fmt"
	"time"
)

// DocKind is the type of a sales document.
type DocKind string

// Document kinds, in the order of the flow from quote to paid invoice.
const (
	DocQuote      DocKind = "quote"       // commercial proposal (КП) with a validity date
	DocOrder      DocKind = "order"       // customer order; confirming it makes an invoice and a waybill
	DocInvoice    DocKind = "invoice"     // счёт на оплату
	DocWaybill    DocKind = "waybill"     // товарная накладная (ТОРГ-12 layout) / delivery note
	DocContract   DocKind = "contract"    // договор поставки, rendered from a template
	DocStatement  DocKind = "statement"   // акт сверки for a period
	DocCreditNote DocKind = "credit_note" // a full or partial return against a posted invoice
)

// DocKinds lists every kind, in the order lists and settings show them.
var DocKinds = []DocKind{DocQuote, DocOrder, DocInvoice, DocWaybill, DocContract, DocStatement, DocCreditNote}

// Valid tells a known kind.
func (k DocKind) Valid() bool {
	for _, d := range DocKinds {
		if d == k {
			return true
		}
	}
	return false
}

// HasLines tells the kinds whose documents carry product lines.
func (k DocKind) HasLines() bool {
	switch k {
	case DocQuote, DocOrder, DocInvoice, DocWaybill, DocCreditNote:
		return true
	}
	return false
}

// DocStatus is where a document is in its life. Drafts have no number and
// can be edited; posting numbers a document and freezes it; a posted
// document is corrected only by a credit note or by cancelling it (and
// reissuing a corrected copy linked to it).
type DocStatus string

// Document statuses.
const (
	StatusDraft     DocStatus = "draft"
	StatusPosted    DocStatus = "posted"    // an order: confirmed; a quote: issued
	StatusShipped   DocStatus = "shipped"   // a waybill whose goods left the warehouse; an order all shipped
	StatusCancelled DocStatus = "cancelled" // kept with its number, never deleted
)

// PayState is an invoice's payment state, derived from its amounts, the
// payments allocated to it and the day.
type PayState string

// Invoice payment states.
const (
	PayUnpaid    PayState = "unpaid"
	PayPartly    PayState = "partly_paid"
	PayPaid      PayState = "paid"
	PayOverdue   PayState = "overdue"
	PayCancelled PayState = "cancelled"
)

// Document is a quote, order, invoice, waybill, contract, statement or
// credit note. Lines snapshot everything printed (product name, unit,
// price, VAT rate and amounts), so a later change of the catalog never
// changes a document. Money is in Currency's minor units; RateE4 per
// RateNominal units is the rate to the base currency on Date (1/1 for the
// base currency).
type Document struct {
	ID           string
	Num          int64 // internal sequence (rowid), not the printed number
	Kind         DocKind
	Status       DocStatus
	Number       string    // printed number, from the series at posting; "" for drafts
	Date         time.Time // document date (calendar day): set at posting
	CustomerID   string
	CustomerName string  // filled on read
	OwnerID      string  // the responsible seller
	OwnerName    string  // filled on read
	Channel      Channel // the sales channel; an order defaults to its customer's, documents made from it copy it
	Currency     string
	RateNominal  int64
	RateE4       int64
	Lang         string // "ru" or "en": the language it prints in (from the customer's terms)

	PricesIncludeVAT bool // tax settings at creation
	NoVAT            bool

	ValidUntil   time.Time // quote
	DueDate      time.Time // invoice: last day to pay (the final instalment's day)
	DeliveryDate time.Time // order: our obligation to deliver by
	WarehouseID  string    // order, waybill: where the goods come from
	PeriodFrom   time.Time // statement
	PeriodTo     time.Time

	BaseID     string // the document it was made from (quote → order → invoice/waybill; invoice → credit note)
	BaseNumber string // filled on read
	OrderID    string // the order this document belongs to, if any
	ContractID string // the contract it is based on («Основание»)
	ReplacesID string // cancel-and-reissue: the cancelled document this one corrects

	Terms          PaymentTerms // invoice, order: the terms at confirmation
	CreditApproved string       // order: the sales head's approval of a credit-limit exception ("" = none)

	Lines  []DocLine
	Totals Totals // derived from Lines by DocTotals; stored for lists

	Paid     Money // invoice: payments allocated; filled on read
	Credited Money // invoice: credit notes posted against it (≤ 0); filled on read

	Body     string // contract: the rendered text; statement: the rows (StatementRow JSON)
	Note     string
	Reason   string // credit note, cancellation: why
	Version  int64
	Created  time.Time
	Updated  time.Time
	PostedAt time.Time
}

// DocLine is one line of a document, a snapshot of the product at the time.
type DocLine struct {
	No          int // 1-based, as printed
	ProductID   string
	SKU         string
	Name        string
	UnitCode    string // OKEI
	Unit        string // symbol, as printed
	Qty         Qty
	Price       Money       // per unit, in the document's convention (with VAT when PricesIncludeVAT)
	ManualPrice bool        // the seller typed the price; otherwise it is resolved from the catalog
	PriceReason string      // how it was resolved (ReasonKit…, list name), for the seller
	VATCat      VATCategory // category of the product
	VATBP       int64       // rate applied, in basis points; 0 for VATNone
	Amounts     LineAmounts
	WeightGrams int64  // per unit, for waybills
	BaseLine    int    // credit note: the invoice line it returns
	Note        string // kit: what it contains
}

// VATSum is the total of the lines taxed at one rate.
type VATSum struct {
	Cat   VATCategory
	BP    int64
	Label string // "22%", «Без НДС»
	Net   Money
	VAT   Money
	Gross Money
}

// Totals are a document's figures: Net + VAT == Gross, and each equals the
// sum over ByRate, which equals the sum over the lines.
type Totals struct {
	Net    Money
	VAT    Money
	Gross  Money
	ByRate []VATSum // in the order of first appearance on the document
	Lines  int
}

// ComputeLine fills l.Amounts (and l.VATBP) from the price, quantity and
// the VAT rate of its category on day.
func ComputeLine(l DocLine, day time.Time, pricesIncludeVAT, noVAT bool) (DocLine, error) {
	bp := int64(0)
	if !noVAT && l.VATCat != VATNone {
		r, ok := VATRateOn(l.VATCat, day, VATTable)
		if !ok {
			return l, fmt.Errorf("line %d: no VAT rate for %q on %s", l.No, l.VATCat, day.Format(time.DateOnly))
		}
		bp = r
	}
	if noVAT {
		l.VATCat = VATNone
	}
	// A line whose amount or tax would not fit in int64 is refused here,
	// before LineTotal (which panics on it) sees it.
	amt, ok := MulDivRound(int64(l.Price), int64(l.Qty), 1000)
	if !ok || amt > maxLineMinor || amt < -maxLineMinor {
		return l, fmt.Errorf("line %d: %w", l.No, ErrOverflow)
	}
	l.VATBP = bp
	l.Amounts = LineTotal(l.Price, l.Qty, bp, noVAT || l.VATCat == VATNone, pricesIncludeVAT)
	return l, nil
}

// maxLineMinor bounds a line's amount (10^15 minor units, ten trillion
// roubles) so that VAT on it and the sum of 100,000 such lines fit in int64.
const maxLineMinor = 1_000_000_000_000_000

// ComputeLines numbers the lines 1… and computes each (ComputeLine).
func ComputeLines(lines []DocLine, day time.Time, pricesIncludeVAT, noVAT bool) ([]DocLine, error) {
	out := make([]DocLine, len(lines))
	for i, l := range lines {
		l.No = i + 1
		c, err := ComputeLine(l, day, pricesIncludeVAT, noVAT)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// DocTotals adds up lines whose Amounts are computed: the one place
// document totals come from. It fails only when a sum overflows.
func DocTotals(lines []DocLine) (Totals, error) {
	var t Totals
	idx := map[VATCategory]map[int64]int{}
	for _, l := range lines {
		cat := l.VATCat
		if cat == "" {
			cat = VATNone
		}
		if idx[cat] == nil {
			idx[cat] = map[int64]int{}
		}
		i, ok := idx[cat][l.VATBP]
		if !ok {
			i = len(t.ByRate)
			idx[cat][l.VATBP] = i
			t.ByRate = append(t.ByRate, VATSum{Cat: cat, BP: l.VATBP, Label: VATLabel(cat, l.VATBP)})
		}
		s := &t.ByRate[i]
		var err error
		if s.Net, err = addMoney(s.Net, l.Amounts.Net); err != nil {
			return Totals{}, err
		}
		if s.VAT, err = addMoney(s.VAT, l.Amounts.VAT); err != nil {
			return Totals{}, err
		}
		if s.Gross, err = addMoney(s.Gross, l.Amounts.Gross); err != nil {
			return Totals{}, err
		}
		t.Lines++
	}
	for _, s := range t.ByRate {
		var err error
		if t.Net, err = addMoney(t.Net, s.Net); err != nil {
			return Totals{}, err
		}
		if t.VAT, err = addMoney(t.VAT, s.VAT); err != nil {
			return Totals{}, err
		}
		if t.Gross, err = addMoney(t.Gross, s.Gross); err != nil {
			return Totals{}, err
		}
	}
	return t, nil
}

func addMoney(a, b Money) (Money, error) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, ErrOverflow
	}
	return s, nil
}

// ValidateDraft checks a draft quote or order before it is saved.
func ValidateDraft(d Document) error {
	var v ValidationErrors
	if d.Kind != DocQuote && d.Kind != DocOrder && d.Kind != DocInvoice {
		v.Add("kind", "doc.err.kind")
	}
	if d.CustomerID == "" {
		v.Add("customer", "doc.err.customer")
	}
	if d.Currency == "" {
		v.Add("currency", "doc.err.currency")
	}
	if !d.Channel.Valid() {
		v.Add("channel", MsgChannelUnknown)
	}
	if len(d.Lines) == 0 {
		v.Add("lines", "doc.err.no_lines")
	}
	for i, l := range d.Lines {
		f := fmt.Sprintf("lines.%d", i+1)
		switch {
		case l.Name == "":
			v.Add(f+".name", "doc.err.line_name")
		case l.Qty <= 0:
			v.Add(f+".qty", "doc.err.line_qty")
		case l.Price < 0:
			v.Add(f+".price", "doc.err.line_price")
		}
	}
	if d.Kind == DocQuote && !d.ValidUntil.IsZero() && !d.Date.IsZero() && dayOf(d.ValidUntil).Before(dayOf(d.Date)) {
		v.Add("valid_until", "doc.err.valid_until")
	}
	return v.Err()
}

// InvoiceState derives an invoice's payment state: cancelled; paid when
// payments cover what is due after credit notes; overdue when something is
// still due after DueDate; partly paid; unpaid.
func InvoiceState(d Document, today time.Time) PayState {
	if d.Status == StatusCancelled {
		return PayCancelled
	}
	due := d.Totals.Gross + d.Credited - d.Paid
	switch {
	case due <= 0:
		return PayPaid
	case !d.DueDate.IsZero() && dayOf(today).After(dayOf(d.DueDate)):
		return PayOverdue
	case d.Paid > 0:
		return PayPartly
	}
	return PayUnpaid
}

// Outstanding is what is still to be paid on an invoice (never negative:
// an overpaid invoice leaves the excess as the customer's credit).
func Outstanding(d Document) Money {
	if d.Status == StatusCancelled {
		return 0
	}
	return max(0, d.Totals.Gross+d.Credited-d.Paid)
}

// ErrCreditLimit: confirming the order would put the customer's debt over
// the credit limit; the error is a *CreditLimitError with the figures.
var ErrCreditLimit = errors.New("credit limit exceeded")

// ErrPosted: the document is posted (or cancelled) and cannot be changed.
var ErrPosted = errors.New("document is posted")

// ErrHasPayments: an invoice with payments allocated cannot be cancelled;
// return goods with a credit note instead.
var ErrHasPayments = errors.New("invoice has payments")

// CreditLimitError gives the figures of a refused confirmation.
type CreditLimitError struct {
	Limit       Money
	Outstanding Money // debt before this order
	Order       Money // this order's gross
	Over        Money // by how much the limit would be exceeded
	Currency    string
}

func (e *CreditLimitError) Error() string {
	return fmt.Sprintf("credit limit %d exceeded by %d (outstanding %d + order %d) %s", e.Limit, e.Over, e.Outstanding, e.Order, e.Currency)
}

// Unwrap makes errors.Is(err, ErrCreditLimit) true.
func (e *CreditLimitError) Unwrap() error { return ErrCreditLimit }

// CheckCredit applies a credit limit: nil when there is no limit
// (hasLimit false), or outstanding + order stays within it, or a prepaid
// share makes the order need no credit. Otherwise a *CreditLimitError.
// Only the part of the order not prepaid counts as credit.
func CheckCredit(limit Money, hasLimit bool, outstanding, order Money, terms PaymentTerms, currency string) error {
	if !hasLimit {
		return nil
	}
	credit := order - shareOf(order, terms.PrepayBP)
	if terms.PrepayBP >= 10000 {
		credit = 0
	}
	total := outstanding + credit
	if total <= limit {
		return nil
	}
	return &CreditLimitError{Limit: limit, Outstanding: outstanding, Order: order, Over: total - limit, Currency: currency}
}

// shareOf is bp basis points (0…10000) of m, rounded by the one rule.
func shareOf(m Money, bp int64) Money {
	q, _ := MulDivRound(int64(m), max(0, min(bp, 10000)), 10000)
	return Money(q)
}

// PaymentTerms are how a customer pays: a prepaid share due on the invoice
// day, the rest NetDays later — or, when Instalments are given, on their
// days (each a share of the whole; shares add up to 100 % with the prepaid
// share).
type PaymentTerms struct {
	PrepayBP    int64 // 3000 = 30 % before delivery
	NetDays     int   // the rest is due this many days after the invoice
	Instalments []Instalment
}

// Instalment is one payment of a schedule: ShareBP of the gross, due Days
// after the invoice.
type Instalment struct {
	Days    int
	ShareBP int64
}

// IsZero tells terms never set (pay on the invoice day).
func (t PaymentTerms) IsZero() bool {
	return t.PrepayBP == 0 && t.NetDays == 0 && len(t.Instalments) == 0
}

// Validate checks the shares and days.
func (t PaymentTerms) Validate() error {
	var v ValidationErrors
	if t.PrepayBP < 0 || t.PrepayBP > 10000 {
		v.Add("prepay", "terms.err.prepay")
	}
	if t.NetDays < 0 || t.NetDays > 3650 {
		v.Add("net_days", "terms.err.net_days")
	}
	if len(t.Instalments) > 0 {
		sum := t.PrepayBP
		last := -1
		for _, in := range t.Instalments {
			if in.ShareBP <= 0 || in.Days < 0 || in.Days > 3650 || in.Days <= last {
				v.Add("instalments", "terms.err.instalment")
				break
			}
			last = in.Days
			sum += in.ShareBP
		}
		if sum != 10000 {
			v.Add("instalments", "terms.err.instalment_sum")
		}
	}
	return v.Err()
}

// DueItem is one amount due on a day.
type DueItem struct {
	Date   time.Time
	Amount Money
}

// Schedule splits gross into the amounts due under the terms from the
// invoice day: the prepaid share on the day itself, then the instalments
// (or the rest after NetDays). Shares are rounded by RoundDiv and the last
// item takes the remainder, so the items add up to gross exactly. Items of
// zero are left out; there is always at least one item.
func Schedule(t PaymentTerms, gross Money, day time.Time) []DueItem {
	day = dayOf(day)
	var out []DueItem
	left := gross
	add := func(days int, amount Money) {
		if amount == 0 {
			return
		}
		d := day.AddDate(0, 0, days)
		if n := len(out); n > 0 && out[n-1].Date.Equal(d) {
			out[n-1].Amount += amount
		} else {
			out = append(out, DueItem{Date: d, Amount: amount})
		}
		left -= amount
	}
	if t.PrepayBP > 0 {
		add(0, shareOf(gross, t.PrepayBP))
	}
	if len(t.Instalments) > 0 {
		for i, in := range t.Instalments {
			if i == len(t.Instalments)-1 {
				add(in.Days, left)
			} else {
				add(in.Days, shareOf(gross, in.ShareBP))
			}
		}
	} else {
		add(t.NetDays, left)
	}
	if len(out) == 0 {
		out = append(out, DueItem{Date: day.AddDate(0, 0, t.NetDays), Amount: gross})
	}
	return out
}

// CustomerTerms are the payment terms, credit limit and document language
// of a customer or a customer group. A customer's own terms win over its
// group's; a field not set falls back to the group.
type CustomerTerms struct {
	CustomerID  string // one of CustomerID, GroupID
	GroupID     string
	Terms       PaymentTerms
	HasTerms    bool
	CreditLimit Money // in the base currency
	HasLimit    bool
	DocLang     string // "ru", "en"; "" = Russian
	Version     int64
}

// EffectiveTerms merges a customer's own terms over its group's.
func EffectiveTerms(own, group CustomerTerms) CustomerTerms {
	out := own
	if !own.HasTerms && group.HasTerms {
		out.Terms, out.HasTerms = group.Terms, true
	}
	if !own.HasLimit && group.HasLimit {
		out.CreditLimit, out.HasLimit = group.CreditLimit, true
	}
	if out.DocLang == "" {
		out.DocLang = group.DocLang
	}
	if out.DocLang == "" {
		out.DocLang = "ru"
	}
	return out
}

// PaymentMethod is how money came in.
type PaymentMethod string

// Payment methods.
const (
	PayBank PaymentMethod = "bank"
	PayCash PaymentMethod = "cash"
	PayCard PaymentMethod = "card"
)

// Payment is money received from a customer. The part not allocated to
// invoices is the customer's credit, allocated later.
type Payment struct {
	ID           string
	Num          int64
	Number       string // the payer's document number (платёжное поручение), free text
	Date         time.Time
	CustomerID   string
	CustomerName string // filled on read
	Amount       Money  // > 0
	Currency     string
	Method       PaymentMethod
	Note         string
	Allocated    Money // filled on read
	Allocations  []Allocation
	Version      int64
	Created      time.Time
}

// Allocation is a part of a payment applied to an invoice.
type Allocation struct {
	PaymentID     string
	InvoiceID     string
	InvoiceNumber string // filled on read
	Amount        Money
}

// ValidatePayment checks a payment and its allocations against the open
// invoices they name (outstanding by invoice ID): each allocation positive
// and within its invoice's outstanding amount, the sum within the payment.
func ValidatePayment(p Payment, outstanding map[string]Money) error {
	var v ValidationErrors
	if p.CustomerID == "" {
		v.Add("customer", "doc.err.customer")
	}
	if p.Amount <= 0 {
		v.Add("amount", "pay.err.amount")
	}
	switch p.Method {
	case PayBank, PayCash, PayCard:
	default:
		v.Add("method", "pay.err.method")
	}
	if p.Date.IsZero() {
		v.Add("date", "pay.err.date")
	}
	var sum Money
	seen := map[string]bool{}
	for i, a := range p.Allocations {
		f := fmt.Sprintf("allocations.%d", i+1)
		o, ok := outstanding[a.InvoiceID]
		switch {
		case !ok:
			v.Add(f, "pay.err.invoice")
		case seen[a.InvoiceID]:
			v.Add(f, "pay.err.twice")
		case a.Amount <= 0:
			v.Add(f, "pay.err.alloc_amount")
		case a.Amount > o:
			v.Add(f, "pay.err.alloc_over")
		}
		seen[a.InvoiceID] = true
		sum += a.Amount
	}
	if p.Amount > 0 && sum > p.Amount {
		v.Add("allocations", "pay.err.alloc_sum")
	}
	return v.Err()
}

// SuggestAllocation spreads amount over open invoices oldest first (by
// due date, then date, then number): what «allocate automatically» offers.
// invoices must be in that order already.
func SuggestAllocation(amount Money, invoices []Document) []Allocation {
	var out []Allocation
	for _, d := range invoices {
		if amount <= 0 {
			break
		}
		o := Outstanding(d)
		if o <= 0 {
			continue
		}
		a := min(o, amount)
		out = append(out, Allocation{InvoiceID: d.ID, InvoiceNumber: d.Number, Amount: a})
		amount -= a
	}
	return out
}

// Ageing is receivables by how long they are past due: invoices not yet
// due count in the first bucket with those 0–30 days overdue.
type Ageing struct {
	Days0to30  Money
	Days31to60 Money
	Days61to90 Money
	Over90     Money
}

// Total is the sum of the buckets.
func (a Ageing) Total() Money { return a.Days0to30 + a.Days31to60 + a.Days61to90 + a.Over90 }

// AgeingOf sorts outstanding amounts of invoices into buckets by days past
// the due date (the invoice date when it has none) on today.
func AgeingOf(invoices []Document, today time.Time) Ageing {
	var a Ageing
	t := dayOf(today)
	for _, d := range invoices {
		o := Outstanding(d)
		if o <= 0 {
			continue
		}
		due := d.DueDate
		if due.IsZero() {
			due = d.Date
		}
		days := int(t.Sub(dayOf(due)).Hours() / 24)
		switch {
		case days <= 30:
			a.Days0to30 += o
		case days <= 60:
			a.Days31to60 += o
		case days <= 90:
			a.Days61to90 += o
		default:
			a.Over90 += o
		}
	}
	return a
}

// Balance is where a customer stands: Debt is invoiced minus credited minus
// paid (positive: the customer owes us; negative: we owe, e.g. an
// overpayment or a return after payment). Credit is the unallocated part of
// the customer's payments.
type Balance struct {
	Currency string
	Invoiced Money
	Credited Money // ≤ 0
	Paid     Money
	Debt     Money
	Overdue  Money
	Credit   Money
	Ageing   Ageing
}

// InsuranceStatus is where a deal insurance policy stands.
type InsuranceStatus string

// Insurance statuses.
const (
	InsDraft     InsuranceStatus = "draft"
	InsActive    InsuranceStatus = "active"
	InsExpired   InsuranceStatus = "expired"
	InsClaimed   InsuranceStatus = "claimed"
	InsCancelled InsuranceStatus = "cancelled"
)

// InsurancePolicy insures an order (cargo, credit or performance risk).
type InsurancePolicy struct {
	ID       string
	OrderID  string
	Insurer  string
	Number   string
	Insured  Money
	Premium  Money
	Currency string
	From     time.Time
	To       time.Time
	Status   InsuranceStatus
	Note     string
	Version  int64
}

// Validate checks a policy.
func (p InsurancePolicy) Validate() error {
	var v ValidationErrors
	if p.OrderID == "" {
		v.Add("order", "ins.err.order")
	}
	if p.Insurer == "" {
		v.Add("insurer", "ins.err.insurer")
	}
	if p.Number == "" {
		v.Add("number", "ins.err.number")
	}
	if p.Insured <= 0 {
		v.Add("insured", "ins.err.insured")
	}
	if p.Premium < 0 {
		v.Add("premium", "ins.err.premium")
	}
	if p.From.IsZero() || p.To.IsZero() || dayOf(p.To).Before(dayOf(p.From)) {
		v.Add("period", "ins.err.period")
	}
	switch p.Status {
	case InsDraft, InsActive, InsExpired, InsClaimed, InsCancelled:
	default:
		v.Add("status", "ins.err.status")
	}
	return v.Err()
}

// ObligationParty says whose obligation it is.
type ObligationParty string

// Obligation parties.
const (
	OursToDeliver ObligationParty = "ours"     // we deliver the order's goods by a date
	CustomerToPay ObligationParty = "customer" // the customer pays an instalment by a date
)

// Obligation statuses.
const (
	ObligationOpen = "open"
	ObligationDone = "done"
	ObligationVoid = "cancelled"
)

// Obligation is one entry of the register of both parties' obligations,
// generated from orders (delivery) and invoices (each instalment).
type Obligation struct {
	ID           string
	Party        ObligationParty
	DocID        string
	DocKind      DocKind
	DocNumber    string
	CustomerID   string
	CustomerName string
	Due          time.Time
	Amount       Money // customer: the instalment; ours: the order's gross
	Done         Money // customer: paid towards it
	Currency     string
	Status       string // ObligationOpen, ObligationDone, ObligationVoid
	Text         string
}

// Overdue tells an open obligation past its day.
func (o Obligation) Overdue(today time.Time) bool {
	return o.Status == ObligationOpen && dayOf(today).After(dayOf(o.Due))
}

// SpreadPaid marks instalments paid in date order by the amount paid on
// their invoice: each takes what it can, the first unpaid stays open.
func SpreadPaid(items []Obligation, paid Money) []Obligation {
	out := make([]Obligation, len(items))
	copy(out, items)
	for i := range out {
		if out[i].Status == ObligationVoid {
			continue
		}
		take := min(out[i].Amount, max(0, paid))
		out[i].Done = take
		paid -= take
		if take >= out[i].Amount {
			out[i].Status = ObligationDone
		} else {
			out[i].Status = ObligationOpen
		}
	}
	return out
}

// NumberSeries is the numbering of one document kind: a mask such as
// «СЧ-{YYYY}-{####}» (see FormatDocNumber), counted per calendar year.
type NumberSeries struct {
	Kind    DocKind
	Mask    string
	Version int64
}

// DefaultSeries are the masks a new database starts with.
var DefaultSeries = map[DocKind]string{
	DocQuote:      "КП-{YYYY}-{####}",
	DocOrder:      "З-{YYYY}-{####}",
	DocInvoice:    "СЧ-{YYYY}-{####}",
	DocWaybill:    "ТН-{YYYY}-{####}",
	DocContract:   "Д-{YYYY}-{###}",
	DocStatement:  "АС-{YYYY}-{###}",
	DocCreditNote: "КР-{YYYY}-{###}",
}

// DocTemplate is an editable text template of a contract with
// placeholders {{key}} (see TemplateKeys, RenderTemplate).
type DocTemplate struct {
	ID        string
	Kind      DocKind
	Lang      string
	Name      string
	Body      string
	IsDefault bool
	Version   int64
}

// StatementRow is one line of a statement of account (акт сверки).
type StatementRow struct {
	Date   time.Time
	Kind   DocKind // invoice, credit_note, or "" for a payment
	Number string
	Text   string
	Debit  Money // the customer owes more (our invoice)
	Credit Money // the customer owes less (payment, credit note)
}

// Statement is a statement of mutual settlements for a period.
type Statement struct {
	From, To     time.Time
	Opening      Money // debt at the start (positive: the customer owes)
	Rows         []StatementRow
	DebitTotal   Money
	CreditTotal  Money
	Closing      Money
	CustomerName string
	Currency     string
}

// BuildStatement totals rows (already in date order) over the opening debt.
func BuildStatement(from, to time.Time, opening Money, rows []StatementRow) Statement {
	s := Statement{From: dayOf(from), To: dayOf(to), Opening: opening, Rows: rows}
	for _, r := range rows {
		s.DebitTotal += r.Debit
		s.CreditTotal += r.Credit
	}
	s.Closing = opening + s.DebitTotal - s.CreditTotal
	return s
}

// DocFilter selects a page of the documents list.
type DocFilter struct {
	Kind       DocKind // "" = all
	Status     DocStatus
	PayState   PayState // invoices only
	CustomerID string
	OrderID    string
	From, To   time.Time // document date, inclusive
	Query      string    // number or customer name prefix
	AfterNum   int64     // keyset: newest first, Num below this
	Limit      int
	Today      time.Time // for PayState overdue
}

// PaymentFilter selects payments.
type PaymentFilter struct {
	CustomerID string
	From, To   time.Time
	AfterNum   int64
	Limit      int
}

// ObligationFilter selects entries of the obligations register.
type ObligationFilter struct {
	Party       ObligationParty // "" = both
	OpenOnly    bool
	OverdueOnly bool
	CustomerID  string
	Today       time.Time
	Limit       int
	Offset      int
}

// OrderCheck is what the order form shows before confirming: the lines
// priced, the totals, stock available per line and the credit check.
type OrderCheck struct {
	Lines      []DocLine
	Totals     Totals
	Available  map[string]Qty // product ID → available at the order's warehouse
	Short      []int          // line numbers (1-based) with less stock than ordered
	Credit     error          // nil, or a *CreditLimitError
	Balance    Balance
	Terms      CustomerTerms
	NeedsCheck bool // the customer has a credit limit
}

// ConfirmResult lists the documents confirming an order posted.
type ConfirmResult struct {
	Order   Document
	Invoice Document
	Waybill Document
}

// CreditLine asks to return Qty of an invoice line on a credit note.
type CreditLine struct {
	LineNo int
	Qty    Qty
}

// PrintPack is everything a document's PDF needs, read in one snapshot.
type PrintPack struct {
	Doc       Document
	Company   Company
	Customer  Customer
	Currency  Currency
	Base      Document // the order, invoice or contract it refers to (zero when none)
	Contract  Document // the contract it is based on (zero when none)
	Insurance []InsurancePolicy
	Statement Statement // for a statement
	Generated time.Time
}
