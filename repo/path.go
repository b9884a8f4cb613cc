package repo

import (
	"os"
	"path/filepath"
)

// DefaultDir is Sdelka's folder in the user's per-OS configuration location:
// ~/.config/Sdelka on Linux, ~/Library/Application Support/Sdelka on macOS,
// %AppData%\Sdelka on Windows.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "Sdelka"), nil
}

// DefaultPath is the database the app opens when no --db is given.
func DefaultPath() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "sdelka.db"), nil
}

// DemoPath is the demo database `sdelka --demo` (and `make run`) uses.
func DemoPath() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "demo.db"), nil
}

// DefaultBackupDir is the backups folder beside a database file.
func DefaultBackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}
