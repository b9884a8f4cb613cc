package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sdelka/model"
	"sdelka/repo"
	"sdelka/reports/importfile"
	"sdelka/reports/tabular"
)

// adminSession opens the database and returns the services of its first
// active administrator, so that command-line changes are attributed to a
// person in the audit log rather than to "system".
func adminSession(ctx context.Context, db string) (*repo.Store, model.Services, error) {
	s, err := repo.Open(db)
	if err != nil {
		return nil, model.Services{}, err
	}
	users, err := s.Session(repo.System).FindUsers(ctx)
	if err != nil {
		s.Close()
		return nil, model.Services{}, err
	}
	for _, u := range users {
		if u.Role == model.RoleAdmin && u.Active {
			return s, s.Services(u), nil
		}
	}
	return s, s.Services(repo.System), nil
}

// importCustomersFile imports a CSV/XLSX file with the mapping from mapFile
// (default: guessed from the header); the file is parsed while the rows are
// written.
func importCustomersFile(ctx context.Context, svc model.CustomerService, path, mapFile string, o model.ImportOptions) (model.ImportResult, error) {
	lk, err := svc.ImportLookups(ctx)
	if err != nil {
		return model.ImportResult{}, err
	}
	f, err := importfile.Open(path)
	if err != nil {
		return model.ImportResult{}, err
	}
	defer f.Close()
	header := f.Header()
	mapping := model.GuessMapping(header)
	if mapFile != "" {
		if mapping, err = readMapFile(mapFile, header); err != nil {
			return model.ImportResult{}, err
		}
	}
	if !mappingHas(mapping, "name") {
		return model.ImportResult{}, fmt.Errorf("%s: no column is recognised as the customer name (header: %s); see docs/IMPORT.md or use --map",
			path, strings.Join(header, ", "))
	}
	return svc.ImportCustomers(ctx, f.Customers(ctx, mapping, lk), o, nil)
}

func mappingHas(m model.ColumnMapping, field string) bool {
	for _, f := range m {
		if f == field {
			return true
		}
	}
	return false
}

// readMapFile reads a mapping file: one "column header = field" per line.
func readMapFile(path string, header []string) (model.ColumnMapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := model.ColumnMapping{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col, field, ok := strings.Cut(line, "=")
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		if !ok || !validField(field) {
			return nil, fmt.Errorf("%s line %d: want «column header = field», field one of %s", path, i+1, strings.Join(model.ImportFields, ", "))
		}
		found := false
		for j, h := range header {
			if model.FoldText(h) == model.FoldText(col) {
				m[j], found = field, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s line %d: the file has no column %q", path, i+1, col)
		}
	}
	return m, nil
}

func validField(f string) bool {
	for _, k := range model.ImportFields {
		if k == f {
			return true
		}
	}
	return false
}

func runImport(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "products" {
		return runImportProducts(ctx, args, out)
	}
	fs, err := customersFlags(args, out, "import customers", "import customers --db PATH [--skip-invalid] [--update] [--map FILE] FILE")
	if fs == nil {
		return err
	}
	db := fs.String("db", "", "database file")
	skip := fs.Bool("skip-invalid", false, "import the valid rows of a file with errors (default: a file with errors imports nothing)")
	update := fs.Bool("update", false, "update customers matched by INN, then e-mail, then phone (default: skip them)")
	mapFile := fs.String("map", "", "mapping file: lines «column header = field» (default: recognise the headers)")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(out, "give exactly one FILE to import")
		return errUsage
	}
	file := fs.Arg(0)
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	res, err := importCustomersFile(ctx, svc.Customers, file, *mapFile, model.ImportOptions{Update: *update, SkipInvalid: *skip})
	if err != nil {
		return err
	}
	printRowErrors(out, res.Errors)
	fmt.Fprintf(out, "imported %d, updated %d, skipped %d\n", res.Imported, res.Updated, res.Skipped)
	fmt.Fprintf(os.Stderr, "%s: %d rows in %s\n", filepath.Base(file), res.Imported+res.Updated+res.Skipped, time.Since(start).Round(time.Millisecond))
	if res.Imported+res.Updated == 0 && len(res.Errors) > 0 {
		return fmt.Errorf("nothing imported: %d error(s) in %s (use --skip-invalid to import the valid rows): %w", len(res.Errors), file, errProblems)
	}
	return nil
}

func runExport(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "products" {
		return runExportProducts(ctx, args, out)
	}
	fs, err := customersFlags(args, out, "export customers", "export customers --db PATH --format csv|xlsx [--lang ru|en] FILE")
	if fs == nil {
		return err
	}
	db := fs.String("db", "", "database file")
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	lang := fs.String("lang", "ru", "language of the header row: ru or en")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(out, "give exactly one FILE to write")
		return errUsage
	}
	file := fs.Arg(0)
	f, err := exportFormat(file, *format)
	if err != nil {
		return err
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := exportCustomers(ctx, svc.Customers, model.CustomerFilter{}, f, *lang, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d customers to %s\n", n, file)
	return nil
}

// exportCustomers writes the filtered customers to file (via a temporary
// file renamed at the end, so a failed export leaves nothing half-written).
func exportCustomers(ctx context.Context, cs model.CustomerService, filter model.CustomerFilter, f tabular.Format, lang, file string) (int, error) {
	tmp := file + ".part"
	fh, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp)
	w, err := tabular.NewWriter(fh, f, "Customers")
	if err != nil {
		fh.Close()
		return 0, err
	}
	if err := w.Write(model.ImportTemplateHeader(lang)); err != nil {
		fh.Close()
		return 0, err
	}
	n := 0
	err = model.EachCustomerWithContact(ctx, cs, filter, func(c model.Customer, primary *model.Contact) error {
		n++
		return w.Write(model.CustomerExportRow(c, primary))
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	return n, os.Rename(tmp, file)
}

func runSearch(ctx context.Context, args []string, out io.Writer) error {
	fs, err := customersFlags(args, out, "search customers", "search customers --db PATH [--limit N] QUERY")
	if fs == nil {
		return err
	}
	db := fs.String("db", "", "database file")
	limit := fs.Int("limit", 20, "at most this many results")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		fmt.Fprintln(out, "give a QUERY")
		return errUsage
	}
	s, err := repo.OpenWith(ctx, *db, repo.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	hits, err := s.Session(repo.System).SearchCustomers(ctx, query, *limit)
	if err != nil {
		return err
	}
	for _, h := range hits {
		line := fmt.Sprintf("%d\t%s\t%s\t%s", h.Customer.Num, h.Customer.Name, h.Customer.INN, h.Customer.Phone)
		if h.Contact != "" {
			line += "\tcontact: " + h.Contact
		}
		fmt.Fprintln(out, line)
	}
	if len(hits) == 0 {
		fmt.Fprintln(os.Stderr, "no customers match")
	}
	return nil
}

// customersFlags starts a "VERB customers" command: it checks the noun and
// returns the flag set; a nil set means usage was printed (err says how to
// exit).
func customersFlags(args []string, out io.Writer, name, synopsis string) (*flag.FlagSet, error) {
	if len(args) == 0 || args[0] != "customers" {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil, nil
		}
		return nil, errUsage
	}
	return newFlags(name, synopsis, out), nil
}

// parseCustomersArgs parses flags that may be followed by positional
// arguments and requires --db.
func parseCustomersArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, errHelp) {
			return err
		}
		return errUsage
	}
	return requireDB(fs, fs.Lookup("db").Value.String())
}

// exportFormat is the --format given, or the file name's extension: csv or xlsx.
func exportFormat(file, format string) (tabular.Format, error) {
	f := tabular.Format(strings.ToLower(format))
	if f == "" {
		f = tabular.Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), "."))
	}
	if f != tabular.CSV && f != tabular.XLSX {
		return f, fmt.Errorf("format %q: want csv or xlsx", f)
	}
	return f, nil
}
