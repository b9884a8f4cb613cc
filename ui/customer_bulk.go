package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// customerBulk is the bar of actions on the rows checked in the customer
// list: assign a seller, add a tag, export, merge two.
type customerBulk struct {
	l      *customerList
	box    *fyne.Container
	label  *widget.Label
	assign *widget.Button
	tag    *widget.Button
	export *widget.Button
	merge  *widget.Button
	owner  *choice // the seller choice of the open assign dialog
}

func newCustomerBulk(l *customerList) *customerBulk { return &customerBulk{l: l} }

func (b *customerBulk) build() fyne.CanvasObject {
	a := b.l.a
	role := a.svc.User.Role
	b.label = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.assign = widget.NewButtonWithIcon(a.T("bulk.assign"), theme.AccountIcon(), b.assignSeller)
	b.tag = widget.NewButtonWithIcon(a.T("bulk.tag"), theme.ContentAddIcon(), b.addTag)
	b.export = widget.NewButtonWithIcon(a.T("bulk.export"), theme.DownloadIcon(), func() {
		f := model.CustomerFilter{IDs: b.ids(), Sort: b.l.f.Sort, Desc: b.l.f.Desc}
		b.l.exportMenu(b.export, f, len(f.IDs))
	})
	b.merge = widget.NewButtonWithIcon(a.T("bulk.merge"), theme.ViewRestoreIcon(), b.mergeTwo)
	clear := widget.NewButtonWithIcon(a.T("bulk.clear"), theme.ContentClearIcon(), func() {
		b.l.checked = map[string]model.Customer{}
		b.update()
		b.l.list.Refresh()
	})
	objs := []fyne.CanvasObject{b.label}
	if canAssign(role) {
		objs = append(objs, b.assign)
	}
	if model.Can(role, model.EntityCustomer, model.ActUpdate) {
		objs = append(objs, b.tag)
	}
	objs = append(objs, b.export)
	if model.Can(role, model.EntityCustomer, model.ActDelete) {
		objs = append(objs, b.merge)
	}
	b.box = container.NewHBox(append(objs, clear)...)
	b.update()
	return b.box
}

// update shows the bar while rows are checked.
func (b *customerBulk) update() {
	if b.box == nil {
		return
	}
	n := len(b.l.checked)
	defer func() {
		if b.l.root != nil {
			b.l.root.Refresh() // the rows above the table change height
		}
	}()
	if n == 0 {
		b.box.Hide()
		return
	}
	b.label.SetText(b.l.a.N("bulk.selected", int64(n)))
	if n == 2 {
		b.merge.Enable()
	} else {
		b.merge.Disable()
	}
	b.box.Show()
}

// ids are the checked customers' IDs, sorted for a stable order.
func (b *customerBulk) ids() []string {
	ids := make([]string, 0, len(b.l.checked))
	for id := range b.l.checked {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// done reports a bulk change and shows the list as it now is.
func (b *customerBulk) done(n int) {
	a := b.l.a
	a.shell.setStatus(a.N("bulk.changed", int64(n)))
	b.l.filters.reloadTags()
	b.l.refresh()
}

func (b *customerBulk) assignSeller() {
	a := b.l.a
	owner := newChoice(a.T("field.owner"), "", nil)
	b.owner = owner
	a.loadDicts(func(d dicts) { owner.setOptions(userOptions(d.owners)) })
	f := newForm(a)
	f.add("owner", owner.sel)
	a.formDialog(a.T("bulk.assign"), f, fyne.NewSize(460, 200), func() error {
		if owner.value() == "" {
			return model.ValidationErrors{{Field: "owner", Msg: model.MsgRequired}}
		}
		n, err := a.svc.Customers.AssignCustomers(a.ctx, b.ids(), owner.value())
		if err == nil {
			b.done(n)
		}
		return err
	})
}

func (b *customerBulk) addTag() {
	a := b.l.a
	tag := widget.NewSelectEntry(nil)
	a.background(func() {
		tags, err := a.svc.Customers.Tags(a.ctx)
		fyne.Do(func() {
			if err == nil {
				tag.SetOptions(tags)
			}
		})
	})
	f := newForm(a)
	f.add("tag", tag)
	a.formDialog(a.T("bulk.tag"), f, fyne.NewSize(460, 200), func() error {
		n, err := a.svc.Customers.TagCustomers(a.ctx, b.ids(), tag.Text)
		if err == nil {
			b.done(n)
		}
		return renameField(err, "tags", "tag")
	})
}

// mergeTwo asks which of the two checked customers to keep and merges the
// other into it.
func (b *customerBulk) mergeTwo() {
	a := b.l.a
	ids := b.ids()
	if len(ids) != 2 {
		return
	}
	var cs []model.Customer
	for _, id := range ids {
		c, err := a.svc.Customers.FindCustomerByID(a.ctx, id)
		if err != nil {
			a.showErr(err)
			return
		}
		cs = append(cs, c)
	}
	var opts []string
	for _, c := range cs {
		opts = append(opts, mergeLabel(a, c))
	}
	keep := widget.NewRadioGroup(opts, nil)
	keep.SetSelected(opts[0])
	hint := widget.NewLabel(a.T("merge.hint"))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(hint, keep)
	d := dialog.NewCustomConfirm(a.T("merge.title"), a.T("merge.do"), a.T("btn.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		k, drop := cs[0], cs[1]
		if keep.Selected == opts[1] {
			k, drop = cs[1], cs[0]
		}
		merged, err := a.svc.Customers.MergeCustomers(a.ctx, k.ID, k.Version, drop.ID, drop.Version)
		if err != nil {
			a.showErr(err)
			return
		}
		b.l.checked = map[string]model.Customer{}
		b.update()
		b.l.refresh()
		a.shell.setStatus(a.T("merge.done", merged.Name))
	}, a.win)
	d.Resize(fyne.NewSize(620, 300))
	d.Show()
}

// mergeLabel describes a customer well enough to tell two apart.
func mergeLabel(a *App, c model.Customer) string {
	s := fmt.Sprintf("№ %d · %s", c.Num, c.Name)
	if c.INN != "" {
		s += " · " + a.T("col.inn") + " " + c.INN
	}
	if c.OwnerName != "" {
		s += " · " + c.OwnerName
	}
	return s + " · " + a.tr.DateTime(c.CreatedAt)
}
