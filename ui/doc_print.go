package ui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

// printDir is the folder printed documents are saved in: Documents/Sdelka
// in the user's home. Tests point it at a temp dir.
var printDir = func() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Documents", "Sdelka"), nil
}

// openFile opens a saved file with the system's viewer. Tests replace it.
var openFile = func(a *App, path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return a.fa.OpenURL(u)
}

// printDocument writes the document's PDF into the documents folder in the
// background and opens it; what the PDF had to leave out is shown.
func (a *App) printDocument(id string) {
	a.shell.setStatus(a.T("doc.printing"))
	a.background(func() {
		path, res, err := a.writeDocPDF(id)
		fyne.Do(func() {
			if err != nil {
				a.shell.setStatus("")
				a.showErr(err)
				return
			}
			a.shell.setStatus(a.T("doc.printed", path))
			if err := openFile(a, path); err != nil {
				a.showErr(err)
			}
			if len(res.Warnings) > 0 {
				a.info(a.T("doc.print_warnings"), strings.Join(res.Warnings, "\n"))
			}
		})
	})
}

// writeDocPDF reads the document's print pack and writes its PDF into
// printDir, through a temporary file so that a failure leaves no
// half-written document; a file of the same name is replaced.
func (a *App) writeDocPDF(id string) (string, docpdf.Result, error) {
	var res docpdf.Result
	p, err := a.svc.Sales.PrintPack(a.ctx, id)
	if err != nil {
		return "", res, err
	}
	dir, err := printDir()
	if err != nil {
		return "", res, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", res, err
	}
	path := filepath.Join(dir, docpdf.FileName(p))
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return "", res, err
	}
	defer os.Remove(tmp)
	res, err = docpdf.Write(f, p)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	return path, res, err
}

// exportJob is a batch export running in the background.
type exportJob struct {
	n        int
	done     atomic.Int32 // files written
	cancel   context.CancelFunc
	progress *progressDialog
	finished bool
	err      error
}

// exportDocuments writes the PDFs of docs into dir in the background with a
// progress dialog whose Cancel stops the export; the files written stay.
func (a *App) exportDocuments(docs []model.Document, dir string) *exportJob {
	ctx, cancel := context.WithCancel(a.ctx)
	job := &exportJob{n: len(docs), cancel: cancel}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	job.progress = a.showProgress(a.T("docs.export_title"), cancel)
	job.progress.set(0, a.T("docs.export_progress", 0, job.n))
	svc := a.svc.Sales
	a.background(func() {
		get := func(i int) (model.PrintPack, error) { return svc.PrintPack(ctx, ids[i]) }
		err := docpdf.WriteAll(ctx, job.n, get, dir, func(done int) {
			job.done.Store(int32(done))
			fyne.Do(func() {
				if !job.finished {
					job.progress.set(float64(done)/float64(job.n), a.T("docs.export_progress", done, job.n))
				}
			})
		})
		cancel()
		fyne.Do(func() { a.exportFinished(job, dir, err) })
	})
	return job
}

// exportFinished closes the progress and says what was written.
func (a *App) exportFinished(job *exportJob, dir string, err error) {
	job.finished, job.err = true, err
	job.progress.hide()
	done := int64(job.done.Load())
	switch {
	case errors.Is(err, context.Canceled):
		a.info(a.T("docs.export_title"), a.N("docs.export_cancelled", done, job.n, dir))
	case err != nil:
		a.showErr(err)
	default:
		a.shell.setStatus(a.N("docs.exported", done, dir))
		a.info(a.T("docs.export_title"), a.N("docs.exported", done, dir))
	}
}
