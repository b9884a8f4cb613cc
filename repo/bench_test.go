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

// benchStore is a demo database of the given size in a temp dir, and the
// services of its sales head.
func benchStore(b *testing.B, size repo.DemoSize) (*repo.Store, model.Services) {
	b.Helper()
	s, err := repo.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Demo(b.Context(), 1, size); err != nil {
		b.Fatal(err)
	}
	users, err := s.Session(repo.System).FindUsers(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range users {
		if u.Role == model.RoleHead {
			return s, s.Services(u)
		}
	}
	b.Fatal("no sales head in the demo")
	return nil, model.Services{}
}

func BenchmarkCreateCustomer(b *testing.B) {
	_, svc := benchStore(b, repo.DemoSmall)
	i := 0
	for b.Loop() {
		i++
		if _, err := svc.Customers.CreateCustomer(b.Context(), model.Customer{Name: fmt.Sprintf("Бенч %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpdateCustomer(b *testing.B) {
	_, svc := benchStore(b, repo.DemoSmall)
	page, err := svc.Customers.FindCustomers(b.Context(), model.CustomerFilter{Limit: 1})
	if err != nil || len(page) == 0 {
		b.Fatal(err)
	}
	c := page[0]
	for b.Loop() {
		c.Note += "."
		if c, err = svc.Customers.UpdateCustomer(b.Context(), c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindCustomersPage(b *testing.B) {
	_, svc := benchStore(b, repo.DemoMedium)
	for b.Loop() {
		if _, err := svc.Customers.FindCustomers(b.Context(), model.CustomerFilter{Query: "ооо «ве", Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogin(b *testing.B) {
	s, _ := benchStore(b, repo.DemoSmall)
	for b.Loop() {
		if _, err := s.Gate().Login(b.Context(), "seller", repo.DemoPassword); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportCustomers imports 20,000 new customers with a contact each
// into an empty base and reports rows per second (search index included).
func BenchmarkImportCustomers(b *testing.B) {
	rows := make([]model.CustomerImport, 20000)
	for i := range rows {
		rows[i] = model.CustomerImport{Row: i + 2, Customer: model.Customer{Name: fmt.Sprintf("ООО «Импорт %d»", i),
			Phone: fmt.Sprintf("+7 916 %07d", i), Email: fmt.Sprintf("c%d@x.ru", i)},
			Contact: &model.Contact{Name: "Иван Петров", Phones: []string{fmt.Sprintf("+7 903 %07d", i)}, Emails: []string{fmt.Sprintf("p%d@x.ru", i)}}}
	}
	var total time.Duration
	n := 0
	for b.Loop() {
		s, svc := benchStore(b, repo.DemoSize("small"))
		_ = s
		start := time.Now()
		res, err := svc.Customers.ImportCustomers(b.Context(), model.RowsSource(rows, nil), model.ImportOptions{}, nil)
		total += time.Since(start)
		if err != nil || res.Imported != len(rows) {
			b.Fatalf("import: %+v, %v", res, err)
		}
		n += len(rows)
	}
	b.ReportMetric(float64(n)/total.Seconds(), "rows/s")
}

// BenchmarkPriceOrder200 prices a 200-line order for a customer of a group
// with a price list, reads included (target: p95 ≤ 5 ms).
func BenchmarkPriceOrder200(b *testing.B) {
	s, svc := benchStore(b, repo.DemoSmall)
	_ = s
	ctx := b.Context()
	rows, err := svc.Catalog.FindProducts(ctx, model.ProductFilter{Limit: 1000})
	if err != nil || len(rows) < 200 {
		b.Fatalf("products: %d, %v", len(rows), err)
	}
	groups, _ := svc.Customers.Groups(ctx)
	var customerID string
	cs, _ := svc.Customers.FindCustomers(ctx, model.CustomerFilter{Limit: 200})
	for _, c := range cs {
		for _, g := range groups {
			if c.GroupID == g.ID && g.Name == "Дилеры" {
				customerID = c.ID
			}
		}
	}
	if customerID == "" {
		b.Fatal("no dealer among the demo customers")
	}
	lines := make([]model.PriceLine, 200)
	for i := range lines {
		lines[i] = model.PriceLine{ProductID: rows[i*len(rows)/200].ID, Qty: model.Qty(1+i%30) * model.QtyOne}
	}
	day := time.Now()
	var times []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := svc.Catalog.PriceOrder(ctx, customerID, day, "", lines); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95_ms")
}
