package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// screen is one page of the main window.
type screen interface {
	build() fyne.CanvasObject
}

// navItem is an entry of the sidebar; only screens the user can use appear.
type navItem struct {
	key  string // translation key "nav.<key>"
	icon fyne.Resource
	make func(s *shell) screen
}

// shell is the main window: sidebar, global search, content and status line.
type shell struct {
	a       *App
	items   []navItem
	nav     *widget.List
	content *fyne.Container
	search  *widget.Entry
	status  *widget.Label
	current int
	screen  screen
}

func newShell(a *App) *shell {
	s := &shell{a: a, current: 0}
	role := a.svc.User.Role
	if model.Can(role, model.EntityCustomer, model.ActRead) {
		s.items = append(s.items, navItem{"customers", theme.AccountIcon(), func(s *shell) screen { return newCustomerList(s.a, "") }})
	}
	if model.Can(role, model.EntityAudit, model.ActRead) {
		s.items = append(s.items, navItem{"audit", theme.HistoryIcon(), func(s *shell) screen { return newAuditScreen(s.a) }})
	}
	s.items = append(s.items, navItem{"settings", theme.SettingsIcon(), func(s *shell) screen { return newSettings(s.a) }})
	return s
}

func (s *shell) build() fyne.CanvasObject {
	a := s.a
	s.nav = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel("template item"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(s.items[id].icon)
			box.Objects[1].(*widget.Label).SetText(a.T("nav." + s.items[id].key))
		})
	s.nav.OnSelected = func(id widget.ListItemID) {
		a.idle.touch()
		s.show(id)
	}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(a.T("shell.search"))
	s.search.OnSubmitted = func(q string) { s.globalSearch(q) }
	user := a.svc.User
	who := widget.NewLabel(user.FullName + " · " + a.T("role."+string(user.Role)))
	lockBtn := widget.NewButtonWithIcon(a.T("shell.lock"), theme.VisibilityOffIcon(), a.lock)
	logout := widget.NewButtonWithIcon(a.T("shell.logout"), theme.LogoutIcon(), a.Logout)
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle(a.T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(who, lockBtn, logout), s.search)
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.content = container.NewStack()
	split := container.NewHSplit(s.nav, s.content)
	split.Offset = 0.16
	s.nav.Select(s.current)
	root := container.NewBorder(container.NewVBox(top, widget.NewSeparator()), container.NewVBox(widget.NewSeparator(), s.status), nil, nil, split)
	s.setStatus("")
	return newActivityRoot(root, a.idle)
}

// show opens the screen of the sidebar item id.
func (s *shell) show(id int) {
	if id < 0 || id >= len(s.items) {
		return
	}
	s.current = id
	s.open(s.items[id].make(s))
}

func (s *shell) open(sc screen) {
	s.screen = sc
	s.content.Objects = []fyne.CanvasObject{sc.build()}
	s.content.Refresh()
}

// globalSearch opens the customer list filtered by q.
func (s *shell) globalSearch(q string) {
	s.a.idle.touch()
	for i, it := range s.items {
		if it.key == "customers" {
			s.current = i
			s.nav.Select(i)
			s.open(newCustomerList(s.a, q))
			return
		}
	}
}

// setStatus shows the database, the user and an optional message.
func (s *shell) setStatus(msg string) {
	text := s.a.T("shell.status", s.a.cfg.DBPath, s.a.svc.User.Login)
	if msg != "" {
		text += " · " + msg
	}
	s.status.SetText(text)
}

// rebuild redraws the whole window (after a language change).
func (s *shell) rebuild() {
	s.a.win.SetContent(s.build())
}
