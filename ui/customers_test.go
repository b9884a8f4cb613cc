package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// loaded waits until the list has counted and paged in every row.
func (h *harness) loaded(l *customerList) {
	h.t.Helper()
	h.waitFor("the customer list to load", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.done && !l.loading && l.count.Text != ""
	})
	h.settle()
}

func (h *harness) countCustomers(login string, f model.CustomerFilter) int {
	h.t.Helper()
	n, err := h.session(login).CountCustomers(h.ctx, f)
	if err != nil {
		h.t.Fatalf("count customers as %s: %v", login, err)
	}
	return n
}

// customerNamed finds a live customer by exact name, as the system sees it.
func (h *harness) customerNamed(name string) (model.Customer, bool) {
	h.t.Helper()
	cs, err := h.store.Session(repo.System).FindCustomers(h.ctx, model.CustomerFilter{Query: name, Limit: 1000})
	if err != nil {
		h.t.Fatalf("find customers: %v", err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return model.Customer{}, false
}

// customerFormView is the customer dialog as found on the window.
type customerFormView struct {
	root   fyne.CanvasObject
	save   *widget.Button
	status *widget.Label
}

func (h *harness) customerForm() customerFormView {
	h.t.Helper()
	d := h.overlay()
	v := customerFormView{root: d, save: buttonIn(h.t, d, en("btn.save"))}
	walk(d, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for i, x := range c.Objects {
			if x == v.save && i > 0 {
				v.status, _ = c.Objects[i-1].(*widget.Label)
			}
		}
	})
	if v.status == nil {
		h.t.Fatal("customer form: no status label before the save button")
	}
	return v
}

func (v customerFormView) set(t *testing.T, label, text string) {
	t.Helper()
	fieldIn(t, v.root, label).entry(t).SetText(text)
}

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
		if got, want := l.count.Text, h.a.N("customers.count", int64(own)); got != want {
			t.Errorf("count label: got %q, want %q", got, want)
		}
		if got, want := l.count.Text, catalog.Lang("en").N("customers.count", int64(own)); got != want {
			t.Errorf("count label: got %q, want the English plural %q", got, want)
		}
		l.mu.Lock()
		rows := append([]model.Customer(nil), l.rows...)
		l.mu.Unlock()
		if len(rows) != own {
			t.Fatalf("rows loaded: got %d, want %d", len(rows), own)
		}
		for _, c := range rows {
			if c.OwnerID != seller.ID {
				t.Fatalf("row %q is owned by %s, not the seller", c.Name, c.OwnerName)
			}
		}
		if r, c := l.size(); r != own || c != len(customerColumns) {
			t.Errorf("table size: got %d×%d, want %d×%d", r, c, own, len(customerColumns))
		}
	})

	t.Run("search narrows the list", func(t *testing.T) {
		l.mu.Lock()
		first := l.rows[0]
		l.mu.Unlock()
		l.search.SetText(first.Name)
		want := h.countCustomers("seller", model.CustomerFilter{Query: first.Name})
		h.waitFor("the filtered count", func() bool { return l.count.Text == h.a.N("customers.count", int64(want)) })
		h.loaded(l)
		l.mu.Lock()
		n := len(l.rows)
		l.mu.Unlock()
		if n != want || n == own {
			t.Errorf("rows for %q: got %d, want %d (of %d)", first.Name, n, want, own)
		}
		l.search.SetText("")
		h.waitFor("the full count", func() bool { return l.count.Text == h.a.N("customers.count", int64(own)) })
		h.loaded(l)
	})

	t.Run("bad INN is refused", func(t *testing.T) {
		test.Tap(buttonIn(t, h.a.shell.content, en("btn.new")))
		f := h.customerForm()
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
		if got := h.countCustomers("seller", model.CustomerFilter{}); got != own {
			t.Errorf("seller's customers: got %d, want %d", got, own)
		}
		if h.win.Canvas().Overlays().Top() == nil {
			t.Fatal("form closed after a refused save")
		}
		h.win.Canvas().Overlays().Top().Hide()
	})

	t.Run("valid customer is created for the seller", func(t *testing.T) {
		test.Tap(buttonIn(t, h.a.shell.content, en("btn.new")))
		f := h.customerForm()
		owner := findAll[*widget.Select](f.root, nil)
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
		h.waitFor("the list to count the new customer", func() bool { return l.count.Text == h.a.N("customers.count", int64(own+1)) })
		h.loaded(l)
	})

	t.Run("stale edit shows the stale message", func(t *testing.T) {
		c, ok := h.customerNamed("ООО «Проверка»")
		if !ok {
			t.Fatal("no customer to edit")
		}
		row := -1
		l.mu.Lock()
		for i, r := range l.rows {
			if r.ID == c.ID {
				row = i
			}
		}
		l.mu.Unlock()
		if row < 0 {
			t.Fatal("the new customer is not in the list")
		}
		l.table.Select(widget.TableCellID{Row: row, Col: 0})
		test.Tap(buttonIn(t, h.a.shell.content, en("btn.open")))
		f := h.customerForm()
		if got, want := fieldIn(t, f.root, en("field.inn")).entry(t).Text, c.INN; got != want {
			t.Fatalf("form INN: got %q, want %q", got, want)
		}
		// Someone else saves first.
		other := c
		other.Phone = "+7 495 999-88-77"
		if _, err := h.session("seller").UpdateCustomer(h.ctx, other); err != nil {
			t.Fatalf("update from another session: %v", err)
		}
		f.set(t, en("field.note"), "моя заметка")
		test.Tap(f.save)
		if got, want := f.status.Text, en("err.stale"); got != want {
			t.Errorf("status: got %q, want %q", got, want)
		}
		if h.win.Canvas().Overlays().Top() == nil {
			t.Fatal("form closed after a stale save")
		}
		got, _ := h.customerNamed("ООО «Проверка»")
		if got.Phone != "+7 495 999-88-77" || got.Note != "" || got.Version != c.Version+1 {
			t.Errorf("after the stale save: phone %q note %q version %d; want the other session's change only", got.Phone, got.Note, got.Version)
		}
		h.win.Canvas().Overlays().Top().Hide()
	})
}

func TestGlobalSearch(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	h.openNav("settings")
	q := "ООО «Альфа"
	test.Type(h.a.shell.search, q)
	h.a.shell.search.OnSubmitted(h.a.shell.search.Text)
	l := h.customerList()
	if got := l.query; got != q {
		t.Fatalf("list query: got %q, want %q", got, q)
	}
	if got, want := h.a.shell.items[h.a.shell.current].key, "customers"; got != want {
		t.Errorf("sidebar item: got %q, want %q", got, want)
	}
	h.loaded(l)
	want := h.countCustomers("admin", model.CustomerFilter{Query: q})
	if want == 0 || want == h.countCustomers("admin", model.CustomerFilter{}) {
		t.Fatalf("demo data: %d customers match %q; want some but not all", want, q)
	}
	if got, want := l.count.Text, catalog.Lang("en").N("customers.count", int64(want)); got != want {
		t.Errorf("count: got %q, want %q", got, want)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.rows) != want {
		t.Errorf("rows: got %d, want %d", len(l.rows), want)
	}
}

func TestCustomersPaging(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	l := h.customerList()
	total := h.countCustomers("admin", model.CustomerFilter{})
	if total <= customerPage {
		t.Fatalf("demo data: %d customers, want more than a page (%d)", total, customerPage)
	}
	h.waitFor("the first page", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return len(l.rows) > 0 && !l.loading && l.count.Text != ""
	})
	h.settle()
	l.mu.Lock()
	first, done := len(l.rows), l.done
	l.mu.Unlock()
	if first != customerPage || done {
		t.Fatalf("before scrolling: %d rows loaded (done %v), want one page of %d", first, done, customerPage)
	}
	if got, want := l.count.Text, catalog.Lang("en").N("customers.count", int64(total)); got != want {
		t.Errorf("count: got %q, want %q", got, want)
	}
	// Scrolling to the end shows the "loading" row, which fetches the next page.
	l.table.ScrollToBottom()
	h.loaded(l)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.rows) != total {
		t.Fatalf("after scrolling: got %d rows, want %d", len(l.rows), total)
	}
	seen := map[string]bool{}
	for i, c := range l.rows {
		if seen[c.ID] {
			t.Fatalf("row %d: customer %s twice", i, c.ID)
		}
		seen[c.ID] = true
		if i > 0 && model.FoldText(l.rows[i-1].Name) > model.FoldText(c.Name) {
			t.Errorf("rows %d and %d out of order: %q > %q", i-1, i, l.rows[i-1].Name, c.Name)
		}
	}
}

func TestCustomerShare(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("seller", "demo2026")
	l := h.customerList()
	l.mu.Lock()
	c := l.rows[0]
	l.mu.Unlock()
	f := newCustomerForm(h.a, c, nil)
	f.show()
	h.settle()
	share := h.user("seller2")
	seller2 := h.session("seller2")
	if _, err := seller2.FindCustomerByID(h.ctx, c.ID); err == nil {
		t.Fatal("seller2 sees seller's customer before it is shared")
	}
	sel := findAll(h.overlay(), func(s *widget.Select) bool { return len(s.Options) > 0 && s.Options[0] == share.FullName })
	if len(sel) != 1 {
		t.Fatalf("share picker with %s: found %d", share.FullName, len(sel))
	}
	sel[0].SetSelectedIndex(0)
	test.Tap(buttonIn(t, h.overlay(), en("customer.share")))
	if got, want := f.status.Text, en("customer.shared", share.FullName); got != want {
		t.Errorf("status: got %q, want %q", got, want)
	}
	if _, err := seller2.FindCustomerByID(h.ctx, c.ID); err != nil {
		t.Errorf("seller2 after sharing: %v", err)
	}
}
