package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"sdelka/model"
	"sdelka/repo"
	"sdelka/reports/docpdf"
	"sdelka/reports/tabular"
)

// benchOp is one standard operation; later capabilities add theirs to benchOps.
type benchOp struct {
	name string
	runs int // default number of runs
	fn   func(ctx context.Context, b *benchEnv, i int) error
	// setup, when set, prepares what runs of fn use (untimed).
	setup func(ctx context.Context, b *benchEnv, runs int) error
}

// benchEnv is what the operations work on: a copy of the user's database, so
// that timing never changes the real one.
type benchEnv struct {
	store      *repo.Store
	head       model.Services
	sellerID   string
	names      []string // sample of customer names, for searches and deep pages
	ids        []string
	sample     []model.Customer
	cardID     string // a customer given 50 timeline entries for customers.card
	importFile string // a generated CSV of importRows new customers
	importRows int
	rng        *rand.Rand
	password   string // the admin's password when known (demo databases)
	login      string
	products   []model.ProductRow // a sample spread over the catalog
	dealerID   string             // a customer whose group has a price list (the heaviest price resolution)
	invoices   []string           // IDs of up to pdfBatch posted invoices, newest first
	drafts     []model.Document   // draft orders of 200 lines for documents.confirm200
	pipe       model.Pipeline     // the default pipeline, for pipeline.move
	moveDeals  []model.Deal       // open deals pipeline.move moves forward and back, as last moved
	moveFrom   []string           // the stage each of them started in
	crossDeals []string           // open deals with lines, for pipeline.crosssell
}

var benchOps = []benchOp{
	{name: "store.open", runs: 10, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		s, err := repo.Open(b.store.Path())
		if err != nil {
			return err
		}
		return s.Close()
	}},
	{name: "auth.login", runs: 10, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if b.password == "" {
			return errSkip
		}
		_, err := b.store.Gate().Login(ctx, b.login, b.password)
		return err
	}},
	{name: "customers.first_page", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		_, err := b.head.Customers.FindCustomers(ctx, model.CustomerFilter{Limit: 50})
		return err
	}},
	{name: "customers.deep_page", runs: 200, fn: func(ctx context.Context, b *benchEnv, i int) error {
		if len(b.names) == 0 {
			return errSkip
		}
		k := b.rng.IntN(len(b.names))
		_, err := b.head.Customers.FindCustomers(ctx, model.CustomerFilter{AfterKey: b.names[k], AfterID: b.ids[k], Limit: 50})
		return err
	}},
	{name: "customers.search_prefix", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if len(b.names) == 0 {
			return errSkip
		}
		r := []rune(b.names[b.rng.IntN(len(b.names))])
		_, err := b.head.Customers.FindCustomers(ctx, model.CustomerFilter{Query: string(r[:min(len(r), 6)]), Limit: 50})
		return err
	}},
	{name: "customers.search_prefix3", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if len(b.names) == 0 {
			return errSkip
		}
		_, err := b.head.Customers.SearchCustomers(ctx, b.prefix3(), 50)
		return err
	}},
	{name: "customers.page100", runs: 200, fn: func(ctx context.Context, b *benchEnv, i int) error {
		if len(b.names) == 0 {
			return errSkip
		}
		// Any order the list offers, from a random place in it.
		f := model.CustomerFilter{Sort: model.CustomerSorts[i%len(model.CustomerSorts)], Desc: i%2 == 1, Limit: 100}
		c := b.sample[b.rng.IntN(len(b.sample))]
		f.AfterKey, f.AfterID = c.SortKey(f.Sort), c.ID
		_, err := b.head.Customers.FindCustomers(ctx, f)
		return err
	}},
	{name: "customers.card", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if b.cardID == "" {
			return errSkip
		}
		card, err := b.head.Customers.CustomerCard(ctx, b.cardID, 50)
		if err == nil && len(card.Timeline) < 50 {
			err = fmt.Errorf("card shows %d timeline entries, want 50", len(card.Timeline))
		}
		return err
	}},
	{name: "customers.seller_page", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if b.sellerID == "" {
			return errSkip
		}
		seller := b.store.Services(model.User{ID: b.sellerID, Role: model.RoleSeller})
		_, err := seller.Customers.FindCustomers(ctx, model.CustomerFilter{Limit: 50})
		return err
	}},
	{name: "customers.count", runs: 20, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		_, err := b.head.Customers.CountCustomers(ctx, model.CustomerFilter{})
		return err
	}},
	{name: "customers.create", runs: 100, fn: func(ctx context.Context, b *benchEnv, i int) error {
		_, err := b.head.Customers.CreateCustomer(ctx, model.Customer{Name: fmt.Sprintf("Бенчмарк %d", i), Phone: "+7 900 000-00-00"})
		return err
	}},
	{name: "customers.update", runs: 100, fn: func(ctx context.Context, b *benchEnv, i int) error {
		if len(b.ids) == 0 {
			return errSkip
		}
		c, err := b.head.Customers.FindCustomerByID(ctx, b.ids[b.rng.IntN(len(b.ids))])
		if err != nil {
			return err
		}
		c.Note = fmt.Sprintf("bench %d", i)
		_, err = b.head.Customers.UpdateCustomer(ctx, c)
		return err
	}},
	{name: "customers.import100k", runs: 1, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if b.importFile == "" {
			return errSkip
		}
		res, err := importCustomersFile(ctx, b.head.Customers, b.importFile, "", model.ImportOptions{SkipInvalid: true})
		// The first run creates every row; later runs find them all present.
		if err == nil && (len(res.Errors) > 0 || res.Imported+res.Skipped != b.importRows) {
			err = fmt.Errorf("imported %d, skipped %d of %d rows (%d errors)", res.Imported, res.Skipped, b.importRows, len(res.Errors))
		}
		return err
	}},
	{name: "catalog.search_prefix3", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if len(b.products) == 0 {
			return errSkip
		}
		words := strings.Fields(model.FoldText(b.products[b.rng.IntN(len(b.products))].Name))
		r := []rune(words[0])
		_, err := b.head.Catalog.FindProducts(ctx, model.ProductFilter{Query: string(r[:min(3, len(r))]), Limit: 50})
		return err
	}},
	{name: "catalog.page100", runs: 200, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		if len(b.products) == 0 {
			return errSkip
		}
		p := b.products[b.rng.IntN(len(b.products))]
		sort := []string{"name", "sku", "price"}[b.rng.IntN(3)]
		_, err := b.head.Catalog.FindProducts(ctx, model.ProductFilter{Sort: sort, AfterKey: repo.ProductSortKey(sort, p.Product), AfterID: p.ID, Limit: 100})
		return err
	}},
	{name: "catalog.price_order200", runs: 200, fn: func(ctx context.Context, b *benchEnv, i int) error {
		if len(b.products) == 0 {
			return errSkip
		}
		lines := make([]model.PriceLine, 200)
		for k := range lines {
			lines[k] = model.PriceLine{ProductID: b.products[b.rng.IntN(len(b.products))].ID, Qty: model.Qty(1+b.rng.IntN(50)) * model.QtyOne}
		}
		_, err := b.head.Catalog.PriceOrder(ctx, b.dealerID, time.Now(), "", lines)
		return err
	}},
	{name: "documents.invoice_pdf", runs: 50, setup: loadBenchInvoices, fn: func(ctx context.Context, b *benchEnv, i int) error {
		p, err := b.head.Sales.PrintPack(ctx, b.invoices[i%len(b.invoices)])
		if err != nil {
			return err
		}
		_, err = docpdf.Write(io.Discard, p)
		return err
	}},
	{name: "documents.confirm200", runs: 20, setup: benchDrafts, fn: func(ctx context.Context, b *benchEnv, i int) error {
		_, err := b.head.Sales.ConfirmOrder(ctx, b.drafts[i].ID, b.drafts[i].Version)
		return err
	}},
	{name: "documents.batch1000", runs: 1, setup: loadBenchInvoices, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		dir, err := os.MkdirTemp("", "sdelka-bench-pdf-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		return docpdf.WriteAll(ctx, pdfBatch, func(i int) (model.PrintPack, error) {
			return b.head.Sales.PrintPack(ctx, b.invoices[i%len(b.invoices)])
		}, dir, nil)
	}},
	{name: "pipeline.board10k", runs: 50, setup: benchBoard, fn: benchBoardRun},
	{name: "pipeline.move", runs: 200, setup: benchMoves, fn: benchMoveRun},
	{name: "pipeline.crosssell", runs: 200, setup: benchCrossDeals, fn: benchCrossRun},
	{name: "check.full", runs: 3, fn: func(ctx context.Context, b *benchEnv, _ int) error {
		_, err := b.store.Check(ctx)
		return err
	}},
}

// pdfBatch is how many invoices documents.batch1000 exports (--pdf-batch).
var pdfBatch = 1000

// loadBenchInvoices samples the newest posted invoices (up to pdfBatch;
// a batch larger than the database has repeats them).
func loadBenchInvoices(ctx context.Context, b *benchEnv, _ int) error {
	if len(b.invoices) > 0 {
		return nil
	}
	f := model.DocFilter{Kind: model.DocInvoice, Status: model.StatusPosted, Limit: 1000}
	for len(b.invoices) < pdfBatch {
		page, err := b.head.Sales.FindDocuments(ctx, f)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, d := range page {
			if len(b.invoices) < pdfBatch {
				b.invoices = append(b.invoices, d.ID)
			}
		}
		f.AfterNum = page[len(page)-1].Num
	}
	if len(b.invoices) == 0 {
		return errSkip
	}
	return nil
}

// benchDrafts saves one draft order of 200 goods lines per run, for a
// customer without a credit limit, and receives the stock they reserve.
func benchDrafts(ctx context.Context, b *benchEnv, runs int) error {
	if b.head.User.ID == repo.System.ID || len(b.sample) == 0 {
		return errSkip // documents need a real user as their owner
	}
	whs, err := b.head.Catalog.Warehouses(ctx)
	if err != nil || len(whs) == 0 {
		return errSkip
	}
	rows, err := b.head.Catalog.FindProducts(ctx, model.ProductFilter{ActiveOnly: true, Limit: 1000})
	if err != nil {
		return err
	}
	var goods []model.Product
	for _, p := range rows {
		if p.Kind == model.KindGoods && len(goods) < 200 {
			goods = append(goods, p.Product)
		}
	}
	if len(goods) < 200 {
		return errSkip
	}
	customer := ""
	for _, c := range b.sample {
		if t, _, err := b.head.Sales.Terms(ctx, c.ID); err == nil && !t.HasLimit {
			customer = c.ID
			break
		}
	}
	if customer == "" {
		return errSkip
	}
	for _, p := range goods {
		if _, err := b.head.Catalog.MoveStock(ctx, model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: whs[0].ID,
			Qty: model.Qty(runs) * model.QtyOne, Note: "bench"}); err != nil {
			return err
		}
	}
	b.drafts = b.drafts[:0]
	for range runs {
		d := model.Document{Kind: model.DocOrder, CustomerID: customer, WarehouseID: whs[0].ID}
		for _, p := range goods {
			d.Lines = append(d.Lines, model.DocLine{ProductID: p.ID, Qty: model.QtyOne})
		}
		d, err := b.head.Sales.SaveDraft(ctx, d)
		if err != nil {
			return err
		}
		b.drafts = append(b.drafts, d)
	}
	return nil
}

var errSkip = errors.New("skipped")

type benchResult struct {
	Op    string  `json:"op"`
	Runs  int     `json:"runs"`
	P50ms float64 `json:"p50_ms"`
	P95ms float64 `json:"p95_ms"`
}

func runBench(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("bench", "bench --db PATH [--json] [--runs N] [--op NAME]", out)
	db := fs.String("db", "", "database to measure (a copy is made; the file itself is not changed)")
	asJSON := fs.Bool("json", false, `print one JSON object per line: {"op", "runs", "p50_ms", "p95_ms"}`)
	runs := fs.Int("runs", 0, "runs per operation (default: each operation's own)")
	only := fs.String("op", "", "run only this operation (or these, separated by commas)")
	fs.IntVar(&importRows, "import-rows", importRows, "rows in the customers.import100k file")
	fs.IntVar(&pdfBatch, "pdf-batch", pdfBatch, "invoices documents.batch1000 exports (reported as documents.batchN)")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	env, cleanup, err := newBenchEnv(ctx, *db)
	if err != nil {
		return err
	}
	defer cleanup()
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	if !*asJSON {
		fmt.Fprintln(tw, "operation\truns\tp50 ms\tp95 ms\t")
	}
	for _, op := range benchOps {
		name := op.name
		if name == "documents.batch1000" && pdfBatch != 1000 {
			name = fmt.Sprintf("documents.batch%d", pdfBatch)
		}
		if *only != "" && !slices.Contains(strings.Split(*only, ","), op.name) && !slices.Contains(strings.Split(*only, ","), name) {
			continue
		}
		n := op.runs
		if *runs > 0 {
			n = *runs
		}
		if op.setup != nil {
			err := op.setup(ctx, env, n)
			if errors.Is(err, errSkip) {
				continue
			}
			if err != nil {
				return fmt.Errorf("bench %s: %w", name, err)
			}
		}
		times := make([]float64, 0, n)
		skipped := false
		for i := 0; i < n; i++ {
			start := time.Now()
			err := op.fn(ctx, env, i)
			if errors.Is(err, errSkip) {
				skipped = true
				break
			}
			if err != nil {
				return fmt.Errorf("bench %s: %w", name, err)
			}
			times = append(times, float64(time.Since(start).Microseconds())/1000)
		}
		if skipped {
			continue
		}
		r := benchResult{Op: name, Runs: n, P50ms: percentile(times, 50), P95ms: percentile(times, 95)}
		if *asJSON {
			b, _ := json.Marshal(r)
			fmt.Fprintln(out, string(b))
		} else {
			fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t\n", r.Op, r.Runs, r.P50ms, r.P95ms)
		}
	}
	if !*asJSON {
		return tw.Flush()
	}
	return nil
}

// percentile returns the p-th percentile (nearest rank) of xs.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k := int(float64(len(s))*p/100+0.999999) - 1
	return s[max(0, min(k, len(s)-1))]
}

func newBenchEnv(ctx context.Context, db string) (*benchEnv, func(), error) {
	src, err := repo.OpenWith(ctx, db, repo.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "sdelka-bench-")
	if err != nil {
		src.Close()
		return nil, nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	cp := filepath.Join(dir, "bench.db")
	err = src.BackupTo(ctx, cp)
	if cerr := src.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	s, err := repo.OpenWith(ctx, cp, repo.Options{BackupDir: filepath.Join(dir, "backups")})
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	env := &benchEnv{store: s, rng: rand.New(rand.NewPCG(1, 2))}
	sys := s.Session(repo.System)
	users, err := sys.FindUsers(ctx)
	if err != nil {
		s.Close()
		cleanup()
		return nil, nil, err
	}
	head := repo.System
	for _, u := range users {
		switch u.Role {
		case model.RoleHead:
			head = u
		case model.RoleSeller:
			env.sellerID = u.ID
		case model.RoleAdmin:
			env.login = u.Login
		}
	}
	env.head = s.Services(head)
	if demo, _ := s.Gate().DemoLogins(ctx); len(demo) > 0 {
		env.login, env.password = demo[0].Login, demo[0].Password
	}
	// A sample of names spread over the whole list for deep pages and searches.
	page, err := env.head.Customers.FindCustomers(ctx, model.CustomerFilter{Limit: 1000})
	for err == nil && len(page) > 0 && len(env.names) < 1400 {
		for i := 0; i < len(page); i += 37 {
			env.names, env.ids = append(env.names, page[i].Name), append(env.ids, page[i].ID)
			env.sample = append(env.sample, page[i])
		}
		// Jump ahead so that the sample spreads over the whole base.
		page, err = env.head.Customers.FindCustomers(ctx, model.CustomerFilter{Offset: (len(env.names) / 27) * 20_000, Limit: 1000})
	}
	if err != nil {
		s.Close()
		cleanup()
		return nil, nil, err
	}
	if len(env.sample) > 0 {
		env.cardID = env.sample[0].ID
		for i := 0; i < 50; i++ {
			if _, err := env.head.Customers.AddInteraction(ctx, model.Interaction{CustomerID: env.cardID, Kind: model.InteractionCall,
				Text: fmt.Sprintf("Звонок %d: обсудили поставку", i)}); err != nil {
				s.Close()
				cleanup()
				return nil, nil, err
			}
		}
	}
	// A sample of products spread over the catalog, and a customer priced by a group's list.
	for off := 0; err == nil; off += 997 {
		var rows []model.ProductRow
		rows, err = env.head.Catalog.FindProducts(ctx, model.ProductFilter{Offset: off, Limit: 100})
		if len(rows) == 0 {
			break
		}
		env.products = append(env.products, rows...)
	}
	if groups, gerr := env.head.Customers.Groups(ctx); gerr == nil {
		lists, _ := env.head.Catalog.PriceLists(ctx)
		priced := map[string]bool{}
		for _, l := range lists {
			priced[l.GroupID] = true
		}
		for _, c := range env.sample {
			for _, g := range groups {
				if c.GroupID == g.ID && priced[g.ID] && env.dealerID == "" {
					env.dealerID = c.ID
				}
			}
		}
	}
	if err != nil {
		s.Close()
		cleanup()
		return nil, nil, err
	}
	env.importFile, env.importRows = filepath.Join(dir, "import-rows.csv"), importRows
	if err := writeImportFile(env.importFile, importRows); err != nil {
		s.Close()
		cleanup()
		return nil, nil, err
	}
	return env, func() { s.Close(); cleanup() }, nil
}

// prefix3 is the first three letters of a random sample name's first word
// after the legal form: what a person types to find a customer.
func (b *benchEnv) prefix3() string {
	words := strings.Fields(model.FoldText(b.names[b.rng.IntN(len(b.names))]))
	w := words[len(words)-1]
	if len(words) > 1 {
		w = strings.Trim(words[1], "«»\"")
	}
	r := []rune(w)
	return string(r[:min(3, len(r))])
}

// importRows is the size of the customers.import100k file (--import-rows).
var importRows = 100_000

// writeImportFile writes a CSV of importRows new customers, each with a
// contact, as a spreadsheet from another program would have them.
func writeImportFile(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w, err := tabular.NewWriter(f, tabular.CSV, "")
	if err != nil {
		f.Close()
		return err
	}
	err = w.Write([]string{"Наименование", "Телефон", "E-mail", "Регион", "Контактное лицо", "Телефон контакта", "E-mail контакта"})
	for i := 0; i < n && err == nil; i++ {
		err = w.Write([]string{fmt.Sprintf("ООО «Импорт %d»", i), fmt.Sprintf("+7 (299) %03d-%02d-%02d", i/10000, i/100%100, i%100),
			fmt.Sprintf("import%d@example.ru", i), "Москва", "Иванов Иван Иванович",
			fmt.Sprintf("8 298 %03d %02d %02d", i/10000, i/100%100, i%100), fmt.Sprintf("ivanov%d@example.ru", i)})
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
