package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestMovementHistory(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	admin := h.session("admin")
	ws, err := admin.Warehouses(h.ctx)
	if err != nil || len(ws) == 0 {
		t.Fatalf("warehouses: %v", err)
	}
	p := h.createProduct(model.Product{SKU: "MV-1", Name: "Кабель движимый", BasePrice: 10000, Active: true})
	if _, err := admin.MoveStock(h.ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: ws[0].ID, Qty: 5000, Note: "поставка"}); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.MoveStock(h.ctx, model.StockMovement{Kind: model.MoveWriteOff, ProductID: p.ID, FromID: ws[0].ID, Qty: 1500}); err != nil {
		t.Fatal(err)
	}
	pf := h.openProduct(p.ID)
	if pf.kit.Visible() || !pf.moves.Visible() {
		t.Fatalf("buttons: kit %v, history %v", pf.kit.Visible(), pf.moves.Visible())
	}
	mh := h.a.showMovements(pf.p, pf.d)
	h.waitFor("the movements", func() bool { return mh.loaded })
	if len(mh.moves) != 2 {
		t.Fatalf("movements: %d", len(mh.moves))
	}
	cells := func(row int) map[string]string {
		out := map[string]string{}
		for i, c := range movementColumns {
			l := widget.NewLabel("")
			mh.cell(widget.TableCellID{Row: row, Col: i}, l)
			out[c.key] = l.Text
		}
		return out
	}
	newest, oldest := cells(0), cells(1)
	if newest["kind"] != en("stock_move.writeoff") || newest["from"] != ws[0].Name || newest["qty"] != "−1.5 pcs" {
		t.Errorf("write-off row: %v", newest)
	}
	if oldest["kind"] != en("stock_move.receipt") || oldest["to"] != ws[0].Name || oldest["qty"] != "+5 pcs" ||
		oldest["note"] != "поставка" || oldest["user"] != h.user("admin").FullName {
		t.Errorf("receipt row: %v", oldest)
	}
	if got := mh.count.Text; got != catalog.Lang("en").N("movements.count", 2) {
		t.Errorf("count: %q", got)
	}
}
