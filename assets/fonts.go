package assets

import _ "embed"

// The document fonts: Noto Sans 2.000 (Google), as Fyne v2.7.1 bundles it,
// under the SIL Open Font License 1.1 (fonts/OFL.txt). It covers Latin and
// Cyrillic with ё, «», № and ₽, which the PDF fonts built into maroto lack.
// They are plain TTF bytes; reports registers them with the PDF library.
// Never hand these slices themselves to gofpdf (maroto): it appends to
// subslices of the font it subsets, writing into the array, so concurrent
// documents would race. Give it a copy (bytes.Clone) per document.

// FontRegular is Noto Sans Regular (TrueType).
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

// FontBold is Noto Sans Bold (TrueType).
//
//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte

// FontLicense is the text of the fonts' licence (SIL OFL 1.1), for an about
// box or a notices file: the licence asks that it travel with the fonts.
//
//go:embed fonts/OFL.txt
var FontLicense string
