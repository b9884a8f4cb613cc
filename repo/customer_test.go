package repo_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"sdelka/model"
)

func TestCustomerSoftDeleteAndRestore(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	keep := createCustomer(t, ss, "ООО «Бета»", "")
	c := createCustomer(t, ss, "ООО «Альфа»", "")

	live := func(t *testing.T, deleted bool) []string {
		t.Helper()
		cs, err := ss.FindCustomers(t.Context(), model.CustomerFilter{Deleted: deleted})
		if err != nil {
			t.Fatal(err)
		}
		n, err := ss.CountCustomers(t.Context(), model.CustomerFilter{Deleted: deleted})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(cs) {
			t.Errorf("count (deleted %v): got %d, want %d as listed", deleted, n, len(cs))
		}
		return customerIDs(cs)
	}

	clk.Advance(time.Hour)
	if err := ss.DeleteCustomer(t.Context(), c.ID, c.Version); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if got, want := live(t, false), []string{keep.ID}; !slices.Equal(got, want) {
		t.Errorf("live after delete: got %v, want %v", got, want)
	}
	if got, want := live(t, true), []string{c.ID}; !slices.Equal(got, want) {
		t.Errorf("trash after delete: got %v, want %v", got, want)
	}
	// FindCustomerByID still finds a customer in the trash, marked as deleted,
	// so the trash screen can show it.
	got, err := ss.FindCustomerByID(t.Context(), c.ID)
	if err != nil {
		t.Fatalf("find deleted by id: %v", err)
	}
	if !got.DeletedAt.Equal(clk.Now()) || got.Version != c.Version+1 {
		t.Errorf("deleted customer: got deleted_at %v version %d, want %v version %d", got.DeletedAt, got.Version, clk.Now(), c.Version+1)
	}

	t.Run("a customer in the trash cannot be edited", func(t *testing.T) {
		got.Note = "правка в корзине"
		_, err := ss.UpdateCustomer(t.Context(), got)
		wantErr(t, "update deleted", err, model.ErrNotFound)
	})
	t.Run("deleting it again is refused", func(t *testing.T) {
		err := ss.DeleteCustomer(t.Context(), c.ID, c.Version)
		wantErr(t, "delete again with the old version", err, model.ErrNotFound)
		err = ss.DeleteCustomer(t.Context(), c.ID, got.Version)
		wantErr(t, "delete again with the current version", err, model.ErrNotFound)
	})
	t.Run("restoring a live customer", func(t *testing.T) {
		err := ss.RestoreCustomer(t.Context(), keep.ID)
		wantErr(t, "restore live", err, model.ErrNotFound)
	})
	t.Run("restoring a missing customer", func(t *testing.T) {
		err := ss.RestoreCustomer(t.Context(), "01900000-0000-7000-8000-000000000000")
		wantErr(t, "restore missing", err, model.ErrNotFound)
	})

	if err := ss.RestoreCustomer(t.Context(), c.ID); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if got, want := live(t, false), []string{c.ID, keep.ID}; !slices.Equal(got, want) {
		t.Errorf("live after restore: got %v, want %v (by name)", got, want)
	}
	if got := live(t, true); len(got) != 0 {
		t.Errorf("trash after restore: got %v, want empty", got)
	}
	back, err := ss.FindCustomerByID(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !back.DeletedAt.IsZero() || back.Version != c.Version+2 || back.Name != c.Name {
		t.Errorf("restored: got deleted_at %v version %d name %q; want zero, %d, %q", back.DeletedAt, back.Version, back.Name, c.Version+2, c.Name)
	}
	// The restored customer can be edited with its new version.
	back.Note = "вернулся"
	if _, err := ss.UpdateCustomer(t.Context(), back); err != nil {
		t.Errorf("update restored: %v", err)
	}
	mustCheck(t, s)
}

func TestCustomerValidationOnWrite(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	tests := []struct {
		name string
		c    model.Customer
		want []string
	}{
		{"empty name", model.Customer{Name: "   "}, []string{"name"}},
		{"bad INN checksum", model.Customer{Name: "ООО «Альфа»", INN: "7707083894"}, []string{"inn"}},
		{"person with a company INN", model.Customer{Kind: model.CustomerPerson, Name: "Иванов Иван", INN: "7707083893"}, []string{"inn"}},
		{"bad KPP", model.Customer{Name: "ООО «Альфа»", KPP: "77"}, []string{"kpp"}},
		{"bad email and phone", model.Customer{Name: "ООО «Альфа»", Email: "office.alfa.ru", Phone: "12"}, []string{"email", "phone"}},
		{"unknown kind", model.Customer{Kind: "robot", Name: "R2"}, []string{"kind"}},
		{"inactive owner", model.Customer{Name: "ООО «Альфа»", OwnerID: "nobody"}, []string{"owner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ss.CreateCustomer(t.Context(), tt.c)
			if got := fieldsOf(err); !slices.Equal(got, tt.want) {
				t.Errorf("create: got fields %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	t.Run("update is validated too", func(t *testing.T) {
		c := createCustomer(t, ss, "ООО «Альфа»", "")
		c.Name = ""
		_, err := ss.UpdateCustomer(t.Context(), c)
		if got, want := fieldsOf(err), []string{"name"}; !slices.Equal(got, want) {
			t.Errorf("update: got fields %v (%v), want %v", got, err, want)
		}
	})
	n, err := ss.CountCustomers(t.Context(), model.CustomerFilter{})
	if err != nil || n != 1 {
		t.Errorf("customers stored: got %d, %v; want only the valid one", n, err)
	}
}

func TestCustomerCreateNormalizes(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	c, err := ss.CreateCustomer(t.Context(), model.Customer{Name: "  ООО «Ёлка»  ", INN: " 7707083893 ", Phone: "+7 495 000-00-00"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ss.FindCustomerByID(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Customer{
		ID: c.ID, Kind: model.CustomerCompany, Name: "ООО «Ёлка»", INN: "7707083893", Phone: "+7 495 000-00-00",
		OwnerID: admin.ID, OwnerName: admin.FullName, Version: 1, CreatedAt: clk.Now(), UpdatedAt: clk.Now(), Num: got.Num,
	}
	if got.Num < 1 {
		t.Errorf("customer number %d, want a positive one", got.Num)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored:\n got %+v\nwant %+v", got, want)
	}
	if _, ok := model.IDTime(c.ID); !ok {
		t.Errorf("ID %q is not a UUIDv7", c.ID)
	}
}

func TestFindCustomersSearchAndPages(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	byName := map[string]string{}
	for _, x := range []struct{ name, inn string }{
		{"ООО «Ёлка»", ""},
		{"ООО «Елочка»", ""},
		{"АО «Альфа»", "7707083893"},
		{"ПАО «Бета»", "7736050003"},
		{"ИП Яковлев", ""},
	} {
		c, err := ss.CreateCustomer(t.Context(), model.Customer{Name: x.name, INN: x.inn})
		if err != nil {
			t.Fatalf("create %q: %v", x.name, err)
		}
		byName[x.name] = c.ID
	}
	ids := func(names ...string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = byName[n]
		}
		return out
	}
	// Names sort folded: "ооо «елка»" before "ооо «елочка»".
	tests := []struct {
		query string
		want  []string
	}{
		{"", ids("АО «Альфа»", "ИП Яковлев", "ООО «Ёлка»", "ООО «Елочка»", "ПАО «Бета»")},
		{"ооо «ел", ids("ООО «Ёлка»", "ООО «Елочка»")},
		{"ООО «ЁЛ", ids("ООО «Ёлка»", "ООО «Елочка»")},
		{"ооо «ёлк", ids("ООО «Ёлка»")},
		{"7707", ids("АО «Альфа»")},
		{"77", ids("АО «Альфа»", "ПАО «Бета»")}, // INN prefix: both INNs start with 77
		{"альфа", ids("АО «Альфа»")},            // any word of the name, not only the first
		{"бета 7736", ids("ПАО «Бета»")},        // every term must match
		{"ип", ids("ИП Яковлев")},
		{"Гамма", nil},
	}
	for _, tt := range tests {
		t.Run("query "+tt.query, func(t *testing.T) {
			cs, err := ss.FindCustomers(t.Context(), model.CustomerFilter{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if got := customerIDs(cs); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			n, err := ss.CountCustomers(t.Context(), model.CustomerFilter{Query: tt.query})
			if err != nil || n != len(tt.want) {
				t.Errorf("count: got %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}

	t.Run("keyset pages", func(t *testing.T) {
		var got []string
		f := model.CustomerFilter{Limit: 2}
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("paging does not end")
			}
			cs, err := ss.FindCustomers(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) > 2 {
				t.Fatalf("page of %d rows, want at most 2", len(cs))
			}
			if len(cs) == 0 {
				break
			}
			got = append(got, customerIDs(cs)...)
			last := cs[len(cs)-1]
			f.AfterKey, f.AfterID = last.SortKey(f.Sort), last.ID
		}
		if want := tests[0].want; !slices.Equal(got, want) {
			t.Errorf("pages: got %v, want %v", got, want)
		}
	})
}
