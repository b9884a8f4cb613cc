package repo

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"sdelka/model"
)

// searchCandidates bounds how many prefix matches are ranked: a common
// three-letter prefix matches a tenth of a million-row base, and sorting all
// of them would cost hundreds of milliseconds.
const searchCandidates = 200

// SearchCustomers implements model.CustomerService. Exact INN and phone hits
// come from direct index lookups; prefix hits from the FTS index in rowid
// order, then ranked in Go among at most searchCandidates: names starting
// with the query first, then by name.
func (ss *Session) SearchCustomers(ctx context.Context, query string, limit int) ([]model.SearchHit, error) {
	terms := model.SearchTerms(query)
	prefix := model.NamePrefix(query)
	if len(terms) == 0 && prefix == "" {
		return nil, nil
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, err
	}
	vis, vargs := visibility(u, model.EntityCustomer, model.ActRead, "c")
	live := ` AND c.deleted_at IS NULL AND ` + vis
	var hits []model.SearchHit
	seen := map[string]bool{}
	add := func(cs []model.Customer, exact bool) {
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				hits = append(hits, model.SearchHit{Customer: c, Exact: exact})
			}
		}
	}
	if d := model.DigitsOnly(query); len(terms) == 1 && d == terms[0] {
		if len(d) == 10 || len(d) == 12 {
			cs, err := queryCustomers(ctx, ss.s.r, `SELECT `+customerCols+customerFrom+` WHERE c.id IN (`+byINN+`)`+live+` LIMIT ?`,
				append(append([]any{d}, vargs...), limit)...)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			add(cs, true)
		}
		if n := model.NormalizePhone(query); len(n) >= 10 {
			cs, err := queryCustomers(ctx, ss.s.r, `SELECT `+customerCols+customerFrom+` WHERE c.id IN (`+byPhone+`)`+live+` LIMIT ?`,
				append(append([]any{n, n}, vargs...), limit)...)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			add(cs, true)
		}
	}
	var cs []model.Customer
	if prefix != "" {
		// A legal form or one letter: names starting with it, by name.
		cs, err = queryCustomers(ctx, ss.s.r, `SELECT `+customerCols+customerFrom+` WHERE c.name_fold >= ? AND c.name_fold < ?`+live+
			` ORDER BY c.name_fold, c.id LIMIT ?`, append(append([]any{prefix, prefix + "\uffff"}, vargs...), limit)...)
	} else {
		cs, err = queryCustomers(ctx, ss.s.r, `SELECT `+customerCols+customerFrom+` WHERE c.num IN
			(SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)`+live,
			append([]any{model.FTSQuery(terms), searchCandidates}, vargs...)...)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if prefix != "" {
		terms = []string{prefix}
	}
	q := strings.Join(terms, " ")
	sort.SliceStable(cs, func(i, j int) bool {
		pi, pj := strings.HasPrefix(model.FoldText(cs[i].Name), q), strings.HasPrefix(model.FoldText(cs[j].Name), q)
		if pi != pj {
			return pi
		}
		return model.FoldText(cs[i].Name) < model.FoldText(cs[j].Name)
	})
	add(cs, false)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, ss.markContactHits(ctx, hits, terms)
}

// markContactHits names the contact person a hit matched by, when the
// customer's own name does not match every term.
func (ss *Session) markContactHits(ctx context.Context, hits []model.SearchHit, terms []string) error {
	var ids []string
	for _, h := range hits {
		if !matchesAll(h.Customer.Name+" "+h.Customer.ShortName, terms) {
			ids = append(ids, h.Customer.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	contacts, err := loadContacts(ctx, ss.s.r, ids)
	if err != nil {
		return err
	}
	for i, h := range hits {
		for _, c := range contacts[h.Customer.ID] {
			if matchesAll(c.Name+" "+strings.Join(c.Emails, " "), terms) {
				hits[i].Contact = c.Name
				break
			}
		}
	}
	return nil
}

// matchesAll reports whether every term is a prefix of some word of text.
func matchesAll(text string, terms []string) bool {
	words := strings.FieldsFunc(model.FoldText(text), func(r rune) bool { return !isWordRune(r) })
	for _, t := range terms {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, t) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127 && !strings.ContainsRune("«»—–“”„", r)
}
