package repo_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

const day = 24 * time.Hour

// customerNames lists every live customer's name, as the System user sees
// them, in name order.
func customerNames(t *testing.T, s *repo.Store) []string {
	t.Helper()
	cs, err := s.Session(repo.System).FindCustomers(t.Context(), model.CustomerFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// openReadOnly opens path read-only, so that looking at a backup never
// changes it.
func openReadOnly(t *testing.T, path string) *repo.Store {
	t.Helper()
	s, err := repo.OpenWith(t.Context(), path, repo.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open %s read-only: %v", path, err)
	}
	t.Cleanup(func() { closeStore(t, s) })
	return s
}

func backupNames(bs []model.Backup) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Name
	}
	return out
}

func TestBackupNow(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	for _, n := range []string{"ООО «Альфа»", "ООО «Бета»", "ИП Ёлкин"} {
		createCustomer(t, ss, n, "")
	}
	want := customerNames(t, s)

	b, err := ss.BackupNow(t.Context())
	if err != nil {
		t.Fatalf("back up: %v", err)
	}
	if got, want := b.Path, filepath.Join(s.BackupDir(), "sdelka-manual-20260302-090000.db"); got != want {
		t.Errorf("path: got %s, want %s", got, want)
	}
	if b.Auto || !b.At.Equal(clk.Now()) {
		t.Errorf("backup: got auto %v at %v, want manual at %v", b.Auto, b.At, clk.Now())
	}
	st, err := os.Stat(b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != b.SizeBytes || b.SizeBytes == 0 {
		t.Errorf("size: got %d, file has %d", b.SizeBytes, st.Size())
	}
	if _, err := os.Stat(b.Path + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary copy left behind: %v", err)
	}
	info, err := repo.Inspect(t.Context(), b.Path)
	if err != nil {
		t.Fatalf("inspect backup: %v", err)
	}
	if info.SchemaVersion != repo.SchemaVersion() || info.Empty {
		t.Errorf("inspect backup: got %+v", info)
	}

	// Later changes do not reach the backup.
	createCustomer(t, ss, "ООО «После копии»", "")
	bs := openReadOnly(t, b.Path)
	if got := customerNames(t, bs); !slices.Equal(got, want) {
		t.Errorf("customers in the backup: got %v, want %v", got, want)
	}
	mustCheck(t, bs)

	list, err := ss.Backups(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := backupNames(list); !slices.Equal(got, []string{b.Name}) {
		t.Errorf("listed: got %v, want %v", got, []string{b.Name})
	}
}

func TestAutoBackupRotation(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	createCustomer(t, s.Session(admin), "ООО «Альфа»", "")
	manual, err := s.Session(admin).BackupNow(t.Context())
	if err != nil {
		t.Fatal(err)
	}

	autos := func(t *testing.T) []model.Backup {
		t.Helper()
		list, err := repo.ListBackups(s.Path(), s.BackupDir())
		if err != nil {
			t.Fatal(err)
		}
		var out []model.Backup
		for _, b := range list {
			if b.Auto {
				out = append(out, b)
			}
		}
		return out
	}

	made, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day)
	if err != nil || !made {
		t.Fatalf("first auto backup: got %v, %v; want made", made, err)
	}
	for _, d := range []time.Duration{time.Hour, 22*time.Hour + 59*time.Minute} {
		clk.Advance(d)
		made, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day)
		if err != nil || made {
			t.Errorf("auto backup within a day: got %v, %v; want none", made, err)
		}
	}
	if got := len(autos(t)); got != 1 {
		t.Errorf("auto backups after the first day: got %d, want 1", got)
	}

	clk.Advance(time.Minute) // exactly a day after the first
	start := clk.Now()
	for d := 0; d < 9; d++ {
		if d > 0 {
			clk.Advance(day)
		}
		made, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day)
		if err != nil || !made {
			t.Fatalf("day %d: got %v, %v; want made", d+1, made, err)
		}
		if got, want := len(autos(t)), min(d+2, repo.AutoBackupKeep); got != want {
			t.Errorf("day %d: got %d auto backups, want %d", d+1, got, want)
		}
	}
	got := autos(t)
	if len(got) != repo.AutoBackupKeep {
		t.Fatalf("auto backups kept: got %d, want %d", len(got), repo.AutoBackupKeep)
	}
	for i, b := range got {
		if want := start.Add(time.Duration(8-i) * day); !b.At.Equal(want) {
			t.Errorf("auto backup %d: got %v, want %v (the newest kept, newest first)", i, b.At, want)
		}
	}
	if _, err := os.Stat(manual.Path); err != nil {
		t.Errorf("rotation removed the manual backup: %v", err)
	}
}

// TestAutoBackupClockNotLocal runs the store with a UTC clock while the
// machine's zone is five hours behind: backup names and the daily check must
// still agree. Not parallel: it swaps time.Local.
func TestAutoBackupClockNotLocal(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("UTC-5", -5*60*60)
	t.Cleanup(func() { time.Local = saved })

	s, clk := newStore(t)
	setupAdmin(t, s)
	if made, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day); err != nil || !made {
		t.Fatalf("first auto backup: got %v, %v; want made", made, err)
	}
	list, err := repo.ListBackups(s.Path(), s.BackupDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !list[0].At.Equal(clk.Now()) {
		t.Fatalf("listed: got %+v, want one at %v", list, clk.Now())
	}
	clk.Advance(day)
	if made, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day); err != nil || !made {
		t.Errorf("auto backup a day later: got %v, %v; want made", made, err)
	}
}

func TestListBackupsNewestFirst(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	first, err := ss.BackupNow(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	second, err := ss.BackupNow(t.Context()) // same second
	if err != nil {
		t.Fatal(err)
	}
	if second.Name != "sdelka-manual-20260302-090000-2.db" {
		t.Errorf("second backup in the same second: got %s", second.Name)
	}
	clk.Advance(time.Hour)
	if _, err := s.AutoBackup(t.Context(), repo.AutoBackupKeep, day); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(first.Path)
	if err != nil {
		t.Fatal(err)
	}
	dir := s.BackupDir()
	// The copy a future migration makes, and files that are not our backups.
	writeFile(t, filepath.Join(dir, "sdelka-pre-v2-20260302-093000.db"), b)
	for _, n := range []string{
		"other-manual-20260302-110000.db",      // another database's
		"sdelka-old-manual-20260302-110000.db", // sdelka-old.db's
		"sdelka-pre-20260302-110000.db",
		"sdelka-manual-garbage.db",
		"sdelka-manual-20260302-110000.db.part", // being written
		"notes.txt",
	} {
		writeFile(t, filepath.Join(dir, n), b)
	}
	if err := os.Mkdir(filepath.Join(dir, "sdelka-manual-20260302-120000.db"), 0o755); err != nil {
		t.Fatal(err)
	}

	list, err := repo.ListBackups(s.Path(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"sdelka-auto-20260302-100000.db",
		"sdelka-pre-v2-20260302-093000.db",
		"sdelka-manual-20260302-090000-2.db",
		"sdelka-manual-20260302-090000.db",
	}
	if got := backupNames(list); !slices.Equal(got, want) {
		t.Fatalf("listed:\n got %v\nwant %v", got, want)
	}
	wantAuto := []bool{true, false, false, false}
	for i, b := range list {
		if b.Auto != wantAuto[i] || b.Path != filepath.Join(dir, b.Name) {
			t.Errorf("%s: got auto %v path %s", b.Name, b.Auto, b.Path)
		}
	}
	if !list[1].At.Equal(clockStart.Add(30 * time.Minute)) {
		t.Errorf("pre-migration copy time: got %v, want %v", list[1].At, clockStart.Add(30*time.Minute))
	}

	none, err := repo.ListBackups(s.Path(), filepath.Join(t.TempDir(), "missing"))
	if err != nil || len(none) != 0 {
		t.Errorf("missing folder: got %v, %v; want none", none, err)
	}
}

func TestRestoreFile(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	ss := s.Session(admin)
	createCustomer(t, ss, "ООО «Альфа»", "")
	b, err := ss.BackupNow(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	createCustomer(t, ss, "ООО «Бета» (после копии)", "")
	path := s.Path()
	closeStore(t, s)
	before := fileSHA(t, path)

	clk.Advance(time.Hour)
	aside, err := repo.RestoreFile(t.Context(), path, b.Path, clk.Now())
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if want := path + ".replaced-20260302-100000"; aside != want {
		t.Errorf("aside: got %q, want %q", aside, want)
	}
	if got := fileSHA(t, aside); got != before {
		t.Errorf("the replaced file was changed when moved aside")
	}
	if _, err := os.Stat(path + ".restore"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary copy left behind: %v", err)
	}

	s = openStore(t, path, clk)
	if got, want := customerNames(t, s), []string{"ООО «Альфа»"}; !slices.Equal(got, want) {
		t.Errorf("customers after restore: got %v, want %v", got, want)
	}
	mustCheck(t, s)
	if _, err := s.Gate().Login(t.Context(), "admin", testPassword); err != nil {
		t.Errorf("login after restore: %v", err)
	}
	old := openReadOnly(t, aside)
	if got, want := customerNames(t, old), []string{"ООО «Альфа»", "ООО «Бета» (после копии)"}; !slices.Equal(got, want) {
		t.Errorf("customers in the file moved aside: got %v, want %v", got, want)
	}

	t.Run("a second restore in the same second keeps both", func(t *testing.T) {
		closeStore(t, s)
		aside2, err := repo.RestoreFile(t.Context(), path, b.Path, clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if aside2 == aside || !strings.HasPrefix(aside2, aside) {
			t.Errorf("second aside: got %q, want a new name next to %q", aside2, aside)
		}
		if _, err := os.Stat(aside); err != nil {
			t.Errorf("first aside file: %v", err)
		}
	})

	t.Run("onto a missing file", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "new", "sdelka.db")
		aside, err := repo.RestoreFile(t.Context(), dest, b.Path, clk.Now())
		if err != nil || aside != "" {
			t.Fatalf("restore: got %q, %v; want no aside", aside, err)
		}
		if got, want := customerNames(t, openReadOnly(t, dest)), []string{"ООО «Альфа»"}; !slices.Equal(got, want) {
			t.Errorf("customers: got %v, want %v", got, want)
		}
	})
}

func TestRestoreFileRefusesBadBackups(t *testing.T) {
	t.Parallel()
	damaged := demoDB(t)
	damage(t, damaged)
	foreign := filepath.Join(t.TempDir(), "foreign.db")
	rawExec(t, foreign, "CREATE TABLE notes (body TEXT)")
	empty := filepath.Join(t.TempDir(), "empty.db")
	writeFile(t, empty, nil)

	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	createCustomer(t, s.Session(admin), "ООО «Альфа»", "")
	path := s.Path()
	closeStore(t, s)
	before := fileSHA(t, path)

	tests := []struct {
		name, from string
		want       error
	}{
		{"damaged", damaged, model.ErrDamaged},
		{"foreign", foreign, model.ErrForeign},
		{"empty", empty, model.ErrDamaged},
		{"missing", filepath.Join(t.TempDir(), "missing.db"), model.ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aside, err := repo.RestoreFile(t.Context(), path, tt.from, clk.Now())
			wantErr(t, "restore", err, tt.want)
			if aside != "" {
				t.Errorf("aside: got %q, want none", aside)
			}
			if got := fileSHA(t, path); got != before {
				t.Errorf("current database changed by a refused restore")
			}
			entries, err := os.ReadDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.Contains(e.Name(), ".replaced-") || strings.HasSuffix(e.Name(), ".restore") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
	s = openStore(t, path, clk)
	if got, want := customerNames(t, s), []string{"ООО «Альфа»"}; !slices.Equal(got, want) {
		t.Errorf("customers: got %v, want %v", got, want)
	}
	mustCheck(t, s)
}
