package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sdelka/model"
)

// Backup kinds, part of the file name: <db>-<kind>-YYYYMMDD-HHMMSS.db.
const (
	BackupAuto   = "auto"   // on clean exit, at most daily, rotated
	BackupManual = "manual" // "Back up now"
)

// AutoBackupKeep is how many automatic backups are kept.
const AutoBackupKeep = 7

const backupStamp = "20060102-150405"

func backupBase(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
}

// backup writes a consistent copy with VACUUM INTO (to a temporary name, then
// renamed, so a half-written copy never looks like a backup).
func (s *Store) backup(ctx context.Context, kind string) (model.Backup, error) {
	if err := os.MkdirAll(s.backupDir, 0o755); err != nil {
		return model.Backup{}, fmt.Errorf("backup folder %s: %w", s.backupDir, err)
	}
	at := s.now()
	// ListBackups reads the stamp back in local time, whatever zone Now uses.
	name := fmt.Sprintf("%s-%s-%s.db", backupBase(s.path), kind, at.Local().Format(backupStamp))
	dest := filepath.Join(s.backupDir, name)
	for i := 2; fileExists(dest); i++ {
		name = fmt.Sprintf("%s-%s-%s-%d.db", backupBase(s.path), kind, at.Local().Format(backupStamp), i)
		dest = filepath.Join(s.backupDir, name)
	}
	if err := s.BackupTo(ctx, dest); err != nil {
		return model.Backup{}, err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return model.Backup{}, err
	}
	return model.Backup{Path: dest, Name: name, At: at, SizeBytes: st.Size(), Auto: kind == BackupAuto}, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// BackupTo writes a consistent copy of the database to dest, which must not
// exist yet.
func (s *Store) BackupTo(ctx context.Context, dest string) error {
	if fileExists(dest) {
		return fmt.Errorf("back up to %s: %w", dest, os.ErrExist)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	tmp := dest + ".part"
	os.Remove(tmp)
	// VACUUM INTO needs a connection that is not read-only; it only reads the
	// source file, so a one-off plain connection serves read-only stores too.
	db, err := sql.Open("sqlite3", dsn(s.path, "_busy_timeout=10000"))
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", dest, mapErr(err))
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return nil
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ListBackups lists the backups of the database at dbPath found in dir,
// newest first.
func ListBackups(dbPath, dir string) ([]model.Backup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	prefix := backupBase(dbPath) + "-"
	var out []model.Backup
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, ".db") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(n, prefix), ".db")
		kind, stamp, ok := strings.Cut(rest, "-")
		if kind == "pre" { // "pre-v2": the copy made before migrating
			var v string
			v, stamp, ok = strings.Cut(stamp, "-")
			kind += "-" + v
		}
		if !ok || len(stamp) < len(backupStamp) {
			continue
		}
		at, err := time.ParseInLocation(backupStamp, stamp[:len(backupStamp)], time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, model.Backup{Path: filepath.Join(dir, n), Name: n, At: at, SizeBytes: info.Size(), Auto: kind == BackupAuto})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		// Copies made within one second are named -2, -3 … in order.
		if len(out[i].Name) != len(out[j].Name) {
			return len(out[i].Name) > len(out[j].Name)
		}
		return out[i].Name > out[j].Name
	})
	return out, nil
}

// AutoBackup makes an automatic backup unless one was made within every, and
// keeps the newest keep automatic ones. It reports whether it made one.
func (s *Store) AutoBackup(ctx context.Context, keep int, every time.Duration) (bool, error) {
	list, err := ListBackups(s.path, s.backupDir)
	if err != nil {
		return false, err
	}
	var autos []model.Backup
	for _, b := range list {
		if b.Auto {
			autos = append(autos, b)
		}
	}
	if len(autos) > 0 && s.now().Sub(autos[0].At) < every {
		return false, nil
	}
	b, err := s.backup(ctx, BackupAuto)
	if err != nil {
		return false, err
	}
	autos = append([]model.Backup{b}, autos...)
	for _, old := range autos[min(keep, len(autos)):] {
		if err := os.Remove(old.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return true, fmt.Errorf("rotate backups: %w", err)
		}
	}
	return true, nil
}

// Backups implements model.BackupService.
func (ss *Session) Backups(ctx context.Context) ([]model.Backup, error) {
	if _, err := ss.reader(ctx, model.EntityBackup); err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	return ListBackups(ss.s.path, ss.s.backupDir)
}

// BackupNow implements model.BackupService.
func (ss *Session) BackupNow(ctx context.Context) (model.Backup, error) {
	u, err := ss.reader(ctx, model.EntityBackup)
	if err != nil {
		return model.Backup{}, fmt.Errorf("back up: %w", err)
	}
	if !model.Can(u.Role, model.EntityBackup, model.ActCreate) {
		return model.Backup{}, fmt.Errorf("back up as %s: %w", u.Role, model.ErrForbidden)
	}
	b, err := ss.s.backup(ctx, BackupManual)
	if err != nil {
		return b, err
	}
	err = ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.actor(ctx, tx)
		if err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditBackup, model.EntityBackup, b.Name, nil)
	})
	return b, err
}

// RestoreFile replaces the (closed) database at dbPath with the backup at
// from. The backup is checked first; the current file, with its WAL, is
// moved aside to <db>.replaced-<time> rather than overwritten, so nothing is
// lost even if the wrong backup was chosen. It returns the aside path ("" when
// there was no file).
func RestoreFile(ctx context.Context, dbPath, from string, now time.Time) (string, error) {
	info, err := Inspect(ctx, from)
	if err != nil {
		return "", fmt.Errorf("backup %s cannot be used: %w", from, err)
	}
	if info.Empty {
		return "", fmt.Errorf("backup %s is empty: %w", from, model.ErrDamaged)
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp := dbPath + ".restore"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("restore %s: %w", from, err)
	}
	aside := ""
	if fileExists(dbPath) {
		aside = dbPath + ".replaced-" + now.Format(backupStamp)
		for i := 2; fileExists(aside); i++ {
			aside = fmt.Sprintf("%s.replaced-%s-%d", dbPath, now.Format(backupStamp), i)
		}
		if err := os.Rename(dbPath, aside); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("move %s aside: %w", dbPath, err)
		}
		for _, sfx := range []string{"-wal", "-shm"} {
			if fileExists(dbPath + sfx) {
				if err := os.Rename(dbPath+sfx, aside+sfx); err != nil {
					return aside, fmt.Errorf("move %s aside: %w", dbPath+sfx, err)
				}
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return aside, fmt.Errorf("restore %s: %w", from, err)
	}
	return aside, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
