package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Message keys of the kit rules (translation keys, see ValidationError).
const (
	MsgKitChoiceMissing = "valid.kit.choice_missing" // a choice group has no choice
	MsgKitChoiceUnknown = "valid.kit.choice_unknown" // the choice is not a member of its group
	MsgKitSelf          = "valid.kit.self"           // a kit contains itself
	MsgKitQty           = "valid.kit.qty"            // a component's quantity is not > 0
	MsgKitChoiceSingle  = "valid.kit.choice_single"  // a choice group offers fewer than two products
	MsgKitDuplicate     = "valid.kit.duplicate"      // the same product twice where it would be ambiguous
)

// KitLine is one product and quantity a sold kit consists of.
type KitLine struct {
	ProductID string
	Qty       Qty
}

// ExpandKit lists what kitQty kits consist of, in the components' Sort order
// (stable for equal Sort). A component is taken when:
//   - it is fixed (no Choice, not Optional): always;
//   - it is Optional (no Choice): when optional[ProductID] is true;
//   - it belongs to a choice group (Choice != "", whether Optional or not):
//     when its ProductID == chosen[Choice]. Every group needs a choice that
//     is one of its members, except a group whose members are all Optional,
//     which may be left without one.
//
// A line's quantity is RoundDiv(component.Qty × kitQty, 1000): per-kit
// quantities times the number of kits, rounded to thousandths once. A
// negative kitQty (returning kits) gives negative lines. Errors:
// ValidationErrors with the group name as the field and MsgKitChoiceMissing
// or MsgKitChoiceUnknown, every bad group at once; ErrOverflow (wrapped).
func ExpandKit(kitQty Qty, comps []KitComponent, chosen map[string]string, optional map[string]bool) ([]KitLine, error) {
	sorted := slices.Clone(comps)
	slices.SortStableFunc(sorted, func(a, b KitComponent) int { return cmp.Compare(a.Sort, b.Sort) })
	type group struct{ allOptional, found bool }
	groups := map[string]*group{}
	var order []string
	for _, c := range sorted {
		if c.Choice == "" {
			continue
		}
		g := groups[c.Choice]
		if g == nil {
			g = &group{allOptional: true}
			groups[c.Choice] = g
			order = append(order, c.Choice)
		}
		g.allOptional = g.allOptional && c.Optional
		if pick := chosen[c.Choice]; pick != "" && c.ProductID == pick {
			g.found = true
		}
	}
	var v ValidationErrors
	for _, name := range order {
		g, pick := groups[name], chosen[name]
		switch {
		case pick == "" && g.allOptional:
		case pick == "":
			v.Add(name, MsgKitChoiceMissing)
		case !g.found:
			v.Add(name, MsgKitChoiceUnknown)
		}
	}
	if len(v) > 0 {
		return nil, v
	}
	var lines []KitLine
	taken := map[string]bool{}
	for _, c := range sorted {
		switch {
		case c.Choice != "":
			if c.ProductID != chosen[c.Choice] || taken[c.Choice] {
				continue
			}
			taken[c.Choice] = true
		case c.Optional:
			if !optional[c.ProductID] {
				continue
			}
		}
		q, ok := MulDivRound(int64(c.Qty), int64(kitQty), 1000)
		if !ok {
			return nil, fmt.Errorf("kit component %s × %d: %w", c.ProductID, kitQty, ErrOverflow)
		}
		lines = append(lines, KitLine{ProductID: c.ProductID, Qty: Qty(q)})
	}
	return lines, nil
}

// KitPrice is the price of ONE kit. KitFixed: fixed, the kit's own price.
// KitSum (and any other mode): Σ RoundDiv(unitPrice[line] × line.Qty,
// kitQty) over lines as ExpandKit gave them for kitQty kits — each
// component's price per kit, rounded per line, from the quantities actually
// delivered, so that the kit price × kitQty matches the components' amounts
// up to that per-line rounding. unitPrice holds each component's resolved
// unit price (ResolvePrice) in one currency; a product missing from it
// counts as 0, so callers resolve every line first. A zero kitQty gives 0.
// It panics on int64 overflow (ErrOverflow: inputs are validated first).
func KitPrice(pricing KitPricing, fixed Money, lines []KitLine, unitPrice map[string]Money, kitQty Qty) Money {
	if pricing == KitFixed {
		return fixed
	}
	if kitQty == 0 {
		return 0
	}
	var sum int64
	for _, l := range lines {
		var ok bool
		if sum, ok = addInt64(sum, mustMulDiv(int64(unitPrice[l.ProductID]), int64(l.Qty), int64(kitQty))); !ok {
			panic("model.KitPrice: " + ErrOverflow.Error())
		}
	}
	return Money(sum)
}

// ValidateKit checks a kit's components before they are stored: each names
// a product (MsgRequired on field "product"), not the kit itself
// (MsgKitSelf), with a quantity > 0 (MsgKitQty); a product appears at most
// once among the components outside choice groups and at most once within
// each group (MsgKitDuplicate) — it may be both fixed and an alternative;
// every choice group offers at least two products (MsgKitChoiceSingle,
// field = the group name). The field of a component's problem is its
// ProductID, so a form can mark the row. Every problem is reported once.
func ValidateKit(kitID string, comps []KitComponent) error {
	var v ValidationErrors
	reported := map[[2]string]bool{}
	add := func(field, msg string) {
		if k := [2]string{field, msg}; !reported[k] {
			reported[k] = true
			v.Add(field, msg)
		}
	}
	seen := map[[2]string]bool{} // {choice group, product}; group "" = outside groups
	members := map[string]int{}
	var order []string
	for _, c := range comps {
		if c.ProductID == "" {
			add("product", MsgRequired)
			continue
		}
		if c.ProductID == kitID {
			add(c.ProductID, MsgKitSelf)
		}
		if c.Qty <= 0 {
			add(c.ProductID, MsgKitQty)
		}
		k := [2]string{c.Choice, c.ProductID}
		if seen[k] {
			add(c.ProductID, MsgKitDuplicate)
			continue
		}
		seen[k] = true
		if c.Choice != "" {
			if members[c.Choice] == 0 {
				order = append(order, c.Choice)
			}
			members[c.Choice]++
		}
	}
	for _, g := range order {
		if members[g] < 2 {
			add(g, MsgKitChoiceSingle)
		}
	}
	return v.Err()
}
