package ui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

const (
	productPage      = 100 // rows per page fetched
	productPagesKept = 50  // pages kept in memory at most
)

// productList is the products screen: a virtual list over what the filter
// selects, paged in the background like the customer list.
type productList struct {
	a          *App
	f          model.ProductFilter
	d          catalogDicts
	day        time.Time // the day whose VAT rates the list shows
	search     *widget.Entry
	typing     *debouncer
	category   *choice
	inStock    *widget.Check
	activeOnly *widget.Check
	headers    map[string]*headerCell
	list       *enterList
	pages      *pageCache[model.ProductRow]
	total      int
	counted    bool
	count      *widget.Label
	cur        int // highlighted row, -1 for none
	gen        int
}

func newProductList(a *App) *productList {
	l := &productList{a: a, f: model.ProductFilter{Sort: "name"}, cur: -1, day: today(),
		d: catalogDicts{tax: model.TaxSettings{BaseCurrency: "RUB"}}, typing: newDebouncer(150*time.Millisecond, &a.busy)}
	l.pages = newPageCache[model.ProductRow](a.ctx, a.background, productPage, productPagesKept, func() { l.list.Refresh() }, a.showErr)
	return l
}

func (l *productList) build() fyne.CanvasObject {
	a := l.a
	role := a.svc.User.Role
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("products.search"))
	l.search.OnChanged = l.typed
	l.search.OnSubmitted = func(string) { l.openRow(l.cur) }
	l.category = newChoice(a.T("products.all_categories"), a.T("products.all_categories"), func(id string) {
		l.f.CategoryID = id
		l.reload()
	})
	l.inStock = widget.NewCheck(a.T("products.in_stock"), func(on bool) { l.f.InStock = on; l.reload() })
	l.activeOnly = widget.NewCheck(a.T("products.active_only"), func(on bool) { l.f.ActiveOnly = on; l.reload() })
	newBtn := widget.NewButtonWithIcon(a.T("products.new"), theme.ContentAddIcon(), l.newProduct)
	if !model.Can(role, model.EntityProduct, model.ActCreate) {
		newBtn.Hide()
	}
	open := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { l.openRow(l.cur) })
	cats := widget.NewButtonWithIcon(a.T("categories.title"), theme.ListIcon(), func() {
		newCategoryEditor(a, l.dictsChanged).show()
	})
	whs := widget.NewButtonWithIcon(a.T("warehouses.title"), theme.HomeIcon(), func() {
		newWarehouseEditor(a, l.dictsChanged).show()
	})
	l.list = newEnterList(l.length, l.createRow, l.updateRow, func() { l.openRow(l.cur) })
	l.list.OnSelected = func(id widget.ListItemID) { l.cur = id; a.idle.touch() }
	l.list.OnUnselected = func(widget.ListItemID) { l.cur = -1 }
	l.count = widget.NewLabel("")
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, open, cats, whs), l.search)
	filters := container.NewBorder(nil, nil, widget.NewLabel(a.T("field.category")),
		container.NewHBox(l.inStock, l.activeOnly), narrow(l.category.sel, 360))
	table := container.NewBorder(l.header(), nil, nil, nil, l.list)
	root := container.NewBorder(container.NewVBox(tools, filters), l.count, nil, nil, container.NewHScroll(table))
	l.showSort()
	l.dictsChanged()
	l.reload()
	return root
}

// dictsChanged reloads the categories and warehouses (after an edit).
func (l *productList) dictsChanged() {
	l.a.loadCatalogDicts(func(d catalogDicts) {
		l.d = d
		l.category.setOptions(categoryOptions(d))
		l.list.Refresh()
	})
}

// typed searches for q once the typing pauses.
func (l *productList) typed(q string) {
	l.typing.call(func() { l.f.Query = q; l.reload() })
}

// reload starts over from the top after a change of the filter or order.
func (l *productList) reload() {
	if l.list == nil {
		return
	}
	l.list.ScrollToOffset(0)
	l.list.UnselectAll()
	l.total, l.counted, l.cur = 0, false, -1
	l.refresh()
}

// refresh reloads the rows and the count where the list stands.
func (l *productList) refresh() {
	l.gen++
	gen := l.gen
	f := l.f
	l.pages.reset(func(ctx context.Context, page int, after *model.ProductRow) ([]model.ProductRow, error) {
		g := f
		g.Limit = productPage
		if after != nil {
			g.AfterKey, g.AfterID = productSortKey(g.Sort, after.Product), after.ID
		} else {
			g.Offset = page * productPage
		}
		return l.a.svc.Catalog.FindProducts(ctx, g)
	})
	l.pages.get(0)
	l.list.Refresh()
	l.a.background(func() {
		n, err := l.a.svc.Catalog.CountProducts(l.a.ctx, f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.a.showErr(err)
				return
			}
			l.total, l.counted = n, true
			l.count.SetText(l.a.N("products.count", int64(n)))
			l.list.Refresh()
		})
	})
}

// productSortKey is the page key the list continues after for p: the same
// value the store orders by (folded name or SKU, or the base price).
func productSortKey(sort string, p model.Product) string {
	switch sort {
	case "sku":
		return model.FoldText(p.SKU)
	case "price":
		return strconv.FormatInt(int64(p.BasePrice), 10)
	}
	return model.FoldText(p.Name)
}

// reshow is called when the list is shown again (back from a product).
func (l *productList) reshow() { l.refresh() }

func (l *productList) sortBy(s string, desc bool) {
	l.f.Sort, l.f.Desc = s, desc
	l.showSort()
	l.reload()
}

// showSort shows the order on the headers.
func (l *productList) showSort() {
	for key, h := range l.headers {
		dir := 0
		if productSortCols[key] == l.f.Sort {
			dir = 1
			if l.f.Desc {
				dir = -1
			}
		}
		h.setSort(dir)
	}
}

// row is a loaded row of the list.
func (l *productList) row(id int) (model.ProductRow, bool) {
	if id < 0 || id >= l.total {
		return model.ProductRow{}, false
	}
	return l.pages.get(id)
}

func (l *productList) openRow(id int) {
	if r, ok := l.row(id); ok {
		l.a.shell.push(newProductForm(l.a, r.ID))
	}
}

func (l *productList) newProduct() {
	l.a.shell.push(newProductForm(l.a, ""))
}

// enterList is a list that opens its selected row on Enter.
type enterList struct {
	widget.List
	onEnter func()
}

func newEnterList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject), onEnter func()) *enterList {
	l := &enterList{onEnter: onEnter}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey opens the selected row on Enter; other keys move as in a list.
func (l *enterList) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && l.onEnter != nil {
		l.onEnter()
		return
	}
	l.List.TypedKey(e)
}
