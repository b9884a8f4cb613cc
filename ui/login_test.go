package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

func TestLogin(t *testing.T) {
	t.Run("demo hint lists the demo users", func(t *testing.T) {
		h := newHarness(t, true, "en")
		v := h.loginScreen("en")
		if v.hint == nil {
			t.Fatal("no demo hint on the login screen of a demo database")
		}
		for _, want := range []string{
			en("role.admin") + " — admin / " + repo.DemoPassword,
			en("role.head") + " — head / " + repo.DemoPassword,
			en("role.seller") + " — seller / " + repo.DemoPassword,
			en("role.seller") + " — seller2 / " + repo.DemoPassword,
			en("role.accountant") + " — accountant / " + repo.DemoPassword,
		} {
			if !strings.Contains(v.hint.Text, "\n"+want) {
				t.Errorf("demo hint %q lacks the line %q", v.hint.Text, want)
			}
		}
		if got, want := h.win.Title(), en("app.title"); got != want {
			t.Errorf("window title: got %q, want %q", got, want)
		}
	})

	t.Run("no demo hint on an ordinary database", func(t *testing.T) {
		h := newHarness(t, false, "en")
		v := h.wizardScreen()
		v.fillValid(t)
		test.Tap(v.submit)
		h.settle()
		h.a.Logout()
		l := h.loginScreen("en")
		if l.hint != nil {
			t.Errorf("demo hint shown: %q", l.hint.Text)
		}
		if got, want := l.user.Text, "admin"; got != want {
			t.Errorf("user after logout: got %q, want %q", got, want)
		}
		if h.win.Canvas().Focused() != l.password {
			t.Errorf("focus after logout: got %T, want the password entry", h.win.Canvas().Focused())
		}
	})

	t.Run("wrong password then lockout", func(t *testing.T) {
		h := newHarness(t, true, "en")
		v := h.loginScreen("en")
		v.user.SetText("seller2")
		for i := 1; i <= 4; i++ {
			test.Type(v.password, "wrong-pass1")
			test.Tap(v.submit)
			if got, want := v.message.Text, "Wrong login or password."; got != want {
				t.Fatalf("attempt %d: message %q, want %q", i, got, want)
			}
			if v.password.Text != "" {
				t.Fatalf("attempt %d: password not cleared: %q", i, v.password.Text)
			}
			if h.a.shell != nil {
				t.Fatalf("attempt %d: logged in with a wrong password", i)
			}
		}
		test.Type(v.password, "wrong-pass1")
		test.Tap(v.submit)
		u := h.user("seller2")
		if u.LockedUntil.IsZero() {
			t.Fatal("seller2 not locked after five wrong passwords")
		}
		if got, want := v.message.Text, en("err.locked", u.LockedUntil.Local().Format("15:04")); got != want {
			t.Errorf("fifth attempt: message %q, want %q", got, want)
		}
		// Even the right password is refused while locked.
		test.Type(v.password, repo.DemoPassword)
		test.Tap(v.submit)
		if h.a.shell != nil {
			t.Fatal("logged in while locked")
		}
		if !strings.HasPrefix(v.message.Text, "Too many wrong passwords") {
			t.Errorf("locked attempt: message %q", v.message.Text)
		}
		if v.submit.Disabled() {
			t.Error("login button left disabled")
		}
	})

	t.Run("seller has no audit, admin has", func(t *testing.T) {
		for _, tc := range []struct {
			login string
			want  []string
		}{
			{"seller", []string{"customers", "requests", "deals", "deal_list", "leads", "my_day", "approvals", "reverse", "orders", "documents", "obligations", "payments", "products", "pricelists",
				"price_check", "dashboard", "forecast", "analytics_customers", "plans", "commissions", "rates", "settings"}},
			{"admin", []string{"customers", "requests", "deals", "deal_list", "leads", "my_day", "approvals", "reverse", "orders", "documents", "obligations", "payments", "products", "pricelists",
				"price_check", "dashboard", "forecast", "analytics_customers", "plans", "commissions", "rates", "audit", "settings"}},
		} {
			t.Run(tc.login, func(t *testing.T) {
				h := newHarness(t, true, "en")
				h.login(tc.login, repo.DemoPassword)
				if got := navKeys(h.a.shell); !slices.Equal(got, tc.want) {
					t.Errorf("sidebar: got %v, want %v", got, tc.want)
				}
				if got, want := h.a.svc.User.Login, tc.login; got != want {
					t.Errorf("user: got %q, want %q", got, want)
				}
				for i, key := range tc.want {
					if got, want := navLabel(h.a.shell, i), en("nav."+key); got != want {
						t.Errorf("sidebar item %d: got %q, want %q", i, got, want)
					}
				}
				if _, ok := h.a.shell.screen.(*customerList); !ok {
					t.Errorf("first screen: got %T, want *customerList", h.a.shell.screen)
				}
				if got, want := h.a.shell.status.Text, en("shell.status", h.path, tc.login); got != want {
					t.Errorf("status: got %q, want %q", got, want)
				}
			})
		}
	})

	t.Run("language switch to Russian", func(t *testing.T) {
		h := newHarness(t, true, "en")
		v := h.loginScreen("en")
		v.user.SetText("seller")
		v.lang.SetSelected("Русский")
		r := h.loginScreen("ru")
		if got, want := r.submit.Text, ru("login.submit"); got != want || got == en("login.submit") {
			t.Errorf("button: got %q, want %q", got, want)
		}
		if got, want := r.user.Text, "seller"; got != want {
			t.Errorf("user kept: got %q, want %q", got, want)
		}
		if got, want := h.fa.Preferences().String(PrefLanguage), "ru"; got != want {
			t.Errorf("saved language: got %q, want %q", got, want)
		}
		if got, want := h.win.Title(), ru("app.title"); got != want {
			t.Errorf("window title: got %q, want %q", got, want)
		}
		if r.hint == nil || !strings.Contains(r.hint.Text, ru("role.seller")+" — seller / ") {
			t.Errorf("Russian demo hint: %+v", r.hint)
		}
		// Errors come in Russian too, and login still works.
		test.Type(r.password, "wrong-pass1")
		test.Tap(r.submit)
		if got, want := r.message.Text, ru("err.bad_credentials"); got != want {
			t.Errorf("Russian error: got %q, want %q", got, want)
		}
		test.Type(r.password, repo.DemoPassword)
		test.Tap(r.submit)
		if h.a.shell == nil {
			t.Fatalf("no shell; message %q", r.message.Text)
		}
		h.settle()
		if got, want := navLabel(h.a.shell, 0), ru("nav.customers"); got != want {
			t.Errorf("sidebar: got %q, want %q", got, want)
		}
		if h.a.svc.User.Role != model.RoleSeller {
			t.Errorf("role: got %q", h.a.svc.User.Role)
		}
		// The customer count uses the Russian plural forms.
		l := h.customerList()
		h.loaded(l)
		n, err := h.session("seller").CountCustomers(h.ctx, model.CustomerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := l.count.Text, catalog.Lang("ru").N("customers.count", int64(n)); got != want {
			t.Errorf("count label: got %q, want %q", got, want)
		}
	})
}
