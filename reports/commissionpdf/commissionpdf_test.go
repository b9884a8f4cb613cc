package commissionpdf

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sdelka/assets"
	"sdelka/model"
)

func tr(t *testing.T, lang string) model.Tr {
	t.Helper()
	c, err := assets.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.Lang(lang)
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// period is November 2026 with two sellers; Ivanov has two payments, a
// late one and a credit note, and met his plan.
func period(closed bool) model.CommissionPeriod {
	ivanov := model.CommissionCalc{
		UserID: "u1", Period: day(11, 1), Plan: 100000000, HasPlan: true, Paid: 120000000, Credited: -1000000,
		FulfilmentBP: 12000, FactorBP: 12000,
		Lines: []model.CommissionEntry{
			{Kind: model.CommissionPayment, DocNumber: "ПП-0451", InvoiceNumber: "СЧ-2026-0100", CustomerName: "ООО «Ромашка»",
				Date: day(11, 3), CategoryID: "cat1", Base: 100000000, RateBP: 500, FactorBP: 12000, Commission: 6000000},
			{Kind: model.CommissionPayment, DocNumber: "ПП-0452", InvoiceNumber: "СЧ-2026-0101", CustomerName: "ИП Петров",
				Date: day(10, 30), Late: true, Base: 20000000, RateBP: 250, FactorBP: 12000, Commission: 600000},
			{Kind: model.CommissionCredit, DocNumber: "КС-0007", InvoiceNumber: "СЧ-2026-0100", CustomerName: "ООО «Ромашка»",
				Date: day(11, 20), CategoryID: "cat1", Base: -1000000, RateBP: 500, FactorBP: 12000, Commission: -60000},
		},
		Commission: 6540000, Bonus: 1500000, Total: 8040000,
	}
	petrova := model.CommissionCalc{UserID: "u2", Period: day(11, 1), Paid: 5000000, FactorBP: 10000,
		Lines:      []model.CommissionEntry{{Kind: model.CommissionPayment, DocNumber: "ПП-0460", InvoiceNumber: "СЧ-2026-0110", CustomerName: "АО «Лютик»", Date: day(11, 15), Base: 5000000, RateBP: 300, FactorBP: 10000, Commission: 150000}},
		Commission: 150000, Total: 150000}
	calcs := []model.CommissionCalc{ivanov, petrova}
	sum, total, err := model.CommissionSummary(calcs)
	if err != nil {
		panic(err)
	}
	p := model.CommissionPeriod{
		Month: model.Month{Year: 2026, Month: time.November}, Calcs: calcs, Currency: "RUB",
		Names:   map[string]string{"u1": "Иванов Иван Петрович", "u2": "Петрова Анна", "u9": "Сидорова Ольга"},
		Summary: sum, Total: total,
	}
	if closed {
		p.Closed, p.ClosedAt, p.ClosedBy = true, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC), "u9"
	}
	return p
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// No-break spaces group digits; compare with plain ones.
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

func contains(t *testing.T, txt string, wants ...string) {
	t.Helper()
	txt = strings.ReplaceAll(txt, "\n", " ") // a cell's text may wrap
	for _, w := range wants {
		if !strings.Contains(txt, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
}

func TestStatement(t *testing.T) {
	ru := tr(t, "ru")
	pdf, err := Statement(ru, period(true), "u1", "ООО «Сделка»", CategoryNames(map[string]string{"cat1": "Станки"}))
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	contains(t, txt,
		"Расчёт комиссионного вознаграждения", "ООО «Сделка»", "Менеджер: Иванов Иван Петрович", "Период: ноябрь 2026",
		"Месяц закрыт 02.12.2026, закрыл Сидорова Ольга.",
		"1 000 000,00", "1 200 000,00", "120,0 %", "×1,2", // plan, paid, fulfilment, multiplier
		"Оплата ПП-0451", "Оплата ПП-0452", "КС-0007", "СЧ-2026-0101", "Станки", "Без категории",
		"30.10.2026 *", "Учтено с опозданием", "5 %", "2,5 %", "-600,00",
		"Комиссия с оплат 65 400,00", "Премия за выполнение плана 15 000,00", "Итого к выплате 80 400,00",
		"Страница 1 из 1")
	if strings.Contains(txt, "ПП-0460") {
		t.Error("another seller's payment is in the statement")
	}

	en, err := Statement(tr(t, "en"), period(false), "u2", "Sdelka LLC")
	if err != nil {
		t.Fatal(err)
	}
	txt = pdfText(t, en)
	contains(t, txt, "Commission statement", "Seller: Петрова Анна", "November 2026", "Preliminary calculation",
		"Payment ПП-0460", "3%", "Total to pay 1,500.00", "Page 1 of 1")

	if _, err := Statement(ru, period(true), "nobody", ""); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a seller without a calculation: %v", err)
	}
}

func TestStatementLongRepeatsHeading(t *testing.T) {
	ru := tr(t, "ru")
	p := period(false)
	c := &p.Calcs[0]
	for i := range 120 {
		c.Lines = append(c.Lines, model.CommissionEntry{Kind: model.CommissionPayment, DocNumber: "ПП-" + strconv.Itoa(1000+i),
			InvoiceNumber: "СЧ-1", CustomerName: "ООО «Ромашка»", Date: day(11, 5), Base: 100, RateBP: 500, FactorBP: 10000, Commission: 5})
	}
	pdf, err := Statement(ru, p, "u1", "")
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	pages := regexp.MustCompile(`Страница 1 из (\d+)`).FindStringSubmatch(txt)
	if pages == nil || pages[1] == "1" {
		t.Fatalf("123 entries on one page? %q", pages)
	}
	if n := strings.Count(txt, "Счёт Клиент"); n < 2 {
		t.Errorf("the entries' heading is printed %d times", n)
	}
	contains(t, txt, "ПП-1119", "Итого к выплате")
}

func TestSummary(t *testing.T) {
	ru := tr(t, "ru")
	pdf, err := Summary(ru, period(true), "ООО «Сделка»")
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	contains(t, txt, "Сводная ведомость комиссионного вознаграждения", "Период: ноябрь 2026",
		"Иванов Иван Петрович 1 000 000,00 1 200 000,00 120,0 % 65 400,00 15 000,00 80 400,00",
		"Петрова Анна — 50 000,00 — 1 500,00 0,00 1 500,00",
		"Итого 1 000 000,00 1 250 000,00 — 66 900,00 15 000,00 81 900,00")
	if i, j := strings.Index(txt, "Иванов"), strings.Index(txt, "Петрова"); i < 0 || j < i {
		t.Error("sellers are not in name order")
	}
}
