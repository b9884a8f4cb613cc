package repo_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// fullCustomer is a valid company with every field filled.
func fullCustomer(name, inn string) model.Customer {
	return model.Customer{
		Kind: model.CustomerCompany, LegalForm: "ООО", Name: name, ShortName: name, INN: inn, KPP: inn[:4] + "01001",
		OGRN: "1027700132195", LegalAddress: "г. Москва, ул. Тверская, 1", PostalAddress: "г. Москва, а/я 5",
		Phone: "+7 (495) 123-45-67", Email: "Office@Example.RU", Website: "example.ru",
		BankName: "ПАО Сбербанк", BIC: "044525225", Account: "40702810938000000001", CorrAccount: "30101810400000000225",
		RegionCode: "77", Industry: "Производство", Segment: "Средний бизнес", LeadSource: "Выставка",
		Tags: []string{"VIP", " vip ", "Экспорт"}, Note: "важный клиент",
	}
}

func TestCustomerFullRecordRoundTrip(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	groups, err := head.Groups(t.Context())
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v, %v", groups, err)
	}
	in := fullCustomer("ООО «Полный»", "7707083893")
	in.GroupID, in.OwnerID = groups[0].ID, tm.seller1.ID
	c, err := head.CreateCustomer(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := head.FindCustomerByID(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "office@example.ru" || got.RegionName != "Москва" || got.GroupName != groups[0].Name || got.OwnerName != tm.seller1.FullName {
		t.Errorf("read back: email %q region %q group %q owner %q", got.Email, got.RegionName, got.GroupName, got.OwnerName)
	}
	if !slices.Equal(got.Tags, []string{"VIP", "Экспорт"}) {
		t.Errorf("tags: got %v, want [VIP Экспорт]", got.Tags)
	}
	if got.Num < 1 || got.BIC != in.BIC || got.OGRN != in.OGRN || got.LeadSource != in.LeadSource {
		t.Errorf("read back: %+v", got)
	}
	bad := in
	bad.RegionCode = "99"
	if _, err := head.CreateCustomer(t.Context(), bad); !hasField(err, "region") {
		t.Errorf("unknown region: got %v, want a region field error", err)
	}
}

func hasField(err error, field string) bool {
	for _, e := range model.FieldErrors(err) {
		if e.Field == field {
			return true
		}
	}
	return false
}

func TestSearchCustomers(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	seller := s.Session(tm.seller1)
	mk := func(name, inn, phone string) model.Customer {
		t.Helper()
		c, err := seller.CreateCustomer(t.Context(), model.Customer{Name: name, INN: inn, Phone: phone})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		return c
	}
	elka := mk("ООО «Ёлка Трейд»", "7707083893", "8 (916) 123-45-67")
	volga := mk("АО «Волга»", "7736050003", "")
	latin := mk("OOO «Elka»", "", "") // Latin letters that look Cyrillic: not the same
	if _, err := seller.SaveContact(t.Context(), model.Contact{CustomerID: volga.ID, Name: "Пётр Сидоров", Phones: []string{"+7 495 765-43-21"},
		Emails: []string{"petr@volga.ru"}}); err != nil {
		t.Fatal(err)
	}
	other := createCustomer(t, s.Session(tm.seller2), "ООО «Ёлочка чужая»", "")
	ids := func(hs []model.SearchHit) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Customer.ID)
		}
		return out
	}
	tests := []struct {
		q       string
		want    []string
		contact string
	}{
		{"ёлк", []string{elka.ID}, ""},
		{"ЕЛКА", []string{elka.ID}, ""},
		{"ооо ёлка", []string{elka.ID}, ""},
		{"elka", []string{latin.ID}, ""},
		{"7707083893", []string{elka.ID}, ""},
		{"+7 916 123 45 67", []string{elka.ID}, ""},
		{"89161234567", []string{elka.ID}, ""},
		{"916123", []string{elka.ID}, ""},
		{"сидор", []string{volga.ID}, "Пётр Сидоров"},
		{"петр", []string{volga.ID}, "Пётр Сидоров"},
		{"petr@volga", []string{volga.ID}, "Пётр Сидоров"},
		{"7654321", []string{volga.ID}, ""},
		{"елоч", nil, ""},              // seller2's customer is not visible to seller1
		{"ооо", []string{elka.ID}, ""}, // a legal form alone: names starting with it
		{"а", []string{volga.ID}, ""},  // one letter: names starting with it («АО «Волга»»)
		{`"; DROP TABLE customers; --`, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits, err := seller.SearchCustomers(t.Context(), tt.q, 10)
			if err != nil {
				t.Fatalf("search %q: %v", tt.q, err)
			}
			if got := ids(hits); !slices.Equal(got, tt.want) {
				t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
			}
			if len(hits) > 0 && hits[0].Contact != tt.contact {
				t.Errorf("search %q: matched contact %q, want %q", tt.q, hits[0].Contact, tt.contact)
			}
		})
	}
	if hits, _ := s.Session(tm.head).SearchCustomers(t.Context(), "елоч", 10); len(hits) != 1 || hits[0].Customer.ID != other.ID {
		t.Errorf("head searching елоч: got %v, want seller2's customer", ids(hits))
	}
	// Exact INN hits come first and are marked.
	hits, err := seller.SearchCustomers(t.Context(), "7736050003", 10)
	if err != nil || len(hits) == 0 || !hits[0].Exact {
		t.Errorf("exact INN hit: got %+v, %v", hits, err)
	}
	// The index follows edits: the old name no longer matches, the new one does.
	volga.Name = "АО «Кама»"
	if _, err := seller.UpdateCustomer(t.Context(), volga); err != nil {
		t.Fatal(err)
	}
	if hits, _ := seller.SearchCustomers(t.Context(), "волга", 10); len(hits) != 0 {
		t.Errorf("after rename, волга still finds %v", ids(hits))
	}
	if hits, _ := seller.SearchCustomers(t.Context(), "кама", 10); len(hits) != 1 {
		t.Errorf("after rename, кама finds %v", ids(hits))
	}
	mustCheck(t, s)
}

func TestCustomerListSortsFiltersAndPages(t *testing.T) {
	s, clk := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	var all []model.Customer
	for i, x := range []struct{ name, inn, region, tag string }{
		{"Бета", "7736050003", "77", "vip"}, {"Альфа", "7707083893", "78", ""}, {"Гамма", "7728168971", "77", "VIP"},
		{"Дельта", "", "50", ""}, {"Ёж", "", "", "тендер"},
	} {
		clk.Advance(time.Minute)
		c, err := head.CreateCustomer(t.Context(), model.Customer{Name: x.name, INN: x.inn, RegionCode: x.region, Tags: []string{x.tag}, OwnerID: tm.seller1.ID})
		if err != nil {
			t.Fatalf("create %s (%d): %v", x.name, i, err)
		}
		all = append(all, c)
	}
	names := func(cs []model.Customer) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name string
		f    model.CustomerFilter
		want string
	}{
		{"by name", model.CustomerFilter{}, "Альфа,Бета,Гамма,Дельта,Ёж"},
		{"by name desc", model.CustomerFilter{Desc: true}, "Ёж,Дельта,Гамма,Бета,Альфа"},
		{"by created", model.CustomerFilter{Sort: model.SortByCreated}, "Бета,Альфа,Гамма,Дельта,Ёж"},
		{"by created desc", model.CustomerFilter{Sort: model.SortByCreated, Desc: true}, "Ёж,Дельта,Гамма,Альфа,Бета"},
		{"by INN", model.CustomerFilter{Sort: model.SortByINN}, "Дельта,Ёж,Альфа,Гамма,Бета"},
		{"region 77", model.CustomerFilter{RegionCode: "77"}, "Бета,Гамма"},
		{"tag vip any case", model.CustomerFilter{Tag: "Vip"}, "Бета,Гамма"},
		{"ids", model.CustomerFilter{IDs: []string{all[4].ID, all[0].ID}}, "Бета,Ёж"},
		{"offset 3", model.CustomerFilter{Offset: 3}, "Дельта,Ёж"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := head.FindCustomers(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(cs); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	// Keyset pages of 2 in every order walk the whole list exactly once.
	for _, sort := range model.CustomerSorts {
		for _, desc := range []bool{false, true} {
			f := model.CustomerFilter{Sort: sort, Desc: desc, Limit: 2}
			full, _ := head.FindCustomers(t.Context(), model.CustomerFilter{Sort: sort, Desc: desc})
			var walked []model.Customer
			for {
				page, err := head.FindCustomers(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				walked = append(walked, page...)
				if len(page) < 2 {
					break
				}
				f.AfterKey, f.AfterID = page[1].SortKey(sort), page[1].ID
			}
			if names(walked) != names(full) {
				t.Errorf("%s desc=%v: pages %s, want %s", sort, desc, names(walked), names(full))
			}
		}
	}
	var n int
	if err := head.EachCustomer(t.Context(), model.CustomerFilter{RegionCode: "77"}, func(model.Customer) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("EachCustomer region 77: %d, %v; want 2", n, err)
	}
	stop := errors.New("stop")
	if err := head.EachCustomer(t.Context(), model.CustomerFilter{}, func(model.Customer) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("EachCustomer stopping: got %v", err)
	}
}

func TestContactsTimelineRequestsAndCard(t *testing.T) {
	s, clk := newStore(t)
	tm := setupTeam(t, s)
	seller := s.Session(tm.seller1)
	c := createCustomer(t, seller, "ООО «Карточка»", "")
	a, err := seller.SaveContact(t.Context(), model.Contact{CustomerID: c.ID, Name: "Анна", Phones: []string{"8 916 000-00-01"}, Primary: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := seller.SaveContact(t.Context(), model.Contact{CustomerID: c.ID, Name: "Борис", Emails: []string{"B@X.RU"}, Primary: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seller.SaveContact(t.Context(), model.Contact{CustomerID: c.ID, Name: ""}); !hasField(err, "contact_name") {
		t.Errorf("nameless contact: got %v", err)
	}
	for i := 0; i < 3; i++ {
		clk.Advance(time.Hour)
		if _, err := seller.AddInteraction(t.Context(), model.Interaction{CustomerID: c.ID, ContactID: a.ID, Kind: model.InteractionCall,
			Text: "звонок " + string(rune('1'+i)), Impression: model.ImpressionPositive}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := seller.SaveServiceRequest(t.Context(), model.ServiceRequest{CustomerID: c.ID, Subject: "Брак", Priority: model.PriorityHigh})
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	r.Status = model.RequestClosed
	if r, err = seller.SaveServiceRequest(t.Context(), r); err != nil || r.ResolvedAt.IsZero() || r.ClosedAt.IsZero() {
		t.Fatalf("close request: %+v, %v", r, err)
	}
	card, err := seller.CustomerCard(t.Context(), c.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Contacts) != 2 || card.Contacts[0].ID != b.ID || !card.Contacts[0].Primary || card.Contacts[1].Primary {
		t.Errorf("contacts: %+v (want Борис primary first, Анна no longer primary)", card.Contacts)
	}
	if len(card.Contacts[1].Phones) != 1 || card.Contacts[0].Emails[0] != "b@x.ru" {
		t.Errorf("channels: %+v", card.Contacts)
	}
	if len(card.Timeline) != 2 || card.Timeline[0].Text != "звонок 3" || card.Timeline[0].AuthorID != tm.seller1.ID || card.Timeline[0].ContactName != "Анна" {
		t.Errorf("timeline: %+v", card.Timeline)
	}
	if len(card.Requests) != 1 || card.Requests[0].Status != model.RequestClosed {
		t.Errorf("requests: %+v", card.Requests)
	}
	older, err := seller.FindInteractions(t.Context(), c.ID, card.Timeline[1].ID, 10)
	if err != nil || len(older) != 1 || older[0].Text != "звонок 1" {
		t.Errorf("older timeline: %+v, %v", older, err)
	}
	// Another seller sees none of it.
	if _, err := s.Session(tm.seller2).CustomerCard(t.Context(), c.ID, 10); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("seller2 card: got %v, want not found", err)
	}
	if err := seller.DeleteContact(t.Context(), a.ID, a.Version+1); err != nil {
		t.Fatalf("delete contact (version after the primary change): %v", err)
	}
	if hits, _ := seller.SearchCustomers(t.Context(), "анна", 5); len(hits) != 0 {
		t.Errorf("deleted contact still found: %+v", hits)
	}
	mustCheck(t, s)
}

func TestDuplicatesMergeAndBulk(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	keep, err := head.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Один»", INN: "7707083893", OwnerID: tm.seller1.ID})
	if err != nil {
		t.Fatal(err)
	}
	drop, err := head.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Один» (дубль)", Phone: "+7 495 111-22-33", Email: "one@x.ru", OwnerID: tm.seller2.ID})
	if err != nil {
		t.Fatal(err)
	}
	ct, err := head.SaveContact(t.Context(), model.Contact{CustomerID: drop.ID, Name: "Вера", Phones: []string{"84951112233"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := head.AddInteraction(t.Context(), model.Interaction{CustomerID: drop.ID, Kind: model.InteractionNote, Text: "из дубля"}); err != nil {
		t.Fatal(err)
	}
	dups, err := s.Session(tm.seller1).FindDuplicates(t.Context(), model.Customer{INN: "7707083893", Phone: "8 (495) 111-22-33"}, nil)
	if err != nil || len(dups) != 2 {
		t.Fatalf("duplicates: %+v, %v", dups, err)
	}
	for _, d := range dups {
		if d.Customer.ID == drop.ID && (d.By != "phone" || d.Customer.INN != "" || d.Customer.Name == "") {
			t.Errorf("seller1 sees seller2's duplicate as %+v: want only name and owner, matched by phone", d)
		}
	}
	drop, _ = head.FindCustomerByID(t.Context(), drop.ID)
	merged, err := head.MergeCustomers(t.Context(), keep.ID, keep.Version, drop.ID, drop.Version)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Phone != drop.Phone || merged.Email != "one@x.ru" || merged.INN != "7707083893" {
		t.Errorf("merged fields: %+v", merged)
	}
	card, err := head.CustomerCard(t.Context(), keep.ID, 10)
	if err != nil || len(card.Contacts) != 1 || card.Contacts[0].ID != ct.ID || len(card.Timeline) != 1 {
		t.Errorf("merged card: %+v, %v", card, err)
	}
	if gone, _ := head.FindCustomerByID(t.Context(), drop.ID); gone.DeletedAt.IsZero() {
		t.Error("the merged-away customer is not in the trash")
	}
	if _, err := s.Session(tm.seller2).FindCustomerByID(t.Context(), keep.ID); err != nil {
		t.Errorf("seller2 (owner of the dropped one) lost access to the merged customer: %v", err)
	}
	if _, err := head.MergeCustomers(t.Context(), keep.ID, keep.Version, keep.ID, keep.Version); err == nil {
		t.Error("merging a customer into itself was allowed")
	}
	// Bulk: assign to seller2, tag.
	n, err := head.AssignCustomers(t.Context(), []string{keep.ID}, tm.seller2.ID)
	if err != nil || n != 1 {
		t.Errorf("assign: %d, %v", n, err)
	}
	if _, err := s.Session(tm.seller1).AssignCustomers(t.Context(), []string{keep.ID}, tm.seller1.ID); err == nil {
		t.Error("a seller assigned customers")
	}
	n, err = head.TagCustomers(t.Context(), []string{keep.ID}, "Тендер")
	if err != nil || n != 1 {
		t.Errorf("tag: %d, %v", n, err)
	}
	if n, _ = head.TagCustomers(t.Context(), []string{keep.ID}, "тендер"); n != 0 {
		t.Errorf("tagging again with another case changed %d customers, want 0", n)
	}
	mustCheck(t, s)
}

func TestImportCustomers(t *testing.T) {
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	head := s.Session(tm.head)
	if _, err := head.CreateCustomer(t.Context(), model.Customer{Name: "Старое имя", INN: "7707083893"}); err != nil {
		t.Fatal(err)
	}
	rows := []model.CustomerImport{
		{Row: 2, Customer: model.Customer{Name: "Новое имя", INN: "7707083893", Phone: "+7 495 1"}},
		{Row: 3, Customer: model.Customer{Name: "ООО «Свежий»", Email: "new@x.ru"}, Contact: &model.Contact{Name: "Игорь", Phones: []string{"+7 916 555-00-11"}}},
		{Row: 4, Customer: model.Customer{Name: "ООО «Свежий» повтор", Email: "NEW@x.ru"}},
	}
	errs := []model.RowError{{Row: 5, Column: "ИНН", Msg: model.MsgINNChecksum, Value: "1234567890"}}
	res, err := head.ImportCustomers(t.Context(), model.RowsSource(rows, errs), model.ImportOptions{}, nil)
	if err != nil || res.Imported != 0 || res.Updated != 0 || len(res.Errors) != 1 {
		t.Fatalf("with errors, not skipping: %+v, %v", res, err)
	}
	if n, _ := head.CountCustomers(t.Context(), model.CustomerFilter{}); n != 1 {
		t.Fatalf("an import with errors wrote %d customers", n-1)
	}
	var progress []int
	res, err = head.ImportCustomers(t.Context(), model.RowsSource(rows, errs), model.ImportOptions{SkipInvalid: true, Update: true},
		func(p model.ImportProgress) { progress = append(progress, p.Rows) })
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 updates by INN; row 3 is new; row 4 matches row 3 by e-mail and updates it; row 5 was invalid.
	if res.Imported != 1 || res.Updated != 2 || res.Skipped != 1 {
		t.Errorf("result: %+v", res)
	}
	if len(progress) == 0 || progress[len(progress)-1] != len(rows)+1 { // the rows and the bad row 5
		t.Errorf("progress: %v", progress)
	}
	hits, _ := head.SearchCustomers(t.Context(), "игорь", 5)
	if len(hits) != 1 || hits[0].Contact != "Игорь" {
		t.Errorf("imported contact not searchable: %+v", hits)
	}
	// A cancelled import leaves the database as it was.
	before, _ := head.CountCustomers(t.Context(), model.CustomerFilter{})
	ctx, cancel := testCancelled(t)
	cancel()
	if _, err := head.ImportCustomers(ctx, model.RowsSource([]model.CustomerImport{{Row: 2, Customer: model.Customer{Name: "Отменённый"}}}, nil), model.ImportOptions{}, nil); err == nil {
		t.Error("cancelled import reported success")
	}
	if after, _ := head.CountCustomers(t.Context(), model.CustomerFilter{}); after != before {
		t.Errorf("cancelled import changed the count from %d to %d", before, after)
	}
	mustCheck(t, s)
	_ = repo.AutoBackupKeep
}
