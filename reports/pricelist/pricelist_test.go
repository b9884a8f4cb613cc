package pricelist_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"sdelka/model"
	"sdelka/reports/pricelist"
)

var (
	validOn   = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	generated = time.Date(2026, 11, 28, 14, 5, 0, 0, time.UTC)
)

func company(t testing.TB) model.Company {
	return model.Company{
		Name:            "Общество с ограниченной ответственностью «Ромашка-Трейд»",
		ShortName:       "ООО «Ромашка-Трейд»",
		INN:             "7707083893",
		KPP:             "773601001",
		OGRN:            "1027700132195",
		LegalAddress:    "117997, г. Москва, ул. Вавилова, д. 19, офис № 305",
		Phone:           "+7 (495) 123-45-67",
		Email:           "sales@romashka-trade.ru",
		BankName:        "ПАО Сбербанк",
		BIC:             "044525225",
		Account:         "40702810938000012345",
		CorrAccount:     "30101810400000000225",
		Logo:            logoPNG(t),
		ChiefAccountant: "Ёлкина А. А.",
	}
}

// logoPNG draws a small two-colour logo.
func logoPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{R: 230, G: 170, B: 20, A: 255}
			if (x-60)*(x-60)+(y-60)*(y-60) < 45*45 {
				c = color.RGBA{R: 40, G: 90, B: 160, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const longName = "Многофункциональное устройство лазерное цветное «Офис-Мастер 5000» с автоматической двусторонней " +
	"печатью, сканированием в облако, факсом и беспроводным подключением, формат А4, 33 стр/мин, ёмкость лотка 550 листов"

// testDocument has three categories and 40 lines: long names, a SKU longer
// than its column, Cyrillic with ё, «», №, ₽, discounts and a markup.
func testDocument(t testing.TB) pricelist.Document {
	stationery := []pricelist.Line{
		{SKU: "РП-0701", Name: "Ручка шариковая «Пилот» BPS-GP, синяя, 0,7 мм", Unit: "шт", Price: 4590, VAT: "22%",
			Breaks: "от 100 шт — 42,00; от 1 000 шт — 39,50", BasePrice: 4990},
		{SKU: "ТТ-48-12", Name: "Тетрадь общая №12, 48 листов, клетка, обложка «Ёжик в тумане»", Unit: "шт", Price: 3900, VAT: "22%"},
		{SKU: "КЛ-ПВА-125", Name: "Клей ПВА канцелярский, 125 г", Unit: "шт", Price: 7850, VAT: "22%", Note: "Снят с производства, остаток на складе"},
		{SKU: "ОРГ-SUPERLONGARTICLE-000123456789", Name: "Органайзер настольный вращающийся, 7 отделений, чёрный", Unit: "шт",
			Price: 123456, VAT: "22%", BasePrice: 117577, Note: "Доставка по Москве — 500 ₽, бесплатно от 10 000 ₽"},
		{SKU: "СК-24", Name: "Скобы для степлера №24/6, 1000 шт. в упаковке", Unit: "упак", Price: 5400, VAT: "22%",
			Breaks: "от 20 упак — 49,00"},
	}
	for i := len(stationery); i < 14; i++ {
		stationery = append(stationery, pricelist.Line{
			SKU: fmt.Sprintf("КАР-%03d", i), Name: fmt.Sprintf("Карандаш чернографитный «Конструктор» HB, набор №%d", i),
			Unit: "набор", Price: model.Money(1000*i + 99), VAT: "22%",
		})
	}
	paper := []pricelist.Line{
		{SKU: "БУМ-А4-80", Name: "Бумага офисная «Снегурочка» А4, 80 г/м², 500 листов, белизна 146 %", Unit: "пачка",
			Price: 45000, VAT: "22%", Breaks: "от 5 пачек — 430,00; от 40 пачек (коробка 5 шт × 8) — 415,00", BasePrice: 47500},
		{SKU: "КАРТ-А3", Name: "Картон белый мелованный А3, 10 листов", Unit: "упак", Price: 99, VAT: "22%"},
		{SKU: "ЛЕНТА-ВЫСТ", Name: "Услуга: печать баннера на заказ, за квадратный метр", Unit: "м²", Price: 100000000, VAT: "Без НДС",
			Note: "Срок изготовления — 3 рабочих дня"},
	}
	for i := len(paper); i < 13; i++ {
		paper = append(paper, pricelist.Line{
			SKU: fmt.Sprintf("БЛ-%02d", i), Name: fmt.Sprintf("Блок для записей, %d листов, проклеенный", 100+i*50),
			Unit: "шт", Price: model.Money(15000 + 777*i), VAT: "22%",
		})
	}
	tech := []pricelist.Line{
		{SKU: "МФУ-5000", Name: longName, Unit: "шт", Price: 8999000, VAT: "22%", Breaks: "от 3 шт — 87 500,00",
			BasePrice: 8500000, Note: "Наценка за срочную поставку"},
		{SKU: "КРТ-12A", Name: "Картридж № 12A совместимый, чёрный, 2000 страниц", Unit: "шт", Price: 189000, VAT: "22%"},
	}
	for i := len(tech); i < 13; i++ {
		tech = append(tech, pricelist.Line{
			SKU: fmt.Sprintf("ТЕХ-%02d", i), Name: fmt.Sprintf("Шредер офисный, уровень секретности P-%d, корзина %d л", i%5+1, 20+i),
			Unit: "шт", Price: model.Money(1234567 + 1000*i), VAT: "22%",
		})
	}
	return pricelist.Document{
		Company:          company(t),
		Title:            "Прайс-лист для ООО «Ёлки и Палки»",
		For:              "ООО «Ёлки и Палки» (группа «Оптовые покупатели»)",
		Date:             validOn,
		Currency:         model.Currency{Code: "RUB", NumCode: "643", Name: "Российский рубль", Symbol: "₽", MinorDigits: 2},
		PricesIncludeVAT: true,
		Lang:             "ru",
		Sections: []pricelist.Section{
			{Category: "Канцелярские товары", Lines: stationery},
			{Category: "Бумага и картон", Lines: paper},
			{Category: "Офисная техника и расходные материалы «Профи»", Lines: tech},
		},
		Generated: generated,
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		m       model.Money
		digits  int
		english bool
		want    string
	}{
		{123456, 2, false, "1 234,56"},
		{123456, 2, true, "1,234.56"},
		{0, 2, false, "0,00"},
		{5, 2, false, "0,05"},
		{99, 2, true, "0.99"},
		{100000000, 2, false, "1 000 000,00"},
		{-123456, 2, false, "-1 234,56"},
		{1500, 0, false, "1 500"},
		{1500, 0, true, "1,500"},
		{123, 0, true, "123"},
		{1234567, 3, false, "1 234,567"},
		{-9223372036854775808, 2, true, "-92,233,720,368,547,758.08"},
		{9223372036854775807, 2, false, "92 233 720 368 547 758,07"},
	}
	for _, tc := range tests {
		if got := pricelist.FormatMoney(tc.m, tc.digits, tc.english); got != tc.want {
			t.Errorf("FormatMoney(%d, %d, %v) = %q, want %q", tc.m, tc.digits, tc.english, got, tc.want)
		}
	}
}

// writePDF writes d to a file in a temporary directory.
func writePDF(t testing.TB, d pricelist.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := pricelist.WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b.Bytes()[:min(20, b.Len())])
	}
	path := filepath.Join(t.TempDir(), "pricelist.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PRICELIST_KEEP"); dir != "" { // to look at the output
		_ = os.WriteFile(filepath.Join(dir, t.Name()+".pdf"), b.Bytes(), 0o644)
	}
	return path
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install poppler-utils)", name)
	}
}

// pdfText extracts pages first..last (0 = all) in content order.
func pdfText(t *testing.T, path string, first, last int) string {
	t.Helper()
	needTool(t, "pdftotext")
	args := []string{"-raw", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("Error")) {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// squeeze removes all white space: wrapped text compares equal to the
// original wherever the PDF broke its lines.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// collapse turns every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDFContent(t *testing.T) {
	d := testDocument(t)
	path := writePDF(t, d)
	pages := pageCount(t, path)
	if pages != 2 {
		t.Errorf("%d pages, want 2 for 40 lines", pages)
	}
	text := pdfText(t, path, 0, 0)
	flat, sq := collapse(text), squeeze(text)
	for _, s := range d.Sections {
		if !strings.Contains(flat, s.Category) {
			t.Errorf("category %q is missing", s.Category)
		}
		for _, l := range s.Lines {
			for _, want := range []string{l.SKU, l.Name, l.Breaks, l.Note} {
				if !strings.Contains(sq, squeeze(want)) {
					t.Errorf("%q is missing", want)
				}
			}
			if p := pricelist.FormatMoney(l.Price, 2, false); !strings.Contains(flat, p) {
				t.Errorf("%s: price %q is missing", l.SKU, p)
			}
		}
	}
	for _, want := range []string{
		"1 234,56", "0,99", "1 000 000,00", "89 990,00", "45,90",
		"скидка 8 % от 49,90", // 45,90 against 49,90: 8.0 %
		"скидка 5,3 % от 475,00",
		"наценка 5 % к 1 175,77",    // 1 234,56 against 1 175,77: 5.0 % above
		"наценка 5,9 % к 85 000,00", // 89 990,00 against 85 000,00
		"Общество с ограниченной ответственностью «Ромашка-Трейд»",
		"ИНН 7707083893, КПП 773601001, ОГРН 1027700132195",
		"Адрес: 117997, г. Москва, ул. Вавилова, д. 19, офис № 305",
		"Тел.: +7 (495) 123-45-67, e-mail: sales@romashka-trade.ru",
		"Р/с 40702810938000012345, ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225",
		"Прайс-лист для ООО «Ёлки и Палки»",
		"Для: ООО «Ёлки и Палки» (группа «Оптовые покупатели»)",
		"Цены действительны на 28.11.2026. Валюта: Российский рубль (RUB)",
		"Цены указаны с НДС",
		"Артикул", "Наименование", "Цена, ₽", "Цена от количества",
		"ООО «Ромашка-Трейд» · Сформирован 28.11.2026 14:05",
		"Страница 1 из 2", "Страница 2 из 2",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is missing", want)
		}
	}
	if strings.Contains(flat, "из 3") || strings.Contains(flat, "could not") {
		t.Errorf("unexpected text in:\n%s", text)
	}
	// The column header and footer are on every page.
	for p := 1; p <= pages; p++ {
		page := collapse(pdfText(t, path, p, p))
		for _, want := range []string{"Артикул Наименование Ед. Цена, ₽ НДС Цена от количества", fmt.Sprintf("Страница %d из %d", p, pages), "Сформирован 28.11.2026 14:05"} {
			if !strings.Contains(page, want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
	}
}

func TestPDFEnglish(t *testing.T) {
	d := testDocument(t)
	d.Lang = "en"
	d.Title = ""
	d.PricesIncludeVAT = false
	d.Currency = model.Currency{Code: "USD", Name: "US dollar", Symbol: "$", MinorDigits: 2}
	path := writePDF(t, d)
	flat := collapse(pdfText(t, path, 0, 0))
	for _, want := range []string{"Price list", "For: ООО «Ёлки и Палки»", "Prices valid on 2026-11-28. Currency: US dollar (USD)",
		"Prices exclude VAT", "SKU", "Name", "Unit", "Price, $", "Quantity prices", "1,234.56", "1,000,000.00",
		"8% off 49.90", "INN 7707083893, KPP 773601001", "Generated 2026-11-28 14:05", "Page 1 of 2", "Page 2 of 2"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is missing", want)
		}
	}
}

func TestPDFVATConventions(t *testing.T) {
	for _, tc := range []struct {
		include, none bool
		want          string
	}{{true, false, "Цены указаны с НДС"}, {false, false, "Цены указаны без НДС"}, {true, true, "Без НДС"}} {
		d := testDocument(t)
		d.Sections = d.Sections[:1]
		d.PricesIncludeVAT, d.NoVAT = tc.include, tc.none
		flat := collapse(pdfText(t, writePDF(t, d), 1, 1))
		if !strings.Contains(flat, tc.want) {
			t.Errorf("include %v, none %v: %q is missing", tc.include, tc.none, tc.want)
		}
		if tc.none && strings.Contains(flat, "Цены указаны") {
			t.Errorf("a company without VAT says %q", flat)
		}
	}
}

// bigDocument has n lines in 6 categories.
func bigDocument(t testing.TB, n int) pricelist.Document {
	d := testDocument(t)
	d.Sections = nil
	for c := 0; c < 6; c++ {
		s := pricelist.Section{Category: fmt.Sprintf("Категория №%d «Товары для офиса»", c+1)}
		for i := c * n / 6; i < (c+1)*n/6; i++ {
			l := pricelist.Line{SKU: fmt.Sprintf("АРТ-%05d", i), Name: fmt.Sprintf("Товар №%d, упаковка %d шт., цвет «ёлочный»", i, i%12+1),
				Unit: "шт", Price: model.Money(100000 + 37*i), VAT: "22%"}
			if i%10 == 0 {
				l.Name += ", с подробным описанием, которое занимает две строки в колонке наименования"
				l.Breaks = "от 10 шт — 950,00"
			}
			s.Lines = append(s.Lines, l)
		}
		d.Sections = append(d.Sections, s)
	}
	return d
}

func TestPDFTwentyPages(t *testing.T) {
	d := bigDocument(t, 900)
	path := writePDF(t, d)
	pages := pageCount(t, path)
	if pages < 19 || pages > 23 {
		t.Errorf("%d pages for 900 lines, want about 20", pages)
	}
	for p := 1; p <= pages; p++ {
		page := collapse(pdfText(t, path, p, p))
		if !strings.Contains(page, fmt.Sprintf("Страница %d из %d", p, pages)) {
			t.Errorf("page %d: no «Страница %d из %d»", p, p, pages)
		}
		if !strings.Contains(page, "Артикул Наименование") {
			t.Errorf("page %d has no column header", p)
		}
		// A category heading is never the last thing on a page: its first
		// line is on the same page.
		for _, s := range d.Sections {
			if strings.Contains(page, s.Category) && !strings.Contains(page, s.Lines[0].SKU) {
				t.Errorf("page %d: heading %q without its first line %s", p, s.Category, s.Lines[0].SKU)
			}
		}
	}
	all := squeeze(pdfText(t, path, 0, 0))
	for _, s := range d.Sections {
		for _, l := range s.Lines {
			if !strings.Contains(all, squeeze(l.SKU+l.Name)) {
				t.Fatalf("line %s %q is missing", l.SKU, l.Name)
			}
		}
	}
}

// TestPDFHeadingKeptWithFirstLine moves the second category's heading down
// the first page line by line: it never stays at the foot of a page apart
// from its first line, and at least once it has to move to the next page.
func TestPDFHeadingKeptWithFirstLine(t *testing.T) {
	moved := 0
	for n := 36; n <= 48; n++ {
		d := bigDocument(t, 60)
		d.Sections = d.Sections[:2]
		first := d.Sections[0].Lines[1] // one line high
		d.Sections[0].Lines = nil
		for i := 0; i < n; i++ {
			l := first
			l.SKU = fmt.Sprintf("П-%03d", i)
			d.Sections[0].Lines = append(d.Sections[0].Lines, l)
		}
		path := writePDF(t, d)
		heading, firstSKU := d.Sections[1].Category, d.Sections[1].Lines[0].SKU
		for p := 1; p <= pageCount(t, path); p++ {
			page := collapse(pdfText(t, path, p, p))
			if strings.Contains(page, heading) != strings.Contains(page, firstSKU) {
				t.Errorf("%d lines before it: page %d has the heading or its first line, not both", n, p)
			}
			if p == 2 && strings.Contains(page, "Цена от количества "+heading) {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Error("the heading never had to move to the next page: the test does not test")
	}
}

// TestPDFNoOverflow checks with word boxes that no word of the table
// crosses a column's edge: long names wrap, a SKU too long for its column
// is broken.
func TestPDFNoOverflow(t *testing.T) {
	needTool(t, "pdftotext")
	d := testDocument(t)
	var lines []pricelist.Line
	for i := 0; i < 3; i++ {
		for _, s := range d.Sections {
			lines = append(lines, s.Lines...)
		}
	}
	lines = append(lines, pricelist.Line{SKU: "ОДНОСЛОВНЫЙАРТИКУЛБЕЗПРОБЕЛОВ1234567890", Name: strings.Repeat("Оченьдлинноесловобезпробелов", 6),
		Unit: "усл. ед", Price: 99999999999, VAT: "Без НДС", Breaks: strings.Repeat("от 1000000 шт — 1 000 000,00; ", 5)})
	d.Sections = []pricelist.Section{{Lines: lines}} // no headings: every word on pages 2+ is in a cell
	path := writePDF(t, d)
	out, err := exec.Command("pdftotext", "-bbox", "-f", "2", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4
	edges := []float64{12}
	for _, w := range []float64{24, 70, 13, 24, 17, 38} {
		edges = append(edges, edges[len(edges)-1]+w)
	}
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>`)
	words := re.FindAllStringSubmatch(string(out), -1)
	if len(words) < 100 {
		t.Fatalf("only %d words on pages 2+", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		if y0/mm > 281.5 { // the footer, below the last row (283 − 2.5 mm)
			continue
		}
		x0, x1 = x0/mm, x1/mm
		inside := false
		for i := 0; i+1 < len(edges); i++ {
			if x0 >= edges[i]+0.5 && x1 <= edges[i+1]-0.5 {
				inside = true
			}
		}
		if !inside {
			t.Errorf("word %q at %.1f–%.1f mm crosses a column edge %v", w[4], x0, x1, edges)
		}
	}
}

func TestPDFOddInput(t *testing.T) {
	d := testDocument(t)
	d.Company.Logo = []byte("not an image")
	d.Sections = []pricelist.Section{
		{Category: "", Lines: []pricelist.Line{{SKU: "X-1", Name: "Кофе в зёрнах ☕ 😀 «Арабика»\tпачка\n1 кг", Unit: "кг", Price: 125000, VAT: "22%"}}},
		{Category: "Пустая категория"},
		{Category: "Разложенные буквы", Lines: []pricelist.Line{{SKU: "X-2", Name: "Йогурт е\u0308лочный и\u0306", Unit: "шт", Price: 1, VAT: "10%"}}},
	}
	d.Title, d.For, d.Date = "", "", time.Time{}
	flat := collapse(pdfText(t, writePDF(t, d), 0, 0))
	for _, want := range []string{"Прайс-лист", "Кофе в зёрнах", "«Арабика» пачка 1 кг", "Йогурт ёлочный й", "0,01"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is missing in %q", want, flat)
		}
	}
	if strings.Contains(flat, "could not") || strings.Contains(flat, "Для:") || strings.Contains(flat, "действительны") ||
		strings.Contains(flat, "Пустая категория") {
		t.Errorf("unexpected text: %q", flat)
	}

	var empty bytes.Buffer
	if err := pricelist.WritePDF(&empty, pricelist.Document{}); err != nil {
		t.Fatalf("empty document: %v", err)
	}
}

func TestPDFStable(t *testing.T) {
	d := testDocument(t)
	d.Company.Logo = nil // maroto names images by random UUIDs
	var first []byte
	for i := 0; i < 6; i++ { // font objects came out in map order before sorting
		var b bytes.Buffer
		if err := pricelist.WritePDF(&b, d); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("try %d: the same document gave a different PDF", i+1)
		}
	}
	if !bytes.Contains(first, []byte("/FlateDecode")) {
		t.Error("the PDF is not compressed")
	}
	for _, date := range []string{"/CreationDate (D:20261128140500)", "/ModDate (D:20261128140500)"} {
		if !bytes.Contains(first, []byte(date)) {
			t.Errorf("no %s: the dates are not the document's Generated time", date)
		}
	}
}

// TestPDFConcurrent writes documents from several goroutines, as a batch
// export would (run with -race).
func TestPDFConcurrent(t *testing.T) {
	d := testDocument(t)
	d.Sections = d.Sections[:1]
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			var b bytes.Buffer
			errs <- pricelist.WritePDF(&b, d)
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestXLSX(t *testing.T) {
	d := testDocument(t)
	var b bytes.Buffer
	if err := pricelist.WriteXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Прайс-лист" {
		t.Fatalf("sheets %q, want [Прайс-лист]", got)
	}
	const sheet = "Прайс-лист"
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Прайс-лист для ООО «Ёлки и Палки»" {
		t.Errorf("A1 = %q", rows[0][0])
	}
	head := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Артикул" {
			head = i
			break
		}
	}
	if head < 0 {
		t.Fatal("no header row")
	}
	if got, want := rows[head], []string{"Артикул", "Наименование", "Ед.", "Цена, ₽", "НДС", "Цена от количества", "Примечание"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", got, want)
	}
	top := strings.Join(flatten(rows[:head]), "\n")
	for _, want := range []string{"Общество с ограниченной ответственностью «Ромашка-Трейд»", "ИНН 7707083893, КПП 773601001",
		"Для: ООО «Ёлки и Палки»", "Цены действительны на 28.11.2026", "Цены указаны с НДС", "Сформирован 28.11.2026 14:05"} {
		if !strings.Contains(top, want) {
			t.Errorf("the rows above the table lack %q", want)
		}
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != head+1 {
		t.Errorf("panes %+v, %v; want frozen below row %d", panes, err, head+1)
	}

	// Walk the table: category rows, then lines with numeric prices.
	r := head + 1
	for _, s := range d.Sections {
		cell := "A" + strconv.Itoa(r+1)
		if v, _ := f.GetCellValue(sheet, cell); v != s.Category {
			t.Fatalf("%s = %q, want category %q", cell, v, s.Category)
		}
		if !bold(t, f, sheet, cell) {
			t.Errorf("category row %s is not bold", cell)
		}
		r++
		for _, l := range s.Lines {
			n := strconv.Itoa(r + 1)
			if v, _ := f.GetCellValue(sheet, "A"+n); v != l.SKU {
				t.Errorf("A%s = %q, want %q", n, v, l.SKU)
			}
			if v, _ := f.GetCellValue(sheet, "B"+n); v != l.Name {
				t.Errorf("B%s = %q, want %q", n, v, l.Name)
			}
			typ, err := f.GetCellType(sheet, "D"+n)
			if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
				t.Errorf("D%s type %v, %v; want a number", n, typ, err)
			}
			raw, _ := f.GetCellValue(sheet, "D"+n, excelize.Options{RawCellValue: true})
			if want := strings.ReplaceAll(pricelist.FormatMoney(l.Price, 2, true), ",", ""); !sameNumber(raw, want) {
				t.Errorf("D%s = %q, want the number %s", n, raw, want)
			}
			shown, _ := f.GetCellValue(sheet, "D"+n)
			if want := pricelist.FormatMoney(l.Price, 2, true); shown != want {
				t.Errorf("D%s shows %q, want %q (two decimals, grouped)", n, shown, want)
			}
			if v, _ := f.GetCellValue(sheet, "F"+n); v != l.Breaks {
				t.Errorf("F%s = %q, want %q", n, v, l.Breaks)
			}
			r++
		}
	}
	if v, _ := f.GetCellValue(sheet, "G"+strconv.Itoa(head+2+4)); !strings.Contains(v, "Доставка по Москве — 500 ₽") || !strings.Contains(v, "наценка 5 % к 1 175,77") {
		t.Errorf("note of the organiser = %q", v)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// sameNumber compares a cell's raw value with a decimal.
func sameNumber(raw, want string) bool {
	a, err1 := strconv.ParseFloat(raw, 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && a == b
}

func bold(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s.Font != nil && s.Font.Bold
}

func TestXLSXZeroDigitCurrency(t *testing.T) {
	d := testDocument(t)
	d.Lang = "en"
	d.Currency = model.Currency{Code: "JPY", Symbol: "¥"}
	d.Sections = []pricelist.Section{{Category: "Tea", Lines: []pricelist.Line{{SKU: "T1", Name: "Sencha", Unit: "pack", Price: 1500, VAT: "10%"}}}}
	var b bytes.Buffer
	if err := pricelist.WriteXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Price list")
	last := rows[len(rows)-1]
	if last[0] != "T1" || last[3] != "1,500" {
		t.Errorf("last row %q, want T1 priced 1,500 (no decimals for yen)", last)
	}
}

func BenchmarkPDF20Pages(b *testing.B) {
	d := bigDocument(b, 900)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := pricelist.WritePDF(&out, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/1024, "KiB/doc")
}

func BenchmarkPDFOnePage(b *testing.B) {
	d := testDocument(b)
	d.Sections = d.Sections[:1]
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := pricelist.WritePDF(&out, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkXLSX900Lines(b *testing.B) {
	d := bigDocument(b, 900)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := pricelist.WriteXLSX(&out, d); err != nil {
			b.Fatal(err)
		}
	}
}
