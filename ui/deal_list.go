package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealPage is how many deals one read brings.
const dealPage = 100

var dealColumns = []column{{"deal_title", 230}, {"customer", 170}, {"stage", 130}, {"amount", 130}, {"probability", 70},
	{"weighted", 130}, {"expected_close", 100}, {"responsible", 130}, {"deal_owner", 130}, {"updated", 100}}

// dealColMins are the narrowest the columns get before the list scrolls
// sideways.
var dealColMins = []float32{150, 120, 110, 118, 58, 118, 92, 100, 100, 92}

// dealSorts are the columns a header tap sorts by.
var dealSorts = map[string]model.DealSort{"deal_title": model.DealSortTitle, "customer": model.DealSortCustomer,
	"stage": model.DealSortStage, "amount": model.DealSortAmount, "expected_close": model.DealSortExpectedClose,
	"updated": model.DealSortUpdated}

var dealRightCols = map[string]bool{"amount": true, "probability": true, "weighted": true}

var dealStatuses = []model.DealStatus{model.DealOpen, model.DealWon, model.DealLost}

// dealList is the deals as a table: sortable by the column titles, paged as
// it is scrolled, filtered by pipeline, stage, status, owner, overdue and
// waiting for approval, searched by title or customer, and exported (all
// the filter selects) to CSV or Excel.
type dealList struct {
	a        *App
	d        dealDicts
	f        model.DealFilter
	rows     []model.Deal
	more     bool
	fetching bool
	total    int
	counted  bool
	gen      int
	sel      int
	layout   colLayout
	heads    map[string]*headerCell
	list     *widget.List
	count    *widget.Label
	pipe     *choice
	stage    *choice
	status   *choice
	owner    *choice
	overdue  *widget.Check
	approval *widget.Check
	search   *widget.Entry
	typing   *debouncer
	open     *widget.Button
	export   *widget.Button
}

func newDealList(a *App) *dealList {
	l := &dealList{a: a, sel: -1, typing: newDebouncer(200*time.Millisecond, &a.busy),
		f: model.DealFilter{Sort: model.DealSortUpdated, Desc: true}}
	if a.svc.User.Role == model.RoleSeller {
		l.f.OwnerID = a.svc.User.ID
	}
	var widths, mins []float32
	for i, c := range dealColumns {
		widths, mins = append(widths, c.width), append(mins, dealColMins[i])
	}
	l.layout = colLayout{widths: widths, mins: mins, flex: 0}
	return l
}

func (l *dealList) build() fyne.CanvasObject {
	a := l.a
	title := widget.NewLabelWithStyle(a.T("nav.deal_list"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.pipe = newChoice(a.T("deals.any_pipeline"), a.T("deals.any_pipeline"), func(v string) {
		l.f.PipelineID, l.f.StageID = v, ""
		l.stageOptions()
		l.reload()
	})
	l.stage = newChoice(a.T("deals.any_stage"), a.T("deals.any_stage"), func(v string) { l.f.StageID = v; l.reload() })
	l.status = newChoice(a.T("deals.any_status"), a.T("deals.any_status"), func(v string) { l.f.Status = model.DealStatus(v); l.reload() })
	l.status.setOptions(enumOptions(a, dealStatusKey, dealStatuses))
	l.owner = newChoice(a.T("board.everyone"), a.T("board.everyone"), func(v string) { l.f.OwnerID = v; l.reload() })
	l.overdue = widget.NewCheck(a.T("deals.overdue"), func(on bool) { l.f.Overdue = on; l.reload() })
	l.approval = widget.NewCheck(a.T("deals.needs_approval"), func(on bool) { l.f.NeedsApproval = on; l.reload() })
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("deals.search"))
	l.search.OnChanged = func(q string) {
		l.typing.call(func() { l.f.Query = strings.TrimSpace(q); l.reload() })
	}
	l.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), l.openSelected)
	l.open.Disable()
	newDeal := widget.NewButtonWithIcon(a.T("deals.new"), theme.ContentAddIcon(), func() { newDealFor(a, "") })
	if !model.Can(a.svc.User.Role, model.EntityDeal, model.ActCreate) {
		newDeal.Hide()
	}
	l.export = widget.NewButtonWithIcon(a.T("customers.export"), theme.DownloadIcon(), func() { l.exportMenu() })
	board := widget.NewButtonWithIcon(a.T("deals.to_board"), theme.GridIcon(), func() { a.switchDealView("deals", newDealBoard(a)) })
	filters := container.NewHBox(title, fixedWidth(l.pipe.sel, 180), fixedWidth(l.stage.sel, 170), fixedWidth(l.status.sel, 140),
		fixedWidth(l.owner.sel, 160))
	tools := container.NewVBox(filters, container.NewBorder(nil, nil, container.NewHBox(l.overdue, l.approval),
		container.NewHBox(newDeal, l.open, l.export, board), l.search))
	l.heads = map[string]*headerCell{}
	var heads []fyne.CanvasObject
	for _, c := range dealColumns {
		var tap func()
		if s, ok := dealSorts[c.key]; ok {
			tap = func() { l.sortBy(s) }
		}
		h := newHeaderCell(a.T("col."+c.key), tap)
		if dealRightCols[c.key] {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		l.heads[c.key] = h
		heads = append(heads, h)
	}
	l.showSort()
	l.list = widget.NewList(func() int { return len(l.rows) }, l.createRow, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) { l.sel = id; a.idle.touch(); l.open.Enable() }
	l.list.OnUnselected = func(widget.ListItemID) { l.sel = -1; l.open.Disable() }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	header := container.NewVBox(container.New(l.layout, heads...), widget.NewSeparator())
	table := container.NewBorder(header, nil, nil, nil, l.list)
	a.loadDealDicts(func(d dealDicts) {
		l.d = d
		var pl, pv []string
		for _, p := range d.pipes {
			pl, pv = append(pl, p.Name), append(pv, p.ID)
		}
		l.pipe.setOptions(pl, pv)
		l.stageOptions()
		if a.svc.User.Role == model.RoleSeller {
			l.owner.setOptions([]string{a.T("board.mine")}, []string{a.svc.User.ID})
		} else {
			l.owner.setOptions(userOptions(d.users))
		}
		l.owner.set(l.f.OwnerID)
		l.reload()
	})
	return container.NewBorder(container.NewVBox(tools, widget.NewSeparator()), l.count, nil, nil,
		container.NewHScroll(table))
}

// stageOptions offers the stages of the chosen pipeline (the default one
// when any).
func (l *dealList) stageOptions() {
	var labels, values []string
	for _, st := range l.d.pipe(l.f.PipelineID).Stages {
		labels, values = append(labels, stageName(l.a, st)), append(values, st.ID)
	}
	l.stage.setOptions(labels, values)
	l.stage.set(l.f.StageID)
}

// sortBy sorts by a column; the same column again turns the order round.
func (l *dealList) sortBy(s model.DealSort) {
	l.a.idle.touch()
	if l.f.Sort == s {
		l.f.Desc = !l.f.Desc
	} else {
		l.f.Sort, l.f.Desc = s, s == model.DealSortUpdated || s == model.DealSortAmount
	}
	l.showSort()
	l.reload()
}

func (l *dealList) showSort() {
	for key, h := range l.heads {
		dir := 0
		if s, ok := dealSorts[key]; ok && s == l.f.Sort {
			dir = 1
			if l.f.Desc {
				dir = -1
			}
		}
		h.setSort(dir)
	}
}

// reload starts the list over.
func (l *dealList) reload() {
	a := l.a
	l.gen++
	gen := l.gen
	l.rows, l.more, l.fetching, l.sel, l.counted = nil, true, false, -1, false
	if l.list != nil {
		l.list.UnselectAll()
		l.list.ScrollToTop()
	}
	l.fetch()
	f := l.f
	a.background(func() {
		n, err := a.svc.Pipeline.CountDeals(a.ctx, f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			l.total, l.counted = n, true
			l.count.SetText(a.N("deals.count", int64(n)))
		})
	})
}

// reshow reads the list again when it is shown after a deal was closed.
func (l *dealList) reshow() { l.reload() }

// busy tells a page or the count on its way.
func (l *dealList) busy() bool { return l.fetching || !l.counted }

// fetch reads the next page.
func (l *dealList) fetch() {
	if l.fetching || !l.more {
		return
	}
	a := l.a
	l.fetching = true
	f := l.f
	f.Offset, f.Limit = len(l.rows), dealPage
	gen := l.gen
	a.background(func() {
		ds, err := a.svc.Pipeline.FindDeals(a.ctx, f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.fetching = false
			if err != nil {
				l.more = false
				a.showErr(err)
				return
			}
			l.rows = append(l.rows, ds...)
			l.more = len(ds) == dealPage
			l.list.Refresh()
		})
	})
}

func (l *dealList) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, c := range dealColumns {
		lb := widget.NewLabel("")
		lb.Truncation = fyne.TextTruncateEllipsis
		if dealRightCols[c.key] {
			lb.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, lb)
	}
	return newTapRow(container.New(l.layout, objs...))
}

func (l *dealList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(l.rows) {
		return
	}
	if id >= len(l.rows)-dealPage/4 {
		l.fetch()
	}
	d := l.rows[id]
	r := o.(*tapRow)
	r.onTap = func() { l.list.Select(id) }
	r.onDouble = func() { l.list.Select(id); l.openSelected() }
	for i, c := range dealColumns {
		lb := r.content.(*fyne.Container).Objects[i].(*widget.Label)
		lb.Importance = widget.MediumImportance
		switch {
		case d.Status == model.DealLost:
			lb.Importance = widget.LowImportance
		case c.key == "expected_close" && d.Status == model.DealOpen && !d.StageDue.IsZero() && model.DaysBetween(today(), d.StageDue) < 0:
			lb.Importance = widget.DangerImportance
		}
		lb.SetText(l.a.dealCell(d, c.key, l.d))
		lb.Refresh()
	}
}

// dealCell is the text of one column of a deal's row (the list and the
// export).
func (a *App) dealCell(d model.Deal, key string, dd dealDicts) string {
	cs := dd.cat.currencies
	switch key {
	case "deal_title":
		return dealLabel(d)
	case "customer":
		return d.CustomerName
	case "stage":
		return stageNameByID(a, dd.pipe(d.PipelineID), d.StageID, d.StageName)
	case "amount":
		return a.docMoney(d.Amount, d.Currency, cs)
	case "probability":
		return a.bpText(d.ProbabilityBP)
	case "weighted":
		return a.docMoney(model.Weighted(d.AmountBase, d.ProbabilityBP), dd.cat.tax.BaseCurrency, cs)
	case "expected_close":
		return a.dayInput(d.ExpectedClose)
	case "responsible":
		return d.ResponsibleName
	case "deal_owner":
		return d.OwnerName
	case "updated":
		return a.dayInput(d.Updated.Local())
	}
	return ""
}

// openSelected opens the selected deal.
func (l *dealList) openSelected() {
	if l.sel >= 0 && l.sel < len(l.rows) {
		openDeal(l.a, l.rows[l.sel].ID)
	}
}
