package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// wizardView is the first-run screen as found on the window.
type wizardView struct {
	root    fyne.CanvasObject
	submit  *widget.Button
	message *widget.Label
}

func (h *harness) wizardScreen() wizardView {
	h.t.Helper()
	root := h.win.Content()
	if _, ok := root.(*container.Scroll); !ok {
		h.t.Fatalf("content is %T, want the wizard's *container.Scroll", root)
	}
	if !hasLabel(root, en("wizard.title")) {
		h.t.Fatalf("no wizard title %q on the screen", en("wizard.title"))
	}
	v := wizardView{root: root, submit: buttonIn(h.t, root, en("wizard.submit"))}
	walk(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for i, x := range c.Objects {
			if x == v.submit && i > 0 {
				v.message, _ = c.Objects[i-1].(*widget.Label)
			}
		}
	})
	if v.message == nil {
		h.t.Fatal("wizard: no message label before the button")
	}
	return v
}

func (v wizardView) set(t *testing.T, label, text string) {
	t.Helper()
	fieldIn(t, v.root, label).entry(t).SetText(text)
}

func (v wizardView) errorOf(t *testing.T, label string) string {
	t.Helper()
	return fieldIn(t, v.root, label).errorText()
}

func (h *harness) needsSetup() bool {
	h.t.Helper()
	need, err := h.store.Gate().NeedsSetup(h.ctx)
	if err != nil {
		h.t.Fatalf("needs setup: %v", err)
	}
	return need
}

// fillValidCompany enters valid requisites and administrator.
func (v wizardView) fillValid(t *testing.T) {
	t.Helper()
	for label, text := range map[string]string{
		en("field.name"):            "ООО «Тест»",
		en("field.inn"):             "7707083893",
		en("field.kpp"):             "773601001",
		en("field.ogrn"):            "1027700132195",
		en("field.bic"):             "044525225",
		en("field.corr_account"):    "30101810400000000225",
		en("field.account"):         "40702810938000000001",
		en("field.login"):           "admin",
		en("field.full_name"):       "Анна Админ",
		en("field.password"):        "secret123",
		en("field.password_repeat"): "secret123",
	} {
		v.set(t, label, text)
	}
}

func TestWizard(t *testing.T) {
	t.Run("empty form shows field errors and saves nothing", func(t *testing.T) {
		h := newHarness(t, false, "en")
		v := h.wizardScreen()
		if h.a.shell != nil {
			t.Fatal("shell before setup")
		}
		test.Tap(v.submit)
		if got, want := v.message.Text, en("err.fix_fields"); got != want {
			t.Errorf("message: got %q, want %q", got, want)
		}
		for label, want := range map[string]string{
			en("field.name"):      en("valid.required"),
			en("field.inn"):       en("valid.required"),
			en("field.full_name"): en("valid.required"),
			en("field.password"):  en("valid.password.short"),
			en("field.kpp"):       "",
			en("field.login"):     "",
		} {
			if got := v.errorOf(t, label); got != want {
				t.Errorf("error beside %s: got %q, want %q", label, got, want)
			}
		}
		if !h.needsSetup() {
			t.Error("NeedsSetup is false after a refused setup")
		}
		if h.a.shell != nil {
			t.Error("shell opened after a refused setup")
		}
	})

	t.Run("bad INN checksum", func(t *testing.T) {
		h := newHarness(t, false, "en")
		v := h.wizardScreen()
		v.fillValid(t)
		v.set(t, en("field.inn"), "7707083894")
		test.Tap(v.submit)
		if got, want := v.errorOf(t, en("field.inn")), "INN check digit is wrong: check for a typo."; got != want {
			t.Errorf("INN error: got %q, want %q", got, want)
		}
		if got, want := v.errorOf(t, en("field.name")), ""; got != want {
			t.Errorf("name error: got %q, want %q", got, want)
		}
		if got, want := v.message.Text, en("err.fix_fields"); got != want {
			t.Errorf("message: got %q, want %q", got, want)
		}
		if !h.needsSetup() {
			t.Error("NeedsSetup is false after a refused setup")
		}
	})

	t.Run("password repeat mismatch", func(t *testing.T) {
		h := newHarness(t, false, "en")
		v := h.wizardScreen()
		v.fillValid(t)
		v.set(t, en("field.password_repeat"), "secret124")
		test.Tap(v.submit)
		if got, want := v.errorOf(t, en("field.password_repeat")), en("valid.password.repeat"); got != want {
			t.Errorf("repeat error: got %q, want %q", got, want)
		}
		if got := v.errorOf(t, en("field.password")); got != "" {
			t.Errorf("password error: got %q, want none", got)
		}
		if !h.needsSetup() || h.a.shell != nil {
			t.Error("set up despite the mismatched passwords")
		}
	})

	t.Run("valid company and admin log in", func(t *testing.T) {
		h := newHarness(t, false, "en")
		v := h.wizardScreen()
		// A first refused attempt, then the corrected form.
		v.fillValid(t)
		v.set(t, en("field.bic"), "04452522")
		test.Tap(v.submit)
		if got, want := v.errorOf(t, en("field.bic")), en("valid.bic.format"); got != want {
			t.Fatalf("BIC error: got %q, want %q", got, want)
		}
		v.set(t, en("field.bic"), "044525225")
		test.Tap(v.submit)
		if h.a.shell == nil {
			t.Fatalf("no shell after setup; message %q, INN error %q", v.message.Text, v.errorOf(t, en("field.inn")))
		}
		h.settle()
		if got, want := h.a.svc.User.Role, model.RoleAdmin; got != want {
			t.Errorf("role: got %q, want %q", got, want)
		}
		if got, want := h.a.svc.User.Login, "admin"; got != want {
			t.Errorf("login: got %q, want %q", got, want)
		}
		if h.needsSetup() {
			t.Error("NeedsSetup still true")
		}
		c, err := h.session("admin").Company(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := model.Company{Name: "ООО «Тест»", INN: "7707083893", KPP: "773601001", OGRN: "1027700132195", BIC: "044525225",
			CorrAccount: "30101810400000000225", Account: "40702810938000000001", Version: 1}
		if c.Name != want.Name || c.INN != want.INN || c.KPP != want.KPP || c.OGRN != want.OGRN || c.BIC != want.BIC ||
			c.CorrAccount != want.CorrAccount || c.Account != want.Account || c.Version != want.Version {
			t.Errorf("company: got %+v, want %+v", c, want)
		}
		if got, want := h.user("admin").FullName, "Анна Админ"; got != want {
			t.Errorf("admin full name: got %q, want %q", got, want)
		}
		if _, err := h.store.Gate().Login(h.ctx, "admin", "secret123"); err != nil {
			t.Errorf("login with the wizard's password: %v", err)
		}
	})
}
