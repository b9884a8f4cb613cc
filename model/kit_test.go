package model_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"sdelka/model"
)

// kitComps is a workstation kit, deliberately listed out of Sort order:
// a fixed case, an optional mouse (2 pieces), a colour choice of two
// monitors, and an optional bag choice.
func kitComps() []model.KitComponent {
	return []model.KitComponent{
		{KitID: "kit", ProductID: "mon-black", Qty: 1000, Choice: "color", Sort: 3},
		{KitID: "kit", ProductID: "case", Qty: 1000, Sort: 1},
		{KitID: "kit", ProductID: "mouse", Qty: 2000, Optional: true, Sort: 2},
		{KitID: "kit", ProductID: "mon-white", Qty: 1000, Choice: "color", Sort: 4},
		{KitID: "kit", ProductID: "bag-s", Qty: 1000, Choice: "bag", Optional: true, Sort: 5},
		{KitID: "kit", ProductID: "bag-l", Qty: 1000, Choice: "bag", Optional: true, Sort: 6},
	}
}

func TestExpandKit(t *testing.T) {
	tests := []struct {
		name     string
		kitQty   model.Qty
		comps    []model.KitComponent
		chosen   map[string]string
		optional map[string]bool
		want     []model.KitLine
	}{
		{
			name: "fixed and chosen only", kitQty: 1000, comps: kitComps(),
			chosen: map[string]string{"color": "mon-white"},
			want:   []model.KitLine{{"case", 1000}, {"mon-white", 1000}},
		},
		{
			name: "optional taken, optional group chosen", kitQty: 1000, comps: kitComps(),
			chosen:   map[string]string{"color": "mon-black", "bag": "bag-l"},
			optional: map[string]bool{"mouse": true},
			want:     []model.KitLine{{"case", 1000}, {"mouse", 2000}, {"mon-black", 1000}, {"bag-l", 1000}},
		},
		{
			name: "optional false is not taken", kitQty: 1000, comps: kitComps(),
			chosen:   map[string]string{"color": "mon-black"},
			optional: map[string]bool{"mouse": false, "case": false, "mon-white": true},
			want:     []model.KitLine{{"case", 1000}, {"mon-black", 1000}},
		},
		{
			name: "three kits", kitQty: 3000, comps: kitComps(),
			chosen:   map[string]string{"color": "mon-black"},
			optional: map[string]bool{"mouse": true},
			want:     []model.KitLine{{"case", 3000}, {"mouse", 6000}, {"mon-black", 3000}},
		},
		{
			name: "fractional quantities round half up", kitQty: 1500,
			comps: []model.KitComponent{{ProductID: "wire", Qty: 333}, {ProductID: "glue", Qty: 1}},
			want:  []model.KitLine{{"wire", 500}, {"glue", 2}}, // 499.5 and 1.5
		},
		{
			name: "returning kits gives negative lines", kitQty: -1500,
			comps: []model.KitComponent{{ProductID: "wire", Qty: 333}, {ProductID: "case", Qty: 1000}},
			want:  []model.KitLine{{"wire", -500}, {"case", -1500}},
		},
		{
			name: "equal Sort keeps the given order", kitQty: 1000,
			comps: []model.KitComponent{{ProductID: "b", Qty: 1000, Sort: 1}, {ProductID: "a", Qty: 1000, Sort: 1}, {ProductID: "z", Qty: 1000}},
			want:  []model.KitLine{{"z", 1000}, {"b", 1000}, {"a", 1000}},
		},
		{
			name: "choice for a group the kit does not have is ignored", kitQty: 1000,
			comps:  []model.KitComponent{{ProductID: "a", Qty: 1000}},
			chosen: map[string]string{"color": "x"},
			want:   []model.KitLine{{"a", 1000}},
		},
		{
			name: "a product twice in one group is taken once", kitQty: 1000,
			comps:  []model.KitComponent{{ProductID: "a", Qty: 1000, Choice: "g"}, {ProductID: "a", Qty: 2000, Choice: "g"}},
			chosen: map[string]string{"g": "a"},
			want:   []model.KitLine{{"a", 1000}},
		},
		{name: "no components", kitQty: 1000, want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := slices.Clone(tc.comps)
			got, err := model.ExpandKit(tc.kitQty, tc.comps, tc.chosen, tc.optional)
			if err != nil {
				t.Fatalf("got error %v, want %v", err, tc.want)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if !slices.Equal(orig, tc.comps) {
				t.Errorf("ExpandKit reordered its input")
			}
		})
	}
}

func TestExpandKitErrors(t *testing.T) {
	tests := []struct {
		name   string
		chosen map[string]string
		want   []string
	}{
		{"no choice at all", nil, []string{"color=" + model.MsgKitChoiceMissing}},
		{"empty choice", map[string]string{"color": ""}, []string{"color=" + model.MsgKitChoiceMissing}},
		{"not a member", map[string]string{"color": "case"}, []string{"color=" + model.MsgKitChoiceUnknown}},
		{"member of another group", map[string]string{"color": "bag-s"}, []string{"color=" + model.MsgKitChoiceUnknown}},
		{"optional group with a bad choice", map[string]string{"color": "mon-black", "bag": "mon-white"}, []string{"bag=" + model.MsgKitChoiceUnknown}},
		{"every bad group at once", map[string]string{"bag": "nope"}, []string{"color=" + model.MsgKitChoiceMissing, "bag=" + model.MsgKitChoiceUnknown}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := model.ExpandKit(1000, kitComps(), tc.chosen, nil)
			if got != nil {
				t.Errorf("got lines %v, want none", got)
			}
			checkProblems(t, err, tc.want...)
		})
	}
	t.Run("overflow", func(t *testing.T) {
		_, err := model.ExpandKit(math.MaxInt64, []model.KitComponent{{ProductID: "a", Qty: 2000}}, nil, nil)
		if !errors.Is(err, model.ErrOverflow) {
			t.Errorf("got %v, want ErrOverflow", err)
		}
	})
}

func TestKitPrice(t *testing.T) {
	prices := map[string]model.Money{"case": 500000, "mouse": 99950, "mon-black": 1500000, "wire": 1001}
	tests := []struct {
		name    string
		pricing model.KitPricing
		fixed   model.Money
		lines   []model.KitLine
		kitQty  model.Qty
		want    model.Money
	}{
		{"fixed ignores components", model.KitFixed, 1234500, []model.KitLine{{"case", 1000}}, 1000, 1234500},
		{"fixed for many kits is still per kit", model.KitFixed, 1234500, []model.KitLine{{"case", 5000}}, 5000, 1234500},
		{"sum of one kit", model.KitSum, 0, []model.KitLine{{"case", 1000}, {"mouse", 2000}, {"mon-black", 1000}}, 1000, 500000 + 199900 + 1500000},
		{"sum per kit of three kits", model.KitSum, 0, []model.KitLine{{"case", 3000}, {"mouse", 6000}, {"mon-black", 3000}}, 3000, 500000 + 199900 + 1500000},
		{"per-line rounding half up", model.KitSum, 0, []model.KitLine{{"wire", 500}}, 1000, 501},               // 500.5
		{"per-line rounding on a fraction of kits", model.KitSum, 0, []model.KitLine{{"wire", 500}}, 1500, 334}, // 333.67
		{"fractional quantity", model.KitSum, 0, []model.KitLine{{"case", 250}}, 1000, 125000},
		{"missing price counts as zero", model.KitSum, 0, []model.KitLine{{"case", 1000}, {"unknown", 1000}}, 1000, 500000},
		{"returned kits: same price per kit", model.KitSum, 0, []model.KitLine{{"case", -2000}}, -2000, 500000},
		{"no lines", model.KitSum, 0, nil, 1000, 0},
		{"zero kits", model.KitSum, 0, []model.KitLine{{"case", 1000}}, 0, 0},
		{"unknown mode sums", model.KitPricing("other"), 7, []model.KitLine{{"case", 1000}}, 1000, 500000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.KitPrice(tc.pricing, tc.fixed, tc.lines, prices, tc.kitQty); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestKitPriceFromExpandKit(t *testing.T) {
	prices := map[string]model.Money{"case": 500000, "mouse": 99950, "mon-black": 1500000}
	for _, kitQty := range []model.Qty{1000, 2000, 7000, 1000000} {
		lines, err := model.ExpandKit(kitQty, kitComps(), map[string]string{"color": "mon-black"}, map[string]bool{"mouse": true})
		if err != nil {
			t.Fatal(err)
		}
		if got := model.KitPrice(model.KitSum, 0, lines, prices, kitQty); got != 2199900 {
			t.Errorf("%d kits: got %d per kit, want 2199900", kitQty, got)
		}
	}
}

func TestValidateKit(t *testing.T) {
	c := func(pid string, qty model.Qty, choice string) model.KitComponent {
		return model.KitComponent{KitID: "kit", ProductID: pid, Qty: qty, Choice: choice}
	}
	tests := []struct {
		name  string
		comps []model.KitComponent
		want  []string
	}{
		{"valid", kitComps(), nil},
		{"empty kit", nil, nil},
		{"fixed and also an alternative", []model.KitComponent{c("a", 1000, ""), c("a", 1000, "g"), c("b", 1000, "g")}, nil},
		{"a product in two groups", []model.KitComponent{c("a", 1000, "g1"), c("b", 1000, "g1"), c("a", 1000, "g2"), c("c", 1000, "g2")}, nil},
		{"kit inside itself", []model.KitComponent{c("kit", 1000, "")}, []string{"kit=" + model.MsgKitSelf}},
		{"zero quantity", []model.KitComponent{c("a", 0, "")}, []string{"a=" + model.MsgKitQty}},
		{"negative quantity", []model.KitComponent{c("a", -1000, "")}, []string{"a=" + model.MsgKitQty}},
		{"no product", []model.KitComponent{c("", 1000, ""), c("", 1000, "")}, []string{"product=" + model.MsgRequired}},
		{"single-member group", []model.KitComponent{c("a", 1000, "g"), c("b", 1000, "")}, []string{"g=" + model.MsgKitChoiceSingle}},
		{"duplicate fixed", []model.KitComponent{c("a", 1000, ""), c("b", 1000, ""), c("a", 2000, "")}, []string{"a=" + model.MsgKitDuplicate}},
		{"duplicate optional and fixed", []model.KitComponent{c("a", 1000, ""), {ProductID: "a", Qty: 1000, Optional: true}}, []string{"a=" + model.MsgKitDuplicate}},
		{"duplicate in a group leaves it single", []model.KitComponent{c("a", 1000, "g"), c("a", 2000, "g")},
			[]string{"a=" + model.MsgKitDuplicate, "g=" + model.MsgKitChoiceSingle}},
		{"each problem once, all at once", []model.KitComponent{c("kit", 0, ""), c("kit", 0, ""), c("kit", 0, ""), c("x", 1000, "solo")},
			[]string{"kit=" + model.MsgKitSelf, "kit=" + model.MsgKitQty, "kit=" + model.MsgKitDuplicate, "solo=" + model.MsgKitChoiceSingle}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, model.ValidateKit("kit", tc.comps), tc.want...)
		})
	}
}
