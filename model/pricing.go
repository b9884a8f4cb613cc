package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// MsgQtyPositive: a quantity that must be greater than zero is not.
const MsgQtyPositive = "valid.qty.positive"

// PriceSource tells where a resolved price came from.
type PriceSource string

// Price sources, in order of precedence.
const (
	SourceIndividual PriceSource = "individual" // the customer's own price
	SourceList       PriceSource = "list"       // the customer group's price list
	SourceBase       PriceSource = "base"       // the product's base price
	SourceKit        PriceSource = "kit"        // a kit priced as the sum of its components (see KitPrice)
)

// Reasons a price was chosen: translation keys the document form shows
// beside the price.
const (
	ReasonIndividual = "price.reason.individual" // the customer's individual price
	ReasonList       = "price.reason.list"       // an explicit price list
	ReasonListBreak  = "price.reason.list_break" // an explicit list's quantity break
	ReasonRule       = "price.reason.rule"       // a rule list (base price ± %)
	ReasonRuleBreak  = "price.reason.rule_break" // a rule list's quantity break
	ReasonBase       = "price.reason.base"       // the base price
	ReasonKitSum     = "price.reason.kit_sum"    // the sum of the kit's components, each priced for the customer
)

// PriceInput is everything ResolvePrice needs; the caller loads it. Slices
// may hold more than applies (other customers, products, groups, dates):
// ResolvePrice filters them.
type PriceInput struct {
	Product    Product
	CustomerID string
	GroupID    string            // the customer's group ("" = none: no list applies)
	Individual []IndividualPrice // the customer's individual prices, any products
	Lists      []PriceList       // candidate lists, any groups
	Items      []PriceListItem   // items of those lists, any products
	Day        time.Time         // the document's date
	Qty        Qty               // the line's quantity, > 0
	Currency   string            // the document currency ("" = Base)
	Base       string            // base currency of BasePrice, FloorPrice and the rates
	Currencies []Currency        // must hold every currency involved (for MinorDigits)
	Rates      []ExchangeRate    // rates in Base; the one in force on Day is used (RateOn)
}

// PriceResult is a resolved unit price and how it was found.
type PriceResult struct {
	Price        Money       // unit price in the document currency, same VAT convention as the stored prices
	Source       PriceSource // where the price came from
	ListID       string      // when Source == SourceList
	ListName     string      // when Source == SourceList
	IndividualID string      // when Source == SourceIndividual
	Break        *QtyBreak   // the quantity break applied, if any
	BasePrice    Money       // the product's base price in the document currency (to show the discount)
	BelowFloor   bool        // Price < FloorPrice (converted): the sale needs approval
	Reason       string      // translation key, one of the Reason* constants
}

// ResolvePrice finds the unit price of in.Product for a customer on a day
// and quantity, in the document currency. Precedence, first match wins:
//
//  1. the customer's individual price for the product valid on Day (of
//     several, the latest ValidFrom; on a tie the greatest ID, which for
//     UUIDv7 is the newest). Individual prices have no quantity breaks.
//     Prices of other customers (a non-empty CustomerID that differs) are
//     ignored.
//  2. the customer group's price list: of the Active lists with GroupID ==
//     in.GroupID (never when the customer has no group) valid on Day, the
//     one with the latest ValidFrom (tie: greatest ID) that prices the
//     product. An explicit list prices it when it has an item for it; a rule
//     list prices every product at RoundDiv(base × (10000 + RuleBP), 10000).
//     A newer list that does not price the product falls through to the next.
//  3. the product's base price.
//
// Quantity breaks (lists only): of the breaks with MinQty ≤ Qty, the one with
// the greatest MinQty (first on a tie) — the item's breaks for an explicit
// list, the list's for a rule list. A break with Price > 0 replaces the
// price; otherwise the price is reduced by DiscountBP (RoundDiv rule).
//
// Currencies: an individual price or a list is in its own Currency ("" means
// Base), the base price in Base. A rule list first converts the base price
// into its currency, so its breaks' prices are in that currency too. The
// price found is converted to the document currency by Convert with the
// rates in force on Day; no other rounding happens on the way. Validity
// dates are inclusive at both ends. Kits are priced like any product here
// (their base price); KitPrice sums components.
//
// Errors: ValidationErrors {"qty", MsgQtyPositive} for Qty ≤ 0; ErrNoRate
// (wrapped) when a needed rate is missing — also when only BasePrice or
// the floor needs it, since skipping the floor check would bypass an
// approval; ErrNotFound (wrapped) for a currency missing from Currencies;
// an error when a list's rule or discount makes the price negative.
func ResolvePrice(in PriceInput) (PriceResult, error) {
	if in.Qty <= 0 {
		return PriceResult{}, ValidationErrors{{Field: "qty", Msg: MsgQtyPositive}}
	}
	r := resolver{in: in, doc: in.Currency}
	if r.doc == "" {
		r.doc = in.Base
	}
	res, err := r.resolve()
	if err != nil {
		return PriceResult{}, fmt.Errorf("price of product %s %s: %w", in.Product.SKU, in.Product.ID, err)
	}
	return res, nil
}

// resolver carries ResolvePrice's input and the document currency.
type resolver struct {
	in  PriceInput
	doc string
}

func (r resolver) resolve() (PriceResult, error) {
	in := r.in
	if in.Base == "" {
		return PriceResult{}, errors.New("no base currency")
	}
	var res PriceResult
	var err error
	if res.BasePrice, err = r.convert(in.Product.BasePrice, in.Base, r.doc); err != nil {
		return PriceResult{}, err
	}
	switch ip, ok := r.individual(); {
	case ok:
		if res.Price, err = r.convert(ip.Price, ip.Currency, r.doc); err != nil {
			return PriceResult{}, err
		}
		res.Source, res.IndividualID, res.Reason = SourceIndividual, ip.ID, ReasonIndividual
	default:
		found, err := r.fromLists(&res)
		if err != nil {
			return PriceResult{}, err
		}
		if !found {
			res.Price, res.Source, res.Reason = res.BasePrice, SourceBase, ReasonBase
		}
	}
	if in.Product.FloorPrice > 0 {
		floor, err := r.convert(in.Product.FloorPrice, in.Base, r.doc)
		if err != nil {
			return PriceResult{}, err
		}
		res.BelowFloor = res.Price < floor
	}
	return res, nil
}

// individual picks the customer's individual price (precedence level 1).
func (r resolver) individual() (IndividualPrice, bool) {
	var best IndividualPrice
	ok := false
	for _, ip := range r.in.Individual {
		if ip.ProductID != r.in.Product.ID || (ip.CustomerID != "" && ip.CustomerID != r.in.CustomerID) || !ip.ValidOn(r.in.Day) {
			continue
		}
		if !ok || newerThan(ip.ValidFrom, ip.ID, best.ValidFrom, best.ID) {
			best, ok = ip, true
		}
	}
	return best, ok
}

// newerThan orders by calendar day of from, then by id.
func newerThan(from time.Time, id string, thanFrom time.Time, thanID string) bool {
	if c := dayOf(from).Compare(dayOf(thanFrom)); c != 0 {
		return c > 0
	}
	return id > thanID
}

// fromLists applies precedence level 2, filling res when a list prices the
// product.
func (r resolver) fromLists(res *PriceResult) (bool, error) {
	in := r.in
	if in.GroupID == "" {
		return false, nil
	}
	var lists []PriceList
	for _, l := range in.Lists {
		if l.Active && l.GroupID == in.GroupID && l.ValidOn(in.Day) {
			lists = append(lists, l)
		}
	}
	slices.SortStableFunc(lists, func(a, b PriceList) int {
		if c := dayOf(b.ValidFrom).Compare(dayOf(a.ValidFrom)); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	for _, l := range lists {
		cur := l.Currency
		if cur == "" {
			cur = in.Base
		}
		var price Money
		var breaks []QtyBreak
		reason, breakReason := ReasonList, ReasonListBreak
		switch l.Kind {
		case ListExplicit:
			i := slices.IndexFunc(in.Items, func(it PriceListItem) bool {
				return it.ListID == l.ID && it.ProductID == in.Product.ID
			})
			if i < 0 {
				continue
			}
			price, breaks = in.Items[i].Price, in.Items[i].Breaks
		case ListRule:
			base, err := r.convert(in.Product.BasePrice, in.Base, cur)
			if err != nil {
				return false, err
			}
			p, ok := MulDivRound(int64(base), 10000+l.RuleBP, 10000)
			if !ok {
				return false, fmt.Errorf("price list %s: %w", l.Name, ErrOverflow)
			}
			price, breaks = Money(p), l.Breaks
			reason, breakReason = ReasonRule, ReasonRuleBreak
		default:
			continue // a kind this version does not know prices nothing
		}
		if b, ok := qtyBreak(breaks, in.Qty); ok {
			if b.Price > 0 {
				price = b.Price
			} else {
				p, ok := MulDivRound(int64(price), 10000-b.DiscountBP, 10000)
				if !ok {
					return false, fmt.Errorf("price list %s: %w", l.Name, ErrOverflow)
				}
				price = Money(p)
			}
			res.Break, reason = &b, breakReason
		}
		if price < 0 {
			return false, fmt.Errorf("price list %s gives a negative price %d", l.Name, price)
		}
		p, err := r.convert(price, cur, r.doc)
		if err != nil {
			return false, err
		}
		res.Price, res.Source, res.ListID, res.ListName, res.Reason = p, SourceList, l.ID, l.Name, reason
		return true, nil
	}
	return false, nil
}

// qtyBreak is the break that applies to qty: the greatest MinQty ≤ qty.
func qtyBreak(breaks []QtyBreak, qty Qty) (QtyBreak, bool) {
	var best QtyBreak
	ok := false
	for _, b := range breaks {
		if b.MinQty <= qty && (!ok || b.MinQty > best.MinQty) {
			best, ok = b, true
		}
	}
	return best, ok
}

// convert converts m from one currency code to another ("" = base) with the
// rates in force on the input's day.
func (r resolver) convert(m Money, from, to string) (Money, error) {
	in := r.in
	if from == "" {
		from = in.Base
	}
	if to == "" {
		to = in.Base
	}
	if from == to {
		return m, nil
	}
	var cs [2]Currency
	var rates [2]ExchangeRate
	for i, code := range []string{from, to} {
		c, ok := CurrencyByCode(in.Currencies, code)
		if !ok {
			return 0, fmt.Errorf("currency %s: %w", code, ErrNotFound)
		}
		cs[i] = c
		if code == in.Base {
			continue
		}
		if rates[i], ok = RateOn(in.Rates, code, in.Day); !ok {
			return 0, fmt.Errorf("rate of %s on %s: %w", code, in.Day.Format(time.DateOnly), ErrNoRate)
		}
	}
	return Convert(m, cs[0], cs[1], rates[0], rates[1], in.Base)
}
