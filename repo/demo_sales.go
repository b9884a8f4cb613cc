package repo

import (
	"cmp"
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

// The demo's sales: three years of order-to-cash history up to today,
// written in bulk like the demo customers (one goroutine generates, this
// one writes with prepared statements, a commit per 10,000 rows). Every row
// is what the service methods would have written — numbers from the series
// masks with yearly counters, lines computed by model.ComputeLines on the
// document's day, invoices and waybills made at confirmation sharing the
// order's lines (lines_of) as ConfirmOrder does, obligations by
// model.Schedule and model.SpreadPaid, payments allocated to invoices — so
// `sdelkactl check` finds nothing. Two simplifications, both invisible to
// check: the stock of shipped orders leaves by one aggregated shipment per
// product, warehouse and month (preceded by a receipt of the same
// quantity), since a movement per order line would make millions of
// movements that check replays in memory; and cancelled orders leave no
// reserve/unreserve pair. Orders not shipped yet reserve their stock per
// order, as ConfirmOrder does, so shipping or cancelling them in the app
// works as usual.

// DemoOrders is how many orders the demo's sales history holds per size.
func (d DemoSize) DemoOrders() int {
	switch d {
	case DemoMedium:
		return 50_000
	case DemoLarge:
		return 1_000_000
	}
	return 2_000
}

// salesBatchRows is how many rows the demo sales commit at a time.
const salesBatchRows = 10_000

// DemoSales adds n orders' worth of sales history to a demo database that
// has customers and the demo catalog but no documents yet: quotes, orders,
// invoices, waybills, payments (most invoices paid, some partly, some
// overdue), credit notes, contracts of the key accounts, statements of a
// few, and payment terms (group terms; credit limits and net 14/30 days
// for some customers; instalments for one).
func (s *Store) DemoSales(ctx context.Context, seed uint64, n int) error {
	if n <= 0 {
		return nil
	}
	g, err := s.newSalesGen(ctx, seed, n)
	if err != nil {
		return fmt.Errorf("demo sales: %w", err)
	}
	if err := s.loadDemoSales(ctx, g); err != nil {
		return fmt.Errorf("demo sales: %w", err)
	}
	// Statements of a few key accounts for the last quarter, by the service.
	admin := s.Session(g.adminUser)
	q := time.Date(g.today.Year(), ((g.today.Month()-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC)
	from, to := q.AddDate(0, -3, 0), q.AddDate(0, 0, -1)
	for _, ci := range g.key[:min(3, len(g.key))] {
		if _, err := admin.CreateStatement(ctx, g.custs[ci].id, from, to); err != nil {
			return fmt.Errorf("demo statement: %w", err)
		}
	}
	return nil
}

// loadDemoSales runs the generator and writes its rows.
func (s *Store) loadDemoSales(ctx context.Context, g *salesGen) (err error) {
	if g.n >= 20_000 {
		restore, err := s.dropIndexes(ctx, "documents", "obligations", "payments", "allocations")
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
		if err := g.run(ctx, units, stop); err != nil {
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
			sts, err := prepareSales(ctx, tx)
			if err != nil {
				return err
			}
			defer closeStmts(sts)
			bg := context.WithoutCancel(ctx) // no watcher goroutine per statement
			rows := 0
			for rows < salesBatchRows {
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
						return fmt.Errorf("%s: %w", strings.Fields(salesSQL[e.st])[2], err)
					}
				}
				rows += len(u.rows)
			}
			if rows == 0 {
				return nil
			}
			return s.audit(ctx, tx, g.adminUser, model.AuditCreate, model.EntityDocument, "demo-sales-batch-"+strconv.Itoa(batch),
				[]model.Change{{Field: "demo_rows", New: strconv.Itoa(rows)}})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// salesUnit is the rows of one generated piece (an order with its
// documents, a payment, …), or the generator's error.
type salesUnit struct {
	rows []demoExec
	err  error
}

// Statements of the demo sales, by demoExec.st.
const (
	stDoc = iota
	stLine
	stObligation
	stPayment
	stAllocation
	stMove
	stBalance
	stCounter
	stTerms
)

var salesSQL = []string{
	stDoc: `INSERT INTO documents (id, num, kind, status, number, number_fold, doc_date, customer_id, owner_id,
		currency, rate_nominal, rate_e4, lang, prices_incl_vat, no_vat, valid_until, due_date, delivery_date, warehouse_id,
		period_from, period_to, base_id, order_id, contract_id, replaces_id, lines_of, terms, credit_approved, net, vat, gross,
		lines_count, paid, credited, body, note, reason, posted_at, created_at, updated_at, version, channel)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stLine: `INSERT INTO document_lines (doc_id, no, product_id, sku, name, unit_code, unit, qty, price, manual_price, price_reason,
		vat_cat, vat_bp, net, vat, gross, weight_grams, base_line, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stObligation: `INSERT INTO obligations (id, party, doc_id, seq, customer_id, due, amount, done, currency, status, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stPayment: `INSERT INTO payments (id, num, number, pay_date, customer_id, amount, currency, method, note, allocated, created_by,
		created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
	stAllocation: `INSERT INTO allocations (payment_id, invoice_id, amount, created_at) VALUES (?, ?, ?, ?)`,
	stMove: `INSERT INTO stock_movements (id, num, kind, product_id, from_id, to_id, qty, at, note, doc_ref, user_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stBalance: `INSERT INTO stock_balances (product_id, warehouse_id, on_hand, reserved) VALUES (?, ?, ?, ?)
		ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved`,
	stCounter: `INSERT INTO series_counters (kind, year, last) VALUES (?, ?, ?)
		ON CONFLICT (kind, year) DO UPDATE SET last = excluded.last`,
	stTerms: `INSERT INTO customer_terms (id, customer_id, group_id, terms, has_terms, credit_limit, has_limit, doc_lang, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
}

func prepareSales(ctx context.Context, tx *sql.Tx) ([]*sql.Stmt, error) {
	var out []*sql.Stmt
	for _, q := range salesSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			closeStmts(out)
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// demoCust is what the generator keeps of a customer.
type demoCust struct {
	id      string
	owner   string
	group   string
	foreign bool // an English-named company: documents in English when it has terms
}

type seriesKey struct {
	kind model.DocKind
	year int
}

// quotePlan is a quote to issue on its day; when order is set, an order
// is made from it later.
type quotePlan struct {
	cust  int32
	order bool
	// Filled when the quote is issued.
	id, number string
	lines      []model.DocLine
	contractID string
}

// orderPlan is an order to take on its day.
type orderPlan struct {
	cust  int32
	quote *quotePlan // the quote it was made from, or nil
}

// payEvent is a payment to record on its day.
type payEvent struct {
	at        time.Time
	cust      int32
	amount    model.Money
	alloc     model.Money
	invoiceID string
}

// creditEvent is a credit note to post on its day.
type creditEvent struct {
	at              time.Time
	inv             model.Document // the invoice (number, IDs, currency, tax settings)
	lines           []model.DocLine
	totals          model.Totals
	reason          string
	warehouse       string
	orderID, custID string
}

// stockEvent is a movement of the final stock pass.
type stockEvent struct {
	key    model.StockKey
	qty    model.Qty
	at     time.Time
	docRef string
	note   string
}

// salesGen generates the sales history day by day.
type salesGen struct {
	s          *Store
	channels   map[string]model.Channel // customer ID → sales channel (documents copy it)
	rng        *rand.Rand
	n          int
	today      time.Time
	start      time.Time
	counts     []int // orders per day
	tax        model.TaxSettings
	adminUser  model.User
	accountant string
	custs      []demoCust
	key, big   []int32
	isKey      map[int32]bool
	isService  map[string]bool
	groups     map[string]string // name → ID
	now        time.Time
	own        map[int32]model.CustomerTerms
	groupTerms map[string]model.CustomerTerms
	goods      []model.Product
	services   []model.Product
	whs        []string
	lists      []model.PriceList
	items      map[string][]model.PriceListItem
	indiv      map[string][]model.IndividualPrice
	curs       []model.Currency
	masks      map[model.DocKind]string
	counters   map[seriesKey]int64
	docNum     int64
	payNum     int64
	moveNum    int64
	idSeq      uint32
	company    model.Company
	templates  map[string]model.DocTemplate
	records    map[int32]model.Customer // key accounts, for their contracts
	contracts  map[int32]string

	orders   map[int][]orderPlan
	quotes   map[int][]*quotePlan
	pays     map[int][]payEvent
	credits  map[int][]creditEvent
	ships    map[int]map[model.StockKey]model.Qty // month → shipped
	returns  map[int][]stockEvent                 // month → goods returned by credit notes
	reserves []stockEvent
	drafts   []stockEvent // what draft orders will need: stocked, not reserved
	bal      map[model.StockKey]model.StockBalance
	out      []demoExec
}

func (s *Store) newSalesGen(ctx context.Context, seed uint64, n int) (*salesGen, error) {
	g := &salesGen{s: s, n: n, rng: rand.New(rand.NewPCG(seed^0x5A1E5, seed+0xD0C)), today: dayLocal(s.now()),
		own: map[int32]model.CustomerTerms{}, groupTerms: map[string]model.CustomerTerms{}, items: map[string][]model.PriceListItem{},
		indiv: map[string][]model.IndividualPrice{}, masks: map[model.DocKind]string{}, counters: map[seriesKey]int64{},
		templates: map[string]model.DocTemplate{}, records: map[int32]model.Customer{}, contracts: map[int32]string{},
		orders: map[int][]orderPlan{}, quotes: map[int][]*quotePlan{}, pays: map[int][]payEvent{}, credits: map[int][]creditEvent{},
		ships: map[int]map[model.StockKey]model.Qty{}, returns: map[int][]stockEvent{}, bal: map[model.StockKey]model.StockBalance{},
		isKey: map[int32]bool{}, isService: map[string]bool{}, groups: map[string]string{}, now: s.now().UTC()}
	g.start = g.today.AddDate(-3, 0, 0)
	q := s.r
	var docs int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&docs); err != nil {
		return nil, err
	}
	if docs > 0 {
		return nil, fmt.Errorf("%s already has documents; demo sales need a database without any", s.path)
	}
	users, err := s.Session(System).FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		switch {
		case u.Role == model.RoleAdmin && g.adminUser.ID == "":
			g.adminUser = u
		case u.Role == model.RoleAccountant && g.accountant == "":
			g.accountant = u.ID
		}
	}
	if g.adminUser.ID == "" {
		return nil, fmt.Errorf("%s has no administrator; run demo first", s.path)
	}
	if g.accountant == "" {
		g.accountant = g.adminUser.ID
	}
	if err := g.loadCustomers(ctx); err != nil {
		return nil, err
	}
	if err := g.loadCatalog(ctx); err != nil {
		return nil, err
	}
	series, err := queryAll(ctx, q, "number series", `SELECT kind, mask FROM number_series`, func(sc scanner) ([2]string, error) {
		var r [2]string
		err := sc.Scan(&r[0], &r[1])
		return r, err
	})
	if err != nil {
		return nil, err
	}
	for _, r := range series {
		g.masks[model.DocKind(r[0])] = r[1]
	}
	if g.company, _, err = loadCompany(ctx, q); err != nil {
		return nil, err
	}
	tmpls, err := queryAll(ctx, q, "templates", `SELECT id, kind, lang, name, body, is_default, version FROM doc_templates
		WHERE kind = 'contract' AND deleted_at IS NULL ORDER BY is_default DESC, name`, scanTemplate)
	if err != nil {
		return nil, err
	}
	for _, t := range tmpls {
		if _, ok := g.templates[t.Lang]; !ok {
			g.templates[t.Lang] = t
		}
	}
	groups, err := queryAll(ctx, q, "groups", `SELECT id, name FROM customer_groups WHERE deleted_at IS NULL`,
		func(sc scanner) ([2]string, error) {
			var r [2]string
			err := sc.Scan(&r[0], &r[1])
			return r, err
		})
	if err != nil {
		return nil, err
	}
	for _, r := range groups {
		g.groups[r[1]] = r[0]
	}
	g.planDays()
	return g, nil
}

// loadCustomers reads the customers and chooses the key accounts (about
// one in fifty, 5 to 2,000: a quarter of the orders, contracts, terms with
// credit limits) and the bigger customers (one in twelve: 40 % of the
// orders).
func (g *salesGen) loadCustomers(ctx context.Context) error {
	rows, err := g.s.r.QueryContext(ctx, `SELECT c.id, coalesce(c.owner_id, ''), coalesce(c.group_id, ''), c.legal_form, c.channel
		FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.num`)
	if err != nil {
		return mapErr(err)
	}
	intern := map[string]string{}
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		intern[s] = s
		return s
	}
	for rows.Next() {
		var c demoCust
		var form, channel string
		if err := rows.Scan(&c.id, &c.owner, &c.group, &form, &channel); err != nil {
			rows.Close()
			return err
		}
		c.owner, c.group = in(c.owner), in(c.group)
		c.foreign = slices.Contains(demoEnForms, form)
		g.custs = append(g.custs, c)
		if channel != "" {
			if g.channels == nil {
				g.channels = map[string]model.Channel{}
			}
			g.channels[c.id] = model.Channel(in(channel))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(g.custs) == 0 {
		return errors.New("no customers to sell to; run demo first")
	}
	perm := g.rng.Perm(len(g.custs))
	nk := min(max(len(g.custs)/50, 5), 2000, len(g.custs))
	nb := min(len(g.custs)/12, len(g.custs)-nk)
	for _, i := range perm[:nk] {
		g.key = append(g.key, int32(i))
		g.isKey[int32(i)] = true
	}
	for _, i := range perm[nk : nk+nb] {
		g.big = append(g.big, int32(i))
	}
	ids := make([]string, len(g.key))
	for i, ci := range g.key {
		ids[i] = g.custs[ci].id
	}
	js, _ := json.Marshal(ids)
	recs, err := queryCustomers(ctx, g.s.r, `SELECT `+customerCols+customerFrom+` WHERE c.id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return err
	}
	byID := map[string]model.Customer{}
	for _, c := range recs {
		byID[c.ID] = c
	}
	for _, ci := range g.key {
		g.records[ci] = byID[g.custs[ci].id]
	}
	return nil
}

// loadCatalog reads what pricing needs: active goods and services (kits
// are left out), warehouses, price lists, individual prices, currencies,
// the tax settings and the stock balances.
func (g *salesGen) loadCatalog(ctx context.Context) error {
	q := g.s.r
	ps, err := queryAll(ctx, q, "products", `SELECT `+productCols+` FROM products p WHERE p.deleted_at IS NULL AND p.active = 1
		AND p.kind IN ('goods', 'service') ORDER BY p.num`, func(sc scanner) (model.Product, error) { return scanProduct(sc) })
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.Kind == model.KindService {
			g.services = append(g.services, p)
			g.isService[p.ID] = true
		} else {
			g.goods = append(g.goods, p)
		}
	}
	if len(g.goods) == 0 {
		return errors.New("no goods to sell; run demo first")
	}
	if g.whs, err = queryAll(ctx, q, "warehouses", `SELECT id FROM warehouses WHERE deleted_at IS NULL AND active = 1 ORDER BY name_fold`,
		func(sc scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		}); err != nil {
		return err
	}
	if len(g.whs) == 0 {
		return errors.New("no warehouse to ship from; run demo first")
	}
	if g.lists, err = loadPriceLists(ctx, q, ""); err != nil {
		return err
	}
	items, err := loadPriceItems(ctx, q, `1 = 1`)
	if err != nil {
		return err
	}
	for _, it := range items {
		g.items[it.ProductID] = append(g.items[it.ProductID], it)
	}
	ind, err := queryAll(ctx, q, "individual prices", `SELECT `+individualCols+` FROM individual_prices WHERE deleted_at IS NULL`, scanIndividual)
	if err != nil {
		return err
	}
	for _, p := range ind {
		g.indiv[p.CustomerID] = append(g.indiv[p.CustomerID], p)
	}
	if g.curs, err = loadCurrencies(ctx, q); err != nil {
		return err
	}
	if g.tax, err = loadTaxSettings(ctx, q); err != nil {
		return err
	}
	bs, err := queryAll(ctx, q, "stock", `SELECT product_id, warehouse_id, on_hand, reserved FROM stock_balances`,
		func(sc scanner) (model.StockBalance, error) {
			var b model.StockBalance
			err := sc.Scan(&b.ProductID, &b.WarehouseID, &b.OnHand, &b.Reserved)
			return b, err
		})
	if err != nil {
		return err
	}
	for _, b := range bs {
		g.bal[model.StockKey{ProductID: b.ProductID, WarehouseID: b.WarehouseID}] = b
	}
	return q.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM stock_movements`).Scan(&g.moveNum)
}

// planDays spreads the orders over the days: fewer at weekends, a third
// more at the end than at the start.
func (g *salesGen) planDays() {
	days := int(g.today.Sub(g.start).Hours()/24) + 1
	w := make([]float64, days)
	var sum float64
	for i := range w {
		f := 1.0
		switch g.start.AddDate(0, 0, i).Weekday() {
		case time.Saturday:
			f = 0.15
		case time.Sunday:
			f = 0.05
		}
		w[i] = f * (1 + 0.35*float64(i)/float64(days))
		sum += w[i]
	}
	g.counts = make([]int, days)
	acc, prev := 0.0, 0
	for i := range w {
		acc += w[i]
		next := int(float64(g.n)*acc/sum + 0.5)
		g.counts[i], prev = next-prev, next
	}
}

func (g *salesGen) day(i int) time.Time { return g.start.AddDate(0, 0, i) }

// at is a moment of day d during office hours (not after now).
func (g *salesGen) at(d time.Time) time.Time {
	return g.notAfterNow(d.Add(time.Duration(8*60+g.rng.IntN(10*60))*time.Minute + time.Duration(g.rng.IntN(60))*time.Second))
}

// notAfterNow keeps generated times of today in the past.
func (g *salesGen) notAfterNow(t time.Time) time.Time {
	if t.After(g.now) {
		return g.now
	}
	return t
}

func (g *salesGen) newID(t time.Time) string {
	var r [10]byte
	x, y := g.rng.Uint64(), g.rng.Uint64()
	for i := 0; i < 8; i++ {
		r[i] = byte(x >> (8 * i))
	}
	r[8], r[9] = byte(y), byte(y>>8)
	g.idSeq++
	return model.NewIDSeq(t, g.idSeq, r)
}

// number takes the next number of kind's series on day, as nextNumber does.
func (g *salesGen) number(kind model.DocKind, day time.Time) (string, error) {
	mask := g.masks[kind]
	if mask == "" {
		mask = model.DefaultSeries[kind]
	}
	year := 0
	if strings.Contains(mask, "{YY") {
		year = day.Year()
	}
	k := seriesKey{kind, year}
	g.counters[k]++
	n, err := model.FormatDocNumber(mask, day, g.counters[k])
	if err != nil {
		return "", fmt.Errorf("number series %s: %w", kind, err)
	}
	return n, nil
}

func (g *salesGen) emit(st int, args ...any) { g.out = append(g.out, demoExec{st, args}) }

// flush sends the rows emitted so far as one unit.
func (g *salesGen) flush(units chan<- salesUnit, stop <-chan struct{}) bool {
	if len(g.out) == 0 {
		return true
	}
	select {
	case units <- salesUnit{rows: g.out}:
		g.out = nil
		return true
	case <-stop:
		return false
	}
}

var errStopped = errors.New("stopped")

// run generates everything: terms, then day by day the quotes, orders
// with their invoices and waybills, credit notes and payments, then the
// stock movements, the balances and the series counters.
func (g *salesGen) run(ctx context.Context, units chan<- salesUnit, stop <-chan struct{}) error {
	send := func() error {
		if !g.flush(units, stop) {
			return errStopped
		}
		return ctx.Err()
	}
	g.terms()
	if err := send(); err != nil {
		return err
	}
	days := len(g.counts)
	for i := 0; i < min(7, days); i++ {
		g.planOrders(i, 0)
	}
	for i := 0; i < days; i++ {
		if i+7 < days {
			g.planOrders(i+7, i)
		}
		d := g.day(i)
		for _, qp := range g.quotes[i] {
			if err := g.quote(qp, d); err != nil {
				return err
			}
			if err := send(); err != nil {
				return err
			}
		}
		delete(g.quotes, i)
		for _, op := range g.orders[i] {
			if err := g.order(op, i, d); err != nil {
				return err
			}
			if err := send(); err != nil {
				return err
			}
		}
		delete(g.orders, i)
		for _, ce := range g.credits[i] {
			if err := g.creditNote(ce); err != nil {
				return err
			}
		}
		delete(g.credits, i)
		pays := g.pays[i]
		slices.SortStableFunc(pays, func(a, b payEvent) int { return a.at.Compare(b.at) })
		for _, p := range pays {
			g.payment(p)
		}
		delete(g.pays, i)
		if err := send(); err != nil {
			return err
		}
	}
	g.stock()
	for k, last := range g.counters {
		g.emit(stCounter, string(k.kind), k.year, last)
	}
	return send()
}

// terms writes the groups' terms and those of some customers: the key
// accounts net 30 days with a credit limit (one pays by instalments), a
// third of the bigger customers net 14 or 30 days with a smaller limit;
// English-named ones get their documents in English.
func (g *salesGen) terms() {
	stamp := ts(g.now)
	for _, gt := range []struct {
		name  string
		terms model.PaymentTerms
		limit model.Money
	}{
		{"Ключевые клиенты", model.PaymentTerms{NetDays: 30}, 0},
		{"Дилеры", model.PaymentTerms{PrepayBP: 3000, NetDays: 14}, 200_000_000},
		{"Опт", model.PaymentTerms{NetDays: 14}, 0},
	} {
		id := g.groups[gt.name]
		if id == "" {
			continue
		}
		t := model.CustomerTerms{GroupID: id, Terms: gt.terms, HasTerms: true, CreditLimit: gt.limit, HasLimit: gt.limit > 0}
		g.groupTerms[id] = t
		g.emit(stTerms, g.newID(g.now), nil, id, encodeTerms(t.Terms), t.HasTerms, int64(t.CreditLimit), t.HasLimit, "", stamp)
	}
	add := func(ci int32, t model.CustomerTerms) {
		if g.custs[ci].foreign {
			t.DocLang = "en"
		}
		if !t.HasTerms && !t.HasLimit && t.DocLang == "" {
			return
		}
		t.CustomerID = g.custs[ci].id
		g.own[ci] = t
		g.emit(stTerms, g.newID(g.now), t.CustomerID, nil, encodeTerms(t.Terms), t.HasTerms, int64(t.CreditLimit), t.HasLimit,
			t.DocLang, stamp)
	}
	for i, ci := range g.key {
		t := model.CustomerTerms{Terms: model.PaymentTerms{NetDays: 30}, HasTerms: true, CreditLimit: 300_000_000, HasLimit: true}
		if i == 0 {
			t.Terms = model.PaymentTerms{PrepayBP: 3000, Instalments: []model.Instalment{{Days: 30, ShareBP: 4000}, {Days: 60, ShareBP: 3000}}}
			t.CreditLimit = 500_000_000
		}
		add(ci, t)
	}
	for _, ci := range g.big {
		var t model.CustomerTerms
		if g.rng.IntN(3) == 0 {
			t = model.CustomerTerms{Terms: model.PaymentTerms{NetDays: []int{14, 30}[g.rng.IntN(2)]}, HasTerms: true,
				CreditLimit: 100_000_000, HasLimit: true}
		}
		add(ci, t)
	}
}

// termsOf is a customer's effective terms.
func (g *salesGen) termsOf(ci int32) model.CustomerTerms {
	return model.EffectiveTerms(g.own[ci], g.groupTerms[g.custs[ci].group])
}

// pickCustomer: a quarter of the orders from key accounts, 40 % from the
// bigger customers, the rest from anyone.
func (g *salesGen) pickCustomer() int32 {
	r := g.rng.Float64()
	switch {
	case r < 0.25:
		return g.key[g.rng.IntN(len(g.key))]
	case r < 0.65 && len(g.big) > 0:
		return g.big[g.rng.IntN(len(g.big))]
	}
	return int32(g.rng.IntN(len(g.custs)))
}

// planOrders decides day i's orders; 7 % of them are made from a quote
// issued 1–7 days before (never before the current day cur), and 3 % more
// quotes are issued that day and never ordered.
func (g *salesGen) planOrders(i, cur int) {
	for k := 0; k < g.counts[i]; k++ {
		op := orderPlan{cust: g.pickCustomer()}
		if back := 1 + g.rng.IntN(7); g.rng.IntN(100) < 7 && i-back >= cur {
			op.quote = &quotePlan{cust: op.cust, order: true}
			g.quotes[i-back] = append(g.quotes[i-back], op.quote)
		}
		g.orders[i] = append(g.orders[i], op)
		if g.rng.IntN(100) < 3 {
			g.quotes[i] = append(g.quotes[i], &quotePlan{cust: g.pickCustomer()})
		}
	}
}

// lines makes 1–9 lines of different goods (5 on average), and a service
// in one order of twenty, priced for the customer on day.
func (g *salesGen) lines(ci int32, day time.Time) ([]model.DocLine, error) {
	n := min(1+g.rng.IntN(9), len(g.goods))
	picked := make([]int, 0, n+1)
	var out []model.DocLine
	add := func(p model.Product, qty model.Qty) error {
		l := model.DocLine{ProductID: p.ID, SKU: p.SKU, Name: p.Name, UnitCode: p.UnitCode, Qty: qty, VATCat: p.VAT, WeightGrams: p.WeightGrams}
		if u, ok := model.UnitByCode(p.UnitCode); ok {
			l.Unit = u.Symbol
		}
		c := g.custs[ci]
		r, err := model.ResolvePrice(model.PriceInput{Product: p, CustomerID: c.id, GroupID: c.group, Individual: g.indiv[c.id],
			Lists: g.lists, Items: g.items[p.ID], Day: day, Qty: qty, Currency: g.tax.BaseCurrency, Base: g.tax.BaseCurrency,
			Currencies: g.curs})
		if err != nil {
			return err
		}
		l.Price, l.PriceReason = r.Price, r.Reason
		if l.VATCat == "" {
			l.VATCat = model.VATStandard
		}
		out = append(out, l)
		return nil
	}
	for len(picked) < n {
		k := g.rng.IntN(len(g.goods))
		if slices.Contains(picked, k) {
			continue
		}
		picked = append(picked, k)
		p := g.goods[k]
		qty := model.Qty(1+g.rng.IntN(20)) * model.QtyOne
		if p.UnitCode == "006" { // metres of cable or pipe
			qty *= 10
		}
		if err := add(p, qty); err != nil {
			return nil, err
		}
	}
	if len(g.services) > 0 && g.rng.IntN(20) == 0 {
		if err := add(g.services[g.rng.IntN(len(g.services))], model.QtyOne); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// contract posts the key account's supply contract on day, once.
func (g *salesGen) contract(ci int32, day time.Time) (string, error) {
	if id, ok := g.contracts[ci]; ok || !g.isKey[ci] {
		return id, nil
	}
	terms := g.termsOf(ci)
	t, ok := g.templates[terms.DocLang]
	if !ok {
		if t, ok = g.templates["ru"]; !ok {
			g.contracts[ci] = ""
			return "", nil
		}
	}
	number, err := g.number(model.DocContract, day)
	if err != nil {
		return "", err
	}
	body, _ := model.RenderTemplate(t.Body, model.TemplateValues(g.company, g.records[ci], terms.Terms, g.tax.BaseCurrency, t.Lang))
	body, _ = model.RenderTemplate(body, model.PostedValues(number, day, t.Lang))
	at := g.at(day)
	d := model.Document{ID: g.newID(at), Kind: model.DocContract, Status: model.StatusPosted, Number: number, Date: day,
		CustomerID: g.custs[ci].id, OwnerID: g.owner(ci), Currency: g.tax.BaseCurrency, Lang: t.Lang, Terms: terms.Terms, Body: body,
		Note: t.Name, PostedAt: at}
	g.doc(d, "", at, at, 2)
	g.contracts[ci] = d.ID
	return d.ID, nil
}

func (g *salesGen) owner(ci int32) string {
	if o := g.custs[ci].owner; o != "" {
		return o
	}
	return g.adminUser.ID
}

// doc emits a document row (and its lines unless linesOf).
func (g *salesGen) doc(d model.Document, linesOf string, created, updated time.Time, version int64) {
	g.docNum++
	if updated.Before(created) {
		updated = created
	}
	lang := d.Lang
	if lang == "" {
		lang = "ru"
	}
	channel := d.Channel
	if channel == "" {
		channel = g.channels[d.CustomerID]
	}
	g.emit(stDoc, d.ID, g.docNum, string(d.Kind), string(d.Status), nullStr(d.Number), nullStr(model.FoldText(d.Number)), dateOnly(d.Date),
		d.CustomerID, nullStr(d.OwnerID), d.Currency, int64(1), int64(10000), lang, d.PricesIncludeVAT, d.NoVAT,
		nullStr(dateOnly(d.ValidUntil)), nullStr(dateOnly(d.DueDate)), nullStr(dateOnly(d.DeliveryDate)), nullStr(d.WarehouseID), nil, nil,
		nullStr(d.BaseID), nullStr(d.OrderID), nullStr(d.ContractID), nil, nullStr(linesOf), encodeTerms(d.Terms), "",
		int64(d.Totals.Net), int64(d.Totals.VAT), int64(d.Totals.Gross), d.Totals.Lines, int64(d.Paid), int64(d.Credited), d.Body, d.Note,
		d.Reason, nullTS(d.PostedAt), ts(created), ts(updated), version, string(channel))
	if linesOf != "" {
		return
	}
	for _, l := range d.Lines {
		cat := l.VATCat
		if cat == "" {
			cat = model.VATNone
		}
		g.emit(stLine, d.ID, l.No, nullStr(l.ProductID), l.SKU, l.Name, l.UnitCode, l.Unit, int64(l.Qty), int64(l.Price), l.ManualPrice,
			l.PriceReason, string(cat), l.VATBP, int64(l.Amounts.Net), int64(l.Amounts.VAT), int64(l.Amounts.Gross), l.WeightGrams,
			l.BaseLine, l.Note)
	}
}

// priced computes lines and totals on day.
func (g *salesGen) priced(lines []model.DocLine, day time.Time) ([]model.DocLine, model.Totals, error) {
	out, err := model.ComputeLines(lines, day, g.tax.PricesIncludeVAT, g.tax.NoVAT)
	if err != nil {
		return nil, model.Totals{}, err
	}
	t, err := model.DocTotals(out)
	return out, t, err
}

// quote issues a quote on day.
func (g *salesGen) quote(qp *quotePlan, day time.Time) error {
	var err error
	if qp.contractID, err = g.contract(qp.cust, day); err != nil {
		return err
	}
	lines, err := g.lines(qp.cust, day)
	if err != nil {
		return err
	}
	d := model.Document{Kind: model.DocQuote, Status: model.StatusPosted, Date: day, CustomerID: g.custs[qp.cust].id,
		OwnerID: g.owner(qp.cust), Currency: g.tax.BaseCurrency, Lang: g.termsOf(qp.cust).DocLang, ValidUntil: day.AddDate(0, 0, 14),
		PricesIncludeVAT: g.tax.PricesIncludeVAT, NoVAT: g.tax.NoVAT, ContractID: qp.contractID}
	if d.Lines, d.Totals, err = g.priced(lines, day); err != nil {
		return err
	}
	if d.Number, err = g.number(model.DocQuote, day); err != nil {
		return err
	}
	at := g.at(day)
	d.ID, d.PostedAt = g.newID(at), at
	g.doc(d, "", at, at, 2)
	qp.id, qp.number, qp.lines = d.ID, d.Number, d.Lines
	return nil
}

// order takes an order on day i: a draft (one in four of the last three
// days), or confirmed with its invoice and waybill — cancelled now and
// then, shipped within four days, paid as the customer pays.
func (g *salesGen) order(op orderPlan, i int, day time.Time) error {
	ci := op.cust
	c := g.custs[ci]
	terms := g.termsOf(ci)
	contractID, err := g.contract(ci, day)
	if err != nil {
		return err
	}
	var lines []model.DocLine
	if op.quote != nil && op.quote.id != "" {
		lines = make([]model.DocLine, len(op.quote.lines))
		for k, l := range op.quote.lines {
			l.ManualPrice = true // the quoted price holds
			lines[k] = l
		}
		if op.quote.contractID != "" {
			contractID = op.quote.contractID
		}
	} else if lines, err = g.lines(ci, day); err != nil {
		return err
	}
	o := model.Document{Kind: model.DocOrder, Date: day, CustomerID: c.id, OwnerID: g.owner(ci), Currency: g.tax.BaseCurrency,
		Lang: terms.DocLang, PricesIncludeVAT: g.tax.PricesIncludeVAT, NoVAT: g.tax.NoVAT, ContractID: contractID,
		WarehouseID: g.whs[0]}
	if len(g.whs) > 1 && g.rng.IntN(5) == 0 {
		o.WarehouseID = g.whs[1]
	}
	if op.quote != nil && op.quote.id != "" {
		o.BaseID = op.quote.id
	}
	if g.rng.IntN(2) == 0 {
		o.DeliveryDate = day.AddDate(0, 0, 3+g.rng.IntN(8))
	}
	if o.Lines, o.Totals, err = g.priced(lines, day); err != nil {
		return err
	}
	created := g.at(day)
	o.ID = g.newID(created)
	days := len(g.counts)
	if i >= days-3 && g.rng.IntN(4) == 0 {
		o.Status = model.StatusDraft
		g.doc(o, "", created, created, 1)
		for _, l := range o.Lines {
			if !g.isService[l.ProductID] {
				g.drafts = append(g.drafts, stockEvent{key: model.StockKey{ProductID: l.ProductID, WarehouseID: o.WarehouseID}, qty: l.Qty,
					at: created})
			}
		}
		return nil
	}
	cancelled := i < days-7 && g.rng.IntN(100) == 0
	posted := g.notAfterNow(created.Add(time.Duration(10+g.rng.IntN(110)) * time.Minute))
	o.Terms, o.PostedAt, o.Status = terms.Terms, posted, model.StatusPosted
	if o.Number, err = g.number(model.DocOrder, day); err != nil {
		return err
	}
	var goods []model.DocLine
	for _, l := range o.Lines {
		if !g.isService[l.ProductID] {
			nl := l
			nl.No = len(goods) + 1
			goods = append(goods, nl)
		}
	}
	shipDay := day.AddDate(0, 0, g.rng.IntN(5))
	shipped := !cancelled && len(goods) > 0 && !shipDay.After(g.today)
	shipAt := g.at(shipDay)
	if shipAt.Before(posted) {
		shipAt = g.notAfterNow(posted.Add(time.Hour))
	}
	sched := model.Schedule(o.Terms, o.Totals.Gross, day)
	inv := model.Document{Kind: model.DocInvoice, Status: model.StatusPosted, Date: day, CustomerID: c.id, OwnerID: o.OwnerID,
		Currency: o.Currency, Lang: o.Lang, PricesIncludeVAT: o.PricesIncludeVAT, NoVAT: o.NoVAT, DueDate: sched[len(sched)-1].Date,
		BaseID: o.ID, OrderID: o.ID, ContractID: contractID, Terms: o.Terms, Lines: o.Lines, Totals: o.Totals, PostedAt: posted}
	if inv.Number, err = g.number(model.DocInvoice, day); err != nil {
		return err
	}
	inv.ID = g.newID(posted)
	var wb model.Document
	if len(goods) > 0 {
		wb = model.Document{Kind: model.DocWaybill, Status: model.StatusPosted, Date: day, CustomerID: c.id, OwnerID: o.OwnerID,
			Currency: o.Currency, Lang: o.Lang, PricesIncludeVAT: o.PricesIncludeVAT, NoVAT: o.NoVAT, BaseID: o.ID, OrderID: o.ID,
			ContractID: contractID, WarehouseID: o.WarehouseID, DeliveryDate: o.DeliveryDate, PostedAt: posted, Lines: o.Lines, Totals: o.Totals}
		if len(goods) < len(o.Lines) {
			wb.Lines = goods
			if wb.Totals, err = model.DocTotals(goods); err != nil {
				return err
			}
		}
		if wb.Number, err = g.number(model.DocWaybill, day); err != nil {
			return err
		}
		wb.ID = g.newID(posted)
	}
	orderVersion, invVersion, wbVersion := int64(2), int64(1), int64(1)
	orderUpdated, invUpdated, wbUpdated := posted, posted, posted
	var credit *creditEvent
	switch {
	case cancelled:
		reason := "Клиент отказался от заказа"
		cancelAt := g.notAfterNow(posted.Add(time.Duration(1+g.rng.IntN(48)) * time.Hour))
		o.Status, o.Reason, inv.Status, inv.Reason = model.StatusCancelled, reason, model.StatusCancelled, reason
		orderVersion, invVersion, orderUpdated, invUpdated = 3, 2, cancelAt, cancelAt
		if wb.ID != "" {
			wb.Status, wb.Reason, wbVersion, wbUpdated = model.StatusCancelled, reason, 2, cancelAt
		}
	case shipped:
		o.Status, wb.Status = model.StatusShipped, model.StatusShipped
		orderVersion, wbVersion, orderUpdated, wbUpdated = 3, 2, shipAt, shipAt
		m := monthOf(shipDay)
		if g.ships[m] == nil {
			g.ships[m] = map[model.StockKey]model.Qty{}
		}
		for _, l := range goods {
			g.ships[m][model.StockKey{ProductID: l.ProductID, WarehouseID: o.WarehouseID}] += l.Qty
		}
		// One shipped invoice in 150 gets a credit note: part of a line returned.
		if cnDay := shipDay.AddDate(0, 0, 3+g.rng.IntN(28)); g.rng.IntN(150) == 0 && !cnDay.After(g.today) {
			l := goods[g.rng.IntN(len(goods))]
			for _, ol := range o.Lines {
				if ol.ProductID == l.ProductID {
					l = ol // the invoice's numbering
				}
			}
			ret := model.Qty(1+g.rng.Int64N(max(1, int64(l.Qty/model.QtyOne)/2))) * model.QtyOne
			nl := l
			nl.No, nl.BaseLine, nl.Qty, nl.ManualPrice = 1, l.No, -min(ret, l.Qty), true
			nl.Amounts = model.LineTotal(nl.Price, nl.Qty, l.VATBP, o.NoVAT || l.VATCat == model.VATNone, o.PricesIncludeVAT)
			t, err := model.DocTotals([]model.DocLine{nl})
			if err != nil {
				return err
			}
			credit = &creditEvent{at: g.at(cnDay), lines: []model.DocLine{nl}, totals: t, warehouse: o.WarehouseID,
				reason: pick(g.rng, []string{"Возврат: брак", "Возврат: пересорт", "Возврат: повреждение при доставке"})}
			inv.Credited = t.Gross
			invVersion++
			invUpdated = credit.at
		}
	default:
		for _, l := range goods {
			g.reserves = append(g.reserves, stockEvent{key: model.StockKey{ProductID: l.ProductID, WarehouseID: o.WarehouseID}, qty: l.Qty,
				at: posted, docRef: o.ID, note: o.Number})
		}
	}
	if !cancelled {
		paid, n, last := g.planPayments(ci, inv, sched)
		inv.Paid = paid
		invVersion += int64(n)
		if last.After(invUpdated) {
			invUpdated = last
		}
	}
	g.doc(o, "", created, orderUpdated, orderVersion)
	g.doc(inv, o.ID, posted, invUpdated, invVersion)
	if wb.ID != "" {
		linesOf := o.ID
		if len(goods) < len(o.Lines) {
			linesOf = ""
		}
		g.doc(wb, linesOf, posted, wbUpdated, wbVersion)
	}
	// The invoice's instalments, marked paid as refreshInvoiceObligations does.
	obs := make([]model.Obligation, len(sched))
	for k, it := range sched {
		obs[k] = model.Obligation{ID: g.newID(posted), Due: it.Date, Amount: it.Amount, Status: model.ObligationOpen}
	}
	if cancelled {
		for k := range obs {
			obs[k].Status = model.ObligationVoid
		}
	} else {
		obs = model.SpreadPaid(obs, inv.Paid-inv.Credited)
	}
	for k, ob := range obs {
		g.emit(stObligation, ob.ID, string(model.CustomerToPay), inv.ID, k+1, c.id, dateOnly(ob.Due), int64(ob.Amount), int64(ob.Done),
			o.Currency, ob.Status, inv.Number)
	}
	if wb.ID != "" {
		due := o.DeliveryDate
		if due.IsZero() {
			due = day
		}
		status, done := model.ObligationOpen, model.Money(0)
		switch {
		case cancelled:
			status = model.ObligationVoid
		case shipped:
			status, done = model.ObligationDone, wb.Totals.Gross
		}
		g.emit(stObligation, g.newID(posted), string(model.OursToDeliver), o.ID, 1, c.id, dateOnly(due), int64(wb.Totals.Gross), int64(done),
			o.Currency, status, o.Number)
	}
	if credit != nil {
		credit.inv, credit.custID, credit.orderID = inv, c.id, o.ID
		di := int(credit.at.Sub(g.start).Hours() / 24)
		g.credits[di] = append(g.credits[di], *credit)
	}
	return nil
}

func monthOf(d time.Time) int { return d.Year()*12 + int(d.Month()) - 1 }

// planPayments decides how the customer pays the invoice and schedules
// the payments that happen by today: 84 % pay each instalment on time, 8 %
// late, 3.5 % half of the first instalment, 3 % nothing, 1.5 % too much
// (the rest stays as credit); key accounts always pay, 90 % on time. It returns what is allocated to the invoice,
// the number of payments and the last payment's time.
func (g *salesGen) planPayments(ci int32, inv model.Document, sched []model.DueItem) (model.Money, int, time.Time) {
	due := inv.Totals.Gross + inv.Credited
	items := slices.Clone(sched)
	// A return lowers what is due: the last instalments shrink.
	for k, cut := len(items)-1, -inv.Credited; k >= 0 && cut > 0; k-- {
		take := min(cut, items[k].Amount)
		items[k].Amount -= take
		cut -= take
	}
	var paid model.Money
	var n int
	var last time.Time
	pay := func(day time.Time, amount model.Money) {
		if day.Before(inv.Date) {
			day = inv.Date
		}
		if day.After(g.today) || amount <= 0 {
			return
		}
		alloc := min(amount, due-paid)
		at := g.at(day)
		if at.Before(inv.PostedAt) {
			at = g.notAfterNow(inv.PostedAt.Add(time.Minute))
		}
		di := int(day.Sub(g.start).Hours() / 24)
		g.pays[di] = append(g.pays[di], payEvent{at: at, cust: ci, amount: amount, alloc: alloc, invoiceID: inv.ID})
		paid += alloc
		if alloc > 0 {
			n++
		}
		last = at
	}
	r := g.rng.IntN(1000)
	if g.isKey[ci] && r >= 920 {
		r -= 80
	}
	switch {
	case r < 840:
		for _, it := range items {
			pay(it.Date.AddDate(0, 0, -g.rng.IntN(4)), it.Amount)
		}
	case r < 920:
		for _, it := range items {
			pay(it.Date.AddDate(0, 0, 5+g.rng.IntN(40)), it.Amount)
		}
	case r < 955:
		if len(items) > 0 {
			pay(items[0].Date.AddDate(0, 0, g.rng.IntN(10)), items[0].Amount/2)
		}
	case r < 985:
	default:
		extra := model.Money(100_000) - due%100_000 + 100_000 // up to the next thousand roubles, and another thousand
		pay(items[0].Date, due+extra)
	}
	return paid, n, last
}

// payment records one payment allocated to its invoice.
func (g *salesGen) payment(p payEvent) {
	g.payNum++
	id := g.newID(p.at)
	method := model.PayBank
	switch r := g.rng.IntN(20); {
	case r == 0:
		method = model.PayCash
	case r == 1:
		method = model.PayCard
	}
	number := ""
	if method == model.PayBank {
		number = strconv.Itoa(100 + g.rng.IntN(9900))
	}
	stamp := ts(p.at)
	g.emit(stPayment, id, g.payNum, number, dateOnly(dayOfTime(p.at)), g.custs[p.cust].id, int64(p.amount), g.tax.BaseCurrency,
		string(method), int64(p.alloc), g.accountant, stamp, stamp, int64(1)+boolInt64(p.alloc > 0))
	if p.alloc > 0 {
		g.emit(stAllocation, id, p.invoiceID, int64(p.alloc), stamp)
	}
}

func dayOfTime(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func boolInt64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// creditNote posts a credit note returning part of an invoice line.
func (g *salesGen) creditNote(ce creditEvent) error {
	day := dayOfTime(ce.at)
	inv := ce.inv
	cn := model.Document{Kind: model.DocCreditNote, Status: model.StatusPosted, Date: day, CustomerID: ce.custID,
		OwnerID: inv.OwnerID, Currency: inv.Currency, Lang: inv.Lang, PricesIncludeVAT: inv.PricesIncludeVAT, NoVAT: inv.NoVAT,
		BaseID: inv.ID, OrderID: ce.orderID, ContractID: inv.ContractID, Lines: ce.lines, Totals: ce.totals, Reason: ce.reason,
		PostedAt: ce.at}
	var err error
	if cn.Number, err = g.number(model.DocCreditNote, day); err != nil {
		return err
	}
	cn.ID = g.newID(ce.at)
	g.doc(cn, "", ce.at, ce.at, 1)
	m := monthOf(day) // the goods come back to the warehouse they left
	for _, l := range ce.lines {
		g.returns[m] = append(g.returns[m], stockEvent{key: model.StockKey{ProductID: l.ProductID, WarehouseID: ce.warehouse},
			qty: -l.Qty, at: ce.at, docRef: ce.orderID, note: cn.Number})
	}
	return nil
}

// stock writes the movements: per month a receipt and a shipment of what
// the month's waybills shipped, per product and warehouse, and the goods
// credit notes brought back; then the reservations of the orders not
// shipped yet (with a receipt first where the stock would not cover them)
// and receipts that let the draft orders be confirmed; then the balances.
func (g *salesGen) stock() {
	var months []int
	for m := range g.ships {
		months = append(months, m)
	}
	for m := range g.returns {
		if _, ok := g.ships[m]; !ok {
			months = append(months, m)
		}
	}
	slices.Sort(months)
	touched := map[model.StockKey]bool{}
	move := func(kind model.MovementKind, k model.StockKey, q model.Qty, at time.Time, docRef, note string) {
		b := g.bal[k]
		b.ProductID, b.WarehouseID = k.ProductID, k.WarehouseID
		var from, to any
		switch kind {
		case model.MoveReceipt:
			b.OnHand += q
			to = k.WarehouseID
		case model.MoveShip:
			b.OnHand -= q
			b.Reserved -= min(b.Reserved, q)
			from = k.WarehouseID
		case model.MoveReserve:
			b.Reserved += q
			from = k.WarehouseID
		}
		g.bal[k], touched[k] = b, true
		g.moveNum++
		at = g.notAfterNow(at)
		g.emit(stMove, g.newID(at), g.moveNum, string(kind), k.ProductID, from, to, int64(q), ts(at), note, docRef, g.adminUser.ID, ts(at))
	}
	for _, m := range months {
		first := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if last.After(g.today) {
			last = g.today
		}
		keys := make([]model.StockKey, 0, len(g.ships[m]))
		for k := range g.ships[m] {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b model.StockKey) int {
			return cmp.Or(cmp.Compare(a.ProductID, b.ProductID), cmp.Compare(a.WarehouseID, b.WarehouseID))
		})
		label := first.Format("2006-01")
		for _, k := range keys {
			move(model.MoveReceipt, k, g.ships[m][k], first.Add(8*time.Hour), "", "Поступление от поставщика за "+label)
		}
		for _, k := range keys {
			move(model.MoveShip, k, g.ships[m][k], last.Add(19*time.Hour), "", "Отгрузки покупателям за "+label)
		}
		for _, r := range g.returns[m] {
			move(model.MoveReceipt, r.key, r.qty, r.at, r.docRef, r.note)
		}
	}
	// Reservations per order and product, as ConfirmOrder makes them.
	type resKey struct {
		doc string
		key model.StockKey
	}
	sum := map[resKey]model.Qty{}
	var order []resKey
	byKey := map[resKey]stockEvent{}
	for _, r := range g.reserves {
		k := resKey{r.docRef, r.key}
		if _, ok := sum[k]; !ok {
			order = append(order, k)
			byKey[k] = r
		}
		sum[k] += r.qty
	}
	for _, k := range order {
		r, q := byKey[k], sum[k]
		if b := g.bal[k.key]; b.OnHand-b.Reserved < q {
			move(model.MoveReceipt, k.key, q-(b.OnHand-b.Reserved)+model.Qty(g.rng.IntN(50))*model.QtyOne, r.at.Add(-time.Minute), "",
				"Поступление от поставщика")
		}
		move(model.MoveReserve, k.key, q, r.at, r.docRef, r.note)
	}
	// Draft orders can be confirmed: their goods are in stock.
	for _, r := range g.drafts {
		if b := g.bal[r.key]; b.OnHand-b.Reserved < r.qty {
			move(model.MoveReceipt, r.key, r.qty-(b.OnHand-b.Reserved)+model.Qty(g.rng.IntN(50))*model.QtyOne, r.at, "",
				"Поступление от поставщика")
		}
	}
	keys := make([]model.StockKey, 0, len(touched))
	for k := range touched {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b model.StockKey) int {
		return cmp.Or(cmp.Compare(a.ProductID, b.ProductID), cmp.Compare(a.WarehouseID, b.WarehouseID))
	})
	for _, k := range keys {
		b := g.bal[k]
		g.emit(stBalance, k.ProductID, k.WarehouseID, int64(b.OnHand), int64(b.Reserved))
	}
}
