package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sdelka/model"
	"sdelka/reports/pricelist"
)

// runPricelist is `sdelkactl pricelist`: a personalised price list for a
// customer (by INN) or a customer group (by name) on a date, as PDF or XLSX.
func runPricelist(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("pricelist", "pricelist --db PATH --group NAME|--customer INN [--date YYYY-MM-DD] [--currency CODE] [--lang ru|en] --format pdf|xlsx --out FILE", out)
	db := fs.String("db", "", "database file")
	group := fs.String("group", "", "the customer group's name (any case)")
	inn := fs.String("customer", "", "the customer's INN")
	date := fs.String("date", "", "prices valid on this day (default: today)")
	currency := fs.String("currency", "", "currency code (default: the base currency)")
	lang := fs.String("lang", "ru", "language of the document: ru or en")
	format := fs.String("format", "", "pdf or xlsx (default: from the file name)")
	outFile := fs.String("out", "", "file to write")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	if (*group == "") == (*inn == "") || *outFile == "" {
		fmt.Fprintln(out, "give --group NAME or --customer INN, and --out FILE")
		return errUsage
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*outFile)), ".")
	}
	if f != "pdf" && f != "xlsx" {
		return fmt.Errorf("format %q: want pdf or xlsx", f)
	}
	day := time.Now()
	if *date != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("--date %q: want YYYY-MM-DD", *date)
		}
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	var customerID, groupID string
	if *inn != "" {
		cs, err := svc.Customers.FindCustomers(ctx, model.CustomerFilter{Query: *inn, Limit: 5})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.INN == strings.TrimSpace(*inn) {
				customerID = c.ID
			}
		}
		if customerID == "" {
			return fmt.Errorf("no customer with INN %s", *inn)
		}
	} else {
		groups, err := svc.Customers.Groups(ctx)
		if err != nil {
			return err
		}
		var names []string
		for _, g := range groups {
			names = append(names, g.Name)
			if model.FoldText(g.Name) == model.FoldText(*group) {
				groupID = g.ID
			}
		}
		if groupID == "" {
			return fmt.Errorf("no customer group %q (groups: %s)", *group, strings.Join(names, ", "))
		}
	}
	start := time.Now()
	sheet, err := svc.Catalog.PriceSheet(ctx, customerID, groupID, day, strings.ToUpper(*currency))
	if err != nil {
		return err
	}
	company, err := svc.Company.Company(ctx)
	if err != nil {
		return err
	}
	doc := priceListDocument(sheet, company, *lang)
	tmp := *outFile + ".part"
	fh, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if f == "pdf" {
		err = pricelist.WritePDF(fh, doc)
	} else {
		err = pricelist.WriteXLSX(fh, doc)
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *outFile)
	}
	if err != nil {
		return err
	}
	n := 0
	for _, sec := range sheet.Sections {
		n += len(sec.Lines)
	}
	fmt.Fprintf(out, "price list for %s on %s: %d products, %s written in %s\n", sheet.For, day.Format(time.DateOnly), n, *outFile,
		time.Since(start).Round(time.Millisecond))
	return nil
}

// priceListDocument turns a price sheet into the printed document.
func priceListDocument(sheet model.PriceSheet, company model.Company, lang string) pricelist.Document {
	en := lang == "en"
	title := "Прайс-лист"
	if en {
		title = "Price list"
	}
	d := pricelist.Document{Company: company, Title: title, For: sheet.For, Date: sheet.Day, Currency: sheet.Currency,
		PricesIncludeVAT: sheet.Tax.PricesIncludeVAT, NoVAT: sheet.Tax.NoVAT, Lang: lang, Generated: time.Now()}
	for _, sec := range sheet.Sections {
		ps := pricelist.Section{Category: sec.Category}
		for _, l := range sec.Lines {
			u, _ := model.UnitByCode(l.Product.UnitCode)
			unit := u.Symbol
			if en {
				unit = u.En
			}
			line := pricelist.Line{SKU: l.Product.SKU, Name: l.Product.Name, Unit: unit, Price: l.Price.Price, VAT: l.VAT, Note: l.Product.SellerNote}
			if l.Price.Price != l.Price.BasePrice {
				line.BasePrice = l.Price.BasePrice
			}
			var breaks []string
			for _, b := range l.Breaks {
				from := "от"
				if en {
					from = "from"
				}
				breaks = append(breaks, fmt.Sprintf("%s %s %s — %s", from, qtyText(b.MinQty, en), unit,
					pricelist.FormatMoney(b.Price, sheet.Currency.MinorDigits, en)))
			}
			line.Breaks = strings.Join(breaks, "; ")
			ps.Lines = append(ps.Lines, line)
		}
		d.Sections = append(d.Sections, ps)
	}
	return d
}

// qtyText prints a quantity in thousandths: 10, 2,5 (2.5 in English).
func qtyText(q model.Qty, en bool) string {
	s := fmt.Sprint(int64(q) / 1000)
	if frac := int64(q) % 1000; frac != 0 {
		sep := ","
		if en {
			sep = "."
		}
		s += sep + strings.TrimRight(fmt.Sprintf("%03d", frac), "0")
	}
	return s
}
