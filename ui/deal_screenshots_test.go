package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
)

// TestDealScreenshots draws the board, the list, the move dialog and the
// deal form in Russian and English into PNGs, for a person to look at: into
// the folder named by SDELKA_UI_PNG, else a temp dir.
func TestDealScreenshots(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, lang := range []string{"ru", "en"} {
		h := newHarness(t, true, "en")
		f := newDealFixture(h)
		h.dealLogin("head")
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			layoutAll(h)
			path := filepath.Join(dir, lang+"-"+name+".png")
			out, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			if err := png.Encode(out, h.win.Canvas().Capture()); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
		}
		d := f.saveDeal("seller", model.Deal{Title: "Кирпич на склад «Север»", PaymentDays: 60, Lines: []model.DealLine{
			{ProductID: f.brick.ID, Qty: 40 * model.QtyOne, DiscountBP: 1800},
			{ProductID: f.tile.ID, Qty: 12 * model.QtyOne}}})
		b := h.openBoard()
		col, _ := boardCard(t, b, d.ID)
		b.selectCard(col, d.ID)
		for i, c := range b.board.Columns[col].Cards {
			if c.ID == d.ID {
				b.cols[col].list.ScrollTo(i)
			}
		}
		shot("deal-board")
		test.Tap(b.right)
		shot("deal-move-dialog")
		h.closeDialogs()
		l := newDealList(h.a)
		h.a.shell.open(l)
		h.waitFor("the deals", func() bool { return !l.busy() })
		l.list.Select(1)
		shot("deal-list")
		openDeal(h.a, d.ID)
		df := h.dealForm()
		shot("deal-form")
		for _, sc := range findAll(h.a.shell.content, func(sc *container.Scroll) bool { return sc.Content == df.body }) {
			sc.ScrollToBottom()
		}
		shot("deal-form-stages")
		for _, tab := range []string{"deal.tab.crosssell", "deal.tab.history"} {
			tabs := findAll[*container.AppTabs](h.a.shell.content, nil)
			if len(tabs) == 1 {
				for _, it := range tabs[0].Items {
					if it.Text == h.a.T(tab) {
						tabs[0].Select(it)
					}
				}
			}
			shot("deal-form-" + tab[len("deal.tab."):])
		}
		if demo := demoDealWithSuggestions(t, h); demo != "" {
			openDeal(h.a, demo)
			df = h.dealForm()
			for _, sc := range findAll(h.a.shell.content, func(sc *container.Scroll) bool { return sc.Content == df.body }) {
				sc.ScrollToBottom()
			}
			tabs := findAll[*container.AppTabs](h.a.shell.content, nil)
			tabs[0].SelectIndex(1)
			shot("deal-form-demo-crosssell")
		}
	}
}

// demoDealWithSuggestions is an open demo deal with cross-selling
// suggestions ("" when there is none).
func demoDealWithSuggestions(t *testing.T, h *harness) string {
	t.Helper()
	svc := h.dealSvc("head")
	ds, err := svc.FindDeals(h.ctx, model.DealFilter{Status: model.DealOpen, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if ss, _, err := svc.CrossSell(h.ctx, d.ID, 5); err == nil && len(ss) >= 2 {
			return d.ID
		}
	}
	return ""
}
