package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// salesDB is a small demo database and what an order file can name in it:
// a customer's INN (the only customer with it) and SKUs of goods in stock
// at the main warehouse.
type salesDB struct {
	path string
	inn  string
	skus []string
}

func newSalesDB(t *testing.T) salesDB {
	t.Helper()
	d := salesDB{path: demoDB(t)}
	raw, err := sql.Open("sqlite3", d.path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow(`SELECT c.inn FROM customers c LEFT JOIN customer_terms t ON t.customer_id = c.id
		WHERE c.inn <> '' AND c.deleted_at IS NULL AND coalesce(t.has_limit, 0) = 0 AND c.group_id IS NULL
		GROUP BY c.inn HAVING count(*) = 1 ORDER BY min(c.num) LIMIT 1`).Scan(&d.inn); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query(`SELECT p.sku FROM products p JOIN stock_balances b ON b.product_id = p.id
		JOIN warehouses w ON w.id = b.warehouse_id WHERE p.active = 1 AND p.kind = 'goods' AND b.on_hand - b.reserved >= 50
		ORDER BY w.name_fold, p.num LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		d.skus = append(d.skus, s)
	}
	if len(d.skus) < 3 {
		t.Fatalf("only %d SKUs in stock", len(d.skus))
	}
	return d
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func docCount(t *testing.T, db string) int {
	t.Helper()
	code, out, errOut := ctl(t, "docs", "list", "--db", db)
	if code != 0 {
		t.Fatalf("docs list: exit %d %s", code, errOut)
	}
	return strings.Count(out, "\n")
}

var (
	draftLine   = regexp.MustCompile(`^draft ([0-9a-f-]{36})\t(\S+)$`)
	numberedRef = regexp.MustCompile(`^(order З|invoice СЧ|waybill ТН)-\d{4}-\d+$`)
)

func TestImportOrdersAndConfirm(t *testing.T) {
	d := newSalesDB(t)
	csv := writeFile(t, "orders.csv", fmt.Sprintf("Номер заказа;ИНН покупателя;Артикул;Количество;Цена\r\n"+
		"A-1;%s;%s;2;\r\nA-1;%s;%s;1,5;100,00\r\nA-2;%s;%s;3;\r\n", d.inn, d.skus[0], d.inn, d.skus[1], d.inn, d.skus[2]))
	before := docCount(t, d.path)
	code, out, errOut := ctl(t, "import", "orders", "--db", d.path, csv)
	if code != 0 {
		t.Fatalf("import orders: exit %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("import printed %q, want a draft line per order", out)
	}
	var ids []string
	for i, l := range lines {
		m := draftLine.FindStringSubmatch(l)
		if m == nil || m[2] != []string{"A-1", "A-2"}[i] {
			t.Fatalf("line %q: want «draft ID<TAB>KEY»", l)
		}
		ids = append(ids, m[1])
	}
	if n := docCount(t, d.path); n != before+2 {
		t.Errorf("%d documents after the import, want %d", n, before+2)
	}
	// Drafts are listed with "-" for a number.
	_, out, _ = ctl(t, "docs", "list", "--db", d.path, "--kind", "order")
	if !strings.HasPrefix(out, "-\torder\t"+time.Now().Format(time.DateOnly)+"\t") {
		t.Errorf("docs list starts %q, want the newest draft first", strings.SplitN(out, "\n", 2)[0])
	}

	code, out, errOut = ctl(t, "order", "confirm", "--db", d.path, ids[0])
	if code != 0 {
		t.Fatalf("order confirm: exit %d\n%s%s", code, out, errOut)
	}
	got := strings.Split(strings.TrimSpace(out), "\n")
	if len(got) != 3 || !strings.HasPrefix(got[0], "order З-") || !strings.HasPrefix(got[1], "invoice СЧ-") || !strings.HasPrefix(got[2], "waybill ТН-") {
		t.Errorf("order confirm printed %q, want order, invoice and waybill numbers", out)
	}
	for _, l := range got {
		if !numberedRef.MatchString(l) {
			t.Errorf("%q is not «KIND NUMBER»", l)
		}
	}
	orderNo := strings.TrimPrefix(got[0], "order ")
	code, _, errOut = ctl(t, "order", "confirm", "--db", d.path, ids[0], orderNo, "nonsense")
	if code != 1 || !strings.Contains(errOut, "is posted already") || !strings.Contains(errOut, "is confirmed already") ||
		!strings.Contains(errOut, "nonsense: no draft order has this ID") {
		t.Errorf("confirming twice: exit %d, %q", code, errOut)
	}
	// The demo's own drafts are confirmed too; one may be refused over its
	// customer's credit limit, which the demo sets for some.
	code, out, errOut = ctl(t, "order", "confirm", "--db", d.path, "--all-drafts")
	if !strings.Contains(out, "order З-") || (code != 0 && strings.Count(errOut, "credit limit") != strings.Count(errOut, "draft ")) {
		t.Errorf("--all-drafts: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := ctl(t, "order", "confirm", "--db", d.path); code != 2 {
		t.Errorf("order confirm without IDs: exit %d, want 2", code)
	}

	// JSON lines with --confirm: the documents of each order.
	jsonl := writeFile(t, "orders.jsonl", fmt.Sprintf(`{"order":"J1","inn":"%s","lines":[{"sku":"%s","qty":"10","price":"650.00"},{"sku":"%s","qty":2}]}`+"\n",
		d.inn, d.skus[0], d.skus[1]))
	code, out, errOut = ctl(t, "import", "orders", "--db", d.path, "--confirm", jsonl)
	if code != 0 || !regexp.MustCompile(`^order З-\d{4}-\d+\tJ1\ninvoice СЧ-\d{4}-\d+\tJ1\nwaybill ТН-\d{4}-\d+\tJ1\n$`).MatchString(out) {
		t.Errorf("import --confirm: exit %d\n%q%s", code, out, errOut)
	}
	if code, out, _ := ctl(t, "check", "--db", d.path); code != 0 {
		t.Errorf("check: %s", out)
	}
}

func TestImportOrdersRefusesBadFileCommand(t *testing.T) {
	d := newSalesDB(t)
	before := docCount(t, d.path)
	csv := writeFile(t, "bad.csv", fmt.Sprintf("Заказ;ИНН;Артикул;Кол-во\nB1;%s;%s;2\nB1;%s;NO-SUCH-SKU;-1\nB2;7728168971;%s;x\n",
		d.inn, d.skus[0], d.inn, d.skus[0]))
	code, out, errOut := ctl(t, "import", "orders", "--db", d.path, csv)
	want := []string{
		`line 3: Артикул: no product has this SKU ("NO-SUCH-SKU")`,
		`line 3: Кол-во: the quantity must be greater than zero ("-1")`,
		`line 4: ИНН: no customer has this INN ("7728168971")`,
		`line 4: Кол-во: not a quantity`,
	}
	if code != 1 || !strings.Contains(errOut, "nothing imported: 4 problem(s)") {
		t.Errorf("bad file: exit %d\n%s%s", code, out, errOut)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	jsonl := writeFile(t, "bad.jsonl", fmt.Sprintf(`{"order":"J1","inn":"%s","lines":[{"sku":"%s","qty":"1"}]}`+"\n"+`{"order":"J2",`+"\n", d.inn, d.skus[0]))
	code, out, _ = ctl(t, "import", "orders", "--db", d.path, jsonl)
	if code != 1 || !strings.HasPrefix(out, "line 2: json: malformed JSON") {
		t.Errorf("malformed JSON line: exit %d\n%s", code, out)
	}
	noCols := writeFile(t, "nocols.csv", "Наименование;Цена\nЦемент;100\n")
	if code, _, errOut := ctl(t, "import", "orders", "--db", d.path, noCols); code != 1 || !strings.Contains(errOut, "no column is recognised as order, inn, sku, qty") {
		t.Errorf("a file without order columns: exit %d, %q", code, errOut)
	}
	if n := docCount(t, d.path); n != before {
		t.Errorf("%d documents after refused imports, want %d", n, before)
	}
}

func TestConfirmOverCreditLimit(t *testing.T) {
	d := newSalesDB(t)
	ctx := context.Background()
	s, err := repo.Open(d.path)
	if err != nil {
		t.Fatal(err)
	}
	sys := s.Session(repo.System)
	cs, err := sys.FindCustomers(ctx, model.CustomerFilter{Query: d.inn, Limit: 5})
	if err != nil || len(cs) == 0 {
		t.Fatalf("customer %s: %v", d.inn, err)
	}
	if _, err := sys.SaveTerms(ctx, model.CustomerTerms{CustomerID: cs[0].ID, CreditLimit: 10000, HasLimit: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	csv := writeFile(t, "big.csv", fmt.Sprintf("order;inn;sku;qty;price\nX1;%s;%s;3;1000.00\n", d.inn, d.skus[0]))
	code, out, errOut := ctl(t, "import", "orders", "--db", d.path, "--confirm", csv)
	if code != 1 || !draftLine.MatchString(strings.TrimSpace(out)) ||
		!regexp.MustCompile(`order X1 \(draft [0-9a-f-]{36}\): credit limit 100\.00 RUB would be exceeded by [0-9.]+: outstanding [0-9.]+ \+ this order 3000\.00`).MatchString(errOut) {
		t.Errorf("over the limit: exit %d\n%s%s", code, out, errOut)
	}
}

func TestDocsList(t *testing.T) {
	d := newSalesDB(t)
	code, out, errOut := ctl(t, "docs", "list", "--db", d.path, "--kind", "invoice", "--from", "2025-01-01", "--to", "2025-12-31")
	if code != 0 {
		t.Fatalf("docs list: exit %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 100 {
		t.Fatalf("%d invoices of 2025, want hundreds", len(lines))
	}
	states := map[string]int{}
	var prev string
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 8 || !strings.HasPrefix(f[0], "СЧ-2025-") || f[1] != "invoice" || !strings.HasPrefix(f[2], "2025-") ||
			!regexp.MustCompile(`^-?\d+\.\d\d$`).MatchString(f[5]) || f[6] != "RUB" {
			t.Fatalf("line %q: want number, kind, date, customer, status, gross, currency, pay state", l)
		}
		if prev != "" && f[0] > prev {
			t.Errorf("%s listed after %s: want newest first", f[0], prev)
		}
		prev = f[0]
		states[f[7]]++
	}
	if states["paid"] == 0 || states["paid"] < len(lines)/2 {
		t.Errorf("pay states %v: want most paid", states)
	}
	// More than a page (1,000) streams, and a customer's filter holds.
	_, all, _ := ctl(t, "docs", "list", "--db", d.path)
	if n := strings.Count(all, "\n"); n < 5000 {
		t.Errorf("docs list printed %d documents, want all of them", n)
	}
	_, mine, _ := ctl(t, "docs", "list", "--db", d.path, "--customer", d.inn, "--kind", "order")
	for _, l := range strings.Split(strings.TrimSpace(mine), "\n") {
		if f := strings.Split(l, "\t"); l != "" && (len(f) != 7 || f[1] != "order") {
			t.Errorf("--customer line %q", l)
		}
	}
	if code, _, errOut := ctl(t, "docs", "list", "--db", d.path, "--kind", "bill"); code != 1 || !strings.Contains(errOut, "want one of") {
		t.Errorf("unknown kind: exit %d %q", code, errOut)
	}
	if code, _, errOut := ctl(t, "docs", "list", "--db", d.path, "--customer", "0000000000"); code != 1 || !strings.Contains(errOut, "no customer with INN") {
		t.Errorf("unknown INN: exit %d %q", code, errOut)
	}
}

func TestDocPDF(t *testing.T) {
	d := newSalesDB(t)
	_, out, _ := ctl(t, "docs", "list", "--db", d.path, "--kind", "invoice")
	number := strings.Split(out, "\t")[0]
	file := filepath.Join(t.TempDir(), "inv.pdf")
	code, out, errOut := ctl(t, "doc", "pdf", "--db", d.path, "--kind", "invoice", "--number", number, "--out", file)
	if code != 0 || strings.TrimSpace(out) != file {
		t.Fatalf("doc pdf: exit %d\n%s%s", code, out, errOut)
	}
	if b, err := os.ReadFile(file); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("%s is not a PDF (%v)", file, err)
	}
	// Into a folder under the document's own name; the kind found by the number.
	dir := t.TempDir()
	code, out, errOut = ctl(t, "doc", "pdf", "--db", d.path, "--number", number, "--out", dir)
	if code != 0 || filepath.Dir(strings.TrimSpace(out)) != dir || !strings.HasSuffix(strings.TrimSpace(out), ".pdf") {
		t.Errorf("doc pdf into a folder: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := ctl(t, "doc", "pdf", "--db", d.path, "--kind", "invoice", "--number", "СЧ-1999-0001", "--out", file); code != 1 ||
		!strings.Contains(errOut, "not found") {
		t.Errorf("unknown number: exit %d %q", code, errOut)
	}
	// A batch: the invoices of the last days.
	from := time.Now().AddDate(0, 0, -3).Format(time.DateOnly)
	_, list, _ := ctl(t, "docs", "list", "--db", d.path, "--kind", "invoice", "--from", from)
	want := strings.Count(list, "\n")
	batch := filepath.Join(t.TempDir(), "pdfs")
	code, out, errOut = ctl(t, "docs", "pdf", "--db", d.path, "--kind", "invoice", "--from", from, "--dir", batch)
	if code != 0 || !strings.HasPrefix(out, fmt.Sprintf("exported %d documents to %s", want, batch)) {
		t.Fatalf("docs pdf: exit %d\n%s%s", code, out, errOut)
	}
	if files, _ := os.ReadDir(batch); len(files) != want || want == 0 {
		t.Errorf("%d files for %d invoices", len(files), want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	if code := run(ctx, []string{"docs", "pdf", "--db", d.path, "--kind", "invoice", "--dir", t.TempDir()}, &o, &e); code != 1 ||
		!strings.Contains(e.String(), "context canceled") {
		t.Errorf("a cancelled batch: exit %d %q", code, e.String())
	}
}

func TestPaymentAdd(t *testing.T) {
	d := newSalesDB(t)
	_, out, _ := ctl(t, "docs", "list", "--db", d.path, "--kind", "invoice")
	var number, gross string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Split(l, "\t"); len(f) == 8 && f[7] == "unpaid" {
			number, gross = f[0], f[5]
			break
		}
	}
	if number == "" {
		t.Fatal("no unpaid invoice in the demo")
	}
	code, out, errOut := ctl(t, "payment", "add", "--db", d.path, "--invoice", number, "--amount", "10,50", "--number", "123")
	if code != 0 || !regexp.MustCompile(`^payment \d+: 10\.50 RUB from .+ on \d{4}-\d\d-\d\d, 10\.50 allocated to invoice `+number+"\n"+
		`invoice `+number+`: partly_paid; gross `+regexp.QuoteMeta(gross)+`, paid 10\.50, outstanding [0-9.]+ RUB, due \d{4}-\d\d-\d\d\n$`).MatchString(out) {
		t.Fatalf("partial payment: exit %d\n%q%s", code, out, errOut)
	}
	code, out, errOut = ctl(t, "payment", "add", "--db", d.path, "--invoice", number, "--amount", "99999999.99", "--method", "card",
		"--date", time.Now().Format(time.DateOnly))
	if code != 0 || !strings.Contains(out, "is more than was due and stays as the customer's credit") ||
		!strings.Contains(out, "invoice "+number+": paid; gross "+gross+", paid "+gross+", outstanding 0.00 RUB") {
		t.Errorf("overpayment: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := ctl(t, "payment", "add", "--db", d.path, "--invoice", number, "--amount", "1,234"); code != 1 ||
		!strings.Contains(errOut, "--amount") {
		t.Errorf("three decimals of roubles: exit %d %q", code, errOut)
	}
	if code, _, errOut := ctl(t, "payment", "add", "--db", d.path, "--invoice", number, "--amount", "1", "--method", "barter"); code != 1 ||
		!strings.Contains(errOut, "bank, cash or card") {
		t.Errorf("unknown method: exit %d %q", code, errOut)
	}
	if code, out, _ := ctl(t, "check", "--db", d.path); code != 0 {
		t.Errorf("check after payments: %s", out)
	}
}

func TestBenchSalesOps(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := ctl(t, "bench", "--db", db, "--json", "--runs", "2", "--pdf-batch", "5", "--import-rows", "10")
	if code != 0 {
		t.Fatalf("bench: exit %d %s%s", code, out, errOut)
	}
	ops := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r benchResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		ops[r.Op] = r.Runs == 2 && r.P50ms > 0
	}
	for _, op := range []string{"documents.invoice_pdf", "documents.confirm200", "documents.batch5"} {
		if !ops[op] {
			t.Errorf("bench did not report %s with 2 runs: %v", op, ops)
		}
	}
}
