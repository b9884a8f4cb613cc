package model

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Analytics: the managers' dashboard, the forecast, customer analysis, sales
// plans and commissions. Revenue everywhere is the net (without VAT) of
// posted or shipped invoices minus posted credit notes, dated by the
// document, in the base currency at the document's rate (repo keeps it in
// summary tables; see docs/ARCHITECTURE.md "Analytics").

// Entities of analytics for access rules and the audit log.
const (
	EntityAnalytics  Entity = "analytics"  // dashboard, forecast, customer analysis
	EntityPlan       Entity = "sales_plan" // monthly sales plans
	EntityCommission Entity = "commission" // commission rules, calculations, closing a month
)

// Channel is a sales channel of a customer (the default) and of an order
// and the documents made from it.
type Channel string

// Sales channels; "" is not set.
const (
	ChannelNone   Channel = ""
	ChannelDirect Channel = "direct"
	ChannelDealer Channel = "dealer"
	ChannelRetail Channel = "retail"
	ChannelWeb    Channel = "web"
)

// Channels are the channels a user can choose, in display order. The text
// of each is the key "channel."+value ("channel." for not set).
var Channels = []Channel{ChannelDirect, ChannelDealer, ChannelRetail, ChannelWeb}

// Valid reports whether c is a known channel or not set.
func (c Channel) Valid() bool {
	if c == ChannelNone {
		return true
	}
	for _, k := range Channels {
		if c == k {
			return true
		}
	}
	return false
}

// Key is the translation key of the channel's name.
func (c Channel) Key() string { return "channel." + string(c) }

// channelNames are the texts spreadsheets and people write for each
// channel, folded (FoldText); the first is the Russian name exports use.
var channelNames = map[Channel][]string{
	ChannelDirect: {"прямые продажи", "прямой", "прямая продажа", "прямые", "direct", "direct sales", "b2b"},
	ChannelDealer: {"дилеры", "дилер", "дилерский", "партнёры", "партнер", "партнёр", "дистрибьютор", "dealer", "dealers", "partner", "partners", "distributor"},
	ChannelRetail: {"розница", "розничный", "магазин", "retail", "store", "shop"},
	ChannelWeb:    {"интернет", "сайт", "интернет-магазин", "онлайн", "веб", "web", "online", "website", "e-commerce", "ecommerce", "internet"},
}

// ParseChannel reads a channel as stored or as people write it ("Дилеры",
// "Интернет-магазин", "web"), ignoring case and spaces. ok is false for an
// unknown text; "" is ChannelNone.
func ParseChannel(s string) (Channel, bool) {
	f := FoldText(s)
	if f == "" {
		return ChannelNone, true
	}
	for _, c := range Channels {
		if f == string(c) {
			return c, true
		}
		for _, n := range channelNames[c] {
			if f == FoldText(n) {
				return c, true
			}
		}
	}
	return ChannelNone, false
}

// ChannelName is the Russian name of a channel as exports write it ("" for
// none); ParseChannel reads it back.
func ChannelName(c Channel) string {
	if n := channelNames[c]; len(n) > 0 {
		s := []rune(n[0])
		return strings.ToUpper(string(s[:1])) + string(s[1:])
	}
	return string(c)
}

// Month is a calendar month, the unit of every analytics period.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the calendar month of t in t's own location.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// ParseMonth reads "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, &ValidationError{Field: "month", Msg: MsgMonthFormat}
	}
	return MonthOf(t), nil
}

// String is "YYYY-MM" (the key stored in the database).
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// First is the month's first day, UTC midnight.
func (m Month) First() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// Last is the month's last day, UTC midnight.
func (m Month) Last() time.Time { return m.First().AddDate(0, 1, -1) }

// Add moves n months (negative: back).
func (m Month) Add(n int) Month { return MonthOf(m.First().AddDate(0, n, 0)) }

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool { return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month }

// IsZero reports an unset month.
func (m Month) IsZero() bool { return m.Year == 0 }

// MonthsBetween lists from..to inclusive (empty when to is before from).
func MonthsBetween(from, to Month) []Month {
	var out []Month
	for m := from; !to.Before(m); m = m.Add(1) {
		out = append(out, m)
		if len(out) > 1200 {
			break
		}
	}
	return out
}

// Messages of analytics.
const (
	MsgMonthFormat     = "valid.month_format"    // a month is written YYYY-MM
	MsgPeriodOrder     = "valid.period_order"    // the period ends before it starts
	MsgPeriodTooLong   = "valid.period_too_long" // more than 120 months
	MsgChannelUnknown  = "valid.channel_unknown" // not one of Channels
	MsgPeriodClosed    = "commission.period_closed"
	MsgPeriodNotOver   = "commission.period_not_over" // a month is closed only after it ended
	MsgPlanNegative    = "valid.plan_negative"
	MaxDashboardMonths = 120
)

// DashFilter selects what the dashboard counts. Empty strings mean all.
// Sellers' filters are narrowed to their own records by repo (OwnerID is
// forced to the seller).
type DashFilter struct {
	From, To   Month // inclusive; zero From/To = the 12 months up to the current one
	OwnerID    string
	RegionCode string
	Segment    string
	GroupID    string
	Channel    Channel
}

// Validate checks the filter's period and channel.
func (f DashFilter) Validate() error {
	var errs ValidationErrors
	if !f.From.IsZero() && !f.To.IsZero() {
		if f.To.Before(f.From) {
			errs = append(errs, &ValidationError{Field: "to", Msg: MsgPeriodOrder})
		} else if len(MonthsBetween(f.From, f.To)) > MaxDashboardMonths {
			errs = append(errs, &ValidationError{Field: "from", Msg: MsgPeriodTooLong})
		}
	}
	if !f.Channel.Valid() {
		errs = append(errs, &ValidationError{Field: "channel", Msg: MsgChannelUnknown})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// MonthAmount is one month's revenue.
type MonthAmount struct {
	Month    Month
	Net      Money
	Invoices int
}

// DimAmount is the revenue of one value of a dimension (a seller, region,
// segment, group, channel, customer or lead source). Key is the value as
// stored ("" = not set), Label its display text ("" for not set: the UI
// shows its own "not set" text).
type DimAmount struct {
	Key, Label string
	Net        Money
	Invoices   int
}

// FunnelStage is one stage of the funnel over the period: deals entering
// it, and how long the deals that left it in the period had spent in it.
type FunnelStage struct {
	StageID, Code, Name string
	Kind                StageKind
	Entered             int     // moves into the stage in the period (new deals count in their first stage)
	Left                int     // moves out of it in the period
	AvgDays             float64 // mean days in the stage of those that left it; 0 when none left
	ConversionBP        int64   // Entered of the next open stage (or won after the last) ÷ Entered, -1 when Entered is 0
}

// DimCount is a count by a dimension (lost reasons).
type DimCount struct {
	Key, Label string
	Count      int
	Amount     Money // the deals' base-currency amounts
}

// Funnel is the sales funnel of a pipeline over the period.
type Funnel struct {
	PipelineID  string
	Stages      []FunnelStage // open stages in order, then won, then lost
	Won, Lost   int           // deals closed in the period
	WonAmount   Money
	WinRateBP   int64 // Won ÷ (Won + Lost), -1 when none closed
	LostReasons []DimCount
}

// PipelineMonth is the open deals expected to close in a month.
type PipelineMonth struct {
	Month    Month // zero Month: no expected close date
	Deals    int
	Amount   Money // Σ amount_base
	Weighted Money // Σ Weighted(amount_base, probability)
}

// AgeingBucket is the receivables of unpaid posted invoices by days past due.
type AgeingBucket struct {
	Key      string // ageing.current, ageing.1_30, ageing.31_60, ageing.61_90, ageing.90_plus
	FromDays int    // inclusive; -1 for current (not yet due)
	ToDays   int    // inclusive; 0 for current; -1 = no upper bound
	Invoices int
	Amount   Money // open amount (gross + credited − paid), base currency
}

// AgeingBuckets are the buckets in display order.
var AgeingBuckets = []AgeingBucket{
	{Key: "ageing.current", FromDays: -1, ToDays: 0},
	{Key: "ageing.1_30", FromDays: 1, ToDays: 30},
	{Key: "ageing.31_60", FromDays: 31, ToDays: 60},
	{Key: "ageing.61_90", FromDays: 61, ToDays: 90},
	{Key: "ageing.90_plus", FromDays: 91, ToDays: -1},
}

// BucketOf is the index in AgeingBuckets of an invoice daysPastDue days
// past its due date (≤ 0: current).
func BucketOf(daysPastDue int) int {
	switch {
	case daysPastDue <= 0:
		return 0
	case daysPastDue <= 30:
		return 1
	case daysPastDue <= 60:
		return 2
	case daysPastDue <= 90:
		return 3
	}
	return 4
}

// LeadSourceStat is a lead source's leads in the period, how many were
// converted, and the revenue in the period of customers from that source
// (the customer's lead source).
type LeadSourceStat struct {
	Source       string // "" = not set
	Leads        int
	Converted    int
	ConversionBP int64 // Converted ÷ Leads, -1 when no leads
	Revenue      Money // the period's revenue from customers with this source
}

// PlanFact is a seller's (or, UserID "", the team's) plan and revenue over
// the period.
type PlanFact struct {
	UserID, Name string
	Plan         Money
	Fact         Money
	FulfilmentBP int64 // Fact ÷ Plan, -1 without a plan
}

// Dashboard is every figure of the dashboard for a filter.
type Dashboard struct {
	Filter    DashFilter // as applied (period filled in, seller forced)
	Currency  string     // the base currency
	Today     time.Time
	Revenue   []MonthAmount // each month of the period, zeros included
	PrevYear  []MonthAmount // the same months a year earlier
	Total     Money
	PrevTotal Money
	BySeller  []DimAmount // descending by Net
	ByRegion  []DimAmount
	BySegment []DimAmount
	ByGroup   []DimAmount
	ByChannel []DimAmount
	Top       []DimAmount // top customers (Key = customer ID), at most 10
	Funnel    Funnel
	Pipeline  []PipelineMonth // open deals by expected close month (the filter's seller/customer dimensions apply)
	Ageing    []AgeingBucket  // as of Today (the filter's seller/customer dimensions apply, not the period)
	Overdue   OverdueSummary
	Sources   []LeadSourceStat
	Plans     []PlanFact // the team first, then sellers with a plan or revenue
}

// WeightedPipeline is the weighted amount of all open deals in d.Pipeline.
func (d Dashboard) WeightedPipeline() Money {
	var w Money
	for _, p := range d.Pipeline {
		w += p.Weighted
	}
	return w
}

// PastDue is the receivables past their due date: the ageing buckets after
// "current".
func (d Dashboard) PastDue() Money {
	var m Money
	for _, b := range d.Ageing {
		if b.FromDays > 0 {
			m += b.Amount
		}
	}
	return m
}

// OverdueSummary is the open obligations past due (ours and the
// customers'), as of today.
type OverdueSummary struct {
	Ours, Theirs             int   // obligations past due
	OursAmount, TheirsAmount Money // base currency where the obligation has an amount
}

// DrillKind says what a chart element stands for.
type DrillKind string

// Chart elements that open a record list.
const (
	DrillRevenueMonth DrillKind = "revenue_month" // Key = YYYY-MM: invoices and credit notes of the month
	DrillSeller       DrillKind = "seller"        // Key = user ID ("" none): invoices of the period
	DrillRegion       DrillKind = "region"
	DrillSegment      DrillKind = "segment"
	DrillGroup        DrillKind = "group"
	DrillChannel      DrillKind = "channel"
	DrillCustomer     DrillKind = "customer"    // Key = customer ID: its invoices in the period
	DrillStage        DrillKind = "stage"       // Key = stage ID: deals that entered it in the period
	DrillLostReason   DrillKind = "lost_reason" // Key = reason: deals lost in the period
	DrillPipeline     DrillKind = "pipeline"    // Key = YYYY-MM ("" no date): open deals expected then
	DrillAgeing       DrillKind = "ageing"      // Key = bucket key: open invoices in it
	DrillLeadSource   DrillKind = "lead_source" // Key = source: leads of the period from it
	DrillPlan         DrillKind = "plan"        // Key = user ID: the seller's invoices of the period
)

// DrillRequest asks for the records behind one chart element, under the
// dashboard's filter.
type DrillRequest struct {
	Filter DashFilter
	Kind   DrillKind
	Key    string
	Limit  int // 0 = 1000
}

// DrillRow is one record behind a chart element. Entity tells the UI what
// opening it means (EntityDocument, EntityDeal, EntityLead, EntityCustomer).
type DrillRow struct {
	Entity   Entity
	ID       string
	Date     time.Time
	Number   string // document number, deal/lead title
	Customer string
	Owner    string // the seller's name
	Status   string // the document's status, the deal's stage name, the lead's status
	Amount   Money  // base currency (invoice net, open amount for ageing, deal amount)
}

// ForecastView is the revenue forecast with its history, the weighted
// pipeline and the combination of both.
type ForecastView struct {
	History  []MonthPoint // complete months up to the last month before the current one
	Forecast Forecast     // zero when Err is set
	Err      string       // a message key (forecast.too_little_history) instead of a forecast
	Pipeline []MonthPoint // weighted open deals by expected close month over the horizon
	Combined []MonthPoint // model.CombineWithPipeline
}

// CustomerAnalysis is ABC, RFM and at-risk lists over a period.
type CustomerAnalysis struct {
	From, To Month
	Today    time.Time
	ABC      []ABCRow
	RFM      []RFMRow
	AtRisk   []RiskRow
}

// PlanRow is one seller's (or, UserID "", the team's) plan for a month.
type PlanRow struct {
	UserID  string
	Name    string
	Month   Month
	Amount  Money
	Version int64 // 0 = no plan stored yet
}

// CommissionPeriod is a month's calculations for every seller with a rule.
type CommissionPeriod struct {
	Month      Month
	Closed     bool
	ClosedAt   time.Time
	ClosedBy   string
	Calcs      []CommissionCalc  // one per seller with a rule or a plan, sorted by name
	Names      map[string]string // user ID → name
	Categories map[string]string // product category ID → name (of the entries' categories)
	Currency   string            // the base currency
	Summary    []CommissionSummaryRow
	Total      CommissionSummaryRow
}

// AnalyticsService is the analytics screens' access to the data. Sellers
// get their own figures only (the filter's seller is forced to them and
// drill-downs list their records); heads, administrators and accountants see
// everyone. Errors: ValidationErrors for a bad filter, ErrForbidden.
type AnalyticsService interface {
	// Dashboard computes every figure for the filter.
	Dashboard(ctx context.Context, f DashFilter) (Dashboard, error)
	// Drill lists the records behind a chart element, newest first.
	Drill(ctx context.Context, r DrillRequest) ([]DrillRow, error)
	// Forecast forecasts revenue (the filter's dimensions apply, the period
	// does not: all history is used) for horizon months (3, 6 or 12).
	Forecast(ctx context.Context, f DashFilter, horizon int) (ForecastView, error)
	// Customers runs ABC over the filter's period and RFM and at-risk
	// over the customers' history up to today.
	Customers(ctx context.Context, f DashFilter) (CustomerAnalysis, error)

	// Plans lists the plans of the months from..to: a row for the team and
	// for every active seller and head for each month, stored or not.
	Plans(ctx context.Context, from, to Month) ([]PlanRow, error)
	// SavePlans stores plans (Amount 0 removes one); heads and
	// administrators. ErrStale when a row's Version is not the stored one.
	SavePlans(ctx context.Context, rows []PlanRow) error

	// CommissionRules lists the rules (newest valid-from first).
	CommissionRules(ctx context.Context) ([]CommissionRule, error)
	// SaveCommissionRule creates or updates a rule (heads, administrators).
	SaveCommissionRule(ctx context.Context, r CommissionRule) (CommissionRule, error)
	// DeleteCommissionRule removes a rule.
	DeleteCommissionRule(ctx context.Context, id string, version int64) error
	// Commissions calculates (or, for a closed month, loads) a month.
	Commissions(ctx context.Context, m Month) (CommissionPeriod, error)
	// CloseCommissions freezes a month that has ended (heads,
	// administrators, accountants): its calculations are stored and what
	// is recorded later counts in the next open month.
	CloseCommissions(ctx context.Context, m Month) (CommissionPeriod, error)
}
