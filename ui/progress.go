package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// progressDialog shows the progress of long work with a Cancel button.
type progressDialog struct {
	a     *App
	dlg   dialog.Dialog
	bar   *widget.ProgressBar
	label *widget.Label
}

// showProgress opens the dialog; cancel runs when the user presses Cancel.
func (a *App) showProgress(title string, cancel func()) *progressDialog {
	p := &progressDialog{a: a, bar: widget.NewProgressBar(), label: widget.NewLabel("")}
	btn := widget.NewButton(a.T("btn.cancel"), func() {
		p.label.SetText(a.T("progress.cancelling"))
		cancel()
	})
	box := container.NewVBox(p.label, p.bar, container.NewCenter(btn))
	p.dlg = dialog.NewCustomWithoutButtons(title, box, a.win)
	p.dlg.Resize(fyne.NewSize(420, p.dlg.MinSize().Height))
	p.dlg.Show()
	return p
}

// set shows the share done, from 0 to 1 (UI thread); text replaces the
// label when given.
func (p *progressDialog) set(share float64, text string) {
	if share > 0 {
		p.bar.SetValue(min(share, 1))
	}
	if text != "" {
		p.label.SetText(text)
	}
}

func (p *progressDialog) hide() { p.dlg.Hide() }
