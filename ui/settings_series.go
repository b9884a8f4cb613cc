package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// seriesRow is the mask of one document kind with the number it would give
// and the message when it is not a valid mask.
type seriesRow struct {
	s       model.NumberSeries
	mask    *widget.Entry
	preview *widget.Label
	msg     *widget.Label
}

// seriesScreen is «Нумерация документов», opened from the settings: the
// number mask of each document kind with a live preview. Administrators
// change them; everyone else reads.
type seriesScreen struct {
	a       *App
	canEdit bool
	rows    map[model.DocKind]*seriesRow
	grid    *fyne.Container
	status  *widget.Label
	save    *widget.Button
	loaded  bool
	gen     int
}

func newSeriesScreen(a *App) *seriesScreen {
	return &seriesScreen{a: a, rows: map[model.DocKind]*seriesRow{}}
}

func (s *seriesScreen) build() fyne.CanvasObject {
	a := s.a
	s.canEdit = model.Can(a.svc.User.Role, model.EntitySettings, model.ActUpdate)
	s.grid = container.New(layout.NewFormLayout())
	for _, k := range model.DocKinds {
		r := &seriesRow{s: model.NumberSeries{Kind: k}, mask: widget.NewEntry(), preview: widget.NewLabel(""), msg: widget.NewLabel("")}
		r.mask.Disable()
		r.mask.OnChanged = func(string) { s.showPreview(r) }
		r.preview.Importance = widget.LowImportance
		r.msg.Importance = widget.DangerImportance
		r.msg.Truncation = fyne.TextTruncateEllipsis
		r.msg.Hide()
		s.rows[k] = r
		s.grid.Add(widget.NewLabel(a.T("doc_kind." + string(k))))
		preview := container.NewGridWrap(fyne.NewSize(260, r.mask.MinSize().Height), r.preview)
		s.grid.Add(container.NewBorder(nil, r.msg, nil, preview, r.mask))
	}
	help := widget.NewLabel(a.T("series.help"))
	help.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.save.Disable()
	if !s.canEdit {
		s.save.Hide()
		s.status.SetText(a.T("series.read_only"))
	}
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	heading := widget.NewLabelWithStyle(a.T("settings.series"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(back), nil, heading), widget.NewSeparator())
	s.load()
	body := container.NewVBox(help, narrow(s.grid, 860), container.NewBorder(nil, nil, s.save, nil, s.status))
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
}

// load reads the series in the background.
func (s *seriesScreen) load() {
	a := s.a
	s.gen++
	gen := s.gen
	a.background(func() {
		ss, err := a.svc.Sales.NumberSeries(a.ctx)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			for _, x := range ss {
				if r := s.rows[x.Kind]; r != nil {
					r.s = x
					r.mask.SetText(x.Mask)
					if s.canEdit {
						r.mask.Enable()
					}
				}
			}
			s.loaded = true
			if s.canEdit {
				s.save.Enable()
			}
		})
	})
}

// showPreview shows the first number of this year the mask gives, or why
// it is not a mask.
func (s *seriesScreen) showPreview(r *seriesRow) {
	a := s.a
	n, err := model.FormatDocNumber(strings.TrimSpace(r.mask.Text), today(), 1)
	if err != nil {
		r.preview.SetText("")
		r.msg.SetText(a.T("series.err.mask"))
		r.msg.Show()
		return
	}
	r.preview.SetText(a.T("series.example", n))
	r.msg.SetText("")
	r.msg.Hide()
}

// submit saves the masks that changed; a mask with a message stays unsaved.
func (s *seriesScreen) submit() {
	a := s.a
	bad, saved := false, 0
	for _, k := range model.DocKinds {
		r := s.rows[k]
		mask := strings.TrimSpace(r.mask.Text)
		if r.msg.Visible() {
			bad = true
			continue
		}
		if mask == r.s.Mask {
			continue
		}
		n, err := a.svc.Sales.SaveNumberSeries(a.ctx, model.NumberSeries{Kind: k, Mask: mask, Version: r.s.Version})
		if err != nil {
			if fe := model.FieldErrors(err); len(fe) > 0 {
				r.msg.SetText(a.T(fe[0].Msg))
				r.msg.Show()
				bad = true
				continue
			}
			a.showErr(err)
			return
		}
		r.s = n
		saved++
	}
	switch {
	case bad:
		s.status.Importance = widget.DangerImportance
		s.status.SetText(a.T("err.fix_fields"))
	default:
		s.status.Importance = widget.SuccessImportance
		s.status.SetText(a.N("series.saved", int64(saved)))
	}
}
