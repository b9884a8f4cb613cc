package model_test

import (
	"slices"
	"testing"

	"sdelka/model"
)

// crossHistory is twelve orders over products A…F, plus baskets that must
// not count (empty, only blank IDs). Counted by hand:
//
//	orders 12; A 6, B 5, C 3, D 4, E 4, F 5
//	together: AB 4, AC 2, AD 2, AE 1, AF 1, BC 2, BD 2, BF 1, CE 1, DE 1, DF 1, EF 1
//	(BE, CD, CF never)
func crossHistory() *model.CrossCounter {
	c := model.NewCrossCounter()
	for _, b := range [][]string{
		{"A", "B", "C", "A"}, // A repeated: counted once
		{"A", "B", "C"},
		{"A", "B", "D"},
		{"A", "B", "D"},
		{"A", "E"},
		{"A", "F"},
		{"B", "F"},
		{},
		{"C", "E"},
		{"D", "E"},
		nil,
		{"D", "F"},
		{"", ""},
		{"E", "F"},
		{"F", "F", ""}, // F alone
	} {
		c.Add(b)
	}
	return c
}

func TestCrossCounterStats(t *testing.T) {
	c := crossHistory()
	p := func(a, b string, n int) model.CrossPair { return model.CrossPair{Product: a, Other: b, Together: n} }
	tests := []struct {
		name                    string
		perProduct, minTogether int
		want                    []model.CrossPair
	}{
		{"everything: by product, most frequent first, ties by ID", 0, 1, []model.CrossPair{
			p("A", "B", 4), p("A", "C", 2), p("A", "D", 2), p("A", "E", 1), p("A", "F", 1),
			p("B", "A", 4), p("B", "C", 2), p("B", "D", 2), p("B", "F", 1),
			p("C", "A", 2), p("C", "B", 2), p("C", "E", 1),
			p("D", "A", 2), p("D", "B", 2), p("D", "E", 1), p("D", "F", 1),
			p("E", "A", 1), p("E", "C", 1), p("E", "D", 1), p("E", "F", 1),
			p("F", "A", 1), p("F", "B", 1), p("F", "D", 1), p("F", "E", 1),
		}},
		{"together at least 2 (as stored)", 50, 2, []model.CrossPair{
			p("A", "B", 4), p("A", "C", 2), p("A", "D", 2),
			p("B", "A", 4), p("B", "C", 2), p("B", "D", 2),
			p("C", "A", 2), p("C", "B", 2),
			p("D", "A", 2), p("D", "B", 2),
		}},
		{"two per product: the tie C/D cut by ID", 2, 2, []model.CrossPair{
			p("A", "B", 4), p("A", "C", 2),
			p("B", "A", 4), p("B", "C", 2),
			p("C", "A", 2), p("C", "B", 2),
			p("D", "A", 2), p("D", "B", 2),
		}},
		{"one per product", 1, 1, []model.CrossPair{
			p("A", "B", 4), p("B", "A", 4), p("C", "A", 2), p("D", "A", 2), p("E", "A", 1), p("F", "A", 1),
		}},
		{"nothing together 5 times", 0, 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := c.Stats(tt.perProduct, tt.minTogether)
			if s.Orders != 12 {
				t.Errorf("orders: got %d, want 12", s.Orders)
			}
			wantItems := map[string]int{"A": 6, "B": 5, "C": 3, "D": 4, "E": 4, "F": 5}
			if len(s.Items) != len(wantItems) {
				t.Errorf("items: got %v, want %v", s.Items, wantItems)
			}
			for k, v := range wantItems {
				if s.Items[k] != v {
					t.Errorf("orders with %s: got %d, want %d", k, s.Items[k], v)
				}
			}
			if !slices.Equal(s.Pairs, tt.want) {
				t.Errorf("pairs:\n got %v\nwant %v", s.Pairs, tt.want)
			}
		})
	}
	t.Run("stats are a copy", func(t *testing.T) {
		s := c.Stats(0, 1)
		s.Items["A"] = 100
		if c.Stats(0, 1).Items["A"] != 6 {
			t.Error("changing Stats' items changed the counter")
		}
	})
	t.Run("empty counter", func(t *testing.T) {
		s := model.NewCrossCounter().Stats(50, 2)
		if s.Orders != 0 || len(s.Items) != 0 || len(s.Pairs) != 0 {
			t.Errorf("got %+v, want nothing", s)
		}
	})
}

func TestSuggest(t *testing.T) {
	all := crossHistory().Stats(0, 1)
	stored := crossHistory().Stats(50, 2)
	// Deal with A (orders 12, A in 6):
	//   B: together 4 → confidence 4/6 = 66.67 %, support 4/12 = 33.33 %, lift 4·12/(6·5) = 1.6
	//   C: together 2 → confidence 2/6 = 33.33 %, support 2/12 = 16.67 %, lift 2·12/(6·3) = 1.333
	//   D: lift 2·12/(6·4) = 1.0 — not above chance, left out
	//   E: lift 1·12/(6·4) = 0.5, F: lift 1·12/(6·5) = 0.4 — left out
	sugB := model.Suggestion{ProductID: "B", Because: "A", Together: 4, WithBecause: 6, Orders: 12, ConfidenceBP: 6667, SupportBP: 3333, LiftE3: 1600}
	sugC := model.Suggestion{ProductID: "C", Because: "A", Together: 2, WithBecause: 6, Orders: 12, ConfidenceBP: 3333, SupportBP: 1667, LiftE3: 1333}
	// Deal with A and B (B in 5): B is on the deal, so not offered.
	//   C via A: 33.33 %, lift 1.333; via B: 2/5 = 40 %, lift 2·12/(5·3) = 1.6 → reasoned by B
	//   D via A: lift 1.0 (out); via B: 2/5 = 40 %, lift 2·12/(5·4) = 1.2 → reasoned by B
	//   F via B: lift 1·12/(5·5) = 0.48 (out); E never with B, lift 0.5 with A (out)
	//   C and D tie on confidence: the higher lift (C) first.
	sugCB := model.Suggestion{ProductID: "C", Because: "B", Together: 2, WithBecause: 5, Orders: 12, ConfidenceBP: 4000, SupportBP: 1667, LiftE3: 1600}
	sugDB := model.Suggestion{ProductID: "D", Because: "B", Together: 2, WithBecause: 5, Orders: 12, ConfidenceBP: 4000, SupportBP: 1667, LiftE3: 1200}
	reversed := slices.Clone(all.Pairs)
	slices.Reverse(reversed)
	tests := []struct {
		name   string
		orders int
		items  map[string]int
		pairs  []model.CrossPair
		deal   []string
		limit  int
		want   []model.Suggestion
	}{
		{"deal with A", all.Orders, all.Items, all.Pairs, []string{"A"}, 10, []model.Suggestion{sugB, sugC}},
		{"deal with A, stored statistics", stored.Orders, stored.Items, stored.Pairs, []string{"A"}, 10, []model.Suggestion{sugB, sugC}},
		{"deal with A, at most one", all.Orders, all.Items, all.Pairs, []string{"A"}, 1, []model.Suggestion{sugB}},
		{"deal with A, no limit", all.Orders, all.Items, all.Pairs, []string{"A"}, 0, []model.Suggestion{sugB, sugC}},
		{"deal with A and B", all.Orders, all.Items, all.Pairs, []string{"A", "B"}, 10, []model.Suggestion{sugCB, sugDB}},
		{"deal with B and A, pairs reversed", all.Orders, all.Items, reversed, []string{"B", "A"}, 10, []model.Suggestion{sugCB, sugDB}},
		{"deal with A and B twice", all.Orders, all.Items, all.Pairs, []string{"A", "B", "A"}, 10, []model.Suggestion{sugCB, sugDB}},
		// Two per product drops B–D (the tie C/D is cut by ID), so D is not offered.
		{"deal with A and B, two per product", all.Orders, all.Items, crossHistory().Stats(2, 2).Pairs, []string{"A", "B"}, 10, []model.Suggestion{sugCB}},
		{"deal with A, B and C", all.Orders, all.Items, all.Pairs, []string{"A", "B", "C"}, 10, []model.Suggestion{sugDB}},
		{"deal with F: nothing above chance", all.Orders, all.Items, all.Pairs, []string{"F"}, 10, []model.Suggestion{}},
		{"a product never ordered", all.Orders, all.Items, all.Pairs, []string{"Z"}, 10, []model.Suggestion{}},
		{"empty deal", all.Orders, all.Items, all.Pairs, nil, 10, []model.Suggestion{}},
		{"no orders counted", 0, all.Items, all.Pairs, []string{"A"}, 10, nil},
		{"counts of the candidate missing", all.Orders, map[string]int{"A": 6}, all.Pairs, []string{"A"}, 10, []model.Suggestion{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.Suggest(tt.orders, tt.items, tt.pairs, tt.deal, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if tt.want == nil && got != nil {
				t.Errorf("got %#v, want nil", got)
			}
		})
	}
}

// A pair seen exactly as often as chance predicts (lift 1.000) is left out;
// one more order together puts it in.
func TestSuggestLiftBoundary(t *testing.T) {
	// 10 orders; X in 5, Y in 4.
	items := map[string]int{"X": 5, "Y": 4}
	tests := []struct {
		together int
		want     []model.Suggestion
	}{
		{1, []model.Suggestion{}}, // lift 1·10/(5·4) = 0.5
		{2, []model.Suggestion{}}, // lift exactly 1
		{3, []model.Suggestion{{ProductID: "Y", Because: "X", Together: 3, WithBecause: 5, Orders: 10,
			ConfidenceBP: 6000, SupportBP: 3000, LiftE3: 1500}}},
	}
	for _, tt := range tests {
		got := model.Suggest(10, items, []model.CrossPair{{Product: "X", Other: "Y", Together: tt.together}}, []string{"X"}, 5)
		if !slices.Equal(got, tt.want) {
			t.Errorf("together %d: got %+v, want %+v", tt.together, got, tt.want)
		}
	}
}
