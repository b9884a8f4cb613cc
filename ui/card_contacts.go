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

// contactsTab lists the customer's contact persons and edits them.
type contactsTab struct {
	c        *customerCard
	contacts []model.Contact
	list     *widget.List
	sel      int
	buttons  []*widget.Button
}

func buildContactsTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	t := &contactsTab{c: c, sel: -1}
	t.list = widget.NewList(func() int { return len(t.contacts) }, t.createRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id }
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1 }
	add := widget.NewButtonWithIcon(a.T("contacts.add"), theme.ContentAddIcon(), func() { t.edit(model.Contact{CustomerID: c.id}) })
	edit := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), func() {
		if t.sel >= 0 && t.sel < len(t.contacts) {
			t.edit(t.contacts[t.sel])
		}
	})
	del := widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), t.remove)
	t.buttons = []*widget.Button{add, edit, del}
	c.onLoad(t.show)
	return container.NewBorder(container.NewHBox(add, edit, del), nil, nil, nil, t.list)
}

func (t *contactsTab) show(d model.CustomerCard) {
	t.contacts = d.Contacts
	t.sel = -1
	t.list.UnselectAll()
	t.list.Refresh()
	for _, b := range t.buttons {
		if t.c.canEdit() {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (t *contactsTab) createRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	return newTapRow(container.NewVBox(name, detail))
}

func (t *contactsTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	a := t.c.a
	ct := t.contacts[id]
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() {
		if t.c.canEdit() {
			t.edit(ct)
		}
	}
	box := r.content.(*fyne.Container)
	title := ct.Name
	if ct.Position != "" {
		title += " — " + ct.Position
	}
	if ct.Primary {
		title = "★ " + title + " · " + a.T("contacts.primary")
	}
	box.Objects[0].(*widget.Label).SetText(title)
	var parts []string
	parts = append(parts, ct.Phones...)
	parts = append(parts, ct.Emails...)
	parts = append(parts, ct.Messengers...)
	if ct.Preferred != "" {
		parts = append(parts, a.T("contacts.prefers", a.T("channel."+string(ct.Preferred))))
	}
	if ct.Birthday != "" {
		parts = append(parts, a.T("field.birthday")+": "+showDate(a, ct.Birthday))
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
}

// edit opens the contact dialog; an empty ID adds a contact.
func (t *contactsTab) edit(ct model.Contact) {
	a := t.c.a
	f := newForm(a)
	f.entry("contact_name", ct.Name)
	f.entry("position", ct.Position)
	f.entry("phones", strings.Join(ct.Phones, "\n"))
	f.multiLine("phones", 2)
	f.entry("emails", strings.Join(ct.Emails, "\n"))
	f.multiLine("emails", 2)
	f.entry("messengers", strings.Join(ct.Messengers, "\n"))
	f.multiLine("messengers", 2)
	bday := f.entry("birthday", showDate(a, ct.Birthday))
	bday.SetPlaceHolder(a.T("contacts.birthday_hint"))
	f.entry("note", ct.Note)
	pref := newChoice(a.T("field.preferred"), a.T("filter.none"), nil)
	var labels, values []string
	for _, ch := range model.ContactChannels {
		labels, values = append(labels, a.T("channel."+string(ch))), append(values, string(ch))
	}
	pref.setOptions(labels, values)
	pref.set(string(ct.Preferred))
	f.add("preferred", pref.sel)
	primary := widget.NewCheck(a.T("contacts.primary"), nil)
	primary.SetChecked(ct.Primary || (ct.ID == "" && len(t.contacts) == 0))
	f.add("primary", primary)
	title := a.T("contacts.new")
	if ct.ID != "" {
		title = ct.Name
	}
	var fd *formDlg
	fd = a.formDialog(title, f, fyne.NewSize(560, 620), func() error {
		n := ct
		n.Name, n.Position, n.Note = f.text("contact_name"), f.text("position"), f.text("note")
		n.Phones, n.Emails, n.Messengers = splitList(f.text("phones")), splitList(f.text("emails")), lines(f.text("messengers"))
		n.Birthday = parseDate(a, f.text("birthday"))
		n.Preferred, n.Primary = model.ContactChannel(pref.value()), primary.Checked
		if err := n.Validate(); err != nil {
			return err
		}
		// Only the contact's phones and e-mails are compared: the customer's
		// own were checked when it was saved.
		a.checkDuplicates(model.Customer{ID: t.c.id}, []model.Contact{n}, func() {
			if _, err := a.svc.Customers.SaveContact(a.ctx, n); err != nil {
				if !f.setErrors(err, "") {
					a.showErr(err)
				}
				return
			}
			fd.dlg.Hide()
			t.c.reload()
		})
		return errPending
	})
}

func (t *contactsTab) remove() {
	if t.sel < 0 || t.sel >= len(t.contacts) {
		return
	}
	a := t.c.a
	ct := t.contacts[t.sel]
	a.confirm(a.T("contacts.delete_title"), a.T("contacts.delete_text", ct.Name), a.T("btn.delete"), func() {
		if err := a.svc.Customers.DeleteContact(a.ctx, ct.ID, ct.Version); err != nil {
			a.showErr(err)
			return
		}
		t.c.reload()
	})
}

// lines splits text at line breaks only (a messenger entry may hold commas).
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// showDate shows a stored YYYY-MM-DD date in the UI's date format; other
// text (--MM-DD, a bad value) as it is.
func showDate(a *App, iso string) string {
	if d, err := time.Parse("2006-01-02", iso); err == nil {
		return d.Format(a.T("format.date"))
	}
	return iso
}

// parseDate turns a date typed in the UI's format into YYYY-MM-DD; anything
// else is passed on as typed for the model to judge.
func parseDate(a *App, s string) string {
	s = strings.TrimSpace(s)
	if d, err := time.Parse(a.T("format.date"), s); err == nil {
		return d.Format("2006-01-02")
	}
	return s
}
