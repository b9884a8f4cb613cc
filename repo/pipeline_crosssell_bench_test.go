package repo_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// crossBenchOrders is how many posted orders the cross-sell benchmarks
// generate (about five lines each); SDELKA_CROSSSELL_ORDERS overrides it,
// e.g. 1000000 for the 5,000,000 lines of the speed target.
func crossBenchOrders(b *testing.B) int {
	n := 100_000
	if v := os.Getenv("SDELKA_CROSSSELL_ORDERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	return n
}

// crossBenchStore opens a new database with 2,000 products and n posted
// orders written directly (products in 200 families: an order takes one to
// nine lines, mostly from one family, the popular products more often). It
// returns the statistics RefreshCrossSell must store, counted on the way.
func crossBenchStore(b testing.TB, n int) (*repo.Store, model.User, string, []string, int, model.CrossStats) {
	b.Helper()
	ctx := b.Context()
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := repo.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	admin, err := s.Gate().Setup(ctx, testCompany(), model.NewUser{Login: "admin", FullName: "Админ", Password: testPassword})
	if err != nil {
		b.Fatal(err)
	}
	cust, err := s.Session(admin).CreateCustomer(ctx, model.Customer{Name: "ООО «Бенч»"})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	const nProducts, family = 2000, 10
	stamp := "2026-01-01T00:00:00.000Z"
	ids := make([]string, nProducts)
	for i := range ids {
		ids[i] = fmt.Sprintf("01900000-0000-7000-8000-%012d", i+1)
		name := fmt.Sprintf("Товар %d", i+1)
		if _, err := tx.Exec(`INSERT INTO products (id, num, sku, sku_fold, name, name_fold, kind, unit_code, base_price, vat, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 'service', '796', 10000, 'standard', ?, ?)`, ids[i], i+1, fmt.Sprintf("P-%d", i+1),
			fmt.Sprintf("p-%d", i+1), name, model.FoldText(name), stamp, stamp); err != nil {
			b.Fatal(err)
		}
	}
	doc, err := tx.Prepare(`INSERT INTO documents (id, num, kind, status, number, number_fold, doc_date, customer_id, currency, created_at, updated_at)
		VALUES (?, ?, 'order', 'posted', ?, ?, '2026-01-01', ?, 'RUB', ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	line, err := tx.Prepare(`INSERT INTO document_lines (doc_id, no, product_id, name, qty, price, vat_cat, vat_bp, net, vat, gross)
		VALUES (?, ?, ?, 'x', 1000, 10000, 'standard', 2200, 10000, 2200, 12200)`)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	famZipf := rand.NewZipf(rng, 1.2, 4, nProducts/family-1)
	inZipf := rand.NewZipf(rng, 1.1, 1, family-1)
	anyZipf := rand.NewZipf(rng, 1.05, 10, nProducts-1)
	lines := 0
	cc := model.NewCrossCounter()
	var basket []string
	for i := range n {
		id := fmt.Sprintf("01900000-0000-7000-9000-%012d", i+1)
		num := fmt.Sprintf("З-%07d", i+1)
		if _, err := doc.Exec(id, i+1, num, model.FoldText(num), cust.ID, stamp, stamp); err != nil {
			b.Fatal(err)
		}
		f := int(famZipf.Uint64())
		size := 1 + rng.IntN(9)
		basket = basket[:0]
		for no := 1; no <= size; no++ {
			p := f*family + int(inZipf.Uint64())
			if rng.IntN(10) < 3 {
				p = int(anyZipf.Uint64())
			}
			if _, err := line.Exec(id, no, ids[p]); err != nil {
				b.Fatal(err)
			}
			basket = append(basket, ids[p])
			lines++
		}
		cc.Add(basket)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return s, admin, cust.ID, ids, lines, cc.Stats(50, 2)
}

// BenchmarkRefreshCrossSell recomputes the cross-sell statistics from all
// posted orders (100,000 orders, about 500,000 lines by default).
func BenchmarkRefreshCrossSell(b *testing.B) {
	s, admin, _, _, lines, _ := crossBenchStore(b, crossBenchOrders(b))
	ss := s.Session(admin)
	b.ResetTimer()
	var info model.CrossSellInfo
	for b.Loop() {
		var err error
		if info, err = ss.RefreshCrossSell(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(float64(info.Pairs), "pairs")
}

// BenchmarkCrossSellSuggest asks for the suggestions of a deal of five
// popular products from the precomputed statistics; it reports the median
// and p95 (target: ≤ 50 ms at 5,000,000 order lines).
func BenchmarkCrossSellSuggest(b *testing.B) {
	s, admin, custID, ids, _, _ := crossBenchStore(b, crossBenchOrders(b))
	ss := s.Session(admin)
	if _, err := ss.RefreshCrossSell(b.Context()); err != nil {
		b.Fatal(err)
	}
	d := model.Deal{CustomerID: custID, Title: "Бенч"}
	for _, i := range []int{0, 1, 10, 11, 25} {
		d.Lines = append(d.Lines, model.DealLine{ProductID: ids[i], Qty: model.QtyOne})
	}
	d, err := ss.SaveDeal(b.Context(), d)
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		got, _, err := ss.CrossSell(b.Context(), d.ID, 10)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			b.Fatal("no suggestions")
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}
