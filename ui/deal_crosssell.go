package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// crossSellLimit is how many suggestions the deal shows.
const crossSellLimit = 5

// dealCross is the deal's cross-selling panel: products often bought with
// the deal's products, each with its reason («in 34 % of orders with X,
// lift 2.1») and an «Add» button that adds it as a line.
type dealCross struct {
	df    *dealForm
	box   *fyne.Container
	info  *widget.Label
	rows  []model.Suggestion
	added map[string]bool
	gen   int
}

func newDealCross(df *dealForm) *dealCross {
	c := &dealCross{df: df, box: container.NewVBox(), info: widget.NewLabel("")}
	c.info.Importance = widget.LowImportance
	c.info.Wrapping = fyne.TextWrapWord
	return c
}

func (c *dealCross) object() fyne.CanvasObject { return container.NewVBox(c.box, c.info) }

// show reads the suggestions for a saved deal.
func (c *dealCross) show(d model.Deal) {
	a := c.df.a
	c.gen++
	gen := c.gen
	c.added = map[string]bool{}
	if d.ID == "" || len(d.Lines) == 0 {
		c.rows = nil
		c.render(model.CrossSellInfo{}, a.T("deal.cross.need_lines"))
		return
	}
	a.background(func() {
		rows, info, err := a.svc.Pipeline.CrossSell(a.ctx, d.ID, crossSellLimit)
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			c.rows = rows
			c.render(info, "")
		})
	})
}

// reasonText says why a product is suggested.
func (a *App) crossReasonText(s model.Suggestion) string {
	lift := model.FormatFixed(s.LiftE3/10, 2, a.T("format.decimal"), "")
	return a.T("deal.cross.reason", a.bpText(s.ConfidenceBP), s.BecauseName, lift, a.tr.Int(int64(s.Together)))
}

func (c *dealCross) render(info model.CrossSellInfo, note string) {
	a := c.df.a
	c.box.Objects = nil
	for _, s := range c.rows {
		name := s.Name
		if s.SKU != "" {
			name = s.SKU + " · " + s.Name
		}
		title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		why := widget.NewLabel(a.crossReasonText(s))
		why.Importance = widget.LowImportance
		why.Wrapping = fyne.TextWrapWord
		add := widget.NewButtonWithIcon(a.T("deal.cross.add"), theme.ContentAddIcon(), nil)
		add.OnTapped = func() {
			a.idle.touch()
			c.df.lines.addProduct(s.ProductID, name)
			c.added[s.ProductID] = true
			add.Disable()
		}
		if c.added[s.ProductID] || !c.df.lines.editable {
			add.Disable()
		}
		c.box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(add), container.NewVBox(title, why)))
	}
	switch {
	case note != "":
		c.info.SetText(note)
	case info.ComputedAt.IsZero():
		c.info.SetText(a.T("deal.cross.never"))
	case len(c.rows) == 0:
		c.info.SetText(a.T("deal.cross.none", a.tr.Int(int64(info.Orders)), a.dueText(info.ComputedAt)))
	default:
		c.info.SetText(a.T("deal.cross.info", a.tr.Int(int64(info.Orders)), a.dueText(info.ComputedAt)))
	}
	c.box.Refresh()
}
