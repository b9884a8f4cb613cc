package repo_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

var _ model.SalesService = (*repo.Session)(nil)

// salesFixture is a team, a warehouse with stock of two goods, a service and
// a customer owned by seller1.
type salesFixture struct {
	s         *repo.Store
	clk       *fakeClock
	tm        team
	wh        model.Warehouse
	cement    model.Product // goods, 100 in stock, 650.00 + VAT
	nails     model.Product // goods, 10 in stock, 12.34 + VAT
	delivery  model.Product // service, 1500.00
	customer  model.Customer
	head, acc *repo.Session
	seller    *repo.Session
}

func units(n int64) model.Qty { return model.Qty(n) * model.QtyOne }

func newSalesFixture(t *testing.T) *salesFixture {
	t.Helper()
	s, clk := newStore(t)
	f := &salesFixture{s: s, clk: clk, tm: setupTeam(t, s)}
	f.head, f.acc, f.seller = s.Session(f.tm.head), s.Session(f.tm.accountant), s.Session(f.tm.seller1)
	// Wholesale: prices without VAT (the default is retail, with VAT).
	if err := f.head.SaveTaxSettings(t.Context(), model.TaxSettings{BaseCurrency: "RUB"}); err != nil {
		t.Fatal(err)
	}
	f.cement = mustProduct(t, f.head, model.Product{SKU: "CEM-50", Name: "Цемент М500, 50 кг", UnitCode: "796", BasePrice: 65000,
		VAT: model.VATStandard, Active: true, WeightGrams: 50000})
	f.nails = mustProduct(t, f.head, model.Product{SKU: "NL-100", Name: "Гвозди 100 мм", UnitCode: "166", BasePrice: 1234,
		VAT: model.VATStandard, Active: true})
	f.delivery = mustProduct(t, f.head, model.Product{SKU: "DLV", Name: "Доставка", Kind: model.KindService, UnitCode: "876",
		BasePrice: 150000, VAT: model.VATStandard, Active: true})
	var err error
	if f.wh, err = f.head.SaveWarehouse(t.Context(), model.Warehouse{Name: "Основной склад", Active: true}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []model.StockMovement{
		{Kind: model.MoveReceipt, ProductID: f.cement.ID, ToID: f.wh.ID, Qty: units(100)},
		{Kind: model.MoveReceipt, ProductID: f.nails.ID, ToID: f.wh.ID, Qty: units(10)},
	} {
		if _, err := f.head.MoveStock(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	f.customer = createCustomer(t, f.seller, "ООО «Покупатель»", "")
	return f
}

// order saves a draft order of the lines (product, quantity in units).
func (f *salesFixture) order(t *testing.T, ss *repo.Session, customerID string, lines ...any) model.Document {
	t.Helper()
	d := model.Document{Kind: model.DocOrder, CustomerID: customerID, WarehouseID: f.wh.ID}
	for i := 0; i < len(lines); i += 2 {
		d.Lines = append(d.Lines, model.DocLine{ProductID: lines[i].(model.Product).ID, Qty: units(int64(lines[i+1].(int)))})
	}
	d, err := ss.SaveDraft(t.Context(), d)
	if err != nil {
		t.Fatalf("save draft: %v", err)
	}
	return d
}

func (f *salesFixture) stock(t *testing.T, p model.Product) model.StockBalance {
	t.Helper()
	bs, err := f.head.Stock(t.Context(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.WarehouseID == f.wh.ID {
			return b
		}
	}
	return model.StockBalance{}
}

func TestOrderToCash(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	o := f.order(t, f.seller, f.customer.ID, f.cement, 10, f.nails, 3, f.delivery, 1)
	if o.Number != "" || o.Status != model.StatusDraft {
		t.Fatalf("a draft has no number: %+v", o)
	}
	// 10 × 650.00 = 6500.00; 3 × 12.34 = 37.02; 1500.00; VAT 22 % on each line.
	want := model.Money(650000 + 3702 + 150000)
	if o.Totals.Net != want || o.Totals.Gross != o.Totals.Net+o.Totals.VAT || o.Totals.VAT != 143000+814+33000 {
		t.Errorf("totals %+v, want net %d, VAT %d", o.Totals, want, 143000+814+33000)
	}
	chk, err := f.seller.CheckOrder(ctx, model.Document{Kind: model.DocOrder, CustomerID: f.customer.ID, WarehouseID: f.wh.ID,
		Lines: []model.DocLine{{ProductID: f.nails.ID, Qty: units(11)}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(chk.Short) != 1 || chk.Available[f.nails.ID] != units(10) {
		t.Errorf("11 nails of 10: short %v, available %v", chk.Short, chk.Available)
	}

	res, err := f.seller.ConfirmOrder(ctx, o.ID, o.Version)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	if res.Order.Number != "З-2026-0001" || res.Invoice.Number != "СЧ-2026-0001" || res.Waybill.Number != "ТН-2026-0001" {
		t.Errorf("numbers %q %q %q", res.Order.Number, res.Invoice.Number, res.Waybill.Number)
	}
	if b := f.stock(t, f.cement); b.OnHand != units(100) || b.Reserved != units(10) {
		t.Errorf("cement after confirm: %+v", b)
	}
	inv, err := f.acc.FindDocumentByNumber(ctx, model.DocInvoice, "сч-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) != 3 || inv.Totals.Gross != res.Order.Totals.Gross || inv.Lines[1].Name != "Гвозди 100 мм" {
		t.Errorf("invoice lines: %+v", inv.Lines)
	}
	wb, err := f.acc.FindDocumentByID(ctx, res.Waybill.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Lines) != 2 {
		t.Errorf("the waybill carries the goods only: %d lines", len(wb.Lines))
	}
	if _, err := f.seller.SaveDraft(ctx, res.Order); !errors.Is(err, model.ErrPosted) {
		t.Errorf("editing a confirmed order: %v, want ErrPosted", err)
	}

	if _, err := f.head.ShipWaybill(ctx, wb.ID, wb.Version, time.Time{}); err != nil {
		t.Fatalf("ship: %v", err)
	}
	if b := f.stock(t, f.cement); b.OnHand != units(90) || b.Reserved != 0 {
		t.Errorf("cement after shipment: %+v", b)
	}
	ord, _ := f.head.FindDocumentByID(ctx, res.Order.ID)
	if ord.Status != model.StatusShipped {
		t.Errorf("order status after its waybill shipped: %s", ord.Status)
	}

	gross := inv.Totals.Gross
	p1, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: f.customer.ID, Amount: 100000, Method: model.PayBank, Date: clockStart,
		Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: 100000}}})
	if err != nil {
		t.Fatalf("payment: %v", err)
	}
	inv, _ = f.acc.FindDocumentByID(ctx, inv.ID)
	if got := model.InvoiceState(inv, clockStart); got != model.PayPartly || inv.Paid != 100000 {
		t.Errorf("after a part payment: %s, paid %d", got, inv.Paid)
	}
	// Pay the rest and 500.00 more: the excess stays as credit.
	if _, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: f.customer.ID, Amount: gross - 100000 + 50000, Method: model.PayCash,
		Date: clockStart, Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: gross - 100000 + 1}}}); !hasField(err, "allocations.1") {
		t.Errorf("allocating more than is due: %v", err)
	}
	if _, err := f.acc.RecordPayment(ctx, model.Payment{CustomerID: f.customer.ID, Amount: gross - 100000 + 50000, Method: model.PayCash,
		Date: clockStart, Allocations: []model.Allocation{{InvoiceID: inv.ID, Amount: gross - 100000}}}); err != nil {
		t.Fatal(err)
	}
	inv, _ = f.acc.FindDocumentByID(ctx, inv.ID)
	if got := model.InvoiceState(inv, clockStart); got != model.PayPaid {
		t.Errorf("after paying in full: %s", got)
	}
	bal, err := f.acc.CustomerBalance(ctx, f.customer.ID, clockStart)
	if err != nil {
		t.Fatal(err)
	}
	if bal.Debt != -50000 || bal.Credit != 50000 || bal.Invoiced != gross {
		t.Errorf("balance %+v: want debt −500.00 and credit 500.00", bal)
	}
	obs, err := f.acc.FindObligations(ctx, model.ObligationFilter{CustomerID: f.customer.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, ob := range obs {
		if ob.Status != model.ObligationDone {
			t.Errorf("obligation %+v not done", ob)
		}
	}
	if len(obs) != 2 {
		t.Errorf("obligations: %d, want delivery and one payment", len(obs))
	}

	// Return 2 bags of cement: a credit note, the stock comes back.
	cn, err := f.acc.CreateCreditNote(ctx, inv.ID, []model.CreditLine{{LineNo: 1, Qty: units(2)}}, "брак", time.Time{})
	if err != nil {
		t.Fatalf("credit note: %v", err)
	}
	if cn.Number != "КР-2026-001" || cn.Totals.Gross != -(130000+28600) {
		t.Errorf("credit note %s gross %d", cn.Number, cn.Totals.Gross)
	}
	if _, err := f.acc.CreateCreditNote(ctx, inv.ID, []model.CreditLine{{LineNo: 1, Qty: units(9)}}, "ещё", time.Time{}); !hasField(err, "lines.1") {
		t.Errorf("returning more than was sold: %v", err)
	}
	if b := f.stock(t, f.cement); b.OnHand != units(92) {
		t.Errorf("cement after the return: %+v", b)
	}
	if _, err := f.acc.CancelDocument(ctx, inv.ID, 0, "ошибка"); !errors.Is(err, model.ErrHasPayments) {
		t.Errorf("cancelling a paid invoice: %v", err)
	}
	st, err := f.acc.CreateStatement(ctx, f.customer.ID, clockStart.AddDate(0, -1, 0), clockStart)
	if err != nil {
		t.Fatal(err)
	}
	pack, err := f.acc.PrintPack(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s := pack.Statement; len(s.Rows) != 4 || s.Closing != -50000-158600 || s.DebitTotal != gross {
		t.Errorf("statement %+v", s)
	}
	_ = p1
	mustCheck(t, f.s)
}

func TestNumberingIsGapFreeUnderConcurrencyAndYearly(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	const n = 12
	var orders []model.Document
	for i := 0; i < 2*n; i++ {
		orders = append(orders, f.order(t, f.head, f.customer.ID, f.cement, 1, f.delivery, 1))
	}
	// One order that cannot be confirmed: its failure must not use a number.
	bad := f.order(t, f.head, f.customer.ID, f.nails, 11)
	var mu sync.Mutex
	var numbers []string
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < 2*n; i += 2 {
				if i == n {
					if _, err := f.head.ConfirmOrder(ctx, bad.ID, bad.Version); !errors.Is(err, model.ErrInsufficientStock) {
						t.Errorf("confirming 11 of 10 nails: %v", err)
					}
				}
				r, err := f.head.ConfirmOrder(ctx, orders[i].ID, orders[i].Version)
				if err != nil {
					t.Errorf("confirm %d: %v", i, err)
					return
				}
				mu.Lock()
				numbers = append(numbers, r.Invoice.Number)
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	sort.Strings(numbers)
	for i, num := range numbers {
		if want := fmt.Sprintf("СЧ-2026-%04d", i+1); num != want {
			t.Fatalf("invoice numbers %v: position %d is %s, want %s", numbers, i, num, want)
		}
	}
	f.clk.Advance(365 * 24 * time.Hour)
	o := f.order(t, f.head, f.customer.ID, f.delivery, 1)
	r, err := f.head.ConfirmOrder(ctx, o.ID, o.Version)
	if err != nil {
		t.Fatal(err)
	}
	if r.Invoice.Number != "СЧ-2027-0001" || r.Waybill.ID != "" {
		t.Errorf("first invoice of 2027: %q (a services-only order makes no waybill: %q)", r.Invoice.Number, r.Waybill.Number)
	}
	mustCheck(t, f.s)
}

func TestCreditLimitNeedsAHeadsApproval(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	if _, err := f.seller.SaveTerms(ctx, model.CustomerTerms{CustomerID: f.customer.ID, HasLimit: true, CreditLimit: 500000}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller setting a credit limit: %v", err)
	}
	if _, err := f.acc.SaveTerms(ctx, model.CustomerTerms{CustomerID: f.customer.ID, HasLimit: true, CreditLimit: 500000,
		HasTerms: true, Terms: model.PaymentTerms{NetDays: 10}}); err != nil {
		t.Fatal(err)
	}
	o := f.order(t, f.seller, f.customer.ID, f.cement, 10) // 7 930.00 with VAT
	_, err := f.seller.ConfirmOrder(ctx, o.ID, o.Version)
	var ce *model.CreditLimitError
	if !errors.As(err, &ce) || ce.Limit != 500000 || ce.Order != 793000 || ce.Over != 293000 || ce.Outstanding != 0 {
		t.Fatalf("confirm over the limit: %v (%+v)", err, ce)
	}
	if _, err := f.seller.ApproveCredit(ctx, o.ID, o.Version, "я разрешаю"); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller approving: %v", err)
	}
	o, err = f.head.ApproveCredit(ctx, o.ID, o.Version, "надёжный клиент")
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.seller.ConfirmOrder(ctx, o.ID, o.Version)
	if err != nil {
		t.Fatalf("confirm after approval: %v", err)
	}
	if want := clockStart.AddDate(0, 0, 10).Format(time.DateOnly); r.Invoice.DueDate.Format(time.DateOnly) != want {
		t.Errorf("due date %s, want %s (net 10 days)", r.Invoice.DueDate.Format(time.DateOnly), want)
	}
	// The next order finds 7 930.00 outstanding.
	o2 := f.order(t, f.seller, f.customer.ID, f.nails, 1)
	if _, err := f.seller.ConfirmOrder(ctx, o2.ID, o2.Version); !errors.As(err, &ce) || ce.Outstanding != 793000 {
		t.Errorf("second order: %v", err)
	}
	entries, err := f.s.Session(f.tm.admin).FindAudit(ctx, model.AuditFilter{EntityID: o.ID})
	if err != nil {
		t.Fatal(err)
	}
	approved := false
	for _, e := range entries {
		for _, c := range e.Changes {
			if c.Field == "credit_approved" && c.New != "" && e.UserLogin == "head" {
				approved = true
			}
		}
	}
	if !approved {
		t.Errorf("the approval is not in the audit log: %+v", entries)
	}
	mustCheck(t, f.s)
}

func TestCancelReleasesAndReissueLinks(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	o := f.order(t, f.seller, f.customer.ID, f.cement, 5)
	r, err := f.seller.ConfirmOrder(ctx, o.ID, o.Version)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.seller.CancelDocument(ctx, r.Order.ID, r.Order.Version, ""); !hasField(err, "reason") {
		t.Errorf("cancel without a reason: %v", err)
	}
	if _, err := f.seller.CancelDocument(ctx, r.Order.ID, r.Order.Version, "клиент передумал"); err != nil {
		t.Fatal(err)
	}
	if b := f.stock(t, f.cement); b.Reserved != 0 || b.OnHand != units(100) {
		t.Errorf("after cancelling: %+v", b)
	}
	inv, _ := f.acc.FindDocumentByID(ctx, r.Invoice.ID)
	if inv.Status != model.StatusCancelled || inv.Number != "СЧ-2026-0001" {
		t.Errorf("invoice of a cancelled order: %s %s", inv.Status, inv.Number)
	}
	re, err := f.acc.ReissueDocument(ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	re, err = f.acc.PostDocument(ctx, re.ID, re.Version)
	if err != nil {
		t.Fatal(err)
	}
	if re.Number != "СЧ-2026-0002" || re.ReplacesID != inv.ID {
		t.Errorf("reissued %s replaces %q", re.Number, re.ReplacesID)
	}
	rel, err := f.acc.RelatedDocuments(ctx, re.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range rel {
		found = found || d.ID == inv.ID
	}
	if !found {
		t.Errorf("the cancelled invoice is not related to its reissue: %+v", rel)
	}
	other := createCustomer(t, f.s.Session(f.tm.seller2), "ИП Чужой", "")
	if _, err := f.seller.SaveDraft(ctx, model.Document{Kind: model.DocOrder, CustomerID: other.ID,
		Lines: []model.DocLine{{ProductID: f.cement.ID, Qty: units(1)}}}); !hasField(err, "customer") {
		t.Errorf("an order for another seller's customer: %v", err)
	}
	docs, err := f.s.Session(f.tm.seller2).FindDocuments(ctx, model.DocFilter{})
	if err != nil || len(docs) != 0 {
		t.Errorf("seller2 sees %d documents of seller1's customer (%v)", len(docs), err)
	}
	mustCheck(t, f.s)
}

func TestContractFromTemplate(t *testing.T) {
	f := newSalesFixture(t)
	ctx := t.Context()
	d, err := f.seller.CreateContract(ctx, f.customer.ID, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "" || !containsAll(d.Body, "ООО «Покупатель»", "Общество с ограниченной ответственностью «Тест»") {
		t.Errorf("draft contract: %q…", d.Body[:200])
	}
	d, err = f.seller.PostDocument(ctx, d.ID, d.Version)
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "Д-2026-001" {
		t.Errorf("contract number %q", d.Number)
	}
	if _, err := f.s.Session(f.tm.admin).SaveTemplate(ctx, model.DocTemplate{Name: "x", Lang: "ru", Body: "{{buyer.nam}}"}); !hasField(err, "body") {
		t.Errorf("a template with an unknown placeholder: %v", err)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
