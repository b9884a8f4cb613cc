package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// openProduct shows the form of product id on top of the current screen
// and waits for it.
func (h *harness) openProduct(id string) *productForm {
	h.t.Helper()
	h.a.shell.push(newProductForm(h.a, id))
	return h.productForm()
}

// kitEditor opens the kit editor from the product form.
func (h *harness) kitEditor(pf *productForm) *kitEditor {
	h.t.Helper()
	if !pf.kit.Visible() {
		h.t.Fatal("the kit has no components button")
	}
	test.Tap(pf.kit)
	ke, ok := h.a.shell.screen.(*kitEditor)
	if !ok {
		h.t.Fatalf("screen is %T, want *kitEditor", h.a.shell.screen)
	}
	h.waitFor("the components", func() bool { return ke.loaded })
	h.settle()
	return ke
}

func TestKitEditor(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	kits := h.findProducts(model.ProductFilter{Query: "KIT-00001"})
	if len(kits) != 1 || kits[0].Kind != model.KindKit {
		t.Fatalf("demo kit: %v", kits)
	}
	kit := kits[0]
	pf := h.openProduct(kit.ID)
	if pf.moves.Visible() {
		t.Error("a kit offers a stock movement history")
	}
	ke := h.kitEditor(pf)
	stored, err := h.session("admin").KitComponents(h.ctx, kit.ID)
	if err != nil || len(stored) != 4 || len(ke.rows) != 4 {
		t.Fatalf("components: stored %d (%v), shown %d", len(stored), err, len(ke.rows))
	}
	for i, r := range ke.rows {
		if r.product.value.id != stored[i].ProductID || r.choice.Text != stored[i].Choice || r.optional.Checked != stored[i].Optional {
			t.Errorf("row %d shows %q/%q/%v, want %+v", i, r.product.value.id, r.choice.Text, r.optional.Checked, stored[i])
		}
	}
	group := stored[1].Choice
	if group == "" || stored[2].Choice != group {
		t.Fatalf("demo kit's choice group: %+v", stored)
	}

	t.Run("a choice group of one product is marked on its row", func(t *testing.T) {
		ke.rows[2].choice.SetText("")
		test.Tap(ke.save)
		if got, want := ke.rows[1].errMsg.Text, en(model.MsgKitChoiceSingle); got != want || !ke.rows[1].errMsg.Visible() {
			t.Errorf("row 2 error: %q (shown %v), want %q", got, ke.rows[1].errMsg.Visible(), want)
		}
		for _, i := range []int{0, 2, 3} {
			if ke.rows[i].errMsg.Visible() {
				t.Errorf("row %d marked: %q", i+1, ke.rows[i].errMsg.Text)
			}
		}
		if ke.status.Text == "" {
			t.Error("no status")
		}
		if got, _ := h.session("admin").KitComponents(h.ctx, kit.ID); got[2].Choice != group {
			t.Errorf("saved despite the error: %+v", got)
		}
	})

	t.Run("a bad quantity is marked", func(t *testing.T) {
		ke.rows[2].choice.SetText(group)
		ke.rows[0].qty.SetText("1.2345")
		test.Tap(ke.save)
		if got := ke.rows[0].errMsg.Text; got != en(msgQty) {
			t.Errorf("row 1 error: %q", got)
		}
	})

	t.Run("components are saved", func(t *testing.T) {
		ke.rows[0].qty.SetText("2.5")
		ke.rows[3].optional.SetChecked(false)
		test.Tap(ke.rows[3].remove)
		test.Tap(ke.save)
		if ke.status.Text != en("kit.saved", "3") {
			t.Errorf("status: %q", ke.status.Text)
		}
		got, err := h.session("admin").KitComponents(h.ctx, kit.ID)
		if err != nil || len(got) != 3 || got[0].Qty != 2500 || got[1].Choice != group || got[2].Choice != group {
			t.Errorf("stored: %+v (%v)", got, err)
		}
		for _, r := range ke.rows {
			if r.errMsg.Visible() {
				t.Errorf("an error left: %q", r.errMsg.Text)
			}
		}
	})
}
