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

// groupEditor lists the customer groups with the price lists that price
// them, and adds or renames a group (heads and administrators). Which list
// prices a group is chosen on the list itself.
type groupEditor struct {
	a       *App
	groups  []model.CustomerGroup
	lists   map[string][]string // group ID → its price lists' names
	list    *widget.List
	cur     int
	changed func()
}

func newGroupEditor(a *App, changed func()) *groupEditor {
	return &groupEditor{a: a, cur: -1, changed: changed}
}

func (ge *groupEditor) show() {
	a := ge.a
	ge.list = widget.NewList(func() int { return len(ge.groups) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("template group name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			lists := widget.NewLabel("")
			lists.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, name, nil, lists)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			g := ge.groups[id]
			box := o.(*fyne.Container)
			box.Objects[1].(*widget.Label).SetText(g.Name)
			text := a.T("groups.no_list")
			if names := ge.lists[g.ID]; len(names) > 0 {
				text = strings.Join(names, ", ")
			}
			box.Objects[0].(*widget.Label).SetText(text)
		})
	ge.list.OnSelected = func(id widget.ListItemID) { ge.cur = id }
	ge.list.OnUnselected = func(widget.ListItemID) { ge.cur = -1 }
	add := widget.NewButtonWithIcon(a.T("groups.add"), theme.ContentAddIcon(), func() { ge.edit(model.CustomerGroup{}) })
	rename := widget.NewButtonWithIcon(a.T("groups.rename"), theme.DocumentCreateIcon(), func() {
		if ge.cur >= 0 && ge.cur < len(ge.groups) {
			ge.edit(ge.groups[ge.cur])
		}
	})
	terms := widget.NewButtonWithIcon(a.T("groups.terms"), theme.ConfirmIcon(), func() {
		if ge.cur >= 0 && ge.cur < len(ge.groups) {
			ge.editTerms(ge.groups[ge.cur])
		}
	})
	if r := a.svc.User.Role; r != model.RoleHead && r != model.RoleAdmin {
		add.Disable()
		rename.Disable()
	}
	hint := widget.NewLabel(a.T("groups.hint"))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(container.NewVBox(container.NewHBox(add, rename, terms), hint), nil, nil, nil, ge.list)
	dlg := dialog.NewCustom(a.T("groups.title"), a.T("btn.close"), content, a.win)
	dlg.Resize(fyne.NewSize(600, 440))
	dlg.Show()
	ge.reload()
}

// reload reads the groups and the price lists in the background.
func (ge *groupEditor) reload() {
	a := ge.a
	a.background(func() {
		groups, err := a.svc.Customers.Groups(a.ctx)
		lists, lerr := a.svc.Catalog.PriceLists(a.ctx)
		fyne.Do(func() {
			if err := errors.Join(err, lerr); err != nil {
				a.showErr(err)
				return
			}
			ge.groups, ge.lists = groups, map[string][]string{}
			for _, l := range lists {
				if l.GroupID != "" {
					ge.lists[l.GroupID] = append(ge.lists[l.GroupID], l.Name)
				}
			}
			ge.cur = -1
			ge.list.UnselectAll()
			ge.list.Refresh()
		})
	})
}

// edit opens the name form of a new or existing group.
func (ge *groupEditor) edit(g model.CustomerGroup) {
	a := ge.a
	f := newForm(a)
	f.entry("name", g.Name)
	title := a.T("groups.add")
	if g.ID != "" {
		title = a.T("groups.rename")
	}
	a.formDialog(title, f, fyne.NewSize(420, 180), func() error {
		g.Name = f.text("name")
		if _, err := a.svc.Customers.SaveGroup(a.ctx, g); err != nil {
			return err
		}
		ge.reload()
		ge.changed()
		return nil
	})
}

// editTerms opens the group's payment terms, credit limit and document
// language, which its customers inherit where they have none of their own.
func (ge *groupEditor) editTerms(g model.CustomerGroup) {
	a := ge.a
	te := newGroupTermsEditor(a, g.ID)
	content := container.NewVScroll(te.build())
	dlg := dialog.NewCustom(a.T("groups.terms_title", g.Name), a.T("btn.close"), content, a.win)
	dlg.Resize(fyne.NewSize(760, 560))
	dlg.Show()
	a.loadCatalogDicts(func(d catalogDicts) {
		te.setDicts(d)
		te.load()
	})
}
