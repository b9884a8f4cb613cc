package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// settings is the settings screen: company requisites, users, preferences,
// backups and the user's own password.
type settings struct {
	a       *App
	tabs    *container.AppTabs
	company *companyForm
	compMsg *widget.Label
	prefs   *form
	idle    *widget.Entry
	lang    *widget.Select
	theme   *widget.Select
	pw      *form
	pwMsg   *widget.Label
}

func newSettings(a *App) *settings { return &settings{a: a} }

func (s *settings) build() fyne.CanvasObject {
	a := s.a
	role := a.svc.User.Role
	s.tabs = container.NewAppTabs(container.NewTabItem(a.T("settings.company"), s.companyTab()))
	if model.Can(role, model.EntityUser, model.ActCreate) {
		s.tabs.Append(container.NewTabItem(a.T("settings.users"), newUsersTab(a).build()))
	}
	if canSeePipelineSettings(role) && a.svc.Pipeline != nil {
		s.tabs.Append(container.NewTabItem(a.T("settings.pipeline"), pipelineSettingsTab(a)))
	}
	s.tabs.Append(container.NewTabItem(a.T("settings.preferences"), s.prefsTab()))
	if model.Can(role, model.EntityBackup, model.ActRead) {
		s.tabs.Append(container.NewTabItem(a.T("settings.backups"), newBackupsTab(a).build()))
	}
	s.tabs.Append(container.NewTabItem(a.T("settings.password"), s.passwordTab()))
	return s.tabs
}

func (s *settings) companyTab() fyne.CanvasObject {
	a := s.a
	c, err := a.svc.Company.Company(a.ctx)
	if err != nil {
		a.showErr(err)
	}
	s.company = newCompanyForm(a, c, true)
	s.compMsg = widget.NewLabel("")
	save := widget.NewButton(a.T("btn.save"), s.saveCompany)
	save.Importance = widget.HighImportance
	if !model.Can(a.svc.User.Role, model.EntityCompany, model.ActUpdate) {
		save.Disable()
		s.compMsg.SetText(a.T("settings.read_only"))
	}
	tax := widget.NewButtonWithIcon(a.T("settings.tax_open"), theme.SettingsIcon(), func() { a.shell.push(newTaxScreen(a)) })
	series := widget.NewButtonWithIcon(a.T("settings.series_open"), theme.ListIcon(), func() { a.shell.push(newSeriesScreen(a)) })
	tmpls := widget.NewButtonWithIcon(a.T("settings.templates_open"), theme.FileTextIcon(), func() { a.shell.push(newTemplatesScreen(a)) })
	return container.NewVScroll(container.NewVBox(s.company.f.grid, s.compMsg, save, widget.NewSeparator(), container.NewHBox(tax, series, tmpls)))
}

func (s *settings) saveCompany() {
	a := s.a
	c, err := a.svc.Company.UpdateCompany(a.ctx, s.company.company())
	if err != nil {
		if s.company.f.setErrors(err, "") {
			s.compMsg.Importance = widget.DangerImportance
			s.compMsg.SetText(a.T("err.fix_fields"))
			return
		}
		a.showErr(err)
		return
	}
	s.company.f.clearErrors()
	s.company.c = c
	s.compMsg.Importance = widget.SuccessImportance
	s.compMsg.SetText(a.T("settings.saved"))
}

var themeChoices = []string{"system", "light", "dark"}

func (s *settings) prefsTab() fyne.CanvasObject {
	a := s.a
	s.prefs = newForm(a)
	s.lang = widget.NewSelect([]string{"Русский", "English"}, nil)
	if a.tr.Code() == "ru" {
		s.lang.SetSelected("Русский")
	} else {
		s.lang.SetSelected("English")
	}
	s.lang.OnChanged = func(v string) {
		if v == "Русский" {
			a.SetLanguage("ru")
		} else {
			a.SetLanguage("en")
		}
	}
	s.prefs.add("language", s.lang)
	var themeNames []string
	for _, t := range themeChoices {
		themeNames = append(themeNames, a.T("theme."+t))
	}
	s.theme = widget.NewSelect(themeNames, nil)
	current := a.fa.Preferences().StringWithFallback(PrefTheme, "system")
	for i, t := range themeChoices {
		if t == current {
			s.theme.SetSelectedIndex(i)
		}
	}
	s.theme.OnChanged = func(string) {
		t := themeChoices[s.theme.SelectedIndex()]
		a.fa.Preferences().SetString(PrefTheme, t)
		applyTheme(a.fa, t)
	}
	s.prefs.add("theme", s.theme)
	st, err := a.svc.Settings.Settings(a.ctx)
	if err != nil {
		a.showErr(err)
	}
	s.idle = s.prefs.entry("idle_lock_minutes", strconv.Itoa(st.IdleLockMinutes))
	msg := widget.NewLabel("")
	save := widget.NewButton(a.T("btn.save"), func() {
		n, err := strconv.Atoi(s.idle.Text)
		if err != nil {
			s.prefs.setErrors(model.ValidationErrors{{Field: "idle_lock_minutes", Msg: "valid.number"}}, "")
			return
		}
		if err := a.svc.Settings.UpdateSettings(a.ctx, model.Settings{IdleLockMinutes: n}); err != nil {
			if !s.prefs.setErrors(err, "") {
				a.showErr(err)
			}
			return
		}
		s.prefs.clearErrors()
		msg.SetText(a.T("settings.saved"))
		a.idle.start()
	})
	if !model.Can(a.svc.User.Role, model.EntitySettings, model.ActUpdate) {
		s.idle.Disable()
		save.Disable()
	}
	return container.NewVBox(s.prefs.grid, msg, save)
}

func (s *settings) passwordTab() fyne.CanvasObject {
	a := s.a
	s.pw = newForm(a)
	s.pw.password("old_password")
	s.pw.password("password")
	s.pw.password("password_repeat")
	s.pwMsg = widget.NewLabel("")
	save := widget.NewButton(a.T("settings.change_password"), func() {
		if s.pw.text("password") != s.pw.text("password_repeat") {
			s.pw.setErrors(model.ValidationErrors{{Field: "password_repeat", Msg: "valid.password.repeat"}}, "")
			return
		}
		if err := a.svc.Users.ChangePassword(a.ctx, s.pw.text("old_password"), s.pw.text("password")); err != nil {
			if !s.pw.setErrors(err, "") {
				a.showErr(err)
			}
			return
		}
		s.pw.clearErrors()
		for _, n := range []string{"old_password", "password", "password_repeat"} {
			s.pw.fields[n].entry.SetText("")
		}
		s.pwMsg.SetText(a.T("settings.password_changed"))
	})
	return container.NewVBox(s.pw.grid, s.pwMsg, save)
}

// sizeText formats a byte count for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
