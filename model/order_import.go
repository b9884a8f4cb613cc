package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// Orders from other systems — a web shop's export, a sales rep's
// spreadsheet — arrive as CSV/XLSX rows (one row per line, rows sharing an
// order key make one order) or as JSON lines (one order per line). The
// parsers here turn them into OrderImport values without touching the
// database; the store resolves customers (by INN), products (by SKU) and
// warehouses, and creates draft orders all or nothing.

// Message keys of order import problems (RowError.Msg).
const (
	MsgOrderNoKey        = "order_import.no_key"        // the row names no order
	MsgOrderNoINN        = "order_import.no_inn"        // the order names no customer INN
	MsgOrderNoSKU        = "order_import.no_sku"        // the line names no product
	MsgOrderNoQty        = "order_import.no_qty"        // the line has no quantity
	MsgOrderBadQty       = "order_import.bad_qty"       // not a number with up to three decimals
	MsgOrderQtyPositive  = "order_import.qty_positive"  // zero or negative quantity
	MsgOrderBadPrice     = "order_import.bad_price"     // not an amount, negative, or more than four decimals
	MsgOrderBadDate      = "order_import.bad_date"      // not YYYY-MM-DD or DD.MM.YYYY
	MsgOrderConflict     = "order_import.conflict"      // differs from an earlier row of the same order
	MsgOrderDuplicate    = "order_import.duplicate"     // the order key is on an earlier line already
	MsgOrderBadJSON      = "order_import.bad_json"      // the line is not a JSON object
	MsgOrderUnknownKey   = "order_import.unknown_key"   // a JSON key that is not an order or line field
	MsgOrderNoLines      = "order_import.no_lines"      // an order without lines
	MsgOrderUnreadable   = "order_import.unreadable"    // the file cannot be read from here on
	MsgOrderUnknownINN   = "order_import.unknown_inn"   // no visible customer has the INN
	MsgOrderAmbiguousINN = "order_import.ambiguous_inn" // several visible customers have the INN
	MsgOrderUnknownSKU   = "order_import.unknown_sku"   // no product has the SKU
	MsgOrderInactive     = "order_import.inactive"      // the product is not for sale (inactive)
	MsgOrderUnknownCur   = "order_import.unknown_currency"
	MsgOrderUnknownWH    = "order_import.unknown_warehouse"
	MsgOrderPriceDigits  = "order_import.price_digits" // more decimals than the currency has
	MsgOrderNotPriced    = "order_import.not_priced"   // the catalog cannot price the line (Value says why)
)

// OrderImportFields are the fields of an order file, in display order.
// order, inn, sku and qty are required; the rest optional.
var OrderImportFields = []string{"order", "inn", "sku", "qty", "price", "currency", "warehouse", "delivery_date", "note"}

// orderHeaders are the header texts (CSV/XLSX) and JSON keys of each
// field, compared by headerKey (case, ё/е, spaces and punctuation ignored).
var orderHeaders = map[string][]string{
	"order": {"order", "order no", "order number", "order key", "order id", "order ref", "key",
		"заказ", "номер заказа", "№ заказа", "ключ заказа", "код заказа", "ид заказа"},
	"inn": {"inn", "customer inn", "buyer inn", "tax id", "taxpayer id",
		"инн", "инн покупателя", "инн клиента", "инн контрагента", "инн заказчика"},
	"sku": {"sku", "article", "item code", "product code", "part number", "code",
		"артикул", "код товара", "артикул товара", "код"},
	"qty":           {"qty", "quantity", "count", "кол-во", "количество", "кол"},
	"price":         {"price", "unit price", "цена", "цена за единицу", "цена за ед."},
	"currency":      {"currency", "currency code", "валюта", "код валюты"},
	"warehouse":     {"warehouse", "ship from", "склад", "склад отгрузки"},
	"delivery_date": {"delivery date", "deliver by", "delivery", "дата доставки", "дата поставки", "срок поставки", "дата отгрузки"},
	"note":          {"note", "notes", "comment", "примечание", "комментарий"},
}

var orderHeaderIndex = func() map[string]string {
	idx := map[string]string{}
	for field, hs := range orderHeaders {
		for _, h := range hs {
			idx[headerKey(h)] = field
		}
	}
	return idx
}()

// GuessOrderMapping maps each column whose header names an order field; a
// field is mapped at most once (the first column wins).
func GuessOrderMapping(header []string) ColumnMapping {
	m := ColumnMapping{}
	seen := map[string]bool{}
	for i, h := range header {
		if f := orderHeaderIndex[headerKey(h)]; f != "" && !seen[f] {
			seen[f] = true
			m[i] = f
		}
	}
	return m
}

// MissingOrderColumns lists the required fields m maps no column to.
func MissingOrderColumns(m ColumnMapping) []string {
	var out []string
	for _, f := range OrderImportFields[:4] {
		found := false
		for _, g := range m {
			found = found || g == f
		}
		if !found {
			out = append(out, f)
		}
	}
	return out
}

// OrderImport is one order read from a file: the lines to put on a draft
// order for the customer with the INN. An OrderImport that carries only
// Errs stands for rows that belong to no order (a row without an order key,
// an unreadable line); the store refuses the whole file when any order has
// Errs, reporting them with its own findings.
type OrderImport struct {
	Row          int    // the file line the order starts on
	Key          string // the order's key in the file (its number in the other system)
	INN          string
	Currency     string // ISO code; "" = the base currency
	Warehouse    string // a warehouse's name (any case); "" = the default
	DeliveryDate time.Time
	Note         string
	Lines        []OrderImportLine
	// JSON tells a JSON line: columns are named by JSON key (lines[2].qty).
	JSON bool
	// Columns maps a field to the file's header text of its column (CSV,
	// XLSX), for messages.
	Columns map[string]string
	// Errs are the problems found reading the file.
	Errs []RowError
}

// OrderImportLine is one line of an imported order. The price, when
// given, is kept to four decimals until the store knows the currency. A
// line whose cells have problems is kept (with the problems in its order's
// Errs), so that all of a file's problems are reported at once.
type OrderImportLine struct {
	Row      int // the file line (JSON: the order's line)
	Index    int // 1-based position in the order
	SKU      string
	Qty      Qty
	PriceE4  int64 // the price ×10^4 in the order's currency; when HasPrice
	HasPrice bool  // the file gives the price; otherwise the catalog prices the line
}

// Column names field for messages: the header text of its column in a
// spreadsheet, the key in a JSON line (lines[i].key for a line's field).
func (o OrderImport) Column(field string, l *OrderImportLine) string {
	if o.JSON {
		if l != nil {
			return fmt.Sprintf("lines[%d].%s", l.Index, field)
		}
		return field
	}
	if h := o.Columns[field]; h != "" {
		return h
	}
	return field
}

// Fail records a problem of field (of line l, or the order when nil).
func (o *OrderImport) Fail(field string, l *OrderImportLine, msg, value string) {
	row := o.Row
	if l != nil {
		row = l.Row
	}
	o.Errs = append(o.Errs, RowError{Row: row, Column: o.Column(field, l), Msg: msg, Value: value})
}

// RowErrors is the error of an import refused for its rows' problems,
// sorted by row.
type RowErrors []RowError

func (e RowErrors) Error() string {
	if len(e) == 1 {
		return fmt.Sprintf("row %d: %s: %s", e[0].Row, e[0].Column, e[0].Msg)
	}
	return fmt.Sprintf("%d problems, the first at row %d", len(e), e[0].Row)
}

// SortRowErrors orders problems by row, keeping the order within a row.
func SortRowErrors(errs []RowError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
}

// OrderGrouper collects the rows of a spreadsheet into orders by their
// order key (rows of one order need not be adjacent). The order-level
// cells (INN, currency, warehouse, delivery date) may be given on every
// row or only on one; two different non-empty values are a conflict. Notes
// of several rows are joined.
type OrderGrouper struct {
	header []string
	m      ColumnMapping
	cols   map[string]string
	orders []*OrderImport
	byKey  map[string]*OrderImport
	stray  []RowError // rows that belong to no order
}

// NewOrderGrouper starts grouping rows of a file with header mapped by m.
func NewOrderGrouper(header []string, m ColumnMapping) *OrderGrouper {
	g := &OrderGrouper{header: header, m: m, cols: map[string]string{}, byKey: map[string]*OrderImport{}}
	for c, f := range m {
		if c < len(header) {
			g.cols[f] = header[c]
		}
	}
	return g
}

// Add parses one row (its file row number and cells) into its order.
func (g *OrderGrouper) Add(row int, cells []string) {
	p, empty := newRowParse(g.header, cells, g.m, OrderImportFields)
	if empty {
		return
	}
	get := func(f string) string { v, _ := p.value(f); return v }
	key := get("order")
	if key == "" {
		p.fail("order", MsgOrderNoKey)
		g.stray = append(g.stray, p.rowErrors(row)...)
		return
	}
	o := g.byKey[key]
	if o == nil {
		o = &OrderImport{Row: row, Key: key, Columns: g.cols}
		g.byKey[key] = o
		g.orders = append(g.orders, o)
	}
	// Order-level cells: the first non-empty value holds; another is a conflict.
	same := func(field string, dst *string, v string) {
		switch {
		case v == "" || v == *dst:
		case *dst == "":
			*dst = v
		default:
			p.fail(field, MsgOrderConflict)
		}
	}
	inn := p.number("inn")
	same("inn", &o.INN, inn)
	same("currency", &o.Currency, strings.ToUpper(get("currency")))
	same("warehouse", &o.Warehouse, get("warehouse"))
	if v := get("delivery_date"); v != "" {
		if d, ok := parseImportDate(v); !ok {
			p.fail("delivery_date", MsgOrderBadDate)
		} else if o.DeliveryDate.IsZero() {
			o.DeliveryDate = d
		} else if !o.DeliveryDate.Equal(d) {
			p.fail("delivery_date", MsgOrderConflict)
		}
	}
	if n := get("note"); n != "" && !slices.Contains(strings.Split(o.Note, "; "), n) {
		if o.Note != "" {
			o.Note += "; "
		}
		o.Note += n
	}
	l := OrderImportLine{Row: row, Index: len(o.Lines) + 1, SKU: get("sku")}
	if l.SKU == "" {
		p.fail("sku", MsgOrderNoSKU)
	}
	l.Qty = parseImportQty(get("qty"), func(msg string) { p.fail("qty", msg) })
	if v := get("price"); v != "" {
		l.PriceE4, l.HasPrice = parseImportPrice(v, func(msg string) { p.fail("price", msg) })
	}
	// A line with a problem is kept too, so that the store reports its
	// unknown SKU with the rest; the order is refused anyway.
	o.Errs = append(o.Errs, p.rowErrors(row)...)
	o.Lines = append(o.Lines, l)
}

// Fail records a problem that belongs to no order (an unreadable row).
func (g *OrderGrouper) Fail(row int, column, msg, value string) {
	g.stray = append(g.stray, RowError{Row: row, Column: column, Msg: msg, Value: value})
}

// Orders returns the orders in the order of their first rows, checked for
// the order-level problems (no INN); rows that belong to no order come as
// OrderImports holding only Errs.
func (g *OrderGrouper) Orders() []OrderImport {
	out := make([]OrderImport, 0, len(g.orders)+1)
	for _, o := range g.orders {
		if o.INN == "" {
			o.Fail("inn", nil, MsgOrderNoINN, "")
		}
		out = append(out, *o)
	}
	if len(g.stray) > 0 {
		out = append(out, OrderImport{Row: g.stray[0].Row, Errs: g.stray})
	}
	return out
}

// jsonLineKeys are the keys of an order object that hold its lines.
var jsonLineKeys = map[string]bool{"lines": true, "items": true}

// ParseOrderJSONLines reads orders one per line (JSON lines): {"order":
// "A1", "inn": "7707083893", "currency": "RUB", "warehouse": "Основной",
// "delivery_date": "2026-12-01", "note": "…", "lines": [{"sku": "CEM-50",
// "qty": "10", "price": "650.00"}]}. Keys are matched like spreadsheet
// headers (so "quantity" and "article" work); quantities and prices may be
// strings (with a decimal comma or point) or numbers. A blank line is
// skipped; a malformed line, an unknown key or a repeated order key is a
// problem of that line. Only a read error is returned as an error.
func ParseOrderJSONLines(r io.Reader) ([]OrderImport, error) {
	br := bufio.NewReader(r)
	var out []OrderImport
	seen := map[string]int{}
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if n == 1 {
				line = bytes.TrimPrefix(line, []byte("\ufeff"))
			}
			if len(bytes.TrimSpace(line)) > 0 {
				o := ParseOrderJSON(n, line)
				if first, ok := seen[o.Key]; ok && o.Key != "" {
					o.Fail("order", nil, MsgOrderDuplicate, fmt.Sprintf("%s (line %d)", o.Key, first))
				} else if o.Key != "" {
					seen[o.Key] = n
				}
				out = append(out, o)
			}
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// ParseOrderJSON parses one JSON line (number row) into an order.
func ParseOrderJSON(row int, b []byte) OrderImport {
	o := OrderImport{Row: row, JSON: true}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		msg := "not an object"
		if err != nil {
			msg = err.Error()
		}
		o.Errs = append(o.Errs, RowError{Row: row, Column: "json", Msg: MsgOrderBadJSON, Value: msg})
		return o
	}
	if dec.More() {
		o.Errs = append(o.Errs, RowError{Row: row, Column: "json", Msg: MsgOrderBadJSON, Value: "more than one value on the line"})
		return o
	}
	var lines json.RawMessage
	for _, k := range sortedKeys(obj) {
		raw := obj[k]
		if jsonLineKeys[headerKey(k)] {
			lines = raw
			continue
		}
		field := orderHeaderIndex[headerKey(k)]
		if field == "" || field == "sku" || field == "qty" || field == "price" {
			o.Errs = append(o.Errs, RowError{Row: row, Column: k, Msg: MsgOrderUnknownKey})
			continue
		}
		v, ok := jsonText(raw)
		if !ok {
			o.Errs = append(o.Errs, RowError{Row: row, Column: k, Msg: MsgOrderBadJSON, Value: string(raw)})
			continue
		}
		switch field {
		case "order":
			o.Key = v
		case "inn":
			o.INN = v
		case "currency":
			o.Currency = strings.ToUpper(v)
		case "warehouse":
			o.Warehouse = v
		case "note":
			o.Note = v
		case "delivery_date":
			if v == "" {
				break
			}
			d, ok := parseImportDate(v)
			if !ok {
				o.Errs = append(o.Errs, RowError{Row: row, Column: k, Msg: MsgOrderBadDate, Value: v})
			}
			o.DeliveryDate = d
		}
	}
	if o.Key == "" {
		o.Fail("order", nil, MsgOrderNoKey, "")
	}
	if o.INN == "" {
		o.Fail("inn", nil, MsgOrderNoINN, "")
	}
	var items []map[string]json.RawMessage
	if lines != nil {
		d := json.NewDecoder(bytes.NewReader(lines))
		d.UseNumber()
		if err := d.Decode(&items); err != nil {
			o.Errs = append(o.Errs, RowError{Row: row, Column: "lines", Msg: MsgOrderBadJSON, Value: err.Error()})
			return o
		}
	}
	if len(items) == 0 {
		o.Fail("lines", nil, MsgOrderNoLines, "")
		return o
	}
	for i, it := range items {
		l := OrderImportLine{Row: row, Index: i + 1}
		var qty string
		var hasQty bool
		for _, k := range sortedKeys(it) {
			v, ok := jsonText(it[k])
			col := fmt.Sprintf("lines[%d].%s", i+1, k)
			if !ok {
				o.Errs = append(o.Errs, RowError{Row: row, Column: col, Msg: MsgOrderBadJSON, Value: string(it[k])})
				continue
			}
			switch orderHeaderIndex[headerKey(k)] {
			case "sku":
				l.SKU = v
			case "qty":
				qty, hasQty = v, true
			case "price":
				if v != "" {
					l.PriceE4, l.HasPrice = parseImportPrice(v, func(msg string) {
						o.Errs = append(o.Errs, RowError{Row: row, Column: col, Msg: msg, Value: v})
					})
				}
			default:
				o.Errs = append(o.Errs, RowError{Row: row, Column: col, Msg: MsgOrderUnknownKey})
			}
		}
		if l.SKU == "" {
			o.Fail("sku", &l, MsgOrderNoSKU, "")
		}
		if !hasQty {
			qty = ""
		}
		l.Qty = parseImportQty(qty, func(msg string) { o.Fail("qty", &l, msg, qty) })
		o.Lines = append(o.Lines, l) // kept with its problems, as in a spreadsheet
	}
	return o
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonText reads a JSON string, number or null as text.
func jsonText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), true
	}
	return "", false
}

// parseImportQty reads a quantity: a decimal with a comma or point and up
// to three decimals, greater than zero.
func parseImportQty(v string, fail func(msg string)) Qty {
	if v == "" {
		fail(MsgOrderNoQty)
		return 0
	}
	q, err := parseDecimal("quantity", v, 3, false)
	switch {
	case err != nil:
		fail(MsgOrderBadQty)
		return 0
	case q <= 0:
		fail(MsgOrderQtyPositive)
		return 0
	}
	return Qty(q)
}

// parseImportPrice reads a unit price to four decimals (the store checks
// it against the currency's minor digits), zero or more.
func parseImportPrice(v string, fail func(msg string)) (int64, bool) {
	p, err := ParseMoney(v, 4)
	if err != nil || p < 0 {
		fail(MsgOrderBadPrice)
		return 0, false
	}
	return int64(p), true
}

// parseImportDate reads a calendar date as YYYY-MM-DD, DD.MM.YYYY or
// D.M.YYYY.
func parseImportDate(v string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "02.01.2006", "2.1.2006"} {
		if d, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// PriceFromE4 converts a price read to four decimals into minor units of a
// currency with minorDigits decimals; false when it has more decimals than
// the currency.
func PriceFromE4(e4 int64, minorDigits int) (Money, bool) {
	if minorDigits >= 4 {
		return Money(e4), minorDigits == 4 // the schema allows 0…4
	}
	f := int64(1)
	for i := minorDigits; i < 4; i++ {
		f *= 10
	}
	if e4%f != 0 {
		return 0, false
	}
	return Money(e4 / f), true
}
