package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// errText turns an error into a friendly translated sentence; ok is false for
// unexpected errors, whose details the dialog then shows too.
func (a *App) errText(err error) (string, bool) {
	var locked *model.LockedError
	var short *model.InsufficientStockError
	var credit *model.CreditLimitError
	switch {
	case errors.As(err, &credit):
		return a.creditText(credit, nil), true
	case errors.Is(err, model.ErrCreditLimit):
		return a.T("err.credit_limit_plain"), true
	case errors.Is(err, model.ErrHasPayments):
		return a.T("err.has_payments"), true
	case errors.Is(err, model.ErrPosted):
		return a.T("err.posted"), true
	case errors.Is(err, model.ErrNeedsApproval):
		return a.T("err.needs_approval"), true
	case errors.Is(err, model.ErrDealClosed):
		return a.T("err.deal_closed"), true
	case errors.Is(err, model.ErrStageInUse):
		return a.T("err.stage_in_use"), true
	case errors.Is(err, model.ErrConverted):
		return a.T("err.converted"), true
	case errors.As(err, &short) && short.ProductName != "":
		return a.T("err.insufficient_stock_of", short.ProductName, a.T(stockWhat(short.What)), a.qty(short.Have), a.qty(short.Want)), true
	case errors.As(err, &short):
		return a.T("err.insufficient_stock", a.T(stockWhat(short.What)), a.qty(short.Have), a.qty(short.Want)), true
	case errors.Is(err, model.ErrInsufficientStock):
		return a.T("err.insufficient_stock_plain"), true
	case errors.As(err, &locked):
		return a.T("err.locked", locked.Until.Local().Format("15:04")), true
	case errors.Is(err, model.ErrStale):
		return a.T("err.stale"), true
	case errors.Is(err, model.ErrForbidden):
		return a.T("err.forbidden"), true
	case errors.Is(err, model.ErrNotFound):
		return a.T("err.not_found"), true
	case errors.Is(err, model.ErrBadCredentials):
		return a.T("err.bad_credentials"), true
	case errors.Is(err, model.ErrInactive):
		return a.T("err.inactive"), true
	case errors.Is(err, model.ErrLastAdmin):
		return a.T("err.last_admin"), true
	case errors.Is(err, model.ErrConflict):
		return a.T("err.conflict"), true
	case errors.Is(err, model.ErrBusy):
		return a.T("err.busy"), true
	case errors.Is(err, model.ErrDamaged):
		return a.T("err.damaged"), false
	case errors.Is(err, model.ErrAlreadySetUp):
		return a.T("err.already_setup"), true
	}
	if fe := model.FieldErrors(err); len(fe) > 0 {
		msg := a.T("err.invalid")
		for _, e := range fe {
			msg += "\n• " + a.T("field."+e.Field) + ": " + a.T(e.Msg)
		}
		return msg, true
	}
	return a.T("err.unexpected"), false
}

// showErr shows err in a dialog: friendly text for model errors; for the rest
// a generic message with the details, and a log line.
func (a *App) showErr(err error) {
	if err == nil {
		return
	}
	msg, known := a.errText(err)
	if !known {
		logf("error: %v", err)
		msg += "\n\n" + a.T("err.details") + ": " + err.Error()
	}
	l := widget.NewLabel(msg)
	l.Wrapping = 3 // fyne.TextWrapWord
	d := dialog.NewCustom(a.T("err.title"), a.T("btn.close"), l, a.win)
	d.Resize(d.MinSize().AddWidthHeight(200, 0))
	d.Show()
}

// confirm asks a yes/no question with translated buttons.
func (a *App) confirm(title, text, yes string, then func()) {
	l := widget.NewLabel(text)
	l.Wrapping = 3
	dialog.NewCustomConfirm(title, yes, a.T("btn.cancel"), l, func(ok bool) {
		if ok {
			then()
		}
	}, a.win).Show()
}

// info shows a short message.
func (a *App) info(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = 3
	dialog.NewCustom(title, a.T("btn.ok"), l, a.win).Show()
}

// errPending from a form dialog's save means "not done yet": the dialog stays
// open, and the save's own follow-up (a confirmation) closes it.
var errPending = errors.New("pending confirmation")

// formDlg is an open form dialog.
type formDlg struct {
	dlg  dialog.Dialog
	save *widget.Button
	open bool
}

// submit presses Save.
func (d *formDlg) submit() { d.save.OnTapped() }

// formDialog shows f with a Save button in a dialog. save runs on Save; its
// validation errors appear beside the fields, other errors in an error
// dialog, and success closes the dialog.
func (a *App) formDialog(title string, f *form, size fyne.Size, save func() error) *formDlg {
	fd := &formDlg{open: true}
	fd.save = widget.NewButton(a.T("btn.save"), func() {
		if err := save(); err != nil {
			if errors.Is(err, errPending) {
				return
			}
			if !f.setErrors(err, "") {
				a.showErr(err)
			}
			return
		}
		fd.dlg.Hide()
	})
	fd.save.Importance = widget.HighImportance
	fd.dlg = dialog.NewCustom(title, a.T("btn.close"), container.NewVBox(f.grid, fd.save), a.win)
	fd.dlg.SetOnClosed(func() { fd.open = false })
	fd.dlg.Resize(size)
	fd.dlg.Show()
	return fd
}
