package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestCatalogDictionaries(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.productList()
	admin := h.session("admin")

	t.Run("Enter opens the selected product", func(t *testing.T) {
		l.list.Select(2)
		want, _ := l.row(2)
		l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		pf := h.productForm()
		if pf.id != want.ID {
			t.Errorf("opened %s, want %s", pf.id, want.ID)
		}
		h.a.shell.back()
	})

	t.Run("a warehouse is added", func(t *testing.T) {
		tap(t, h.a.shell.content, en("warehouses.title"))
		h.settle()
		tap(t, h.overlay(), en("warehouses.add"))
		d := h.dialog()
		d.set(t, en("field.name"), "Склад «Юг»")
		d.set(t, en("field.address"), "Ростов-на-Дону")
		test.Tap(d.save)
		h.settle()
		ws, err := admin.Warehouses(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range ws {
			found = found || (w.Name == "Склад «Юг»" && w.Address == "Ростов-на-Дону" && w.Active)
		}
		if !found {
			t.Errorf("warehouse not stored: %+v", ws)
		}
		h.closeDialogs()
	})

	t.Run("a subcategory is added; a category with products is not deleted", func(t *testing.T) {
		tap(t, h.a.shell.content, en("categories.title"))
		h.settle()
		dlg := h.overlay()
		ce := findAll(dlg, func(*widget.List) bool { return true })
		if len(ce) != 1 {
			t.Fatalf("lists in the dialog: %d", len(ce))
		}
		ce[0].Select(0)
		root := l.d.cats[0]
		tap(t, dlg, en("categories.add"))
		d := h.dialog()
		d.set(t, en("field.name"), "Лазерные дальномеры")
		test.Tap(d.save)
		h.settle()
		cats, err := admin.Categories(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var added model.Category
		for _, c := range cats {
			if c.Name == "Лазерные дальномеры" {
				added = c
			}
		}
		if added.ParentID != root.ID {
			t.Errorf("new category %+v, want under %s", added, root.Name)
		}
		ce[0].Select(0)
		tap(t, dlg, en("btn.delete"))
		tap(t, h.overlay(), en("btn.delete"))
		h.settle()
		if !hasLabel(h.overlay(), en("categories.not_empty", root.Name)) {
			t.Error("no message that the category is not empty")
		}
		h.closeDialogs()
		if len(l.category.values) != len(cats) {
			t.Errorf("the filter offers %d categories, want %d", len(l.category.values), len(cats))
		}
	})
}
