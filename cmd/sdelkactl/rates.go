package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"sdelka/model"
	"sdelka/reports/cbr"
)

// runRates is `sdelkactl rates import|list`.
func runRates(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "rates import --db PATH FILE.xml | rates list --db PATH [--date YYYY-MM-DD]"
	if len(args) == 0 || (args[0] != "import" && args[0] != "list") {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags("rates "+args[0], synopsis, out)
	db := fs.String("db", "", "database file")
	date := fs.String("date", "", "list: the rates in force on this day (default: today)")
	if err := parseCustomersArgs(fs, args[1:]); err != nil {
		return err
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if args[0] == "import" {
		if fs.NArg() != 1 {
			fmt.Fprintln(out, "give exactly one FILE.xml: the Central Bank's daily rates as saved from cbr.ru")
			return errUsage
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		r, err := cbr.Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %w (nothing was changed)", fs.Arg(0), err)
		}
		known, err := svc.Catalog.Currencies(ctx)
		if err != nil {
			return err
		}
		tax, err := svc.Catalog.TaxSettings(ctx)
		if err != nil {
			return err
		}
		rates, skipped, err := ratesForBase(r, known, tax.BaseCurrency)
		if err != nil {
			return fmt.Errorf("%s: %w (nothing was changed)", fs.Arg(0), err)
		}
		if err := svc.Catalog.SaveRates(ctx, rates); err != nil {
			return fmt.Errorf("%s: %w (nothing was changed)", fs.Arg(0), err)
		}
		fmt.Fprintf(out, "imported %d rates for %s", len(rates), r.Date.Format(time.DateOnly))
		if len(skipped) > 0 {
			fmt.Fprintf(out, "; skipped %d currencies not in the database: %v", len(skipped), skipped)
		}
		fmt.Fprintln(out)
		return nil
	}
	day := time.Now()
	if *date != "" {
		if day, err = time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("--date %q: want YYYY-MM-DD", *date)
		}
	}
	rates, err := svc.Catalog.Rates(ctx, day)
	if err != nil {
		return err
	}
	tax, err := svc.Catalog.TaxSettings(ctx)
	if err != nil {
		return err
	}
	for _, r := range rates {
		fmt.Fprintf(out, "%s\t%s %s\t(%s, %s)\n", r.Currency, model.RatePerUnit(r), tax.BaseCurrency, r.Date.Format(time.DateOnly), r.Source)
	}
	if len(rates) == 0 {
		fmt.Fprintf(out, "no rates on or before %s\n", day.Format(time.DateOnly))
	}
	return nil
}

// ratesForBase keeps the file's rates of the currencies the database has.
// The Bank quotes in rubles: with another base currency the rates are
// re-expressed through the base's own ruble rate from the same file.
func ratesForBase(r cbr.Rates, known []model.Currency, base string) ([]model.ExchangeRate, []string, error) {
	have := map[string]bool{}
	for _, c := range known {
		have[c.Code] = true
	}
	var baseRate model.ExchangeRate
	if base != "RUB" {
		found := false
		for _, x := range r.Rates {
			if x.Currency == base {
				baseRate, found = x, true
			}
		}
		if !found {
			return nil, nil, errors.New("the base currency " + base + " is not in the file: the Bank's rates are in rubles and cannot be converted")
		}
	}
	var out []model.ExchangeRate
	var skipped []string
	for _, x := range r.Rates {
		if x.Currency == base {
			continue
		}
		if !have[x.Currency] {
			skipped = append(skipped, x.Currency)
			continue
		}
		if base != "RUB" {
			// value in base per nominal = value_rub(x) / (value_rub(base) / nominal(base)), to 4 decimals.
			num := x.ValueE4 * baseRate.Nominal * 10000
			den := baseRate.ValueE4
			x.ValueE4 = model.RoundDiv(num, den)
			if x.ValueE4 <= 0 {
				x.Nominal *= 10000
				x.ValueE4 = model.RoundDiv(num*10000, den)
			}
		}
		out = append(out, x)
	}
	if base != "RUB" && have["RUB"] {
		// The ruble itself, per 1 unit of... expressed as 100 RUB in base.
		out = append(out, model.ExchangeRate{Currency: "RUB", Date: r.Date, Nominal: 100, ValueE4: model.RoundDiv(100*baseRate.Nominal*10000*10000, baseRate.ValueE4), Source: "cbr"})
	}
	return out, skipped, nil
}
