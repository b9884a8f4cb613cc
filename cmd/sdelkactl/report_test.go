package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportEveryKindAndFormat writes every report kind in every format it
// offers from a demo database and reads each file back.
func TestReportEveryKindAndFormat(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	wantHeader := map[string]string{"revenue": "Месяц;Выручка", "funnel": "Этап", "pipeline": "Ожидаемое закрытие", "ageing": "Просрочка",
		"forecast": "Месяц;Факт", "abc": "Клиент;Класс", "rfm": "Клиент"}
	for kind, head := range wantHeader {
		for _, f := range []string{"csv", "png", "pdf"} {
			if f == "png" && (kind == "abc" || kind == "rfm") {
				continue
			}
			file := filepath.Join(dir, kind+"."+f)
			code, out, errOut := ctl(t, "report", "--db", db, "--kind", kind, "--out", file)
			if code != 0 {
				t.Errorf("report %s %s: exit %d\n%s%s", kind, f, code, out, errOut)
				continue
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			switch f {
			case "csv":
				if first, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\ufeff"), "\n"); !strings.Contains(first, head) {
					t.Errorf("%s.csv header %q, want %q in it", kind, first, head)
				}
				if strings.Count(string(b), "\n") < 2 {
					t.Errorf("%s.csv has no rows:\n%s", kind, b)
				}
			case "png":
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil || img.Bounds().Dx() != 1600 {
					t.Errorf("%s.png: %v %v", kind, err, img)
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF")) {
					t.Errorf("%s.pdf is not a PDF", kind)
				}
			}
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "revenue.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Выручка по месяцам", "Период:", "Страница 1 из", "Ромашка"} {
			if !strings.Contains(string(txt), s) {
				t.Errorf("revenue.pdf lacks %q:\n%s", s, txt)
			}
		}
	}
	for _, bad := range [][]string{
		{"--kind", "profit"}, {"--kind", "revenue", "--from", "2026-13"}, {"--kind", "revenue", "--channel", "tv"},
		{"--kind", "abc", "--format", "png"}, {"--kind", "revenue", "--from", "2026-05", "--to", "2026-01"}, {"--kind", "forecast", "--horizon", "5"},
	} {
		args := append([]string{"report", "--db", db, "--out", filepath.Join(dir, "bad.csv")}, bad...)
		if code, out, errOut := ctl(t, args...); code == 0 {
			t.Errorf("report %v: exit 0\n%s%s", bad, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.csv")); err == nil {
		t.Error("a refused report left a file")
	}
}

func TestCommissionsCommand(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	code, out, errOut := ctl(t, "commissions", "--db", db, "--period", "2026-10", "--out", filepath.Join(dir, "summary.pdf"))
	if code != 0 || !strings.Contains(out, "commissions 2026-10, open") || !strings.Contains(out, "total") {
		t.Fatalf("commissions: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = ctl(t, "commissions", "--db", db, "--period", "2026-10", "--seller", "seller", "--out", filepath.Join(dir, "stmt.pdf"))
	if code != 0 {
		t.Fatalf("statement: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "stmt.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(txt), "Оплата") || !strings.Contains(string(txt), "СЧ-") {
			t.Errorf("the statement lists no payments:\n%.2000s", txt)
		}
	}
	if code, _, _ := ctl(t, "commissions", "--db", db, "--period", "октябрь"); code == 0 {
		t.Error("a month not written YYYY-MM was accepted")
	}
}
