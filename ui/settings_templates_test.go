package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// openTemplates opens the contract templates from the settings.
func (h *harness) openTemplates() *templatesScreen {
	h.t.Helper()
	s := h.openNav("settings").(*settings)
	tap(h.t, s.tab(h.t, h.a.T("settings.company")), h.a.T("settings.templates_open"))
	h.settle()
	sc, ok := h.a.shell.screen.(*templatesScreen)
	if !ok {
		h.t.Fatalf("screen is %T, want *templatesScreen", h.a.shell.screen)
	}
	h.waitFor("the templates", func() bool { return sc.loaded })
	h.settle()
	return sc
}

// templates reads the stored contract templates.
func (h *harness) templates() []model.DocTemplate {
	h.t.Helper()
	ts, err := h.session("admin").Templates(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return ts
}

func TestTemplateEditing(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	sc := h.openTemplates()
	if len(sc.templates) < 2 || sc.cur.ID != sc.templates[0].ID || sc.body.Text != sc.templates[0].Body {
		t.Fatalf("templates: %d, editing %q", len(sc.templates), sc.cur.Name)
	}
	if sc.problems.Visible() {
		t.Errorf("a shipped template has problems: %q", sc.problems.Text)
	}
	first := sc.templates[0]

	t.Run("an unknown placeholder is refused", func(t *testing.T) {
		sc.body.SetText(first.Body + "\n{{buyer.nmae}} {{supplier.bank}}")
		if got, want := sc.problems.Text, en("tmpl.unknown", "{{buyer.nmae}}"); got != want || !sc.problems.Visible() {
			t.Errorf("problems: got %q, want %q", got, want)
		}
		test.Tap(sc.save)
		h.settle()
		if got, want := sc.f.errorOf("body"), en("tmpl.err.unknown"); got != want {
			t.Errorf("message beside the text: got %q, want %q", got, want)
		}
		for _, tm := range h.templates() {
			if tm.ID == first.ID && tm.Body != first.Body {
				t.Error("the template was changed")
			}
		}
	})

	t.Run("a new template", func(t *testing.T) {
		test.Tap(sc.newBtn)
		if sc.name.Text != "" || sc.cur.ID != "" || sc.lang.value() != "en" {
			t.Fatalf("new: name %q, id %q, lang %q", sc.name.Text, sc.cur.ID, sc.lang.value())
		}
		test.Tap(sc.save)
		if sc.f.errorOf("name") == "" || sc.f.errorOf("body") == "" {
			t.Errorf("an empty template: name %q, body %q", sc.f.errorOf("name"), sc.f.errorOf("body"))
		}
		sc.name.SetText("Short supply agreement")
		sc.body.SetText("Agreement {{number}} of {{date}} between {{supplier.name}} and {{buyer.name}}. Terms: {{terms.text}}.")
		test.Tap(sc.save)
		h.settle()
		var found bool
		for _, tm := range h.templates() {
			found = found || (tm.Name == "Short supply agreement" && tm.Lang == "en" && strings.HasPrefix(tm.Body, "Agreement"))
		}
		if !found || sc.status.Text != en("settings.saved") {
			t.Errorf("stored %v, status %q", found, sc.status.Text)
		}
		if sc.cur.Name != "Short supply agreement" || sc.cur.ID == "" {
			t.Errorf("editing %+v after saving", sc.cur)
		}
	})
}

func TestTemplatesReadOnlyForAccountant(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	sc := h.openTemplates()
	if sc.save.Visible() || sc.newBtn.Visible() || !sc.body.Disabled() || !sc.name.Disabled() {
		t.Errorf("an accountant can edit templates: save %v, new %v", sc.save.Visible(), sc.newBtn.Visible())
	}
	if sc.body.Text == "" {
		t.Error("the template text is not shown")
	}
}
