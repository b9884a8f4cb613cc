package ui

import (
	"context"
	"errors"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// exportMenu offers the export formats under button b; f selects the
// customers and n is how many there are (for the progress bar).
func (l *customerList) exportMenu(b *widget.Button, f model.CustomerFilter, n int) {
	a := l.a
	f.Limit, f.Offset, f.AfterKey, f.AfterID = 0, 0, "", ""
	m := fyne.NewMenu("",
		fyne.NewMenuItem(a.T("export.csv"), func() { a.exportDialog(f, n, tabular.CSV) }),
		fyne.NewMenuItem(a.T("export.xlsx"), func() { a.exportDialog(f, n, tabular.XLSX) }))
	widget.ShowPopUpMenuAtRelativePosition(m, a.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
}

// exportDialog asks where to save and exports there.
func (a *App) exportDialog(f model.CustomerFilter, n int, format tabular.Format) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if wc != nil {
			a.exportCustomers(f, n, format, wc, wc.URI().Path())
		}
	}, a.win)
	d.SetFileName(a.T("export.file") + "." + string(format))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// exportCustomers writes the customers f selects to out in the background,
// with progress and Cancel. out is closed; on failure or cancel the partial
// file at path is removed.
func (a *App) exportCustomers(f model.CustomerFilter, n int, format tabular.Format, out io.WriteCloser, path string) {
	lang := a.tr.Code()
	a.runExport(a.T("export.title"), n, out, path, "export.progress", func(ctx context.Context, progress func(int)) error {
		done := 0
		return writeCustomers(ctx, a.svc.Customers, f, format, lang, out, func() {
			done++
			progress(done)
		})
	}, func(done int) string { return a.N("export.done", int64(done), path) })
}

// runExport runs write in the background with a progress dialog (progress
// shown every 500 rows and at the end, of n, with the progressKey text) and
// Cancel; it closes out, removes the partial file at path on failure or
// cancel, and puts doneText on the status line when all went well.
func (a *App) runExport(title string, n int, out io.WriteCloser, path, progressKey string,
	write func(ctx context.Context, progress func(done int)) error, doneText func(done int) string) {
	ctx, cancel := context.WithCancel(a.ctx)
	p := a.showProgress(title, cancel)
	a.background(func() {
		done := 0
		err := write(ctx, func(k int) {
			done = k
			if k%500 != 0 && k != n {
				return
			}
			fyne.Do(func() {
				share := 0.0
				if n > 0 {
					share = float64(k) / float64(n)
				}
				p.set(share, a.T(progressKey, a.tr.Int(int64(k)), a.tr.Int(int64(n))))
			})
		})
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		cancel()
		if err != nil && path != "" {
			_ = os.Remove(path)
		}
		fyne.Do(func() {
			p.hide()
			switch {
			case errors.Is(err, context.Canceled):
				a.info(title, a.T("export.cancelled"))
			case err != nil:
				a.showErr(err)
			default:
				a.shell.setStatus(doneText(done))
			}
		})
	})
}

// writeCustomers writes a header row in lang and a row per customer, in the
// columns an import reads back.
func writeCustomers(ctx context.Context, svc model.CustomerService, f model.CustomerFilter, format tabular.Format, lang string,
	out io.Writer, row func()) error {
	w, err := tabular.NewWriter(out, format, "Customers")
	if err != nil {
		return err
	}
	if err := w.Write(model.ImportTemplateHeader(lang)); err != nil {
		return err
	}
	err = model.EachCustomerWithContact(ctx, svc, f, func(c model.Customer, primary *model.Contact) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		row()
		return w.Write(model.CustomerExportRow(c, primary))
	})
	if err != nil {
		return err
	}
	return w.Close()
}
