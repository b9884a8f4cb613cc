package model_test

import (
	"testing"

	"sdelka/model"
)

func TestParseChannel(t *testing.T) {
	for in, want := range map[string]model.Channel{
		"": model.ChannelNone, "web": model.ChannelWeb, " Интернет-магазин ": model.ChannelWeb, "ДИЛЕРЫ": model.ChannelDealer,
		"Партнеры": model.ChannelDealer, "розница": model.ChannelRetail, "Прямые  продажи": model.ChannelDirect, "B2B": model.ChannelDirect,
	} {
		if got, ok := model.ParseChannel(in); !ok || got != want {
			t.Errorf("ParseChannel(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"телемаркетинг", "webb", "0"} {
		if got, ok := model.ParseChannel(in); ok {
			t.Errorf("ParseChannel(%q) = %q, want unknown", in, got)
		}
	}
	for _, c := range model.Channels {
		if got, ok := model.ParseChannel(model.ChannelName(c)); !ok || got != c {
			t.Errorf("the export name %q of %q reads back as %q", model.ChannelName(c), c, got)
		}
	}
	if err := (model.DashFilter{Channel: "tv"}).Validate(); err == nil {
		t.Error("an unknown channel in the filter passed")
	}
	if err := (model.DashFilter{From: model.Month{Year: 2020, Month: 1}, To: model.Month{Year: 2030, Month: 2}}).Validate(); err == nil {
		t.Error("a period of 121 months passed")
	}
}

func TestDashboardTotals(t *testing.T) {
	d := model.Dashboard{
		Pipeline: []model.PipelineMonth{{Weighted: 150}, {Weighted: 250}},
		Ageing:   append([]model.AgeingBucket(nil), model.AgeingBuckets...),
	}
	d.Ageing[0].Amount, d.Ageing[1].Amount, d.Ageing[4].Amount = 1000, 20, 3
	if got := d.WeightedPipeline(); got != 400 {
		t.Errorf("weighted pipeline %d, want 400", got)
	}
	if got := d.PastDue(); got != 23 {
		t.Errorf("past due %d, want 23 (the current bucket is not past due)", got)
	}
}
