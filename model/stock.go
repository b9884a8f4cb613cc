package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInsufficientStock: a movement would take more than there is. The error
// returned is an *InsufficientStockError, which says how much.
var ErrInsufficientStock = errors.New("insufficient stock")

// Message keys of the stock movement checks.
const (
	MsgStockQty            = "valid.stock.qty"             // the quantity is not > 0
	MsgStockSameWarehouse  = "valid.stock.same_warehouse"  // a transfer to the warehouse it comes from
	MsgStockKind           = "valid.stock.kind"            // an unknown movement kind
	MsgStockExtraWarehouse = "valid.stock.extra_warehouse" // a warehouse the kind does not use is set
)

// StockKey identifies a balance: a product at a warehouse.
type StockKey struct {
	ProductID, WarehouseID string
}

// InsufficientStockError is a refused movement: Want is more than Have of
// What ("on hand", "available" or "reserved") at the warehouse. It unwraps
// to ErrInsufficientStock, so callers branch with errors.Is and a form can
// still show the figures.
type InsufficientStockError struct {
	ProductID, WarehouseID string
	ProductName            string // filled by callers that know it, for messages
	What                   string
	Have, Want             Qty
}

func (e *InsufficientStockError) Error() string {
	if e.ProductName != "" {
		return fmt.Sprintf("%s at warehouse %s: %s %s, want %s: %v",
			e.ProductName, e.WarehouseID, e.What, qtyString(e.Have), qtyString(e.Want), ErrInsufficientStock)
	}
	return fmt.Sprintf("product %s at warehouse %s: %s %s, want %s: %v",
		e.ProductID, e.WarehouseID, e.What, qtyString(e.Have), qtyString(e.Want), ErrInsufficientStock)
}

// Unwrap makes errors.Is(err, ErrInsufficientStock) true.
func (e *InsufficientStockError) Unwrap() error { return ErrInsufficientStock }

// qtyString writes a quantity in units with a decimal point: 1500 is "1.5".
func qtyString(q Qty) string {
	s := formatDigits(strconv.FormatUint(uabs(int64(q)), 10), q < 0, 3, ".", "")
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// ValidateMovement checks a movement on its own, before any balance: a
// product (field "product", MsgRequired), Qty > 0 ("qty", MsgStockQty), a
// known kind ("kind", MsgStockKind), the warehouses the kind uses ("from",
// "to": MsgRequired) and no other (MsgStockExtraWarehouse: a stored
// movement must mean one thing, and the list by warehouse would show it
// there), and a transfer between two different warehouses ("to",
// MsgStockSameWarehouse). Receipt uses To; transfer From and To; the others
// From.
func ValidateMovement(m StockMovement) error {
	var v ValidationErrors
	if m.ProductID == "" {
		v.Add("product", MsgRequired)
	}
	if m.Qty <= 0 {
		v.Add("qty", MsgStockQty)
	}
	var from, to bool
	switch m.Kind {
	case MoveReceipt:
		to = true
	case MoveTransfer:
		from, to = true, true
	case MoveWriteOff, MoveReserve, MoveUnreserve, MoveShip:
		from = true
	default:
		v.Add("kind", MsgStockKind)
		return v.Err()
	}
	for _, w := range []struct {
		field, id string
		used      bool
	}{{"from", m.FromID, from}, {"to", m.ToID, to}} {
		switch {
		case w.used && w.id == "":
			v.Add(w.field, MsgRequired)
		case !w.used && w.id != "":
			v.Add(w.field, MsgStockExtraWarehouse)
		}
	}
	if m.Kind == MoveTransfer && m.FromID != "" && m.FromID == m.ToID {
		v.Add("to", MsgStockSameWarehouse)
	}
	return v.Err()
}

// ApplyMovement applies m to the balances b (a missing key is a zero
// balance; b must not be nil), per kind:
//
//	receipt    on hand +Qty at To
//	writeoff   on hand −Qty at From                  needs on hand ≥ Qty
//	transfer   on hand −Qty at From, +Qty at To      needs on hand ≥ Qty at From
//	reserve    reserved +Qty at From                 needs available ≥ Qty
//	unreserve  reserved −Qty at From                 needs reserved ≥ Qty
//	ship       on hand −Qty, reserved −min(reserved, Qty) at From
//	                                                 needs on hand ≥ Qty
//
// So no movement drives on hand or reserved below zero, and only a reserve
// is refused for want of available stock (a write-off or shipment may eat
// into other reservations: the goods are gone either way). A refused
// movement leaves b unchanged and returns ValidateMovement's errors, an
// *InsufficientStockError (errors.Is ErrInsufficientStock) or ErrOverflow.
// Balances written carry ProductID and WarehouseID.
func ApplyMovement(b map[StockKey]StockBalance, m StockMovement) error {
	if err := ValidateMovement(m); err != nil {
		return err
	}
	if b == nil {
		return errors.New("apply stock movement: nil balances")
	}
	get := func(wh string) StockBalance {
		bal := b[StockKey{m.ProductID, wh}]
		bal.ProductID, bal.WarehouseID = m.ProductID, wh
		return bal
	}
	short := func(bal StockBalance, what string, have Qty) error {
		return &InsufficientStockError{ProductID: m.ProductID, WarehouseID: bal.WarehouseID, What: what, Have: have, Want: m.Qty}
	}
	add := func(q Qty) (Qty, error) {
		s, ok := addInt64(int64(q), int64(m.Qty))
		if !ok {
			return 0, fmt.Errorf("stock of %s: %w", m.ProductID, ErrOverflow)
		}
		return Qty(s), nil
	}
	var changed []StockBalance
	var err error
	switch m.Kind {
	case MoveReceipt:
		to := get(m.ToID)
		if to.OnHand, err = add(to.OnHand); err != nil {
			return err
		}
		changed = append(changed, to)
	case MoveWriteOff, MoveTransfer, MoveShip:
		from := get(m.FromID)
		if from.OnHand < m.Qty {
			return short(from, "on hand", from.OnHand)
		}
		from.OnHand -= m.Qty
		if m.Kind == MoveShip {
			from.Reserved -= max(0, min(from.Reserved, m.Qty))
		}
		changed = append(changed, from)
		if m.Kind == MoveTransfer {
			to := get(m.ToID)
			if to.OnHand, err = add(to.OnHand); err != nil {
				return err
			}
			changed = append(changed, to)
		}
	case MoveReserve:
		from := get(m.FromID)
		if a := from.Available(); a < m.Qty {
			return short(from, "available", a)
		}
		from.Reserved += m.Qty // ≤ OnHand, so no overflow
		changed = append(changed, from)
	case MoveUnreserve:
		from := get(m.FromID)
		if from.Reserved < m.Qty {
			return short(from, "reserved", from.Reserved)
		}
		from.Reserved -= m.Qty
		changed = append(changed, from)
	}
	for _, bal := range changed {
		b[StockKey{bal.ProductID, bal.WarehouseID}] = bal
	}
	return nil
}

// Balances replays movements in the order given (the caller sorts them,
// normally by Num) from zero stock, as the integrity check does to compare
// with the stored balances. On a refused movement it returns the balances
// replayed so far and the error, naming the movement.
func Balances(moves []StockMovement) (map[StockKey]StockBalance, error) {
	b := map[StockKey]StockBalance{}
	for _, m := range moves {
		if err := ApplyMovement(b, m); err != nil {
			return b, fmt.Errorf("movement %d %s (%s): %w", m.Num, m.ID, m.Kind, err)
		}
	}
	return b, nil
}
