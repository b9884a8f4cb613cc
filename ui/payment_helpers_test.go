package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// payFixture is a warehouse with goods in stock and a customer of the seller,
// for tests that need invoices to pay.
type payFixture struct {
	h     *harness
	wh    model.Warehouse
	goods model.Product
	cust  model.Customer
}

// newPayFixture stores the warehouse, the goods and the customer.
func newPayFixture(h *harness) *payFixture {
	h.t.Helper()
	f := &payFixture{h: h}
	admin := h.session("admin")
	var err error
	if f.wh, err = admin.SaveWarehouse(h.ctx, model.Warehouse{Name: "Склад оплат", Active: true}); err != nil {
		h.t.Fatal(err)
	}
	f.goods = h.createProduct(model.Product{SKU: "PAY-1", Name: "Цемент М500", UnitCode: "796", BasePrice: 100000,
		VAT: model.VATStandard, Active: true})
	if _, err := admin.MoveStock(h.ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: f.goods.ID, ToID: f.wh.ID,
		Qty: 1000 * model.QtyOne}); err != nil {
		h.t.Fatal(err)
	}
	if f.cust, err = h.session("seller").CreateCustomer(h.ctx, model.Customer{Kind: model.CustomerCompany, Name: "ООО «Плательщик»"}); err != nil {
		h.t.Fatal(err)
	}
	return f
}

// invoice confirms an order of qty units for the customer today and returns
// the invoice it posted.
func (f *payFixture) invoice(qty int64) model.Document {
	f.h.t.Helper()
	return f.invoiceWith(f.h.session("admin"), qty)
}

// invoiceOn posts the invoice as of day (a store with its clock there), so
// that it falls due in the past.
func (f *payFixture) invoiceOn(day time.Time, qty int64) model.Document {
	h := f.h
	h.t.Helper()
	at := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local)
	s, err := repo.OpenWith(context.Background(), h.path, repo.Options{Now: func() time.Time { return at }})
	if err != nil {
		h.t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			h.t.Errorf("close the past store: %v", err)
		}
	}()
	return f.invoiceWith(s.Session(h.user("admin")), qty)
}

func (f *payFixture) invoiceWith(ss *repo.Session, qty int64) model.Document {
	h := f.h
	h.t.Helper()
	d, err := ss.SaveDraft(h.ctx, model.Document{Kind: model.DocOrder, CustomerID: f.cust.ID, WarehouseID: f.wh.ID,
		Lines: []model.DocLine{{ProductID: f.goods.ID, Qty: model.Qty(qty) * model.QtyOne}}})
	if err != nil {
		h.t.Fatalf("save the order: %v", err)
	}
	res, err := ss.ConfirmOrder(h.ctx, d.ID, d.Version)
	if err != nil {
		h.t.Fatalf("confirm the order: %v", err)
	}
	return res.Invoice
}

// doc reads a document as the administrator.
func (f *payFixture) doc(id string) model.Document {
	f.h.t.Helper()
	d, err := f.h.session("admin").FindDocumentByID(f.h.ctx, id)
	if err != nil {
		f.h.t.Fatal(err)
	}
	return d
}

// payments lists the customer's payments, newest first.
func (f *payFixture) payments() []model.Payment {
	f.h.t.Helper()
	ps, err := f.h.session("admin").FindPayments(f.h.ctx, model.PaymentFilter{CustomerID: f.cust.ID})
	if err != nil {
		f.h.t.Fatal(err)
	}
	return ps
}

// obligations lists the customer's obligations of a party.
func (f *payFixture) obligations(party model.ObligationParty) []model.Obligation {
	f.h.t.Helper()
	obs, err := f.h.session("admin").FindObligations(f.h.ctx, model.ObligationFilter{CustomerID: f.cust.ID, Party: party, Today: today()})
	if err != nil {
		f.h.t.Fatal(err)
	}
	return obs
}

// balance is the customer's balance today.
func (f *payFixture) balance() model.Balance {
	f.h.t.Helper()
	b, err := f.h.session("admin").CustomerBalance(f.h.ctx, f.cust.ID, today())
	if err != nil {
		f.h.t.Fatal(err)
	}
	return b
}

// money formats an amount for typing in the harness's language.
func (h *harness) moneyText(m model.Money) string { return h.a.moneyInput(m, 2) }

// rowTexts renders row i of a list of tapRows as its screen does and returns
// the texts of its labels (a label inside a cell container counts too).
func rowTexts(l *widget.List, i int) ([]string, []*widget.Label) {
	o := l.CreateItem()
	l.UpdateItem(i, o)
	var texts []string
	var labels []*widget.Label
	for _, c := range o.(*tapRow).content.(*fyne.Container).Objects {
		lbl, ok := c.(*widget.Label)
		if !ok {
			lbl = c.(*fyne.Container).Objects[0].(*widget.Label)
		}
		texts = append(texts, lbl.Text)
		labels = append(labels, lbl)
	}
	return texts, labels
}
