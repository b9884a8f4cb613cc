package model_test

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"sdelka/model"
)

// Figures are in kopecks. Invoices are taxed at 22 % unless a test says
// otherwise: net 10000 (100.00 ₽) is gross 12200.

func cday(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

func cat(id string, net, gross model.Money) model.CommissionLine {
	return model.CommissionLine{CategoryID: id, Net: net, Gross: gross}
}

// pay is an allocation of amount to invoice inv, dated and recorded on day.
func pay(num, inv string, day time.Time, amount model.Money, lines ...model.CommissionLine) model.PaidItem {
	return model.PaidItem{
		PaymentID: "p-" + num, PaymentNumber: num, Date: day, Recorded: day.Add(10 * time.Hour),
		CustomerID: "c1", CustomerName: "ООО Ромашка", InvoiceID: "i-" + inv, InvoiceNumber: inv,
		Amount: amount, Lines: lines,
	}
}

func credit(num, inv string, day time.Time, lines ...model.CommissionLine) model.CreditItem {
	return model.CreditItem{
		CreditNoteID: "cn-" + num, CreditNoteNumber: num, Date: day, Recorded: day.Add(10 * time.Hour),
		CustomerID: "c1", CustomerName: "ООО Ромашка", InvoiceID: "i-" + inv, InvoiceNumber: inv, Lines: lines,
	}
}

func baseRule() model.CommissionRule {
	return model.CommissionRule{ID: "r1", Role: model.RoleSeller, BaseRateBP: 500, ValidFrom: cday(1, 1)}
}

func tierRule() model.CommissionRule {
	r := baseRule()
	r.Tiers = []model.CommissionTier{{FromBP: 12000, FactorBP: 15000}, {FromBP: 10000, FactorBP: 12000}}
	r.PlanBonus = 1000
	return r
}

func plan(amount model.Money) model.SalesPlan {
	return model.SalesPlan{UserID: "u1", Month: cday(3, 1), Amount: amount}
}

// entryFig is the part of an entry the tables check.
type entryFig struct {
	Kind       model.CommissionEntryKind
	Doc        string
	Category   string
	Base       model.Money
	RateBP     int64
	FactorBP   int64
	Commission model.Money
	Late       bool
}

func figs(es []model.CommissionEntry) []entryFig {
	if len(es) == 0 {
		return nil
	}
	out := make([]entryFig, len(es))
	for i, e := range es {
		out[i] = entryFig{e.Kind, e.DocNumber, e.CategoryID, e.Base, e.RateBP, e.FactorBP, e.Commission, e.Late}
	}
	return out
}

type calcWant struct {
	Paid, Credited         model.Money
	HasPlan                bool
	FulfilmentBP, FactorBP int64
	Commission, Bonus      model.Money
	Total                  model.Money
	Lines                  []entryFig
}

func checkCalc(t *testing.T, got model.CommissionCalc, want calcWant) {
	t.Helper()
	g := calcWant{got.Paid, got.Credited, got.HasPlan, got.FulfilmentBP, got.FactorBP, got.Commission, got.Bonus, got.Total, figs(got.Lines)}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("got  %+v\nwant %+v", g, want)
	}
}

func pe(doc, category string, base model.Money, rate, factor int64, comm model.Money) entryFig {
	return entryFig{model.CommissionPayment, doc, category, base, rate, factor, comm, false}
}

func ce(doc, category string, base model.Money, rate, factor int64, comm model.Money) entryFig {
	return entryFig{model.CommissionCredit, doc, category, base, rate, factor, comm, false}
}

func TestCalculateCommission(t *testing.T) {
	march := cday(3, 1)
	noVAT := func(amount model.Money) []model.CommissionLine {
		return []model.CommissionLine{cat("", amount, amount)}
	}
	catRule := baseRule()
	catRule.CategoryRates = map[string]int64{"tools": 1000, "cheap": 0}
	parents := map[string]string{"drills": "tools", "tools": "", "food": "", "cheap": "tools", "loop1": "loop2", "loop2": "loop1"}

	tests := []struct {
		name  string
		rule  model.CommissionRule
		plan  model.SalesPlan
		items []model.PaidItem
		want  calcWant
	}{
		{
			name:  "base rate on the net of a paid invoice",
			rule:  baseRule(),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 12200, cat("", 10000, 12200))},
			// 12200 × 10000 / 12200 = 10000 net; 5 % = 500.
			want: calcWant{Paid: 10000, FactorBP: 10000, Commission: 500, Total: 500,
				Lines: []entryFig{pe("1", "", 10000, 500, 10000, 500)}},
		},
		{
			name: "category override, a subcategory inherits its parent's rate",
			rule: catRule,
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 20800,
				cat("drills", 10000, 12200), cat("food", 5000, 5500), cat("cheap", 2500, 3050), cat("loop1", 100, 50))},
			// Σnet 17600, Σgross 20800: the full payment's net is 17600.
			// drills → tools 10 %: 1000; food: base 5 %: 250; cheap: own 0 %;
			// loop1 (a cycle without rates): base 5 % of 100 = 5.
			want: calcWant{Paid: 17600, FactorBP: 10000, Commission: 1255, Total: 1255, Lines: []entryFig{
				pe("1", "drills", 10000, 1000, 10000, 1000),
				pe("1", "food", 5000, 500, 10000, 250),
				pe("1", "cheap", 2500, 0, 10000, 0),
				pe("1", "loop1", 100, 500, 10000, 5),
			}},
		},
		{
			name:  "tier: 99.99 % stays at ×1 without bonus",
			rule:  tierRule(),
			plan:  plan(100000),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 99990, noVAT(99990)...)},
			// 99990 × 5 % = 4999.5 → 5000 (half a kopeck away from zero).
			want: calcWant{Paid: 99990, HasPlan: true, FulfilmentBP: 9999, FactorBP: 10000, Commission: 5000, Total: 5000,
				Lines: []entryFig{pe("1", "", 99990, 500, 10000, 5000)}},
		},
		{
			name:  "tier: 99.995 % is truncated to 99.99 %, not rounded up to the plan",
			rule:  tierRule(),
			plan:  plan(100000),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 99995, noVAT(99995)...)},
			// 99995 × 5 % = 4999.75 → 5000.
			want: calcWant{Paid: 99995, HasPlan: true, FulfilmentBP: 9999, FactorBP: 10000, Commission: 5000, Total: 5000,
				Lines: []entryFig{pe("1", "", 99995, 500, 10000, 5000)}},
		},
		{
			name:  "tier: exactly 100 % gives ×1.2 and the bonus",
			rule:  tierRule(),
			plan:  plan(100000),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 100000, noVAT(100000)...)},
			// 100000 × 5 % × 1.2 = 6000, + bonus 1000.
			want: calcWant{Paid: 100000, HasPlan: true, FulfilmentBP: 10000, FactorBP: 12000, Commission: 6000, Bonus: 1000, Total: 7000,
				Lines: []entryFig{pe("1", "", 100000, 500, 12000, 6000)}},
		},
		{
			name: "tier: 119.99 % stays at ×1.2 for the whole period",
			rule: tierRule(),
			plan: plan(100000),
			items: []model.PaidItem{
				pay("1", "СЧ-1", cday(3, 10), 60000, noVAT(60000)...),
				pay("2", "СЧ-2", cday(3, 20), 59990, noVAT(59990)...),
			},
			// 60000 × 6 % = 3600; 59990 × 6 % = 3599.4 → 3599.
			want: calcWant{Paid: 119990, HasPlan: true, FulfilmentBP: 11999, FactorBP: 12000, Commission: 7199, Bonus: 1000, Total: 8199,
				Lines: []entryFig{pe("1", "", 60000, 500, 12000, 3600), pe("2", "", 59990, 500, 12000, 3599)}},
		},
		{
			name: "tier: 120 % gives ×1.5 on the whole period, not marginally",
			rule: tierRule(),
			plan: plan(100000),
			items: []model.PaidItem{
				pay("1", "СЧ-1", cday(3, 10), 60000, noVAT(60000)...),
				pay("2", "СЧ-2", cday(3, 20), 60000, noVAT(60000)...),
			},
			// each 60000 × 7.5 % = 4500; + bonus 1000.
			want: calcWant{Paid: 120000, HasPlan: true, FulfilmentBP: 12000, FactorBP: 15000, Commission: 9000, Bonus: 1000, Total: 10000,
				Lines: []entryFig{pe("1", "", 60000, 500, 15000, 4500), pe("2", "", 60000, 500, 15000, 4500)}},
		},
		{
			name: "no plan: fulfilment undefined, no tier, no bonus",
			rule: func() model.CommissionRule {
				r := tierRule()
				r.Tiers = append(r.Tiers, model.CommissionTier{FromBP: 0, FactorBP: 20000})
				return r
			}(),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 100000, noVAT(100000)...)},
			want: calcWant{Paid: 100000, FactorBP: 10000, Commission: 5000, Total: 5000,
				Lines: []entryFig{pe("1", "", 100000, 500, 10000, 5000)}},
		},
		{
			name: "a tier from 0 % applies below the plan",
			rule: func() model.CommissionRule {
				r := tierRule()
				r.Tiers = append(r.Tiers, model.CommissionTier{FromBP: 0, FactorBP: 5000})
				return r
			}(),
			plan:  plan(100000),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 50000, noVAT(50000)...)},
			// 50000 × 5 % × 0.5 = 1250.
			want: calcWant{Paid: 50000, HasPlan: true, FulfilmentBP: 5000, FactorBP: 5000, Commission: 1250, Total: 1250,
				Lines: []entryFig{pe("1", "", 50000, 500, 5000, 1250)}},
		},
		{
			name: "an allocation over three lines puts the remainder kopeck on the largest",
			rule: catRule,
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 100,
				cat("food", 100, 100), cat("tools", 200, 200), cat("other", 100, 100))},
			// net paid 100: 25, 50, 25 exactly.
			want: calcWant{Paid: 100, FactorBP: 10000, Commission: 1 + 5 + 1, Total: 7, Lines: []entryFig{
				pe("1", "food", 25, 500, 10000, 1), // 1.25 → 1
				pe("1", "tools", 50, 1000, 10000, 5),
				pe("1", "other", 25, 500, 10000, 1),
			}},
		},
		{
			name: "remainder kopeck: 100 over three equal lines",
			rule: catRule,
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 122,
				cat("food", 100, 122), cat("tools", 100, 122), cat("other", 100, 122))},
			// net paid = 122 × 300 / 366 = 100; 33.33 → 33 each, the 1 left
			// goes to the first of the largest: 34, 33, 33.
			want: calcWant{Paid: 100, FactorBP: 10000, Commission: 2 + 3 + 2, Total: 7, Lines: []entryFig{
				pe("1", "food", 34, 500, 10000, 2), // 1.7 → 2
				pe("1", "tools", 33, 1000, 10000, 3),
				pe("1", "other", 33, 500, 10000, 2), // 1.65 → 2
			}},
		},
		{
			name: "lines of one category on an invoice make one entry",
			rule: baseRule(),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 18300,
				cat("a", 10000, 12200), cat("b", 2500, 3050), cat("a", 2500, 3050))},
			// net 15000: a 12500 → 625, b 2500 → 125.
			want: calcWant{Paid: 15000, FactorBP: 10000, Commission: 750, Total: 750, Lines: []entryFig{
				pe("1", "a", 12500, 500, 10000, 625),
				pe("1", "b", 2500, 500, 10000, 125),
			}},
		},
		{
			name: "rounding at half a kopeck",
			rule: baseRule(),
			items: []model.PaidItem{
				pay("1", "СЧ-1", cday(3, 10), 10, noVAT(10)...), // 0.5 → 1
				pay("2", "СЧ-2", cday(3, 11), 30, noVAT(30)...), // 1.5 → 2
				pay("3", "СЧ-3", cday(3, 12), 9, noVAT(9)...),   // 0.45 → 0
				pay("4", "СЧ-4", cday(3, 13), 11, noVAT(11)...), // 0.55 → 1
			},
			want: calcWant{Paid: 60, FactorBP: 10000, Commission: 4, Total: 4, Lines: []entryFig{
				pe("1", "", 10, 500, 10000, 1), pe("2", "", 30, 500, 10000, 2),
				pe("3", "", 9, 500, 10000, 0), pe("4", "", 11, 500, 10000, 1),
			}},
		},
		{
			name: "zero: nothing paid",
			rule: tierRule(),
			plan: plan(100000),
			want: calcWant{HasPlan: true, FactorBP: 10000},
		},
		{
			name:  "an invoice of zero net (all lines 0 % of nothing) counts nothing",
			rule:  baseRule(),
			items: []model.PaidItem{pay("1", "СЧ-1", cday(3, 10), 500, cat("", 0, 500))},
			want:  calcWant{FactorBP: 10000, Lines: []entryFig{pe("1", "", 0, 500, 10000, 0)}},
		},
		{
			name: "payments of other months are skipped",
			rule: baseRule(),
			items: []model.PaidItem{
				pay("1", "СЧ-1", cday(2, 28), 100, noVAT(100)...),
				pay("2", "СЧ-2", cday(3, 31), 200, noVAT(200)...),
				pay("3", "СЧ-3", cday(4, 1), 400, noVAT(400)...),
			},
			want: calcWant{Paid: 200, FactorBP: 10000, Commission: 10, Total: 10,
				Lines: []entryFig{pe("2", "", 200, 500, 10000, 10)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.CalculateCommission(tt.rule, tt.plan, model.CommissionInput{
				UserID: "u1", Period: march, Items: tt.items, CategoryParent: parents,
			})
			if err != nil {
				t.Fatalf("CalculateCommission: %v", err)
			}
			if !got.Period.Equal(march) || got.UserID != "u1" || got.RuleID != tt.rule.ID || got.Plan != tt.plan.Amount {
				t.Errorf("header = %s %v %s plan %d", got.UserID, got.Period, got.RuleID, got.Plan)
			}
			checkCalc(t, got, tt.want)
		})
	}
}

func TestSpreadAllocation(t *testing.T) {
	tests := []struct {
		name   string
		amount model.Money
		lines  []model.CommissionLine
		want   []model.Money
	}{
		{"one line", 12200, []model.CommissionLine{cat("", 10000, 12200)}, []model.Money{10000}},
		{"remainder +1 on the first largest", 100, []model.CommissionLine{cat("", 1, 1), cat("", 1, 1), cat("", 1, 1)}, []model.Money{34, 33, 33}},
		{"remainder −1 on the first largest", 20, []model.CommissionLine{cat("", 1, 1), cat("", 1, 1), cat("", 1, 1)}, []model.Money{6, 7, 7}},
		{"remainder on the largest line", 12, []model.CommissionLine{cat("", 1, 1), cat("", 3, 3), cat("", 1, 1)}, []model.Money{2, 8, 2}}, // 2.4, 7.2, 2.4
		{"mixed VAT rates", 9, []model.CommissionLine{cat("", 1000, 1220), cat("", 2000, 2200), cat("", 3000, 3000)},
			// net paid = 9 × 6000 / 6420 = 8.41 → 8; 1.33 → 1, 2.67 → 3, 4 → 4.
			[]model.Money{1, 3, 4}},
		{"zero allocation", 0, []model.CommissionLine{cat("", 1, 1), cat("", 2, 2)}, []model.Money{0, 0}},
		{"huge allocation on one kopeck of net", math.MaxInt64, []model.CommissionLine{cat("", 1, 1)}, []model.Money{math.MaxInt64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.SpreadAllocation(tt.amount, tt.lines)
			if err != nil {
				t.Fatalf("SpreadAllocation: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SpreadAllocation(%d) = %v, want %v", tt.amount, got, tt.want)
			}
		})
	}
	t.Run("parts add up to the net paid", func(t *testing.T) {
		lines := []model.CommissionLine{cat("", 333, 406), cat("", 1, 1), cat("", 777, 855), cat("", 50, 61)}
		for amount := model.Money(1); amount <= 2000; amount++ {
			parts, err := model.SpreadAllocation(amount, lines)
			if err != nil {
				t.Fatal(err)
			}
			var sum model.Money
			for _, p := range parts {
				sum += p
			}
			if want := model.Money(model.RoundDiv(int64(amount)*1161, 1323)); sum != want {
				t.Fatalf("amount %d: parts %v add up to %d, want %d", amount, parts, sum, want)
			}
		}
	})
	for _, bad := range [][]model.CommissionLine{nil, {cat("", 10, 0)}} {
		if _, err := model.SpreadAllocation(100, bad); model.FieldErrors(err) == nil {
			t.Errorf("SpreadAllocation(100, %v) error = %v, want a validation error", bad, err)
		}
	}
}

func TestCommissionAcrossPeriods(t *testing.T) {
	rule := baseRule()
	inv := []model.CommissionLine{cat("tools", 10000, 12200)}
	calc := func(t *testing.T, month time.Month, r model.CommissionRule, items []model.PaidItem, credits []model.CreditItem, earlier []model.CommissionEntry, closings []model.PeriodClosing) model.CommissionCalc {
		t.Helper()
		c, err := model.CalculateCommission(r, model.SalesPlan{}, model.CommissionInput{
			UserID: "u1", Period: cday(month, 15), Items: items, Credits: credits, Earlier: earlier, Closings: closings,
		})
		if err != nil {
			t.Fatalf("CalculateCommission(%s): %v", month, err)
		}
		return c
	}

	t.Run("partial payments of one invoice across two periods", func(t *testing.T) {
		items := []model.PaidItem{pay("1", "СЧ-1", cday(1, 20), 6100, inv...), pay("2", "СЧ-1", cday(2, 5), 6100, inv...)}
		jan := calc(t, 1, rule, items, nil, nil, nil)
		checkCalc(t, jan, calcWant{Paid: 5000, FactorBP: 10000, Commission: 250, Total: 250,
			Lines: []entryFig{pe("1", "tools", 5000, 500, 10000, 250)}})
		feb := calc(t, 2, rule, items, nil, jan.Lines, nil)
		checkCalc(t, feb, calcWant{Paid: 5000, FactorBP: 10000, Commission: 250, Total: 250,
			Lines: []entryFig{pe("2", "tools", 5000, 500, 10000, 250)}})
	})

	t.Run("a credit note reduces commission at the rate the original earned", func(t *testing.T) {
		r := tierRule()
		items := []model.PaidItem{pay("1", "СЧ-1", cday(1, 20), 12200, inv...)}
		jan, err := model.CalculateCommission(r, model.SalesPlan{UserID: "u1", Month: cday(1, 1), Amount: 10000},
			model.CommissionInput{UserID: "u1", Period: cday(1, 1), Items: items})
		if err != nil {
			t.Fatal(err)
		}
		// January: 10000 × 5 % × 1.2 = 600 + bonus 1000.
		checkCalc(t, jan, calcWant{Paid: 10000, HasPlan: true, FulfilmentBP: 10000, FactorBP: 12000, Commission: 600, Bonus: 1000, Total: 1600,
			Lines: []entryFig{pe("1", "tools", 10000, 500, 12000, 600)}})
		// February has no plan (×1), yet the return claws back at January's
		// 6 %: 4000 × 600 / 10000 = 240; Paid (fulfilment) is untouched.
		credits := []model.CreditItem{credit("КР-1", "СЧ-1", cday(2, 3), cat("tools", -4000, -4880))}
		feb := calc(t, 2, r, items, credits, jan.Lines, nil)
		checkCalc(t, feb, calcWant{Credited: -4000, FactorBP: 10000, Commission: -240, Total: -240,
			Lines: []entryFig{ce("КР-1", "tools", -4000, 500, 12000, -240)}})
	})

	t.Run("a credit note beyond what was paid reverses only the paid part", func(t *testing.T) {
		items := []model.PaidItem{pay("1", "СЧ-1", cday(1, 20), 6100, inv...)}
		jan := calc(t, 1, rule, items, nil, nil, nil)
		credits := []model.CreditItem{
			credit("КР-1", "СЧ-1", cday(2, 3), cat("tools", -8000, -9760)),
			credit("КР-2", "СЧ-1", cday(2, 4), cat("tools", -1000, -1220)), // nothing left to reverse
			credit("КР-3", "СЧ-9", cday(2, 4), cat("tools", -1000, -1220)), // an invoice never paid
			credit("КР-4", "СЧ-1", cday(2, 4), cat("food", -1000, -1220)),  // a category never paid
		}
		feb := calc(t, 2, rule, items, credits, jan.Lines, nil)
		checkCalc(t, feb, calcWant{Credited: -5000, FactorBP: 10000, Commission: -250, Total: -250,
			Lines: []entryFig{ce("КР-1", "tools", -5000, 500, 10000, -250)}})
	})

	t.Run("credit notes in parts claw back exactly what was earned", func(t *testing.T) {
		r := rule
		r.BaseRateBP = 333
		items := []model.PaidItem{pay("1", "СЧ-1", cday(1, 20), 12200, inv...)}
		jan := calc(t, 1, r, items, nil, nil, nil) // 10000 × 3.33 % = 333
		c1 := []model.CreditItem{credit("КР-1", "СЧ-1", cday(2, 3), cat("tools", -3333, -4066))}
		feb := calc(t, 2, r, items, c1, jan.Lines, nil)
		// 3333 × 333 / 10000 = 110.99 → 111.
		checkCalc(t, feb, calcWant{Credited: -3333, FactorBP: 10000, Commission: -111, Total: -111,
			Lines: []entryFig{ce("КР-1", "tools", -3333, 333, 10000, -111)}})
		c2 := []model.CreditItem{credit("КР-2", "СЧ-1", cday(3, 3), cat("tools", -6667, -8134))}
		mar := calc(t, 3, r, items, c2, append(jan.Lines, feb.Lines...), nil)
		// cumulatively all 333 earned: 333 − 111 = 222, never a kopeck more.
		checkCalc(t, mar, calcWant{Credited: -6667, FactorBP: 10000, Commission: -222, Total: -222,
			Lines: []entryFig{ce("КР-2", "tools", -6667, 333, 10000, -222)}})
	})

	t.Run("a credit note in the same period as the payment", func(t *testing.T) {
		items := []model.PaidItem{pay("1", "СЧ-1", cday(1, 20), 12200, inv...)}
		credits := []model.CreditItem{credit("КР-1", "СЧ-1", cday(1, 25), cat("tools", -10000, -12200))}
		jan := calc(t, 1, rule, items, credits, nil, nil)
		checkCalc(t, jan, calcWant{Paid: 10000, Credited: -10000, FactorBP: 10000, Commission: 0, Total: 0,
			Lines: []entryFig{pe("1", "tools", 10000, 500, 10000, 500), ce("КР-1", "tools", -10000, 500, 10000, -500)}})
	})

	t.Run("a closed period is frozen; a late payment lands in the next one", func(t *testing.T) {
		closings := []model.PeriodClosing{{Month: cday(1, 1), ClosedAt: time.Date(2026, 2, 3, 12, 0, 0, 0, time.UTC)}}
		before := []model.PaidItem{
			pay("1", "СЧ-1", cday(1, 20), 12200, inv...),
			pay("2", "СЧ-2", cday(2, 2), 1220, cat("tools", 1000, 1220)),
		}
		// Dated 31 January, entered 3 February just before the closing: January.
		inTime := pay("3", "СЧ-3", cday(1, 31), 2440, cat("tools", 2000, 2440))
		inTime.Recorded = time.Date(2026, 2, 3, 11, 59, 59, 0, time.UTC)
		before = append(before, inTime)
		janBefore := calc(t, 1, rule, before, nil, nil, closings)
		checkCalc(t, janBefore, calcWant{Paid: 12000, FactorBP: 10000, Commission: 600, Total: 600, Lines: []entryFig{
			pe("1", "tools", 10000, 500, 10000, 500), pe("3", "tools", 2000, 500, 10000, 100),
		}})

		late := pay("4", "СЧ-4", cday(1, 30), 12200, inv...)
		late.Recorded = time.Date(2026, 2, 3, 12, 0, 0, 0, time.UTC) // at the closing: too late
		lateCredit := credit("КР-1", "СЧ-1", cday(1, 31), cat("tools", -1000, -1220))
		lateCredit.Recorded = time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
		after := append(append([]model.PaidItem{}, before...), late)
		janAfter := calc(t, 1, rule, after, []model.CreditItem{lateCredit}, nil, closings)
		if !reflect.DeepEqual(janAfter, janBefore) {
			t.Errorf("January changed after it was closed:\n got %+v\nwant %+v", janAfter, janBefore)
		}
		feb := calc(t, 2, rule, after, []model.CreditItem{lateCredit}, janAfter.Lines, closings)
		want := calcWant{Paid: 11000, Credited: -1000, FactorBP: 10000, Commission: 500, Total: 500, Lines: []entryFig{
			pe("4", "tools", 10000, 500, 10000, 500),
			pe("2", "tools", 1000, 500, 10000, 50),
			ce("КР-1", "tools", -1000, 500, 10000, -50),
		}}
		want.Lines[0].Late, want.Lines[2].Late = true, true
		checkCalc(t, feb, want)
	})
}

func TestCommissionMonthOf(t *testing.T) {
	closeJan := model.PeriodClosing{Month: cday(1, 31), ClosedAt: time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)}
	closeFeb := model.PeriodClosing{Month: cday(2, 1), ClosedAt: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		name           string
		date, recorded time.Time
		closings       []model.PeriodClosing
		want           time.Time
	}{
		{"open month", cday(1, 20), cday(1, 20), nil, cday(1, 1)},
		{"recorded before the closing", cday(1, 20), cday(2, 4), []model.PeriodClosing{closeJan}, cday(1, 1)},
		{"recorded at the closing", cday(1, 20), cday(2, 5), []model.PeriodClosing{closeJan}, cday(2, 1)},
		{"two closed months in a row", cday(1, 20), cday(3, 6), []model.PeriodClosing{closeFeb, closeJan}, cday(3, 1)},
		{"February still open when recorded", cday(1, 20), cday(3, 1), []model.PeriodClosing{closeFeb, closeJan}, cday(2, 1)},
		{"zero recorded is before every closing", cday(1, 20), time.Time{}, []model.PeriodClosing{closeJan}, cday(1, 1)},
		{"a date's own calendar", time.Date(2026, 2, 1, 0, 30, 0, 0, msk), time.Time{}, nil, cday(2, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.CommissionMonthOf(tt.date, tt.recorded, tt.closings); !got.Equal(tt.want) {
				t.Errorf("CommissionMonthOf = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolveCommissionRule(t *testing.T) {
	role := func(id string, r model.Role, from time.Time) model.CommissionRule {
		return model.CommissionRule{ID: id, Role: r, BaseRateBP: 500, ValidFrom: from}
	}
	own := func(id, user string, from time.Time) model.CommissionRule {
		return model.CommissionRule{ID: id, UserID: user, BaseRateBP: 700, ValidFrom: from}
	}
	rules := []model.CommissionRule{
		role("seller-2025", model.RoleSeller, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
		role("seller-feb", model.RoleSeller, cday(2, 1)),
		role("head", model.RoleHead, cday(1, 1)),
		own("u1-mar", "u1", cday(3, 1)),
		own("u1-mid-mar", "u1", cday(3, 15)),
		own("u2-jan", "u2", cday(1, 1)),
	}
	tests := []struct {
		name   string
		user   string
		role   model.Role
		period time.Time
		want   string
		ok     bool
	}{
		{"the role's, newest on or before the period", "u1", model.RoleSeller, cday(2, 20), "seller-feb", true},
		{"the role's of January", "u1", model.RoleSeller, cday(1, 31), "seller-2025", true},
		{"the user's own wins over the role's", "u1", model.RoleSeller, cday(3, 20), "u1-mar", true},
		{"a rule from the middle of the month counts from the next", "u1", model.RoleSeller, cday(4, 1), "u1-mid-mar", true},
		{"another user's rule never applies", "u3", model.RoleSeller, cday(3, 1), "seller-feb", true},
		{"own rule whatever the role", "u2", model.RoleAccountant, cday(2, 1), "u2-jan", true},
		{"none", "u3", model.RoleAccountant, cday(2, 1), "", false},
		{"none yet", "u3", model.RoleHead, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := model.ResolveCommissionRule(rules, tt.user, tt.role, tt.period)
			if got.ID != tt.want || ok != tt.ok {
				t.Errorf("ResolveCommissionRule = %q, %v, want %q, %v", got.ID, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFulfilmentBPAndTierFactor(t *testing.T) {
	for _, tt := range []struct {
		paid, plan model.Money
		want       int64
	}{
		{99990, 100000, 9999}, {99999, 100000, 9999}, {100000, 100000, 10000}, {120000, 100000, 12000},
		{0, 100000, 0}, {100, 0, 0}, {-5, 100, 0}, {math.MaxInt64, 1, math.MaxInt64}, {1, 3, 3333},
	} {
		if got := model.FulfilmentBP(tt.paid, tt.plan); got != tt.want {
			t.Errorf("FulfilmentBP(%d, %d) = %d, want %d", tt.paid, tt.plan, got, tt.want)
		}
	}
	tiers := tierRule().Tiers
	for _, tt := range []struct {
		bp      int64
		hasPlan bool
		want    int64
	}{
		{9999, true, 10000}, {10000, true, 12000}, {11999, true, 12000}, {12000, true, 15000}, {math.MaxInt64, true, 15000}, {12000, false, 10000},
	} {
		if got := model.TierFactor(tiers, tt.bp, tt.hasPlan); got != tt.want {
			t.Errorf("TierFactor(%d, %v) = %d, want %d", tt.bp, tt.hasPlan, got, tt.want)
		}
	}
}

func TestCalculateCommissionRefuses(t *testing.T) {
	huge := func(amount model.Money) []model.PaidItem {
		return []model.PaidItem{pay("1", "СЧ-1", cday(3, 1), amount, cat("", 1, 1))}
	}
	maxRule := baseRule()
	maxRule.BaseRateBP = 10000
	tier2 := maxRule
	tier2.Tiers = []model.CommissionTier{{FromBP: 0, FactorBP: 20000}}
	badRule := baseRule()
	badRule.BaseRateBP = 10001
	ownRule := baseRule()
	ownRule.UserID = "u2"
	tests := []struct {
		name    string
		rule    model.CommissionRule
		plan    model.SalesPlan
		items   []model.PaidItem
		credits []model.CreditItem
		is      error
	}{
		{"paid revenue overflows", maxRule, model.SalesPlan{},
			append(huge(math.MaxInt64), pay("2", "СЧ-2", cday(3, 2), 1, cat("", 1, 1))), nil, model.ErrOverflow},
		{"commission overflows", tier2, plan(1), huge(math.MaxInt64), nil, model.ErrOverflow},
		{"zero allocation", baseRule(), model.SalesPlan{}, huge(0), nil, model.ErrCommissionInput},
		{"negative allocation", baseRule(), model.SalesPlan{}, huge(-1), nil, model.ErrCommissionInput},
		{"positive credit note line", baseRule(), model.SalesPlan{}, nil,
			[]model.CreditItem{credit("КР-1", "СЧ-1", cday(3, 1), cat("", 1, 1))}, model.ErrCommissionInput},
		{"another user's rule", ownRule, model.SalesPlan{}, nil, nil, model.ErrCommissionInput},
		{"another month's plan", baseRule(), model.SalesPlan{UserID: "u1", Month: cday(2, 1), Amount: 1}, nil, nil, model.ErrCommissionInput},
		{"negative plan", baseRule(), model.SalesPlan{UserID: "u1", Month: cday(3, 1), Amount: -1}, nil, nil, model.ErrCommissionInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := model.CalculateCommission(tt.rule, tt.plan, model.CommissionInput{UserID: "u1", Period: cday(3, 1), Items: tt.items, Credits: tt.credits})
			if !errors.Is(err, tt.is) {
				t.Errorf("error = %v, want %v", err, tt.is)
			}
		})
	}
	t.Run("invalid rule", func(t *testing.T) {
		_, err := model.CalculateCommission(badRule, model.SalesPlan{}, model.CommissionInput{UserID: "u1", Period: cday(3, 1)})
		if fe := model.FieldErrors(err); len(fe) != 1 || fe[0].Field != "base_rate" {
			t.Errorf("error = %v, want base_rate invalid", err)
		}
	})
	t.Run("huge but fitting amounts are exact", func(t *testing.T) {
		got, err := model.CalculateCommission(maxRule, model.SalesPlan{}, model.CommissionInput{UserID: "u1", Period: cday(3, 1), Items: huge(math.MaxInt64)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Paid != math.MaxInt64 || got.Total != math.MaxInt64 {
			t.Errorf("Paid, Total = %d, %d, want MaxInt64", got.Paid, got.Total)
		}
	})
}

func TestValidateCommissionRule(t *testing.T) {
	tests := []struct {
		name   string
		change func(*model.CommissionRule)
		want   []string
	}{
		{"valid", func(*model.CommissionRule) {}, nil},
		{"valid own rule without a role", func(r *model.CommissionRule) { r.UserID, r.Role = "u1", "" }, nil},
		{"no owner", func(r *model.CommissionRule) { r.Role = "" }, []string{"role=valid.commission.owner"}},
		{"negative rate", func(r *model.CommissionRule) { r.BaseRateBP = -1 }, []string{"base_rate=valid.commission.rate"}},
		{"rate over 100 %", func(r *model.CommissionRule) { r.CategoryRates = map[string]int64{"a": 10001} }, []string{"rates=valid.commission.rate"}},
		{"same tier twice", func(r *model.CommissionRule) {
			r.Tiers = []model.CommissionTier{{FromBP: 100, FactorBP: 1}, {FromBP: 100, FactorBP: 2}}
		}, []string{"tiers=valid.commission.tier"}},
		{"factor too big", func(r *model.CommissionRule) {
			r.Tiers = []model.CommissionTier{{FromBP: 100, FactorBP: 1_000_001}}
		}, []string{"tiers=valid.commission.tier"}},
		{"negative bonus", func(r *model.CommissionRule) { r.PlanBonus = -1 }, []string{"bonus=valid.commission.bonus"}},
		{"no start", func(r *model.CommissionRule) { r.ValidFrom = time.Time{} }, []string{"valid_from=valid.commission.valid_from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tierRule()
			tt.change(&r)
			var got []string
			for _, e := range model.FieldErrors(model.ValidateCommissionRule(r)) {
				got = append(got, e.Field+"="+e.Msg)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ValidateCommissionRule = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCommissionSummary(t *testing.T) {
	calcs := []model.CommissionCalc{
		{UserID: "u2", Paid: 1000, Commission: 50, Total: 50},
		{UserID: "u1", Paid: 2000, Credited: -100, Commission: 95, Bonus: 10, Total: 105},
		{UserID: "u2", Paid: 3000, Commission: 150, Bonus: 20, Total: 170},
	}
	rows, all, err := model.CommissionSummary(calcs)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.CommissionSummaryRow{
		{UserID: "u1", Periods: 1, Paid: 2000, Credited: -100, Commission: 95, Bonus: 10, Total: 105},
		{UserID: "u2", Periods: 2, Paid: 4000, Commission: 200, Bonus: 20, Total: 220},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %+v, want %+v", rows, want)
	}
	if wantAll := (model.CommissionSummaryRow{Periods: 3, Paid: 6000, Credited: -100, Commission: 295, Bonus: 30, Total: 325}); all != wantAll {
		t.Errorf("total = %+v, want %+v", all, wantAll)
	}
	if rows, all, err := model.CommissionSummary(nil); err != nil || len(rows) != 0 || all != (model.CommissionSummaryRow{}) {
		t.Errorf("empty summary = %v, %+v, %v", rows, all, err)
	}
	_, _, err = model.CommissionSummary([]model.CommissionCalc{{UserID: "u1", Total: math.MaxInt64}, {UserID: "u2", Total: 1}})
	if !errors.Is(err, model.ErrOverflow) {
		t.Errorf("overflowing summary error = %v, want ErrOverflow", err)
	}
}
