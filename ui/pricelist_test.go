package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"sdelka/model"
	"sdelka/repo"
)

// priceLists opens the price list screen and waits for it to load.
func (h *harness) priceLists() *priceListScreen {
	h.t.Helper()
	s, ok := h.openNav("pricelists").(*priceListScreen)
	if !ok {
		h.t.Fatalf("screen is %T, want *priceListScreen", h.a.shell.screen)
	}
	h.waitFor("the price lists", func() bool { return s.loaded })
	return s
}

// priceListForm is the price list on top of the shell, loaded (with its
// prices, for a saved explicit list).
func (h *harness) priceListForm() *priceListForm {
	h.t.Helper()
	pf, ok := h.a.shell.screen.(*priceListForm)
	if !ok {
		h.t.Fatalf("screen is %T, want *priceListForm", h.a.shell.screen)
	}
	h.waitFor("the price list to load", func() bool { return pf.loaded && (pf.items == nil || pf.items.loaded) })
	h.settle()
	return pf
}

// openPriceList opens the list named name from the list screen.
func (h *harness) openPriceList(s *priceListScreen, name string) *priceListForm {
	h.t.Helper()
	for i, l := range s.lists {
		if l.Name == name {
			o := s.list.CreateItem()
			s.list.UpdateItem(i, o)
			o.(*tapRow).onDouble()
			return h.priceListForm()
		}
	}
	h.t.Fatalf("no price list %q among %d", name, len(s.lists))
	return nil
}

// priceCells renders grid row i and returns its sku, name, base price, and
// the price and breaks entries.
func priceCells(pi *priceItems, i int) (texts []string, price, breaks *widget.Entry) {
	o := pi.list.CreateItem()
	pi.list.UpdateItem(i, o)
	cells := o.(*fyne.Container).Objects
	for _, c := range cells[:3] {
		texts = append(texts, c.(*widget.Label).Text)
	}
	return texts, cells[3].(*widget.Entry), cells[4].(*widget.Entry)
}

// rowOf is the grid row of a product (-1 when absent).
func rowOf(pi *priceItems, productID string) int {
	for i, r := range pi.rows {
		if r.p.ID == productID {
			return i
		}
	}
	return -1
}

// typePrice types a price into the row of a product, as a user would.
func typePrice(t *testing.T, pi *priceItems, productID, text string) {
	t.Helper()
	i := rowOf(pi, productID)
	if i < 0 {
		t.Fatalf("product %s is not in the grid", productID)
	}
	_, price, _ := priceCells(pi, i)
	price.SetText("")
	test.Type(price, text)
}

// storedPrices are a list's prices by product, as the service has them.
func (h *harness) storedPrices(listID string) map[string]model.Money {
	h.t.Helper()
	items, err := h.session("admin").PriceListItems(h.ctx, listID)
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]model.Money{}
	for _, it := range items {
		out[it.ProductID] = it.Price
	}
	return out
}

// addProductThroughDialog adds a product by the grid's Add product dialog.
func (h *harness) addProductThroughDialog(pi *priceItems, p model.Product) {
	h.t.Helper()
	tap(h.t, h.a.shell.content, en("pricelist.add_product"))
	lks := findAll[*widget.Entry](h.overlay(), func(e *widget.Entry) bool { return e.PlaceHolder == en("price.product_hint") })
	if len(lks) != 1 {
		h.t.Fatalf("product entries in the dialog: %d", len(lks))
	}
	test.Type(lks[0], p.Name)
	h.settle()
	hits := findAll(h.overlay(), func(b *widget.Button) bool { return b.Text == p.SKU+" · "+p.Name })
	if len(hits) != 1 {
		var shown []string
		for _, b := range findAll[*widget.Button](h.overlay(), nil) {
			shown = append(shown, b.Text)
		}
		h.t.Fatalf("hits for %s: %q", p.SKU, shown)
	}
	test.Tap(hits[0])
	h.settle()
	if rowOf(pi, p.ID) < 0 {
		h.t.Fatalf("%s not added to the grid", p.SKU)
	}
}

func TestPriceListCreateAndEdit(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	admin := h.session("admin")
	groups, err := admin.Groups(h.ctx)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v (%d)", err, len(groups))
	}
	drill := h.createProduct(model.Product{SKU: "PL-1", Name: "Дрель прайсовая", BasePrice: 1000000, Active: true})
	saw := h.createProduct(model.Product{SKU: "PL-2", Name: "Пила прайсовая", BasePrice: 250000, Active: true})
	s := h.priceLists()
	if len(s.lists) < 3 {
		t.Fatalf("demo price lists: %d", len(s.lists))
	}
	const name = "Тестовый прайс"

	t.Run("the header form creates a list, with field errors first", func(t *testing.T) {
		tap(t, h.a.shell.content, en("pricelists.new"))
		pf := h.priceListForm()
		pick(t, pf.group, groups[0].ID)
		fieldIn(t, h.a.shell.content, en("field.valid_from")).entry(t).SetText("31.02.2026")
		tap(t, h.a.shell.content, en("btn.save"))
		if got := pf.left.errorOf("name"); got != en(model.MsgRequired) {
			t.Errorf("name error: %q", got)
		}
		if got := pf.right.errorOf("valid_from"); got != en(msgDate) {
			t.Errorf("date error: %q", got)
		}
		if pf.l.ID != "" {
			t.Fatal("saved with errors")
		}
		fieldIn(t, h.a.shell.content, en("field.name")).entry(t).SetText(name)
		fieldIn(t, h.a.shell.content, en("field.valid_from")).entry(t).SetText("01.01.2026")
		tap(t, h.a.shell.content, en("btn.save"))
		pf = h.priceListForm()
		if pf.l.ID == "" || pf.status.Text != en("settings.saved") {
			t.Fatalf("not saved: status %q", pf.status.Text)
		}
		if pf.l.GroupID != groups[0].ID || pf.l.Currency != "RUB" || pf.l.Kind != model.ListExplicit || pf.l.ValidFrom.Format("2006-01-02") != "2026-01-01" {
			t.Errorf("saved list: %+v", pf.l)
		}
		if pf.items == nil {
			t.Fatal("no prices grid after saving an explicit list")
		}
	})

	t.Run("two products and prices are saved and shown again", func(t *testing.T) {
		pf := h.priceListForm()
		pi := pf.items
		h.addProductThroughDialog(pi, drill)
		h.addProductThroughDialog(pi, saw)
		if _, price, _ := priceCells(pi, rowOf(pi, drill.ID)); price.Text != "10000.00" {
			t.Errorf("new row's price: %q, want the base price", price.Text)
		}
		typePrice(t, pi, saw.ID, "2300.50")
		_, _, breaks := priceCells(pi, rowOf(pi, saw.ID))
		test.Type(breaks, "from 10 — 2200; from 100 — 5%")
		test.Tap(pi.save)
		h.settle()
		if got := h.storedPrices(pf.l.ID); got[drill.ID] != 1000000 || got[saw.ID] != 230050 || len(got) != 2 {
			t.Fatalf("stored: %v; status %q", got, pi.status.Text)
		}
		h.a.shell.back()
		h.settle()
		pf = h.openPriceList(s, name)
		pi = pf.items
		texts, price, breaks := priceCells(pi, rowOf(pi, saw.ID))
		if want := []string{"PL-2", saw.Name, "2,500.00"}; !slices.Equal(texts, want) {
			t.Errorf("row: %q, want %q", texts, want)
		}
		if price.Text != "2300.50" || breaks.Text != "from 10 — 2200.00; from 100 — 5%" {
			t.Errorf("reopened: price %q breaks %q", price.Text, breaks.Text)
		}
		if got := pi.count.Text; got != catalog.Lang("en").N("pricelist.items_count", 2) {
			t.Errorf("count: %q", got)
		}
	})

	t.Run("an invalid price is named beside the grid and nothing is saved", func(t *testing.T) {
		pf := h.priceListForm()
		pi := pf.items
		typePrice(t, pi, drill.ID, "9000.00")
		typePrice(t, pi, saw.ID, "12,34,5")
		test.Tap(pi.save)
		h.settle()
		if !strings.HasPrefix(pi.status.Text, en("pricelist.fix_rows")) || !strings.Contains(pi.status.Text, "PL-2 · "+saw.Name+": "+en(msgMoney)) {
			t.Errorf("status: %q", pi.status.Text)
		}
		if strings.Contains(pi.status.Text, "PL-1") {
			t.Errorf("the good row is named too: %q", pi.status.Text)
		}
		if got := h.storedPrices(pf.l.ID); got[drill.ID] != 1000000 || got[saw.ID] != 230050 {
			t.Errorf("stored after a bad save: %v", got)
		}
		// The menu's Back (Alt+Left) asks as well.
		h.a.shell.leaveTop()
		if h.a.shell.screen != pf || h.overlay() == nil {
			t.Fatal("the Back menu item left without asking about the unsaved prices")
		}
		h.closeDialogs()
		tap(t, h.a.shell.content, en("btn.back"))
		if h.a.shell.screen != pf {
			t.Fatal("left without asking about the unsaved prices")
		}
		test.Tap(buttonIn(t, h.overlay(), en("pricelist.leave")))
		h.settle()
		if h.a.shell.screen != s {
			t.Fatalf("screen after leaving: %T", h.a.shell.screen)
		}
	})

	t.Run("+5 % changes the shown prices", func(t *testing.T) {
		pf := h.openPriceList(s, name)
		pi := pf.items
		if _, price, _ := priceCells(pi, rowOf(pi, drill.ID)); price.Text != "10000.00" {
			t.Fatalf("before: %q", price.Text)
		}
		tap(t, h.a.shell.content, en("pricelist.adjust"))
		d := h.dialog()
		d.set(t, en("field.percent"), "5")
		test.Tap(d.save)
		h.settle()
		if _, price, _ := priceCells(pi, rowOf(pi, drill.ID)); price.Text != "10500.00" {
			t.Errorf("after +5 %%: %q", price.Text)
		}
		if got := h.storedPrices(pf.l.ID)[drill.ID]; got != 1050000 {
			t.Errorf("stored after +5 %%: %d", got)
		}
		if want := catalog.Lang("en").N("pricelist.adjusted", 2, "+5%"); pi.status.Text != want {
			t.Errorf("status: %q, want %q", pi.status.Text, want)
		}
	})

	t.Run("removing a product", func(t *testing.T) {
		pf := h.priceListForm()
		pi := pf.items
		pi.list.Select(rowOf(pi, saw.ID))
		tap(t, h.a.shell.content, en("btn.remove"))
		test.Tap(pi.save)
		h.settle()
		if got := h.storedPrices(pf.l.ID); len(got) != 1 || got[drill.ID] == 0 {
			t.Errorf("stored after removing: %v", got)
		}
	})

	t.Run("the print function writes a PDF and an XLSX", func(t *testing.T) {
		pf := h.priceListForm()
		dir := t.TempDir()
		pdf := filepath.Join(dir, "list.pdf")
		n, err := h.a.writePriceSheet(pdf, sheetPDF, "", pf.l.GroupID, sheetDay(pf.l), pf.l.Currency)
		if err != nil || n == 0 {
			t.Fatalf("pdf: %d lines, %v", n, err)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("pdf starts with %q (%v)", b[:min(len(b), 8)], err)
		}
		xlsx := filepath.Join(dir, "list.xlsx")
		if _, err := h.a.writePriceSheet(xlsx, sheetXLSX, "", pf.l.GroupID, sheetDay(pf.l), pf.l.Currency); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(xlsx)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, r := range rows {
			for _, c := range r {
				found[c] = true
			}
		}
		for _, p := range []model.Product{drill, saw} {
			if !found[p.Name] {
				t.Errorf("%s is not in the workbook (%d rows)", p.Name, len(rows))
			}
		}
		if _, err := os.Stat(xlsx + ".part"); !os.IsNotExist(err) {
			t.Errorf("temporary file left: %v", err)
		}
	})
}

func TestPriceListRuleKind(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	h.priceLists()
	tap(t, h.a.shell.content, en("pricelists.new"))
	pf := h.priceListForm()
	if isShown(fieldIn(t, h.a.shell.content, en("pricelist.rule_label")).input, h.a.shell.content) {
		t.Error("rule shown for a list of explicit prices")
	}
	fieldIn(t, h.a.shell.content, en("field.name")).entry(t).SetText("Правило −12,5")
	pick(t, pf.kind, string(model.ListRule))
	rule := fieldIn(t, h.a.shell.content, en("pricelist.rule_label"))
	if !isShown(rule.input, h.a.shell.content) {
		t.Fatal("rule hidden for a rule list")
	}
	rule.entry(t).SetText("-12.5")
	fieldIn(t, h.a.shell.content, en("field.breaks")).entry(t).SetText("from 10 — 950")
	tap(t, h.a.shell.content, en("btn.save"))
	if got := pf.right.errorOf("breaks"); got != en(msgBreaks) {
		t.Errorf("a price break in a rule list: error %q", got)
	}
	fieldIn(t, h.a.shell.content, en("field.breaks")).entry(t).SetText("from 10 — 3%; from 100 — 7%")
	tap(t, h.a.shell.content, en("btn.save"))
	pf = h.priceListForm()
	want := []model.QtyBreak{{MinQty: 10000, DiscountBP: 300}, {MinQty: 100000, DiscountBP: 700}}
	if pf.l.ID == "" || pf.l.RuleBP != -1250 || !slices.Equal(pf.l.Breaks, want) {
		t.Fatalf("saved: %+v; status %q", pf.l, pf.status.Text)
	}
	if pf.items != nil {
		t.Error("a rule list shows a prices grid")
	}
	h.a.shell.back()
	s := h.a.shell.screen.(*priceListScreen)
	h.waitFor("the lists to reload", func() bool { return s.loaded && len(s.lists) == 4 })
	for _, l := range s.lists {
		if l.ID == pf.l.ID {
			if got, want := s.cell(l, "list_kind"), en("pricelist_kind.rule_bp", "−12.5%"); got != want {
				t.Errorf("kind shown: %q, want %q", got, want)
			}
		}
	}
}

func TestPriceListSellerReadOnly(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	s := h.priceLists()
	if len(findAll(h.a.shell.content, func(b *widget.Button) bool { return b.Text == en("pricelists.new") && b.Visible() })) != 0 {
		t.Error("a seller is offered New")
	}
	var explicit string
	for _, l := range s.lists {
		if l.Kind == model.ListExplicit {
			explicit = l.Name
		}
	}
	pf := h.openPriceList(s, explicit)
	if len(pf.items.rows) == 0 {
		t.Fatal("the demo dealer list shows no prices")
	}
	if pf.save.Visible() {
		t.Error("a seller sees Save")
	}
	if name := fieldIn(t, h.a.shell.content, en("field.name")).entry(t); !name.Disabled() {
		t.Error("the name is editable")
	}
	_, price, breaks := priceCells(pf.items, 0)
	if !price.Disabled() || !breaks.Disabled() {
		t.Error("prices are editable")
	}
	for _, key := range []string{"pricelist.add_product", "pricelist.save_prices", "pricelist.adjust"} {
		if b := buttonIn(t, h.a.shell.content, en(key)); b.Visible() && isShown(b, h.a.shell.content) {
			t.Errorf("a seller sees %q", en(key))
		}
	}
	if pf.print.Disabled() {
		t.Error("a seller cannot print the list")
	}
}

// isShown tells whether o and everything holding it under root are visible.
func isShown(o, root fyne.CanvasObject) bool {
	var path []fyne.CanvasObject
	var find func(c fyne.CanvasObject, trail []fyne.CanvasObject) bool
	find = func(c fyne.CanvasObject, trail []fyne.CanvasObject) bool {
		trail = append(trail, c)
		if c == o {
			path = trail
			return true
		}
		switch v := c.(type) {
		case *fyne.Container:
			for _, x := range v.Objects {
				if find(x, trail) {
					return true
				}
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(v).Objects() {
				if find(x, trail) {
					return true
				}
			}
		}
		return false
	}
	if !find(root, nil) {
		return false
	}
	for _, x := range path {
		if !x.Visible() {
			return false
		}
	}
	return true
}
