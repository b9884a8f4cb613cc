package repo_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

func mustProduct(t *testing.T, ss *repo.Session, p model.Product) model.Product {
	t.Helper()
	p, err := ss.CreateProduct(t.Context(), p)
	if err != nil {
		t.Fatalf("create product %q: %v", p.Name, err)
	}
	return p
}

func TestProductsCRUDSearchAndAccess(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head, seller := s.Session(tm.head), s.Session(tm.seller1)
	tools, err := head.SaveCategory(t.Context(), model.Category{Name: "Инструменты"})
	if err != nil {
		t.Fatal(err)
	}
	drills, err := head.SaveCategory(t.Context(), model.Category{Name: "Дрели", ParentID: tools.ID})
	if err != nil {
		t.Fatal(err)
	}
	drill := mustProduct(t, head, model.Product{SKU: "DR-1050", Name: "Дрель ударная «Ёрш» 1050 Вт", CategoryID: drills.ID,
		BasePrice: 549900, Barcode: "4006381333931", Active: true})
	mustProduct(t, head, model.Product{SKU: "SV-01", Name: "Сборка мебели", Kind: model.KindService, UnitCode: "356", BasePrice: 150000, Active: true})

	if _, err := seller.CreateProduct(t.Context(), model.Product{Name: "Продавцу нельзя"}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller created a product: %v", err)
	}
	if _, err := head.CreateProduct(t.Context(), model.Product{SKU: "dr-1050", Name: "Дубль"}); !hasField(err, "sku") {
		t.Errorf("a taken SKU (any case) was accepted: %v", err)
	}
	for q, want := range map[string]int{"ерш": 1, "дрел": 1, "1050": 1, "DR-1050": 1, "4006381333931": 1, "сборк": 1, "пила": 0} {
		rows, err := seller.FindProducts(t.Context(), model.ProductFilter{Query: q})
		if err != nil || len(rows) != want {
			t.Errorf("search %q: %d rows, %v; want %d", q, len(rows), err, want)
		}
	}
	byIDs, err := seller.FindProducts(t.Context(), model.ProductFilter{IDs: []string{drill.ID, "no-such-id"}})
	if err != nil || len(byIDs) != 1 || byIDs[0].ID != drill.ID {
		t.Errorf("lookup by IDs: %+v, %v", byIDs, err)
	}
	rows, err := seller.FindProducts(t.Context(), model.ProductFilter{CategoryID: tools.ID})
	if err != nil || len(rows) != 1 || rows[0].ID != drill.ID || rows[0].Category != "Дрели" {
		t.Errorf("the parent category does not include its subcategory's product: %+v, %v", rows, err)
	}
	// Update with the current version; a stale version is refused.
	drill.BasePrice = 599900
	upd, err := head.UpdateProduct(t.Context(), drill)
	if err != nil || upd.Version != 2 {
		t.Fatalf("update: %+v, %v", upd, err)
	}
	if _, err := head.UpdateProduct(t.Context(), drill); !errors.Is(err, model.ErrStale) {
		t.Errorf("a stale update was accepted: %v", err)
	}
	// Pages by price, keyset.
	page1, err := seller.FindProducts(t.Context(), model.ProductFilter{Sort: "price", Limit: 1})
	if err != nil || len(page1) != 1 || page1[0].SKU != "SV-01" {
		t.Fatalf("first page by price: %+v, %v", page1, err)
	}
	page2, err := seller.FindProducts(t.Context(), model.ProductFilter{Sort: "price", Limit: 1,
		AfterKey: repo.ProductSortKey("price", page1[0].Product), AfterID: page1[0].ID})
	if err != nil || len(page2) != 1 || page2[0].SKU != "DR-1050" {
		t.Fatalf("second page by price: %+v, %v", page2, err)
	}
	// The trash: deleted products leave search and can come back.
	if err := head.DeleteProduct(t.Context(), drill.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := seller.CountProducts(t.Context(), model.ProductFilter{Query: "дрель"}); n != 0 {
		t.Errorf("a deleted product is still found")
	}
	if err := head.DeleteCategory(t.Context(), tools.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("a category with a subcategory was deleted: %v", err)
	}
	if err := head.RestoreProduct(t.Context(), drill.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := seller.CountProducts(t.Context(), model.ProductFilter{Query: "дрель"}); n != 1 {
		t.Errorf("a restored product is not found")
	}
	// A category cannot move under its own subcategory.
	tools.ParentID = drills.ID
	if _, err := head.SaveCategory(t.Context(), tools); !hasField(err, "parent") {
		t.Errorf("a category moved under its own child: %v", err)
	}
	mustCheck(t, s)
}

func TestStockMovementsKeepBalances(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head, acc, seller := s.Session(tm.head), s.Session(tm.accountant), s.Session(tm.seller1)
	p := mustProduct(t, head, model.Product{SKU: "CEM-50", Name: "Цемент М500, 50 кг", UnitCode: "796", BasePrice: 65000, Active: true})
	svc := mustProduct(t, head, model.Product{Name: "Доставка", Kind: model.KindService, UnitCode: "876", Active: true})
	main, err := head.SaveWarehouse(t.Context(), model.Warehouse{Name: "Основной склад", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	north, err := head.SaveWarehouse(t.Context(), model.Warehouse{Name: "Склад «Север»", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	move := func(ss *repo.Session, m model.StockMovement) error {
		t.Helper()
		_, err := ss.MoveStock(t.Context(), m)
		return err
	}
	q := func(n int64) model.Qty { return model.Qty(n) * model.QtyOne }
	steps := []struct {
		ss      *repo.Session
		m       model.StockMovement
		wantErr bool
	}{
		{acc, model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: main.ID, Qty: q(100)}, false},
		{head, model.StockMovement{Kind: model.MoveTransfer, ProductID: p.ID, FromID: main.ID, ToID: north.ID, Qty: q(30)}, false},
		{head, model.StockMovement{Kind: model.MoveWriteOff, ProductID: p.ID, FromID: north.ID, Qty: q(31)}, true}, // only 30 there
		{head, model.StockMovement{Kind: model.MoveReserve, ProductID: p.ID, FromID: main.ID, Qty: q(60)}, false},
		{head, model.StockMovement{Kind: model.MoveReserve, ProductID: p.ID, FromID: main.ID, Qty: q(11)}, true}, // 70 on hand, 60 reserved
		{head, model.StockMovement{Kind: model.MoveShip, ProductID: p.ID, FromID: main.ID, Qty: q(50)}, false},
		{seller, model.StockMovement{Kind: model.MoveReceipt, ProductID: p.ID, ToID: main.ID, Qty: q(1)}, true}, // sellers do not move stock
		{head, model.StockMovement{Kind: model.MoveReceipt, ProductID: svc.ID, ToID: main.ID, Qty: q(1)}, true}, // services have no stock
	}
	for i, st := range steps {
		if err := move(st.ss, st.m); (err != nil) != st.wantErr {
			t.Errorf("step %d (%s %d): error %v, want error %v", i, st.m.Kind, st.m.Qty, err, st.wantErr)
		}
	}
	bal, err := seller.Stock(t.Context(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.StockBalance{}
	for _, b := range bal {
		got[b.WarehouseID] = b
	}
	if b := got[main.ID]; b.OnHand != q(20) || b.Reserved != q(10) {
		t.Errorf("main warehouse: on hand %d, reserved %d; want 20 and 10 units", b.OnHand, b.Reserved)
	}
	if b := got[north.ID]; b.OnHand != q(30) || b.Reserved != 0 {
		t.Errorf("north warehouse: %+v", b)
	}
	rows, _ := seller.FindProducts(t.Context(), model.ProductFilter{InStock: true})
	if len(rows) != 1 || rows[0].OnHand != q(50) || rows[0].Available != q(40) {
		t.Errorf("in-stock filter and sums: %+v", rows)
	}
	moves, _ := seller.Movements(t.Context(), model.MovementFilter{ProductID: p.ID})
	if len(moves) != 4 || moves[0].Kind != model.MoveShip {
		t.Errorf("movements, newest first: %+v", moves)
	}
	mustCheck(t, s)
}

func TestRatesPriceListsAndIndividualPrices(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head, acc, seller := s.Session(tm.head), s.Session(tm.accountant), s.Session(tm.seller1)
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	err := acc.SaveRates(t.Context(), []model.ExchangeRate{
		{Currency: "USD", Date: day, Nominal: 1, ValueE4: 925678, Source: "cbr"},
		{Currency: "RUB", Date: day, Nominal: 1, ValueE4: 10000},
	})
	if !hasField(err, "rates") || !strings.Contains(err.Error(), "RUB") {
		t.Fatalf("a rate for the base currency was accepted: %v", err)
	}
	if rates, _ := seller.Rates(t.Context(), day); len(rates) != 0 {
		t.Fatalf("a refused batch wrote %d rates", len(rates))
	}
	if err := acc.SaveRates(t.Context(), []model.ExchangeRate{{Currency: "USD", Date: day, Nominal: 1, ValueE4: 925678, Source: "cbr"}}); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[time.Time]int{day: 1, day.AddDate(0, 0, 5): 1, day.AddDate(0, 0, -1): 0} {
		if rates, _ := seller.Rates(t.Context(), d); len(rates) != want {
			t.Errorf("rates on %s: %d, want %d (the latest on or before the day)", d.Format(time.DateOnly), len(rates), want)
		}
	}
	group, err := head.SaveGroup(t.Context(), model.CustomerGroup{Name: "Оптовые покупатели"})
	if err != nil {
		t.Fatal(err)
	}
	groups := []model.CustomerGroup{group}
	p := mustProduct(t, head, model.Product{SKU: "A-1", Name: "Кабель ВВГ 3×2,5", UnitCode: "006", BasePrice: 12000, Active: true})
	wholesale, err := head.SavePriceList(t.Context(), model.PriceList{Name: "Опт 2026", GroupID: groups[0].ID, Kind: model.ListExplicit,
		ValidFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seller.SavePriceList(t.Context(), model.PriceList{Name: "Моя скидка", Kind: model.ListRule, RuleBP: -5000}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller created a price list: %v", err)
	}
	items := []model.PriceListItem{{ProductID: p.ID, Price: 10000, Breaks: []model.QtyBreak{{MinQty: 100 * model.QtyOne, Price: 9000}}}}
	if err := head.SetPriceListItems(t.Context(), wholesale.ID, items, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := head.AdjustPriceList(t.Context(), wholesale.ID, 500, ""); err != nil || n != 1 {
		t.Fatalf("+5 %%: %d changed, %v", n, err)
	}
	if _, err := seller.AdjustPriceList(t.Context(), wholesale.ID, 500, ""); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller raised the prices: %v", err)
	}
	if _, err := head.AdjustPriceList(t.Context(), wholesale.ID, -10000, ""); err == nil {
		t.Error("a 100 %% discount was accepted")
	}
	// 10 500,00 and the break 9 450,00 back by −4.7619 %: 10 000,00 and 9 000,00 (RoundDiv).
	if _, err := head.AdjustPriceList(t.Context(), wholesale.ID, -476, ""); err != nil {
		t.Fatal(err)
	}
	got, err := seller.PriceListItems(t.Context(), wholesale.ID)
	if err != nil || len(got) != 1 || got[0].Price != 10000 || len(got[0].Breaks) != 1 || got[0].Breaks[0].Price != 9000 {
		t.Errorf("items read back: %+v, %v", got, err)
	}
	bad := []model.PriceListItem{{ProductID: p.ID, Price: 100, Breaks: []model.QtyBreak{{MinQty: 10, Price: 5, DiscountBP: 100}}}}
	if err := head.SetPriceListItems(t.Context(), wholesale.ID, bad, nil); err == nil {
		t.Error("a break with both a price and a discount was accepted")
	}
	c := createCustomer(t, s.Session(tm.seller1), "ООО «Свой»", "")
	ip, err := head.SaveIndividualPrice(t.Context(), model.IndividualPrice{CustomerID: c.ID, ProductID: p.ID, Price: 9500})
	if err != nil || ip.Currency != "RUB" {
		t.Fatalf("individual price: %+v, %v", ip, err)
	}
	if ps, err := seller.IndividualPrices(t.Context(), c.ID); err != nil || len(ps) != 1 {
		t.Errorf("the customer's seller sees %d individual prices, %v", len(ps), err)
	}
	other := s.Session(tm.seller2)
	if _, err := other.IndividualPrices(t.Context(), c.ID); err == nil {
		t.Error("another seller read the individual prices of a customer not theirs")
	}
	// Prices: individual first, then the group's list (with its break), then the base price.
	c.GroupID = group.ID
	if _, err := s.Session(tm.seller1).UpdateCustomer(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	lines := []model.PriceLine{{ProductID: p.ID, Qty: model.QtyOne}, {ProductID: p.ID, Qty: 100 * model.QtyOne}}
	type want struct {
		price  model.Money
		source model.PriceSource
	}
	check := func(name, customer, currency string, w ...want) {
		t.Helper()
		res, err := seller.PriceOrder(t.Context(), customer, day, currency, lines)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range w {
			if res[i].Price != w[i].price || res[i].Source != w[i].source {
				t.Errorf("%s, line %d: %d from %s (%s), want %d from %s", name, i+1, res[i].Price, res[i].Source, res[i].Reason, w[i].price, w[i].source)
			}
		}
	}
	check("individual", c.ID, "", want{9500, model.SourceIndividual}, want{9500, model.SourceIndividual})
	if err := head.DeleteIndividualPrice(t.Context(), ip.ID); err != nil {
		t.Fatal(err)
	}
	check("group list", c.ID, "", want{10000, model.SourceList}, want{9000, model.SourceList})
	check("no customer", "", "", want{12000, model.SourceBase}, want{12000, model.SourceBase})
	defer func() {
		// A deleted list prices nothing: back to the base price.
		if err := seller.DeletePriceList(t.Context(), wholesale.ID); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("a seller deleted a price list: %v", err)
		}
		if err := head.DeletePriceList(t.Context(), wholesale.ID); err != nil {
			t.Fatal(err)
		}
		check("list deleted", c.ID, "", want{12000, model.SourceBase}, want{12000, model.SourceBase})
		if ls, _ := seller.PriceLists(t.Context()); len(ls) != 0 {
			t.Errorf("deleted lists still listed: %+v", ls)
		}
	}()
	sheet, err := seller.PriceSheet(t.Context(), "", group.ID, day, "")
	if err != nil || sheet.For != group.Name || len(sheet.Sections) != 1 || len(sheet.Sections[0].Lines) != 1 {
		t.Fatalf("group price sheet: %+v, %v", sheet, err)
	}
	if l := sheet.Sections[0].Lines[0]; l.Price.Price != 10000 || len(l.Breaks) != 1 || l.Breaks[0].MinQty != 100*model.QtyOne ||
		l.Breaks[0].Price != 9000 || l.VAT != "22%" {
		t.Errorf("sheet line: %+v", l)
	}
	// 100 RUB at 92.5678 RUB per USD is 1.08 USD.
	check("in dollars", c.ID, "USD", want{108, model.SourceList}, want{97, model.SourceList})
	if _, err := seller.PriceOrder(t.Context(), c.ID, day, "EUR", lines); !errors.Is(err, model.ErrNoRate) {
		t.Errorf("a currency without a rate priced: %v", err)
	}
	if _, err := s.Session(tm.seller2).PriceOrder(t.Context(), c.ID, day, "", lines); err == nil {
		t.Error("another seller priced for a customer not theirs")
	}
	mustCheck(t, s)
}

func TestImportProductsUpdatesOnlyFilledCells(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	orig := mustProduct(t, head, model.Product{SKU: "P-1", Name: "Шпаклёвка", BasePrice: 50000, CostPrice: 30000, SellerNote: "хит", Active: true})
	header := []string{"Артикул", "Цена", "Группа"}
	m := model.GuessProductMapping(header)
	row, errs := model.ParseProductRow(2, header, []string{"p-1", "555,50", "Стройматериалы / Смеси"}, m)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// A row without a name that names a new SKU is refused (and nothing else is lost).
	orphan, errs := model.ParseProductRow(3, header, []string{"P-404", "10", ""}, m)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rows := []model.ProductImport{row, orphan}
	res, err := head.ImportProducts(t.Context(), rows, nil, model.ImportOptions{Update: true}, nil)
	if err != nil || res.Updated != 1 || res.Skipped != 1 || len(res.Errors) != 1 || res.Errors[0].Msg != model.MsgImportNoProductName {
		t.Fatalf("update: %+v, %v", res, err)
	}
	got, err := head.FindProductByID(t.Context(), orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.BasePrice != 55550 || got.CostPrice != 30000 || got.SellerNote != "хит" || got.CategoryID == "" {
		t.Errorf("after the update: %+v", got)
	}
	cats, _ := head.Categories(t.Context())
	if len(cats) != 2 || cats[0].Name != "Стройматериалы" || cats[1].ParentID != cats[0].ID {
		t.Errorf("the category path was not created as a tree: %+v", cats)
	}
	// A seller cannot import products.
	if _, err := s.Session(tm.seller1).ImportProducts(t.Context(), []model.ProductImport{row}, nil, model.ImportOptions{}, nil); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller imported products: %v", err)
	}
	mustCheck(t, s)
}

func TestKitPricedAsSumOfComponents(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	a := mustProduct(t, head, model.Product{SKU: "A", Name: "Розетка", BasePrice: 30000, Active: true})
	b1 := mustProduct(t, head, model.Product{SKU: "B1", Name: "Рамка белая", BasePrice: 10000, Active: true})
	b2 := mustProduct(t, head, model.Product{SKU: "B2", Name: "Рамка чёрная", BasePrice: 15000, Active: true})
	c := mustProduct(t, head, model.Product{SKU: "C", Name: "Монтаж", Kind: model.KindService, UnitCode: "876", BasePrice: 50000, Active: true})
	kit := mustProduct(t, head, model.Product{SKU: "K", Name: "Комплект розетки", Kind: model.KindKit, UnitCode: "839", KitPricing: model.KitSum, Active: true})
	if err := head.SetKitComponents(t.Context(), kit.ID, []model.KitComponent{
		{ProductID: a.ID, Qty: 2 * model.QtyOne}, {ProductID: b1.ID, Qty: model.QtyOne, Choice: "Рамка"},
		{ProductID: b2.ID, Qty: model.QtyOne, Choice: "Рамка"}, {ProductID: c.ID, Qty: model.QtyOne, Optional: true},
	}); err != nil {
		t.Fatal(err)
	}
	group, err := head.SaveGroup(t.Context(), model.CustomerGroup{Name: "Монтажники"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := head.SavePriceList(t.Context(), model.PriceList{Name: "Монтажникам", GroupID: group.ID, Kind: model.ListExplicit, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := head.SetPriceListItems(t.Context(), list.ID, []model.PriceListItem{{ProductID: a.ID, Price: 25000}}, nil); err != nil {
		t.Fatal(err)
	}
	cust, err := head.CreateCustomer(t.Context(), model.Customer{Kind: model.CustomerCompany, Name: "ООО «Электрик»", GroupID: group.ID})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	res, err := head.PriceOrder(t.Context(), cust.ID, day, "", []model.PriceLine{{ProductID: kit.ID, Qty: model.QtyOne}})
	if err != nil {
		t.Fatal(err)
	}
	// 2 × 250,00 (the group's list) + 100,00 (the first frame, base price); the optional service is not included.
	if r := res[0]; r.Price != 60000 || r.BasePrice != 70000 || r.Source != model.SourceKit || r.Reason != model.ReasonKitSum {
		t.Errorf("kit price: %+v, want 600,00 against a base of 700,00", r)
	}
	sheet, err := head.PriceSheet(t.Context(), cust.ID, "", day, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range sheet.Sections {
		for _, l := range sec.Lines {
			if l.Product.ID == kit.ID && l.Price.Price != 60000 {
				t.Errorf("the kit on the customer's price list: %d, want 60000", l.Price.Price)
			}
		}
	}
}
