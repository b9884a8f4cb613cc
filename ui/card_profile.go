package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// profileTab shows and edits every field of the customer.
type profileTab struct {
	c       *customerCard
	fields  *customerFields
	status  *widget.Label
	save    *widget.Button
	share   *choice
	shareTo *widget.Button
	version int64 // the version the form shows
}

func buildProfileTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	p := &profileTab{c: c, fields: newCustomerFields(a)}
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.save = widget.NewButton(a.T("btn.save"), p.saveProfile)
	p.save.Importance = widget.HighImportance
	p.share = newChoice(a.T("choose"), "", nil)
	p.shareTo = widget.NewButton(a.T("customer.share"), p.shareWith)
	a.loadDicts(func(d dicts) {
		p.fields.setDicts(d)
		var sellers []model.User
		for _, u := range d.owners {
			if u.Role == model.RoleSeller {
				sellers = append(sellers, u)
			}
		}
		p.share.setOptions(userOptions(sellers))
	})
	c.onLoad(p.show)
	if model.Can(a.svc.User.Role, model.EntityCustomer, model.ActShare) {
		p.fields.right.add("share", container.NewBorder(nil, nil, nil, p.shareTo, p.share.sel))
	}
	forms := container.NewGridWithColumns(2, p.fields.left.grid, p.fields.right.grid)
	return container.NewVScroll(container.NewVBox(forms, p.status, container.NewHBox(p.save)))
}

// show fills the form when the customer changed since it was shown, so a
// reload for another tab does not throw away the user's edits.
func (p *profileTab) show(d model.CustomerCard) {
	if d.Customer.Version == p.version && p.version != 0 {
		return
	}
	p.version = d.Customer.Version
	p.fields.show(d.Customer)
	on := p.c.canEdit()
	p.fields.setEnabled(on)
	if on {
		p.save.Enable()
		p.shareTo.Enable()
	} else {
		p.save.Disable()
		p.shareTo.Disable()
	}
}

// saveProfile checks the fields, warns about customers with the same INN,
// e-mail or phone, and saves.
func (p *profileTab) saveProfile() {
	a := p.c.a
	cu := p.fields.customer()
	if err := cu.Validate(); err != nil {
		p.failed(err)
		return
	}
	a.checkDuplicates(cu, p.c.data.Contacts, func() {
		saved, err := a.svc.Customers.UpdateCustomer(a.ctx, cu)
		if err != nil {
			p.failed(err)
			return
		}
		p.fields.show(saved)
		p.version = saved.Version
		p.status.Importance = widget.SuccessImportance
		p.status.SetText(a.T("settings.saved"))
		p.c.reload()
	})
}

func (p *profileTab) failed(err error) {
	a := p.c.a
	p.status.Importance = widget.DangerImportance
	switch {
	case p.fields.setErrors(err):
		p.status.SetText(a.T("err.fix_fields"))
	case errors.Is(err, model.ErrStale):
		p.status.SetText(a.T("err.stale"))
	default:
		p.status.SetText("")
		a.showErr(err)
	}
}

// shareWith lets a colleague see and edit this customer.
func (p *profileTab) shareWith() {
	a := p.c.a
	id := p.share.value()
	if id == "" {
		return
	}
	if err := a.svc.Customers.ShareCustomer(a.ctx, p.c.id, id); err != nil {
		a.showErr(err)
		return
	}
	p.status.Importance = widget.SuccessImportance
	p.status.SetText(a.T("customer.shared", p.share.sel.Selected))
}
