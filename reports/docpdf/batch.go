package docpdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"sdelka/model"
)

// WriteAll exports n documents as PDF files into dir (created if needed),
// named by FileName. get(i) returns the i-th document's pack (i from 0 to
// n−1); it is called from several goroutines at once.
//
// runtime.GOMAXPROCS(0) workers write in parallel. Each file is written to
// "name.pdf.part" and renamed when complete, so dir never holds a partial
// PDF under its final name. Names are unique: a name already used in this
// batch or present in dir (compared without regard to case, for Windows
// and macOS) gets " (2)", " (3)" … before ".pdf"; names are handed out in
// the order of i, so the same batch into an empty directory gives the same
// names.
//
// progress, when not nil, is called after each file is in place with the
// number of files done so far (1, 2, … n). It is called from the worker
// goroutines, never two calls at once: a UI must hand the value over to
// its own thread (fyne.Do) and must not block for long.
//
// Cancelling ctx stops the export within about one document's time: no
// new document is started, a document being laid out is not written, a
// .part file is removed. WriteAll then returns ctx.Err(); the files already
// renamed stay. The first error from get, from laying out a document or
// from the file system stops the export the same way and is returned.
// Result warnings (a QR code left out) are not reported here: call Write
// for one document to see them.
//
// The PDF library allocates about 16 MB per invoice and keeps almost none
// of it, so a big batch keeps the garbage collector busy: 1,000 one-page
// invoices took 13 s on two idle cores (46 MB resident), 12 s with GOGC=400
// (110 MB), and the gap widens when the machine is busy. That trade is the
// application's to make (debug.SetGCPercent around the call); this function
// changes no global setting.
func WriteAll(ctx context.Context, n int, get func(i int) (model.PrintPack, error), dir string, progress func(done int)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if n <= 0 {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export to %s: %w", dir, err)
	}
	work, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	names := newNamer(dir)
	stop := context.AfterFunc(work, names.halt)
	defer stop()

	var (
		next     atomic.Int64
		doneMu   sync.Mutex
		done     int
		firstErr error
		errOnce  sync.Once
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		cancel(err)
	}
	finished := func() {
		doneMu.Lock()
		defer doneMu.Unlock()
		done++
		if progress != nil {
			progress(done)
		}
	}
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for work.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				ok, err := exportOne(work, i, get, names)
				if err != nil {
					fail(err)
					return
				}
				if !ok {
					return
				}
				finished()
			}
		})
	}
	wg.Wait()
	if done == n {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if firstErr != nil {
		return firstErr
	}
	return context.Cause(work)
}

// exportOne writes document i; ok is false when the export was stopped
// before its file was in place.
func exportOne(ctx context.Context, i int, get func(int) (model.PrintPack, error), names *namer) (ok bool, err error) {
	pack, err := get(i)
	if err != nil {
		return false, fmt.Errorf("document %d: %w", i, err)
	}
	if ctx.Err() != nil {
		return false, nil
	}
	name, ok := names.reserve(i, FileName(pack))
	if !ok {
		return false, nil
	}
	out, _, err := render(pack)
	if err != nil {
		return false, fmt.Errorf("document %d (%s): %w", i, name, err)
	}
	if ctx.Err() != nil {
		return false, nil
	}
	final := filepath.Join(names.dir, name)
	part := final + ".part"
	if err := writeFile(part, out); err != nil {
		_ = os.Remove(part)
		return false, fmt.Errorf("document %d: %w", i, err)
	}
	if ctx.Err() != nil {
		_ = os.Remove(part)
		return false, nil
	}
	if err := os.Rename(part, final); err != nil {
		_ = os.Remove(part)
		return false, fmt.Errorf("document %d: %w", i, err)
	}
	return true, nil
}

// writeFile creates or truncates path and writes data.
func writeFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// namer hands out unique file names in the order of the documents' index.
type namer struct {
	mu    sync.Mutex
	cond  *sync.Cond
	dir   string
	turn  int  // the index whose name is next
	stop  bool // the export is stopping: nobody waits any more
	taken map[string]bool
}

func newNamer(dir string) *namer {
	nm := &namer{dir: dir, taken: map[string]bool{}}
	nm.cond = sync.NewCond(&nm.mu)
	return nm
}

// reserve waits for document i's turn and returns a name not yet used in
// the batch nor present in dir; ok is false when the export stops.
func (nm *namer) reserve(i int, name string) (string, bool) {
	nm.mu.Lock()
	defer nm.mu.Unlock()
	for nm.turn != i && !nm.stop {
		nm.cond.Wait()
	}
	if nm.stop {
		return "", false
	}
	stem := strings.TrimSuffix(name, ".pdf")
	for k := 2; nm.used(name); k++ {
		name = fmt.Sprintf("%s (%d).pdf", stem, k)
	}
	nm.taken[strings.ToLower(name)] = true
	nm.turn++
	nm.cond.Broadcast()
	return name, true
}

// used tells a name taken in this batch or by a file in dir.
func (nm *namer) used(name string) bool {
	if nm.taken[strings.ToLower(name)] {
		return true
	}
	_, err := os.Lstat(filepath.Join(nm.dir, name))
	return err == nil
}

// halt wakes every waiting worker to stop.
func (nm *namer) halt() {
	nm.mu.Lock()
	nm.stop = true
	nm.cond.Broadcast()
	nm.mu.Unlock()
}
