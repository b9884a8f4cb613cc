package model

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestFormatDocNumber(t *testing.T) {
	feb1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	dec31 := time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		name string
		mask string
		day  time.Time
		seq  int64
		want string
	}{
		{"invoice", "СЧ-{YYYY}-{####}", feb1, 15, "СЧ-2026-0015"},
		{"invoice first", "СЧ-{YYYY}-{####}", feb1, 1, "СЧ-2026-0001"},
		{"padding filled", "СЧ-{YYYY}-{####}", feb1, 9999, "СЧ-2026-9999"},
		{"wider number printed in full", "СЧ-{YYYY}-{####}", feb1, 123456, "СЧ-2026-123456"},
		{"short year and month", "{YY}/{MM}-{###}", feb1, 7, "26/02-007"},
		{"day", "{DD}.{MM}.{YY}-{N}", dec31, 3, "31.12.26-3"},
		{"unpadded", "INV{N}", feb1, 42, "INV42"},
		{"unpadded large", "INV{N}", feb1, math.MaxInt64, "INV9223372036854775807"},
		{"sequence only", "{N}", feb1, 1, "1"},
		{"one #", "{#}", feb1, 5, "5"},
		{"sequence first", "{#####}/{YYYY}", feb1, 12, "00012/2026"},
		{"year 2000 short", "{YY}-{N}", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), 1, "00-1"},
		{"year below 1000", "{YYYY}-{N}", time.Date(999, 5, 1, 0, 0, 0, 0, time.UTC), 1, "0999-1"},
		{"date in its own location", "{DD}-{N}", time.Date(2026, 3, 1, 1, 0, 0, 0, time.FixedZone("MSK", 3*3600)), 1, "01-1"},
		{"spaces and Cyrillic kept", "Акт № {N} от {YYYY}", feb1, 8, "Акт № 8 от 2026"},
		{"40 characters", strings.Repeat("Ж", 37) + "{N}", feb1, 1, strings.Repeat("Ж", 37) + "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatDocNumber(tt.mask, tt.day, tt.seq)
			if err != nil {
				t.Fatalf("FormatDocNumber(%q, %d): %v", tt.mask, tt.seq, err)
			}
			if got != tt.want {
				t.Errorf("FormatDocNumber(%q, %d) = %q, want %q", tt.mask, tt.seq, got, tt.want)
			}
			if err := ValidateNumberMask(tt.mask); err != nil {
				t.Errorf("ValidateNumberMask(%q) = %v, want nil", tt.mask, err)
			}
		})
	}
}

func TestNumberMaskErrors(t *testing.T) {
	tests := []struct {
		name, mask string
	}{
		{"empty", ""},
		{"blank", "   "},
		{"no sequence", "СЧ-{YYYY}"},
		{"no tokens", "СЧ-1"},
		{"two sequences", "{N}-{###}"},
		{"two padded sequences", "{##}{##}"},
		{"unknown token", "{YYYY}-{Q}-{N}"},
		{"lower-case token", "{yyyy}-{N}"},
		{"empty braces", "{}{N}"},
		{"mixed token", "{#N}"},
		{"hash and letters", "{##A}"},
		{"unclosed", "СЧ-{YYYY-{N}"},
		{"unclosed at the end", "{N}-{"},
		{"closing without opening", "СЧ}-{N}"},
		{"nested", "{{N}}"},
		{"41 characters", strings.Repeat("Ж", 38) + "{N}"},
		{"line break", "СЧ\n{N}"},
		{"tab", "СЧ\t{N}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ValidateNumberMask(tt.mask); !errors.Is(err, ErrBadMask) {
				t.Errorf("ValidateNumberMask(%q) = %v, want ErrBadMask", tt.mask, err)
			}
			if got, err := FormatDocNumber(tt.mask, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 1); !errors.Is(err, ErrBadMask) || got != "" {
				t.Errorf("FormatDocNumber(%q) = %q, %v; want ErrBadMask", tt.mask, got, err)
			}
		})
	}
}

func TestFormatDocNumberBadArguments(t *testing.T) {
	feb1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		day  time.Time
		seq  int64
	}{
		{"sequence 0", feb1, 0},
		{"sequence negative", feb1, -1},
		{"sequence MinInt64", feb1, math.MinInt64},
		{"year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), 1},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := FormatDocNumber("СЧ-{YYYY}-{####}", tt.day, tt.seq); err == nil {
				t.Errorf("FormatDocNumber(seq %d, %v) = %q, want an error", tt.seq, tt.day, got)
			}
		})
	}
}

// TestFormatDocNumberInjective: for a fixed mask and date, sequences
// 1..100000 give 100000 different, non-empty numbers, even where the padded
// width is exceeded or the sequence touches digits of the date.
func TestFormatDocNumberInjective(t *testing.T) {
	day := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, mask := range []string{"СЧ-{YYYY}-{####}", "{YY}/{MM}-{###}", "INV{N}", "{YYYY}{N}", "{N}{YY}", "{#}1"} {
		t.Run(mask, func(t *testing.T) {
			seen := make(map[string]int64, 100000)
			for seq := int64(1); seq <= 100000; seq++ {
				got, err := FormatDocNumber(mask, day, seq)
				if err != nil {
					t.Fatalf("FormatDocNumber(%q, %d): %v", mask, seq, err)
				}
				if got == "" {
					t.Fatalf("FormatDocNumber(%q, %d) is empty", mask, seq)
				}
				if prev, ok := seen[got]; ok {
					t.Fatalf("FormatDocNumber(%q): %d and %d both give %q", mask, prev, seq, got)
				}
				seen[got] = seq
			}
		})
	}
}
