package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// OpenProblem is shown instead of the login when the database cannot be
// opened: a damaged or foreign file, or one from a newer Sdelka. Nothing has
// been written to the file. When a backup exists, the user may restore the
// latest one (the damaged file is kept aside by the restore).
func OpenProblem(fa fyne.App, win fyne.Window, cat *model.Catalog, dbPath string, openErr error, latest *model.Backup, restore func() error, quit func()) {
	tr := cat.Lang(fa.Preferences().StringWithFallback(PrefLanguage, "ru"))
	key := "open.damaged"
	switch {
	case errors.Is(openErr, model.ErrForeign):
		key = "open.foreign"
	case errors.Is(openErr, model.ErrNewerSchema):
		key = "open.newer"
		latest = nil
	case !errors.Is(openErr, model.ErrDamaged):
		key = "open.failed"
	}
	msg := widget.NewLabel(tr.T(key, dbPath))
	msg.Wrapping = fyne.TextWrapWord
	details := widget.NewLabel(tr.T("err.details") + ": " + openErr.Error())
	details.Wrapping = fyne.TextWrapWord
	details.Importance = widget.LowImportance
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	items := []fyne.CanvasObject{widget.NewLabelWithStyle(tr.T("open.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), msg, details}
	if latest != nil && restore != nil {
		var btn *widget.Button
		btn = widget.NewButton(tr.T("open.restore", tr.DateTime(latest.At)), func() {
			btn.Disable()
			if err := restore(); err != nil {
				status.SetText(err.Error())
				btn.Enable()
			}
		})
		btn.Importance = widget.HighImportance
		hint := widget.NewLabel(tr.T("open.restore_hint", latest.Path))
		hint.Wrapping = fyne.TextWrapWord
		items = append(items, hint, btn)
	} else {
		items = append(items, widget.NewLabel(tr.T("open.no_backup")))
	}
	items = append(items, widget.NewButton(tr.T("open.quit"), quit), status)
	win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), container.NewVBox(items...))))
}
