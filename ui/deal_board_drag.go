package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// boardKeys takes the keyboard for the board once a card is selected: the
// arrows choose a card, Enter opens it, Ctrl+→ / Ctrl+← move it to the next
// or previous column. It draws nothing.
type boardKeys struct {
	widget.BaseWidget
	b       *dealBoard
	focused bool
}

func newBoardKeys(b *dealBoard) *boardKeys {
	k := &boardKeys{b: b}
	k.ExtendBaseWidget(k)
	return k
}

func (k *boardKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MinSize is a point: the widget only listens.
func (k *boardKeys) MinSize() fyne.Size { return fyne.NewSize(1, 1) }

// FocusGained implements fyne.Focusable.
func (k *boardKeys) FocusGained() { k.focused = true }

// FocusLost implements fyne.Focusable.
func (k *boardKeys) FocusLost() { k.focused = false }

// TypedRune implements fyne.Focusable.
func (k *boardKeys) TypedRune(rune) {}

// TypedKey chooses and opens cards.
func (k *boardKeys) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		k.b.step(0, -1)
	case fyne.KeyDown:
		k.b.step(0, 1)
	case fyne.KeyLeft:
		k.b.step(-1, 0)
	case fyne.KeyRight:
		k.b.step(1, 0)
	case fyne.KeyReturn, fyne.KeyEnter:
		k.b.openSelected()
	}
}

// boardMoveKeys are Ctrl+→ and Ctrl+← (Cmd on macOS).
var (
	boardMoveRight = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault}
	boardMoveLeft  = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault}
)

// TypedShortcut moves the selected card.
func (k *boardKeys) TypedShortcut(s fyne.Shortcut) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return
	}
	switch cs.KeyName {
	case fyne.KeyRight:
		k.b.moveBy(1)
	case fyne.KeyLeft:
		k.b.moveBy(-1)
	}
}

// step moves the selection dx columns and dy cards, keeping the position in
// the column where it can.
func (b *dealBoard) step(dx, dy int) {
	cols := b.board.Columns
	if len(cols) == 0 {
		return
	}
	col, row := b.selCol, 0
	if col < 0 {
		col = 0
	} else {
		for i, c := range cols[col].Cards {
			if c.ID == b.selID {
				row = i
			}
		}
		if dx != 0 {
			for n := col + dx; n >= 0 && n < len(cols); n += dx {
				if len(cols[n].Cards) > 0 {
					col = n
					break
				}
			}
		}
		row += dy
	}
	cards := cols[col].Cards
	if len(cards) == 0 {
		return
	}
	row = min(max(row, 0), len(cards)-1)
	b.selectCard(col, cards[row].ID)
	b.cols[col].list.ScrollTo(row)
}

// boardDrag is a card being dragged.
type boardDrag struct {
	card   model.DealCard
	from   int
	over   int
	ghost  *widget.Label
	ghostB *canvas.Rectangle
}

// dragStart begins dragging card out of column col.
func (b *dealBoard) dragStart(col int, card model.DealCard) {
	b.selCol, b.selID = col, card.ID
	b.showSelection()
	g := &boardDrag{card: card, from: col, over: -1, ghost: widget.NewLabelWithStyle(card.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		ghostB: canvas.NewRectangle(theme.Color(theme.ColorNameSelection))}
	g.ghostB.CornerRadius = theme.InputRadiusSize()
	g.ghost.Truncation = fyne.TextTruncateEllipsis
	size := fyne.NewSize(boardColWidth-20, g.ghost.MinSize().Height)
	g.ghost.Resize(size)
	g.ghostB.Resize(size)
	b.ghost.Objects = []fyne.CanvasObject{g.ghostB, g.ghost}
	b.drag = g
}

// columnAt is the column under the absolute position p (-1 when none).
func (b *dealBoard) columnAt(p fyne.Position) int {
	drv := fyne.CurrentApp().Driver()
	for i, c := range b.cols {
		at, size := drv.AbsolutePositionForObject(c.obj), c.obj.Size()
		if p.X >= at.X && p.X < at.X+size.Width && p.Y >= at.Y && p.Y < at.Y+size.Height {
			return i
		}
	}
	return -1
}

// dragOver moves the ghost to p and marks the column under it.
func (b *dealBoard) dragOver(p fyne.Position) {
	g := b.drag
	if g == nil {
		return
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.ghost)
	pos := p.Subtract(origin).Add(fyne.NewPos(8, 8))
	g.ghost.Move(pos)
	g.ghostB.Move(pos)
	b.ghost.Refresh()
	over := b.columnAt(p)
	if over == g.over {
		return
	}
	g.over = over
	for i, c := range b.cols {
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		if i == over && i != g.from {
			c.bg.FillColor = theme.Color(theme.ColorNameHover)
		}
		c.bg.Refresh()
	}
}

// dragEnd drops the card on the column last under the pointer.
func (b *dealBoard) dragEnd() {
	g := b.drag
	if g == nil {
		return
	}
	b.drag = nil
	b.ghost.Objects = nil
	b.ghost.Refresh()
	for _, c := range b.cols {
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		c.bg.Refresh()
	}
	if g.over >= 0 && g.over != g.from && g.over < len(b.board.Columns) {
		b.moveCard(g.card, b.board.Columns[g.over].Stage.ID)
	}
}
