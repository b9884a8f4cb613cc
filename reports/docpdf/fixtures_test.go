package docpdf_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

var (
	docDate   = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	generated = time.Date(2026, 11, 28, 14, 5, 0, 0, time.UTC)
)

// company has valid requisites (TestFixturesValid checks them).
func company(t testing.TB) model.Company {
	return model.Company{
		Name:            "Общество с ограниченной ответственностью «Ромашка»",
		ShortName:       "ООО «Ромашка»",
		INN:             "7707083893",
		KPP:             "773601001",
		OGRN:            "1027700132195",
		LegalAddress:    "117997, г. Москва, ул. Вавилова, д. 19, офис № 305",
		Phone:           "+7 (495) 123-45-67",
		Email:           "sales@romashka.ru",
		BankName:        "ПАО Сбербанк",
		BIC:             "044525225",
		Account:         "40702810200000000001",
		CorrAccount:     "30101810400000000225",
		Director:        "Иванов Иван Иванович",
		ChiefAccountant: "Ёлкина Анна Андреевна",
		Stamp:           stampPNG(t),
		Signature:       signaturePNG(t),
	}
}

func customer() model.Customer {
	return model.Customer{
		Kind:         model.CustomerCompany,
		Name:         "ООО «Ёлки и Палки»",
		ShortName:    "ООО «Ёлки и Палки»",
		INN:          "7736207543",
		KPP:          "770401001",
		LegalAddress: "119021, г. Москва, ул. Льва Толстого, д. 16",
		Phone:        "+7 (495) 739-70-00",
		BankName:     "АО «Альфа-Банк»",
		BIC:          "044525593",
		Account:      "40702810801300000001",
		CorrAccount:  "30101810200000000593",
	}
}

var rub = model.Currency{Code: "RUB", NumCode: "643", Name: "Российский рубль", Symbol: "₽", MinorDigits: 2}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stampPNG draws a round blue stamp on a transparent ground.
func stampPNG(t testing.TB) []byte {
	const side = 300
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			d := math.Hypot(float64(x-side/2), float64(y-side/2))
			if (d > 130 && d < 146) || (d > 90 && d < 96) {
				img.Set(x, y, color.NRGBA{R: 30, G: 60, B: 170, A: 200})
			}
		}
	}
	return encodePNG(t, img)
}

// signaturePNG draws a squiggle on a transparent ground.
func signaturePNG(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 360, 120))
	for x := 10; x < 350; x++ {
		y := 60 + int(35*math.Sin(float64(x)/18)*math.Cos(float64(x)/70))
		for dy := -2; dy <= 2; dy++ {
			img.Set(x, y+dy, color.NRGBA{R: 20, G: 20, B: 110, A: 255})
		}
	}
	return encodePNG(t, img)
}

// lines are priced and computed like a real document's: 22 % VAT, one line
// at 10 % and one without VAT, a fractional quantity, a long name.
func lines(t testing.TB, n int, pricesIncludeVAT bool) []model.DocLine {
	t.Helper()
	base := []model.DocLine{
		{SKU: "ЦМ-500", Name: "Цемент М500 Д0, мешок 50 кг", UnitCode: "796", Unit: "шт", Qty: 12 * model.QtyOne, Price: 45990,
			VATCat: model.VATStandard, WeightGrams: 50000},
		{SKU: "ПС-КВ", Name: "Песок кварцевый сухой фракционированный 0,1–0,63 мм «Ёлочка»", UnitCode: "166", Unit: "кг",
			Qty: 1500, Price: 1250, VATCat: model.VATStandard, WeightGrams: 1000},
		{SKU: "КН-ДЕТ", Name: "Книга «Строим дом своими руками», детское издание", UnitCode: "796", Unit: "шт", Qty: 3 * model.QtyOne,
			Price: 89900, VATCat: model.VATReduced, WeightGrams: 450},
		{SKU: "УСЛ-ДОСТ", Name: "Доставка по Москве в пределах МКАД, до 1,5 т, с разгрузкой", UnitCode: "876", Unit: "усл. ед",
			Qty: model.QtyOne, Price: 350000, VATCat: model.VATNone},
	}
	var out []model.DocLine
	for i := 0; i < n; i++ {
		l := base[i%len(base)]
		if i >= len(base) {
			l.SKU = fmt.Sprintf("%s-%04d", l.SKU, i)
			l.Name = fmt.Sprintf("%s, партия № %d", l.Name, i)
			if i%7 == 0 {
				l.Name += ", с подробным описанием, которое занимает в колонке наименования не одну строку, а две или три"
			}
		}
		out = append(out, l)
	}
	out, err := model.ComputeLines(out, docDate, pricesIncludeVAT, false)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pack is a posted document of the kind with n lines.
func pack(t testing.TB, kind model.DocKind, n int) model.PrintPack {
	t.Helper()
	numbers := map[model.DocKind]string{
		model.DocQuote: "КП-2026-0007", model.DocOrder: "З-2026-0012", model.DocInvoice: "СЧ-2026-0001",
		model.DocWaybill: "ТН-2026-0001", model.DocCreditNote: "КР-2026-001", model.DocContract: "Д-2026-003",
		model.DocStatement: "АС-2026-002",
	}
	d := model.Document{
		Kind: kind, Status: model.StatusPosted, Number: numbers[kind], Date: docDate, Currency: "RUB", Lang: "ru",
		CustomerName: "ООО «Ёлки и Палки»", OwnerName: "Петров Пётр", PricesIncludeVAT: true,
	}
	if kind.HasLines() {
		d.Lines = lines(t, n, true)
		if kind == model.DocCreditNote {
			for i := range d.Lines {
				d.Lines[i].Qty = -d.Lines[i].Qty
			}
			var err error
			if d.Lines, err = model.ComputeLines(d.Lines, docDate, true, false); err != nil {
				t.Fatal(err)
			}
			d.Reason = "Возврат товара ненадлежащего качества (акт № 5 от 27.11.2026)"
		}
		tot, err := model.DocTotals(d.Lines)
		if err != nil {
			t.Fatal(err)
		}
		d.Totals = tot
	}
	p := model.PrintPack{Doc: d, Company: company(t), Customer: customer(), Currency: rub, Generated: generated}
	p.Contract = model.Document{Kind: model.DocContract, Number: "Д-2026-003", Date: time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)}
	switch kind {
	case model.DocQuote:
		p.Doc.ValidUntil = docDate.AddDate(0, 0, 14)
		p.Contract = model.Document{}
	case model.DocInvoice:
		p.Doc.Terms = model.PaymentTerms{PrepayBP: 3000, NetDays: 14}
		p.Doc.DueDate = docDate.AddDate(0, 0, 14)
		p.Base = model.Document{Kind: model.DocOrder, Number: "З-2026-0012", Date: docDate.AddDate(0, 0, -1)}
	case model.DocWaybill, model.DocOrder:
		p.Base = model.Document{Kind: model.DocOrder, Number: "З-2026-0012", Date: docDate.AddDate(0, 0, -1)}
		p.Doc.DeliveryDate = docDate.AddDate(0, 0, 5)
	case model.DocCreditNote:
		p.Base = model.Document{Kind: model.DocInvoice, Number: "СЧ-2026-0001", Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)}
	case model.DocContract:
		p.Contract = model.Document{}
		p.Doc.Body = contractBody
	case model.DocStatement:
		p.Contract = model.Document{}
		p.Doc.PeriodFrom, p.Doc.PeriodTo = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
		p.Statement = model.BuildStatement(p.Doc.PeriodFrom, p.Doc.PeriodTo, 1500000, []model.StatementRow{
			{Date: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), Kind: model.DocInvoice, Number: "СЧ-2026-0001", Debit: 12345678},
			{Date: time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC), Number: "123", Credit: 5000000},
			{Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Kind: model.DocCreditNote, Number: "КР-2026-001", Credit: 345678},
			{Date: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Number: "456", Credit: 2000000},
		})
		p.Statement.CustomerName = "ООО «Ёлки и Палки»"
		p.Statement.Currency = "RUB"
	}
	return p
}

const contractBody = `ООО «Ромашка», именуемое в дальнейшем «Поставщик», в лице генерального директора Иванова И. И.,
действующего на основании Устава, с одной стороны, и ООО «Ёлки и Палки», именуемое в дальнейшем «Покупатель»,
с другой стороны, заключили настоящий договор о нижеследующем.

# 1. Предмет договора
1.1. Поставщик обязуется передать в собственность Покупателя товар, а Покупатель обязуется принять и оплатить его.
1.2. Наименование, количество и цена товара согласуются сторонами в заказах.
Заказы являются неотъемлемой частью договора.

2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ
2.1. Цена товара указывается в счёте Поставщика в рублях.
2.2. Порядок оплаты: 30% предоплата; 70% в течение 14 дней с даты счёта.`

// write renders p and returns the PDF bytes and the result.
func write(t testing.TB, p model.PrintPack) ([]byte, docpdf.Result) {
	t.Helper()
	var b bytes.Buffer
	res, err := docpdf.Write(&b, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes(), res
}

// writeFile renders p into a temporary file (also into $DOCPDF_KEEP when
// set, to look at).
func writeFile(t *testing.T, p model.PrintPack) (string, docpdf.Result) {
	t.Helper()
	out, res := write(t, p)
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DOCPDF_KEEP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), out, 0o644)
	}
	return path, res
}

func needTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install %s)", name, pkg)
	}
}

// pdfText extracts pages first..last (0: all) in content order.
func pdfText(t *testing.T, path string, first, last int) string {
	t.Helper()
	needTool(t, "pdftotext", "poppler-utils")
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
	needTool(t, "pdfinfo", "poppler-utils")
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

// collapse turns every run of white space (no-break spaces included) into
// one plain space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

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

// contains reports the wanted strings missing from text (compared with
// white space collapsed).
func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	flat := collapse(text)
	for _, w := range want {
		if !strings.Contains(flat, collapse(w)) {
			t.Errorf("%q is missing", w)
		}
	}
	if t.Failed() && testing.Verbose() {
		t.Logf("text:\n%s", text)
	}
}

func TestFixturesValid(t *testing.T) {
	if err := company(t).Validate(); err != nil {
		t.Fatalf("the test company's requisites are invalid: %v", err)
	}
	if err := customer().Validate(); err != nil {
		t.Fatalf("the test customer's requisites are invalid: %v", err)
	}
}
