package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var insuranceColumns = []column{{"insurer", 200}, {"number", 120}, {"insured", 140}, {"premium", 120}, {"valid", 190},
	{"status", 110}}

var insuranceLayout = colLayout{widths: []float32{200, 120, 140, 120, 190, 110, 44},
	mins: []float32{120, 90, 110, 100, 170, 90, 44}, flex: 0}

// insStatuses are a policy's statuses, in the order offered.
var insStatuses = []model.InsuranceStatus{model.InsDraft, model.InsActive, model.InsExpired, model.InsClaimed, model.InsCancelled}

// insuranceDialog lists an order's insurance policies and adds or edits
// them.
type insuranceDialog struct {
	a        *App
	order    model.Document
	done     func()
	cs       []model.Currency
	policies []model.InsurancePolicy
	rows     *fyne.Container
	add      *widget.Button
	dlg      dialog.Dialog
	loaded   bool
	gen      int
}

// showInsuranceDialog shows the policies of order; done runs after a
// policy is saved.
func showInsuranceDialog(a *App, order model.Document, done func()) {
	openInsuranceDialog(a, order, done)
}

func openInsuranceDialog(a *App, order model.Document, done func()) *insuranceDialog {
	d := &insuranceDialog{a: a, order: order, done: done, cs: model.DefaultCurrencies, rows: container.NewVBox()}
	d.dlg = dialog.NewCustom(a.T("ins.title", a.docNumber(order)), a.T("btn.close"), d.build(), a.win)
	d.dlg.Resize(fyne.NewSize(980, 460))
	d.dlg.Show()
	a.loadCatalogDicts(func(dc catalogDicts) {
		d.cs = dc.currencies
		d.load()
	})
	return d
}

func (d *insuranceDialog) build() fyne.CanvasObject {
	a := d.a
	var heads []fyne.CanvasObject
	for _, c := range insuranceColumns {
		heads = append(heads, newHeaderCell(a.T("col."+c.key), nil))
	}
	heads = append(heads, widget.NewLabel(""))
	d.add = widget.NewButtonWithIcon(a.T("ins.add"), theme.ContentAddIcon(), func() {
		d.edit(model.InsurancePolicy{OrderID: d.order.ID, Currency: d.order.Currency, Status: model.InsActive,
			From: today(), To: today().AddDate(1, 0, -1)})
	})
	if !a.canDocs(model.ActUpdate) {
		d.add.Hide()
	}
	header := container.NewVBox(container.New(insuranceLayout, heads...), widget.NewSeparator())
	return container.NewBorder(header, container.NewHBox(d.add), nil, nil, container.NewVScroll(d.rows))
}

// load reads the policies in the background.
func (d *insuranceDialog) load() {
	a := d.a
	d.gen++
	gen := d.gen
	a.background(func() {
		ps, err := a.svc.Sales.Insurance(a.ctx, d.order.ID)
		fyne.Do(func() {
			if gen != d.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			d.policies, d.loaded = ps, true
			d.show()
		})
	})
}

func (d *insuranceDialog) show() {
	a := d.a
	d.rows.Objects = nil
	for _, p := range d.policies {
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { d.edit(p) })
		edit.Importance = widget.LowImportance
		if !a.canDocs(model.ActUpdate) {
			edit.Hide()
		}
		var objs []fyne.CanvasObject
		for _, t := range []string{p.Insurer, p.Number, a.docMoney(p.Insured, p.Currency, d.cs), a.docMoney(p.Premium, p.Currency, d.cs),
			a.dayInput(p.From) + " — " + a.dayInput(p.To), a.T("ins_status." + string(p.Status))} {
			l := widget.NewLabel(t)
			l.Truncation = fyne.TextTruncateEllipsis
			objs = append(objs, l)
		}
		d.rows.Add(container.New(insuranceLayout, append(objs, edit)...))
	}
	if len(d.policies) == 0 {
		d.rows.Add(widget.NewLabel(a.T("ins.none")))
	}
	d.rows.Refresh()
}

// edit opens the form of a policy (a new one has no ID).
func (d *insuranceDialog) edit(p model.InsurancePolicy) {
	a := d.a
	digits := currencyDigits(d.cs, p.Currency)
	f := newForm(a)
	f.entry("insurer", p.Insurer)
	f.entry("number", p.Number)
	f.entry("insured", moneyText(a, p.Insured, digits))
	f.entry("premium", moneyText(a, p.Premium, digits))
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetText(a.dayInput(p.From))
	to.SetText(a.dayInput(p.To))
	for _, e := range []*widget.Entry{from, to} {
		e.SetPlaceHolder(a.T("format.date_hint"))
	}
	f.add("period", container.NewGridWithColumns(2, from, to))
	status := newChoice(a.T("choose"), "", nil)
	var labels, values []string
	for _, s := range insStatuses {
		labels, values = append(labels, a.T("ins_status."+string(s))), append(values, string(s))
	}
	status.setOptions(labels, values)
	status.set(string(p.Status))
	f.add("status", status.sel)
	f.entry("note", p.Note)
	title := a.T("ins.edit")
	if p.ID == "" {
		title = a.T("ins.add")
	}
	a.formDialog(title, f, fyne.NewSize(620, 470), func() error {
		var v model.ValidationErrors
		q := p
		q.Insurer, q.Number, q.Note = strings.TrimSpace(f.text("insurer")), strings.TrimSpace(f.text("number")), f.text("note")
		q.Status = model.InsuranceStatus(status.value())
		var err error
		if q.Insured, err = model.ParseMoney(strings.TrimSpace(f.text("insured")), digits); err != nil {
			v.Add("insured", msgMoney)
		}
		if q.Premium, err = model.ParseMoney(orZero(f.text("premium")), digits); err != nil {
			v.Add("premium", msgMoney)
		}
		var ok1, ok2 bool
		q.From, ok1 = parseDay(a, from.Text)
		q.To, ok2 = parseDay(a, to.Text)
		if !ok1 || !ok2 {
			v.Add("period", msgDate)
		}
		if len(v) > 0 {
			return v
		}
		if _, err := a.svc.Sales.SaveInsurance(a.ctx, q); err != nil {
			return err
		}
		d.load()
		if d.done != nil {
			d.done()
		}
		return nil
	})
}

// moneyText is an amount for an entry; zero is empty.
func moneyText(a *App, m model.Money, digits int) string {
	if m == 0 {
		return ""
	}
	return a.moneyInput(m, digits)
}

// orZero reads an empty amount as zero.
func orZero(s string) string {
	if strings.TrimSpace(s) == "" {
		return "0"
	}
	return s
}
