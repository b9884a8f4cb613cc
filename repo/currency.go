package repo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"sdelka/model"
)

// Currencies implements model.CatalogService: the base currency first, then by code.
func (ss *Session) Currencies(ctx context.Context) ([]model.Currency, error) {
	if _, err := ss.reader(ctx, model.EntityCurrency); err != nil {
		return nil, fmt.Errorf("currencies: %w", err)
	}
	return loadCurrencies(ctx, ss.s.r)
}

func loadCurrencies(ctx context.Context, q queryer) ([]model.Currency, error) {
	return queryAll(ctx, q, "currencies", `SELECT code, num_code, name, symbol, minor_digits FROM currencies
		ORDER BY code <> (SELECT value FROM settings WHERE key = 'base_currency'), code`,
		func(sc scanner) (model.Currency, error) {
			var c model.Currency
			err := sc.Scan(&c.Code, &c.NumCode, &c.Name, &c.Symbol, &c.MinorDigits)
			return c, err
		})
}

// SaveCurrency implements model.CatalogService (creates or updates by code).
func (ss *Session) SaveCurrency(ctx context.Context, c model.Currency) error {
	c.Code, c.Name, c.Symbol, c.NumCode = strings.ToUpper(strings.TrimSpace(c.Code)), strings.TrimSpace(c.Name),
		strings.TrimSpace(c.Symbol), strings.TrimSpace(c.NumCode)
	var v model.ValidationErrors
	if len(c.Code) != 3 || strings.Trim(c.Code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		v.Add("code", "valid.currency.code")
	}
	if c.Name == "" {
		v.Add("name", model.MsgRequired)
	}
	if c.NumCode != "" && (len(c.NumCode) != 3 || model.DigitsOnly(c.NumCode) != c.NumCode) {
		v.Add("num_code", "valid.currency.num_code")
	}
	if c.MinorDigits < 0 || c.MinorDigits > 4 {
		v.Add("minor_digits", "valid.currency.minor_digits")
	}
	if len(v) > 0 {
		return v
	}
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCurrency, model.ActUpdate)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO currencies (code, num_code, name, symbol, minor_digits, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET num_code = excluded.num_code, name = excluded.name, symbol = excluded.symbol,
			minor_digits = excluded.minor_digits, updated_at = excluded.updated_at`,
			c.Code, c.NumCode, c.Name, c.Symbol, c.MinorDigits, ts(ss.s.now())); err != nil {
			return fmt.Errorf("save currency %s: %w", c.Code, err)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCurrency, c.Code, []model.Change{
			{Field: "name", New: c.Name}, {Field: "symbol", New: c.Symbol}, {Field: "minor_digits", New: fmt.Sprint(c.MinorDigits)}})
	})
}

// Rates implements model.CatalogService.
func (ss *Session) Rates(ctx context.Context, day time.Time) ([]model.ExchangeRate, error) {
	if _, err := ss.reader(ctx, model.EntityCurrency); err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	return loadRates(ctx, ss.s.r, day)
}

// loadRates returns, per currency, its latest rate on or before day.
func loadRates(ctx context.Context, q queryer, day time.Time) ([]model.ExchangeRate, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.currency, r.day, r.nominal, r.value_e4, r.source FROM currencies c
		JOIN exchange_rates r ON r.currency = c.code
			AND r.day = (SELECT max(day) FROM exchange_rates WHERE currency = c.code AND day <= ?)
		ORDER BY c.code`, dateOnly(day))
	if err != nil {
		return nil, fmt.Errorf("rates on %s: %w", dateOnly(day), mapErr(err))
	}
	defer rows.Close()
	var out []model.ExchangeRate
	for rows.Next() {
		var r model.ExchangeRate
		var d string
		if err := rows.Scan(&r.Currency, &d, &r.Nominal, &r.ValueE4, &r.Source); err != nil {
			return nil, err
		}
		r.Date = parseDateOnly(d)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveRates implements model.CatalogService: every rate is checked first
// (a known currency other than the base, a date, a positive nominal and
// value), then all are written in one transaction.
func (ss *Session) SaveRates(ctx context.Context, rates []model.ExchangeRate) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCurrency, model.ActCreate)
		if err != nil {
			return err
		}
		var base string
		if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'base_currency'`).Scan(&base); err != nil {
			return fmt.Errorf("base currency: %w", err)
		}
		known := map[string]bool{}
		cs, err := loadCurrencies(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			known[c.Code] = true
		}
		for _, r := range rates {
			msg := ""
			switch {
			case !known[r.Currency]:
				msg = "valid.currency.unknown"
			case r.Currency == base:
				msg = "valid.rate.base"
			case r.Date.IsZero():
				msg = "valid.rate.date"
			case r.Nominal <= 0 || r.ValueE4 <= 0:
				msg = "valid.rate.value"
			}
			if msg != "" {
				return fmt.Errorf("rate of %s: %w", r.Currency, model.ValidationErrors{{Field: "rates", Msg: msg}})
			}
		}
		now := ts(ss.s.now())
		for _, r := range rates {
			src := r.Source
			if src != "cbr" {
				src = "manual"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO exchange_rates (currency, day, nominal, value_e4, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (currency, day) DO UPDATE SET nominal = excluded.nominal, value_e4 = excluded.value_e4,
				source = excluded.source, updated_at = excluded.updated_at`, r.Currency, dateOnly(r.Date), r.Nominal, r.ValueE4, src, now); err != nil {
				return fmt.Errorf("rate of %s on %s: %w", r.Currency, dateOnly(r.Date), err)
			}
		}
		days := map[string]bool{}
		for _, r := range rates {
			days[dateOnly(r.Date)] = true
		}
		var list []string
		for d := range days {
			list = append(list, d)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCurrency, "rates", []model.Change{
			{Field: "rates", New: fmt.Sprintf("%d rates for %s", len(rates), strings.Join(list, ", "))}})
	})
}

// TaxSettings implements model.CatalogService.
func (ss *Session) TaxSettings(ctx context.Context) (model.TaxSettings, error) {
	if _, err := ss.reader(ctx, model.EntityCurrency); err != nil {
		return model.TaxSettings{}, fmt.Errorf("tax settings: %w", err)
	}
	return loadTaxSettings(ctx, ss.s.r)
}

func loadTaxSettings(ctx context.Context, q queryer) (model.TaxSettings, error) {
	t := model.TaxSettings{BaseCurrency: "RUB", PricesIncludeVAT: true}
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN ('base_currency', 'prices_include_vat', 'no_vat')`)
	if err != nil {
		return t, fmt.Errorf("tax settings: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return t, err
		}
		switch k {
		case "base_currency":
			t.BaseCurrency = v
		case "prices_include_vat":
			t.PricesIncludeVAT = v == "1"
		case "no_vat":
			t.NoVAT = v == "1"
		}
	}
	return t, rows.Err()
}

// SaveTaxSettings implements model.CatalogService. Changing the base
// currency is refused while rates exist (they are quoted in the old base).
func (ss *Session) SaveTaxSettings(ctx context.Context, t model.TaxSettings) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCurrency, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		t.BaseCurrency = strings.ToUpper(strings.TrimSpace(t.BaseCurrency))
		if t.BaseCurrency != old.BaseCurrency {
			var known, rates int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM currencies WHERE code = ?), (SELECT count(*) FROM exchange_rates)`,
				t.BaseCurrency).Scan(&known, &rates); err != nil {
				return err
			}
			switch {
			case known == 0:
				return model.ValidationErrors{{Field: "base_currency", Msg: "valid.currency.unknown"}}
			case rates > 0:
				return model.ValidationErrors{{Field: "base_currency", Msg: "valid.currency.base_has_rates"}}
			}
		}
		b := func(v bool) string {
			if v {
				return "1"
			}
			return "0"
		}
		now := ts(ss.s.now())
		for k, v := range map[string]string{"base_currency": t.BaseCurrency, "prices_include_vat": b(t.PricesIncludeVAT), "no_vat": b(t.NoVAT)} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, k, v, now); err != nil {
				return fmt.Errorf("save tax settings: %w", err)
			}
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntitySettings, "tax", model.Diff(
			map[string]string{"base_currency": old.BaseCurrency, "prices_include_vat": b(old.PricesIncludeVAT), "no_vat": b(old.NoVAT)},
			map[string]string{"base_currency": t.BaseCurrency, "prices_include_vat": b(t.PricesIncludeVAT), "no_vat": b(t.NoVAT)}))
	})
}
