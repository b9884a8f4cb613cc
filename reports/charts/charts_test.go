package charts

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sdelka/model"
)

// chartFunc renders one chart of one data set.
type chartFunc func(w io.Writer, o Options) ([]Hit, error)

// dataSet is one kind of input every chart must survive.
type dataSet struct {
	name   string
	labels []string
	money  []model.Money
	counts []int
	// want is the number of hits Bars and Funnel return (one per value)
	// and noData whether the chart has nothing to draw.
	noData bool
}

var longLabels = []string{
	"Общество с ограниченной ответственностью «Северо-Западная торговая компания»",
	"Индивидуальный предприниматель Константинопольский Александр Вячеславович",
	"Акционерное общество «Научно-производственное объединение электромашиностроения»",
	"Дилеры Дальневосточного федерального округа (Хабаровск, Владивосток, Южно-Сахалинск)",
}

func months(n int) []string {
	names := []string{"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %d", names[i%12], 24+i/12)
	}
	return out
}

func dataSets() []dataSet {
	n36 := make([]model.Money, 36)
	c36 := make([]int, 36)
	l36 := make([]string, 36)
	for i := range n36 {
		n36[i] = model.Money((i*7919%97 + 3) * 123_456_78)
		c36[i] = 1000 - i*25
		l36[i] = fmt.Sprintf("Регион %d", i+1)
	}
	return []dataSet{
		{name: "empty", noData: true},
		{name: "single", labels: []string{"Иванов"}, money: []model.Money{1_234_567_89}, counts: []int{42}},
		{name: "all-zero", labels: []string{"А", "Б", "В"}, money: []model.Money{0, 0, 0}, counts: []int{0, 0, 0}},
		{name: "negative", labels: []string{"Продажи", "Возвраты", "Скидки", "Прочее"},
			money: []model.Money{500_000_00, -120_000_00, -30_000_00, 80_000_00}, counts: []int{10, -3, 4, 0}},
		{name: "36-points", labels: l36, money: n36, counts: c36},
		{name: "long-cyrillic", labels: longLabels,
			money: []model.Money{9_876_543_21, 5_432_100_00, 1_000_000_00, 25_000_00}, counts: []int{120, 64, 30, 9}},
		{name: "huge", labels: []string{"max", "min", "max", "one"},
			money: []model.Money{math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, 1}, counts: []int{math.MaxInt, 1, math.MaxInt / 2, 0}},
		{name: "labels-short", labels: []string{"один"}, money: []model.Money{5_00, 6_00, 7_00}, counts: []int{3, 2, 1}},
	}
}

// charts builds every function over a data set; the key names the function.
func charts(d dataSet) map[string]chartFunc {
	x := months(len(d.money))
	var prev []model.Money
	for _, v := range d.money {
		prev = append(prev, v/2-v/7)
	}
	lo := make([]model.Money, len(d.money))
	hi := make([]model.Money, len(d.money))
	for i, v := range d.money {
		lo[i], hi[i] = v-v/5, v+v/5
	}
	half := len(d.money) / 2
	return map[string]chartFunc{
		"monthbars": func(w io.Writer, o Options) ([]Hit, error) {
			return MonthBars(w, o, x, MoneySeries{Name: "2026", Values: d.money}, MoneySeries{Name: "2025", Values: prev})
		},
		"bars": func(w io.Writer, o Options) ([]Hit, error) { return Bars(w, o, d.labels, d.money) },
		"pie":  func(w io.Writer, o Options) ([]Hit, error) { return Pie(w, o, d.labels, d.money) },
		"piecounts": func(w io.Writer, o Options) ([]Hit, error) {
			return PieCounts(w, o, d.labels, d.counts)
		},
		"funnel": func(w io.Writer, o Options) ([]Hit, error) { return Funnel(w, o, d.labels, d.counts) },
		"lines": func(w io.Writer, o Options) ([]Hit, error) {
			return Lines(w, o, x,
				MoneySeries{Name: "Взвешенная", Values: prev},
				MoneySeries{Name: "Невзвешенная", Values: d.money[:half]},
				MoneySeries{Name: "Прогноз", Values: d.money[half:], Start: half, Low: lo[half:], High: hi[half:], Dashed: true},
			)
		},
	}
}

var optionSets = []struct {
	name string
	o    Options
}{
	{"light", Options{Title: "Выручка по месяцам: этот год и прошлый", Width: 800, Height: 400, Scale: 1}},
	{"dark-2x", Options{Title: "Выручка", Width: 800, Height: 400, Scale: 2, Dark: true, Lang: "en"}},
	{"1.5x-no-title", Options{Width: 640, Height: 360, Scale: 1.5,
		Money: func(m model.Money) string { return defaultMoney(m, false) + "\u00a0₽" }}},
	{"defaults", Options{}},
	{"tiny", Options{Width: 40, Height: 20, Title: "Маленький"}},
}

func TestChartsRenderEveryDataSet(t *testing.T) {
	for _, d := range dataSets() {
		for fn, render := range charts(d) {
			for _, os := range optionSets {
				t.Run(d.name+"/"+fn+"/"+os.name, func(t *testing.T) {
					var buf bytes.Buffer
					hits, err := render(&buf, os.o)
					if err != nil {
						t.Fatalf("render: %v", err)
					}
					img, err := png.Decode(&buf)
					if err != nil {
						t.Fatalf("decode: %v", err)
					}
					want := os.o.Size()
					if got := img.Bounds().Size(); got != want {
						t.Fatalf("size: got %v, want %v", got, want)
					}
					checkHits(t, hits, img.Bounds())
					if os.name == "tiny" {
						return
					}
					if got := distinctColours(img); got < 3 {
						t.Errorf("distinct colours: got %d, want at least 3 (blank image?)", got)
					}
					if d.noData && len(hits) != 0 {
						t.Errorf("no-data chart returned %d hits", len(hits))
					}
				})
			}
		}
	}
}

// TestChartsHitCounts checks that each element can be clicked.
func TestChartsHitCounts(t *testing.T) {
	ds := dataSets()[4] // 36 points
	for _, tc := range []struct {
		fn   string
		want int
	}{
		{"bars", 36}, {"funnel", 36}, {"pie", 36}, {"piecounts", 36},
		{"monthbars", 72}, {"lines", 36 + 18 + 18},
	} {
		t.Run(tc.fn, func(t *testing.T) {
			hits, err := charts(ds)[tc.fn](io.Discard, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(hits); got != tc.want {
				t.Errorf("hits: got %d, want %d", got, tc.want)
			}
			for _, h := range hits {
				if h.Rect.Empty() {
					t.Errorf("hit %d/%d: empty rectangle", h.Index, h.Series)
				}
			}
		})
	}
}

func checkHits(t *testing.T, hits []Hit, bounds image.Rectangle) {
	t.Helper()
	for i, h := range hits {
		if !h.Rect.In(bounds) || !h.Label.In(bounds) {
			t.Errorf("hit %d: %v / %v outside %v", i, h.Rect, h.Label, bounds)
		}
		if i > 0 {
			p := hits[i-1]
			if p.Index > h.Index || p.Index == h.Index && p.Series >= h.Series {
				t.Errorf("hits out of order: %d/%d before %d/%d", p.Index, p.Series, h.Index, h.Series)
			}
		}
	}
}

func distinctColours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

func TestChartsDeterministic(t *testing.T) {
	for _, d := range dataSets() {
		for fn, render := range charts(d) {
			t.Run(d.name+"/"+fn, func(t *testing.T) {
				var a, b bytes.Buffer
				o := Options{Title: "Повтор", Scale: 1.5, Dark: true}
				ha, err := render(&a, o)
				if err != nil {
					t.Fatal(err)
				}
				hb, err := render(&b, o)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Error("the same input gave different bytes")
				}
				if !reflect.DeepEqual(ha, hb) {
					t.Error("the same input gave different hits")
				}
			})
		}
	}
}

func TestChartsNoDataDiffersFromChart(t *testing.T) {
	// All-zero pies and funnels say there is no data; they must still be
	// images with the message, the same as empty input.
	var empty, zero bytes.Buffer
	if _, err := Pie(&empty, Options{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Pie(&zero, Options{}, []string{"а", "б"}, []model.Money{0, 0}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(empty.Bytes(), zero.Bytes()) {
		t.Error("an all-zero pie differs from the empty one: want the same no-data image")
	}
	var withData bytes.Buffer
	if _, err := Pie(&withData, Options{}, []string{"а"}, []model.Money{1}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(empty.Bytes(), withData.Bytes()) {
		t.Error("a pie with data looks like the no-data image")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestChartsWriterError(t *testing.T) {
	for fn, render := range charts(dataSets()[1]) {
		t.Run(fn, func(t *testing.T) {
			if _, err := render(failingWriter{}, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("got %v, want the writer's error", err)
			}
			if _, err := render(nil, Options{}); err == nil {
				t.Error("nil writer: got no error")
			}
		})
	}
}

func TestHitAtFindsElements(t *testing.T) {
	hits, err := Pie(io.Discard, Options{}, []string{"половина", "четверть", "четверть"}, []model.Money{50, 25, 25})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 {
		t.Fatalf("hits: got %d, want 3", len(hits))
	}
	// The first slice runs clockwise from 12 to 6 o'clock: the right half.
	w := hits[0].wedge
	right := image.Pt(int(w.cx+w.r/2), int(w.cy))
	left := image.Pt(int(w.cx-w.r/2), int(w.cy-w.r/4))
	if h, ok := HitAt(hits, right); !ok || h.Index != 0 {
		t.Errorf("right half: got %v %v, want slice 0", h.Index, ok)
	}
	if h, ok := HitAt(hits, left); !ok || h.Index == 0 {
		t.Errorf("left half: got %v %v, want another slice", h.Index, ok)
	}
	if h, ok := HitAt(hits, hits[1].Label.Min.Add(image.Pt(2, 2))); !ok || h.Index != 1 {
		t.Errorf("legend row 1: got %v %v, want slice 1", h.Index, ok)
	}
	if _, ok := HitAt(hits, image.Pt(1, 1)); ok {
		t.Error("the corner hit a slice")
	}

	bars, err := Bars(io.Discard, Options{}, []string{"а", "б"}, []model.Money{100, 200})
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range bars {
		c := h.Rect.Min.Add(h.Rect.Size().Div(2))
		if got, ok := HitAt(bars, c); !ok || got.Index != i {
			t.Errorf("bar %d centre: got %v %v", i, got.Index, ok)
		}
	}
	if bars[1].Rect.Dx() <= bars[0].Rect.Dx() {
		t.Errorf("bar widths: %d for 200 not above %d for 100", bars[1].Rect.Dx(), bars[0].Rect.Dx())
	}
}

func TestDefaultMoney(t *testing.T) {
	for _, tc := range []struct {
		m      model.Money
		en     bool
		want   string
		wantEN string
	}{
		{0, false, "0", "0"},
		{5, false, "0,05", "0.05"},
		{1_234_567_00, false, "1\u00a0234\u00a0567", "1,234,567"},
		{-1_234_50, false, "-1\u00a0234,50", "-1,234.50"},
		{math.MinInt64, false, "-92\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,08", "-92,233,720,368,547,758.08"},
		{math.MaxInt64, false, "92\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,07", "92,233,720,368,547,758.07"},
	} {
		if got := defaultMoney(tc.m, false); got != tc.want {
			t.Errorf("defaultMoney(%d, ru): got %q, want %q", tc.m, got, tc.want)
		}
		if got := defaultMoney(tc.m, true); got != tc.wantEN {
			t.Errorf("defaultMoney(%d, en): got %q, want %q", tc.m, got, tc.wantEN)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	for _, tc := range []struct {
		share  float64
		ru, en string
	}{
		{0, "0\u00a0%", "0%"},
		{0.455, "46\u00a0%", "46%"},
		{0.0123, "1,2\u00a0%", "1.2%"},
		{1, "100\u00a0%", "100%"},
	} {
		if got := formatPercent(tc.share, false); got != tc.ru {
			t.Errorf("formatPercent(%v, ru): got %q, want %q", tc.share, got, tc.ru)
		}
		if got := formatPercent(tc.share, true); got != tc.en {
			t.Errorf("formatPercent(%v, en): got %q, want %q", tc.share, got, tc.en)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		count  int
		want   []float64
	}{
		{0, 100, 5, []float64{0, 20, 40, 60, 80, 100}},
		{0, 0, 5, []float64{0}},
		{-30, 95, 4, []float64{-50, 0, 50, 100}},
		{0, 1, 5, []float64{0, 1}},
	} {
		got, _, _ := niceTicks(tc.lo, tc.hi, tc.count)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("niceTicks(%v, %v, %d): got %v, want %v", tc.lo, tc.hi, tc.count, got, tc.want)
		}
	}
	// Ticks past the int64 range of amounts get no label but do not break.
	ticks, _, _ := niceTicks(math.MinInt64, math.MaxInt64, 5)
	if len(ticks) < 2 {
		t.Errorf("huge range: got %v", ticks)
	}
}

func TestFitShortensWithEllipsis(t *testing.T) {
	c, err := newCanvas(Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.font(labelSize, false, c.th.fg)
	s := longLabels[0]
	got := c.fit(s, 150)
	if !strings.HasSuffix(got, "…") || c.textWidth(got) > 150 {
		t.Errorf("fit: got %q (%d px)", got, c.textWidth(got))
	}
	if got := c.fit("Иванов", 500); got != "Иванов" {
		t.Errorf("fit short: got %q", got)
	}
	if got := c.fit(s, 1); got != "" {
		t.Errorf("fit into 1 px: got %q", got)
	}
}

// TestChartsWriteSamples writes one chart of each kind, light and dark, to
// the directory in SDELKA_CHART_SAMPLES (e.g. /tmp) to look at.
func TestChartsWriteSamples(t *testing.T) {
	dir := os.Getenv("SDELKA_CHART_SAMPLES")
	if dir == "" {
		t.Skip("set SDELKA_CHART_SAMPLES to a directory to write sample images")
	}
	for _, name := range []string{"negative", "36-points", "long-cyrillic", "single", "empty"} {
		var d dataSet
		for _, x := range dataSets() {
			if x.name == name {
				d = x
			}
		}
		for fn, render := range charts(d) {
			for _, dark := range []bool{false, true} {
				o := Options{Title: "Продажи по регионам — " + name, Dark: dark, Scale: 1}
				var buf bytes.Buffer
				if _, err := render(&buf, o); err != nil {
					t.Fatal(err)
				}
				theme := "light"
				if dark {
					theme = "dark"
				}
				p := filepath.Join(dir, fmt.Sprintf("charts-%s-%s-%s.png", fn, name, theme))
				if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
