package ui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// dealExportPage is how many deals one read of an export brings.
const dealExportPage = 500

// exportMenu offers the export formats under the Export button.
func (l *dealList) exportMenu() {
	a := l.a
	f := l.f
	m := fyne.NewMenu("",
		fyne.NewMenuItem(a.T("export.csv"), func() { l.exportDialog(f, tabular.CSV) }),
		fyne.NewMenuItem(a.T("export.xlsx"), func() { l.exportDialog(f, tabular.XLSX) }))
	widget.ShowPopUpMenuAtRelativePosition(m, a.win.Canvas(), fyne.NewPos(0, l.export.Size().Height), l.export)
}

// exportDialog asks where to save and exports there.
func (l *dealList) exportDialog(f model.DealFilter, format tabular.Format) {
	a := l.a
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if wc != nil {
			l.exportDeals(f, format, wc, wc.URI().Path())
		}
	}, a.win)
	d.SetFileName(a.T("deals.export_file") + "." + string(format))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// exportDeals writes every deal f selects to out in the background, with
// progress and Cancel; out is closed, and on failure or cancel the partial
// file at path is removed.
func (l *dealList) exportDeals(f model.DealFilter, format tabular.Format, out io.WriteCloser, path string) {
	a := l.a
	a.runExport(a.T("deals.export_title"), l.total, out, path, "deals.export_progress", func(ctx context.Context, progress func(int)) error {
		return l.writeDeals(ctx, f, format, out, progress)
	}, func(done int) string { return a.N("deals.exported", int64(done), path) })
}

// writeDeals writes a header row and a row per deal (the list's columns, the
// status and the lost reason) in pages; progress gets the rows written.
func (l *dealList) writeDeals(ctx context.Context, f model.DealFilter, format tabular.Format, out io.Writer, progress func(int)) error {
	a := l.a
	w, err := tabular.NewWriter(out, format, a.T("nav.deal_list"))
	if err != nil {
		return err
	}
	var head []string
	for _, c := range dealColumns {
		head = append(head, a.T("col."+c.key))
	}
	if err := w.Write(append(head, a.T("col.deal_status"), a.T("col.lost_reason"))); err != nil {
		return err
	}
	done := 0
	for f.Offset, f.Limit = 0, dealExportPage; ; f.Offset += dealExportPage {
		if err := ctx.Err(); err != nil {
			return err
		}
		ds, err := a.svc.Pipeline.FindDeals(ctx, f)
		if err != nil {
			return err
		}
		for _, d := range ds {
			var row []string
			for _, c := range dealColumns {
				row = append(row, a.dealCell(d, c.key, l.d))
			}
			if err := w.Write(append(row, dealStatusText(a, d.Status), d.LostReason)); err != nil {
				return err
			}
		}
		done += len(ds)
		progress(done)
		if len(ds) < dealExportPage {
			break
		}
	}
	return w.Close()
}
