package model

import "sort"

// CrossCounter counts, over order baskets, how many orders contain each
// product and each pair of products: the statistics cross-selling suggests
// from. Feed it one basket per posted order (Add), then take Stats.
type CrossCounter struct {
	orders int
	items  map[string]int
	pairs  map[string]map[string]int
	seen   map[string]struct{}
	uniq   []string
}

// NewCrossCounter returns an empty counter.
func NewCrossCounter() *CrossCounter {
	return &CrossCounter{items: map[string]int{}, pairs: map[string]map[string]int{}, seen: map[string]struct{}{}}
}

// Add counts one order's products (repeats within the basket count once).
// Baskets of a single product count towards the orders and the product only.
func (c *CrossCounter) Add(basket []string) {
	clear(c.seen)
	c.uniq = c.uniq[:0]
	for _, p := range basket {
		if p == "" {
			continue
		}
		if _, ok := c.seen[p]; ok {
			continue
		}
		c.seen[p] = struct{}{}
		c.uniq = append(c.uniq, p)
	}
	if len(c.uniq) == 0 {
		return
	}
	c.orders++
	for _, a := range c.uniq {
		c.items[a]++
		m := c.pairs[a]
		if m == nil {
			m = map[string]int{}
			c.pairs[a] = m
		}
		for _, b := range c.uniq {
			if a != b {
				m[b]++
			}
		}
	}
}

// CrossPair is how many orders contain both Product and Other.
type CrossPair struct {
	Product  string
	Other    string
	Together int
}

// CrossStats are the counts to store: orders counted, orders per product,
// and per product its companions (each direction stored).
type CrossStats struct {
	Orders int
	Items  map[string]int
	Pairs  []CrossPair
}

// Stats keeps, for each product, at most perProduct companions seen together
// in at least minTogether orders, the most frequent first (ties by ID).
func (c *CrossCounter) Stats(perProduct, minTogether int) CrossStats {
	s := CrossStats{Orders: c.orders, Items: make(map[string]int, len(c.items))}
	for k, v := range c.items {
		s.Items[k] = v
	}
	keys := make([]string, 0, len(c.pairs))
	for k := range c.pairs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf []CrossPair
	for _, a := range keys {
		buf = buf[:0]
		for b, n := range c.pairs[a] {
			if n >= minTogether {
				buf = append(buf, CrossPair{Product: a, Other: b, Together: n})
			}
		}
		sort.Slice(buf, func(i, j int) bool {
			if buf[i].Together != buf[j].Together {
				return buf[i].Together > buf[j].Together
			}
			return buf[i].Other < buf[j].Other
		})
		if perProduct > 0 && len(buf) > perProduct {
			buf = buf[:perProduct]
		}
		s.Pairs = append(s.Pairs, buf...)
	}
	return s
}

// Suggest ranks products to offer with a deal's products. pairs are the
// stored companions of the deal's products, items the orders containing each
// product (the deal's and the candidates'), orders the number of orders
// counted. A candidate already on the deal is skipped; a candidate that goes
// with several of the deal's products is reasoned by the one with the
// highest confidence. Only candidates bought together more often than chance
// (lift above 1) are kept. Order: confidence, then lift, then together, then
// ID; at most limit.
func Suggest(orders int, items map[string]int, pairs []CrossPair, dealProducts []string, limit int) []Suggestion {
	if orders <= 0 {
		return nil
	}
	on := make(map[string]bool, len(dealProducts))
	for _, p := range dealProducts {
		on[p] = true
	}
	best := map[string]Suggestion{}
	for _, p := range pairs {
		if !on[p.Product] || on[p.Other] || p.Together <= 0 {
			continue
		}
		with, other := items[p.Product], items[p.Other]
		if with <= 0 || other <= 0 {
			continue
		}
		conf, _ := MulDivRound(int64(p.Together), 10000, int64(with))
		lift, ok := MulDivRound(int64(p.Together)*int64(orders), 1000, int64(with)*int64(other))
		if !ok || lift <= 1000 {
			continue
		}
		sup, _ := MulDivRound(int64(p.Together), 10000, int64(orders))
		s := Suggestion{ProductID: p.Other, Because: p.Product, Together: p.Together, WithBecause: with, Orders: orders,
			ConfidenceBP: conf, SupportBP: sup, LiftE3: lift}
		if cur, ok := best[p.Other]; !ok || better(s, cur) {
			best[p.Other] = s
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return better(out[i], out[j]) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func better(a, b Suggestion) bool {
	if a.ConfidenceBP != b.ConfidenceBP {
		return a.ConfidenceBP > b.ConfidenceBP
	}
	if a.LiftE3 != b.LiftE3 {
		return a.LiftE3 > b.LiftE3
	}
	if a.Together != b.Together {
		return a.Together > b.Together
	}
	if a.ProductID != b.ProductID {
		return a.ProductID < b.ProductID
	}
	return a.Because < b.Because
}
