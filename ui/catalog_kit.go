package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// kitRowLayout lays out a component row and the header above the rows:
// product, quantity, optional, choice group, remove.
var kitRowLayout = colLayout{widths: []float32{420, 120, 150, 220, 48}, mins: []float32{220, 100, 130, 150, 48}, flex: 0}

// kitRow is one component as edited.
type kitRow struct {
	product  *lookup
	qty      *widget.Entry
	optional *widget.Check
	choice   *widget.Entry
	remove   *widget.Button
	errMsg   *widget.Label
	box      *fyne.Container
}

// kitEditor is the screen of a kit's components: each a product and its
// quantity per kit, optional or not, and the choice group it belongs to
// (components of one group are alternatives). Save replaces them all.
type kitEditor struct {
	a       *App
	kit     model.Product
	rows    []*kitRow
	list    *fyne.Container
	body    *fyne.Container
	status  *widget.Label
	save    *widget.Button
	canEdit bool
	loaded  bool
}

func newKitEditor(a *App, kit model.Product) *kitEditor { return &kitEditor{a: a, kit: kit} }

func (ke *kitEditor) build() fyne.CanvasObject {
	a := ke.a
	ke.canEdit = model.Can(a.svc.User.Role, model.EntityProduct, model.ActUpdate)
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	title := widget.NewLabelWithStyle(a.T("kit.title", ke.kit.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	hint := widget.NewLabel(a.T("kit.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	var heads []fyne.CanvasObject
	for _, k := range []string{"component", "qty", "optional", "choice", ""} {
		text := ""
		if k != "" {
			text = a.T("col." + k)
		}
		heads = append(heads, newHeaderCell(text, nil))
	}
	ke.list = container.NewVBox()
	add := widget.NewButtonWithIcon(a.T("kit.add"), theme.ContentAddIcon(), func() { ke.addRow(model.KitComponent{Qty: model.QtyOne}, "") })
	ke.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), ke.saveKit)
	ke.save.Importance = widget.HighImportance
	ke.status = widget.NewLabel("")
	ke.status.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(add, ke.save)
	if !ke.canEdit {
		buttons.Hide()
	}
	ke.body = container.NewVBox(hint, container.New(kitRowLayout, heads...), widget.NewSeparator(), ke.list, buttons, ke.status)
	header := container.NewBorder(nil, nil, container.NewCenter(back), nil, title)
	ke.load()
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(ke.body))
}

// load reads the components and their products' names.
func (ke *kitEditor) load() {
	a := ke.a
	id := ke.kit.ID
	a.background(func() {
		comps, err := a.svc.Catalog.KitComponents(a.ctx, id)
		names := map[string]string{}
		for _, c := range comps {
			if err != nil {
				break
			}
			p, perr := a.svc.Catalog.FindProductByID(a.ctx, c.ProductID)
			if errors.Is(perr, model.ErrNotFound) {
				p, perr = model.Product{Name: a.T("pricelist.product_gone")}, nil
			}
			names[c.ProductID], err = rowName(p), perr
		}
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			for _, c := range comps {
				ke.addRow(c, names[c.ProductID])
			}
			ke.loaded = true
		})
	})
}

// addRow adds a component row; label names its product ("" for a new row).
func (ke *kitEditor) addRow(c model.KitComponent, label string) {
	a := ke.a
	r := &kitRow{}
	r.product = newLookup(a, a.T("price.product_hint"), a.findProductHits, func(lookupHit) {})
	if c.ProductID != "" {
		r.product.pick(lookupHit{id: c.ProductID, label: label})
	}
	r.product.resize = ke.body.Refresh
	r.qty = widget.NewEntry()
	r.qty.SetText(a.qtyInput(c.Qty))
	r.optional = widget.NewCheck("", nil)
	r.optional.SetChecked(c.Optional)
	r.choice = widget.NewEntry()
	r.choice.SetText(c.Choice)
	r.choice.SetPlaceHolder(a.T("kit.choice_hint"))
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { ke.removeRow(r) })
	r.errMsg = widget.NewLabel("")
	r.errMsg.Importance = widget.DangerImportance
	r.errMsg.Wrapping = fyne.TextWrapWord
	r.errMsg.Hide()
	if !ke.canEdit {
		for _, d := range []fyne.Disableable{r.product.entry, r.qty, r.optional, r.choice, r.remove} {
			d.Disable()
		}
	}
	line := container.New(kitRowLayout, r.product.entry, r.qty, r.optional, r.choice, r.remove)
	r.box = container.NewVBox(line, r.product.hits, r.errMsg)
	ke.rows = append(ke.rows, r)
	ke.list.Add(r.box)
	ke.body.Refresh()
}

func (ke *kitEditor) removeRow(r *kitRow) {
	for i, x := range ke.rows {
		if x == r {
			ke.rows = append(ke.rows[:i], ke.rows[i+1:]...)
		}
	}
	ke.list.Remove(r.box)
	ke.body.Refresh()
}

// components reads the rows; a quantity that does not parse or a row
// without a product is marked on its row.
func (ke *kitEditor) components() ([]model.KitComponent, bool) {
	a := ke.a
	var comps []model.KitComponent
	good := true
	for i, r := range ke.rows {
		c := model.KitComponent{ProductID: r.product.value.id, Optional: r.optional.Checked,
			Choice: strings.TrimSpace(r.choice.Text), Sort: i}
		q, err := parseQty(r.qty.Text)
		var msgs []string
		if c.ProductID == "" {
			msgs = append(msgs, a.T(model.MsgRequired))
		}
		if err != nil || q <= 0 {
			msgs = append(msgs, a.T(msgQty))
		}
		c.Qty = q
		ke.showRowError(r, msgs)
		good = good && len(msgs) == 0
		comps = append(comps, c)
	}
	return comps, good
}

func (ke *kitEditor) showRowError(r *kitRow, msgs []string) {
	r.errMsg.SetText(strings.Join(msgs, " "))
	r.errMsg.Hidden = len(msgs) == 0
	r.errMsg.Refresh()
}

// saveKit replaces the components; the kit rules' problems are shown on the
// rows they name (by product or by choice group).
func (ke *kitEditor) saveKit() {
	a := ke.a
	comps, ok := ke.components()
	if !ok {
		ke.failed(a.T("err.fix_fields"))
		return
	}
	err := a.svc.Catalog.SetKitComponents(a.ctx, ke.kit.ID, comps)
	if err == nil {
		ke.status.Importance = widget.SuccessImportance
		ke.status.SetText(a.T("kit.saved", a.tr.Int(int64(len(comps)))))
		ke.body.Refresh()
		return
	}
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		ke.failed("")
		a.showErr(err)
		return
	}
	var other []string
	msgs := make(map[*kitRow][]string)
	for _, e := range fe {
		hit := false
		for i, r := range ke.rows {
			c := comps[i]
			if (e.Field != "" && (e.Field == c.ProductID || e.Field == c.Choice)) || (e.Field == "product" && c.ProductID == "") {
				msgs[r], hit = append(msgs[r], a.T(e.Msg)), true
			}
		}
		if !hit {
			other = append(other, a.T(e.Msg))
		}
	}
	for _, r := range ke.rows {
		ke.showRowError(r, msgs[r])
	}
	ke.failed(strings.Join(append([]string{a.T("err.fix_fields")}, other...), " "))
}

func (ke *kitEditor) failed(msg string) {
	ke.status.Importance = widget.DangerImportance
	ke.status.SetText(msg)
	ke.body.Refresh()
}
