package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// contractDialog makes a contract with a customer: choose a template, create
// the draft (the template filled with both parties' requisites and the
// customer's terms), edit its text, post it (it gets its number and date)
// and open it.
type contractDialog struct {
	a          *App
	customerID string
	done       func()
	f          *form
	tmpl       *choice
	body       *widget.Entry
	create     *widget.Button
	saveText   *widget.Button
	post       *widget.Button
	status     *widget.Label
	dlg        dialog.Dialog
	templates  []model.DocTemplate
	doc        model.Document // the draft, then the posted contract
	loaded     bool
}

// showContractDialog makes a contract for the customer; done runs after the
// draft is created and after it is posted.
func showContractDialog(a *App, customerID string, done func()) {
	openContractDialog(a, customerID, done)
}

func openContractDialog(a *App, customerID string, done func()) *contractDialog {
	cd := &contractDialog{a: a, customerID: customerID, done: done}
	cd.dlg = dialog.NewCustom(a.T("contract.title"), a.T("btn.close"), cd.build(), a.win)
	cd.dlg.Resize(fyne.NewSize(860, 680))
	cd.dlg.Show()
	return cd
}

func (cd *contractDialog) build() fyne.CanvasObject {
	a := cd.a
	cd.f = newForm(a)
	cd.tmpl = newChoice(a.T("customers.loading"), "", nil)
	cd.create = widget.NewButtonWithIcon(a.T("contract.create"), theme.ContentAddIcon(), cd.createDraft)
	cd.create.Importance = widget.HighImportance
	cd.create.Disable()
	cd.f.add("template", container.NewBorder(nil, nil, nil, cd.create, cd.tmpl.sel))
	cd.body = cd.f.entry("body", "")
	cd.f.multiLine("body", 18)
	cd.body.Disable()
	cd.saveText = widget.NewButtonWithIcon(a.T("contract.save_text"), theme.DocumentSaveIcon(), func() { cd.saveBody() })
	cd.post = widget.NewButtonWithIcon(a.T("contract.post"), theme.ConfirmIcon(), cd.postContract)
	cd.post.Importance = widget.HighImportance
	cd.saveText.Disable()
	cd.post.Disable()
	cd.status = widget.NewLabel(a.T("contract.hint"))
	cd.status.Truncation = fyne.TextTruncateEllipsis
	cd.load()
	return container.NewBorder(nil, container.NewVBox(cd.status, container.NewHBox(cd.saveText, cd.post)), nil, nil, cd.f.grid)
}

// load reads the templates and the customer's document language, and
// chooses the default template in that language.
func (cd *contractDialog) load() {
	a, id := cd.a, cd.customerID
	a.background(func() {
		ts, err := a.svc.Sales.Templates(a.ctx)
		lang := "ru"
		if err == nil {
			var eff model.CustomerTerms
			if eff, _, err = a.svc.Sales.Terms(a.ctx, id); err == nil && eff.DocLang != "" {
				lang = eff.DocLang
			}
		}
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			cd.showTemplates(ts, lang)
		})
	})
}

func (cd *contractDialog) showTemplates(ts []model.DocTemplate, lang string) {
	a := cd.a
	var labels, values []string
	pick := ""
	for _, t := range ts {
		if t.Kind != model.DocContract {
			continue
		}
		cd.templates = append(cd.templates, t)
		labels, values = append(labels, t.Name+" ("+a.T("lang."+t.Lang)+")"), append(values, t.ID)
		if pick == "" && t.Lang == lang && t.IsDefault {
			pick = t.ID
		}
	}
	if pick == "" && len(values) > 0 {
		pick = values[0]
	}
	cd.tmpl.sel.PlaceHolder = a.T("choose")
	cd.tmpl.setOptions(labels, values)
	cd.tmpl.set(pick)
	cd.loaded = true
	if len(values) > 0 {
		cd.create.Enable()
	} else {
		cd.status.SetText(a.T("contract.no_templates"))
	}
}

// createDraft renders the chosen template into a draft contract.
func (cd *contractDialog) createDraft() {
	a := cd.a
	d, err := a.svc.Sales.CreateContract(a.ctx, cd.customerID, cd.tmpl.value(), today())
	if err != nil {
		cd.failed(err)
		return
	}
	cd.doc = d
	cd.f.clearErrors()
	cd.body.SetText(d.Body)
	cd.body.Enable()
	cd.tmpl.sel.Disable()
	cd.create.Disable()
	cd.saveText.Enable()
	cd.post.Enable()
	cd.setStatus(a.T("contract.draft_made"), widget.MediumImportance)
	if cd.done != nil {
		cd.done()
	}
}

// saveBody stores the edited text of the draft.
func (cd *contractDialog) saveBody() bool {
	a := cd.a
	d, err := a.svc.Sales.UpdateContractText(a.ctx, cd.doc.ID, cd.doc.Version, cd.body.Text)
	if err != nil {
		cd.failed(err)
		return false
	}
	cd.doc = d
	cd.f.clearErrors()
	cd.setStatus(a.T("settings.saved"), widget.SuccessImportance)
	return true
}

// postContract saves the text when it changed, posts the contract and
// offers to open it.
func (cd *contractDialog) postContract() {
	a := cd.a
	if cd.body.Text != cd.doc.Body && !cd.saveBody() {
		return
	}
	d, err := a.svc.Sales.PostDocument(a.ctx, cd.doc.ID, cd.doc.Version)
	if err != nil {
		cd.failed(err)
		return
	}
	cd.doc = d
	cd.body.SetText(d.Body)
	cd.body.Disable()
	cd.saveText.Disable()
	cd.post.Disable()
	cd.setStatus(a.T("contract.posted", d.Number), widget.SuccessImportance)
	if cd.done != nil {
		cd.done()
	}
	cd.dlg.Hide()
	a.confirm(a.T("contract.title"), a.T("contract.posted_open", d.Number), a.T("btn.open"), func() { showDocument(a, d.ID) })
}

// failed shows validation messages beside the fields, other errors in a
// dialog.
func (cd *contractDialog) failed(err error) {
	if cd.f.setErrors(err, "") {
		cd.setStatus(cd.a.T("err.fix_fields"), widget.DangerImportance)
		return
	}
	cd.setStatus("", widget.MediumImportance)
	cd.a.showErr(err)
}

func (cd *contractDialog) setStatus(text string, imp widget.Importance) {
	cd.status.Importance = imp
	cd.status.SetText(text)
}
