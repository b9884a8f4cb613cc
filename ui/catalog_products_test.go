package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestProductList(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.productList()
	all := h.findProducts(model.ProductFilter{}) // the first 1000
	total := h.countProducts(model.ProductFilter{})
	if total < 100 {
		t.Fatalf("demo data: %d products; want a catalog", total)
	}

	t.Run("count and first row", func(t *testing.T) {
		if got, want := l.count.Text, catalog.Lang("en").N("products.count", int64(total)); got != want {
			t.Errorf("count label: got %q, want %q", got, want)
		}
		p := all[0]
		texts := shownProductRow(l, 0)
		want := []string{p.SKU, p.Name, p.Category, h.a.unitSymbol(p.UnitCode),
			model.FormatMoney(p.BasePrice, 2, ".", ","), h.a.vatText(p.VAT, today())}
		if !slices.Equal(texts[:6], want) {
			t.Errorf("first row: got %q, want %q", texts[:6], want)
		}
		if p.Kind == model.KindGoods && texts[6] != h.a.qty(p.OnHand) {
			t.Errorf("on hand: got %q, want %q", texts[6], h.a.qty(p.OnHand))
		}
	})

	t.Run("search as you type", func(t *testing.T) {
		q := all[len(all)/2].SKU
		test.Type(l.search, q)
		want := h.findProducts(model.ProductFilter{Query: q})
		if len(want) == 0 || len(want) == total {
			t.Fatalf("demo data: %d products match %q; want some but not all", len(want), q)
		}
		h.waitFor("the filtered count", func() bool { return l.counted && l.total == len(want) })
		h.productsLoaded(l)
		if got := productIDs(h.productRows(l)); !slices.Equal(got, productIDs(want)) {
			t.Errorf("rows for %q: got %v, want %v", q, got, productIDs(want))
		}
		l.search.SetText("")
		h.waitFor("the full count", func() bool { return l.counted && l.total == total })
		h.productsLoaded(l)
	})

	t.Run("category filter includes subcategories", func(t *testing.T) {
		root := l.d.cats[0]
		if l.d.depth[root.ID] != 0 || !strings.HasPrefix(l.category.labels[1], "\u00a0") {
			t.Fatalf("category options are not a tree: %q", l.category.labels[:2])
		}
		pick(t, l.category, root.ID)
		h.productsLoaded(l)
		want := h.findProducts(model.ProductFilter{CategoryID: root.ID})
		got := h.productRows(l)
		if len(got) == 0 || len(got) == total || !slices.Equal(productIDs(got), productIDs(want)) {
			t.Errorf("category %s: got %d rows, want the service's %d", root.Name, len(got), len(want))
		}
		l.inStock.SetChecked(true)
		h.productsLoaded(l)
		want = h.findProducts(model.ProductFilter{CategoryID: root.ID, InStock: true})
		if got := h.productRows(l); !slices.Equal(productIDs(got), productIDs(want)) {
			t.Errorf("in stock: got %d rows, want %d", len(got), len(want))
		}
		l.inStock.SetChecked(false)
		l.category.sel.SetSelected(l.category.any)
		h.productsLoaded(l)
		if l.total != total {
			t.Errorf("after clearing the filters: %d rows, want %d", l.total, total)
		}
	})

	t.Run("price header sorts by price, keyset pages follow", func(t *testing.T) {
		test.Tap(l.headers["price"])
		h.productsLoaded(l)
		test.Tap(l.headers["price"])
		h.productsLoaded(l)
		if l.f.Sort != "price" || !l.f.Desc {
			t.Fatalf("sort %q desc %v, want price descending", l.f.Sort, l.f.Desc)
		}
		want := h.findProducts(model.ProductFilter{Sort: "price", Desc: true})
		got := h.productRows(l)
		if !slices.Equal(productIDs(got[:len(want)]), productIDs(want)) {
			t.Errorf("rows by price descending differ from the service's order")
		}
	})

	t.Run("double tap opens the product", func(t *testing.T) {
		first, _ := l.row(0)
		o := l.list.CreateItem()
		l.list.UpdateItem(0, o)
		o.(*tapRow).onDouble()
		pf := h.productForm()
		if got := fieldIn(t, h.a.shell.content, en("field.name")).entry(t).Text; got != first.Name {
			t.Errorf("form shows %q, want %q", got, first.Name)
		}
		h.a.shell.back()
		if h.a.shell.screen != l {
			t.Errorf("back did not return to the list")
		}
		_ = pf
	})
}

func TestProductFormCreate(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.productList()
	before := h.countProducts(model.ProductFilter{})
	tap(t, h.a.shell.content, en("products.new"))
	pf := h.productForm()
	root := h.a.shell.content
	set := func(label, text string) {
		t.Helper()
		fieldIn(t, root, label).entry(t).SetText(text)
	}

	t.Run("bad barcode and amount are refused", func(t *testing.T) {
		set(en("field.sku"), "TST-001")
		set(en("field.name"), "Перфоратор тестовый")
		set(en("field.barcode"), "4600000000001")
		set(en("field.base_price"), "12.345")
		set(en("field.cost_price"), "abc")
		tap(t, root, en("btn.save"))
		for label, want := range map[string]string{en("field.barcode"): en("valid.barcode"),
			en("field.base_price"): en("valid.money"), en("field.cost_price"): en("valid.money")} {
			if got := fieldIn(t, root, label).errorText(); got != want {
				t.Errorf("%s error: got %q, want %q", label, got, want)
			}
		}
		if got := pf.status.Text; got != en("err.fix_fields") {
			t.Errorf("status: got %q", got)
		}
		if n := h.countProducts(model.ProductFilter{}); n != before {
			t.Errorf("products: %d, want %d: a refused product was stored", n, before)
		}
	})

	t.Run("a valid product is stored", func(t *testing.T) {
		set(en("field.barcode"), "4600000000008")
		set(en("field.base_price"), "1,234.56")
		set(en("field.cost_price"), "800")
		set(en("product.weight_kg"), "1.25")
		tap(t, root, en("btn.save"))
		if got := pf.status.Text; got != en("settings.saved") {
			t.Fatalf("status: got %q; barcode error %q", got, fieldIn(t, root, en("field.barcode")).errorText())
		}
		rows := h.findProducts(model.ProductFilter{Query: "TST-001"})
		if len(rows) != 1 {
			t.Fatalf("stored products with SKU TST-001: %d", len(rows))
		}
		p := rows[0]
		if p.Name != "Перфоратор тестовый" || p.BasePrice != 123456 || p.CostPrice != 80000 || p.WeightGrams != 1250 ||
			p.Barcode != "4600000000008" || p.UnitCode != "796" || p.VAT != model.VATStandard || !p.Active {
			t.Errorf("stored: %+v", p.Product)
		}
		if pf.id != p.ID || !pf.stock.box.Visible() {
			t.Errorf("after the first save the form should edit the product and show its stock")
		}
		if got := fieldIn(t, root, en("field.base_price")).entry(t).Text; got != "1234.56" {
			t.Errorf("base price shown as %q, want 1234.56", got)
		}
	})

	t.Run("a receipt changes the balance shown; a write-off beyond it is explained", func(t *testing.T) {
		tap(t, root, en("stock_move.receipt"))
		d := h.dialog()
		d.set(t, en("field.qty"), "5.5")
		test.Tap(d.save)
		h.settle()
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("receipt dialog still open: %q", d.status.Text)
		}
		if got := h.stockOf(pf.id); got != 5500 {
			t.Errorf("stored on hand: %d, want 5500", got)
		}
		cells := stockCells(pf)
		if len(cells) != 2 || cells[1][1] != "5.5" || cells[1][3] != "5.5" {
			t.Errorf("stock panel: %q, want one warehouse with 5.5 on hand", cells)
		}
		tap(t, root, en("stock_move.writeoff"))
		d = h.dialog()
		d.set(t, en("field.qty"), "7")
		test.Tap(d.save)
		want := en("stock.short", cells[1][0], en("stock_what.on_hand"), "5.5", "7")
		if d.status.Text != want {
			t.Errorf("shortfall: got %q, want %q", d.status.Text, want)
		}
		if got := h.stockOf(pf.id); got != 5500 {
			t.Errorf("on hand after a refused write-off: %d", got)
		}
		d.set(t, en("field.qty"), "1.2345")
		test.Tap(d.save)
		if got := fieldIn(t, d.root, en("field.qty")).errorText(); got != en("valid.qty") {
			t.Errorf("qty error: got %q", got)
		}
		h.closeDialogs()
	})

	t.Run("stale save shows the stale message", func(t *testing.T) {
		p, err := h.session("admin").FindProductByID(h.ctx, pf.id)
		if err != nil {
			t.Fatal(err)
		}
		p.Name = "Перфоратор (изменён)"
		if _, err := h.session("admin").UpdateProduct(h.ctx, p); err != nil {
			t.Fatal(err)
		}
		set(en("field.name"), "Перфоратор мой")
		tap(t, root, en("btn.save"))
		if got := pf.status.Text; got != en("err.stale") {
			t.Errorf("status: got %q, want the stale message", got)
		}
	})
	h.a.shell.back()
	h.productsLoaded(l)
	if l.total != before+1 {
		t.Errorf("list after back: %d rows, want %d", l.total, before+1)
	}
}

func TestProductFormReadOnlyForSeller(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	l := h.productList()
	if bs := findAll(h.a.shell.content, func(b *widget.Button) bool { return b.Text == en("products.new") && b.Visible() }); len(bs) != 0 {
		t.Error("a seller sees the New product button")
	}
	l.openRow(0)
	pf := h.productForm()
	if pf.save.Visible() {
		t.Error("a seller can save a product")
	}
	if e := fieldIn(t, h.a.shell.content, en("field.name")).entry(t); !e.Disabled() {
		t.Error("the name is editable for a seller")
	}
	if bs := findAll(h.a.shell.content, func(b *widget.Button) bool { return b.Text == en("stock_move.receipt") }); len(bs) != 0 {
		t.Error("a seller sees the stock buttons")
	}
}
