package model_test

import (
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

func idRandom(b byte) [10]byte {
	var r [10]byte
	for i := range r {
		r[i] = b
	}
	return r
}

// checkIDFormat checks the textual shape of a UUIDv7.
func checkIDFormat(t *testing.T, id string) {
	t.Helper()
	if len(id) != 36 {
		t.Fatalf("NewID: got %q (%d chars), want 36 chars", id, len(id))
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				t.Errorf("NewID %q: got %q at %d, want '-'", id, c, i)
			}
		default:
			if !strings.ContainsRune("0123456789abcdef", rune(c)) {
				t.Errorf("NewID %q: got %q at %d, want lower-case hex", id, c, i)
			}
		}
	}
	if got := id[14]; got != '7' {
		t.Errorf("NewID %q: got version %q, want '7'", id, got)
	}
	if got := id[19]; !strings.ContainsRune("89ab", rune(got)) {
		t.Errorf("NewID %q: got variant %q, want one of 8, 9, a, b", id, got)
	}
}

func TestNewIDKnown(t *testing.T) {
	tests := []struct {
		name   string
		now    time.Time
		random [10]byte
		want   string
	}{
		{
			// RFC 9562, appendix A.6.
			"rfc 9562 test vector",
			time.UnixMilli(0x017F22E279B0),
			[10]byte{0x0C, 0xC3, 0x98, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F},
			"017f22e2-79b0-7cc3-98c4-dc0c0c07398f",
		},
		{"counting bytes", time.UnixMilli(0x019012345678), [10]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "01901234-5678-7001-8203-040506070809"},
		{"zero random", time.UnixMilli(0x019012345678), idRandom(0x00), "01901234-5678-7000-8000-000000000000"},
		{"all ones random", time.UnixMilli(0x019012345678), idRandom(0xff), "01901234-5678-7fff-bfff-ffffffffffff"},
		{"epoch", time.Unix(0, 0), idRandom(0x00), "00000000-0000-7000-8000-000000000000"},
		{"sub-millisecond dropped", time.UnixMilli(0x019012345678).Add(999 * time.Microsecond), idRandom(0x00), "01901234-5678-7000-8000-000000000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := model.NewID(tc.now, tc.random)
			if got != tc.want {
				t.Errorf("NewID(%v, %x): got %q, want %q", tc.now, tc.random, got, tc.want)
			}
			checkIDFormat(t, got)
		})
	}
}

func TestNewIDFormat(t *testing.T) {
	times := []time.Time{
		time.Unix(0, 0),
		time.Date(2026, 3, 1, 10, 15, 30, 123456789, time.UTC),
		time.Date(2026, 3, 1, 13, 15, 30, 0, time.FixedZone("MSK", 3*60*60)),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	randoms := [][10]byte{idRandom(0x00), idRandom(0xff), idRandom(0x0f), idRandom(0xf0), idRandom(0x3f), idRandom(0xc0)}
	for _, now := range times {
		for _, r := range randoms {
			t.Run(now.Format(time.RFC3339Nano)+"/"+string("0123456789abcdef"[r[0]>>4])+string("0123456789abcdef"[r[0]&15]), func(t *testing.T) {
				checkIDFormat(t, model.NewID(now, r))
			})
		}
	}
}

func TestIDTimeRoundTrip(t *testing.T) {
	msk := time.FixedZone("MSK", 3*60*60)
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"epoch", time.Unix(0, 0), time.Unix(0, 0)},
		{"exact millisecond", time.Date(2026, 3, 1, 10, 15, 30, 123_000_000, time.UTC), time.Date(2026, 3, 1, 10, 15, 30, 123_000_000, time.UTC)},
		{"nanoseconds truncated", time.Date(2026, 3, 1, 10, 15, 30, 123_999_999, time.UTC), time.Date(2026, 3, 1, 10, 15, 30, 123_000_000, time.UTC)},
		{"other zone", time.Date(2026, 3, 1, 13, 15, 30, 500_000_001, msk), time.Date(2026, 3, 1, 10, 15, 30, 500_000_000, time.UTC)},
		{"far future", time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range [][10]byte{idRandom(0), idRandom(0xff)} {
				id := model.NewID(tc.now, r)
				got, ok := model.IDTime(id)
				if !ok {
					t.Fatalf("IDTime(%q): got not ok, want ok", id)
				}
				if !got.Equal(tc.want) {
					t.Errorf("IDTime(%q): got %v, want %v", id, got, tc.want)
				}
				if got.Location() != time.UTC {
					t.Errorf("IDTime(%q): got location %v, want UTC", id, got.Location())
				}
			}
		})
	}
	t.Run("rfc 9562 vector, upper case", func(t *testing.T) {
		got, ok := model.IDTime("017F22E2-79B0-7CC3-98C4-DC0C0C07398F")
		want := time.Date(2022, 2, 22, 19, 22, 22, 0, time.UTC)
		if !ok || !got.Equal(want) {
			t.Errorf("IDTime: got (%v, %v), want (%v, true)", got, ok, want)
		}
	})
}

func TestNewIDOrder(t *testing.T) {
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	// Steps cross byte boundaries of the millisecond counter.
	steps := []time.Duration{
		time.Millisecond, 254 * time.Millisecond, time.Millisecond, time.Second,
		65536 * time.Millisecond, time.Hour, 24 * time.Hour, 365 * 24 * time.Hour,
	}
	now := start
	// The earlier ID gets the largest random part and the later the smallest,
	// so only the time can order them.
	prev := model.NewID(now, idRandom(0xff))
	for _, d := range steps {
		now = now.Add(d)
		id := model.NewID(now, idRandom(0x00))
		if !(prev < id) {
			t.Errorf("after +%v: got %q >= %q, want later IDs to sort after earlier ones", d, prev, id)
		}
		prev = model.NewID(now, idRandom(0xff))
	}
}

func TestIDTimeRejects(t *testing.T) {
	valid := model.NewID(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), [10]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	if _, ok := model.IDTime(valid); !ok {
		t.Fatalf("IDTime(%q): got not ok, want ok", valid)
	}
	set := func(i int, c byte) string { return valid[:i] + string(c) + valid[i+1:] }
	tests := []struct {
		name, id string
	}{
		{"empty", ""},
		{"uuid v4", "550e8400-e29b-41d4-a716-446655440000"},
		{"uuid v1", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
		{"nil uuid", "00000000-0000-0000-0000-000000000000"},
		{"35 chars", valid[:35]},
		{"37 chars", valid + "0"},
		{"no dashes", strings.ReplaceAll(valid, "-", "")},
		{"braces", "{" + valid[:34] + "}"},
		{"non-hex in time", set(2, 'z')},
		{"non-hex in time after the dash", set(10, 'g')},
		{"non-hex in random part", set(30, 'x')},
		{"non-hex after the version", set(15, 'z')},
		{"dash replaced by a hex digit", set(8, '0')},
		{"last dash replaced", set(23, 'x')},
		{"variant 0", set(19, '0')},
		{"variant 11", set(19, 'c')},
		{"text", "this is not a uuid, not one at all!!"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := model.IDTime(tc.id); ok {
				t.Errorf("IDTime(%q): got (%v, true), want false", tc.id, got)
			}
		})
	}
}

func TestNewIDSeqOrder(t *testing.T) {
	now := time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC)
	var r [10]byte
	for i := range r {
		r[i] = 0xff // the random bytes must not disturb the counter
	}
	prev := ""
	for seq := uint32(0); seq < 1<<18; seq += 97 {
		id := model.NewIDSeq(now, seq, r)
		if id <= prev {
			t.Fatalf("seq %d: %s does not sort after %s", seq, id, prev)
		}
		if got, ok := model.IDTime(id); !ok || !got.Equal(now) {
			t.Fatalf("seq %d: %s is not a v7 ID of %v", seq, id, now)
		}
		prev = id
	}
	if a, b := model.NewIDSeq(now, 5, r), model.NewIDSeq(now, 5, [10]byte{}); a == b {
		t.Fatalf("the random bytes after the counter are ignored: %s", a)
	}
}
