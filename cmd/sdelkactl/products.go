package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// runImportProducts is `sdelkactl import products`: the customer import's
// behaviour and report for the catalog.
func runImportProducts(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("import products", "import products --db PATH [--skip-invalid] [--update] FILE", out)
	db := fs.String("db", "", "database file")
	skip := fs.Bool("skip-invalid", false, "import the valid rows of a file with errors (default: a file with errors imports nothing)")
	update := fs.Bool("update", false, "update products matched by SKU, then barcode (default: skip them)")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(out, "give exactly one FILE to import")
		return errUsage
	}
	file := fs.Arg(0)
	r, err := tabular.Open(file)
	if err != nil {
		return err
	}
	defer r.Close()
	header := r.Header()
	m := model.GuessProductMapping(header)
	if !mappingHas(m, "name") && !mappingHas(m, "sku") && !mappingHas(m, "barcode") {
		return fmt.Errorf("%s: no column is recognised as the product name, SKU or barcode (header: %s); see docs/IMPORT.md", file, strings.Join(header, ", "))
	}
	var rows []model.ProductImport
	var errs []model.RowError
	last := r.HeaderRow()
	for {
		n, cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			row := n
			if row <= last {
				row = last + 1
			}
			errs = append(errs, model.RowError{Row: row, Msg: "import.unreadable", Value: err.Error()})
			break
		}
		last = n
		p, rowErrs := model.ParseProductRow(n, header, cells, m)
		errs = append(errs, rowErrs...)
		if p.Row != 0 && len(rowErrs) == 0 {
			rows = append(rows, p)
		}
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := svc.Catalog.ImportProducts(ctx, rows, errs, model.ImportOptions{Update: *update, SkipInvalid: *skip}, nil)
	if err != nil {
		return err
	}
	printRowErrors(out, res.Errors)
	fmt.Fprintf(out, "imported %d, updated %d, skipped %d\n", res.Imported, res.Updated, res.Skipped)
	if res.Imported+res.Updated == 0 && len(res.Errors) > 0 {
		return fmt.Errorf("nothing imported: %d error(s) in %s (use --skip-invalid to import the valid rows): %w", len(res.Errors), file, errProblems)
	}
	return nil
}

// printRowErrors prints import problems as "row N, column «C»: message (value)".
func printRowErrors(out io.Writer, errs []model.RowError) {
	for _, e := range errs {
		where := fmt.Sprintf("row %d", e.Row)
		if e.Column != "" {
			where += ", column «" + e.Column + "»"
		}
		msg := english.T(e.Msg)
		if e.Value != "" {
			msg += fmt.Sprintf(" (%q)", e.Value)
		}
		fmt.Fprintln(out, where+": "+msg)
	}
}

// runExportProducts is `sdelkactl export products`: every product in the
// columns the import reads, so an export imports again.
func runExportProducts(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("export products", "export products --db PATH --format csv|xlsx [--lang ru|en] FILE", out)
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
	cats, err := svc.Catalog.Categories(ctx)
	if err != nil {
		return err
	}
	paths := categoryPathNames(cats)
	tmp := file + ".part"
	fh, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	w, err := tabular.NewWriter(fh, f, "Products")
	if err != nil {
		fh.Close()
		return err
	}
	err = w.Write(model.ProductTemplateHeader(*lang))
	n := 0
	var after model.ProductRow
	for err == nil {
		var page []model.ProductRow
		filter := model.ProductFilter{Sort: "sku", Limit: 1000}
		if n > 0 {
			filter.AfterKey, filter.AfterID = model.FoldText(after.SKU), after.ID
		}
		if page, err = svc.Catalog.FindProducts(ctx, filter); err != nil || len(page) == 0 {
			break
		}
		for _, r := range page {
			if err = w.Write(productExportRow(r.Product, paths)); err != nil {
				break
			}
			n++
		}
		after = page[len(page)-1]
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d products to %s\n", n, file)
	return nil
}

// categoryPathNames maps each category to its path "Root / Child".
func categoryPathNames(cs []model.Category) map[string]string {
	byID := map[string]model.Category{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	out := map[string]string{}
	for _, c := range cs {
		parts := []string{c.Name}
		for p, depth := c.ParentID, 0; p != "" && depth < len(cs); depth++ {
			parts = append([]string{byID[p].Name}, parts...)
			p = byID[p].ParentID
		}
		out[c.ID] = strings.Join(parts, " / ")
	}
	return out
}

// productExportRow is a product in ProductImportFields order.
func productExportRow(p model.Product, paths map[string]string) []string {
	money := func(m model.Money) string { return model.FormatMoney(m, 2, ",", "") }
	vat := map[model.VATCategory]string{model.VATStandard: "22%", model.VATReduced: "10%", model.VATZero: "0%", model.VATNone: "без НДС"}[p.VAT]
	kind := map[model.ProductKind]string{model.KindGoods: "товар", model.KindService: "услуга", model.KindKit: "комплект"}[p.Kind]
	unit, _ := model.UnitByCode(p.UnitCode)
	active := "да"
	if !p.Active {
		active = "нет"
	}
	weight := ""
	if p.WeightGrams > 0 {
		weight = strconv.FormatInt(p.WeightGrams/1000, 10)
		if g := p.WeightGrams % 1000; g != 0 {
			weight += "," + strings.TrimRight(fmt.Sprintf("%03d", g), "0")
		}
	}
	return []string{p.SKU, p.Name, p.Description, paths[p.CategoryID], kind, unit.Symbol, p.Barcode, money(p.BasePrice),
		money(p.CostPrice), money(p.FloorPrice), vat, weight, active, p.SellerNote}
}
