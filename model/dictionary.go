package model

import "time"

// Region is an entry of the region dictionary: a Russian federal subject
// (Code is its two-digit code) or a country (Code is ISO 3166 alpha-2).
type Region struct {
	Code   string
	NameRU string
	NameEN string
	Kind   string // "subject" or "country"
}

// Name returns the region's name in lang.
func (r Region) Name(lang string) string {
	if lang == "ru" || r.NameEN == "" {
		return r.NameRU
	}
	return r.NameEN
}

// DictKind names an editable dictionary of the customer base.
type DictKind string

// Editable dictionaries. Customer groups have a table of their own (prices
// hang on them), so they are not here.
const (
	DictIndustry   DictKind = "industry"
	DictSegment    DictKind = "segment"
	DictLeadSource DictKind = "lead_source"
)

// DictKinds lists the dictionaries.
var DictKinds = []DictKind{DictIndustry, DictSegment, DictLeadSource}

// CustomerGroup is a group of buyers (wholesale, retail, dealers …); the
// catalog gives each group its price list.
type CustomerGroup struct {
	ID        string
	Name      string
	Version   int64
	CreatedAt time.Time
}

// SavedFilter is a named customer filter a user keeps.
type SavedFilter struct {
	ID     string
	Name   string
	Filter CustomerFilter
}
