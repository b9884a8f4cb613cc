package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

func TestCustomersAsSeller(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", repo.DemoPassword)
	seller := h.user("seller")
	l := h.customerList()
	h.loaded(l)

	own := h.countCustomers("seller", model.CustomerFilter{})
	all := h.countCustomers("admin", model.CustomerFilter{})
	if own == 0 || own >= all {
		t.Fatalf("demo data: seller sees %d of %d customers; want some but not all", own, all)
	}

	t.Run("list shows only own customers", func(t *testing.T) {
		if got, want := l.count.Text, catalog.Lang("en").N("customers.count", int64(own)); got != want {
			t.Errorf("count label: got %q, want %q", got, want)
		}
		rows := h.listRows(l)
		if len(rows) != own {
			t.Fatalf("rows: got %d, want %d", len(rows), own)
		}
		for _, c := range rows {
			if c.OwnerID != seller.ID {
				t.Fatalf("row %q is owned by %s, not the seller", c.Name, c.OwnerName)
			}
		}
		_, texts, _ := shownRow(l, 0)
		if texts[0] != rows[0].Name || texts[1] != rows[0].INN {
			t.Errorf("first row shows %q, want name %q and INN %q", texts, rows[0].Name, rows[0].INN)
		}
	})

	t.Run("search as you type narrows the list", func(t *testing.T) {
		first := h.listRows(l)[0]
		test.Type(l.search, first.Name)
		want := h.findCustomers("seller", model.CustomerFilter{Query: first.Name})
		if len(want) == 0 || len(want) == own {
			t.Fatalf("demo data: %d customers match %q; want some but not all", len(want), first.Name)
		}
		h.waitFor("the filtered count", func() bool { return l.counted && l.total == len(want) })
		h.loaded(l)
		if got := ids(h.listRows(l)); !slices.Equal(got, ids(want)) {
			t.Errorf("rows for %q: got %v, want %v", first.Name, got, ids(want))
		}
		l.search.SetText("")
		h.waitFor("the full count", func() bool { return l.counted && l.total == own })
		h.loaded(l)
	})

	t.Run("bad INN is refused", func(t *testing.T) {
		tap(t, h.a.shell.content, en("btn.new"))
		f := h.dialog()
		f.set(t, en("field.name"), "ООО «Проверка»")
		f.set(t, en("field.inn"), "7707083894")
		test.Tap(f.save)
		if got, want := fieldIn(t, f.root, en("field.inn")).errorText(), en("valid.inn.checksum"); got != want {
			t.Errorf("INN error: got %q, want %q", got, want)
		}
		if got, want := f.status.Text, en("err.fix_fields"); got != want {
			t.Errorf("status: got %q, want %q", got, want)
		}
		if _, ok := h.customerNamed("ООО «Проверка»"); ok {
			t.Error("a customer with a bad INN was saved")
		}
		if h.win.Canvas().Overlays().Top() == nil {
			t.Fatal("form closed after a refused save")
		}
		h.closeDialogs()
	})

	t.Run("a new customer is created for the seller and its card opens", func(t *testing.T) {
		tap(t, h.a.shell.content, en("btn.new"))
		f := h.dialog()
		h.settle()
		owner := findAll(f.root, func(s *widget.Select) bool { return s.PlaceHolder == en("field.owner") })
		if len(owner) != 1 || owner[0].Selected != seller.FullName || !owner[0].Disabled() {
			t.Errorf("owner select: %d found; want one, disabled, showing %q", len(owner), seller.FullName)
		}
		f.set(t, en("field.name"), "ООО «Проверка»")
		f.set(t, en("field.inn"), "7736207543")
		f.set(t, en("field.phone"), "+7 495 111-22-33")
		test.Tap(f.save)
		if top := h.win.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("form still open; status %q, INN error %q", f.status.Text, fieldIn(t, f.root, en("field.inn")).errorText())
		}
		c, ok := h.customerNamed("ООО «Проверка»")
		if !ok {
			t.Fatal("the new customer is not in the database")
		}
		if c.OwnerID != seller.ID || c.INN != "7736207543" || c.Kind != model.CustomerCompany || c.Phone != "+7 495 111-22-33" {
			t.Errorf("saved customer: got %+v; want a company with INN 7736207543 owned by the seller", c)
		}
		card := h.card()
		if card.id != c.ID || card.title.Text != c.Name {
			t.Errorf("card shows %q (%s), want %q (%s)", card.title.Text, card.id, c.Name, c.ID)
		}
		h.a.shell.back()
		if h.customerList() != l {
			t.Fatal("back did not return to the same list")
		}
		h.waitFor("the list to count the new customer", func() bool { return l.total == own+1 })
		h.loaded(l)
	})

	t.Run("stale profile save shows the stale message", func(t *testing.T) {
		c, ok := h.customerNamed("ООО «Проверка»")
		if !ok {
			t.Fatal("no customer to edit")
		}
		card := h.openCard(c.ID)
		profile := h.tab(card, "card.profile")
		if got := fieldIn(t, profile, en("field.inn")).entry(t).Text; got != c.INN {
			t.Fatalf("profile INN: got %q, want %q", got, c.INN)
		}
		other := c
		other.Phone = "+7 495 999-88-77"
		if _, err := h.session("seller").UpdateCustomer(h.ctx, other); err != nil {
			t.Fatalf("update from another session: %v", err)
		}
		fieldIn(t, profile, en("field.note")).entry(t).SetText("моя заметка")
		tap(t, profile, en("btn.save"))
		status := findAll(profile, func(l *widget.Label) bool { return l.Text == en("err.stale") })
		if len(status) != 1 {
			t.Errorf("no stale message shown")
		}
		got, _ := h.customerNamed("ООО «Проверка»")
		if got.Phone != "+7 495 999-88-77" || got.Note != "" || got.Version != c.Version+1 {
			t.Errorf("after the stale save: phone %q note %q version %d; want the other session's change only", got.Phone, got.Note, got.Version)
		}
		h.a.shell.back()
	})
}

func TestCustomerListSortAndFilters(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.customerList()
	h.loaded(l)

	t.Run("sort by INN descending", func(t *testing.T) {
		l.sortSel.SetSelected(en("sort.inn"))
		h.loaded(l)
		test.Tap(l.descBtn)
		h.loaded(l)
		want := h.findCustomers("admin", model.CustomerFilter{Sort: model.SortByINN, Desc: true})
		got := h.listRows(l)
		if !slices.Equal(ids(got), ids(want)) {
			t.Fatalf("rows by INN descending differ from the service's order")
		}
		if slices.Equal(ids(got), ids(h.findCustomers("admin", model.CustomerFilter{}))) {
			t.Error("INN order is the same as name order: the sort did nothing")
		}
		if h.keysets.Load() == 0 {
			t.Error("no page was read by keyset")
		}
	})

	t.Run("tapping the name header sorts by name, twice reverses", func(t *testing.T) {
		test.Tap(l.headers["name"])
		h.loaded(l)
		if l.f.Sort != model.SortByName || l.f.Desc {
			t.Fatalf("after one tap: sort %q desc %v, want name ascending", l.f.Sort, l.f.Desc)
		}
		test.Tap(l.headers["name"])
		h.loaded(l)
		want := h.findCustomers("admin", model.CustomerFilter{Sort: model.SortByName, Desc: true})
		if got := h.listRows(l); !slices.Equal(ids(got), ids(want)) {
			t.Errorf("rows by name descending differ from the service's order")
		}
		if got := l.sortSel.Selected; got != en("sort.name") {
			t.Errorf("sort select shows %q, want %q", got, en("sort.name"))
		}
	})

	t.Run("region filter narrows", func(t *testing.T) {
		first := h.listRows(l)[0]
		if first.RegionCode == "" {
			t.Skip("demo customer without a region")
		}
		pick(t, l.filters.region, first.RegionCode)
		h.loaded(l)
		want := h.findCustomers("admin", model.CustomerFilter{RegionCode: first.RegionCode, Sort: model.SortByName, Desc: true})
		got := h.listRows(l)
		if len(got) == 0 || len(got) == h.countCustomers("admin", model.CustomerFilter{}) || !slices.Equal(ids(got), ids(want)) {
			t.Errorf("region %s: got %d rows, want the service's %d", first.RegionName, len(got), len(want))
		}
		if _, texts, _ := shownRow(l, 0); texts[2] != l.filters.region.sel.Selected {
			t.Errorf("region column shows %q, the filter %q", texts[2], l.filters.region.sel.Selected)
		}
		l.filters.region.sel.SetSelected(en("filter.any"))
		h.loaded(l)
		if l.filters.region.value() != "" || l.total != h.countCustomers("admin", model.CustomerFilter{}) {
			t.Errorf("after «any»: region %q, %d rows", l.filters.region.value(), l.total)
		}
	})

	t.Run("save a filter, clear it, apply it again", func(t *testing.T) {
		first := h.listRows(l)[0]
		pick(t, l.filters.region, first.RegionCode)
		h.loaded(l)
		n := l.total
		test.Tap(findAll(l.root, func(b *widget.Button) bool { return b.Icon != nil && b.Icon.Name() == theme.DocumentSaveIcon().Name() })[0])
		d := h.dialog()
		d.set(t, en("field.filter_name"), "Мой регион")
		test.Tap(d.save)
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatal("save filter dialog still open")
		}
		h.settle()
		sfs, err := h.session("admin").SavedFilters(h.ctx)
		if err != nil || len(sfs) != 1 || sfs[0].Name != "Мой регион" || sfs[0].Filter.RegionCode != first.RegionCode {
			t.Fatalf("saved filters: %+v, %v", sfs, err)
		}
		l.filters.region.sel.SetSelected(en("filter.any"))
		h.loaded(l)
		pick(t, l.filters.saved, sfs[0].ID)
		h.loaded(l)
		if l.filters.region.value() != first.RegionCode || l.total != n {
			t.Errorf("after applying: region %q with %d rows, want %q with %d", l.filters.region.value(), l.total, first.RegionCode, n)
		}
		l.filters.region.sel.SetSelected(en("filter.any"))
		h.loaded(l)
	})

	t.Run("assign two rows to another seller", func(t *testing.T) {
		rows := h.listRows(l)
		for i := range 2 {
			check, _, _ := shownRow(l, i)
			test.Tap(check)
		}
		tap(t, l.bulk.box, en("bulk.assign"))
		h.settle()
		seller2 := h.user("seller2")
		pick(t, l.bulk.owner, seller2.ID)
		test.Tap(h.dialog().save)
		h.settle()
		for _, c := range rows[:2] {
			if got, _ := h.session("admin").FindCustomerByID(h.ctx, c.ID); got.OwnerID != seller2.ID {
				t.Errorf("%s owned by %s, want %s", c.Name, got.OwnerName, seller2.FullName)
			}
		}
		tap(t, l.bulk.box, en("bulk.clear"))
	})

	t.Run("check two rows and add a tag", func(t *testing.T) {
		rows := h.listRows(l)
		for i := range 2 {
			check, _, _ := shownRow(l, i)
			test.Tap(check)
		}
		if len(l.checked) != 2 || !l.bulk.box.Visible() {
			t.Fatalf("checked %d rows, bulk bar visible %v; want 2 and visible", len(l.checked), l.bulk.box.Visible())
		}
		tap(t, l.bulk.box, en("bulk.tag"))
		d := h.dialog()
		tags := findAll[*widget.SelectEntry](d.root, nil)
		if len(tags) != 1 {
			t.Fatalf("tag inputs: got %d, want 1", len(tags))
		}
		tags[0].SetText("выставка-2026")
		test.Tap(d.save)
		if h.win.Canvas().Overlays().Top() != nil {
			t.Fatal("tag dialog still open")
		}
		tagged := h.findCustomers("admin", model.CustomerFilter{Tag: "выставка-2026"})
		if got, want := ids(tagged), []string{rows[0].ID, rows[1].ID}; len(got) != 2 || !slices.Contains(got, want[0]) || !slices.Contains(got, want[1]) {
			t.Errorf("tagged customers: got %v, want %v", got, want)
		}
		h.loaded(l)

		t.Run("tag filter shows them", func(t *testing.T) {
			if !slices.Contains(l.filters.tag.sel.Options, "выставка-2026") {
				t.Fatalf("tag filter options %v lack the new tag", l.filters.tag.sel.Options)
			}
			l.filters.tag.sel.SetSelected("выставка-2026")
			h.loaded(l)
			if got := h.listRows(l); len(got) != 2 {
				t.Errorf("rows with the tag: got %d, want 2", len(got))
			}
		})
	})
}

func TestMergeTwoCustomers(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.customerList()
	h.loaded(l)
	rows := h.listRows(l)
	keep, drop := rows[0], rows[1]
	cardOf := func(id string) model.CustomerCard {
		c, err := h.session("admin").CustomerCard(h.ctx, id, 1000)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	contacts := len(cardOf(keep.ID).Contacts) + len(cardOf(drop.ID).Contacts)
	for i := range 2 {
		check, _, _ := shownRow(l, i)
		test.Tap(check)
	}
	tap(t, l.bulk.box, en("bulk.merge"))
	d := h.overlay()
	radios := findAll[*widget.RadioGroup](d, nil)
	if len(radios) != 1 || len(radios[0].Options) != 2 {
		t.Fatal("no choice of the customer to keep")
	}
	radios[0].SetSelected(radios[0].Options[0])
	tap(t, d, en("merge.do"))
	h.loaded(l)
	if _, err := h.session("admin").FindCustomerByID(h.ctx, drop.ID); err == nil {
		if c, _ := h.session("admin").FindCustomerByID(h.ctx, drop.ID); c.DeletedAt.IsZero() {
			t.Errorf("%s is still live after the merge", drop.Name)
		}
	}
	if got := len(cardOf(keep.ID).Contacts); got != contacts {
		t.Errorf("contacts of the kept customer: got %d, want %d", got, contacts)
	}
	if len(l.checked) != 0 || l.total != len(rows)-1 {
		t.Errorf("after the merge: %d checked, %d rows; want 0 and %d", len(l.checked), l.total, len(rows)-1)
	}
}

func TestCustomerListJumpsToTheEnd(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.customerList()
	h.loaded(l)
	total := h.countCustomers("admin", model.CustomerFilter{})
	if total <= 2*customerPage {
		t.Fatalf("demo data: %d customers, want more than two pages (%d)", total, 2*customerPage)
	}
	if got := l.pages.cached(); got != 1 {
		t.Fatalf("pages cached after opening: got %d, want 1", got)
	}
	h.offsets.Store(0)
	l.list.ScrollToBottom()
	h.loaded(l)
	last, ok := l.row(total - 1)
	if !ok {
		t.Fatal("the last row is not loaded after scrolling to the end")
	}
	want := h.findCustomers("admin", model.CustomerFilter{})[total-1]
	if last.ID != want.ID {
		t.Errorf("last row: got %q, want %q", last.Name, want.Name)
	}
	_, texts, _ := shownRow(l, total-1)
	if texts[0] != want.Name {
		t.Errorf("last row shows %q, want %q", texts[0], want.Name)
	}
	if h.offsets.Load() == 0 {
		t.Error("the jump did not read by offset")
	}
	if _, ok := l.pages.pages[1]; ok {
		t.Error("the page between the first and the last was read: a jump should skip it")
	}
}

func TestGlobalSearch(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	h.openNav("settings")
	q := "ООО «Альфа"
	hits, err := h.session("admin").SearchCustomers(h.ctx, q, searchHits)
	if err != nil || len(hits) == 0 {
		t.Fatalf("demo data: search %q: %d hits, %v", q, len(hits), err)
	}

	t.Run("typing shows the hits", func(t *testing.T) {
		test.Type(h.a.shell.search, q)
		h.settle()
		g := h.a.shell.find
		if !g.panel.Visible() || len(g.rows.Objects) != len(hits) {
			t.Fatalf("hits panel: visible %v with %d rows, want %d", g.panel.Visible(), len(g.rows.Objects), len(hits))
		}
		if !hasLabel(g.panel, hits[0].Customer.Name+" · "+en("col.inn")+" "+hits[0].Customer.INN) && !hasLabelPrefix(g.panel, hits[0].Customer.Name) {
			t.Errorf("first hit %q not shown", hits[0].Customer.Name)
		}
	})

	t.Run("down and Enter open the second hit's card", func(t *testing.T) {
		if len(hits) < 2 {
			t.Skip("one hit only")
		}
		h.a.shell.search.TypedKey(&fyneKeyDown)
		h.a.shell.search.TypedKey(&fyneKeyReturn)
		c := h.card()
		if c.id != hits[1].Customer.ID {
			t.Errorf("card of %s, want %s", c.data.Customer.Name, hits[1].Customer.Name)
		}
		if h.a.shell.find.panel.Visible() || h.a.shell.search.Text != "" {
			t.Error("the search box was not cleared after opening a hit")
		}
	})

	t.Run("tapping a hit opens its card", func(t *testing.T) {
		test.Type(h.a.shell.search, q)
		h.settle()
		rows := h.a.shell.find.rows.Objects
		if len(rows) == 0 {
			t.Fatal("no hits shown")
		}
		test.Tap(rows[0].(*tapArea))
		if c := h.card(); c.id != hits[0].Customer.ID {
			t.Errorf("card of %s, want %s", c.data.Customer.Name, hits[0].Customer.Name)
		}
	})

	t.Run("Enter without hits opens the filtered list", func(t *testing.T) {
		q := "Щъыэ несуществующий"
		test.Type(h.a.shell.search, q)
		h.a.shell.search.TypedKey(&fyneKeyReturn)
		l := h.customerList()
		if l.f.Query != q || l.search.Text != q {
			t.Fatalf("list query: got %q, want %q", l.f.Query, q)
		}
		if got, want := h.a.shell.items[h.a.shell.current].key, "customers"; got != want {
			t.Errorf("sidebar item: got %q, want %q", got, want)
		}
		h.loaded(l)
		if l.total != 0 {
			t.Errorf("rows: got %d, want 0", l.total)
		}
	})
}
