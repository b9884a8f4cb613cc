package ui

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// Messages of the catalog forms' own checks (what the model cannot see: text
// that does not parse). The forms never round what was typed.
const (
	msgMoney  = "valid.money"  // not an amount, or more decimals than the currency has
	msgWeight = "valid.weight" // not kilograms with up to three decimals
	msgQty    = "valid.qty"    // not a quantity with up to three decimals
	msgDate   = "valid.date"   // not a date
)

// productFields are the inputs of a product: identity and classification on
// the left, prices, weight and the rest on the right.
type productFields struct {
	a                         *App
	p                         model.Product
	digits                    int // decimals of the base currency
	left, right               *form
	category, kind, unit, vat *choice
	active                    *widget.Check
	image                     []byte
	thumb                     *canvas.Image
	imageBtns                 []*widget.Button
}

func newProductFields(a *App) *productFields {
	f := &productFields{a: a, left: newForm(a), right: newForm(a), digits: 2}
	f.left.entry("sku", "")
	f.left.entry("name", "")
	f.left.entry("description", "")
	f.left.multiLine("description", 3)
	f.category = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	f.left.add("category", f.category.sel)
	f.kind = newChoice(a.T("choose"), "", nil)
	var labels, values []string
	for _, k := range productKinds {
		labels, values = append(labels, a.T("product_kind."+string(k))), append(values, string(k))
	}
	f.kind.setOptions(labels, values)
	f.left.add("kind", f.kind.sel)
	f.unit = newChoice(a.T("choose"), "", nil)
	labels, values = nil, nil
	for _, u := range model.Units {
		labels, values = append(labels, a.unitLabel(u)), append(values, u.Code)
	}
	f.unit.setOptions(labels, values)
	f.left.add("unit", f.unit.sel)
	f.left.entry("barcode", "").SetPlaceHolder(a.T("product.barcode_hint"))
	f.vat = newChoice(a.T("choose"), "", nil)
	labels, values = nil, nil
	for _, c := range vatCategories {
		label := a.T("vat.none")
		if c != model.VATNone {
			label = a.T("vat."+string(c), a.vatText(c, today()))
		}
		labels, values = append(labels, label), append(values, string(c))
	}
	f.vat.setOptions(labels, values)
	f.left.add("vat", f.vat.sel)
	for _, n := range []string{"base_price", "cost_price", "floor_price"} {
		f.right.entry(n, "").SetPlaceHolder(a.moneyInput(0, 2))
	}
	f.right.entry("weight_grams", "").SetPlaceHolder(a.T("product.weight_hint"))
	f.right.fields["weight_grams"].label.SetText(a.T("product.weight_kg"))
	f.active = widget.NewCheck(a.T("product.active"), nil)
	f.right.add("active", f.active)
	f.right.entry("seller_note", "")
	f.right.multiLine("seller_note", 3)
	f.right.add("image", f.imagePicker())
	return f
}

// setDicts offers the categories.
func (f *productFields) setDicts(d catalogDicts) {
	f.category.setOptions(categoryOptions(d))
	f.digits = d.baseDigits()
}

// show fills the inputs from p.
func (f *productFields) show(p model.Product) {
	f.p = p.Normalize()
	p = f.p
	for n, v := range map[string]string{"sku": p.SKU, "name": p.Name, "description": p.Description, "barcode": p.Barcode} {
		f.left.setText(n, v)
	}
	for n, v := range map[string]model.Money{"base_price": p.BasePrice, "cost_price": p.CostPrice, "floor_price": p.FloorPrice} {
		text := f.a.moneyInput(v, f.digits)
		if v == 0 && (p.ID == "" || n == "floor_price") {
			text = "" // nothing typed yet; no floor
		}
		f.right.setText(n, text)
	}
	weight := ""
	if p.WeightGrams != 0 {
		weight = f.a.qty(model.Qty(p.WeightGrams))
		weight = strings.ReplaceAll(weight, f.a.T("format.thousands"), "")
	}
	f.right.setText("weight_grams", weight)
	f.right.setText("seller_note", p.SellerNote)
	f.category.set(p.CategoryID)
	f.kind.set(string(p.Kind))
	f.unit.set(p.UnitCode)
	f.vat.set(string(p.VAT))
	f.active.SetChecked(p.Active)
	f.image = p.Image
	f.showImage()
	f.left.clearErrors()
	f.right.clearErrors()
}

// product is the product shown, as edited. Amounts that do not parse are
// reported as field errors together with the product's own checks; nothing
// is rounded.
func (f *productFields) product() (model.Product, error) {
	p := f.p
	l, r := f.left.text, f.right.text
	p.SKU, p.Name, p.Description, p.Barcode, p.SellerNote = l("sku"), l("name"), l("description"), l("barcode"), r("seller_note")
	p.CategoryID, p.Kind, p.UnitCode, p.VAT = f.category.value(), model.ProductKind(f.kind.value()), f.unit.value(), model.VATCategory(f.vat.value())
	p.Active, p.Image = f.active.Checked, f.image
	var v model.ValidationErrors
	for _, m := range []struct {
		name string
		dst  *model.Money
	}{{"base_price", &p.BasePrice}, {"cost_price", &p.CostPrice}, {"floor_price", &p.FloorPrice}} {
		*m.dst = 0
		if t := strings.TrimSpace(r(m.name)); t != "" {
			amt, err := model.ParseMoney(t, f.digits)
			if err != nil {
				v.Add(m.name, msgMoney)
			}
			*m.dst = amt
		}
	}
	p.WeightGrams = 0
	if t := strings.TrimSpace(r("weight_grams")); t != "" {
		g, err := parseQty(t)
		if err != nil {
			v.Add("weight_grams", msgWeight)
		}
		p.WeightGrams = int64(g)
	}
	bad := map[string]bool{}
	for _, e := range v {
		bad[e.Field] = true
	}
	for _, e := range model.FieldErrors(p.Validate()) {
		if !bad[e.Field] {
			v = append(v, e)
		}
	}
	return p, v.Err()
}

// setErrors shows validation errors beside the fields of both columns.
func (f *productFields) setErrors(err error) bool {
	l := f.left.setErrors(err, "")
	r := f.right.setErrors(err, "")
	return l || r
}

// setEnabled allows editing, or not.
func (f *productFields) setEnabled(on bool) {
	f.left.setEnabled(on)
	f.right.setEnabled(on)
	for _, b := range f.imageBtns {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (f *productFields) imagePicker() fyne.CanvasObject {
	a := f.a
	f.thumb = canvas.NewImageFromResource(nil)
	f.thumb.FillMode = canvas.ImageFillContain
	f.thumb.SetMinSize(fyne.NewSize(96, 96))
	choose := widget.NewButton(a.T("btn.choose"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				a.showErr(err)
				return
			}
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, model.MaxImageBytes+1))
			if err != nil {
				a.showErr(err)
				return
			}
			f.setImage(b)
		}, a.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	remove := widget.NewButton(a.T("btn.remove"), func() { f.image = nil; f.showImage() })
	f.imageBtns = []*widget.Button{choose, remove}
	return container.NewHBox(f.thumb, container.NewVBox(choose, remove))
}

// setImage takes an image read from a file, or shows why it cannot.
func (f *productFields) setImage(b []byte) {
	fl := f.right.fields["image"]
	if msg := imageProblem(b); msg != "" {
		fl.errMsg.SetText(f.a.T(msg))
		fl.errMsg.Show()
		return
	}
	fl.errMsg.Hide()
	f.image = b
	f.showImage()
}

func (f *productFields) showImage() {
	if len(f.image) == 0 {
		f.thumb.Resource, f.thumb.Image = theme.NewDisabledResource(theme.FileImageIcon()), nil
	} else {
		f.thumb.Resource = fyne.NewStaticResource("product-image", f.image)
	}
	f.thumb.Refresh()
}
