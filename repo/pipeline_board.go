package repo

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"sdelka/model"
)

// The board and the list of deals.

// boardClosedLimit is how many of the newest won (and lost) deals the board
// shows; the columns' count and sums cover all of them.
const boardClosedLimit = 200

// cardCols are read from the covering index deals_board alone (the
// customer's name is kept on the deal by triggers);
// the responsible's name comes from the users read once (names), not from a
// join per card.
const cardCols = `dl.id, dl.num, dl.title, dl.customer_name, dl.amount, dl.currency, dl.amount_base,
	dl.probability_bp, dl.owner_id, coalesce(dl.responsible_id, ''), dl.stage_entered_at,
	coalesce(dl.stage_due, ''), dl.approval, dl.stage_id, dl.version`

const cardFrom = ` FROM deals dl`

func scanCard(sc scanner, names map[string]string, extra ...any) (model.DealCard, error) {
	var c model.DealCard
	var entered sql.NullString
	var due, approval string
	err := sc.Scan(append([]any{&c.ID, &c.Num, &c.Title, &c.CustomerName, &c.Amount, &c.Currency, &c.AmountBase, &c.ProbabilityBP, &c.OwnerID,
		&c.ResponsibleID, &entered, &due, &approval, &c.StageID, &c.Version}, extra...)...)
	c.StageEntered, c.StageDue, c.Approval = parseTS(entered), parseDateOnly(due), model.ApprovalState(approval)
	c.ResponsibleName = names[c.ResponsibleID]
	return c, err
}

// userNames maps every user's ID to the full name (a few dozen rows).
func userNames(ctx context.Context, q queryer) (map[string]string, error) {
	return pairMap(ctx, q, `SELECT id, full_name FROM users`)
}

// boardSQL is the board's queries for a filter as a user sees it (also
// for EXPLAIN QUERY PLAN in tests): the open deals, the closed columns'
// totals, and the newest boardClosedLimit won and lost deals, each with its
// arguments.
type boardSQL struct {
	open, totals, closed             string
	openArgs, totalsArgs, closedArgs []any
}

func boardQueries(u model.User, pipelineID string, f model.BoardFilter) boardSQL {
	vis, vargs := dealVisibility(u, model.ActRead)
	where := `dl.pipeline_id = ? AND dl.deleted_at IS NULL AND ` + vis
	args := append([]any{pipelineID}, vargs...)
	if f.OwnerID != "" {
		where += ` AND dl.owner_id = ?`
		args = append(args, f.OwnerID)
	}
	var q boardSQL
	openWhere, openArgs := where, append([]any(nil), args...)
	if !f.From.IsZero() {
		openWhere += ` AND (dl.expected_close IS NULL OR dl.expected_close >= ?)`
		openArgs = append(openArgs, dateOnly(f.From))
	}
	if !f.To.IsZero() {
		openWhere += ` AND (dl.expected_close IS NULL OR dl.expected_close < ?)`
		openArgs = append(openArgs, dateOnly(f.To))
	}
	// Longest in the stage first: the order of deals_board, no sorting.
	q.open = `SELECT ` + cardCols + cardFrom + ` WHERE dl.status = 'open' AND ` + openWhere +
		` ORDER BY dl.stage_id, dl.stage_entered_at, dl.num`
	q.openArgs = openArgs
	closedWhere, closedArgs := where, append([]any(nil), args...)
	if !f.From.IsZero() {
		closedWhere += ` AND dl.closed_at >= ?`
		closedArgs = append(closedArgs, ts(f.From))
	}
	if !f.To.IsZero() {
		closedWhere += ` AND dl.closed_at < ?`
		closedArgs = append(closedArgs, ts(f.To))
	}
	// Both from deals_closed: the totals from the index alone, the newest
	// of each column by walking it backwards.
	q.totals = `SELECT dl.status, count(*), coalesce(sum(dl.amount_base), 0) FROM deals dl
		WHERE dl.status IN ('won', 'lost') AND ` + closedWhere + ` GROUP BY dl.status`
	q.totalsArgs = closedArgs
	newest := func(status string) string {
		return `SELECT * FROM (SELECT ` + cardCols + cardFrom + ` WHERE dl.status = '` + status + `' AND ` + closedWhere +
			` ORDER BY dl.closed_at DESC, dl.num DESC LIMIT ` + strconv.Itoa(boardClosedLimit) + `)`
	}
	q.closed = newest("won") + ` UNION ALL ` + newest("lost")
	q.closedArgs = append(append([]any(nil), closedArgs...), closedArgs...)
	return q
}

// Board implements model.PipelineService: one query for the open deals of
// the pipeline, one for the newest won and lost deals of the period with
// the totals of all of them; model.BuildBoard lays them out.
func (ss *Session) Board(ctx context.Context, f model.BoardFilter) (model.Board, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return model.Board{}, fmt.Errorf("board: %w", err)
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return model.Board{}, mapErr(err)
	}
	defer tx.Rollback()
	p, err := loadPipeline(ctx, tx, f.PipelineID)
	if err != nil {
		return model.Board{}, err
	}
	tax, err := loadTaxSettings(ctx, tx)
	if err != nil {
		return model.Board{}, err
	}
	q := boardQueries(u, p.ID, f)
	names, err := userNames(ctx, tx)
	if err != nil {
		return model.Board{}, err
	}
	// Sized by the last board read (the 10,000 cards would otherwise be
	// copied as the slice grows; counting them first costs a second scan).
	cards := make([]model.DealCard, 0, ss.s.boardHint.Load()+2*boardClosedLimit)
	rows, err := tx.QueryContext(ctx, q.open, q.openArgs...)
	if err != nil {
		return model.Board{}, fmt.Errorf("board: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCard(rows, names)
		if err != nil {
			return model.Board{}, fmt.Errorf("board: %w", err)
		}
		cards = append(cards, c)
	}
	if err := rows.Err(); err != nil {
		return model.Board{}, fmt.Errorf("board: %w", err)
	}
	type total struct {
		n int
		s model.Money
	}
	totals := map[model.DealStatus]total{}
	trows, err := tx.QueryContext(ctx, q.totals, q.totalsArgs...)
	if err != nil {
		return model.Board{}, fmt.Errorf("board totals: %w", mapErr(err))
	}
	defer trows.Close()
	for trows.Next() {
		var st string
		var t total
		if err := trows.Scan(&st, &t.n, &t.s); err != nil {
			return model.Board{}, fmt.Errorf("board totals: %w", err)
		}
		totals[model.DealStatus(st)] = t
	}
	if err := trows.Err(); err != nil {
		return model.Board{}, fmt.Errorf("board totals: %w", err)
	}
	closedCards, err := queryAll(ctx, tx, "board closed", q.closed, func(sc scanner) (model.DealCard, error) {
		return scanCard(sc, names)
	}, q.closedArgs...)
	if err != nil {
		return model.Board{}, err
	}
	ss.s.boardHint.Store(int64(len(cards)))
	if len(closedCards) > 0 {
		cards = append(cards, closedCards...)
	}
	b := model.BuildBoard(p, cards, ss.s.now())
	b.Base = tax.BaseCurrency
	for i := range b.Columns {
		col := &b.Columns[i]
		if t, ok := totals[model.StatusOfStage(col.Stage.Kind)]; ok && col.Stage.Kind != model.StageOpen {
			col.Count, col.Sum = t.n, t.s
			col.Weighted = model.Weighted(t.s, model.DealProbability(model.Deal{}, col.Stage))
		}
	}
	return b, nil
}

// dealSortColumn is the column behind each list order.
func dealSortColumn(s model.DealSort) string {
	switch s {
	case model.DealSortTitle:
		return "dl.title_fold"
	case model.DealSortCustomer:
		return "c.name_fold"
	case model.DealSortAmount:
		return "dl.amount_base"
	case model.DealSortExpectedClose:
		return "coalesce(dl.expected_close, '9999')"
	case model.DealSortStage:
		return "ps.sort"
	}
	return "dl.updated_at"
}

// dealWhere builds the condition shared by FindDeals and CountDeals.
func (ss *Session) dealWhere(u model.User, f model.DealFilter) (string, []any) {
	vis, args := dealVisibility(u, model.ActRead)
	where := []string{"dl.deleted_at IS NULL", vis}
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("dl.pipeline_id", f.PipelineID)
	eq("dl.stage_id", f.StageID)
	eq("dl.status", string(f.Status))
	eq("dl.owner_id", f.OwnerID)
	eq("dl.customer_id", f.CustomerID)
	if q := model.FoldText(strings.TrimSpace(f.Query)); q != "" {
		where = append(where, "(instr(dl.title_fold, ?) > 0 OR instr(c.name_fold, ?) > 0)")
		args = append(args, q, q)
	}
	if !f.From.IsZero() {
		where = append(where, "dl.created_at >= ?")
		args = append(args, ts(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "dl.created_at < ?")
		args = append(args, ts(f.To))
	}
	if f.Overdue {
		where = append(where, `dl.status = 'open' AND dl.stage_due < ?`)
		args = append(args, dateOnly(ss.s.today()))
	}
	if f.NeedsApproval {
		where = append(where, "dl.approval = 'pending'")
	}
	return strings.Join(where, " AND "), args
}

// FindDeals implements model.PipelineService: one page in the filter's
// order (OFFSET paging).
func (ss *Session) FindDeals(ctx context.Context, f model.DealFilter) ([]model.Deal, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return nil, fmt.Errorf("find deals: %w", err)
	}
	where, args := ss.dealWhere(u, f)
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	q := `SELECT ` + dealCols + dealFrom + ` WHERE ` + where + ` ORDER BY ` + dealSortColumn(f.Sort) + dir + `, dl.num` + dir + ` LIMIT ?`
	args = append(args, model.PageLimit(f.Limit))
	if f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	return queryAll(ctx, ss.s.r, "deals", q, scanDeal, args...)
}

// CountDeals implements model.PipelineService.
func (ss *Session) CountDeals(ctx context.Context, f model.DealFilter) (int, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return 0, fmt.Errorf("count deals: %w", err)
	}
	where, args := ss.dealWhere(u, f)
	var n int
	err = ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM deals dl JOIN customers c ON c.id = dl.customer_id WHERE `+where, args...).Scan(&n)
	return n, mapErr(err)
}
