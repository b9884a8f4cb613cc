package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// canEditTerms tells the roles that set payment terms and credit limits.
func canEditTerms(r model.Role) bool {
	return r == model.RoleAdmin || r == model.RoleHead || r == model.RoleAccountant
}

// instRow is one instalment of a schedule being edited.
type instRow struct {
	days, share *widget.Entry
	remove      *widget.Button
	box         *fyne.Container
}

// termsEditor edits a customer's own payment terms, credit limit and
// document language, and shows what is in effect (the group's where the
// customer has none of its own).
type termsEditor struct {
	a          *App
	customerID string
	groupID    string // set instead of customerID: a customer group's terms
	own, eff   model.CustomerTerms
	d          catalogDicts
	canEdit    bool
	f          *form
	hasTerms   *widget.Check
	prepay     *widget.Entry
	netDays    *widget.Entry
	insts      []*instRow
	instBox    *fyne.Container
	addInst    *widget.Button
	hasLimit   *widget.Check
	limit      *widget.Entry
	lang       *choice
	effective  *widget.Label
	status     *widget.Label
	save       *widget.Button
	loaded     bool
	gen        int
}

func newTermsEditor(a *App, customerID string) *termsEditor {
	return &termsEditor{a: a, customerID: customerID, canEdit: canEditTerms(a.svc.User.Role)}
}

// newGroupTermsEditor edits a customer group's terms, which its customers
// inherit where they have none of their own.
func newGroupTermsEditor(a *App, groupID string) *termsEditor {
	return &termsEditor{a: a, groupID: groupID, canEdit: canEditTerms(a.svc.User.Role)}
}

func (te *termsEditor) build() fyne.CanvasObject {
	a := te.a
	te.f = newForm(a)
	te.hasTerms = widget.NewCheck(a.T("terms.own"), func(bool) { te.enable() })
	te.f.add("has_terms", te.hasTerms)
	te.prepay = te.f.entry("prepay", "")
	te.netDays = te.f.entry("net_days", "")
	te.instBox = container.NewVBox()
	te.addInst = widget.NewButtonWithIcon(a.T("terms.add_instalment"), theme.ContentAddIcon(), func() { te.addRow(model.Instalment{}) })
	hint := widget.NewLabel(a.T("terms.instalments_hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	te.f.add("instalments", container.NewVBox(te.instBox, container.NewHBox(te.addInst), hint))
	te.hasLimit = widget.NewCheck(a.T("terms.has_limit"), func(bool) { te.enable() })
	te.limit = widget.NewEntry()
	te.f.add("credit_limit", container.NewBorder(nil, nil, te.hasLimit, nil, te.limit))
	te.lang = newChoice(a.T("terms.lang_inherit"), a.T("terms.lang_inherit"), nil)
	te.lang.setOptions([]string{a.T("lang.ru"), a.T("lang.en")}, []string{"ru", "en"})
	te.f.add("doc_lang", te.lang.sel)
	te.effective = widget.NewLabel("") // one line per item, no wrapping: its height is known before layout
	te.status = widget.NewLabel("")
	te.status.Wrapping = fyne.TextWrapWord
	te.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), te.submit)
	te.save.Importance = widget.HighImportance
	if !te.canEdit {
		te.save.Hide()
		te.status.SetText(a.T("terms.read_only"))
	}
	title := widget.NewLabelWithStyle(a.T("terms.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	te.enable()
	return container.NewVBox(title, te.effective, narrow(te.f.grid, 720), container.NewBorder(nil, nil, te.save, nil, te.status))
}

// setDicts gives the base currency the credit limit is in.
func (te *termsEditor) setDicts(d catalogDicts) { te.d = d }

// load reads the customer's terms in the background.
func (te *termsEditor) load() {
	a := te.a
	te.gen++
	gen, id, group := te.gen, te.customerID, te.groupID
	a.background(func() {
		var eff, own model.CustomerTerms
		var err error
		if group != "" {
			own, err = a.svc.Sales.GroupTerms(a.ctx, group)
			eff = model.EffectiveTerms(own, model.CustomerTerms{})
		} else {
			eff, own, err = a.svc.Sales.Terms(a.ctx, id)
		}
		fyne.Do(func() {
			if gen != te.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			te.show(eff, own)
		})
	})
}

// show puts the terms on the form: the customer's own where set, else what
// is in effect (greyed until «own terms» is ticked).
func (te *termsEditor) show(eff, own model.CustomerTerms) {
	a := te.a
	te.eff, te.own, te.loaded = eff, own, true
	digits := te.d.baseDigits()
	terms := own.Terms
	if !own.HasTerms {
		terms = eff.Terms
	}
	te.hasTerms.SetChecked(own.HasTerms)
	te.prepay.SetText(a.percentInput(terms.PrepayBP))
	te.netDays.SetText(strconv.Itoa(terms.NetDays))
	te.insts = nil
	te.instBox.Objects = nil
	for _, in := range terms.Instalments {
		te.addRow(in)
	}
	te.hasLimit.SetChecked(own.HasLimit)
	limit := own.CreditLimit
	if !own.HasLimit && eff.HasLimit {
		limit = eff.CreditLimit
	}
	te.limit.SetText("")
	if own.HasLimit || eff.HasLimit {
		te.limit.SetText(a.moneyInput(limit, digits))
	}
	te.lang.set(own.DocLang)
	te.effective.SetText(te.effectiveText())
	te.f.clearErrors()
	te.enable()
}

// effectiveText words the terms in effect, saying which come from the group.
func (te *termsEditor) effectiveText() string {
	a, eff, own := te.a, te.eff, te.own
	from := func(isOwn bool) string {
		if isOwn || te.groupID != "" {
			return ""
		}
		return " " + a.T("terms.from_group")
	}
	terms := a.T("terms.none")
	if eff.HasTerms {
		terms = model.TermsText(eff.Terms, a.tr.Code())
	}
	limit := a.T("terms.no_limit")
	if eff.HasLimit {
		limit = a.money(eff.CreditLimit, te.d.baseDigits()) + " " + te.d.tax.BaseCurrency
	}
	return strings.Join([]string{
		a.T("terms.effective_terms", terms) + from(own.HasTerms || !eff.HasTerms),
		a.T("terms.effective_limit", limit) + from(own.HasLimit || !eff.HasLimit),
		a.T("terms.effective_lang", a.T("lang."+eff.DocLang)) + from(own.DocLang != "" || eff.DocLang == "ru"),
	}, "\n")
}

// addRow adds an instalment row.
func (te *termsEditor) addRow(in model.Instalment) {
	a := te.a
	r := &instRow{days: widget.NewEntry(), share: widget.NewEntry()}
	if in.ShareBP > 0 {
		r.days.SetText(strconv.Itoa(in.Days))
		r.share.SetText(a.percentInput(in.ShareBP))
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range te.insts {
			if x == r {
				te.insts = append(te.insts[:i], te.insts[i+1:]...)
				te.instBox.Remove(r.box)
			}
		}
	})
	h := r.days.MinSize().Height
	r.box = container.NewHBox(widget.NewLabel(a.T("terms.inst_after")), container.NewGridWrap(fyne.NewSize(80, h), r.days),
		widget.NewLabel(a.T("terms.inst_days")), container.NewGridWrap(fyne.NewSize(80, h), r.share), widget.NewLabel("%"), r.remove)
	te.insts = append(te.insts, r)
	te.instBox.Add(r.box)
	te.enable()
}

// enable turns on the inputs the user may change now.
func (te *termsEditor) enable() {
	if te.f == nil {
		return
	}
	onOff := func(on bool, ws ...fyne.Disableable) {
		for _, w := range ws {
			if on {
				w.Enable()
			} else {
				w.Disable()
			}
		}
	}
	ok := te.canEdit && te.loaded
	onOff(ok, te.hasTerms, te.hasLimit, te.lang.sel)
	terms := ok && te.hasTerms.Checked
	onOff(terms, te.prepay, te.netDays, te.addInst)
	for _, r := range te.insts {
		onOff(terms, r.days, r.share, r.remove)
	}
	onOff(ok && te.hasLimit.Checked, te.limit)
	if ok {
		te.save.Enable()
	} else {
		te.save.Disable()
	}
}

// terms reads the form; what does not parse is reported beside it.
func (te *termsEditor) terms() (model.CustomerTerms, bool) {
	t := model.CustomerTerms{CustomerID: te.customerID, GroupID: te.groupID, HasTerms: te.hasTerms.Checked, HasLimit: te.hasLimit.Checked,
		DocLang: te.lang.value(), Version: te.own.Version}
	var v model.ValidationErrors
	if t.HasTerms {
		if bp, ok := parsePercent(te.prepay.Text); ok || strings.TrimSpace(te.prepay.Text) == "" {
			t.Terms.PrepayBP = bp
		} else {
			v.Add("prepay", msgPercent)
		}
		if n, err := strconv.Atoi(strings.TrimSpace(te.netDays.Text)); err == nil || strings.TrimSpace(te.netDays.Text) == "" {
			t.Terms.NetDays = n
		} else {
			v.Add("net_days", "valid.number")
		}
		for _, r := range te.insts {
			days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
			share, ok := parsePercent(r.share.Text)
			if err != nil || !ok {
				v.Add("instalments", "terms.err.instalment")
				break
			}
			t.Terms.Instalments = append(t.Terms.Instalments, model.Instalment{Days: days, ShareBP: share})
		}
	}
	if t.HasLimit {
		m, err := model.ParseMoney(strings.TrimSpace(te.limit.Text), te.d.baseDigits())
		if err != nil {
			v.Add("credit_limit", msgMoney)
		}
		t.CreditLimit = m
	}
	te.f.setErrors(v, "")
	return t, len(v) == 0
}

// submit saves the customer's own terms.
func (te *termsEditor) submit() {
	a := te.a
	t, ok := te.terms()
	if !ok {
		te.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
		return
	}
	if _, err := a.svc.Sales.SaveTerms(a.ctx, t); err != nil {
		if te.f.setErrors(err, "") {
			te.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
			return
		}
		te.setStatus("", widget.MediumImportance)
		a.showErr(err)
		return
	}
	te.setStatus(a.T("settings.saved"), widget.SuccessImportance)
	te.load()
}

func (te *termsEditor) setStatus(text string, imp widget.Importance) {
	te.status.Importance = imp
	te.status.SetText(text)
}
