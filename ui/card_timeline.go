package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// kindIcon is the timeline's icon for a kind of entry. (A function: theme
// icons cannot be looked up before the app has started.)
func kindIcon(k model.InteractionKind) fyne.Resource {
	switch k {
	case model.InteractionCall:
		return theme.VolumeUpIcon()
	case model.InteractionMeeting:
		return theme.AccountIcon()
	case model.InteractionEmail:
		return theme.MailSendIcon()
	case model.InteractionVisit:
		return theme.HomeIcon()
	}
	return theme.DocumentCreateIcon()
}

var impressions = []model.Impression{model.ImpressionPositive, model.ImpressionNeutral, model.ImpressionNegative}

// timelineTab shows the customer's interactions, newest first, and records
// new ones; the entry dialog is also on the card's shortcut.
type timelineTab struct {
	c       *customerCard
	entries []model.Interaction
	box     *fyne.Container
	more    *widget.Button
	add     *widget.Button
	dlg     *formDlg // the open entry dialog
	text    *widget.Entry
}

func buildTimelineTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	t := &timelineTab{c: c, box: container.NewVBox()}
	t.add = widget.NewButtonWithIcon(a.T("timeline.add"), theme.ContentAddIcon(), t.newEntry)
	t.more = widget.NewButton(a.T("timeline.more"), t.loadMore)
	t.more.Hide()
	c.onShortcut = t.shortcut
	c.onLoad(t.show)
	return container.NewBorder(container.NewHBox(t.add), nil, nil, nil,
		container.NewVScroll(container.NewVBox(t.box, t.more)))
}

func (t *timelineTab) show(d model.CustomerCard) {
	t.entries = d.Timeline
	t.more.Hidden = len(d.Timeline) < cardTimeline
	if t.c.canEdit() {
		t.add.Enable()
	} else {
		t.add.Disable()
	}
	t.render()
}

func (t *timelineTab) render() {
	a := t.c.a
	t.box.Objects = nil
	if len(t.entries) == 0 {
		l := widget.NewLabel(a.T("timeline.empty"))
		l.Importance = widget.LowImportance
		t.box.Add(l)
	}
	for _, e := range t.entries {
		t.box.Add(t.entryRow(e))
	}
	t.box.Refresh()
	t.more.Refresh()
}

// entryRow shows one entry: icon, kind, date, author and contact on top, the
// text and the impression below.
func (t *timelineTab) entryRow(e model.Interaction) fyne.CanvasObject {
	a := t.c.a
	head := []string{a.T("interaction." + string(e.Kind)), a.tr.DateTime(e.At)}
	if e.AuthorName != "" {
		head = append(head, e.AuthorName)
	}
	if e.ContactName != "" {
		head = append(head, a.T("timeline.with", e.ContactName))
	}
	top := widget.NewLabelWithStyle(strings.Join(head, " · "), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lines := []fyne.CanvasObject{top}
	if e.Text != "" {
		text := widget.NewLabel(e.Text)
		text.Wrapping = fyne.TextWrapWord
		lines = append(lines, text)
	}
	if e.Impression != "" || e.ImpressionNote != "" {
		imp := a.T("timeline.impression")
		if e.Impression != "" {
			imp += " " + a.T("impression."+string(e.Impression))
		}
		if e.ImpressionNote != "" {
			imp += " — " + e.ImpressionNote
		}
		l := widget.NewLabel(imp)
		l.Wrapping = fyne.TextWrapWord
		switch e.Impression {
		case model.ImpressionPositive:
			l.Importance = widget.SuccessImportance
		case model.ImpressionNegative:
			l.Importance = widget.DangerImportance
		}
		lines = append(lines, l)
	}
	icon := widget.NewIcon(kindIcon(e.Kind))
	return container.NewVBox(container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(lines...)), widget.NewSeparator())
}

// loadMore fetches the next older entries in the background.
func (t *timelineTab) loadMore() {
	if len(t.entries) == 0 {
		return
	}
	a := t.c.a
	before := t.entries[len(t.entries)-1].ID
	t.more.Disable()
	a.background(func() {
		older, err := a.svc.Customers.FindInteractions(a.ctx, t.c.id, before, cardTimeline)
		fyne.Do(func() {
			t.more.Enable()
			if err != nil {
				a.showErr(err)
				return
			}
			t.entries = append(t.entries, older...)
			t.more.Hidden = len(older) < cardTimeline
			t.render()
		})
	})
}

// shortcut is the card's "new entry" keystroke: it opens the dialog, or
// saves it when it is already open.
func (t *timelineTab) shortcut() {
	if t.dlg != nil && t.dlg.open {
		t.dlg.submit()
		return
	}
	if t.c.a.win.Canvas().Overlays().Top() != nil || !t.c.canEdit() {
		return
	}
	t.c.showTab("timeline")
	t.newEntry()
}

// newEntry opens the entry dialog with the text focused.
func (t *timelineTab) newEntry() {
	a := t.c.a
	f := newForm(a)
	kind := newChoice(a.T("field.kind"), "", nil)
	var labels, values []string
	for _, k := range model.InteractionKinds {
		labels, values = append(labels, a.T("interaction."+string(k))), append(values, string(k))
	}
	kind.setOptions(labels, values)
	kind.set(string(model.InteractionCall))
	f.add("kind", kind.sel)
	layout := a.T("format.date") + " 15:04"
	f.entry("at", time.Now().Format(layout))
	contact := newChoice(a.T("field.contact"), a.T("filter.none"), nil)
	labels, values = nil, nil
	for _, ct := range t.c.data.Contacts {
		labels, values = append(labels, ct.Name), append(values, ct.ID)
		if ct.Primary {
			contact.set(ct.ID)
		}
	}
	contact.setOptions(labels, values)
	f.add("contact", contact.sel)
	t.text = f.entry("text", "")
	f.multiLine("text", 5)
	labels = nil
	for _, im := range impressions {
		labels = append(labels, a.T("impression."+string(im)))
	}
	imp := widget.NewRadioGroup(labels, nil)
	imp.Horizontal = true
	f.add("impression", imp)
	f.entry("impression_note", "")
	t.dlg = a.formDialog(a.T("timeline.new")+" ("+a.T("timeline.shortcut_hint")+")", f, fyne.NewSize(620, 480), func() error {
		at, err := time.ParseInLocation(layout, strings.TrimSpace(f.text("at")), time.Local)
		if err != nil {
			return model.ValidationErrors{{Field: "at", Msg: "valid.datetime"}}
		}
		e := model.Interaction{CustomerID: t.c.id, ContactID: contact.value(), Kind: model.InteractionKind(kind.value()),
			At: at, Text: t.text.Text, ImpressionNote: f.text("impression_note")}
		for i, l := range labels {
			if l == imp.Selected {
				e.Impression = impressions[i]
			}
		}
		if _, err := a.svc.Customers.AddInteraction(a.ctx, e); err != nil {
			return err
		}
		t.c.reload()
		return nil
	})
	a.win.Canvas().Focus(t.text)
}
