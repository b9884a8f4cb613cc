package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// statementDialog asks for the period of a statement of account (акт
// сверки), posts it and opens it.
type statementDialog struct {
	a          *App
	customerID string
	done       func()
	f          *form
	fd         *formDlg
	doc        model.Document // the statement made
}

// showStatementDialog makes a statement of account for the customer over a
// period (by default from the start of the year to today) and opens it; done
// runs after it is made.
func showStatementDialog(a *App, customerID string, done func()) {
	openStatementDialog(a, customerID, done)
}

func openStatementDialog(a *App, customerID string, done func()) *statementDialog {
	s := &statementDialog{a: a, customerID: customerID, done: done}
	s.build()
	return s
}

func (s *statementDialog) build() {
	a := s.a
	day := today()
	s.f = newForm(a)
	s.f.entry("period_from", a.dayInput(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC))).SetPlaceHolder(a.T("format.date_hint"))
	s.f.entry("period_to", a.dayInput(day)).SetPlaceHolder(a.T("format.date_hint"))
	s.fd = a.formDialog(a.T("statement.title"), s.f, fyne.NewSize(460, 260), s.create)
	s.fd.save.SetText(a.T("statement.create"))
}

// create posts the statement; the dialog closes and the document opens.
func (s *statementDialog) create() error {
	a := s.a
	from, ok1 := parseDay(a, s.f.text("period_from"))
	to, ok2 := parseDay(a, s.f.text("period_to"))
	var v model.ValidationErrors
	if !ok1 {
		v.Add("period_from", msgDate)
	}
	if !ok2 {
		v.Add("period_to", msgDate)
	}
	if len(v) > 0 {
		return v
	}
	d, err := a.svc.Sales.CreateStatement(a.ctx, s.customerID, from, to)
	if err != nil {
		return periodErrors(err)
	}
	s.doc = d
	if s.done != nil {
		s.done()
	}
	showDocument(a, d.ID)
	return nil
}

// periodErrors moves a message about the period as a whole to its end date,
// the field that shows it.
func periodErrors(err error) error {
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		return err
	}
	var v model.ValidationErrors
	for _, e := range fe {
		c := *e
		if c.Field == "period" {
			c.Field = "period_to"
		}
		v = append(v, &c)
	}
	return v
}
