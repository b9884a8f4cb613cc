package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// categoryEditor edits the category tree in a dialog: add a category (under
// the one selected), rename or move one, delete an empty one.
type categoryEditor struct {
	a       *App
	d       catalogDicts
	list    *widget.List
	cur     int
	changed func()
}

func newCategoryEditor(a *App, changed func()) *categoryEditor {
	return &categoryEditor{a: a, cur: -1, changed: changed}
}

func (ce *categoryEditor) show() {
	a := ce.a
	ce.list = widget.NewList(func() int { return len(ce.d.cats) },
		func() fyne.CanvasObject { return widget.NewLabel("template category") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := ce.d.cats[id]
			o.(*widget.Label).SetText(strings.Repeat("\u00a0\u00a0\u00a0\u00a0", ce.d.depth[c.ID]) + c.Name)
		})
	ce.list.OnSelected = func(id widget.ListItemID) { ce.cur = id }
	ce.list.OnUnselected = func(widget.ListItemID) { ce.cur = -1 }
	add := widget.NewButtonWithIcon(a.T("categories.add"), theme.ContentAddIcon(), func() { ce.edit(model.Category{ParentID: ce.selected().ID}) })
	edit := widget.NewButtonWithIcon(a.T("categories.edit"), theme.DocumentCreateIcon(), func() {
		if c := ce.selected(); c.ID != "" {
			ce.edit(c)
		}
	})
	del := widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), ce.remove)
	role := a.svc.User.Role
	if !model.Can(role, model.EntityProduct, model.ActCreate) {
		add.Disable()
	}
	if !model.Can(role, model.EntityProduct, model.ActUpdate) {
		edit.Disable()
	}
	if !model.Can(role, model.EntityProduct, model.ActDelete) {
		del.Disable()
	}
	hint := widget.NewLabel(a.T("categories.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(container.NewHBox(add, edit, del), hint), nil, nil, nil, ce.list)
	dlg := dialog.NewCustom(a.T("categories.title"), a.T("btn.close"), content, a.win)
	dlg.Resize(fyne.NewSize(520, 560))
	dlg.Show()
	ce.reload()
}

// selected is the category highlighted, or a zero one.
func (ce *categoryEditor) selected() model.Category {
	if ce.cur < 0 || ce.cur >= len(ce.d.cats) {
		return model.Category{}
	}
	return ce.d.cats[ce.cur]
}

func (ce *categoryEditor) reload() {
	ce.a.loadCatalogDicts(func(d catalogDicts) {
		ce.d = d
		ce.cur = -1
		ce.list.UnselectAll()
		ce.list.Refresh()
	})
}

// edit opens the form of a category: its name and its parent.
func (ce *categoryEditor) edit(c model.Category) {
	a := ce.a
	f := newForm(a)
	f.entry("name", c.Name)
	parent := newChoice(a.T("categories.root"), a.T("categories.root"), nil)
	var labels, values []string
	ls, vs := categoryOptions(ce.d)
	for i, v := range vs {
		if v != c.ID {
			labels, values = append(labels, ls[i]), append(values, v)
		}
	}
	parent.setOptions(labels, values)
	parent.set(c.ParentID)
	f.add("parent", parent.sel)
	title := a.T("categories.add")
	if c.ID != "" {
		title = a.T("categories.edit")
	}
	a.formDialog(title, f, fyne.NewSize(480, 240), func() error {
		c.Name, c.ParentID = strings.TrimSpace(f.text("name")), parent.value()
		if _, err := a.svc.Catalog.SaveCategory(a.ctx, c); err != nil {
			return err
		}
		ce.reload()
		ce.changed()
		return nil
	})
}

// remove deletes the selected category after asking; one with products or
// subcategories is refused.
func (ce *categoryEditor) remove() {
	a := ce.a
	c := ce.selected()
	if c.ID == "" {
		return
	}
	a.confirm(a.T("categories.delete_title"), a.T("categories.delete_text", c.Name), a.T("btn.delete"), func() {
		err := a.svc.Catalog.DeleteCategory(a.ctx, c.ID)
		switch {
		case errors.Is(err, model.ErrConflict):
			a.info(a.T("categories.delete_title"), a.T("categories.not_empty", c.Name))
		case err != nil:
			a.showErr(err)
		default:
			ce.reload()
			ce.changed()
		}
	})
}
