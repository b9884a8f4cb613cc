package model_test

import (
	"errors"
	"maps"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"sdelka/model"
)

// mv is a movement of product p.
func mv(kind model.MovementKind, from, to string, qty model.Qty) model.StockMovement {
	return model.StockMovement{Kind: kind, ProductID: "p", FromID: from, ToID: to, Qty: qty}
}

func TestValidateMovement(t *testing.T) {
	tests := []struct {
		name string
		m    model.StockMovement
		want []string
	}{
		{"receipt", mv(model.MoveReceipt, "", "w1", 1000), nil},
		{"write-off", mv(model.MoveWriteOff, "w1", "", 1), nil},
		{"transfer", mv(model.MoveTransfer, "w1", "w2", 1000), nil},
		{"reserve", mv(model.MoveReserve, "w1", "", 1000), nil},
		{"unreserve", mv(model.MoveUnreserve, "w1", "", 1000), nil},
		{"ship", mv(model.MoveShip, "w1", "", 1000), nil},
		{"zero qty", mv(model.MoveReceipt, "", "w1", 0), []string{"qty=" + model.MsgStockQty}},
		{"negative qty", mv(model.MoveShip, "w1", "", -1000), []string{"qty=" + model.MsgStockQty}},
		{"no product", model.StockMovement{Kind: model.MoveReceipt, ToID: "w1", Qty: 1}, []string{"product=" + model.MsgRequired}},
		{"receipt without To", mv(model.MoveReceipt, "", "", 1000), []string{"to=" + model.MsgRequired}},
		{"receipt with From", mv(model.MoveReceipt, "w2", "w1", 1000), []string{"from=" + model.MsgStockExtraWarehouse}},
		{"write-off without From", mv(model.MoveWriteOff, "", "", 1000), []string{"from=" + model.MsgRequired}},
		{"write-off with To", mv(model.MoveWriteOff, "w1", "w2", 1000), []string{"to=" + model.MsgStockExtraWarehouse}},
		{"reserve given To instead of From", mv(model.MoveReserve, "", "w1", 1000),
			[]string{"from=" + model.MsgRequired, "to=" + model.MsgStockExtraWarehouse}},
		{"unreserve without From", mv(model.MoveUnreserve, "", "", 1000), []string{"from=" + model.MsgRequired}},
		{"ship without From", mv(model.MoveShip, "", "", 1000), []string{"from=" + model.MsgRequired}},
		{"transfer without both", mv(model.MoveTransfer, "", "", 1000), []string{"from=" + model.MsgRequired, "to=" + model.MsgRequired}},
		{"transfer without To", mv(model.MoveTransfer, "w1", "", 1000), []string{"to=" + model.MsgRequired}},
		{"transfer to the same warehouse", mv(model.MoveTransfer, "w1", "w1", 1000), []string{"to=" + model.MsgStockSameWarehouse}},
		{"unknown kind", mv("steal", "w1", "", 1000), []string{"kind=" + model.MsgStockKind}},
		{"empty kind with bad qty", mv("", "", "", 0), []string{"qty=" + model.MsgStockQty, "kind=" + model.MsgStockKind}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, model.ValidateMovement(tc.m), tc.want...)
		})
	}
}

// bal is product p's balance at a warehouse.
func bal(wh string, onHand, reserved model.Qty) model.StockBalance {
	return model.StockBalance{ProductID: "p", WarehouseID: wh, OnHand: onHand, Reserved: reserved}
}

// balances builds a balance map.
func balances(bs ...model.StockBalance) map[model.StockKey]model.StockBalance {
	out := map[model.StockKey]model.StockBalance{}
	for _, b := range bs {
		out[model.StockKey{ProductID: b.ProductID, WarehouseID: b.WarehouseID}] = b
	}
	return out
}

func TestApplyMovement(t *testing.T) {
	tests := []struct {
		name  string
		start []model.StockBalance
		m     model.StockMovement
		want  []model.StockBalance
	}{
		{"receipt into nothing", nil, mv(model.MoveReceipt, "", "w1", 1500), []model.StockBalance{bal("w1", 1500, 0)}},
		{"receipt adds", []model.StockBalance{bal("w1", 1000, 500)}, mv(model.MoveReceipt, "", "w1", 1500), []model.StockBalance{bal("w1", 2500, 500)}},
		{"receipt onto a negative (damaged) balance", []model.StockBalance{bal("w1", -500, 0)}, mv(model.MoveReceipt, "", "w1", 1500), []model.StockBalance{bal("w1", 1000, 0)}},
		{"write-off all", []model.StockBalance{bal("w1", 1000, 0)}, mv(model.MoveWriteOff, "w1", "", 1000), []model.StockBalance{bal("w1", 0, 0)}},
		{"write-off into reservations is allowed", []model.StockBalance{bal("w1", 1000, 800)}, mv(model.MoveWriteOff, "w1", "", 500), []model.StockBalance{bal("w1", 500, 800)}},
		{"transfer", []model.StockBalance{bal("w1", 3000, 0), bal("w2", 1000, 0)}, mv(model.MoveTransfer, "w1", "w2", 2000),
			[]model.StockBalance{bal("w1", 1000, 0), bal("w2", 3000, 0)}},
		{"transfer to a new warehouse", []model.StockBalance{bal("w1", 3000, 0)}, mv(model.MoveTransfer, "w1", "w3", 3000),
			[]model.StockBalance{bal("w1", 0, 0), bal("w3", 3000, 0)}},
		{"reserve all available", []model.StockBalance{bal("w1", 3000, 1000)}, mv(model.MoveReserve, "w1", "", 2000), []model.StockBalance{bal("w1", 3000, 3000)}},
		{"unreserve all", []model.StockBalance{bal("w1", 3000, 1000)}, mv(model.MoveUnreserve, "w1", "", 1000), []model.StockBalance{bal("w1", 3000, 0)}},
		{"ship releases its reservation", []model.StockBalance{bal("w1", 3000, 2000)}, mv(model.MoveShip, "w1", "", 2000), []model.StockBalance{bal("w1", 1000, 0)}},
		{"ship releases at most Qty", []model.StockBalance{bal("w1", 3000, 2500)}, mv(model.MoveShip, "w1", "", 1000), []model.StockBalance{bal("w1", 2000, 1500)}},
		{"ship more than reserved", []model.StockBalance{bal("w1", 3000, 500)}, mv(model.MoveShip, "w1", "", 2000), []model.StockBalance{bal("w1", 1000, 0)}},
		{"ship unreserved", []model.StockBalance{bal("w1", 3000, 0)}, mv(model.MoveShip, "w1", "", 3000), []model.StockBalance{bal("w1", 0, 0)}},
		{"other keys untouched", []model.StockBalance{bal("w1", 1000, 0), {ProductID: "q", WarehouseID: "w1", OnHand: 7}},
			mv(model.MoveWriteOff, "w1", "", 1000), []model.StockBalance{bal("w1", 0, 0), {ProductID: "q", WarehouseID: "w1", OnHand: 7}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := balances(tc.start...)
			if err := model.ApplyMovement(b, tc.m); err != nil {
				t.Fatalf("got error %v", err)
			}
			if want := balances(tc.want...); !maps.Equal(b, want) {
				t.Errorf("got %v, want %v", b, want)
			}
		})
	}
}

func TestApplyMovementRefuses(t *testing.T) {
	tests := []struct {
		name       string
		start      []model.StockBalance
		m          model.StockMovement
		what       string
		have, want model.Qty
	}{
		{"write-off from nothing", nil, mv(model.MoveWriteOff, "w1", "", 1), "on hand", 0, 1},
		{"write-off too much", []model.StockBalance{bal("w1", 1000, 0)}, mv(model.MoveWriteOff, "w1", "", 1001), "on hand", 1000, 1001},
		{"transfer too much", []model.StockBalance{bal("w1", 1000, 0), bal("w2", 5, 0)}, mv(model.MoveTransfer, "w1", "w2", 1500), "on hand", 1000, 1500},
		{"ship too much", []model.StockBalance{bal("w1", 1000, 1000)}, mv(model.MoveShip, "w1", "", 2000), "on hand", 1000, 2000},
		{"reserve more than available", []model.StockBalance{bal("w1", 3000, 2000)}, mv(model.MoveReserve, "w1", "", 1500), "available", 1000, 1500},
		{"reserve when over-reserved", []model.StockBalance{bal("w1", 500, 800)}, mv(model.MoveReserve, "w1", "", 1), "available", -300, 1},
		{"reserve from nothing", nil, mv(model.MoveReserve, "w1", "", 1), "available", 0, 1},
		{"unreserve more than reserved", []model.StockBalance{bal("w1", 3000, 500)}, mv(model.MoveUnreserve, "w1", "", 1000), "reserved", 500, 1000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := balances(tc.start...)
			before := maps.Clone(b)
			err := model.ApplyMovement(b, tc.m)
			if !errors.Is(err, model.ErrInsufficientStock) {
				t.Fatalf("got %v, want ErrInsufficientStock", err)
			}
			var se *model.InsufficientStockError
			if !errors.As(err, &se) {
				t.Fatalf("got %T, want *InsufficientStockError", err)
			}
			want := model.InsufficientStockError{ProductID: "p", WarehouseID: "w1", What: tc.what, Have: tc.have, Want: tc.want}
			if *se != want {
				t.Errorf("got %+v, want %+v", *se, want)
			}
			if !maps.Equal(b, before) {
				t.Errorf("refused movement changed the balances: %v, was %v", b, before)
			}
		})
	}
}

func TestApplyMovementOtherErrors(t *testing.T) {
	t.Run("invalid movement", func(t *testing.T) {
		b := balances(bal("w1", 1000, 0))
		checkProblems(t, model.ApplyMovement(b, mv(model.MoveTransfer, "w1", "w1", 1000)), "to="+model.MsgStockSameWarehouse)
		if !maps.Equal(b, balances(bal("w1", 1000, 0))) {
			t.Errorf("invalid movement changed the balances: %v", b)
		}
	})
	t.Run("overflow", func(t *testing.T) {
		b := balances(bal("w1", math.MaxInt64-1, 0), bal("w2", math.MaxInt64, 0))
		for _, m := range []model.StockMovement{mv(model.MoveReceipt, "", "w1", 2), mv(model.MoveTransfer, "w2", "w1", 2)} {
			before := maps.Clone(b)
			if err := model.ApplyMovement(b, m); !errors.Is(err, model.ErrOverflow) {
				t.Errorf("%s: got %v, want ErrOverflow", m.Kind, err)
			}
			if !maps.Equal(b, before) {
				t.Errorf("%s: refused movement changed the balances", m.Kind)
			}
		}
	})
	t.Run("nil map", func(t *testing.T) {
		if err := model.ApplyMovement(nil, mv(model.MoveReceipt, "", "w1", 1)); err == nil {
			t.Errorf("got nil, want an error")
		}
	})
}

func TestInsufficientStockErrorText(t *testing.T) {
	err := error(&model.InsufficientStockError{ProductID: "p1", WarehouseID: "w1", What: "on hand", Have: 1500, Want: 2000})
	want := "product p1 at warehouse w1: on hand 1.5, want 2: insufficient stock"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
	neg := &model.InsufficientStockError{What: "available", Have: -1, Want: 1}
	if !strings.Contains(neg.Error(), "available -0.001, want 0.001") {
		t.Errorf("got %q, want thousandths shown", neg.Error())
	}
}

func TestBalances(t *testing.T) {
	moves := []model.StockMovement{
		mv(model.MoveReceipt, "", "w1", 5000),
		mv(model.MoveReserve, "w1", "", 2000),
		mv(model.MoveTransfer, "w1", "w2", 2000),
		mv(model.MoveShip, "w1", "", 1500),
		{Kind: model.MoveReceipt, ProductID: "q", ToID: "w2", Qty: 700},
	}
	got, err := model.Balances(moves)
	if err != nil {
		t.Fatal(err)
	}
	want := balances(bal("w1", 1500, 500), bal("w2", 2000, 0), model.StockBalance{ProductID: "q", WarehouseID: "w2", OnHand: 700})
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}

	bad := append(moves[:2:2], model.StockMovement{ID: "m3", Num: 3, Kind: model.MoveWriteOff, ProductID: "p", FromID: "w1", Qty: 9000}, moves[2])
	got, err = model.Balances(bad)
	if !errors.Is(err, model.ErrInsufficientStock) || !strings.Contains(err.Error(), "movement 3 m3") {
		t.Errorf("got %v, want ErrInsufficientStock naming movement 3 m3", err)
	}
	if want := balances(bal("w1", 5000, 2000)); !maps.Equal(got, want) {
		t.Errorf("balances before the refused movement: got %v, want %v", got, want)
	}
	if got, err := model.Balances(nil); err != nil || len(got) != 0 {
		t.Errorf("no movements: got %v, %v; want empty", got, err)
	}
}

// TestApplyMovementProperty replays thousands of random movement sequences,
// refused ones included, and checks the ledger after every step against
// sums kept independently of ApplyMovement.
func TestApplyMovementProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 2026))
	products := []string{"p1", "p2"}
	warehouses := []string{"w1", "w2", "w3"}
	// Receipts are drawn most often so that stock builds up and the other
	// kinds are accepted as well as refused.
	kinds := []model.MovementKind{model.MoveReceipt, model.MoveReceipt, model.MoveReceipt, model.MoveReceipt,
		model.MoveWriteOff, model.MoveTransfer, model.MoveTransfer, model.MoveReserve, model.MoveReserve,
		model.MoveUnreserve, model.MoveUnreserve, model.MoveShip, model.MoveShip, "bogus"}
	var accepted, short, invalid int
	perKind := map[model.MovementKind]int{}
	for seq := 0; seq < 3000; seq++ {
		b := map[model.StockKey]model.StockBalance{}
		onHand := map[model.StockKey]model.Qty{} // Σ receipts + transfers in − write-offs − transfers out − ships
		var moves []model.StockMovement
		for step := 0; step < 40; step++ {
			m := model.StockMovement{
				Kind:      kinds[r.IntN(len(kinds))],
				ProductID: products[r.IntN(len(products))],
				Qty:       model.Qty(r.Int64N(5000) + 1),
			}
			if r.IntN(2) == 0 {
				m.Qty = model.Qty(r.Int64N(500) + 1) // small ones fit under what is reserved
			}
			if r.IntN(20) == 0 {
				m.Qty = model.Qty(-r.Int64N(2)) // 0 or −1: invalid
			}
			wh := func() string {
				if r.IntN(30) == 0 {
					return ""
				}
				return warehouses[r.IntN(len(warehouses))]
			}
			switch m.Kind {
			case model.MoveReceipt:
				m.ToID = wh()
			case model.MoveTransfer:
				m.FromID, m.ToID = wh(), wh()
			default:
				m.FromID = wh()
			}
			// Half the time take exactly what the source has: the boundary
			// must be accepted, and one unit more is refused elsewhere.
			if cur := b[model.StockKey{ProductID: m.ProductID, WarehouseID: m.FromID}]; r.IntN(2) == 0 {
				var all model.Qty
				switch m.Kind {
				case model.MoveUnreserve:
					all = cur.Reserved
				case model.MoveReserve:
					all = cur.Available()
				case model.MoveWriteOff, model.MoveTransfer, model.MoveShip:
					all = cur.OnHand
				}
				if all > 0 {
					m.Qty = all
				}
			}
			before := maps.Clone(b)
			if err := model.ApplyMovement(b, m); err != nil {
				if !maps.Equal(b, before) {
					t.Fatalf("seq %d: refused %+v (%v) changed the balances", seq, m, err)
				}
				switch {
				case errors.Is(err, model.ErrInsufficientStock):
					short++
				case model.FieldErrors(err) != nil:
					invalid++
				default:
					t.Fatalf("seq %d: refused %+v with an unexpected error %v", seq, m, err)
				}
				continue
			}
			accepted++
			perKind[m.Kind]++
			moves = append(moves, m)
			from, to := model.StockKey{ProductID: m.ProductID, WarehouseID: m.FromID}, model.StockKey{ProductID: m.ProductID, WarehouseID: m.ToID}
			switch m.Kind {
			case model.MoveReceipt:
				onHand[to] += m.Qty
			case model.MoveTransfer:
				onHand[from] -= m.Qty
				onHand[to] += m.Qty
			case model.MoveWriteOff, model.MoveShip:
				onHand[from] -= m.Qty
			}
			for k, v := range b {
				if v.ProductID != k.ProductID || v.WarehouseID != k.WarehouseID {
					t.Fatalf("seq %d: balance %+v stored under %+v", seq, v, k)
				}
				if v.OnHand != onHand[k] {
					t.Fatalf("seq %d after %+v: %v on hand %d, movements sum to %d", seq, m, k, v.OnHand, onHand[k])
				}
				if v.OnHand < 0 || v.Reserved < 0 {
					t.Fatalf("seq %d after %+v: %v went negative: %+v", seq, m, k, v)
				}
				if v.Reserved > v.OnHand && m.Kind == model.MoveReserve && k == from {
					t.Fatalf("seq %d: reserve %+v left available negative: %+v", seq, m, v)
				}
			}
			for k, v := range onHand {
				if v != 0 && b[k].OnHand != v {
					t.Fatalf("seq %d: %v sums to %d but has no balance", seq, k, v)
				}
			}
		}
		replayed, err := model.Balances(moves)
		if err != nil || !maps.Equal(replayed, b) {
			t.Fatalf("seq %d: replaying the accepted movements: got %v, %v; want %v", seq, replayed, err, b)
		}
	}
	// The generator must exercise every outcome plentifully.
	t.Logf("accepted %d, refused for want of stock %d, invalid %d", accepted, short, invalid)
	if accepted < 40000 || short < 20000 || invalid < 5000 {
		t.Errorf("accepted %d, short %d, invalid %d: the generator is lopsided", accepted, short, invalid)
	}
	for _, k := range []model.MovementKind{model.MoveReceipt, model.MoveWriteOff, model.MoveTransfer, model.MoveReserve, model.MoveUnreserve, model.MoveShip} {
		if perKind[k] < 1000 {
			t.Errorf("only %d %s movements accepted: the generator is lopsided", perKind[k], k)
		}
	}
}
