package model

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// romashka is the RU-DOCUMENTS.md example's payee.
func romashka() PaymentQR {
	return PaymentQR{
		Name:        "ООО «Ромашка»",
		PersonalAcc: "40702810900000000001",
		BankName:    "ПАО Сбербанк",
		BIC:         "044525225",
		CorrespAcc:  "30101810400000000225",
		PayeeINN:    "7700000000",
		KPP:         "770001001",
		Purpose:     "Оплата по счёту № 15 от 01.02.2026, в т.ч. НДС 22%",
		Sum:         123456,
	}
}

func TestGOSTPaymentPayload(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *PaymentQR)
		want string
	}{
		{"RU-DOCUMENTS example", func(*PaymentQR) {},
			"ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810900000000001|BankName=ПАО Сбербанк|BIC=044525225|" +
				"CorrespAcc=30101810400000000225|Sum=123456|Purpose=Оплата по счёту № 15 от 01.02.2026, в т.ч. НДС 22%|" +
				"PayeeINN=7700000000|KPP=770001001"},
		{"with document number and date", func(p *PaymentQR) {
			p.DocNo = "СЧ-2026-0015"
			p.DocDate = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		}, "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810900000000001|BankName=ПАО Сбербанк|BIC=044525225|" +
			"CorrespAcc=30101810400000000225|Sum=123456|Purpose=Оплата по счёту № 15 от 01.02.2026, в т.ч. НДС 22%|" +
			"PayeeINN=7700000000|KPP=770001001|DocNo=СЧ-2026-0015|DocDate=01.02.2026"},
		{"mandatory only, no correspondent account", func(p *PaymentQR) {
			*p = PaymentQR{Name: "ИП Иванов И. И.", PersonalAcc: "40802810900000000002", BankName: "АО Банк", BIC: "044525225"}
		}, "ST00012|Name=ИП Иванов И. И.|PersonalAcc=40802810900000000002|BankName=АО Банк|BIC=044525225|CorrespAcc=0"},
		{"pipes, line breaks and tabs in values", func(p *PaymentQR) {
			p.Name = "  ООО «Ромашка|Лютик»\n"
			p.Purpose = "Оплата | счёт 15\r\nНДС\t22%"
			p.DocNo = "15|А"
		}, "ST00012|Name=ООО «Ромашка/Лютик»|PersonalAcc=40702810900000000001|BankName=ПАО Сбербанк|BIC=044525225|" +
			"CorrespAcc=30101810400000000225|Sum=123456|Purpose=Оплата / счёт 15  НДС 22%|" +
			"PayeeINN=7700000000|KPP=770001001|DocNo=15/А"},
		{"trimmed digits, sum of 18 digits, 12-digit INN, no KPP", func(p *PaymentQR) {
			p.PersonalAcc, p.BIC, p.CorrespAcc = " 40702810900000000001 ", "\t044525225", "30101810400000000225 "
			p.Sum = 999_999_999_999_999_999
			p.PayeeINN, p.KPP, p.Purpose = "500100732259", " ", ""
		}, "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810900000000001|BankName=ПАО Сбербанк|BIC=044525225|" +
			"CorrespAcc=30101810400000000225|Sum=999999999999999999|PayeeINN=500100732259"},
		{"limits counted in characters, not bytes", func(p *PaymentQR) {
			p.Name = strings.Repeat("Я", 160)
			p.BankName = strings.Repeat("Б", 45)
			p.Purpose = strings.Repeat("П", 210)
			p.Sum, p.PayeeINN, p.KPP = 0, "", ""
		}, "ST00012|Name=" + strings.Repeat("Я", 160) + "|PersonalAcc=40702810900000000001|BankName=" +
			strings.Repeat("Б", 45) + "|BIC=044525225|CorrespAcc=30101810400000000225|Purpose=" + strings.Repeat("П", 210)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := romashka()
			tt.edit(&p)
			got, err := GOSTPaymentPayload(p)
			if err != nil {
				t.Fatalf("GOSTPaymentPayload: %v", err)
			}
			if got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGOSTPaymentPayloadErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *PaymentQR)
		field string
		text  string // a part of the message
	}{
		{"name missing", func(p *PaymentQR) { p.Name = " \n " }, "Name", "required"},
		{"name over 160", func(p *PaymentQR) { p.Name = strings.Repeat("Я", 161) }, "Name", "161 characters, at most 160"},
		{"account 19 digits", func(p *PaymentQR) { p.PersonalAcc = "4070281090000000000" }, "PersonalAcc", "20 digits"},
		{"account 21 digits", func(p *PaymentQR) { p.PersonalAcc = "407028109000000000011" }, "PersonalAcc", "20 digits"},
		{"account with a letter", func(p *PaymentQR) { p.PersonalAcc = "4070281090000000000O" }, "PersonalAcc", "20 digits"},
		{"account with spaces inside", func(p *PaymentQR) { p.PersonalAcc = "40702 810900000000001" }, "PersonalAcc", "20 digits"},
		{"account missing", func(p *PaymentQR) { p.PersonalAcc = "" }, "PersonalAcc", "required"},
		{"bank over 45", func(p *PaymentQR) { p.BankName = strings.Repeat("Б", 46) }, "BankName", "at most 45"},
		{"bank missing", func(p *PaymentQR) { p.BankName = "" }, "BankName", "required"},
		{"BIC 8 digits", func(p *PaymentQR) { p.BIC = "04452522" }, "BIC", "9 digits"},
		{"BIC missing", func(p *PaymentQR) { p.BIC = "" }, "BIC", "required"},
		{"correspondent account 21 digits", func(p *PaymentQR) { p.CorrespAcc = "301018104000000002251" }, "CorrespAcc", "at most 20 digits"},
		{"correspondent account not digits", func(p *PaymentQR) { p.CorrespAcc = "нет" }, "CorrespAcc", "at most 20 digits"},
		{"sum negative", func(p *PaymentQR) { p.Sum = -1 }, "Sum", "negative"},
		{"sum of 19 digits", func(p *PaymentQR) { p.Sum = 1_000_000_000_000_000_000 }, "Sum", "18 digits"},
		{"purpose over 210", func(p *PaymentQR) { p.Purpose = strings.Repeat("П", 211) }, "Purpose", "211 characters, at most 210"},
		{"INN 11 digits", func(p *PaymentQR) { p.PayeeINN = "77000000001" }, "PayeeINN", "10 or 12 digits"},
		{"INN 13 digits", func(p *PaymentQR) { p.PayeeINN = "7700000000123" }, "PayeeINN", "10 or 12 digits"},
		{"KPP 8 characters", func(p *PaymentQR) { p.KPP = "77000100" }, "KPP", "9 characters"},
		{"KPP 10 characters", func(p *PaymentQR) { p.KPP = "7700010011" }, "KPP", "9 characters"},
		{"date year 10000", func(p *PaymentQR) { p.DocDate = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "DocDate", "year"},
		{"not UTF-8", func(p *PaymentQR) { p.Purpose = "Оплата \xff" }, "Purpose", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := romashka()
			tt.edit(&p)
			got, err := GOSTPaymentPayload(p)
			if err == nil {
				t.Fatalf("GOSTPaymentPayload = %q, want an error", got)
			}
			checkPaymentQRError(t, err, tt.field, tt.text)
		})
	}
}

// checkPaymentQRError checks err is a *PaymentQRError for field whose message
// contains text.
func checkPaymentQRError(t *testing.T, err error, field, text string) {
	t.Helper()
	var qe *PaymentQRError
	if !errors.As(err, &qe) {
		t.Fatalf("error %v (%T), want a *PaymentQRError", err, err)
	}
	if qe.Field != field {
		t.Errorf("error field %q (%v), want %q", qe.Field, err, field)
	}
	if !strings.Contains(err.Error(), text) || !strings.Contains(err.Error(), field) {
		t.Errorf("error %q does not mention %q and %q", err, field, text)
	}
}

const epcIBAN = "DE89370400440532013000"

func TestEPCPayload(t *testing.T) {
	tests := []struct {
		name string
		p    EPCPayment
		want string
	}{
		{"full", EPCPayment{BIC: "COBADEFFXXX", Name: "Max Mustermann GmbH", IBAN: epcIBAN, Remittance: "Invoice 15", Amount: 12345},
			"BCD\n002\n1\nSCT\nCOBADEFFXXX\nMax Mustermann GmbH\nDE89370400440532013000\nEUR123.45\n\n\nInvoice 15"},
		{"IBAN with spaces and lower case, BIC lower case", EPCPayment{BIC: " cobadeff ", Name: "ООО «Ромашка»",
			IBAN: " de89 3704 0044 0532 0130 00 ", Remittance: "Счёт № 15", Amount: 100},
			"BCD\n002\n1\nSCT\nCOBADEFF\nООО «Ромашка»\nDE89370400440532013000\nEUR1.00\n\n\nСчёт № 15"},
		{"no amount, no text: ends at the IBAN", EPCPayment{Name: "A", IBAN: epcIBAN},
			"BCD\n002\n1\nSCT\n\nA\nDE89370400440532013000"},
		{"amount without text: ends at the amount", EPCPayment{Name: "A", IBAN: epcIBAN, Amount: 1},
			"BCD\n002\n1\nSCT\n\nA\nDE89370400440532013000\nEUR0.01"},
		{"text without amount: empty amount line", EPCPayment{Name: "A", IBAN: epcIBAN, Remittance: "x"},
			"BCD\n002\n1\nSCT\n\nA\nDE89370400440532013000\n\n\n\nx"},
		{"largest amount", EPCPayment{Name: "A", IBAN: epcIBAN, Amount: 99_999_999_999},
			"BCD\n002\n1\nSCT\n\nA\nDE89370400440532013000\nEUR999999999.99"},
		{"line breaks in values become spaces, pipes stay", EPCPayment{Name: "A\nB", IBAN: epcIBAN, Remittance: "x|y\tz\r\n"},
			"BCD\n002\n1\nSCT\n\nA B\nDE89370400440532013000\n\n\n\nx|y z"},
		{"IBAN of 15 characters", EPCPayment{Name: "A", IBAN: "NO9386011117947"},
			"BCD\n002\n1\nSCT\n\nA\nNO9386011117947"},
		{"IBAN with letters in the account", EPCPayment{Name: "A", IBAN: "FR14 2004 1010 0505 0001 3M02 606"},
			"BCD\n002\n1\nSCT\n\nA\nFR1420041010050500013M02606"},
		{"IBAN GB", EPCPayment{Name: "A", IBAN: "GB82 WEST 1234 5698 7654 32"},
			"BCD\n002\n1\nSCT\n\nA\nGB82WEST12345698765432"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EPCPayload(tt.p)
			if err != nil {
				t.Fatalf("EPCPayload: %v", err)
			}
			if got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestEPCPayloadErrors(t *testing.T) {
	ok := EPCPayment{BIC: "COBADEFFXXX", Name: "Max Mustermann GmbH", IBAN: epcIBAN, Remittance: "Invoice 15", Amount: 12345}
	tests := []struct {
		name  string
		edit  func(p *EPCPayment)
		field string
		text  string
	}{
		{"IBAN check digits wrong", func(p *EPCPayment) { p.IBAN = "DE89370400440532013001" }, "IBAN", "check digits"},
		{"IBAN digits swapped", func(p *EPCPayment) { p.IBAN = "DE89370400440523013000" }, "IBAN", "check digits"},
		{"IBAN too short", func(p *EPCPayment) { p.IBAN = "DE8937040044" }, "IBAN", "15 to 34"},
		{"IBAN too long", func(p *EPCPayment) { p.IBAN = "DE89" + strings.Repeat("1", 31) }, "IBAN", "15 to 34"},
		{"IBAN without country", func(p *EPCPayment) { p.IBAN = "1289370400440532013000" }, "IBAN", "not an IBAN"},
		{"IBAN with punctuation", func(p *EPCPayment) { p.IBAN = "DE89-3704-0044-0532-0130-00" }, "IBAN", "not an IBAN"},
		{"IBAN missing", func(p *EPCPayment) { p.IBAN = "  " }, "IBAN", "required"},
		{"BIC malformed", func(p *EPCPayment) { p.BIC = "COBA1EFF" }, "BIC", "8 or 11"},
		{"BIC 9 characters", func(p *EPCPayment) { p.BIC = "COBADEFFX" }, "BIC", "8 or 11"},
		{"name missing", func(p *EPCPayment) { p.Name = "" }, "Name", "required"},
		{"name over 70", func(p *EPCPayment) { p.Name = strings.Repeat("Я", 71) }, "Name", "71 characters, at most 70"},
		{"text over 140", func(p *EPCPayment) { p.Remittance = strings.Repeat("x", 141) }, "Remittance", "at most 140"},
		{"amount negative", func(p *EPCPayment) { p.Amount = -1 }, "Amount", "negative"},
		{"amount over the maximum", func(p *EPCPayment) { p.Amount = 100_000_000_000 }, "Amount", "999999999.99"},
		{"over 331 bytes", func(p *EPCPayment) {
			p.Name, p.Remittance = strings.Repeat("Я", 70), strings.Repeat("я", 140)
		}, "payload", "at most 331"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			got, err := EPCPayload(p)
			if err == nil {
				t.Fatalf("EPCPayload = %q, want an error", got)
			}
			checkPaymentQRError(t, err, tt.field, tt.text)
		})
	}
}

// TestEPCPayloadSizeLimit puts a payload at exactly 331 bytes, then one byte
// over: 14 bytes of header lines, BIC 11+1, name 70+1, IBAN 22+1, amount
// 7+1, two empty lines 2, text 201 (100 two-byte letters and one ASCII).
func TestEPCPayloadSizeLimit(t *testing.T) {
	p := EPCPayment{BIC: "COBADEFFXXX", Name: strings.Repeat("N", 70), IBAN: epcIBAN, Amount: 100,
		Remittance: strings.Repeat("я", 100) + "."}
	got, err := EPCPayload(p)
	if err != nil {
		t.Fatalf("EPCPayload at the limit: %v", err)
	}
	if len(got) != 331 {
		t.Fatalf("payload is %d bytes, want 331", len(got))
	}
	p.Remittance += "."
	if got, err := EPCPayload(p); err == nil {
		t.Fatalf("EPCPayload of 332 bytes = %q, want an error", got)
	} else {
		checkPaymentQRError(t, err, "payload", "332 bytes")
	}
}

// FuzzGOSTPaymentPayload: whatever the input, either a *PaymentQRError or a
// payload whose '|'-separated fields are exactly the keys expected, in order,
// each value non-empty, trimmed, free of line breaks and within its limit.
func FuzzGOSTPaymentPayload(f *testing.F) {
	r := romashka()
	f.Add(r.Name, r.PersonalAcc, r.BankName, r.BIC, r.CorrespAcc, r.PayeeINN, r.KPP, r.Purpose, "СЧ-15", int64(r.Sum), int64(1769904000))
	f.Add("a|b", r.PersonalAcc, "Банк\n", r.BIC, "", "", "", "x|y|z\r\n", "", int64(0), int64(0))
	f.Add("", "", "", "", "", "", "", "", "", int64(-1), int64(0))
	f.Add(" \t", r.PersonalAcc, "|", r.BIC, "0", "500100732259", "7700AB001", "\u2028", "|", int64(1), int64(-62135596800))
	f.Add("\xff", r.PersonalAcc, "b", r.BIC, "1", "1", "1", "1", "\x00", int64(1e18), int64(253402300800))
	f.Add("0", "00000000000000000000", "0", "000000000", "0", "", "", "", "0", int64(1), int64(-62135596800)) // the zero time: no DocDate
	f.Fuzz(func(t *testing.T, name, acc, bank, bic, corr, inn, kpp, purpose, docNo string, sum, unix int64) {
		p := PaymentQR{Name: name, PersonalAcc: acc, BankName: bank, BIC: bic, CorrespAcc: corr,
			PayeeINN: inn, KPP: kpp, Purpose: purpose, DocNo: docNo, Sum: Money(sum)}
		if unix != 0 {
			p.DocDate = time.Unix(unix, 0).UTC()
		}
		got, err := GOSTPaymentPayload(p)
		if err != nil {
			var qe *PaymentQRError
			if !errors.As(err, &qe) {
				t.Fatalf("error %v (%T), want a *PaymentQRError", err, err)
			}
			if got != "" {
				t.Fatalf("payload %q together with error %v", got, err)
			}
			return
		}
		present := func(s string) bool { // non-blank once control characters are spaces
			return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) != ""
		}
		want := []string{"Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc"}
		for _, k := range []struct {
			key string
			on  bool
		}{{"Sum", sum > 0}, {"Purpose", present(purpose)}, {"PayeeINN", present(inn)}, {"KPP", present(kpp)},
			{"DocNo", present(docNo)}, {"DocDate", !p.DocDate.IsZero()}} {
			if k.on {
				want = append(want, k.key)
			}
		}
		fields := strings.Split(got, "|")
		if fields[0] != "ST00012" {
			t.Fatalf("payload %q does not start with ST00012", got)
		}
		if len(fields)-1 != len(want) {
			t.Fatalf("payload %q has %d fields, want the keys %v", got, len(fields)-1, want)
		}
		limits := map[string]int{"Name": 160, "PersonalAcc": 20, "BankName": 45, "BIC": 9, "CorrespAcc": 20,
			"Sum": 18, "Purpose": 210, "PayeeINN": 12, "KPP": 9, "DocDate": 10}
		for i, field := range fields[1:] {
			key, value, ok := strings.Cut(field, "=")
			if !ok || key != want[i] {
				t.Fatalf("payload %q: field %d is %q, want key %s", got, i+1, field, want[i])
			}
			if value == "" || strings.TrimSpace(value) != value || !utf8.ValidString(value) ||
				strings.ContainsAny(value, "|\r\n\t") {
				t.Fatalf("payload %q: bad value %q for %s", got, value, key)
			}
			if l, ok := limits[key]; ok && utf8.RuneCountInString(value) > l {
				t.Fatalf("payload %q: %s longer than %d", got, key, l)
			}
		}
	})
}
