// Package assets embeds what Sdelka ships inside the binary: the icon and the
// UI translations. It imports only the standard library and model's catalog
// type, which parses the translations.
package assets

import (
	"embed"
	"path"
	"strings"

	"sdelka/model"
)

//go:embed icon.png
var Icon []byte

//go:embed i18n/*.json
var i18nFS embed.FS

// Catalog parses the embedded translations (one file per language, named by
// its code: en.json, ru.json).
func Catalog() (*model.Catalog, error) {
	entries, err := i18nFS.ReadDir("i18n")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := i18nFS.ReadFile(path.Join("i18n", e.Name()))
		if err != nil {
			return nil, err
		}
		files[strings.TrimSuffix(e.Name(), ".json")] = b
	}
	return model.NewCatalog(files)
}

// MustCatalog is Catalog for program start-up; the embedded files are checked
// by tests, so a failure here is a build defect.
func MustCatalog() *model.Catalog {
	c, err := Catalog()
	if err != nil {
		panic(err)
	}
	return c
}
