package repo

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"sdelka/model"
)

// ApplicationID marks a file as a Sdelka database (PRAGMA application_id,
// "SDKA"), so a foreign SQLite file is told apart from ours.
const ApplicationID = 0x53444B41

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

var migrations = mustLoadMigrations()

func mustLoadMigrations() []migration {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration without a number: " + e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: n, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("migrations must be numbered 1..n without gaps: %s", m.name))
		}
	}
	return ms
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// Options tune Open. The zero value is what the app uses.
type Options struct {
	// ReadOnly opens without migrating and refuses every write; `sdelkactl
	// check` uses it so that checking never changes the file.
	ReadOnly bool
	// BackupDir is where backups go; default: a "backups" folder beside the file.
	BackupDir string
	// Now is the clock; default time.Now.
	Now func() time.Time
	// LoginPolicy defaults to model.DefaultLoginPolicy.
	LoginPolicy *model.LoginPolicy
}

// Store is an open Sdelka database: one writer connection (writes are
// serialised and start with BEGIN IMMEDIATE, so they never fail halfway with
// SQLITE_BUSY) and a pool of read-only connections that read concurrently
// under WAL.
type Store struct {
	path      string
	backupDir string
	w         *sql.DB
	r         *sql.DB
	readOnly  bool
	now       func() time.Time
	policy    model.LoginPolicy
	// Migrated is the schema version the file had before Open migrated it
	// (equal to SchemaVersion when nothing was done; 0 for a new file).
	Migrated int
	// PreMigrateBackup is the copy made before migrating, if any.
	PreMigrateBackup string
	// Unchecked: Open skipped quick_check (large, cleanly closed file); call
	// QuickCheck in the background.
	Unchecked bool

	bg sync.WaitGroup // background checkpoints; Close waits for them

	boardHint atomic.Int64 // open cards on the last board read, to size the next one
}

// Open opens (creating when missing) the database at path with default options.
func Open(path string) (*Store, error) { return OpenWith(context.Background(), path, Options{}) }

// FileInfo is what Inspect learns about a file without writing to it.
type FileInfo struct {
	Exists        bool
	Empty         bool // no file, a zero-length file or a database with no tables
	SchemaVersion int
	// Unchecked: a large, cleanly closed file whose quick_check was left for
	// Store.QuickCheck in the background.
	Unchecked bool
}

// Inspect looks at the file read-only: it must be an SQLite database that
// passes PRAGMA quick_check, carries Sdelka's application id and has a schema
// version this build knows. Errors wrap model.ErrDamaged, model.ErrForeign or
// model.ErrNewerSchema with the details.
func Inspect(ctx context.Context, path string) (FileInfo, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return FileInfo{Empty: true}, nil
	}
	if err != nil {
		return FileInfo{}, fmt.Errorf("inspect %s: %w", path, err)
	}
	if st.IsDir() {
		return FileInfo{}, fmt.Errorf("inspect %s: is a folder: %w", path, model.ErrForeign)
	}
	info := FileInfo{Exists: true}
	if st.Size() == 0 {
		info.Empty = true
		return info, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return info, fmt.Errorf("inspect %s: %w", path, err)
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return info, fmt.Errorf("%s is not an SQLite database, or its header is destroyed: %w", path, model.ErrDamaged)
	}
	db, err := sql.Open("sqlite3", dsn(path, "mode=ro", "_busy_timeout=10000"))
	if err != nil {
		return info, fmt.Errorf("inspect %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// quick_check reads the whole file: 0.4 s per GB. A large file that was
	// closed cleanly is checked in the background after start instead
	// (Store.QuickCheck); a small one, or one with a leftover write-ahead log
	// (an unclean shutdown), before anything else.
	if st.Size() > quickCheckLimit && WALBytes(path) == 0 {
		info.Unchecked = true
		if err := db.PingContext(ctx); err != nil {
			return info, fmt.Errorf("%s cannot be read: %v: %w", path, err, model.ErrDamaged)
		}
		return inspectMeta(ctx, db, path, info)
	}
	if err := quickCheck(ctx, db); err != nil {
		return info, fmt.Errorf("%s %w", path, err)
	}
	return inspectMeta(ctx, db, path, info)
}

// quickCheckLimit is the largest file checked in full before opening.
const quickCheckLimit = 256 << 20

// quickCheck runs PRAGMA quick_check; the error wraps model.ErrDamaged.
func quickCheck(ctx context.Context, db *sql.DB) error {
	var quick []string
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(20)")
	if err == nil {
		for rows.Next() {
			var s string
			if err = rows.Scan(&s); err != nil {
				break
			}
			quick = append(quick, s)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	if err != nil {
		return fmt.Errorf("cannot be read: %v: %w", err, model.ErrDamaged)
	}
	if len(quick) != 1 || quick[0] != "ok" {
		return fmt.Errorf("is damaged: %s: %w", strings.Join(quick, "; "), model.ErrDamaged)
	}
	return nil
}

// QuickCheck runs PRAGMA quick_check on the open database (for a large file
// whose check Open left for later: see FileInfo.Unchecked).
func (s *Store) QuickCheck(ctx context.Context) error {
	if err := quickCheck(ctx, s.r); err != nil {
		return fmt.Errorf("%s %w", s.path, err)
	}
	return nil
}

func inspectMeta(ctx context.Context, db *sql.DB, path string, info FileInfo) (FileInfo, error) {
	var appID, version, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return info, fmt.Errorf("%s: %v: %w", path, err, model.ErrDamaged)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return info, fmt.Errorf("%s: %v: %w", path, err, model.ErrDamaged)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return info, fmt.Errorf("%s: %v: %w", path, err, model.ErrDamaged)
	}
	info.SchemaVersion = version
	if tables == 0 && appID == 0 {
		info.Empty = true
		return info, nil
	}
	if appID != ApplicationID {
		return info, fmt.Errorf("%s is an SQLite database of another program: %w", path, model.ErrForeign)
	}
	if version > SchemaVersion() {
		return info, fmt.Errorf("%s has schema version %d; this Sdelka knows up to %d — update Sdelka: %w",
			path, version, SchemaVersion(), model.ErrNewerSchema)
	}
	return info, nil
}

// OpenWith opens the database at path: it inspects the file read-only first
// (a damaged, foreign or newer file is refused and never written to), copies
// an existing file with VACUUM INTO before migrating it, and applies the
// embedded migrations in order.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	info, err := Inspect(ctx, abs)
	if err != nil {
		return nil, err
	}
	s := &Store{path: abs, backupDir: o.BackupDir, readOnly: o.ReadOnly, now: o.Now, policy: model.DefaultLoginPolicy}
	if s.backupDir == "" {
		s.backupDir = DefaultBackupDir(abs)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if o.LoginPolicy != nil {
		s.policy = *o.LoginPolicy
	}
	s.Migrated, s.Unchecked = info.SchemaVersion, info.Unchecked
	if o.ReadOnly {
		if !info.Exists {
			return nil, fmt.Errorf("open %s: %w", abs, os.ErrNotExist)
		}
		if info.SchemaVersion != SchemaVersion() {
			return nil, fmt.Errorf("open %s: schema version %d, this Sdelka writes %d: run `sdelkactl migrate` first: %w",
				abs, info.SchemaVersion, SchemaVersion(), model.ErrNewerSchema)
		}
	} else if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	// FULL: a payment or order reported as saved survives a power cut too; a
	// desktop commit costs one fsync of the WAL, which nobody notices.
	// Page caches: 32 MiB for the writer (a write touches several large
	// indexes), 8 MiB per reader; SQLite's default 2 MiB thrashes at a
	// million customers, and more keeps the app over its memory budget.
	writerParams := []string{"_foreign_keys=1", "_busy_timeout=10000", "_journal_mode=WAL", "_txlock=immediate", "_synchronous=FULL", "_cache_size=-32768"}
	if o.ReadOnly {
		writerParams = []string{"mode=ro", "_foreign_keys=1", "_busy_timeout=10000", "_query_only=1"}
	}
	s.w, err = sql.Open("sqlite3", dsn(abs, writerParams...))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetConnMaxIdleTime(0)
	s.r, err = sql.Open("sqlite3", dsn(abs, "mode=ro", "_foreign_keys=1", "_busy_timeout=10000", "_query_only=1", "_cache_size=-8192"))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	s.r.SetMaxOpenConns(4)
	if !o.ReadOnly {
		if err := s.migrate(ctx, info); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", abs, mapErr(err))
	}
	return s, nil
}

func dsn(path string, params ...string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?" + strings.Join(params, "&")
}

func (s *Store) migrate(ctx context.Context, info FileInfo) error {
	from := info.SchemaVersion
	if from == SchemaVersion() {
		return nil
	}
	if !info.Empty && from > 0 {
		b, err := s.backup(ctx, fmt.Sprintf("pre-v%d", SchemaVersion()))
		if err != nil {
			return fmt.Errorf("back up before migrating %s: %w", s.path, err)
		}
		s.PreMigrateBackup = b.Path
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", s.path, err)
	}
	defer conn.Close()
	if from == 0 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return fmt.Errorf("migrate %s: %w", s.path, err)
		}
	}
	for _, m := range migrations[from:] {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if step := goSteps[m.version]; step != nil {
			if err := step(ctx, s, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// BackupDir is where this store's backups go.
func (s *Store) BackupDir() string { return s.backupDir }

// Close checkpoints the WAL and closes every connection; a cleanly closed
// database leaves no -wal file behind.
func (s *Store) Close() error {
	s.bg.Wait()
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		if !s.readOnly {
			if _, err := s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				errs = append(errs, fmt.Errorf("checkpoint: %w", err))
			}
		}
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// checkpointLater copies the WAL back into the database file in the
// background, on a connection of its own: a passive checkpoint blocks
// neither readers nor the writer, and the next small write does not have to
// copy a large import's pages inside its commit. Failure is harmless (the
// next checkpoint does the work), so it is not reported.
func (s *Store) checkpointLater() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		db, err := sql.Open("sqlite3", dsn(s.path, "_busy_timeout=10000"))
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}()
}

func (s *Store) newID() string {
	var r [10]byte
	if _, err := rand.Read(r[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return model.NewID(s.now(), r)
}

// write runs fn in one immediate write transaction and commits it.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("database opened read-only: %w", model.ErrForbidden)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// mapErr maps driver errors to model errors by SQLite error code.
func mapErr(err error) error {
	var se sqlite3.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch {
	case se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey:
		return fmt.Errorf("%w: %v", model.ErrConflict, err)
	case se.ExtendedCode == sqlite3.ErrConstraintForeignKey:
		return fmt.Errorf("%w: a linked record is missing or still in use: %v", model.ErrConflict, err)
	case se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB:
		return fmt.Errorf("%w: %v", model.ErrDamaged, err)
	case se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked:
		return fmt.Errorf("%w: %v", model.ErrBusy, err)
	}
	return err
}

const timeLayout = "2006-01-02T15:04:05.000Z"

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

func parseTS(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	if t, ok := parseStamp(s.String); ok {
		return t
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s.String)
	}
	return t
}

// parseStamp reads a timestamp in exactly timeLayout by hand: lists of
// thousands of rows (the board) spend a noticeable part of their time in
// time.Parse otherwise. ok is false for anything else.
func parseStamp(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(a, b int) (int, bool) {
		v := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	var f [7]int
	for i, r := range [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 23}} {
		v, ok := num(r[0], r[1])
		if !ok {
			return time.Time{}, false
		}
		f[i] = v
	}
	if f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], f[6]*1e6, time.UTC)
	if t.Day() != f[2] { // 31 April and the like
		return time.Time{}, false
	}
	return t, true
}

// scanner is a row to scan (*sql.Row or *sql.Rows).
type scanner interface{ Scan(dest ...any) error }

// queryAll runs query and scans every row with scan.
func queryAll[T any](ctx context.Context, q queryer, what, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, mapErr(err))
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
