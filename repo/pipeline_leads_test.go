package repo_test

import (
	"errors"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// pipeFixture is a team (with a third seller) and their sessions.
type pipeFixture struct {
	s                       *repo.Store
	clk                     *fakeClock
	tm                      team
	seller3                 model.User
	admin, head, sel1, sel2 *repo.Session
	sel3                    *repo.Session
}

func newPipeFixture(t *testing.T) *pipeFixture {
	t.Helper()
	s, clk := newStore(t)
	f := &pipeFixture{s: s, clk: clk, tm: setupTeam(t, s)}
	f.admin, f.head, f.sel1, f.sel2 = s.Session(f.tm.admin), s.Session(f.tm.head), s.Session(f.tm.seller1), s.Session(f.tm.seller2)
	u, err := f.admin.CreateUser(t.Context(), model.NewUser{Login: "seller3", FullName: "Ирина Третьякова", Role: model.RoleSeller, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	f.seller3, f.sel3 = u, s.Session(u)
	return f
}

func mustLead(t *testing.T, ss *repo.Session, l model.Lead) model.Lead {
	t.Helper()
	l, err := ss.SaveLead(t.Context(), l)
	if err != nil {
		t.Fatalf("save lead %q %q: %v", l.Company, l.Name, err)
	}
	return l
}

func mustRule(t *testing.T, ss *repo.Session, r model.RoutingRule) model.RoutingRule {
	t.Helper()
	r, err := ss.SaveRoutingRule(t.Context(), r)
	if err != nil {
		t.Fatalf("save routing rule %q: %v", r.Name, err)
	}
	return r
}

func TestPipelineLeadRouting(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	if _, err := f.sel1.SaveRoutingRule(ctx, model.RoutingRule{Field: model.RouteAny, UserID: f.tm.seller1.ID, Active: true}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a seller edits routing rules: %v", err)
	}
	if _, err := f.head.SaveRoutingRule(ctx, model.RoutingRule{Field: model.RouteRegion, Active: true}); len(fieldsOf(err)) != 2 {
		t.Fatalf("a rule without value and target: %v", err)
	}
	moscow := mustRule(t, f.head, model.RoutingRule{Name: "Москва", Field: model.RouteRegion, Value: "77", UserID: f.tm.seller1.ID, Active: true})
	opt := mustRule(t, f.head, model.RoutingRule{Field: model.RouteSegment, Value: "Опт", UserID: f.tm.seller2.ID, Active: true})
	site := mustRule(t, f.head, model.RoutingRule{Name: "Сайт по очереди", Field: model.RouteSource, Value: "сайт",
		Team: []string{f.tm.seller1.ID, f.tm.seller2.ID, f.seller3.ID}, Active: true})
	mustRule(t, f.head, model.RoutingRule{Name: "Выключено", Field: model.RouteAny, UserID: f.tm.seller2.ID, Active: false})
	if moscow.Sort != 1 || opt.Sort != 2 || site.Sort != 3 {
		t.Fatalf("rules numbered in order: %d %d %d", moscow.Sort, opt.Sort, site.Sort)
	}

	l := mustLead(t, f.head, model.Lead{Company: "ООО «Столица»", RegionCode: "77", Segment: "опт", Source: "Сайт"})
	if l.OwnerID != f.tm.seller1.ID || l.RoutedRuleID != moscow.ID || l.RoutedBy != "Москва" || l.Status != model.LeadNew || l.Num != 1 {
		t.Errorf("region rule first: %+v", l)
	}
	if l.OwnerName != "Мария Продавцова" {
		t.Errorf("owner name %q", l.OwnerName)
	}
	l = mustLead(t, f.head, model.Lead{Company: "ООО «Оптовик»", RegionCode: "50", Segment: "ОПТ"})
	if l.OwnerID != f.tm.seller2.ID || l.RoutedRuleID != opt.ID || l.RoutedBy != "segment = Опт" {
		t.Errorf("segment rule, folded: %+v", l)
	}
	want := []string{f.tm.seller1.ID, f.tm.seller2.ID, f.seller3.ID, f.tm.seller1.ID, f.tm.seller2.ID, f.seller3.ID}
	for i, w := range want {
		l := mustLead(t, f.sel1, model.Lead{Name: "Посетитель сайта", Source: "сайт"})
		if l.OwnerID != w || l.RoutedRuleID != site.ID || l.RoutedBy != "Сайт по очереди" {
			t.Errorf("round robin lead %d: owner %s rule %s, want %s", i+1, l.OwnerID, l.RoutedRuleID, w)
		}
	}
	rules, err := f.sel2.RoutingRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 4 || rules[2].ID != site.ID || rules[2].RRNext != 0 || rules[2].Version != 1 || len(rules[2].Team) != 3 {
		t.Errorf("after six leads the turn is back at the first member, the rule's version unchanged: %+v", rules[2])
	}
	// An inactive member is skipped.
	off := false
	u3 := findUser(t, f.admin, f.seller3.ID)
	if _, err := f.admin.UpdateUser(ctx, f.seller3.ID, model.UserUpdate{Version: u3.Version, Active: &off}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{f.tm.seller1.ID, f.tm.seller2.ID, f.tm.seller1.ID} {
		if l := mustLead(t, f.head, model.Lead{Name: "Ещё посетитель", Source: "сайт"}); l.OwnerID != w {
			t.Errorf("team without the inactive member: owner %s, want %s", l.OwnerID, w)
		}
	}
	// No rule fires: the creator keeps it.
	l = mustLead(t, f.sel2, model.Lead{Name: "Звонок", Phone: "8 (916) 123-45-67", Source: "звонок"})
	if l.OwnerID != f.tm.seller2.ID || l.RoutedRuleID != "" || l.RoutedBy != "" {
		t.Errorf("no rule: the creator owns it: %+v", l)
	}
	// An explicit owner is not routed; a seller may name only themselves.
	if l := mustLead(t, f.head, model.Lead{Name: "Прямой", Source: "сайт", OwnerID: f.tm.seller2.ID}); l.OwnerID != f.tm.seller2.ID || l.RoutedRuleID != "" {
		t.Errorf("explicit owner: %+v", l)
	}
	if _, err := f.sel1.SaveLead(ctx, model.Lead{Name: "Чужой", OwnerID: f.tm.seller2.ID}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller gives a lead to another: %v", err)
	}
	// Deleting a rule: the leads keep it.
	if err := f.head.DeleteRoutingRule(ctx, moscow.ID, moscow.Version); err != nil {
		t.Fatal(err)
	}
	if l := mustLead(t, f.head, model.Lead{Company: "ООО «Снова Москва»", RegionCode: "77"}); l.OwnerID != f.tm.head.ID {
		t.Errorf("deleted rule still fires: %+v", l)
	}
	leads, err := f.head.FindLeads(ctx, model.LeadFilter{Query: "столица"})
	if err != nil || len(leads) != 1 || leads[0].RoutedRuleID != moscow.ID {
		t.Errorf("the lead keeps its deleted rule: %v %+v", err, leads)
	}
	mustCheck(t, f.s)
}

func TestPipelineLeadAccessAndEdit(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	if _, err := f.sel1.SaveLead(ctx, model.Lead{Email: "bad"}); len(fieldsOf(err)) != 2 {
		t.Fatalf("no name and a bad e-mail: %v", err)
	}
	if _, err := f.sel1.SaveLead(ctx, model.Lead{Name: "Иван", Phone: "12"}); len(fieldsOf(err)) != 1 || fieldsOf(err)[0] != "phone" {
		t.Fatalf("a bad phone: %v", err)
	}
	if _, err := f.sel1.SaveLead(ctx, model.Lead{Name: "Иван", RegionCode: "00"}); len(fieldsOf(err)) != 1 || fieldsOf(err)[0] != "region" {
		t.Fatalf("an unknown region: %v", err)
	}
	a := mustLead(t, f.sel1, model.Lead{Name: " Иван Петров ", Company: "ООО «Ёлка»", Email: "Ivan@Elka.RU", Phone: "+7 916 123-45-67", Source: "выставка"})
	b := mustLead(t, f.sel2, model.Lead{Name: "Пётр", Company: "АО «Берёза»"})
	if a.Name != "Иван Петров" || a.Email != "ivan@elka.ru" || a.OwnerID != f.tm.seller1.ID {
		t.Errorf("normalised: %+v", a)
	}
	for _, x := range []struct {
		ss   *repo.Session
		f    model.LeadFilter
		want int
	}{
		{f.sel1, model.LeadFilter{}, 1},
		{f.sel2, model.LeadFilter{}, 1},
		{f.head, model.LeadFilter{}, 2},
		{f.head, model.LeadFilter{OwnerID: f.tm.seller2.ID}, 1},
		{f.head, model.LeadFilter{Query: "елка"}, 1},
		{f.head, model.LeadFilter{Query: "ИВАН"}, 1},
		{f.head, model.LeadFilter{Query: "916 123"}, 1},
		{f.head, model.LeadFilter{Query: "ivan@"}, 1},
		{f.head, model.LeadFilter{Status: model.LeadDisqualified}, 0},
	} {
		got, err := x.ss.FindLeads(ctx, x.f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := x.ss.CountLeads(ctx, x.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != x.want || n != x.want {
			t.Errorf("%+v: %d leads, count %d, want %d", x.f, len(got), n, x.want)
		}
	}
	if _, err := f.sel1.FindLeadByID(ctx, b.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a seller reads another's lead: %v", err)
	}
	b.Note = "чужое"
	if _, err := f.sel1.SaveLead(ctx, b); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a seller edits another's lead: %v", err)
	}
	if _, err := f.s.Session(f.tm.accountant).FindLeads(ctx, model.LeadFilter{}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("the accountant reads leads: %v", err)
	}
	a.Status, a.Note = model.LeadWorking, "перезвонить"
	a2, err := f.sel1.SaveLead(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if a2.Version != 2 || a2.Status != model.LeadWorking || a2.Num != a.Num || a2.Created != a.Created {
		t.Errorf("updated: %+v", a2)
	}
	if _, err := f.sel1.SaveLead(ctx, a); !errors.Is(err, model.ErrStale) {
		t.Errorf("stale save: %v", err)
	}
	a2.OwnerID = f.tm.seller2.ID
	if _, err := f.sel1.SaveLead(ctx, a2); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller reassigns a lead: %v", err)
	}
	a2.OwnerID = ""
	if _, err := f.sel1.DisqualifyLead(ctx, a2.ID, a2.Version, " "); len(fieldsOf(err)) != 1 {
		t.Errorf("disqualify without reason: %v", err)
	}
	d, err := f.sel1.DisqualifyLead(ctx, a2.ID, a2.Version, "Нет бюджета")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != model.LeadDisqualified || d.DisqualifyReason != "Нет бюджета" || d.Version != 3 {
		t.Errorf("disqualified: %+v", d)
	}
	if got, _ := f.sel1.FindLeads(ctx, model.LeadFilter{}); len(got) != 0 {
		t.Errorf("the default list shows new and working leads only: %d", len(got))
	}
	if got, _ := f.sel1.FindLeads(ctx, model.LeadFilter{All: true}); len(got) != 1 {
		t.Errorf("all statuses: %d", len(got))
	}
	audit, err := f.admin.FindAudit(ctx, model.AuditFilter{Entity: model.EntityLead, EntityID: a.ID})
	if err != nil || len(audit) != 3 {
		t.Errorf("audit of the lead: %v, %d entries", err, len(audit))
	}
}

func TestPipelineConvertLeadWithoutDeal(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	l := mustLead(t, f.sel1, model.Lead{Name: "Анна Смирнова", Phone: "+7 916 000-11-22", Email: "anna@example.ru", Source: "сайт",
		Segment: "Розница", RegionCode: "77", Note: "Хочет скидку"})
	res, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l.ID, Version: l.Version, NoDeal: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Deal.ID != "" || res.Lead.Status != model.LeadConverted || res.Lead.DealID != "" || res.CustomerID == "" || res.ContactID == "" {
		t.Fatalf("converted without a deal: %+v", res)
	}
	card, err := f.sel1.CustomerCard(ctx, res.CustomerID, 10)
	if err != nil {
		t.Fatal(err)
	}
	c := card.Customer
	if c.Kind != model.CustomerPerson || c.Name != "Анна Смирнова" || c.Phone != "+7 916 000-11-22" || c.Email != "anna@example.ru" ||
		c.LeadSource != "сайт" || c.Segment != "Розница" || c.RegionCode != "77" || c.OwnerID != f.tm.seller1.ID {
		t.Errorf("a person customer from the lead: %+v", c)
	}
	if len(card.Contacts) != 1 || !card.Contacts[0].Primary || card.Contacts[0].Phones[0] != "+7 916 000-11-22" {
		t.Errorf("contact: %+v", card.Contacts)
	}
	if len(card.Timeline) != 1 || card.Timeline[0].Kind != model.InteractionNote || card.Timeline[0].Text != "Хочет скидку" {
		t.Errorf("the note in the timeline: %+v", card.Timeline)
	}
	if _, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l.ID, Version: res.Lead.Version, NoDeal: true}); !errors.Is(err, model.ErrConverted) {
		t.Errorf("second conversion: %v", err)
	}
	if _, err := f.sel1.SaveLead(ctx, res.Lead); !errors.Is(err, model.ErrConverted) {
		t.Errorf("editing a converted lead: %v", err)
	}
	if _, err := f.sel1.DisqualifyLead(ctx, l.ID, res.Lead.Version, "поздно"); !errors.Is(err, model.ErrConverted) {
		t.Errorf("disqualifying a converted lead: %v", err)
	}
	hits, err := f.sel1.FindCustomers(ctx, model.CustomerFilter{Query: "смирнова анна"})
	if err != nil || len(hits) != 1 {
		t.Errorf("the new customer is in the search index: %v %d", err, len(hits))
	}
	// A lead attached to an existing customer: a second contact, not primary.
	other := createCustomer(t, f.sel1, "ООО «Уже есть»", "")
	l2 := mustLead(t, f.sel1, model.Lead{Name: "Олег", Company: "ООО «Уже есть»"})
	res2, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l2.ID, Version: l2.Version, CustomerID: other.ID, NoDeal: true})
	if err != nil || res2.CustomerID != other.ID {
		t.Fatalf("attach: %v %+v", err, res2)
	}
	theirs := createCustomer(t, f.sel2, "ООО «Чужой»", "")
	l3 := mustLead(t, f.sel1, model.Lead{Company: "ООО «Чужой»"})
	if _, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l3.ID, Version: l3.Version, CustomerID: theirs.ID, NoDeal: true}); len(fieldsOf(err)) != 1 {
		t.Errorf("attach to a customer the seller cannot see: %v", err)
	}
	mustCheck(t, f.s)
}

func TestPipelineConvertLead(t *testing.T) {
	f := newPipeFixture(t)
	ctx := t.Context()
	now := f.clk.Now()
	l := mustLead(t, f.sel1, model.Lead{Name: "Игорь Ветров", Position: "Директор", Company: "ООО «Ветер»", INN: "7707083893",
		Phone: "+7 495 111-22-33", Email: "vetrov@veter.ru", Source: "выставка", Segment: "Опт", Note: "Интересуется поставкой"})
	open := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityCall, Subject: "Позвонить Ветрову", Due: now.Add(24 * time.Hour), LeadID: l.ID})
	if open.LeadName != "ООО «Ветер»" || open.CustomerID != "" {
		t.Fatalf("a lead's activity: %+v", open)
	}
	done := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityTask, Subject: "Найти сайт", Due: now, LeadID: l.ID})
	if _, err := f.sel1.CompleteActivity(ctx, done.ID, done.Version, "нашёл", false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.sel2.ConvertLead(ctx, model.LeadConversion{LeadID: l.ID, Version: l.Version}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("another seller converts the lead: %v", err)
	}
	expected := time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	res, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l.ID, Version: l.Version, Amount: 150000, Expected: expected})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lead.Status != model.LeadConverted || res.Lead.CustomerID != res.CustomerID || res.Lead.ContactID != res.ContactID ||
		res.Lead.DealID != res.Deal.ID || res.Lead.ConvertedAt.IsZero() || res.Lead.Version != l.Version+1 {
		t.Errorf("the lead keeps the links: %+v", res.Lead)
	}
	card, err := f.sel1.CustomerCard(ctx, res.CustomerID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if c := card.Customer; c.Kind != model.CustomerCompany || c.Name != "ООО «Ветер»" || c.INN != "7707083893" || c.LeadSource != "выставка" ||
		c.Segment != "Опт" || c.OwnerID != f.tm.seller1.ID {
		t.Errorf("customer: %+v", c)
	}
	if len(card.Contacts) != 1 || card.Contacts[0].ID != res.ContactID || card.Contacts[0].Name != "Игорь Ветров" ||
		card.Contacts[0].Position != "Директор" || card.Contacts[0].Emails[0] != "vetrov@veter.ru" {
		t.Errorf("contact: %+v", card.Contacts)
	}
	if len(card.Timeline) != 1 || card.Timeline[0].Text != "Интересуется поставкой" || card.Timeline[0].Kind != model.InteractionNote {
		t.Errorf("timeline: %+v", card.Timeline)
	}
	d, err := f.sel1.FindDealByID(ctx, res.Deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "ООО «Ветер»" || d.CustomerID != res.CustomerID || d.ContactID != res.ContactID || d.LeadID != l.ID ||
		d.LeadSource != "выставка" || d.Amount != 150000 || !d.AmountManual || d.Currency != "RUB" || !d.ExpectedClose.Equal(expected) ||
		d.OwnerID != f.tm.seller1.ID || d.Status != model.DealOpen || d.StageID == "" {
		t.Errorf("deal: %+v", d)
	}
	acts, err := f.sel1.FindActivities(ctx, model.ActivityFilter{LeadID: l.ID})
	if err != nil || len(acts) != 2 {
		t.Fatalf("the lead's activities: %v %d", err, len(acts))
	}
	for _, a := range acts {
		switch a.ID {
		case open.ID:
			if a.CustomerID != res.CustomerID || a.DealID != d.ID || a.StageID != d.StageID || a.ContactID != res.ContactID || a.DealTitle != d.Title ||
				a.StageName == "" {
				t.Errorf("the open activity moves to the customer and the deal's stage: %+v", a)
			}
		case done.ID:
			if a.CustomerID != "" || a.DealID != "" {
				t.Errorf("a done activity stays with the lead: %+v", a)
			}
		}
	}
	// An activity for the deal belongs to its current stage and customer.
	a := mustActivity(t, f.sel1, model.Activity{Kind: model.ActivityMeeting, Subject: "Презентация", Due: now.Add(48 * time.Hour), DealID: d.ID})
	if a.StageID != d.StageID || a.CustomerID != res.CustomerID || a.CustomerName != "ООО «Ветер»" {
		t.Errorf("deal activity: %+v", a)
	}
	if _, err := f.sel1.ConvertLead(ctx, model.LeadConversion{LeadID: l.ID, Version: res.Lead.Version}); !errors.Is(err, model.ErrConverted) {
		t.Errorf("second conversion: %v", err)
	}
	// A named title and no amount: the amount comes from the (empty) lines.
	l2 := mustLead(t, f.head, model.Lead{Company: "АО «Ураган»", OwnerID: f.tm.seller2.ID})
	res2, err := f.head.ConvertLead(ctx, model.LeadConversion{LeadID: l2.ID, Version: l2.Version, DealTitle: "Поставка вентиляторов"})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Deal.Title != "Поставка вентиляторов" || res2.Deal.OwnerID != f.tm.seller2.ID || res2.Deal.AmountManual || res2.ContactID != "" {
		t.Errorf("head converts seller2's lead: %+v", res2)
	}
	mustCheck(t, f.s)
}
