package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// wizard is the first-run screen of a new database: our company's requisites
// and the first administrator.
type wizard struct {
	a       *App
	company *companyForm
	admin   *form
	submit  *widget.Button
	message *widget.Label
}

func newWizard(a *App) *wizard {
	w := &wizard{a: a, company: newCompanyForm(a, model.Company{}, false), admin: newForm(a)}
	w.admin.entry("login", "admin")
	w.admin.entry("full_name", "")
	w.admin.password("password")
	w.admin.password("password_repeat")
	w.message = widget.NewLabel("")
	w.message.Importance = widget.DangerImportance
	w.submit = widget.NewButton(a.T("wizard.submit"), w.save)
	w.submit.Importance = widget.HighImportance
	return w
}

func (w *wizard) build() fyne.CanvasObject {
	a := w.a
	intro := widget.NewLabel(a.T("wizard.intro"))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		widget.NewLabelWithStyle(a.T("wizard.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		intro,
		widget.NewCard(a.T("wizard.company"), a.T("wizard.company_hint"), w.company.f.grid),
		widget.NewCard(a.T("wizard.admin"), a.T("wizard.admin_hint"), w.admin.grid),
		w.message,
		w.submit,
	)
	return container.NewVScroll(container.NewPadded(body))
}

func (w *wizard) save() {
	a := w.a
	w.message.SetText("")
	w.admin.clearErrors()
	if w.admin.text("password") != w.admin.text("password_repeat") {
		w.admin.setErrors(model.ValidationErrors{{Field: "password_repeat", Msg: "valid.password.repeat"}}, "")
		return
	}
	nu := model.NewUser{Login: w.admin.text("login"), FullName: w.admin.text("full_name"), Password: w.admin.text("password"), Role: model.RoleAdmin}
	u, err := a.cfg.Gate.Setup(a.ctx, w.company.company(), nu)
	if err != nil {
		c := w.company.f.setErrors(err, "")
		ad := w.admin.setErrors(err, "admin_")
		if c || ad {
			w.message.SetText(a.T("err.fix_fields"))
			return
		}
		a.showErr(err)
		return
	}
	a.loggedIn(u)
}
