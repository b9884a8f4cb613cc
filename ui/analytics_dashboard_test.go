package ui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
	"sdelka/reports/dashreport"
)

// recordingAnalytics remembers the filters the screens asked for.
type recordingAnalytics struct {
	model.AnalyticsService
	mu      sync.Mutex
	filters []model.DashFilter
	drills  []model.DrillRequest
}

func (r *recordingAnalytics) Dashboard(ctx context.Context, f model.DashFilter) (model.Dashboard, error) {
	r.mu.Lock()
	r.filters = append(r.filters, f)
	r.mu.Unlock()
	return r.AnalyticsService.Dashboard(ctx, f)
}

func (r *recordingAnalytics) Drill(ctx context.Context, q model.DrillRequest) ([]model.DrillRow, error) {
	r.mu.Lock()
	r.drills = append(r.drills, q)
	r.mu.Unlock()
	return r.AnalyticsService.Drill(ctx, q)
}

// last is the filter of the latest dashboard read.
func (r *recordingAnalytics) last(t *testing.T) model.DashFilter {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.filters) == 0 {
		t.Fatal("the dashboard was never read")
	}
	return r.filters[len(r.filters)-1]
}

// openDashboard logs in and opens the dashboard with its service recorded.
func openDashboard(t *testing.T, login string) (*harness, *dashboard, *recordingAnalytics) {
	t.Helper()
	h := newHarness(t, true, "en")
	h.login(login, repo.DemoPassword)
	rec := &recordingAnalytics{AnalyticsService: h.a.svc.Analytics}
	h.a.svc.Analytics = rec
	s, ok := h.openNav("dashboard").(*dashboard)
	if !ok {
		t.Fatalf("screen is %T, want *dashboard", h.a.shell.screen)
	}
	h.settle()
	if !s.loaded {
		t.Fatal("dashboard not loaded")
	}
	return h, s, rec
}

// card is the dashboard's card of sec.
func (s *dashboard) card(t *testing.T, sec dashreport.Section) *chartCard {
	t.Helper()
	for _, c := range s.cards {
		if c.sec == sec {
			return c
		}
	}
	t.Fatalf("no card %q", sec)
	return nil
}

// pickOption chooses the option labelled label of c as a person would.
func pickOption(t *testing.T, c *choice, label string) {
	t.Helper()
	if !slices.Contains(c.sel.Options, label) {
		t.Fatalf("no option %q in %v", label, c.sel.Options)
	}
	c.sel.SetSelected(label)
}

// TestDashboardFilters checks that the dashboard shows figures and that a
// channel or a seller chosen in the bar reaches the service and changes
// what is shown.
func TestDashboardFilters(t *testing.T) {
	h, s, rec := openDashboard(t, "head")
	if s.data.Total <= 0 {
		t.Fatalf("total revenue %d, want > 0 on the demo data", s.data.Total)
	}
	revenue := s.kpis[0].value.Text
	if revenue == "—" || revenue == "" {
		t.Fatalf("revenue KPI %q", revenue)
	}
	for _, c := range s.cards {
		if c.img.img.Image == nil {
			t.Errorf("card %s: no image", c.sec)
		}
		if len(c.header) == 0 {
			t.Errorf("card %s: no table", c.sec)
		}
	}
	revImg := s.card(t, dashreport.SectionRevenue).img.img.Image
	sellersImg := s.card(t, dashreport.SectionSellers).img.img.Image

	pickOption(t, s.bar.channel, en("channel.dealer"))
	h.settle()
	if got := rec.last(t).Channel; got != model.ChannelDealer {
		t.Fatalf("filter channel %q, want dealer", got)
	}
	if s.data.Filter.Channel != model.ChannelDealer {
		t.Errorf("applied channel %q", s.data.Filter.Channel)
	}
	if s.kpis[0].value.Text == revenue {
		t.Errorf("revenue KPI unchanged by the channel: %q", revenue)
	}
	if len(s.data.ByChannel) != 1 || s.data.ByChannel[0].Key != string(model.ChannelDealer) {
		t.Errorf("by channel with the dealer filter: %+v", s.data.ByChannel)
	}
	if s.card(t, dashreport.SectionRevenue).img.img.Image == revImg {
		t.Error("revenue chart not redrawn after its figures changed")
	}

	// Back to all channels, then one seller.
	pickOption(t, s.bar.channel, en("filter.any"))
	h.settle()
	if got := rec.last(t).Channel; got != model.ChannelNone {
		t.Fatalf("filter channel %q after any", got)
	}
	seller := h.user("seller")
	pickOption(t, s.bar.seller, seller.FullName)
	h.settle()
	if got := rec.last(t).OwnerID; got != seller.ID {
		t.Fatalf("filter seller %q, want %q", got, seller.ID)
	}
	for _, d := range s.data.BySeller {
		if d.Key != seller.ID {
			t.Errorf("by seller under a seller filter: %+v", d)
		}
	}
	if s.kpis[0].value.Text == revenue {
		t.Errorf("revenue KPI unchanged by the seller: %q", revenue)
	}
	if s.card(t, dashreport.SectionSellers).img.img.Image == sellersImg {
		t.Error("sellers chart not redrawn")
	}
}

// TestDashboardPeriodOrder checks that a period ending before it starts is
// refused on the screen, without asking the service.
func TestDashboardPeriodOrder(t *testing.T) {
	h, s, rec := openDashboard(t, "head")
	rec.mu.Lock()
	reads := len(rec.filters)
	rec.mu.Unlock()
	m := model.MonthOf(today())
	pickOption(t, s.bar.from, h.a.monthText(m))
	h.settle()
	pickOption(t, s.bar.to, h.a.monthText(m.Add(-2)))
	h.settle()
	if got, want := s.status.Text, en(model.MsgPeriodOrder); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	rec.mu.Lock()
	after := len(rec.filters)
	rec.mu.Unlock()
	if after != reads+1 {
		t.Errorf("service read %d times, want once (from alone)", after-reads)
	}
	if f := rec.last(t); f.From != m || !f.To.IsZero() {
		t.Errorf("last filter read %v–%v", f.From, f.To)
	}
}

// TestDashboardUnchangedChartsStay checks that a reload with the same
// figures keeps every image.
func TestDashboardUnchangedChartsStay(t *testing.T) {
	h, s, _ := openDashboard(t, "head")
	var before []image.Image
	for _, c := range s.cards {
		before = append(before, c.img.img.Image)
	}
	s.reload()
	h.settle()
	for i, c := range s.cards {
		if c.img.img.Image != before[i] {
			t.Errorf("card %s redrawn with the same figures", c.sec)
		}
	}
}

// tapHit taps the middle of the first element of a card's chart.
func tapHit(t *testing.T, c *chartCard, index int) {
	t.Helper()
	if index >= len(c.hits) {
		t.Fatalf("card %s: %d hits, want > %d", c.sec, len(c.hits), index)
	}
	r := c.hits[index].Rect
	mid := image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
	sz := c.img.Size()
	if sz.Width <= 0 {
		t.Fatalf("card %s: chart not laid out", c.sec)
	}
	px := c.img.px
	pos := fyne.NewPos((float32(mid.X)+0.5)*sz.Width/float32(px.X), (float32(mid.Y)+0.5)*sz.Height/float32(px.Y))
	test.TapAt(c.img, pos)
}

// TestDashboardDrill checks that a tap on a seller's bar lists that
// seller's invoices and that a record opens.
func TestDashboardDrill(t *testing.T) {
	h, s, rec := openDashboard(t, "head")
	c := s.card(t, dashreport.SectionSellers)
	if len(s.data.BySeller) == 0 {
		t.Fatal("no revenue by seller")
	}
	top := s.data.BySeller[0]
	tapHit(t, c, 0)
	h.settle()
	l, ok := h.a.shell.screen.(*drillList)
	if !ok {
		t.Fatalf("after the tap the screen is %T, want *drillList", h.a.shell.screen)
	}
	rec.mu.Lock()
	q := rec.drills[len(rec.drills)-1]
	rec.mu.Unlock()
	if q.Kind != model.DrillSeller || q.Key != top.Key {
		t.Fatalf("drill %s %q, want seller %q", q.Kind, q.Key, top.Key)
	}
	if len(l.rows) == 0 {
		t.Fatal("no records behind the bar")
	}
	for _, r := range l.rows {
		if r.Owner != top.Label || r.Entity != model.EntityDocument {
			t.Errorf("record %+v: want a document of %q", r, top.Label)
		}
	}
	if !hasLabel(h.win.Content(), l.rows[0].Number) {
		t.Errorf("first record %q not shown", l.rows[0].Number)
	}
	l.list.Select(0)
	l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if _, still := h.a.shell.screen.(*drillList); still {
		t.Fatal("Enter did not open the record")
	}
	h.a.shell.back()
	h.settle()
	if h.a.shell.screen != l {
		t.Fatalf("back: screen %T", h.a.shell.screen)
	}
}

// TestDashboardSellerSeesOwn checks that a seller has no seller choice and
// sees only their own figures.
func TestDashboardSellerSeesOwn(t *testing.T) {
	h, s, rec := openDashboard(t, "seller")
	me := h.a.svc.User
	if s.bar.self == nil || s.bar.self.Text != me.FullName {
		t.Fatal("seller's own name not shown in place of the seller choice")
	}
	if len(findAll(h.win.Content(), func(o fyne.CanvasObject) bool { return o == s.bar.seller.sel })) != 0 {
		t.Error("seller choice offered to a seller")
	}
	if got := rec.last(t).OwnerID; got != "" {
		t.Errorf("screen asked for seller %q", got)
	}
	if s.data.Filter.OwnerID != me.ID {
		t.Errorf("applied seller %q, want the seller's own %q", s.data.Filter.OwnerID, me.ID)
	}
	for _, d := range s.data.BySeller {
		if d.Key != me.ID {
			t.Errorf("another seller's revenue shown: %+v", d)
		}
	}
	for _, line := range s.bar.lines() {
		if line != en("dash.seller")+": "+me.FullName {
			t.Errorf("report line %q", line)
		}
	}
}

// TestForecastTooLittleHistory checks the message on an empty database.
func TestForecastTooLittleHistory(t *testing.T) {
	h := newHarness(t, false, "en")
	v := h.wizardScreen()
	v.fillValid(t)
	test.Tap(v.submit)
	h.settle()
	s, ok := h.openNav("forecast").(*forecastScreen)
	if !ok {
		t.Fatalf("screen is %T, want *forecastScreen", h.a.shell.screen)
	}
	h.settle()
	if s.view.Err != model.MsgTooLittleHistory {
		t.Fatalf("forecast error %q", s.view.Err)
	}
	if !s.msg.Visible() || s.msg.Text != en(model.MsgTooLittleHistory) {
		t.Errorf("message %q (visible %t), want %q", s.msg.Text, s.msg.Visible(), en(model.MsgTooLittleHistory))
	}
	if s.summary.Visible() {
		t.Errorf("backtest shown without a forecast: %q", s.summary.Text)
	}
}

// TestForecastDemo checks the forecast and its backtest on the demo data.
func TestForecastDemo(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	s := h.openNav("forecast").(*forecastScreen)
	h.settle()
	if s.img.Image == nil || len(s.rows) == 0 {
		t.Fatal("no chart or table")
	}
	if s.view.Err != "" {
		if !s.msg.Visible() {
			t.Error("no message for a missing forecast")
		}
		return
	}
	if !s.summary.Visible() || s.summary.Text == "" || !s.explain.Visible() {
		t.Error("backtest error or its explanation not shown")
	}
	pickOption(t, s.horizon, h.a.N("fc.horizon_months", 12))
	h.settle()
	if got := len(s.view.Forecast.Points); got != 12 {
		t.Errorf("12-month horizon: %d points", got)
	}
}

// TestDashboardScreenshot writes the dashboard to SDELKA_UI_PNG for a
// person to look at; it is skipped otherwise.
func TestDashboardScreenshot(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		t.Skip("set SDELKA_UI_PNG to a folder to write screenshots")
	}
	for _, lang := range []string{"ru", "en"} {
		h, _, _ := openDashboard(t, "head")
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			f, err := os.Create(filepath.Join(dir, lang+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
				t.Fatal(err)
			}
		}
		shot("dashboard")
		s := h.a.shell.screen.(*dashboard)
		s.card(t, dashreport.SectionRevenue).figures.SetChecked(true)
		shot("dashboard-table")
		tapHit(t, s.card(t, dashreport.SectionSellers), 0)
		shot("dashboard-drill")
		h.openNav("forecast")
		shot("forecast")
	}
}
