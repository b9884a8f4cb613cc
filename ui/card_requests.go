package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// requestsTab lists the customer's service requests and edits them.
type requestsTab struct {
	c        *customerCard
	requests []model.ServiceRequest
	list     *widget.List
	sel      int
	add      *widget.Button
	edit     *widget.Button
}

func buildRequestsTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	t := &requestsTab{c: c, sel: -1}
	t.list = widget.NewList(func() int { return len(t.requests) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return newTapRow(l)
	}, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id }
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1 }
	t.add = widget.NewButtonWithIcon(a.T("requests.new"), theme.ContentAddIcon(), func() {
		a.editRequest(model.ServiceRequest{CustomerID: c.id}, func(model.ServiceRequest) { c.reload() })
	})
	t.edit = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), func() { t.open(t.sel) })
	c.onLoad(t.show)
	return container.NewBorder(container.NewHBox(t.add, t.edit), nil, nil, nil, t.list)
}

func (t *requestsTab) show(d model.CustomerCard) {
	t.requests = d.Requests
	t.sel = -1
	t.list.UnselectAll()
	t.list.Refresh()
	if t.c.canEdit() {
		t.add.Enable()
		t.edit.Enable()
	} else {
		t.add.Disable()
		t.edit.Disable()
	}
}

func (t *requestsTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() { t.open(id) }
	r.content.(*widget.Label).SetText(requestLine(t.c.a, t.requests[id], time.Now().Format("2006-01-02")))
}

func (t *requestsTab) open(i int) {
	if i < 0 || i >= len(t.requests) || !t.c.canEdit() {
		return
	}
	t.c.a.editRequest(t.requests[i], func(model.ServiceRequest) { t.c.reload() })
}
