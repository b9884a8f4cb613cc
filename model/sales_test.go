package model

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDocTotalsVATPerRate(t *testing.T) {
	d2026 := day("2026-03-02")
	tests := []struct {
		name            string
		inclVAT, noVAT  bool
		lines           []DocLine
		net, vat, gross Money
		rates           []string // label=net/vat/gross
		wantErr         bool
		day             time.Time
	}{
		{name: "one line 22%", lines: []DocLine{{Price: 100000, Qty: 1000, VATCat: VATStandard}},
			net: 100000, vat: 22000, gross: 122000, rates: []string{"22%"}},
		{name: "2025 is 20%", day: day("2025-12-31"), lines: []DocLine{{Price: 100000, Qty: 1000, VATCat: VATStandard}},
			net: 100000, vat: 20000, gross: 120000, rates: []string{"20%"}},
		{name: "half a kopeck rounds away from zero", lines: []DocLine{{Price: 1, Qty: 500, VATCat: VATNone}},
			net: 1, vat: 0, gross: 1, rates: []string{"Без НДС"}},
		{name: "VAT rounded per line, not on the total", lines: []DocLine{
			{Price: 5, Qty: 1000, VATCat: VATStandard}, {Price: 5, Qty: 1000, VATCat: VATStandard}},
			net: 10, vat: 2, gross: 12, rates: []string{"22%"}}, // 1.1 → 1 kopeck each
		{name: "two rates and none", lines: []DocLine{
			{Price: 123456, Qty: 2500, VATCat: VATStandard}, {Price: 9999, Qty: 3000, VATCat: VATReduced},
			{Price: 50000, Qty: 1000, VATCat: VATNone}, {Price: 100, Qty: 1000, VATCat: VATZero}},
			net: 308640 + 29997 + 50000 + 100, vat: 67901 + 3000, gross: 308640 + 67901 + 29997 + 3000 + 50000 + 100,
			rates: []string{"22%", "10%", "Без НДС", "0%"}},
		{name: "prices include VAT", inclVAT: true, lines: []DocLine{{Price: 122000, Qty: 1000, VATCat: VATStandard}},
			net: 100000, vat: 22000, gross: 122000, rates: []string{"22%"}},
		{name: "prices include VAT, odd amount", inclVAT: true, lines: []DocLine{{Price: 1000, Qty: 1000, VATCat: VATStandard}},
			net: 820, vat: 180, gross: 1000, rates: []string{"22%"}}, // 1000×22/122 = 180.33
		{name: "company without VAT", noVAT: true, lines: []DocLine{{Price: 100000, Qty: 1000, VATCat: VATStandard}},
			net: 100000, vat: 0, gross: 100000, rates: []string{"Без НДС"}},
		{name: "credit note is the exact negative", lines: []DocLine{{Price: 12345, Qty: -3333, VATCat: VATStandard}},
			net: -41146, vat: -9052, gross: -50198, rates: []string{"22%"}},
		{name: "overflow refused", lines: []DocLine{{Price: 1 << 62, Qty: 1 << 40, VATCat: VATStandard}}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.day
			if d.IsZero() {
				d = d2026
			}
			lines, err := ComputeLines(tt.lines, d, tt.inclVAT, tt.noVAT)
			if tt.wantErr {
				if !errors.Is(err, ErrOverflow) {
					t.Fatalf("err %v, want ErrOverflow", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := DocTotals(lines)
			if err != nil {
				t.Fatal(err)
			}
			if got.Net != tt.net || got.VAT != tt.vat || got.Gross != tt.gross {
				t.Errorf("totals %d/%d/%d, want %d/%d/%d", got.Net, got.VAT, got.Gross, tt.net, tt.vat, tt.gross)
			}
			var labels []string
			for _, r := range got.ByRate {
				labels = append(labels, r.Label)
				if r.Net+r.VAT != r.Gross {
					t.Errorf("rate %s: %d + %d != %d", r.Label, r.Net, r.VAT, r.Gross)
				}
			}
			if strings.Join(labels, ",") != strings.Join(tt.rates, ",") {
				t.Errorf("rates %v, want %v", labels, tt.rates)
			}
			for i, l := range lines {
				if l.No != i+1 {
					t.Errorf("line %d numbered %d", i+1, l.No)
				}
			}
		})
	}
}

// Net + VAT = Gross for every line and total, over random documents.
func TestDocTotalsAlwaysBalance(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cats := []VATCategory{VATStandard, VATReduced, VATZero, VATNone}
	for i := 0; i < 2000; i++ {
		n := 1 + rng.IntN(30)
		lines := make([]DocLine, n)
		for j := range lines {
			q := Qty(1 + rng.Int64N(1_000_000))
			if i%5 == 0 {
				q = -q
			}
			lines[j] = DocLine{Price: Money(rng.Int64N(100_000_000)), Qty: q, VATCat: cats[rng.IntN(len(cats))]}
		}
		cl, err := ComputeLines(lines, day("2026-06-01"), i%2 == 0, i%7 == 0)
		if err != nil {
			t.Fatal(err)
		}
		tot, err := DocTotals(cl)
		if err != nil {
			t.Fatal(err)
		}
		if tot.Net+tot.VAT != tot.Gross {
			t.Fatalf("doc %d: %d + %d != %d", i, tot.Net, tot.VAT, tot.Gross)
		}
		var sn, sv, sg Money
		for _, r := range tot.ByRate {
			sn, sv, sg = sn+r.Net, sv+r.VAT, sg+r.Gross
		}
		if sn != tot.Net || sv != tot.VAT || sg != tot.Gross || tot.Lines != n {
			t.Fatalf("doc %d: rates do not add up to the totals", i)
		}
	}
}

func TestSchedule(t *testing.T) {
	d := day("2026-03-02")
	tests := []struct {
		name  string
		terms PaymentTerms
		gross Money
		want  []string
	}{
		{"pay now", PaymentTerms{}, 10000, []string{"2026-03-02=10000"}},
		{"net 30", PaymentTerms{NetDays: 30}, 10000, []string{"2026-04-01=10000"}},
		{"30% prepay, rest in 14 days", PaymentTerms{PrepayBP: 3000, NetDays: 14}, 10001, []string{"2026-03-02=3000", "2026-03-16=7001"}},
		{"full prepayment", PaymentTerms{PrepayBP: 10000, NetDays: 14}, 999, []string{"2026-03-02=999"}},
		{"instalments", PaymentTerms{PrepayBP: 2000, Instalments: []Instalment{{30, 4000}, {60, 4000}}}, 100001,
			[]string{"2026-03-02=20000", "2026-04-01=40000", "2026-05-01=40001"}},
		{"thirds round and the last takes the rest", PaymentTerms{Instalments: []Instalment{{0, 3333}, {30, 3333}, {60, 3334}}}, 100,
			[]string{"2026-03-02=33", "2026-04-01=33", "2026-05-01=34"}},
		{"credit note amount", PaymentTerms{NetDays: 10}, -500, []string{"2026-03-12=-500"}},
		{"zero", PaymentTerms{NetDays: 10}, 0, []string{"2026-03-12=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var sum Money
			for _, it := range Schedule(tt.terms, tt.gross, d) {
				got = append(got, it.Date.Format(time.DateOnly)+"="+itoa(int64(it.Amount)))
				sum += it.Amount
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if sum != tt.gross {
				t.Errorf("items add to %d, want %d", sum, tt.gross)
			}
		})
	}
}

func itoa(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func TestPaymentTermsValidate(t *testing.T) {
	tests := []struct {
		name  string
		terms PaymentTerms
		bad   string
	}{
		{"ok", PaymentTerms{PrepayBP: 5000, NetDays: 30}, ""},
		{"prepay over 100%", PaymentTerms{PrepayBP: 10001}, "prepay"},
		{"negative days", PaymentTerms{NetDays: -1}, "net_days"},
		{"shares short of 100%", PaymentTerms{Instalments: []Instalment{{10, 5000}, {20, 4000}}}, "instalments"},
		{"days not increasing", PaymentTerms{Instalments: []Instalment{{20, 5000}, {10, 5000}}}, "instalments"},
		{"prepay plus instalments", PaymentTerms{PrepayBP: 5000, Instalments: []Instalment{{10, 5000}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.terms.Validate()
			var v ValidationErrors
			switch {
			case tt.bad == "" && err != nil:
				t.Errorf("unexpected %v", err)
			case tt.bad != "" && (!errors.As(err, &v) || v[0].Field != tt.bad):
				t.Errorf("err %v, want a problem with %s", err, tt.bad)
			}
		})
	}
}

func TestCheckCredit(t *testing.T) {
	tests := []struct {
		name               string
		limit              Money
		has                bool
		outstanding, order Money
		terms              PaymentTerms
		over               Money // 0 = allowed
	}{
		{"no limit", 0, false, 1e9, 1e9, PaymentTerms{}, 0},
		{"within", 100000, true, 40000, 60000, PaymentTerms{}, 0},
		{"one kopeck over", 100000, true, 40000, 60001, PaymentTerms{}, 1},
		{"zero limit", 0, true, 0, 1, PaymentTerms{}, 1},
		{"prepaid share needs no credit", 100000, true, 50000, 100000, PaymentTerms{PrepayBP: 5000}, 0},
		{"fully prepaid", 0, true, 0, 100000, PaymentTerms{PrepayBP: 10000}, 0},
		{"already over", 100000, true, 150000, 1000, PaymentTerms{}, 51000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCredit(tt.limit, tt.has, tt.outstanding, tt.order, tt.terms, "RUB")
			var ce *CreditLimitError
			if tt.over == 0 {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if !errors.As(err, &ce) || !errors.Is(err, ErrCreditLimit) || ce.Over != tt.over || ce.Limit != tt.limit {
				t.Errorf("err %v, want over by %d", err, tt.over)
			}
		})
	}
}

func TestInvoiceStateAndAllocation(t *testing.T) {
	inv := func(id string, gross, paid, credited Money, due string) Document {
		return Document{ID: id, Number: id, Kind: DocInvoice, Status: StatusPosted, Totals: Totals{Gross: gross}, Paid: paid,
			Credited: credited, DueDate: day(due), Date: day("2026-01-01")}
	}
	today := day("2026-03-10")
	tests := []struct {
		d    Document
		want PayState
	}{
		{inv("a", 1000, 0, 0, "2026-03-10"), PayUnpaid},
		{inv("b", 1000, 0, 0, "2026-03-09"), PayOverdue},
		{inv("c", 1000, 1, 0, "2026-03-20"), PayPartly},
		{inv("d", 1000, 1000, 0, "2026-03-01"), PayPaid},
		{inv("e", 1000, 600, -400, "2026-03-01"), PayPaid},
		{inv("f", 1000, 0, -1000, "2026-03-01"), PayPaid},
	}
	for _, tt := range tests {
		if got := InvoiceState(tt.d, today); got != tt.want {
			t.Errorf("invoice %s: %s, want %s", tt.d.ID, got, tt.want)
		}
	}
	c := inv("g", 1000, 0, 0, "2026-03-01")
	c.Status = StatusCancelled
	if InvoiceState(c, today) != PayCancelled || Outstanding(c) != 0 {
		t.Error("a cancelled invoice")
	}
	open := []Document{inv("x", 1000, 300, 0, "2026-01-01"), inv("y", 500, 0, -100, "2026-02-01"), inv("z", 800, 0, 0, "2026-03-01")}
	got := SuggestAllocation(1500, open)
	want := []Allocation{{InvoiceID: "x", InvoiceNumber: "x", Amount: 700}, {InvoiceID: "y", InvoiceNumber: "y", Amount: 400},
		{InvoiceID: "z", InvoiceNumber: "z", Amount: 400}}
	if len(got) != len(want) {
		t.Fatalf("allocation %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("allocation %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	outs := map[string]Money{"x": 700, "y": 400}
	p := Payment{CustomerID: "c", Amount: 1000, Method: PayBank, Date: today}
	for _, tc := range []struct {
		name  string
		alloc []Allocation
		field string
	}{
		{"fine", []Allocation{{InvoiceID: "x", Amount: 700}, {InvoiceID: "y", Amount: 300}}, ""},
		{"over the invoice", []Allocation{{InvoiceID: "x", Amount: 701}}, "allocations.1"},
		{"over the payment", []Allocation{{InvoiceID: "x", Amount: 700}, {InvoiceID: "y", Amount: 400}}, "allocations"},
		{"unknown invoice", []Allocation{{InvoiceID: "q", Amount: 1}}, "allocations.1"},
		{"twice", []Allocation{{InvoiceID: "x", Amount: 1}, {InvoiceID: "x", Amount: 1}}, "allocations.2"},
		{"zero", []Allocation{{InvoiceID: "x", Amount: 0}}, "allocations.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.Allocations = tc.alloc
			err := ValidatePayment(p, outs)
			var v ValidationErrors
			if tc.field == "" {
				if err != nil {
					t.Error(err)
				}
				return
			}
			if !errors.As(err, &v) || v[0].Field != tc.field {
				t.Errorf("err %v, want %s", err, tc.field)
			}
		})
	}
}

func TestAgeingAndSpreadPaid(t *testing.T) {
	inv := func(gross Money, due string) Document {
		return Document{Kind: DocInvoice, Status: StatusPosted, Totals: Totals{Gross: gross}, DueDate: day(due)}
	}
	today := day("2026-06-30")
	a := AgeingOf([]Document{inv(1, "2026-07-15"), inv(2, "2026-05-31"), inv(4, "2026-05-30"), inv(8, "2026-05-01"),
		inv(16, "2026-03-31"), inv(32, "2026-04-01")}, today)
	if a.Days0to30 != 3 || a.Days31to60 != 12 || a.Days61to90 != 32 || a.Over90 != 16 || a.Total() != 63 {
		t.Errorf("ageing %+v", a)
	}
	obs := []Obligation{{Amount: 300}, {Amount: 300}, {Amount: 400}}
	got := SpreadPaid(obs, 450)
	if got[0].Status != ObligationDone || got[1].Done != 150 || got[1].Status != ObligationOpen || got[2].Done != 0 {
		t.Errorf("spread %+v", got)
	}
	if got := SpreadPaid(obs, 1000); got[2].Status != ObligationDone {
		t.Errorf("all paid: %+v", got)
	}
	late := Obligation{Status: ObligationOpen, Due: day("2026-06-29")}
	if !late.Overdue(today) || (Obligation{Status: ObligationDone, Due: day("2026-01-01")}).Overdue(today) {
		t.Error("overdue")
	}
}

func TestEffectiveTerms(t *testing.T) {
	group := CustomerTerms{HasTerms: true, Terms: PaymentTerms{NetDays: 30}, HasLimit: true, CreditLimit: 1000, DocLang: "en"}
	got := EffectiveTerms(CustomerTerms{CustomerID: "c"}, group)
	if got.Terms.NetDays != 30 || got.CreditLimit != 1000 || got.DocLang != "en" || got.CustomerID != "c" {
		t.Errorf("inherit: %+v", got)
	}
	got = EffectiveTerms(CustomerTerms{HasLimit: true, CreditLimit: 0}, group)
	if !got.HasLimit || got.CreditLimit != 0 {
		t.Errorf("an own zero limit wins: %+v", got)
	}
	if got := EffectiveTerms(CustomerTerms{}, CustomerTerms{}); got.DocLang != "ru" || got.HasLimit {
		t.Errorf("defaults: %+v", got)
	}
}

func TestRenderTemplate(t *testing.T) {
	out, unknown := RenderTemplate("Поставщик {{supplier.name}}, покупатель {{ buyer.name }}, {{oops}} и {{oops}}; {{ незакрыто",
		map[string]string{"supplier.name": "ООО «А»", "buyer.name": "ИП Б"})
	if out != "Поставщик ООО «А», покупатель ИП Б, {{oops}} и {{oops}}; {{ незакрыто" || strings.Join(unknown, ",") != "oops" {
		t.Errorf("got %q %v", out, unknown)
	}
	for _, tpl := range DefaultTemplates() {
		if bad := TemplateProblems(tpl.Body); len(bad) > 0 {
			t.Errorf("default %s template uses unknown keys %v", tpl.Lang, bad)
		}
	}
	if got := TermsText(PaymentTerms{PrepayBP: 3000, NetDays: 14}, "ru"); got != "30% предоплата; 70% в течение 14 дней с даты счёта" {
		t.Errorf("terms text %q", got)
	}
	if got := TermsText(PaymentTerms{Instalments: []Instalment{{0, 5050}, {21, 4950}}}, "en"); got != "50.5% within 0 days; 49.5% within 21 days" {
		t.Errorf("terms text %q", got)
	}
}
