package ui

import (
	"bytes"
	"image"
	_ "image/jpeg" // logo, stamp and signature may be JPEG
	_ "image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// maxImageBytes limits the logo, stamp and signature images.
const maxImageBytes = 2 << 20

// companyForm edits our company's requisites; used by the first-run wizard and
// by Settings.
type companyForm struct {
	a       *App
	f       *form
	c       model.Company
	images  map[string]*[]byte
	preview map[string]*canvas.Image
}

var companyFields = []string{"name", "short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address", "phone",
	"email", "bank_name", "bic", "account", "corr_account", "director", "chief_accountant"}

func newCompanyForm(a *App, c model.Company, withImages bool) *companyForm {
	cf := &companyForm{a: a, f: newForm(a), c: c, images: map[string]*[]byte{}, preview: map[string]*canvas.Image{}}
	vals := cf.values(&cf.c)
	for _, name := range companyFields {
		cf.f.entry(name, *vals[name])
	}
	if withImages {
		cf.images = map[string]*[]byte{"logo": &cf.c.Logo, "stamp": &cf.c.Stamp, "signature": &cf.c.Signature}
		for _, name := range []string{"logo", "stamp", "signature"} {
			cf.f.add(name, cf.imagePicker(name))
		}
	}
	return cf
}

func (cf *companyForm) values(c *model.Company) map[string]*string {
	return map[string]*string{
		"name": &c.Name, "short_name": &c.ShortName, "inn": &c.INN, "kpp": &c.KPP, "ogrn": &c.OGRN,
		"legal_address": &c.LegalAddress, "postal_address": &c.PostalAddress, "phone": &c.Phone, "email": &c.Email,
		"bank_name": &c.BankName, "bic": &c.BIC, "account": &c.Account, "corr_account": &c.CorrAccount,
		"director": &c.Director, "chief_accountant": &c.ChiefAccountant,
	}
}

// company returns the requisites as entered.
func (cf *companyForm) company() model.Company {
	c := cf.c
	vals := cf.values(&c)
	for _, name := range companyFields {
		*vals[name] = cf.f.text(name)
	}
	return c
}

func (cf *companyForm) imagePicker(name string) fyne.CanvasObject {
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(96, 48))
	cf.preview[name] = img
	cf.showImage(name)
	choose := widget.NewButton(cf.a.T("btn.choose"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				cf.a.showErr(err)
				return
			}
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, maxImageBytes+1))
			if err != nil {
				cf.a.showErr(err)
				return
			}
			if msg := imageProblem(b); msg != "" {
				cf.a.info(cf.a.T("field."+name), cf.a.T(msg))
				return
			}
			*cf.images[name] = b
			cf.showImage(name)
		}, cf.a.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
		d.Show()
	})
	remove := widget.NewButton(cf.a.T("btn.remove"), func() {
		*cf.images[name] = nil
		cf.showImage(name)
	})
	return container.NewHBox(img, choose, remove)
}

// imageProblem checks an uploaded image: PNG or JPEG, at most maxImageBytes.
func imageProblem(b []byte) string {
	if len(b) > maxImageBytes {
		return "valid.image.size"
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil {
		return "valid.image.format"
	}
	return ""
}

func (cf *companyForm) showImage(name string) {
	img := cf.preview[name]
	b := *cf.images[name]
	if len(b) == 0 {
		img.Resource = nil
		img.Image = nil
	} else {
		img.Resource = fyne.NewStaticResource(name, b)
	}
	img.Refresh()
}
