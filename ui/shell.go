package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// screen is one page of the main window.
type screen interface {
	build() fyne.CanvasObject
}

// reshower is a screen that refreshes its data when it is shown again after
// a screen on top of it (a customer card) was closed.
type reshower interface{ reshow() }

// navItem is an entry of the sidebar; only screens the user can use appear.
type navItem struct {
	key  string // translation key "nav.<key>"
	icon fyne.Resource
	make func(s *shell) screen
}

// shown is a screen and what its build returned.
type shown struct {
	sc  screen
	obj fyne.CanvasObject
}

// shell is the main window: sidebar, global search, content and status line.
// The content is a stack: a sidebar screen at the bottom, cards and wizards
// opened from it on top; Back returns to the screen below as it was.
type shell struct {
	a        *App
	items    []navItem
	nav      *widget.List
	content  *fyne.Container
	search   *searchEntry
	find     *globalSearch
	status   *widget.Label
	current  int
	screen   screen // the screen on top
	stack    []shown
	quietNav bool
	menu     *fyne.MainMenu
	addEntry *fyne.MenuItem
}

// shortcutAddEntry opens the timeline entry dialog of the card on screen. It
// lives on the main menu: menu shortcuts work even while an entry has focus.
var shortcutAddEntry = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}

func newShell(a *App) *shell {
	s := &shell{a: a, current: 0}
	role := a.svc.User.Role
	if model.Can(role, model.EntityCustomer, model.ActRead) {
		s.items = append(s.items, navItem{"customers", theme.AccountIcon(), func(s *shell) screen { return newCustomerList(s.a, "") }})
		s.items = append(s.items, navItem{"requests", theme.MailReplyIcon(), func(s *shell) screen { return newRequestsScreen(s.a) }})
	}
	if model.Can(role, model.EntityDeal, model.ActRead) {
		s.items = append(s.items, navItem{"deals", theme.GridIcon(), func(s *shell) screen { return newDealBoard(s.a) }})
		s.items = append(s.items, navItem{"deal_list", theme.ListIcon(), func(s *shell) screen { return newDealList(s.a) }})
	}
	if model.Can(role, model.EntityLead, model.ActRead) {
		s.items = append(s.items, navItem{"leads", theme.ContentAddIcon(), func(s *shell) screen { return newLeadList(s.a) }})
	}
	if model.Can(role, model.EntityActivity, model.ActRead) {
		s.items = append(s.items, navItem{"my_day", theme.CalendarIcon(), func(s *shell) screen { return newMyDay(s.a) }})
	}
	if model.Can(role, model.EntityApproval, model.ActRead) {
		s.items = append(s.items, navItem{"approvals", theme.CheckButtonCheckedIcon(), func(s *shell) screen { return newApprovalsInbox(s.a) }})
	}
	if model.Can(role, model.EntityReverse, model.ActRead) {
		s.items = append(s.items, navItem{"reverse", theme.ContentRedoIcon(), func(s *shell) screen { return newReverseList(s.a) }})
	}
	if model.Can(role, model.EntityDocument, model.ActRead) {
		s.items = append(s.items, navItem{"orders", theme.DocumentCreateIcon(), func(s *shell) screen { return newOrderList(s.a) }})
		s.items = append(s.items, navItem{"documents", theme.DocumentIcon(), func(s *shell) screen { return newDocList(s.a) }})
		s.items = append(s.items, navItem{"obligations", theme.WarningIcon(), func(s *shell) screen { return newObligationsScreen(s.a) }})
	}
	if model.Can(role, model.EntityPayment, model.ActRead) {
		s.items = append(s.items, navItem{"payments", theme.ConfirmIcon(), func(s *shell) screen { return newPaymentList(s.a) }})
	}
	if model.Can(role, model.EntityProduct, model.ActRead) {
		s.items = append(s.items, navItem{"products", theme.StorageIcon(), func(s *shell) screen { return newProductList(s.a) }})
	}
	if model.Can(role, model.EntityPriceList, model.ActRead) {
		s.items = append(s.items, navItem{"pricelists", theme.ListIcon(), func(s *shell) screen { return newPriceListScreen(s.a) }})
	}
	if model.Can(role, model.EntityPriceList, model.ActRead) && model.Can(role, model.EntityProduct, model.ActRead) {
		s.items = append(s.items, navItem{"price_check", theme.QuestionIcon(), func(s *shell) screen { return newPriceCheck(s.a) }})
	}
	if model.Can(role, model.EntityAnalytics, model.ActRead) {
		s.items = append(s.items, navItem{"dashboard", theme.GridIcon(), func(s *shell) screen { return newDashboard(s.a) }})
		s.items = append(s.items, navItem{"forecast", theme.MediaFastForwardIcon(), func(s *shell) screen { return newForecastScreen(s.a) }})
		s.items = append(s.items, navItem{"analytics_customers", theme.AccountIcon(), func(s *shell) screen { return newCustomerAnalysis(s.a) }})
	}
	if model.Can(role, model.EntityPlan, model.ActRead) {
		s.items = append(s.items, navItem{"plans", theme.CalendarIcon(), func(s *shell) screen { return newPlansScreen(s.a) }})
	}
	if model.Can(role, model.EntityCommission, model.ActRead) {
		s.items = append(s.items, navItem{"commissions", theme.ContentPasteIcon(), func(s *shell) screen { return newCommissionsScreen(s.a) }})
	}
	if model.Can(role, model.EntityCurrency, model.ActRead) {
		s.items = append(s.items, navItem{"rates", theme.ViewRefreshIcon(), func(s *shell) screen { return newRatesScreen(s.a) }})
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
		if !s.quietNav {
			s.show(id)
		}
	}
	s.find = newGlobalSearch(s)
	s.search = s.find.entry
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
	split.Offset = 0.14
	s.stack = nil
	s.nav.Select(s.current)
	body := container.NewStack(split, s.find.layer())
	root := container.NewBorder(container.NewVBox(top, widget.NewSeparator()), container.NewVBox(widget.NewSeparator(), s.status), nil, nil, body)
	s.setStatus("")
	s.setMenu()
	return newActivityRoot(root, a.idle)
}

// setMenu puts the main menu on the window; its shortcuts work wherever the
// focus is.
func (s *shell) setMenu() {
	a := s.a
	find := fyne.NewMenuItem(a.T("menu.find"), func() { a.win.Canvas().Focus(s.search) })
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	s.addEntry = fyne.NewMenuItem(a.T("menu.add_entry"), s.addTimelineEntry)
	s.addEntry.Shortcut = shortcutAddEntry
	back := fyne.NewMenuItem(a.T("menu.back"), s.leaveTop)
	back.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	s.menu = fyne.NewMainMenu(fyne.NewMenu(a.T("menu.customers"), find, back, s.addEntry))
	s.updateMenu()
	a.win.SetMainMenu(s.menu)
}

// updateMenu enables what the screen on top offers.
func (s *shell) updateMenu() {
	if s.addEntry == nil {
		return
	}
	_, card := s.screen.(*customerCard)
	s.addEntry.Disabled = !card
	s.menu.Refresh()
}

// addTimelineEntry is the menu's "new timeline entry": it works on a card.
func (s *shell) addTimelineEntry() {
	if c, ok := s.screen.(*customerCard); ok {
		s.a.idle.touch()
		c.shortcut()
	}
}

// show opens the screen of the sidebar item id.
func (s *shell) show(id int) {
	if id < 0 || id >= len(s.items) {
		return
	}
	s.current = id
	s.open(s.items[id].make(s))
}

// open shows sc as the only screen.
func (s *shell) open(sc screen) {
	s.stack = []shown{{sc, sc.build()}}
	s.showTop()
}

// push shows sc on top of the current screen; back returns.
func (s *shell) push(sc screen) {
	s.stack = append(s.stack, shown{sc, sc.build()})
	s.showTop()
}

// leaver is a screen that may ask before it is left (unsaved edits).
type leaver interface{ leave() }

// leaveTop is the Back menu item: the screen on top decides how it is left.
func (s *shell) leaveTop() {
	if l, ok := s.screen.(leaver); ok && len(s.stack) > 1 {
		l.leave()
		return
	}
	s.back()
}

// back closes the screen on top and shows the one below as it was.
func (s *shell) back() {
	if len(s.stack) < 2 {
		return
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.showTop()
	if r, ok := s.screen.(reshower); ok {
		r.reshow()
	}
}

func (s *shell) showTop() {
	top := s.stack[len(s.stack)-1]
	s.screen = top.sc
	s.content.Objects = []fyne.CanvasObject{top.obj}
	s.content.Refresh()
	s.updateMenu()
}

// openCustomer shows the card of a customer on top of the current screen.
func (s *shell) openCustomer(id string) {
	s.a.idle.touch()
	s.find.hide()
	s.push(newCustomerCard(s.a, id))
}

// showCustomers opens the customer list filtered by q.
func (s *shell) showCustomers(q string) {
	s.a.idle.touch()
	for i, it := range s.items {
		if it.key == "customers" {
			s.current = i
			s.quietNav = true
			s.nav.Select(i)
			s.quietNav = false
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
