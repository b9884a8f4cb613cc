package model_test

import (
	"errors"
	"testing"
	"time"

	"sdelka/model"
)

// priceDay is the document date of the pricing tests.
var priceDay = vatDay(2026, 1, 15)

// priceInput is a customer of group "g1" buying one unit of product p1
// (base 100.00 RUB, floor 80.00) in roubles, with USD at 80 from 10 January
// and 100 from 1 February.
func priceInput() model.PriceInput {
	return model.PriceInput{
		Product:    model.Product{ID: "p1", SKU: "A-1", BasePrice: 10000, FloorPrice: 8000},
		CustomerID: "c1",
		GroupID:    "g1",
		Day:        priceDay,
		Qty:        model.QtyOne,
		Currency:   "RUB",
		Base:       "RUB",
		Currencies: model.DefaultCurrencies,
		Rates: []model.ExchangeRate{
			{Currency: "USD", Date: vatDay(2026, 1, 10), Nominal: 1, ValueE4: 800000},
			{Currency: "USD", Date: vatDay(2026, 2, 1), Nominal: 1, ValueE4: 1000000},
			{Currency: "JPY", Date: vatDay(2026, 1, 10), Nominal: 100, ValueE4: 500000},
		},
	}
}

// ind is an individual price of p1 for c1 in roubles.
func ind(id string, price model.Money, from, to time.Time) model.IndividualPrice {
	return model.IndividualPrice{ID: id, CustomerID: "c1", ProductID: "p1", Price: price, Currency: "RUB", ValidFrom: from, ValidTo: to}
}

// explicitList is an active explicit list of group g1 in roubles.
func explicitList(id string, from, to time.Time) model.PriceList {
	return model.PriceList{ID: id, Name: "List " + id, GroupID: "g1", Currency: "RUB", ValidFrom: from, ValidTo: to,
		Kind: model.ListExplicit, Active: true}
}

// ruleList is an active rule list of group g1 in roubles.
func ruleList(id string, ruleBP int64, breaks ...model.QtyBreak) model.PriceList {
	return model.PriceList{ID: id, Name: "Rule " + id, GroupID: "g1", Currency: "RUB", Kind: model.ListRule,
		RuleBP: ruleBP, Breaks: breaks, Active: true}
}

// item is p1's price in a list.
func item(listID string, price model.Money, breaks ...model.QtyBreak) model.PriceListItem {
	return model.PriceListItem{ListID: listID, ProductID: "p1", Price: price, Breaks: breaks}
}

func TestResolvePrice(t *testing.T) {
	var zero time.Time
	day := priceDay
	before, after := day.AddDate(0, 0, -1), day.AddDate(0, 0, 1)
	breaks := []model.QtyBreak{{MinQty: 10000, Price: 9000}, {MinQty: 50000, DiscountBP: 1500}, {MinQty: 5000, DiscountBP: 500}}
	tests := []struct {
		name   string
		edit   func(in *model.PriceInput)
		want   model.PriceResult
		wantBr *model.QtyBreak
	}{
		{
			name: "base price when nothing else",
			edit: func(in *model.PriceInput) { in.GroupID = "" },
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "individual price",
			edit: func(in *model.PriceInput) { in.Individual = []model.IndividualPrice{ind("i1", 9000, zero, zero)} },
			want: model.PriceResult{Price: 9000, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "individual of another product is ignored",
			edit: func(in *model.PriceInput) {
				ip := ind("i1", 9000, zero, zero)
				ip.ProductID = "p2"
				in.Individual = []model.IndividualPrice{ip}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "individual of another customer is ignored",
			edit: func(in *model.PriceInput) {
				ip := ind("i1", 9000, zero, zero)
				ip.CustomerID = "c2"
				in.Individual = []model.IndividualPrice{ip}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "individual expired yesterday is ignored",
			edit: func(in *model.PriceInput) { in.Individual = []model.IndividualPrice{ind("i1", 9000, zero, before)} },
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "individual starting tomorrow is ignored",
			edit: func(in *model.PriceInput) { in.Individual = []model.IndividualPrice{ind("i1", 9000, after, zero)} },
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "individual valid to today (inclusive)",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i1", 9000, zero, day.Add(5*time.Hour))}
				in.Day = day.Add(20 * time.Hour)
			},
			want: model.PriceResult{Price: 9000, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "individual valid from today (inclusive)",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i1", 9000, day.Add(20*time.Hour), day)}
			},
			want: model.PriceResult{Price: 9000, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "latest ValidFrom wins among individuals",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i9", 9100, vatDay(2025, 1, 1), zero), ind("i1", 9200, before, zero), ind("i5", 9300, zero, zero)}
			},
			want: model.PriceResult{Price: 9200, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "tie on ValidFrom: greatest ID",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i2", 9100, before, zero), ind("i3", 9200, before.Add(time.Hour), zero), ind("i1", 9300, before, zero)}
			},
			want: model.PriceResult{Price: 9200, Source: model.SourceIndividual, IndividualID: "i3", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "individual beats the group's list",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i1", 9500, zero, zero)}
				in.Lists = []model.PriceList{explicitList("l1", zero, zero)}
				in.Items = []model.PriceListItem{item("l1", 7000)}
			},
			want: model.PriceResult{Price: 9500, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "individual has no quantity breaks",
			edit: func(in *model.PriceInput) {
				in.Individual = []model.IndividualPrice{ind("i1", 9500, zero, zero)}
				in.Qty = 1_000_000
			},
			want: model.PriceResult{Price: 9500, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "individual in USD converted at the day's rate",
			edit: func(in *model.PriceInput) {
				ip := ind("i1", 150, zero, zero) // 1.50 USD × 80
				ip.Currency = "USD"
				in.Individual = []model.IndividualPrice{ip}
			},
			want: model.PriceResult{Price: 12000, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "explicit list item",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero)}
				in.Items = []model.PriceListItem{{ListID: "l1", ProductID: "p2", Price: 1}, item("l1", 9000)}
			},
			want: model.PriceResult{Price: 9000, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "item of another list is not this list's",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero)}
				in.Items = []model.PriceListItem{item("l2", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "list of another group is ignored",
			edit: func(in *model.PriceInput) {
				l := explicitList("l1", zero, zero)
				l.GroupID = "g2"
				in.Lists, in.Items = []model.PriceList{l}, []model.PriceListItem{item("l1", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "unassigned list does not apply to a customer without group",
			edit: func(in *model.PriceInput) {
				l := explicitList("l1", zero, zero)
				l.GroupID = ""
				in.GroupID = ""
				in.Lists, in.Items = []model.PriceList{l}, []model.PriceListItem{item("l1", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "inactive list is ignored",
			edit: func(in *model.PriceInput) {
				l := explicitList("l1", zero, zero)
				l.Active = false
				in.Lists, in.Items = []model.PriceList{l}, []model.PriceListItem{item("l1", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "list ended yesterday is ignored",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, before)}, []model.PriceListItem{item("l1", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "list starting tomorrow is ignored",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", after, zero)}, []model.PriceListItem{item("l1", 9000)}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "list valid exactly today",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", day, day)}, []model.PriceListItem{item("l1", 9000)}
				in.Day = day.Add(23 * time.Hour)
			},
			want: model.PriceResult{Price: 9000, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "newest valid list wins",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero), explicitList("l2", before, zero), explicitList("l3", after, zero)}
				in.Items = []model.PriceListItem{item("l1", 9100), item("l2", 9200), item("l3", 9300)}
			},
			want: model.PriceResult{Price: 9200, Source: model.SourceList, ListID: "l2", ListName: "List l2", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "newest list without the product falls back to the next",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero), explicitList("l2", before, zero)}
				in.Items = []model.PriceListItem{item("l1", 9100)}
			},
			want: model.PriceResult{Price: 9100, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "tie on ValidFrom: greatest ID",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l2", before, zero), explicitList("l3", before, zero), explicitList("l1", before, zero)}
				in.Items = []model.PriceListItem{item("l1", 9100), item("l2", 9200), item("l3", 9300)}
			},
			want: model.PriceResult{Price: 9300, Source: model.SourceList, ListID: "l3", ListName: "List l3", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "zero-price item is a price",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, zero)}, []model.PriceListItem{item("l1", 0)}
			},
			want: model.PriceResult{Price: 0, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, BelowFloor: true, Reason: model.ReasonList},
		},
		{
			name: "rule list markup",
			edit: func(in *model.PriceInput) { in.Lists = []model.PriceList{ruleList("r1", 1000)} },
			want: model.PriceResult{Price: 11000, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRule},
		},
		{
			name: "rule list discount",
			edit: func(in *model.PriceInput) { in.Lists = []model.PriceList{ruleList("r1", -500)} },
			want: model.PriceResult{Price: 9500, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRule},
		},
		{
			name: "rule list rounds half a kopeck up",
			edit: func(in *model.PriceInput) {
				in.Product.BasePrice, in.Product.FloorPrice = 15, 0
				in.Lists = []model.PriceList{ruleList("r1", -5000)} // 7.5
			},
			want: model.PriceResult{Price: 8, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 15, Reason: model.ReasonRule},
		},
		{
			name: "newer rule list prices every product over an older explicit one",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero), ruleList("r1", 200)}
				in.Lists[1].ValidFrom = before
				in.Items = []model.PriceListItem{item("l1", 9100)}
			},
			want: model.PriceResult{Price: 10200, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRule},
		},
		{
			name: "list of unknown kind prices nothing",
			edit: func(in *model.PriceInput) {
				l := ruleList("r1", 1000)
				l.Kind = "formula"
				in.Lists = []model.PriceList{l}
			},
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "explicit break below the first: none",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, zero)}, []model.PriceListItem{item("l1", 9500, breaks...)}
				in.Qty = 4999
			},
			want: model.PriceResult{Price: 9500, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "explicit break discount at its MinQty",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, zero)}, []model.PriceListItem{item("l1", 9500, breaks...)}
				in.Qty = 5000
			},
			want:   model.PriceResult{Price: 9025, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonListBreak},
			wantBr: &breaks[2],
		},
		{
			name: "explicit break price",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, zero)}, []model.PriceListItem{item("l1", 9500, breaks...)}
				in.Qty = 49999
			},
			want:   model.PriceResult{Price: 9000, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonListBreak},
			wantBr: &breaks[0],
		},
		{
			name: "explicit break discount off the item price, not the lower break",
			edit: func(in *model.PriceInput) {
				in.Lists, in.Items = []model.PriceList{explicitList("l1", zero, zero)}, []model.PriceListItem{item("l1", 9500, breaks...)}
				in.Qty = 50000
			},
			want:   model.PriceResult{Price: 8075, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonListBreak},
			wantBr: &breaks[1],
		},
		{
			name: "same MinQty twice: the first",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{explicitList("l1", zero, zero)}
				in.Items = []model.PriceListItem{item("l1", 9500, model.QtyBreak{MinQty: 2000, Price: 9400}, model.QtyBreak{MinQty: 2000, Price: 9300})}
				in.Qty = 2000
			},
			want:   model.PriceResult{Price: 9400, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonListBreak},
			wantBr: &model.QtyBreak{MinQty: 2000, Price: 9400},
		},
		{
			name: "rule list break",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{ruleList("r1", -1000, model.QtyBreak{MinQty: 5000, DiscountBP: 1000}, model.QtyBreak{MinQty: 20000, Price: 7000})}
				in.Qty = 5000
			},
			want:   model.PriceResult{Price: 8100, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRuleBreak},
			wantBr: &model.QtyBreak{MinQty: 5000, DiscountBP: 1000},
		},
		{
			name: "rule list break price, below the floor",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{ruleList("r1", -1000, model.QtyBreak{MinQty: 5000, DiscountBP: 1000}, model.QtyBreak{MinQty: 20000, Price: 7000})}
				in.Qty = 25000
			},
			want: model.PriceResult{Price: 7000, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000,
				BelowFloor: true, Reason: model.ReasonRuleBreak},
			wantBr: &model.QtyBreak{MinQty: 20000, Price: 7000},
		},
		{
			name: "fractional quantity reaches a break",
			edit: func(in *model.PriceInput) {
				in.Lists = []model.PriceList{ruleList("r1", 0, model.QtyBreak{MinQty: 1500, DiscountBP: 100})}
				in.Qty = 1500
			},
			want:   model.PriceResult{Price: 9900, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRuleBreak},
			wantBr: &model.QtyBreak{MinQty: 1500, DiscountBP: 100},
		},
		{
			name: "list in USD, document in RUB",
			edit: func(in *model.PriceInput) {
				l := explicitList("l1", zero, zero)
				l.Currency = "USD"
				in.Lists, in.Items = []model.PriceList{l}, []model.PriceListItem{item("l1", 150)}
			},
			want: model.PriceResult{Price: 12000, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 10000, Reason: model.ReasonList},
		},
		{
			name: "list without currency is in the base currency",
			edit: func(in *model.PriceInput) {
				l := explicitList("l1", zero, zero)
				l.Currency = ""
				in.Currency = "USD"
				in.Lists, in.Items = []model.PriceList{l}, []model.PriceListItem{item("l1", 8000)}
			},
			want: model.PriceResult{Price: 100, Source: model.SourceList, ListID: "l1", ListName: "List l1", BasePrice: 125, Reason: model.ReasonList},
		},
		{
			name: "rule list in USD: base converted, adjusted, converted back",
			edit: func(in *model.PriceInput) {
				l := ruleList("r1", 1000)
				l.Currency = "USD"
				in.Lists = []model.PriceList{l} // 100 RUB = 1.25 USD; +10 % = 1.375 → 1.38; × 80 = 110.40
			},
			want: model.PriceResult{Price: 11040, Source: model.SourceList, ListID: "r1", ListName: "Rule r1", BasePrice: 10000, Reason: model.ReasonRule},
		},
		{
			name: "document in USD: base price converted",
			edit: func(in *model.PriceInput) { in.Currency = "USD" },
			want: model.PriceResult{Price: 125, Source: model.SourceBase, BasePrice: 125, Reason: model.ReasonBase},
		},
		{
			name: "document in USD on a later day: later rate",
			edit: func(in *model.PriceInput) { in.Currency, in.Day = "USD", vatDay(2026, 2, 1) },
			want: model.PriceResult{Price: 100, Source: model.SourceBase, BasePrice: 100, Reason: model.ReasonBase},
		},
		{
			name: "document in JPY: no minor units",
			edit: func(in *model.PriceInput) { in.Currency = "JPY" }, // 100 RUB at 50 RUB per 100 JPY
			want: model.PriceResult{Price: 200, Source: model.SourceBase, BasePrice: 200, Reason: model.ReasonBase},
		},
		{
			name: "individual in the document currency",
			edit: func(in *model.PriceInput) {
				ip := ind("i1", 99, zero, zero)
				ip.Currency = "USD"
				in.Individual = []model.IndividualPrice{ip}
				in.Currency = "USD"
			},
			// The floor of 80 RUB is 1.00 USD at 80.
			want: model.PriceResult{Price: 99, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 125, BelowFloor: true, Reason: model.ReasonIndividual},
		},
		{
			name: "floor converted at the day's rate",
			edit: func(in *model.PriceInput) {
				ip := ind("i1", 99, zero, zero) // floor 80 RUB = 0.80 USD at 100
				ip.Currency = "USD"
				in.Individual = []model.IndividualPrice{ip}
				in.Currency, in.Day = "USD", vatDay(2026, 2, 1)
			},
			want: model.PriceResult{Price: 99, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 100, Reason: model.ReasonIndividual},
		},
		{
			name: "document currency empty means base",
			edit: func(in *model.PriceInput) { in.Currency = "" },
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
		{
			name: "below the floor",
			edit: func(in *model.PriceInput) { in.Individual = []model.IndividualPrice{ind("i1", 7999, zero, zero)} },
			want: model.PriceResult{Price: 7999, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, BelowFloor: true, Reason: model.ReasonIndividual},
		},
		{
			name: "at the floor is not below",
			edit: func(in *model.PriceInput) { in.Individual = []model.IndividualPrice{ind("i1", 8000, zero, zero)} },
			want: model.PriceResult{Price: 8000, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "no floor",
			edit: func(in *model.PriceInput) {
				in.Product.FloorPrice = 0
				in.Individual = []model.IndividualPrice{ind("i1", 1, zero, zero)}
			},
			want: model.PriceResult{Price: 1, Source: model.SourceIndividual, IndividualID: "i1", BasePrice: 10000, Reason: model.ReasonIndividual},
		},
		{
			name: "a kit is priced like any product",
			edit: func(in *model.PriceInput) { in.Product.Kind, in.Product.KitPricing = model.KindKit, model.KitFixed },
			want: model.PriceResult{Price: 10000, Source: model.SourceBase, BasePrice: 10000, Reason: model.ReasonBase},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := priceInput()
			tc.edit(&in)
			got, err := model.ResolvePrice(in)
			if err != nil {
				t.Fatalf("got error %v, want %+v", err, tc.want)
			}
			gotBr := got.Break
			got.Break = nil
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			switch {
			case (gotBr == nil) != (tc.wantBr == nil):
				t.Errorf("break: got %v, want %v", gotBr, tc.wantBr)
			case gotBr != nil && *gotBr != *tc.wantBr:
				t.Errorf("break: got %+v, want %+v", *gotBr, *tc.wantBr)
			}
		})
	}
}

func TestResolvePriceDoesNotAliasInput(t *testing.T) {
	in := priceInput()
	in.Lists, in.Items = []model.PriceList{explicitList("l1", time.Time{}, time.Time{})}, []model.PriceListItem{item("l1", 9500, model.QtyBreak{MinQty: 1000, Price: 9000})}
	got, err := model.ResolvePrice(in)
	if err != nil || got.Break == nil {
		t.Fatalf("got %+v, %v; want a break", got, err)
	}
	got.Break.Price = 1
	if in.Items[0].Breaks[0].Price != 9000 {
		t.Errorf("changing the result's break changed the input's")
	}
}

func TestResolvePriceErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(in *model.PriceInput)
		want  error
		field string // a ValidationErrors field, when set
	}{
		{"zero quantity", func(in *model.PriceInput) { in.Qty = 0 }, nil, "qty"},
		{"negative quantity", func(in *model.PriceInput) { in.Qty = -1000 }, nil, "qty"},
		{"no rate for the document currency yet", func(in *model.PriceInput) { in.Currency, in.Day = "USD", vatDay(2026, 1, 9) }, model.ErrNoRate, ""},
		{"no rate for EUR at all", func(in *model.PriceInput) { in.Currency = "EUR" }, model.ErrNoRate, ""},
		{"no rate for the individual price's currency", func(in *model.PriceInput) {
			in.Individual = []model.IndividualPrice{ind("i1", 100, time.Time{}, time.Time{})}
			in.Individual[0].Currency = "EUR"
		}, model.ErrNoRate, ""},
		{"no rate for an individual price in the document currency: base needs it", func(in *model.PriceInput) {
			in.Individual = []model.IndividualPrice{ind("i1", 100, time.Time{}, time.Time{})}
			in.Individual[0].Currency, in.Currency = "EUR", "EUR"
		}, model.ErrNoRate, ""},
		{"no rate for the list's currency", func(in *model.PriceInput) {
			in.Lists, in.Items = []model.PriceList{explicitList("l1", time.Time{}, time.Time{})}, []model.PriceListItem{item("l1", 100)}
			in.Lists[0].Currency = "EUR"
		}, model.ErrNoRate, ""},
		{"unknown document currency", func(in *model.PriceInput) { in.Currency = "XXX" }, model.ErrNotFound, ""},
		{"no base currency", func(in *model.PriceInput) { in.Base, in.Currency = "", "" }, nil, ""},
		{"rule making the price negative", func(in *model.PriceInput) { in.Lists = []model.PriceList{ruleList("r1", -20000)} }, nil, ""},
		{"break making the price negative", func(in *model.PriceInput) {
			in.Lists = []model.PriceList{ruleList("r1", 0, model.QtyBreak{MinQty: 1, DiscountBP: 12000})}
		}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := priceInput()
			tc.edit(&in)
			got, err := model.ResolvePrice(in)
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if tc.field != "" {
				checkProblems(t, err, tc.field+"="+model.MsgQtyPositive)
			} else if model.FieldErrors(err) != nil {
				t.Errorf("got field errors %v, want a plain error", err)
			}
		})
	}
}
