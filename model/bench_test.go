package model_test

import (
	"testing"
	"time"

	"sdelka/model"
)

func BenchmarkAuditHash(b *testing.B) {
	e := model.AuditEntry{Seq: 12345, At: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), UserID: "019cadc6-9a80-7f75-9a63-e075ae27a21a",
		UserLogin: "seller", Action: model.AuditUpdate, Entity: model.EntityCustomer, EntityID: "019cadc6-9a80-7f75-9a63-e075ae27a21b",
		Changes: []model.Change{{Field: "name", Old: "ООО «Альфа»", New: "ООО «Альфа Трейд»"}, {Field: "phone", Old: "", New: "+7 495 000-00-00"}}}
	for b.Loop() {
		model.AuditHash(model.AuditGenesis, e)
	}
}

func BenchmarkFoldText(b *testing.B) {
	for b.Loop() {
		model.FoldText("  ООО «Ёлка   Трейд» Северо-Западный филиал ")
	}
}

func BenchmarkINNProblem(b *testing.B) {
	for b.Loop() {
		model.INNProblem("500100732259")
	}
}

func BenchmarkCompanyValidate(b *testing.B) {
	c := model.Company{Name: "ООО «Ромашка»", INN: "7707083893", KPP: "773601001", OGRN: "1027700132195",
		BIC: "044525225", Account: "40702810938000000001", CorrAccount: "30101810400000000225"}
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
