package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// idleWatch locks the window after the administrator's idle time. Fyne has no
// global input hook, so activity is gathered from: pointer movement over the
// window (an activity-tracking root widget), keys typed while nothing has
// focus, text or cursor changes in the focused entry, and every screen action.
type idleWatch struct {
	a       *App
	mu      sync.Mutex
	last    time.Time
	limit   time.Duration
	stopCh  chan struct{}
	lastKey string
}

func newIdleWatch(a *App) *idleWatch { return &idleWatch{a: a} }

// touch records user activity now.
func (w *idleWatch) touch() {
	w.mu.Lock()
	w.last = time.Now()
	w.mu.Unlock()
}

func (w *idleWatch) start() {
	w.stop()
	st, err := w.a.svc.Settings.Settings(w.a.ctx)
	if err != nil || st.IdleLockMinutes <= 0 {
		return
	}
	w.mu.Lock()
	w.limit = time.Duration(st.IdleLockMinutes) * time.Minute
	w.last = time.Now()
	stop := make(chan struct{})
	w.stopCh = stop
	w.mu.Unlock()
	c := w.a.win.Canvas()
	c.SetOnTypedKey(func(*fyne.KeyEvent) { w.touch() })
	c.SetOnTypedRune(func(rune) { w.touch() })
	go func() {
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { w.tick(stop) })
			}
		}
	}()
}

// tick runs on the UI thread: notices focused-entry changes and locks when idle.
func (w *idleWatch) tick(stop chan struct{}) {
	if e, ok := w.a.win.Canvas().Focused().(*widget.Entry); ok {
		key := e.Text + "\x00" + string(rune(e.CursorRow)) + string(rune(e.CursorColumn))
		if key != w.lastKey {
			w.lastKey = key
			w.touch()
		}
	}
	w.mu.Lock()
	idle := time.Since(w.last) >= w.limit && w.stopCh == stop
	w.mu.Unlock()
	if idle {
		w.a.lock()
	}
}

func (w *idleWatch) stop() {
	w.mu.Lock()
	if w.stopCh != nil {
		close(w.stopCh)
		w.stopCh = nil
	}
	w.mu.Unlock()
}

// activityRoot wraps the main window content and counts pointer movement over
// it as activity. Hover over widgets that handle hover themselves does not
// reach it, but moving across a window always crosses plain areas.
type activityRoot struct {
	widget.BaseWidget
	content fyne.CanvasObject
	w       *idleWatch
}

func newActivityRoot(content fyne.CanvasObject, w *idleWatch) *activityRoot {
	r := &activityRoot{content: content, w: w}
	r.ExtendBaseWidget(r)
	return r
}

func (r *activityRoot) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// MouseIn implements desktop.Hoverable.
func (r *activityRoot) MouseIn(*desktop.MouseEvent) { r.w.touch() }

// MouseMoved implements desktop.Hoverable.
func (r *activityRoot) MouseMoved(*desktop.MouseEvent) { r.w.touch() }

// MouseOut implements desktop.Hoverable.
func (r *activityRoot) MouseOut() {}
