package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"sdelka/model"
)

// Leads and their routing (PipelineService): a lead is a cheap record of a
// possible customer that SaveLead routes to a seller by the routing rules
// and ConvertLead turns into a customer, a contact and a deal.

const leadCols = `l.id, l.num, l.name, l.company, l.position, l.phone, l.email, l.inn, coalesce(l.region_code, ''), l.segment,
	l.source, l.campaign, l.note, l.owner_id, coalesce(u.full_name, ''), l.status, coalesce(l.routed_rule_id, ''), l.routed_by,
	coalesce(l.customer_id, ''), coalesce(l.contact_id, ''), coalesce(l.deal_id, ''), l.converted_at, l.disqualify_reason,
	l.version, l.created_at, l.updated_at`

const leadFrom = ` FROM leads l LEFT JOIN users u ON u.id = l.owner_id`

func scanLead(sc scanner) (model.Lead, error) {
	var l model.Lead
	var status string
	var converted, created, updated sql.NullString
	err := sc.Scan(&l.ID, &l.Num, &l.Name, &l.Company, &l.Position, &l.Phone, &l.Email, &l.INN, &l.RegionCode, &l.Segment,
		&l.Source, &l.Campaign, &l.Note, &l.OwnerID, &l.OwnerName, &status, &l.RoutedRuleID, &l.RoutedBy,
		&l.CustomerID, &l.ContactID, &l.DealID, &converted, &l.DisqualifyReason, &l.Version, &created, &updated)
	l.Status = model.LeadStatus(status)
	l.ConvertedAt, l.Created, l.Updated = parseTS(converted), parseTS(created), parseTS(updated)
	return l, err
}

// leadWhere builds the condition shared by FindLeads and CountLeads.
func leadWhere(u model.User, f model.LeadFilter) (string, []any) {
	vis, args := visibility(u, model.EntityLead, model.ActRead, "l")
	where := []string{vis, "l.deleted_at IS NULL"}
	switch {
	case f.All:
	case f.Status != "":
		where = append(where, "l.status = ?")
		args = append(args, string(f.Status))
	default:
		where = append(where, "l.status IN ('new', 'working')")
	}
	if f.OwnerID != "" {
		where = append(where, "l.owner_id = ?")
		args = append(args, f.OwnerID)
	}
	if q := model.FoldText(f.Query); q != "" {
		cond := "(instr(l.name_fold, ?) > 0 OR instr(l.email, ?) > 0 OR l.inn = ?"
		args = append(args, q, q, q)
		if p := model.NormalizePhone(q); len(p) >= 5 {
			cond += " OR instr(l.phone_norm, ?) > 0"
			args = append(args, p)
		}
		where = append(where, cond+")")
	}
	return strings.Join(where, " AND "), args
}

// FindLeads implements model.PipelineService: newest first.
func (ss *Session) FindLeads(ctx context.Context, f model.LeadFilter) ([]model.Lead, error) {
	u, err := ss.reader(ctx, model.EntityLead)
	if err != nil {
		return nil, fmt.Errorf("find leads: %w", err)
	}
	where, args := leadWhere(u, f)
	q := `SELECT ` + leadCols + leadFrom + ` WHERE ` + where + ` ORDER BY l.created_at DESC, l.id DESC LIMIT ?`
	args = append(args, model.PageLimit(f.Limit))
	if f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	return queryAll(ctx, ss.s.r, "find leads", q, scanLead, args...)
}

// CountLeads implements model.PipelineService.
func (ss *Session) CountLeads(ctx context.Context, f model.LeadFilter) (int, error) {
	u, err := ss.reader(ctx, model.EntityLead)
	if err != nil {
		return 0, fmt.Errorf("count leads: %w", err)
	}
	where, args := leadWhere(u, f)
	var n int
	if err := ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM leads l WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count leads: %w", mapErr(err))
	}
	return n, nil
}

// loadLead loads a live lead that u may act on with act.
func loadLead(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.Lead, error) {
	vis, args := visibility(u, model.EntityLead, act, "l")
	ls, err := queryAll(ctx, q, "lead "+id, `SELECT `+leadCols+leadFrom+` WHERE l.id = ? AND l.deleted_at IS NULL AND `+vis, scanLead,
		append([]any{id}, args...)...)
	if err != nil {
		return model.Lead{}, err
	}
	if len(ls) == 0 {
		return model.Lead{}, fmt.Errorf("lead %s: %w", id, model.ErrNotFound)
	}
	return ls[0], nil
}

// FindLeadByID implements model.PipelineService.
func (ss *Session) FindLeadByID(ctx context.Context, id string) (model.Lead, error) {
	u, err := ss.reader(ctx, model.EntityLead)
	if err != nil {
		return model.Lead{}, fmt.Errorf("lead %s: %w", id, err)
	}
	return loadLead(ctx, ss.s.r, u, model.ActRead, id)
}

func normalizeLead(l model.Lead) model.Lead {
	for _, p := range []*string{&l.Name, &l.Company, &l.Position, &l.Phone, &l.Email, &l.INN, &l.RegionCode, &l.Segment,
		&l.Source, &l.Campaign, &l.Note, &l.DisqualifyReason} {
		*p = strings.TrimSpace(*p)
	}
	l.Email = strings.ToLower(l.Email)
	return l
}

// validateLead is the lead's own checks plus the phone, which the customer
// and contact made by conversion would refuse.
func validateLead(l model.Lead) error {
	v := l.Validate()
	if l.Phone != "" {
		v.Add("phone", model.PhoneProblem(l.Phone))
	}
	return v.Err()
}

func leadAudit(l model.Lead) map[string]string {
	return map[string]string{"name": l.Name, "company": l.Company, "position": l.Position, "phone": l.Phone, "email": l.Email,
		"inn": l.INN, "region_code": l.RegionCode, "segment": l.Segment, "source": l.Source, "campaign": l.Campaign, "note": l.Note,
		"owner_id": l.OwnerID, "status": string(l.Status), "routed_by": l.RoutedBy, "disqualify_reason": l.DisqualifyReason,
		"customer_id": l.CustomerID, "contact_id": l.ContactID, "deal_id": l.DealID}
}

// checkLeadRegion turns an unknown region code into a field error.
func checkLeadRegion(ctx context.Context, tx *sql.Tx, code string) error {
	if code == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM regions WHERE code = ?`, code).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return model.ValidationErrors{{Field: "region", Msg: "import.unknown_region"}}
	}
	return nil
}

// checkAssignee makes sure ownerID is an active user and that the actor
// may give records of entity e to someone other than themselves.
func checkAssignee(ctx context.Context, tx *sql.Tx, actor model.User, e model.Entity, ownerID string) error {
	if ownerID != actor.ID && model.ScopeFor(actor.Role, e, model.ActUpdate) != model.ScopeAll {
		return fmt.Errorf("assign %s to another user as %s: %w", e, actor.Role, model.ErrForbidden)
	}
	if _, err := findUser(ctx, tx, "id = ? AND active = 1", ownerID); err != nil {
		return model.ValidationErrors{{Field: "owner", Msg: "valid.owner"}}
	}
	return nil
}

// SaveLead implements model.PipelineService.
func (ss *Session) SaveLead(ctx context.Context, l model.Lead) (model.Lead, error) {
	l = normalizeLead(l)
	if err := validateLead(l); err != nil {
		return l, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if l.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityLead, act)
		if err != nil {
			return err
		}
		if err := checkLeadRegion(ctx, tx, l.RegionCode); err != nil {
			return err
		}
		if l.ID == "" {
			return ss.insertLead(ctx, tx, actor, &l)
		}
		old, err := loadLead(ctx, tx, actor, model.ActUpdate, l.ID)
		if err != nil {
			return err
		}
		if old.Status == model.LeadConverted {
			return fmt.Errorf("lead %d: %w", old.Num, model.ErrConverted)
		}
		if old.Version != l.Version {
			return model.StaleError("lead", l.ID, l.Version)
		}
		if l.OwnerID == "" {
			l.OwnerID = old.OwnerID
		}
		if l.OwnerID != old.OwnerID {
			if err := checkAssignee(ctx, tx, actor, model.EntityLead, l.OwnerID); err != nil {
				return err
			}
		}
		switch l.Status {
		case model.LeadNew, model.LeadWorking, model.LeadDisqualified:
		default:
			l.Status = old.Status
		}
		if l.Status != model.LeadDisqualified {
			l.DisqualifyReason = ""
		}
		l.Num, l.RoutedRuleID, l.RoutedBy, l.Created = old.Num, old.RoutedRuleID, old.RoutedBy, old.Created
		l.CustomerID, l.ContactID, l.DealID, l.ConvertedAt = "", "", "", old.ConvertedAt
		now := ss.s.now()
		res, err := tx.ExecContext(ctx, `UPDATE leads SET name = ?, company = ?, name_fold = ?, position = ?, phone = ?, phone_norm = ?,
			email = ?, inn = ?, region_code = ?, segment = ?, source = ?, campaign = ?, note = ?, owner_id = ?, status = ?,
			disqualify_reason = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			l.Name, l.Company, leadFold(l), l.Position, l.Phone, model.NormalizePhone(l.Phone), l.Email, l.INN, nullStr(l.RegionCode),
			l.Segment, l.Source, l.Campaign, l.Note, l.OwnerID, string(l.Status), l.DisqualifyReason, ts(now), l.ID, l.Version)
		if err := staleCheck(res, err, "lead", l.ID, l.Version); err != nil {
			return err
		}
		l.Version, l.Updated = l.Version+1, now
		if l.OwnerName, err = ownerNameOf(ctx, tx, l.OwnerID); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityLead, l.ID, model.Diff(leadAudit(old), leadAudit(l)))
	})
	return l, err
}

func leadFold(l model.Lead) string { return model.FoldText(l.Company + " " + l.Name) }

func ownerNameOf(ctx context.Context, q queryer, id string) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT full_name FROM users WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// insertLead creates a lead: numbered, owned by l.OwnerID or, when empty,
// by the seller the routing rules choose (the creator when none fires).
func (ss *Session) insertLead(ctx context.Context, tx *sql.Tx, actor model.User, l *model.Lead) error {
	if l.Status != model.LeadWorking {
		l.Status = model.LeadNew
	}
	l.DisqualifyReason, l.CustomerID, l.ContactID, l.DealID, l.RoutedRuleID, l.RoutedBy = "", "", "", "", "", ""
	if l.OwnerID == "" {
		if err := ss.routeLead(ctx, tx, actor, l); err != nil {
			return err
		}
	} else if err := checkAssignee(ctx, tx, actor, model.EntityLead, l.OwnerID); err != nil {
		return err
	}
	now := ss.s.now()
	l.ID, l.Version, l.Created, l.Updated = ss.s.newID(), 1, now, now
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM leads`).Scan(&l.Num); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO leads (id, num, name, company, name_fold, position, phone, phone_norm, email, inn,
		region_code, segment, source, campaign, note, owner_id, status, routed_rule_id, routed_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.Num, l.Name, l.Company, leadFold(*l), l.Position, l.Phone, model.NormalizePhone(l.Phone), l.Email, l.INN,
		nullStr(l.RegionCode), l.Segment, l.Source, l.Campaign, l.Note, l.OwnerID, string(l.Status), nullStr(l.RoutedRuleID),
		l.RoutedBy, ts(now), ts(now)); err != nil {
		return fmt.Errorf("create lead: %w", err)
	}
	var err error
	if l.OwnerName, err = ownerNameOf(ctx, tx, l.OwnerID); err != nil {
		return err
	}
	return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityLead, l.ID, model.Diff(nil, leadAudit(*l)))
}

// routeLead sets the lead's owner by the active routing rules (over active
// users only: inactive team members are skipped, a rule whose seller is
// inactive does not fire), records the rule and moves a team rule's turn.
// No rule firing gives the lead to the creator.
func (ss *Session) routeLead(ctx context.Context, tx *sql.Tx, actor model.User, l *model.Lead) error {
	rules, err := loadRoutingRules(ctx, tx, true)
	if err != nil {
		return err
	}
	active := map[string]bool{}
	ids, err := queryAll(ctx, tx, "active users", `SELECT id FROM users WHERE active = 1 AND deleted_at IS NULL`,
		func(sc scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		})
	if err != nil {
		return err
	}
	for _, id := range ids {
		active[id] = true
	}
	teamLen := map[string]int{}
	for i := range rules {
		r := &rules[i]
		var team []string
		for _, id := range r.Team {
			if active[id] {
				team = append(team, id)
			}
		}
		r.Team = team
		teamLen[r.ID] = len(team)
		if !active[r.UserID] {
			r.UserID = ""
		}
	}
	res, ok := model.RouteLead(rules, *l)
	if !ok {
		if actor.ID == System.ID {
			return model.ValidationErrors{{Field: "owner", Msg: "valid.owner"}}
		}
		l.OwnerID, l.RoutedRuleID, l.RoutedBy = actor.ID, "", ""
		return nil
	}
	l.OwnerID, l.RoutedRuleID, l.RoutedBy = res.UserID, res.RuleID, res.By
	if teamLen[res.RuleID] > 0 {
		// The turn is the rule's state, not an edit of it: no new version.
		if _, err := tx.ExecContext(ctx, `UPDATE routing_rules SET rr_next = ? WHERE id = ?`, res.NextRR, res.RuleID); err != nil {
			return fmt.Errorf("routing rule turn: %w", err)
		}
	}
	return nil
}

// DisqualifyLead implements model.PipelineService.
func (ss *Session) DisqualifyLead(ctx context.Context, id string, version int64, reason string) (model.Lead, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return model.Lead{}, model.ValidationErrors{{Field: "reason", Msg: model.MsgRequired}}
	}
	var l model.Lead
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityLead, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadLead(ctx, tx, actor, model.ActUpdate, id)
		if err != nil {
			return err
		}
		if old.Status == model.LeadConverted {
			return fmt.Errorf("lead %d: %w", old.Num, model.ErrConverted)
		}
		now := ss.s.now()
		res, err := tx.ExecContext(ctx, `UPDATE leads SET status = 'disqualified', disqualify_reason = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, reason, ts(now), id, version)
		if err := staleCheck(res, err, "lead", id, version); err != nil {
			return err
		}
		l = old
		l.Status, l.DisqualifyReason, l.Version, l.Updated = model.LeadDisqualified, reason, version+1, now
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityLead, id, model.Diff(leadAudit(old), leadAudit(l)))
	})
	return l, err
}

// ConvertLead implements model.PipelineService: in one transaction, a
// customer made from the lead the way CreateCustomer makes one (or the
// customer given), a contact with the lead's person, the lead's note as a
// timeline entry, a deal (unless NoDeal), the lead's open activities moved
// to the customer and the deal, and the lead marked converted with the links.
func (ss *Session) ConvertLead(ctx context.Context, c model.LeadConversion) (model.LeadConvertResult, error) {
	var out model.LeadConvertResult
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityLead, model.ActUpdate)
		if err != nil {
			return err
		}
		l, err := loadLead(ctx, tx, actor, model.ActUpdate, c.LeadID)
		if err != nil {
			return err
		}
		if l.Status == model.LeadConverted {
			return fmt.Errorf("lead %d: %w", l.Num, model.ErrConverted)
		}
		if l.Version != c.Version {
			return model.StaleError("lead", l.ID, c.Version)
		}
		old := l
		newCustomer := c.CustomerID == ""
		if newCustomer {
			if l.CustomerID, err = ss.customerFromLead(ctx, tx, actor, l); err != nil {
				return err
			}
		} else {
			if !model.Can(actor.Role, model.EntityCustomer, model.ActUpdate) {
				return fmt.Errorf("convert lead as %s: %w", actor.Role, model.ErrForbidden)
			}
			if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, c.CustomerID); err != nil {
				if errors.Is(err, model.ErrNotFound) {
					return model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
				}
				return err
			}
			l.CustomerID = c.CustomerID
		}
		if strings.TrimSpace(l.Name) != "" {
			ct := model.Contact{CustomerID: l.CustomerID, Name: l.Name, Position: l.Position, Primary: newCustomer}
			if l.Phone != "" {
				ct.Phones = []string{l.Phone}
			}
			if l.Email != "" {
				ct.Emails = []string{l.Email}
			}
			ct = ct.Normalize()
			if err := ct.Validate(); err != nil {
				return err
			}
			if ct, err = ss.s.writeContact(ctx, tx, actor, ct, model.Contact{}); err != nil {
				return err
			}
			l.ContactID = ct.ID
		}
		if l.Note != "" {
			at := l.Created
			if at.IsZero() {
				at = ss.s.now()
			}
			if _, err := ss.s.insertInteraction(ctx, tx, actor, model.Interaction{CustomerID: l.CustomerID, ContactID: l.ContactID,
				Kind: model.InteractionNote, At: at, Text: l.Note}); err != nil {
				return err
			}
		}
		var deal model.Deal
		if !c.NoDeal {
			if deal, err = ss.dealFromLead(ctx, tx, actor, l, c); err != nil {
				return err
			}
			l.DealID = deal.ID
		}
		now := ss.s.now()
		// The lead's open activities now belong to the customer and the deal.
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET customer_id = coalesce(customer_id, ?),
			contact_id = CASE WHEN customer_id IS NULL THEN ? ELSE contact_id END,
			stage_id = CASE WHEN deal_id IS NULL THEN ? ELSE stage_id END, deal_id = coalesce(deal_id, ?), updated_at = ?, version = version + 1
			WHERE lead_id = ? AND done_at IS NULL AND deleted_at IS NULL`,
			l.CustomerID, nullStr(l.ContactID), nullStr(deal.StageID), nullStr(deal.ID), ts(now), l.ID); err != nil {
			return fmt.Errorf("move the lead's activities: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE leads SET status = 'converted', customer_id = ?, contact_id = ?, deal_id = ?, converted_at = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			l.CustomerID, nullStr(l.ContactID), nullStr(l.DealID), ts(now), ts(now), l.ID, l.Version)
		if err := staleCheck(res, err, "lead", l.ID, l.Version); err != nil {
			return err
		}
		l.Status, l.ConvertedAt, l.Updated, l.Version = model.LeadConverted, now, now, l.Version+1
		out = model.LeadConvertResult{Lead: l, CustomerID: l.CustomerID, ContactID: l.ContactID, Deal: deal}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityLead, l.ID, model.Diff(leadAudit(old), leadAudit(l)))
	})
	return out, err
}

// customerFromLead creates the lead's customer through the path
// CreateCustomer takes (normalised, validated, owner and references checked,
// then insertCustomer: search document, search index, audit).
func (ss *Session) customerFromLead(ctx context.Context, tx *sql.Tx, actor model.User, l model.Lead) (string, error) {
	if !model.Can(actor.Role, model.EntityCustomer, model.ActCreate) {
		return "", fmt.Errorf("create customer as %s: %w", actor.Role, model.ErrForbidden)
	}
	cu := model.Customer{Kind: model.CustomerCompany, Name: l.Company, INN: l.INN, RegionCode: l.RegionCode, Segment: l.Segment,
		LeadSource: l.Source, OwnerID: l.OwnerID}
	if strings.TrimSpace(l.Company) == "" {
		cu.Kind, cu.Name, cu.Phone, cu.Email = model.CustomerPerson, l.Name, l.Phone, l.Email
	}
	cu = cu.Normalize()
	if err := cu.Validate(); err != nil {
		return "", err
	}
	if err := checkOwner(ctx, tx, actor, cu.OwnerID); err != nil {
		return "", err
	}
	if err := checkRefs(ctx, tx, cu); err != nil {
		return "", err
	}
	cu, err := ss.s.insertCustomer(ctx, tx, actor, cu)
	return cu.ID, err
}

// dealFromLead makes the converted lead's deal by insertDeal, as SaveDeal
// makes a new one.
func (ss *Session) dealFromLead(ctx context.Context, tx *sql.Tx, actor model.User, l model.Lead, c model.LeadConversion) (model.Deal, error) {
	cur := c.Currency
	if cur == "" {
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return model.Deal{}, err
		}
		cur = tax.BaseCurrency
	}
	title := strings.TrimSpace(c.DealTitle)
	if title == "" {
		title = l.DisplayName()
	}
	d := model.Deal{CustomerID: l.CustomerID, ContactID: l.ContactID, Title: title, PipelineID: c.PipelineID, Currency: cur,
		Amount: c.Amount, AmountManual: c.Amount > 0, ExpectedClose: c.Expected, LeadSource: l.Source, OwnerID: l.OwnerID, LeadID: l.ID}
	return ss.insertDeal(ctx, tx, actor, d)
}

const routingCols = `id, name, sort, field, value, coalesce(user_id, ''), team, rr_next, active, version`

func scanRoutingRule(sc scanner) (model.RoutingRule, error) {
	var r model.RoutingRule
	var field, team string
	if err := sc.Scan(&r.ID, &r.Name, &r.Sort, &field, &r.Value, &r.UserID, &team, &r.RRNext, &r.Active, &r.Version); err != nil {
		return r, err
	}
	r.Field = model.RoutingField(field)
	if err := json.Unmarshal([]byte(team), &r.Team); err != nil {
		return r, fmt.Errorf("routing rule %s team: %w", r.ID, err)
	}
	return r, nil
}

func loadRoutingRules(ctx context.Context, q queryer, activeOnly bool) ([]model.RoutingRule, error) {
	where := `deleted_at IS NULL`
	if activeOnly {
		where += ` AND active = 1`
	}
	return queryAll(ctx, q, "routing rules", `SELECT `+routingCols+` FROM routing_rules WHERE `+where+` ORDER BY sort, name, id`, scanRoutingRule)
}

// RoutingRules implements model.PipelineService.
func (ss *Session) RoutingRules(ctx context.Context) ([]model.RoutingRule, error) {
	if _, err := ss.reader(ctx, model.EntityRouting); err != nil {
		return nil, fmt.Errorf("routing rules: %w", err)
	}
	return loadRoutingRules(ctx, ss.s.r, false)
}

func routingAudit(r model.RoutingRule) map[string]string {
	return map[string]string{"name": r.Name, "sort": fmt.Sprint(r.Sort), "field": string(r.Field), "value": r.Value,
		"user_id": r.UserID, "team": strings.Join(r.Team, ","), "active": fmt.Sprint(r.Active)}
}

// SaveRoutingRule implements model.PipelineService.
func (ss *Session) SaveRoutingRule(ctx context.Context, r model.RoutingRule) (model.RoutingRule, error) {
	r.Name, r.Value = strings.TrimSpace(r.Name), strings.TrimSpace(r.Value)
	if r.Field == model.RouteAny {
		r.Value = ""
	}
	var team []string
	seen := map[string]bool{}
	for _, id := range r.Team {
		if id != "" && !seen[id] {
			seen[id] = true
			team = append(team, id)
		}
	}
	r.Team = team
	if err := r.Validate().Err(); err != nil {
		return r, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if r.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityRouting, act)
		if err != nil {
			return err
		}
		for _, id := range append([]string{r.UserID}, r.Team...) {
			if id == "" {
				continue
			}
			if _, err := findUser(ctx, tx, "id = ? AND active = 1", id); err != nil {
				return model.ValidationErrors{{Field: "user", Msg: "valid.owner"}}
			}
		}
		js, _ := json.Marshal(r.Team)
		if r.Team == nil {
			js = []byte("[]")
		}
		now := ts(ss.s.now())
		if r.ID == "" {
			if r.Sort == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(sort), 0) + 1 FROM routing_rules WHERE deleted_at IS NULL`).Scan(&r.Sort); err != nil {
					return err
				}
			}
			r.ID, r.Version, r.RRNext = ss.s.newID(), 1, 0
			if _, err := tx.ExecContext(ctx, `INSERT INTO routing_rules (id, name, sort, field, value, value_fold, user_id, team, active,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Name, r.Sort, string(r.Field), r.Value,
				model.FoldText(r.Value), nullStr(r.UserID), string(js), boolInt(r.Active), now, now); err != nil {
				return fmt.Errorf("create routing rule: %w", err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityRouting, r.ID, model.Diff(nil, routingAudit(r)))
		}
		olds, err := queryAll(ctx, tx, "routing rule", `SELECT `+routingCols+` FROM routing_rules WHERE id = ? AND deleted_at IS NULL`,
			scanRoutingRule, r.ID)
		if err != nil {
			return err
		}
		if len(olds) == 0 {
			return fmt.Errorf("routing rule %s: %w", r.ID, model.ErrNotFound)
		}
		old := olds[0]
		res, err := tx.ExecContext(ctx, `UPDATE routing_rules SET name = ?, sort = ?, field = ?, value = ?, value_fold = ?, user_id = ?,
			team = ?, active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			r.Name, r.Sort, string(r.Field), r.Value, model.FoldText(r.Value), nullStr(r.UserID), string(js), boolInt(r.Active), now,
			r.ID, r.Version)
		if err := staleCheck(res, err, "routing rule", r.ID, r.Version); err != nil {
			return err
		}
		r.Version, r.RRNext = r.Version+1, old.RRNext
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityRouting, r.ID, model.Diff(routingAudit(old), routingAudit(r)))
	})
	return r, err
}

// DeleteRoutingRule implements model.PipelineService (soft delete: leads
// keep the rule that routed them).
func (ss *Session) DeleteRoutingRule(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityRouting, model.ActDelete)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		res, err := tx.ExecContext(ctx, `UPDATE routing_rules SET deleted_at = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, now, now, id, version)
		if err := staleCheck(res, err, "routing rule", id, version); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityRouting, id, nil)
	})
}
