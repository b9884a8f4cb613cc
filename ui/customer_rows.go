package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var customerColumns = []column{{"name", 240}, {"inn", 115}, {"region", 150}, {"phone", 140}, {"email", 180},
	{"group", 110}, {"owner", 140}, {"open_requests", 90}}

// customerColMins are the narrowest the columns get before the table scrolls
// sideways.
var customerColMins = map[string]float32{"name": 150, "region": 100, "email": 120, "group": 80, "owner": 100}

// customerSortCols are the columns whose header sorts the list.
var customerSortCols = map[string]model.CustomerSort{"name": model.SortByName, "inn": model.SortByINN}

// layout is the column layout shared by the header and the rows.
func (l *customerList) layout() colLayout {
	widths, mins := []float32{checkColWidth}, []float32{checkColWidth}
	for _, c := range customerColumns {
		widths = append(widths, c.width)
		if m, ok := customerColMins[c.key]; ok {
			mins = append(mins, m)
		} else {
			mins = append(mins, c.width)
		}
	}
	return colLayout{widths: widths, mins: mins, flex: 1}
}

func (l *customerList) header() fyne.CanvasObject {
	l.headers = map[string]*headerCell{}
	objs := []fyne.CanvasObject{widget.NewLabel("")}
	for _, c := range customerColumns {
		var tap func()
		if s, ok := customerSortCols[c.key]; ok {
			tap = func() { l.sortBy(s, l.f.Sort == s && !l.f.Desc) }
		}
		h := newHeaderCell(l.a.T("col."+c.key), tap)
		l.headers[c.key] = h
		objs = append(objs, h)
	}
	return container.NewVBox(container.New(l.layout(), objs...), widget.NewSeparator())
}

func (l *customerList) length() int { return l.total }

func (l *customerList) createRow() fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewCheck("", nil)}
	for range customerColumns {
		lbl := widget.NewLabel("")
		lbl.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, lbl)
	}
	return newTapRow(container.New(l.layout(), objs...))
}

// updateRow shows row id from the page cache; a row not yet loaded shows
// "Loading…" and its page is fetched in the background.
func (l *customerList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*tapRow)
	cells := r.content.(*fyne.Container).Objects
	r.onTap = func() { l.list.Select(id) }
	r.onDouble = func() { l.list.Select(id); l.openRow(id) }
	check := cells[0].(*widget.Check)
	check.OnChanged = nil
	c, ok := l.pages.get(id)
	if !ok {
		check.SetChecked(false)
		check.Disable()
		for i := range customerColumns {
			cells[i+1].(*widget.Label).SetText("")
		}
		cells[1].(*widget.Label).SetText(l.a.T("customers.loading"))
		return
	}
	_, on := l.checked[c.ID]
	check.SetChecked(on)
	if l.f.Deleted {
		check.Disable()
	} else {
		check.Enable()
	}
	check.OnChanged = func(on bool) { l.toggle(c, on) }
	for i, col := range customerColumns {
		cells[i+1].(*widget.Label).SetText(l.cell(c, col.key))
	}
}

// cell is the text of one column of a customer row.
func (l *customerList) cell(c model.Customer, key string) string {
	switch key {
	case "name":
		return c.Name
	case "inn":
		return c.INN
	case "region":
		if name, ok := l.filters.regionNames[c.RegionCode]; ok {
			return name // in the UI's language
		}
		return c.RegionName
	case "phone":
		return c.Phone
	case "email":
		return c.Email
	case "group":
		return c.GroupName
	case "owner":
		return c.OwnerName
	case "open_requests":
		if c.OpenRequests > 0 {
			return strconv.Itoa(c.OpenRequests)
		}
	}
	return ""
}
