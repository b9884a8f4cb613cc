package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// productList opens the products screen and waits for it to load.
func (h *harness) productList() *productList {
	h.t.Helper()
	l, ok := h.openNav("products").(*productList)
	if !ok {
		h.t.Fatalf("screen is %T, want *productList", h.a.shell.screen)
	}
	h.productsLoaded(l)
	return l
}

// productsLoaded waits until the list has counted and its pages arrived.
func (h *harness) productsLoaded(l *productList) {
	h.t.Helper()
	h.waitFor("the product list to load", func() bool { return l.counted && !l.pages.busy() })
	h.settle()
}

// productRows reads every row of the list as its table would.
func (h *harness) productRows(l *productList) []model.ProductRow {
	h.t.Helper()
	var out []model.ProductRow
	for i := 0; i < l.length(); i++ {
		var r model.ProductRow
		h.waitFor(fmt.Sprintf("product row %d", i), func() bool {
			var ok bool
			r, ok = l.row(i)
			return ok
		})
		out = append(out, r)
	}
	return out
}

// shownProductRow renders row i as the list does and returns its cell texts.
func shownProductRow(l *productList, i int) []string {
	o := l.list.CreateItem()
	l.list.UpdateItem(i, o)
	var texts []string
	for _, c := range o.(*tapRow).content.(*fyne.Container).Objects {
		texts = append(texts, c.(*widget.Label).Text)
	}
	return texts
}

// findProducts reads products as the system sees them, up to 1000.
func (h *harness) findProducts(f model.ProductFilter) []model.ProductRow {
	h.t.Helper()
	f.Limit = 1000
	rows, err := h.store.Session(repo.System).FindProducts(h.ctx, f)
	if err != nil {
		h.t.Fatalf("find products: %v", err)
	}
	return rows
}

// countProducts counts products as the system sees them.
func (h *harness) countProducts(f model.ProductFilter) int {
	h.t.Helper()
	n, err := h.store.Session(repo.System).CountProducts(h.ctx, f)
	if err != nil {
		h.t.Fatalf("count products: %v", err)
	}
	return n
}

func productIDs(rows []model.ProductRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// productForm is the product screen on top of the shell, loaded.
func (h *harness) productForm() *productForm {
	h.t.Helper()
	pf, ok := h.a.shell.screen.(*productForm)
	if !ok {
		h.t.Fatalf("screen is %T, want *productForm", h.a.shell.screen)
	}
	h.waitFor("the product to load", func() bool { return pf.loaded })
	h.settle()
	return pf
}

// createProduct stores a product as the administrator, outside the UI.
func (h *harness) createProduct(p model.Product) model.Product {
	h.t.Helper()
	p, err := h.session("admin").CreateProduct(h.ctx, p)
	if err != nil {
		h.t.Fatalf("create product %q: %v", p.Name, err)
	}
	return p
}

// stockOf sums a product's balances at every warehouse.
func (h *harness) stockOf(id string) (onHand model.Qty) {
	h.t.Helper()
	bals, err := h.session("admin").Stock(h.ctx, id)
	if err != nil {
		h.t.Fatalf("stock of %s: %v", id, err)
	}
	for _, b := range bals {
		onHand += b.OnHand
	}
	return onHand
}

// stockCells are the texts of the stock panel's table, row by row.
func stockCells(pf *productForm) [][]string {
	var rows [][]string
	for _, r := range pf.stock.rows.Objects {
		var texts []string
		for _, o := range r.(*fyne.Container).Objects {
			texts = append(texts, o.(*widget.Label).Text)
		}
		rows = append(rows, texts)
	}
	return rows
}
