package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// form is a grid of labelled fields, each with its validation message shown
// beside it in red.
type form struct {
	a      *App
	fields map[string]*field
	order  []string
	grid   *fyne.Container
}

type field struct {
	label  *widget.Label
	input  fyne.CanvasObject
	entry  *widget.Entry // when the input is an entry
	errMsg *widget.Label
}

func newForm(a *App) *form {
	return &form{a: a, fields: map[string]*field{}, grid: container.New(layout.NewFormLayout())}
}

// entry adds a text field named name (its label is "field.<name>").
func (f *form) entry(name string, value string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(value)
	f.add(name, e)
	f.fields[name].entry = e
	return e
}

// password adds a password field.
func (f *form) password(name string) *widget.Entry {
	e := widget.NewPasswordEntry()
	f.add(name, e)
	f.fields[name].entry = e
	return e
}

// add adds any input widget under the label of name.
func (f *form) add(name string, input fyne.CanvasObject) {
	fl := &field{label: widget.NewLabel(f.a.T("field." + name)), input: input, errMsg: widget.NewLabel("")}
	fl.errMsg.Importance = widget.DangerImportance
	fl.errMsg.Hide()
	f.fields[name] = fl
	f.order = append(f.order, name)
	f.grid.Add(fl.label)
	f.grid.Add(container.NewBorder(nil, fl.errMsg, nil, nil, input))
}

// text returns the entry text of a field.
func (f *form) text(name string) string {
	if fl := f.fields[name]; fl != nil && fl.entry != nil {
		return fl.entry.Text
	}
	return ""
}

// clearErrors hides every field message.
func (f *form) clearErrors() {
	for _, fl := range f.fields {
		fl.errMsg.SetText("")
		fl.errMsg.Hide()
	}
}

// setErrors shows the validation messages of err beside their fields (a
// prefix is removed from field names, e.g. "admin_") and reports whether err
// carried any that this form could show.
func (f *form) setErrors(err error, prefix string) bool {
	f.clearErrors()
	shown := false
	for _, e := range model.FieldErrors(err) {
		name := e.Field
		if len(name) > len(prefix) && name[:len(prefix)] == prefix {
			name = name[len(prefix):]
		} else if prefix != "" {
			continue
		}
		if fl := f.fields[name]; fl != nil {
			fl.errMsg.SetText(f.a.T(e.Msg))
			fl.errMsg.Show()
			shown = true
		}
	}
	return shown
}

// errorOf returns the message shown beside a field ("" when none).
func (f *form) errorOf(name string) string {
	if fl := f.fields[name]; fl != nil && fl.errMsg.Visible() {
		return fl.errMsg.Text
	}
	return ""
}

// setText sets the text of an entry field.
func (f *form) setText(name, value string) {
	if fl := f.fields[name]; fl != nil && fl.entry != nil {
		fl.entry.SetText(value)
	}
}

// setEnabled enables or disables every input of the form.
func (f *form) setEnabled(on bool) {
	for _, fl := range f.fields {
		if d, ok := fl.input.(fyne.Disableable); ok {
			if on {
				d.Enable()
			} else {
				d.Disable()
			}
		}
	}
}

// multiLine turns an entry field into a multi-line one of rows lines.
func (f *form) multiLine(name string, rows int) {
	if fl := f.fields[name]; fl != nil && fl.entry != nil {
		fl.entry.MultiLine = true
		fl.entry.Wrapping = fyne.TextWrapWord
		fl.entry.SetMinRowsVisible(rows)
	}
}
