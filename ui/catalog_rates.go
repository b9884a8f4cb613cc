package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/cbr"
)

var rateColumns = []column{{"currency", 240}, {"nominal", 90}, {"rate", 120}, {"per_unit", 140}, {"date", 110}, {"source", 150}}

// rateRightCols are the figures, aligned right.
var rateRightCols = map[string]bool{"nominal": true, "rate": true, "per_unit": true}

// ratesScreen shows the exchange rates in force on a day and loads new ones:
// the Central Bank's daily file or a rate typed by hand.
type ratesScreen struct {
	a      *App
	d      catalogDicts
	day    time.Time
	date   *widget.Entry
	table  *widget.Table
	rates  []model.ExchangeRate
	status *widget.Label
	gen    int
}

func newRatesScreen(a *App) *ratesScreen { return &ratesScreen{a: a, day: today()} }

func (r *ratesScreen) build() fyne.CanvasObject {
	a := r.a
	r.date = widget.NewEntry()
	r.date.SetText(a.showDay(r.day))
	r.date.SetPlaceHolder(a.T("format.date_hint"))
	r.date.OnSubmitted = func(string) { r.pickDay() }
	show := widget.NewButtonWithIcon(a.T("rates.show"), theme.SearchIcon(), r.pickDay)
	load := widget.NewButtonWithIcon(a.T("rates.load_cbr"), theme.UploadIcon(), r.chooseFile)
	add := widget.NewButtonWithIcon(a.T("rates.add"), theme.ContentAddIcon(), r.addRate)
	if !model.Can(a.svc.User.Role, model.EntityCurrency, model.ActCreate) {
		load.Hide()
		add.Hide()
	}
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	var header fyne.CanvasObject
	r.table, header = newTable(a, rateColumns, func() (int, int) { return len(r.rates), len(rateColumns) }, r.cell)
	for i, cell := range header.(*fyne.Container).Objects {
		if rateRightCols[rateColumns[i].key] {
			cell.(*fyne.Container).Objects[0].(*widget.Label).Alignment = fyne.TextAlignTrailing
		}
	}
	day := container.NewHBox(widget.NewLabel(a.T("rates.on_day")), narrow(container.NewGridWrap(fyne.NewSize(130, r.date.MinSize().Height), r.date), 130), show)
	tools := container.NewBorder(nil, nil, day, container.NewHBox(load, add))
	top := container.NewVBox(tools, r.status, header)
	a.loadCatalogDicts(func(d catalogDicts) {
		r.d = d
		r.table.Refresh()
	})
	r.reload()
	return container.NewBorder(top, nil, nil, nil, r.table)
}

// pickDay shows the rates of the day typed.
func (r *ratesScreen) pickDay() {
	d, ok := parseDay(r.a, r.date.Text)
	if !ok {
		r.status.Importance = widget.DangerImportance
		r.status.SetText(r.a.T(msgDate))
		return
	}
	r.status.SetText("")
	r.setDay(d)
}

func (r *ratesScreen) setDay(d time.Time) {
	r.day = d
	r.date.SetText(r.a.showDay(d))
	r.reload()
}

// reload reads the rates in force on the day in the background.
func (r *ratesScreen) reload() {
	a := r.a
	r.gen++
	gen, day := r.gen, r.day
	a.background(func() {
		rates, err := a.svc.Catalog.Rates(a.ctx, day)
		fyne.Do(func() {
			if gen != r.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			r.rates = rates
			r.table.Refresh()
		})
	})
}

func (r *ratesScreen) cell(id widget.TableCellID, l *widget.Label) {
	a := r.a
	l.Alignment = fyne.TextAlignLeading
	if rateRightCols[rateColumns[id.Col].key] {
		l.Alignment = fyne.TextAlignTrailing
	}
	if id.Row >= len(r.rates) {
		l.SetText("")
		return
	}
	x := r.rates[id.Row]
	switch rateColumns[id.Col].key {
	case "currency":
		text := x.Currency
		if c, ok := model.CurrencyByCode(r.d.currencies, x.Currency); ok {
			text += " — " + c.Name
		}
		l.SetText(text)
	case "nominal":
		l.SetText(a.tr.Int(x.Nominal))
	case "rate":
		l.SetText(model.FormatFixed(x.ValueE4, 4, a.T("format.decimal"), a.T("format.thousands")))
	case "per_unit":
		l.SetText(strings.Replace(model.RatePerUnit(x), ".", a.T("format.decimal"), 1))
	case "date":
		l.SetText(a.showDay(x.Date))
	case "source":
		l.SetText(a.T("rate_source." + rateSource(x.Source)))
	}
}

// rateSource is "cbr" or "manual".
func rateSource(s string) string {
	if s == cbr.Source {
		return cbr.Source
	}
	return "manual"
}

func (r *ratesScreen) chooseFile() {
	a := r.a
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		r.importFile(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xml", ".XML", ".asp"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFile loads the Central Bank's rates file at path: the currencies the
// database knows are saved (all or none), the others are named as skipped.
func (r *ratesScreen) importFile(path string) {
	a := r.a
	r.status.Importance = widget.MediumImportance
	r.status.SetText(a.T("rates.reading", filepath.Base(path)))
	a.background(func() {
		file, saved, skipped, err := r.importRates(path)
		fyne.Do(func() {
			if err != nil {
				r.status.Importance = widget.DangerImportance
				r.status.SetText(a.T("rates.import_failed", filepath.Base(path), r.problem(err)))
				return
			}
			r.status.Importance = widget.SuccessImportance
			msg := a.N("rates.imported", int64(saved), a.showDay(file.Date))
			if len(skipped) > 0 {
				msg += " " + a.T("rates.skipped", strings.Join(skipped, ", "))
			}
			r.status.SetText(msg)
			r.setDay(file.Date)
		})
	})
}

// importRates reads and saves the file (off the UI thread).
func (r *ratesScreen) importRates(path string) (file cbr.Rates, saved int, skipped []string, err error) {
	a := r.a
	f, err := os.Open(path)
	if err != nil {
		return file, 0, nil, err
	}
	defer f.Close()
	file, err = cbr.Parse(f)
	if err != nil {
		return file, 0, nil, err
	}
	cs, err := a.svc.Catalog.Currencies(a.ctx)
	if err != nil {
		return file, 0, nil, err
	}
	tax, err := a.svc.Catalog.TaxSettings(a.ctx)
	if err != nil {
		return file, 0, nil, err
	}
	var keep []model.ExchangeRate
	for _, x := range file.Rates {
		if _, ok := model.CurrencyByCode(cs, x.Currency); ok && x.Currency != tax.BaseCurrency {
			keep = append(keep, x)
		} else {
			skipped = append(skipped, x.Currency)
		}
	}
	if len(keep) == 0 {
		return file, 0, skipped, errors.New(a.T("rates.none_known"))
	}
	if err := a.svc.Catalog.SaveRates(a.ctx, keep); err != nil {
		return file, 0, nil, err
	}
	return file, len(keep), skipped, nil
}

// problem says what is wrong with a file, in the UI language where the
// error is one the app knows.
func (r *ratesScreen) problem(err error) string {
	a := r.a
	var fe *cbr.FormatError
	switch {
	case errors.Is(err, cbr.ErrNotRatesFile):
		return a.T("rates.not_cbr")
	case errors.As(err, &fe):
		where := ""
		if fe.Line > 0 {
			where = a.T("rates.at_line", strconv.Itoa(fe.Line)) + " "
		}
		if fe.Currency != "" {
			where += fe.Currency + ": "
		}
		return where + fe.Msg
	}
	if msg, known := a.errText(err); known {
		return msg
	}
	return fmt.Sprint(err)
}
