package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// The demo's sales pipeline: leads, deals in every stage of the default
// pipeline with three years of stage histories, activities, approvals of
// deal terms, routing rules and a few reverse-pricing requests. Written in
// bulk like the demo sales (one goroutine generates, this one writes with
// prepared statements, a commit per 10,000 rows, one audit entry per
// commit), and row for row what the service would have written: each deal
// entered its stages one at a time (a few went back once), each stage left
// forward has its recorded result, the responsible is model.DefaultResponsible
// (the head for negotiations, the owner elsewhere), the due date
// model.StageDueDate, the lines model.ComputeDealLines at the customer's
// prices, the probability model.DealProbability and the approval state
// model.ApprovalStateFor over the requests filed. Won and lost deals are
// closed by yesterday; open ones were created in the last months, a third
// of them past their stage's due date.

// DemoDeals is how many deals the demo pipeline holds per size (a fifth of
// them open: the large demo's 12,000 open deals are the board benchmark's).
func (d DemoSize) DemoDeals() int {
	switch d {
	case DemoMedium:
		return 15_000
	case DemoLarge:
		return 60_000
	}
	return 300
}

// pipeBatchRows is how many rows the demo pipeline commits at a time.
const pipeBatchRows = 10_000

// DemoPipeline adds n deals (a fifth open), two leads for every three deals,
// about four activities for every three deals, routing rules and a few
// reverse-pricing requests to a demo database without deals, then computes
// the cross-selling statistics.
func (s *Store) DemoPipeline(ctx context.Context, seed uint64, n int) error {
	if n <= 0 {
		return nil
	}
	var deals int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM deals`).Scan(&deals); err != nil {
		return fmt.Errorf("demo pipeline: %w", mapErr(err))
	}
	if deals > 0 {
		return fmt.Errorf("demo pipeline: %s already has deals", s.path)
	}
	g, err := s.newPipeGen(ctx, seed)
	if err != nil {
		return fmt.Errorf("demo pipeline: %w", err)
	}
	if err := g.routingRules(ctx); err != nil {
		return fmt.Errorf("demo routing rules: %w", err)
	}
	plan := pipePlan{deals: n, open: max(1, n/5), leads: n * 2 / 3, activities: true}
	if err := s.loadPipeline(ctx, g, plan); err != nil {
		return fmt.Errorf("demo pipeline: %w", err)
	}
	if err := g.reverseRequests(ctx); err != nil {
		return fmt.Errorf("demo reverse requests: %w", err)
	}
	// The suggestions on a deal work from the first start.
	if _, err := s.Session(g.admin).RefreshCrossSell(ctx); err != nil {
		return fmt.Errorf("demo cross-sell statistics: %w", err)
	}
	return nil
}

// DemoOpenDeals adds n open deals (with lines, stage records and histories,
// no leads or activities) to a demo database: what the board benchmarks
// need on a small base.
func (s *Store) DemoOpenDeals(ctx context.Context, seed uint64, n int) error {
	if n <= 0 {
		return nil
	}
	g, err := s.newPipeGen(ctx, seed^0x0DE1)
	if err != nil {
		return fmt.Errorf("demo open deals: %w", err)
	}
	if err := s.loadPipeline(ctx, g, pipePlan{deals: n, open: n}); err != nil {
		return fmt.Errorf("demo open deals: %w", err)
	}
	return nil
}

// pipePlan is how much the generator makes.
type pipePlan struct {
	deals, open, leads int
	activities         bool
}

// Statements of the demo pipeline, by demoExec.st.
const (
	stpDeal = iota
	stpLine
	stpStage
	stpHistory
	stpActivity
	stpApproval
	stpLead
	stpRuleTurn
)

var pipeSQL = []string{
	stpDeal: `INSERT INTO deals (id, num, customer_id, contact_id, title, title_fold, pipeline_id, stage_id, status, amount, amount_manual,
		currency, amount_base, prices_incl_vat, expected_close, probability_bp, probability_manual, payment_days, lead_source, owner_id,
		lost_reason, lead_id, stage_entered_at, closed_at, approval, terms_hash, note, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
	stpLine: `INSERT INTO deal_lines (deal_id, line_no, product_id, sku, name, unit_code, unit, qty, list_price, price_reason, discount_bp,
		price, manual_price, floor_price, cost_price, vat_cat, vat_bp, net, vat, gross)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
	stpStage: `INSERT INTO deal_stages (deal_id, stage_id, responsible_id, due_date, result, done_at, done_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	stpHistory: `INSERT INTO deal_stage_history (id, deal_id, at, user_id, from_stage_id, to_stage_id, result) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	stpActivity: `INSERT INTO activities (id, kind, subject, note, due_at, duration_min, remind_at, reminded_at, deal_id, stage_id,
		customer_id, contact_id, lead_id, owner_id, done_at, outcome, created_at, updated_at)
		VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stpApproval: `INSERT INTO approvals (id, deal_id, requested_by, requested_at, reasons, terms_hash, amount, currency, status,
		decided_by, decided_at, comment, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stpLead: `INSERT INTO leads (id, num, name, company, name_fold, position, phone, phone_norm, email, inn, region_code, segment, source,
		campaign, note, owner_id, status, routed_rule_id, routed_by, customer_id, contact_id, deal_id, converted_at, disqualify_reason,
		created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stpRuleTurn: `UPDATE routing_rules SET rr_next = ? WHERE id = ?`,
}

// Texts of the demo pipeline.
var (
	pipeTitles = []string{"Поставка оборудования", "Оснащение склада", "Комплектация объекта", "Годовой контракт", "Пилотная партия",
		"Расширение ассортимента", "Замена парка техники", "Тендер на поставку", "Сезонная закупка", "Оснащение офиса",
		"Ремонт цеха: материалы", "Открытие филиала"}
	pipeResults = map[string][]string{
		model.StageProspecting: {"Потребность: обновление складского оборудования; бюджет согласован, решает коммерческий директор",
			"Интерес подтверждён, бюджет заложен на квартал; ЛПР — генеральный директор",
			"Нужны регулярные поставки; ЛПР — руководитель снабжения, бюджет известен",
			"Встреча: потребность и сроки ясны, бюджет выделен, решение за собственником"},
		model.StagePresentation: {"Провели демонстрацию в офисе клиента, продукт подходит; КП отправлено",
			"Онлайн-презентация для отдела закупок, требования подтверждены; КП направлено по почте",
			"Показали образцы, клиент подтвердил соответствие; отправлено КП",
			"Презентация на складе клиента, продукт подходит; КП с учётом объёма отправлено"},
		model.StageNegotiation: {"Договор поставки подписан, оплата по условиям договора", "Согласовали цену и график поставки, договор подписан",
			"Подписаны договор и спецификация", "Условия согласованы после двух раундов, договор подписан через ЭДО"},
		model.StageDelivery: {"Товар отгружен, УПД подписан", "Поставка выполнена в срок, документы подписаны",
			"Отгрузили двумя партиями, накладные подписаны", "Доставка на объект выполнена, акт подписан"},
		model.StageConsulting: {"Провели обучение персонала, получен положительный отзыв", "Консультация по эксплуатации проведена, клиент доволен",
			"Обучение на месте, клиент пользуется продуктом; отзыв получен", "Вебинар для сотрудников клиента проведён, отзыв 5 из 5"},
	}
	pipeWork = map[string][]pipeTask{
		model.StageProspecting: {{model.ActivityCall, "Звонок: уточнить потребность"}, {model.ActivityEmail, "Письмо с презентацией компании"},
			{model.ActivityCall, "Звонок ЛПР: бюджет и сроки"}, {model.ActivityMeeting, "Знакомство в офисе клиента"}},
		model.StagePresentation: {{model.ActivityMeeting, "Презентация продукта"}, {model.ActivityTask, "Подготовить КП"},
			{model.ActivityEmail, "Письмо с КП"}, {model.ActivityCall, "Звонок по КП"}},
		model.StageNegotiation: {{model.ActivityMeeting, "Переговоры об условиях"}, {model.ActivityTask, "Отправить договор на согласование"},
			{model.ActivityCall, "Звонок: замечания к договору"}, {model.ActivityEmail, "Письмо: спецификация к договору"}},
		model.StageDelivery: {{model.ActivityTask, "Проверить отгрузку"}, {model.ActivityCall, "Согласовать дату поставки"},
			{model.ActivityEmail, "Письмо: счёт и УПД"}, {model.ActivityCall, "Звонок: товар получен?"}},
		model.StageConsulting: {{model.ActivityMeeting, "Обучение персонала"}, {model.ActivityCall, "Звонок: как работает продукт"},
			{model.ActivityTask, "Собрать отзыв"}, {model.ActivityEmail, "Письмо: инструкция по эксплуатации"}},
	}
	pipeOutcomes = []string{"Клиент заинтересован, договорились о следующем шаге", "Отправили материалы, ждём ответа до конца недели",
		"Обсудили условия, клиент согласовывает с руководством", "Согласовали следующий шаг и дату", "Не дозвонились с первого раза, связались по почте",
		"Клиент просит дополнительную скидку на объём", "Всё в порядке, вопросов нет"}
	pipeApproveNotes = []string{"Согласовано: клиент стратегический", "Согласовано с учётом объёма", "Согласовано разово", "Ок"}
	pipeRejectNotes  = []string{"Скидка слишком велика, предложите не больше 15 %", "Отсрочка только после предоплаты первой поставки",
		"Цена ниже минимальной, не согласую"}
	pipeCampaigns    = []string{"Весенняя акция", "Выставка «Склад-2026»", "Рассылка: новинки", "Контекстная реклама", "", ""}
	pipeDisqualified = []string{"Нет потребности", "Не наш профиль", "Дубль: уже наш клиент", "Не удалось связаться"}
)

type pipeTask struct {
	kind    model.ActivityKind
	subject string
}

// pipeCust is what the generator keeps of a customer.
type pipeCust struct {
	id, owner, group, contact, source string
}

// pipeGen generates the pipeline.
type pipeGen struct {
	s         *Store
	rng       *rand.Rand
	now       time.Time
	today     time.Time // the local calendar date, as UTC midnight
	start     time.Time
	admin     model.User
	head      model.User
	sellers   []model.User
	users     []model.User
	byID      map[string]model.User
	pipe      model.Pipeline
	open      []model.Stage
	won, lost model.Stage
	reasons   []string
	rules     []model.ApprovalRule
	routing   []model.RoutingRule
	custs     []pipeCust
	cat       *salesGen // the catalog and what pricing needs
	dealNum   int64
	leadNum   int64
	idSeq     uint32
	openActs  int // open activities planned: today, overdue or ahead by turn
	apprN     int // deals put on approval: superseded requests and open deals' states by turn
	out       []demoExec
}

func (s *Store) newPipeGen(ctx context.Context, seed uint64) (*pipeGen, error) {
	g := &pipeGen{s: s, rng: rand.New(rand.NewPCG(seed^0x919E, seed+0xDEA1)), now: s.now(), byID: map[string]model.User{}}
	g.today = dayLocal(g.now)
	g.start = g.today.AddDate(-3, 0, 0)
	users, err := s.Session(System).FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if !u.Active {
			continue
		}
		g.users = append(g.users, u)
		g.byID[u.ID] = u
		switch u.Role {
		case model.RoleAdmin:
			if g.admin.ID == "" {
				g.admin = u
			}
		case model.RoleHead:
			if g.head.ID == "" {
				g.head = u
			}
		case model.RoleSeller:
			g.sellers = append(g.sellers, u)
		}
	}
	if g.admin.ID == "" {
		return nil, fmt.Errorf("%s has no administrator; run demo first", s.path)
	}
	if g.head.ID == "" {
		g.head = g.admin
	}
	if len(g.sellers) == 0 {
		g.sellers = []model.User{g.head}
	}
	if err := g.loadPipelineDefs(ctx); err != nil {
		return nil, err
	}
	if err := g.loadCustomers(ctx); err != nil {
		return nil, err
	}
	g.cat = &salesGen{s: s, items: map[string][]model.PriceListItem{}, indiv: map[string][]model.IndividualPrice{},
		isService: map[string]bool{}, bal: map[model.StockKey]model.StockBalance{}}
	if err := g.cat.loadCatalog(ctx); err != nil {
		return nil, err
	}
	q := s.r
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM deals`).Scan(&g.dealNum); err != nil {
		return nil, err
	}
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM leads`).Scan(&g.leadNum); err != nil {
		return nil, err
	}
	return g, nil
}

// loadPipelineDefs reads the default pipeline, the lost reasons and the
// active approval rules.
func (g *pipeGen) loadPipelineDefs(ctx context.Context) error {
	q := g.s.r
	stages, err := queryAll(ctx, q, "pipeline stages", `SELECT s.id, s.pipeline_id, s.code, s.name, s.sort, s.kind, s.probability_bp,
		s.expected_result, s.default_role, s.norm_days, s.version FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id
		WHERE p.is_default = 1 AND p.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY s.sort, s.id`,
		func(sc scanner) (model.Stage, error) {
			var st model.Stage
			var kind, role string
			err := sc.Scan(&st.ID, &st.PipelineID, &st.Code, &st.Name, &st.Sort, &kind, &st.ProbabilityBP, &st.ExpectedResult, &role,
				&st.NormDays, &st.Version)
			st.Kind, st.DefaultRole = model.StageKind(kind), model.Role(role)
			return st, err
		})
	if err != nil {
		return err
	}
	for _, st := range stages {
		g.pipe.ID = st.PipelineID
		switch st.Kind {
		case model.StageOpen:
			g.open = append(g.open, st)
		case model.StageWon:
			g.won = st
		case model.StageLost:
			g.lost = st
		}
	}
	g.pipe.Stages = stages
	if len(g.open) == 0 || g.won.ID == "" || g.lost.ID == "" {
		return errors.New("the default pipeline has no open, won or lost stage")
	}
	if g.reasons, err = queryAll(ctx, q, "lost reasons", `SELECT name FROM lost_reasons WHERE active = 1 AND deleted_at IS NULL ORDER BY sort, name`,
		func(sc scanner) (string, error) {
			var n string
			return n, sc.Scan(&n)
		}); err != nil {
		return err
	}
	if len(g.reasons) == 0 {
		g.reasons = []string{"Выбрали конкурента"}
	}
	g.rules, err = queryAll(ctx, q, "approval rules", `SELECT id, kind, threshold, active, version FROM approval_rules
		WHERE deleted_at IS NULL AND active = 1 ORDER BY id`, func(sc scanner) (model.ApprovalRule, error) {
		var r model.ApprovalRule
		var kind string
		err := sc.Scan(&r.ID, &kind, &r.Threshold, &r.Active, &r.Version)
		r.Kind = model.ApprovalRuleKind(kind)
		return r, err
	})
	return err
}

// loadCustomers reads up to about 60,000 customers spread over the base,
// with their owner, group, first contact and lead source.
func (g *pipeGen) loadCustomers(ctx context.Context) error {
	var n int64
	if err := g.s.r.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE deleted_at IS NULL`).Scan(&n); err != nil {
		return err
	}
	step := max(1, n/60_000)
	var err error
	g.custs, err = queryAll(ctx, g.s.r, "customers", `SELECT c.id, coalesce(c.owner_id, ''), coalesce(c.group_id, ''),
		coalesce((SELECT ct.id FROM contacts ct WHERE ct.customer_id = c.id AND ct.deleted_at IS NULL ORDER BY ct.is_primary DESC, ct.id LIMIT 1), ''),
		c.lead_source FROM customers c WHERE c.deleted_at IS NULL AND c.num % ? = 0 ORDER BY c.num`,
		func(sc scanner) (pipeCust, error) {
			var c pipeCust
			return c, sc.Scan(&c.id, &c.owner, &c.group, &c.contact, &c.source)
		}, step)
	if err != nil {
		return err
	}
	if len(g.custs) == 0 {
		return errors.New("no customers to sell to; run demo first")
	}
	return nil
}

// routingRules creates the demo's lead routing: Saint Petersburg to the
// second seller, exhibition leads to the first, everyone else in turn.
func (g *pipeGen) routingRules(ctx context.Context) error {
	ss := g.s.Session(g.admin)
	first, second := g.sellers[0], g.sellers[len(g.sellers)-1]
	team := make([]string, len(g.sellers))
	for i, u := range g.sellers {
		team[i] = u.ID
	}
	for _, r := range []model.RoutingRule{
		{Name: "Санкт-Петербург — " + second.FullName, Sort: 1, Field: model.RouteRegion, Value: "78", UserID: second.ID, Active: true},
		{Name: "Выставки — " + first.FullName, Sort: 2, Field: model.RouteSource, Value: "Выставка", UserID: first.ID, Active: true},
		{Name: "Остальные — по очереди", Sort: 3, Field: model.RouteAny, Team: team, Active: true},
	} {
		saved, err := ss.SaveRoutingRule(ctx, r)
		if err != nil {
			return err
		}
		g.routing = append(g.routing, saved)
	}
	return nil
}

// reverseRequests files a few reverse-pricing requests: the customer's
// requirements and the price they would pay, some of it below the floor.
func (g *pipeGen) reverseRequests(ctx context.Context) error {
	goods := g.cat.goods
	if len(goods) == 0 {
		return nil
	}
	wants := []struct {
		text string
		pct  int64 // the wanted price in per cent of the base price
		qty  int64
	}{
		{"Нужна партия для нового склада, готовы взять весь объём сразу при хорошей цене", 85, 40},
		{"Ищем замену текущему поставщику: то же качество, но дешевле", 78, 100},
		{"Тендер: закупка на год вперёд, цена — главный критерий", 70, 250},
		{"Небольшая пробная партия, если подойдёт — будем брать регулярно", 92, 10},
		{"Оснащение филиала, бюджет ограничен", 80, 25},
	}
	for i, w := range wants {
		p := goods[(i*7919)%len(goods)]
		seller := g.sellers[i%len(g.sellers)]
		c := g.custs[(i*104729)%len(g.custs)]
		price := model.Money(int64(p.BasePrice) * w.pct / 100)
		if price <= 0 {
			continue
		}
		r := model.ReverseRequest{CustomerID: c.id, Requirements: w.text + " (" + p.Name + ")", CategoryID: p.CategoryID,
			Qty: model.Qty(w.qty) * model.QtyOne, WantedPrice: price, Currency: g.cat.tax.BaseCurrency, OwnerID: seller.ID}
		ss := g.s.Session(g.admin)
		saved, err := ss.SaveReverseRequest(ctx, r)
		if err != nil {
			return err
		}
		if i == len(wants)-1 {
			if _, err := ss.DeclineReverse(ctx, saved.ID, saved.Version, "Ниже себестоимости, предложили аналог"); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadPipeline runs the generator and writes its rows.
func (s *Store) loadPipeline(ctx context.Context, g *pipeGen, plan pipePlan) (err error) {
	var empty int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) = 0 FROM deals`).Scan(&empty); err != nil {
		return err
	}
	if empty == 1 && plan.deals >= 20_000 {
		restore, err := s.dropIndexes(ctx, "deals", "deal_lines", "deal_stages", "deal_stage_history", "activities", "approvals", "leads")
		if err != nil {
			return err
		}
		defer func() {
			if rerr := restore(); err == nil {
				err = rerr
			}
		}()
	}
	if _, err := s.w.ExecContext(ctx, `PRAGMA cache_size = -262144; PRAGMA synchronous = OFF`); err != nil {
		return err
	}
	defer s.w.ExecContext(context.Background(), `PRAGMA cache_size = -32768; PRAGMA synchronous = FULL`)
	units := make(chan salesUnit, 512)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(units)
		if err := g.run(ctx, plan, units, stop); err != nil {
			select {
			case units <- salesUnit{err: err}:
			case <-stop:
			}
		}
	}()
	for batch, more := 1, true; more; batch++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.write(ctx, func(tx *sql.Tx) error {
			var sts []*sql.Stmt
			defer func() { closeStmts(sts) }()
			for _, q := range pipeSQL {
				st, err := tx.PrepareContext(ctx, q)
				if err != nil {
					return err
				}
				sts = append(sts, st)
			}
			bg := context.WithoutCancel(ctx) // no watcher goroutine per statement
			rows := 0
			for rows < pipeBatchRows {
				u, ok := <-units
				if !ok {
					more = false
					break
				}
				if u.err != nil {
					return u.err
				}
				for _, e := range u.rows {
					if _, err := sts[e.st].ExecContext(bg, e.args...); err != nil {
						return fmt.Errorf("%s: %w", strings.Fields(pipeSQL[e.st])[2], err)
					}
				}
				rows += len(u.rows)
			}
			if rows == 0 {
				return nil
			}
			return s.audit(ctx, tx, g.admin, model.AuditCreate, model.EntityDeal, "demo-pipeline-batch-"+strconv.Itoa(batch),
				[]model.Change{{Field: "demo_rows", New: strconv.Itoa(rows)}})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// run generates the closed deals oldest first, then the open ones, then
// the leads not converted, and finally the routing rules' turns.
func (g *pipeGen) run(ctx context.Context, plan pipePlan, units chan<- salesUnit, stop <-chan struct{}) error {
	send := func() error {
		if len(g.out) == 0 {
			return ctx.Err()
		}
		select {
		case units <- salesUnit{rows: g.out}:
			g.out = nil
		case <-stop:
			return errStopped
		}
		return ctx.Err()
	}
	closed := plan.deals - plan.open
	converted := 0
	for i := 0; i < plan.deals; i++ {
		isOpen := i >= closed
		lead := plan.leads > 0 && converted < plan.leads*3/10 && g.rng.IntN(100) < 25
		if lead {
			converted++
		}
		var err error
		if isOpen {
			err = g.openDeal(i-closed, plan.open, lead, plan.activities)
		} else {
			err = g.closedDeal(i, closed, lead, plan.activities)
		}
		if err != nil {
			return err
		}
		if err := send(); err != nil {
			return err
		}
	}
	for i := converted; i < plan.leads; i++ {
		g.lead(i, plan.activities)
		if err := send(); err != nil {
			return err
		}
	}
	for _, r := range g.routing {
		if len(r.Team) > 0 {
			g.emit(stpRuleTurn, r.RRNext, r.ID)
		}
	}
	return send()
}

func (g *pipeGen) emit(st int, args ...any) { g.out = append(g.out, demoExec{st, args}) }

func (g *pipeGen) newID(t time.Time) string {
	var r [10]byte
	x, y := g.rng.Uint64(), g.rng.Uint64()
	for i := 0; i < 8; i++ {
		r[i] = byte(x >> (8 * i))
	}
	r[8], r[9] = byte(y), byte(y>>8)
	g.idSeq++
	return model.NewIDSeq(t, g.idSeq, r)
}

// at is a moment of calendar day d during office hours, local time.
func (g *pipeGen) at(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 9+g.rng.IntN(9), g.rng.IntN(60), g.rng.IntN(60), 0, time.Local)
}

// past keeps a generated moment before now.
func (g *pipeGen) past(t time.Time) time.Time {
	if !t.Before(g.now) {
		return g.now.Add(-time.Duration(1+g.rng.IntN(50)) * time.Minute)
	}
	return t
}

func dateOf(t time.Time) time.Time {
	t = t.In(time.Local)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// stay is how many days a deal spends in a stage: about its norm, often
// less, sometimes more.
func (g *pipeGen) stay(st model.Stage) int {
	norm := max(st.NormDays, 7)
	return 1 + g.rng.IntN(norm*5/4)
}

// dealPlan is one deal's path: the open stages it went through (by index
// into g.open), in order, with a move back once in a while.
type dealPlan struct {
	path []int // stage indexes entered, in order (a move back repeats one)
	days []int // days spent after entering path[k]
}

// plan makes the path up to the open stage last; back allows a move back.
func (g *pipeGen) plan(last int, back bool) dealPlan {
	var p dealPlan
	backAt := -1
	if back && last >= 1 && g.rng.IntN(100) < 6 {
		backAt = 1 + g.rng.IntN(last)
	}
	for k := 0; k <= last; k++ {
		p.path = append(p.path, k)
		p.days = append(p.days, g.stay(g.open[k]))
		if k == backAt { // back to the previous stage, then forward again
			p.days[len(p.days)-1] = 1 + g.rng.IntN(3)
			p.path = append(p.path, k-1, k)
			p.days = append(p.days, 1+g.rng.IntN(5), g.stay(g.open[k]))
		}
	}
	return p
}

func weighted(rng *rand.Rand, w []int) int {
	sum := 0
	for _, x := range w {
		sum += x
	}
	r := rng.IntN(sum)
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

// deal is one generated deal under construction.
type pipeDeal struct {
	d       model.Deal
	cust    pipeCust
	owner   model.User
	created time.Time
	leadID  string
	moves   int // history entries, the creation included: the deal's version
	mark    int // where in g.out the deal's row goes (before the rows referring to it)
}

// newDeal picks the customer, owner, title and lines of a deal created at
// created, and computes its amounts.
// A deal with over is given a discount above the approval threshold.
func (g *pipeGen) newDeal(created time.Time, over bool) (pipeDeal, error) {
	c := g.custs[g.rng.IntN(len(g.custs))]
	owner, ok := g.byID[c.owner]
	if !ok || owner.Role == model.RoleAccountant {
		owner = g.sellers[g.rng.IntN(len(g.sellers))]
	}
	tax := g.cat.tax
	pd := pipeDeal{cust: c, owner: owner, created: created}
	g.dealNum++
	d := model.Deal{ID: g.newID(created), Num: g.dealNum, CustomerID: c.id, ContactID: c.contact, PipelineID: g.pipe.ID,
		Currency: tax.BaseCurrency, OwnerID: owner.ID, LeadSource: c.source}
	day := dateOf(created)
	goods, services := g.cat.goods, g.cat.services
	n := min(1+g.rng.IntN(4), len(goods))
	var picked []int
	for len(picked) < n {
		k := g.rng.IntN(len(goods))
		if !slices.Contains(picked, k) {
			picked = append(picked, k)
		}
	}
	var lines []model.DealLine
	add := func(p model.Product, qty model.Qty) error {
		r, err := model.ResolvePrice(model.PriceInput{Product: p, CustomerID: c.id, GroupID: c.group, Individual: g.cat.indiv[c.id],
			Lists: g.cat.lists, Items: g.cat.items[p.ID], Day: day, Qty: qty, Currency: tax.BaseCurrency, Base: tax.BaseCurrency,
			Currencies: g.cat.curs})
		if err != nil {
			return err
		}
		l := model.DealLine{ProductID: p.ID, SKU: p.SKU, Name: p.Name, UnitCode: p.UnitCode, Qty: qty, ListPrice: r.Price,
			PriceReason: r.Reason, FloorPrice: p.FloorPrice, CostPrice: p.CostPrice, VATCat: p.VAT}
		if u, ok := model.UnitByCode(p.UnitCode); ok {
			l.Unit = u.Symbol
		}
		if l.VATCat == "" {
			l.VATCat = model.VATStandard
		}
		switch r := g.rng.IntN(1000); {
		case r < 550:
		case r < 770:
			l.DiscountBP = 500
		case r < 900:
			l.DiscountBP = 1000
		case r < 985:
			l.DiscountBP = 1500
		default: // above the approval threshold
			l.DiscountBP = 1600 + int64(g.rng.IntN(5))*100
		}
		lines = append(lines, l)
		return nil
	}
	for _, k := range picked {
		p := goods[k]
		qty := model.Qty(1+g.rng.IntN(20)) * model.QtyOne
		if p.UnitCode == "006" {
			qty *= 10
		}
		if err := add(p, qty); err != nil {
			return pd, err
		}
	}
	if len(services) > 0 && g.rng.IntN(6) == 0 {
		if err := add(services[g.rng.IntN(len(services))], model.QtyOne); err != nil {
			return pd, err
		}
	}
	if over {
		lines[0].DiscountBP = 1800
	}
	var err error
	if d.Lines, d.Totals, err = model.ComputeDealLines(lines, day, tax.PricesIncludeVAT, tax.NoVAT); err != nil {
		return pd, err
	}
	d.Amount, d.AmountBase = d.Totals.Gross, d.Totals.Gross
	switch r := g.rng.IntN(1000); {
	case r < 700:
	case r < 850:
		d.PaymentDays = 14
	case r < 985:
		d.PaymentDays = 30
	default: // above the approval threshold
		d.PaymentDays = 60
	}
	pd.d = d
	return pd, nil
}

// title names the deal after what it is and the quarter it should close in.
func (g *pipeGen) title(close time.Time) string {
	return fmt.Sprintf("%s, %s кв. %d", pick(g.rng, pipeTitles), []string{"I", "II", "III", "IV"}[(close.Month()-1)/3], close.Year())
}

func (g *pipeGen) result(st model.Stage) string {
	if rs := pipeResults[st.Code]; len(rs) > 0 {
		return pick(g.rng, rs)
	}
	return "Этап выполнен: " + strings.ToLower(st.Name)
}

// responsible is who is responsible for the deal in stage st.
func (g *pipeGen) responsible(st model.Stage, owner model.User) string {
	return model.DefaultResponsible(st, owner, g.users)
}

// walk writes the stage records and history of a deal following p from
// its creation; it returns the time the last stage of the path was entered
// and its stage record, not yet written.
func (g *pipeGen) walk(pd *pipeDeal, p dealPlan, acts bool) (time.Time, []any) {
	d := &pd.d
	t := pd.created
	g.emit(stpHistory, g.newID(t), d.ID, ts(t), d.OwnerID, nil, g.open[0].ID, "")
	pd.moves++
	type rec struct {
		entered time.Time
		resp    string
		due     time.Time
		result  string
		doneAt  time.Time
		doneBy  string
	}
	recs := map[int]*rec{}
	var order []int
	entered := t
	for k, si := range p.path {
		st := g.open[si]
		r, ok := recs[si]
		switch {
		case !ok:
			r = &rec{resp: g.responsible(st, pd.owner), due: model.StageDueDate(st, dateOf(t))}
			recs[si] = r
			order = append(order, si)
		case r.result != "": // entered again (moved back into): worked anew, as enterStage does
			r.result, r.doneAt, r.doneBy, r.due = "", time.Time{}, "", model.StageDueDate(st, dateOf(t))
		}
		r.entered, entered = t, t
		if acts && g.rng.IntN(100) < 30 {
			g.doneActivity(pd, st, r.resp, t, p.days[k])
		}
		if k == len(p.path)-1 {
			break
		}
		next := g.at(dateOf(t).AddDate(0, 0, p.days[k]))
		if next.Before(t) {
			next = t.Add(time.Hour)
		}
		t = g.past(next)
		res := ""
		if p.path[k+1] > si { // forward: the result is recorded
			r.result, r.doneAt, r.doneBy = g.result(st), t, r.resp
			res = r.result
		}
		g.emit(stpHistory, g.newID(t), d.ID, ts(t), r.resp, st.ID, g.open[p.path[k+1]].ID, res)
		pd.moves++
	}
	last := p.path[len(p.path)-1]
	var lastRec []any
	for _, si := range order {
		r := recs[si]
		row := []any{d.ID, g.open[si].ID, r.resp, nullStr(dateOnly(r.due)), r.result, nullTS(r.doneAt), nullStr(r.doneBy), ts(r.entered)}
		if si == last {
			lastRec = row
			continue
		}
		g.emit(stpStage, row...)
	}
	d.StageEntered = entered
	return t, lastRec
}

// closedDeal makes the i-th of n closed deals: won (45 %) or lost, closed
// on a day spread over the three years up to yesterday.
func (g *pipeGen) closedDeal(i, n int, lead, acts bool) error {
	won := g.rng.IntN(100) < 45
	var last int
	if won {
		last = len(g.open) - 1 - weighted(g.rng, []int{70, 20, 10})
	} else {
		last = weighted(g.rng, []int{35, 30, 25, 7, 3})
	}
	last = max(0, min(last, len(g.open)-1))
	p := g.plan(last, true)
	total := 0
	for _, x := range p.days {
		total += x
	}
	span := int(g.today.Sub(g.start).Hours()/24) - 1
	closeDay := g.start.AddDate(0, 0, total+(i*max(1, span-total))/max(1, n)+g.rng.IntN(3))
	if closeDay.After(g.today.AddDate(0, 0, -1)) {
		closeDay = g.today.AddDate(0, 0, -1)
	}
	created := g.at(closeDay.AddDate(0, 0, -total))
	pd, err := g.newDeal(created, false)
	if err != nil {
		return err
	}
	d := &pd.d
	if lead {
		pd.leadID = g.convertedLead(pd)
	}
	pd.mark = len(g.out)
	t, lastRec := g.walk(&pd, p, acts)
	closeAt := g.past(g.at(closeDay))
	if !closeAt.After(t) {
		closeAt = t.Add(time.Duration(1+g.rng.IntN(120)) * time.Minute)
	}
	cur := g.open[last]
	final, res := g.won, ""
	d.Status = model.DealWon
	if won {
		res = g.result(cur)
		lastRec[4], lastRec[5], lastRec[6] = res, ts(closeAt), lastRec[2]
	} else {
		final, d.Status = g.lost, model.DealLost
		d.LostReason = pick(g.rng, g.reasons)
		res = d.LostReason
	}
	g.emit(stpStage, lastRec...)
	g.emit(stpHistory, g.newID(closeAt), d.ID, ts(closeAt), lastRec[2], cur.ID, final.ID, res)
	pd.moves++
	// Entering the won or lost stage gives it a record too, as MoveDeal does.
	g.emit(stpStage, d.ID, final.ID, g.responsible(final, pd.owner), nullStr(dateOnly(model.StageDueDate(final, dateOf(closeAt)))), "", nil, nil,
		ts(closeAt))
	d.StageID, d.StageEntered, d.ClosedAt = final.ID, closeAt, closeAt
	d.ExpectedClose = dateOf(closeAt)
	d.ProbabilityBP = model.DealProbability(*d, final)
	g.approvals(&pd, final)
	g.writeDeal(pd, closeAt)
	return nil
}

// openDeal makes the i-th of n open deals: in an early stage more often
// than a late one, entered up to a stage norm and a half ago (a third of
// them past their due date).
func (g *pipeGen) openDeal(i, n int, lead, acts bool) error {
	last := weighted(g.rng, []int{30, 25, 20, 15, 10}[:min(5, len(g.open))])
	if len(g.open) > 5 {
		last = g.rng.IntN(len(g.open))
	}
	p := g.plan(last, true)
	cur := g.open[last]
	inStage := g.rng.IntN(max(cur.NormDays, 7)*3/2 + 1)
	p.days[len(p.days)-1] = inStage
	total := 0
	for _, x := range p.days {
		total += x
	}
	created := g.past(g.at(g.today.AddDate(0, 0, -total)))
	pd, err := g.newDeal(created, i%20 == 5) // a few for the heads' inbox whatever the size
	if err != nil {
		return err
	}
	d := &pd.d
	if lead {
		pd.leadID = g.convertedLead(pd)
	}
	pd.mark = len(g.out)
	t, lastRec := g.walk(&pd, p, acts)
	g.emit(stpStage, lastRec...)
	d.Status, d.StageID = model.DealOpen, cur.ID
	d.ExpectedClose = g.today.AddDate(0, 0, 7+g.rng.IntN(80))
	if g.rng.IntN(30) == 0 {
		d.ProbabilityManual, d.ProbabilityBP = true, int64(1+g.rng.IntN(19))*500
	}
	d.ProbabilityBP = model.DealProbability(*d, cur)
	g.approvals(&pd, cur)
	if acts {
		g.openActivity(pd, cur, lastRec[2].(string), t)
	}
	g.writeDeal(pd, t)
	return nil
}

// writeDeal emits the deal, before the rows that refer to it, and its lines.
func (g *pipeGen) writeDeal(pd pipeDeal, updated time.Time) {
	d := pd.d
	if d.Title == "" {
		d.Title = g.title(d.ExpectedClose)
	}
	var leadID any
	if pd.leadID != "" {
		leadID = pd.leadID
	}
	g.out = slices.Insert(g.out, pd.mark, demoExec{stpDeal, []any{d.ID, d.Num, d.CustomerID, nullStr(d.ContactID), d.Title, model.FoldText(d.Title), d.PipelineID, d.StageID,
		string(d.Status), int64(d.Amount), d.Currency, int64(d.AmountBase), g.cat.tax.PricesIncludeVAT, nullStr(dateOnly(d.ExpectedClose)),
		d.ProbabilityBP, d.ProbabilityManual, d.PaymentDays, d.LeadSource, d.OwnerID, d.LostReason, leadID, ts(d.StageEntered),
		nullTS(d.ClosedAt), string(d.Approval), d.TermsHash, ts(pd.created), ts(updated), int64(pd.moves)}})
	for _, l := range d.Lines {
		g.emit(stpLine, d.ID, l.No, l.ProductID, l.SKU, l.Name, l.UnitCode, l.Unit, int64(l.Qty), int64(l.ListPrice), l.PriceReason,
			l.DiscountBP, int64(l.Price), int64(l.FloorPrice), int64(l.CostPrice), string(l.VATCat), l.VATBP, int64(l.Amounts.Net),
			int64(l.Amounts.VAT), int64(l.Amounts.Gross))
	}
}

// approvals files the approval requests of a deal whose terms break a
// rule: decided ones for closed deals (approved, or for lost ones now and
// then rejected), and for open ones pending, approved or rejected; some
// with an earlier request superseded when the terms changed.
func (g *pipeGen) approvals(pd *pipeDeal, st model.Stage) {
	d := &pd.d
	d.TermsHash = model.DealTermsHash(*d)
	reasons := model.ApprovalReasons(g.rules, *d)
	if len(reasons) == 0 {
		d.Approval = model.ApprovalNone
		return
	}
	asked := pd.created.Add(time.Duration(5+g.rng.IntN(60)) * time.Minute)
	g.apprN++
	if g.apprN%4 == 2 { // first asked with other terms, then changed
		old := *d
		old.Lines = slices.Clone(d.Lines)
		old.Lines[0].DiscountBP = min(old.Lines[0].DiscountBP+500, 2500)
		old.Lines[0].Price = model.DiscountPrice(old.Lines[0].ListPrice, old.Lines[0].DiscountBP)
		oldReasons := model.ApprovalReasons(g.rules, old)
		if len(oldReasons) == 0 {
			oldReasons = reasons
		}
		next := g.past(asked.Add(time.Duration(1+g.rng.IntN(20)) * time.Hour))
		g.approval(d, oldReasons, model.DealTermsHash(old), asked, model.ApprovalStatusSuperseded, next)
		asked = next
	}
	asked = g.past(asked)
	status := model.ApprovalStatusApproved
	switch {
	case st.Kind == model.StageLost && g.rng.IntN(3) == 0:
		status = model.ApprovalStatusRejected
	case st.Kind == model.StageOpen:
		status = []model.ApprovalStatus{model.ApprovalStatusPending, model.ApprovalStatusApproved, model.ApprovalStatusPending,
			model.ApprovalStatusRejected, model.ApprovalStatusApproved}[g.apprN%5]
	}
	decided := time.Time{}
	if status != model.ApprovalStatusPending {
		decided = g.past(asked.Add(time.Duration(10+g.rng.IntN(24*60)) * time.Minute))
	}
	a := g.approval(d, reasons, d.TermsHash, asked, status, decided)
	d.Approval = model.ApprovalStateFor(reasons, d.TermsHash, &a)
}

func (g *pipeGen) approval(d *model.Deal, reasons []model.ApprovalReason, hash string, asked time.Time, status model.ApprovalStatus,
	decided time.Time) model.Approval {
	js, _ := json.Marshal(reasons)
	a := model.Approval{ID: g.newID(asked), DealID: d.ID, RequestedBy: d.OwnerID, RequestedAt: asked, Reasons: reasons, TermsHash: hash,
		Amount: d.Amount, Currency: d.Currency, Status: status, DecidedAt: decided, Version: 1}
	var by any
	updated := asked
	switch status {
	case model.ApprovalStatusApproved:
		a.Comment, by, a.Version, updated = pick(g.rng, pipeApproveNotes), g.head.ID, 2, decided
	case model.ApprovalStatusRejected:
		a.Comment, by, a.Version, updated = pick(g.rng, pipeRejectNotes), g.head.ID, 2, decided
	case model.ApprovalStatusSuperseded: // decided is when the new request replaced it
		a.Version, updated, decided = 2, decided, time.Time{}
	}
	g.emit(stpApproval, a.ID, a.DealID, a.RequestedBy, ts(asked), string(js), hash, int64(a.Amount), a.Currency, string(status), by,
		nullTS(decided), a.Comment, ts(asked), ts(updated), a.Version)
	return a
}

// doneActivity records work done in stage st, sometime during the days
// after entered.
func (g *pipeGen) doneActivity(pd *pipeDeal, st model.Stage, owner string, entered time.Time, days int) {
	work := pipeWork[st.Code]
	if len(work) == 0 {
		return
	}
	w := pick(g.rng, work)
	due := g.at(dateOf(entered).AddDate(0, 0, g.rng.IntN(max(1, days))))
	if due.Before(entered) {
		due = entered.Add(time.Hour)
	}
	if !due.Before(g.now) {
		return
	}
	done := g.past(due.Add(time.Duration(g.rng.IntN(90)) * time.Minute))
	g.emit(stpActivity, g.newID(entered), string(w.kind), w.subject, ts(due), duration(w.kind), nil, nil, pd.d.ID, st.ID, pd.d.CustomerID,
		nullStr(pd.d.ContactID), nil, owner, ts(done), pick(g.rng, pipeOutcomes), ts(entered), ts(done))
}

func duration(k model.ActivityKind) int {
	switch k {
	case model.ActivityMeeting:
		return 60
	case model.ActivityCall:
		return 15
	}
	return 0
}

// openActivity plans the next step on an open deal for the stage's
// responsible: today (one in four), overdue (one in eight) or in the next
// two weeks.
func (g *pipeGen) openActivity(pd pipeDeal, st model.Stage, owner string, entered time.Time) {
	work := pipeWork[st.Code]
	if len(work) == 0 {
		work = pipeWork[model.StageProspecting]
	}
	w := pick(g.rng, work)
	var due time.Time
	switch g.openActs % 8 {
	case 0, 1:
		due = g.at(g.today)
	case 2:
		due = g.at(g.today.AddDate(0, 0, -1-g.rng.IntN(5)))
		if due.Before(entered) {
			due = g.at(g.today)
		}
	default:
		due = g.at(g.today.AddDate(0, 0, 1+g.rng.IntN(14)))
	}
	g.openActs++
	var remind, reminded any
	if w.kind != model.ActivityEmail {
		r := due.Add(-15 * time.Minute)
		remind = ts(r)
		if r.Before(g.now) { // shown already: the first start does not pop them all
			reminded = ts(r)
		}
	}
	created := g.past(entered.Add(time.Duration(10+g.rng.IntN(120)) * time.Minute))
	g.emit(stpActivity, g.newID(created), string(w.kind), w.subject, ts(due), duration(w.kind), remind, reminded, pd.d.ID, st.ID,
		pd.d.CustomerID, nullStr(pd.d.ContactID), nil, owner, nil, "", ts(created), ts(created))
}

// person makes a person's full name.
func (g *pipeGen) person() string {
	last := pick(g.rng, demoLast)
	if g.rng.IntN(2) == 0 {
		return last + "а " + pick(g.rng, demoFirstF) + " " + pick(g.rng, demoPatrF)
	}
	return last + " " + pick(g.rng, demoFirstM) + " " + pick(g.rng, demoPatrM)
}

func (g *pipeGen) phone() string {
	return fmt.Sprintf("+7 9%02d %03d-%02d-%02d", g.rng.IntN(100), g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100))
}

// convertedLead writes the lead a deal was converted from, a few days
// before the deal.
func (g *pipeGen) convertedLead(pd pipeDeal) string {
	created := pd.created.Add(-time.Duration(1+g.rng.IntN(10*24)) * time.Hour)
	g.leadNum++
	id := g.newID(created)
	name, company := g.person(), ""
	if g.rng.IntN(5) > 0 {
		company = fmt.Sprintf("%s «%s %s»", pick(g.rng, demoForms[:5]), pick(g.rng, demoStems), pick(g.rng, demoTrades))
	}
	phone := g.phone()
	source := pd.d.LeadSource
	if source == "" {
		source = pick(g.rng, demoSources)
	}
	g.emit(stpLead, id, g.leadNum, name, company, model.FoldText(company+" "+name), pick(g.rng, demoPosts), phone, model.NormalizePhone(phone),
		fmt.Sprintf("lead%d@%s", g.leadNum, pick(g.rng, demoDomains)), nil, pick(g.rng, demoSegments), source, pick(g.rng, pipeCampaigns),
		pd.d.OwnerID, string(model.LeadConverted), nil, "", pd.d.CustomerID, nullStr(pd.d.ContactID), pd.d.ID, ts(pd.created), "",
		ts(created), ts(pd.created), int64(2))
	return id
}

// lead writes a lead not converted: new or being worked on (the last two
// months) or disqualified (any time), routed by the rules.
func (g *pipeGen) lead(i int, acts bool) {
	status := []model.LeadStatus{model.LeadNew, model.LeadWorking, model.LeadWorking, model.LeadDisqualified}[g.rng.IntN(4)]
	var created time.Time
	if status == model.LeadDisqualified {
		created = g.at(g.start.AddDate(0, 0, g.rng.IntN(3*365)))
	} else {
		created = g.past(g.at(g.today.AddDate(0, 0, -g.rng.IntN(60))))
	}
	g.leadNum++
	l := model.Lead{ID: g.newID(created), Num: g.leadNum, Name: g.person(), Position: pick(g.rng, demoPosts), Phone: g.phone(),
		RegionCode: pick(g.rng, demoRegions), Segment: pick(g.rng, demoSegments), Source: pick(g.rng, demoSources),
		Campaign: pick(g.rng, pipeCampaigns), Status: status}
	if g.rng.IntN(4) > 0 {
		l.Company = fmt.Sprintf("%s «%s %s»", pick(g.rng, demoForms[:5]), pick(g.rng, demoStems), pick(g.rng, demoTrades))
	}
	l.Email = fmt.Sprintf("lead%d@%s", l.Num, pick(g.rng, demoDomains))
	l.OwnerID = g.sellers[g.rng.IntN(len(g.sellers))].ID
	if res, ok := model.RouteLead(g.routing, l); ok {
		l.OwnerID, l.RoutedRuleID, l.RoutedBy = res.UserID, res.RuleID, res.By
		for k := range g.routing {
			if g.routing[k].ID == res.RuleID {
				g.routing[k].RRNext = res.NextRR
			}
		}
	}
	updated, version := created, int64(1)
	if status != model.LeadNew {
		updated, version = g.past(created.Add(time.Duration(1+g.rng.IntN(72))*time.Hour)), 2
	}
	if status == model.LeadDisqualified {
		l.DisqualifyReason = pick(g.rng, pipeDisqualified)
	}
	g.emit(stpLead, l.ID, l.Num, l.Name, l.Company, model.FoldText(l.Company+" "+l.Name), l.Position, l.Phone, model.NormalizePhone(l.Phone),
		l.Email, l.RegionCode, l.Segment, l.Source, l.Campaign, l.OwnerID, string(l.Status), nullStr(l.RoutedRuleID), l.RoutedBy,
		nil, nil, nil, nil, l.DisqualifyReason, ts(created), ts(updated), version)
	if !acts || status == model.LeadDisqualified || g.rng.IntN(3) == 0 {
		return
	}
	// A call to make: first contact for new leads, the next one for those worked on.
	due := g.at(g.today.AddDate(0, 0, g.rng.IntN(6)-2))
	subject := "Первый звонок: квалифицировать лид"
	if status == model.LeadWorking {
		subject = "Перезвонить: уточнить потребность"
		done := g.past(g.at(dateOf(created)).Add(time.Hour))
		if done.After(created) {
			g.emit(stpActivity, g.newID(created), string(model.ActivityCall), "Первый звонок: квалифицировать лид", ts(done), 15, nil, nil,
				nil, nil, nil, nil, l.ID, l.OwnerID, ts(done), pick(g.rng, pipeOutcomes), ts(created), ts(done))
		}
	}
	if due.Before(created) {
		due = g.at(g.today)
	}
	g.emit(stpActivity, g.newID(created), string(model.ActivityCall), subject, ts(due), 15, nil, nil, nil, nil, nil, nil, l.ID, l.OwnerID,
		nil, "", ts(created), ts(created))
}
