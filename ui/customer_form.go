package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// customerForm creates or edits a customer in a dialog.
type customerForm struct {
	a      *App
	c      model.Customer
	f      *form
	kind   *widget.RadioGroup
	owner  *widget.Select
	users  []model.User
	dlg    dialog.Dialog
	saved  func(model.Customer)
	kinds  map[string]model.CustomerKind
	status *widget.Label
}

func newCustomerForm(a *App, c model.Customer, saved func(model.Customer)) *customerForm {
	return &customerForm{a: a, c: c, saved: saved}
}

func (cf *customerForm) show() {
	a := cf.a
	cf.f = newForm(a)
	cf.kinds = map[string]model.CustomerKind{a.T("kind.company"): model.CustomerCompany, a.T("kind.person"): model.CustomerPerson}
	cf.kind = widget.NewRadioGroup([]string{a.T("kind.company"), a.T("kind.person")}, nil)
	cf.kind.Horizontal = true
	if cf.c.Kind == model.CustomerPerson {
		cf.kind.SetSelected(a.T("kind.person"))
	} else {
		cf.kind.SetSelected(a.T("kind.company"))
	}
	cf.f.add("kind", cf.kind)
	cf.f.entry("name", cf.c.Name)
	cf.f.entry("inn", cf.c.INN)
	cf.f.entry("kpp", cf.c.KPP)
	cf.f.entry("phone", cf.c.Phone)
	cf.f.entry("email", cf.c.Email)
	note := cf.f.entry("note", cf.c.Note)
	note.MultiLine = true
	note.SetMinRowsVisible(3)
	cf.owner = widget.NewSelect(nil, nil)
	if users, err := a.svc.Users.FindUsers(a.ctx); err == nil {
		for _, u := range users {
			if u.Active && (u.Role == model.RoleSeller || u.Role == model.RoleHead || u.Role == model.RoleAdmin) {
				cf.users = append(cf.users, u)
				cf.owner.Options = append(cf.owner.Options, u.FullName)
				if u.ID == cf.c.OwnerID || (cf.c.OwnerID == "" && u.ID == a.svc.User.ID) {
					cf.owner.SetSelected(u.FullName)
				}
			}
		}
	}
	if model.ScopeFor(a.svc.User.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
		cf.owner.Disable()
	}
	cf.f.add("owner", cf.owner)
	if cf.c.ID != "" && cf.c.DeletedAt.IsZero() && model.Can(a.svc.User.Role, model.EntityCustomer, model.ActShare) {
		cf.f.add("share", cf.sharePicker())
	}
	cf.status = widget.NewLabel("")
	cf.status.Importance = widget.DangerImportance
	title := a.T("customer.new")
	if cf.c.ID != "" {
		title = a.T("customer.edit")
	}
	save := widget.NewButton(a.T("btn.save"), cf.save)
	save.Importance = widget.HighImportance
	canEdit := cf.c.ID == "" || (model.Can(a.svc.User.Role, model.EntityCustomer, model.ActUpdate) && cf.c.DeletedAt.IsZero())
	if !canEdit {
		save.Disable()
	}
	content := widget.NewCard("", "", container.NewVBox(cf.f.grid, cf.status, save))
	cf.dlg = dialog.NewCustom(title, a.T("btn.close"), content, a.win)
	cf.dlg.Resize(fyne.NewSize(620, 560))
	cf.dlg.Show()
}

func (cf *customerForm) save() {
	a := cf.a
	c := cf.c
	c.Kind = cf.kinds[cf.kind.Selected]
	c.Name, c.INN, c.KPP = cf.f.text("name"), cf.f.text("inn"), cf.f.text("kpp")
	c.Phone, c.Email, c.Note = cf.f.text("phone"), cf.f.text("email"), cf.f.text("note")
	if i := cf.owner.SelectedIndex(); i >= 0 && i < len(cf.users) {
		c.OwnerID = cf.users[i].ID
	}
	var err error
	if c.ID == "" {
		c, err = a.svc.Customers.CreateCustomer(a.ctx, c)
	} else {
		c, err = a.svc.Customers.UpdateCustomer(a.ctx, c)
	}
	cf.status.Importance = widget.DangerImportance
	if err != nil {
		if cf.f.setErrors(err, "") {
			cf.status.SetText(a.T("err.fix_fields"))
			return
		}
		if errors.Is(err, model.ErrStale) {
			cf.status.SetText(a.T("err.stale"))
			return
		}
		a.showErr(err)
		return
	}
	cf.dlg.Hide()
	if cf.saved != nil {
		cf.saved(c)
	}
}

// sharePicker lets the owner (or a head) share the customer with a colleague,
// who then sees and edits it like their own.
func (cf *customerForm) sharePicker() fyne.CanvasObject {
	a := cf.a
	var others []model.User
	names := []string{}
	for _, u := range cf.users {
		if u.ID != cf.c.OwnerID && u.Role == model.RoleSeller {
			others = append(others, u)
			names = append(names, u.FullName)
		}
	}
	pick := widget.NewSelect(names, nil)
	btn := widget.NewButton(a.T("customer.share"), func() {
		i := pick.SelectedIndex()
		if i < 0 {
			return
		}
		if err := a.svc.Customers.ShareCustomer(a.ctx, cf.c.ID, others[i].ID); err != nil {
			a.showErr(err)
			return
		}
		cf.status.Importance = widget.SuccessImportance
		cf.status.SetText(a.T("customer.shared", others[i].FullName))
	})
	if len(others) == 0 {
		pick.Disable()
		btn.Disable()
	}
	return container.NewBorder(nil, nil, nil, btn, pick)
}
