package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// allocLayout lines up the invoice rows of an allocation with their header:
// number, date, due date, outstanding amount, the amount to allocate.
var allocLayout = colLayout{widths: []float32{170, 110, 110, 140, 170}, mins: []float32{120, 100, 100, 120, 140}, flex: 0}

// allocPanel lists a customer's open invoices in the payment's currency, each
// with an entry for the amount allocated to it, and shows what is left
// unallocated (the customer's credit). It only parses what is typed; the
// service checks the allocation.
type allocPanel struct {
	a        *App
	digits   int
	invoices []model.Document // open invoices in the currency, oldest due first
	entries  []*widget.Entry
	errs     []*widget.Label
	index    []int // allocation i of the last allocations() → invoice row
	rows     *fyne.Container
	empty    *widget.Label
	sumErr   *widget.Label // a message about the allocations as a whole
	rest     *widget.Label // the remainder left unallocated
	auto     *widget.Button
	amount   func() (model.Money, bool) // the amount to allocate, when it parses
}

func newAllocPanel(a *App, amount func() (model.Money, bool)) *allocPanel {
	p := &allocPanel{a: a, digits: 2, amount: amount, rows: container.NewVBox()}
	p.empty = widget.NewLabel(a.T("pay.no_open_invoices"))
	p.empty.Importance = widget.LowImportance
	p.sumErr = widget.NewLabel("")
	p.sumErr.Importance = widget.DangerImportance
	p.sumErr.Hide()
	p.rest = widget.NewLabel("")
	p.rest.Wrapping = fyne.TextWrapWord
	p.auto = widget.NewButtonWithIcon(a.T("pay.auto"), theme.MediaFastForwardIcon(), p.autoFill)
	return p
}

// object is the panel: the header above the invoice rows, which scroll, and
// the messages and the remainder below them.
func (p *allocPanel) object() fyne.CanvasObject {
	scroll := container.NewVScroll(p.rows)
	scroll.SetMinSize(fyne.NewSize(0, 120))
	return container.NewBorder(p.header(), container.NewVBox(p.sumErr, p.rest), nil, nil, container.NewStack(p.empty, scroll))
}

// header is the title with «Allocate automatically» and the column titles.
func (p *allocPanel) header() fyne.CanvasObject {
	a := p.a
	title := widget.NewLabelWithStyle(a.T("pay.allocation"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var heads []fyne.CanvasObject
	for i, k := range []string{"invoice", "date", "due", "outstanding", "allocate"} {
		h := newHeaderCell(a.T("col."+k), nil)
		if i >= 3 {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	return container.NewVBox(container.NewBorder(nil, nil, title, p.auto), container.New(allocLayout, heads...), widget.NewSeparator())
}

// setInvoices shows the open invoices of currency among all, with digits
// decimals; amounts typed before are dropped.
func (p *allocPanel) setInvoices(all []model.Document, currency string, digits int) {
	a := p.a
	p.digits = digits
	p.invoices, p.entries, p.errs = nil, nil, nil
	p.rows.Objects = nil
	for _, d := range all {
		if d.Currency != currency {
			continue
		}
		e := widget.NewEntry()
		e.OnChanged = func(string) { p.update() }
		msg := widget.NewLabel("")
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		cells := []fyne.CanvasObject{widget.NewLabel(d.Number), widget.NewLabel(a.dayInput(d.Date)), widget.NewLabel(a.dayInput(d.DueDate)),
			widget.NewLabelWithStyle(a.money(model.Outstanding(d), digits), fyne.TextAlignTrailing, fyne.TextStyle{}),
			container.NewBorder(nil, msg, nil, nil, e)}
		for _, c := range cells[:3] {
			c.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
		}
		p.rows.Add(container.New(allocLayout, cells...))
		p.invoices, p.entries, p.errs = append(p.invoices, d), append(p.entries, e), append(p.errs, msg)
	}
	if len(p.invoices) == 0 {
		p.empty.Show()
		p.auto.Disable()
	} else {
		p.empty.Hide()
		p.auto.Enable()
	}
	p.rows.Refresh()
	p.clearErrors()
	p.update()
}

// preselect puts an invoice's whole outstanding amount in its row and
// returns that amount (false when the invoice is not listed).
func (p *allocPanel) preselect(invoiceID string) (model.Money, bool) {
	for i, d := range p.invoices {
		if d.ID == invoiceID {
			o := model.Outstanding(d)
			p.entries[i].SetText(p.a.moneyInput(o, p.digits))
			return o, true
		}
	}
	return 0, false
}

// autoFill spreads the amount over the invoices oldest first, as
// model.SuggestAllocation proposes.
func (p *allocPanel) autoFill() {
	amount, ok := p.amount()
	if !ok {
		return
	}
	for _, e := range p.entries {
		e.SetText("")
	}
	for _, s := range model.SuggestAllocation(amount, p.invoices) {
		for i, d := range p.invoices {
			if d.ID == s.InvoiceID {
				p.entries[i].SetText(p.a.moneyInput(s.Amount, p.digits))
			}
		}
	}
	p.update()
}

// allocations reads the amounts typed (empty and zero rows are left out);
// entries that do not parse get their message and ok is false.
func (p *allocPanel) allocations() (out []model.Allocation, ok bool) {
	ok = true
	p.index = nil
	for i, e := range p.entries {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			continue
		}
		m, err := model.ParseMoney(s, p.digits)
		if err != nil {
			p.showErr(i, msgMoney)
			ok = false
			continue
		}
		if m == 0 {
			continue
		}
		out = append(out, model.Allocation{InvoiceID: p.invoices[i].ID, InvoiceNumber: p.invoices[i].Number, Amount: m})
		p.index = append(p.index, i)
	}
	return out, ok
}

// typed sums the amounts that parse: the display check of the remainder.
func (p *allocPanel) typed() model.Money {
	var sum model.Money
	for _, e := range p.entries {
		if m, err := model.ParseMoney(strings.TrimSpace(e.Text), p.digits); err == nil && strings.TrimSpace(e.Text) != "" {
			sum += m
		}
	}
	return sum
}

// update shows what stays unallocated of the amount.
func (p *allocPanel) update() {
	amount, ok := p.amount()
	if !ok {
		p.rest.SetText("")
		return
	}
	left := amount - p.typed()
	if left >= 0 {
		p.rest.Importance = widget.MediumImportance
		p.rest.SetText(p.a.T("pay.rest", p.a.money(left, p.digits)))
	} else {
		p.rest.Importance = widget.DangerImportance
		p.rest.SetText(p.a.T("pay.over", p.a.money(-left, p.digits)))
	}
}

func (p *allocPanel) showErr(row int, msg string) {
	p.errs[row].SetText(p.a.T(msg))
	p.errs[row].Show()
}

func (p *allocPanel) clearErrors() {
	for _, l := range p.errs {
		l.SetText("")
		l.Hide()
	}
	p.sumErr.SetText("")
	p.sumErr.Hide()
}

// setErrors shows the messages of fields "allocations" and
// "allocations.N" (N counts the allocations last read, from 1) and reports
// whether there were any.
func (p *allocPanel) setErrors(err error) bool {
	p.clearErrors()
	shown := false
	for _, e := range model.FieldErrors(err) {
		if e.Field == "allocations" {
			p.sumErr.SetText(p.a.T(e.Msg))
			p.sumErr.Show()
			shown = true
			continue
		}
		n, found := strings.CutPrefix(e.Field, "allocations.")
		if !found {
			continue
		}
		if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(p.index) {
			p.showErr(p.index[i-1], e.Msg)
			shown = true
		}
	}
	return shown
}

// errorOf is the message shown beside an invoice's row ("" when none).
func (p *allocPanel) errorOf(invoiceID string) string {
	for i, d := range p.invoices {
		if d.ID == invoiceID && p.errs[i].Visible() {
			return p.errs[i].Text
		}
	}
	return ""
}

// methodLabel is a payment method in the UI language.
func (a *App) methodLabel(m model.PaymentMethod) string {
	if m == "" {
		return ""
	}
	return a.T("pay_method." + string(m))
}

// paymentMethods are the methods offered, in order.
var paymentMethods = []model.PaymentMethod{model.PayBank, model.PayCash, model.PayCard}

// allocSummary lists the invoices a payment was allocated to: «СЧ-2026-0001, СЧ-2026-0002».
func allocSummary(p model.Payment) string {
	var parts []string
	for _, al := range p.Allocations {
		parts = append(parts, al.InvoiceNumber)
	}
	return strings.Join(parts, ", ")
}

// unallocated is what is left of a payment for later allocation.
func unallocated(p model.Payment) model.Money { return p.Amount - p.Allocated }

// paymentTitle names a payment for a dialog: «платёж п/п 245 от
// 01.02.2026», by the payer's document number, else by its own number.
func (a *App) paymentTitle(p model.Payment) string {
	no := p.Number
	if no == "" {
		no = "№ " + fmt.Sprint(p.Num)
	}
	return a.T("pay.title_of", no, a.showDay(p.Date))
}
