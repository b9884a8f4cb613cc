package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
)

// pageCache holds the rows of a long list in pages fetched in the background
// and keeps only the pages near what was asked for last, so a million-row list
// costs a few pages of memory. Page k is fetched as the continuation of page
// k-1's last row (a keyset seek) when that page is cached, otherwise by offset
// (a jump after the scroll bar was dragged far). get never blocks and never
// queries: a missing row reports false and its page is requested; loaded runs
// on the UI thread when the page arrives.
type pageCache[T any] struct {
	ctx    context.Context
	spawn  func(func()) // runs a fetch in the background
	size   int          // rows per page
	keep   int          // pages kept at most
	loaded func()
	failed func(error)

	mu      sync.Mutex
	gen     int
	fetch   func(ctx context.Context, page int, after *T) ([]T, error)
	pages   map[int][]T
	pending map[int]bool
	centre  int // the page asked for last; eviction keeps pages near it
}

func newPageCache[T any](ctx context.Context, spawn func(func()), size, keep int, loaded func(), failed func(error)) *pageCache[T] {
	return &pageCache[T]{ctx: ctx, spawn: spawn, size: size, keep: keep, loaded: loaded, failed: failed,
		pages: map[int][]T{}, pending: map[int]bool{}}
}

// reset drops every page; fetch gets the rows of page (after the row after,
// when it is not nil; otherwise from offset page*size).
func (p *pageCache[T]) reset(fetch func(ctx context.Context, page int, after *T) ([]T, error)) {
	p.mu.Lock()
	p.gen++
	p.fetch = fetch
	p.pages, p.pending = map[int][]T{}, map[int]bool{}
	p.mu.Unlock()
}

// get returns row i when its page is cached; otherwise it requests the page.
// Near the end of a page it also asks for the next one, so scrolling on keeps
// to keyset seeks.
func (p *pageCache[T]) get(i int) (T, bool) {
	var zero T
	if i < 0 {
		return zero, false
	}
	page, at := i/p.size, i%p.size
	p.mu.Lock()
	defer p.mu.Unlock()
	p.centre = page
	rows, ok := p.pages[page]
	if !ok {
		p.requestLocked(page)
		return zero, false
	}
	if at >= p.size*3/4 && len(rows) == p.size {
		p.requestLocked(page + 1)
	}
	if at >= len(rows) {
		return zero, false
	}
	return rows[at], true
}

// requestLocked starts fetching page unless it is cached or on its way.
func (p *pageCache[T]) requestLocked(page int) {
	if _, ok := p.pages[page]; ok || p.pending[page] || p.fetch == nil {
		return
	}
	var after *T
	if prev, ok := p.pages[page-1]; ok && len(prev) == p.size {
		last := prev[len(prev)-1]
		after = &last
	}
	p.pending[page] = true
	gen, fetch := p.gen, p.fetch
	p.spawn(func() {
		rows, err := fetch(p.ctx, page, after)
		fyne.Do(func() {
			p.mu.Lock()
			if gen != p.gen {
				p.mu.Unlock()
				return
			}
			if err != nil {
				// Left pending: the page is not asked for again until the
				// next reset, so a failing store shows one error, not many.
				p.mu.Unlock()
				if p.failed != nil {
					p.failed(err)
				}
				return
			}
			delete(p.pending, page)
			p.pages[page] = rows
			p.evictLocked(page)
			p.mu.Unlock()
			if p.loaded != nil {
				p.loaded()
			}
		})
	})
}

// evictLocked drops the pages farthest from the centre (never page keep)
// while more than p.keep are cached.
func (p *pageCache[T]) evictLocked(keep int) {
	for len(p.pages) > p.keep {
		far, dist := -1, -1
		for k := range p.pages {
			d := k - p.centre
			if d < 0 {
				d = -d
			}
			if k != keep && d > dist {
				far, dist = k, d
			}
		}
		if far < 0 {
			return
		}
		delete(p.pages, far)
	}
}

// busy reports whether a page is being fetched.
func (p *pageCache[T]) busy() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.pending) > 0
}

// cached counts the cached pages.
func (p *pageCache[T]) cached() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.pages)
}
