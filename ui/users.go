package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// usersTab lets an administrator add users, change roles, disable accounts
// and reset passwords.
type usersTab struct {
	a     *App
	users []model.User
	list  *widget.List
	sel   int
}

func newUsersTab(a *App) *usersTab { return &usersTab{a: a, sel: -1} }

func (t *usersTab) build() fyne.CanvasObject {
	a := t.a
	t.list = widget.NewList(func() int { return len(t.users) },
		func() fyne.CanvasObject { return widget.NewLabel("template user line") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			u := t.users[id]
			text := u.Login + " — " + u.FullName + " · " + a.T("role."+string(u.Role))
			if !u.Active {
				text += " · " + a.T("users.disabled")
			}
			o.(*widget.Label).SetText(text)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id }
	add := widget.NewButtonWithIcon(a.T("users.add"), theme.ContentAddIcon(), t.addUser)
	edit := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), t.editUser)
	reset := widget.NewButton(a.T("users.reset_password"), t.resetPassword)
	t.reload()
	return container.NewBorder(container.NewHBox(add, edit, reset), nil, nil, nil, t.list)
}

func (t *usersTab) reload() {
	users, err := t.a.svc.Users.FindUsers(t.a.ctx)
	if err != nil {
		t.a.showErr(err)
		return
	}
	t.users = users
	t.list.UnselectAll()
	t.sel = -1
	t.list.Refresh()
}

func (t *usersTab) roleSelect(current model.Role) *widget.Select {
	var names []string
	for _, r := range model.Roles {
		names = append(names, t.a.T("role."+string(r)))
	}
	s := widget.NewSelect(names, nil)
	for i, r := range model.Roles {
		if r == current {
			s.SetSelectedIndex(i)
		}
	}
	return s
}

func (t *usersTab) addUser() {
	a := t.a
	f := newForm(a)
	f.entry("login", "")
	f.entry("full_name", "")
	role := t.roleSelect(model.RoleSeller)
	f.add("role", role)
	f.password("password")
	a.formDialog(a.T("users.add"), f, fyne.NewSize(520, 360), func() error {
		_, err := a.svc.Users.CreateUser(a.ctx, model.NewUser{Login: f.text("login"), FullName: f.text("full_name"),
			Role: model.Roles[max(0, role.SelectedIndex())], Password: f.text("password")})
		if err == nil {
			t.reload()
		}
		return err
	})
}

func (t *usersTab) editUser() {
	if t.sel < 0 || t.sel >= len(t.users) {
		return
	}
	a := t.a
	u := t.users[t.sel]
	f := newForm(a)
	f.entry("full_name", u.FullName)
	role := t.roleSelect(u.Role)
	f.add("role", role)
	active := widget.NewCheck(a.T("users.active"), nil)
	active.SetChecked(u.Active)
	f.add("active", active)
	a.formDialog(u.Login, f, fyne.NewSize(520, 300), func() error {
		name := f.text("full_name")
		r := model.Roles[max(0, role.SelectedIndex())]
		on := active.Checked
		_, err := a.svc.Users.UpdateUser(a.ctx, u.ID, model.UserUpdate{FullName: &name, Role: &r, Active: &on, Version: u.Version})
		if err == nil {
			t.reload()
		}
		return err
	})
}

func (t *usersTab) resetPassword() {
	if t.sel < 0 || t.sel >= len(t.users) {
		return
	}
	a := t.a
	u := t.users[t.sel]
	f := newForm(a)
	f.password("password")
	a.formDialog(a.T("users.reset_password")+": "+u.Login, f, fyne.NewSize(480, 200), func() error {
		if err := a.svc.Users.ResetPassword(a.ctx, u.ID, f.text("password")); err != nil {
			return err
		}
		a.info(a.T("users.reset_password"), a.T("users.password_reset_done", u.Login))
		t.reload()
		return nil
	})
}
