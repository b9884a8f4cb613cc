package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// leadForm is the dialog of a lead. An empty owner on a new lead leaves it
// to the routing rules; after saving, the dialog says which rule chose the
// owner.
type leadForm struct {
	a      *App
	l      model.Lead
	f      *form
	region *choice
	seg    *choice
	owner  *choice
	dlg    *formDlg
	saved  func(model.Lead)
}

// editLead opens the lead dialog; an empty ID makes a new lead.
func (a *App) editLead(l model.Lead, saved func(model.Lead)) *leadForm {
	lf := &leadForm{a: a, l: l, f: newForm(a), saved: saved}
	lf.show()
	return lf
}

func (lf *leadForm) show() {
	a, l, f := lf.a, lf.l, lf.f
	f.entry("person", l.Name)
	f.entry("company", l.Company)
	f.entry("position", l.Position)
	f.entry("phone", l.Phone)
	f.entry("email", l.Email)
	f.entry("inn", l.INN)
	lf.region = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	lf.region.set(l.RegionCode)
	f.add("region", lf.region.sel)
	lf.seg = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	lf.seg.set(l.Segment)
	f.add("segment", lf.seg.sel)
	source := widget.NewSelectEntry(nil)
	source.SetText(l.Source)
	f.add("source", source)
	f.fields["source"].entry = &source.Entry
	f.entry("campaign", l.Campaign)
	f.entry("note", l.Note)
	f.multiLine("note", 3)
	auto := ""
	if l.ID == "" {
		auto = a.T("leads.owner_auto")
	}
	lf.owner = newChoice(auto, auto, nil)
	if l.ID == "" && l.OwnerID == "" && !canAssignLead(a.svc.User.Role) {
		// A lead a seller types in is the seller's own unless they choose
		// to hand it to the routing rules.
		l.OwnerID = a.svc.User.ID
	}
	lf.owner.set(l.OwnerID)
	if l.ID != "" && !canAssignLead(a.svc.User.Role) {
		lf.owner.sel.Disable()
	}
	f.add("owner", lf.owner.sel)
	a.loadDicts(func(d dicts) {
		lf.region.setOptions(a.regionOptions(d.regions))
		segs := d.items[model.DictSegment]
		if l.Segment != "" && !slices.Contains(segs, l.Segment) {
			segs = append(segs, l.Segment)
		}
		lf.seg.setOptions(segs, segs)
		lf.owner.setOptions(userOptions(d.owners))
		source.SetOptions(d.items[model.DictLeadSource])
	})
	title := a.T("leads.new")
	if l.ID != "" {
		title = fmt.Sprintf("%s № %d", a.T("leads.lead"), l.Num)
	}
	lf.dlg = a.formDialog(title, f, fyne.NewSize(620, 680), lf.save)
}

// canAssignLead tells the roles that give a lead to someone else.
func canAssignLead(r model.Role) bool {
	return model.ScopeFor(r, model.EntityLead, model.ActUpdate) == model.ScopeAll
}

func (lf *leadForm) read() model.Lead {
	f := lf.f
	n := lf.l
	n.Name, n.Company, n.Position = strings.TrimSpace(f.text("person")), strings.TrimSpace(f.text("company")), f.text("position")
	n.Phone, n.Email, n.INN = f.text("phone"), strings.TrimSpace(f.text("email")), strings.TrimSpace(f.text("inn"))
	n.RegionCode, n.Segment = lf.region.value(), lf.seg.value()
	n.Source, n.Campaign, n.Note = strings.TrimSpace(f.text("source")), strings.TrimSpace(f.text("campaign")), f.text("note")
	n.OwnerID = lf.owner.value()
	return n
}

func (lf *leadForm) save() error {
	a := lf.a
	n := lf.read()
	if v := n.Validate(); len(v) > 0 {
		return personField(v)
	}
	isNew := n.ID == ""
	saved, err := a.svc.Pipeline.SaveLead(a.ctx, n)
	if err != nil {
		return personField(leadErr(a, err))
	}
	lf.l = saved
	a.shell.setStatus(a.T("leads.saved", saved.Num))
	if lf.saved != nil {
		lf.saved(saved)
	}
	if !isNew {
		return nil
	}
	// Closing the form would take a dialog shown over it along: close it
	// first, then say who got the lead.
	lf.dlg.dlg.Hide()
	a.info(a.T("leads.routed_title"), leadRoutedText(a, saved))
	return errPending
}

// personField shows the model's messages about a lead's name beside the
// person's field.
func personField(err error) error {
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		return err
	}
	var v model.ValidationErrors
	for _, e := range fe {
		f := e.Field
		if f == "name" {
			f = "person"
		}
		v = append(v, &model.ValidationError{Field: f, Msg: e.Msg})
	}
	return v
}

// leadErr explains a lead converted meanwhile; the dialog stays open.
func leadErr(a *App, err error) error {
	if errors.Is(err, model.ErrConverted) {
		a.info(a.T("err.title"), a.T("err.converted"))
		return errPending
	}
	return err
}

// leadRoutedText says who got a new lead and by which rule.
func leadRoutedText(a *App, l model.Lead) string {
	if l.RoutedBy == "" {
		return a.T("leads.routed_none", l.Num, l.OwnerName)
	}
	return a.T("leads.routed", l.Num, l.OwnerName, l.RoutedBy)
}

// disqualifyLead closes a lead with a reason.
func (a *App) disqualifyLead(l model.Lead, saved func(model.Lead)) *formDlg {
	f := newForm(a)
	f.entry("reason", "")
	f.multiLine("reason", 3)
	return a.formDialog(a.T("leads.disqualify_title", l.DisplayName()), f, fyne.NewSize(520, 300), func() error {
		reason := strings.TrimSpace(f.text("reason"))
		if reason == "" {
			return model.ValidationErrors{{Field: "reason", Msg: model.MsgRequired}}
		}
		d, err := a.svc.Pipeline.DisqualifyLead(a.ctx, l.ID, l.Version, reason)
		if err != nil {
			return err
		}
		a.shell.setStatus(a.T("leads.disqualified", l.DisplayName()))
		if saved != nil {
			saved(d)
		}
		return nil
	})
}
