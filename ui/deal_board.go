package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// boardColWidth is the width of a column of the board.
const boardColWidth float32 = 250

// boardPeriods are the period filter's choices.
var boardPeriods = []string{"month", "30d", "quarter", "year"}

// dealBoard is «Сделки»: the kanban board of a pipeline. One column per
// stage, each a header (the stage, the count, the sum and the weighted sum in
// the base currency) over a virtualised list of cards. Filters: pipeline,
// owner, period (the won and lost columns, and the expected close of open
// deals). A card is dragged onto another column, or the selected card moved
// with the buttons and Ctrl+← / Ctrl+→; Enter or a double tap opens it.
type dealBoard struct {
	a      *App
	d      dealDicts
	f      model.BoardFilter
	board  model.Board
	loaded bool
	gen    int
	pipe   *choice
	owner  *choice
	period *choice
	totals *widget.Label
	cols   []*boardColumn
	box    *fyne.Container
	keys   *boardKeys
	left   *widget.Button
	right  *widget.Button
	moveTo *widget.Button
	open   *widget.Button
	selCol int
	selID  string
	views  []*dealCardView // every card view the columns made, to repaint the selection
	drag   *boardDrag
	ghost  *fyne.Container // the layer the dragged card's ghost moves on
}

// boardColumn is one stage's column.
type boardColumn struct {
	bg   *canvas.Rectangle
	head *widget.Label
	sums *widget.Label
	list *widget.List
	obj  fyne.CanvasObject
}

func newDealBoard(a *App) *dealBoard {
	b := &dealBoard{a: a, selCol: -1}
	if a.svc.User.Role == model.RoleSeller {
		b.f.OwnerID = a.svc.User.ID
	}
	return b
}

func (b *dealBoard) build() fyne.CanvasObject {
	a := b.a
	title := widget.NewLabelWithStyle(a.T("nav.deals"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.pipe = newChoice(a.T("board.pipeline"), "", func(v string) { b.f.PipelineID = v; b.reload() })
	b.owner = newChoice(a.T("board.everyone"), a.T("board.everyone"), func(v string) { b.f.OwnerID = v; b.reload() })
	b.period = newChoice(a.T("board.any_period"), a.T("board.any_period"), func(v string) {
		b.f.From, b.f.To = boardPeriod(v, today())
		b.reload()
	})
	labels, values := enumOptions(a, "board.period.", boardPeriods)
	b.period.setOptions(labels, values)
	b.totals = widget.NewLabel("")
	b.totals.Importance = widget.LowImportance
	b.totals.Wrapping = fyne.TextWrapWord
	b.left = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { b.moveBy(-1) })
	b.right = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { b.moveBy(1) })
	b.moveTo = widget.NewButtonWithIcon(a.T("board.move_to"), theme.MenuDropDownIcon(), b.moveMenu)
	b.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), b.openSelected)
	newDeal := widget.NewButtonWithIcon(a.T("deals.new"), theme.ContentAddIcon(), func() { newDealFor(a, "") })
	if !model.Can(a.svc.User.Role, model.EntityDeal, model.ActCreate) {
		newDeal.Hide()
	}
	list := widget.NewButtonWithIcon(a.T("board.to_list"), theme.ListIcon(), func() { a.switchDealView("deal_list", newDealList(a)) })
	b.keys = newBoardKeys(b)
	b.showSelection()
	filters := container.NewHBox(title, fixedWidth(b.pipe.sel, 200), fixedWidth(b.owner.sel, 170), fixedWidth(b.period.sel, 170))
	moves := container.NewHBox(b.keys, b.left, b.right, b.moveTo, b.open)
	tools := container.NewVBox(container.NewBorder(nil, nil, filters, container.NewHBox(newDeal, list)),
		container.NewBorder(nil, nil, moves, nil, b.totals))
	b.box = &fyne.Container{Layout: boardLayout{}}
	b.ghost = container.NewWithoutLayout()
	a.loadDealDicts(func(d dealDicts) {
		b.d = d
		var pl, pv []string
		for _, p := range d.pipes {
			pl, pv = append(pl, p.Name), append(pv, p.ID)
		}
		b.pipe.setOptions(pl, pv)
		b.pipe.set(d.pipe(b.f.PipelineID).ID)
		b.owner.setOptions(b.ownerOptions())
		b.owner.set(b.f.OwnerID)
		b.reload()
	})
	body := container.NewStack(container.NewHScroll(b.box), b.ghost)
	return container.NewBorder(container.NewVBox(tools, widget.NewSeparator()), nil, nil, nil, body)
}

// ownerOptions: heads and administrators choose any active user; a seller
// their own deals (or all they see, the «everyone» option).
func (b *dealBoard) ownerOptions() (labels, values []string) {
	a := b.a
	if a.svc.User.Role == model.RoleSeller {
		return []string{a.T("board.mine")}, []string{a.svc.User.ID}
	}
	return userOptions(b.d.users)
}

// boardPeriod is the range of a period choice around day (zero = open).
func boardPeriod(v string, day time.Time) (from, to time.Time) {
	switch v {
	case "month":
		from = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, 0)
	case "30d":
		return day.AddDate(0, 0, -30), day.AddDate(0, 0, 31)
	case "quarter":
		from = time.Date(day.Year(), (day.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 3, 0)
	case "year":
		from = time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, 0)
	}
	return time.Time{}, time.Time{}
}

// switchDealView shows the board or the list (sc, the sidebar's item key)
// in place of the other: through the sidebar when the other was opened from
// it.
func (a *App) switchDealView(key string, sc screen) {
	a.idle.touch()
	s := a.shell
	if len(s.stack) > 1 {
		a.replaceScreen(sc)
		return
	}
	for i, it := range s.items {
		if it.key == key {
			s.nav.Select(i)
			return
		}
	}
	s.open(sc)
}

// reload reads the board in the background.
func (b *dealBoard) reload() {
	a := b.a
	b.gen++
	gen, f := b.gen, b.f
	a.background(func() {
		board, err := a.svc.Pipeline.Board(a.ctx, f)
		fyne.Do(func() {
			if gen != b.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			b.show(board)
		})
	})
}

// reshow reads the board again when it is shown after a deal was closed.
func (b *dealBoard) reshow() { b.reload() }

// show puts a board on screen: the columns are made again only when the
// stages changed.
func (b *dealBoard) show(board model.Board) {
	a := b.a
	same := len(board.Columns) == len(b.board.Columns)
	for i := 0; same && i < len(board.Columns); i++ {
		same = board.Columns[i].Stage.ID == b.board.Columns[i].Stage.ID
	}
	b.board, b.loaded = board, true
	rebuilt := !same || len(b.cols) == 0
	if rebuilt {
		b.views = nil
		b.cols = nil
		var objs []fyne.CanvasObject
		for i := range board.Columns {
			c := b.newColumn(i)
			b.cols = append(b.cols, c)
			objs = append(objs, c.obj)
		}
		b.box.Objects = objs
		b.box.Refresh()
	}
	cs := b.d.cat.currencies
	for i, col := range board.Columns {
		c := b.cols[i]
		c.head.SetText(a.T("board.head", stageName(a, col.Stage), a.tr.Int(int64(col.Count))))
		c.sums.SetText(a.T("board.sum", a.docMoney(col.Sum, board.Base, cs)) + "\n" +
			a.T("board.weighted", a.docMoney(col.Weighted, board.Base, cs)))
		if !rebuilt {
			c.list.Refresh()
		}
	}
	n, sum, w := model.BoardTotals(board)
	b.totals.SetText(a.T("board.totals", a.N("deals.count", int64(n)), a.docMoney(sum, board.Base, cs), a.docMoney(w, board.Base, cs)))
	if _, ok := b.selected(); !ok {
		b.selCol, b.selID = -1, ""
	}
	b.showSelection()
}

// newColumn makes the column of stage i.
func (b *dealBoard) newColumn(i int) *boardColumn {
	c := &boardColumn{bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		head: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), sums: widget.NewLabel("")}
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.head.Truncation = fyne.TextTruncateEllipsis
	c.sums.Truncation = fyne.TextTruncateEllipsis
	c.list = widget.NewList(func() int {
		if i >= len(b.board.Columns) {
			return 0
		}
		return len(b.board.Columns[i].Cards)
	}, func() fyne.CanvasObject {
		v := newDealCardView(b)
		b.views = append(b.views, v)
		return v
	},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if i < len(b.board.Columns) && id < len(b.board.Columns[i].Cards) {
				o.(*dealCardView).show(i, b.board.Columns[i].Cards[id])
			}
		})
	c.list.HideSeparators = true
	top := container.NewVBox(c.head, c.sums, widget.NewSeparator())
	c.obj = container.NewStack(c.bg, container.NewBorder(top, nil, nil, nil, c.list))
	return c
}

// selected is the selected card.
func (b *dealBoard) selected() (model.DealCard, bool) {
	if b.selCol < 0 || b.selCol >= len(b.board.Columns) {
		return model.DealCard{}, false
	}
	for _, c := range b.board.Columns[b.selCol].Cards {
		if c.ID == b.selID {
			return c, true
		}
	}
	return model.DealCard{}, false
}

func (b *dealBoard) isSelected(id string) bool { return id != "" && id == b.selID }

// selectCard selects a card and gives the board the keyboard.
func (b *dealBoard) selectCard(col int, id string) {
	b.a.idle.touch()
	b.selCol, b.selID = col, id
	b.showSelection()
	b.a.win.Canvas().Focus(b.keys)
}

// showSelection repaints the cards and enables what applies.
func (b *dealBoard) showSelection() {
	_, ok := b.selected()
	for _, btn := range []*widget.Button{b.left, b.right, b.moveTo, b.open} {
		if ok {
			btn.Enable()
		} else {
			btn.Disable()
		}
	}
	for _, v := range b.views {
		v.paint()
	}
}

// openSelected opens the selected deal.
func (b *dealBoard) openSelected() {
	if c, ok := b.selected(); ok {
		openDeal(b.a, c.ID)
	}
}

// moveBy moves the selected card to the column step to the right (or left).
func (b *dealBoard) moveBy(step int) {
	c, ok := b.selected()
	to := b.selCol + step
	if !ok || to < 0 || to >= len(b.board.Columns) {
		return
	}
	b.moveCard(c, b.board.Columns[to].Stage.ID)
}

// moveMenu offers every other stage.
func (b *dealBoard) moveMenu() {
	a := b.a
	c, ok := b.selected()
	if !ok {
		return
	}
	var items []*fyne.MenuItem
	for _, col := range b.board.Columns {
		if col.Stage.ID == c.StageID {
			continue
		}
		st := col.Stage
		items = append(items, fyne.NewMenuItem(stageName(a, st), func() { b.moveCard(c, st.ID) }))
	}
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), a.win.Canvas(), fyne.NewPos(0, b.moveTo.Size().Height), b.moveTo)
}

// moveCard moves a card's deal to stage to (asking what the move needs) and
// reads the board again.
func (b *dealBoard) moveCard(c model.DealCard, to string) {
	b.a.moveDealTo(b.board.Pipeline, b.d.reasons, c.ID, to, func(moved model.Deal) {
		b.selID = moved.ID
		for i, col := range b.board.Columns {
			if col.Stage.ID == moved.StageID {
				b.selCol = i
			}
		}
		b.reload()
	})
}
