package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// lookupHits is how many hits a lookup shows.
const lookupHits = 8

// lookupHit is a record a lookup found: its ID, the text shown and the
// record itself.
type lookupHit struct {
	id    string
	label string
	rec   any
}

// lookup chooses a record by searching as the user types: the hits appear
// as buttons under the entry and a tap chooses one. Changing the text again
// drops the choice.
type lookup struct {
	a      *App
	entry  *widget.Entry
	hits   *fyne.Container
	typing *debouncer
	find   func(ctx context.Context, q string) ([]lookupHit, error)
	onPick func(lookupHit)
	value  lookupHit
	seq    int
	resize func() // lays out what holds the lookup after the hits changed
}

func newLookup(a *App, placeholder string, find func(ctx context.Context, q string) ([]lookupHit, error), onPick func(lookupHit)) *lookup {
	l := &lookup{a: a, find: find, onPick: onPick, hits: container.NewVBox(),
		typing: newDebouncer(150*time.Millisecond, &a.busy)}
	l.entry = widget.NewEntry()
	l.entry.SetPlaceHolder(placeholder)
	l.entry.OnChanged = l.changed
	return l
}

// object is the entry with its hits under it.
func (l *lookup) object() fyne.CanvasObject {
	return container.NewBorder(nil, l.hits, nil, nil, l.entry)
}

func (l *lookup) changed(q string) {
	if l.value.id != "" {
		l.value = lookupHit{}
		l.onPick(l.value)
	}
	if strings.TrimSpace(q) == "" {
		l.typing.cancel()
		l.seq++
		l.showHits(nil)
		return
	}
	l.typing.call(func() { l.run(q) })
}

// run searches in the background and shows the hits unless the text changed
// meanwhile.
func (l *lookup) run(q string) {
	l.seq++
	seq := l.seq
	a := l.a
	a.background(func() {
		hits, err := l.find(a.ctx, q)
		fyne.Do(func() {
			if seq != l.seq {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			if len(hits) == 0 {
				hits = []lookupHit{{label: a.T("search.none")}}
			}
			l.showHits(hits)
		})
	})
}

func (l *lookup) showHits(hits []lookupHit) {
	l.hits.Objects = nil
	for _, h := range hits {
		b := widget.NewButton(h.label, func() { l.pick(h) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if h.id == "" {
			b.Disable()
		} else {
			b.SetIcon(theme.NavigateNextIcon())
		}
		l.hits.Add(b)
	}
	l.hits.Refresh()
	if l.resize != nil {
		l.resize()
	}
}

// pick chooses h: the entry shows it and the hits go.
func (l *lookup) pick(h lookupHit) {
	l.a.idle.touch()
	l.typing.cancel()
	l.seq++
	l.entry.OnChanged = nil
	l.entry.SetText(h.label)
	l.entry.OnChanged = l.changed
	l.showHits(nil)
	l.value = h
	l.onPick(h)
}

// findCustomerHits searches customers for a lookup.
func (a *App) findCustomerHits(ctx context.Context, q string) ([]lookupHit, error) {
	found, err := a.svc.Customers.SearchCustomers(ctx, q, lookupHits)
	var out []lookupHit
	for _, h := range found {
		label := h.Customer.Name
		if h.Customer.INN != "" {
			label += " · " + a.T("col.inn") + " " + h.Customer.INN
		}
		out = append(out, lookupHit{id: h.Customer.ID, label: label, rec: h.Customer})
	}
	return out, err
}

// findProductHits searches active products for a lookup.
func (a *App) findProductHits(ctx context.Context, q string) ([]lookupHit, error) {
	rows, err := a.svc.Catalog.FindProducts(ctx, model.ProductFilter{Query: q, ActiveOnly: true, Limit: lookupHits})
	var out []lookupHit
	for _, r := range rows {
		label := r.Name
		if r.SKU != "" {
			label = r.SKU + " · " + r.Name
		}
		out = append(out, lookupHit{id: r.ID, label: label, rec: r})
	}
	return out, err
}

// productsByID loads the products with ids in batches of 1,000 (one query
// each, not one per product); products deleted since are absent from the map.
func (a *App) productsByID(ids []string) (map[string]model.Product, error) {
	out := make(map[string]model.Product, len(ids))
	for start := 0; start < len(ids); start += 1000 {
		rows, err := a.svc.Catalog.FindProducts(a.ctx, model.ProductFilter{IDs: ids[start:min(start+1000, len(ids))], Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = r.Product
		}
	}
	return out, nil
}
