package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// backupsTab lists the backups beside the database, makes one on request and
// restores one (administrators).
type backupsTab struct {
	a       *App
	backups []model.Backup
	list    *widget.List
	sel     int
}

func newBackupsTab(a *App) *backupsTab { return &backupsTab{a: a, sel: -1} }

func (t *backupsTab) build() fyne.CanvasObject {
	a := t.a
	t.list = widget.NewList(func() int { return len(t.backups) },
		func() fyne.CanvasObject { return widget.NewLabel("template backup line") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			b := t.backups[id]
			kind := a.T("backups.manual")
			if b.Auto {
				kind = a.T("backups.auto")
			}
			o.(*widget.Label).SetText(a.tr.DateTime(b.At) + " · " + kind + " · " + sizeText(b.SizeBytes) + " · " + b.Name)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id }
	now := widget.NewButtonWithIcon(a.T("backups.now"), theme.DocumentSaveIcon(), func() {
		b, err := a.svc.Backups.BackupNow(a.ctx)
		if err != nil {
			a.showErr(err)
			return
		}
		a.info(a.T("settings.backups"), a.T("backups.done", b.Path))
		t.reload()
	})
	restore := widget.NewButtonWithIcon(a.T("backups.restore"), theme.HistoryIcon(), t.restore)
	if a.cfg.Restore == nil || !model.Can(a.svc.User.Role, model.EntityBackup, model.ActUpdate) {
		restore.Disable()
	}
	hint := widget.NewLabel(a.T("backups.hint"))
	hint.Wrapping = fyne.TextWrapWord
	t.reload()
	return container.NewBorder(container.NewVBox(hint, container.NewHBox(now, restore)), nil, nil, nil, t.list)
}

func (t *backupsTab) reload() {
	bs, err := t.a.svc.Backups.Backups(t.a.ctx)
	if err != nil {
		t.a.showErr(err)
		return
	}
	t.backups = bs
	t.sel = -1
	t.list.UnselectAll()
	t.list.Refresh()
}

func (t *backupsTab) restore() {
	if t.sel < 0 || t.sel >= len(t.backups) {
		return
	}
	a := t.a
	b := t.backups[t.sel]
	a.confirm(a.T("backups.restore"), a.T("backups.restore_confirm", a.tr.DateTime(b.At)), a.T("backups.restore"), func() {
		if err := a.cfg.Restore(a.ctx, b); err != nil {
			a.showErr(err)
			return
		}
		a.showLogin("")
		a.info(a.T("backups.restore"), a.T("backups.restored", b.Name))
	})
}
