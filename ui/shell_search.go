package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

const searchHits = 10

// searchEntry is the shell's search box: arrow keys move through the hits
// shown under it and Escape hides them.
type searchEntry struct {
	widget.Entry
	onKey       func(*fyne.KeyEvent) bool
	onFocusLost func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey lets onKey take a key before the entry does.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost implements fyne.Focusable.
func (e *searchEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// globalSearch finds customers as the user types in the shell's search box
// and shows the best hits in a panel under it. It is not a pop-up: a pop-up
// would take the keyboard focus from the entry.
type globalSearch struct {
	s       *shell
	entry   *searchEntry
	box     *fyne.Container // the layer holding the panel
	panel   *fyne.Container
	rows    *fyne.Container
	hits    []model.SearchHit
	hitsFor string
	hi      int // highlighted hit
	typing  *debouncer
	seq     int
}

func newGlobalSearch(s *shell) *globalSearch {
	g := &globalSearch{s: s, entry: newSearchEntry(), typing: newDebouncer(150*time.Millisecond, &s.a.busy)}
	g.entry.SetPlaceHolder(s.a.T("shell.search"))
	g.entry.OnChanged = g.changed
	g.entry.OnSubmitted = g.submit
	g.entry.onKey = g.key
	g.entry.onFocusLost = func() {
		// Later, so a tap on a hit (which takes the focus) still lands.
		time.AfterFunc(300*time.Millisecond, func() {
			fyne.Do(func() {
				if g.s.a.win.Canvas().Focused() != g.entry {
					g.hide()
				}
			})
		})
	}
	return g
}

// layer is the transparent layer over the window body that holds the panel.
func (g *globalSearch) layer() fyne.CanvasObject {
	g.rows = container.NewVBox()
	all := widget.NewButtonWithIcon(g.s.a.T("search.all"), theme.ListIcon(), func() { g.openList(g.entry.Text) })
	all.Importance = widget.LowImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	g.panel = container.NewStack(bg, container.NewPadded(container.NewVBox(g.rows, widget.NewSeparator(), all)))
	g.panel.Hide()
	layer := &fyne.Container{Objects: []fyne.CanvasObject{g.panel}}
	layer.Layout = &underLayout{anchor: g.entry, layer: layer}
	g.box = layer
	return layer
}

func (g *globalSearch) changed(q string) {
	if strings.TrimSpace(q) == "" {
		g.typing.cancel()
		g.seq++
		g.hide()
		return
	}
	g.typing.call(func() { g.run(q) })
}

// run searches in the background and shows the hits unless the text changed
// meanwhile.
func (g *globalSearch) run(q string) {
	g.seq++
	seq := g.seq
	a := g.s.a
	a.background(func() {
		hits, err := a.svc.Customers.SearchCustomers(a.ctx, q, searchHits)
		fyne.Do(func() {
			if seq != g.seq {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			g.hits, g.hitsFor, g.hi = hits, q, 0
			g.showHits()
		})
	})
}

func (g *globalSearch) showHits() {
	a := g.s.a
	g.rows.Objects = nil
	if len(g.hits) == 0 {
		l := widget.NewLabel(a.T("search.none"))
		l.Importance = widget.LowImportance
		g.rows.Add(l)
	}
	for i, h := range g.hits {
		text := h.Customer.Name
		if h.Customer.INN != "" {
			text += " · " + a.T("col.inn") + " " + h.Customer.INN
		}
		if h.Contact != "" {
			text += " · " + a.T("search.contact", h.Contact)
		}
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if i == g.hi {
			l.TextStyle.Bold = true
		}
		mark := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
		if i != g.hi {
			mark.Hide()
		}
		g.rows.Add(newTapArea(container.NewStack(mark, l), func() { g.open(i) }))
	}
	g.rows.Refresh()
	g.panel.Show()
	g.box.Refresh()
}

// key moves the highlight with the arrow keys and hides the hits on Escape.
func (g *globalSearch) key(k *fyne.KeyEvent) bool {
	if !g.panel.Visible() {
		return false
	}
	switch k.Name {
	case fyne.KeyDown:
		if g.hi < len(g.hits)-1 {
			g.hi++
			g.showHits()
		}
		return true
	case fyne.KeyUp:
		if g.hi > 0 {
			g.hi--
			g.showHits()
		}
		return true
	case fyne.KeyEscape:
		g.hide()
		return true
	}
	return false
}

// submit is Enter: it opens the highlighted hit; with no hits, the customer
// list filtered by the text.
func (g *globalSearch) submit(q string) {
	a := g.s.a
	g.typing.cancel()
	g.seq++
	if strings.TrimSpace(q) == "" {
		return
	}
	if q != g.hitsFor || g.hits == nil {
		hits, err := a.svc.Customers.SearchCustomers(a.ctx, q, searchHits)
		if err != nil {
			a.showErr(err)
			return
		}
		g.hits, g.hitsFor, g.hi = hits, q, 0
	}
	if len(g.hits) == 0 {
		g.openList(q)
		return
	}
	g.open(g.hi)
}

func (g *globalSearch) open(i int) {
	if i < 0 || i >= len(g.hits) {
		return
	}
	id := g.hits[i].Customer.ID
	g.clear()
	g.s.openCustomer(id)
}

func (g *globalSearch) openList(q string) {
	g.clear()
	g.s.showCustomers(q)
}

// clear empties the box and forgets the hits.
func (g *globalSearch) clear() {
	g.typing.cancel()
	g.seq++
	g.entry.OnChanged = nil
	g.entry.SetText("")
	g.entry.OnChanged = g.changed
	g.hits, g.hitsFor = nil, ""
	g.hide()
}

func (g *globalSearch) hide() {
	if g.panel != nil {
		g.panel.Hide()
	}
}

// underLayout puts the panel right under the anchor (the search box), as wide
// as it, at the top of the layer.
type underLayout struct {
	anchor fyne.CanvasObject
	layer  fyne.CanvasObject
}

func (u *underLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (u *underLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	d := fyne.CurrentApp().Driver()
	x := d.AbsolutePositionForObject(u.anchor).X - d.AbsolutePositionForObject(u.layer).X
	w := max(u.anchor.Size().Width, 360)
	for _, o := range objs {
		o.Move(fyne.NewPos(max(0, x), 0))
		o.Resize(fyne.NewSize(min(w, size.Width), min(o.MinSize().Height, size.Height)))
	}
}
