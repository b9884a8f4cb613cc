package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// cardTimeline is how many timeline entries the card loads at first.
const cardTimeline = 50

// cardTab is a tab of the customer card. A later capability (deals, orders,
// documents, payments) adds its tab to cardTabs; the card itself does not
// change. build runs once per card, before the data has loaded: a tab shows
// the data it is given through card.onLoad.
type cardTab struct {
	key     string
	title   string // translation key
	visible func(model.Role) bool
	build   func(c *customerCard) fyne.CanvasObject
}

// cardTabs are the card's tabs in display order.
var cardTabs = []cardTab{
	{key: "profile", title: "card.profile", visible: canReadCustomers, build: buildProfileTab},
	{key: "contacts", title: "card.contacts", visible: canReadCustomers, build: buildContactsTab},
	{key: "timeline", title: "card.timeline", visible: canReadCustomers, build: buildTimelineTab},
	{key: "requests", title: "card.requests", visible: canReadCustomers, build: buildRequestsTab},
	{key: "deals", title: "card.deals", visible: canReadDeals, build: buildDealsTab},
	{key: "activities", title: "card.activities", visible: canReadActivities, build: buildActivitiesTab},
	{key: "prices", title: "card.prices", visible: canReadPrices, build: buildPricesTab},
	{key: "orders", title: "card.orders", visible: canReadDocuments, build: buildOrdersTab},
	{key: "documents", title: "card.documents", visible: canReadDocuments, build: buildDocsTab},
	{key: "payments", title: "card.payments", visible: canReadDocuments, build: buildPaymentsTab},
}

func canReadDocuments(r model.Role) bool { return model.Can(r, model.EntityDocument, model.ActRead) }

func canReadDeals(r model.Role) bool { return model.Can(r, model.EntityDeal, model.ActRead) }

func canReadActivities(r model.Role) bool { return model.Can(r, model.EntityActivity, model.ActRead) }

func canReadCustomers(r model.Role) bool { return model.Can(r, model.EntityCustomer, model.ActRead) }

// customerCard shows everything about one customer: a header and the tabs of
// cardTabs. It loads the card in one read in the background and hands the
// data to every tab; a tab that changes something asks for a reload.
type customerCard struct {
	a          *App
	id         string
	data       model.CustomerCard
	loaded     bool
	title      *widget.Label
	info       *widget.Label
	entry      *widget.Button
	tabs       *container.AppTabs
	keys       []string // keys of the tabs shown, in order
	listeners  []func(model.CustomerCard)
	onShortcut func() // the "new timeline entry" shortcut; set by the timeline tab
	gen        int
}

func newCustomerCard(a *App, id string) *customerCard { return &customerCard{a: a, id: id} }

func (c *customerCard) build() fyne.CanvasObject {
	a := c.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	c.title = widget.NewLabelWithStyle(a.T("customers.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.SizeName = theme.SizeNameSubHeadingText
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.info = widget.NewLabel("")
	c.info.Truncation = fyne.TextTruncateEllipsis
	c.entry = widget.NewButtonWithIcon(a.T("card.add_entry"), theme.ContentAddIcon(), c.shortcut)
	c.tabs = container.NewAppTabs()
	role := a.svc.User.Role
	for _, t := range cardTabs {
		if t.visible(role) {
			c.tabs.Append(container.NewTabItem(a.T(t.title), t.build(c)))
			c.keys = append(c.keys, t.key)
		}
	}
	c.reload()
	header := container.NewBorder(nil, nil, container.NewCenter(back), container.NewCenter(c.entry), container.NewVBox(c.title, c.info))
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, c.tabs)
}

// onLoad registers a tab's view of the data; it runs on every (re)load.
func (c *customerCard) onLoad(f func(model.CustomerCard)) {
	c.listeners = append(c.listeners, f)
	if c.loaded {
		f(c.data)
	}
}

// reload reads the card in the background and shows it.
func (c *customerCard) reload() {
	c.gen++
	gen := c.gen
	a := c.a
	a.background(func() {
		d, err := a.svc.Customers.CustomerCard(a.ctx, c.id, cardTimeline)
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			c.data, c.loaded = d, true
			c.showHeader()
			for _, f := range c.listeners {
				f(d)
			}
		})
	})
}

// reshow reloads when the card is shown again.
func (c *customerCard) reshow() { c.reload() }

func (c *customerCard) showHeader() {
	a := c.a
	cu := c.data.Customer
	c.title.SetText(cu.Name)
	parts := []string{fmt.Sprintf("№ %d", cu.Num)}
	if cu.INN != "" {
		parts = append(parts, a.T("col.inn")+" "+cu.INN)
	}
	if cu.RegionName != "" {
		parts = append(parts, cu.RegionName)
	}
	if cu.OwnerName != "" {
		parts = append(parts, a.T("field.owner")+": "+cu.OwnerName)
	}
	if !cu.DeletedAt.IsZero() {
		parts = append(parts, a.T("card.in_trash"))
	}
	c.info.SetText(strings.Join(parts, " · "))
	if c.canEdit() {
		c.entry.Enable()
	} else {
		c.entry.Disable()
	}
}

// canEdit tells whether the user may change this customer.
func (c *customerCard) canEdit() bool {
	return model.Can(c.a.svc.User.Role, model.EntityCustomer, model.ActUpdate) && c.data.Customer.DeletedAt.IsZero()
}

// showTab brings the tab with key to the front.
func (c *customerCard) showTab(key string) {
	for i, k := range c.keys {
		if k == key {
			c.tabs.SelectIndex(i)
		}
	}
}

// shortcut is the "new timeline entry" action of the menu and the header.
func (c *customerCard) shortcut() {
	if c.onShortcut != nil {
		c.onShortcut()
	}
}
