package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// orderFixture is a warehouse with goods in stock, goods with little stock
// and a customer of the seller, for the order and document screens.
type orderFixture struct {
	h      *harness
	wh     model.Warehouse
	goods  model.Product // 1000 in stock
	scarce model.Product // 2 in stock
	cust   model.Customer
}

func newOrderFixture(h *harness) *orderFixture {
	h.t.Helper()
	f := &orderFixture{h: h}
	admin := h.session("admin")
	var err error
	if f.wh, err = admin.SaveWarehouse(h.ctx, model.Warehouse{Name: "Склад заказов", Active: true}); err != nil {
		h.t.Fatal(err)
	}
	f.goods = h.createProduct(model.Product{SKU: "ORD-1", Name: "Кирпич облицовочный", UnitCode: "796", BasePrice: 100000,
		VAT: model.VATStandard, Active: true})
	f.scarce = h.createProduct(model.Product{SKU: "ORD-2", Name: "Плитка редкая", UnitCode: "796", BasePrice: 50000,
		VAT: model.VATStandard, Active: true})
	for p, q := range map[string]int64{f.goods.ID: 1000, f.scarce.ID: 2} {
		if _, err := admin.MoveStock(h.ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: p, ToID: f.wh.ID,
			Qty: model.Qty(q) * model.QtyOne}); err != nil {
			h.t.Fatal(err)
		}
	}
	if f.cust, err = h.session("seller").CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany,
		Name: "Заказчик Проверочный"}); err != nil {
		h.t.Fatal(err)
	}
	return f
}

// draft is an order or quote of qty units of p for the customer, saved
// outside the UI.
func (f *orderFixture) draft(login string, kind model.DocKind, p model.Product, qty int64) model.Document {
	f.h.t.Helper()
	d, err := f.h.session(login).SaveDraft(f.h.ctx, model.Document{Kind: kind, CustomerID: f.cust.ID, WarehouseID: f.wh.ID,
		Lines: []model.DocLine{{ProductID: p.ID, Qty: model.Qty(qty) * model.QtyOne}}})
	if err != nil {
		f.h.t.Fatalf("save the %s: %v", kind, err)
	}
	return d
}

// confirmed confirms an order of qty goods as the administrator.
func (f *orderFixture) confirmed(qty int64) model.ConfirmResult {
	f.h.t.Helper()
	d := f.draft("admin", model.DocOrder, f.goods, qty)
	res, err := f.h.session("admin").ConfirmOrder(f.h.ctx, d.ID, d.Version)
	if err != nil {
		f.h.t.Fatalf("confirm: %v", err)
	}
	return res
}

// doc reads a document as the administrator.
func (f *orderFixture) doc(id string) model.Document {
	f.h.t.Helper()
	d, err := f.h.session("admin").FindDocumentByID(f.h.ctx, id)
	if err != nil {
		f.h.t.Fatal(err)
	}
	return d
}

// openOrderForm shows the form of d and waits for it to load.
func (h *harness) openOrderForm(d model.Document) *orderForm {
	h.t.Helper()
	h.a.shell.push(newOrderForm(h.a, d))
	return h.orderForm()
}

// orderForm is the order form on top of the shell, loaded and checked.
func (h *harness) orderForm() *orderForm {
	h.t.Helper()
	h.settle()
	o, ok := h.a.shell.screen.(*orderForm)
	if !ok {
		h.t.Fatalf("screen is %T, want *orderForm", h.a.shell.screen)
	}
	h.waitFor("the order form to load", func() bool { return o.loaded })
	h.settle()
	return o
}

// docView is the document view on top of the shell, with its links read.
func (h *harness) docView() *docView {
	h.t.Helper()
	h.settle()
	v, ok := h.a.shell.screen.(*docView)
	if !ok {
		h.t.Fatalf("screen is %T, want *docView", h.a.shell.screen)
	}
	h.waitFor("the related documents", func() bool { return v.loaded })
	h.settle()
	return v
}

// fillLine picks p on row i (added when missing) and types qty.
func (h *harness) fillLine(o *orderForm, i int, p model.Product, qty string) *lineRow {
	h.t.Helper()
	for len(o.lines.rows) <= i {
		test.Tap(o.lines.add)
	}
	r := o.lines.rows[i]
	h.pickHit(r.product, p.SKU, p.SKU+" · "+p.Name)
	r.qty.SetText(qty)
	h.settle()
	return r
}

// checkOf is what the service says of the form's draft.
func (h *harness) checkOf(login string, o *orderForm) model.OrderCheck {
	h.t.Helper()
	d, _, ok := o.draft()
	if !ok {
		h.t.Fatal("the form does not read")
	}
	c, err := h.session(login).CheckOrder(h.ctx, d)
	if err != nil {
		h.t.Fatalf("check order: %v", err)
	}
	return c
}

// printInto makes printed documents go to a temp dir and records what is
// opened.
func printInto(t *testing.T) (dir string, opened *[]string) {
	t.Helper()
	dir = t.TempDir()
	var paths []string
	oldDir, oldOpen := printDir, openFile
	printDir = func() (string, error) { return dir, nil }
	openFile = func(_ *App, path string) error { paths = append(paths, path); return nil }
	t.Cleanup(func() { printDir, openFile = oldDir, oldOpen })
	return dir, &paths
}

// pdfsIn lists the PDF files in dir and fails on a leftover part file.
func pdfsIn(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		switch {
		case strings.HasSuffix(e.Name(), ".part"):
			t.Errorf("a part file is left: %s", e.Name())
		case filepath.Ext(e.Name()) == ".pdf":
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil || !strings.HasPrefix(string(b), "%PDF") {
				t.Errorf("%s is not a PDF (%v)", e.Name(), err)
			}
			out = append(out, e.Name())
		}
	}
	return out
}

// labelsIn are the texts of the visible labels under root.
func labelsIn(root fyne.CanvasObject) []string {
	var out []string
	for _, l := range findAll(root, func(l *widget.Label) bool { return l.Visible() }) {
		out = append(out, l.Text)
	}
	return out
}

// buttonPrefix finds the one visible button whose text starts with text.
func buttonPrefix(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	bs := findAll(root, func(b *widget.Button) bool { return b.Visible() && strings.HasPrefix(b.Text, text) })
	if len(bs) != 1 {
		t.Fatalf("buttons starting %q: got %d, want 1", text, len(bs))
	}
	return bs[0]
}

// docRowTexts renders row i of a documents table as the list does and
// returns the texts of its columns.
func docRowTexts(t *docTable, i int) []string {
	o := t.list.CreateItem()
	t.list.UpdateItem(i, o)
	var out []string
	for _, c := range o.(*tapRow).content.(*fyne.Container).Objects {
		if l, ok := c.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}
