package repo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"sdelka/model"
)

// Demo name parts: Russian and English companies, people, streets.
var (
	demoForms    = []string{"ООО", "ООО", "ООО", "АО", "ПАО", "ИП"}
	demoStems    = []string{"Северный", "Альфа", "Вектор", "Гранит", "Ёлка", "Меридиан", "Прогресс", "Сибирь", "Техно", "Уралсталь", "Волга", "Балтика", "Орбита", "Лидер", "Фортуна", "Кедр", "Зенит", "Импульс", "Энергия", "Стройка", "Авангард", "Горизонт", "Дельта", "Ладога", "Пульсар", "Росток", "Сфера", "Тайга", "Феникс", "Янтарь"}
	demoTrades   = []string{"Трейд", "Снаб", "Логистик", "Строй", "Маркет", "Пром", "Агро", "Сервис", "Групп", "Инжиниринг", "Софт", "Металл", "Холдинг", "Медиа", "Фарм"}
	demoEnStems  = []string{"Nord", "Baltic", "Ural", "Volga", "Siberian", "Polar", "Eastern", "Blue Lake", "Red Oak", "Silver Line"}
	demoEnTrades = []string{"Logistics", "Trading", "Systems", "Engineering", "Foods", "Machinery", "Consulting", "Textiles"}
	demoEnForms  = []string{"LLC", "Ltd", "GmbH", "Inc."}
	demoFirstM   = []string{"Александр", "Сергей", "Алексей", "Павел", "Артём", "Фёдор", "Дмитрий", "Иван", "Михаил", "Никита", "Олег", "Юрий"}
	demoFirstF   = []string{"Наталья", "Ирина", "Татьяна", "Юлия", "Елена", "Ольга", "Анна", "Мария", "Светлана", "Ксения"}
	demoPatrM    = []string{"Александрович", "Сергеевич", "Петрович", "Игоревич", "Викторович", "Андреевич"}
	demoPatrF    = []string{"Александровна", "Сергеевна", "Петровна", "Игоревна", "Викторовна", "Андреевна"}
	demoLast     = []string{"Иванов", "Петров", "Сидоров", "Фёдоров", "Козлов", "Новиков", "Лебедев", "Егоров", "Павлов", "Орлов", "Смирнов", "Волков", "Зайцев", "Соловьёв", "Белов", "Королёв"}
	demoPosts    = []string{"Генеральный директор", "Коммерческий директор", "Менеджер по закупкам", "Главный бухгалтер", "Руководитель отдела снабжения", "Инженер", "Офис-менеджер"}
	demoStreets  = []string{"ул. Ленина", "ул. Мира", "пр. Победы", "ул. Садовая", "ул. Советская", "наб. Реки", "ул. Гагарина", "пр. Строителей"}
	demoDomains  = []string{"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "rambler.ru"}
	demoTexts    = []string{"Обсудили условия поставки, ждут коммерческое предложение.", "Звонок: интересуются скидкой на объём.",
		"Встреча в офисе клиента, показали каталог.", "Отправили прайс-лист по почте.", "Клиент просит перенести отгрузку на следующую неделю.",
		"Визит на склад клиента, осмотрели условия хранения.", "Согласовали график платежей.", "Жалоба на сроки доставки, обещали разобраться."}
	demoSubjects = []string{"Не пришла часть заказа", "Нужна консультация по монтажу", "Брак в партии", "Замена товара по гарантии", "Ошибка в счёте", "Обучение сотрудников"}
	demoTags     = []string{"VIP", "Тендер", "Экспорт", "Новый", "Сезонный", "Госзаказ"}
	// demoRegions are tax region codes, weighted roughly by business activity.
	demoRegions = []string{"77", "77", "77", "77", "77", "78", "78", "50", "50", "66", "16", "54", "23", "52", "63", "61", "02", "74", "24", "59", "36", "38", "72", "55", "64", "34", "25", "39", "47", "76", "71", "42", "22", "18", "86", "14", "91"}
	demoCities  = map[string]string{"77": "г. Москва", "78": "г. Санкт-Петербург", "50": "г. Химки", "66": "г. Екатеринбург", "16": "г. Казань",
		"54": "г. Новосибирск", "23": "г. Краснодар", "52": "г. Нижний Новгород", "63": "г. Самара", "61": "г. Ростов-на-Дону", "02": "г. Уфа",
		"74": "г. Челябинск", "24": "г. Красноярск", "59": "г. Пермь", "36": "г. Воронеж", "38": "г. Иркутск", "72": "г. Тюмень", "55": "г. Омск",
		"64": "г. Саратов", "34": "г. Волгоград", "25": "г. Владивосток", "39": "г. Калининград", "47": "г. Гатчина", "76": "г. Ярославль",
		"71": "г. Тула", "42": "г. Кемерово", "22": "г. Барнаул", "18": "г. Ижевск", "86": "г. Сургут", "14": "г. Якутск", "91": "г. Симферополь"}
	demoIndustries = []string{"Оптовая торговля", "Розничная торговля", "Производство", "Строительство", "Транспорт и логистика", "ИТ и связь", "Сельское хозяйство", "Услуги"}
	demoSegments   = []string{"Крупный бизнес", "Средний бизнес", "Малый бизнес", "Малый бизнес"}
	demoSources    = []string{"Сайт", "Рекомендация", "Выставка", "Холодный звонок", "Реклама", "Социальные сети", "Повторное обращение"}
	demoKinds      = []model.InteractionKind{model.InteractionCall, model.InteractionCall, model.InteractionMeeting, model.InteractionEmail, model.InteractionNote, model.InteractionVisit}
	demoImpr       = []model.Impression{model.ImpressionPositive, model.ImpressionPositive, model.ImpressionNeutral, model.ImpressionNegative, ""}
)

// demoGen generates customers. Its statement fields record the calls into
// row instead of executing them, so that generation (Go) runs in one
// goroutine while another writes the rows (SQLite): the load uses both cores.
type demoGen struct {
	s                                   *Store
	rng                                 *rand.Rand
	owners, groups                      []string
	admin                               model.User
	num, reqNum                         int64
	now                                 time.Time
	tags                                map[string]string
	cust, cont, chan_, inter, req, ctag execer
	row                                 []demoExec
}

// execer is a prepared statement, or a recorder standing in for one.
type execer interface {
	ExecContext(ctx context.Context, args ...any) (sql.Result, error)
}

// demoExec is one recorded statement call: which statement, with what.
type demoExec struct {
	st   int
	args []any
}

// recorder appends calls of statement st to the generator's current row.
type recorder struct {
	g  *demoGen
	st int
}

func (r recorder) ExecContext(_ context.Context, args ...any) (sql.Result, error) {
	r.g.row = append(r.g.row, demoExec{r.st, args})
	return nil, nil
}

// demoSQL are the statements rows are written with, by recorder index.
var demoSQL = []string{
	`INSERT INTO customers (id, num, ` + customerWriteCols + `, search_doc, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
	`INSERT INTO contacts (id, customer_id, name, position, birthday, note, preferred, is_primary, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
	`INSERT INTO contact_channels (contact_id, customer_id, kind, pos, value, norm) VALUES (?, ?, ?, 0, ?, ?)`,
	`INSERT INTO interactions (id, customer_id, contact_id, kind, at, author_id, text, impression, impression_note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
	`INSERT INTO service_requests (id, num, customer_id, subject, description, priority, status, responsible_id, opened_at, due_date, created_at, updated_at)
		VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)`,
	`INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)`,
}

// newDemoGen reads the numbering to continue from and creates the demo tags.
func newDemoGen(ctx context.Context, rng *rand.Rand, s *Store, owners, groups []string, admin model.User) (*demoGen, error) {
	g := &demoGen{s: s, rng: rng, owners: owners, groups: groups, admin: admin, now: s.now(), tags: map[string]string{}}
	g.cust, g.cont, g.chan_, g.inter, g.req, g.ctag = recorder{g, 0}, recorder{g, 1}, recorder{g, 2}, recorder{g, 3}, recorder{g, 4}, recorder{g, 5}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM customers`).Scan(&g.num); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM service_requests`).Scan(&g.reqNum); err != nil {
			return err
		}
		for _, t := range demoTags {
			id, err := s.tagID(ctx, tx, t)
			if err != nil {
				return err
			}
			g.tags[t] = id
		}
		return nil
	})
	return g, err
}

// next generates one customer with everything it owns, as recorded calls.
func (g *demoGen) next(ctx context.Context) []demoExec {
	g.row = make([]demoExec, 0, 12)
	_ = g.customer(ctx) // the recorders never fail
	return g.row
}

// prepareDemo prepares demoSQL in tx.
func prepareDemo(ctx context.Context, tx *sql.Tx) ([]*sql.Stmt, error) {
	var out []*sql.Stmt
	for _, q := range demoSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			closeStmts(out)
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func closeStmts(sts []*sql.Stmt) {
	for _, st := range sts {
		st.Close()
	}
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func (g *demoGen) phone() string {
	if g.rng.IntN(3) == 0 {
		return fmt.Sprintf("+7 (%03d) %03d-%02d-%02d", 300+g.rng.IntN(600), g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100))
	}
	return fmt.Sprintf("+7 9%02d %03d-%02d-%02d", g.rng.IntN(100), g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100))
}

func (g *demoGen) person() (name, first, last string) {
	last = pick(g.rng, demoLast)
	if g.rng.IntN(2) == 0 {
		first = pick(g.rng, demoFirstF)
		return last + "а " + first + " " + pick(g.rng, demoPatrF), first, last + "а"
	}
	first = pick(g.rng, demoFirstM)
	return last + " " + first + " " + pick(g.rng, demoPatrM), first, last
}

var translit = strings.NewReplacer("а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "e", "ж", "zh", "з", "z", "и", "i", "й", "y",
	"к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u", "ф", "f", "х", "kh", "ц", "ts",
	"ч", "ch", "ш", "sh", "щ", "sch", "ъ", "", "ы", "y", "ь", "", "э", "e", "ю", "yu", "я", "ya")

func latin(s string) string { return translit.Replace(strings.ToLower(s)) }

// demoChannelOf spreads the demo customers over the sales channels (45 %
// direct, 25 % dealers, 15 % retail, 15 % web) without drawing from the
// random source, so the rest of the data stays as the seed made it.
func demoChannelOf(num int64) model.Channel {
	switch h := (num * 7919) % 20; {
	case h < 9:
		return model.ChannelDirect
	case h < 14:
		return model.ChannelDealer
	case h < 17:
		return model.ChannelRetail
	}
	return model.ChannelWeb
}

// customer writes one generated customer with its contacts, timeline and
// perhaps a service request.
func (g *demoGen) customer(ctx context.Context) error {
	rng, s := g.rng, g.s
	region := pick(rng, demoRegions)
	g.num++
	c := model.Customer{ID: s.newID(), Num: g.num, RegionCode: region, OwnerID: pick(rng, g.owners),
		Industry: pick(rng, demoIndustries), Segment: pick(rng, demoSegments), LeadSource: pick(rng, demoSources),
		Channel: demoChannelOf(g.num)}
	if len(g.groups) > 0 && rng.IntN(4) > 0 {
		c.GroupID = pick(rng, g.groups)
	}
	city := demoCities[region]
	addr := fmt.Sprintf("%d, %s, %s, д. %d", 100000+rng.IntN(600000), city, pick(rng, demoStreets), 1+rng.IntN(150))
	switch k := rng.IntN(10); {
	case k < 2: // a private person
		name, _, last := g.person()
		c.Kind, c.Name, c.INN = model.CustomerPerson, name, demoINN12(rng, region)
		c.Phone = g.phone()
		c.Email = fmt.Sprintf("%s%d@%s", latin(last), rng.IntN(1000), pick(rng, demoDomains))
		c.Segment = "Частные лица"
		c.PostalAddress = addr
	case k < 3: // a foreign-named company
		c.Kind, c.LegalForm = model.CustomerCompany, pick(rng, demoEnForms)
		c.Name = pick(rng, demoEnStems) + " " + pick(rng, demoEnTrades) + " " + c.LegalForm
		c.INN = demoINN10(rng, region)
		c.KPP = c.INN[:4] + "01001"
		c.Phone, c.Email, c.Website = g.phone(), fmt.Sprintf("info%d@example.com", rng.IntN(100000)), "example.com"
		c.LegalAddress, c.PostalAddress = addr, addr
	default:
		c.Kind, c.LegalForm = model.CustomerCompany, pick(rng, demoForms)
		if c.LegalForm == "ИП" {
			name, _, _ := g.person()
			c.Name = "ИП " + name
			c.INN = demoINN12(rng, region)
		} else {
			c.Name = fmt.Sprintf("%s «%s %s»", c.LegalForm, pick(rng, demoStems), pick(rng, demoTrades))
			if rng.IntN(3) == 0 {
				c.Name = fmt.Sprintf("%s «%s %s %d»", c.LegalForm, pick(rng, demoStems), pick(rng, demoTrades), 1+rng.IntN(99))
			}
			c.INN = demoINN10(rng, region)
			c.KPP = c.INN[:4] + "01001"
		}
		c.Phone = g.phone()
		c.Email = fmt.Sprintf("office%d@%s.ru", rng.IntN(1_000_000), latin(strings.Fields(strings.Trim(c.Name[strings.Index(c.Name, " ")+1:], "«»"))[0]))
		c.LegalAddress, c.PostalAddress = addr, addr
	}
	created := g.now.Add(-time.Duration(rng.IntN(3*365*24)) * time.Hour)
	var contacts []model.Contact
	if c.Kind == model.CustomerCompany {
		for i := 0; i < 2; i++ {
			name, first, last := g.person()
			contacts = append(contacts, model.Contact{ID: s.newID(), CustomerID: c.ID, Name: name, Position: pick(rng, demoPosts),
				Phones: []string{g.phone()}, Emails: []string{fmt.Sprintf("%s.%s%d@%s", latin(first), latin(last), rng.IntN(100000), pick(rng, demoDomains))},
				Preferred: pick(rng, model.ContactChannels[:2]), Primary: i == 0})
		}
	}
	doc := model.CustomerSearchDoc(c, contacts)
	args := append([]any{c.ID, c.Num}, customerValues(c)...)
	args = append(args, doc, ts(created), ts(created))
	if _, err := g.cust.ExecContext(ctx, args...); err != nil {
		return err
	}
	for _, ct := range contacts {
		birthday := ""
		if rng.IntN(3) == 0 {
			birthday = fmt.Sprintf("%d-%02d-%02d", 1960+rng.IntN(40), 1+rng.IntN(12), 1+rng.IntN(28))
		}
		if _, err := g.cont.ExecContext(ctx, ct.ID, c.ID, ct.Name, ct.Position, birthday, string(ct.Preferred), boolInt(ct.Primary), ts(created), ts(created)); err != nil {
			return err
		}
		if _, err := g.chan_.ExecContext(ctx, ct.ID, c.ID, "phone", ct.Phones[0], model.NormalizePhone(ct.Phones[0])); err != nil {
			return err
		}
		if _, err := g.chan_.ExecContext(ctx, ct.ID, c.ID, "email", ct.Emails[0], ct.Emails[0]); err != nil {
			return err
		}
	}
	for i, k := 0, rng.IntN(3); i < k; i++ {
		at := created.Add(time.Duration(rng.IntN(int(g.now.Sub(created).Hours())+1)) * time.Hour)
		var contact any
		if len(contacts) > 0 {
			contact = contacts[rng.IntN(len(contacts))].ID
		}
		if _, err := g.inter.ExecContext(ctx, s.newID(), c.ID, contact, string(pick(rng, demoKinds)), ts(at), c.OwnerID,
			pick(rng, demoTexts), string(pick(rng, demoImpr)), ts(at), ts(at)); err != nil {
			return err
		}
	}
	if rng.IntN(20) == 0 {
		g.reqNum++
		status := pick(rng, model.RequestStatuses)
		opened := created.Add(time.Duration(rng.IntN(int(g.now.Sub(created).Hours())+1)) * time.Hour)
		if _, err := g.req.ExecContext(ctx, s.newID(), g.reqNum, c.ID, pick(rng, demoSubjects), string(pick(rng, model.RequestPriorities)),
			string(status), c.OwnerID, ts(opened), opened.AddDate(0, 0, 7).Format("2006-01-02"), ts(opened), ts(opened)); err != nil {
			return err
		}
	}
	if rng.IntN(8) == 0 {
		if _, err := g.ctag.ExecContext(ctx, c.ID, g.tags[pick(rng, demoTags)]); err != nil {
			return err
		}
	}
	return nil
}
