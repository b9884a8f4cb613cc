package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/repo"
)

func TestCustomerGroupsDialog(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	h.openNav("pricelists")
	h.settle()
	tap(t, h.a.shell.content, en("groups.title"))
	h.settle()
	dlg := h.overlay()
	lists := findAll(dlg, func(*widget.List) bool { return true })
	if len(lists) != 1 || lists[0].Length() < 4 {
		t.Fatalf("the dialog lists %d lists of groups", len(lists))
	}
	// The demo's wholesale group shows its price list by name.
	if !hasLabelContaining(dlg, fmt.Sprint("Опт ", time.Now().Year())) {
		t.Error("the group's price list is not shown")
	}
	tap(t, dlg, en("groups.add"))
	d := h.dialog()
	d.set(t, en("field.name"), "Монтажные организации")
	test.Tap(d.save)
	h.settle()
	groups, err := h.session("head").Groups(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range groups {
		found = found || g.Name == "Монтажные организации"
	}
	if !found {
		t.Errorf("the group was not stored: %+v", groups)
	}
	h.closeDialogs()

	// A seller sees the groups but cannot change them.
	h = newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	h.openNav("pricelists")
	h.settle()
	tap(t, h.a.shell.content, en("groups.title"))
	h.settle()
	for _, b := range findAll(h.overlay(), func(b *widget.Button) bool { return b.Text == en("groups.add") }) {
		if !b.Disabled() {
			t.Error("a seller may add a group")
		}
	}
}
