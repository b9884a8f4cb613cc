package repo_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// BenchmarkConfirm200 confirms orders of 200 lines (200 goods in stock):
// numbering, amounts, credit check, 200 reservations, the invoice, the
// waybill, the obligations and the audit entries in one transaction. It
// reports the median and p95 (target: ≤ 50 ms).
func BenchmarkConfirm200(b *testing.B) {
	ctx := b.Context()
	s, err := repo.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	admin, err := s.Gate().Setup(ctx, testCompany(), model.NewUser{Login: "admin", FullName: "Админ", Password: testPassword})
	if err != nil {
		b.Fatal(err)
	}
	head := s.Session(admin)
	wh, err := head.SaveWarehouse(ctx, model.Warehouse{Name: "Склад", Active: true})
	if err != nil {
		b.Fatal(err)
	}
	var lines []model.DocLine
	for i := 0; i < 200; i++ {
		p, err := head.CreateProduct(ctx, model.Product{SKU: fmt.Sprintf("B-%03d", i), Name: fmt.Sprintf("Товар %d", i), UnitCode: "796",
			BasePrice: model.Money(1000 + i), VAT: model.VATStandard, Active: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := head.MoveStock(ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: wh.ID, Qty: 1_000_000_000}); err != nil {
			b.Fatal(err)
		}
		lines = append(lines, model.DocLine{ProductID: p.ID, Qty: model.Qty(1000 + i)})
	}
	cust, err := head.CreateCustomer(ctx, model.Customer{Name: "ООО «Бенч»"})
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		d, err := head.SaveDraft(ctx, model.Document{Kind: model.DocOrder, CustomerID: cust.ID, WarehouseID: wh.ID, Lines: lines})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := head.ConfirmOrder(ctx, d.ID, d.Version); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}
