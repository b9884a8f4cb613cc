package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/importfile"
	"sdelka/reports/tabular"
)

const (
	importPreviewRows = 20
	importColWidth    = 170
)

// importWizard imports customers from a CSV or XLSX file: choose the file,
// check the detected encoding and delimiter, map its columns to fields over
// a preview, choose what to do with matches and bad rows, import with a
// progress bar, and read the per-row error report.
type importWizard struct {
	a       *App
	path    string
	header  []string
	preview [][]string
	mapping []*choice // one per file column
	info    *widget.Label
	body    *fyne.Container
	update  *widget.Check
	skip    *widget.Check
	run     *widget.Button
	result  *importResult // the last import's outcome
}

func newImportWizard(a *App) *importWizard { return &importWizard{a: a} }

func (w *importWizard) build() fyne.CanvasObject {
	a := w.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	title := widget.NewLabelWithStyle(a.T("import.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	choose := widget.NewButtonWithIcon(a.T("import.choose"), theme.FolderOpenIcon(), w.chooseFile)
	choose.Importance = widget.HighImportance
	w.info = widget.NewLabel(a.T("import.intro"))
	w.info.Wrapping = fyne.TextWrapWord
	w.update = widget.NewCheck(a.T("import.update"), nil)
	w.skip = widget.NewCheck(a.T("import.skip_invalid"), nil)
	w.run = widget.NewButtonWithIcon(a.T("import.run"), theme.UploadIcon(), w.start)
	w.run.Importance = widget.HighImportance
	w.run.Disable()
	w.body = container.NewStack()
	header := container.NewBorder(nil, nil, container.NewCenter(back), container.NewCenter(choose), title)
	options := container.NewHBox(w.update, w.skip, w.run)
	return container.NewBorder(container.NewVBox(header, w.info, widget.NewSeparator()), options, nil, nil, w.body)
}

func (w *importWizard) chooseFile() {
	a := w.a
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
		w.load(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt", ".CSV", ".XLSX"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// load reads the file's header and first rows in the background and shows
// the mapping step.
func (w *importWizard) load(path string) {
	a := w.a
	w.run.Disable()
	w.info.SetText(a.T("import.reading", filepath.Base(path)))
	a.background(func() {
		header, rows, desc, err := readPreview(path)
		fyne.Do(func() {
			if err != nil {
				w.info.SetText(w.fileError(path, err))
				return
			}
			w.path, w.header, w.preview = path, header, rows
			w.info.SetText(a.T("import.detected", filepath.Base(path), w.describe(desc)))
			w.showMapping()
		})
	})
}

// fileFacts is what the reader detected about a file.
type fileFacts struct {
	format   tabular.Format
	encoding string
	delim    rune
}

// readPreview reads the header and the first importPreviewRows rows.
func readPreview(path string) ([]string, [][]string, fileFacts, error) {
	r, err := tabular.Open(path)
	if err != nil {
		return nil, nil, fileFacts{}, err
	}
	defer r.Close()
	facts := fileFacts{r.Format(), r.Encoding(), r.Delimiter()}
	var rows [][]string
	for len(rows) < importPreviewRows {
		_, cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, facts, err
		}
		rows = append(rows, cells)
	}
	return r.Header(), rows, facts, nil
}

// describe tells the format, encoding and delimiter in words.
func (w *importWizard) describe(f fileFacts) string {
	if f.format == tabular.XLSX {
		return "XLSX"
	}
	enc := map[string]string{"utf-8": "UTF-8", "utf-8-bom": "UTF-8 (BOM)", "windows-1251": "Windows-1251",
		"utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE"}[f.encoding]
	if enc == "" {
		enc = f.encoding
	}
	delim := "«" + string(f.delim) + "»"
	if f.delim == '\t' {
		delim = w.a.T("import.tab")
	}
	return w.a.T("import.csv_facts", enc, delim)
}

// fileError is the sentence for a file that cannot be read.
func (w *importWizard) fileError(path string, err error) string {
	a := w.a
	name := filepath.Base(path)
	switch {
	case errors.Is(err, tabular.ErrEmpty):
		return a.T("import.err_empty", name)
	case errors.Is(err, tabular.ErrOldXLS):
		return a.T("import.err_xls", name)
	case errors.Is(err, tabular.ErrODS):
		return a.T("import.err_ods", name)
	}
	logf("import preview %s: %v", path, err)
	return a.T("import.err_read", name, err.Error())
}

// showMapping shows a column per file column: the field it goes to, its
// header and the preview cells.
func (w *importWizard) showMapping() {
	a := w.a
	guess := model.GuessMapping(w.header)
	var labels []string
	for _, f := range model.ImportFields {
		labels = append(labels, a.T("field."+f))
	}
	w.mapping = nil
	cols := container.NewHBox()
	for i, h := range w.header {
		c := newChoice(a.T("import.skip_column"), a.T("import.skip_column"), nil)
		c.setOptions(labels, model.ImportFields)
		c.set(guess[i])
		w.mapping = append(w.mapping, c)
		cells := []fyne.CanvasObject{c.sel, cellLabel(h, true)}
		for _, row := range w.preview {
			v := ""
			if i < len(row) {
				v = row[i]
			}
			cells = append(cells, cellLabel(v, false))
		}
		cols.Add(container.NewGridWrap(fyne.NewSize(importColWidth, c.sel.MinSize().Height), cells...))
	}
	hint := widget.NewLabel(a.N("import.preview", int64(len(w.preview))))
	hint.Importance = widget.LowImportance
	w.body.Objects = []fyne.CanvasObject{container.NewBorder(hint, nil, nil, nil, container.NewScroll(cols))}
	w.body.Refresh()
	w.run.Enable()
}

func cellLabel(text string, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(strings.ReplaceAll(text, "\n", " "), fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// columnMapping is the mapping the selects show.
func (w *importWizard) columnMapping() model.ColumnMapping {
	m := model.ColumnMapping{}
	for i, c := range w.mapping {
		if v := c.value(); v != "" {
			m[i] = v
		}
	}
	return m
}

// start parses every row and imports in the background, with a progress
// dialog whose Cancel rolls the import back.
func (w *importWizard) start() {
	a := w.a
	if w.path == "" {
		return
	}
	m := w.columnMapping()
	if !mapsName(m) {
		w.info.SetText(a.T("import.need_name"))
		return
	}
	opts := model.ImportOptions{Update: w.update.Checked, SkipInvalid: w.skip.Checked}
	ctx, cancel := context.WithCancel(a.ctx)
	p := a.showProgress(a.T("import.title"), cancel)
	p.set(0, a.T("import.parsing"))
	w.run.Disable()
	path := w.path
	a.background(func() {
		res, err := importFile(ctx, a.svc.Customers, path, m, opts, func(pr model.ImportProgress) {
			fyne.Do(func() { p.set(pr.Read, a.T("import.progress", a.tr.Int(int64(pr.Rows)))) })
		})
		cancel()
		fyne.Do(func() {
			p.hide()
			w.run.Enable()
			switch {
			case errors.Is(err, context.Canceled):
				a.info(a.T("import.title"), a.T("import.cancelled"))
			case err != nil:
				a.showErr(err)
			default:
				w.showResult(res, opts)
			}
		})
	})
}

// mapsName tells whether a column gives the customer's name.
func mapsName(m model.ColumnMapping) bool {
	for _, f := range m {
		if f == "name" || f == "short_name" {
			return true
		}
	}
	return false
}

// importFile imports the file with the mapping in one transaction; the file
// is parsed while the rows are written.
func importFile(ctx context.Context, svc model.CustomerService, path string, m model.ColumnMapping,
	o model.ImportOptions, progress func(model.ImportProgress)) (model.ImportResult, error) {
	lk, err := svc.ImportLookups(ctx)
	if err != nil {
		return model.ImportResult{}, err
	}
	f, err := importfile.Open(path)
	if err != nil {
		return model.ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	return svc.ImportCustomers(ctx, f.Customers(ctx, m, lk), o, progress)
}
