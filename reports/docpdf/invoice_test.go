package docpdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

// ru formats money as the Russian documents do.
func ru(m model.Money) string { return model.FormatMoney(m, 2, ",", "\u00a0") }

// en formats money as the English documents do.
func en(m model.Money) string { return model.FormatMoney(m, 2, ".", ",") }

func TestInvoiceRussian(t *testing.T) {
	p := pack(t, model.DocInvoice, 6)
	path, res := writeFile(t, p)
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
	if n := pageCount(t, path); n != 1 || res.Pages != 1 {
		t.Errorf("%d pages (Result says %d), want 1", n, res.Pages)
	}
	tot, _ := model.DocTotals(p.Doc.Lines)
	text := pdfText(t, path, 0, 0)
	byRate := map[int64]model.Money{}
	for _, r := range tot.ByRate {
		byRate[r.BP] = r.VAT
	}
	contains(t, text,
		"Счёт на оплату № СЧ-2026-0001 от 28.11.2026 г.",
		// The bank block.
		"ПАО Сбербанк БИК 044525225", "Сч. № 30101810400000000225", "ИНН 7707083893 КПП 773601001 Сч. № 40702810200000000001",
		"Общество с ограниченной ответственностью «Ромашка»", "Банк получателя", "Получатель",
		// Parties and basis.
		"Поставщик: Общество с ограниченной ответственностью «Ромашка» ИНН 7707083893, КПП 773601001",
		"Покупатель: ООО «Ёлки и Палки» ИНН 7736207543, КПП 770401001",
		"Основание: Договор поставки № Д-2026-003 от 12.01.2026",
		// Lines and the table header.
		"№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
		"1 Цемент М500 Д0, мешок 50 кг Артикул: ЦМ-500 12 шт 459,90 5 518,80",
		"1,5 кг 12,50 18,75",
		// Totals.
		"Итого: "+ru(tot.Gross),
		"В том числе НДС 22%: "+ru(byRate[2200]),
		"В том числе НДС 10%: "+ru(byRate[1000]),
		"Без НДС —",
		"Всего к оплате: "+ru(tot.Gross),
		fmt.Sprintf("Всего наименований 6, на сумму %s руб.", ru(tot.Gross)),
		model.AmountInWords(tot.Gross, rub, "ru"),
		// Payment.
		"Оплатить не позднее 12.12.2026",
		"Условия оплаты: 30% предоплата; 70% в течение 14 дней с даты счёта",
		"График платежей", "1 28.11.2026 "+ru(model.Schedule(p.Doc.Terms, tot.Gross, docDate)[0].Amount),
		"2 12.12.2026 "+ru(model.Schedule(p.Doc.Terms, tot.Gross, docDate)[1].Amount),
		// Signatures.
		"Руководитель", "Иванов Иван Иванович", "Главный бухгалтер", "Ёлкина Анна Андреевна", "М.П.",
		"Оплата по QR-коду",
		"Страница 1 из 1",
	)
	if got := model.AmountInWords(17_272_10, rub, "ru"); got != "Семнадцать тысяч двести семьдесят два рубля 10 копеек" {
		t.Logf("amount in words: %q", got) // model's business; printed for the record
	}
}

func TestInvoiceVATVariants(t *testing.T) {
	for _, tc := range []struct {
		name           string
		include, noVAT bool
		want, notWant  []string
	}{
		{"prices with VAT", true, false, []string{"В том числе НДС 22%:", "В том числе НДС 10%:", "Без НДС —"}, nil},
		{"VAT on top", false, false, []string{"НДС 22%:", "НДС 10%:", "Без НДС —"}, []string{"В том числе НДС"}},
		{"no VAT", false, true, []string{"Без НДС —"}, []string{"НДС 22%", "НДС 10%"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pack(t, model.DocInvoice, 4)
			p.Doc.PricesIncludeVAT, p.Doc.NoVAT = tc.include, tc.noVAT
			lines, err := model.ComputeLines(p.Doc.Lines, docDate, tc.include, tc.noVAT)
			if err != nil {
				t.Fatal(err)
			}
			p.Doc.Lines = lines
			tot, _ := model.DocTotals(lines)
			path, _ := writeFile(t, p)
			text := pdfText(t, path, 0, 0)
			total := tot.Gross // «Итого» sums the amounts as printed: net when VAT is added on top
			if !tc.include && !tc.noVAT {
				total = tot.Net
			}
			contains(t, text, append(tc.want, "Итого: "+ru(total), "Всего к оплате: "+ru(tot.Gross))...)
			for _, s := range tc.notWant {
				if strings.Contains(collapse(text), s) {
					t.Errorf("%q should not be printed", s)
				}
			}
		})
	}
}

func TestInvoiceEnglish(t *testing.T) {
	p := pack(t, model.DocInvoice, 6)
	p.Doc.Lang = "en"
	p.Doc.Number = "INV-2026-0042"
	p.Customer.Name, p.Customer.ShortName = "Acme Trading Ltd", "Acme Trading Ltd"
	p.Currency = model.Currency{Code: "EUR", Name: "Euro", Symbol: "€", MinorDigits: 2}
	p.Company.IBAN, p.Company.SWIFT = "DE89370400440532013000", "COBADEFFXXX"
	path, res := writeFile(t, p)
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
	tot, _ := model.DocTotals(p.Doc.Lines)
	text := pdfText(t, path, 0, 0)
	contains(t, text,
		"Invoice No. INV-2026-0042 dated 2026-11-28",
		"Beneficiary's bank", "SWIFT COBADEFFXXX", "IBAN DE89370400440532013000", "Beneficiary",
		"Supplier:", "Buyer: Acme Trading Ltd", "INN 7736207543, KPP 770401001",
		"Reference: Supply contract No. Д-2026-003 dated 2026-01-12",
		"No. Description Qty Unit Price Amount",
		"12 pcs 459.90 5,518.80", "1.5 kg 12.50 18.75", "1 unit 3,500.00 3,500.00",
		"Total: "+en(tot.Gross), "Including VAT 22%:", "Including VAT 10%:", "No VAT —",
		"Total due: "+en(tot.Gross),
		fmt.Sprintf("6 items, total %s EUR", en(tot.Gross)),
		model.AmountInWords(tot.Gross, p.Currency, "en"),
		"Payment due by 2026-12-12", "Payment schedule", "1 2026-11-28",
		"Director", "Chief accountant", "Pay by QR code", "Page 1 of 1",
	)
	if strings.Contains(text, "Счёт") || strings.Contains(text, "Итого") {
		t.Error("Russian labels in an English invoice")
	}
}

func TestInvoiceWarnings(t *testing.T) {
	p := pack(t, model.DocInvoice, 3)
	p.Company.Stamp = []byte("not an image")
	p.Company.Account = "" // no payload without the account
	path, res := writeFile(t, p)
	if len(res.Warnings) != 2 {
		t.Fatalf("warnings %q, want one for the QR code and one for the stamp", res.Warnings)
	}
	joined := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"payment QR code left out", "PersonalAcc", "stamp"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings %q lack %q", res.Warnings, want)
		}
	}
	text := collapse(pdfText(t, path, 0, 0))
	if strings.Contains(text, "QR") || strings.Contains(text, "could not") {
		t.Errorf("the invoice shows a QR caption or a library error: %s", text)
	}
	contains(t, text, "Счёт на оплату № СЧ-2026-0001", "Всего к оплате:")

	// Currencies without a payment standard print no code and no warning.
	p = pack(t, model.DocInvoice, 3)
	p.Currency = model.Currency{Code: "USD", MinorDigits: 2}
	_, res = write(t, p)
	if len(res.Warnings) != 0 {
		t.Errorf("a dollar invoice warns %q", res.Warnings)
	}
}

// decodeQR renders page 1 at 200 dpi and returns the bytes of the one QR
// code zbarimg finds.
func decodeQR(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftoppm", "poppler-utils")
	needTool(t, "zbarimg", "zbar-tools")
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	// -Sbinary: the code's bytes as they are, without charset guessing or
	// a final newline.
	var stderr bytes.Buffer
	cmd := exec.Command("zbarimg", "--raw", "-q", "-Sbinary", prefix+".png")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v\n%s", err, stderr.String())
	}
	return string(out)
}

func TestInvoiceQRDecodes(t *testing.T) {
	t.Run("GOST roubles", func(t *testing.T) {
		p := pack(t, model.DocInvoice, 6)
		path, _ := writeFile(t, p)
		tot, _ := model.DocTotals(p.Doc.Lines)
		var vat22, vat10 model.Money
		for _, r := range tot.ByRate {
			switch r.BP {
			case 2200:
				vat22 = r.VAT
			case 1000:
				vat10 = r.VAT
			}
		}
		purpose := fmt.Sprintf("Оплата по счёту № СЧ-2026-0001 от 28.11.2026, в т.ч. НДС 22%% %s руб., НДС 10%% %s руб.",
			model.FormatMoney(vat22, 2, ",", ""), model.FormatMoney(vat10, 2, ",", ""))
		c := p.Company
		want, err := model.GOSTPaymentPayload(model.PaymentQR{
			Name: c.ShortName, PersonalAcc: c.Account, BankName: c.BankName, BIC: c.BIC, CorrespAcc: c.CorrAccount,
			PayeeINN: c.INN, KPP: c.KPP, Purpose: purpose, DocNo: "СЧ-2026-0001", DocDate: docDate, Sum: tot.Gross,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, path); got != want {
			t.Errorf("the QR code reads\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("GOST without VAT", func(t *testing.T) {
		p := pack(t, model.DocInvoice, 2)
		p.Doc.NoVAT = true
		p.Doc.Lines, _ = model.ComputeLines(p.Doc.Lines, docDate, true, true)
		path, _ := writeFile(t, p)
		got := decodeQR(t, path)
		if !strings.Contains(got, "|Purpose=Оплата по счёту № СЧ-2026-0001 от 28.11.2026, без НДС|") {
			t.Errorf("the QR code reads %q", got)
		}
	})
	t.Run("EPC euros", func(t *testing.T) {
		p := pack(t, model.DocInvoice, 6)
		p.Doc.Lang = "en"
		p.Currency = model.Currency{Code: "EUR", MinorDigits: 2}
		p.Company.IBAN, p.Company.SWIFT = "DE89 3704 0044 0532 0130 00", "COBADEFFXXX"
		path, _ := writeFile(t, p)
		tot, _ := model.DocTotals(p.Doc.Lines)
		var taxes []string
		for _, r := range tot.ByRate {
			if r.Cat != model.VATNone {
				taxes = append(taxes, fmt.Sprintf("%s %s EUR", model.VATLabel(r.Cat, r.BP), model.FormatMoney(r.VAT, 2, ".", "")))
			}
		}
		want, err := model.EPCPayload(model.EPCPayment{
			BIC: "COBADEFFXXX", Name: "ООО «Ромашка»", IBAN: p.Company.IBAN, Amount: tot.Gross,
			Remittance: "Payment of invoice No. СЧ-2026-0001 dated 2026-11-28, incl. VAT " + strings.Join(taxes, ", VAT "),
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, path); got != want {
			t.Errorf("the QR code reads\n%q\nwant\n%q", got, want)
		}
	})
}

func TestStableOutput(t *testing.T) {
	for _, kind := range model.DocKinds {
		t.Run(string(kind), func(t *testing.T) {
			p := pack(t, kind, 5)
			p.Company.Logo = stampPNG(t)[:] // a logo too: every image kind at once
			first, _ := write(t, p)
			for i := 0; i < 4; i++ {
				again, _ := write(t, p)
				if !bytes.Equal(first, again) {
					t.Fatalf("try %d: the same pack gave a different PDF", i+2)
				}
			}
			if !bytes.Contains(first, []byte("/FlateDecode")) {
				t.Error("the PDF is not compressed")
			}
			for _, date := range []string{"/CreationDate (D:20261128140500)", "/ModDate (D:20261128140500)"} {
				if !bytes.Contains(first, []byte(date)) {
					t.Errorf("no %s: the dates are not the pack's Generated time", date)
				}
			}
		})
	}
}

// TestConcurrentWrites writes documents of every kind from several
// goroutines at once (run with -race).
func TestConcurrentWrites(t *testing.T) {
	errs := make(chan error, 2*len(model.DocKinds))
	want := map[model.DocKind][]byte{}
	for _, k := range model.DocKinds {
		want[k], _ = write(t, pack(t, k, 4))
	}
	for range 2 {
		for _, k := range model.DocKinds {
			go func() {
				var b bytes.Buffer
				_, err := docpdf.Write(&b, pack(t, k, 4))
				if err == nil && !bytes.Equal(b.Bytes(), want[k]) {
					err = fmt.Errorf("%s: written concurrently it differs", k)
				}
				errs <- err
			}()
		}
	}
	for range 2 * len(model.DocKinds) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestUnknownKind(t *testing.T) {
	p := pack(t, model.DocInvoice, 1)
	p.Doc.Kind = "receipt"
	var b bytes.Buffer
	if _, err := docpdf.Write(&b, p); !errors.Is(err, docpdf.ErrKind) || b.Len() != 0 {
		t.Errorf("an unknown kind: error %v, %d bytes written", err, b.Len())
	}
}
