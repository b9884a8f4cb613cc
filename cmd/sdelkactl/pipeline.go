package main

import (
	"context"
	"fmt"

	"sdelka/model"
	"sdelka/repo"
)

// The sales pipeline's bench operations (issue 6): the board of the
// default pipeline with at least 10,000 open deals, moving a card, and
// cross-selling suggestions for a deal.

// boardDeals is how many open deals pipeline.board10k wants on the board.
const boardDeals = 10_000

// pipelineOps is what the pipeline operations call: the head's
// PipelineService (or the session itself while Services does not offer it).
type pipelineOps interface {
	Pipelines(ctx context.Context) ([]model.Pipeline, error)
	Board(ctx context.Context, f model.BoardFilter) (model.Board, error)
	FindDeals(ctx context.Context, f model.DealFilter) ([]model.Deal, error)
	MoveDeal(ctx context.Context, req model.MoveRequest) (model.Deal, error)
	CrossSell(ctx context.Context, dealID string, limit int) ([]model.Suggestion, model.CrossSellInfo, error)
}

func (b *benchEnv) pipeline() pipelineOps {
	if b.head.Pipeline != nil {
		return b.head.Pipeline
	}
	return b.store.Session(b.head.User)
}

// benchBoard makes sure the default pipeline has boardDeals open deals:
// a smaller base gets generated ones added (to the bench copy).
func benchBoard(ctx context.Context, b *benchEnv, _ int) error {
	board, err := b.pipeline().Board(ctx, model.BoardFilter{})
	if err != nil {
		return err
	}
	if n, _, _ := model.BoardTotals(board); n < boardDeals {
		if err := b.store.DemoOpenDeals(ctx, 1, boardDeals-n); err != nil {
			return fmt.Errorf("add %d open deals: %w", boardDeals-n, err)
		}
	}
	return nil
}

// benchBoardRun loads the board of the default pipeline.
func benchBoardRun(ctx context.Context, b *benchEnv, _ int) error {
	board, err := b.pipeline().Board(ctx, model.BoardFilter{})
	if err != nil {
		return err
	}
	if n, _, _ := model.BoardTotals(board); n < boardDeals {
		return fmt.Errorf("the board shows %d open deals, want %d", n, boardDeals)
	}
	return nil
}

// benchMoves picks open deals of the default pipeline that have a next
// open stage, for pipeline.move.
func benchMoves(ctx context.Context, b *benchEnv, runs int) error {
	if b.head.User.ID == repo.System.ID {
		return errSkip // a move is recorded as a real user's
	}
	ps, err := b.pipeline().Pipelines(ctx)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return errSkip
	}
	b.pipe = ps[0]
	deals, err := b.pipeline().FindDeals(ctx, model.DealFilter{PipelineID: b.pipe.ID, Status: model.DealOpen, Limit: 1000})
	if err != nil {
		return err
	}
	b.moveDeals, b.moveFrom = b.moveDeals[:0], b.moveFrom[:0]
	for _, d := range deals {
		if _, ok := b.pipe.NextOpen(d.StageID); ok && len(b.moveDeals) < max(1, (runs+1)/2) {
			b.moveDeals, b.moveFrom = append(b.moveDeals, d), append(b.moveFrom, d.StageID)
		}
	}
	if len(b.moveDeals) == 0 {
		return errSkip
	}
	return nil
}

// benchMoveRun moves a deal forward with the stage's result (even runs)
// and back again (odd runs).
func benchMoveRun(ctx context.Context, b *benchEnv, i int) error {
	k := (i / 2) % len(b.moveDeals)
	d := b.moveDeals[k]
	req := model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: b.moveFrom[k]}
	if d.StageID == b.moveFrom[k] {
		next, _ := b.pipe.NextOpen(d.StageID)
		req.ToStageID, req.Result = next.ID, fmt.Sprintf("Бенчмарк: результат этапа, прогон %d", i)
	}
	d, err := b.pipeline().MoveDeal(ctx, req)
	if err != nil {
		return err
	}
	b.moveDeals[k] = d
	return nil
}

// benchCrossDeals picks open deals with lines, for pipeline.crosssell.
func benchCrossDeals(ctx context.Context, b *benchEnv, _ int) error {
	if len(b.crossDeals) > 0 {
		return nil
	}
	deals, err := b.pipeline().FindDeals(ctx, model.DealFilter{Status: model.DealOpen, Limit: 2000})
	if err != nil {
		return err
	}
	for _, d := range deals {
		if !d.AmountManual && d.Amount > 0 {
			b.crossDeals = append(b.crossDeals, d.ID)
		}
	}
	if len(b.crossDeals) == 0 {
		return errSkip
	}
	return nil
}

// benchCrossRun asks for ten suggestions for a random open deal.
func benchCrossRun(ctx context.Context, b *benchEnv, _ int) error {
	_, _, err := b.pipeline().CrossSell(ctx, b.crossDeals[b.rng.IntN(len(b.crossDeals))], 10)
	return err
}
