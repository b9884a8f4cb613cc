package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// TestDealFromFormAcrossTheBoardToWon creates a deal through the form with a
// line (its price reason shown), moves it across the board with results (a
// button, a drag, the keyboard), gives a discount above 15 % (pending), has
// the head approve it in the approvals inbox, issues the quote and wins the
// deal: the draft order appears among its documents.
func TestDealFromFormAcrossTheBoardToWon(t *testing.T) {
	h := newHarness(t, true, "en")
	f := newDealFixture(h)
	h.dealLogin("seller")

	newDealFor(h.a, f.cust.ID)
	df := h.dealForm()
	if df.cust.value.id != f.cust.ID || df.cust.entry.Text != f.cust.Name {
		t.Fatalf("customer = %q (%s), want %q", df.cust.entry.Text, df.cust.value.id, f.cust.Name)
	}
	if df.name.Text != f.cust.Name {
		t.Errorf("title = %q, want the customer's name", df.name.Text)
	}
	if want := df.pipe.Name + " · " + en("stage.code.prospecting"); df.stage.Text != want {
		t.Errorf("stage = %q, want %q", df.stage.Text, want)
	}
	df.name.SetText("Поставка кирпича")
	test.Tap(df.lines.add)
	r := df.lines.rows[0]
	h.pickHit(r.product, "DEAL-1", "DEAL-1 · Кирпич для сделки")
	typeInto(r.qty, "10")
	h.settle()
	if r.list.Text != "1,000.00" || r.price.Text != "1000.00" {
		t.Errorf("list price %q, price %q; want 1,000.00 and 1000.00", r.list.Text, r.price.Text)
	}
	if want := en("deal.list_price_reason", en("price.reason.base")); !strings.Contains(r.reason.Text, want) {
		t.Errorf("reason = %q, want it to contain %q", r.reason.Text, want)
	}
	if r.total.Text == "" || df.amount.Disabled() == false {
		t.Errorf("total %q, amount entry disabled %v: want a total and the amount from the lines", r.total.Text, df.amount.Disabled())
	}
	test.Tap(df.save)
	h.settle()
	id := df.deal.ID
	if id == "" || df.deal.Title != "Поставка кирпича" || len(df.deal.Lines) != 1 {
		t.Fatalf("saved deal: %+v", df.deal)
	}
	if df.deal.Approval != model.ApprovalNone || df.side.banner.Visible() {
		t.Errorf("approval %q, banner %q: want none", df.deal.Approval, df.side.banner.Text)
	}

	// The board: → with the result dialog (a refusal first), a drag with
	// a result, Ctrl+← back without one, Ctrl+→ again with a new result.
	b := h.openBoard()
	col, card := boardCard(t, b, id)
	if b.board.Columns[col].Stage.Code != model.StageProspecting || card.Title != "Поставка кирпича" {
		t.Fatalf("card in %q: %+v", b.board.Columns[col].Stage.Code, card)
	}
	b.selectCard(col, id)
	test.Tap(b.right)
	h.settle()
	d := h.overlay()
	if !hasLabelContaining(d, en("stage.result.prospecting")) {
		t.Errorf("the dialog does not show the expected result: %s", labelsOf(d))
	}
	test.Tap(buttonIn(t, d, en("deal.move")))
	if got := fieldIn(t, d, en("field.result")).errorText(); got != h.a.T(model.MsgStageResultNeeded) {
		t.Errorf("empty result: message %q", got)
	}
	h.answerMove("Потребность и бюджет известны", "")
	if col, _ = boardCard(t, b, id); b.board.Columns[col].Stage.Code != model.StagePresentation {
		t.Fatalf("after →: in %q", b.board.Columns[col].Stage.Code)
	}
	h.dragCard(b, id, 2)
	h.answerMove("Презентация проведена, КП отправлено", "")
	if col, _ = boardCard(t, b, id); b.board.Columns[col].Stage.Code != model.StageNegotiation {
		t.Fatalf("after the drag: in %q", b.board.Columns[col].Stage.Code)
	}
	b.selectCard(col, id)
	b.keys.TypedShortcut(boardMoveLeft)
	h.settle()
	if col, _ = boardCard(t, b, id); b.board.Columns[col].Stage.Code != model.StagePresentation {
		t.Fatalf("after Ctrl+←: in %q", b.board.Columns[col].Stage.Code)
	}
	b.keys.TypedShortcut(boardMoveRight)
	h.settle()
	// A stage moved back into is worked anew: its result is asked again.
	h.answerMove("Повторная презентация проведена", "")
	if col, _ = boardCard(t, b, id); b.board.Columns[col].Stage.Code != model.StageNegotiation {
		t.Fatalf("after Ctrl+→: in %q", b.board.Columns[col].Stage.Code)
	}
	b.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	df = h.dealForm()
	if df.deal.ID != id || len(df.side.moves) != 5 {
		t.Fatalf("opened %s with %d moves, want %s with 5", df.deal.ID, len(df.side.moves), id)
	}
	if !hasLabelContaining(df.side.history, "Презентация проведена, КП отправлено") {
		t.Errorf("history: %s", labelsOf(df.side.history))
	}

	// A discount above 15 %: the banner says so live, saving files the
	// request, and the quote waits.
	typeInto(df.lines.rows[0].discount, "18")
	h.settle()
	if !strings.Contains(df.side.banner.Text, en("deal.approval.will_need")) || !strings.Contains(df.side.banner.Text, "18\u00a0%") ||
		!strings.Contains(df.side.banner.Text, "15\u00a0%") {
		t.Errorf("live banner: %q", df.side.banner.Text)
	}
	test.Tap(df.save)
	h.settle()
	if df.deal.Approval != model.ApprovalPending || !strings.Contains(df.side.banner.Text, en("deal.approval.pending_long")) {
		t.Fatalf("after saving: approval %q, banner %q", df.deal.Approval, df.side.banner.Text)
	}
	if !df.quote.Disabled() {
		t.Error("Issue quote is enabled while the terms wait for approval")
	}
	df.issueQuote()
	if !df.msg.Visible() || df.msg.Text != en("deal.err.needs_approval") {
		t.Errorf("issuing while pending: message %q", df.msg.Text)
	}
	// The head approves in the inbox.
	h.a.Logout()
	h.dealLogin("head")
	inbox := newApprovalsInbox(h.a)
	h.a.shell.open(inbox)
	h.settle()
	row := -1
	for i, ap := range inbox.rows {
		if ap.DealID == id {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the deal is not in the head's inbox (%d requests)", len(inbox.rows))
	}
	inbox.table.Select(widget.TableCellID{Row: row})
	if !strings.Contains(inbox.reasons.Text, "18 %") {
		t.Errorf("inbox reasons: %q", inbox.reasons.Text)
	}
	inbox.comment.SetText("Согласовано до конца квартала")
	test.Tap(inbox.approve)
	h.settle()
	h.a.Logout()
	h.dealLogin("seller")
	openDeal(h.a, id)
	df = h.dealForm()
	if df.deal.Approval != model.ApprovalApproved || !strings.Contains(df.side.banner.Text, "Согласовано до конца квартала") {
		t.Fatalf("after approval: %q, banner %q", df.deal.Approval, df.side.banner.Text)
	}
	test.Tap(df.quote)
	h.settle()
	if len(df.side.docList) != 1 || df.side.docList[0].Kind != model.DocQuote || df.deal.QuoteID == "" {
		t.Fatalf("documents after the quote: %+v", df.side.docList)
	}

	// Won: the result of negotiations is asked; the draft order appears.
	test.Tap(df.stages.won)
	h.settle()
	h.answerMove("Договор подписан", "")
	if df.deal.Status != model.DealWon || df.deal.OrderID == "" {
		t.Fatalf("after winning: status %q, order %q", df.deal.Status, df.deal.OrderID)
	}
	var order *model.Document
	for i, doc := range df.side.docList {
		if doc.Kind == model.DocOrder {
			order = &df.side.docList[i]
		}
	}
	if order == nil || order.Status != model.StatusDraft {
		t.Fatalf("documents after winning: %+v", df.side.docList)
	}
	if !df.save.Disabled() || !df.stages.won.Hidden {
		t.Error("a won deal can still be edited or moved from the form")
	}
}

// dragCard drags the deal's card onto column to of the board.
func (h *harness) dragCard(b *dealBoard, id string, to int) {
	h.t.Helper()
	for i, col := range b.board.Columns {
		for row, c := range col.Cards {
			if c.ID == id {
				b.cols[i].list.ScrollTo(row)
			}
		}
	}
	layoutAll(h)
	views := findAll(h.a.shell.content, func(v *dealCardView) bool { return v.card.ID == id })
	if len(views) != 1 {
		h.t.Fatalf("card views of %s: %d", id, len(views))
	}
	v := views[0]
	drv := fyne.CurrentApp().Driver()
	from := drv.AbsolutePositionForObject(v).Add(fyne.NewPos(20, 10))
	target := drv.AbsolutePositionForObject(b.cols[to].obj).Add(fyne.NewPos(40, 120))
	mid := fyne.NewPos((from.X+target.X)/2, (from.Y+target.Y)/2)
	for _, p := range []fyne.Position{mid, target} {
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: p}, Dragged: fyne.NewDelta(p.X-from.X, p.Y-from.Y)})
	}
	if b.drag == nil || b.drag.over != to {
		h.t.Fatalf("dragging over column %d: %+v", to, b.drag)
	}
	v.DragEnd()
	h.settle()
}

// TestDealLostWithReason loses a deal from the form: a reason from the
// dictionary is required; the responsible of the stage is set on the way,
// a note typed before is saved first; the lost deal is reopened.
func TestDealLostWithReason(t *testing.T) {
	h := newHarness(t, true, "en")
	f := newDealFixture(h)
	d := f.saveDeal("seller", model.Deal{Title: "Плитка в офис", Lines: []model.DealLine{{ProductID: f.tile.ID, Qty: 5 * model.QtyOne}}})
	h.dealLogin("seller")
	openDeal(h.a, d.ID)
	df := h.dealForm()
	prospecting := f.stage(model.StageProspecting)
	resp := df.stages.resp[prospecting.ID]
	if resp == nil || resp.value() != h.user("seller").ID {
		t.Fatalf("responsible of the first stage: %+v", resp)
	}
	pick(t, resp, h.user("head").ID)
	h.settle()
	if got := f.deal(d.ID); got.ResponsibleID != h.user("head").ID {
		t.Fatalf("responsible = %q, want the head", got.ResponsibleName)
	}
	df = h.dealForm()
	df.note.SetText("Клиент сравнивает с конкурентом")
	test.Tap(df.stages.lost)
	h.settle()
	if got := f.deal(d.ID).Note; got != "Клиент сравнивает с конкурентом" {
		t.Errorf("the note typed before losing was not saved first: %q", got)
	}
	dlg := h.overlay()
	test.Tap(buttonIn(t, dlg, en("deal.move")))
	if got := fieldIn(t, dlg, en("field.lost_reason")).errorText(); got != h.a.T(model.MsgLostReasonNeeded) {
		t.Errorf("no reason: message %q", got)
	}
	h.answerMove("", "Высокая цена")
	got := f.deal(d.ID)
	if got.Status != model.DealLost || got.LostReason != "Высокая цена" {
		t.Fatalf("after losing: %q, reason %q", got.Status, got.LostReason)
	}
	if df.deal.Status != model.DealLost || !strings.HasPrefix(df.state.Text, en("deal.status.lost")) {
		t.Errorf("the form shows %q", df.state.Text)
	}
	if df.stages.reopen.Hidden || !df.stages.lost.Hidden {
		t.Fatal("a lost deal offers no Reopen")
	}
	test.Tap(df.stages.reopen)
	h.settle()
	if got := f.deal(d.ID); got.Status != model.DealOpen || got.StageID != prospecting.ID {
		t.Errorf("reopened: %q in %q", got.Status, got.StageName)
	}
}
