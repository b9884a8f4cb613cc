package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

func TestAuditScreenShowsNewestFirst(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", "demo2026")
	// A change the log must show with its translated field name.
	head := h.session("head")
	c, err := head.CreateCustomer(h.ctx, model.Customer{Name: "ООО «Журнал»", OwnerID: h.user("seller").ID})
	if err != nil {
		t.Fatal(err)
	}
	c.Name = "ООО «Журнал 2»"
	if _, err := head.UpdateCustomer(h.ctx, c); err != nil {
		t.Fatal(err)
	}
	s, ok := h.openNav("audit").(*auditScreen)
	if !ok {
		t.Fatalf("audit nav opened %T", h.a.shell.screen)
	}
	if len(s.entries) < 3 {
		t.Fatalf("audit entries: got %d, want at least 3", len(s.entries))
	}
	cell := func(row, col int) string {
		l := widget.NewLabel("")
		s.cell(widget.TableCellID{Row: row, Col: col}, l)
		return l.Text
	}
	if got, want := cell(0, 1), "head"; got != want {
		t.Errorf("newest entry's user: got %q, want %q", got, want)
	}
	if got, want := cell(0, 2), en("audit.update"); got != want {
		t.Errorf("newest entry's action: got %q, want %q", got, want)
	}
	if got, want := cell(0, 4), en("field.name")+": ООО «Журнал» → ООО «Журнал 2»"; got != want {
		t.Errorf("newest entry's changes: got %q, want %q", got, want)
	}
	if got := cell(1, 2); got != en("audit.create") {
		t.Errorf("second entry's action: got %q, want %q", got, en("audit.create"))
	}
	if !s.more.Disabled() {
		t.Error("'load older entries' enabled although the whole log fits on one page")
	}
	for i := 1; i < len(s.entries); i++ {
		if s.entries[i].Seq >= s.entries[i-1].Seq {
			t.Fatalf("entries not newest first at %d: %d after %d", i, s.entries[i].Seq, s.entries[i-1].Seq)
		}
	}
}

func TestBackupsTab(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", "demo2026")
	tab := newBackupsTab(h.a)
	root := tab.build()
	if len(tab.backups) != 0 {
		t.Fatalf("backups before: got %d, want 0", len(tab.backups))
	}
	// Without a restorer (as here) the restore action is off.
	if !buttonIn(t, root, en("backups.restore")).Disabled() {
		t.Error("restore enabled without a restorer")
	}
	test.Tap(buttonIn(t, root, en("backups.now")))
	if len(tab.backups) != 1 {
		t.Fatalf("backups after 'back up now': got %d, want 1", len(tab.backups))
	}
	b := tab.backups[0]
	if !strings.HasPrefix(b.Name, "t-manual-") || b.Auto {
		t.Errorf("backup %q auto=%v: want a manual backup of t.db", b.Name, b.Auto)
	}
	entries, err := h.session("admin").FindAudit(h.ctx, model.AuditFilter{Entity: model.EntityBackup})
	if err != nil || len(entries) != 1 || entries[0].EntityID != b.Name {
		t.Errorf("audit of the backup: got %v, %v; want one entry naming %s", entries, err, b.Name)
	}
}
