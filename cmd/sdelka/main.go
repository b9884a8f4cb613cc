// Command sdelka is the Sdelka desktop application: it opens the local
// database, builds the services and hands them to the UI. It is the only
// package that imports Fyne's app driver.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/repo"
	"sdelka/ui"
)

const appID = "ru.sdelka.desktop"

func main() {
	dbFlag := flag.String("db", "", "database file (default: sdelka.db in the per-user Sdelka folder)")
	demo := flag.Bool("demo", false, "open the demo database, creating it with demo data on first start")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmsgprefix)
	if err := run(*dbFlag, *demo); err != nil {
		log.Printf("sdelka: %v", err)
		os.Exit(1)
	}
}

// holder keeps the open store; restoring a backup swaps it.
type holder struct {
	mu sync.Mutex
	s  *repo.Store
}

func (h *holder) store() *repo.Store {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.s
}

// gate forwards to the current store's gate.
type gate struct{ h *holder }

func (g gate) NeedsSetup(ctx context.Context) (bool, error) {
	return g.h.store().Gate().NeedsSetup(ctx)
}
func (g gate) Setup(ctx context.Context, c model.Company, u model.NewUser) (model.User, error) {
	return g.h.store().Gate().Setup(ctx, c, u)
}
func (g gate) Login(ctx context.Context, login, pw string) (model.User, error) {
	return g.h.store().Gate().Login(ctx, login, pw)
}
func (g gate) DemoLogins(ctx context.Context) ([]model.DemoLogin, error) {
	return g.h.store().Gate().DemoLogins(ctx)
}

func run(dbPath string, demo bool) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var err error
	switch {
	case dbPath != "":
	case demo:
		dbPath, err = repo.DemoPath()
	default:
		dbPath, err = repo.DefaultPath()
	}
	if err != nil {
		return fmt.Errorf("find the database folder: %w", err)
	}
	fa := app.NewWithID(appID)
	// Fyne's own texts (entry menus, file dialogs) follow LANGUAGE on Linux;
	// point it at the app's language before anything is shown.
	if l := fa.Preferences().String(ui.PrefLanguage); l != "" {
		os.Setenv("LANGUAGE", l)
	}
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	cat := assets.MustCatalog()
	win := fa.NewWindow("Sdelka")
	win.Resize(fyne.NewSize(1200, 760))
	win.SetMaster()

	h := &holder{}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		fyne.Do(fa.Quit)
	}()

	startUI := func() {
		u := ui.New(ctx, fa, win, ui.Config{
			Gate:    gate{h},
			Open:    func(u model.User) model.Services { return h.store().Services(u) },
			Catalog: cat,
			DBPath:  dbPath,
			Restore: func(ctx context.Context, b model.Backup) error { return restoreLive(ctx, h, dbPath, b.Path) },
		})
		u.Start()
	}
	s, err := openStore(ctx, dbPath, demo)
	if err != nil {
		log.Printf("sdelka: open %s: %v", dbPath, err)
		var latest *model.Backup
		if bs, _ := repo.ListBackups(dbPath, repo.DefaultBackupDir(dbPath)); len(bs) > 0 {
			latest = &bs[0]
		}
		ui.OpenProblem(fa, win, cat, dbPath, err, latest, func() error {
			if _, err := repo.RestoreFile(ctx, dbPath, latest.Path, time.Now()); err != nil {
				return err
			}
			s, err := repo.Open(dbPath)
			if err != nil {
				return err
			}
			h.mu.Lock()
			h.s = s
			h.mu.Unlock()
			startUI()
			return nil
		}, fa.Quit)
	} else {
		h.s = s
		startUI()
		if s.Unchecked {
			go backgroundCheck(ctx, s, win, cat, fa)
		}
		go refreshCrossSell(ctx, s)
	}
	start := time.Now()
	win.ShowAndRun()
	log.Printf("sdelka: window closed after %s", time.Since(start).Round(time.Millisecond))
	return closeStore(h.store())
}

// openStore opens the database; with demo it first fills a missing one with
// the demo company.
func openStore(ctx context.Context, dbPath string, demo bool) (*repo.Store, error) {
	_, statErr := os.Stat(dbPath)
	s, err := repo.Open(dbPath)
	if err != nil {
		return nil, err
	}
	if demo && errors.Is(statErr, os.ErrNotExist) {
		if err := s.Demo(ctx, 1, repo.DemoSmall); err != nil {
			s.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
	}
	return s, nil
}

// closeStore makes the daily automatic backup and closes the database cleanly.
func closeStore(s *repo.Store) error {
	if s == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var errs []error
	if made, err := s.AutoBackup(ctx, repo.AutoBackupKeep, 24*time.Hour); err != nil {
		errs = append(errs, fmt.Errorf("automatic backup: %w", err))
	} else if made {
		log.Printf("sdelka: automatic backup written to %s", s.BackupDir())
	}
	if err := s.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close database: %w", err))
	}
	return errors.Join(errs...)
}

// restoreLive closes the open database, restores the backup over it (the
// current file is kept aside) and opens the result.
func restoreLive(ctx context.Context, h *holder, dbPath, from string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, err := repo.Inspect(ctx, from); err != nil {
		return err
	}
	if err := h.s.Close(); err != nil {
		return err
	}
	_, rerr := repo.RestoreFile(ctx, dbPath, from, time.Now())
	s, err := repo.Open(dbPath)
	if err != nil {
		return errors.Join(rerr, err)
	}
	h.s = s
	return rerr
}

// refreshCrossSell recomputes the cross-selling statistics in the
// background when they are more than a day old: reading the orders takes
// seconds on years of sales but holds no lock; only the short rewrite
// writes.
func refreshCrossSell(ctx context.Context, s *repo.Store) {
	start := time.Now()
	info, done, err := s.RefreshCrossSellIfOlder(ctx, 24*time.Hour)
	if done || err != nil {
		log.Printf("sdelka: cross-sell statistics: %d orders, %d pairs, %v in %s", info.Orders, info.Pairs, err, time.Since(start).Round(time.Millisecond))
	}
}

// backgroundCheck runs the quick_check that Open left for later on a large
// file and, when it finds damage, tells the user at once (nothing more is
// written until they decide; the latest backup is in Settings → Backups).
func backgroundCheck(ctx context.Context, s *repo.Store, win fyne.Window, cat *model.Catalog, fa fyne.App) {
	start := time.Now()
	err := s.QuickCheck(ctx)
	log.Printf("sdelka: background quick_check of %s: %v in %s", s.Path(), err, time.Since(start).Round(time.Millisecond))
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	tr := cat.Lang(fa.Preferences().StringWithFallback(ui.PrefLanguage, "ru"))
	fyne.Do(func() {
		dialog.NewError(fmt.Errorf("%s\n\n%s", tr.T("open.damaged", s.Path()), err), win).Show()
	})
}
