package model_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

// fieldProblems returns err's field problems as "field=msg" strings, in order.
// An error that is not nil but carries no field problems fails the test.
func fieldProblems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	fe := model.FieldErrors(err)
	if fe == nil {
		t.Fatalf("error %v: got no field errors, want ValidationErrors", err)
	}
	out := make([]string, len(fe))
	for i, e := range fe {
		out[i] = e.Field + "=" + e.Msg
	}
	return out
}

// checkProblems compares err's field problems against want.
func checkProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	got := fieldProblems(t, err)
	if !slices.Equal(got, want) {
		t.Errorf("field problems: got %q, want %q", got, want)
	}
	if len(want) == 0 && err != nil {
		t.Errorf("error: got %v, want nil", err)
	}
}

func TestFieldErrors(t *testing.T) {
	two := model.ValidationErrors{
		{Field: "name", Msg: model.MsgRequired},
		{Field: "inn", Msg: model.MsgINNChecksum},
	}
	one := &model.ValidationError{Field: "email", Msg: "valid.email"}
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"nil", nil, nil},
		{"list", two, []string{"name=valid.required", "inn=valid.inn.checksum"}},
		{"list from Err", two.Err(), []string{"name=valid.required", "inn=valid.inn.checksum"}},
		{"wrapped list", fmt.Errorf("x: %w", two), []string{"name=valid.required", "inn=valid.inn.checksum"}},
		{"twice wrapped list", fmt.Errorf("save: %w", fmt.Errorf("x: %w", two.Err())), []string{"name=valid.required", "inn=valid.inn.checksum"}},
		{"single", one, []string{"email=valid.email"}},
		{"wrapped single", fmt.Errorf("x: %w", one), []string{"email=valid.email"}},
		{"unrelated", errors.New("disk full"), nil},
		{"unrelated wrapping sentinel", fmt.Errorf("x: %w", model.ErrStale), nil},
		{"not wrapped with %v", fmt.Errorf("x: %v", two), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := model.FieldErrors(tc.err)
			if tc.want == nil {
				if fe != nil {
					t.Errorf("FieldErrors(%v): got %v, want nil", tc.err, fe)
				}
				return
			}
			var got []string
			for _, e := range fe {
				got = append(got, e.Field+"="+e.Msg)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("FieldErrors(%v): got %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}

func TestValidationErrorsErr(t *testing.T) {
	t.Run("nil list", func(t *testing.T) {
		var v model.ValidationErrors
		if err := v.Err(); err != nil {
			t.Errorf("Err(): got %v, want nil", err)
		}
	})
	t.Run("empty non-nil list", func(t *testing.T) {
		v := model.ValidationErrors{}
		if err := v.Err(); err != nil {
			t.Errorf("Err(): got %#v, want untyped nil", err)
		}
	})
	t.Run("Add skips empty messages", func(t *testing.T) {
		var v model.ValidationErrors
		v.Add("name", "")
		v.Add("inn", "")
		if got := len(v); got != 0 {
			t.Fatalf("len: got %d, want 0", got)
		}
		if err := v.Err(); err != nil {
			t.Errorf("Err(): got %v, want nil", err)
		}
	})
	t.Run("Add keeps order", func(t *testing.T) {
		var v model.ValidationErrors
		v.Add("name", model.MsgRequired)
		v.Add("kpp", "")
		v.Add("inn", model.MsgINNLength)
		checkProblems(t, v.Err(), "name=valid.required", "inn=valid.inn.length")
	})
}

func TestValidationErrorMessages(t *testing.T) {
	one := &model.ValidationError{Field: "inn", Msg: model.MsgINNChecksum}
	if got, want := one.Error(), "inn: valid.inn.checksum"; got != want {
		t.Errorf("ValidationError.Error(): got %q, want %q", got, want)
	}
	many := model.ValidationErrors{one, {Field: "name", Msg: model.MsgRequired}}
	if got, want := many.Error(), "invalid: inn: valid.inn.checksum; name: valid.required"; got != want {
		t.Errorf("ValidationErrors.Error(): got %q, want %q", got, want)
	}
}

func TestLockedError(t *testing.T) {
	msk := time.FixedZone("MSK", 3*60*60)
	tests := []struct {
		name  string
		until time.Time
		want  string
	}{
		{"utc", time.Date(2026, 3, 1, 10, 15, 0, 0, time.UTC), "account locked until 2026-03-01T10:15:00Z"},
		{"moscow shown in utc", time.Date(2026, 3, 1, 13, 15, 0, 0, msk), "account locked until 2026-03-01T10:15:00Z"},
		{"seconds kept, fraction dropped", time.Date(2026, 12, 31, 23, 59, 59, 900_000_000, time.UTC), "account locked until 2026-12-31T23:59:59Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error = &model.LockedError{Until: tc.until}
			if got := err.Error(); got != tc.want {
				t.Errorf("Error(): got %q, want %q", got, tc.want)
			}
			var le *model.LockedError
			if !errors.As(fmt.Errorf("login ivan: %w", err), &le) || !le.Until.Equal(tc.until) {
				t.Errorf("errors.As through a wrap: got %v, want Until %v", le, tc.until)
			}
		})
	}
}

func TestStaleError(t *testing.T) {
	err := model.StaleError("customer", "0190-abc", 3)
	if !errors.Is(err, model.ErrStale) {
		t.Errorf("errors.Is(%v, ErrStale): got false, want true", err)
	}
	if errors.Is(err, model.ErrNotFound) || errors.Is(err, model.ErrConflict) {
		t.Errorf("errors.Is(%v, other sentinel): got true, want false", err)
	}
	if got, want := err.Error(), "customer 0190-abc version 3: record changed by someone else"; got != want {
		t.Errorf("Error(): got %q, want %q", got, want)
	}
	if !errors.Is(fmt.Errorf("update customer: %w", err), model.ErrStale) {
		t.Errorf("wrapped StaleError: got not ErrStale, want ErrStale")
	}
}

func TestSentinelsDistinct(t *testing.T) {
	all := []error{
		model.ErrNotFound, model.ErrConflict, model.ErrStale, model.ErrForbidden,
		model.ErrBadCredentials, model.ErrInactive, model.ErrDamaged, model.ErrForeign,
		model.ErrNewerSchema, model.ErrAlreadySetUp, model.ErrLastAdmin, model.ErrBusy,
	}
	msgs := map[string]bool{}
	for i, a := range all {
		if a == nil || strings.TrimSpace(a.Error()) == "" {
			t.Fatalf("sentinel %d: got nil or empty message, want a message", i)
		}
		if msgs[a.Error()] {
			t.Errorf("sentinel %q: got duplicate message, want unique", a.Error())
		}
		msgs[a.Error()] = true
		for j, b := range all {
			if i != j && errors.Is(a, b) {
				t.Errorf("errors.Is(%q, %q): got true, want false", a, b)
			}
		}
	}
}
