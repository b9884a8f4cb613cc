package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var auditColumns = []column{{"when", 170}, {"who", 120}, {"action", 150}, {"entity", 130}, {"changes", 520}}

// auditScreen lists the audit log, newest first, a page at a time.
type auditScreen struct {
	a       *App
	entries []model.AuditEntry
	table   *widget.Table
	more    *widget.Button
}

func newAuditScreen(a *App) *auditScreen { return &auditScreen{a: a} }

func (s *auditScreen) build() fyne.CanvasObject {
	a := s.a
	var header fyne.CanvasObject
	s.table, header = newTable(a, auditColumns, func() (int, int) { return len(s.entries), len(auditColumns) }, s.cell)
	s.more = widget.NewButton(a.T("audit.more"), s.load)
	s.load()
	return container.NewBorder(header, s.more, nil, nil, s.table)
}

func (s *auditScreen) cell(id widget.TableCellID, l *widget.Label) {
	e := s.entries[id.Row]
	switch auditColumns[id.Col].key {
	case "when":
		l.SetText(s.a.tr.DateTime(e.At))
	case "who":
		l.SetText(e.UserLogin)
	case "action":
		l.SetText(s.a.T("audit." + string(e.Action)))
	case "entity":
		l.SetText(s.a.T("entity." + string(e.Entity)))
	case "changes":
		parts := make([]string, 0, len(e.Changes))
		for _, c := range e.Changes {
			parts = append(parts, s.a.fieldName(c.Field)+": "+c.Old+" → "+c.New)
		}
		l.SetText(strings.Join(parts, "; "))
	}
}

func (s *auditScreen) load() {
	f := model.AuditFilter{Limit: 200}
	if n := len(s.entries); n > 0 {
		f.BeforeSeq = s.entries[n-1].Seq
	}
	page, err := s.a.svc.Audit.FindAudit(s.a.ctx, f)
	if err != nil {
		s.a.showErr(err)
		return
	}
	s.entries = append(s.entries, page...)
	if len(page) < f.Limit {
		s.more.Disable()
	}
	s.table.Refresh()
}
