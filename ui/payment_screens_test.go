package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// TestPaymentScreenshots writes PNGs of the payment screens and dialogs to
// the folder named by SDELKA_UI_PNG, for a person to look at. It is skipped
// otherwise.
func TestPaymentScreenshots(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		t.Skip("set SDELKA_UI_PNG to a folder to write screenshots")
	}
	for _, lang := range []string{"ru", "en"} {
		h := newHarness(t, true, "en")
		h.login("accountant", repo.DemoPassword)
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			relayout(h)
			f, err := os.Create(filepath.Join(dir, lang+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
				t.Fatal(err)
			}
		}
		f := newPayFixture(h)
		f.invoiceOn(today().AddDate(0, 0, -45), 2)
		f.invoiceOn(today().AddDate(0, 0, -10), 1)
		inv := f.invoice(3)
		acc := h.session("accountant")
		if _, err := acc.RecordPayment(h.ctx, model.Payment{CustomerID: f.cust.ID, Date: today(), Amount: 150000, Method: model.PayBank,
			Number: "п/п 245", Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: 100000}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.session("head").SaveTerms(h.ctx, model.CustomerTerms{CustomerID: f.cust.ID, HasTerms: true, HasLimit: true,
			CreditLimit: 50000000, Terms: model.PaymentTerms{PrepayBP: 3000, Instalments: []model.Instalment{{Days: 14, ShareBP: 4000},
				{Days: 30, ShareBP: 3000}}}}); err != nil {
			t.Fatal(err)
		}
		pt, obj := h.paymentsTabOf(f.cust.ID)
		pt.list.Select(0)
		shot("card-payments")
		split := findAll[*container.Split](obj, nil)[0]
		split.SetOffset(0)
		shot("card-terms")
		split.SetOffset(0.4)
		pf := h.openPayment(f.cust.ID, "", nil)
		test.Type(pf.amount, h.moneyText(inv.Totals.Gross))
		test.Tap(pf.alloc.auto)
		shot("payment-dialog")
		pf.alloc.entries[0].SetText(h.moneyText(inv.Totals.Gross * 2))
		test.Tap(pf.save)
		shot("payment-dialog-error")
		h.closeDialogs()
		test.Tap(pt.allocBtn)
		shot("payment-allocate")
		h.closeDialogs()
		l := newPaymentList(h.a).(*paymentList)
		h.a.shell.open(l)
		shot("payments")
		s := newObligationsScreen(h.a).(*obligationsScreen)
		h.a.shell.open(s)
		shot("obligations")
		openStatementDialog(h.a, f.cust.ID, nil)
		shot("statement-dialog")
		h.closeDialogs()
		cd := openContractDialog(h.a, f.cust.ID, nil)
		h.settle()
		test.Tap(cd.create)
		shot("contract-dialog")
		h.closeDialogs()
		h.openSeries().rows[model.DocWaybill].mask.SetText("ТН-{YYYY}")
		shot("settings-series")
		h.a.shell.back()
		h.openTemplates().body.SetText("{{buyer.name}} {{buyer.nmae}}")
		shot("settings-templates")
	}
}

// relayout lays out every container and widget again from the top, twice,
// as the desktop driver does when a minimum size changes (the test canvas
// does not), so that the pictures show what a user would see.
func relayout(h *harness) {
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
