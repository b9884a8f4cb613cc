// Package importfile makes a spreadsheet an import source: it reads and
// parses the file's rows in a goroutine of its own, a chunk ahead of the
// writer, so a large import spends the file's parsing time beside the
// database's writing time instead of before it, and holds a few chunks in
// memory instead of the whole file.
package importfile

import (
	"context"
	"errors"
	"io"
	"sync"

	"sdelka/model"
	"sdelka/reports/tabular"
)

// File is a spreadsheet opened for import.
type File struct {
	r    *tabular.Reader
	stop context.CancelFunc
	wg   sync.WaitGroup
}

// Open opens a CSV or XLSX file (see tabular.Open) and reads its header.
func Open(path string) (*File, error) {
	r, err := tabular.Open(path)
	if err != nil {
		return nil, err
	}
	return &File{r: r}, nil
}

// Header is the file's header row.
func (f *File) Header() []string { return f.r.Header() }

type item struct {
	c   model.ImportChunk
	err error
}

// Customers starts parsing the rows after the header with mapping m and
// returns them as a source, once. A row the reader cannot read ends the file
// with an "import.unreadable" problem on that row (or the one after the last
// good one); rows with problems are reported and left out.
func (f *File) Customers(ctx context.Context, m model.ColumnMapping, lk model.ImportLookups) model.ImportSource {
	ctx, f.stop = context.WithCancel(ctx)
	ch := make(chan item, 4)
	header := f.r.Header()
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		defer close(ch)
		var c model.ImportChunk
		send := func() bool {
			c.Read = f.r.Progress()
			select {
			case ch <- item{c: c}:
				c = model.ImportChunk{}
				return true
			case <-ctx.Done():
				return false
			}
		}
		last := f.r.HeaderRow()
		for {
			n, cells, err := f.r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				row := n
				if row <= last {
					row = last + 1
				}
				c.Errs = append(c.Errs, model.RowError{Row: row, Msg: "import.unreadable", Value: err.Error()})
				break
			}
			last = n
			imp, rowErrs := model.ParseImportRow(n, header, cells, m, lk)
			c.Errs = append(c.Errs, rowErrs...)
			if imp.Row != 0 && len(rowErrs) == 0 {
				c.Rows = append(c.Rows, imp)
			}
			if len(c.Rows)+len(c.Errs) >= model.ImportChunkRows && !send() {
				return
			}
		}
		if len(c.Rows)+len(c.Errs) > 0 {
			send()
		}
	}()
	return func(ctx context.Context) (model.ImportChunk, error) {
		select {
		case it, ok := <-ch:
			if !ok {
				return model.ImportChunk{Read: 1}, io.EOF
			}
			return it.c, it.err
		case <-ctx.Done():
			return model.ImportChunk{}, ctx.Err()
		}
	}
}

// Close stops the parsing goroutine, if any, and closes the file.
func (f *File) Close() error {
	if f.stop != nil {
		f.stop()
	}
	f.wg.Wait()
	return f.r.Close()
}
