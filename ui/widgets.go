package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// choice is a select over values shown by labels. Its value is kept apart
// from the options, so it can be set before the options have loaded. With an
// "any" label it also offers "no value", shown as the placeholder.
type choice struct {
	sel      *widget.Select
	labels   []string
	values   []string
	val      string
	any      string
	onChange func(value string)
}

// newChoice makes a choice showing placeholder when empty; any, when not
// empty, is the first option and clears the value.
func newChoice(placeholder, any string, onChange func(string)) *choice {
	c := &choice{any: any, onChange: onChange}
	c.sel = widget.NewSelect(nil, c.picked)
	c.sel.PlaceHolder = placeholder
	return c
}

func (c *choice) picked(label string) {
	if label == "" {
		return
	}
	if c.any != "" && label == c.any {
		c.val = ""
		c.sel.Selected = ""
		c.sel.Refresh()
	} else {
		for i, l := range c.labels {
			if l == label {
				c.val = c.values[i]
			}
		}
	}
	if c.onChange != nil {
		c.onChange(c.val)
	}
}

// setOptions replaces the options and keeps the value.
func (c *choice) setOptions(labels, values []string) {
	c.labels, c.values = labels, values
	opts := labels
	if c.any != "" {
		opts = append([]string{c.any}, labels...)
	}
	c.sel.SetOptions(opts)
	c.show()
}

// set changes the value without calling onChange.
func (c *choice) set(v string) {
	c.val = v
	c.show()
}

func (c *choice) show() {
	c.sel.Selected = ""
	for i, v := range c.values {
		if v == c.val && c.val != "" {
			c.sel.Selected = c.labels[i]
		}
	}
	c.sel.Refresh()
}

func (c *choice) value() string { return c.val }

// colLayout lays objects side by side in columns of the given widths. The
// flex column takes whatever width is left over; when space is short, the
// columns give up width in proportion to how far above their minimum (mins;
// nil means fixed) they are. Rows and their header share it, so they line up.
type colLayout struct {
	widths []float32
	mins   []float32
	flex   int
}

func (l colLayout) minOf(i int) float32 {
	if i < len(l.mins) {
		return l.mins[i]
	}
	return l.widths[i]
}

func (l colLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	for i := range l.widths {
		w += l.minOf(i)
	}
	return fyne.NewSize(w, h)
}

func (l colLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total, slack float32
	for i, w := range l.widths {
		total += w
		slack += w - l.minOf(i)
	}
	extra, give := size.Width-total, float32(0)
	if extra < 0 && slack > 0 {
		give, extra = min(-extra/slack, 1), 0
	}
	var x float32
	for i, o := range objs {
		if i >= len(l.widths) {
			o.Hide()
			continue
		}
		w := l.widths[i] - give*(l.widths[i]-l.minOf(i))
		if i == l.flex && extra > 0 {
			w += extra
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// tapRow is a row of a list that opens its record on a double tap; a single
// tap selects it.
type tapRow struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	onTap    func()
	onDouble func()
}

func newTapRow(content fyne.CanvasObject) *tapRow {
	r := &tapRow{content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// Tapped implements fyne.Tappable.
func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// DoubleTapped implements fyne.DoubleTappable.
func (r *tapRow) DoubleTapped(*fyne.PointEvent) {
	if r.onDouble != nil {
		r.onDouble()
	}
}

// tapArea is something tapped to act, like a search hit; unlike tapRow its
// taps are not held back to wait for a double tap.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Tapped implements fyne.Tappable.
func (t *tapArea) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor shows a pointer over it.
func (t *tapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }

// headerCell is a column title; a sortable one is tapped to sort and shows
// the direction.
type headerCell struct {
	widget.BaseWidget
	label *widget.Label
	icon  *widget.Icon
	onTap func()
}

func newHeaderCell(text string, onTap func()) *headerCell {
	h := &headerCell{label: widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		icon: widget.NewIcon(nil), onTap: onTap}
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.icon.Hide()
	h.ExtendBaseWidget(h)
	return h
}

// setSort shows the sort arrow: 0 none, 1 ascending, -1 descending.
func (h *headerCell) setSort(dir int) {
	switch dir {
	case 0:
		h.icon.Hide()
	case 1:
		h.icon.SetResource(theme.MenuDropUpIcon())
		h.icon.Show()
	default:
		h.icon.SetResource(theme.MenuDropDownIcon())
		h.icon.Show()
	}
}

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{Layout: iconAfterLayout{}, Objects: []fyne.CanvasObject{h.label, h.icon}})
}

// Tapped implements fyne.Tappable.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a pointer over sortable titles.
func (h *headerCell) Cursor() desktop.Cursor {
	if h.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// iconAfterLayout puts a label and, when visible, a small icon right after it.
type iconAfterLayout struct{}

func (iconAfterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}

func (iconAfterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label, icon := objs[0], objs[1]
	side := theme.IconInlineSize()
	tw := size.Width
	if icon.Visible() {
		l := label.(*widget.Label)
		text := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding() + 2*theme.Padding()
		tw = min(text, size.Width-side)
	}
	label.Move(fyne.NewPos(0, 0))
	label.Resize(fyne.NewSize(tw, size.Height))
	icon.Move(fyne.NewPos(tw-theme.Padding(), (size.Height-side)/2))
	icon.Resize(fyne.NewSize(side, side))
}

// narrow wraps o so that it asks for at most width: a row of filters can
// then share a narrow window, each input truncating its text.
func narrow(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return &fyne.Container{Layout: narrowLayout{width}, Objects: []fyne.CanvasObject{o}}
}

type narrowLayout struct{ width float32 }

func (n narrowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(min(n.width, objs[0].MinSize().Width), objs[0].MinSize().Height)
}

func (n narrowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
