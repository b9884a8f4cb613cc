package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// warehouseEditor lists the warehouses in a dialog and adds or edits one.
type warehouseEditor struct {
	a       *App
	ws      []model.Warehouse
	list    *widget.List
	cur     int
	changed func()
}

func newWarehouseEditor(a *App, changed func()) *warehouseEditor {
	return &warehouseEditor{a: a, cur: -1, changed: changed}
}

func (we *warehouseEditor) show() {
	a := we.a
	we.list = widget.NewList(func() int { return len(we.ws) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("template warehouse", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			addr := widget.NewLabel("")
			addr.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, name, nil, addr)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			w := we.ws[id]
			box := o.(*fyne.Container)
			addr := box.Objects[0].(*widget.Label)
			name := box.Objects[1].(*widget.Label)
			name.SetText(w.Name)
			text := w.Address
			if !w.Active {
				text = a.T("warehouses.inactive") + " " + text
			}
			addr.SetText(text)
		})
	we.list.OnSelected = func(id widget.ListItemID) { we.cur = id }
	we.list.OnUnselected = func(widget.ListItemID) { we.cur = -1 }
	add := widget.NewButtonWithIcon(a.T("warehouses.add"), theme.ContentAddIcon(), func() { we.edit(model.Warehouse{Active: true}) })
	edit := widget.NewButtonWithIcon(a.T("warehouses.edit"), theme.DocumentCreateIcon(), func() {
		if we.cur >= 0 && we.cur < len(we.ws) {
			we.edit(we.ws[we.cur])
		}
	})
	role := a.svc.User.Role
	if !model.Can(role, model.EntityProduct, model.ActCreate) {
		add.Disable()
	}
	if !model.Can(role, model.EntityProduct, model.ActUpdate) {
		edit.Disable()
	}
	content := container.NewBorder(container.NewHBox(add, edit), nil, nil, nil, we.list)
	dlg := dialog.NewCustom(a.T("warehouses.title"), a.T("btn.close"), content, a.win)
	dlg.Resize(fyne.NewSize(560, 420))
	dlg.Show()
	we.reload()
}

func (we *warehouseEditor) reload() {
	we.a.loadCatalogDicts(func(d catalogDicts) {
		we.ws = d.warehouses
		we.cur = -1
		we.list.UnselectAll()
		we.list.Refresh()
	})
}

// edit opens the form of a warehouse: name, address, in use.
func (we *warehouseEditor) edit(w model.Warehouse) {
	a := we.a
	f := newForm(a)
	f.entry("name", w.Name)
	f.entry("address", w.Address)
	active := widget.NewCheck(a.T("warehouses.active"), nil)
	active.SetChecked(w.Active)
	f.add("active", active)
	title := a.T("warehouses.add")
	if w.ID != "" {
		title = a.T("warehouses.edit")
	}
	a.formDialog(title, f, fyne.NewSize(480, 260), func() error {
		w.Name, w.Address, w.Active = f.text("name"), f.text("address"), active.Checked
		if _, err := a.svc.Catalog.SaveWarehouse(a.ctx, w); err != nil {
			return err
		}
		we.reload()
		we.changed()
		return nil
	})
}
