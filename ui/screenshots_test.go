package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// TestScreenshots writes PNGs of the customer screens to the folder named by
// SDELKA_UI_PNG, for a person to look at. It is skipped otherwise.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		t.Skip("set SDELKA_UI_PNG to a folder to write screenshots")
	}
	for _, lang := range []string{"ru", "en"} {
		h := newHarness(t, true, "en")
		h.login("admin", repo.DemoPassword)
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			img := h.win.Canvas().Capture()
			f, err := os.Create(filepath.Join(dir, lang+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
		}
		l := h.customerList()
		h.loaded(l)
		for i := range 3 {
			check, _, _ := shownRow(l, i)
			check.SetChecked(true)
		}
		l.list.Select(1)
		shot("list")
		l.filters.tag.sel.Tapped(&fyne.PointEvent{})
		shot("list-tag-menu")
		h.closeDialogs()
		test := h.a.shell.search
		test.SetText("ооо")
		h.settle()
		shot("search")
		h.a.shell.find.clear()
		first, _ := l.row(0)
		c := h.openCard(first.ID)
		shot("card-profile")
		h.tab(c, "card.contacts")
		shot("card-contacts")
		h.tab(c, "card.timeline")
		shot("card-timeline")
		h.menuShortcut(shortcutAddEntry)
		shot("card-entry-dialog")
		h.closeDialogs()
		h.tab(c, "card.requests")
		shot("card-requests")
		h.openNav("requests")
		shot("requests")
		h.openNav("customers")
		tap(t, h.a.shell.content, h.a.T("customers.import"))
		w := h.a.shell.screen.(*importWizard)
		shot("import-start")
		path := filepath.Join(t.TempDir(), "import.csv")
		if err := os.WriteFile(path, []byte(importCSV), 0o600); err != nil {
			t.Fatal(err)
		}
		w.load(path)
		shot("import-mapping")
		w.run.OnTapped()
		shot("import-result")
		catalogShots(t, h, shot)
		priceListShots(t, h, shot)
	}
}

// catalogShots photographs the catalog screens.
func catalogShots(t *testing.T, h *harness, shot func(string)) {
	t.Helper()
	pl := h.productList()
	pl.list.Select(1)
	shot("products")
	h.a.shell.find.clear()
	tap(t, h.a.shell.content, h.a.T("categories.title"))
	shot("categories")
	h.closeDialogs()
	goods := -1
	for i, r := range h.productRows(pl)[:100] {
		if r.Kind == model.KindGoods && r.OnHand > 0 && goods < 0 {
			goods = i
		}
	}
	pl.openRow(goods)
	h.productForm()
	shot("product-form")
	tap(t, h.a.shell.content, h.a.T("stock_move.transfer"))
	shot("product-transfer")
	h.closeDialogs()
	h.a.shell.back()
	tap(t, h.a.shell.content, h.a.T("products.new"))
	h.productForm()
	shot("product-new")
	h.a.shell.back()
	pc := h.openNav("price_check").(*priceCheck)
	for _, c := range h.findCustomers("admin", model.CustomerFilter{}) {
		if c.GroupName != "" {
			test.Type(pc.customer.entry, c.Name)
			break
		}
	}
	h.settle()
	shot("price-check-hits")
	tapFirstHit(t, h, pc.customer)
	first, _ := pl.row(goods)
	test.Type(pc.product.entry, first.SKU)
	h.settle()
	tapFirstHit(t, h, pc.product)
	pc.f.setText("qty", "12")
	h.settle()
	shot("price-check")
	r := h.openNav("rates").(*ratesScreen)
	r.importFile(filepath.Join("..", "reports", "cbr", "testdata", "XML_daily.xml"))
	shot("rates")
}

// tapFirstHit chooses the first hit a lookup shows.
func tapFirstHit(t *testing.T, h *harness, l *lookup) {
	t.Helper()
	if len(l.hits.Objects) == 0 {
		t.Fatal("the lookup shows no hits")
	}
	test.Tap(l.hits.Objects[0].(*widget.Button))
	h.settle()
}

// priceListShots photographs the price list, individual price, tax, kit and
// movement history screens.
func priceListShots(t *testing.T, h *harness, shot func(string)) {
	t.Helper()
	s := h.priceLists()
	s.list.Select(0)
	shot("pricelists")
	for _, l := range s.lists {
		if l.Kind == model.ListExplicit {
			pf := h.openPriceList(s, l.Name)
			pf.items.list.Select(1)
			shot("pricelist-explicit")
			tap(t, h.a.shell.content, h.a.T("pricelist.adjust"))
			shot("pricelist-adjust")
			h.closeDialogs()
			tap(t, h.a.shell.content, h.a.T("pricelist.add_product"))
			test.Type(findAll[*widget.Entry](h.overlay(), nil)[0], "перфоратор")
			h.settle()
			shot("pricelist-add-product")
			h.closeDialogs()
			h.a.shell.back()
			break
		}
	}
	for _, l := range s.lists {
		if l.Kind == model.ListRule && len(l.Breaks) > 0 {
			h.openPriceList(s, l.Name)
			shot("pricelist-rule")
			h.a.shell.back()
			break
		}
	}
	tap(t, h.a.shell.content, h.a.T("pricelists.new"))
	h.priceListForm()
	shot("pricelist-new")
	h.a.shell.back()
	withPrices := ""
	for _, cu := range h.findCustomers("admin", model.CustomerFilter{Sort: model.SortByCreated, Limit: 200}) {
		if ps, _ := h.session("admin").IndividualPrices(h.ctx, cu.ID); len(ps) > 0 && withPrices == "" {
			withPrices = cu.ID
		}
	}
	c := h.openCard(withPrices)
	h.tab(c, "card.prices")
	h.settle()
	shot("card-prices")
	tap(t, h.tab(c, "card.prices"), h.a.T("prices.add"))
	shot("card-price-dialog")
	h.closeDialogs()
	set := h.openNav("settings").(*settings)
	tap(t, set.tab(t, h.a.T("settings.company")), h.a.T("settings.tax_open"))
	h.settle()
	shot("tax")
	tap(t, h.a.shell.content, h.a.T("tax.currency_add"))
	shot("tax-currency")
	h.closeDialogs()
	kits := h.findProducts(model.ProductFilter{Query: "KIT-00001"})
	pf := h.openProduct(kits[0].ID)
	shot("kit-product")
	h.kitEditor(pf)
	shot("kit-editor")
	goods := h.findProducts(model.ProductFilter{InStock: true, Limit: 1})[0]
	admin := h.session("admin")
	ws, _ := admin.Warehouses(h.ctx)
	for _, m := range []model.StockMovement{{Kind: model.MoveReceipt, ToID: ws[0].ID, Qty: 12000, Note: "Поставка по договору № 17"},
		{Kind: model.MoveWriteOff, FromID: ws[0].ID, Qty: 1000, Note: "Брак"}} {
		m.ProductID = goods.ID
		if _, err := admin.MoveStock(h.ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	pf = h.openProduct(goods.ID)
	test.Tap(pf.moves)
	h.settle()
	shot("movements")
	h.closeDialogs()
}
