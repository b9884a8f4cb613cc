package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/dashreport"
)

// msgFactor is the message of a multiplier that is not a number.
const msgFactor = "valid.commission.factor"

// rulesScreen lists the commission rules, newest valid-from first, and
// adds, changes and removes them. It is opened from the commissions screen
// and returns to it.
type rulesScreen struct {
	a      *App
	list   *textList
	rules  []model.CommissionRule
	users  []model.User
	cats   catalogDicts
	editB  *widget.Button
	delB   *widget.Button
	count  *widget.Label
	dlg    *formDlg  // the open rule form's dialog
	form   *ruleForm // the open rule form
	gen    int
	digits int
}

// newRulesScreen is the commission rules editor.
func newRulesScreen(a *App) screen { return &rulesScreen{a: a, digits: 2} }

// build lays out the actions and the list and reads the users, the
// categories and the rules.
func (s *rulesScreen) build() fyne.CanvasObject {
	a := s.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	title := widget.NewLabelWithStyle(a.T("comm.rules_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(a.T("btn.new"), theme.ContentAddIcon(), func() {
		s.editRule(model.CommissionRule{Role: model.RoleSeller, ValidFrom: model.MonthOf(today()).First()})
	})
	s.editB = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), func() { s.list.open(s.list.sel) })
	s.delB = widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), s.deleteRule)
	s.editB.Disable()
	s.delB.Disable()
	s.list = newTextList([]string{a.T("comm.col.owner"), a.T("field.base_rate"), a.T("field.rates"), a.T("field.tiers"),
		a.T("field.bonus"), a.T("field.valid_from")}, []float32{200, 100, 280, 240, 120, 110}, 2, 1, 4)
	s.list.onSelect = func(i int) {
		if i < 0 {
			s.editB.Disable()
			s.delB.Disable()
			return
		}
		s.editB.Enable()
		s.delB.Enable()
	}
	s.list.onOpen = func(i int) { s.editRule(s.rules[i]) }
	s.count = lowLabel()
	s.count.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(back, title), container.NewHBox(add, s.editB, s.delB)),
		widget.NewSeparator())
	a.loadDicts(func(d dicts) {
		s.users = d.owners
		a.loadCatalogDicts(func(c catalogDicts) {
			s.cats, s.digits = c, c.baseDigits()
			s.reload()
		})
	})
	return container.NewBorder(top, s.count, nil, nil, s.list.object())
}

// reload reads the rules in the background.
func (s *rulesScreen) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	a.background(func() {
		rules, err := a.svc.Analytics.CommissionRules(a.ctx)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.rules = rules
			var rows [][]string
			for _, r := range rules {
				rows = append(rows, s.cells(r))
			}
			s.list.set(rows)
			s.count.SetText(a.N("comm.rules_count", int64(len(rules))) + " · " + a.T("comm.rules_help"))
		})
	})
}

// cells are the texts of a rule's row.
func (s *rulesScreen) cells(r model.CommissionRule) []string {
	a, tr := s.a, s.a.tr
	var rates []string
	for _, c := range s.cats.cats {
		if bp, ok := r.CategoryRates[c.ID]; ok {
			rates = append(rates, c.Name+" "+dashreport.Rate(tr, bp))
		}
	}
	tiers := slices.Clone(r.Tiers)
	slices.SortFunc(tiers, func(x, y model.CommissionTier) int { return int(x.FromBP - y.FromBP) })
	var ts []string
	for _, t := range tiers {
		ts = append(ts, a.T("comm.tier_text", dashreport.Rate(tr, t.FromBP), dashreport.Factor(tr, t.FactorBP)))
	}
	return []string{s.owner(r), dashreport.Rate(tr, r.BaseRateBP), strings.Join(rates, "; "), strings.Join(ts, "; "),
		a.money(r.PlanBonus, s.digits), dashreport.Date(tr, r.ValidFrom)}
}

// owner is whose a rule is: the seller's name or «Role: seller».
func (s *rulesScreen) owner(r model.CommissionRule) string {
	if r.UserID == "" {
		return s.a.T("comm.rule_role", s.a.T("role."+string(r.Role)))
	}
	for _, u := range s.users {
		if u.ID == r.UserID {
			return u.FullName
		}
	}
	return r.UserID
}

// deleteRule asks, then removes the selected rule.
func (s *rulesScreen) deleteRule() {
	a := s.a
	if s.list.sel < 0 || s.list.sel >= len(s.rules) {
		return
	}
	r := s.rules[s.list.sel]
	a.confirm(a.T("comm.rule_delete_title"), a.T("comm.rule_delete_confirm", s.owner(r)), a.T("btn.delete"), func() {
		a.background(func() {
			err := a.svc.Analytics.DeleteCommissionRule(a.ctx, r.ID, r.Version)
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
				}
				s.reload()
			})
		})
	})
}

// pairRow is an editable row of two inputs and a remove button: a
// category and its rate, or a tier's threshold and multiplier.
type pairRow struct {
	cat         *choice
	left, right *widget.Entry
	obj         fyne.CanvasObject
}

// ruleForm is the form of one commission rule: whose it is, the base
// rate, the rates of categories, the tiers, the plan bonus and the day it
// applies from. Messages appear beside the fields.
type ruleForm struct {
	s                 *rulesScreen
	r                 model.CommissionRule
	f                 *form
	user, role        *choice
	base, bonus       *widget.Entry
	from              *widget.Entry
	rates, tiers      []*pairRow
	ratesBox, tierBox *fyne.Container
}

// editRule opens the form of r (a new rule when its ID is empty).
func (s *rulesScreen) editRule(r model.CommissionRule) {
	a := s.a
	rf := &ruleForm{s: s, r: r, f: newForm(a)}
	rf.user = newChoice(a.T("comm.rule_by_role"), a.T("comm.rule_by_role"), nil)
	rf.user.setOptions(userOptions(s.users))
	rf.user.set(r.UserID)
	rf.role = newChoice(a.T("field.role"), "", nil)
	var rl, rv []string
	for _, role := range model.Roles {
		rl, rv = append(rl, a.T("role."+string(role))), append(rv, string(role))
	}
	rf.role.setOptions(rl, rv)
	rf.role.set(string(r.Role))
	rf.f.add("user", rf.user.sel)
	rf.f.add("role", rf.role.sel)
	rf.base = rf.f.entry("base_rate", a.percentInput(r.BaseRateBP))
	rf.base.SetPlaceHolder("5")
	rf.ratesBox, rf.tierBox = container.NewVBox(), container.NewVBox()
	for _, c := range s.cats.cats {
		if bp, ok := r.CategoryRates[c.ID]; ok {
			rf.addRate(c.ID, a.percentInput(bp))
		}
	}
	tiers := slices.Clone(r.Tiers)
	slices.SortFunc(tiers, func(x, y model.CommissionTier) int { return int(x.FromBP - y.FromBP) })
	for _, t := range tiers {
		rf.addTier(a.percentInput(t.FromBP), factorInput(a, t.FactorBP))
	}
	addRate := widget.NewButtonWithIcon(a.T("comm.add_rate"), theme.ContentAddIcon(), func() { rf.addRate("", "") })
	addTier := widget.NewButtonWithIcon(a.T("comm.add_tier"), theme.ContentAddIcon(), func() { rf.addTier("", "") })
	rf.f.add("rates", container.NewVBox(rf.ratesBox, container.NewHBox(addRate)))
	rf.f.add("tiers", container.NewVBox(rf.tierBox, container.NewHBox(addTier)))
	rf.bonus = rf.f.entry("bonus", a.moneyInput(r.PlanBonus, s.digits))
	rf.from = rf.f.entry("valid_from", a.dayInput(r.ValidFrom))
	for n, key := range map[string]string{"rates": "comm.field.rates", "tiers": "comm.field.tiers", "bonus": "comm.field.bonus"} {
		rf.f.fields[n].label.SetText(a.T(key))
	}
	title := a.T("comm.rule_new")
	if r.ID != "" {
		title = a.T("comm.rule_edit", s.owner(r))
	}
	s.form = rf
	s.dlg = a.formDialog(title, rf.f, fyne.NewSize(640, 620), rf.save)
}

// addRate adds a row for a category's rate.
func (rf *ruleForm) addRate(catID, rate string) {
	a := rf.s.a
	p := &pairRow{cat: newChoice(a.T("field.category"), "", nil), right: widget.NewEntry()}
	p.cat.setOptions(categoryOptions(rf.s.cats))
	p.cat.set(catID)
	p.right.SetText(rate)
	p.right.SetPlaceHolder("%")
	rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
		rf.rates = slices.DeleteFunc(rf.rates, func(x *pairRow) bool { return x == p })
		rf.ratesBox.Remove(p.obj)
	})
	p.obj = container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(p.right, 80), widget.NewLabel("%"), rm), p.cat.sel)
	rf.rates = append(rf.rates, p)
	rf.ratesBox.Add(p.obj)
}

// addTier adds a row for a tier: from a fulfilment, a multiplier.
func (rf *ruleForm) addTier(from, factor string) {
	a := rf.s.a
	p := &pairRow{left: widget.NewEntry(), right: widget.NewEntry()}
	p.left.SetText(from)
	p.left.SetPlaceHolder("100")
	p.right.SetText(factor)
	p.right.SetPlaceHolder("1" + a.T("format.decimal") + "2")
	rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
		rf.tiers = slices.DeleteFunc(rf.tiers, func(x *pairRow) bool { return x == p })
		rf.tierBox.Remove(p.obj)
	})
	p.obj = container.NewHBox(widget.NewLabel(a.T("comm.tier_from")), fixedWidth(p.left, 80), widget.NewLabel("% →  ×"),
		fixedWidth(p.right, 80), rm)
	rf.tiers = append(rf.tiers, p)
	rf.tierBox.Add(p.obj)
}

// factorInput shows a multiplier for an entry: 12000 → «1,2».
func factorInput(a *App, bp int64) string {
	s := model.FormatFixed(bp, 4, a.T("format.decimal"), "")
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, a.T("format.decimal"))
}

// rule reads the form; what cannot be read is reported by field.
func (rf *ruleForm) rule() (model.CommissionRule, model.ValidationErrors) {
	a := rf.s.a
	r := rf.r
	var v model.ValidationErrors
	r.UserID = rf.user.value()
	r.Role = model.Role(rf.role.value())
	if bp, ok := parsePercent(rf.base.Text); ok {
		r.BaseRateBP = bp
	} else {
		v.Add("base_rate", msgPercent)
	}
	r.CategoryRates = map[string]int64{}
	for _, p := range rf.rates {
		bp, ok := parsePercent(p.right.Text)
		if !ok || p.cat.value() == "" {
			v.Add("rates", msgPercent)
			break
		}
		r.CategoryRates[p.cat.value()] = bp
	}
	r.Tiers = nil
	for _, p := range rf.tiers {
		from, ok := parsePercent(p.left.Text)
		if !ok {
			v.Add("tiers", msgPercent)
			break
		}
		f, err := model.ParseMoney(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p.right.Text), "×")), 4)
		if err != nil {
			v.Add("tiers", msgFactor)
			break
		}
		r.Tiers = append(r.Tiers, model.CommissionTier{FromBP: from, FactorBP: int64(f)})
	}
	r.PlanBonus = 0
	if t := strings.TrimSpace(rf.bonus.Text); t != "" {
		m, err := model.ParseMoney(t, rf.s.digits)
		if err != nil {
			v.Add("bonus", msgMoney)
		}
		r.PlanBonus = m
	}
	r.ValidFrom = time.Time{}
	if d, ok := parseDay(a, rf.from.Text); ok {
		r.ValidFrom = d
	} else if strings.TrimSpace(rf.from.Text) != "" {
		v.Add("valid_from", msgDate)
	}
	return r, v
}

// save stores the rule; the service's validation messages appear beside
// the fields (user and role share the owner message).
func (rf *ruleForm) save() error {
	a := rf.s.a
	a.idle.touch()
	r, v := rf.rule()
	var err error
	if len(v) > 0 {
		err = v
	} else {
		_, err = a.svc.Analytics.SaveCommissionRule(a.ctx, r)
	}
	if err != nil {
		if !rf.f.setErrors(err, "") {
			return err
		}
		rf.s.dlg.dlg.Refresh() // lay the fields out again around the messages shown
		return errPending
	}
	rf.s.reload()
	return nil
}
