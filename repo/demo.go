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
// requisites, users of every role (password DemoPassword) and customers spread
// over the sellers. It refuses a database that already has users.
func (s *Store) Demo(ctx context.Context, seed uint64, size DemoSize) error {
	n, err := size.DemoCustomers()
	if err != nil {
		return err
	}
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
	rng := rand.New(rand.NewPCG(seed, seed^0x5DEECE66D))
	const batch = 10_000
	for done := 0; done < n; done += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		m := min(batch, n-done)
		if err := s.write(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, kind, name, name_fold, inn, kpp, phone, email, note, owner_id, created_at, updated_at, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 1)`)
			if err != nil {
				return err
			}
			defer stmt.Close()
			now := ts(s.now())
			for i := 0; i < m; i++ {
				c := demoCustomer(rng)
				if _, err := stmt.ExecContext(ctx, s.newID(), string(c.Kind), c.Name, model.FoldText(c.Name), c.INN, c.KPP, c.Phone, c.Email,
					owners[rng.IntN(len(owners))], now, now); err != nil {
					return err
				}
			}
			return s.audit(ctx, tx, au, model.AuditCreate, model.EntityCustomer, "demo-batch-"+strconv.Itoa(done/batch+1),
				[]model.Change{{Field: "demo_customers", New: strconv.Itoa(m)}})
		}); err != nil {
			return fmt.Errorf("demo customers: %w", err)
		}
	}
	return nil
}

var (
	demoForms   = []string{"ООО", "АО", "ПАО", "ООО", "ООО"}
	demoStems   = []string{"Северный", "Альфа", "Вектор", "Гранит", "Ёлка", "Меридиан", "Прогресс", "Сибирь", "Техно", "Уралсталь", "Волга", "Балтика", "Орбита", "Лидер", "Фортуна", "Кедр", "Зенит", "Импульс", "Энергия", "Стройка"}
	demoTrades  = []string{"Трейд", "Снаб", "Логистик", "Строй", "Маркет", "Пром", "Агро", "Сервис", "Групп", "Инжиниринг"}
	demoFirst   = []string{"Александр", "Сергей", "Наталья", "Ирина", "Алексей", "Татьяна", "Павел", "Юлия", "Артём", "Фёдор"}
	demoLast    = []string{"Иванов", "Петров", "Сидоров", "Фёдоров", "Козлов", "Новиков", "Лебедев", "Егоров", "Павлов", "Орлов"}
	demoDomains = []string{"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru"}
)

func demoCustomer(rng *rand.Rand) model.Customer {
	if rng.IntN(5) == 0 {
		first, last := demoFirst[rng.IntN(len(demoFirst))], demoLast[rng.IntN(len(demoLast))]
		return model.Customer{
			Kind: model.CustomerPerson, Name: last + " " + first, INN: demoINN12(rng),
			Phone: fmt.Sprintf("+7 9%02d %03d-%02d-%02d", rng.IntN(100), rng.IntN(1000), rng.IntN(100), rng.IntN(100)),
			Email: fmt.Sprintf("client%d@%s", rng.IntN(1_000_000), demoDomains[rng.IntN(len(demoDomains))]),
		}
	}
	name := fmt.Sprintf("%s «%s %s»", demoForms[rng.IntN(len(demoForms))], demoStems[rng.IntN(len(demoStems))], demoTrades[rng.IntN(len(demoTrades))])
	if rng.IntN(3) == 0 {
		name += fmt.Sprintf(" %d", 1+rng.IntN(99))
	}
	inn := demoINN10(rng)
	return model.Customer{
		Kind: model.CustomerCompany, Name: name, INN: inn, KPP: inn[:4] + "01001",
		Phone: fmt.Sprintf("+7 (%03d) %03d-%02d-%02d", 300+rng.IntN(600), rng.IntN(1000), rng.IntN(100), rng.IntN(100)),
		Email: fmt.Sprintf("office%d@example.ru", rng.IntN(1_000_000)),
	}
}

func checkDigit(d []int, w []int) int {
	sum := 0
	for i, x := range w {
		sum += d[i] * x
	}
	return sum % 11 % 10
}

// demoINN10 makes a random organisation INN with a correct check digit.
func demoINN10(rng *rand.Rand) string {
	d := make([]int, 10)
	d[0], d[1] = 7, 7
	for i := 2; i < 9; i++ {
		d[i] = rng.IntN(10)
	}
	d[9] = checkDigit(d, []int{2, 4, 10, 3, 5, 9, 4, 6, 8})
	return digitsString(d)
}

// demoINN12 makes a random personal INN with correct check digits.
func demoINN12(rng *rand.Rand) string {
	d := make([]int, 12)
	d[0], d[1] = 5, 0
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
