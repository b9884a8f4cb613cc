package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// TestOrderScreenshots draws the order form, the document view and the
// lists in Russian and English into PNGs, for a person to look at: into the
// folder named by SDELKA_UI_PNG, else a temp dir (logged).
func TestOrderScreenshots(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, lang := range []string{"ru", "en"} {
		h := newHarness(t, true, "en")
		h.login("seller", repo.DemoPassword)
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			layoutAll(h)
			path := filepath.Join(dir, lang+"-"+name+".png")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img := h.win.Canvas().Capture()
			if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 500 {
				t.Errorf("%s: the picture is %v", name, b)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
		}
		f := newOrderFixture(h)
		if _, err := h.session("head").SaveTerms(h.ctx, model.CustomerTerms{CustomerID: f.cust.ID, HasLimit: true,
			CreditLimit: 300000}); err != nil {
			t.Fatal(err)
		}
		o := h.openOrderForm(model.Document{Kind: model.DocOrder, CustomerID: f.cust.ID})
		pick(t, o.warehouse, f.wh.ID)
		h.fillLine(o, 0, f.goods, "2")
		h.fillLine(o, 1, f.scarce, "5")
		r := h.fillLine(o, 2, f.goods, "1")
		r.price.SetText("900")
		shot("order-form")
		o.lines.rows[1].qty.SetText("2")
		h.settle()
		res := f.confirmed(1)
		showDocument(h.a, res.Invoice.ID)
		h.docView()
		shot("doc-invoice")
		showCreditNoteDialog(h.a, res.Invoice, nil)
		shot("doc-credit-note")
		h.closeDialogs()
		showDocument(h.a, res.Order.ID)
		h.docView()
		showConfirmed(h.a, res)
		shot("order-confirmed")
		h.closeDialogs()
		openInsuranceDialog(h.a, res.Order, nil)
		h.settle()
		test.Tap(buttonIn(t, h.overlay(), h.a.T("ins.add")))
		shot("insurance-form")
		h.closeDialogs()
		l := newOrderList(h.a).(*orderList)
		h.a.shell.open(l)
		h.waitFor("the orders", func() bool { return !l.table.busy() })
		l.table.list.Select(0)
		shot("orders")
		dl := newDocList(h.a).(*docList)
		h.a.shell.open(dl)
		h.waitFor("the documents", func() bool { return !dl.table.busy() })
		for i := range 3 {
			dl.table.check(dl.table.rows[i].ID, true)
		}
		dl.table.list.Refresh()
		shot("documents")
	}
}

// layoutAll lays out every container and widget again from the top, as the
// desktop driver does when a minimum size changes (the test canvas does
// not), so that the pictures show what a user would see.
func layoutAll(h *harness) {
	roots := append([]fyne.CanvasObject{h.win.Content()}, h.win.Canvas().Overlays().List()...)
	for range 2 {
		for _, r := range roots {
			walk(r, func(o fyne.CanvasObject) {
				switch v := o.(type) {
				case *fyne.Container:
					if v.Layout != nil {
						v.Layout.Layout(v.Objects, v.Size())
					}
				case fyne.Widget:
					test.WidgetRenderer(v).Layout(v.Size())
				}
			})
		}
	}
}
