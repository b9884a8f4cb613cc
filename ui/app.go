// Package ui is Sdelka's Fyne interface: the login and first-run screens, the
// main window shell and the screens inside it. Screens call model services and
// model functions only; they hold no SQL and apply no business rules.
package ui

import (
	"context"
	"log"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// Preference keys (stored per machine by Fyne).
const (
	PrefLanguage = "language"
	PrefTheme    = "theme"
)

// Config is what cmd/sdelka hands to the UI.
type Config struct {
	Gate    model.Gate
	Open    func(model.User) model.Services // the services of a logged-in user
	Catalog *model.Catalog
	DBPath  string
	// Restore replaces the open database with a backup; the UI logs everyone
	// out first and shows the login screen after. Nil hides the action.
	Restore func(ctx context.Context, b model.Backup) error
}

// App is the running interface in one window.
type App struct {
	fa    fyne.App
	win   fyne.Window
	cfg   Config
	tr    model.Tr
	svc   *model.Services
	shell *shell
	idle  *idleWatch
	ctx   context.Context
	busy  atomic.Int32 // background reads and pending debounced calls in flight
}

// background runs f in a goroutine; f hands its results to the UI with
// fyne.Do. The count of those in flight lets tests wait until all is quiet.
func (a *App) background(f func()) {
	a.busy.Add(1)
	go func() {
		defer a.busy.Add(-1)
		f()
	}()
}

// New prepares the interface in win; call Start to show the first screen.
func New(ctx context.Context, fa fyne.App, win fyne.Window, cfg Config) *App {
	a := &App{fa: fa, win: win, cfg: cfg, ctx: ctx}
	a.tr = cfg.Catalog.Lang(a.language())
	applyTheme(fa, fa.Preferences().StringWithFallback(PrefTheme, "system"))
	a.idle = newIdleWatch(a)
	return a
}

// language is the chosen UI language: the saved preference, else Russian for
// a Russian system and English otherwise.
func (a *App) language() string {
	if l := a.fa.Preferences().String(PrefLanguage); l == "ru" || l == "en" {
		return l
	}
	if l := fyne.CurrentDevice().Locale().LanguageString(); len(l) >= 2 && l[:2] == "ru" {
		return "ru"
	}
	return "en"
}

// T translates key.
func (a *App) T(key string, args ...any) string { return a.tr.T(key, args...) }

// N translates a plural key for count n.
func (a *App) N(key string, n int64, args ...any) string { return a.tr.N(key, n, args...) }

// fieldName is the label of a record field ("field.<name>"), or the raw name
// for fields that have none (audit entries name every column).
func (a *App) fieldName(name string) string {
	if a.tr.Has("field." + name) {
		return a.T("field." + name)
	}
	return name
}

// SetLanguage switches the UI language at once and remembers it.
func (a *App) SetLanguage(lang string) {
	a.fa.Preferences().SetString(PrefLanguage, lang)
	a.tr = a.cfg.Catalog.Lang(lang)
	a.win.SetTitle(a.T("app.title"))
	if a.shell != nil {
		a.shell.rebuild()
	} else {
		a.Start()
	}
}

// Start shows the first-run wizard on a new database, otherwise the login.
func (a *App) Start() {
	a.win.SetTitle(a.T("app.title"))
	need, err := a.cfg.Gate.NeedsSetup(a.ctx)
	if err != nil {
		a.showErr(err)
		return
	}
	if need {
		a.win.SetContent(newWizard(a).build())
		return
	}
	a.showLogin("")
}

func (a *App) showLogin(login string) {
	a.shell, a.svc = nil, nil
	a.win.SetMainMenu(nil)
	a.idle.stop()
	stopReminders(a)
	l := newLogin(a, login, nil)
	a.win.SetContent(l.build())
	a.win.Canvas().Focus(l.focusTarget())
}

// loggedIn opens the main window for u.
func (a *App) loggedIn(u model.User) {
	svc := a.cfg.Open(u)
	a.svc = &svc
	a.shell = newShell(a)
	a.win.SetContent(a.shell.build())
	a.idle.start()
	startReminders(a)
}

// Logout returns to the login screen.
func (a *App) Logout() {
	login := ""
	if a.svc != nil {
		login = a.svc.User.Login
	}
	a.showLogin(login)
}

// lock covers the window with a login for the same user; the screens behind
// keep their state and come back after the right password.
func (a *App) lock() {
	if a.svc == nil || a.shell == nil {
		return
	}
	a.idle.stop()
	stopReminders(a)
	behind := a.win.Content()
	// Open dialogs are overlays, which SetContent leaves on top: take them
	// off with the screen and put them back after the unlock.
	overlays := a.win.Canvas().Overlays()
	dialogs := append([]fyne.CanvasObject(nil), overlays.List()...)
	if len(dialogs) > 0 {
		overlays.Remove(dialogs[0])
	}
	user := a.svc.User
	menu := a.win.MainMenu()
	a.win.SetMainMenu(nil) // its shortcuts must not reach the screens behind the lock
	l := newLogin(a, user.Login, func(u model.User) {
		if u.ID != user.ID {
			a.loggedIn(u)
			return
		}
		a.win.SetMainMenu(menu)
		a.win.SetContent(behind)
		for _, d := range dialogs {
			overlays.Add(d)
		}
		a.idle.start()
		startReminders(a)
	})
	l.locked = true
	a.win.SetContent(l.build())
	a.win.Canvas().Focus(l.focusTarget())
}

func logf(format string, args ...any) { log.Printf("sdelka: "+format, args...) }
