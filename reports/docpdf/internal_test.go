package docpdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

// modules reads a QR picture back into its grid of dark modules.
func modules(t *testing.T, pic *picture) [][]bool {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pic.data))
	if err != nil {
		t.Fatal(err)
	}
	n := img.Bounds().Dx()/qrModule - 2*qrQuiet
	out := make([][]bool, n)
	for y := range out {
		out[y] = make([]bool, n)
		for x := range out[y] {
			c := color.GrayModel.Convert(img.At((x+qrQuiet)*qrModule+qrModule/2, (y+qrQuiet)*qrModule+qrModule/2)).(color.Gray)
			out[y][x] = c.Y < 128
		}
	}
	return out
}

// TestQRLevelMByteMode checks that the drawn code is the level-M byte-mode
// encoding of the payload and no other level's, with a white quiet zone.
func TestQRLevelMByteMode(t *testing.T) {
	payload := "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810200000000001|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=1727210"
	pic, err := drawQR(payload)
	if err != nil {
		t.Fatal(err)
	}
	got := modules(t, pic)
	for _, tc := range []struct {
		level qr.ErrorCorrectionLevel
		want  bool
	}{{qr.L, false}, {qr.M, true}, {qr.Q, false}, {qr.H, false}} {
		code, err := qr.Encode(payload, tc.level, qr.Unicode)
		if err != nil {
			t.Fatal(err)
		}
		same := code.Bounds().Dx() == len(got)
		for y := 0; same && y < len(got); y++ {
			for x := 0; x < len(got); x++ {
				dark := color.GrayModel.Convert(code.At(x, y)).(color.Gray).Y < 128
				if dark != got[y][x] {
					same = false
					break
				}
			}
		}
		if same != tc.want {
			t.Errorf("level %v: the drawn code matches it: %v, want %v", tc.level, same, tc.want)
		}
	}
	img, _ := png.Decode(bytes.NewReader(pic.data))
	for i := 0; i < img.Bounds().Dx(); i++ {
		for _, pt := range []image.Point{{i, 0}, {0, i}, {i, img.Bounds().Dy() - 1}, {img.Bounds().Dx() - 1, i}} {
			if c := color.GrayModel.Convert(img.At(pt.X, pt.Y)).(color.Gray); c.Y != 255 {
				t.Fatalf("the quiet zone is not white at %v", pt)
			}
		}
	}
}

func TestParseBody(t *testing.T) {
	body := "Вступление, первая строка\nвторая строка вступления.\n\n# 1. Предмет договора\n" +
		"1.1. Первый пункт\nпродолжается здесь.\n1.2. Второй пункт.\n\n2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ\r\n2.1. Цена.\n" +
		"   \n10.2.3. Глубокий пункт.\nПросто строка 3. с точкой\n###\nИП\n"
	want := []bodyPara{
		{text: "Вступление, первая строка вторая строка вступления."},
		{text: "1. Предмет договора", heading: true},
		{text: "1.1. Первый пункт продолжается здесь."},
		{text: "1.2. Второй пункт."},
		{text: "2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ", heading: true},
		{text: "2.1. Цена."},
		{text: "10.2.3. Глубокий пункт. Просто строка 3. с точкой"},
		{text: "ИП", heading: true},
	}
	got := parseBody(body)
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if p := parseBody(""); len(p) != 0 {
		t.Errorf("empty body gave %+v", p)
	}
}

func TestCityOf(t *testing.T) {
	for in, want := range map[string]string{
		"117997, г. Москва, ул. Вавилова, д. 19": "г. Москва",
		"г.Санкт-Петербург, Невский пр., 1":      "г.Санкт-Петербург",
		"Московская обл., г.  Химки, ул. Ленина": "г. Химки",
		"ул. Ленина, д. 1":                       "",
		"":                                       "",
		"620014, Свердловская обл., г. Екатеринбург": "г. Екатеринбург",
	} {
		if got := cityOf(in); got != want {
			t.Errorf("cityOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPictures(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(0, 0, 2000, 1000))
	var big bytes.Buffer
	if err := png.Encode(&big, opaque); err != nil {
		t.Fatal(err)
	}
	interlacedLike := big.Bytes()[:len(big.Bytes())/2] // truncated: the header decodes, the data does not
	for _, tc := range []struct {
		name  string
		data  []byte
		ok    bool
		maxPx int
	}{
		{"empty", nil, false, 0},
		{"text", []byte("not an image"), false, 0},
		{"truncated", interlacedLike, false, 0},
		{"big", big.Bytes(), true, maxPictureSide},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), false, 0},
	} {
		pic := loadPicture(tc.data)
		if (pic != nil) != tc.ok {
			t.Errorf("%s: usable %v, want %v", tc.name, pic != nil, tc.ok)
			continue
		}
		if pic != nil && max(pic.w, pic.h) > tc.maxPx {
			t.Errorf("%s: %d×%d, want at most %d", tc.name, pic.w, pic.h, tc.maxPx)
		}
	}
	// Two pictures of one width are made to differ.
	b := &builder{}
	one := b.distinct(&picture{data: big.Bytes(), w: 10, h: 5, sum: [32]byte{1}})
	small := image.NewNRGBA(image.Rect(0, 0, 10, 5))
	var buf bytes.Buffer
	_ = png.Encode(&buf, small)
	two := b.distinct(&picture{data: buf.Bytes(), w: 10, h: 5, sum: [32]byte{2}})
	if one.w == two.w {
		t.Errorf("two different pictures are both %d wide", one.w)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"Счёт СЧ-2026-0001 ООО «Ромашка»": "Счёт СЧ-2026-0001 ООО Ромашка",
		`a/b\c:d|e<f>g?h*i"j`:             "a-b-c-d-efghij",
		"  tabs\tand\nnew lines  ":        "tabs and new lines",
		"trailing dots...":                "trailing dots",
		"CON":                             "_CON",
		"nul.txt":                         "_nul.txt",
		"..hidden":                        "hidden",
		"«»":                              "document",
		strings.Repeat("я", 200):          strings.Repeat("я", maxNameRunes),
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}
