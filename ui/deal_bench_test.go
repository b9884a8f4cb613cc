package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// BenchmarkDealBoardOpen opens the board of the head over the small demo
// with 10,000 more open deals (DemoOpenDeals): the dictionaries, the
// board's read and the columns, until the board is on screen.
func BenchmarkDealBoardOpen(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "b.db")
	s, err := repo.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Demo(ctx, 1, repo.DemoSmall); err != nil {
		b.Fatal(err)
	}
	if err := s.DemoOpenDeals(ctx, 2, 10_000); err != nil {
		b.Fatal(err)
	}
	users, err := s.Session(repo.System).FindUsers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var head model.User
	for _, u := range users {
		if u.Login == "head" {
			head = u
		}
	}
	base := test.NewTempApp(b)
	fa := &loopApp{App: base, drv: &loopDriver{Driver: base.Driver()}}
	fyne.SetCurrentApp(fa)
	win := fa.NewWindow("b")
	win.Resize(fyne.NewSize(1200, 760))
	a := New(ctx, fa, win, Config{Gate: s.Gate(), Open: s.Services, Catalog: catalog, DBPath: path})
	a.loggedIn(head)
	defer a.idle.stop()
	quiet := func() {
		for a.busy.Load() != 0 || fa.drv.pump() != 0 {
			time.Sleep(time.Millisecond)
		}
	}
	quiet()
	open := 0
	b.ResetTimer()
	for b.Loop() {
		bd := newDealBoard(a)
		a.shell.open(bd)
		for !bd.loaded {
			fa.drv.pump()
			time.Sleep(50 * time.Microsecond)
		}
		open, _, _ = model.BoardTotals(bd.board)
	}
	b.StopTimer()
	if open < 10_000 {
		b.Fatalf("the board shows %d open deals, want at least 10,000", open)
	}
	quiet()
}
