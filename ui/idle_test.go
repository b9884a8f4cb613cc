package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// lockedHarness is a demo database with a one-minute idle lock, logged in as login.
func lockedHarness(t *testing.T, login string) *harness {
	t.Helper()
	h := newHarness(t, true, "en")
	if err := h.session("admin").UpdateSettings(h.ctx, model.Settings{IdleLockMinutes: 1}); err != nil {
		t.Fatalf("set idle lock: %v", err)
	}
	h.login(login, repo.DemoPassword)
	if got, want := h.a.idle.limit, time.Minute; got != want {
		t.Fatalf("idle limit after login: got %v, want %v", got, want)
	}
	return h
}

// checkLocked checks that the window shows the locked login of login.
func (h *harness) checkLocked(login string) loginView {
	h.t.Helper()
	v := h.loginScreen("en")
	if !v.user.Disabled() {
		h.t.Error("user field is enabled on the lock screen")
	}
	if got := v.user.Text; got != login {
		h.t.Errorf("user on the lock screen: got %q, want %q", got, login)
	}
	if !hasLabel(h.win.Content(), en("login.locked_hint")) {
		h.t.Errorf("no %q on the lock screen", en("login.locked_hint"))
	}
	if v.hint != nil {
		h.t.Errorf("demo passwords shown on the lock screen: %q", v.hint.Text)
	}
	if h.win.Canvas().Focused() != v.password {
		h.t.Errorf("focus: got %T, want the password entry", h.win.Canvas().Focused())
	}
	return v
}

func TestIdleLock(t *testing.T) {
	t.Run("unlock returns the same screen", func(t *testing.T) {
		h := lockedHarness(t, "seller")
		l := h.customerList()
		l.search.SetText("ООО")
		h.loaded(l)
		before := h.win.Content()
		shell := h.a.shell

		h.a.lock()
		if h.win.Content() == before {
			t.Fatal("lock left the main window shown")
		}
		v := h.checkLocked("seller")
		if h.a.idle.stopCh != nil {
			t.Error("idle watch still running while locked")
		}
		if h.win.MainMenu() != nil {
			t.Error("the main menu (and its shortcuts) stays on the lock screen")
		}

		test.Type(v.password, "wrong-pass1")
		test.Tap(v.submit)
		if got, want := v.message.Text, en("err.bad_credentials"); got != want {
			t.Errorf("wrong password: message %q, want %q", got, want)
		}
		if h.win.Content() == before {
			t.Fatal("unlocked with a wrong password")
		}

		test.Type(v.password, repo.DemoPassword)
		test.Tap(v.submit)
		if h.win.Content() != before {
			t.Fatalf("after unlock: content %T is not the one from before the lock", h.win.Content())
		}
		if h.a.shell != shell || h.a.shell.screen != l {
			t.Error("shell or screen replaced by the unlock")
		}
		if got, want := l.search.Text, "ООО"; got != want {
			t.Errorf("search kept: got %q, want %q", got, want)
		}
		if h.a.idle.stopCh == nil {
			t.Error("idle watch not restarted after the unlock")
		}
	})

	t.Run("idle tick locks after the limit", func(t *testing.T) {
		h := lockedHarness(t, "admin")
		before := h.win.Content()
		w := h.a.idle
		w.tick(w.stopCh)
		if h.win.Content() != before {
			t.Fatal("locked before the limit")
		}
		w.mu.Lock()
		w.last = time.Now().Add(-61 * time.Second)
		stop := w.stopCh
		w.mu.Unlock()
		w.tick(stop)
		h.checkLocked("admin")
	})

	t.Run("language switch on the lock screen keeps it locked", func(t *testing.T) {
		h := lockedHarness(t, "seller")
		before := h.win.Content()
		h.a.lock()
		h.loginScreen("en").lang.SetSelected("Русский")
		v := h.loginScreen("ru")
		if !v.user.Disabled() || v.user.Text != "seller" {
			t.Errorf("user field after the switch: disabled %v, text %q; want disabled seller", v.user.Disabled(), v.user.Text)
		}
		if !hasLabel(h.win.Content(), ru("login.locked_hint")) {
			t.Errorf("no %q after the switch", ru("login.locked_hint"))
		}
		test.Type(v.password, repo.DemoPassword)
		test.Tap(v.submit)
		if h.win.Content() != before {
			t.Errorf("after unlock: content %T is not the one from before the lock", h.win.Content())
		}
		if h.win.MainMenu() == nil || h.win.MainMenu() != h.a.shell.menu {
			t.Error("after unlock: the main menu is not back")
		}
	})

	t.Run("another user from the lock screen", func(t *testing.T) {
		h := lockedHarness(t, "seller")
		h.a.lock()
		h.checkLocked("seller")
		test.Tap(buttonIn(t, h.win.Content(), en("login.other_user")))
		if h.a.shell != nil || h.a.svc != nil {
			t.Fatal("still logged in after choosing another user")
		}
		v := h.loginScreen("en")
		if v.user.Disabled() || v.user.Text != "" {
			t.Errorf("login screen user field: disabled %v, text %q; want an empty enabled field", v.user.Disabled(), v.user.Text)
		}
		h.login("head", repo.DemoPassword)
		if got, want := h.a.svc.User.Login, "head"; got != want {
			t.Errorf("user: got %q, want %q", got, want)
		}
	})
}

func TestIdleLockCoversDialogs(t *testing.T) {
	h := lockedHarness(t, "seller")
	h.loaded(h.customerList())
	test.Tap(buttonIn(t, h.a.shell.content, en("btn.new")))
	form := h.dialog()
	form.set(t, en("field.name"), "Черновик")
	dlg := h.win.Canvas().Overlays().Top()

	h.a.lock()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog (%T) stays usable over the lock screen", top)
	}
	v := h.checkLocked("seller")
	test.Type(v.password, repo.DemoPassword)
	test.Tap(v.submit)
	if got := h.win.Canvas().Overlays().Top(); got != dlg {
		t.Fatalf("after unlock: top overlay %T, want the customer form back", got)
	}
	if got, want := fieldIn(t, form.root, en("field.name")).entry(t).Text, "Черновик"; got != want {
		t.Errorf("form text after unlock: got %q, want %q", got, want)
	}
	dlg.Hide()
}
