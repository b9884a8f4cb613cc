package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// productForm is the screen of one product (or a new one): its fields, Save,
// and for goods the stock at each warehouse with the stock movements.
type productForm struct {
	a       *App
	id      string // "" until a new product is saved
	d       catalogDicts
	fields  *productFields
	title   *widget.Label
	status  *widget.Label
	save    *widget.Button
	stock   *stockPanel
	kit     *widget.Button // the kit's components, for a saved kit
	moves   *widget.Button // the stock movement history, for saved goods
	actions *fyne.Container
	p       model.Product
	loaded  bool
	canEdit bool
	gen     int
}

func newProductForm(a *App, id string) *productForm { return &productForm{a: a, id: id} }

func (pf *productForm) build() fyne.CanvasObject {
	a := pf.a
	role := a.svc.User.Role
	if pf.id == "" {
		pf.canEdit = model.Can(role, model.EntityProduct, model.ActCreate)
	} else {
		pf.canEdit = model.Can(role, model.EntityProduct, model.ActUpdate)
	}
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	pf.title = widget.NewLabelWithStyle(a.T("customers.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pf.title.SizeName = theme.SizeNameSubHeadingText
	pf.title.Truncation = fyne.TextTruncateEllipsis
	pf.fields = newProductFields(a)
	pf.fields.setEnabled(false)
	pf.status = widget.NewLabel("")
	pf.status.Wrapping = fyne.TextWrapWord
	pf.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), pf.saveProduct)
	pf.save.Importance = widget.HighImportance
	pf.save.Disable()
	if !pf.canEdit {
		pf.save.Hide()
	}
	pf.stock = newStockPanel(a)
	pf.kit = widget.NewButtonWithIcon(a.T("kit.open"), theme.ListIcon(), func() { a.shell.push(newKitEditor(a, pf.p)) })
	pf.moves = widget.NewButtonWithIcon(a.T("movements.open"), theme.HistoryIcon(), func() { a.showMovements(pf.p, pf.d) })
	pf.kit.Hide()
	pf.moves.Hide()
	pf.actions = container.NewHBox(pf.save, pf.kit, pf.moves)
	forms := container.NewGridWithColumns(2, pf.fields.left.grid, pf.fields.right.grid)
	body := container.NewVBox(forms, pf.status, pf.actions, pf.stock.build())
	pf.stock.resize = body.Refresh
	header := container.NewBorder(nil, nil, container.NewCenter(back), nil, pf.title)
	pf.load()
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(body))
}

// load reads the dictionaries and the product, then shows them.
func (pf *productForm) load() {
	a := pf.a
	pf.gen++
	gen := pf.gen
	a.loadCatalogDicts(func(d catalogDicts) {
		pf.d = d
		pf.fields.setDicts(d)
		pf.stock.setDicts(d)
		if pf.id == "" {
			pf.show(model.Product{Active: true})
			return
		}
		id := pf.id
		a.background(func() {
			p, err := a.svc.Catalog.FindProductByID(a.ctx, id)
			fyne.Do(func() {
				if gen != pf.gen {
					return
				}
				if err != nil {
					a.showErr(err)
					return
				}
				pf.show(p)
			})
		})
	})
}

// show puts p on the form.
func (pf *productForm) show(p model.Product) {
	a := pf.a
	pf.loaded = true
	pf.fields.show(p)
	pf.fields.setEnabled(pf.canEdit)
	if pf.canEdit {
		pf.save.Enable()
	}
	switch {
	case p.ID == "":
		pf.title.SetText(a.T("products.new"))
	case p.SKU != "":
		pf.title.SetText(p.SKU + " · " + p.Name)
	default:
		pf.title.SetText(p.Name)
	}
	pf.stock.show(p)
	pf.p = p
	pf.kit.Hidden = p.ID == "" || p.Kind != model.KindKit
	pf.moves.Hidden = p.ID == "" || p.Kind != model.KindGoods
	pf.actions.Refresh()
}

// saveProduct checks the fields and creates or updates the product.
func (pf *productForm) saveProduct() {
	a := pf.a
	p, err := pf.fields.product()
	if err != nil {
		pf.failed(err)
		return
	}
	var saved model.Product
	if p.ID == "" {
		saved, err = a.svc.Catalog.CreateProduct(a.ctx, p)
	} else {
		saved, err = a.svc.Catalog.UpdateProduct(a.ctx, p)
	}
	if err != nil {
		pf.failed(err)
		return
	}
	pf.id = saved.ID
	saved.Image = p.Image
	pf.show(saved)
	pf.status.Importance = widget.SuccessImportance
	pf.status.SetText(a.T("settings.saved"))
}

func (pf *productForm) failed(err error) {
	a := pf.a
	pf.status.Importance = widget.DangerImportance
	switch {
	case pf.fields.setErrors(err):
		pf.status.SetText(a.T("err.fix_fields"))
	case errors.Is(err, model.ErrStale):
		pf.status.SetText(a.T("err.stale"))
	default:
		pf.status.SetText("")
		a.showErr(err)
	}
}
