package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// templatesScreen is «Шаблоны договоров», opened from the settings: the
// contract templates on the left, the chosen one's name, language, default
// flag and text on the right, with the placeholders it may use and those it
// uses that are unknown. Administrators edit; everyone else reads.
type templatesScreen struct {
	a         *App
	canEdit   bool
	templates []model.DocTemplate
	list      *widget.List
	sel       int
	cur       model.DocTemplate // being edited; ID "" for a new one
	f         *form
	name      *widget.Entry
	lang      *choice
	isDefault *widget.Check
	body      *widget.Entry
	problems  *widget.Label
	status    *widget.Label
	save      *widget.Button
	newBtn    *widget.Button
	loaded    bool
	gen       int
}

func newTemplatesScreen(a *App) *templatesScreen { return &templatesScreen{a: a, sel: -1} }

func (s *templatesScreen) build() fyne.CanvasObject {
	a := s.a
	s.canEdit = model.Can(a.svc.User.Role, model.EntitySettings, model.ActUpdate)
	s.list = widget.NewList(func() int { return len(s.templates) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(s.templates) {
			o.(*widget.Label).SetText(s.label(s.templates[id]))
		}
	})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.templates) {
			s.sel = id
			s.show(s.templates[id])
		}
	}
	s.f = newForm(a)
	s.name = s.f.entry("name", "")
	s.lang = newChoice(a.T("choose"), "", nil)
	s.lang.setOptions([]string{a.T("lang.ru"), a.T("lang.en")}, []string{"ru", "en"})
	s.f.add("lang", s.lang.sel)
	s.isDefault = widget.NewCheck(a.T("tmpl.default_hint"), nil)
	s.f.add("is_default", s.isDefault)
	s.body = s.f.entry("body", "")
	s.f.multiLine("body", 16)
	s.body.OnChanged = func(string) { s.showProblems() }
	s.problems = widget.NewLabel("")
	s.problems.Importance = widget.DangerImportance
	s.problems.Wrapping = fyne.TextWrapWord
	help := widget.NewLabel(a.T("tmpl.help", "{{"+strings.Join(model.TemplateKeys, "}}, {{")+"}}"))
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.newBtn = widget.NewButtonWithIcon(a.T("tmpl.new"), theme.ContentAddIcon(), func() {
		s.list.UnselectAll()
		s.sel = -1
		s.show(model.DocTemplate{Kind: model.DocContract, Lang: s.a.tr.Code()})
	})
	s.f.setEnabled(false)
	s.save.Disable()
	if !s.canEdit {
		s.save.Hide()
		s.newBtn.Hide()
		s.status.SetText(a.T("tmpl.read_only"))
	}
	editor := container.NewVBox(s.f.grid, s.problems, container.NewBorder(nil, nil, s.save, nil, s.status), widget.NewSeparator(), help)
	left := container.NewBorder(nil, container.NewHBox(s.newBtn), nil, nil, s.list)
	split := container.NewHSplit(left, container.NewVScroll(editor))
	split.Offset = 0.25
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	heading := widget.NewLabelWithStyle(a.T("settings.templates"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(back), nil, heading), widget.NewSeparator())
	s.load("", "")
	return container.NewBorder(top, nil, nil, nil, split)
}

// label is a template as the list shows it.
func (s *templatesScreen) label(t model.DocTemplate) string {
	l := t.Name + " · " + s.a.T("lang."+t.Lang)
	if t.IsDefault {
		l += " · " + s.a.T("tmpl.default")
	}
	return l
}

// load reads the templates in the background, selects the one with id (the
// first when id is not found) and shows msg, a success, when it is set.
func (s *templatesScreen) load(id, msg string) {
	a := s.a
	s.gen++
	gen := s.gen
	a.background(func() {
		ts, err := a.svc.Sales.Templates(a.ctx)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.templates, s.loaded = nil, true
			for _, t := range ts {
				if t.Kind == model.DocContract {
					s.templates = append(s.templates, t)
				}
			}
			s.list.Refresh()
			at := 0
			for i, t := range s.templates {
				if t.ID == id {
					at = i
				}
			}
			if len(s.templates) > 0 {
				s.list.Select(at)
			}
			if msg != "" {
				s.status.Importance = widget.SuccessImportance
				s.status.SetText(msg)
			}
		})
	})
}

// show puts t in the editor.
func (s *templatesScreen) show(t model.DocTemplate) {
	s.cur = t
	s.name.SetText(t.Name)
	s.lang.set(t.Lang)
	s.isDefault.SetChecked(t.IsDefault)
	s.body.SetText(t.Body)
	s.f.clearErrors()
	s.f.setEnabled(s.canEdit)
	if s.canEdit {
		s.save.Enable()
	}
	s.status.Importance = widget.MediumImportance
	s.status.SetText("")
	if !s.canEdit {
		s.status.SetText(s.a.T("tmpl.read_only"))
	}
	s.showProblems()
}

// showProblems lists the placeholders of the text that are not known.
func (s *templatesScreen) showProblems() {
	bad := model.TemplateProblems(s.body.Text)
	if len(bad) == 0 {
		s.problems.SetText("")
		s.problems.Hide()
		return
	}
	s.problems.SetText(s.a.T("tmpl.unknown", "{{"+strings.Join(bad, "}}, {{")+"}}"))
	s.problems.Show()
}

// submit saves the template in the editor.
func (s *templatesScreen) submit() {
	a := s.a
	t := s.cur
	t.Name, t.Lang, t.IsDefault, t.Body = s.name.Text, s.lang.value(), s.isDefault.Checked, s.body.Text
	if t.Kind == "" {
		t.Kind = model.DocContract
	}
	saved, err := a.svc.Sales.SaveTemplate(a.ctx, t)
	if err != nil {
		s.status.Importance = widget.DangerImportance
		if s.f.setErrors(err, "") {
			s.status.SetText(a.T("err.fix_fields"))
			return
		}
		s.status.SetText("")
		a.showErr(err)
		return
	}
	s.cur = saved
	s.f.clearErrors()
	s.load(saved.ID, a.T("settings.saved"))
}
