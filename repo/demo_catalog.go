package repo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// demoCategory is a root category of the demo catalog with its leaves; each
// leaf lists product stems, brands, variants, a unit and a price range (rubles).
type demoLeaf struct {
	name     string
	stems    []string
	brands   []string
	variants []string
	unit     string
	min, max int64
	kind     model.ProductKind
}

var demoCatalog = []struct {
	root   string
	leaves []demoLeaf
}{
	{"Электроинструмент", []demoLeaf{
		{"Дрели", []string{"Дрель ударная", "Дрель безударная", "Дрель-миксер"}, []string{"Bosch", "Makita", "Интерскол", "DeWalt", "Зубр"}, []string{"600 Вт", "750 Вт", "900 Вт", "1050 Вт", "1200 Вт", "1300 Вт"}, "796", 2900, 18900, model.KindGoods},
		{"Шуруповёрты", []string{"Шуруповёрт аккумуляторный", "Дрель-шуруповёрт"}, []string{"Bosch", "Makita", "Metabo", "Интерскол", "DeWalt", "Зубр"}, []string{"12 В", "18 В, 2 АКБ", "18 В, бесщёточный"}, "796", 3900, 24900, model.KindGoods},
		{"Перфораторы", []string{"Перфоратор SDS-plus", "Перфоратор SDS-max"}, []string{"Bosch", "Makita", "Hilti", "Зубр", "DeWalt", "Metabo"}, []string{"800 Вт", "1100 Вт", "1300 Вт", "1500 Вт"}, "796", 6900, 59900, model.KindGoods},
		{"Шлифмашины", []string{"УШМ (болгарка)", "Шлифмашина эксцентриковая", "Шлифмашина ленточная"}, []string{"Bosch", "Makita", "Metabo", "Ресанта", "DeWalt", "Интерскол"}, []string{"125 мм", "150 мм", "230 мм"}, "796", 2500, 21900, model.KindGoods},
	}},
	{"Ручной инструмент", []demoLeaf{
		{"Молотки", []string{"Молоток слесарный", "Молоток-гвоздодёр", "Кувалда"}, []string{"Зубр", "Stanley", "Fit"}, []string{"300 г", "500 г", "800 г", "2 кг"}, "796", 250, 2900, model.KindGoods},
		{"Отвёртки", []string{"Отвёртка крестовая", "Отвёртка шлицевая", "Набор отвёрток"}, []string{"Wera", "Stanley", "Зубр", "Кобальт"}, []string{"PH1", "PH2", "SL5", "6 шт."}, "796", 120, 3500, model.KindGoods},
		{"Ключи", []string{"Ключ рожковый", "Ключ комбинированный", "Набор головок"}, []string{"Jonnesway", "Зубр", "Stels"}, []string{"10 мм", "13 мм", "17 мм", "19 мм", "22 мм", "1/2\", 24 предмета"}, "796", 150, 8900, model.KindGoods},
	}},
	{"Крепёж", []demoLeaf{
		{"Саморезы", []string{"Саморез по дереву", "Саморез по металлу", "Саморез кровельный"}, []string{"Стройметиз", "Fischer", "Tech-Krep"}, []string{"3,5×25, 500 шт.", "3,5×35, 200 шт.", "4,2×75, 100 шт.", "4,8×19, 100 шт.", "5,5×25, 250 шт."}, "778", 90, 1200, model.KindGoods},
		{"Дюбели", []string{"Дюбель распорный", "Дюбель-гвоздь", "Дюбель для газобетона"}, []string{"Fischer", "Sormat", "Tech-Krep"}, []string{"6×30, 100 шт.", "8×40, 50 шт.", "10×60, 25 шт."}, "778", 80, 990, model.KindGoods},
		{"Анкеры", []string{"Анкер клиновой", "Анкерный болт", "Анкер химический"}, []string{"Hilti", "Fischer", "Sormat"}, []string{"M8×75", "M10×100", "M12×120"}, "796", 25, 1900, model.KindGoods},
	}},
	{"Электрика", []demoLeaf{
		{"Кабель", []string{"Кабель ВВГнг-LS", "Кабель NYM", "Провод ПВС"}, []string{"Конкорд", "Севкабель", "Камкабель"}, []string{"2×1,5", "3×1,5", "3×2,5", "3×4", "3×6", "5×2,5", "5×4"}, "006", 45, 390, model.KindGoods},
		{"Розетки и выключатели", []string{"Розетка с заземлением", "Выключатель одноклавишный", "Выключатель двухклавишный"}, []string{"Schneider Electric", "Legrand", "ABB", "Werkel", "Systeme Electric"}, []string{"белая", "слоновая кость", "антрацит"}, "796", 190, 1900, model.KindGoods},
		{"Автоматы", []string{"Автоматический выключатель", "УЗО", "Дифавтомат"}, []string{"IEK", "ABB", "Schneider Electric", "EKF", "DEKraft"}, []string{"1P 16 А", "1P 25 А", "3P 32 А", "2P 40 А 30 мА"}, "796", 250, 6900, model.KindGoods},
	}},
	{"Сантехника", []demoLeaf{
		{"Трубы", []string{"Труба полипропиленовая", "Труба металлопластиковая", "Труба канализационная"}, []string{"Valtec", "Rehau", "Ostendorf", "Pro Aqua", "Kalde"}, []string{"20 мм", "25 мм", "50 мм", "110 мм"}, "006", 60, 890, model.KindGoods},
		{"Смесители", []string{"Смеситель для кухни", "Смеситель для ванны", "Смеситель для раковины"}, []string{"Grohe", "Hansgrohe", "Iddis", "Лемарк", "Vitra", "Rossinka"}, []string{"хром", "чёрный матовый", "с душем"}, "796", 2900, 29900, model.KindGoods},
		{"Фитинги", []string{"Муфта", "Уголок 90°", "Тройник"}, []string{"Valtec", "Rehau", "ТеплоКонтроль"}, []string{"20 мм", "25 мм", "32 мм", "40 мм", "50 мм"}, "796", 20, 450, model.KindGoods},
	}},
	{"Стройматериалы", []demoLeaf{
		{"Сухие смеси", []string{"Штукатурка гипсовая", "Шпаклёвка финишная", "Плиточный клей", "Цемент М500"}, []string{"Knauf", "Ceresit", "Волма", "Основит", "Unis", "Старатели"}, []string{"25 кг", "30 кг", "50 кг"}, "796", 290, 1290, model.KindGoods},
		{"Гипсокартон", []string{"Гипсокартон стеновой", "Гипсокартон влагостойкий", "Профиль направляющий"}, []string{"Knauf", "Волма", "Гипрок"}, []string{"12,5 мм", "9,5 мм", "ПН 27×28, 3 м"}, "796", 120, 890, model.KindGoods},
		{"Утеплитель", []string{"Минвата", "Пенополистирол", "Базальтовая плита"}, []string{"Rockwool", "Knauf Insulation", "Технониколь", "Изовол", "Paroc"}, []string{"50 мм", "100 мм", "0,3 м³"}, "778", 690, 3900, model.KindGoods},
	}},
	{"Лакокраски", []demoLeaf{
		{"Краски", []string{"Краска интерьерная", "Краска фасадная", "Эмаль ПФ-115"}, []string{"Tikkurila", "Dulux", "Текс", "Caparol", "Marshall", "Parade"}, []string{"белая, 2,7 л", "база A, 9 л", "серая, 0,9 кг"}, "112", 390, 8900, model.KindGoods},
		{"Грунтовки", []string{"Грунтовка глубокого проникновения", "Бетоконтакт", "Грунт-эмаль"}, []string{"Ceresit", "Knauf", "Оптимист"}, []string{"5 л", "10 л", "15 кг"}, "112", 290, 2900, model.KindGoods},
	}},
	{"Услуги", []demoLeaf{
		{"Доставка", []string{"Доставка по городу", "Доставка за МКАД", "Подъём на этаж"}, []string{""}, []string{"до 1,5 т", "до 5 т", "за 1 км", "за этаж"}, "876", 50, 4500, model.KindService},
		{"Монтаж", []string{"Монтаж розетки", "Установка смесителя", "Монтаж гипсокартона"}, []string{""}, []string{"стандарт", "сложный", "за м²"}, "876", 300, 3500, model.KindService},
		{"Обучение", []string{"Обучение работе с инструментом", "Консультация инженера"}, []string{""}, []string{"1 час", "выезд на объект"}, "356", 1500, 9000, model.KindService},
	}},
}

// demoCatalogData fills the catalog: the category tree, about 1,100 products
// and services, two kits, two warehouses with stock (as receipts), rates for
// the last 30 days, price lists for the default groups and individual prices
// for a few customers. It runs in one transaction after the customers.
func (s *Store) demoCatalogData(ctx context.Context, seed uint64, admin model.User) error {
	rng := rand.New(rand.NewPCG(seed^0xC0FFEE, seed))
	now := s.now()
	stamp := ts(now)
	return s.write(ctx, func(tx *sql.Tx) error {
		num, moveNum := int64(0), int64(0)
		var goods []string
		prices := map[string]int64{}
		type named struct{ id, name string }
		var firstLeafProducts [][]named
		for ri, root := range demoCatalog {
			rootID := s.newID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO categories (id, name, name_fold, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				rootID, root.root, model.FoldText(root.root), ri, stamp, stamp); err != nil {
				return err
			}
			for li, leaf := range root.leaves {
				leafID := s.newID()
				if _, err := tx.ExecContext(ctx, `INSERT INTO categories (id, parent_id, name, name_fold, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					leafID, rootID, leaf.name, model.FoldText(leaf.name), li, stamp, stamp); err != nil {
					return err
				}
				var made []named
				for _, stem := range leaf.stems {
					for _, brand := range leaf.brands {
						for _, v := range leaf.variants {
							num++
							name := stem
							if brand != "" {
								name += " " + brand
							}
							name += " " + v
							rub := leaf.min + rng.Int64N(leaf.max-leaf.min+1)
							base := rub * 100 // shop prices end in 90 rubles: 1 290,00
							if rub >= 100 {
								base = (rub/100*100 + 90) * 100
							}
							p := model.Product{SKU: fmt.Sprintf("%s-%05d", demoSKUPrefix(ri), num), Name: name, Kind: leaf.kind, UnitCode: leaf.unit,
								BasePrice: model.Money(base), CostPrice: model.Money(base * (60 + rng.Int64N(20)) / 100), VAT: model.VATStandard, Active: rng.IntN(40) != 0}
							if leaf.kind == model.KindGoods && rng.IntN(2) == 0 {
								p.Barcode = demoEAN13(rng)
								p.WeightGrams = 100 + rng.Int64N(5000)
							}
							if rng.IntN(10) == 0 {
								p.FloorPrice = model.Money(int64(p.CostPrice) * 11 / 10)
							}
							id := s.newID()
							if _, err := tx.ExecContext(ctx, `INSERT INTO products (id, num, `+productWriteCols+`, created_at, updated_at)
								VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
								append(append([]any{id, num}, productValues(withCategory(p, leafID))...), stamp, stamp)...); err != nil {
								return fmt.Errorf("demo product %q: %w", name, err)
							}
							if _, err := tx.ExecContext(ctx, `INSERT INTO product_fts (rowid, search_doc) VALUES (?, ?)`, num, model.ProductSearchDoc(p)); err != nil {
								return err
							}
							prices[id] = base
							if leaf.kind == model.KindGoods {
								goods = append(goods, id)
							}
							made = append(made, named{id, name})
						}
					}
				}
				firstLeafProducts = append(firstLeafProducts, made)
			}
		}
		// Warehouses and opening stock (receipts, so the history explains every balance).
		whs := []string{s.newID(), s.newID()}
		for i, name := range []string{"Основной склад (Москва)", "Склад «Север» (Химки)"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO warehouses (id, name, name_fold, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				whs[i], name, model.FoldText(name), []string{"г. Москва, ул. Складская, д. 1", "г. Химки, Ленинградское ш., д. 5"}[i], stamp, stamp); err != nil {
				return err
			}
		}
		for _, id := range goods {
			for wi, wh := range whs {
				if rng.IntN(3) == 0 || wi == 1 && rng.IntN(2) == 0 {
					continue
				}
				qty := (1 + rng.Int64N(400)) * 1000
				moveNum++
				if _, err := tx.ExecContext(ctx, `INSERT INTO stock_movements (id, num, kind, product_id, to_id, qty, at, note, user_id, created_at)
					VALUES (?, ?, 'receipt', ?, ?, ?, ?, 'Начальные остатки', ?, ?)`, s.newID(), moveNum, id, wh, qty, stamp, admin.ID, stamp); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO stock_balances (product_id, warehouse_id, on_hand, reserved) VALUES (?, ?, ?, 0)`, id, wh, qty); err != nil {
					return err
				}
			}
		}
		// Kits: the first leaf's first three products make a drill kit, with a choice of battery tool.
		kitNum := num + 1
		kitID := s.newID()
		kit := model.Product{SKU: "KIT-00001", Name: "Комплект электрика: дрель и розетки на выбор", Kind: model.KindKit, UnitCode: "839",
			VAT: model.VATStandard, Active: true, KitPricing: model.KitSum}
		if _, err := tx.ExecContext(ctx, `INSERT INTO products (id, num, `+productWriteCols+`, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(append([]any{kitID, kitNum}, productValues(kit.Normalize())...), stamp, stamp)...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_fts (rowid, search_doc) VALUES (?, ?)`, kitNum, model.ProductSearchDoc(kit)); err != nil {
			return err
		}
		drills, sockets := firstLeafProducts[0], firstLeafProducts[len(demoCatalog[0].leaves)+len(demoCatalog[1].leaves)+len(demoCatalog[2].leaves)+1]
		comps := []model.KitComponent{{ProductID: drills[0].id, Qty: 1000}, {ProductID: sockets[0].id, Qty: 2000, Choice: "Розетка"},
			{ProductID: sockets[1].id, Qty: 2000, Choice: "Розетка"}, {ProductID: drills[1].id, Qty: 1000, Optional: true}}
		for i, c := range comps {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kit_components (kit_id, product_id, qty, optional, choice, sort) VALUES (?, ?, ?, ?, ?, ?)`,
				kitID, c.ProductID, int64(c.Qty), c.Optional, c.Choice, i); err != nil {
				return err
			}
		}
		// Rates for the last 30 days (as the Central Bank would publish them).
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		for _, r := range []struct {
			code    string
			nominal int64
			value   int64
		}{{"USD", 1, 925678}, {"EUR", 1, 1003412}, {"CNY", 1, 127745}, {"KZT", 100, 186320}, {"BYN", 1, 280145}} {
			v := r.value
			for d := 29; d >= 0; d-- {
				v += rng.Int64N(r.value/100+1) - r.value/200
				if _, err := tx.ExecContext(ctx, `INSERT INTO exchange_rates (currency, day, nominal, value_e4, source, updated_at) VALUES (?, ?, ?, ?, 'cbr', ?)`,
					r.code, day.AddDate(0, 0, -d).Format(time.DateOnly), r.nominal, v, stamp); err != nil {
					return err
				}
			}
		}
		// Price lists of the default groups.
		groups := map[string]string{}
		rows, err := tx.QueryContext(ctx, `SELECT id, name FROM customer_groups WHERE deleted_at IS NULL`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			groups[name] = id
		}
		rows.Close()
		yearStart := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		lists := []struct {
			name, group, kind string
			rule              int64
			breaks            []model.QtyBreak
		}{
			{"Опт " + strconv.Itoa(now.Year()), "Опт", "rule", -1000, []model.QtyBreak{{MinQty: 10000, DiscountBP: 300}, {MinQty: 100000, DiscountBP: 700}}},
			{"Ключевые клиенты", "Ключевые клиенты", "rule", -1500, nil},
			{"Дилерский " + strconv.Itoa(now.Year()), "Дилеры", "explicit", 0, nil},
		}
		for _, l := range lists {
			id := s.newID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO price_lists (id, name, name_fold, group_id, currency, valid_from, kind, rule_bp, breaks,
				created_at, updated_at) VALUES (?, ?, ?, ?, 'RUB', ?, ?, ?, ?, ?, ?)`, id, l.name, model.FoldText(l.name), nullStr(groups[l.group]),
				yearStart, l.kind, l.rule, encodeBreaks(l.breaks), stamp, stamp); err != nil {
				return err
			}
			if l.kind != "explicit" {
				continue
			}
			for i, pid := range goods {
				if i%4 != 0 {
					continue
				}
				price := prices[pid] * 82 / 100 / 100 * 100
				br := []model.QtyBreak{{MinQty: 20000, Price: model.Money(price * 95 / 100 / 100 * 100)}}
				if _, err := tx.ExecContext(ctx, `INSERT INTO price_list_items (list_id, product_id, price, breaks) VALUES (?, ?, ?, ?)`,
					id, pid, price, encodeBreaks(br)); err != nil {
					return err
				}
			}
		}
		// Individual prices for a few customers.
		rows, err = tx.QueryContext(ctx, `SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY num LIMIT 10`)
		if err != nil {
			return err
		}
		var customers []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			customers = append(customers, id)
		}
		rows.Close()
		for _, c := range customers {
			for k := 0; k < 3; k++ {
				pid := goods[rng.IntN(len(goods))]
				if _, err := tx.ExecContext(ctx, `INSERT INTO individual_prices (id, customer_id, product_id, price, currency, note, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'RUB', 'Договорная цена', ?, ?)`, s.newID(), c, pid, prices[pid]*85/100/100*100, stamp, stamp); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func withCategory(p model.Product, id string) model.Product {
	p.CategoryID = id
	return p.Normalize()
}

func demoSKUPrefix(root int) string {
	return []string{"EL", "HT", "KR", "EP", "SN", "SM", "LK", "US"}[root%8]
}

// demoEAN13 makes a valid EAN-13 with the Russian prefix 460–469.
func demoEAN13(rng *rand.Rand) string {
	d := make([]byte, 13)
	d[0], d[1], d[2] = '4', '6', byte('0'+rng.IntN(10))
	for i := 3; i < 12; i++ {
		d[i] = byte('0' + rng.IntN(10))
	}
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d[i]-'0') * w
	}
	d[12] = byte('0' + (10-sum%10)%10)
	return string(d)
}

// DemoProducts adds n generated products to the demo catalog (`sdelkactl
// demo --products N`), spread over its categories: series of the demo
// products with their own SKUs, prices and barcodes, for measuring a large
// catalog. One transaction; the search index is filled row by row.
func (s *Store) DemoProducts(ctx context.Context, seed uint64, n int) error {
	rng := rand.New(rand.NewPCG(seed^0xBADCAFE, seed+uint64(n)))
	type leaf struct {
		id   string
		leaf demoLeaf
	}
	var leaves []leaf
	rows, err := s.r.QueryContext(ctx, `SELECT id, name FROM categories WHERE parent_id IS NOT NULL AND deleted_at IS NULL`)
	if err != nil {
		return err
	}
	byName := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		byName[name] = id
	}
	rows.Close()
	for _, root := range demoCatalog {
		for _, l := range root.leaves {
			if id, ok := byName[l.name]; ok && l.kind == model.KindGoods {
				leaves = append(leaves, leaf{id, l})
			}
		}
	}
	if len(leaves) == 0 {
		return fmt.Errorf("demo products: %s has no demo catalog; run demo first", s.path)
	}
	series := []string{"", "Pro", "Eco", "Max", "Light", "Plus", "Expert", "Home", "Industrial", "Compact"}
	stamp := ts(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var num int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) FROM products`).Scan(&num); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO products (id, num, `+productWriteCols+`, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		fts, err := tx.PrepareContext(ctx, `INSERT INTO product_fts (rowid, search_doc) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer fts.Close()
		for i := 0; i < n; i++ {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			l := leaves[rng.IntN(len(leaves))]
			num++
			name := pick(rng, l.leaf.stems) + " " + pick(rng, l.leaf.brands) + " " + pick(rng, series) + " " + pick(rng, l.leaf.variants) +
				fmt.Sprintf(" серия %d", 100+rng.IntN(900))
			rub := l.leaf.min + rng.Int64N(l.leaf.max-l.leaf.min+1)
			p := model.Product{SKU: fmt.Sprintf("GEN-%07d", num), Name: strings.Join(strings.Fields(name), " "), Kind: model.KindGoods,
				UnitCode: l.leaf.unit, BasePrice: model.Money(rub * 100), CostPrice: model.Money(rub * 70), VAT: model.VATStandard, Active: true,
				CategoryID: l.id}
			if rng.IntN(2) == 0 {
				p.Barcode = demoEAN13(rng)
			}
			p = p.Normalize()
			if _, err := ins.ExecContext(ctx, append(append([]any{s.newID(), num}, productValues(p)...), stamp, stamp)...); err != nil {
				return fmt.Errorf("demo product %d: %w", i, err)
			}
			if _, err := fts.ExecContext(ctx, num, model.ProductSearchDoc(p)); err != nil {
				return err
			}
		}
		return nil
	})
}
