package ui

import (
	"errors"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// dicts are the dictionaries the customer screens choose from.
type dicts struct {
	regions []model.Region
	groups  []model.CustomerGroup
	items   map[model.DictKind][]string
	tags    []string
	owners  []model.User // active users who can be responsible for customers
}

// loadDicts reads the dictionaries in the background and hands them to then
// on the UI thread. Errors are shown; what loaded is still handed over.
func (a *App) loadDicts(then func(dicts)) {
	svc := a.svc
	a.background(func() {
		var d dicts
		var errs []error
		var err error
		d.regions, err = svc.Customers.Regions(a.ctx)
		errs = append(errs, err)
		d.groups, err = svc.Customers.Groups(a.ctx)
		errs = append(errs, err)
		d.items = map[model.DictKind][]string{}
		for _, k := range model.DictKinds {
			d.items[k], err = svc.Customers.DictItems(a.ctx, k)
			errs = append(errs, err)
		}
		d.tags, err = svc.Customers.Tags(a.ctx)
		errs = append(errs, err)
		users, err := svc.Users.FindUsers(a.ctx)
		errs = append(errs, err)
		for _, u := range users {
			if u.Active && u.Role != model.RoleAccountant {
				d.owners = append(d.owners, u)
			}
		}
		fyne.Do(func() {
			if err := errors.Join(errs...); err != nil {
				a.showErr(err)
			}
			then(d)
		})
	})
}

// regionOptions are the region names in the UI language and their codes.
func (a *App) regionOptions(rs []model.Region) (labels, values []string) {
	for _, r := range rs {
		labels = append(labels, r.Name(a.tr.Code()))
		values = append(values, r.Code)
	}
	return labels, values
}

func groupOptions(gs []model.CustomerGroup) (labels, values []string) {
	for _, g := range gs {
		labels = append(labels, g.Name)
		values = append(values, g.ID)
	}
	return labels, values
}

func userOptions(us []model.User) (labels, values []string) {
	for _, u := range us {
		labels = append(labels, u.FullName)
		values = append(values, u.ID)
	}
	return labels, values
}
