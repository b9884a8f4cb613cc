package model

import (
	"strconv"
	"strings"
	"time"
)

// Money is an amount in minor units (kopecks, cents) of a currency that
// travels beside it. Float64 never carries money.
type Money int64

// Qty is a quantity in thousandths of its unit (Russian documents show up to
// three decimals: 1.5 kg is 1500, one piece is 1000).
type Qty int64

// QtyOne is a quantity of one unit.
const QtyOne Qty = 1000

// ProductKind tells goods (kept in stock) from services and kits.
type ProductKind string

// Product kinds.
const (
	KindGoods   ProductKind = "goods"
	KindService ProductKind = "service"
	KindKit     ProductKind = "kit" // a set of components (KitComponent), see ExpandKit
)

// VATCategory is how a product is taxed; the rate for a date comes from the
// dated VAT table (VATRateOn), never from code at the call site.
type VATCategory string

// VAT categories.
const (
	VATStandard VATCategory = "standard" // 20 % until 2025-12-31, 22 % from 2026-01-01
	VATReduced  VATCategory = "reduced"  // 10 %
	VATZero     VATCategory = "zero"     // 0 % (export)
	VATNone     VATCategory = "none"     // «Без НДС» (exempt, or a simplified-tax seller)
)

// KitPricing says how a kit's price is found.
type KitPricing string

// Kit pricing modes.
const (
	KitSum   KitPricing = "sum"   // the sum of the chosen components' prices
	KitFixed KitPricing = "fixed" // the kit's own price
)

// Product is an item of the catalog: goods, a service or a kit.
type Product struct {
	ID          string
	Num         int64 // stable number, the search index's rowid
	SKU         string
	Name        string
	Description string
	CategoryID  string // "" = uncategorised
	Kind        ProductKind
	UnitCode    string // OKEI code, see Units
	Barcode     string // EAN-13, checked; "" when none
	BasePrice   Money  // in the base currency, with or without VAT per company setting
	CostPrice   Money
	FloorPrice  Money // a sale below it needs approval; 0 = no floor
	VAT         VATCategory
	WeightGrams int64
	Active      bool
	Image       []byte // PNG or JPEG, loaded only by FindProductByID
	SellerNote  string // shown to sellers beside the price
	KitPricing  KitPricing
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Category is a node of the catalog's category tree.
type Category struct {
	ID       string
	ParentID string // "" = a root
	Name     string
	Sort     int
	Version  int64
}

// Unit is a unit of measure with its OKEI code (ОКЕИ) for Russian documents.
type Unit struct {
	Code   string // "796"
	Symbol string // "шт"
	Name   string // "штука"
	En     string // "pcs"
}

// Units are the OKEI units the catalog offers.
var Units = []Unit{
	{"796", "шт", "штука", "pcs"},
	{"166", "кг", "килограмм", "kg"},
	{"168", "т", "тонна", "t"},
	{"163", "г", "грамм", "g"},
	{"006", "м", "метр", "m"},
	{"055", "м²", "квадратный метр", "m²"},
	{"113", "м³", "кубический метр", "m³"},
	{"112", "л", "литр", "l"},
	{"356", "ч", "час", "h"},
	{"359", "сут", "сутки", "day"},
	{"362", "мес", "месяц", "month"},
	{"876", "усл. ед", "условная единица", "unit"},
	{"839", "компл", "комплект", "set"},
	{"778", "упак", "упаковка", "pack"},
	{"704", "набор", "набор", "kit"},
	{"715", "пар", "пара", "pair"},
}

// UnitByCode returns the unit with the OKEI code.
func UnitByCode(code string) (Unit, bool) {
	for _, u := range Units {
		if u.Code == code {
			return u, true
		}
	}
	return Unit{}, false
}

// KitComponent is one line of a kit. Components sharing a non-empty Choice
// are alternatives: exactly one of them is taken (the buyer chooses).
// Optional components are taken only when chosen.
type KitComponent struct {
	KitID     string
	ProductID string
	Qty       Qty // per one kit
	Optional  bool
	Choice    string // one-of-many group name; "" = always (unless Optional)
	Sort      int
}

// Warehouse is a place stock is kept.
type Warehouse struct {
	ID      string
	Name    string
	Address string
	Active  bool
	Version int64
}

// MovementKind is what a stock movement does.
type MovementKind string

// Stock movement kinds. Receipt, write-off and transfer are entered by hand;
// reserve, unreserve and ship come from orders (the orders issue).
const (
	MoveReceipt   MovementKind = "receipt"   // + on hand at To
	MoveWriteOff  MovementKind = "writeoff"  // − on hand at From
	MoveTransfer  MovementKind = "transfer"  // − on hand at From, + at To
	MoveReserve   MovementKind = "reserve"   // + reserved at From
	MoveUnreserve MovementKind = "unreserve" // − reserved at From
	MoveShip      MovementKind = "ship"      // − on hand and − reserved at From
)

// StockMovement is the only way stock changes; balances are their sum.
type StockMovement struct {
	ID        string
	Num       int64
	Kind      MovementKind
	ProductID string
	FromID    string // warehouse; "" when the kind has none
	ToID      string
	Qty       Qty // always > 0; the kind gives the sign
	At        time.Time
	Note      string
	DocRef    string // the order or document that caused it, if any
	UserID    string
}

// StockBalance is a product's stock at one warehouse.
type StockBalance struct {
	ProductID   string
	WarehouseID string
	OnHand      Qty
	Reserved    Qty
}

// Available is what can still be promised.
func (b StockBalance) Available() Qty { return b.OnHand - b.Reserved }

// Currency is a currency the company prices or invoices in.
type Currency struct {
	Code        string // ISO 4217 letters: RUB, USD, EUR, CNY
	NumCode     string // ISO 4217 digits: 643, 840, 978
	Name        string
	Symbol      string
	MinorDigits int // 2 for most, 0 for JPY
}

// ExchangeRate is the price of Nominal units of Currency in the base
// currency on Date, to four decimals (ValueE4 = 925678 is 92.5678).
type ExchangeRate struct {
	Currency string
	Date     time.Time // a calendar date (UTC midnight)
	Nominal  int64     // 1, 10, 100 … as the Central Bank quotes
	ValueE4  int64
	Source   string // "cbr" or "manual"
}

// PriceListKind tells a list of explicit prices from a rule over base prices.
type PriceListKind string

// Price list kinds.
const (
	ListExplicit PriceListKind = "explicit" // prices per product (PriceListItem)
	ListRule     PriceListKind = "rule"     // base price ± RuleBP for every product
)

// PriceList is a customer group's prices for a period.
type PriceList struct {
	ID        string
	Name      string
	GroupID   string // the customer group it prices for; "" = not assigned
	Currency  string
	ValidFrom time.Time // a date; zero = always
	ValidTo   time.Time // a date, inclusive; zero = open
	Kind      PriceListKind
	RuleBP    int64      // ListRule: +1000 = 10 % markup, −500 = 5 % discount
	Breaks    []QtyBreak // ListRule: discounts by quantity for every product
	Active    bool
	Version   int64
}

// ValidOn tells whether the list applies on day (dates compared by calendar day).
func (l PriceList) ValidOn(day time.Time) bool {
	d := dayOf(day)
	if !l.ValidFrom.IsZero() && d.Before(dayOf(l.ValidFrom)) {
		return false
	}
	if !l.ValidTo.IsZero() && d.After(dayOf(l.ValidTo)) {
		return false
	}
	return true
}

// PriceListItem is a product's explicit price in a list, with its breaks.
type PriceListItem struct {
	ListID    string
	ProductID string
	Price     Money
	Breaks    []QtyBreak
}

// QtyBreak is a price for buying at least MinQty: either an explicit Price
// (> 0) or a discount in basis points off the price it refines.
type QtyBreak struct {
	MinQty     Qty
	Price      Money
	DiscountBP int64
}

// IndividualPrice is one customer's own price for a product; it overrides
// the group's price list while valid.
type IndividualPrice struct {
	ID         string
	CustomerID string
	ProductID  string
	Price      Money
	Currency   string
	ValidFrom  time.Time
	ValidTo    time.Time
	Note       string
	Version    int64
}

// ValidOn tells whether the price applies on day.
func (p IndividualPrice) ValidOn(day time.Time) bool {
	return PriceList{ValidFrom: p.ValidFrom, ValidTo: p.ValidTo}.ValidOn(day)
}

// TaxSettings are the company's tax choices that prices depend on.
type TaxSettings struct {
	BaseCurrency     string // "RUB" unless configured
	PricesIncludeVAT bool   // prices are entered and stored with VAT
	NoVAT            bool   // the company does not charge VAT (simplified tax): documents say «Без НДС»
}

// ProductFilter selects and orders a page of the product list.
type ProductFilter struct {
	Query       string // search as you type over SKU, name, barcode
	CategoryID  string // with its subcategories
	InStock     bool   // available > 0 at any warehouse
	ActiveOnly  bool
	Sort        string // "name" (default), "sku", "price"
	Desc        bool
	AfterKey    string // keyset: the sort key of the last row of the previous page
	AfterID     string
	Offset      int // for jumps (a dragged scroll bar)
	Limit       int
	WarehouseID string   // InStock at this warehouse only
	IDs         []string // only these products (a batch lookup)
}

// dayOf truncates t to its calendar date in UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Normalize trims text fields and fills defaults (kind goods, unit шт,
// standard VAT, kit pricing sum).
func (p Product) Normalize() Product {
	for _, s := range []*string{&p.SKU, &p.Name, &p.Description, &p.UnitCode, &p.Barcode, &p.SellerNote} {
		*s = strings.TrimSpace(*s)
	}
	if p.Kind == "" {
		p.Kind = KindGoods
	}
	if p.UnitCode == "" {
		p.UnitCode = "796"
	}
	if p.VAT == "" {
		p.VAT = VATStandard
	}
	if p.KitPricing == "" {
		p.KitPricing = KitSum
	}
	return p
}

// ProductSearchDoc is the text the product search index holds: the folded
// words of the SKU, name and barcode, plus the SKU's digits run together (a
// query such as "123-45" is searched as the digits 12345, see SearchTerms).
func ProductSearchDoc(p Product) string {
	words := splitWords(FoldText(p.SKU + " " + p.Name + " " + p.Barcode))
	if d := DigitsOnly(p.SKU); len(d) >= 3 && d != p.SKU {
		words = append(words, d)
	}
	return strings.Join(words, " ")
}

// AuditFields are the product's fields as the audit log records them (the
// image only as its size).
func (p Product) AuditFields() map[string]string {
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	img := ""
	if len(p.Image) > 0 {
		img = i(int64(len(p.Image))) + " bytes"
	}
	return map[string]string{
		"sku": p.SKU, "name": p.Name, "description": p.Description, "category_id": p.CategoryID, "kind": string(p.Kind),
		"unit": p.UnitCode, "barcode": p.Barcode, "base_price": i(int64(p.BasePrice)), "cost_price": i(int64(p.CostPrice)),
		"floor_price": i(int64(p.FloorPrice)), "vat": string(p.VAT), "weight_grams": i(p.WeightGrams),
		"active": strconv.FormatBool(p.Active), "image": img, "seller_note": p.SellerNote, "kit_pricing": string(p.KitPricing),
	}
}

// CategoryTreeOrder puts categories in tree order (each parent followed by
// its subtree), keeping the given order among siblings; a category whose
// parent is missing is treated as a root.
func CategoryTreeOrder(cs []Category) []Category {
	byParent := map[string][]Category{}
	ids := map[string]bool{}
	for _, c := range cs {
		ids[c.ID] = true
	}
	for _, c := range cs {
		p := c.ParentID
		if !ids[p] {
			p = ""
		}
		byParent[p] = append(byParent[p], c)
	}
	out := make([]Category, 0, len(cs))
	seen := map[string]bool{}
	var walk func(parent string)
	walk = func(parent string) {
		for _, c := range byParent[parent] {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk("")
	return out
}

// CategoryDepth is how deep each category sits (roots 0), for indenting.
func CategoryDepth(cs []Category) map[string]int {
	parent := map[string]string{}
	for _, c := range cs {
		parent[c.ID] = c.ParentID
	}
	depth := map[string]int{}
	for _, c := range cs {
		d, p := 0, c.ParentID
		for p != "" && d < len(cs) {
			d++
			p = parent[p]
		}
		depth[c.ID] = d
	}
	return depth
}
