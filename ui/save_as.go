package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// saveAs asks where to save a file named name, then in the background lets
// write fill it and closes it; done receives the saved path on the UI
// thread. Errors (the dialog's, write's, closing's) are shown.
func (a *App) saveAs(name string, write func(w io.Writer) error, done func(path string)) {
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if wc == nil {
			return
		}
		a.background(func() {
			err := write(wc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			path := wc.URI().Path()
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
					return
				}
				done(path)
			})
		})
	}, a.win)
	fd.SetFileName(name)
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}

// companyName is the company's short name (or full name) for report
// headings; "" when it cannot be read.
func (a *App) companyName() (string, error) {
	co, err := a.svc.Company.Company(a.ctx)
	if err != nil {
		return "", err
	}
	if co.ShortName != "" {
		return co.ShortName, nil
	}
	return co.Name, nil
}
