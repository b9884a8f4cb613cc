package repo

import (
	"context"
	"fmt"
	"os"

	"sdelka/model"
)

// Problem is one thing `sdelkactl check` found wrong, and where.
type Problem struct {
	Where string
	What  string
}

func (p Problem) String() string { return p.Where + ": " + p.What }

// Check verifies the whole database: SQLite's integrity_check, foreign keys,
// the audit chain, the business invariants and that every stock balance is
// the sum of its movements. It only reads.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	var probs []Problem
	rows, err := s.r.QueryContext(ctx, `PRAGMA integrity_check(100)`)
	if err != nil {
		return nil, fmt.Errorf("integrity check: %w", mapErr(err))
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			probs = append(probs, Problem{"database file", msg})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, fmt.Errorf("foreign key check: %w", mapErr(err))
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return nil, err
		}
		probs = append(probs, Problem{fmt.Sprintf("%s row %v", table, rowid), "refers to a missing " + parent + " record"})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ap, err := s.checkAudit(ctx)
	if err != nil {
		return nil, err
	}
	probs = append(probs, ap...)
	inv, err := s.checkInvariants(ctx)
	if err != nil {
		return nil, err
	}
	probs = append(probs, inv...)
	sp, err := s.checkStock(ctx)
	if err != nil {
		return nil, err
	}
	return append(probs, sp...), nil
}

func (s *Store) checkAudit(ctx context.Context) ([]Problem, error) {
	seq, hash, err := auditHead(ctx, s.r)
	if err != nil {
		return []Problem{{"audit log", err.Error()}}, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", mapErr(err))
	}
	defer rows.Close()
	var entries []model.AuditEntry
	var probs []Problem
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			probs = append(probs, Problem{fmt.Sprintf("audit entry %d", e.Seq), err.Error()})
			continue
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, p := range model.VerifyAuditChain(entries, seq, hash) {
		probs = append(probs, Problem{fmt.Sprintf("audit entry %d", p.Seq), p.Msg})
	}
	return probs, nil
}

// invariants are queries that must return no rows; each returns (where, what).
var invariants = []struct{ name, query string }{
	{"users", `SELECT 'user ' || login, 'unknown role ' || role FROM users WHERE role NOT IN ('admin','head','seller','accountant')`},
	{"users", `SELECT 'users', 'no active administrator: nobody can manage users'
		WHERE EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1 AND deleted_at IS NULL)`},
	{"users", `SELECT 'user ' || login, 'updated before it was created' FROM users WHERE updated_at < created_at`},
	{"customers", `SELECT 'customer ' || id, 'updated before it was created' FROM customers WHERE updated_at < created_at`},
	{"customers", `SELECT 'customer ' || id, 'owned by a deleted user' FROM customers c
		WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = c.owner_id AND u.deleted_at IS NOT NULL)`},
	{"shares", `SELECT 'share of ' || entity || ' ' || entity_id, 'the record does not exist'
		FROM shares s WHERE s.entity = 'customer' AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.entity_id)`},
	{"company", `SELECT 'company', 'more than one company row' WHERE (SELECT count(*) FROM company WHERE deleted_at IS NULL) > 1`},
	// Sales documents (schema v4).
	{"documents", `SELECT d.kind || ' ' || coalesce(d.number, d.id), 'totals differ from the sum of its lines'
		FROM documents d JOIN (SELECT doc_id, sum(net) n, sum(vat) v, sum(gross) g, count(*) c FROM document_lines GROUP BY doc_id) l
		ON l.doc_id = coalesce(d.lines_of, d.id)
		WHERE d.kind IN ('quote', 'order', 'invoice', 'waybill', 'credit_note') AND (l.n <> d.net OR l.v <> d.vat OR l.g <> d.gross OR l.c <> d.lines_count)`},
	{"documents", `SELECT 'invoice ' || d.number, 'paid ' || d.paid || ' but allocations sum to ' || coalesce(a.s, 0)
		FROM documents d LEFT JOIN (SELECT invoice_id, sum(amount) s FROM allocations GROUP BY invoice_id) a ON a.invoice_id = d.id
		WHERE d.kind = 'invoice' AND d.paid <> coalesce(a.s, 0)`},
	{"documents", `SELECT 'invoice ' || d.number, 'credited ' || d.credited || ' but its credit notes sum to ' || coalesce(c.s, 0)
		FROM documents d LEFT JOIN (SELECT base_id, sum(gross) s FROM documents WHERE kind = 'credit_note' AND status = 'posted' GROUP BY base_id) c
		ON c.base_id = d.id WHERE d.kind = 'invoice' AND d.credited <> coalesce(c.s, 0)`},
	{"documents", `SELECT 'invoice ' || d.number, 'paid more than is due' FROM documents d
		WHERE d.kind = 'invoice' AND d.paid > d.gross AND d.credited = 0`},
	{"payments", `SELECT 'payment ' || p.num, 'allocated ' || p.allocated || ' but allocations sum to ' || coalesce(a.s, 0)
		FROM payments p LEFT JOIN (SELECT payment_id, sum(amount) s FROM allocations GROUP BY payment_id) a ON a.payment_id = p.id
		WHERE p.allocated <> coalesce(a.s, 0)`},
	{"payments", `SELECT 'allocation of payment ' || p.num, 'to an invoice of another customer'
		FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN documents d ON d.id = a.invoice_id
		WHERE d.customer_id <> p.customer_id OR d.kind <> 'invoice'`},
	{"series", `SELECT 'series ' || c.kind, 'counters give ' || c.s || ' numbers but ' || coalesce(n.c, 0) || ' documents are numbered'
		FROM (SELECT kind, sum(last) s FROM series_counters GROUP BY kind) c
		LEFT JOIN (SELECT kind, count(*) c FROM documents WHERE number IS NOT NULL GROUP BY kind) n ON n.kind = c.kind
		WHERE c.s <> coalesce(n.c, 0)`},
	// The sales pipeline (schema v5).
	{"deals", `SELECT 'deal ' || d.num, 'no record of its current stage (responsible, due date)' FROM deals d
		WHERE d.status = 'open' AND d.deleted_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM deal_stages s WHERE s.deal_id = d.id AND s.stage_id = d.stage_id)`},
	{"deals", `SELECT 'deal ' || d.num, 'amount ' || d.amount || ' but its lines sum to ' || l.g
		FROM deals d JOIN (SELECT deal_id, sum(gross) g FROM deal_lines GROUP BY deal_id) l ON l.deal_id = d.id
		WHERE d.amount_manual = 0 AND d.amount <> l.g`},
	{"deals", `SELECT 'deal ' || d.num, 'its stage history does not end in its stage' FROM deals d
		WHERE d.deleted_at IS NULL AND coalesce((SELECT h.to_stage_id FROM deal_stage_history h WHERE h.deal_id = d.id
		ORDER BY h.at DESC, h.rowid DESC LIMIT 1), '') <> d.stage_id`},
	{"deals", `SELECT 'deal ' || d.num, 'the copy of the current stage responsible or due date on the deal differs from the stage record'
		FROM deals d LEFT JOIN deal_stages s ON s.deal_id = d.id AND s.stage_id = d.stage_id
		WHERE d.responsible_id IS NOT s.responsible_id OR d.stage_due IS NOT s.due_date`},
	{"deals", `SELECT 'deal ' || d.num, 'the customer name on the deal is not its customer''s'
		FROM deals d JOIN customers c ON c.id = d.customer_id WHERE d.customer_name IS NOT coalesce(nullif(c.short_name, ''), c.name)`},
	{"deals", `SELECT 'deal ' || d.num, 'its stage is of another pipeline or does not match its status ' || d.status
		FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id
		WHERE s.pipeline_id <> d.pipeline_id OR s.kind <> d.status`},
}

func (s *Store) checkInvariants(ctx context.Context) ([]Problem, error) {
	var probs []Problem
	for _, inv := range invariants {
		rows, err := s.r.QueryContext(ctx, inv.query)
		if err != nil {
			return nil, fmt.Errorf("invariant on %s: %w", inv.name, mapErr(err))
		}
		for rows.Next() {
			var p Problem
			if err := rows.Scan(&p.Where, &p.What); err != nil {
				rows.Close()
				return nil, err
			}
			probs = append(probs, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// A fold must match the Go normalisation exactly (SQLite cannot fold Cyrillic).
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, name_fold FROM customers`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name, fold string
		if err := rows.Scan(&id, &name, &fold); err != nil {
			return nil, err
		}
		if model.FoldText(name) != fold {
			probs = append(probs, Problem{"customer " + id, "search key does not match the name"})
		}
	}
	return probs, rows.Err()
}

// WALBytes reports the size of the database's write-ahead log; a cleanly
// closed database has none.
func WALBytes(dbPath string) int64 {
	st, err := os.Stat(dbPath + "-wal")
	if err != nil {
		return 0
	}
	return st.Size()
}
