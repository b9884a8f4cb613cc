package model_test

import (
	"strings"
	"testing"
	"unicode"

	"sdelka/model"
)

func TestCustomerValidate(t *testing.T) {
	company := model.Customer{Kind: model.CustomerCompany, Name: "ООО «Ромашка»", INN: coINN, KPP: coKPP,
		Phone: "+7 (495) 123-45-67", Email: "info@romashka.ru", OwnerID: "u1"}
	person := model.Customer{Kind: model.CustomerPerson, Name: "Иванов Иван", INN: coINN12, Phone: "8 916 000 00 00"}
	tests := []struct {
		name string
		base model.Customer
		edit func(*model.Customer)
		want []string
	}{
		{"valid company", company, func(*model.Customer) {}, nil},
		{"valid person", person, func(*model.Customer) {}, nil},
		{"name only, kind defaults to company", model.Customer{Name: "Ромашка"}, func(*model.Customer) {}, nil},
		{"empty kind with 10-digit inn", model.Customer{Name: "Ромашка", INN: coINN}, func(*model.Customer) {}, nil},
		{"spaces trimmed", company, func(c *model.Customer) { c.INN, c.KPP, c.Email = " "+coINN+" ", coKPP+" ", " a@b.ru" }, nil},
		{"person without inn", person, func(c *model.Customer) { c.INN = "" }, nil},
		{"company without inn", company, func(c *model.Customer) { c.INN = "" }, nil},
		{"company with 12-digit inn (sole proprietor)", company, func(c *model.Customer) { c.INN, c.KPP = coINN12, "" }, nil},

		{"name empty", company, func(c *model.Customer) { c.Name = "" }, []string{"name=valid.required"}},
		{"name blank", company, func(c *model.Customer) { c.Name = " \t" }, []string{"name=valid.required"}},
		{"unknown kind", company, func(c *model.Customer) { c.Kind, c.INN = "robot", "" }, []string{"kind=valid.kind"}},
		{"company inn checksum", company, func(c *model.Customer) { c.INN = "7707083894" }, []string{"inn=valid.inn.checksum"}},
		{"company inn length", company, func(c *model.Customer) { c.INN = "77070838931" }, []string{"inn=valid.inn.length"}},
		{"company inn letters", company, func(c *model.Customer) { c.INN = "77070838x3" }, []string{"inn=valid.digits_only"}},
		{"person with 10-digit inn", person, func(c *model.Customer) { c.INN = coINN }, []string{"inn=valid.inn.length12"}},
		{"person with 12-digit bad checksum", person, func(c *model.Customer) { c.INN = "500100732258" }, []string{"inn=valid.inn.checksum"}},
		{"person with 11 digits", person, func(c *model.Customer) { c.INN = "50010073225" }, []string{"inn=valid.inn.length"}},
		{"person inn letters", person, func(c *model.Customer) { c.INN = "5001007322x9" }, []string{"inn=valid.digits_only"}},
		{"kpp format", company, func(c *model.Customer) { c.KPP = "77360100" }, []string{"kpp=valid.kpp.format"}},
		{"email without @", company, func(c *model.Customer) { c.Email = "info.romashka.ru" }, []string{"email=valid.email"}},
		{"phone with 4 digits", company, func(c *model.Customer) { c.Phone = "+7 (123)" }, []string{"phone=valid.phone"}},
		{"phone with 4 digits and letters", company, func(c *model.Customer) { c.Phone = "доб. 1234" }, []string{"phone=valid.phone"}},
		{"phone letters only", company, func(c *model.Customer) { c.Phone = "нет" }, []string{"phone=valid.phone"}},
		{"phone with 5 digits", company, func(c *model.Customer) { c.Phone = "1-23-45" }, nil},
		{"phone blank", company, func(c *model.Customer) { c.Phone = "   " }, nil},
		{"everything wrong, in field order", company, func(c *model.Customer) {
			*c = model.Customer{Kind: model.CustomerPerson, INN: coINN, KPP: "x", Email: "x", Phone: "1"}
		}, []string{"name=valid.required", "inn=valid.inn.length12", "kpp=valid.kpp.person", "email=valid.email", "phone=valid.phone"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.base
			tc.edit(&c)
			checkProblems(t, c.Validate(), tc.want...)
		})
	}
}

func TestCustomerNormalize(t *testing.T) {
	in := model.Customer{Name: "  Ромашка ", INN: " 7707083893\t", KPP: " 773601001 ", Phone: " +7 ", Email: " a@b ", Note: " заметка ", OwnerID: " u1 "}
	got := in.Normalize()
	if got.Kind != model.CustomerCompany {
		t.Errorf("Kind: got %q, want %q", got.Kind, model.CustomerCompany)
	}
	for _, f := range []struct{ name, got, want string }{
		{"Name", got.Name, "Ромашка"}, {"INN", got.INN, "7707083893"}, {"KPP", got.KPP, "773601001"},
		{"Phone", got.Phone, "+7"}, {"Email", got.Email, "a@b"}, {"Note", got.Note, "заметка"},
		{"OwnerID untouched", got.OwnerID, " u1 "},
	} {
		if f.got != f.want {
			t.Errorf("%s: got %q, want %q", f.name, f.got, f.want)
		}
	}
	if p := (model.Customer{Kind: model.CustomerPerson}).Normalize().Kind; p != model.CustomerPerson {
		t.Errorf("person Kind: got %q, want %q", p, model.CustomerPerson)
	}
}

func TestPageLimit(t *testing.T) {
	tests := []struct{ in, want int }{
		{-1 << 31, 100}, {-1, 100}, {0, 100}, {1, 1}, {2, 2}, {50, 50}, {100, 100},
		{999, 999}, {1000, 1000}, {1001, 1000}, {1 << 40, 1000},
	}
	for _, tc := range tests {
		if got := model.PageLimit(tc.in); got != tc.want {
			t.Errorf("PageLimit(%d): got %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestFoldText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t\n ", ""},
		{"cyrillic upper", "РОМАШКА", "ромашка"},
		{"cyrillic mixed", "ООО Ромашка", "ооо ромашка"},
		{"every cyrillic capital", "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдеежзийклмнопрстуфхцчшщъыьэюя"},
		{"lower yo", "ёлка", "елка"},
		{"upper yo", "ЁЛКА", "елка"},
		{"yo inside", "Пётр Семёнов", "петр семенов"},
		{"latin", "Hello WORLD", "hello world"},
		{"mixed scripts", "ООО «Ромашка» LLC", "ооо «ромашка» llc"},
		{"ukrainian", "ЇЖАК Є Ґ І", "їжак є ґ і"},
		{"collapse spaces", "ООО   Ромашка", "ооо ромашка"},
		{"trim", "  Ромашка  ", "ромашка"},
		{"tabs and newlines", "ООО\t\tРомашка\nПлюс\r\n", "ооо ромашка плюс"},
		{"no-break space", "ООО\u00a0Ромашка", "ооо ромашка"},
		{"digits and punctuation kept", "ИНН: 7707083893, т.1", "инн: 7707083893, т.1"},
		{"already folded", "ооо ромашка", "ооо ромашка"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.FoldText(tc.in); got != tc.want {
				t.Errorf("FoldText(%q): got %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// checkFolded asserts the properties every FoldText result has.
func checkFolded(t *testing.T, in, got string) {
	t.Helper()
	if again := model.FoldText(got); again != got {
		t.Errorf("FoldText(FoldText(%q)): got %q, want %q", in, again, got)
	}
	if strings.Contains(got, "ё") {
		t.Errorf("FoldText(%q) = %q: contains ё", in, got)
	}
	for _, r := range got {
		if unicode.Is(unicode.Cyrillic, r) && unicode.IsUpper(r) {
			t.Errorf("FoldText(%q) = %q: contains upper-case %q", in, got, r)
		}
	}
	if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
		t.Errorf("FoldText(%q) = %q: untrimmed or double spaces", in, got)
	}
}

func FuzzFoldText(f *testing.F) {
	for _, s := range []string{
		"", " ", "ООО «Ромашка»", "ЁЛКА ёлка", "Пётр  Семёнов\t", "Hello WORLD", "\u00a0Ё\u00a0",
		"İSTANBUL", "ǅ", "a\xffb", "Ѐ Ѝ Ӂ Ԁ", "ß ẞ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFolded(t, s, model.FoldText(s))
	})
}

func TestFoldTextDecomposed(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Зе\u0308лкин", "зелкин"},
		{"Е\u0308лка", "елка"},
		{"Чаи\u0306ка", "чайка"},
	}
	for _, tt := range tests {
		if got := model.FoldText(tt.in); got != tt.want {
			t.Errorf("FoldText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
