package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// openSettings logs in and opens the settings screen.
func openSettings(t *testing.T, login string) (*harness, *settings) {
	t.Helper()
	h := newHarness(t, true, "en")
	h.login(login, repo.DemoPassword)
	s, ok := h.openNav("settings").(*settings)
	if !ok {
		t.Fatalf("screen is %T, want *settings", h.a.shell.screen)
	}
	return h, s
}

// tab is the content of the settings tab titled title.
func (s *settings) tab(t *testing.T, title string) fyne.CanvasObject {
	t.Helper()
	for _, it := range s.tabs.Items {
		if it.Text == title {
			s.tabs.Select(it)
			return it.Content
		}
	}
	t.Fatalf("no settings tab %q", title)
	return nil
}

func tabTitles(s *settings) []string {
	var out []string
	for _, it := range s.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

func (h *harness) company() model.Company {
	h.t.Helper()
	c, err := h.store.Session(repo.System).Company(h.ctx)
	if err != nil {
		h.t.Fatalf("company: %v", err)
	}
	return c
}

func TestSettingsCompany(t *testing.T) {
	h, s := openSettings(t, "admin")
	if got, want := tabTitles(s), []string{en("settings.company"), en("settings.users"), en("settings.pipeline"),
		en("settings.preferences"), en("settings.backups"), en("settings.password")}; !slices.Equal(got, want) {
		t.Errorf("admin tabs: got %v, want %v", got, want)
	}
	tab := s.tab(t, en("settings.company"))
	if got, want := fieldIn(t, tab, en("field.name")).entry(t).Text, repo.DemoCompany.Name; got != want {
		t.Errorf("company name shown: got %q, want %q", got, want)
	}
	if got, want := s.company.f.text("inn"), repo.DemoCompany.INN; got != want {
		t.Errorf("INN shown: got %q, want %q", got, want)
	}
	save := buttonIn(t, tab, en("btn.save"))
	if save.Disabled() {
		t.Fatal("admin's company save button is disabled")
	}
	before := h.company()

	t.Run("bad INN is refused", func(t *testing.T) {
		inn := fieldIn(t, tab, en("field.inn"))
		inn.entry(t).SetText("7707083894")
		test.Tap(save)
		if got, want := inn.errorText(), en("valid.inn.checksum"); got != want {
			t.Errorf("INN error: got %q, want %q", got, want)
		}
		if got, want := s.company.f.errorOf("inn"), en("valid.inn.checksum"); got != want {
			t.Errorf("form errorOf(inn): got %q, want %q", got, want)
		}
		if got, want := s.compMsg.Text, en("err.fix_fields"); got != want {
			t.Errorf("message: got %q, want %q", got, want)
		}
		after := h.company()
		if after.INN != before.INN || after.Version != before.Version {
			t.Errorf("company changed: INN %q version %d, want %q version %d", after.INN, after.Version, before.INN, before.Version)
		}
		inn.entry(t).SetText(before.INN)
	})

	t.Run("valid change is saved and audited", func(t *testing.T) {
		fieldIn(t, tab, en("field.director")).entry(t).SetText("Иванов Пётр Сергеевич")
		test.Tap(save)
		if got, want := s.compMsg.Text, en("settings.saved"); got != want {
			t.Fatalf("message: got %q, want %q (INN error %q)", got, want, s.company.f.errorOf("inn"))
		}
		if got := s.company.f.errorOf("inn"); got != "" {
			t.Errorf("INN error left shown: %q", got)
		}
		after := h.company()
		if got, want := after.Director, "Иванов Пётр Сергеевич"; got != want {
			t.Errorf("director in the database: got %q, want %q", got, want)
		}
		if got, want := after.Version, before.Version+1; got != want {
			t.Errorf("version: got %d, want %d", got, want)
		}
		es, err := h.session("admin").FindAudit(h.ctx, model.AuditFilter{Entity: model.EntityCompany, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 {
			t.Fatalf("company audit entries: got %d, want 1", len(es))
		}
		e := es[0]
		if e.Action != model.AuditUpdate || e.UserLogin != "admin" {
			t.Errorf("audit entry: action %q by %q, want %q by admin", e.Action, e.UserLogin, model.AuditUpdate)
		}
		want := model.Change{Field: "director", Old: repo.DemoCompany.Director, New: "Иванов Пётр Сергеевич"}
		if !slices.Contains(e.Changes, want) {
			t.Errorf("audit changes %+v lack %+v", e.Changes, want)
		}
		// A second save from the same form works: it kept the new version.
		fieldIn(t, tab, en("field.phone")).entry(t).SetText("+7 495 000-00-01")
		s.compMsg.SetText("")
		test.Tap(save)
		if got, want := s.compMsg.Text, en("settings.saved"); got != want {
			t.Errorf("second save: message %q, want %q", got, want)
		}
		if got, want := h.company().Phone, "+7 495 000-00-01"; got != want {
			t.Errorf("phone: got %q, want %q", got, want)
		}
	})
}

func TestSettingsUsers(t *testing.T) {
	h, s := openSettings(t, "admin")
	tab := s.tab(t, en("settings.users"))
	add := buttonIn(t, tab, en("users.add"))

	addUser := func(t *testing.T, login string) fyne.CanvasObject {
		t.Helper()
		test.Tap(add)
		d := h.overlay()
		fieldIn(t, d, en("field.login")).entry(t).SetText(login)
		fieldIn(t, d, en("field.full_name")).entry(t).SetText("Новый Продавец")
		fieldIn(t, d, en("field.password")).entry(t).SetText("Passw0rd-42")
		test.Tap(buttonIn(t, d, en("btn.save")))
		return d
	}

	t.Run("add", func(t *testing.T) {
		addUser(t, "newbie")
		if top := h.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("dialog still open after a good save")
		}
		u := h.user("newbie")
		if u.Role != model.RoleSeller || u.FullName != "Новый Продавец" || !u.Active {
			t.Errorf("new user: got %+v, want an active seller named Новый Продавец", u)
		}
		if _, err := h.store.Gate().Login(h.ctx, "newbie", "Passw0rd-42"); err != nil {
			t.Errorf("new user cannot log in: %v", err)
		}
	})

	t.Run("duplicate login", func(t *testing.T) {
		users, err := h.session("admin").FindUsers(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		d := addUser(t, "seller")
		if h.win.Canvas().Overlays().Top() != d {
			t.Fatal("dialog closed after a refused save")
		}
		if got, want := fieldIn(t, d, en("field.login")).errorText(), en("valid.login.taken"); got != want {
			t.Errorf("login error: got %q, want %q", got, want)
		}
		after, err := h.session("admin").FindUsers(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(users) {
			t.Errorf("users: got %d, want %d", len(after), len(users))
		}
		h.win.Canvas().Overlays().Top().Hide()
	})
}

func TestSettingsPreferences(t *testing.T) {
	h, s := openSettings(t, "admin")
	tab := s.tab(t, en("settings.preferences"))
	save := buttonIn(t, tab, en("btn.save"))
	idle := fieldIn(t, tab, en("field.idle_lock_minutes"))
	if got, want := idle.entry(t).Text, "15"; got != want {
		t.Errorf("idle minutes shown: got %q, want %q", got, want)
	}
	settingsNow := func() int {
		t.Helper()
		st, err := h.session("admin").Settings(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.IdleLockMinutes
	}

	t.Run("not a number", func(t *testing.T) {
		idle.entry(t).SetText("abc")
		test.Tap(save)
		if got, want := idle.errorText(), en("valid.number"); got != want {
			t.Errorf("error: got %q, want %q", got, want)
		}
		if got, want := settingsNow(), repo.DefaultIdleLockMinutes; got != want {
			t.Errorf("saved minutes: got %d, want %d", got, want)
		}
	})

	t.Run("out of range", func(t *testing.T) {
		idle.entry(t).SetText("5000")
		test.Tap(save)
		if got, want := idle.errorText(), en("valid.range"); got != want {
			t.Errorf("error: got %q, want %q", got, want)
		}
		if got, want := settingsNow(), repo.DefaultIdleLockMinutes; got != want {
			t.Errorf("saved minutes: got %d, want %d", got, want)
		}
	})

	t.Run("30 saves", func(t *testing.T) {
		idle.entry(t).SetText("30")
		test.Tap(save)
		if got := idle.errorText(); got != "" {
			t.Errorf("error left shown: %q", got)
		}
		if got, want := settingsNow(), 30; got != want {
			t.Errorf("saved minutes: got %d, want %d", got, want)
		}
		if !hasLabel(tab, en("settings.saved")) {
			t.Errorf("no %q message", en("settings.saved"))
		}
		if got, want := h.a.idle.limit.Minutes(), 30.0; got != want {
			t.Errorf("idle watch limit: got %v min, want %v", got, want)
		}
	})

	t.Run("language switch rebuilds the shell", func(t *testing.T) {
		oldShell := h.a.shell
		s.lang.SetSelected("Русский")
		h.settle()
		if h.a.shell != oldShell {
			t.Error("the shell was replaced rather than rebuilt")
		}
		if got, want := navLabel(h.a.shell, 0), ru("nav.customers"); got != want {
			t.Errorf("customers item: got %q, want %q", got, want)
		}
		rs, ok := h.a.shell.screen.(*settings)
		if !ok {
			t.Fatalf("screen after the switch: got %T, want *settings", h.a.shell.screen)
		}
		if got, want := rs.tabs.Items[0].Text, ru("settings.company"); got != want {
			t.Errorf("first tab: got %q, want %q", got, want)
		}
		if got, want := h.a.shell.search.PlaceHolder, ru("shell.search"); got != want {
			t.Errorf("search placeholder: got %q, want %q", got, want)
		}
		if got, want := h.fa.Preferences().String(PrefLanguage), "ru"; got != want {
			t.Errorf("saved language: got %q, want %q", got, want)
		}
		if h.a.svc == nil || h.a.svc.User.Login != "admin" {
			t.Error("logged out by the language switch")
		}
	})
}

func TestSettingsPassword(t *testing.T) {
	h, s := openSettings(t, "admin")
	tab := s.tab(t, en("settings.password"))
	save := buttonIn(t, tab, en("settings.change_password"))
	fieldIn(t, tab, en("field.old_password")).entry(t).SetText("not-the-password1")
	fieldIn(t, tab, en("field.password")).entry(t).SetText("NewPassw0rd")
	fieldIn(t, tab, en("field.password_repeat")).entry(t).SetText("NewPassw0rd")
	test.Tap(save)
	if got, want := fieldIn(t, tab, en("field.old_password")).errorText(), en("valid.password.wrong"); got != want {
		t.Errorf("old password error: got %q, want %q", got, want)
	}
	if got, want := s.pw.errorOf("old_password"), en("valid.password.wrong"); got != want {
		t.Errorf("errorOf(old_password): got %q, want %q", got, want)
	}
	if _, err := h.store.Gate().Login(h.ctx, "admin", repo.DemoPassword); err != nil {
		t.Errorf("old password no longer works: %v", err)
	}

	fieldIn(t, tab, en("field.old_password")).entry(t).SetText(repo.DemoPassword)
	test.Tap(save)
	if got, want := s.pwMsg.Text, en("settings.password_changed"); got != want {
		t.Fatalf("message: got %q, want %q (errors %q %q)", got, want, s.pw.errorOf("old_password"), s.pw.errorOf("password"))
	}
	if _, err := h.store.Gate().Login(h.ctx, "admin", "NewPassw0rd"); err != nil {
		t.Errorf("new password does not work: %v", err)
	}
	if got := fieldIn(t, tab, en("field.old_password")).entry(t).Text; got != "" {
		t.Errorf("old password left in the form: %q", got)
	}
}

func TestSettingsAsSeller(t *testing.T) {
	h, s := openSettings(t, "seller")
	if got, want := tabTitles(s), []string{en("settings.company"), en("settings.pipeline"), en("settings.preferences"),
		en("settings.password")}; !slices.Equal(got, want) {
		t.Errorf("seller tabs: got %v, want %v", got, want)
	}
	tab := s.tab(t, en("settings.company"))
	save := buttonIn(t, tab, en("btn.save"))
	if !save.Disabled() {
		t.Error("seller's company save button is enabled")
	}
	if got, want := s.compMsg.Text, en("settings.read_only"); got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
	if got, want := s.company.f.text("name"), repo.DemoCompany.Name; got != want {
		t.Errorf("company name shown: got %q, want %q", got, want)
	}
	before := h.company()
	fieldIn(t, tab, en("field.director")).entry(t).SetText("Кто-то Другой")
	test.Tap(save)
	if got := h.company(); got.Director != before.Director || got.Version != before.Version {
		t.Errorf("seller changed the company: director %q version %d", got.Director, got.Version)
	}
	prefs := s.tab(t, en("settings.preferences"))
	if !fieldIn(t, prefs, en("field.idle_lock_minutes")).entry(t).Disabled() || !buttonIn(t, prefs, en("btn.save")).Disabled() {
		t.Error("seller may edit the idle lock setting")
	}
}
