package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/repo"
)

func TestPriceListDelete(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	s := h.priceLists()
	before := len(s.lists)
	if before == 0 {
		t.Fatal("the demo has no price lists")
	}
	name := s.lists[0].Name
	s.open(0)
	pf := h.priceListForm()
	tap(t, h.a.shell.content, en("pricelist.delete"))
	test.Tap(buttonIn(t, h.overlay(), en("btn.delete")))
	h.settle()
	if _, ok := h.a.shell.screen.(*priceListScreen); !ok {
		t.Fatalf("after deleting, the screen is %T, want the price lists", h.a.shell.screen)
	}
	lists, err := h.session("head").PriceLists(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lists {
		if l.Name == name || l.ID == pf.l.ID {
			t.Errorf("%q is still a price list", name)
		}
	}
	if len(lists) != before-1 {
		t.Errorf("%d lists, want %d", len(lists), before-1)
	}
}
