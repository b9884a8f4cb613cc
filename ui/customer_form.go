package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// customerForm creates a customer in a dialog with the fields needed to start;
// the card then holds everything else.
type customerForm struct {
	a      *App
	c      model.Customer
	f      *form
	kind   *widget.RadioGroup
	owner  *choice
	region *choice
	dlg    dialog.Dialog
	saved  func(model.Customer)
	status *widget.Label
}

func newCustomerForm(a *App, c model.Customer, saved func(model.Customer)) *customerForm {
	return &customerForm{a: a, c: c, saved: saved}
}

func (cf *customerForm) show() {
	a := cf.a
	cf.f = newForm(a)
	cf.kind = kindRadio(a)
	setKind(cf.kind, cf.c.Kind)
	cf.f.add("kind", cf.kind)
	cf.f.entry("name", cf.c.Name)
	cf.f.entry("inn", cf.c.INN)
	cf.f.entry("kpp", cf.c.KPP)
	cf.f.entry("phone", cf.c.Phone)
	cf.f.entry("email", cf.c.Email)
	cf.region = newChoice(a.T("field.region"), a.T("filter.none"), nil)
	cf.f.add("region", cf.region.sel)
	cf.owner = newChoice(a.T("field.owner"), "", nil)
	cf.owner.set(a.svc.User.ID)
	if !canAssign(a.svc.User.Role) {
		cf.owner.sel.Disable()
	}
	cf.f.add("owner", cf.owner.sel)
	cf.f.entry("note", cf.c.Note)
	cf.f.multiLine("note", 3)
	a.loadDicts(func(d dicts) {
		cf.region.setOptions(a.regionOptions(d.regions))
		cf.owner.setOptions(userOptions(d.owners))
	})
	cf.status = widget.NewLabel("")
	cf.status.Importance = widget.DangerImportance
	save := widget.NewButton(a.T("btn.save"), cf.save)
	save.Importance = widget.HighImportance
	content := container.NewVBox(cf.f.grid, cf.status, save)
	cf.dlg = dialog.NewCustom(a.T("customer.new"), a.T("btn.close"), content, a.win)
	cf.dlg.Resize(fyne.NewSize(620, 560))
	cf.dlg.Show()
}

func (cf *customerForm) save() {
	a := cf.a
	c := cf.c
	c.Kind = kindOf(cf.kind)
	c.Name, c.INN, c.KPP = cf.f.text("name"), cf.f.text("inn"), cf.f.text("kpp")
	c.Phone, c.Email, c.Note = cf.f.text("phone"), cf.f.text("email"), cf.f.text("note")
	c.RegionCode, c.OwnerID = cf.region.value(), cf.owner.value()
	if err := c.Validate(); err != nil {
		cf.failed(err)
		return
	}
	a.checkDuplicates(c, nil, func() {
		created, err := a.svc.Customers.CreateCustomer(a.ctx, c)
		if err != nil {
			cf.failed(err)
			return
		}
		cf.dlg.Hide()
		if cf.saved != nil {
			cf.saved(created)
		}
	})
}

func (cf *customerForm) failed(err error) {
	if cf.f.setErrors(err, "") {
		cf.status.SetText(cf.a.T("err.fix_fields"))
		return
	}
	cf.status.SetText("")
	cf.a.showErr(err)
}

// dupBy names what a duplicate shares.
var dupBy = map[string]string{"inn": "dups.by_inn", "email": "dups.by_email", "phone": "dups.by_phone"}

// checkDuplicates looks for customers sharing an INN, e-mail or phone with c
// (or its contacts) and runs save at once when there are none, otherwise after
// the user has seen them and chosen to save anyway.
func (a *App) checkDuplicates(c model.Customer, contacts []model.Contact, save func()) {
	dups, err := a.svc.Customers.FindDuplicates(a.ctx, c, contacts)
	if err != nil {
		a.showErr(err)
		return
	}
	if len(dups) == 0 {
		save()
		return
	}
	lines := []string{a.T("dups.text")}
	for i, d := range dups {
		if i == 10 {
			lines = append(lines, a.N("dups.more", int64(len(dups)-i)))
			break
		}
		lines = append(lines, fmt.Sprintf("• № %d %s — %s %s", d.Customer.Num, d.Customer.Name, a.T(dupBy[d.By]), d.Value))
	}
	a.confirm(a.T("dups.title"), strings.Join(lines, "\n"), a.T("dups.save_anyway"), save)
}
