package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// dealListFixture saves three deals of the fixture's customer.
func dealListFixture(h *harness) *dealFixture {
	f := newDealFixture(h)
	for _, d := range []model.Deal{
		{Title: "Бета: плитка", Amount: 300000, AmountManual: true},
		{Title: "Альфа: кирпич", Lines: []model.DealLine{{ProductID: f.brick.ID, Qty: 2 * model.QtyOne}}},
		{Title: "Гамма: кладка", Amount: 50000, AmountManual: true},
	} {
		f.saveDeal("seller", d)
	}
	return f
}

// listOf opens the deal list searched for the fixture's customer.
func (h *harness) listOf(f *dealFixture) *dealList {
	h.t.Helper()
	l := newDealList(h.a)
	h.a.shell.open(l)
	h.settle()
	l.search.SetText(f.cust.Name)
	h.settle()
	h.waitFor("the deals", func() bool { return !l.busy() })
	return l
}

func dealTitles(l *dealList) []string {
	var out []string
	for _, d := range l.rows {
		out = append(out, d.Title)
	}
	return out
}

func TestDealListSortsAndExports(t *testing.T) {
	h := newHarness(t, true, "en")
	f := dealListFixture(h)
	h.dealLogin("seller")
	l := h.listOf(f)
	if l.total != 3 || len(l.rows) != 3 || l.count.Text != "3 deals" {
		t.Fatalf("rows %d, total %d, count %q", len(l.rows), l.total, l.count.Text)
	}
	test.Tap(l.heads["deal_title"])
	h.settle()
	if got := strings.Join(dealTitles(l), ", "); got != "Альфа: кирпич, Бета: плитка, Гамма: кладка" {
		t.Errorf("by title: %s", got)
	}
	test.Tap(l.heads["deal_title"])
	h.settle()
	if got := strings.Join(dealTitles(l), ", "); got != "Гамма: кладка, Бета: плитка, Альфа: кирпич" {
		t.Errorf("by title, descending: %s", got)
	}
	test.Tap(l.heads["amount"])
	h.settle()
	if got := strings.Join(dealTitles(l), ", "); got != "Бета: плитка, Альфа: кирпич, Гамма: кладка" {
		t.Errorf("by amount (largest first): %s", got)
	}
	if l.heads["amount"].icon.Hidden || !l.heads["deal_title"].icon.Hidden {
		t.Error("the sort arrow is not on the amount column")
	}
	// The rows show the stage translated and the amount with its currency.
	if got := h.a.dealCell(l.rows[0], "stage", l.d); got != en("stage.code.prospecting") {
		t.Errorf("stage cell %q", got)
	}
	if got := h.a.dealCell(l.rows[0], "amount", l.d); got != "3,000.00 RUB" {
		t.Errorf("amount cell %q", got)
	}
	// Filters: status won finds none of them.
	pick(t, l.status, string(model.DealWon))
	h.settle()
	h.waitFor("the deals", func() bool { return !l.busy() })
	if l.total != 0 {
		t.Errorf("won: %d", l.total)
	}
	pick(t, l.status, string(model.DealOpen))
	h.settle()
	h.waitFor("the deals", func() bool { return !l.busy() })

	var buf bytes.Buffer
	if err := l.writeDeals(h.ctx, l.f, tabular.CSV, &buf, func(int) {}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(buf.String(), "\uFEFF")), "\r\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], en("col.deal_title")+";"+en("col.customer")) ||
		!strings.Contains(lines[1], "Бета: плитка") || !strings.Contains(lines[1], "3,000.00 RUB") {
		t.Fatalf("CSV:\n%s", buf.String())
	}
	path := filepath.Join(t.TempDir(), "deals.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	l.exportDeals(l.f, tabular.XLSX, out, path)
	h.settle()
	r, err := tabular.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		if _, _, err := r.Next(); err != nil {
			break
		}
		n++
	}
	if n != 3 || len(r.Header()) != len(dealColumns)+2 || r.Header()[0] != en("col.deal_title") {
		t.Errorf("XLSX: header %q and %d rows, want 3", r.Header(), n)
	}
	if !strings.Contains(h.a.shell.status.Text, "3 deals exported") {
		t.Errorf("status: %q", h.a.shell.status.Text)
	}
}

// TestDealsTabOfTheCard lists the customer's deals and makes a new one for
// the customer.
func TestDealsTabOfTheCard(t *testing.T) {
	h := newHarness(t, true, "en")
	f := dealListFixture(h)
	h.dealLogin("seller")
	c := h.openCard(f.cust.ID)
	tab := &dealsTab{c: c, sel: -1}
	obj := tab.build()
	h.settle()
	if len(tab.rows) != 3 || tab.count.Text != "3 deals" {
		t.Fatalf("tab rows %d, count %q", len(tab.rows), tab.count.Text)
	}
	tab.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(buttonIn(t, obj, en("btn.open")))
	df := h.dealForm()
	if df.deal.ID != tab.rows[0].ID {
		t.Fatalf("opened %s, want %s", df.deal.ID, tab.rows[0].ID)
	}
	h.a.shell.back()
	test.Tap(buttonIn(t, obj, en("deals.new")))
	df = h.dealForm()
	if df.deal.ID != "" || df.cust.value.id != f.cust.ID {
		t.Fatalf("new deal for %q (%s)", df.cust.entry.Text, df.cust.value.id)
	}
}

// TestDealFormRefusesWithoutTitleAndCustomer shows the model's messages
// beside the fields, and the board's List button shows the list.
func TestDealFormRefusesWithoutTitleAndCustomer(t *testing.T) {
	h := newHarness(t, true, "en")
	h.dealLogin("seller")
	b := h.openBoard()
	test.Tap(buttonIn(t, h.a.shell.content, en("deals.new")))
	df := h.dealForm()
	df.name.SetText(" ")
	test.Tap(df.save)
	h.settle()
	if df.deal.ID != "" || df.f.errorOf("deal_title") != h.a.T(model.MsgDealTitle) || df.f.errorOf("customer") != h.a.T(model.MsgDealCustomer) {
		t.Errorf("messages: title %q, customer %q", df.f.errorOf("deal_title"), df.f.errorOf("customer"))
	}
	df.payDays.SetText("x")
	test.Tap(df.save)
	if got := df.f.errorOf("payment_days"); got != h.a.T(model.MsgDays) {
		t.Errorf("payment days: %q", got)
	}
	h.a.shell.back()
	if h.a.shell.screen != b {
		t.Fatalf("back: %T", h.a.shell.screen)
	}
	test.Tap(buttonIn(t, h.a.shell.content, en("board.to_list")))
	h.settle()
	if _, ok := h.a.shell.screen.(*dealList); !ok {
		t.Fatalf("List shows %T", h.a.shell.screen)
	}
	test.Tap(buttonIn(t, h.a.shell.content, en("deals.to_board")))
	h.settle()
	if _, ok := h.a.shell.screen.(*dealBoard); !ok {
		t.Fatalf("Board shows %T", h.a.shell.screen)
	}
}

// TestDealCrossSellAddsALine adds a suggestion of a demo deal as a line:
// the reason is shown in words, the line is priced.
func TestDealCrossSellAddsALine(t *testing.T) {
	h := newHarness(t, true, "en")
	h.dealLogin("head")
	id := demoDealWithSuggestions(t, h)
	if id == "" {
		t.Skip("the demo has no deal with suggestions")
	}
	openDeal(h.a, id)
	df := h.dealForm()
	if len(df.cross.rows) < 2 {
		t.Fatalf("suggestions: %d", len(df.cross.rows))
	}
	s := df.cross.rows[0]
	want := "in " + h.a.bpText(s.ConfidenceBP) + " of orders with «" + s.BecauseName + "»"
	if !hasLabelContaining(df.cross.box, want) {
		t.Errorf("no reason %q: %s", want, labelsOf(df.cross.box))
	}
	n := len(df.lines.rows)
	test.Tap(findAll(df.cross.box, func(b *widget.Button) bool { return b.Text == en("deal.cross.add") })[0])
	h.settle()
	if len(df.lines.rows) != n+1 {
		t.Fatalf("lines: %d, want %d", len(df.lines.rows), n+1)
	}
	r := df.lines.rows[n]
	if r.line.ProductID != s.ProductID || r.list.Text == "" || r.total.Text == "" {
		t.Errorf("added line: product %s, list %q, total %q", r.line.ProductID, r.list.Text, r.total.Text)
	}
}

// cardView scrolls the deal's card into view and returns it.
func (h *harness) cardView(b *dealBoard, id string) *dealCardView {
	h.t.Helper()
	for i, col := range b.board.Columns {
		for row, c := range col.Cards {
			if c.ID == id {
				b.cols[i].list.ScrollTo(row)
			}
		}
	}
	layoutAll(h)
	views := findAll(h.a.shell.content, func(v *dealCardView) bool { return v.card.ID == id })
	if len(views) != 1 {
		h.t.Fatalf("card views of %s: %d", id, len(views))
	}
	return views[0]
}

// TestDealBoardMarksCards marks a card waiting for approval and an overdue
// one, and shows the column totals in the base currency.
func TestDealBoardMarksCards(t *testing.T) {
	h := newHarness(t, true, "en")
	f := newDealFixture(h)
	d := f.saveDeal("seller", model.Deal{Title: "Скидка на кирпич", Lines: []model.DealLine{{ProductID: f.brick.ID, Qty: model.QtyOne,
		DiscountBP: 1800}}})
	h.dealLogin("head")
	b := h.openBoard()
	v := h.cardView(b, d.ID)
	if !v.mark.Visible() || v.mark.Text != en("deal.approval.pending") || v.bar.FillColor == nil {
		t.Errorf("pending card: mark %q visible %v", v.mark.Text, v.mark.Visible())
	}
	if v.amount.Text != "820.00 RUB" || v.resp.Text != h.user("seller").FullName {
		t.Errorf("card: amount %q, responsible %q", v.amount.Text, v.resp.Text)
	}
	var overdue string
	for _, col := range b.board.Columns {
		for _, c := range col.Cards {
			if c.Overdue && overdue == "" {
				overdue = c.ID
			}
		}
	}
	if overdue == "" {
		t.Fatal("the demo has no overdue deal")
	}
	if v := h.cardView(b, overdue); v.days.Importance != widget.DangerImportance {
		t.Errorf("overdue card: days %q importance %v", v.days.Text, v.days.Importance)
	}
	col := b.board.Columns[0]
	if want := en("board.sum", h.a.docMoney(col.Sum, b.board.Base, nil)); !strings.Contains(b.cols[0].sums.Text, want) {
		t.Errorf("column sums %q, want %q", b.cols[0].sums.Text, want)
	}
}
