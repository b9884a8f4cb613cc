package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// addRate opens the form of a rate typed by hand: a currency, the date, the
// nominal and the value of that many units in the base currency.
func (r *ratesScreen) addRate() {
	a := r.a
	f := newForm(a)
	cur := newChoice(a.T("choose"), "", nil)
	var labels, values []string
	for _, c := range r.d.currencies {
		if c.Code != r.d.tax.BaseCurrency {
			labels, values = append(labels, c.Code+" — "+c.Name), append(values, c.Code)
		}
	}
	cur.setOptions(labels, values)
	f.add("currency", cur.sel)
	f.entry("date", a.showDay(r.day)).SetPlaceHolder(a.T("format.date_hint"))
	f.entry("nominal", "1")
	f.entry("rate_value", "").SetPlaceHolder(model.FormatMoney(925678, 4, a.T("format.decimal"), ""))
	a.formDialog(a.T("rates.add"), f, fyne.NewSize(520, 320), func() error {
		x := model.ExchangeRate{Currency: cur.value(), Source: "manual"}
		var v model.ValidationErrors
		if x.Currency == "" {
			v.Add("currency", model.MsgRequired)
		}
		day, ok := parseDay(a, f.text("date"))
		if !ok {
			v.Add("date", msgDate)
		}
		x.Date = day
		n, err := model.ParseMoney(strings.TrimSpace(f.text("nominal")), 0)
		if err != nil || n <= 0 {
			v.Add("nominal", "valid.rate.value")
		}
		x.Nominal = int64(n)
		x.ValueE4, err = model.ParseDecimalE4(f.text("rate_value"))
		if err != nil || x.ValueE4 <= 0 {
			v.Add("rate_value", "valid.rate.value")
		}
		if len(v) > 0 {
			return v
		}
		if err := a.svc.Catalog.SaveRates(a.ctx, []model.ExchangeRate{x}); err != nil {
			return err
		}
		r.status.Importance = widget.SuccessImportance
		r.status.SetText(a.T("rates.saved", x.Currency, a.showDay(x.Date)))
		r.setDay(x.Date)
		return nil
	})
}
