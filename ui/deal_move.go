package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealDicts are what the deal screens choose from and format with: the
// pipelines with their stages, the active lost reasons, the active users,
// the lead sources and the catalog's currencies and tax settings.
type dealDicts struct {
	pipes   []model.Pipeline // the default first
	reasons []model.LostReason
	users   []model.User // active, by name as the service gives them
	sources []string
	cat     catalogDicts
}

// pipe is the pipeline with id ("" = the default one).
func (d dealDicts) pipe(id string) model.Pipeline {
	for _, p := range d.pipes {
		if p.ID == id || (id == "" && p.IsDefault) {
			return p
		}
	}
	if len(d.pipes) > 0 {
		return d.pipes[0]
	}
	return model.Pipeline{}
}

// loadDealDicts reads the dictionaries in the background and hands them to
// then on the UI thread; errors are shown, what loaded is still handed over.
func (a *App) loadDealDicts(then func(dealDicts)) {
	svc := a.svc
	a.loadCatalogDicts(func(cd catalogDicts) {
		a.background(func() {
			d := dealDicts{cat: cd}
			var errs []error
			var err error
			d.pipes, err = svc.Pipeline.Pipelines(a.ctx)
			errs = append(errs, err)
			rs, err := svc.Pipeline.LostReasons(a.ctx)
			errs = append(errs, err)
			for _, r := range rs {
				if r.Active {
					d.reasons = append(d.reasons, r)
				}
			}
			us, err := svc.Users.FindUsers(a.ctx)
			errs = append(errs, err)
			for _, u := range us {
				if u.Active {
					d.users = append(d.users, u)
				}
			}
			d.sources, err = svc.Customers.DictItems(a.ctx, model.DictLeadSource)
			errs = append(errs, err)
			fyne.Do(func() {
				if err := errors.Join(errs...); err != nil {
					a.showErr(err)
				}
				then(d)
			})
		})
	})
}

// seededStages are the names the default pipeline's stages were seeded
// with: while a stage keeps its seeded name, it is shown translated.
var seededStages = map[string]string{
	model.StageProspecting:  "Поиск клиента",
	model.StagePresentation: "Презентация",
	model.StageNegotiation:  "Переговоры и договор",
	model.StageDelivery:     "Поставка",
	model.StageConsulting:   "Консультации и обучение",
	model.StageCodeWon:      "Успешно",
	model.StageCodeLost:     "Проиграна",
}

// stageCodeKey prefixes the seeded stages' codes: «stage.code.won».
const stageCodeKey = "stage.code."

// dealStatusText is a deal status in words.
func dealStatusText(a *App, s model.DealStatus) string { return a.T(dealStatusKey + string(s)) }

// dealStatusKey prefixes the deal statuses: «deal.status.won».
const dealStatusKey = "deal.status."

// stageName is a stage's name as shown: a seeded stage still called by its
// seeded (Russian) name in the UI language, any other as typed.
func stageName(a *App, st model.Stage) string {
	key := stageCodeKey + st.Code
	if st.Code != "" && seededStages[st.Code] == st.Name && a.tr.Has(key) {
		return a.T(key)
	}
	return st.Name
}

// stageResultHint is what a stage expects as its result, translated for the
// seeded stages whose text was not changed.
func stageResultHint(a *App, st model.Stage) string {
	key := "stage.result." + st.Code
	if st.Code != "" && a.tr.Has(key) && a.cfg.Catalog.Lang("ru").T(key) == st.ExpectedResult {
		return a.T(key)
	}
	return st.ExpectedResult
}

// stageNameByID names a stage of p; the stored name when it is not there.
func stageNameByID(a *App, p model.Pipeline, id, stored string) string {
	if st, ok := p.StageByID(id); ok {
		return stageName(a, st)
	}
	return stored
}

// dealLabel names a deal: «№ 12 · Поставка кирпича».
func dealLabel(d model.Deal) string { return fmt.Sprintf("№ %d · %s", d.Num, d.Title) }

// recordedResult is the result recorded for the deal's current stage.
func recordedResult(d model.Deal) string {
	for _, s := range d.Stages {
		if s.StageID == d.StageID {
			return s.Result
		}
	}
	return ""
}

// moveDealTo moves the deal id to stage to of p: it reads the deal (its
// version and the result recorded for its stage), asks for what the move
// needs (model.MoveNeeds: the current stage's result or a lost reason) and
// moves it. done runs with the moved deal; refusals are shown beside the
// dialog's field or in an error dialog.
func (a *App) moveDealTo(p model.Pipeline, reasons []model.LostReason, id, to string, done func(model.Deal)) {
	a.idle.touch()
	a.background(func() {
		d, err := a.svc.Pipeline.FindDealByID(a.ctx, id)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			a.moveLoaded(p, reasons, d, to, done)
		})
	})
}

// moveLoaded moves a loaded deal (see moveDealTo).
func (a *App) moveLoaded(p model.Pipeline, reasons []model.LostReason, d model.Deal, to string, done func(model.Deal)) *formDlg {
	if to == d.StageID {
		return nil
	}
	needResult, needReason := model.MoveNeeds(p, d.StageID, d.Status, recordedResult(d), to)
	req := model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: to}
	move := func() error {
		moved, err := a.svc.Pipeline.MoveDeal(a.ctx, req)
		if err != nil {
			return err
		}
		a.shell.setStatus(a.T("deal.moved", moved.Title, stageNameByID(a, p, moved.StageID, moved.StageName)))
		if done != nil {
			done(moved)
		}
		return nil
	}
	if !needResult && !needReason {
		if err := move(); err != nil {
			a.showErr(err)
		}
		return nil
	}
	cur, _ := p.StageByID(d.StageID)
	target, _ := p.StageByID(to)
	f := newForm(a)
	var result *widget.Entry
	var reason *choice
	if needResult {
		result = f.entry("result", "")
		f.multiLine("result", 4)
		result.SetPlaceHolder(a.T("deal.result_hint"))
		hint := widget.NewLabel(a.T("deal.expected_result", stageName(a, cur), stageResultHint(a, cur)))
		hint.Wrapping = fyne.TextWrapWord
		hint.TextStyle.Italic = true
		f.add("expected_result", hint)
	} else {
		reason = newChoice(a.T("choose"), "", nil)
		var labels, values []string
		for _, r := range reasons {
			labels, values = append(labels, r.Name), append(values, r.Name)
		}
		reason.setOptions(labels, values)
		f.add("lost_reason", reason.sel)
	}
	title := a.T("deal.move_title", d.Title, stageName(a, target))
	dlg := a.formDialog(title, f, fyne.NewSize(560, 320), func() error {
		if result != nil {
			req.Result = strings.TrimSpace(result.Text)
			if req.Result == "" {
				return model.ValidationErrors{{Field: "result", Msg: model.MsgStageResultNeeded}}
			}
		}
		if reason != nil {
			req.LostReason = reason.value()
			if req.LostReason == "" {
				return model.ValidationErrors{{Field: "lost_reason", Msg: model.MsgLostReasonNeeded}}
			}
		}
		return move()
	})
	dlg.save.SetText(a.T("deal.move"))
	if result != nil {
		a.win.Canvas().Focus(result)
	}
	return dlg
}

// recordResultDialog records the current stage's result without moving.
func (a *App) recordResultDialog(p model.Pipeline, d model.Deal, done func(model.Deal)) *formDlg {
	cur, _ := p.StageByID(d.StageID)
	f := newForm(a)
	result := f.entry("result", recordedResult(d))
	f.multiLine("result", 4)
	result.SetPlaceHolder(a.T("deal.result_hint"))
	hint := widget.NewLabel(stageResultHint(a, cur))
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle.Italic = true
	f.add("expected_result", hint)
	return a.formDialog(a.T("deal.record_title", stageName(a, cur)), f, fyne.NewSize(560, 320), func() error {
		text := strings.TrimSpace(result.Text)
		if text == "" {
			return model.ValidationErrors{{Field: "result", Msg: model.MsgStageResultNeeded}}
		}
		saved, err := a.svc.Pipeline.RecordResult(a.ctx, d.ID, d.Version, text)
		if err != nil {
			return err
		}
		if done != nil {
			done(saved)
		}
		return nil
	})
}

// dealErrText explains the pipeline's errors, then the general ones.
func (a *App) dealErrText(err error) string {
	switch {
	case errors.Is(err, model.ErrNeedsApproval):
		return a.T("deal.err.needs_approval")
	case errors.Is(err, model.ErrDealClosed):
		return a.T("deal.err.closed")
	}
	text, _ := a.errText(err)
	return text
}

// showDealErr shows a pipeline error in a dialog.
func (a *App) showDealErr(err error) {
	if errors.Is(err, model.ErrNeedsApproval) || errors.Is(err, model.ErrDealClosed) {
		a.info(a.T("err.title"), a.dealErrText(err))
		return
	}
	a.showErr(err)
}
