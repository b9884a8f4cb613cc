package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MoveKind says what a stage move does to a deal.
type MoveKind string

// Kinds of stage moves.
const (
	MoveForward MoveKind = "forward" // to the next open stage: the current stage's result is needed
	MoveBack    MoveKind = "back"    // to an earlier open stage: no result needed
	MoveWin     MoveKind = "win"     // to the won stage from any open stage: the current result is needed
	MoveLose    MoveKind = "lose"    // to the lost stage from any open stage: a lost reason is needed
	MoveReopen  MoveKind = "reopen"  // a won or lost deal back to an open stage
)

// StageByID finds a stage of the pipeline.
func (p Pipeline) StageByID(id string) (Stage, bool) {
	for _, s := range p.Stages {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

// StageOfKind returns the pipeline's first stage of kind k (the first open
// stage, the won or the lost stage).
func (p Pipeline) StageOfKind(k StageKind) (Stage, bool) {
	for _, s := range p.sorted() {
		if s.Kind == k {
			return s, true
		}
	}
	return Stage{}, false
}

// NextOpen returns the open stage after the one with id, if any.
func (p Pipeline) NextOpen(id string) (Stage, bool) {
	st := p.sorted()
	for i, s := range st {
		if s.ID != id {
			continue
		}
		for _, n := range st[i+1:] {
			if n.Kind == StageOpen {
				return n, true
			}
		}
	}
	return Stage{}, false
}

func (p Pipeline) sorted() []Stage {
	st := append([]Stage(nil), p.Stages...)
	sort.SliceStable(st, func(i, j int) bool { return st[i].Sort < st[j].Sort })
	return st
}

// CheckMove decides whether a deal in stage from (with status and the
// result already recorded for that stage) may move as req asks, and what
// kind of move it is. Forward moves go one open stage at a time and need
// the current stage's result (recorded before or given in req.Result); a
// deal may be won from any open stage with its current result, lost from
// any open stage with a reason, moved back without a result, and a closed
// deal may be reopened into an open stage. Errors are ValidationErrors with
// the field "result", "lost_reason" or "stage".
func CheckMove(p Pipeline, from string, status DealStatus, recorded string, req MoveRequest) (MoveKind, error) {
	to, ok := p.StageByID(req.ToStageID)
	if !ok {
		return "", ValidationErrors{{Field: "stage", Msg: MsgStageOtherPipe}}
	}
	if req.ToStageID == from {
		return "", ValidationErrors{{Field: "stage", Msg: MsgStageSame}}
	}
	cur, ok := p.StageByID(from)
	if !ok {
		return "", ValidationErrors{{Field: "stage", Msg: MsgStageOtherPipe}}
	}
	hasResult := strings.TrimSpace(recorded) != "" || strings.TrimSpace(req.Result) != ""
	if status != DealOpen || cur.Kind != StageOpen {
		if to.Kind == StageOpen {
			return MoveReopen, nil
		}
		return "", ValidationErrors{{Field: "stage", Msg: MsgDealClosedMove}}
	}
	switch to.Kind {
	case StageLost:
		if strings.TrimSpace(req.LostReason) == "" {
			return "", ValidationErrors{{Field: "lost_reason", Msg: MsgLostReasonNeeded}}
		}
		return MoveLose, nil
	case StageWon:
		if !hasResult {
			return "", ValidationErrors{{Field: "result", Msg: MsgStageResultNeeded}}
		}
		return MoveWin, nil
	}
	if to.Sort < cur.Sort {
		return MoveBack, nil
	}
	next, ok := p.NextOpen(from)
	if !ok || next.ID != to.ID {
		return "", ValidationErrors{{Field: "stage", Msg: MsgStageSkip}}
	}
	if !hasResult {
		return "", ValidationErrors{{Field: "result", Msg: MsgStageResultNeeded}}
	}
	return MoveForward, nil
}

// MoveNeeds says what a move dialog must ask for before CheckMove can pass:
// the current stage's result, a lost reason, or nothing. It is what the
// board calls when a card is dropped on another column.
func MoveNeeds(p Pipeline, from string, status DealStatus, recorded, to string) (needResult, needReason bool) {
	st, ok := p.StageByID(to)
	if !ok {
		return false, false
	}
	cur, _ := p.StageByID(from)
	if status != DealOpen || cur.Kind != StageOpen || to == from {
		return false, false
	}
	if st.Kind == StageLost {
		return false, true
	}
	if strings.TrimSpace(recorded) != "" {
		return false, false
	}
	if st.Kind == StageWon {
		return true, false
	}
	// Only the next open stage needs the result: a move further on is
	// refused by CheckMove whatever the dialog asks.
	next, ok := p.NextOpen(from)
	return ok && next.ID == to, false
}

// StatusOfStage is the deal status a stage of kind k implies.
func StatusOfStage(k StageKind) DealStatus {
	switch k {
	case StageWon:
		return DealWon
	case StageLost:
		return DealLost
	}
	return DealOpen
}

// DealProbability is the probability a deal has in stage st: its own when
// set by hand, else the stage's default (won 100 %, lost 0 %, always).
func DealProbability(d Deal, st Stage) int64 {
	switch st.Kind {
	case StageWon:
		return 10000
	case StageLost:
		return 0
	}
	if d.ProbabilityManual {
		return d.ProbabilityBP
	}
	return st.ProbabilityBP
}

// Weighted is amount × probability, rounded by RoundDiv.
func Weighted(amount Money, probabilityBP int64) Money {
	q, ok := MulDivRound(int64(amount), probabilityBP, 10000)
	if !ok {
		return amount
	}
	return Money(q)
}

// DaysBetween counts calendar days from a to b (b earlier gives a negative
// number), by the dates in a's location.
func DaysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = b.In(a.Location())
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// BuildBoard lays the cards out by stage in the pipeline's order and adds
// each column's count, sum and weighted sum (in the base currency). Cards
// of stages not in the pipeline are left out. Within a column the cards keep
// their order. now gives the days in stage and what is overdue (an open
// card whose stage due date is before today).
func BuildBoard(p Pipeline, cards []DealCard, now time.Time) Board {
	st := p.sorted()
	b := Board{Pipeline: p, Columns: make([]BoardColumn, len(st))}
	idx := make(map[string]int, len(st))
	for i, s := range st {
		b.Columns[i].Stage = s
		idx[s.ID] = i
	}
	// Count first so each column is allocated once (10,000 cards of a few
	// hundred bytes each would otherwise be copied as the columns grow).
	n := make([]int, len(st))
	for i := range cards {
		if j, ok := idx[cards[i].StageID]; ok {
			n[j]++
		}
	}
	for i := range b.Columns {
		b.Columns[i].Cards = make([]DealCard, 0, n[i])
	}
	for _, c := range cards {
		i, ok := idx[c.StageID]
		if !ok {
			continue
		}
		col := &b.Columns[i]
		if !c.StageEntered.IsZero() {
			c.DaysInStage = max(0, DaysBetween(c.StageEntered, now))
		}
		c.Overdue = col.Stage.Kind == StageOpen && !c.StageDue.IsZero() && DaysBetween(now, c.StageDue) < 0
		col.Cards = append(col.Cards, c)
		col.Count++
		col.Sum += c.AmountBase
		col.Weighted += Weighted(c.AmountBase, c.ProbabilityBP)
	}
	return b
}

// BoardTotals adds the open columns: count, sum and weighted sum.
func BoardTotals(b Board) (count int, sum, weighted Money) {
	for _, c := range b.Columns {
		if c.Stage.Kind != StageOpen {
			continue
		}
		count += c.Count
		sum += c.Sum
		weighted += c.Weighted
	}
	return count, sum, weighted
}

// DefaultResponsible chooses who is responsible for a deal entering stage
// st: the deal's owner when the owner has the stage's default role (or the
// stage has none), else the first active user of that role by name, else
// the owner.
func DefaultResponsible(st Stage, owner User, users []User) string {
	if st.DefaultRole == "" || owner.Role == st.DefaultRole || (st.DefaultRole == RoleSeller && owner.Role != RoleAccountant) {
		return owner.ID
	}
	var pick *User
	for i := range users {
		u := &users[i]
		if !u.Active || u.Role != st.DefaultRole {
			continue
		}
		if pick == nil || u.FullName < pick.FullName || (u.FullName == pick.FullName && u.ID < pick.ID) {
			pick = u
		}
	}
	if pick == nil {
		return owner.ID
	}
	return pick.ID
}

// StageDueDate is the due date of a stage entered on day: day + NormDays,
// or zero when the stage has no norm.
func StageDueDate(st Stage, day time.Time) time.Time {
	if st.NormDays <= 0 {
		return time.Time{}
	}
	return day.AddDate(0, 0, st.NormDays)
}

// DiscountPrice is listPrice less discountBP, rounded by RoundDiv.
func DiscountPrice(listPrice Money, discountBP int64) Money {
	q, _ := MulDivRound(int64(listPrice), 10000-discountBP, 10000)
	return Money(q)
}

// LineDiscountBP is how far a line's price is below its list price, in
// basis points: the discount given, typed as a percentage or as a lower
// price. 0 when the price is not below the list price or there is none.
func LineDiscountBP(l DealLine) int64 {
	if l.ListPrice <= 0 || l.Price >= l.ListPrice {
		return 0
	}
	q, _ := MulDivRound(int64(l.ListPrice-l.Price), 10000, int64(l.ListPrice))
	return q
}

// ComputeDealLines numbers the lines, sets each price (the list price less
// the discount unless typed) and computes amounts and totals as documents
// do (ComputeLines, DocTotals), so a quote issued from the deal has the same
// figures.
func ComputeDealLines(lines []DealLine, day time.Time, pricesIncludeVAT, noVAT bool) ([]DealLine, Totals, error) {
	out := make([]DealLine, len(lines))
	docs := make([]DocLine, len(lines))
	for i, l := range lines {
		l.No = i + 1
		if l.Qty <= 0 {
			return nil, Totals{}, ValidationErrors{{Field: fmt.Sprintf("lines[%d].qty", i), Msg: MsgQtyPositive}}
		}
		if l.DiscountBP < 0 || l.DiscountBP > 10000 {
			return nil, Totals{}, ValidationErrors{{Field: fmt.Sprintf("lines[%d].discount", i), Msg: MsgDiscount}}
		}
		if !l.ManualPrice {
			l.Price = DiscountPrice(l.ListPrice, l.DiscountBP)
		}
		if l.Price < 0 {
			return nil, Totals{}, ValidationErrors{{Field: fmt.Sprintf("lines[%d].price", i), Msg: MsgWantedPrice}}
		}
		d, err := ComputeLine(l.DocLine(), day, pricesIncludeVAT, noVAT)
		if err != nil {
			return nil, Totals{}, err
		}
		l.VATCat, l.VATBP, l.Amounts = d.VATCat, d.VATBP, d.Amounts
		out[i], docs[i] = l, d
	}
	t, err := DocTotals(docs)
	return out, t, err
}

// DocLine is the line as a document line (a quote's), at its final price.
func (l DealLine) DocLine() DocLine {
	reason := l.PriceReason
	return DocLine{No: l.No, ProductID: l.ProductID, SKU: l.SKU, Name: l.Name, UnitCode: l.UnitCode, Unit: l.Unit,
		Qty: l.Qty, Price: l.Price, ManualPrice: true, PriceReason: reason, VATCat: l.VATCat, VATBP: l.VATBP, Amounts: l.Amounts}
}

// ApprovalReasons lists the active rules a deal's terms break: each line
// whose discount (LineDiscountBP) is above a discount rule's threshold or
// whose price is below its floor price, a payment deferral above the
// deferral rule's days, and an amount in the base currency above the amount
// rule's limit. Empty means the deal needs no approval.
func ApprovalReasons(rules []ApprovalRule, d Deal) []ApprovalReason {
	var out []ApprovalReason
	for _, r := range rules {
		if !r.Active {
			continue
		}
		switch r.Kind {
		case RuleDiscount:
			for _, l := range d.Lines {
				if disc := LineDiscountBP(l); disc > r.Threshold {
					out = append(out, ApprovalReason{Kind: r.Kind, Line: l.No, Product: lineLabel(l), Threshold: r.Threshold, Actual: disc})
				}
			}
		case RuleFloor:
			for _, l := range d.Lines {
				if l.FloorPrice > 0 && l.Price < l.FloorPrice {
					out = append(out, ApprovalReason{Kind: r.Kind, Line: l.No, Product: lineLabel(l), Threshold: int64(l.FloorPrice), Actual: int64(l.Price)})
				}
			}
		case RuleDeferral:
			if int64(d.PaymentDays) > r.Threshold {
				out = append(out, ApprovalReason{Kind: r.Kind, Threshold: r.Threshold, Actual: int64(d.PaymentDays)})
			}
		case RuleAmount:
			if r.Threshold > 0 && int64(d.AmountBase) > r.Threshold {
				out = append(out, ApprovalReason{Kind: r.Kind, Threshold: r.Threshold, Actual: int64(d.AmountBase)})
			}
		}
	}
	return out
}

func lineLabel(l DealLine) string {
	if l.SKU == "" {
		return l.Name
	}
	return l.SKU + " " + l.Name
}

// DealTermsHash identifies the terms a head approves: currency, amount,
// payment days and every line's product, quantity, price and discount. An
// approval holds only while the hash is the same.
func DealTermsHash(d Deal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%d|%d|%d\n", d.Currency, d.Amount, d.PaymentDays, len(d.Lines))
	for _, l := range d.Lines {
		fmt.Fprintf(&b, "%s|%d|%d|%d|%t\n", l.ProductID, l.Qty, l.Price, l.DiscountBP, l.ManualPrice)
	}
	h := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(h[:16])
}

// ApprovalStateFor is a deal's approval state given the reasons its terms
// give, their hash and the newest approval request (nil when none): no
// reasons → none; a decided request for the same terms → its decision;
// anything else → pending (a new request is needed when the newest is for
// other terms, see NeedsNewRequest).
func ApprovalStateFor(reasons []ApprovalReason, hash string, latest *Approval) ApprovalState {
	if len(reasons) == 0 {
		return ApprovalNone
	}
	if latest != nil && latest.TermsHash == hash {
		switch latest.Status {
		case ApprovalStatusApproved:
			return ApprovalApproved
		case ApprovalStatusRejected:
			return ApprovalRejected
		}
	}
	return ApprovalPending
}

// NeedsNewRequest says whether saving a deal must file a new approval
// request: its terms break a rule and the newest request is missing, was
// superseded, or is for other terms.
func NeedsNewRequest(reasons []ApprovalReason, hash string, latest *Approval) bool {
	if len(reasons) == 0 {
		return false
	}
	return latest == nil || latest.Status == ApprovalStatusSuperseded || latest.TermsHash != hash
}

// CanIssueQuote reports whether a quote may be issued from a deal in
// approval state s.
func CanIssueQuote(s ApprovalState) bool { return s == ApprovalNone || s == ApprovalApproved }

// RouteResult is the owner a routing rule chose for a lead.
type RouteResult struct {
	RuleID string
	UserID string
	NextRR int    // the rule's round-robin cursor after this lead (team rules)
	By     string // how, for people: the rule's name or "field = value"
}

// RouteLead applies the first active rule (by Sort) that matches the lead:
// region by code, segment and source compared folded, any for every lead.
// A rule with a team gives the lead to the member at its cursor and moves
// the cursor on. ok is false when no rule matches.
func RouteLead(rules []RoutingRule, l Lead) (RouteResult, bool) {
	rs := append([]RoutingRule(nil), rules...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Sort < rs[j].Sort })
	for _, r := range rs {
		if !r.Active || !routeMatches(r, l) {
			continue
		}
		by := r.Name
		if by == "" {
			by = string(r.Field)
			if r.Field != RouteAny {
				by += " = " + r.Value
			}
		}
		if len(r.Team) > 0 {
			i := r.RRNext % len(r.Team)
			return RouteResult{RuleID: r.ID, UserID: r.Team[i], NextRR: (i + 1) % len(r.Team), By: by}, true
		}
		if r.UserID == "" {
			continue
		}
		return RouteResult{RuleID: r.ID, UserID: r.UserID, NextRR: r.RRNext, By: by}, true
	}
	return RouteResult{}, false
}

func routeMatches(r RoutingRule, l Lead) bool {
	switch r.Field {
	case RouteAny:
		return true
	case RouteRegion:
		return r.Value != "" && strings.TrimSpace(r.Value) == strings.TrimSpace(l.RegionCode)
	case RouteSegment:
		return r.Value != "" && FoldText(r.Value) == FoldText(l.Segment)
	case RouteSource:
		return r.Value != "" && FoldText(r.Value) == FoldText(l.Source)
	}
	return false
}

// Validate checks a deal before saving.
func (d Deal) Validate() ValidationErrors {
	var v ValidationErrors
	if strings.TrimSpace(d.Title) == "" {
		v.Add("title", MsgDealTitle)
	}
	if d.CustomerID == "" {
		v.Add("customer", MsgDealCustomer)
	}
	if d.ProbabilityBP < 0 || d.ProbabilityBP > 10000 {
		v.Add("probability", MsgProbability)
	}
	if d.Amount < 0 {
		v.Add("amount", MsgWantedPrice)
	}
	if d.PaymentDays < 0 || d.PaymentDays > 3650 {
		v.Add("payment_days", MsgDays)
	}
	for i, l := range d.Lines {
		if l.Qty <= 0 {
			v.Add(fmt.Sprintf("lines[%d].qty", i), MsgQtyPositive)
		}
		if l.DiscountBP < 0 || l.DiscountBP > 10000 {
			v.Add(fmt.Sprintf("lines[%d].discount", i), MsgDiscount)
		}
	}
	return v
}

// MsgDays: a number of days between 0 and 3650.
const MsgDays = "valid.days"

// Validate checks a lead: a person or a company, a valid e-mail and INN when
// given.
func (l Lead) Validate() ValidationErrors {
	var v ValidationErrors
	if strings.TrimSpace(l.Name) == "" && strings.TrimSpace(l.Company) == "" {
		v.Add("name", MsgLeadName)
	}
	if l.Email != "" {
		v.Add("email", EmailProblem(l.Email))
	}
	if l.INN != "" {
		v.Add("inn", INNProblem(l.INN))
	}
	return v
}

// DisplayName is the lead's company, or the person when there is none.
func (l Lead) DisplayName() string {
	if strings.TrimSpace(l.Company) != "" {
		return strings.TrimSpace(l.Company)
	}
	return strings.TrimSpace(l.Name)
}

// Validate checks an activity.
func (a Activity) Validate() ValidationErrors {
	var v ValidationErrors
	if strings.TrimSpace(a.Subject) == "" {
		v.Add("subject", MsgActivitySubject)
	}
	if a.Due.IsZero() {
		v.Add("due", MsgActivityDue)
	}
	ok := false
	for _, k := range ActivityKinds {
		ok = ok || a.Kind == k
	}
	if !ok {
		v.Add("kind", "valid.choice")
	}
	if a.DurationMin < 0 {
		v.Add("duration", MsgDays)
	}
	return v
}

// Validate checks a routing rule.
func (r RoutingRule) Validate() ValidationErrors {
	var v ValidationErrors
	switch r.Field {
	case RouteAny:
	case RouteRegion, RouteSegment, RouteSource:
		if strings.TrimSpace(r.Value) == "" {
			v.Add("value", MsgRuleValue)
		}
	default:
		v.Add("field", "valid.choice")
	}
	if r.UserID == "" && len(r.Team) == 0 {
		v.Add("user", MsgRuleTarget)
	}
	return v
}

// Validate checks a pipeline: a name, at least one open stage, exactly one
// won and one lost stage after the open ones, names, probabilities 0–100 %.
func (p Pipeline) Validate() ValidationErrors {
	var v ValidationErrors
	if strings.TrimSpace(p.Name) == "" {
		v.Add("name", MsgRequired)
	}
	var open, won, lost int
	lastOpen, firstClosed := -1<<31, 1<<31-1
	for i, s := range p.Stages {
		if strings.TrimSpace(s.Name) == "" {
			v.Add(fmt.Sprintf("stages[%d].name", i), MsgRequired)
		}
		if s.ProbabilityBP < 0 || s.ProbabilityBP > 10000 {
			v.Add(fmt.Sprintf("stages[%d].probability", i), MsgProbability)
		}
		if s.NormDays < 0 {
			v.Add(fmt.Sprintf("stages[%d].norm_days", i), MsgDays)
		}
		switch s.Kind {
		case StageOpen:
			open++
			lastOpen = max(lastOpen, s.Sort)
		case StageWon:
			won++
			firstClosed = min(firstClosed, s.Sort)
		case StageLost:
			lost++
			firstClosed = min(firstClosed, s.Sort)
		default:
			v.Add(fmt.Sprintf("stages[%d].kind", i), "valid.choice")
		}
	}
	if open == 0 || won != 1 || lost != 1 || lastOpen >= firstClosed {
		v.Add("stages", MsgPipelineStages)
	}
	return v
}

// Validate checks a reverse-pricing request.
func (r ReverseRequest) Validate() ValidationErrors {
	var v ValidationErrors
	if r.CustomerID == "" {
		v.Add("customer", MsgDealCustomer)
	}
	if strings.TrimSpace(r.Requirements) == "" {
		v.Add("requirements", MsgRequirements)
	}
	if r.Qty <= 0 {
		v.Add("qty", MsgQtyPositive)
	}
	if r.WantedPrice <= 0 {
		v.Add("wanted_price", MsgWantedPrice)
	}
	return v
}

// MatchEconomics fills the economics of selling a product at the wanted
// price: margin against cost, its share of the price, the discount against
// the customer's list price, and whether it is below the floor or the cost.
func MatchEconomics(m ReverseMatch) ReverseMatch {
	m.Margin = m.Wanted - m.Cost
	m.MarginBP = 0
	if m.Wanted > 0 {
		m.MarginBP, _ = MulDivRound(int64(m.Margin), 10000, int64(m.Wanted))
	}
	m.DiscountBP = 0
	if m.ListPrice > 0 && m.Wanted < m.ListPrice {
		m.DiscountBP, _ = MulDivRound(int64(m.ListPrice-m.Wanted), 10000, int64(m.ListPrice))
	}
	m.BelowFloor = m.Floor > 0 && m.Wanted < m.Floor
	m.BelowCost = m.Wanted < m.Cost
	return m
}

// RankMatches orders reverse-pricing matches best first: those sold at a
// loss last, then those below the floor price (they need approval), and
// within each group the larger margin first (ties by SKU).
func RankMatches(ms []ReverseMatch) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.BelowCost != b.BelowCost {
			return !a.BelowCost
		}
		if a.BelowFloor != b.BelowFloor {
			return !a.BelowFloor
		}
		if a.Margin != b.Margin {
			return a.Margin > b.Margin
		}
		return a.SKU < b.SKU
	})
}

// FormatBP writes basis points as a percentage with up to two decimals
// ("15", "12.5", "0.25"); the UI swaps in the language's separator.
func FormatBP(bp int64) string {
	neg := bp < 0
	if neg {
		bp = -bp
	}
	s := strconv.FormatInt(bp/100, 10)
	if r := bp % 100; r != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%02d", r), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}
