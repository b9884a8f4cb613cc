package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// loaded waits until the list has counted and every page it asked for has
// arrived.
func (h *harness) loaded(l *customerList) {
	h.t.Helper()
	h.waitFor("the customer list to load", func() bool { return l.counted && !l.pages.busy() })
	h.settle()
}

// listRows reads every row of the list as its table would, page by page.
func (h *harness) listRows(l *customerList) []model.Customer {
	h.t.Helper()
	var out []model.Customer
	for i := 0; i < l.length(); i++ {
		var c model.Customer
		h.waitFor(fmt.Sprintf("row %d", i), func() bool {
			var ok bool
			c, ok = l.row(i)
			return ok
		})
		out = append(out, c)
	}
	return out
}

// shownRow renders row i of the list into a fresh row widget, as the list
// does on screen, and returns its check box and cell texts.
func shownRow(l *customerList, i int) (*widget.Check, []string, *tapRow) {
	o := l.list.CreateItem()
	l.list.UpdateItem(i, o)
	r := o.(*tapRow)
	cells := r.content.(*fyne.Container).Objects
	var texts []string
	for _, c := range cells[1:] {
		texts = append(texts, c.(*widget.Label).Text)
	}
	return cells[0].(*widget.Check), texts, r
}

func (h *harness) countCustomers(login string, f model.CustomerFilter) int {
	h.t.Helper()
	n, err := h.session(login).CountCustomers(h.ctx, f)
	if err != nil {
		h.t.Fatalf("count customers as %s: %v", login, err)
	}
	return n
}

// findCustomers reads customers as login sees them, up to 1000.
func (h *harness) findCustomers(login string, f model.CustomerFilter) []model.Customer {
	h.t.Helper()
	f.Limit = 1000
	cs, err := h.session(login).FindCustomers(h.ctx, f)
	if err != nil {
		h.t.Fatalf("find customers as %s: %v", login, err)
	}
	return cs
}

// customerNamed finds a live customer by exact name, as the system sees it.
func (h *harness) customerNamed(name string) (model.Customer, bool) {
	h.t.Helper()
	cs, err := h.store.Session(repo.System).FindCustomers(h.ctx, model.CustomerFilter{Query: name, Limit: 1000})
	if err != nil {
		h.t.Fatalf("find customers: %v", err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return model.Customer{}, false
}

func ids(cs []model.Customer) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// dialogView is the form dialog on top, with its Save button and the status
// label before it (when the dialog has one).
type dialogView struct {
	root   fyne.CanvasObject
	save   *widget.Button
	status *widget.Label
}

func (h *harness) dialog() dialogView {
	h.t.Helper()
	d := h.overlay()
	v := dialogView{root: d, save: buttonIn(h.t, d, en("btn.save"))}
	walk(d, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for i, x := range c.Objects {
			if x == v.save && i > 0 {
				v.status, _ = c.Objects[i-1].(*widget.Label)
			}
		}
	})
	return v
}

func (v dialogView) set(t *testing.T, label, text string) {
	t.Helper()
	fieldIn(t, v.root, label).entry(t).SetText(text)
}

// closeDialogs hides every dialog.
func (h *harness) closeDialogs() {
	for h.win.Canvas().Overlays().Top() != nil {
		h.win.Canvas().Overlays().Top().Hide()
	}
}

// card is the customer card on top of the shell.
func (h *harness) card() *customerCard {
	h.t.Helper()
	c, ok := h.a.shell.screen.(*customerCard)
	if !ok {
		h.t.Fatalf("screen is %T, want *customerCard", h.a.shell.screen)
	}
	h.waitFor("the card to load", func() bool { return c.loaded })
	h.settle()
	return c
}

// openCard opens the card of customer id as the list would.
func (h *harness) openCard(id string) *customerCard {
	h.t.Helper()
	h.a.shell.openCustomer(id)
	return h.card()
}

// tab returns the content of the card's tab titled key's translation.
func (h *harness) tab(c *customerCard, key string) fyne.CanvasObject {
	h.t.Helper()
	for _, it := range c.tabs.Items {
		if it.Text == h.a.T(key) {
			c.tabs.Select(it)
			return it.Content
		}
	}
	h.t.Fatalf("card has no tab %q", h.a.T(key))
	return nil
}

// tap taps the one button labelled text under root.
func tap(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	test.Tap(buttonIn(t, root, text))
}

var (
	fyneKeyDown   = fyne.KeyEvent{Name: fyne.KeyDown}
	fyneKeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}
)

// hasLabelPrefix reports whether a visible label under root starts with text.
func hasLabelPrefix(root fyne.CanvasObject, text string) bool {
	return len(findAll(root, func(l *widget.Label) bool {
		return l.Visible() && len(l.Text) >= len(text) && l.Text[:len(text)] == text
	})) > 0
}

func tableCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }

// pick chooses the option of value in a choice, as a user would.
func pick(t *testing.T, c *choice, value string) {
	t.Helper()
	for i, v := range c.values {
		if v == value {
			c.sel.SetSelected(c.labels[i])
			return
		}
	}
	t.Fatalf("no option for %q among %d (placeholder %q)", value, len(c.values), c.sel.PlaceHolder)
}
