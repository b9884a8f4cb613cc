package repo_test

import (
	"fmt"
	"path/filepath"
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
