package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/assets"
	"sdelka/model"
)

// login is the sign-in screen, also used to unlock an idle-locked window.
type login struct {
	a        *App
	user     *widget.Entry
	password *widget.Entry
	message  *widget.Label
	button   *widget.Button
	locked   bool
	// after a successful login; nil opens the main window
	then func(model.User)
}

func newLogin(a *App, userName string, then func(model.User)) *login {
	l := &login{a: a, then: then}
	l.user = widget.NewEntry()
	l.user.SetText(userName)
	l.user.SetPlaceHolder(a.T("login.user"))
	l.password = widget.NewPasswordEntry()
	l.password.SetPlaceHolder(a.T("login.password"))
	l.password.OnSubmitted = func(string) { l.submit() }
	l.user.OnSubmitted = func(string) { a.win.Canvas().Focus(l.password) }
	l.message = widget.NewLabel("")
	l.message.Importance = widget.DangerImportance
	l.message.Wrapping = fyne.TextWrapWord
	l.button = widget.NewButtonWithIcon(a.T("login.submit"), theme.LoginIcon(), l.submit)
	l.button.Importance = widget.HighImportance
	return l
}

func (l *login) focusTarget() fyne.Focusable {
	if l.user.Text != "" {
		return l.password
	}
	return l.user
}

func (l *login) build() fyne.CanvasObject {
	a := l.a
	logo := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle(a.T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	subtitle := widget.NewLabelWithStyle(a.T("login.subtitle"), fyne.TextAlignCenter, fyne.TextStyle{})
	if l.locked {
		subtitle.SetText(a.T("login.locked_hint"))
		l.user.Disable()
	}
	langSel := widget.NewSelect([]string{"Русский", "English"}, nil)
	if a.tr.Code() == "ru" {
		langSel.SetSelected("Русский")
	} else {
		langSel.SetSelected("English")
	}
	langSel.OnChanged = func(s string) {
		lang := "en"
		if s == "Русский" {
			lang = "ru"
		}
		if lang != a.tr.Code() {
			a.fa.Preferences().SetString(PrefLanguage, lang)
			a.tr = a.cfg.Catalog.Lang(lang)
			a.win.SetTitle(a.T("app.title"))
			nl := newLogin(a, l.user.Text, l.then)
			nl.locked = l.locked
			a.win.SetContent(nl.build())
		}
	}
	items := []fyne.CanvasObject{container.NewCenter(logo), title, subtitle, l.user, l.password, l.button, l.message}
	if l.locked {
		items = append(items, widget.NewButton(a.T("login.other_user"), func() { a.showLogin("") }))
	}
	if demo, err := a.cfg.Gate.DemoLogins(a.ctx); err == nil && len(demo) > 0 && !l.locked {
		var b strings.Builder
		b.WriteString(a.T("login.demo_hint"))
		for _, d := range demo {
			fmt.Fprintf(&b, "\n%s — %s / %s", a.T("role."+string(d.Role)), d.Login, d.Password)
		}
		hint := widget.NewLabel(b.String())
		hint.Importance = widget.LowImportance
		items = append(items, widget.NewSeparator(), hint)
	}
	items = append(items, container.NewHBox(layout.NewSpacer(), widget.NewIcon(theme.SettingsIcon()), langSel))
	box := container.NewVBox(items...)
	card := container.NewGridWrap(fyne.NewSize(380, box.MinSize().Height), box)
	return container.NewCenter(card)
}

func (l *login) submit() {
	a := l.a
	l.button.Disable()
	defer l.button.Enable()
	u, err := a.cfg.Gate.Login(a.ctx, l.user.Text, l.password.Text)
	if err != nil {
		l.password.SetText("")
		msg, known := a.errText(err)
		if !known {
			logf("login: %v", err)
			msg += ": " + err.Error()
		}
		if errors.Is(err, model.ErrBadCredentials) {
			msg = a.T("err.bad_credentials")
		}
		l.message.SetText(msg)
		return
	}
	l.message.SetText("")
	if l.then != nil {
		l.then(u)
		return
	}
	a.loggedIn(u)
}
