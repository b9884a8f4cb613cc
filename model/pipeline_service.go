package model

import (
	"context"
	"time"
)

// PipelineService is the sales pipeline: pipelines and stages, deals and
// their lines, stage moves with one responsible employee and a result per
// stage, leads and their routing, activities and reminders, approvals of
// deal terms, cross-selling and reverse-pricing requests.
//
// Sellers see the deals they own, those whose customer is shared with them
// and those where they are responsible for a stage; heads and administrators
// see all. Errors common to all methods: ErrNotFound (also when not
// visible), ErrForbidden, ErrStale (versions as loaded), ValidationErrors.
type PipelineService interface {
	// Pipelines lists the pipelines with their stages, the default first.
	Pipelines(ctx context.Context) ([]Pipeline, error)
	// SavePipeline creates (empty ID) or updates a pipeline and its stages
	// (stages without ID are added; stages left out are removed, refused
	// with ErrStageInUse while deals are in them). Administrators.
	SavePipeline(ctx context.Context, p Pipeline) (Pipeline, error)
	// LostReasons lists the dictionary (inactive ones too, for editing).
	LostReasons(ctx context.Context) ([]LostReason, error)
	// SaveLostReason creates or updates an entry (administrators).
	SaveLostReason(ctx context.Context, r LostReason) (LostReason, error)

	// Board loads the open deals of a pipeline by stage, and the deals won
	// and lost in the filter's period, with the columns' totals.
	Board(ctx context.Context, f BoardFilter) (Board, error)
	// FindDeals returns one page of deals (headers, no lines).
	FindDeals(ctx context.Context, f DealFilter) ([]Deal, error)
	// CountDeals counts what FindDeals pages through.
	CountDeals(ctx context.Context, f DealFilter) (int, error)
	// FindDealByID loads a deal with its lines and its stage records.
	FindDealByID(ctx context.Context, id string) (Deal, error)
	// PriceDealLines resolves the list price, floor and cost of lines
	// (those without ManualPrice) for the deal's customer, currency and
	// today, and computes the totals and the approval reasons; it writes
	// nothing (the deal form's live check).
	PriceDealLines(ctx context.Context, d Deal) (Deal, []ApprovalReason, error)
	// SaveDeal creates (empty ID: in the pipeline's first open stage, or
	// d.StageID) or updates a deal with its lines: prices resolved as in
	// PriceDealLines, the amount from the lines unless entered, the
	// probability from the stage unless set by hand, and the approval
	// rules evaluated (a pending request filed when they fire for new
	// terms). Errors: ErrDealClosed for a won or lost deal's lines.
	SaveDeal(ctx context.Context, d Deal) (Deal, error)
	// DeleteDeal moves an open deal without documents to the trash.
	DeleteDeal(ctx context.Context, id string, version int64) error
	// MoveDeal moves a deal to another stage (CheckMove's rules): the
	// current stage's result is recorded (req.Result) and the move kept in
	// the history; entering a stage gives it a responsible (the stage's
	// default role) and a due date; winning turns the deal's issued quote
	// into a draft order; losing needs a reason from the dictionary.
	MoveDeal(ctx context.Context, req MoveRequest) (Deal, error)
	// RecordResult records the current stage's result without moving.
	RecordResult(ctx context.Context, dealID string, version int64, result string) (Deal, error)
	// SetResponsible sets the responsible employee and due date of a
	// deal's stage (the current one or one ahead). Heads, administrators
	// and the deal's owner.
	SetResponsible(ctx context.Context, dealID string, version int64, stageID, userID string, due time.Time) (Deal, error)
	// StageHistory lists a deal's moves, oldest first.
	StageHistory(ctx context.Context, dealID string) ([]StageMove, error)
	// DealDocuments lists the documents made from the deal (quote, order,
	// invoice, waybill …), newest first.
	DealDocuments(ctx context.Context, dealID string) ([]Document, error)
	// IssueQuote posts a quote from the deal's lines and links it to the
	// deal. Errors: ErrNeedsApproval while the terms wait for or were
	// refused approval; ValidationErrors when the deal has no lines.
	IssueQuote(ctx context.Context, dealID string, version int64) (Document, error)

	// FindLeads returns one page of leads, newest first.
	FindLeads(ctx context.Context, f LeadFilter) ([]Lead, error)
	// CountLeads counts what FindLeads pages through.
	CountLeads(ctx context.Context, f LeadFilter) (int, error)
	// FindLeadByID loads a lead.
	FindLeadByID(ctx context.Context, id string) (Lead, error)
	// SaveLead creates (empty ID: routed by the rules when OwnerID is
	// empty, the rule recorded on the lead; the creator when none fires)
	// or updates a lead. Errors: ErrConverted for a converted lead.
	SaveLead(ctx context.Context, l Lead) (Lead, error)
	// DisqualifyLead closes a lead with a reason.
	DisqualifyLead(ctx context.Context, id string, version int64, reason string) (Lead, error)
	// ConvertLead makes a customer (or uses c.CustomerID), a contact and,
	// unless NoDeal, a deal from the lead in one transaction; the lead's
	// note and activities move to the customer and deal, and the lead
	// keeps the links. Errors: ErrConverted.
	ConvertLead(ctx context.Context, c LeadConversion) (LeadConvertResult, error)
	// RoutingRules lists the rules in order.
	RoutingRules(ctx context.Context) ([]RoutingRule, error)
	// SaveRoutingRule creates or updates a rule (administrators, heads).
	SaveRoutingRule(ctx context.Context, r RoutingRule) (RoutingRule, error)
	// DeleteRoutingRule removes a rule.
	DeleteRoutingRule(ctx context.Context, id string, version int64) error

	// FindActivities lists activities by due time.
	FindActivities(ctx context.Context, f ActivityFilter) ([]Activity, error)
	// SaveActivity creates (empty ID) or updates an activity; one tied to
	// a deal belongs to the deal's current stage unless StageID is given.
	SaveActivity(ctx context.Context, a Activity) (Activity, error)
	// CompleteActivity marks it done with an outcome; toTimeline also
	// writes the outcome into the customer's timeline (calls, meetings and
	// e-mails as such, tasks as notes).
	CompleteActivity(ctx context.Context, id string, version int64, outcome string, toTimeline bool) (Activity, error)
	// DeleteActivity removes an activity.
	DeleteActivity(ctx context.Context, id string, version int64) error
	// DueReminders returns the caller's open activities whose reminder
	// time has come by now and was not yet shown, and marks them shown.
	DueReminders(ctx context.Context, now time.Time) ([]Activity, error)

	// ApprovalRules lists the rules.
	ApprovalRules(ctx context.Context) ([]ApprovalRule, error)
	// SaveApprovalRule creates or updates a rule (administrators).
	SaveApprovalRule(ctx context.Context, r ApprovalRule) (ApprovalRule, error)
	// FindApprovals lists approval requests: pending ones for the inbox
	// (status pending), or a deal's history (dealID set).
	FindApprovals(ctx context.Context, status ApprovalStatus, dealID string, limit int) ([]Approval, error)
	// DecideApproval approves or rejects a pending request with a comment
	// (heads and administrators; audited). Errors: ErrStale when the deal's
	// terms changed since the request.
	DecideApproval(ctx context.Context, id string, version int64, approve bool, comment string) (Approval, error)

	// CrossSell suggests products for the deal from the precomputed order
	// statistics, at most limit.
	CrossSell(ctx context.Context, dealID string, limit int) ([]Suggestion, CrossSellInfo, error)
	// RefreshCrossSell recomputes the statistics from all posted orders.
	RefreshCrossSell(ctx context.Context) (CrossSellInfo, error)

	// FindReverseRequests lists requests, newest first.
	FindReverseRequests(ctx context.Context, status ReverseStatus, limit int) ([]ReverseRequest, error)
	// SaveReverseRequest creates or updates an open request.
	SaveReverseRequest(ctx context.Context, r ReverseRequest) (ReverseRequest, error)
	// ReverseMatches lists products that could meet the request (its
	// category, or the words of its requirements), with the economics at
	// the wanted price, best margin first; at most limit.
	ReverseMatches(ctx context.Context, id string, limit int) ([]ReverseMatch, error)
	// AcceptReverse makes a deal for the customer with the product at the
	// wanted price (approval rules apply as to any deal) and closes the
	// request as accepted.
	AcceptReverse(ctx context.Context, id string, version int64, productID string) (Deal, error)
	// DeclineReverse closes the request as declined with a note.
	DeclineReverse(ctx context.Context, id string, version int64, note string) (ReverseRequest, error)
}
