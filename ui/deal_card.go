package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealCardView is one card of the board, reused by its column's list for
// whichever deal scrolls into view: the title, the customer, the amount with
// its currency, the responsible and the days in the stage; a red bar and red
// days when the stage is overdue, an orange bar and a note while the terms
// wait for approval. A tap selects it, a double tap opens the deal, and it
// can be dragged onto another column.
type dealCardView struct {
	widget.BaseWidget
	b        *dealBoard
	col      int
	card     model.DealCard
	bg       *canvas.Rectangle
	bar      *canvas.Rectangle
	title    *widget.Label
	customer *widget.Label
	amount   *widget.Label
	days     *widget.Label
	resp     *widget.Label
	mark     *widget.Label
	dragging bool
}

func newDealCardView(b *dealBoard) *dealCardView {
	c := &dealCardView{b: b, col: -1, bg: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent),
		title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), customer: widget.NewLabel(""),
		amount: widget.NewLabel(""), days: widget.NewLabel(""), resp: widget.NewLabel(""), mark: widget.NewLabel("")}
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bg.StrokeWidth = 1
	for _, l := range []*widget.Label{c.title, c.customer, c.amount, c.resp} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	c.days.Alignment = fyne.TextAlignTrailing
	c.resp.Importance = widget.LowImportance
	c.mark.Importance = widget.WarningImportance
	c.mark.TextStyle.Bold = true
	c.ExtendBaseWidget(c)
	return c
}

// cardLines squeezes the card's labels together: a label's padding is
// generous for a list of cards.
type cardLines struct{}

func (cardLines) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height-theme.InnerPadding()
	}
	return fyne.NewSize(w, h+theme.InnerPadding())
}

func (cardLines) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var y float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.InnerPadding()
	}
}

func (c *dealCardView) CreateRenderer() fyne.WidgetRenderer {
	lines := &fyne.Container{Layout: cardLines{}, Objects: []fyne.CanvasObject{c.title, c.customer,
		container.NewBorder(nil, nil, nil, c.days, c.amount), container.NewBorder(nil, nil, nil, c.mark, c.resp)}}
	body := container.NewBorder(nil, nil, container.New(barLayout{}, c.bar), nil, lines)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.New(layout.NewCustomPaddedLayout(2, 2, 2, 2), body)))
}

// barLayout is the card's coloured bar: narrow and as tall as the card.
type barLayout struct{}

func (barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(4, 0) }

func (barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(4, size.Height))
}

// show puts card (of column col) on the view.
func (c *dealCardView) show(col int, card model.DealCard) {
	a := c.b.a
	c.col, c.card = col, card
	cardText(c.title, card.Title)
	cardText(c.customer, card.CustomerName)
	cardText(c.amount, a.docMoney(card.Amount, card.Currency, c.b.d.cat.currencies))
	days := widget.LowImportance
	if card.Overdue {
		days = widget.DangerImportance
	}
	if c.days.Importance != days {
		c.days.Importance = days
		c.days.Text = ""
	}
	cardText(c.days, a.N("board.days", int64(card.DaysInStage)))
	cardText(c.resp, card.ResponsibleName)
	switch card.Approval {
	case model.ApprovalPending:
		c.mark.Importance = widget.WarningImportance
		cardText(c.mark, a.T("deal.approval.pending"))
		c.mark.Show()
	case model.ApprovalRejected:
		c.mark.Importance = widget.DangerImportance
		c.mark.Text = ""
		cardText(c.mark, a.T("deal.approval.rejected"))
		c.mark.Show()
	default:
		c.mark.Hide()
	}
	c.paint()
}

// cardText sets a label's text unless it shows it already: measuring and
// truncating text is what a card costs.
func cardText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// paint colours the card: selected, overdue, waiting for approval.
func (c *dealCardView) paint() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	c.bg.FillColor = th.Color(theme.ColorNameBackground, v)
	if c.b.isSelected(c.card.ID) {
		c.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	}
	c.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	switch {
	case c.card.Overdue:
		c.bar.FillColor = th.Color(theme.ColorNameError, v)
	case c.card.Approval == model.ApprovalPending || c.card.Approval == model.ApprovalRejected:
		c.bar.FillColor = th.Color(theme.ColorNameWarning, v)
	default:
		c.bar.FillColor = color.Transparent
	}
	c.bg.Refresh()
	c.bar.Refresh()
}

// Tapped selects the card and gives the board the keyboard.
func (c *dealCardView) Tapped(*fyne.PointEvent) {
	if c.card.ID != "" {
		c.b.selectCard(c.col, c.card.ID)
	}
}

// DoubleTapped opens the deal.
func (c *dealCardView) DoubleTapped(*fyne.PointEvent) {
	if c.card.ID != "" {
		c.b.selectCard(c.col, c.card.ID)
		c.b.openSelected()
	}
}

// Dragged follows the pointer: the board shows where the card would go.
func (c *dealCardView) Dragged(ev *fyne.DragEvent) {
	if c.card.ID == "" {
		return
	}
	if !c.dragging {
		c.dragging = true
		c.b.dragStart(c.col, c.card)
	}
	c.b.dragOver(ev.AbsolutePosition)
}

// DragEnd drops the card on the column under the pointer.
func (c *dealCardView) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.b.dragEnd()
}

// Cursor shows a hand over cards.
func (c *dealCardView) Cursor() desktop.Cursor { return desktop.PointerCursor }

// boardLayout puts the columns side by side, each boardColWidth wide and as
// tall as the board.
type boardLayout struct{}

func (boardLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := float32(len(objs))
	return fyne.NewSize(n*boardColWidth+max(n-1, 0)*theme.Padding(), 200)
}

func (boardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*(boardColWidth+theme.Padding()), 0))
		o.Resize(fyne.NewSize(boardColWidth, size.Height))
	}
}

// fixedWidth makes o exactly width wide (a select then shows its choice
// whole rather than as narrow as its placeholder).
func fixedWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return &fyne.Container{Layout: fixedWidthLayout{width}, Objects: []fyne.CanvasObject{o}}
}

type fixedWidthLayout struct{ width float32 }

func (f fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(f.width, objs[0].MinSize().Height)
}

func (f fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
