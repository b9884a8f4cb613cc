package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// runImportAll is `sdelkactl import`: orders here, customers and products
// in runImport.
func runImportAll(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "orders" {
		return runImportOrders(ctx, args, out)
	}
	err := runImport(ctx, args, out)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(out, "       sdelkactl import products --db PATH [--skip-invalid] [--update] FILE")
		fmt.Fprintln(out, "       sdelkactl import orders --db PATH [--confirm] FILE   (CSV, XLSX or JSON lines; see docs/IMPORT.md)")
	}
	return err
}

// runImportOrders is `sdelkactl import orders`: draft orders from a CSV or
// XLSX file (a row per line, rows grouped by their order key) or from JSON
// lines (an order per line), all or nothing. It prints "draft ID<TAB>KEY"
// per order, or with --confirm the documents confirming made ("order
// NUMBER<TAB>KEY", "invoice …", "waybill …"). Problems are printed as
// "line N: column: reason" and nothing is created.
func runImportOrders(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("import orders", "import orders --db PATH [--confirm] FILE", out)
	db := fs.String("db", "", "database file")
	confirm := fs.Bool("confirm", false, "also confirm each created order (invoice, waybill, reservation); a refused one stays a draft")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(out, "give exactly one FILE to import (CSV, XLSX or JSON lines; see docs/IMPORT.md)")
		return errUsage
	}
	file := fs.Arg(0)
	orders, err := readOrderFile(file)
	if err != nil {
		return err
	}
	if len(orders) == 0 {
		return fmt.Errorf("%s holds no orders", file)
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	docs, err := s.Session(svc.User).ImportOrders(ctx, orders)
	var rowErrs model.RowErrors
	if errors.As(err, &rowErrs) {
		printOrderProblems(out, rowErrs)
		return fmt.Errorf("nothing imported: %d problem(s) in %s: %w", len(rowErrs), file, errProblems)
	}
	if err != nil {
		return err
	}
	key := func(i int) string {
		if i < len(orders) {
			return orders[i].Key
		}
		return ""
	}
	fmt.Fprintf(os.Stderr, "%d draft order(s) from %s in %s\n", len(docs), file, time.Since(start).Round(time.Millisecond))
	if !*confirm {
		for i, d := range docs {
			fmt.Fprintf(out, "draft %s\t%s\n", d.ID, key(i))
		}
		return nil
	}
	m := newMoneyFormat(ctx, svc)
	var failed []string
	for i, d := range docs {
		res, err := svc.Sales.ConfirmOrder(ctx, d.ID, d.Version)
		if err != nil {
			fmt.Fprintf(out, "draft %s\t%s\n", d.ID, key(i))
			failed = append(failed, fmt.Sprintf("order %s (draft %s): %s", key(i), d.ID, m.confirmError(err)))
			continue
		}
		printConfirmed(out, res, "\t"+key(i))
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s\n%d of %d orders not confirmed; they stay drafts: %w", strings.Join(failed, "\n"), len(failed), len(docs), errProblems)
	}
	return nil
}

// readOrderFile reads an order file: JSON lines when its first character
// (after a byte order mark and spaces) is "{", otherwise a spreadsheet
// through reports/tabular (CSV in any of its encodings and delimiters, or
// XLSX). A file the program cannot use at all is an error; problems of
// rows are left in the orders' Errs.
func readOrderFile(path string) ([]model.OrderImport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(4096)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	if len(head) > 0 && head[0] == '{' {
		orders, err := model.ParseOrderJSONLines(br)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return orders, err
	}
	f.Close()
	r, err := tabular.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	header := r.Header()
	m := model.GuessOrderMapping(header)
	if missing := model.MissingOrderColumns(m); len(missing) > 0 {
		return nil, fmt.Errorf("%s: no column is recognised as %s (header: %s); see docs/IMPORT.md",
			path, strings.Join(missing, ", "), strings.Join(header, ", "))
	}
	g := model.NewOrderGrouper(header, m)
	last := r.HeaderRow()
	for {
		n, cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			g.Fail(max(n, last+1), "file", model.MsgOrderUnreadable, err.Error())
			break
		}
		last = n
		g.Add(n, cells)
	}
	return g.Orders(), nil
}

// orderProblemText is the English text of the order import's messages,
// for a catalog that does not have them yet.
var orderProblemText = map[string]string{
	model.MsgOrderNoKey:        "no order key",
	model.MsgOrderNoINN:        "no customer INN",
	model.MsgOrderNoSKU:        "no product SKU",
	model.MsgOrderNoQty:        "no quantity",
	model.MsgOrderBadQty:       "not a quantity (a number with up to 3 decimals)",
	model.MsgOrderQtyPositive:  "the quantity must be greater than zero",
	model.MsgOrderBadPrice:     "not a price (an amount of zero or more with up to 4 decimals)",
	model.MsgOrderBadDate:      "not a date (YYYY-MM-DD or DD.MM.YYYY)",
	model.MsgOrderConflict:     "differs from an earlier line of the same order",
	model.MsgOrderDuplicate:    "an earlier line has the same order key",
	model.MsgOrderBadJSON:      "malformed JSON",
	model.MsgOrderUnknownKey:   "unknown key",
	model.MsgOrderNoLines:      "the order has no lines",
	model.MsgOrderUnreadable:   "the file cannot be read from here on",
	model.MsgOrderUnknownINN:   "no customer has this INN",
	model.MsgOrderAmbiguousINN: "several customers have this INN",
	model.MsgOrderUnknownSKU:   "no product has this SKU",
	model.MsgOrderInactive:     "the product is not for sale (inactive)",
	model.MsgOrderUnknownCur:   "unknown currency",
	model.MsgOrderUnknownWH:    "unknown warehouse",
	model.MsgOrderPriceDigits:  "more decimals than the currency has",
	model.MsgOrderNotPriced:    "the order cannot be priced",
}

// problemText is a message key's English text.
func problemText(key string) string {
	if english.Has(key) {
		return english.T(key)
	}
	if t, ok := orderProblemText[key]; ok {
		return t
	}
	return key
}

// printOrderProblems prints each problem as "line N: column: reason".
func printOrderProblems(out io.Writer, errs []model.RowError) {
	for _, e := range errs {
		col := e.Column
		if col == "" {
			col = "-"
		}
		msg := problemText(e.Msg)
		if e.Value != "" {
			msg += fmt.Sprintf(" (%q)", e.Value)
		}
		fmt.Fprintf(out, "line %d: %s: %s\n", e.Row, col, msg)
	}
}

// printConfirmed prints the documents confirming an order made, one
// "KIND NUMBER" per line, each followed by suffix.
func printConfirmed(out io.Writer, res model.ConfirmResult, suffix string) {
	for _, d := range []model.Document{res.Order, res.Invoice, res.Waybill} {
		if d.ID != "" {
			fmt.Fprintf(out, "%s %s%s\n", d.Kind, d.Number, suffix)
		}
	}
}

// runOrder is `sdelkactl order confirm`.
func runOrder(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "order confirm --db PATH (ID... | --all-drafts)"
	if len(args) == 0 || args[0] != "confirm" {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis+"\n  confirm  confirm draft orders by the IDs `import orders` prints, or every draft order")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags("order confirm", synopsis, out)
	db := fs.String("db", "", "database file")
	all := fs.Bool("all-drafts", false, "confirm every draft order, oldest first")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	if (fs.NArg() > 0) == *all {
		fmt.Fprintln(out, "give the draft orders' IDs, or --all-drafts")
		return errUsage
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	var todo []model.Document
	var failed []string
	if *all {
		f := model.DocFilter{Kind: model.DocOrder, Status: model.StatusDraft, Limit: 1000}
		for {
			page, err := svc.Sales.FindDocuments(ctx, f)
			if err != nil {
				return err
			}
			if len(page) == 0 {
				break
			}
			todo = append(todo, page...)
			f.AfterNum = page[len(page)-1].Num
		}
		for i, j := 0, len(todo)-1; i < j; i, j = i+1, j-1 {
			todo[i], todo[j] = todo[j], todo[i]
		}
	}
	for _, ref := range fs.Args() {
		d, err := findOrder(ctx, svc.Sales, ref)
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		todo = append(todo, d)
	}
	m := newMoneyFormat(ctx, svc)
	for _, d := range todo {
		res, err := svc.Sales.ConfirmOrder(ctx, d.ID, d.Version)
		if err != nil {
			failed = append(failed, fmt.Sprintf("draft %s: %s", d.ID, m.confirmError(err)))
			continue
		}
		printConfirmed(out, res, "")
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s\n%d order(s) not confirmed: %w", strings.Join(failed, "\n"), len(failed), errProblems)
	}
	if len(todo) == 0 {
		fmt.Fprintln(os.Stderr, "no draft orders")
	}
	return nil
}

// findOrder finds a draft order by its ID; an order number (of a posted
// order) gets a clear refusal.
func findOrder(ctx context.Context, sales model.SalesService, ref string) (model.Document, error) {
	d, err := sales.FindDocumentByID(ctx, ref)
	if errors.Is(err, model.ErrNotFound) {
		if o, nerr := sales.FindDocumentByNumber(ctx, model.DocOrder, ref); nerr == nil {
			return o, fmt.Errorf("order %s is confirmed already", o.Number)
		}
		return d, fmt.Errorf("%s: no draft order has this ID", ref)
	}
	if err != nil {
		return d, err
	}
	switch {
	case d.Kind != model.DocOrder:
		return d, fmt.Errorf("%s is a %s, not an order", ref, d.Kind)
	case d.Status != model.StatusDraft:
		return d, fmt.Errorf("order %s is %s already", d.Number, d.Status)
	}
	return d, nil
}

// moneyFormat prints amounts with their currency's decimals and a point.
type moneyFormat struct{ digits map[string]int }

func newMoneyFormat(ctx context.Context, svc model.Services) moneyFormat {
	m := moneyFormat{digits: map[string]int{}}
	if cs, err := svc.Catalog.Currencies(ctx); err == nil {
		for _, c := range cs {
			m.digits[c.Code] = c.MinorDigits
		}
	}
	return m
}

func (m moneyFormat) digitsOf(currency string) int {
	if d, ok := m.digits[currency]; ok {
		return d
	}
	return 2
}

// format writes an amount of currency as "1234.50".
func (m moneyFormat) format(a model.Money, currency string) string {
	return model.FormatMoney(a, m.digitsOf(currency), ".", "")
}

// confirmError spells out why an order was not confirmed, with the
// figures of a credit limit or a shortage.
func (m moneyFormat) confirmError(err error) string {
	var ce *model.CreditLimitError
	if errors.As(err, &ce) {
		return fmt.Sprintf("credit limit %s %s would be exceeded by %s: outstanding %s + this order %s (a head can approve the exception in the app)",
			m.format(ce.Limit, ce.Currency), ce.Currency, m.format(ce.Over, ce.Currency), m.format(ce.Outstanding, ce.Currency),
			m.format(ce.Order, ce.Currency))
	}
	var se *model.InsufficientStockError
	if errors.As(err, &se) {
		return "not enough stock: " + se.Error()
	}
	return describe(err).Error()
}
