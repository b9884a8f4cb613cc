package docpdf_test

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

func TestAllKindsPageCount(t *testing.T) {
	for _, k := range model.DocKinds {
		for _, n := range []int{1, 25, 80} {
			t.Run(fmt.Sprintf("%s/%d", k, n), func(t *testing.T) {
				p := pack(t, k, n)
				if k == model.DocContract {
					p.Doc.Body = strings.Repeat(contractBody+"\n\n", n/5+1)
				}
				if k == model.DocStatement {
					rows := p.Statement.Rows
					for len(p.Statement.Rows) < n {
						p.Statement.Rows = append(p.Statement.Rows, rows...)
					}
				}
				path, res := writeFile(t, p)
				if got := pageCount(t, path); got != res.Pages {
					t.Errorf("the PDF has %d pages, Result.Pages says %d", got, res.Pages)
				}
				text := collapse(pdfText(t, path, 0, 0))
				if strings.Contains(text, "could not") {
					t.Errorf("the PDF library printed an error: %s", text)
				}
				last := fmt.Sprintf("Страница %d из %d", res.Pages, res.Pages)
				if !strings.Contains(text, last) {
					t.Errorf("no %q", last)
				}
			})
		}
	}
}

// TestLongOrder checks a 1,000-line order: every line, the header on every
// page, the page count, and no word outside its column or below the
// usable area.
func TestLongOrder(t *testing.T) {
	p := pack(t, model.DocOrder, 1000)
	path, res := writeFile(t, p)
	pages := pageCount(t, path)
	if pages != res.Pages {
		t.Errorf("%d pages, Result.Pages %d", pages, res.Pages)
	}
	if pages < 25 || pages > 45 {
		t.Errorf("%d pages for 1,000 lines, want about 30", pages)
	}
	const header = "№ Артикул Товары (работы, услуги) Кол-во Ед. Цена Ставка НДС Сумма"
	for pg := 1; pg <= pages; pg++ {
		text := collapse(pdfText(t, path, pg, pg))
		if !strings.Contains(text, header) {
			t.Errorf("page %d has no table header", pg)
		}
		if want := fmt.Sprintf("Страница %d из %d", pg, pages); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", pg, want)
		}
	}
	all := squeeze(pdfText(t, path, 0, 0))
	at := 0
	for _, l := range p.Doc.Lines {
		i := strings.Index(all[at:], squeeze(l.SKU+l.Name))
		if i < 0 {
			t.Fatalf("line %d (%s) is missing or out of order", l.No, l.SKU)
		}
		at += i
	}
	tot, _ := model.DocTotals(p.Doc.Lines)
	contains(t, pdfText(t, path, pages, pages), "Всего к оплате: "+ru(tot.Gross), "Всего наименований 1000")

	// Word boxes on the pages between the first and the last hold only
	// table rows: each word inside one column, above the footer.
	out, err := exec.Command("pdftotext", "-bbox", "-f", "2", "-l", strconv.Itoa(pages-1), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4
	edges := []float64{12}
	for _, w := range []float64{8, 22, 64, 16, 12, 24, 14, 26} {
		edges = append(edges, edges[len(edges)-1]+w)
	}
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	words := re.FindAllStringSubmatch(string(out), -1)
	if len(words) < 1000 {
		t.Fatalf("only %d words on the middle pages", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		x0, y0, x1, y1 = x0/mm, y0/mm, x1/mm, y1/mm
		if y0 > 281 { // the footer: the document, the company, the page number
			continue
		}
		if y1 > 280.6 {
			t.Errorf("word %q ends at %.1f mm, below the table area (280.5)", w[5], y1)
		}
		inside := false
		for i := 0; i+1 < len(edges); i++ {
			if x0 >= edges[i]+0.5 && x1 <= edges[i+1]-0.5 {
				inside = true
			}
		}
		if !inside {
			t.Errorf("word %q at %.1f–%.1f mm crosses a column edge", w[5], x0, x1)
		}
	}
}

func TestLongInvoiceHeaderOnEveryPage(t *testing.T) {
	p := pack(t, model.DocInvoice, 1000)
	path, res := writeFile(t, p)
	if res.Pages < 25 {
		t.Errorf("%d pages", res.Pages)
	}
	for pg := 1; pg <= res.Pages; pg++ {
		text := collapse(pdfText(t, path, pg, pg))
		if !strings.Contains(text, "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма") && !strings.Contains(text, "Руководитель") {
			t.Errorf("page %d has neither the table header nor the signatures", pg)
		}
	}
	contains(t, pdfText(t, path, res.Pages, res.Pages), "Руководитель", "Главный бухгалтер")
}

// waybillPack has n lines with SKUs that are not prefixes of one another.
func waybillPack(t *testing.T, n int) model.PrintPack {
	p := pack(t, model.DocWaybill, n)
	for i := range p.Doc.Lines {
		p.Doc.Lines[i].SKU = fmt.Sprintf("W%04d", i+1)
	}
	return p
}

func TestWaybill(t *testing.T) {
	p := waybillPack(t, 6)
	path, res := writeFile(t, p)
	tot, _ := model.DocTotals(p.Doc.Lines)
	var grams int64
	var qty model.Qty
	for _, l := range p.Doc.Lines {
		g, _ := model.MulDivRound(l.WeightGrams, int64(l.Qty), 1000)
		grams += g
		qty += l.Qty
	}
	kg := strings.TrimSuffix(strings.TrimRight(model.FormatFixed(grams, 3, ",", "\u00a0"), "0"), ",")
	q := strings.TrimSuffix(strings.TrimRight(model.FormatFixed(int64(qty), 3, ",", "\u00a0"), "0"), ",")
	totals := fmt.Sprintf("%s %s X %s X %s %s", kg, q, ru(tot.Net), ru(tot.VAT), ru(tot.Gross))
	text := pdfText(t, path, 0, 0)
	contains(t, text,
		"Грузоотправитель: Общество с ограниченной ответственностью «Ромашка»",
		"р/с 40702810200000000001, в банке ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225",
		"Грузополучатель: ООО «Ёлки и Палки»", "Поставщик:", "Плательщик:",
		"Основание: Договор поставки № Д-2026-003 от 12.01.2026; Заказ покупателя № З-2026-0012 от 27.11.2026",
		"Номер документа Дата составления", "ТОВАРНАЯ НАКЛАДНАЯ ТН-2026-0001 28.11.2026",
		"Единица измерения", "код по ОКЕИ", "Масса брутто, кг", "Сумма без учёта НДС, руб.",
		// Line 1: 12 bags of 50 kg at 459,90 with VAT included: 376,97 without.
		"1 Цемент М500 Д0, мешок 50 кг W0001 шт 796 600 12 376,97 4 523,61 22% 995,19 5 518,80",
		"Без НДС —",
		"Итого "+totals,
		"Всего по накладной "+totals,
		"Товарная накладная содержит "+model.NumberInWords(6, false, "ru")+" порядковых номеров записей",
		"Масса груза (брутто): "+kg+" кг",
		"Всего отпущено на сумму "+model.AmountInWords(tot.Gross, rub, "ru"),
		"Отпуск груза разрешил", "Главный бухгалтер", "Отпуск груза произвёл", "Груз принял", "Груз получил грузополучатель",
		"По доверенности №",
	)
	if res.Pages != pageCount(t, path) {
		t.Errorf("Result.Pages %d", res.Pages)
	}
	// Landscape.
	out, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(out), "841.89 x 595.28 pts") {
		t.Errorf("not landscape A4:\n%s", out)
	}
}

// TestWaybillPageTotals checks that each page of a long waybill ends in
// the totals of the lines on it, and the document total is their sum.
func TestWaybillPageTotals(t *testing.T) {
	p := waybillPack(t, 60)
	path, res := writeFile(t, p)
	if res.Pages < 3 {
		t.Fatalf("%d pages, want a waybill of several", res.Pages)
	}
	sku := regexp.MustCompile(`\bW(\d{4})\b`)
	seen := 0
	for pg := 1; pg <= res.Pages; pg++ {
		text := collapse(pdfText(t, path, pg, pg))
		var lines []model.DocLine
		for _, m := range sku.FindAllStringSubmatch(text, -1) {
			i, _ := strconv.Atoi(m[1])
			lines = append(lines, p.Doc.Lines[i-1])
		}
		if len(lines) == 0 {
			continue // the signatures' page
		}
		if !strings.Contains(text, "№ п/п Товар Единица измерения") {
			t.Errorf("page %d has no table header", pg)
		}
		seen += len(lines)
		tot, _ := model.DocTotals(lines)
		want := fmt.Sprintf("X %s X %s %s", ru(tot.Net), ru(tot.VAT), ru(tot.Gross))
		if !strings.Contains(text, "Итого ") || !strings.Contains(text, collapse(want)) {
			t.Errorf("page %d (%d lines): no page total %q", pg, len(lines), want)
		}
	}
	if seen != 60 {
		t.Errorf("%d lines on the pages, want 60", seen)
	}
	tot, _ := model.DocTotals(p.Doc.Lines)
	contains(t, pdfText(t, path, 0, 0), "Всего по накладной", ru(tot.Gross))
}

func TestDeliveryNoteEnglish(t *testing.T) {
	p := waybillPack(t, 4)
	p.Doc.Lang = "en"
	p.Doc.Number = "DN-7"
	path, _ := writeFile(t, p)
	text := pdfText(t, path, 0, 0)
	contains(t, text, "Delivery note No. DN-7 dated 2026-11-28", "Supplier:", "Consignee:",
		"Reference: Supply contract No. Д-2026-003 dated 2026-01-12; Sales order No. З-2026-0012 dated 2026-11-27",
		"No. SKU Description Unit Qty Weight, kg", "1 W0001 Цемент М500 Д0, мешок 50 кг pcs 12 600",
		"2 W0002", "kg 1.5 1.5", "Total: 4", "Released by", "Received by", "Page 1 of 1")
	out, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(out), "595.28 x 841.89 pts") {
		t.Errorf("not portrait A4:\n%s", out)
	}
}

func TestCreditNote(t *testing.T) {
	p := pack(t, model.DocCreditNote, 4)
	path, _ := writeFile(t, p)
	tot, _ := model.DocTotals(p.Doc.Lines)
	if tot.Gross >= 0 {
		t.Fatalf("the fixture's credit note is not negative: %d", tot.Gross)
	}
	text := pdfText(t, path, 0, 0)
	contains(t, text,
		"Корректировочный документ № КР-2026-001 от 28.11.2026 г.",
		"к счёту на оплату № СЧ-2026-0001 от 02.11.2026",
		"Поставщик:", "ИНН 7707083893", "Покупатель: ООО «Ёлки и Палки» ИНН 7736207543",
		"Основание корректировки: Возврат товара ненадлежащего качества (акт № 5 от 27.11.2026)",
		"Кол-во возврата",
		// Returned quantities and credited amounts print positive.
		"шт 12 459,90 4 523,61 22% 995,19 5 518,80",
		"Итого: "+ru(-tot.Gross),
		"Итого к уменьшению: "+ru(-tot.Gross),
		fmt.Sprintf("Всего наименований 4, на сумму %s руб.", ru(-tot.Gross)),
		model.AmountInWords(-tot.Gross, rub, "ru"),
		"Руководитель",
	)
	if m := regexp.MustCompile(`(^|\s)[-−]\d`).FindString(text); m != "" {
		t.Errorf("a negative figure is printed (%q):\n%s", m, text)
	}
}

func TestContract(t *testing.T) {
	p := pack(t, model.DocContract, 0)
	path, _ := writeFile(t, p)
	text := pdfText(t, path, 0, 0)
	contains(t, text,
		"Договор поставки № Д-2026-003", "г. Москва 28 ноября 2026 г.",
		// Hand-wrapped lines are joined into one paragraph.
		"ООО «Ромашка», именуемое в дальнейшем «Поставщик», в лице генерального директора Иванова И. И., действующего на основании Устава",
		"1. Предмет договора",
		"1.1. Поставщик обязуется передать в собственность Покупателя товар",
		"1.2. Наименование, количество и цена товара согласуются сторонами в заказах. Заказы являются неотъемлемой частью договора.",
		"2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ",
		"2.2. Порядок оплаты: 30% предоплата; 70% в течение 14 дней с даты счёта.",
		"АДРЕСА, РЕКВИЗИТЫ И ПОДПИСИ СТОРОН",
		"Поставщик Покупатель",
		"ИНН 7707083893, КПП 773601001", "ИНН 7736207543, КПП 770401001", "ОГРН 1027700132195",
		"р/с 40702810200000000001, в банке ПАО Сбербанк", "р/с 40702810801300000001, в банке АО «Альфа-Банк»",
		"Руководитель", "Иванов Иван Иванович", "М.П.",
	)
	// Each numbered clause starts a line of its own.
	raw := pdfText(t, path, 0, 0)
	for _, clause := range []string{"1.1. ", "1.2. ", "2.1. ", "2.2. "} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(clause)).MatchString(raw) {
			t.Errorf("clause %q does not start a line", clause)
		}
	}
	// The heading is bold: the bold font is used for it.
	fonts, _ := exec.Command("pdffonts", path).Output()
	if !strings.Contains(string(fonts), "notosansB") && !strings.Contains(string(fonts), "Bold") {
		t.Logf("fonts:\n%s", fonts)
	}

	// A long body runs over several pages.
	p.Doc.Body = strings.Repeat(contractBody+"\n\n", 12)
	path, res := writeFile(t, p)
	if res.Pages < 2 {
		t.Errorf("a long contract on %d page", res.Pages)
	}
	if got := strings.Count(squeeze(pdfText(t, path, 0, 0)), squeeze("1.1. Поставщик обязуется передать")); got != 12 {
		t.Errorf("the clause appears %d times, want 12", got)
	}
}

func TestStatement(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opening model.Money
		want    string
	}{
		{"customer owes", 1500000, "По данным ООО «Ромашка» на 30.11.2026 задолженность в пользу ООО «Ромашка» составляет 65 000,00 руб. (%s)."},
		{"we owe", -6500000, "По данным ООО «Ромашка» на 30.11.2026 задолженность в пользу ООО «Ёлки и Палки» составляет 15 000,00 руб. (%s)."},
		{"settled", -5000000, "По данным ООО «Ромашка» на 30.11.2026 задолженность отсутствует."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pack(t, model.DocStatement, 0)
			p.Statement = model.BuildStatement(p.Statement.From, p.Statement.To, tc.opening, p.Statement.Rows)
			p.Statement.CustomerName = "ООО «Ёлки и Палки»"
			path, _ := writeFile(t, p)
			closing := p.Statement.Closing
			want := tc.want
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, model.AmountInWords(max(closing, -closing), rub, "ru"))
			}
			text := pdfText(t, path, 0, 0)
			contains(t, text,
				"Акт сверки взаимных расчётов", "за период с 01.10.2026 по 30.11.2026",
				"между ООО «Ромашка» и ООО «Ёлки и Палки»",
				"По данным ООО «Ромашка», руб. По данным ООО «Ёлки и Палки», руб.",
				"Дата Документ Дебет Кредит Дата Документ Дебет Кредит",
				"03.10.2026 Продажа (№ СЧ-2026-0001) 123 456,78",
				"10.10.2026 Оплата (№ 123) 50 000,00",
				"02.11.2026 Возврат (№ КР-2026-001) 3 456,78",
				"Обороты за период 123 456,78 73 456,78",
				want,
				"От ООО «Ромашка»", "От ООО «Ёлки и Палки»",
			)
			balance := "Сальдо конечное"
			switch {
			case closing > 0:
				balance += " " + ru(closing)
			case closing < 0:
				balance += " " + ru(-closing)
			}
			contains(t, text, balance)
		})
	}
}

func TestQuoteAndOrder(t *testing.T) {
	q := pack(t, model.DocQuote, 3)
	path, _ := writeFile(t, q)
	contains(t, pdfText(t, path, 0, 0), "Коммерческое предложение № КП-2026-0007 от 28.11.2026 г.",
		"Предложение действительно до 12.12.2026", "Кому: ООО «Ёлки и Палки»", "Менеджер: Петров Пётр",
		"ИНН 7707083893, КПП 773601001, ОГРН 1027700132195")

	o := pack(t, model.DocOrder, 3)
	o.Insurance = []model.InsurancePolicy{{Insurer: "АО «СОГАЗ»", Number: "ГР-77", Insured: 1000000}}
	path, _ = writeFile(t, o)
	contains(t, pdfText(t, path, 0, 0), "Заказ покупателя № З-2026-0012 от 28.11.2026 г.",
		"Поставщик:", "Покупатель: ООО «Ёлки и Палки»", "Основание: Договор поставки № Д-2026-003 от 12.01.2026",
		"Срок поставки: 03.12.2026", "Страхование: АО «СОГАЗ», № ГР-77, 10 000,00 руб.")

	d := pack(t, model.DocQuote, 2)
	d.Doc.Number, d.Doc.Date, d.Doc.Status = "", time.Time{}, model.StatusDraft
	path, _ = writeFile(t, d)
	contains(t, pdfText(t, path, 0, 0), "Коммерческое предложение № б/н")
}

// TestEmptyPacks prints every kind from a pack with nothing filled in but
// the kind (in both languages): no panic, no error, a valid PDF.
func TestEmptyPacks(t *testing.T) {
	for _, lang := range []string{"ru", "en"} {
		for _, k := range model.DocKinds {
			t.Run(lang+"/"+string(k), func(t *testing.T) {
				p := model.PrintPack{Doc: model.Document{Kind: k, Lang: lang}}
				path, res := writeFile(t, p)
				if got := pageCount(t, path); got != res.Pages || got != 1 {
					t.Errorf("%d pages, Result.Pages %d, want 1", got, res.Pages)
				}
			})
		}
	}
}
