package ui

import (
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/pricelist"
)

// Formats a price list is printed in.
const (
	sheetPDF  = "pdf"
	sheetXLSX = "xlsx"
)

// sheetDay is the day a list is printed for: today, or its first (else
// last) day when it is not valid today.
func sheetDay(l model.PriceList) time.Time {
	day := today()
	switch {
	case l.ValidOn(day):
	case !l.ValidFrom.IsZero() && day.Before(l.ValidFrom):
		day = l.ValidFrom
	case !l.ValidTo.IsZero():
		day = l.ValidTo
	}
	return day
}

// printPriceSheet offers PDF or XLSX under b, asks where to save and writes
// the price list of a customer (customerID) or a group (groupID) there.
func (a *App) printPriceSheet(b *widget.Button, name, customerID, groupID string, day time.Time, currency string) {
	item := func(format string) *fyne.MenuItem {
		return fyne.NewMenuItem(a.T("print."+format), func() { a.saveSheetDialog(name, format, customerID, groupID, day, currency) })
	}
	m := fyne.NewMenu("", item(sheetPDF), item(sheetXLSX))
	widget.ShowPopUpMenuAtRelativePosition(m, a.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
}

// saveSheetDialog asks for the file and writes it in the background.
func (a *App) saveSheetDialog(name, format, customerID, groupID string, day time.Time, currency string) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			a.showErr(err)
			return
		}
		path := wc.URI().Path()
		if err := wc.Close(); err != nil {
			a.showErr(err)
			return
		}
		a.shell.setStatus(a.T("print.writing", path))
		a.background(func() {
			n, err := a.writePriceSheet(path, format, customerID, groupID, day, currency)
			fyne.Do(func() {
				if err != nil {
					_ = os.Remove(path)
					a.shell.setStatus("")
					a.showErr(err)
					return
				}
				a.shell.setStatus(a.N("print.done", int64(n), path))
			})
		})
	}, a.win)
	d.SetFileName(fileName(a.T("print.file", name)) + "." + format)
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + format}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// fileName replaces what file systems refuse in a name.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
}

// writePriceSheet writes the price list of a customer or a group on day in
// currency ("" = base) to path as PDF or XLSX, in the UI language, and
// returns how many products it lists. It writes a temporary file first, so
// that a failure leaves no half-written document at path.
func (a *App) writePriceSheet(path, format, customerID, groupID string, day time.Time, currency string) (int, error) {
	sheet, err := a.svc.Catalog.PriceSheet(a.ctx, customerID, groupID, day, currency)
	if err != nil {
		return 0, err
	}
	company, err := a.svc.Company.Company(a.ctx)
	if err != nil {
		return 0, err
	}
	doc := a.priceSheetDocument(sheet, company, time.Now())
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp)
	if format == sheetXLSX {
		err = pricelist.WriteXLSX(f, doc)
	} else {
		err = pricelist.WritePDF(f, doc)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	n := 0
	for _, s := range doc.Sections {
		n += len(s.Lines)
	}
	return n, err
}

// priceSheetDocument turns a price sheet into the printed document in the
// UI language: units by their symbols, a price differing from the base
// price with the base price beside it, breaks as «от 10 шт — 950,00».
func (a *App) priceSheetDocument(sheet model.PriceSheet, company model.Company, generated time.Time) pricelist.Document {
	lang := a.tr.Code()
	en := lang == "en"
	d := pricelist.Document{Company: company, For: sheet.For, Date: sheet.Day, Currency: sheet.Currency,
		PricesIncludeVAT: sheet.Tax.PricesIncludeVAT, NoVAT: sheet.Tax.NoVAT, Lang: lang, Generated: generated}
	for _, sec := range sheet.Sections {
		ps := pricelist.Section{Category: sec.Category}
		for _, l := range sec.Lines {
			unit := a.unitSymbol(l.Product.UnitCode)
			line := pricelist.Line{SKU: l.Product.SKU, Name: l.Product.Name, Unit: unit, Price: l.Price.Price, VAT: l.VAT,
				Note: l.Product.SellerNote}
			if l.Price.Price != l.Price.BasePrice {
				line.BasePrice = l.Price.BasePrice
			}
			breaks := make([]string, 0, len(l.Breaks))
			for _, b := range l.Breaks {
				breaks = append(breaks, a.T("print.break", a.qty(b.MinQty), unit,
					pricelist.FormatMoney(b.Price, sheet.Currency.MinorDigits, en)))
			}
			line.Breaks = strings.Join(breaks, "; ")
			ps.Lines = append(ps.Lines, line)
		}
		d.Sections = append(d.Sections, ps)
	}
	return d
}
