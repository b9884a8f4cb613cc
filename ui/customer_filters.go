package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// customerFilters is the filter bar of the customer list: a choice per
// dictionary, "has open service requests", and the user's saved filters.
type customerFilters struct {
	a       *App
	changed func()                     // a choice changed
	apply   func(model.CustomerFilter) // a saved filter was chosen: the list takes its query and order
	current func() model.CustomerFilter

	region, segment, industry, group, owner, tag, lead *choice
	openReq                                            *widget.Check
	saved                                              *choice
	savedFilters                                       []model.SavedFilter
	regionNames                                        map[string]string // code → name in the UI's language
	loaded                                             func()            // the dictionaries have loaded
}

func newCustomerFilters(a *App, changed func(), apply func(model.CustomerFilter), current func() model.CustomerFilter) *customerFilters {
	return &customerFilters{a: a, changed: changed, apply: apply, current: current}
}

// build lays out the filters, with the list's order choice (sortBox) and the
// saved filters on the right.
func (f *customerFilters) build(sortBox fyne.CanvasObject) fyne.CanvasObject {
	a := f.a
	mk := func(placeholderKey string) *choice {
		return newChoice(a.T(placeholderKey), a.T("filter.any"), func(string) { f.changed() })
	}
	f.region, f.segment, f.industry = mk("field.region"), mk("field.segment"), mk("field.industry")
	f.group, f.owner, f.tag, f.lead = mk("field.group"), mk("field.owner"), mk("filter.tag"), mk("field.lead_source")
	f.openReq = widget.NewCheck(a.T("filter.open_requests"), func(bool) { f.changed() })
	objs := []fyne.CanvasObject{f.region.sel, f.segment.sel, f.industry.sel, f.group.sel}
	if canAssign(a.svc.User.Role) {
		objs = append(objs, f.owner.sel)
	}
	objs = append(objs, f.tag.sel, f.lead.sel, f.openReq)
	f.saved = newChoice(a.T("filter.saved"), "", f.pickSaved)
	save := widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), f.saveCurrent)
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), f.deleteSaved)
	savedBox := container.NewBorder(nil, nil, nil, container.NewHBox(save, del), f.saved.sel)
	a.loadDicts(f.setDicts)
	f.loadSaved("")
	h := f.region.sel.MinSize().Height
	for i, o := range objs {
		objs[i] = narrow(o, 110)
	}
	right := container.NewGridWrap(fyne.NewSize(280, h), sortBox, savedBox)
	return container.NewBorder(nil, nil, nil, right, container.NewGridWithColumns(4, objs...))
}

// canAssign tells whether the role gives customers to sellers (heads and
// administrators).
func canAssign(r model.Role) bool {
	return model.ScopeFor(r, model.EntityCustomer, model.ActUpdate) == model.ScopeAll
}

func (f *customerFilters) setDicts(d dicts) {
	labels, codes := f.a.regionOptions(d.regions)
	f.region.setOptions(labels, codes)
	f.regionNames = map[string]string{}
	for i, c := range codes {
		f.regionNames[c] = labels[i]
	}
	if f.loaded != nil {
		f.loaded()
	}
	f.group.setOptions(groupOptions(d.groups))
	f.owner.setOptions(userOptions(d.owners))
	f.segment.setOptions(d.items[model.DictSegment], d.items[model.DictSegment])
	f.industry.setOptions(d.items[model.DictIndustry], d.items[model.DictIndustry])
	f.lead.setOptions(d.items[model.DictLeadSource], d.items[model.DictLeadSource])
	f.tag.setOptions(d.tags, d.tags)
}

// reloadTags reads the tags again (after tags were added).
func (f *customerFilters) reloadTags() {
	f.a.background(func() {
		tags, err := f.a.svc.Customers.Tags(f.a.ctx)
		fyne.Do(func() {
			if err == nil {
				f.tag.setOptions(tags, tags)
			}
		})
	})
}

// fill writes the bar's choices into cf.
func (f *customerFilters) fill(cf *model.CustomerFilter) {
	cf.RegionCode, cf.Segment, cf.Industry = f.region.value(), f.segment.value(), f.industry.value()
	cf.GroupID, cf.OwnerID, cf.Tag, cf.LeadSource = f.group.value(), f.owner.value(), f.tag.value(), f.lead.value()
	cf.HasOpenRequests = f.openReq.Checked
}

// loadSaved reads the saved filters in the background and shows selectID.
func (f *customerFilters) loadSaved(selectID string) {
	f.a.background(func() {
		sfs, err := f.a.svc.Customers.SavedFilters(f.a.ctx)
		fyne.Do(func() {
			if err != nil {
				f.a.showErr(err)
				return
			}
			f.savedFilters = sfs
			var names, ids []string
			for _, sf := range sfs {
				names, ids = append(names, sf.Name), append(ids, sf.ID)
			}
			f.saved.set(selectID)
			f.saved.setOptions(names, ids)
		})
	})
}

// pickSaved sets the bar to a saved filter and lets the list apply it.
func (f *customerFilters) pickSaved(id string) {
	for _, sf := range f.savedFilters {
		if sf.ID != id {
			continue
		}
		cf := sf.Filter
		f.region.set(cf.RegionCode)
		f.segment.set(cf.Segment)
		f.industry.set(cf.Industry)
		f.group.set(cf.GroupID)
		f.owner.set(cf.OwnerID)
		f.tag.set(cf.Tag)
		f.lead.set(cf.LeadSource)
		f.openReq.Checked = cf.HasOpenRequests
		f.openReq.Refresh()
		f.apply(cf)
	}
}

// saveCurrent asks for a name and keeps the current filter under it.
func (f *customerFilters) saveCurrent() {
	a := f.a
	fm := newForm(a)
	name := fm.entry("filter_name", "")
	for _, sf := range f.savedFilters {
		if sf.ID == f.saved.value() {
			name.SetText(sf.Name)
		}
	}
	a.formDialog(a.T("filter.save_title"), fm, fyne.NewSize(420, 180), func() error {
		cf := f.current()
		cf.IDs, cf.Deleted, cf.Limit, cf.Offset, cf.AfterKey, cf.AfterID = nil, false, 0, 0, "", ""
		sf, err := a.svc.Customers.SaveFilter(a.ctx, name.Text, cf)
		if err != nil {
			return renameField(err, "name", "filter_name")
		}
		f.loadSaved(sf.ID)
		return nil
	})
}

// deleteSaved forgets the chosen saved filter.
func (f *customerFilters) deleteSaved() {
	a := f.a
	for _, sf := range f.savedFilters {
		if sf.ID != f.saved.value() {
			continue
		}
		a.confirm(a.T("filter.delete_title"), a.T("filter.delete_text", sf.Name), a.T("btn.delete"), func() {
			if err := a.svc.Customers.DeleteSavedFilter(a.ctx, sf.ID); err != nil {
				a.showErr(err)
				return
			}
			f.loadSaved("")
		})
	}
}

// renameField moves the validation errors of field from to field to, so a
// dialog can show them beside its own input.
func renameField(err error, from, to string) error {
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		return err
	}
	var v model.ValidationErrors
	for _, e := range fe {
		if e.Field == from {
			v.Add(to, e.Msg)
		} else {
			v.Add(e.Field, e.Msg)
		}
	}
	return v.Err()
}
