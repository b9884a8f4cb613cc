package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var currencyColumns = []column{{"code", 80}, {"num_code", 120}, {"name", 280}, {"symbol", 90}, {"minor_digits", 170}}

// taxScreen is «Налоги и валюты», opened from the settings: the base
// currency and the VAT convention prices follow, and the currencies with
// their codes.
type taxScreen struct {
	a       *App
	f       *form
	base    *choice
	inclVAT *widget.Check
	noVAT   *widget.Check
	status  *widget.Label
	save    *widget.Button
	curs    []model.Currency
	table   *widget.Table
	cur     int
	canEdit bool
	loaded  bool
	gen     int
}

func newTaxScreen(a *App) *taxScreen { return &taxScreen{a: a, cur: -1} }

func (t *taxScreen) build() fyne.CanvasObject {
	a := t.a
	t.canEdit = model.Can(a.svc.User.Role, model.EntityCurrency, model.ActUpdate)
	t.f = newForm(a)
	t.base = newChoice(a.T("choose"), "", nil)
	t.f.add("base_currency", t.base.sel)
	t.inclVAT = widget.NewCheck(a.T("tax.prices_include_vat"), nil)
	t.f.add("prices_include_vat", t.inclVAT)
	t.noVAT = widget.NewCheck(a.T("tax.no_vat"), nil)
	t.f.add("no_vat", t.noVAT)
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), t.saveTax)
	t.save.Importance = widget.HighImportance
	t.f.setEnabled(false)
	t.save.Disable()
	if !t.canEdit {
		t.save.Hide()
		t.status.SetText(a.T("tax.read_only"))
	}
	title := widget.NewLabelWithStyle(a.T("tax.currencies"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(a.T("tax.currency_add"), theme.ContentAddIcon(), func() { t.editCurrency(model.Currency{MinorDigits: 2}) })
	edit := widget.NewButtonWithIcon(a.T("tax.currency_edit"), theme.DocumentCreateIcon(), func() {
		if t.cur >= 0 && t.cur < len(t.curs) {
			t.editCurrency(t.curs[t.cur])
		}
	})
	if !t.canEdit {
		add.Hide()
		edit.Hide()
	}
	var header fyne.CanvasObject
	t.table, header = newTable(a, currencyColumns, func() (int, int) { return len(t.curs), len(currencyColumns) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) { t.cur = id.Row }
	t.table.OnUnselected = func(widget.TableCellID) { t.cur = -1 }
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	heading := widget.NewLabelWithStyle(a.T("settings.tax"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(back), nil, heading), widget.NewSeparator(),
		narrow(t.f.grid, 640), container.NewBorder(nil, nil, t.save, nil, t.status), widget.NewSeparator(),
		container.NewBorder(nil, nil, title, container.NewHBox(add, edit)), header)
	t.reload()
	return container.NewBorder(top, nil, nil, nil, t.table)
}

// reload reads the tax settings and the currencies.
func (t *taxScreen) reload() {
	a := t.a
	t.gen++
	gen := t.gen
	a.loadCatalogDicts(func(d catalogDicts) {
		if gen != t.gen {
			return
		}
		t.curs = d.currencies
		t.base.setOptions(currencyOptions(d.currencies))
		t.base.set(d.tax.BaseCurrency)
		t.inclVAT.SetChecked(d.tax.PricesIncludeVAT)
		t.noVAT.SetChecked(d.tax.NoVAT)
		t.f.setEnabled(t.canEdit)
		if t.canEdit {
			t.save.Enable()
		}
		t.loaded, t.cur = true, -1
		t.table.UnselectAll()
		t.table.Refresh()
	})
}

func (t *taxScreen) cell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(t.curs) {
		l.SetText("")
		return
	}
	c := t.curs[id.Row]
	switch currencyColumns[id.Col].key {
	case "code":
		l.SetText(c.Code)
	case "num_code":
		l.SetText(c.NumCode)
	case "name":
		l.SetText(c.Name)
	case "symbol":
		l.SetText(c.Symbol)
	case "minor_digits":
		l.SetText(strconv.Itoa(c.MinorDigits))
	}
}

// saveTax stores the settings; a base currency that cannot change (rates
// are quoted in it) is explained beside the field.
func (t *taxScreen) saveTax() {
	a := t.a
	s := model.TaxSettings{BaseCurrency: t.base.value(), PricesIncludeVAT: t.inclVAT.Checked, NoVAT: t.noVAT.Checked}
	if err := a.svc.Catalog.SaveTaxSettings(a.ctx, s); err != nil {
		t.status.Importance = widget.DangerImportance
		if t.f.setErrors(err, "") {
			t.status.SetText(a.T("err.fix_fields"))
			return
		}
		t.status.SetText("")
		a.showErr(err)
		return
	}
	t.f.clearErrors()
	t.status.Importance = widget.SuccessImportance
	t.status.SetText(a.T("settings.saved"))
	t.reload()
}

// editCurrency opens the form of a currency; a new one gets its code here,
// an existing one keeps it.
func (t *taxScreen) editCurrency(c model.Currency) {
	a := t.a
	f := newForm(a)
	code := f.entry("code", c.Code)
	code.SetPlaceHolder(a.T("tax.code_hint"))
	if c.Code != "" {
		code.Disable()
	}
	f.entry("num_code", c.NumCode).SetPlaceHolder(a.T("tax.num_code_hint"))
	f.entry("name", c.Name)
	f.entry("symbol", c.Symbol)
	f.entry("minor_digits", strconv.Itoa(c.MinorDigits))
	title := a.T("tax.currency_add")
	if c.Code != "" {
		title = c.Code + " — " + c.Name
	}
	a.formDialog(title, f, fyne.NewSize(520, 340), func() error {
		n := model.Currency{Code: strings.ToUpper(strings.TrimSpace(f.text("code"))), NumCode: f.text("num_code"),
			Name: f.text("name"), Symbol: f.text("symbol")}
		d, err := strconv.Atoi(strings.TrimSpace(f.text("minor_digits")))
		if err != nil {
			return model.ValidationErrors{{Field: "minor_digits", Msg: "valid.number"}}
		}
		n.MinorDigits = d
		if _, taken := model.CurrencyByCode(t.curs, n.Code); taken && c.Code == "" {
			return model.ValidationErrors{{Field: "code", Msg: "valid.currency.taken"}}
		}
		if err := a.svc.Catalog.SaveCurrency(a.ctx, n); err != nil {
			return err
		}
		t.status.Importance = widget.SuccessImportance
		t.status.SetText(a.T("tax.currency_saved", n.Code))
		t.reload()
		return nil
	})
}
