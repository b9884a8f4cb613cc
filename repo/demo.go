package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"

	"sdelka/model"
)

// DemoSize sets how much demo data `sdelkactl demo` makes.
type DemoSize string

// Demo sizes. Large is the volume the speed targets are measured on.
const (
	DemoSmall  DemoSize = "small"
	DemoMedium DemoSize = "medium"
	DemoLarge  DemoSize = "large"
)

// DemoCustomers is the number of customers per size.
func (d DemoSize) DemoCustomers() (int, error) {
	switch d {
	case DemoSmall, "":
		return 300, nil
	case DemoMedium:
		return 50_000, nil
	case DemoLarge:
		return 1_000_000, nil
	}
	return 0, fmt.Errorf("demo size %q: want small, medium or large", d)
}

// DemoPassword is the password of every demo user, shown on the login screen
// of a demo database.
const DemoPassword = "demo2026"

// demoUsers are the demo company's staff, one per role plus a second seller.
var demoUsers = []model.NewUser{
	{Login: "admin", FullName: "Ольга Смирнова", Role: model.RoleAdmin},
	{Login: "head", FullName: "Андрей Волков", Role: model.RoleHead},
	{Login: "seller", FullName: "Мария Кузнецова", Role: model.RoleSeller},
	{Login: "seller2", FullName: "Дмитрий Соколов", Role: model.RoleSeller},
	{Login: "accountant", FullName: "Елена Морозова", Role: model.RoleAccountant},
}

// DemoCompany is the demo company's requisites (valid checksums, fictitious).
var DemoCompany = model.Company{
	Name:            "Общество с ограниченной ответственностью «Ромашка Трейд»",
	ShortName:       "ООО «Ромашка Трейд»",
	INN:             "7707083893",
	KPP:             "770701001",
	OGRN:            "1027700132195",
	LegalAddress:    "125009, г. Москва, ул. Тверская, д. 7, офис 12",
	PostalAddress:   "125009, г. Москва, ул. Тверская, д. 7, офис 12",
	Phone:           "+7 495 123-45-67",
	Email:           "sales@romashka-trade.ru",
	BankName:        "ПАО Сбербанк",
	BIC:             "044525225",
	Account:         "40702810938000000001",
	CorrAccount:     "30101810400000000225",
	Director:        "Смирнова Ольга Игоревна",
	ChiefAccountant: "Морозова Елена Викторовна",
}

// Demo fills an empty database with a realistic demo company: the company
// requisites, users of every role (password DemoPassword), customers spread
// over the sellers, the catalog, three years of sales up to today
// (DemoSales, size.DemoOrders orders) and of the sales pipeline
// (DemoPipeline, size.DemoDeals deals). It refuses a database that already
// has users.
func (s *Store) Demo(ctx context.Context, seed uint64, size DemoSize) error {
	n, err := size.DemoCustomers()
	if err != nil {
		return err
	}
	if err := s.DemoWithCustomers(ctx, seed, n); err != nil {
		return err
	}
	if err := s.DemoSales(ctx, seed, size.DemoOrders()); err != nil {
		return err
	}
	if err := s.DemoPipeline(ctx, seed, size.DemoDeals()); err != nil {
		return err
	}
	return s.DemoAnalytics(ctx)
}

// DemoWithCustomers is Demo with exactly n customers.
func (s *Store) DemoWithCustomers(ctx context.Context, seed uint64, n int) error {
	need, err := s.Gate().NeedsSetup(ctx)
	if err != nil {
		return err
	}
	if !need {
		return fmt.Errorf("demo: %s already has users; use a new file", s.path)
	}
	admin := demoUsers[0]
	admin.Password = DemoPassword
	au, err := s.Gate().Setup(ctx, DemoCompany, admin)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	sess := s.Session(au)
	owners := []string{}
	logins := []model.DemoLogin{{Login: admin.Login, Password: DemoPassword, Role: admin.Role}}
	for _, nu := range demoUsers[1:] {
		nu.Password = DemoPassword
		u, err := sess.CreateUser(ctx, nu)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", nu.Login, err)
		}
		logins = append(logins, model.DemoLogin{Login: nu.Login, Password: DemoPassword, Role: nu.Role})
		if u.Role == model.RoleSeller {
			owners = append(owners, u.ID)
		}
	}
	js, err := json.Marshal(logins)
	if err != nil {
		return err
	}
	if err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO app_meta (key, value) VALUES (?, ?)`, demoLoginsKey, string(js))
		return err
	}); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := s.demoCustomers(ctx, seed, n, au, owners); err != nil {
		return err
	}
	if err := s.demoCatalogData(ctx, seed, au); err != nil {
		return fmt.Errorf("demo catalog: %w", err)
	}
	return nil
}

// DemoCustomers adds n generated customers to a database that Demo set up
// (`sdelkactl demo --customers N`).
func (s *Store) DemoCustomers(ctx context.Context, seed uint64, n int) error {
	users, err := s.Session(System).FindUsers(ctx)
	if err != nil {
		return err
	}
	var admin model.User
	var owners []string
	for _, u := range users {
		switch u.Role {
		case model.RoleAdmin:
			admin = u
		case model.RoleSeller:
			owners = append(owners, u.ID)
		}
	}
	if admin.ID == "" || len(owners) == 0 {
		return fmt.Errorf("demo customers: %s has no administrator or seller; run demo first", s.path)
	}
	return s.demoCustomers(ctx, seed, n, admin, owners)
}

// demoCustomers bulk-loads n customers with contacts, timelines and service
// requests in batches, then builds the search index once.
func (s *Store) demoCustomers(ctx context.Context, seed uint64, n int, admin model.User, owners []string) (err error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x5DEECE66D))
	var groups []string
	gs, err := s.Session(System).Groups(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		groups = append(groups, g.ID)
	}
	// A large load into an empty base: drop the secondary indexes, load,
	// build them again (several times faster than keeping them current).
	var empty int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) = 0 FROM customers`).Scan(&empty); err != nil {
		return err
	}
	if empty == 1 && n >= 20_000 {
		restore, err := s.dropIndexes(ctx, "customers", "contacts", "contact_channels", "interactions", "service_requests", "customer_tags")
		if err != nil {
			return err
		}
		defer func() {
			if rerr := restore(); err == nil {
				err = rerr
			}
		}()
	}
	// Generated data can be generated again: no fsyncs during the load.
	if _, err := s.w.ExecContext(ctx, `PRAGMA cache_size = -262144; PRAGMA synchronous = OFF`); err != nil {
		return err
	}
	defer s.w.ExecContext(context.Background(), `PRAGMA cache_size = -32768; PRAGMA synchronous = FULL`)
	g, err := newDemoGen(ctx, rng, s, owners, groups, admin)
	if err != nil {
		return err
	}
	// Generate in one goroutine, write in this one.
	rows := make(chan []demoExec, 2048)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(rows)
		for i := 0; i < n; i++ {
			select {
			case rows <- g.next(ctx):
			case <-stop:
				return
			}
		}
	}()
	const batch = 50_000
	for done := 0; done < n; done += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		m := min(batch, n-done)
		if err := s.write(ctx, func(tx *sql.Tx) error {
			sts, err := prepareDemo(ctx, tx)
			if err != nil {
				return err
			}
			defer closeStmts(sts)
			bg := context.WithoutCancel(ctx) // no watcher goroutine per statement
			for i := 0; i < m; i++ {
				for _, e := range <-rows {
					if _, err := sts[e.st].ExecContext(bg, e.args...); err != nil {
						return err
					}
				}
			}
			return s.audit(ctx, tx, admin, model.AuditCreate, model.EntityCustomer, "demo-batch-"+strconv.Itoa(done/batch+1),
				[]model.Change{{Field: "demo_customers", New: strconv.Itoa(m)}})
		}); err != nil {
			return fmt.Errorf("demo customers: %w", err)
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')`)
		return err
	})
}

func checkDigit(d []int, w []int) int {
	sum := 0
	for i, x := range w {
		sum += d[i] * x
	}
	return sum % 11 % 10
}

// demoINN10 makes an organisation INN of the region with a correct check digit.
func demoINN10(rng *rand.Rand, region string) string {
	d := make([]int, 10)
	d[0], d[1] = int(region[0]-'0'), int(region[1]-'0')
	for i := 2; i < 9; i++ {
		d[i] = rng.IntN(10)
	}
	d[9] = checkDigit(d, []int{2, 4, 10, 3, 5, 9, 4, 6, 8})
	return digitsString(d)
}

// demoINN12 makes a personal INN of the region with correct check digits.
func demoINN12(rng *rand.Rand, region string) string {
	d := make([]int, 12)
	d[0], d[1] = int(region[0]-'0'), int(region[1]-'0')
	for i := 2; i < 10; i++ {
		d[i] = rng.IntN(10)
	}
	d[10] = checkDigit(d, []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8})
	d[11] = checkDigit(d, []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8})
	return digitsString(d)
}

func digitsString(d []int) string {
	b := make([]byte, len(d))
	for i, x := range d {
		b[i] = byte('0' + x)
	}
	return string(b)
}

// triggerIndexes are kept during bulk loads: the analytics triggers look
// rows up through them (without deal_stage_history_deal every stage move
// of the demo scanned the whole history: the large demo's pipeline went
// from 20 s to over an hour).
var triggerIndexes = map[string]bool{"deal_stage_history_deal": true, "deals_customer_all": true}

// dropIndexes drops the explicit indexes of tables (but triggerIndexes)
// and returns a function that creates them again, in one transaction each
// way.
func (s *Store) dropIndexes(ctx context.Context, tables ...string) (func() error, error) {
	js, _ := json.Marshal(tables)
	rows, err := s.r.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return nil, err
	}
	var names, ddl []string
	for rows.Next() {
		var n, q string
		if err := rows.Scan(&n, &q); err != nil {
			rows.Close()
			return nil, err
		}
		if triggerIndexes[n] {
			continue
		}
		names, ddl = append(names, n), append(ddl, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		for _, n := range names {
			if _, err := tx.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func() error {
		return s.write(context.Background(), func(tx *sql.Tx) error {
			for _, q := range ddl {
				if _, err := tx.ExecContext(context.Background(), q); err != nil {
					return fmt.Errorf("recreate index: %w", err)
				}
			}
			return nil
		})
	}, nil
}
