package repo_test

import (
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

func TestOpenNewFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "new", "sdelka.db")
	s := openStore(t, path, newClock())
	if got := s.Migrated; got != 0 {
		t.Errorf("Migrated: got %d, want 0 for a new file", got)
	}
	if got := s.PreMigrateBackup; got != "" {
		t.Errorf("PreMigrateBackup: got %q, want none for a new file", got)
	}
	need, err := s.Gate().NeedsSetup(t.Context())
	if err != nil || !need {
		t.Errorf("NeedsSetup: got %v, %v; want true, nil", need, err)
	}
	closeStore(t, s)

	if got, want := rawInt(t, path, "PRAGMA user_version"), int64(repo.SchemaVersion()); got != want {
		t.Errorf("user_version: got %d, want %d", got, want)
	}
	if got, want := rawInt(t, path, "PRAGMA application_id"), int64(repo.ApplicationID); got != want {
		t.Errorf("application_id: got %#x, want %#x", got, want)
	}
	if got := repo.WALBytes(path); got != 0 {
		t.Errorf("WAL after a clean close: got %d bytes, want 0", got)
	}
	info, err := repo.Inspect(t.Context(), path)
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	if want := (repo.FileInfo{Exists: true, SchemaVersion: repo.SchemaVersion()}); info != want {
		t.Errorf("inspect: got %+v, want %+v", info, want)
	}
}

func TestOpenZeroLengthFileIsNew(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sdelka.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, path, newClock())
	closeStore(t, s)
	if got, want := rawInt(t, path, "PRAGMA user_version"), int64(repo.SchemaVersion()); got != want {
		t.Errorf("user_version: got %d, want %d", got, want)
	}
}

func TestReopenIsNoOp(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	c := createCustomer(t, s.Session(admin), "ООО «Альфа»", "")
	path := s.Path()
	closeStore(t, s)
	before := fileSHA(t, path)

	s = openStore(t, path, clk)
	if got, want := s.Migrated, repo.SchemaVersion(); got != want {
		t.Errorf("Migrated: got %d, want %d", got, want)
	}
	if got := s.PreMigrateBackup; got != "" {
		t.Errorf("PreMigrateBackup: got %q, want none at the current version", got)
	}
	got, err := s.Session(admin).FindCustomerByID(t.Context(), c.ID)
	if err != nil || got.Name != c.Name {
		t.Errorf("customer after reopening: got %q, %v; want %q", got.Name, err, c.Name)
	}
	closeStore(t, s)
	if _, err := os.Stat(s.BackupDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup folder after reopening: got %v, want none made", err)
	}
	if after := fileSHA(t, path); after != before {
		t.Errorf("file changed by open and close without writes: sha256 %s → %s", before, after)
	}
}

// demoDB makes a real Sdelka database holding the small demo set (300
// customers) and returns its path, closed.
func demoDB(t *testing.T) string {
	t.Helper()
	s, _ := newStore(t)
	if err := s.Demo(t.Context(), 7, repo.DemoSmall); err != nil {
		t.Fatalf("demo: %v", err)
	}
	closeStore(t, s)
	return s.Path()
}

// damage overwrites the middle third of the file with random bytes, leaving
// the header page alone.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	pages := len(b) / page
	if pages < 9 {
		t.Fatalf("%s has %d pages, too few to damage the middle", path, pages)
	}
	from, to := pages/3*page, 2*pages/3*page
	if _, err := rand.Read(b[from:to]); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	t.Parallel()
	random := make([]byte, 8192)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"newer schema", func(t *testing.T, path string) {
			s := openStore(t, path, newClock())
			setupAdmin(t, s)
			closeStore(t, s)
			rawExec(t, path, "PRAGMA user_version = 99")
		}, model.ErrNewerSchema},
		{"schema one ahead", func(t *testing.T, path string) {
			s := openStore(t, path, newClock())
			closeStore(t, s)
			rawExec(t, path, "PRAGMA user_version = "+strconv.Itoa(repo.SchemaVersion()+1))
		}, model.ErrNewerSchema},
		{"foreign database", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('чужая заметка')")
		}, model.ErrForeign},
		{"foreign database with our user_version", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE customers (id TEXT)", "PRAGMA user_version = 1")
		}, model.ErrForeign},
		{"random bytes", func(t *testing.T, path string) {
			writeFile(t, path, random)
		}, model.ErrDamaged},
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte("name;inn\nООО «Альфа»;7707083893\n"))
		}, model.ErrDamaged},
		{"shorter than a header", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite"))
		}, model.ErrDamaged},
		{"SQLite header then garbage", func(t *testing.T, path string) {
			writeFile(t, path, append([]byte("SQLite format 3\x00"), random...))
		}, model.ErrDamaged},
		{"damaged Sdelka database", func(t *testing.T, path string) {
			src := demoDB(t)
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, b)
			damage(t, path)
		}, model.ErrDamaged},
		{"folder", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, model.ErrForeign},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "sdelka.db")
			tt.make(t, path)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			before := ""
			if !st.IsDir() {
				before = fileSHA(t, path)
			}

			for _, o := range []repo.Options{{}, {ReadOnly: true}} {
				s, err := repo.OpenWith(t.Context(), path, o)
				if err == nil {
					s.Close()
					t.Fatalf("open (read-only %v): got success, want %v", o.ReadOnly, tt.want)
				}
				if !errors.Is(err, tt.want) {
					t.Errorf("open (read-only %v): got %v, want %v", o.ReadOnly, err, tt.want)
				}
			}
			if _, err := repo.Inspect(t.Context(), path); !errors.Is(err, tt.want) {
				t.Errorf("inspect: got %v, want %v", err, tt.want)
			}
			if before != "" {
				if after := fileSHA(t, path); after != before {
					t.Errorf("refused file was written to: sha256 %s → %s", before, after)
				}
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("backup folder for a refused file: got %v, want none made", err)
			}
		})
	}
}

func TestOpenReadOnly(t *testing.T) {
	t.Parallel()
	s, clk := newStore(t)
	admin := setupAdmin(t, s)
	c := createCustomer(t, s.Session(admin), "ООО «Альфа»", "")
	path := s.Path()
	closeStore(t, s)
	before := fileSHA(t, path)

	ro, err := repo.OpenWith(t.Context(), path, repo.Options{ReadOnly: true, Now: clk.Now})
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { closeStore(t, ro) })
	ss := ro.Session(admin)
	if got, err := ss.FindCustomerByID(t.Context(), c.ID); err != nil || got.Name != c.Name {
		t.Errorf("read: got %q, %v; want %q", got.Name, err, c.Name)
	}
	mustCheck(t, ro)
	_, err = ss.CreateCustomer(t.Context(), model.Customer{Name: "ООО «Бета»"})
	wantErr(t, "create customer read-only", err, model.ErrForbidden)
	_, err = ro.Gate().Login(t.Context(), "admin", testPassword)
	wantErr(t, "login read-only", err, model.ErrForbidden)
	closeStore(t, ro)
	if after := fileSHA(t, path); after != before {
		t.Errorf("read-only open changed the file: sha256 %s → %s", before, after)
	}

	_, err = repo.OpenWith(t.Context(), filepath.Join(t.TempDir(), "missing.db"), repo.Options{ReadOnly: true})
	wantErr(t, "open a missing file read-only", err, os.ErrNotExist)
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
