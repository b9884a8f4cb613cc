package repo_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"sdelka/model"
)

// race runs n edits at once (each after all have been started) and returns
// their errors in index order.
func race(n int, edit func(i int) error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = edit(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// oneWinner checks that exactly one edit succeeded and every other one was
// refused as stale; it returns the winner's index.
func oneWinner(t *testing.T, errs []error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("editors %d and %d both saved the same version", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, model.ErrStale):
			t.Errorf("editor %d: got %v, want %v", i, err, model.ErrStale)
		}
	}
	if winner < 0 {
		t.Fatalf("no editor saved: %v", errs)
	}
	return winner
}

const editors = 8

func TestUpdateCustomerStale(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	first, second := s.Session(tm.head), s.Session(tm.seller1)
	c := createCustomer(t, s.Session(tm.seller1), "ООО «Альфа»", "")

	t.Run("sequential", func(t *testing.T) {
		a, err := first.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := second.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Phone = "+7 495 111-22-33"
		saved, err := first.UpdateCustomer(t.Context(), a)
		if err != nil {
			t.Fatalf("first editor: %v", err)
		}
		if got, want := saved.Version, b.Version+1; got != want {
			t.Errorf("version after the first save: got %d, want %d", got, want)
		}
		b.Email = "office@alfa.ru"
		_, err = second.UpdateCustomer(t.Context(), b)
		wantErr(t, "second editor", err, model.ErrStale)

		got, err := first.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != a.Phone || got.Email != "" || got.Version != saved.Version {
			t.Errorf("stored: got phone %q email %q version %d; want %q, \"\", %d (the stale edit must not leak in)",
				got.Phone, got.Email, got.Version, a.Phone, saved.Version)
		}
		// Reloading and editing again works.
		got.Email = "office@alfa.ru"
		if _, err := second.UpdateCustomer(t.Context(), got); err != nil {
			t.Errorf("edit after reloading: %v", err)
		}
	})

	t.Run("delete with a stale version", func(t *testing.T) {
		cur, err := first.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = first.DeleteCustomer(t.Context(), c.ID, cur.Version-1)
		wantErr(t, "delete", err, model.ErrStale)
	})

	t.Run("concurrent editors", func(t *testing.T) {
		// Half the editors use a second Store on the same file, as a second
		// copy of the app would.
		other := openStore(t, s.Path(), newClock())
		loaded, err := first.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		errs := race(editors, func(i int) error {
			st := s
			if i%2 == 1 {
				st = other
			}
			ed := loaded
			ed.Note = fmt.Sprintf("правка %d", i)
			_, err := st.Session(tm.head).UpdateCustomer(t.Context(), ed)
			return err
		})
		w := oneWinner(t, errs)
		got, err := first.FindCustomerByID(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("правка %d", w); got.Note != want || got.Version != loaded.Version+1 {
			t.Errorf("stored: got note %q version %d; want %q version %d", got.Note, got.Version, want, loaded.Version+1)
		}
	})
	mustCheck(t, s)
}

func TestUpdateCompanyStale(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	admin, accountant := s.Session(tm.admin), s.Session(tm.accountant)

	t.Run("sequential", func(t *testing.T) {
		a, err := admin.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		b, err := accountant.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if a.Version != 1 || a.INN != "7707083893" {
			t.Fatalf("company after setup: got version %d INN %q, want 1, 7707083893", a.Version, a.INN)
		}
		a.Phone = "+7 495 123-45-67"
		saved, err := admin.UpdateCompany(t.Context(), a)
		if err != nil {
			t.Fatalf("first editor: %v", err)
		}
		if saved.Version != 2 {
			t.Errorf("version after save: got %d, want 2", saved.Version)
		}
		b.ChiefAccountant = "Счётова Елена"
		_, err = accountant.UpdateCompany(t.Context(), b)
		wantErr(t, "second editor", err, model.ErrStale)
		got, err := admin.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != a.Phone || got.ChiefAccountant != "" || got.Version != 2 {
			t.Errorf("stored: got phone %q chief accountant %q version %d; want %q, \"\", 2", got.Phone, got.ChiefAccountant, got.Version, a.Phone)
		}
	})

	t.Run("concurrent editors", func(t *testing.T) {
		loaded, err := admin.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		errs := race(editors, func(i int) error {
			ed := loaded
			ed.Director = fmt.Sprintf("Директор %d", i)
			who := tm.admin
			if i%2 == 1 {
				who = tm.accountant
			}
			_, err := s.Session(who).UpdateCompany(t.Context(), ed)
			return err
		})
		w := oneWinner(t, errs)
		got, err := admin.Company(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("Директор %d", w); got.Director != want || got.Version != loaded.Version+1 {
			t.Errorf("stored: got director %q version %d; want %q version %d", got.Director, got.Version, want, loaded.Version+1)
		}
	})
	mustCheck(t, s)
}

func TestUpdateUserStale(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	tm := setupTeam(t, s)
	first, second := s.Session(tm.admin), s.Session(tm.admin)

	t.Run("sequential", func(t *testing.T) {
		a := findUser(t, first, tm.seller1.ID)
		b := findUser(t, second, tm.seller1.ID)
		name := "Мария Старшая"
		saved, err := first.UpdateUser(t.Context(), a.ID, model.UserUpdate{FullName: &name, Version: a.Version})
		if err != nil {
			t.Fatalf("first editor: %v", err)
		}
		if saved.Version != a.Version+1 || saved.FullName != name {
			t.Errorf("saved: got %q version %d, want %q version %d", saved.FullName, saved.Version, name, a.Version+1)
		}
		role := model.RoleHead
		_, err = second.UpdateUser(t.Context(), b.ID, model.UserUpdate{Role: &role, Version: b.Version})
		wantErr(t, "second editor", err, model.ErrStale)
		if got := findUser(t, first, tm.seller1.ID); got.Role != model.RoleSeller || got.FullName != name {
			t.Errorf("stored: got %q %s, want %q seller", got.FullName, got.Role, name)
		}
	})

	t.Run("concurrent editors", func(t *testing.T) {
		loaded := findUser(t, first, tm.seller2.ID)
		errs := race(editors, func(i int) error {
			name := fmt.Sprintf("Дмитрий %d", i)
			_, err := s.Session(tm.admin).UpdateUser(t.Context(), loaded.ID, model.UserUpdate{FullName: &name, Version: loaded.Version})
			return err
		})
		w := oneWinner(t, errs)
		got := findUser(t, first, tm.seller2.ID)
		if want := fmt.Sprintf("Дмитрий %d", w); got.FullName != want || got.Version != loaded.Version+1 {
			t.Errorf("stored: got %q version %d; want %q version %d", got.FullName, got.Version, want, loaded.Version+1)
		}
	})
	mustCheck(t, s)
}
