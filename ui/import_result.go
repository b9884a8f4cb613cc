package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/tabular"
)

var importErrorColumns = []column{{"row", 80}, {"column", 200}, {"problem", 420}, {"value", 260}}

// importResult shows what an import did and the problems of its rows.
type importResult struct {
	res     model.ImportResult
	summary *widget.Label
	table   *widget.Table
}

// showResult replaces the mapping with the result of an import; the options
// stay below, so the user can fix them and import again.
func (w *importWizard) showResult(res model.ImportResult, o model.ImportOptions) {
	a := w.a
	r := &importResult{res: res}
	w.result = r
	text := a.T("import.done", a.tr.Int(int64(res.Imported)), a.tr.Int(int64(res.Updated)), a.tr.Int(int64(res.Skipped)))
	if len(res.Errors) > 0 {
		text += "\n" + a.N("import.problems", int64(len(res.Errors)))
		if !o.SkipInvalid && res.Imported == 0 && res.Updated == 0 {
			text += " " + a.T("import.nothing_imported")
		}
	}
	r.summary = widget.NewLabel(text)
	r.summary.Wrapping = fyne.TextWrapWord
	var header fyne.CanvasObject
	r.table, header = newTable(a, importErrorColumns, func() (int, int) { return len(res.Errors), len(importErrorColumns) },
		func(id widget.TableCellID, l *widget.Label) {
			l.SetText(w.errorCell(res.Errors[id.Row], importErrorColumns[id.Col].key))
		})
	save := widget.NewButtonWithIcon(a.T("import.save_report"), theme.DocumentSaveIcon(), w.saveReport)
	if len(res.Errors) == 0 {
		save.Disable()
	}
	mapping := widget.NewButtonWithIcon(a.T("import.back_to_mapping"), theme.NavigateBackIcon(), w.showMapping)
	done := widget.NewButtonWithIcon(a.T("import.finish"), theme.ConfirmIcon(), a.shell.back)
	tools := container.NewHBox(save, mapping, done)
	w.body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(r.summary, tools, header), nil, nil, nil, r.table)}
	w.body.Refresh()
	if res.Imported+res.Updated > 0 {
		a.shell.setStatus(a.T("import.done", a.tr.Int(int64(res.Imported)), a.tr.Int(int64(res.Updated)), a.tr.Int(int64(res.Skipped))))
	}
}

// errorCell is the text of one column of the error report.
func (w *importWizard) errorCell(e model.RowError, key string) string {
	switch key {
	case "row":
		if e.Row == 0 {
			return ""
		}
		return fmt.Sprint(e.Row)
	case "column":
		return e.Column
	case "problem":
		return w.a.T(e.Msg)
	case "value":
		return e.Value
	}
	return ""
}

// saveReport writes the error report to a CSV or XLSX file the user picks.
func (w *importWizard) saveReport() {
	a := w.a
	if w.result == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if wc == nil {
			return
		}
		err = w.writeReport(wc, tabular.FormatForPath(wc.URI().Path()))
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			a.showErr(err)
			return
		}
		a.shell.setStatus(a.T("import.report_saved", wc.URI().Path()))
	}, a.win)
	d.SetFileName(a.T("import.report_file") + ".csv")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// writeReport writes the row problems of the last import to out.
func (w *importWizard) writeReport(out io.Writer, f tabular.Format) error {
	a := w.a
	tw, err := tabular.NewWriter(out, f, a.T("import.report_sheet"))
	if err != nil {
		return err
	}
	head := make([]string, len(importErrorColumns))
	for i, c := range importErrorColumns {
		head[i] = a.T("col." + c.key)
	}
	if err := tw.Write(head); err != nil {
		return err
	}
	for _, e := range w.result.res.Errors {
		row := make([]string, len(importErrorColumns))
		for i, c := range importErrorColumns {
			row[i] = w.errorCell(e, c.key)
		}
		if err := tw.Write(row); err != nil {
			return err
		}
	}
	return tw.Close()
}
