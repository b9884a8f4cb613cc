package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/repo"
)

// waitLimit bounds every wait for background work.
const waitLimit = 5 * time.Second

// loopDriver stands in for the desktop driver's event loop: fyne.Do from a
// goroutine queues the function and the test goroutine runs the queue while it
// waits (pump). The stock test driver runs the function at once on the calling
// goroutine instead; built with migrated_fynedo, Fyne's widget caches are
// unsynchronised maps, so a background page load touching widgets while the
// test taps and types could kill the test binary with a concurrent map write.
type loopDriver struct {
	fyne.Driver
	mu    sync.Mutex
	queue []func()
}

// DoFromGoroutine queues f for the next pump; the UI code only uses fyne.Do,
// so the wait flag is not needed.
func (d *loopDriver) DoFromGoroutine(f func(), _ bool) {
	d.mu.Lock()
	d.queue = append(d.queue, f)
	d.mu.Unlock()
}

// pump runs the queued functions (and any they queue) and reports how many ran.
func (d *loopDriver) pump() int {
	n := 0
	for {
		d.mu.Lock()
		q := d.queue
		d.queue = nil
		d.mu.Unlock()
		if len(q) == 0 {
			return n
		}
		for _, f := range q {
			f()
			n++
		}
	}
}

// loopApp is the test app with the loopDriver.
type loopApp struct {
	fyne.App
	drv *loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.drv }

// countingCustomers counts the customer list reads in flight and the pages
// read by offset (jumps) rather than by keyset.
type countingCustomers struct {
	model.CustomerService
	busy    *atomic.Int32
	offsets *atomic.Int32
	keysets *atomic.Int32
}

func (c countingCustomers) FindCustomers(ctx context.Context, f model.CustomerFilter) ([]model.Customer, error) {
	c.busy.Add(1)
	defer c.busy.Add(-1)
	switch {
	case f.AfterID != "":
		c.keysets.Add(1)
	case f.Offset > 0:
		c.offsets.Add(1)
	}
	return c.CustomerService.FindCustomers(ctx, f)
}

func (c countingCustomers) CountCustomers(ctx context.Context, f model.CustomerFilter) (int, error) {
	c.busy.Add(1)
	defer c.busy.Add(-1)
	return c.CustomerService.CountCustomers(ctx, f)
}

// harness is one App in a test window over a real database in a temp dir.
type harness struct {
	t     *testing.T
	ctx   context.Context
	store *repo.Store
	path  string
	cat   *model.Catalog
	fa    *loopApp
	win   fyne.Window
	a     *App
	busy  atomic.Int32
	// pages of the customer list read by offset and by keyset
	offsets, keysets atomic.Int32
}

var catalog = assets.MustCatalog()

// en and ru translate with the catalog directly, independent of the App.
func en(key string, args ...any) string { return catalog.Lang("en").T(key, args...) }
func ru(key string, args ...any) string { return catalog.Lang("ru").T(key, args...) }

// newStore opens a new database in a temp dir, filled with the small demo
// company when demo is set.
func newStore(t *testing.T, demo bool) (*repo.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := repo.Open(path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if demo {
		if err := s.Demo(context.Background(), 1, repo.DemoSmall); err != nil {
			t.Fatalf("demo data: %v", err)
		}
	}
	return s, path
}

// newHarness builds the App like cmd/sdelka does, in language lang, and
// starts it (wizard or login).
func newHarness(t *testing.T, demo bool, lang string) *harness {
	t.Helper()
	s, path := newStore(t, demo)
	h := &harness{t: t, ctx: context.Background(), store: s, path: path, cat: catalog}
	base := test.NewTempApp(t)
	h.fa = &loopApp{App: base, drv: &loopDriver{Driver: base.Driver()}}
	fyne.SetCurrentApp(h.fa)
	h.fa.Preferences().SetString(PrefLanguage, lang)
	h.win = h.fa.NewWindow("t")
	h.win.Resize(fyne.NewSize(1200, 760))
	h.a = New(h.ctx, h.fa, h.win, Config{
		Gate: s.Gate(),
		Open: func(u model.User) model.Services {
			svc := s.Services(u)
			svc.Customers = countingCustomers{svc.Customers, &h.busy, &h.offsets, &h.keysets}
			return svc
		},
		Catalog: catalog,
		DBPath:  path,
	})
	t.Cleanup(func() {
		stopReminders(h.a)
		h.a.idle.stop()
		h.settle()
		h.win.Close()
	})
	h.a.Start()
	return h
}

// waitFor runs queued UI work until cond holds, failing after waitLimit.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		h.fa.drv.pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out after %s waiting for %s", waitLimit, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until no background work (reads, debounced searches) is in
// flight and no UI work is queued, twice in a row 10 ms apart.
func (h *harness) settle() {
	h.t.Helper()
	quiet := 0
	h.waitFor("background work to finish", func() bool {
		if h.busy.Load() != 0 || h.a.busy.Load() != 0 || h.fa.drv.pump() != 0 {
			quiet = 0
			return false
		}
		quiet++
		if quiet < 2 {
			time.Sleep(10 * time.Millisecond)
			return false
		}
		return true
	})
}

// user finds a user of the database by login.
func (h *harness) user(login string) model.User {
	h.t.Helper()
	us, err := h.store.Session(repo.System).FindUsers(h.ctx)
	if err != nil {
		h.t.Fatalf("find users: %v", err)
	}
	for _, u := range us {
		if u.Login == login {
			return u
		}
	}
	h.t.Fatalf("no user %q", login)
	return model.User{}
}

// session acts as the user with this login, outside the UI.
func (h *harness) session(login string) *repo.Session {
	h.t.Helper()
	return h.store.Session(h.user(login))
}

// --- walking the widget tree ---

// walk visits o and everything inside it: container children and the objects
// of widget renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, visit)
		}
	}
}

// findAll returns the objects of type T under root that match ok.
func findAll[T fyne.CanvasObject](root fyne.CanvasObject, ok func(T) bool) []T {
	var out []T
	walk(root, func(o fyne.CanvasObject) {
		if v, is := o.(T); is && (ok == nil || ok(v)) {
			out = append(out, v)
		}
	})
	return out
}

// buttonIn finds the one button labelled text under root.
func buttonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	bs := findAll(root, func(b *widget.Button) bool { return b.Text == text })
	if len(bs) != 1 {
		t.Fatalf("buttons %q: got %d, want 1", text, len(bs))
	}
	return bs[0]
}

// hasLabel reports whether a label showing text is under root.
func hasLabel(root fyne.CanvasObject, text string) bool {
	return len(findAll(root, func(l *widget.Label) bool { return l.Text == text && l.Visible() })) > 0
}

// shownField is a field of a form grid as it is on screen: its input and the
// validation message beside it.
type shownField struct {
	input fyne.CanvasObject
	msg   *widget.Label
}

// entry is the field's input as an entry.
func (f shownField) entry(t *testing.T) *widget.Entry {
	t.Helper()
	e, ok := f.input.(*widget.Entry)
	if !ok {
		t.Fatalf("field input is %T, want *widget.Entry", f.input)
	}
	return e
}

// errorText is the validation message shown beside the field ("" when hidden).
func (f shownField) errorText() string {
	if !f.msg.Visible() {
		return ""
	}
	return f.msg.Text
}

// fieldIn finds the form field labelled label under root (the layout form.add
// makes: a label, then a border of the input over its message).
func fieldIn(t *testing.T, root fyne.CanvasObject, label string) shownField {
	t.Helper()
	var found []shownField
	walk(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for i := 0; i+1 < len(c.Objects); i++ {
			l, ok := c.Objects[i].(*widget.Label)
			if !ok || l.Text != label {
				continue
			}
			cell, ok := c.Objects[i+1].(*fyne.Container)
			if !ok || len(cell.Objects) != 2 {
				continue
			}
			if msg, ok := cell.Objects[1].(*widget.Label); ok {
				found = append(found, shownField{input: cell.Objects[0], msg: msg})
			}
		}
	})
	if len(found) != 1 {
		t.Fatalf("form fields %q: got %d, want 1", label, len(found))
	}
	return found[0]
}

// overlay is the topmost dialog of the window.
func (h *harness) overlay() fyne.CanvasObject {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatal("no dialog is shown")
	}
	return top
}

// --- the login screen ---

// loginView is the login screen as found on the window.
type loginView struct {
	user, password *widget.Entry
	submit         *widget.Button
	message        *widget.Label
	lang           *widget.Select
	hint           *widget.Label // the demo users, nil when absent
}

// loginScreen finds the login screen's widgets in the window, in language lang.
func (h *harness) loginScreen(lang string) loginView {
	h.t.Helper()
	tr := h.cat.Lang(lang)
	root := h.win.Content()
	var v loginView
	users := findAll(root, func(e *widget.Entry) bool { return e.PlaceHolder == tr.T("login.user") })
	pws := findAll(root, func(e *widget.Entry) bool { return e.PlaceHolder == tr.T("login.password") && e.Password })
	if len(users) != 1 || len(pws) != 1 {
		h.t.Fatalf("login screen (%s): got %d user and %d password entries, want 1 and 1 (content %T)", lang, len(users), len(pws), root)
	}
	v.user, v.password = users[0], pws[0]
	v.submit = buttonIn(h.t, root, tr.T("login.submit"))
	// The message is the danger label right after the button.
	walk(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for i, x := range c.Objects {
			if x == v.submit && i+1 < len(c.Objects) {
				v.message, _ = c.Objects[i+1].(*widget.Label)
			}
		}
	})
	if v.message == nil {
		h.t.Fatal("login screen: no message label after the button")
	}
	sels := findAll[*widget.Select](root, nil)
	if len(sels) != 1 {
		h.t.Fatalf("login screen: got %d language selects, want 1", len(sels))
	}
	v.lang = sels[0]
	hints := findAll(root, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, tr.T("login.demo_hint")) })
	if len(hints) == 1 {
		v.hint = hints[0]
	}
	return v
}

// login signs in through the login screen (English) and waits for the
// background work of the first screen.
func (h *harness) login(login, password string) {
	h.t.Helper()
	v := h.loginScreen("en")
	v.user.SetText(login)
	v.password.SetText("")
	test.Type(v.password, password)
	test.Tap(v.submit)
	if h.a.shell == nil {
		h.t.Fatalf("login %s: no main window; message %q", login, v.message.Text)
	}
	h.settle()
}

// customerList is the customer screen shown in the shell.
func (h *harness) customerList() *customerList {
	h.t.Helper()
	l, ok := h.a.shell.screen.(*customerList)
	if !ok {
		h.t.Fatalf("screen is %T, want *customerList", h.a.shell.screen)
	}
	return l
}

// openNav selects the sidebar item key and returns the screen it shows.
func (h *harness) openNav(key string) screen {
	h.t.Helper()
	for i, it := range h.a.shell.items {
		if it.key == key {
			h.a.shell.nav.Select(i)
			h.settle()
			return h.a.shell.screen
		}
	}
	h.t.Fatalf("no sidebar item %q", key)
	return nil
}

// navKeys lists the sidebar's items.
func navKeys(s *shell) []string {
	var out []string
	for _, it := range s.items {
		out = append(out, it.key)
	}
	return out
}

// navLabel is the text the sidebar shows for item i.
func navLabel(s *shell, i int) string {
	o := s.nav.CreateItem()
	s.nav.UpdateItem(i, o)
	return o.(*fyne.Container).Objects[1].(*widget.Label).Text
}
