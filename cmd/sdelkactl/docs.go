package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

// runDocs is `sdelkactl docs list|pdf`.
func runDocs(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "docs list --db PATH [filters] | docs pdf --db PATH [filters] --dir DIR"
	if len(args) == 0 || (args[0] != "list" && args[0] != "pdf") {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis+
			"\n  list  one document per line: number, kind, date, customer, status, gross, currency[, pay state]"+
			"\n  pdf   a PDF of each posted document into DIR"+
			"\nFilters: --kind "+kindList()+", --customer INN, --from YYYY-MM-DD, --to YYYY-MM-DD")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	sub := args[0]
	fs := newFlags("docs "+sub, "docs "+sub+" --db PATH [--kind K] [--customer INN] [--from YYYY-MM-DD] [--to YYYY-MM-DD]"+
		map[string]string{"list": "", "pdf": " --dir DIR"}[sub], out)
	db := fs.String("db", "", "database file")
	kind := fs.String("kind", "", "only documents of this kind: "+kindList())
	inn := fs.String("customer", "", "only the documents of the customer with this INN")
	from := fs.String("from", "", "documents dated on or after this day")
	to := fs.String("to", "", "documents dated on or before this day")
	dir := fs.String("dir", "", "pdf: folder to write the PDFs into (created if missing)")
	if err := parseDB(fs, args[1:]); err != nil {
		return err
	}
	if sub == "pdf" && *dir == "" {
		fmt.Fprintln(out, "--dir is required")
		return errUsage
	}
	f := model.DocFilter{Kind: model.DocKind(*kind), Limit: 1000, Today: time.Now()}
	if *kind != "" && !f.Kind.Valid() {
		return fmt.Errorf("--kind %q: want one of %s", *kind, kindList())
	}
	var err error
	if f.From, err = flagDate("from", *from); err != nil {
		return err
	}
	if f.To, err = flagDate("to", *to); err != nil {
		return err
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if *inn != "" {
		if f.CustomerID, err = customerByINN(ctx, svc.Customers, *inn); err != nil {
			return err
		}
	}
	if sub == "pdf" {
		return exportPDFs(ctx, svc.Sales, f, *dir, out)
	}
	m := newMoneyFormat(ctx, svc)
	w := bufio.NewWriter(out)
	today := time.Now()
	err = eachDocument(ctx, svc.Sales, f, func(d model.Document) error {
		number := d.Number
		if number == "" {
			number = "-"
		}
		line := strings.Join([]string{number, string(d.Kind), d.Date.Format(time.DateOnly), d.CustomerName, string(d.Status),
			m.format(d.Totals.Gross, d.Currency), d.Currency}, "\t")
		if d.Kind == model.DocInvoice {
			line += "\t" + string(model.InvoiceState(d, today))
		}
		_, err := fmt.Fprintln(w, line)
		return err
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

func kindList() string {
	ks := make([]string, len(model.DocKinds))
	for i, k := range model.DocKinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, "|")
}

// flagDate parses a --from/--to day; "" is no bound.
func flagDate(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return d, fmt.Errorf("--%s %q: want YYYY-MM-DD", name, v)
	}
	return d, nil
}

// customerByINN finds the one visible customer with the INN.
func customerByINN(ctx context.Context, cs model.CustomerService, inn string) (string, error) {
	inn = strings.Join(strings.Fields(inn), "")
	found, err := cs.FindCustomers(ctx, model.CustomerFilter{Query: inn, Limit: 50})
	if err != nil {
		return "", err
	}
	var ids, names []string
	for _, c := range found {
		if c.INN == inn {
			ids, names = append(ids, c.ID), append(names, c.Name)
		}
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("no customer with INN %s", inn)
	case 1:
		return ids[0], nil
	}
	return "", fmt.Errorf("%d customers have INN %s (%s): tell them apart in the app", len(ids), inn, strings.Join(names, "; "))
}

// eachDocument calls fn for every document the filter selects, newest
// first, a page of f.Limit at a time.
func eachDocument(ctx context.Context, sales model.SalesService, f model.DocFilter, fn func(model.Document) error) error {
	for {
		page, err := sales.FindDocuments(ctx, f)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for _, d := range page {
			if err := fn(d); err != nil {
				return err
			}
		}
		f.AfterNum = page[len(page)-1].Num
	}
}

// exportPDFs writes a PDF of every posted (not draft) document the filter
// selects into dir, showing progress on standard error; Ctrl-C stops it.
func exportPDFs(ctx context.Context, sales model.SalesService, f model.DocFilter, dir string, out io.Writer) error {
	var ids []string
	err := eachDocument(ctx, sales, f, func(d model.Document) error {
		if d.Status != model.StatusDraft {
			ids = append(ids, d.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	start := time.Now()
	var mu sync.Mutex
	progress := func(done int) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stderr, "\r%d/%d", done, len(ids))
	}
	err = docpdf.WriteAll(ctx, len(ids), func(i int) (model.PrintPack, error) { return sales.PrintPack(ctx, ids[i]) }, dir, progress)
	if len(ids) > 0 {
		fmt.Fprintln(os.Stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d documents to %s in %s\n", len(ids), dir, time.Since(start).Round(time.Millisecond))
	return nil
}

// runDoc is `sdelkactl doc pdf`: one document's PDF.
func runDoc(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "doc pdf --db PATH [--kind KIND] --number N --out FILE|DIR"
	if len(args) == 0 || args[0] != "pdf" {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis+"\n  pdf  print a document to PDF (into DIR under its own file name)")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags("doc pdf", synopsis, out)
	db := fs.String("db", "", "database file")
	kind := fs.String("kind", "", "the document's kind: "+kindList()+" (default: the one kind that has the number)")
	number := fs.String("number", "", "the document's number, as printed")
	outPath := fs.String("out", "", "PDF file to write, or an existing folder (ending in / to create it) to write it into under its own name")
	if err := parseDB(fs, args[1:]); err != nil {
		return err
	}
	if *number == "" || *outPath == "" {
		fmt.Fprintln(out, "--number and --out are required")
		return errUsage
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := findByNumber(ctx, svc.Sales, model.DocKind(*kind), *number)
	if err != nil {
		return err
	}
	p, err := svc.Sales.PrintPack(ctx, d.ID)
	if err != nil {
		return err
	}
	path := *outPath
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return err
		}
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, docpdf.FileName(p))
	}
	res, err := writePDF(path, p)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(os.Stderr, "warning: "+w)
	}
	fmt.Fprintln(out, path)
	return nil
}

// findByNumber finds a posted document by number, of the kind given or of
// the one kind that has the number.
func findByNumber(ctx context.Context, sales model.SalesService, kind model.DocKind, number string) (model.Document, error) {
	if kind != "" {
		if !kind.Valid() {
			return model.Document{}, fmt.Errorf("--kind %q: want one of %s", kind, kindList())
		}
		return sales.FindDocumentByNumber(ctx, kind, number)
	}
	var found []model.Document
	for _, k := range model.DocKinds {
		d, err := sales.FindDocumentByNumber(ctx, k, number)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return d, err
		}
		found = append(found, d)
	}
	switch len(found) {
	case 0:
		return model.Document{}, fmt.Errorf("no document has number %s", number)
	case 1:
		return found[0], nil
	}
	kinds := make([]string, len(found))
	for i, d := range found {
		kinds[i] = string(d.Kind)
	}
	return model.Document{}, fmt.Errorf("number %s is used by %s; give --kind", number, strings.Join(kinds, " and "))
}

// writePDF writes the pack's PDF to path through a temporary file renamed
// at the end, so a failure leaves nothing half-written.
func writePDF(path string, p model.PrintPack) (docpdf.Result, error) {
	tmp := path + ".part"
	fh, err := os.Create(tmp)
	if err != nil {
		return docpdf.Result{}, err
	}
	defer os.Remove(tmp)
	w := bufio.NewWriter(fh)
	res, err := docpdf.Write(w, p)
	if err == nil {
		err = w.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	return res, err
}
