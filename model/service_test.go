package model_test

import (
	"strconv"
	"testing"

	"sdelka/model"
)

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		minutes int
		want    []string
	}{
		{-1, []string{"idle_lock_minutes=valid.range"}},
		{0, nil},
		{1, nil},
		{15, nil},
		{24 * 60, nil},
		{24*60 + 1, []string{"idle_lock_minutes=valid.range"}},
		{1 << 30, []string{"idle_lock_minutes=valid.range"}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.minutes), func(t *testing.T) {
			checkProblems(t, model.Settings{IdleLockMinutes: tc.minutes}.Validate(), tc.want...)
		})
	}
}
