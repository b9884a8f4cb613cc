package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// menuShortcut runs the main menu item bound to sc, as the desktop driver
// does for a key press whatever has the focus.
func (h *harness) menuShortcut(sc fyne.Shortcut) {
	h.t.Helper()
	menu := h.win.MainMenu()
	if menu == nil {
		h.t.Fatal("the window has no main menu")
	}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				if it.Disabled {
					h.t.Fatalf("menu item %q is disabled", it.Label)
				}
				it.Action()
				return
			}
		}
	}
	h.t.Fatalf("no menu item for %s", sc.ShortcutName())
}

func TestCustomerCard(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	seller := h.user("seller")
	l := h.customerList()
	h.loaded(l)
	first, _ := l.row(0)
	_, _, row := shownRow(l, 0)
	row.DoubleTapped(nil)
	c := h.card()
	if c.id != first.ID || c.title.Text != first.Name {
		t.Fatalf("double tap opened %q, want %q", c.title.Text, first.Name)
	}
	if !strings.Contains(c.info.Text, first.INN) {
		t.Errorf("card header %q lacks the INN %s", c.info.Text, first.INN)
	}

	t.Run("the shortcut adds a timeline entry by the user", func(t *testing.T) {
		// Focus an entry first: the shortcut is on the menu, so it still works.
		profile := h.tab(c, "card.profile")
		h.win.Canvas().Focus(fieldIn(t, profile, en("field.name")).entry(t))
		h.menuShortcut(shortcutAddEntry)
		d := h.dialog()
		text, ok := h.win.Canvas().Focused().(*widget.Entry)
		if !ok || fieldIn(t, d.root, en("field.text")).input != text {
			t.Fatalf("focused: %T, want the dialog's text entry", h.win.Canvas().Focused())
		}
		test.Type(text, "Обсудили поставку на март")
		radios := findAll[*widget.RadioGroup](d.root, nil)
		if len(radios) != 1 {
			t.Fatalf("impression radios: got %d, want 1", len(radios))
		}
		radios[0].SetSelected(en("impression.positive"))
		h.menuShortcut(shortcutAddEntry) // the same keys save
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("entry dialog still open; text error %q", fieldIn(t, d.root, en("field.text")).errorText())
		}
		h.settle()
		tl, err := h.session("seller").FindInteractions(h.ctx, c.id, "", 10)
		if err != nil || len(tl) == 0 {
			t.Fatalf("timeline: %d entries, %v", len(tl), err)
		}
		if tl[0].Text != "Обсудили поставку на март" || tl[0].AuthorID != seller.ID || tl[0].Impression != model.ImpressionPositive {
			t.Errorf("newest entry: got %+v", tl[0])
		}
		timeline := h.tab(c, "card.timeline")
		labels := findAll(timeline, func(l *widget.Label) bool { return l.Visible() && l.Text != "" })
		if len(labels) < 2 || !strings.Contains(labels[0].Text, en("interaction.call")) || !strings.Contains(labels[0].Text, seller.FullName) ||
			labels[1].Text != "Обсудили поставку на март" {
			var got []string
			for _, l := range labels[:min(4, len(labels))] {
				got = append(got, l.Text)
			}
			t.Errorf("timeline starts with %q; want the new call by %s first", got, seller.FullName)
		}
	})

	t.Run("add a primary contact", func(t *testing.T) {
		contacts := h.tab(c, "card.contacts")
		tap(t, contacts, en("contacts.add"))
		d := h.dialog()
		d.set(t, en("field.contact_name"), "Петрова Анна Сергеевна")
		d.set(t, en("field.position"), "Главный бухгалтер")
		d.set(t, en("field.phones"), "+7 916 555-12-34, 8 (495) 700-00-01")
		d.set(t, en("field.emails"), "anna.petrova@example.ru")
		primary := findAll(d.root, func(c *widget.Check) bool { return c.Text == en("contacts.primary") })
		if len(primary) != 1 {
			t.Fatalf("primary checks: got %d", len(primary))
		}
		primary[0].SetChecked(true)
		test.Tap(d.save)
		if top := h.win.Canvas().Overlays().Top(); top != nil && top != d.root {
			// A duplicate warning: save anyway.
			tap(t, top, en("dups.save_anyway"))
		}
		h.settle()
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("contact dialog still open; name error %q", fieldIn(t, d.root, en("field.contact_name")).errorText())
		}
		card, err := h.session("seller").CustomerCard(h.ctx, c.id, 1)
		if err != nil {
			t.Fatal(err)
		}
		var saved *model.Contact
		for i, ct := range card.Contacts {
			if ct.Name == "Петрова Анна Сергеевна" {
				saved = &card.Contacts[i]
			} else if ct.Primary {
				t.Errorf("contact %q is still primary", ct.Name)
			}
		}
		if saved == nil || !saved.Primary || len(saved.Phones) != 2 || saved.Emails[0] != "anna.petrova@example.ru" {
			t.Fatalf("saved contact: %+v", saved)
		}
		want := "★ Петрова Анна Сергеевна — Главный бухгалтер · " + en("contacts.primary")
		if !hasLabel(contacts, want) {
			ct := contacts.(*fyne.Container)
			list := findAll[*widget.List](ct, nil)[0]
			var shown []string
			for i := range len(card.Contacts) {
				o := list.CreateItem()
				list.UpdateItem(i, o)
				shown = append(shown, findAll[*widget.Label](o, nil)[0].Text)
			}
			if !containsString(shown, want) {
				t.Errorf("contact rows %q lack %q", shown, want)
			}
		}
	})

	t.Run("a new service request from the card", func(t *testing.T) {
		reqs := h.tab(c, "card.requests")
		tap(t, reqs, en("requests.new"))
		d := h.dialog()
		d.set(t, en("field.subject"), "Не работает доставка")
		test.Tap(d.save)
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("request dialog still open; subject error %q", fieldIn(t, d.root, en("field.subject")).errorText())
		}
		h.settle()
		rs, err := h.session("seller").FindServiceRequests(h.ctx, model.ServiceRequestFilter{CustomerID: c.id})
		if err != nil || len(rs) == 0 || rs[0].Subject != "Не работает доставка" || rs[0].Status != model.RequestOpen {
			t.Fatalf("requests of the customer: %+v, %v", rs, err)
		}
		if len(c.data.Requests) == 0 || c.data.Requests[0].ID != rs[0].ID {
			t.Errorf("the card did not reload its requests")
		}
	})
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestProfileDuplicateINN(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	var withINN model.Customer
	for _, c := range h.findCustomers("admin", model.CustomerFilter{}) {
		if len(c.INN) == 10 {
			withINN = c
			break
		}
	}
	if withINN.ID == "" {
		t.Fatal("demo data: no company with an INN")
	}
	fresh, err := h.session("admin").CreateCustomer(h.ctx, model.Customer{Name: "ООО «Двойник»", Kind: model.CustomerCompany})
	if err != nil {
		t.Fatal(err)
	}
	c := h.openCard(fresh.ID)
	profile := h.tab(c, "card.profile")
	fieldIn(t, profile, en("field.inn")).entry(t).SetText(withINN.INN)
	tap(t, profile, en("btn.save"))
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no duplicate warning")
	}
	if !hasLabelContaining(top, withINN.Name) || !hasLabelContaining(top, en("dups.text")) {
		t.Errorf("the warning does not name %q", withINN.Name)
	}
	tap(t, top, en("btn.cancel"))
	if got, _ := h.session("admin").FindCustomerByID(h.ctx, fresh.ID); got.INN != "" {
		t.Fatalf("saved without «save anyway»: INN %q", got.INN)
	}
	tap(t, profile, en("btn.save"))
	tap(t, h.overlay(), en("dups.save_anyway"))
	h.settle()
	if got, _ := h.session("admin").FindCustomerByID(h.ctx, fresh.ID); got.INN != withINN.INN || got.Version != fresh.Version+1 {
		t.Errorf("after «save anyway»: INN %q version %d, want %q and %d", got.INN, got.Version, withINN.INN, fresh.Version+1)
	}
}

func hasLabelContaining(root fyne.CanvasObject, text string) bool {
	return len(findAll(root, func(l *widget.Label) bool { return l.Visible() && strings.Contains(l.Text, text) })) > 0
}

func TestCardIsReadOnlyForTheAccountant(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	l := h.customerList()
	h.loaded(l)
	first, _ := l.row(0)
	c := h.openCard(first.ID)
	profile := h.tab(c, "card.profile")
	if !buttonIn(t, profile, en("btn.save")).Disabled() || !fieldIn(t, profile, en("field.name")).entry(t).Disabled() {
		t.Error("the accountant can edit the profile")
	}
	if !c.entry.Disabled() || !buttonIn(t, h.tab(c, "card.contacts"), en("contacts.add")).Disabled() {
		t.Error("the accountant can add timeline entries or contacts")
	}
	h.menuShortcut(shortcutAddEntry)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("the shortcut opened the entry dialog for the accountant")
	}
}

func TestShareFromTheProfile(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	l := h.customerList()
	h.loaded(l)
	c, _ := l.row(0)
	seller2 := h.session("seller2")
	if _, err := seller2.FindCustomerByID(h.ctx, c.ID); err == nil {
		t.Fatal("seller2 sees seller's customer before it is shared")
	}
	card := h.openCard(c.ID)
	profile := h.tab(card, "card.profile")
	shares := findAll(profile, func(s *widget.Select) bool { return s.PlaceHolder == en("choose") })
	if len(shares) != 1 {
		t.Fatalf("share pickers: got %d, want 1", len(shares))
	}
	shares[0].SetSelected(h.user("seller2").FullName)
	tap(t, profile, en("customer.share"))
	if !hasLabel(profile, en("customer.shared", h.user("seller2").FullName)) {
		t.Error("no confirmation of the share")
	}
	if _, err := seller2.FindCustomerByID(h.ctx, c.ID); err != nil {
		t.Errorf("seller2 after sharing: %v", err)
	}
}
