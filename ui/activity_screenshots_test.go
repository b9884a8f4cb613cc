package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// TestWorkScreenshots draws My day, the week calendar, the approvals inbox,
// reverse pricing, the leads and the pipeline settings in Russian and
// English into the folder named by SDELKA_UI_PNG, for a person to look at.
// It is skipped otherwise.
func TestWorkScreenshots(t *testing.T) {
	dir := os.Getenv("SDELKA_UI_PNG")
	if dir == "" {
		t.Skip("set SDELKA_UI_PNG to a folder to write screenshots")
	}
	for _, lang := range []string{"ru", "en"} {
		h := newHarness(t, true, "en")
		h.pipe("head")
		f := newWorkFixture(h)
		for i, a := range []model.Activity{
			{Kind: model.ActivityCall, Subject: "Позвонить главному инженеру", Due: at(0, 10, 30)},
			{Kind: model.ActivityMeeting, Subject: "Встреча на объекте", Due: at(0, 14, 0), DurationMin: 90},
			{Kind: model.ActivityEmail, Subject: "Отправить КП", Due: at(0, 16, 15)},
			{Kind: model.ActivityTask, Subject: "Подготовить договор", Due: at(-1, 11, 0)},
			{Kind: model.ActivityCall, Subject: "Уточнить сроки поставки", Due: at(-3, 9, 0)},
			{Kind: model.ActivityMeeting, Subject: "Презентация продукта", Due: at(1, 11, 0)},
			{Kind: model.ActivityTask, Subject: "Счёт на предоплату", Due: at(2, 15, 0)},
		} {
			a.CustomerID = f.cust.ID
			if i%2 == 0 {
				f.activity("seller", a)
			} else {
				f.activity("head", a)
			}
		}
		f.discountedDeal("Поставка перфораторов для бригады")
		if _, err := h.pipe("seller").SaveReverseRequest(h.ctx, model.ReverseRequest{CustomerID: f.cust.ID,
			Requirements: "Перфоратор проверочный", Qty: 3 * model.QtyOne, WantedPrice: 80000, Currency: "RUB"}); err != nil {
			t.Fatal(err)
		}
		h.loginAs("head")
		h.a.SetLanguage(lang)
		h.settle()
		shot := func(name string) {
			t.Helper()
			h.settle()
			layoutAll(h)
			path := filepath.Join(dir, lang+"-"+name+".png")
			out, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			if err := png.Encode(out, h.win.Canvas().Capture()); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
		}
		d := newMyDay(h.a)
		h.openScreen(d)
		for _, c := range findAll(h.a.shell.content, func(c *widget.Check) bool { return c.Text == h.a.T("myday.everyone") }) {
			c.SetChecked(true)
		}
		shot("myday")
		d.switchView()
		shot("calendar")
		s := newApprovalsInbox(h.a)
		h.openScreen(s)
		if len(s.rows) > 0 {
			s.table.Select(tableCell(0))
		}
		shot("approvals")
		r := newReverseList(h.a)
		h.openScreen(r)
		if len(r.rows) > 0 {
			r.table.Select(tableCell(0))
			h.settle()
			for i, m := range r.matches.rows {
				if m.ProductID == f.prod.ID {
					r.matches.list.Select(i)
				}
			}
		}
		shot("reverse")
		l := newLeadList(h.a)
		h.openScreen(l)
		shot("leads")
		h.openScreen(screenOf(pipelineSettingsTab(h.a)))
		shot("settings-pipeline")
		h.a.editActivity(model.Activity{CustomerID: f.cust.ID, CustomerName: f.cust.Name}, nil)
		shot("activity-form")
		h.closeDialogs()
		h.a.SetLanguage("en")
		h.a.Logout()
		h.loginAs("admin")
		h.a.SetLanguage(lang)
		tabs := pipelineSettingsTab(h.a).(*container.AppTabs)
		h.openScreen(screenOf(tabs))
		shot("settings-stages-admin")
		tabs.SelectIndex(2)
		shot("settings-rules-admin")
	}
}
