package model

import (
	"errors"
	"time"
)

// The sales pipeline: leads, deals moving through the stages of a pipeline,
// with one responsible employee, a due date and a recorded result per deal
// and stage; activities; approvals of deal terms; lead routing;
// cross-selling and reverse-pricing requests. The rules are pure functions
// in pipeline_rules.go and crosssell.go; the service is PipelineService.

// Entities of the pipeline for access rules and the audit log.
const (
	EntityLead     Entity = "lead"
	EntityActivity Entity = "activity"
	EntityApproval Entity = "approval"
	EntityPipeline Entity = "pipeline" // pipelines, stages, lost reasons, approval rules
	EntityRouting  Entity = "routing_rule"
	EntityReverse  Entity = "reverse_request"
)

// StageKind says whether a stage is worked in (open) or ends the deal.
type StageKind string

// Stage kinds.
const (
	StageOpen StageKind = "open"
	StageWon  StageKind = "won"
	StageLost StageKind = "lost"
)

// Codes of the default pipeline's stages (pipeline_stages.code).
const (
	StageProspecting  = "prospecting"
	StagePresentation = "presentation"
	StageNegotiation  = "negotiation"
	StageDelivery     = "delivery"
	StageConsulting   = "consulting"
	StageCodeWon      = "won"
	StageCodeLost     = "lost"
)

// Pipeline is a sequence of stages a deal goes through.
type Pipeline struct {
	ID        string
	Name      string
	IsDefault bool
	Sort      int
	Stages    []Stage // by Sort: the open stages, then won, then lost
	Version   int64
}

// Stage is one step of a pipeline.
type Stage struct {
	ID             string
	PipelineID     string
	Code           string // stable code of a seeded stage ("" for stages added later)
	Name           string
	Sort           int
	Kind           StageKind
	ProbabilityBP  int64  // default probability of a deal in this stage, 0..10000
	ExpectedResult string // what must be achieved to leave the stage
	DefaultRole    Role   // who is made responsible when a deal enters the stage
	NormDays       int    // days allowed in the stage: the due date on entering (0 = none)
	Version        int64
}

// DealStatus is where a deal stands as a whole.
type DealStatus string

// Deal statuses.
const (
	DealOpen DealStatus = "open"
	DealWon  DealStatus = "won"
	DealLost DealStatus = "lost"
)

// ApprovalState is a deal's standing against the approval rules.
type ApprovalState string

// Approval states of a deal. "" means no rule fires: nothing to approve.
const (
	ApprovalNone     ApprovalState = ""
	ApprovalPending  ApprovalState = "pending"  // a rule fires; the request waits in the heads' inbox
	ApprovalApproved ApprovalState = "approved" // a head approved exactly these terms
	ApprovalRejected ApprovalState = "rejected" // a head rejected these terms; change them to ask again
)

// Deal is a sale being worked on.
type Deal struct {
	ID            string
	Num           int64 // shown to people: «Сделка 123»
	CustomerID    string
	CustomerName  string // filled on read
	ContactID     string // "" = none
	ContactName   string // filled on read
	Title         string
	PipelineID    string
	StageID       string
	StageName     string // filled on read
	Status        DealStatus
	Amount        Money // gross of the lines, or entered (AmountManual) when there are none
	AmountManual  bool
	Currency      string
	AmountBase    Money // Amount in the base currency at the rate of the day it was saved
	ExpectedClose time.Time
	ProbabilityBP int64 // the stage's default unless ProbabilityManual
	// ProbabilityManual keeps the probability when the deal changes stage.
	ProbabilityManual bool
	PaymentDays       int // the payment deferral asked for (approval rule "deferral")
	LeadSource        string
	OwnerID           string
	OwnerName         string // filled on read
	LostReason        string
	LeadID            string
	StageEntered      time.Time
	ClosedAt          time.Time
	Approval          ApprovalState
	TermsHash         string
	QuoteID           string // the quote issued from the deal (the accepted one when won)
	OrderID           string // the order made when the deal was won
	ReverseID         string // the reverse-pricing request it came from
	Note              string

	Lines  []DealLine
	Totals Totals

	// Filled by FindDealByID: one row per stage the deal has reached or
	// has a responsible for, in stage order; the current stage's row is
	// always present.
	Stages []DealStage
	// Filled on read: the current stage's responsible and due date.
	ResponsibleID   string
	ResponsibleName string
	StageDue        time.Time

	Version int64
	Created time.Time
	Updated time.Time
}

// DealLine is a product or kit on a deal.
type DealLine struct {
	No          int
	ProductID   string
	SKU         string
	Name        string
	UnitCode    string
	Unit        string
	Qty         Qty
	ListPrice   Money  // resolved for the customer on the day, in the deal's currency
	PriceReason string // why (price.reason.* key, or the price list's name)
	DiscountBP  int64  // 0..10000
	Price       Money  // the price after the discount, or typed (ManualPrice)
	ManualPrice bool
	FloorPrice  Money // the product's floor price in the deal's currency (0 = none)
	CostPrice   Money // the product's cost in the deal's currency
	VATCat      VATCategory
	VATBP       int64
	Amounts     LineAmounts
}

// DealStage is a deal's record for one stage: the one responsible
// employee, the due date and the result by which the work is judged.
type DealStage struct {
	StageID         string
	StageName       string
	Sort            int
	ExpectedResult  string
	ResponsibleID   string
	ResponsibleName string
	Due             time.Time // zero = none
	Result          string    // "" until recorded
	DoneAt          time.Time
	DoneBy          string
	DoneByName      string
	Entered         time.Time
}

// StageMove is one entry of a deal's stage history.
type StageMove struct {
	ID        string
	DealID    string
	At        time.Time
	UserID    string
	UserName  string
	FromStage string // stage ID; "" for the deal's creation
	FromName  string
	ToStage   string
	ToName    string
	Result    string // the result recorded for the stage left (or the lost reason)
}

// DealFilter selects deals for the list, the board and exports.
type DealFilter struct {
	PipelineID    string
	StageID       string
	Status        DealStatus // "" = any
	OwnerID       string     // "" = anyone visible
	CustomerID    string
	Query         string    // title or customer name contains (folded)
	From, To      time.Time // created on or after From, before To (zero = open)
	Overdue       bool      // only deals whose current stage is past its due date
	NeedsApproval bool      // only deals waiting for approval
	Sort          DealSort
	Desc          bool
	Offset        int
	Limit         int
}

// DealSort is an order of the deal list.
type DealSort string

// Deal list orders.
const (
	DealSortUpdated       DealSort = "updated"
	DealSortTitle         DealSort = "title"
	DealSortCustomer      DealSort = "customer"
	DealSortAmount        DealSort = "amount"
	DealSortExpectedClose DealSort = "expected_close"
	DealSortStage         DealSort = "stage"
)

// BoardFilter selects the deals of the board.
type BoardFilter struct {
	PipelineID string // "" = the default pipeline
	OwnerID    string // "" = everyone visible
	// The period applies to the Won and Lost columns (closed in it) and,
	// when set, to open deals' expected close date.
	From, To time.Time
}

// Board is the kanban board of one pipeline.
type Board struct {
	Pipeline Pipeline
	Columns  []BoardColumn // one per stage, in order
	Base     string        // the base currency the sums are in
}

// BoardColumn is one stage's cards and totals (in the base currency).
type BoardColumn struct {
	Stage    Stage
	Cards    []DealCard
	Count    int
	Sum      Money
	Weighted Money // Σ AmountBase × probability
}

// DealCard is what a board card shows.
type DealCard struct {
	ID              string
	Num             int64
	Title           string
	CustomerName    string
	Amount          Money
	Currency        string
	AmountBase      Money
	ProbabilityBP   int64
	OwnerID         string
	ResponsibleID   string
	ResponsibleName string
	StageEntered    time.Time
	StageDue        time.Time
	DaysInStage     int  // filled by BuildBoard
	Overdue         bool // filled by BuildBoard: open, past the stage's due date
	Approval        ApprovalState
	StageID         string
	Version         int64
}

// MoveRequest moves a deal to another stage.
type MoveRequest struct {
	DealID     string
	Version    int64
	ToStageID  string
	Result     string // the current stage's result, when it is not recorded yet
	LostReason string // moving to a lost stage
}

// Lead is a cheap record of a possible customer.
type Lead struct {
	ID               string
	Num              int64
	Name             string // the person
	Company          string
	Position         string
	Phone            string
	Email            string
	INN              string
	RegionCode       string
	Segment          string
	Source           string
	Campaign         string
	Note             string
	OwnerID          string // "" on create = routed by the rules (or the creator when none fires)
	OwnerName        string // filled on read
	Status           LeadStatus
	RoutedRuleID     string
	RoutedBy         string // the rule that chose the owner, for people
	CustomerID       string // after conversion
	ContactID        string
	DealID           string
	ConvertedAt      time.Time
	DisqualifyReason string
	Version          int64
	Created          time.Time
	Updated          time.Time
}

// LeadStatus is where a lead stands.
type LeadStatus string

// Lead statuses.
const (
	LeadNew          LeadStatus = "new"
	LeadWorking      LeadStatus = "working"
	LeadConverted    LeadStatus = "converted"
	LeadDisqualified LeadStatus = "disqualified"
)

// LeadFilter selects leads.
type LeadFilter struct {
	Status  LeadStatus // "" = new and working
	All     bool       // every status
	OwnerID string
	Query   string
	Offset  int
	Limit   int
}

// LeadConversion says how to convert a lead.
type LeadConversion struct {
	LeadID     string
	Version    int64
	CustomerID string // an existing customer to attach to; "" = create one from the lead
	DealTitle  string // "" = the company's (or person's) name
	PipelineID string // "" = the default pipeline
	Amount     Money
	Currency   string // "" = the base currency
	Expected   time.Time
	NoDeal     bool // only the customer and contact
}

// LeadConvertResult is what conversion made.
type LeadConvertResult struct {
	Lead       Lead
	CustomerID string
	ContactID  string
	Deal       Deal // zero when NoDeal
}

// RoutingField is what a routing rule looks at.
type RoutingField string

// Routing fields.
const (
	RouteRegion  RoutingField = "region"
	RouteSegment RoutingField = "segment"
	RouteSource  RoutingField = "source"
	RouteAny     RoutingField = "any"
)

// RoutingRule sends matching leads to a seller or, in turn, to a team.
type RoutingRule struct {
	ID      string
	Name    string
	Sort    int
	Field   RoutingField
	Value   string   // region code, segment or source (compared folded)
	UserID  string   // one seller, or
	Team    []string // user IDs served round-robin
	RRNext  int      // the team member next in turn
	Active  bool
	Version int64
}

// ActivityKind is a kind of activity.
type ActivityKind string

// Activity kinds.
const (
	ActivityCall    ActivityKind = "call"
	ActivityMeeting ActivityKind = "meeting"
	ActivityTask    ActivityKind = "task"
	ActivityEmail   ActivityKind = "email" // a logged e-mail
)

// ActivityKinds lists the kinds in display order.
var ActivityKinds = []ActivityKind{ActivityCall, ActivityMeeting, ActivityTask, ActivityEmail}

// Activity is a call, meeting, task or logged e-mail tied to a deal, a
// customer, a contact or a lead.
type Activity struct {
	ID            string
	Kind          ActivityKind
	Subject       string
	Note          string
	Due           time.Time // when it is due (date and time)
	DurationMin   int
	RemindAt      time.Time // zero = no reminder
	RemindedAt    time.Time
	DealID        string
	DealTitle     string // filled on read
	StageID       string // the deal's stage the work belongs to (set from the deal when empty)
	StageName     string // filled on read
	CustomerID    string // set from the deal when empty
	CustomerName  string // filled on read
	ContactID     string
	ContactName   string // filled on read
	LeadID        string
	LeadName      string // filled on read
	OwnerID       string // "" on create = the caller
	OwnerName     string // filled on read
	DoneAt        time.Time
	Outcome       string
	InteractionID string // the timeline entry completing it wrote
	Version       int64
	Created       time.Time
}

// Done reports whether the activity is completed.
func (a Activity) Done() bool { return !a.DoneAt.IsZero() }

// ActivityFilter selects activities.
type ActivityFilter struct {
	OwnerID    string    // "" = the caller's own (heads: set AllOwners for everyone)
	AllOwners  bool      // heads and administrators: everyone's
	From, To   time.Time // due in [From, To) (zero = open)
	OpenOnly   bool
	Overdue    bool // open and due before From (My day's overdue part); From must be set
	DealID     string
	CustomerID string
	LeadID     string
	Limit      int
}

// ApprovalRuleKind is what an approval rule checks.
type ApprovalRuleKind string

// Approval rule kinds.
const (
	RuleDiscount ApprovalRuleKind = "discount" // a line's discount above Threshold basis points
	RuleFloor    ApprovalRuleKind = "floor"    // a price below the product's floor price
	RuleDeferral ApprovalRuleKind = "deferral" // payment days above Threshold
	RuleAmount   ApprovalRuleKind = "amount"   // the deal's amount in the base currency above Threshold minor units
)

// ApprovalRuleKinds lists the kinds in display order.
var ApprovalRuleKinds = []ApprovalRuleKind{RuleDiscount, RuleFloor, RuleDeferral, RuleAmount}

// ApprovalRule puts a deal on approval when its terms cross a threshold.
type ApprovalRule struct {
	ID        string
	Kind      ApprovalRuleKind
	Threshold int64
	Active    bool
	Version   int64
}

// ApprovalReason is one rule a deal's terms break.
type ApprovalReason struct {
	Kind      ApprovalRuleKind
	Line      int    // the deal line (1-based); 0 for the whole deal
	Product   string // the line's SKU and name
	Threshold int64  // the rule's threshold (discount bp, days, base minor units; floor: the floor price)
	Actual    int64  // the deal's value (discount bp, days, base minor units; floor: the price)
}

// ApprovalStatus is the state of one approval request.
type ApprovalStatus string

// Approval request statuses. A pending request is superseded when the
// deal's terms change and a new request replaces it.
const (
	ApprovalStatusPending    ApprovalStatus = "pending"
	ApprovalStatusApproved   ApprovalStatus = "approved"
	ApprovalStatusRejected   ApprovalStatus = "rejected"
	ApprovalStatusSuperseded ApprovalStatus = "superseded"
)

// Approval is a request to approve a deal's terms.
type Approval struct {
	ID              string
	DealID          string
	DealNum         int64  // filled on read
	DealTitle       string // filled on read
	CustomerName    string // filled on read
	RequestedBy     string
	RequestedByName string // filled on read
	RequestedAt     time.Time
	Reasons         []ApprovalReason
	TermsHash       string
	Amount          Money
	Currency        string
	Status          ApprovalStatus
	DecidedBy       string
	DecidedByName   string // filled on read
	DecidedAt       time.Time
	Comment         string
	Version         int64
}

// LostReason is an entry of the lost-reasons dictionary.
type LostReason struct {
	ID      string
	Name    string
	Sort    int
	Active  bool
	Version int64
}

// ReverseStatus is the state of a reverse-pricing request.
type ReverseStatus string

// Reverse-pricing request states.
const (
	ReverseOpen     ReverseStatus = "open"
	ReverseAccepted ReverseStatus = "accepted"
	ReverseDeclined ReverseStatus = "declined"
)

// ReverseRequest records what a customer needs and the price they are
// willing to pay (collaborative CRM).
type ReverseRequest struct {
	ID           string
	Num          int64
	CustomerID   string
	CustomerName string // filled on read
	Requirements string
	CategoryID   string // where to look for matching products ("" = everywhere)
	Qty          Qty
	WantedPrice  Money // per unit, in Currency, in the company's VAT convention
	Currency     string
	Status       ReverseStatus
	ProductID    string // the product accepted
	DealID       string // the deal accepting made
	OwnerID      string
	OwnerName    string // filled on read
	Note         string
	Version      int64
	Created      time.Time
}

// ReverseMatch is a product that could meet a reverse-pricing request, with
// the economics at the customer's price (all per unit, in the request's
// currency).
type ReverseMatch struct {
	ProductID  string
	SKU        string
	Name       string
	ListPrice  Money // the customer's usual price
	Wanted     Money
	Cost       Money
	Floor      Money
	Margin     Money // Wanted − Cost
	MarginBP   int64 // Margin / Wanted in basis points (0 when Wanted is 0)
	DiscountBP int64 // how far Wanted is below ListPrice, in basis points (0 when not below)
	BelowFloor bool
	BelowCost  bool
	Available  Qty // on hand minus reserved at all warehouses
}

// Suggestion is a product often bought together with a deal's products.
type Suggestion struct {
	ProductID    string
	SKU          string
	Name         string
	Because      string // the deal's product it goes with (ID)
	BecauseName  string
	Together     int   // orders containing both
	WithBecause  int   // orders containing Because
	Orders       int   // all orders counted
	ConfidenceBP int64 // Together / WithBecause, basis points («in 34% of orders with X»)
	SupportBP    int64 // Together / Orders, basis points
	LiftE3       int64 // confidence / (orders with the product / Orders), thousandths
}

// CrossSellInfo says how fresh the precomputed statistics are.
type CrossSellInfo struct {
	Orders     int
	Products   int
	Pairs      int
	ComputedAt time.Time // zero = never computed
}

// DealDocuments are a deal's quote and order and the documents made from
// them.
type DealDocuments []Document

// Pipeline errors callers branch on.
var (
	// ErrNeedsApproval: the deal's terms wait for (or were refused) a
	// head's approval, so a quote cannot be issued from it.
	ErrNeedsApproval = errors.New("deal terms need approval")
	// ErrDealClosed: the deal is won or lost and cannot change this way.
	ErrDealClosed = errors.New("deal is closed")
	// ErrStageInUse: a stage with deals in it cannot be removed.
	ErrStageInUse = errors.New("stage has deals")
	// ErrConverted: the lead is already converted.
	ErrConverted = errors.New("lead already converted")
)

// Validation message keys of the pipeline.
const (
	MsgStageResultNeeded = "valid.stage.result_needed" // leaving a stage forward needs its result
	MsgStageSkip         = "valid.stage.skip"          // forward moves go one stage at a time
	MsgStageSame         = "valid.stage.same"
	MsgStageOtherPipe    = "valid.stage.other_pipeline"
	MsgLostReasonNeeded  = "valid.stage.lost_reason"
	MsgDealClosedMove    = "valid.stage.closed" // a won deal cannot be lost and vice versa
	MsgProbability       = "valid.probability"  // 0–100 %
	MsgDiscount          = "valid.discount"     // 0–100 %
	MsgDealTitle         = "valid.deal.title"
	MsgDealCustomer      = "valid.deal.customer"
	MsgLeadName          = "valid.lead.name" // a person or a company is needed
	MsgPipelineStages    = "valid.pipeline.stages"
	MsgActivitySubject   = "valid.activity.subject"
	MsgActivityDue       = "valid.activity.due"
	MsgRuleTarget        = "valid.routing.target" // a seller or a team
	MsgRuleValue         = "valid.routing.value"
	MsgWantedPrice       = "valid.reverse.price"
	MsgRequirements      = "valid.reverse.requirements"
)
