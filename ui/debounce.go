package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// debouncer runs the last function given to call once the calls have paused
// for its delay, on the UI thread (search as you type). A scheduled call
// counts in busy until it has been handed to the UI thread.
type debouncer struct {
	delay time.Duration
	busy  *atomic.Int32
	mu    sync.Mutex
	timer *time.Timer
	seq   int
}

func newDebouncer(delay time.Duration, busy *atomic.Int32) *debouncer {
	return &debouncer{delay: delay, busy: busy}
}

// call schedules f, replacing anything scheduled before.
func (d *debouncer) call(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopLocked()
	d.seq++
	seq := d.seq
	d.busy.Add(1)
	d.timer = time.AfterFunc(d.delay, func() {
		fyne.Do(func() {
			d.mu.Lock()
			current := seq == d.seq
			d.mu.Unlock()
			if current {
				f()
			}
		})
		d.busy.Add(-1)
	})
}

// cancel drops what is scheduled.
func (d *debouncer) cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopLocked()
	d.seq++
}

func (d *debouncer) stopLocked() {
	if d.timer != nil && d.timer.Stop() {
		d.busy.Add(-1)
	}
	d.timer = nil
}
