package ui

import (
	"testing"

	"sdelka/model"
)

// TestDynamicKeysAreTranslated checks the translation keys the screens build
// at run time ("sort." + order, "status." + status …), which the source scan
// of assets cannot see.
func TestDynamicKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, tab := range cardTabs {
		keys = append(keys, tab.title)
	}
	for _, s := range model.CustomerSorts {
		keys = append(keys, "sort."+string(s))
	}
	for _, k := range model.InteractionKinds {
		keys = append(keys, "interaction."+string(k))
	}
	for _, i := range impressions {
		keys = append(keys, "impression."+string(i))
	}
	for _, c := range model.ContactChannels {
		keys = append(keys, "channel."+string(c))
	}
	for _, s := range model.RequestStatuses {
		keys = append(keys, "status."+string(s))
	}
	for _, p := range model.RequestPriorities {
		keys = append(keys, "priority."+string(p))
	}
	for _, k := range dupBy {
		keys = append(keys, k)
	}
	for _, f := range model.ImportFields {
		keys = append(keys, "field."+f)
	}
	for _, c := range importErrorColumns {
		keys = append(keys, "col."+c.key)
	}
	keys = append(keys, model.MsgImportNoName, model.MsgImportUnknownKind, model.MsgImportUnknownRegion,
		model.MsgImportUnknownOwner, model.MsgImportUnknownGroup, model.MsgImportMangledNumber, "import.unreadable",
		model.MsgRequired)
	for _, lang := range catalog.Languages() {
		tr := catalog.Lang(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no translation for %q", lang, k)
			}
		}
	}
}
